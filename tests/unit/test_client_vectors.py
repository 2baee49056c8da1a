"""The server's own verifiers agree with every cross-language client vector.

tests/vectors/clients/ (format in its README.md) holds receipts, checkpoints, consistency proofs
and signed transactions produced by a real server, each valid one with named corruptions. Every
client library must accept the valid cases and reject the others; here the server's Python
verifiers (``verify_receipt``, ``verify_checkpoint``, ``merkle.verify_consistency``, and the
transaction checks of the submit path) must do the same, failing in the documented step.
"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from google.protobuf import json_format

from tabularium.api.server import build_actions
from tabularium.chain.checkpoint import Checkpoint, NoteVerifier, verify_checkpoint
from tabularium.chain.ledger import verify_signatures
from tabularium.chain.receipt import verify_receipt
from tabularium.chain.tx import SIGNING_CONTEXT, decode_transaction
from tabularium.crypto import merkle
from tabularium.errors import InvalidArgument, InvalidProof, InvalidSignature, TabulariumError
from tabularium.keys import load_private_key
from tabularium.ledger.v1 import ledger_pb2, transaction_pb2

CLIENT_VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "clients"
CHAIN_ID = "vectors"


class Rejected(Exception):
    """A vector was refused; ``category`` is its want_err spelling."""

    def __init__(self, category: str, why: str) -> None:
        super().__init__(f"{category}: {why}")
        self.category = category


def _category(exc: TabulariumError, proof_kind: str) -> str:
    if isinstance(exc, InvalidSignature):
        return "BAD_CHECKPOINT_SIGNATURE"
    if isinstance(exc, InvalidProof):
        return proof_kind
    if isinstance(exc, InvalidArgument):
        return exc.reason
    raise exc


def _verifier(text: str) -> NoteVerifier:
    try:
        return NoteVerifier.parse(text)
    except InvalidArgument as exc:
        raise Rejected(exc.reason, str(exc)) from exc


def _checkpoint(note: str, verifier: NoteVerifier, origin: str | None) -> Checkpoint:
    try:
        return verify_checkpoint(note.encode(), verifier, origin=origin)
    except TabulariumError as exc:
        raise Rejected(_category(exc, "INVALID_PROOF"), str(exc)) from exc


def run_receipt(inp: dict[str, Any]) -> dict[str, Any]:
    receipt = json_format.ParseDict(inp["receipt"], ledger_pb2.Receipt())
    # The flat fields say the same as the proto3 JSON form.
    assert base64.b64decode(inp["transaction"]) == receipt.transaction
    assert bytes.fromhex(inp["tx_hash"]) == receipt.tx_hash
    assert inp["entry_index"] == receipt.entry_index
    assert inp["checkpoint"].encode() == receipt.checkpoint
    assert [bytes.fromhex(h) for h in inp["inclusion_proof"]] == list(receipt.inclusion_proof)
    verifier = _verifier(inp["log_key"])
    hash_ok = hashlib.sha256(receipt.transaction).digest() == receipt.tx_hash
    try:
        checkpoint = verify_receipt(receipt, verifier, origin=inp["origin"])
    except TabulariumError as exc:
        kind = "INCLUSION_PROOF_INVALID" if hash_ok else "TX_HASH_MISMATCH"
        raise Rejected(_category(exc, kind), str(exc)) from exc
    return {
        "tx_hash": receipt.tx_hash.hex(),
        "leaf_hash": merkle.leaf_hash(receipt.transaction).hex(),
        "entry_index": receipt.entry_index,
        "tree_size": checkpoint.size,
        "root": checkpoint.root.hex(),
        "origin": checkpoint.origin,
    }


def run_checkpoint(inp: dict[str, Any]) -> dict[str, Any]:
    checkpoint = _checkpoint(inp["checkpoint"], _verifier(inp["log_key"]), inp["origin"])
    return {
        "origin": checkpoint.origin,
        "tree_size": checkpoint.size,
        "root": checkpoint.root.hex(),
    }


def run_consistency(inp: dict[str, Any]) -> dict[str, Any]:
    verifier = _verifier(inp["log_key"])
    old = _checkpoint(inp["old_checkpoint"], verifier, inp["origin"])
    new = _checkpoint(inp["new_checkpoint"], verifier, inp["origin"])
    proof = [bytes.fromhex(h) for h in inp["proof"]]
    try:
        merkle.verify_consistency(old.size, new.size, proof, old.root, new.root)
    except InvalidProof as exc:
        raise Rejected("CONSISTENCY_PROOF_INVALID", str(exc)) from exc
    return {
        "old_size": old.size,
        "new_size": new.size,
        "old_root": old.root.hex(),
        "new_root": new.root.hex(),
    }


def run_transaction(inp: dict[str, Any]) -> dict[str, Any]:
    raw = base64.b64decode(inp["transaction"])
    try:
        tx = decode_transaction(
            raw,
            chain_id=CHAIN_ID,
            max_window_us=3600 * 1_000_000,
            max_bytes=64 * 1024,
            actions=build_actions(),
        )
    except InvalidArgument as exc:
        raise Rejected(exc.reason, str(exc)) from exc
    if not all(verify_signatures([tx])):
        raise Rejected("BAD_SIGNATURE", "a signature does not verify")
    signed = transaction_pb2.SignedTransaction.FromString(raw)
    return {
        "tx_hash": hashlib.sha256(raw).hexdigest(),
        "leaf_hash": merkle.leaf_hash(raw).hex(),
        "body": signed.body.hex(),
        "signing_message": (SIGNING_CONTEXT + signed.body).hex(),
    }


RUNNERS = {
    "receipts": run_receipt,
    "checkpoints": run_checkpoint,
    "consistency": run_consistency,
    "transactions": run_transaction,
}


def check_case(path: str, case: dict[str, Any]) -> None:
    """Run one vector (``path`` relative to tests/vectors/clients) and check its outcome."""
    run = RUNNERS[path.split("/")[0]]
    if case["want_err"] is None:
        got = run(case["input"])
        for key, value in got.items():
            assert case["want"][key] == value, f"{path}: {key} is {value}, want {case['want'][key]}"
        if path.startswith("transactions/"):
            _check_signing(case["want"], base64.b64decode(case["input"]["transaction"]))
        return
    try:
        run(case["input"])
    except Rejected as exc:
        assert exc.category == case["want_err"], f"{path}: {exc}, want {case['want_err']}"
    else:
        raise AssertionError(f"{path}: accepted, want {case['want_err']}")


def _check_signing(want: dict[str, Any], raw: bytes) -> None:
    """Ed25519 is deterministic: the committed keys re-sign the body to the same bytes."""
    body = bytes.fromhex(want["body"])
    signatures = []
    for key_file in want["signer_keys"]:
        key = load_private_key(CLIENT_VECTORS / key_file)
        signatures.append(
            transaction_pb2.Signature(
                public_key=key.public_key().public_bytes_raw(),
                signature=key.sign(SIGNING_CONTEXT + body),
            )
        )
    again = transaction_pb2.SignedTransaction(body=body, signatures=signatures)
    assert again.SerializeToString(deterministic=True) == raw


def _cases() -> list[str]:
    return sorted(
        str(p.relative_to(CLIENT_VECTORS))
        for group in RUNNERS
        for p in (CLIENT_VECTORS / group).rglob("*.json")
    )


@pytest.mark.parametrize("path", _cases())
def test_server_verifiers_agree_with_client_vector(path: str) -> None:
    check_case(path, json.loads((CLIENT_VECTORS / path).read_text()))


def test_client_vectors_cover_every_group_and_both_outcomes() -> None:
    cases = [json.loads((CLIENT_VECTORS / p).read_text()) for p in _cases()]
    by_group: dict[str, set[bool]] = {}
    for path, case in zip(_cases(), cases, strict=True):
        by_group.setdefault(path.split("/")[0], set()).add(case["want_err"] is None)
    assert by_group == {group: {True, False} for group in RUNNERS}
