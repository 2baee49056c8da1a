"""Merkle tree tests: shared vectors, the pure-Python reference, and append/plan equivalence."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabularium.crypto import merkle, reference
from tabularium.errors import InvalidProof

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "merkle"


def _load(sub: str) -> list[Any]:
    paths = sorted((VECTORS / sub).rglob("*.json"))
    assert paths, f"no vectors in {sub}"
    return [pytest.param(json.loads(p.read_text()), id=str(p.relative_to(VECTORS))) for p in paths]


def _hexes(values: list[str]) -> list[bytes]:
    return [bytes.fromhex(v) for v in values]


# ---- vectors ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", _load("root"))
def test_root_vectors(case: dict[str, Any]) -> None:
    leaves = _hexes(case["input"]["leaves"])
    assert merkle.root(leaves).hex() == case["want"]
    assert reference.root(leaves).hex() == case["want"]


@pytest.mark.parametrize("case", _load("inclusion_proof"))
def test_inclusion_proof_vectors(case: dict[str, Any]) -> None:
    leaves, index = _hexes(case["input"]["leaves"]), case["input"]["index"]
    if case["want_err"]:
        with pytest.raises(ValueError, match="out of range"):
            merkle.inclusion_proof(leaves, index)
        return
    assert [h.hex() for h in merkle.inclusion_proof(leaves, index)] == case["want"]
    assert [h.hex() for h in reference.inclusion_proof(leaves, index)] == case["want"]


@pytest.mark.parametrize("case", _load("consistency_proof"))
def test_consistency_proof_vectors(case: dict[str, Any]) -> None:
    leaves, old = _hexes(case["input"]["leaves"]), case["input"]["old_size"]
    if case["want_err"]:
        with pytest.raises(ValueError, match="old_size"):
            merkle.consistency_proof(leaves, old)
        return
    assert [h.hex() for h in merkle.consistency_proof(leaves, old)] == case["want"]
    assert [h.hex() for h in reference.consistency_proof(leaves, old)] == case["want"]


@pytest.mark.parametrize("case", _load("inclusion"))
def test_verify_inclusion_vectors(case: dict[str, Any]) -> None:
    i = case["input"]
    args = (bytes.fromhex(i["leaf_hash"]), i["leaf_index"], i["tree_size"], _hexes(i["proof"]))
    root = bytes.fromhex(i["root"])
    if case["want_err"]:
        with pytest.raises(InvalidProof):
            merkle.verify_inclusion(*args, root)
        with pytest.raises(InvalidProof):
            reference.verify_inclusion(*args, root)
    else:
        merkle.verify_inclusion(*args, root)
        reference.verify_inclusion(*args, root)


@pytest.mark.parametrize("case", _load("consistency"))
def test_verify_consistency_vectors(case: dict[str, Any]) -> None:
    i = case["input"]
    args = (i["old_size"], i["new_size"], _hexes(i["proof"]))
    roots = (bytes.fromhex(i["old_root"]), bytes.fromhex(i["new_root"]))
    if case["want_err"]:
        with pytest.raises(InvalidProof):
            merkle.verify_consistency(*args, *roots)
        with pytest.raises(InvalidProof):
            reference.verify_consistency(*args, *roots)
    else:
        merkle.verify_consistency(*args, *roots)
        reference.verify_consistency(*args, *roots)


# ---- error messages ------------------------------------------------------------------


def test_error_messages_say_got_and_want() -> None:
    leaves = [bytes([i]) for i in range(5)]
    r = merkle.root(leaves)
    proof = merkle.inclusion_proof(leaves, 1)
    lh = merkle.leaf_hash(leaves[1])
    with pytest.raises(InvalidProof, match=r"proof has 2 hashes, want 3"):
        merkle.verify_inclusion(lh, 1, 5, proof[:2], r)
    with pytest.raises(InvalidProof, match=r"index 7 out of range for size 5"):
        merkle.verify_inclusion(lh, 7, 5, proof, r)
    wrong = bytes(32)
    with pytest.raises(InvalidProof) as exc:
        merkle.verify_inclusion(lh, 1, 5, proof, wrong)
    assert r.hex() in str(exc.value) and wrong.hex() in str(exc.value)
    with pytest.raises(InvalidProof, match=r"proof\[0\] has 31 bytes, want 32"):
        merkle.verify_inclusion(lh, 1, 5, [proof[0][:31], *proof[1:]], r)
    with pytest.raises(ValueError, match=r"left has 31 bytes, want 32"):
        merkle.node_hash(bytes(31), bytes(32))
    with pytest.raises(ValueError, match=r"frontier has 1 hashes, want 2"):
        merkle.append(3, [bytes(32)], [])
    with pytest.raises(ValueError, match=r"leaf_hashes\[1\] has 3 bytes, want 32"):
        merkle.append(0, [], [bytes(32), b"abc"])
    with pytest.raises(ValueError, match=r"index 5 out of range for size 5"):
        merkle.inclusion_proof_plan(5, 5)
    with pytest.raises(ValueError, match=r"index is -1, want >= 0"):
        merkle.inclusion_proof(leaves, -1)
    with pytest.raises(ValueError, match=r"begin 3 > end 2"):
        merkle.range_nodes(3, 2)
    with pytest.raises(ValueError, match=r"group 1 is empty"):
        merkle.fold_groups([[bytes(32)], []])
    with pytest.raises(InvalidProof, match=r"old_size 3 > new_size 2"):
        merkle.verify_consistency(3, 2, [], r, r)
    with pytest.raises(TypeError):
        merkle.root(["not bytes"])  # type: ignore[list-item]


def test_constants() -> None:
    assert merkle.EMPTY_ROOT == merkle.root([]) == merkle.root_from_frontier([])
    assert merkle.leaf_hash(b"x") == reference.leaf_hash(b"x")
    a, b = merkle.leaf_hash(b"a"), merkle.leaf_hash(b"b")
    assert merkle.node_hash(a, b) == reference.node_hash(a, b)
    assert merkle.leaf_hashes([b"a", b"b"]) == [a, b]
    assert (merkle.LEAF_PREFIX, merkle.NODE_PREFIX, merkle.HASH_SIZE) == (0, 1, 32)


# ---- hypothesis vs the reference -------------------------------------------------------

leaf_lists = st.lists(st.binary(max_size=40), min_size=1, max_size=80)


@settings(max_examples=150, deadline=None)
@given(leaves=leaf_lists, data=st.data())
def test_matches_reference(leaves: list[bytes], data: st.DataObject) -> None:
    n = len(leaves)
    r = merkle.root(leaves)
    assert r == reference.root(leaves) == reference.root_iterative(leaves)
    i = data.draw(st.integers(0, n - 1))
    proof = merkle.inclusion_proof(leaves, i)
    assert proof == reference.inclusion_proof(leaves, i)
    lh = merkle.leaf_hash(leaves[i])
    merkle.verify_inclusion(lh, i, n, proof, r)
    m = data.draw(st.integers(0, n))
    cproof = merkle.consistency_proof(leaves, m)
    assert cproof == reference.consistency_proof(leaves, m)
    old = merkle.root(leaves[:m])
    merkle.verify_consistency(m, n, cproof, old, r)
    reference.verify_consistency(m, n, cproof, old, r)


@settings(max_examples=150, deadline=None)
@given(leaves=leaf_lists, data=st.data())
def test_corrupted_proofs_rejected_like_reference(leaves: list[bytes], data: st.DataObject) -> None:
    n = len(leaves)
    r = merkle.root(leaves)
    i = data.draw(st.integers(0, n - 1))
    proof = merkle.inclusion_proof(leaves, i)
    lh = merkle.leaf_hash(leaves[i])
    mutation = data.draw(st.sampled_from(["flip", "drop", "extra", "index", "size"]))
    args: tuple[bytes, int, int, list[bytes], bytes] = (lh, i, n, proof, r)
    if mutation == "flip" and proof:
        k = data.draw(st.integers(0, len(proof) - 1))
        bad = bytearray(proof[k])
        bad[data.draw(st.integers(0, 31))] ^= 1 << data.draw(st.integers(0, 7))
        args = (lh, i, n, [*proof[:k], bytes(bad), *proof[k + 1 :]], r)
    elif mutation == "drop" and proof:
        args = (lh, i, n, proof[:-1], r)
    elif mutation == "extra":
        args = (lh, i, n, [*proof, bytes(32)], r)
    elif mutation == "index":
        args = (lh, data.draw(st.integers(0, 2 * n).filter(lambda j: j != i)), n, proof, r)
    elif mutation == "size":
        args = (lh, i, data.draw(st.integers(i + 1, 2 * n + 1).filter(lambda s: s != n)), proof, r)
    else:
        return

    def outcome(fn: Any) -> bool:
        try:
            fn(*args)
        except InvalidProof:
            return False
        return True

    # A mutated index or size can still verify when the path shape allows it (e.g. the
    # same subtree); the extension must agree with the reference either way.
    assert outcome(merkle.verify_inclusion) == outcome(reference.verify_inclusion)
    if mutation in ("flip", "drop", "extra"):
        assert not outcome(merkle.verify_inclusion)


# ---- storage-layer support: append, plans, fold ------------------------------------------


def _build(
    leaves: list[bytes], rng: random.Random
) -> tuple[dict[tuple[int, int], bytes], list[bytes]]:
    """Append ``leaves`` in random chunks; return every stored node and each size's root."""
    hashes = merkle.leaf_hashes(leaves)
    nodes: dict[tuple[int, int], bytes] = {}
    frontier: list[bytes] = []
    roots = [merkle.EMPTY_ROOT]
    size = 0
    while size < len(hashes):
        chunk = hashes[size : size + rng.randint(1, 9)]
        frontier, new, r = merkle.append(size, frontier, chunk)
        assert new == sorted(new, key=lambda t: (t[0], t[1]))
        for level, index, h in new:
            assert (level, index) not in nodes
            nodes[(level, index)] = h
        size += len(chunk)
        roots.extend([b""] * (len(chunk) - 1) + [r])
        assert frontier == [nodes[n] for n in merkle.range_nodes(0, size)]
    return nodes, roots


def _fold(nodes: dict[tuple[int, int], bytes], plan: list[list[tuple[int, int]]]) -> list[bytes]:
    return merkle.fold_groups([[nodes[n] for n in group] for group in plan])


def test_plans_over_appended_nodes_equal_proofs() -> None:
    rng = random.Random(9162)
    leaves = [rng.randbytes(rng.randint(0, 20)) for _ in range(70)]
    nodes, roots = _build(leaves, rng)
    assert len(nodes) == 2 * 70 - (70).bit_count()
    for n in range(71):
        tree = leaves[:n]
        want_root = merkle.root(tree)
        frontier = [nodes[x] for x in merkle.range_nodes(0, n)]
        assert merkle.root_from_frontier(frontier) == want_root
        if roots[n]:
            assert roots[n] == want_root
        for i in range(n):
            assert _fold(nodes, merkle.inclusion_proof_plan(i, n)) == merkle.inclusion_proof(
                tree, i
            )
        for m in range(n + 1):
            got = _fold(nodes, merkle.consistency_proof_plan(m, n))
            assert got == merkle.consistency_proof(tree, m)


def test_plans_random_large_sizes() -> None:
    rng = random.Random(6962)
    leaves = [i.to_bytes(4, "big") for i in range(3000)]
    nodes, _ = _build(leaves, rng)
    for _ in range(40):
        n = rng.randint(1, 3000)
        i, m = rng.randrange(n), rng.randint(0, n)
        assert _fold(nodes, merkle.inclusion_proof_plan(i, n)) == reference.inclusion_proof(
            leaves[:n], i
        )
        assert _fold(nodes, merkle.consistency_proof_plan(m, n)) == reference.consistency_proof(
            leaves[:n], m
        )


# ---- large batches: split across threads, read from the bytes objects without copying -----


def test_large_batches_match_reference() -> None:
    """Sizes around the parallel split (tasks of ~4096 compressions, runs of 2^k leaves),
    leaves of every padding case, and a few long leaves that make the work uneven."""
    rng = random.Random(9162)
    leaves = [rng.randbytes(rng.randrange(200)) for _ in range(9000)]
    for i in range(0, 9000, 1500):
        leaves[i] = rng.randbytes(100_000 + i)
    for n in (1023, 1024, 1025, 2049, 4097, 9000):
        tree = leaves[:n]
        assert merkle.root(tree) == reference.root_iterative(tree), n
        assert merkle.leaf_hashes(tree) == [reference.leaf_hash(d) for d in tree], n
    assert merkle.root(iter(leaves)) == merkle.root(leaves)
    i = 4321
    assert merkle.inclusion_proof(leaves, i) == reference.inclusion_proof(leaves, i)
    assert merkle.consistency_proof(leaves, i) == reference.consistency_proof(leaves, i)


def test_leaf_lists_take_bytes_only() -> None:
    for bad in (bytearray(b"x"), memoryview(b"x"), "x"):
        with pytest.raises(TypeError):
            merkle.root([b"a"] * 5000 + [bad])  # type: ignore[list-item]
        with pytest.raises(TypeError):
            merkle.leaf_hashes([b"a", bad])  # type: ignore[list-item]
        with pytest.raises(TypeError):
            merkle.leaf_hash(bad)  # type: ignore[arg-type]


def test_append_one_big_batch_and_plans_shape() -> None:
    hashes = [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(100_000)]
    frontier, nodes, r = merkle.append(0, [], hashes)
    assert len(frontier) == (100_000).bit_count()
    assert len(nodes) == 2 * 100_000 - (100_000).bit_count()
    assert r == merkle.root([i.to_bytes(4, "big") for i in range(100_000)])
    assert merkle.range_nodes(0, 7) == [(2, 0), (1, 2), (0, 6)]
    assert merkle.inclusion_proof_plan(0, 7) == [[(0, 1)], [(1, 1)], [(1, 2), (0, 6)]]
    assert merkle.consistency_proof_plan(3, 7) == [[(0, 2)], [(0, 3)], [(1, 0)], [(1, 2), (0, 6)]]
