"""The block writer's one-walk inclusion proofs equal RFC 9162 proofs computed from the leaves."""

from __future__ import annotations

import pytest

from tabularium.chain.ledger import block_inclusion_proofs
from tabularium.crypto import merkle


@pytest.mark.parametrize(
    ("old_size", "size"),
    [
        (0, 1),
        (0, 2),
        (1, 2),
        (0, 7),
        (3, 4),
        (4, 5),
        (5, 13),
        (8, 16),
        (16, 17),
        (31, 64),
        (33, 100),
    ],
)
def test_block_proofs_match_proofs_from_leaves(old_size: int, size: int) -> None:
    leaves = [i.to_bytes(4, "big") * 8 for i in range(size)]
    hashes = merkle.leaf_hashes(leaves)
    frontier, _, _ = merkle.append(0, [], hashes[:old_size])
    _, nodes, root = merkle.append(old_size, frontier, hashes[old_size:])
    proofs = block_inclusion_proofs(old_size, frontier, nodes, size)
    assert len(proofs) == size - old_size
    for offset, proof in enumerate(proofs):
        index = old_size + offset
        assert list(proof) == merkle.inclusion_proof(leaves, index)
        merkle.verify_inclusion(hashes[index], index, size, proof, root)


def test_no_new_entries_no_proofs() -> None:
    frontier, _, _ = merkle.append(0, [], merkle.leaf_hashes([b"a", b"b", b"c"]))
    assert block_inclusion_proofs(3, frontier, [], 3) == []
