"""A domain's state at one committed snapshot, for query servicers: reads and range scans of
the domain's namespace, heights checked against the head, and the block a read was taken at."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

from tabularium.chain.actions import domain_state_prefix
from tabularium.chain.identity import IdentityReader, reader_over
from tabularium.chain.ledger import decode_header, head_header
from tabularium.errors import DataCorruption, OutOfRange


class DomainSnapshot:
    """One domain's keys (without their namespace prefix) in one read transaction."""

    def __init__(self, txn: Any, namespace: str) -> None:
        self.txn = txn
        self._prefix = domain_state_prefix(namespace)
        self.head = int(decode_header(head_header(txn)[1]).height)
        self.identities: IdentityReader = reader_over(txn.state)

    def get(self, key: bytes) -> bytes | None:
        value: bytes | None = self.txn.state(self._prefix + key)
        return value

    # A read-only StateView, so domain loaders typed for the rules' view accept a snapshot.
    def put(self, key: bytes, value: bytes) -> None:
        raise AssertionError("a snapshot is read-only")

    def delete(self, key: bytes) -> None:
        raise AssertionError("a snapshot is read-only")

    def scan(self, prefix: bytes, start: bytes = b"") -> Iterator[tuple[bytes, bytes]]:
        """Keys under ``prefix`` in order (from ``prefix + start`` on, when given)."""
        cut = len(self._prefix)
        for key, value in self.txn.state_range(
            self._prefix + prefix, self._prefix + start if start else b""
        ):
            yield key[cut:], value

    def height(self, at_height: int) -> int:
        if at_height > self.head:
            raise OutOfRange(
                "HEIGHT_IN_FUTURE", f"height {at_height} is beyond the latest block {self.head}"
            )
        return at_height or self.head

    def header(self, height: int) -> tuple[bytes, Any]:
        """The encoded header of block ``height`` and its decoded form."""
        raw = self.txn.block_header(height)
        if raw is None:
            raise DataCorruption(f"block {height} is missing")
        return raw, decode_header(raw)

    def block_hash(self, height: int) -> bytes:
        return hashlib.sha256(self.header(height)[0]).digest()
