"""Conversions between chain values and tabularium.ledger.v1 messages."""

from __future__ import annotations

from tabularium.chain.ledger import BlockRecord, Receipt, TxRecord
from tabularium.chain.tx import timestamp_us
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
