"""Signed requests for private queries (the server's identity §3 contract).

A private call carries four metadata entries; the signature covers the method, the exact request
bytes sent, the time and a fresh nonce:

    "tabularium/rpc/v1" || 0x00 || method || 0x00 || SHA-256(request) || u64be(ms) || nonce

``method`` is the full gRPC path, e.g. ``/tabularium.identity.v1.IdentityService/ResolveIdentity``.
Other languages mirror ``request_signing_message`` and ``sign_request`` byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import struct
import time

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.message import Message

CONTEXT = b"tabularium/rpc/v1\x00"
HEADERS = (
    "tabularium-auth-key",
    "tabularium-auth-time",
    "tabularium-auth-nonce",
    "tabularium-auth-signature",
)


def request_signing_message(method: str, request: bytes, time_ms: int, nonce: bytes) -> bytes:
    digest = hashlib.sha256(request).digest()
    return CONTEXT + method.encode() + b"\x00" + digest + struct.pack(">Q", time_ms) + nonce


def sign_request(
    key: Ed25519PrivateKey,
    method: str,
    request: Message | bytes,
    *,
    time_ms: int | None = None,
    nonce: bytes | None = None,
) -> list[tuple[str, str]]:
    """gRPC metadata authenticating one call of ``method`` with ``request``.

    Pass the request message you will send (it is serialized here exactly as grpcio sends it)
    or its serialized bytes. Each call needs fresh metadata: nonces are single-use.
    """
    raw = request if isinstance(request, bytes) else request.SerializeToString()
    when = time.time_ns() // 1_000_000 if time_ms is None else time_ms
    fresh = os.urandom(16) if nonce is None else nonce
    signature = key.sign(request_signing_message(method, raw, when, fresh))
    values = (key.public_key().public_bytes_raw().hex(), str(when), fresh.hex(), signature.hex())
    return list(zip(HEADERS, values, strict=True))
