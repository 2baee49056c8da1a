"""Read-only queries of the documents domain."""

from __future__ import annotations

from collections.abc import Callable

from tabularium.domains.documents.model import DIGEST_SIZE, DocumentRecord
from tabularium.domains.documents.rules import record_key
from tabularium.errors import InvalidArgument


def find_registration(
    read: Callable[[bytes], bytes | None], sha256: bytes
) -> DocumentRecord | None:
    """The registration of ``sha256``, or None. Raises InvalidArgument if not 32 bytes."""
    if len(sha256) != DIGEST_SIZE:
        raise InvalidArgument(
            "SHA256_INVALID", f"sha256 has {len(sha256)} bytes, want 32", field="sha256"
        )
    raw = read(record_key(sha256))
    return None if raw is None else DocumentRecord.decode(raw)
