"""Checks signed requests (``tabularium.rpcauth``) before a private query runs.

Each servicer method is public, ``OPTIONAL`` (signed if the caller wants to be known, e.g. to see
a private record it is entitled to) or ``REQUIRED``. A signed request is checked against the
latest committed identity state: the key must be an active key of an active identity, the time
within ``max_skew`` of the node's clock, and the nonce unseen within that window. Failures are
UNAUTHENTICATED with a reason; whether the caller may see what it asks for is the servicer's
decision (PERMISSION_DENIED). The caller is available to servicers through ``current_caller()``.

Nonces are remembered in memory: after a restart a request replayed within the time window
would be accepted once more. Queries change nothing, so a replay reveals only what the original
request already returned to its signer.
"""

from __future__ import annotations

import contextvars
import hashlib
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

import grpc

from tabularium import rpcauth
from tabularium.chain.identity import ACTIVE, IdentityReader, IdentityRecord
from tabularium.crypto import ed25519
from tabularium.errors import InvalidSignature, Unauthenticated


class Auth(Enum):
    OPTIONAL = "optional"
    REQUIRED = "required"


@dataclass(frozen=True, slots=True)
class Caller:
    """An authenticated caller: its identity as of the latest block, and the key it used."""

    identity: IdentityRecord
    public_key: bytes


_caller: contextvars.ContextVar[Caller | None] = contextvars.ContextVar("caller", default=None)


def current_caller() -> Caller | None:
    """The authenticated caller of the RPC being served, or None if it did not sign."""
    return _caller.get()


def require_caller() -> Caller:
    caller = _caller.get()
    if caller is None:
        raise Unauthenticated(
            "AUTHENTICATION_REQUIRED",
            "this query is private: sign the request with a registered key "
            "(metadata tabularium-auth-key, -time, -nonce, -signature)",
        )
    return caller


class _Signed:
    """A request message together with the exact bytes it was decoded from."""

    __slots__ = ("message", "raw")

    def __init__(self, raw: bytes, message: Any) -> None:
        self.raw = raw
        self.message = message


class NonceCache:
    """Nonces seen within the time window, oldest first; bounded."""

    def __init__(self, window_ms: int, capacity: int = 1_000_000) -> None:
        self._window_ms = window_ms
        self._capacity = capacity
        self._seen: OrderedDict[bytes, int] = OrderedDict()

    def add(self, key: bytes, nonce: bytes, now_ms: int) -> bool:
        """Remember (key, nonce); False if it was already seen within the window."""
        while self._seen:
            oldest, seen_at = next(iter(self._seen.items()))
            if seen_at >= now_ms - 2 * self._window_ms and len(self._seen) < self._capacity:
                break
            del self._seen[oldest]
        token = hashlib.sha256(key + nonce).digest()
        if token in self._seen:
            return False
        self._seen[token] = now_ms
        return True


class AuthenticationInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[type-arg]
    def __init__(
        self,
        methods: Mapping[str, Auth],
        identities: Callable[[], IdentityReader],
        *,
        max_skew_seconds: float = 300,
        clock_ms: Callable[[], int] = lambda: time.time_ns() // 1_000_000,
    ) -> None:
        self._methods = dict(methods)
        self._identities = identities
        self._max_skew_ms = int(max_skew_seconds * 1000)
        self._clock_ms = clock_ms
        self._nonces = NonceCache(self._max_skew_ms)
        self._wrapped: dict[str, Any] = {}

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Any]],
        details: grpc.HandlerCallDetails,
    ) -> Any:
        handler = await continuation(details)
        mode = self._methods.get(details.method)
        if handler is None or mode is None:
            return handler
        wrapped = self._wrapped.get(details.method)
        if wrapped is None:
            wrapped = self._wrapped[details.method] = self._wrap(details.method, mode, handler)
        return wrapped

    def authenticate(
        self, method: str, raw: bytes, metadata: Mapping[str, str], mode: Auth
    ) -> Caller | None:
        """Check a request's signature metadata. None for an unsigned OPTIONAL call."""
        fields = [
            metadata.get(h)
            for h in (
                rpcauth.KEY_HEADER,
                rpcauth.TIME_HEADER,
                rpcauth.NONCE_HEADER,
                rpcauth.SIGNATURE_HEADER,
            )
        ]
        if all(f is None for f in fields):
            if mode is Auth.OPTIONAL:
                return None
            require_caller()  # raises AUTHENTICATION_REQUIRED
        if any(f is None for f in fields):
            raise Unauthenticated(
                "AUTH_METADATA_INCOMPLETE",
                "a signed request carries all of tabularium-auth-key, -time, -nonce, -signature",
            )
        key_hex, time_text, nonce_hex, signature_hex = (str(f) for f in fields)
        try:
            key = bytes.fromhex(key_hex)
            signed_ms = int(time_text)
            nonce = bytes.fromhex(nonce_hex)
            signature = bytes.fromhex(signature_hex)
        except ValueError as exc:
            raise Unauthenticated(
                "AUTH_METADATA_INVALID", f"auth metadata is not hex/decimal: {exc}"
            ) from exc
        if len(key) != 32 or len(signature) != 64 or not 16 <= len(nonce) <= 32:
            raise Unauthenticated(
                "AUTH_METADATA_INVALID",
                "want a 32-byte key, a 64-byte signature and a 16-32 byte nonce, hex",
            )
        now = self._clock_ms()
        if abs(now - signed_ms) > self._max_skew_ms:
            raise Unauthenticated(
                "STALE_REQUEST",
                f"request signed at {signed_ms} ms, node time is {now} ms; allowed skew is "
                f"{self._max_skew_ms} ms: check the client's clock and sign again",
            )
        try:
            ed25519.verify(key, rpcauth.signing_message(method, raw, signed_ms, nonce), signature)
        except InvalidSignature as exc:
            raise Unauthenticated(
                "BAD_REQUEST_SIGNATURE",
                "the request signature does not verify over 'tabularium/rpc/v1' 0x00 method 0x00 "
                "SHA-256(request) time nonce",
            ) from exc
        reader = self._identities()
        did = reader.did_of_key(key)
        record = None if did is None else reader.identity(did)
        if record is None:
            raise Unauthenticated("UNKNOWN_KEY", f"key {key.hex()} is not a registered key")
        entry = record.key(key)
        if entry is None or entry.revoked_height is not None:
            raise Unauthenticated("KEY_REVOKED", f"key {key.hex()} of {record.did} is revoked")
        if record.status != ACTIVE:
            raise Unauthenticated(
                "IDENTITY_" + record.status.upper(), f"identity {record.did} is {record.status}"
            )
        if not self._nonces.add(key, nonce, now):
            raise Unauthenticated(
                "NONCE_REUSED", "this request nonce was already used; sign with a fresh nonce"
            )
        return Caller(record, key)

    def _wrap(self, method: str, mode: Auth, handler: Any) -> Any:
        deserialize = handler.request_deserializer

        def capture(raw: bytes) -> _Signed:
            return _Signed(raw, deserialize(raw) if deserialize is not None else raw)

        def check(request: _Signed, context: Any) -> contextvars.Token[Caller | None]:
            metadata = {k: v for k, v in context.invocation_metadata() or () if isinstance(v, str)}
            return _caller.set(self.authenticate(method, request.raw, metadata, mode))

        if handler.unary_unary is not None:
            inner_unary = handler.unary_unary

            async def unary(request: _Signed, context: Any) -> Any:
                token = check(request, context)
                try:
                    return await inner_unary(request.message, context)
                finally:
                    _caller.reset(token)

            return grpc.unary_unary_rpc_method_handler(unary, capture, handler.response_serializer)
        if handler.unary_stream is not None:
            inner_stream = handler.unary_stream

            async def stream(request: _Signed, context: Any) -> AsyncIterator[Any]:
                token = check(request, context)
                try:
                    async for item in inner_stream(request.message, context):
                        yield item
                finally:
                    _caller.reset(token)

            return grpc.unary_stream_rpc_method_handler(
                stream, capture, handler.response_serializer
            )
        raise ValueError(f"{method}: only unary requests can be signed")
