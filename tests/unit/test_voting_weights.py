"""The weighted-vote register: (credential key, weight) leaves in an RFC 9162 Merkle tree whose
root goes on the ledger before opening; each ballot carries its leaf's inclusion proof."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabularium.crypto import reference, voting
from tabularium.errors import InvalidProof


def holders(n: int) -> list[tuple[bytes, int]]:
    return [(hashlib.sha256(b"holder %d" % i).digest(), 1 + i * 37 % 1000) for i in range(n)]


def test_every_holder_proves_its_weight_and_a_forged_weight_fails() -> None:
    register = holders(200)
    root = voting.weight_register(register)
    # The root is the plain RFC 9162 hash of the leaves in key order (independent reference).
    leaves = [voting.weight_leaf(k, w) for k, w in sorted(register)]
    assert root == reference.root(leaves)
    assert voting.weight_register(list(reversed(register))) == root
    for key, weight in register[:40]:
        proof = voting.weight_proof(register, key)
        voting.verify_weight(root, key, weight, proof)
        with pytest.raises(InvalidProof):
            voting.verify_weight(root, key, weight + 1, proof)
        with pytest.raises(InvalidProof):
            voting.verify_weight(root, bytes(32), weight, proof)
    # A proof at another index, or for another register, fails.
    key, weight = register[7]
    proof = voting.weight_proof(register, key)
    moved = voting.WeightProof(proof.index ^ 1, proof.size, proof.path)
    with pytest.raises(InvalidProof):
        voting.verify_weight(root, key, weight, moved)
    other = voting.weight_register(register[:-1])
    with pytest.raises(InvalidProof):
        voting.verify_weight(other, key, weight, proof)


def test_malformed_registers_and_weights_are_refused() -> None:
    register = holders(3)
    with pytest.raises(ValueError, match="twice"):
        voting.weight_register([*register, (register[0][0], 5)])
    with pytest.raises(ValueError, match="not in the register"):
        voting.weight_proof(register, bytes(32))
    for bad in (0, -1, 1 << 63):
        with pytest.raises(ValueError, match="weight"):
            voting.weight_leaf(register[0][0], bad)
    with pytest.raises(ValueError, match="32 bytes"):
        voting.weight_leaf(b"short", 1)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 64), st.data())
def test_any_register_size_and_member(n: int, data: st.DataObject) -> None:
    register = holders(n)
    key, weight = register[data.draw(st.integers(0, n - 1))]
    proof = voting.weight_proof(register, key)
    assert proof.size == n
    voting.verify_weight(voting.weight_register(register), key, weight, proof)
