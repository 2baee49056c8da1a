"""Transaction decoding benchmarks: ``decode_transactions`` (one native call: decode, static
checks, hashes, batch signature verification) vs the Python path (``decode_transaction`` per
transaction, then ``verify_signatures``), same run, same 1,000 transactions.

Run by ``make bench`` only. ``BENCH_SCALE`` (default 1) multiplies the batch size. Compare the
two as a ratio; nothing is asserted about speed.
"""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pytest_benchmark.fixture import BenchmarkFixture

from tabularium.api.registry import build_actions
from tabularium.chain.ledger import verify_signatures
from tabularium.chain.tx import Transaction, decode_transaction, decode_transactions
from tabularium.documents.v1 import documents_pb2
from tabularium.txbuild import build_signed

SCALE = int(os.environ.get("BENCH_SCALE", "1"))
CHAIN, WINDOW, MAX_BYTES = "bench", 3600_000_000, 1 << 16
NOW = 1_800_000_000_000_000
ACTIONS = build_actions()
_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
RAWS = [
    build_signed(
        CHAIN,
        documents_pb2.RegisterDocument(sha256=i.to_bytes(32, "big")),
        [_KEY],
        now_us=NOW,
    )
    for i in range(1000 * SCALE)
]


def _python_path(raws: list[bytes]) -> list[bool]:
    txs = [
        decode_transaction(
            r, chain_id=CHAIN, max_window_us=WINDOW, max_bytes=MAX_BYTES, actions=ACTIONS
        )
        for r in raws
    ]
    return verify_signatures(txs)


def _native_path(raws: list[bytes]) -> list[bool]:
    txs = decode_transactions(
        raws, chain_id=CHAIN, max_window_us=WINDOW, max_bytes=MAX_BYTES, actions=ACTIONS
    )
    return [isinstance(tx, Transaction) and tx.sig_ok is True for tx in txs]


@pytest.mark.parametrize("impl", ["ext-batch", "python-loop"])
def test_decode_transactions(benchmark: BenchmarkFixture, impl: str) -> None:
    """Both in one group: pytest-benchmark reports each as a ratio to the faster one."""
    fn = _native_path if impl == "ext-batch" else _python_path
    benchmark.group = f"tx-decode-verify-{len(RAWS)}"
    assert benchmark(fn, RAWS) == [True] * len(RAWS)
