"""Merkle benchmark worker: roots, proofs and verification, the extension vs its baselines.

Run by :mod:`benchmarks.core_ext.suite` in a subprocess per thread count (``RAYON_NUM_THREADS``
limits the extension's rayon pool); prints one JSON object. Leaves are 64 bytes.

* **root**: ``merkle.root(leaves)`` from a Python list of ``bytes`` (conversion included) vs a
  pure-Python hashlib tree built level by level, vs ``pymerkle.InmemoryTree`` (up to
  ``--pymerkle-max`` leaves; it keeps a Python object per node).
* **proofs from a built tree** (what a server does, O(log n)): the complete nodes of the tree
  are kept in Python lists; the extension plans the proof and folds the fetched nodes
  (``inclusion_proof_plan`` / ``consistency_proof_plan`` + ``fold_groups``, the server's path),
  the pure-Python baseline walks RFC 9162's recursion over the same lists with hashlib, and
  pymerkle proves on its own tree. Verification: ``merkle.verify_*`` vs
  ``reference.verify_*`` (hashlib) vs ``pymerkle.verify_*``.

    python -m benchmarks.core_ext.merkle_bench --sizes 1000,100000 [--baselines]
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import random
import time
from collections.abc import Callable, Sequence
from typing import Any

from benchmarks.common import best_of, parse_count, repeats_for
from tabularium.crypto import merkle, reference

Levels = list[list[bytes]]


def make_leaves(n: int) -> list[bytes]:
    return [i.to_bytes(8, "big") * 8 for i in range(n)]


def hashlib_levels(leaves: Sequence[bytes]) -> Levels:
    """Every complete node, level by level, with hashlib (the pure-Python tree)."""
    sha = hashlib.sha256
    level = [sha(b"\x00" + leaf).digest() for leaf in leaves]
    levels = [level]
    while len(level) > 1:
        level = [
            sha(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)
        ]
        levels.append(level)
    return levels


def hashlib_root(levels: Levels, n: int) -> bytes:
    return _subtree(levels, 0, n) if n else reference.EMPTY_ROOT


def _split(n: int) -> int:
    return 1 << ((n - 1).bit_length() - 1)


def _subtree(levels: Levels, begin: int, end: int) -> bytes:
    """Hash of leaves [begin, end) from stored complete nodes, folding the ragged right edge."""
    n = end - begin
    if n & (n - 1) == 0 and begin % n == 0:
        level = n.bit_length() - 1
        return levels[level][begin >> level]
    k = _split(n)
    left, right = _subtree(levels, begin, begin + k), _subtree(levels, begin + k, end)
    return hashlib.sha256(b"\x01" + left + right).digest()


def py_inclusion(levels: Levels, index: int, begin: int, end: int) -> list[bytes]:
    """RFC 9162 PATH(index, D[begin:end]) over stored nodes, bottom-up."""
    if end - begin == 1:
        return []
    k = _split(end - begin)
    if index < begin + k:
        return [*py_inclusion(levels, index, begin, begin + k), _subtree(levels, begin + k, end)]
    return [*py_inclusion(levels, index, begin + k, end), _subtree(levels, begin, begin + k)]


def py_consistency(levels: Levels, m: int, begin: int, end: int, complete: bool) -> list[bytes]:
    """RFC 9162 SUBPROOF(m, D[begin:end], complete) over stored nodes."""
    n = end - begin
    if m == n:
        return [] if complete else [_subtree(levels, begin, end)]
    k = _split(n)
    if m <= k:
        return [
            *py_consistency(levels, m, begin, begin + k, complete),
            _subtree(levels, begin + k, end),
        ]
    return [
        *py_consistency(levels, m - k, begin + k, end, False),
        _subtree(levels, begin, begin + k),
    ]


def ext_inclusion(levels: Levels, index: int, size: int) -> list[bytes]:
    plan = merkle.inclusion_proof_plan(index, size)
    return merkle.fold_groups([[levels[lv][i] for lv, i in group] for group in plan])


def ext_consistency(levels: Levels, old: int, size: int) -> list[bytes]:
    plan = merkle.consistency_proof_plan(old, size)
    return merkle.fold_groups([[levels[lv][i] for lv, i in group] for group in plan])


def per_op_us(fn: Callable[[Any], object], args: Sequence[Any]) -> float:
    """Mean microseconds of ``fn(arg)`` over ``args``."""
    started = time.perf_counter()
    for arg in args:
        fn(arg)
    return (time.perf_counter() - started) / len(args) * 1e6


def bench_proofs(n: int, levels: Levels, samples: int, pymerkle_tree: Any | None) -> dict[str, Any]:
    rng = random.Random(n)
    indices = [rng.randrange(n) for _ in range(samples)]
    olds = [rng.randrange(1, n) for _ in range(samples)] if n > 1 else []
    root = hashlib_root(levels, n)
    out: dict[str, Any] = {"samples": samples}
    # Agreement first: the extension's and the pure-Python proofs are the same bytes.
    for i in indices[:20]:
        assert ext_inclusion(levels, i, n) == py_inclusion(levels, i, 0, n)
    for m in olds[:20]:
        assert ext_consistency(levels, m, n) == py_consistency(levels, m, 0, n, True)

    few = indices[: max(1, samples // 4)]
    out["inclusion_generate_us"] = {
        "extension": per_op_us(lambda i: ext_inclusion(levels, i, n), indices),
        "hashlib": per_op_us(lambda i: py_inclusion(levels, i, 0, n), indices),
    }
    proofs = {i: ext_inclusion(levels, i, n) for i in indices}
    leaf = {i: levels[0][i] for i in indices}
    out["inclusion_verify_us"] = {
        "extension": per_op_us(
            lambda i: merkle.verify_inclusion(leaf[i], i, n, proofs[i], root), indices
        ),
        "hashlib": per_op_us(
            lambda i: reference.verify_inclusion(leaf[i], i, n, proofs[i], root), indices
        ),
    }
    if olds:
        old_roots = {m: hashlib_root(levels, m) for m in olds}
        cproofs = {m: ext_consistency(levels, m, n) for m in olds}
        out["consistency_generate_us"] = {
            "extension": per_op_us(lambda m: ext_consistency(levels, m, n), olds),
            "hashlib": per_op_us(lambda m: py_consistency(levels, m, 0, n, True), olds),
        }
        out["consistency_verify_us"] = {
            "extension": per_op_us(
                lambda m: merkle.verify_consistency(m, n, cproofs[m], old_roots[m], root), olds
            ),
            "hashlib": per_op_us(
                lambda m: reference.verify_consistency(m, n, cproofs[m], old_roots[m], root), olds
            ),
        }
    if pymerkle_tree is not None:
        from pymerkle import verify_consistency, verify_inclusion

        tree = pymerkle_tree
        pm_root = tree.get_root(n)
        assert pm_root == root
        out["inclusion_generate_us"]["pymerkle"] = per_op_us(
            lambda i: tree.prove_inclusion(i + 1, n), few
        )
        pm_proofs = {i: tree.prove_inclusion(i + 1, n) for i in few}
        out["inclusion_verify_us"]["pymerkle"] = per_op_us(
            lambda i: verify_inclusion(leaf[i], pm_root, pm_proofs[i]), few
        )
        if olds:
            fewer = olds[: max(1, samples // 4)]
            out["consistency_generate_us"]["pymerkle"] = per_op_us(
                lambda m: tree.prove_consistency(m, n), fewer
            )
            pm_c = {m: tree.prove_consistency(m, n) for m in fewer}
            pm_old = {m: tree.get_root(m) for m in fewer}
            out["consistency_verify_us"]["pymerkle"] = per_op_us(
                lambda m: verify_consistency(pm_old[m], pm_root, pm_c[m]), fewer
            )
    for key, value in out.items():
        if isinstance(value, dict):
            out[key] = {k: round(v, 3) for k, v in value.items()}
    return out


def run(sizes: Sequence[int], baselines: bool, pymerkle_max: int, samples: int) -> dict[str, Any]:
    results = []
    for n in sizes:
        leaves = make_leaves(n)
        repeat = repeats_for(n)
        ext_root = merkle.root(leaves)
        row: dict[str, Any] = {"leaves": n, "leaf_bytes": 64, "repeats": repeat}
        row["extension_root_s"] = best_of(lambda leaves=leaves: merkle.root(leaves), repeat)
        if baselines:
            started = time.perf_counter()
            levels = hashlib_levels(leaves)
            row["hashlib_root_s"] = time.perf_counter() - started
            assert hashlib_root(levels, n) == ext_root
            tree = None
            if n <= pymerkle_max:
                from pymerkle import InmemoryTree

                started = time.perf_counter()
                tree = InmemoryTree.init_from_entries(leaves)
                pm_root = tree.get_root()
                row["pymerkle_root_s"] = time.perf_counter() - started
                assert pm_root == ext_root
            row["proofs"] = bench_proofs(n, levels, samples, tree)
            del levels, tree
        results.append(row)
        del leaves
        gc.collect()
    return {"sizes": results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--baselines", action="store_true")
    parser.add_argument("--pymerkle-max", default="1000000")
    parser.add_argument("--samples", type=int, default=2000)
    args = parser.parse_args()
    sizes = [parse_count(s) for s in args.sizes.split(",")]
    print(json.dumps(run(sizes, args.baselines, parse_count(args.pymerkle_max), args.samples)))


if __name__ == "__main__":
    main()
