"""Offline verification of receipts: no server needed, only the pinned log key."""

from __future__ import annotations

import hashlib

from tabularium.chain.checkpoint import Checkpoint, NoteVerifier, verify_checkpoint
from tabularium.crypto import merkle
from tabularium.errors import InvalidProof
from tabularium.ledger.v1 import ledger_pb2


def verify_receipt(
    receipt: ledger_pb2.Receipt, verifier: NoteVerifier, *, origin: str | None = None
) -> Checkpoint:
    """Check a receipt end to end.

    1. tx_hash is SHA-256 of the transaction bytes;
    2. the checkpoint is signed by ``verifier`` (and has ``origin``, if given);
    3. the inclusion proof leads from the leaf hash of the transaction, at entry_index, to the
       checkpoint's root.

    Returns the verified checkpoint. Raises InvalidProof, InvalidSignature or InvalidArgument
    saying which step failed.
    """
    actual = hashlib.sha256(receipt.transaction).digest()
    if actual != receipt.tx_hash:
        raise InvalidProof(
            f"tx_hash {receipt.tx_hash.hex()} is not SHA-256 of the transaction ({actual.hex()})"
        )
    checkpoint = verify_checkpoint(receipt.checkpoint, verifier, origin=origin)
    merkle.verify_inclusion(
        merkle.leaf_hash(receipt.transaction),
        receipt.entry_index,
        checkpoint.size,
        list(receipt.inclusion_proof),
        checkpoint.root,
    )
    return checkpoint
