"""Conversions between chain values and tabularium.ledger.v1 messages."""

from __future__ import annotations

from collections.abc import Sequence

from tabularium.chain.ledger import BlockRecord, Receipt, TxRecord, transaction_error
from tabularium.chain.receipt import length_delimited
from tabularium.chain.tx import timestamp_us
from tabularium.errors import DomainError
from tabularium.ledger.v1 import ledger_pb2


def receipt_to_pb(receipt: Receipt) -> ledger_pb2.Receipt:
    return ledger_pb2.Receipt(
        transaction=receipt.transaction,
        tx_hash=receipt.tx_hash,
        entry_index=receipt.entry_index,
        block_height=receipt.block_height,
        block_time=timestamp_us(receipt.block_time_us),
        checkpoint=receipt.checkpoint,
        inclusion_proof=list(receipt.inclusion_proof),
        result=receipt.result,
        consensus_proof=receipt.consensus_proof,
    )


def receipt_bytes(receipt: Receipt) -> bytes:
    """The encoded Receipt: as the block writer made it, else serialized here."""
    if receipt.encoded and receipt.consensus_proof is None:
        return receipt.encoded
    return receipt_to_pb(receipt).SerializeToString()


def submit_response_bytes(receipt: Receipt) -> bytes:
    """An encoded SubmitTransactionResponse (field 1: the receipt)."""
    return length_delimited(1, receipt_bytes(receipt))


def submit_results_bytes(results: Sequence[Receipt | DomainError]) -> bytes:
    """An encoded SubmitTransactionsResponse: one SubmitResult (field 1) per item, each holding
    the receipt (its field 1) or the error (its field 2)."""
    return b"".join(
        length_delimited(
            1,
            length_delimited(2, transaction_error(r).SerializeToString())
            if isinstance(r, DomainError)
            else length_delimited(1, receipt_bytes(r)),
        )
        for r in results
    )


def record_to_pb(record: TxRecord) -> ledger_pb2.GetTransactionResponse:
    return ledger_pb2.GetTransactionResponse(
        transaction=record.transaction,
        entry_index=record.entry_index,
        block_height=record.block_height,
        block_time=timestamp_us(record.block_time_us),
        result=record.result,
    )


def block_to_pb(block: BlockRecord) -> ledger_pb2.Block:
    return ledger_pb2.Block(
        header=block.header,
        block_hash=block.block_hash,
        entries=list(block.entries),
        results=list(block.results),
        checkpoint=block.checkpoint,
    )
