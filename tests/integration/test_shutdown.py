"""A node that is shutting down refuses new work with UNAVAILABLE and ends block streams."""

from __future__ import annotations

import asyncio
import os

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from tabularium.api.server import Node
from tabularium.config import ServerConfig
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tests.conftest import Chain


def test_submissions_during_shutdown_get_unavailable(chain: Chain) -> None:
    async def scenario() -> None:
        node = Node(ServerConfig(data_dir=chain.data_dir, listen="127.0.0.1:0"))
        await node.start()
        async with grpc.aio.insecure_channel(f"127.0.0.1:{node.port}") as channel:
            stub = ledger_pb2_grpc.LedgerServiceStub(channel)
            ok = await stub.SubmitTransaction(
                ledger_pb2.SubmitTransactionRequest(transaction=chain.notarize(os.urandom(32)))
            )
            assert ok.receipt.entry_index == 0
            stream = stub.StreamBlocks(ledger_pb2.StreamBlocksRequest(start_height=2))
            await node.ledger.stop()  # the ledger stops first; the gRPC server still answers
            try:
                await stub.SubmitTransaction(
                    ledger_pb2.SubmitTransactionRequest(transaction=chain.notarize(os.urandom(32)))
                )
            except grpc.aio.AioRpcError as exc:
                assert exc.code() == grpc.StatusCode.UNAVAILABLE
                status = rpc_status.from_call(exc)  # type: ignore[arg-type]
                assert status is not None
                info = error_details_pb2.ErrorInfo()
                status.details[0].Unpack(info)
                assert info.reason == "SHUTTING_DOWN"
            else:
                raise AssertionError("submit during shutdown was accepted")
            # The block stream that was waiting for height 2 ends instead of hanging.
            remaining = [message async for message in stream]
            assert remaining == []
        await node.server.stop(1)
        node.store.close()

    asyncio.run(asyncio.wait_for(scenario(), 60))
