"""Typing alias for the servicer context of the asyncio gRPC server."""

from typing import Any, TypeAlias

import grpc

Context: TypeAlias = grpc.aio.ServicerContext[Any, Any]
