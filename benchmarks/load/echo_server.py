"""Baseline: the thinnest Python gRPC server answering SubmitTransaction.

It decodes nothing, verifies nothing and writes nothing: it answers each request with a receipt
of the same shape and size a real node returns (the transaction echoed, a 200-byte checkpoint,
20 proof hashes). Its rate is the ceiling for any Python gRPC server on the machine.

    python -m benchmarks.load.echo_server PORT_FILE
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import grpc

from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc

_CHECKPOINT = b"c" * 200
_PROOF = [b"h" * 32] * 20


class EchoLedger(ledger_pb2_grpc.LedgerServiceServicer):
    async def SubmitTransaction(
        self, request: ledger_pb2.SubmitTransactionRequest, context: object
    ) -> ledger_pb2.SubmitTransactionResponse:
        return ledger_pb2.SubmitTransactionResponse(
            receipt=ledger_pb2.Receipt(
                transaction=request.transaction,
                tx_hash=b"t" * 32,
                checkpoint=_CHECKPOINT,
                inclusion_proof=_PROOF,
            )
        )

    async def GetLogInfo(
        self, request: ledger_pb2.GetLogInfoRequest, context: object
    ) -> ledger_pb2.GetLogInfoResponse:
        return ledger_pb2.GetLogInfoResponse(chain_id="echo")


async def serve(port_file: Path) -> None:
    server = grpc.aio.server()
    ledger_pb2_grpc.add_LedgerServiceServicer_to_server(EchoLedger(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    port_file.write_text(str(port))
    await server.wait_for_termination()


if __name__ == "__main__":
    asyncio.run(serve(Path(sys.argv[1])))
