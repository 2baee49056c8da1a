"""Rules of the documents domain: pure functions of the action and the domain's state."""

from __future__ import annotations

from tabularium.chain.actions import ActionContext
from tabularium.domains.documents.model import DocumentRecord, RegisterDocument
from tabularium.errors import AlreadyExists

RECORD_PREFIX = b"doc/"


def record_key(sha256: bytes) -> bytes:
    return RECORD_PREFIX + sha256


def register_document(ctx: ActionContext, action: RegisterDocument) -> None:
    """Record a digest. Raises AlreadyExists (DOCUMENT_ALREADY_REGISTERED) for a known digest,
    with the original entry index in ``original_entry_index``."""
    existing = ctx.state.get(record_key(action.sha256))
    if existing is not None:
        original = DocumentRecord.decode(existing)
        raise AlreadyExists(
            "DOCUMENT_ALREADY_REGISTERED",
            f"digest {action.sha256.hex()} was registered at entry {original.entry_index}",
            metadata={
                "original_entry_index": str(original.entry_index),
                "original_tx_hash": original.tx_hash.hex(),
            },
        )
    record = DocumentRecord(
        title=action.title,
        entry_index=ctx.entry_index,
        block_height=ctx.block_height,
        registered_at_us=ctx.block_time_us,
        tx_hash=ctx.tx_hash,
    )
    ctx.state.put(record_key(action.sha256), record.encode())
