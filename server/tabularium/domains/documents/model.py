"""Values of the documents domain."""

from __future__ import annotations

import json
from dataclasses import dataclass

from tabularium.errors import InvalidArgument

DIGEST_SIZE = 32
TITLE_MAX_BYTES = 256


@dataclass(frozen=True, slots=True)
class RegisterDocument:
    """Action: notarize the document whose SHA-256 is ``sha256``."""

    sha256: bytes
    title: str

    def __post_init__(self) -> None:
        if len(self.sha256) != DIGEST_SIZE:
            raise InvalidArgument(
                "SHA256_INVALID", f"sha256 has {len(self.sha256)} bytes, want 32", field="sha256"
            )
        if len(self.title.encode()) > TITLE_MAX_BYTES:
            raise InvalidArgument(
                "TITLE_TOO_LONG", f"title exceeds {TITLE_MAX_BYTES} bytes", field="title"
            )


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A registration as stored in the domain's state."""

    title: str
    entry_index: int
    block_height: int
    registered_at_us: int
    tx_hash: bytes

    def encode(self) -> bytes:
        """Canonical JSON (sorted keys, no spaces), so every node stores the same bytes."""
        return json.dumps(
            {
                "title": self.title,
                "entry_index": self.entry_index,
                "block_height": self.block_height,
                "registered_at_us": self.registered_at_us,
                "tx_hash": self.tx_hash.hex(),
            },
            sort_keys=True,
            separators=(",", ":"),
        ).encode()

    @classmethod
    def decode(cls, raw: bytes) -> DocumentRecord:
        doc = json.loads(raw)
        return cls(
            title=str(doc["title"]),
            entry_index=int(doc["entry_index"]),
            block_height=int(doc["block_height"]),
            registered_at_us=int(doc["registered_at_us"]),
            tx_hash=bytes.fromhex(doc["tx_hash"]),
        )
