"""Assertions on rich gRPC errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status


def error_info(exc: grpc.RpcError) -> error_details_pb2.ErrorInfo:
    status = rpc_status.from_call(exc)  # type: ignore[arg-type]
    assert status is not None, f"no rich status in {exc}"
    for detail in status.details:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            return info
    raise AssertionError(f"no ErrorInfo in {status}")


def expect_error(
    call: Callable[[], Any], code: grpc.StatusCode, reason: str | None
) -> grpc.RpcError:
    """Run ``call``; assert it fails with ``code`` and (if given) ErrorInfo ``reason``."""
    with pytest.raises(grpc.RpcError) as caught:
        call()
    exc = caught.value
    assert exc.code() == code, f"got {exc.code()} {exc.details()}, want {code}"  # type: ignore[attr-defined]
    if reason is not None:
        info = error_info(exc)
        assert info.reason == reason, f"got reason {info.reason}: {exc.details()}"  # type: ignore[attr-defined]
        assert info.domain == "tabularium"
    return exc
