"""Four real agencies under faults: crashes at each ABCI failpoint and ``kill -9`` under load
lose no acknowledged transaction; a node whose stored state was changed halts naming the app
hash mismatch while the others go on; a mixed workload leaves every node with the same blocks,
which replay to the same hashes in processes with different hash seeds."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Iterator

import grpc
import pytest

from tabularium.chain.apphash import app_hash
from tabularium.chain.ledger import decode_header
from tabularium.config import ServerConfig
from tabularium.documents.v1 import documents_pb2
from tabularium.failpoints import CRASH_STATUS
from tabularium.ledger.v1 import ledger_pb2
from tabularium.storage import Store
from tabularium.storage.lmdb_store import u64
from tabularium.txbuild import build_signed
from tests.conftest import run_cli
from tests.consensus.netfixture import Network
from tests.consensus.test_network import _catching_up, _our_height, _tx

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def net() -> Iterator[Network]:
    network = Network(4, commit_wait=10.0)
    try:
        network.start_all()
        network.wait("every node in step", lambda: not any(map(_catching_up(network), range(4))))
        yield network
    finally:
        network.close()


def _block(net: Network, i: int, height: int) -> ledger_pb2.Block:
    request = ledger_pb2.GetBlockRequest(height=height)
    block = net.node(i).ledger.GetBlock(request, timeout=10).block
    block.ClearField("checkpoint")  # each node signs its own
    return block


def _in_step(net: Network, i: int) -> None:
    """Wait until agency i is at least where every other running node was (each answers its
    submitters at its own commit, so they may differ by a block)."""
    target = max(
        _our_height(net, k) for k, n in enumerate(net.nodes) if n and n.proc.poll() is None
    )  # type: ignore[union-attr]
    net.wait(f"agency {i + 1} caught up", lambda: _our_height(net, i) >= target)
    net.wait(f"agency {i + 1} in step", lambda: not _catching_up(net)(i))


class Load:
    """Submits through agencies 1 and 2 in turn until stopped; keeps what was acknowledged."""

    def __init__(self, net: Network) -> None:
        self.net = net
        self.acked: list[bytes] = []
        self.refused = 0
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._run, args=(w,), daemon=True) for w in range(4)
        ]
        for thread in self._threads:
            thread.start()

    def _run(self, worker: int) -> None:
        turn = 0
        while not self._stop.is_set():
            turn += 1
            i = (turn + worker) % 2
            raw = _tx(self.net, i, f"load {worker}-{turn}")
            node = self.net.nodes[i]
            try:
                assert node is not None
                node.ledger.SubmitTransaction(
                    ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=15
                )
            except (grpc.RpcError, AssertionError, ValueError):
                self.refused += 1  # that node is down or restarting: not acknowledged
                time.sleep(0.05)
                continue
            self.acked.append(hashlib.sha256(raw).digest())  # list.append is atomic

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(60)


def test_crashes_at_each_failpoint_and_kill_9_lose_nothing_acknowledged(net: Network) -> None:
    load = Load(net)
    try:
        for failpoint in ("abci-after-finalize", "abci-after-commit"):
            net.failpoints(2).write_text(failpoint + "\n")
            assert net.wait_exit(2) == CRASH_STATUS, net.logs(2)
            net.failpoints(2).write_text("")
            net.start(2)  # CometBFT's handshake replays what the store lacks
            _in_step(net, 2)
        count = len(load.acked)
        net.wait("load through agency 2", lambda: len(load.acked) > count + 5)
        net.kill(1)  # under load: some of its submissions were in flight
        net.start(1)
        _in_step(net, 1)
        count = len(load.acked)
        net.wait("more acknowledged", lambda: len(load.acked) > count + 5)
    finally:
        load.stop()
    assert len(load.acked) >= 20, (len(load.acked), load.refused)
    for i in range(4):
        _in_step(net, i)
        for tx_hash in load.acked:
            net.node(i).ledger.GetTransaction(
                ledger_pb2.GetTransactionRequest(tx_hash=tx_hash), timeout=10
            )
    top = _our_height(net, 0)
    for height in range(1, top + 1):
        want = _block(net, 0, height)
        for i in (1, 2, 3):
            assert _block(net, i, height) == want, f"agency {i + 1}, block {height}"


def _flip_state_digest(data_dir: os.PathLike[str]) -> tuple[int, bytes]:
    """Change one byte of the latest stored block's state digest; return height and header."""
    store = Store(ServerConfig(data_dir=data_dir).store_dir)  # type: ignore[arg-type]
    try:
        with store.write() as txn:
            height = txn.last_height()
            assert height is not None
            raw = txn.block_header(height)
            assert raw is not None
            header = decode_header(raw)
            header.state_digest = bytes([header.state_digest[0] ^ 1]) + header.state_digest[1:]
            txn._txn.put(u64(height), header.SerializeToString(), db=txn._dbs["blocks"])
        return height, raw
    finally:
        store.close()


def _restore_header(data_dir: os.PathLike[str], height: int, raw: bytes) -> None:
    store = Store(ServerConfig(data_dir=data_dir).store_dir)  # type: ignore[arg-type]
    try:
        with store.write() as txn:
            txn._txn.put(u64(height), raw, db=txn._dbs["blocks"])
    finally:
        store.close()


def test_a_node_with_a_changed_state_digest_halts_naming_both_hashes(net: Network) -> None:
    assert net.stop(3) == 0
    height, good = _flip_state_digest(net.data_dirs[3])
    header = decode_header(good)
    ours = app_hash(
        height, header.log_root, bytes([header.state_digest[0] ^ 1]) + header.state_digest[1:]
    )
    theirs = app_hash(height, header.log_root, header.state_digest)
    start = _our_height(net, 0)
    net.start(3)
    assert net.wait_exit(3) == 1
    logs = "".join(net.nodes[3].log_lines)  # type: ignore[union-attr]
    stopped = [json.loads(line) for line in logs.splitlines() if '"node stopped"' in line]
    assert stopped, logs[-3000:]
    reason = stopped[-1]["reason"]
    assert f"app hash mismatch at height {height}" in reason, reason
    assert ours.hex() in reason and theirs.hex() in reason, reason
    net.wait("A, B and C go on", lambda: _our_height(net, 0) >= start + 3)
    # Put the byte back: D restarts, catches up and agrees again.
    _restore_header(net.data_dirs[3], height, good)
    net.start(3)
    _in_step(net, 3)


def test_a_mixed_workload_leaves_every_node_with_the_same_blocks(net: Network) -> None:
    digest = os.urandom(32)
    first = build_signed(
        net.chain_id,
        documents_pb2.RegisterDocument(sha256=digest, title="first"),
        [net.admins[0]],
        now_us=time.time_ns() // 1000,
    )
    # The same document again by another agency: refused by the rule and logged as evidence.
    again = build_signed(
        net.chain_id,
        documents_pb2.RegisterDocument(sha256=digest, title="again"),
        [net.admins[1]],
        now_us=time.time_ns() // 1000,
    )
    # A window that closes in about a second: whether it gets in depends on timing, but every
    # node decides alike.
    now = time.time_ns() // 1000
    short = build_signed(
        net.chain_id,
        documents_pb2.RegisterDocument(sha256=os.urandom(32), title="short window"),
        [net.admins[2]],
        now_us=now,
        window_seconds=61,  # it opened a minute ago
    )
    both = _tx(net, 3, "sent to two nodes")
    results: dict[str, object] = {}

    def send(name: str, i: int, raw: bytes) -> None:
        try:
            results[name] = net.node(i).ledger.SubmitTransaction(
                ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=20
            )
        except grpc.RpcError as exc:
            results[name] = exc.code()

    threads = [
        threading.Thread(target=send, args=(name, i, raw))
        for name, i, raw in [
            ("first", 0, first),
            ("short", 2, short),
            ("both-a", 0, both),
            ("both-d", 3, both),
            *((f"valid-{k}", k % 4, _tx(net, k % 4, f"valid {k}")) for k in range(8)),
        ]
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    send("again", 1, again)
    assert results["again"] == grpc.StatusCode.ALREADY_EXISTS
    a, d = results["both-a"], results["both-d"]
    assert isinstance(a, ledger_pb2.SubmitTransactionResponse), a
    assert isinstance(d, ledger_pb2.SubmitTransactionResponse), d
    assert a.receipt.entry_index == d.receipt.entry_index  # one entry, both answered

    for i in range(4):
        _in_step(net, i)
    top = min(_our_height(net, i) for i in range(4))
    for height in range(1, top + 1):
        want = _block(net, 0, height)
        for i in (1, 2, 3):
            assert _block(net, i, height) == want, f"agency {i + 1}, block {height}"
        if height < top:  # header H+1 in CometBFT carries block H's app hash
            ours = decode_header(want.header)
            theirs = net.rpc(0, f"block?height={height + 1}")["block"]["header"]["app_hash"]
            assert bytes.fromhex(theirs) == app_hash(height, ours.log_root, ours.state_digest)

    # Replayed through the embedded executor, in processes with different hash seeds.
    for i in range(4):
        assert net.stop(i) == 0
    reports = []
    for i in range(4):
        runs = [
            json.loads(
                run_cli(
                    "verify", "--data-dir", str(net.data_dirs[i]), env={"PYTHONHASHSEED": seed}
                ).stdout
            )
            for seed in ("1", "2")
        ]
        assert runs[0] == runs[1], runs
        reports.append(runs[0])
    by_height: dict[int, set[tuple[str, str]]] = {}
    for report in reports:
        by_height.setdefault(report["height"], set()).add((report["root"], report["state_digest"]))
    assert all(len(states) == 1 for states in by_height.values()), reports
