"""RFC 9162 Merkle trees over SHA-256: hashing, roots, proofs, plans and verification.

Node IDs are ``(level, index)`` tuples: node ``(l, i)`` is the complete subtree over
leaves ``[i * 2**l, (i + 1) * 2**l)``; level 0 nodes are leaf hashes::

    level 2                  (2,0)
                      /              \\
    level 1       (1,0)              (1,1)            (1,2)
                 /     \\            /     \\          /     \\
    level 0   (0,0)   (0,1)      (0,2)   (0,3)     (0,4)   (0,5)   (0,6)

Only complete nodes are ever stored. For a size that is not a power of two the right
border (e.g. leaves ``[4, 7)`` above) is an "ephemeral" node, recomputed by folding the
complete nodes that cover it. Proof *plans* name the stored nodes a proof needs; storage
fetches them and :func:`fold_groups` turns them into the proof, so the algorithms never
touch storage.

All hashes are 32-byte ``bytes``. Functions release the GIL when the work is worth more than
the hand-over (about 512 SHA-256 compressions, see ``core_ext/src/lib.rs``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from tabularium import _core
from tabularium.errors import InvalidProof

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "LEAF_PREFIX",
    "NODE_PREFIX",
    "NodeId",
    "append",
    "consistency_proof",
    "consistency_proof_plan",
    "fold_groups",
    "inclusion_proof",
    "inclusion_proof_plan",
    "leaf_hash",
    "leaf_hashes",
    "node_hash",
    "range_nodes",
    "root",
    "root_from_frontier",
    "verify_consistency",
    "verify_inclusion",
]

LEAF_PREFIX = 0x00
NODE_PREFIX = 0x01
HASH_SIZE = 32
EMPTY_ROOT: bytes = hashlib.sha256(b"").digest()

NodeId = tuple[int, int]
"""``(level, index)`` of a complete subtree."""


def _non_negative(name: str, value: int) -> None:
    if value < 0:
        raise ValueError(f"{name} is {value}, want >= 0")


def leaf_hash(data: bytes) -> bytes:
    """Return ``SHA-256(0x00 || data)``, the RFC 9162 hash of one leaf."""
    return _core.leaf_hash(data)


def leaf_hashes(datas: Sequence[bytes]) -> list[bytes]:
    """Return ``[leaf_hash(d) for d in datas]``, computed in parallel without the GIL."""
    return _core.leaf_hashes(datas)


def node_hash(left: bytes, right: bytes) -> bytes:
    """Return ``SHA-256(0x01 || left || right)``.

    Raises:
        ValueError: ``left`` or ``right`` is not 32 bytes.
    """
    return _core.node_hash(left, right)


def root(leaves: Sequence[bytes]) -> bytes:
    """Return the RFC 9162 Merkle tree hash ``MTH(D[n])`` of raw leaf data.

    The empty tree's root is :data:`EMPTY_ROOT` (``SHA-256(b"")``).
    """
    return _core.root(leaves)


def inclusion_proof(leaves: Sequence[bytes], index: int) -> list[bytes]:
    """Return the RFC 9162 inclusion proof ``PATH(index, D[n])`` over raw leaf data.

    Requires ``0 <= index < len(leaves)``.

    Raises:
        ValueError: ``index`` is out of range (the message says got/want).
    """
    _non_negative("index", index)
    return _core.inclusion_proof(leaves, index)


def consistency_proof(leaves: Sequence[bytes], old_size: int) -> list[bytes]:
    """Return the RFC 9162 consistency proof ``PROOF(old_size, D[n])`` over raw leaf data.

    Requires ``0 <= old_size <= len(leaves)``; ``old_size`` 0 or ``len(leaves)`` gives ``[]``.

    Raises:
        ValueError: ``old_size`` is out of range.
    """
    _non_negative("old_size", old_size)
    return _core.consistency_proof(leaves, old_size)


def verify_inclusion(
    leaf_hash: bytes, index: int, size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """Check that ``leaf_hash`` is leaf ``index`` of the tree of ``size`` leaves with ``root``.

    Implements RFC 9162 §2.1.3.2. Returns ``None`` on success.

    Raises:
        tabularium.errors.InvalidProof: ``index`` is not in ``[0, size)``; the proof does
            not have exactly the RFC length for ``(index, size)`` ("proof has 3 hashes,
            want 4"); a hash is not 32 bytes; or the recomputed root differs (the message
            carries both roots in hex).
    """
    if index < 0 or size < 0 or index >= size:
        raise InvalidProof(f"index {index} out of range for size {size}")
    _core.verify_inclusion(leaf_hash, index, size, proof, root)


def verify_consistency(
    old_size: int, new_size: int, proof: Sequence[bytes], old_root: bytes, new_root: bytes
) -> None:
    """Check that the tree (``old_size``, ``old_root``) is a prefix of (``new_size``, ``new_root``).

    Implements RFC 9162 §2.1.4.2. ``old_size == new_size`` requires an empty proof and equal
    roots; ``old_size == 0`` requires an empty proof and ``old_root == EMPTY_ROOT``.
    Returns ``None`` on success.

    Raises:
        tabularium.errors.InvalidProof: a size is negative or ``old_size > new_size``; the
            proof has the wrong length; a hash is not 32 bytes; or a recomputed root differs.
    """
    if old_size < 0 or new_size < 0:
        raise InvalidProof(f"sizes {old_size}, {new_size} must be >= 0")
    _core.verify_consistency(old_size, new_size, proof, old_root, new_root)


def append(
    size: int, frontier: Sequence[bytes], leaf_hashes: Sequence[bytes]
) -> tuple[list[bytes], list[tuple[int, int, bytes]], bytes]:
    """Append leaf hashes to the tree of ``size`` leaves summarised by ``frontier``.

    ``frontier`` is the compact range of ``[0, size)``: the hashes of
    ``range_nodes(0, size)``, largest subtree first, one per set bit of ``size``.

    Returns ``(new_frontier, nodes, new_root)`` where ``nodes`` lists every node completed
    by this append as ``(level, index, hash)``, the new level-0 leaves included, sorted by
    ``(level, index)``, and ``new_root`` is the root at ``size + len(leaf_hashes)``.

    Raises:
        ValueError: ``size`` is negative, ``frontier`` does not have one hash per set bit
            of ``size``, or any hash is not 32 bytes.
    """
    _non_negative("size", size)
    return _core.append(size, frontier, leaf_hashes)


def range_nodes(begin: int, end: int) -> list[NodeId]:
    """Decompose ``[begin, end)`` into maximal aligned complete subtrees, left to right.

    Requires ``0 <= begin <= end``.

    Raises:
        ValueError: the range is invalid.
    """
    _non_negative("begin", begin)
    return _core.range_nodes(begin, end)


def inclusion_proof_plan(index: int, size: int) -> list[list[NodeId]]:
    """Return the node groups whose folds are ``PATH(index, D[size])``, bottom-up.

    A group has one node for a complete sibling subtree, several for an ephemeral
    right-border subtree. ``fold_groups`` over the fetched hashes gives the proof.
    Requires ``0 <= index < size``.

    Raises:
        ValueError: ``index`` is out of range.
    """
    _non_negative("index", index)
    return _core.inclusion_proof_plan(index, size)


def consistency_proof_plan(old_size: int, new_size: int) -> list[list[NodeId]]:
    """Return the node groups whose folds are ``PROOF(old_size, D[new_size])``.

    Requires ``0 <= old_size <= new_size``; empty when ``old_size`` is 0 or ``new_size``.

    Raises:
        ValueError: the sizes are out of order or negative.
    """
    _non_negative("old_size", old_size)
    return _core.consistency_proof_plan(old_size, new_size)


def fold_groups(groups: Sequence[Sequence[bytes]]) -> list[bytes]:
    """Fold each group right-to-left: ``h = g[-1]; for x in reversed(g[:-1]): h = node_hash(x, h)``.

    Raises:
        ValueError: a group is empty or a hash is not 32 bytes.
    """
    return _core.fold_groups(groups)


def root_from_frontier(frontier: Sequence[bytes]) -> bytes:
    """Return the root of the tree whose compact range is ``frontier``.

    An empty frontier gives :data:`EMPTY_ROOT`.

    Raises:
        ValueError: a hash is not 32 bytes.
    """
    return _core.root_from_frontier(frontier)
