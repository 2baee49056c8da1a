"""Acknowledged means durable; `tabularium verify` finds any byte changed behind our back."""

from __future__ import annotations

import hashlib
import os
import struct
import threading
import time

import grpc
import lmdb
import pytest

from tabularium.ledger.v1 import ledger_pb2
from tests.conftest import Chain, NodeProcess, run_cli, submit


def _sustained_submits(
    chain: Chain, node: NodeProcess, stop: threading.Event, acked: list[bytes], workers: int = 8
) -> list[threading.Thread]:
    lock = threading.Lock()
    raws_per_worker = [[chain.notarize(os.urandom(32)) for _ in range(400)] for _ in range(workers)]

    def worker(raws: list[bytes]) -> None:
        for raw in raws:
            if stop.is_set():
                return
            try:
                receipt = submit(node, raw)
            except grpc.RpcError:
                return
            with lock:
                acked.append(receipt.tx_hash)

    threads = [threading.Thread(target=worker, args=(r,), daemon=True) for r in raws_per_worker]
    for t in threads:
        t.start()
    return threads


@pytest.mark.slow
def test_kill_9_during_sustained_submits_loses_nothing_acknowledged(chain: Chain) -> None:
    node = NodeProcess(chain.data_dir).start()
    acked: list[bytes] = []
    stop = threading.Event()
    threads = _sustained_submits(chain, node, stop, acked)
    deadline = time.monotonic() + 30
    while len(acked) < 300 and time.monotonic() < deadline:
        time.sleep(0.05)
    node.kill()  # SIGKILL while submitters are mid-flight
    stop.set()
    for t in threads:
        t.join(10)
    snapshot = list(acked)
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
    result = run_cli("verify", "--data-dir", str(chain.data_dir), check=False)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_sigterm_finishes_the_block_in_flight(chain: Chain) -> None:
    node = NodeProcess(chain.data_dir).start()
    acked: list[bytes] = []
    stop = threading.Event()
    threads = _sustained_submits(chain, node, stop, acked, workers=4)
    while len(acked) < 100:
        time.sleep(0.02)
    assert node.terminate() == 0
    stop.set()
    for t in threads:
        t.join(10)
    snapshot = list(acked)
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


def test_verify_passes_on_an_untouched_store(chain: Chain) -> None:
    _fill(chain, 12)
    result = run_cli("verify", "--data-dir", str(chain.data_dir), check=False)
    assert result.returncode == 0, result.stderr
    assert '"tree_size": 12' in result.stdout


def test_verify_names_a_changed_entry(chain: Chain) -> None:
    _fill(chain, 12)
    _tamper(chain, b"entries", struct.pack(">Q", 7), flip_at=-3)
    result = run_cli("verify", "--data-dir", str(chain.data_dir), check=False)
    assert result.returncode == 1
    assert "entry 7" in result.stderr


def test_verify_names_a_changed_tree_node(chain: Chain) -> None:
    _fill(chain, 12)
    _tamper(chain, b"nodes", struct.pack(">BQ", 1, 2), flip_at=0)
    result = run_cli("verify", "--data-dir", str(chain.data_dir), check=False)
    assert result.returncode == 1
    assert "entry 4" in result.stderr and "level 1, index 2" in result.stderr


def test_verify_names_a_block_with_a_forged_checkpoint(chain: Chain) -> None:
    _fill(chain, 12)
    _tamper(chain, b"checkpoints", struct.pack(">Q", 12), flip_at=-10)
    result = run_cli("verify", "--data-dir", str(chain.data_dir), check=False)
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
    result = run_cli("verify", "--data-dir", str(chain.data_dir), check=False)
    assert result.returncode == 1
    assert "differs from the replayed state" in result.stderr
