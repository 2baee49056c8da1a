"""Buffered state writes for deterministic execution, and the state digest.

Execution reads through a stack of overlays down to the committed store: a block overlay over the
store, and a transaction overlay over the block. A refused transaction's overlay is dropped, so
nothing is partially applied; an accepted one is merged into the block's.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable, Iterator

STATE_DIGEST_DOMAIN = b"tabularium/state/v1"
_LEN = struct.Struct(">I")

# Sentinel value for a deleted key in an overlay.
_DELETED: None = None

Getter = Callable[[bytes], bytes | None]


class Overlay:
    """Writes buffered over a read function. Keys and values are bytes."""

    def __init__(self, base: Getter) -> None:
        self._base = base
        self.writes: dict[bytes, bytes | None] = {}

    def get(self, key: bytes) -> bytes | None:
        """Current value of ``key`` as seen by this overlay, or None if absent or deleted."""
        if key in self.writes:
            return self.writes[key]
        return self._base(key)

    def put(self, key: bytes, value: bytes) -> None:
        self.writes[key] = bytes(value)

    def delete(self, key: bytes) -> None:
        self.writes[key] = _DELETED

    def child(self) -> Overlay:
        """A nested overlay whose writes reach this one only through ``merge``."""
        return Overlay(self.get)

    def merge(self, child: Overlay) -> None:
        """Apply a child overlay's writes to this one."""
        self.writes.update(child.writes)

    def sorted_writes(self) -> Iterator[tuple[bytes, bytes | None]]:
        """Buffered writes in ascending key order (None means deleted)."""
        for key in sorted(self.writes):
            yield key, self.writes[key]


def writes_digest(writes: Iterator[tuple[bytes, bytes | None]]) -> bytes:
    """SHA-256 over writes in the order given (callers pass them sorted by key).

    Each write is ``len(key) || key || 0x00`` for a deletion or
    ``len(key) || key || 0x01 || len(value) || value`` for a put, lengths as u32 big-endian.
    """
    h = hashlib.sha256()
    for key, value in writes:
        h.update(_LEN.pack(len(key)))
        h.update(key)
        if value is None:
            h.update(b"\x00")
        else:
            h.update(b"\x01")
            h.update(_LEN.pack(len(value)))
            h.update(value)
    return h.digest()


def next_state_digest(previous: bytes, writes_hash: bytes) -> bytes:
    """SHA-256("tabularium/state/v1" || previous digest || SHA-256 of the sorted writes)."""
    return hashlib.sha256(STATE_DIGEST_DOMAIN + previous + writes_hash).digest()
