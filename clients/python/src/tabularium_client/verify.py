"""Offline verification of receipts and of consistency between two checkpoints.

Nothing here calls a server: a receipt carries the transaction bytes, its entry index, a signed
checkpoint and an inclusion proof; the only trust anchor is the pinned :class:`LogKey`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from google.protobuf import json_format

from tabularium_client import merkle
from tabularium_client.checkpoint import Checkpoint, LogKey, verify_checkpoint
from tabularium_client.errors import TX_HASH_MISMATCH, VerificationError
from tabularium_client.pb.ledger.v1 import ledger_pb2
from tabularium_client.tx import tx_hash


def _log_key(log_key: LogKey | str) -> LogKey:
    return log_key if isinstance(log_key, LogKey) else LogKey.parse(log_key)


def verify_receipt(
    receipt: ledger_pb2.Receipt, log_key: LogKey | str, *, origin: str | None = None
) -> Checkpoint:
    """Check a receipt end to end and return its verified checkpoint.

    1. ``tx_hash`` is SHA-256 of ``transaction`` (TX_HASH_MISMATCH);
    2. the checkpoint is well formed, has ``origin`` if one is given, and is signed by
       ``log_key`` (CHECKPOINT_MALFORMED, CHECKPOINT_WRONG_ORIGIN, BAD_CHECKPOINT_SIGNATURE);
    3. the inclusion proof leads from SHA-256(0x00 || transaction) at ``entry_index`` to the
       checkpoint's root (INCLUSION_PROOF_INVALID).

    ``log_key`` may be a verifier key string (VERIFIER_KEY_INVALID if it does not parse).
    Raises VerificationError naming the failed step.
    """
    key = _log_key(log_key)
    actual = tx_hash(receipt.transaction)
    if actual != receipt.tx_hash:
        raise VerificationError(
            TX_HASH_MISMATCH,
            f"tx_hash is {receipt.tx_hash.hex()}, SHA-256 of the transaction is {actual.hex()}",
        )
    checkpoint = verify_checkpoint(receipt.checkpoint, key, origin=origin)
    merkle.verify_inclusion(
        merkle.leaf_hash(receipt.transaction),
        receipt.entry_index,
        checkpoint.size,
        list(receipt.inclusion_proof),
        checkpoint.root,
    )
    return checkpoint


def verify_consistency(
    old: bytes | Checkpoint,
    new: bytes | Checkpoint,
    proof: Sequence[bytes],
    log_key: LogKey | str,
    *,
    origin: str | None = None,
) -> tuple[Checkpoint, Checkpoint]:
    """Check that checkpoint ``new`` extends ``old``: the log was only appended to.

    Both notes are verified against ``log_key`` (and ``origin``, if given; without it they must
    at least share one origin), then the RFC 9162 consistency ``proof`` between their sizes.
    Returns both verified checkpoints. Raises VerificationError naming the failed step.
    """
    key = _log_key(log_key)
    old_cp = verify_checkpoint(old.note if isinstance(old, Checkpoint) else old, key, origin=origin)
    new_cp = verify_checkpoint(
        new.note if isinstance(new, Checkpoint) else new, key, origin=old_cp.origin
    )
    merkle.verify_consistency(old_cp.size, new_cp.size, proof, old_cp.root, new_cp.root)
    return old_cp, new_cp


def receipt_to_json(receipt: ledger_pb2.Receipt) -> str:
    """The receipt in the proto3 JSON mapping (what `tabularium tx notarize` prints)."""
    return json.dumps(json_format.MessageToDict(receipt), indent=2) + "\n"


def receipt_from_json(data: str | Mapping[str, Any]) -> ledger_pb2.Receipt:
    """Parse a receipt in the proto3 JSON mapping; an object ``{"receipt": {...}}`` (a line of
    `tabularium tx notarize`) is accepted too. Raises ValueError if it is not a receipt."""
    doc = json.loads(data) if isinstance(data, str) else data
    if not isinstance(doc, Mapping):
        raise ValueError("a receipt is a JSON object")
    if isinstance(doc.get("receipt"), Mapping):
        doc = doc["receipt"]
    try:
        return json_format.ParseDict(dict(doc), ledger_pb2.Receipt())
    except json_format.ParseError as exc:
        raise ValueError(f"not a Receipt: {exc}") from exc
