"""Blocks through the ABCI socket on a real store, in the order CometBFT sends them:
ProcessProposal, FinalizeBlock (writes nothing), Commit (durable); empty heights included.
``tabularium verify`` then replays the whole store."""

from __future__ import annotations

import os
import struct
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.api.registry import build_actions
from tabularium.chain.apphash import app_hash
from tabularium.chain.ledger import decode_header
from tabularium.chain.tx import timestamp_us
from tabularium.chain.verify import verify_store
from tabularium.consensus.app import LedgerAbciApp
from tabularium.consensus.v1 import abci_pb2 as abci
from tabularium.crypto.didkey import did_key
from tabularium.documents.v1 import documents_pb2
from tabularium.identity.v1 import identity_pb2
from tabularium.txbuild import build_signed
from tests.consensus.harness import Running, frame, read
from tests.helpers import MachineNode, flip_signature

CHAIN = "blocks-test"


class Node(MachineNode):
    def __init__(self, root: Path) -> None:
        super().__init__(root, CHAIN)
        self.now = time.time_ns() // 1000
        self.app = LedgerAbciApp(self.machine, build_actions(), max_tx_bytes=1 << 16)

    def doc(self) -> bytes:
        return build_signed(
            CHAIN,
            documents_pb2.RegisterDocument(sha256=os.urandom(32), title="b"),
            [self.admin],
            now_us=self.now,
        )

    def ask(self, running: Running, *requests: abci.Request) -> list[abci.Response]:
        with running.connect() as s:
            s.sendall(b"".join(frame(r) for r in requests))
            return read(s, len(requests))

    def finalize(
        self, running: Running, height: int, txs: list[bytes], at_us: int
    ) -> abci.ResponseFinalizeBlock:
        request = abci.RequestFinalizeBlock(
            txs=txs, height=height, hash=os.urandom(32), time=timestamp_us(at_us)
        )
        return self.ask(running, abci.Request(finalize_block=request))[0].finalize_block

    def commit(self, running: Running) -> abci.ResponseCommit:
        return self.ask(running, abci.Request(commit=abci.RequestCommit()))[0].commit

    def info(self, running: Running) -> abci.ResponseInfo:
        return self.ask(running, abci.Request(info=abci.RequestInfo()))[0].info


@pytest.fixture
def node(tmp_path: Path) -> Iterator[tuple[Node, Running]]:
    n = Node(tmp_path)
    running = Running(n.app)
    yield n, running
    running.close()
    n.app.close()
    n.store.close()


def _entry(result: abci.ExecTxResult) -> int:
    return int(struct.unpack(">Q", result.data)[0])


def test_heights_finalize_commit_and_replay(node: tuple[Node, Running]) -> None:
    n, running = node
    start = n.machine.head
    assert n.info(running).last_block_height == start.height
    a, b = n.doc(), n.doc()

    # Height 1: two documents. FinalizeBlock answers the app hash but writes nothing.
    t1 = n.now + 1_000
    fin = n.finalize(running, start.height + 1, [a, b], t1)
    assert [(r.code, _entry(r)) for r in fin.tx_results] == [(0, start.size), (0, start.size + 1)]
    assert n.info(running).last_block_height == start.height
    with n.store.read() as txn:
        assert txn.block_header(start.height + 1) is None
    assert n.commit(running).retain_height == 0
    info = n.info(running)
    assert info.last_block_height == start.height + 1
    assert info.last_block_app_hash == fin.app_hash
    head = n.machine.head
    assert fin.app_hash == app_hash(head.height, head.root, head.state_digest)

    # Height 2: empty. The app hash still changes; the log does not; no new checkpoint.
    fin2 = n.finalize(running, start.height + 2, [], t1 + 1_000)
    n.commit(running)
    assert fin2.app_hash != fin.app_hash
    assert n.machine.head.size == head.size and n.machine.head.checkpoint == head.checkpoint
    with n.store.read() as txn:
        raw_header = txn.block_header(start.height + 2)
        assert raw_header is not None and decode_header(raw_header).entry_count == 0

    # Height 3: a replay of a (its original entry), a refusal logged as evidence, a bad signature.
    outsider = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    forbidden = build_signed(
        CHAIN,
        identity_pb2.GrantRole(subject=did_key(outsider), organization=did_key(outsider), role="r"),
        [n.admin],
        now_us=n.now,
    )
    fin3 = n.finalize(
        running, start.height + 3, [a, forbidden, flip_signature(n.doc())], t1 + 2_000
    )
    n.commit(running)
    replay, refused, unsigned = fin3.tx_results
    assert (replay.code, _entry(replay)) == (0, start.size)
    assert refused.code != 0 and refused.log and _entry(refused) == start.size + 2
    assert (unsigned.code, unsigned.log, unsigned.data) == (16, "BAD_SIGNATURE", b"")

    # Everything committed replays to the same headers, digests and results.
    report = verify_store(n.store, build_actions())
    assert report.height == start.height + 3 and report.tree_size == start.size + 3
    assert report.state_digest == n.machine.head.state_digest


def test_a_finalize_at_the_wrong_height_stops_the_node(node: tuple[Node, Running]) -> None:
    n, running = node
    with running.connect() as s:
        request = abci.RequestFinalizeBlock(
            height=n.machine.head.height + 5, time=timestamp_us(n.now)
        )
        s.sendall(frame(abci.Request(finalize_block=request)))
        assert s.recv(65536) == b""
    assert running.fatal and "next height" in running.fatal[0]
    with n.store.read() as txn:
        assert txn.block_header(n.machine.head.height + 1) is None


def test_proposals_honest_and_not(node: tuple[Node, Running]) -> None:
    n, running = node
    a, b = n.doc(), n.doc()

    def process(*txs: bytes) -> int:
        request = abci.RequestProcessProposal(txs=list(txs), hash=os.urandom(32), height=1)
        return n.ask(running, abci.Request(process_proposal=request))[0].process_proposal.status

    accept = abci.ResponseProcessProposal.PROPOSAL_STATUS_ACCEPT
    reject = abci.ResponseProcessProposal.PROPOSAL_STATUS_REJECT
    assert process(a, b) == accept
    assert process() == accept
    assert process(a, a) == reject
    assert process(a, b"\xff") == reject
    assert process(flip_signature(a)) == reject

    def prepare(max_bytes: int, *txs: bytes) -> list[bytes]:
        request = abci.RequestPrepareProposal(txs=list(txs), max_tx_bytes=max_bytes, height=1)
        return list(n.ask(running, abci.Request(prepare_proposal=request))[0].prepare_proposal.txs)

    assert prepare(1 << 20, a, b"\xff", a, b, flip_signature(b)) == [a, b]
    one = 1 + 2 + len(a)  # tag, two-byte length, bytes: a's size in CometBFT's Data
    assert prepare(one, a, b) == [a]
    assert prepare(one - 1, a, b) == []


def test_an_empty_height_prunes_expired_nonces_and_replays(node: tuple[Node, Running]) -> None:
    n, running = node
    start = n.machine.head
    short = build_signed(
        CHAIN,
        documents_pb2.RegisterDocument(sha256=os.urandom(32), title="short"),
        [n.admin],
        now_us=n.now,
        window_seconds=120,  # valid from a minute before now to a minute after
    )
    logged = n.finalize(running, start.height + 1, [short], n.now + 1_000).tx_results[0]
    assert (logged.code, logged.log) == (0, "")
    n.commit(running)
    before = n.machine.head.state_digest
    n.finalize(running, start.height + 2, [], n.now + 7200_000_000)  # two hours on: expired
    n.commit(running)
    assert n.machine.head.state_digest != before  # the nonce records went, nothing else
    assert n.machine.head.size == start.size + 1
    report = verify_store(n.store, build_actions())
    assert report.height == start.height + 2 and report.state_digest == n.machine.head.state_digest
