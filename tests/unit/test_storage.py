"""Storage conformance on real LMDB: ordering, not-found, append-only entries, atomic commits."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tabularium.errors import DataCorruption
from tabularium.storage import Store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store(tmp_path / "db", map_size=64 << 20)
    yield s
    s.close()


def test_entries_are_append_only_and_listed_in_order(store: Store) -> None:
    with store.write() as txn:
        for i in range(300):
            tx = f"tx{i}".encode()
            txn.put_entry(i, tx, hashlib.sha256(tx).digest(), 1, b"\x08" + bytes([1 + i % 2]))
    with store.read() as txn:
        assert txn.entry(7) == b"tx7"
        assert txn.entry(300) is None
        assert txn.entries(255, 3) == [b"tx255", b"tx256", b"tx257"]  # numeric, not lexical, order
        assert txn.entries(299, 10) == [b"tx299"]
        assert txn.entries(300, 10) == []
        assert txn.tx_location(hashlib.sha256(b"tx7").digest()) == (7, 1)
        assert txn.tx_result(hashlib.sha256(b"tx7").digest()) == b"\x08\x02"
        assert txn.entry_result(8) == b"\x08\x01"
        assert txn.tx_location(b"\xff" * 32) is None
        assert txn.tx_result(b"\xff" * 32) is None and txn.entry_result(300) is None
    with pytest.raises(DataCorruption, match="append-only"), store.write() as txn:
        txn.put_entry(7, b"rewritten", bytes(32), 2, b"\x08\x01")
    with store.read() as txn:
        assert txn.entry(7) == b"tx7"


def test_a_failed_write_transaction_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as txn:
        txn.put_state(b"k", b"v")
        txn.put_meta("height", b"\x01")
        raise RuntimeError("crash before commit")
    with store.read() as txn:
        assert txn.state(b"k") is None
        assert txn.meta("height") is None


def test_readers_see_a_snapshot(store: Store) -> None:
    with store.write() as txn:
        txn.put_state(b"k", b"old")
    with store.read() as reader:
        with store.write() as txn:
            txn.put_state(b"k", b"new")
        assert reader.state(b"k") == b"old"
    with store.read() as reader:
        assert reader.state(b"k") == b"new"


def test_nodes_must_all_exist(store: Store) -> None:
    with store.write() as txn:
        txn.put_nodes([(0, 0, b"a" * 32), (0, 1, b"b" * 32), (1, 0, b"c" * 32)])
    with store.read() as txn:
        assert txn.nodes([(1, 0), (0, 1)]) == [b"c" * 32, b"b" * 32]
        with pytest.raises(DataCorruption, match="level 0, index 2"):
            txn.nodes([(0, 0), (0, 2)])


def test_state_range_is_ordered_and_bounded_by_prefix(store: Store) -> None:
    with store.write() as txn:
        for key in (b"b/2", b"a/1", b"b/1", b"c", b"b/10"):
            txn.put_state(key, key.upper())
        txn.delete_state(b"c")
    with store.read() as txn:
        assert [k for k, _ in txn.state_range(b"b/")] == [b"b/1", b"b/10", b"b/2"]
        assert [k for k, _ in txn.state_range(b"")] == [b"a/1", b"b/1", b"b/10", b"b/2"]
        assert list(txn.state_range(b"z")) == []
