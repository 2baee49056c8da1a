"""Offline verification of receipts: no server needed, only the pinned log key."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

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
    return verify_receipt_with(
        receipt, lambda note: verify_checkpoint(note, verifier, origin=origin)
    )


def verify_receipt_with(
    receipt: ledger_pb2.Receipt, checkpoint_of: Callable[[bytes], Checkpoint]
) -> Checkpoint:
    """Steps 1 and 3 of :func:`verify_receipt`, with ``checkpoint_of`` checking the
    receipt's checkpoint note (its signature, or whatever else vouches for its root)."""
    actual = hashlib.sha256(receipt.transaction).digest()
    if actual != receipt.tx_hash:
        raise InvalidProof(
            f"tx_hash {receipt.tx_hash.hex()} is not SHA-256 of the transaction ({actual.hex()})"
        )
    checkpoint = checkpoint_of(receipt.checkpoint)
    merkle.verify_inclusion(
        merkle.leaf_hash(receipt.transaction),
        receipt.entry_index,
        checkpoint.size,
        list(receipt.inclusion_proof),
        checkpoint.root,
    )
    return checkpoint


# ----- encoding ------------------------------------------------------------------------------
# A block's receipts share their height, time and checkpoint, and most share their result, so
# the block writer encodes ``tabularium.ledger.v1.Receipt`` by hand: the shared middle once per
# block, then per entry its bytes, hash, index and proof around it. The bytes equal what
# ``ledger_pb2.Receipt(...).SerializeToString()`` gives for the same fields (fields in number
# order, proto3 defaults left out, the two sub-messages always present); a unit test holds both
# to that on many receipts.


def _slow_varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


_SMALL_VARINTS = tuple(_slow_varint(n) for n in range(1 << 14))  # every one- and two-byte varint


def varint(value: int) -> bytes:
    """Protobuf base-128 varint (unsigned LEB128) of a non-negative integer."""
    return _SMALL_VARINTS[value] if value < 1 << 14 else _slow_varint(value)


def length_delimited(field_number: int, data: bytes) -> bytes:
    """One length-delimited field (wire type 2): tag, length, bytes."""
    return varint(field_number << 3 | 2) + varint(len(data)) + data


def _timestamp(us: int) -> bytes:
    seconds, nanos = us // 1_000_000, us % 1_000_000 * 1000
    out = b""
    if seconds:
        out += b"\x08" + varint(seconds if seconds > 0 else seconds + (1 << 64))
    if nanos:
        out += b"\x10" + varint(nanos)
    return out


class ReceiptEncoder:
    """Encodes the receipts of one block against its checkpoint."""

    __slots__ = ("_middle",)

    def __init__(self, block_height: int, block_time_us: int, checkpoint: bytes) -> None:
        middle = b"\x20" + varint(block_height) if block_height else b""
        middle += length_delimited(5, _timestamp(block_time_us))
        if checkpoint:
            middle += length_delimited(6, checkpoint)
        self._middle = middle

    def encode(
        self,
        transaction: bytes,
        tx_hash: bytes,
        entry_index: int,
        inclusion_proof: tuple[bytes, ...],
        result: bytes,
    ) -> bytes:
        """The encoded Receipt; ``result`` is the encoded TransactionResult as stored."""
        parts = [b"\x0a", varint(len(transaction)), transaction] if transaction else []
        if len(tx_hash) == 32:
            parts += (b"\x12\x20", tx_hash)
        elif tx_hash:
            parts += (b"\x12", varint(len(tx_hash)), tx_hash)
        if entry_index:
            parts += (b"\x18", varint(entry_index))
        parts.append(self._middle)
        for node in inclusion_proof:
            parts += (b"\x3a\x20", node) if len(node) == 32 else (b"\x3a", varint(len(node)), node)
        parts += (b"\x42", varint(len(result)), result)
        return b"".join(parts)
