"""The block writer's hand-made Receipt encoding is byte for byte protobuf's."""

from __future__ import annotations

import os

from hypothesis import given
from hypothesis import strategies as st

from tabularium.api.convert.ledger import (
    receipt_to_pb,
    submit_response_bytes,
    submit_results_bytes,
)
from tabularium.chain.ledger import Receipt, encode_result
from tabularium.chain.receipt import ReceiptEncoder
from tabularium.errors import FailedPrecondition, PermissionDenied
from tabularium.ledger.v1 import ledger_pb2

_ACCEPTED = encode_result(None)
_REFUSED = encode_result(PermissionDenied("NOT_AUTHORIZED", "no", metadata={"entry_index": "7"}))


def _receipt(
    tx: bytes, index: int, height: int, time_us: int, checkpoint: bytes, proof: int, raw: bytes
) -> Receipt:
    encoder = ReceiptEncoder(height, time_us, checkpoint)
    nodes = tuple(os.urandom(32) for _ in range(proof))
    tx_hash = os.urandom(32)
    result = ledger_pb2.TransactionResult.FromString(raw)
    return Receipt(
        tx,
        tx_hash,
        index,
        height,
        time_us,
        checkpoint,
        nodes,
        result,
        encoder.encode(tx, tx_hash, index, nodes, raw),
    )


@given(
    tx=st.binary(min_size=0, max_size=300),
    index=st.integers(0, 2**64 - 1),
    height=st.integers(0, 2**64 - 1),
    time_us=st.integers(-(2**50), 2**60),
    checkpoint=st.binary(max_size=400),
    proof=st.integers(0, 64),
    raw=st.sampled_from([_ACCEPTED, _REFUSED, b""]),
)
def test_receipt_encoding_equals_protobuf(
    tx: bytes, index: int, height: int, time_us: int, checkpoint: bytes, proof: int, raw: bytes
) -> None:
    receipt = _receipt(tx, index, height, time_us, checkpoint, proof, raw)
    assert receipt.encoded == receipt_to_pb(receipt).SerializeToString()
    assert ledger_pb2.Receipt.FromString(receipt.encoded) == receipt_to_pb(receipt)


def test_submit_responses_equal_protobuf() -> None:
    receipts = [
        _receipt(os.urandom(200), 1000 + i, 9, 1_765_000_000_123_456, b"note", 11, _ACCEPTED)
        for i in range(3)
    ]
    error = FailedPrecondition("WINDOW_CLOSED", "expired", metadata={"a": "b"})
    mixed = [receipts[0], error, receipts[1], receipts[2]]
    want = ledger_pb2.SubmitTransactionsResponse(
        results=[
            ledger_pb2.SubmitResult(receipt=receipt_to_pb(receipts[0])),
            ledger_pb2.SubmitResult(
                error=ledger_pb2.TransactionError(
                    code=9, reason="WINDOW_CLOSED", message="expired", metadata={"a": "b"}
                )
            ),
            ledger_pb2.SubmitResult(receipt=receipt_to_pb(receipts[1])),
            ledger_pb2.SubmitResult(receipt=receipt_to_pb(receipts[2])),
        ]
    )
    assert submit_results_bytes(mixed) == want.SerializeToString()
    assert ledger_pb2.SubmitTransactionsResponse.FromString(submit_results_bytes(mixed)) == want
    single = ledger_pb2.SubmitTransactionResponse(receipt=receipt_to_pb(receipts[0]))
    assert submit_response_bytes(receipts[0]) == single.SerializeToString()
    # Receipts read back from the store carry no encoding and are serialized on the spot.
    stored = Receipt(*[getattr(receipts[1], f) for f in Receipt.__slots__ if f != "encoded"])
    assert submit_response_bytes(stored) == submit_response_bytes(receipts[1])
