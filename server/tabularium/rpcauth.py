"""Signed requests for private queries (identity issue §3): the message every client signs.

A caller adds four metadata entries to a call:

* ``tabularium-auth-key``: the 32-byte Ed25519 public key, hex;
* ``tabularium-auth-time``: Unix time in milliseconds, decimal;
* ``tabularium-auth-nonce``: 16 to 32 random bytes, hex, never reused within the time window;
* ``tabularium-auth-signature``: 64-byte Ed25519 signature, hex, over

  ``"tabularium/rpc/v1" || 0x00 || method || 0x00 || SHA-256(request bytes) || u64be(time) ||
  nonce``

where ``method`` is the full gRPC method path (``/tabularium.identity.v1.IdentityService/...``)
and the request bytes are exactly the serialized request message sent on the wire.

The client libraries mirror ``sign_request`` in each language.
"""

from __future__ import annotations

import hashlib
import os
import struct
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

CONTEXT = b"tabularium/rpc/v1\x00"
KEY_HEADER = "tabularium-auth-key"
TIME_HEADER = "tabularium-auth-time"
NONCE_HEADER = "tabularium-auth-nonce"
SIGNATURE_HEADER = "tabularium-auth-signature"
_U64 = struct.Struct(">Q")


def signing_message(method: str, request: bytes, time_ms: int, nonce: bytes) -> bytes:
    return (
        CONTEXT
        + method.encode()
        + b"\x00"
        + hashlib.sha256(request).digest()
        + _U64.pack(time_ms)
        + nonce
    )


def sign_request(
    key: Ed25519PrivateKey,
    method: str,
    request: bytes,
    *,
    time_ms: int | None = None,
    nonce: bytes | None = None,
) -> list[tuple[str, str]]:
    """Metadata that authenticates one call of ``method`` with serialized ``request``."""
    time_ms = time.time_ns() // 1_000_000 if time_ms is None else time_ms
    nonce = os.urandom(16) if nonce is None else nonce
    return [
        (KEY_HEADER, key.public_key().public_bytes_raw().hex()),
        (TIME_HEADER, str(time_ms)),
        (NONCE_HEADER, nonce.hex()),
        (SIGNATURE_HEADER, key.sign(signing_message(method, request, time_ms, nonce)).hex()),
    ]
