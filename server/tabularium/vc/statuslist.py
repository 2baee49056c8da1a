"""Bitstring Status List v1.0: encoded lists, status list credentials and entries.

A status list is a bitstring of at least :data:`LIST_SIZE` (131,072) entries, one bit per
credential for the purposes Tabularium uses (``revocation``, ``suspension``). Index 0 is
the left-most (most significant) bit of the first byte. ``encodedList`` is the bitstring
GZIP-compressed (RFC 1952) and then multibase base64url without padding (prefix ``u``).

A credential points into a list with a ``BitstringStatusListEntry``
(:func:`build_status_list_entry`); the list itself is published as a
``BitstringStatusListCredential`` (:func:`build_status_list_credential`), secured like any
credential. Reading an entry's status: :func:`decode_status_list` then :func:`read_status`.
Revocation is permanent and suspension reversible; that is the state machine's rule, this
module only encodes what it is given.

Left out: the ``refresh`` and ``message`` purposes are built and read as raw values but not
interpreted (``statusMessage`` meanings are the issuer's), and the ``timestamp`` query
parameter for status-at-a-time.
"""

from __future__ import annotations

import base64
import re
import secrets
import zlib
from collections.abc import Collection, Iterable, Sequence
from datetime import datetime
from typing import Any

from tabularium.errors import InvalidArgument
from tabularium.vc.contexts import CREDENTIALS_V2
from tabularium.vc.model import VERIFIABLE_CREDENTIAL, format_datetime

__all__ = [
    "LIST_SIZE",
    "MAX_LIST_BYTES",
    "STATUS_LIST_CREDENTIAL",
    "STATUS_LIST_ENTRY",
    "STATUS_LIST_MALFORMED",
    "STATUS_PURPOSES",
    "build_status_list_credential",
    "build_status_list_entry",
    "decode_status_list",
    "encode_status_list",
    "random_index",
    "read_status",
    "set_indices",
]

LIST_SIZE = 131072
"""Entries per list: the minimum the spec allows (16 KiB uncompressed), for herd privacy."""
MAX_LIST_BYTES = 16 * 1024 * 1024
"""Largest uncompressed bitstring :func:`decode_status_list` accepts (a GZIP bomb guard)."""
STATUS_PURPOSES = ("revocation", "suspension")
STATUS_LIST_CREDENTIAL = "BitstringStatusListCredential"
STATUS_LIST_ENTRY = "BitstringStatusListEntry"
STATUS_LIST = "BitstringStatusList"
STATUS_LIST_MALFORMED = "STATUS_LIST_MALFORMED"
"""``reason`` of the :class:`~tabularium.errors.InvalidArgument` for bad lists and indices."""

_BASE64URL = re.compile(r"[A-Za-z0-9_-]*")


def _malformed(message: str) -> InvalidArgument:
    return InvalidArgument(STATUS_LIST_MALFORMED, message)


def _check_size(size: int) -> None:
    if size < LIST_SIZE or size % 8:
        raise _malformed(f"list size {size} must be a multiple of 8 and >= {LIST_SIZE}")


def _check_purpose(purpose: str) -> None:
    if purpose not in STATUS_PURPOSES:
        raise _malformed(f"status purpose {purpose!r} is not one of {STATUS_PURPOSES}")


def encode_status_list(indices: Iterable[int], size: int = LIST_SIZE) -> str:
    """Return the ``encodedList`` of a ``size``-bit list whose set bits are ``indices``.

    Requires every index in ``[0, size)``; ``size`` a multiple of 8, at least
    :data:`LIST_SIZE`. The GZIP header has mtime 0, so equal sets encode equally.

    Raises:
        tabularium.errors.InvalidArgument: reason ``STATUS_LIST_MALFORMED``.
    """
    _check_size(size)
    bits = bytearray(size // 8)
    for index in indices:
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < size:
            raise _malformed(f"index {index!r} is outside [0, {size})")
        bits[index >> 3] |= 0x80 >> (index & 7)
    compressor = zlib.compressobj(wbits=31)  # 31: GZIP container, zlib's default level
    gz = compressor.compress(bytes(bits)) + compressor.flush()
    return "u" + base64.urlsafe_b64encode(gz).rstrip(b"=").decode("ascii")


def decode_status_list(encoded: str, *, max_bytes: int = MAX_LIST_BYTES) -> bytes:
    """Return the uncompressed bitstring of an ``encodedList``.

    Raises:
        tabularium.errors.InvalidArgument: reason ``STATUS_LIST_MALFORMED``: not multibase
            base64url (``u`` prefix, no padding), not one complete GZIP member, or larger
            than ``max_bytes`` uncompressed. Length is not checked here (see
            :func:`read_status`).
    """
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise _malformed("encodedList must be multibase base64url (start with 'u')")
    text = encoded[1:]
    if _BASE64URL.fullmatch(text) is None or len(text) % 4 == 1:
        raise _malformed("encodedList is not base64url without padding")
    gz = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    decompressor = zlib.decompressobj(wbits=31)
    try:
        bits = decompressor.decompress(gz, max_bytes + 1)
    except zlib.error as exc:
        raise _malformed(f"encodedList is not GZIP: {exc}") from None
    if len(bits) > max_bytes:
        raise _malformed(f"encodedList expands to more than {max_bytes} bytes")
    if not decompressor.eof:
        raise _malformed("encodedList GZIP stream is truncated")
    if decompressor.unused_data:
        raise _malformed("encodedList has data after its GZIP member")
    return bits


def read_status(bitstring: bytes, index: int, status_size: int = 1) -> int:
    """Return the ``status_size``-bit value at entry ``index`` (bit ``index * status_size``).

    With ``status_size`` 1 the result is 1 when the entry's bit is set, else 0.

    Raises:
        tabularium.errors.InvalidArgument: reason ``STATUS_LIST_MALFORMED``: the list has
            fewer than :data:`LIST_SIZE` entries of ``status_size`` bits
            (``STATUS_LIST_LENGTH_ERROR`` in the spec), or the entry is out of range
            (``RANGE_ERROR``).
    """
    if status_size < 1:
        raise _malformed(f"statusSize {status_size} must be > 0")
    total = len(bitstring) * 8
    if total // status_size < LIST_SIZE:
        raise _malformed(
            f"status list has {total // status_size} entries of {status_size} bit(s), "
            f"want at least {LIST_SIZE}"
        )
    start = index * status_size
    if index < 0 or start + status_size > total:
        raise _malformed(f"status index {index} is outside the list of {total} bits")
    value = 0
    for bit in range(start, start + status_size):
        value = (value << 1) | ((bitstring[bit >> 3] >> (7 - (bit & 7))) & 1)
    return value


def set_indices(bitstring: bytes) -> list[int]:
    """Return the indices of the set bits of a 1-bit-per-entry bitstring, ascending."""
    out: list[int] = []
    for byte_index, byte in enumerate(bitstring):
        if byte:
            out.extend(byte_index * 8 + b for b in range(8) if byte & (0x80 >> b))
    return out


def random_index(taken: Collection[int] = (), size: int = LIST_SIZE) -> int:
    """Return a uniformly random index in ``[0, size)`` that is not in ``taken``.

    The spec asks for random assignment so an index reveals nothing about issuance order.

    Raises:
        tabularium.errors.InvalidArgument: reason ``STATUS_LIST_MALFORMED``: the list is full.
    """
    if len(taken) >= size:
        raise _malformed(f"all {size} indices of the status list are taken")
    while True:
        index = secrets.randbelow(size)
        if index not in taken:
            return index


def build_status_list_entry(
    *,
    status_list_credential: str,
    index: int,
    purpose: str,
    entry_id: str | None = None,
) -> dict[str, Any]:
    """Return a ``BitstringStatusListEntry`` for a credential's ``credentialStatus``.

    ``entry_id`` defaults to ``<status_list_credential>#<index>`` (the spec's examples;
    it must not be the list's own URL).

    Raises:
        tabularium.errors.InvalidArgument: reason ``STATUS_LIST_MALFORMED``: ``purpose`` is
            not ``revocation`` or ``suspension``, or ``index`` is negative.
    """
    _check_purpose(purpose)
    if index < 0:
        raise _malformed(f"index {index} is negative")
    return {
        "id": entry_id if entry_id is not None else f"{status_list_credential}#{index}",
        "type": STATUS_LIST_ENTRY,
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": status_list_credential,
    }


def build_status_list_credential(
    *,
    list_id: str,
    issuer: str,
    purpose: str,
    indices: Iterable[int],
    valid_from: datetime,
    valid_until: datetime | None = None,
    size: int = LIST_SIZE,
    ttl_ms: int | None = None,
    contexts: Sequence[str] = (),
) -> dict[str, Any]:
    """Return an unsecured ``BitstringStatusListCredential`` with ``id`` ``list_id``.

    The subject is ``{"id": list_id + "#list", "type": "BitstringStatusList",
    "statusPurpose": purpose, "encodedList": ...}`` (plus ``ttl`` in milliseconds when
    given). Sign it with ``dataintegrity.add_proof`` before publishing.

    Raises:
        tabularium.errors.InvalidArgument: reason ``STATUS_LIST_MALFORMED``: bad purpose,
            size or index.
        ValueError: a ``datetime`` is naive.
    """
    _check_purpose(purpose)
    subject: dict[str, Any] = {
        "id": f"{list_id}#list",
        "type": STATUS_LIST,
        "statusPurpose": purpose,
        "encodedList": encode_status_list(indices, size),
    }
    if ttl_ms is not None:
        subject["ttl"] = ttl_ms
    credential: dict[str, Any] = {
        "@context": [CREDENTIALS_V2, *(c for c in contexts if c != CREDENTIALS_V2)],
        "id": list_id,
        "type": [VERIFIABLE_CREDENTIAL, STATUS_LIST_CREDENTIAL],
        "issuer": issuer,
        "validFrom": format_datetime(valid_from),
    }
    if valid_until is not None:
        credential["validUntil"] = format_datetime(valid_until)
    credential["credentialSubject"] = subject
    return credential
