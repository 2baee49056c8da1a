"""The block machine as a consensus engine drives it: FinalizeBlock writes nothing, Commit
makes the block durable, and the same block finalized twice gives the same bytes."""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tabularium.api.registry import build_actions
from tabularium.chain.apphash import app_hash
from tabularium.chain.tx import Transaction, decode_transactions
from tabularium.documents.v1 import documents_pb2
from tabularium.txbuild import build_signed
from tests.helpers import MachineNode

CHAIN = "machine-test"
ACTIONS = build_actions()


class Node(MachineNode):
    def txs(self, count: int) -> list[Transaction]:
        now = time.time_ns() // 1000
        raws = [
            build_signed(
                CHAIN,
                documents_pb2.RegisterDocument(sha256=os.urandom(32), title="m"),
                [self.admin],
                now_us=now,
            )
            for _ in range(count)
        ]
        out = decode_transactions(
            raws, chain_id=CHAIN, max_window_us=3600_000_000, max_bytes=1 << 16, actions=ACTIONS
        )
        assert all(isinstance(t, Transaction) for t in out)
        return out  # type: ignore[return-value]


@pytest.fixture
def node(tmp_path: Path) -> Iterator[Node]:
    n = Node(tmp_path, CHAIN)
    yield n
    n.store.close()


def test_finalize_writes_nothing_and_commit_makes_it_durable(node: Node) -> None:
    machine = node.new_machine()
    height0, hash0 = machine.info()
    txs = node.txs(5)
    block = machine.finalize_block(txs, time.time_ns() // 1000)
    assert block.head is not None and block.head.height == height0 + 1
    assert [o.entry_index for o in block.outcomes] == list(
        range(block.parent.size, block.parent.size + 5)
    )
    # Nothing reached the store, and the machine's head has not moved.
    with node.store.read() as txn:
        assert all(txn.tx_location(tx.tx_hash) is None for tx in txs)
    assert machine.info() == (height0, hash0)
    assert node.new_machine().info() == (height0, hash0)  # a fresh view of the store agrees

    machine.commit(block)
    height, digest = machine.info()
    assert height == height0 + 1
    assert digest == block.app_hash == app_hash(height, block.head.root, block.head.state_digest)
    reopened = node.new_machine()  # what a restart reads back
    assert reopened.info() == (height, digest)
    with node.store.read() as txn:
        assert [txn.tx_location(tx.tx_hash) for tx in txs] == [
            (block.parent.size + i, height) for i in range(5)
        ]


def test_the_same_block_finalized_twice_is_byte_identical(node: Node) -> None:
    txs, when = node.txs(20), time.time_ns() // 1000
    first = node.new_machine().finalize_block(txs, when)
    again = node.new_machine().finalize_block(txs, when)
    assert first.built.header == again.built.header
    assert first.built.writes == again.built.writes
    assert first.app_hash == again.app_hash


def test_a_block_finalized_on_an_old_head_cannot_be_committed(node: Node) -> None:
    machine = node.new_machine()
    stale = machine.finalize_block(node.txs(2), time.time_ns() // 1000)
    fresh = machine.finalize_block(node.txs(2), time.time_ns() // 1000)
    machine.commit(fresh)
    with pytest.raises(ValueError, match="not finalized on the current head"):
        machine.commit(stale)
    assert machine.info()[0] == fresh.parent.height + 1


def test_a_block_that_logs_nothing_has_no_head_and_cannot_be_committed(node: Node) -> None:
    machine = node.new_machine()
    tx = node.txs(1)[0]
    machine.commit(machine.finalize_block([tx], time.time_ns() // 1000))
    again = machine.finalize_block([tx], time.time_ns() // 1000)  # a duplicate: not logged
    assert again.head is None and again.outcomes[0].duplicate_of_logged
    # Its app hash is still the next height's (a replicated node reports one every height).
    parent = again.parent
    assert again.app_hash == app_hash(parent.height + 1, parent.root, parent.state_digest)
    assert again.app_hash != machine.info()[1]
    with pytest.raises(ValueError, match="nothing to commit"):
        machine.commit(again)


def test_a_handler_that_raises_refuses_its_transaction_alone_alike_everywhere(
    node: Node,
) -> None:
    good, bad, later = node.txs(3)

    def broken(context: object, action: object) -> None:
        raise ZeroDivisionError("a bug")

    faulty = dataclasses.replace(
        bad, action_type=dataclasses.replace(bad.action_type, handle=broken)
    )
    at = time.time_ns() // 1000
    block = node.machine.finalize_block([good, faulty, later], at)
    first, failed, third = block.outcomes
    assert first.error is None and third.error is None
    assert failed.error is not None and failed.entry_index == 1
    assert (failed.error.code, failed.error.reason) == ("INTERNAL", "HANDLER_FAILED")
    assert "ZeroDivisionError" in failed.error.message and "a bug" not in failed.error.message
    again = node.machine.finalize_block([good, faulty, later], at)
    assert again.built.header is not None
    assert again.built.state_digest == block.built.state_digest  # the same on every node
    node.machine.commit(block)
