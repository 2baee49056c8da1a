"""RFC 9162 Merkle tree hashing and proof verification, in pure Python (hashlib).

Leaf hash ``SHA-256(0x00 || data)``, node hash ``SHA-256(0x01 || left || right)``. The
verifiers follow RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency) step by step.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from tabularium_client.errors import (
    CONSISTENCY_PROOF_INVALID,
    INCLUSION_PROOF_INVALID,
    VerificationError,
)

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
HASH_SIZE = 32
EMPTY_ROOT = hashlib.sha256(b"").digest()


def leaf_hash(data: bytes) -> bytes:
    """SHA-256(0x00 || data): the hash of a log entry."""
    return hashlib.sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right): the hash of an interior node."""
    return hashlib.sha256(NODE_PREFIX + left + right).digest()


def _check_hashes(category: str, what: str, hashes: Sequence[bytes]) -> None:
    for i, h in enumerate(hashes):
        if len(h) != HASH_SIZE:
            raise VerificationError(category, f"{what} {i} has {len(h)} bytes, want {HASH_SIZE}")


def root_from_inclusion_proof(leaf: bytes, index: int, size: int, proof: Sequence[bytes]) -> bytes:
    """The root that ``proof`` leads to from ``leaf`` at ``index`` in a tree of ``size``.

    Raises VerificationError(INCLUSION_PROOF_INVALID) if ``index`` is not below ``size``, a
    hash is not 32 bytes, or the proof is longer or shorter than (index, size) requires.
    """
    bad = INCLUSION_PROOF_INVALID
    if not 0 <= index < size:
        raise VerificationError(bad, f"index {index} is not in a tree of size {size}")
    _check_hashes(bad, "proof hash", [leaf, *proof])
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            raise VerificationError(bad, f"proof has {len(proof)} hashes, too many")
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise VerificationError(bad, f"proof has {len(proof)} hashes, too few")
    return r


def verify_inclusion(
    leaf: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Check that ``leaf`` is entry ``index`` of the tree of ``size`` leaves with ``root``.

    Raises VerificationError(INCLUSION_PROOF_INVALID) saying why, with both roots on mismatch.
    """
    got = root_from_inclusion_proof(leaf, index, size, proof)
    if got != root:
        raise VerificationError(
            INCLUSION_PROOF_INVALID,
            f"proof leads to root {got.hex()}, the checkpoint has {root.hex()}",
        )


def verify_consistency(
    old_size: int, new_size: int, proof: Sequence[bytes], old_root: bytes, new_root: bytes
) -> None:
    """Check that the tree (``old_size``, ``old_root``) is a prefix of (``new_size``, ``new_root``).

    Equal sizes need an empty proof and equal roots; ``old_size == 0`` needs an empty proof and
    the empty-tree root. Raises VerificationError(CONSISTENCY_PROOF_INVALID) saying why.
    """
    bad = CONSISTENCY_PROOF_INVALID
    if not 0 <= old_size <= new_size:
        raise VerificationError(bad, f"old size {old_size} is not in [0, new size {new_size}]")
    _check_hashes(bad, "hash", [old_root, new_root, *proof])
    if old_size == new_size or old_size == 0:
        if proof:
            raise VerificationError(bad, f"proof has {len(proof)} hashes, want 0")
        if old_size == new_size and old_root != new_root:
            raise VerificationError(bad, "equal sizes with different roots")
        if old_size == 0 and old_root != EMPTY_ROOT:
            raise VerificationError(bad, "old root of size 0 is not the empty-tree root")
        return
    if not proof:
        raise VerificationError(bad, "proof is empty")
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # a power of two: the old root is a node of the new tree
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise VerificationError(bad, f"proof has {len(proof)} hashes, too many")
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise VerificationError(bad, f"proof has {len(proof)} hashes, too few")
    if fr != old_root:
        raise VerificationError(bad, f"proof leads to old root {fr.hex()}, want {old_root.hex()}")
    if sr != new_root:
        raise VerificationError(bad, f"proof leads to new root {sr.hex()}, want {new_root.hex()}")
