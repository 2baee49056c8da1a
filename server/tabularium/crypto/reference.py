"""Slow, obviously-correct pure-Python reference of :mod:`tabularium.crypto.merkle`.

Written straight from RFC 9162 §2.1 with :mod:`hashlib`, for tests that cross-check the
extension on random inputs and for benchmarks' same-run baselines. Not for production use.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from tabularium.errors import InvalidProof

EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    """``SHA-256(0x00 || data)``."""
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """``SHA-256(0x01 || left || right)``."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    """Largest power of two strictly smaller than ``n`` (requires ``n >= 2``)."""
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def root(leaves: Sequence[bytes]) -> bytes:
    """``MTH(D[n])``, by the RFC's recursive definition."""
    n = len(leaves)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return leaf_hash(leaves[0])
    k = _split(n)
    return node_hash(root(leaves[:k]), root(leaves[k:]))


def root_iterative(leaves: Sequence[bytes]) -> bytes:
    """``MTH(D[n])`` level by level (no recursion): the baseline for large benchmarks."""
    level = [hashlib.sha256(b"\x00" + d).digest() for d in leaves]
    if not level:
        return EMPTY_ROOT
    sha = hashlib.sha256
    while len(level) > 1:
        nxt = [sha(b"\x01" + level[i] + level[i + 1]).digest() for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return level[0]


def inclusion_proof(leaves: Sequence[bytes], index: int) -> list[bytes]:
    """``PATH(index, D[n])``. Requires ``0 <= index < n`` (else ``ValueError``)."""
    n = len(leaves)
    if not 0 <= index < n:
        raise ValueError(f"index {index} out of range for size {n}")
    if n == 1:
        return []
    k = _split(n)
    if index < k:
        return [*inclusion_proof(leaves[:k], index), root(leaves[k:])]
    return [*inclusion_proof(leaves[k:], index - k), root(leaves[:k])]


def _subproof(m: int, leaves: Sequence[bytes], complete: bool) -> list[bytes]:
    n = len(leaves)
    if m == n:
        return [] if complete else [root(leaves)]
    k = _split(n)
    if m <= k:
        return [*_subproof(m, leaves[:k], complete), root(leaves[k:])]
    return [*_subproof(m - k, leaves[k:], False), root(leaves[:k])]


def consistency_proof(leaves: Sequence[bytes], old_size: int) -> list[bytes]:
    """``PROOF(old_size, D[n])``; ``[]`` for ``old_size`` 0 or ``n``.

    Raises ``ValueError`` unless ``0 <= old_size <= n``.
    """
    n = len(leaves)
    if not 0 <= old_size <= n:
        raise ValueError(f"old_size {old_size} out of range for size {n}")
    if old_size in (0, n):
        return []
    return _subproof(old_size, leaves, True)


def verify_inclusion(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """RFC 9162 §2.1.3.2, step by step. Raises :class:`InvalidProof`."""
    if not 0 <= index < size:
        raise InvalidProof(f"index {index} out of range for size {size}")
    if any(len(h) != 32 for h in (leaf_hash, root, *proof)):
        raise InvalidProof("hashes must be 32 bytes")
    fn, sn, r = index, size - 1, leaf_hash
    for p in proof:
        if sn == 0:
            raise InvalidProof("proof too long")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0 or r != root:
        raise InvalidProof("root mismatch or proof too short")


def verify_consistency(
    old_size: int, new_size: int, proof: Sequence[bytes], old_root: bytes, new_root: bytes
) -> None:
    """RFC 9162 §2.1.4.2 with Tabularium's edge cases. Raises :class:`InvalidProof`."""
    if not 0 <= old_size <= new_size:
        raise InvalidProof(f"old_size {old_size} > new_size {new_size}")
    if any(len(h) != 32 for h in (old_root, new_root, *proof)):
        raise InvalidProof("hashes must be 32 bytes")
    if old_size == new_size:
        if proof or old_root != new_root:
            raise InvalidProof("equal sizes need an empty proof and equal roots")
        return
    if old_size == 0:
        if proof or old_root != EMPTY_ROOT:
            raise InvalidProof("old_size 0 needs an empty proof and the empty root")
        return
    if not proof:
        raise InvalidProof("empty proof")
    path = list(proof)
    if old_size & (old_size - 1) == 0:
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise InvalidProof("proof too long")
        if fn & 1 or fn == sn:
            fr, sr = node_hash(c, fr), node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    if sn != 0 or fr != old_root or sr != new_root:
        raise InvalidProof("root mismatch or proof too short")
