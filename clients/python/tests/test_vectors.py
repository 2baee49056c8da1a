"""The client agrees with every cross-language vector in tests/vectors/clients (format in its
README.md): valid cases verify and give the wanted values, every corruption is refused in the
wanted step."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from conftest import VECTORS

from tabularium_client import (
    LogKey,
    VerificationError,
    load_private_key,
    receipt_from_json,
    sign,
    signing_message,
    verify_checkpoint,
    verify_consistency,
    verify_receipt,
    verify_transaction,
)
from tabularium_client.merkle import leaf_hash
from tabularium_client.pb.documents.v1 import documents_pb2
from tabularium_client.tx import build_body


def run_receipt(inp: dict[str, Any]) -> dict[str, Any]:
    receipt = receipt_from_json(inp["receipt"])
    assert receipt.transaction == base64.b64decode(inp["transaction"])
    assert receipt.checkpoint.decode() == inp["checkpoint"]
    checkpoint = verify_receipt(receipt, inp["log_key"], origin=inp["origin"])
    return {
        "tx_hash": receipt.tx_hash.hex(),
        "leaf_hash": leaf_hash(receipt.transaction).hex(),
        "entry_index": receipt.entry_index,
        "tree_size": checkpoint.size,
        "root": checkpoint.root.hex(),
        "origin": checkpoint.origin,
    }


def run_checkpoint(inp: dict[str, Any]) -> dict[str, Any]:
    checkpoint = verify_checkpoint(
        inp["checkpoint"].encode(), LogKey.parse(inp["log_key"]), origin=inp["origin"]
    )
    return {
        "origin": checkpoint.origin,
        "tree_size": checkpoint.size,
        "root": checkpoint.root.hex(),
        "body": checkpoint.body.decode(),
    }


def run_consistency(inp: dict[str, Any]) -> dict[str, Any]:
    old, new = verify_consistency(
        inp["old_checkpoint"].encode(),
        inp["new_checkpoint"].encode(),
        [bytes.fromhex(h) for h in inp["proof"]],
        inp["log_key"],
        origin=inp["origin"],
    )
    return {
        "old_size": old.size,
        "new_size": new.size,
        "old_root": old.root.hex(),
        "new_root": new.root.hex(),
    }


def run_transaction(inp: dict[str, Any]) -> dict[str, Any]:
    checked = verify_transaction(base64.b64decode(inp["transaction"]))
    return {
        "tx_hash": checked.tx_hash.hex(),
        "leaf_hash": leaf_hash(checked.transaction).hex(),
        "body": checked.body_bytes.hex(),
        "signing_message": signing_message(checked.body_bytes).hex(),
    }


RUNNERS = {
    "receipts": run_receipt,
    "checkpoints": run_checkpoint,
    "consistency": run_consistency,
    "transactions": run_transaction,
}
CASES = sorted(
    str(p.relative_to(VECTORS)) for group in RUNNERS for p in (VECTORS / group).rglob("*.json")
)


@pytest.mark.parametrize("path", CASES)
def test_vector(path: str) -> None:
    case = json.loads((VECTORS / path).read_text())
    run = RUNNERS[path.split("/")[0]]
    if case["want_err"] is None:
        got = run(case["input"])
        assert got == {k: case["want"][k] for k in got}
    else:
        with pytest.raises(VerificationError) as caught:
            run(case["input"])
        assert caught.value.category == case["want_err"], caught.value


def test_vectors_are_there() -> None:
    groups = {p.split("/")[0] for p in CASES}
    assert groups == set(RUNNERS)


@pytest.mark.parametrize(
    "path", [p for p in CASES if p.startswith("transactions/") and p.endswith("/valid.json")]
)
def test_signing_reproduces_the_server_accepted_bytes(path: str) -> None:
    """Ed25519 is deterministic: the committed keys, our body encoder and our signer rebuild
    the exact transaction bytes the server accepted."""
    want = json.loads((VECTORS / path).read_text())["want"]
    fields = want["body_fields"]
    keys = [load_private_key(VECTORS / f) for f in want["signer_keys"]]
    doc = fields["register_document"]
    body = build_body(
        fields["chain_id"],
        documents_pb2.RegisterDocument(sha256=bytes.fromhex(doc["sha256"]), title=doc["title"]),
        [bytes.fromhex(s) for s in fields["signers"]],
        nonce=bytes.fromhex(fields["nonce"]),
        not_before=fields["not_before"]["seconds"] + fields["not_before"]["nanos"] / 1e9,
        window_seconds=fields["not_after"]["seconds"] - fields["not_before"]["seconds"],
        memo=fields["memo"],
    )
    assert body.hex() == want["body"]
    raw = sign(body, keys)
    assert (
        base64.b64encode(raw).decode()
        == json.loads((VECTORS / path).read_text())["input"]["transaction"]
    )
    assert signing_message(body).hex() == want["signing_message"]


def test_a_non_ascii_origin_verifies() -> None:
    """The signature block is found by byte offset, so a multi-byte origin does not shift it."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from tabularium_client.checkpoint import key_hash

    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes_raw()
    body = f"tabularium.example/s\u00e4ule\n5\n{base64.b64encode(bytes(32)).decode()}\n".encode()
    blob = base64.b64encode(key_hash("n", public) + key.sign(body)).decode()
    note = body + f"\n\u2014 n {blob}\n".encode()
    checkpoint = verify_checkpoint(
        note, LogKey("n", public), origin="tabularium.example/s\u00e4ule"
    )
    assert checkpoint.size == 5
