"""A receipt recorded from a four-agency network (tests/vectors/consensus/
receipt-four-agencies.json) verified offline against the network file's genesis alone, and
with each part broken: transaction, inclusion path, checkpoint, state digest, header field,
one signature, two of four signatures left, another network's validators."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from google.protobuf import json_format

from tabularium.chain.checkpoint import NoteVerifier
from tabularium.consensus.lightproof import verify_network_receipt
from tabularium.consensus.network import NetworkFile
from tabularium.consensus.v1 import types_pb2
from tabularium.errors import InvalidProof, InvalidSignature, TabulariumError
from tabularium.ledger.v1 import ledger_pb2

VECTOR = json.loads(
    (Path(__file__).parents[1] / "vectors" / "consensus" / "receipt-four-agencies.json").read_text()
)
GENESIS = NetworkFile.decode(json.dumps(VECTOR["network"]).encode()).genesis


def _receipt() -> ledger_pb2.Receipt:
    return json_format.ParseDict(VECTOR["receipt"], ledger_pb2.Receipt())


def test_the_recorded_receipt_verifies_against_genesis_and_the_node_key() -> None:
    receipt = _receipt()
    checkpoint = verify_network_receipt(receipt, GENESIS)
    assert checkpoint.size > receipt.entry_index
    verify_network_receipt(receipt, GENESIS, NoteVerifier.parse(VECTOR["log_key"]))
    header = receipt.consensus_proof.signed_header.header
    assert (header.chain_id, header.height) == (GENESIS.chain_id, receipt.block_height + 1)
    assert len(GENESIS.agencies) == 4


def _flip(data: bytes, at: int = 0) -> bytes:
    return data[:at] + bytes([data[at] ^ 1]) + data[at + 1 :]


def _keep_two(r: ledger_pb2.Receipt) -> None:
    sigs = r.consensus_proof.signed_header.commit.signatures
    signing = [s for s in sigs if s.block_id_flag == types_pb2.BLOCK_ID_FLAG_COMMIT]
    assert len(signing) >= 3
    for s in signing[2:]:
        s.block_id_flag = types_pb2.BLOCK_ID_FLAG_ABSENT


def _flip_signature(r: ledger_pb2.Receipt) -> None:
    sig = next(
        s
        for s in r.consensus_proof.signed_header.commit.signatures
        if s.block_id_flag == types_pb2.BLOCK_ID_FLAG_COMMIT
    )
    sig.signature = _flip(sig.signature)


def _set(path: str, value: object) -> Callable[[ledger_pb2.Receipt], None]:
    def change(r: ledger_pb2.Receipt) -> None:
        *parents, leaf = path.split(".")
        target: object = r
        for name in parents:
            target = getattr(target, name)
        setattr(target, leaf, value(getattr(target, leaf)) if callable(value) else value)

    return change


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (_set("transaction", _flip), "tx_hash"),
        (_set("entry_index", lambda i: i - 1), None),
        (lambda r: r.inclusion_proof.__setitem__(0, _flip(r.inclusion_proof[0])), None),
        (_set("consensus_proof.state_digest", _flip), "app hash"),
        (_set("consensus_proof.signed_header.header.time.seconds", lambda s: s + 1), "hash"),
        (_set("consensus_proof.signed_header.header.chain_id", "other"), "chain"),
        (_flip_signature, "does not verify"),
        (_keep_two, "not over 2/3"),
    ],
)
def test_each_broken_part_is_named(
    change: Callable[[ledger_pb2.Receipt], object], why: str | None
) -> None:
    receipt = _receipt()
    change(receipt)
    with pytest.raises(TabulariumError, match=why):
        verify_network_receipt(receipt, GENESIS)


def test_another_networks_validators_do_not_sign_it() -> None:
    agencies = tuple(
        dataclasses.replace(a, validator_public_key=os.urandom(32)) for a in GENESIS.agencies
    )
    with pytest.raises(InvalidProof, match="not over 2/3"):
        verify_network_receipt(_receipt(), dataclasses.replace(GENESIS, agencies=agencies))


def test_another_nodes_key_does_not_sign_its_checkpoint() -> None:
    other = NoteVerifier(GENESIS.signers()[1][0], GENESIS.signers()[1][1])
    with pytest.raises(InvalidSignature):
        verify_network_receipt(_receipt(), GENESIS, other)
