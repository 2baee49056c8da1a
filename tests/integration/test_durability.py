"""Acknowledged means durable; `tabularium verify` finds any byte changed behind our back."""

from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import threading
import time

import grpc
import lmdb
import pytest

from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tests.conftest import Chain, NodeProcess, run_cli, submit


class _Submitters:
    """Threads submitting pre-signed transactions on their own channel until stopped or refused.

    The channel belongs to the submitters, so killing the node never closes it under them.
    """

    def __init__(self, chain: Chain, node: NodeProcess, workers: int = 8) -> None:
        self.acked: list[bytes] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._channel = grpc.insecure_channel(node.address)
        self._stub = ledger_pb2_grpc.LedgerServiceStub(self._channel)
        batches = [[chain.notarize(os.urandom(32)) for _ in range(400)] for _ in range(workers)]
        self._threads = [threading.Thread(target=self._run, args=(b,)) for b in batches]
        for t in self._threads:
            t.start()

    def _run(self, raws: list[bytes]) -> None:
        for raw in raws:
            if self._stop.is_set():
                return
            try:
                response = self._stub.SubmitTransaction(
                    ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=30
                )
            except grpc.RpcError:
                return
            with self._lock:
                self.acked.append(response.receipt.tx_hash)

    def wait_for(self, count: int, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while len(self.acked) < count and time.monotonic() < deadline:
            time.sleep(0.02)

    def finish(self) -> list[bytes]:
        """Stop, join every thread, and return what was acknowledged."""
        self._stop.set()
        for t in self._threads:
            t.join(60)
        self._channel.close()
        return list(self.acked)


@pytest.mark.slow
def test_kill_9_during_sustained_submits_loses_nothing_acknowledged(chain: Chain) -> None:
    node = NodeProcess(chain.data_dir).start()
    submitters = _Submitters(chain, node)
    submitters.wait_for(300)
    node.kill()  # SIGKILL while submitters are mid-flight
    snapshot = submitters.finish()
    assert len(snapshot) >= 300
    restarted = NodeProcess(chain.data_dir).start()
    try:
        for tx_hash in snapshot:
            got = restarted.ledger.GetTransaction(
                ledger_pb2.GetTransactionRequest(tx_hash=tx_hash), timeout=10
            )
            assert hashlib.sha256(got.transaction).digest() == tx_hash
        # The restarted node keeps accepting and chaining blocks.
        submit(restarted, chain.notarize(os.urandom(32)))
    finally:
        assert restarted.terminate() == 0
    result = _verify(chain)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_sigterm_finishes_the_block_in_flight(chain: Chain) -> None:
    node = NodeProcess(chain.data_dir).start()
    submitters = _Submitters(chain, node, workers=4)
    submitters.wait_for(100)
    assert node.terminate() == 0
    snapshot = submitters.finish()
    assert len(snapshot) >= 100
    restarted = NodeProcess(chain.data_dir).start()
    try:
        for tx_hash in snapshot:
            restarted.ledger.GetTransaction(ledger_pb2.GetTransactionRequest(tx_hash=tx_hash))
    finally:
        restarted.terminate()
    assert any('"shutting down' in line or "shutting down" in line for line in node.log_lines)


def _fill(chain: Chain, count: int) -> None:
    node = NodeProcess(chain.data_dir).start()
    try:
        raws = [chain.notarize(os.urandom(32)) for _ in range(count)]
        node.ledger.SubmitTransactions(ledger_pb2.SubmitTransactionsRequest(transactions=raws[:5]))
        for raw in raws[5:]:
            submit(node, raw)
    finally:
        node.terminate()


def _tamper(chain: Chain, db_name: bytes, key: bytes, flip_at: int) -> None:
    env = lmdb.open(str(chain.data_dir / "ledger"), max_dbs=16, subdir=True)
    try:
        db = env.open_db(db_name, create=False)
        with env.begin(write=True) as txn:
            value = bytearray(txn.get(key, db=db))
            value[flip_at] ^= 0x01
            txn.put(key, bytes(value), db=db)
    finally:
        env.close()


def _verify(chain: Chain) -> subprocess.CompletedProcess[str]:
    return run_cli("verify", "--data-dir", str(chain.data_dir), check=False)


def test_verify_passes_on_an_untouched_store(chain: Chain) -> None:
    _fill(chain, 12)
    result = _verify(chain)
    assert result.returncode == 0, result.stderr
    assert '"tree_size": 12' in result.stdout


def test_verify_names_a_changed_entry(chain: Chain) -> None:
    _fill(chain, 12)
    _tamper(chain, b"entries", struct.pack(">Q", 7), flip_at=-3)
    result = _verify(chain)
    assert result.returncode == 1
    assert "entry 7" in result.stderr


def test_verify_names_a_changed_tree_node(chain: Chain) -> None:
    _fill(chain, 12)
    _tamper(chain, b"nodes", struct.pack(">BQ", 1, 2), flip_at=0)
    result = _verify(chain)
    assert result.returncode == 1
    assert "entry 4" in result.stderr and "level 1, index 2" in result.stderr


def test_verify_names_a_block_with_a_forged_checkpoint(chain: Chain) -> None:
    _fill(chain, 12)
    _tamper(chain, b"checkpoints", struct.pack(">Q", 12), flip_at=-10)
    result = _verify(chain)
    assert result.returncode == 1
    assert "checkpoint does not verify" in result.stderr


def test_verify_names_a_changed_state_value(chain: Chain) -> None:
    _fill(chain, 3)
    env = lmdb.open(str(chain.data_dir / "ledger"), max_dbs=16, subdir=True)
    try:
        db = env.open_db(b"state", create=False)
        with env.begin(write=True) as txn:
            key = next(k for k, _ in txn.cursor(db=db) if k.startswith(b"domain/documents/"))
            txn.put(key, b'{"forged":true}', db=db)
    finally:
        env.close()
    result = _verify(chain)
    assert result.returncode == 1
    assert "differs from the replayed state" in result.stderr
