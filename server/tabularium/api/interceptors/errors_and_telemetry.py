"""Turns DomainErrors into rich statuses, and records a log line and metrics per RPC.

Servicers raise DomainError; this interceptor is the only place that catches it, so no servicer
needs a try/except. Anything else that escapes is logged with its traceback and answered with a
generic INTERNAL status (never the traceback).
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc
from prometheus_client import Counter, Histogram

from tabularium.api.status import to_grpc_status
from tabularium.errors import DomainError

log = logging.getLogger("tabularium.rpc")

_RPCS = Counter("tabularium_rpcs_total", "RPCs handled", ["method", "code", "reason"])
_LATENCY = Histogram(
    "tabularium_rpc_seconds",
    "RPC latency",
    ["method"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1, 5),
)


class ErrorsAndTelemetryInterceptor(grpc.aio.ServerInterceptor):  # type: ignore[type-arg]
    def __init__(self) -> None:
        # Wrapped handlers, built once per method (each method has one handler) per server.
        self._wrapped: dict[str, Any] = {}

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[Any]],
        details: grpc.HandlerCallDetails,
    ) -> Any:
        handler = await continuation(details)
        if handler is None:
            return handler
        wrapped = self._wrapped.get(details.method)
        if wrapped is None:
            wrapped = self._wrapped[details.method] = _wrap(details.method, handler)
        return wrapped


def _wrap(method: str, handler: Any) -> Any:
    if handler.unary_unary is not None:
        return grpc.unary_unary_rpc_method_handler(
            _wrap_unary(method, handler.unary_unary),
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    if handler.stream_unary is not None:  # a client stream; the request is its iterator
        return grpc.stream_unary_rpc_method_handler(
            _wrap_unary(method, handler.stream_unary),
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    if handler.unary_stream is not None:
        return grpc.unary_stream_rpc_method_handler(
            _wrap_stream(method, handler.unary_stream),
            request_deserializer=handler.request_deserializer,
            response_serializer=handler.response_serializer,
        )
    return handler


def _record(method: str, started: float, code: str, reason: str, message: str = "") -> None:
    elapsed = time.perf_counter() - started
    _RPCS.labels(method, code, reason).inc()
    _LATENCY.labels(method).observe(elapsed)
    if code != "OK":
        log.info(
            "rpc refused",
            extra={
                "method": method,
                "code": code,
                "reason": reason,
                "detail": message,
                "ms": round(elapsed * 1000, 3),
            },
        )


async def _fail(context: Any, method: str, started: float, exc: Exception) -> None:
    """Record a failed call and abort it: a DomainError with its rich status, anything else
    as a generic INTERNAL (the traceback goes to the log, never to the client)."""
    if isinstance(exc, DomainError):
        _record(method, started, exc.code, exc.reason, exc.message)
        await context.abort_with_status(to_grpc_status(exc))  # raises AbortError
        return
    _record(method, started, "INTERNAL", "")
    log.exception("rpc failed", extra={"method": method}, exc_info=exc)
    await context.abort(grpc.StatusCode.INTERNAL, "internal error; the operator's log has details")


def _wrap_unary(
    method: str, inner: Callable[[Any, Any], Awaitable[Any]]
) -> Callable[[Any, Any], Awaitable[Any]]:
    async def handle(request: Any, context: Any) -> Any:
        started = time.perf_counter()
        try:
            response = await inner(request, context)
        except grpc.aio.AbortError:
            raise
        except Exception as exc:
            await _fail(context, method, started, exc)
        else:
            _record(method, started, "OK", "")
            return response

    return handle


def _wrap_stream(
    method: str, inner: Callable[[Any, Any], AsyncIterator[Any]]
) -> Callable[[Any, Any], AsyncIterator[Any]]:
    async def handle(request: Any, context: Any) -> AsyncIterator[Any]:
        started = time.perf_counter()
        try:
            async for item in inner(request, context):
                yield item
        except grpc.aio.AbortError:
            raise
        except Exception as exc:
            await _fail(context, method, started, exc)
        else:
            _record(method, started, "OK", "")

    return handle
