"""tabularium.ledger.v1.LedgerService: validate, convert, one ledger call, convert back."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import grpc
from google.protobuf import message_factory

from tabularium.api.context import Context
from tabularium.api.convert.ledger import (
    block_to_pb,
    receipt_to_pb,
    record_to_pb,
    submit_response_bytes,
    submit_results_bytes,
)
from tabularium.chain.genesis import VALIDATOR_POWER
from tabularium.chain.ledger import Ledger
from tabularium.errors import FailedPrecondition, InvalidArgument
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc

MAX_BATCH = 10_000
MAX_PAGE_SIZE = 1000
DEFAULT_PAGE_SIZE = 100


def validate_page_size(page_size: int) -> int:
    if page_size == 0:
        return DEFAULT_PAGE_SIZE
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise InvalidArgument(
            "PAGE_SIZE_INVALID",
            f"page_size is {page_size}, want 1 to {MAX_PAGE_SIZE}",
            field="page_size",
        )
    return page_size


def validate_batch(count: int) -> None:
    if count == 0 or count > MAX_BATCH:
        raise InvalidArgument(
            "BATCH_SIZE_INVALID",
            f"transactions has {count} items, want 1 to {MAX_BATCH}",
            field="transactions",
        )


class LedgerServicer(ledger_pb2_grpc.LedgerServiceServicer):
    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger

    # The two submit methods answer with bytes already encoded (see ``add_to_server``).
    async def SubmitTransaction(  # type: ignore[override]
        self, request: ledger_pb2.SubmitTransactionRequest, context: Context
    ) -> bytes:
        if request.wait_for_consensus_proof and not self._ledger.replicated:
            raise FailedPrecondition(
                "NOT_REPLICATED",
                "this node is embedded: its blocks carry no consensus proof; submit without "
                "wait_for_consensus_proof",
            )
        receipt = await self._ledger.submit(request.transaction)
        if request.wait_for_consensus_proof:
            receipt = await self._ledger.with_consensus_proof(receipt)
        return submit_response_bytes(receipt)

    async def SubmitTransactions(  # type: ignore[override]
        self, request: ledger_pb2.SubmitTransactionsRequest, context: Context
    ) -> bytes:
        validate_batch(len(request.transactions))
        results = await self._ledger.submit_many(list(request.transactions))
        return submit_results_bytes(results)

    async def GetTransaction(
        self, request: ledger_pb2.GetTransactionRequest, context: Context
    ) -> ledger_pb2.GetTransactionResponse:
        return record_to_pb(self._ledger.transaction(request.tx_hash))

    async def GetReceipt(
        self, request: ledger_pb2.GetReceiptRequest, context: Context
    ) -> ledger_pb2.GetReceiptResponse:
        receipt = self._ledger.receipt(request.tx_hash, request.tree_size)
        return ledger_pb2.GetReceiptResponse(receipt=receipt_to_pb(receipt))

    async def ListEntries(
        self, request: ledger_pb2.ListEntriesRequest, context: Context
    ) -> ledger_pb2.ListEntriesResponse:
        page_size = validate_page_size(request.page_size)
        entries = self._ledger.entries(request.start_index, page_size)
        return ledger_pb2.ListEntriesResponse(
            entries=entries,
            next_index=request.start_index + len(entries)
            if entries
            else max(request.start_index, 0),
        )

    async def GetBlock(
        self, request: ledger_pb2.GetBlockRequest, context: Context
    ) -> ledger_pb2.GetBlockResponse:
        return ledger_pb2.GetBlockResponse(block=block_to_pb(self._ledger.block(request.height)))

    async def StreamBlocks(
        self, request: ledger_pb2.StreamBlocksRequest, context: Context
    ) -> AsyncIterator[ledger_pb2.StreamBlocksResponse]:
        height = request.start_height
        while True:
            while height <= self._ledger.head.height:
                block = self._ledger.block(height)
                yield ledger_pb2.StreamBlocksResponse(block=block_to_pb(block))
                height += 1
            await self._ledger.wait_for_block(height)
            if self._ledger.head.height < height:
                return  # shutting down

    async def GetCheckpoint(
        self, request: ledger_pb2.GetCheckpointRequest, context: Context
    ) -> ledger_pb2.GetCheckpointResponse:
        return ledger_pb2.GetCheckpointResponse(
            checkpoint=self._ledger.checkpoint(request.tree_size)
        )

    async def GetLogInfo(
        self, request: ledger_pb2.GetLogInfoRequest, context: Context
    ) -> ledger_pb2.GetLogInfoResponse:
        head = self._ledger.head
        genesis = self._ledger.genesis
        return ledger_pb2.GetLogInfoResponse(
            origin=genesis.origin,
            key_name=self._ledger.verifier.name,
            public_key=self._ledger.verifier.public_key,
            chain_id=genesis.chain_id,
            verifier_key=self._ledger.verifier.encode(),
            tree_size=head.size,
            height=head.height,
        )

    async def GetConsensusInfo(
        self, request: ledger_pb2.GetConsensusInfoRequest, context: Context
    ) -> ledger_pb2.GetConsensusInfoResponse:
        ledger = self._ledger
        genesis = ledger.genesis
        if not ledger.replicated:
            return ledger_pb2.GetConsensusInfoResponse(mode="embedded", height=ledger.head.height)
        own = genesis.agency_of(ledger.verifier.public_key)
        assert own is not None  # a replicated node signs with an agency's key (Ledger checks)
        return ledger_pb2.GetConsensusInfoResponse(
            mode="cometbft",
            validators=[
                ledger_pb2.Validator(
                    agency=a.name,
                    address=a.validator_address,
                    public_key=a.validator_public_key,
                    power=VALIDATOR_POWER,
                    node_id=a.node_id,
                    checkpoint_public_key=a.checkpoint_public_key,
                )
                for a in genesis.agencies
            ],
            agency=own.name,
            height=ledger.head.height,
            catching_up=ledger.catching_up,
        )

    async def GetInclusionProof(
        self, request: ledger_pb2.GetInclusionProofRequest, context: Context
    ) -> ledger_pb2.GetInclusionProofResponse:
        hashes, size = self._ledger.inclusion_proof(request.index, request.tree_size)
        return ledger_pb2.GetInclusionProofResponse(hashes=hashes, tree_size=size)

    async def GetConsistencyProof(
        self, request: ledger_pb2.GetConsistencyProofRequest, context: Context
    ) -> ledger_pb2.GetConsistencyProofResponse:
        hashes = self._ledger.consistency_proof(request.first_size, request.second_size)
        return ledger_pb2.GetConsistencyProofResponse(hashes=hashes)


SERVICE = ledger_pb2.DESCRIPTOR.services_by_name["LedgerService"]
PRE_ENCODED = frozenset({"SubmitTransaction", "SubmitTransactions"})


def _bytes_or(serialize: Callable[[Any], bytes]) -> Callable[[Any], bytes]:
    def serializer(response: Any) -> bytes:
        return response if isinstance(response, bytes) else serialize(response)

    return serializer


def add_to_server(servicer: LedgerServicer, server: grpc.aio.Server) -> None:
    """Register LedgerService like the generated ``add_LedgerServiceServicer_to_server``, except
    that the submit methods' responses may be bytes already encoded: receipts are encoded once,
    by the block writer, and handed to gRPC as they are."""
    handlers: dict[str, grpc.RpcMethodHandler[Any, Any]] = {}
    for method in SERVICE.methods:
        if method.client_streaming:
            raise NotImplementedError(f"{method.full_name}: client streaming is not registered")
        request = message_factory.GetMessageClass(method.input_type)
        response = message_factory.GetMessageClass(method.output_type)
        serialize = response.SerializeToString
        make = (
            grpc.unary_stream_rpc_method_handler
            if method.server_streaming
            else grpc.unary_unary_rpc_method_handler
        )
        handlers[method.name] = make(
            getattr(servicer, method.name),
            request_deserializer=request.FromString,
            response_serializer=_bytes_or(serialize) if method.name in PRE_ENCODED else serialize,
        )
    server.add_generic_rpc_handlers(
        (grpc.method_handlers_generic_handler(SERVICE.full_name, handlers),)
    )
    server.add_registered_method_handlers(SERVICE.full_name, handlers)  # type: ignore[attr-defined]
