"""The node's LMDB environment and its named databases.

One write transaction per block: everything a block changes (entries, tree nodes, indexes, state,
checkpoint, head) is written in one ``WriteTxn`` and becomes durable together when it commits
(LMDB with ``sync=True``: the commit returns after fsync). Readers never block the writer.

Named databases and key codecs (integers are unsigned 64-bit big-endian, so byte order is
numeric order):

=============  ==========================  ============================================
database       key                         value
=============  ==========================  ============================================
meta           ASCII name                  bytes (genesis, head, log key, ...)
entries        entry index                 transaction bytes exactly as submitted
txindex        tx hash (32 bytes)          entry index || block height || encoded
                                           TransactionResult (the entry's outcome: one
                                           record per entry serves lookup and result)
blocks         height                      encoded BlockHeader as hashed; the last key
                                           is the head
nodes          level (1 byte) || index     32-byte hash of the complete subtree
checkpoints    tree size                   signed-note checkpoint bytes
state          domain-chosen bytes         domain-chosen bytes
local          component-chosen bytes      node-local records outside consensus (e.g. the
                                           log of credential status queries); not hashed,
                                           not replicated, not checked by ``verify``
=============  ==========================  ============================================
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import lmdb

from tabularium.errors import DataCorruption

_U64 = struct.Struct(">Q")
_NODE = struct.Struct(">BQ")
_LOCATION = struct.Struct(">QQ")

DB_NAMES = ("meta", "entries", "txindex", "blocks", "nodes", "checkpoints", "state", "local")


def u64(value: int) -> bytes:
    """Encode a non-negative integer as 8 big-endian bytes."""
    return _U64.pack(value)


def node_key(level: int, index: int) -> bytes:
    """Key of the complete subtree at (level, index)."""
    return _NODE.pack(level, index)


class ReadTxn:
    """A consistent read-only view of the store. Cannot write."""

    def __init__(self, txn: Any, dbs: dict[str, Any]) -> None:
        self._txn = txn
        self._dbs = dbs

    def meta(self, name: str) -> bytes | None:
        """Value of a meta key, or None if it was never written."""
        value: bytes | None = self._txn.get(name.encode(), db=self._dbs["meta"])
        return value

    def entry(self, index: int) -> bytes | None:
        """Transaction bytes at entry index, or None past the end of the log."""
        value: bytes | None = self._txn.get(u64(index), db=self._dbs["entries"])
        return value

    def entries(self, start: int, limit: int) -> list[bytes]:
        """Up to ``limit`` consecutive entries from ``start``, in log order."""
        out: list[bytes] = []
        if limit <= 0:
            return out
        with self._txn.cursor(db=self._dbs["entries"]) as cursor:
            if not cursor.set_key(u64(start)):
                return out
            for _, value in cursor:
                out.append(value)
                if len(out) >= limit:
                    break
        return out

    def tx_location(self, tx_hash: bytes) -> tuple[int, int] | None:
        """(entry index, block height) of a logged transaction, or None if not logged."""
        value = self._txn.get(tx_hash, db=self._dbs["txindex"])
        if value is None:
            return None
        index, height = _LOCATION.unpack_from(value)
        return int(index), int(height)

    def tx_result(self, tx_hash: bytes) -> bytes | None:
        """Encoded TransactionResult of a logged transaction, or None if not logged."""
        value: bytes | None = self._txn.get(tx_hash, db=self._dbs["txindex"])
        return None if value is None else value[_LOCATION.size :]

    def entry_result(self, index: int) -> bytes | None:
        """Encoded TransactionResult of the entry at ``index``, or None if there is none."""
        raw = self.entry(index)
        return None if raw is None else self.tx_result(hashlib.sha256(raw).digest())

    def last_height(self) -> int | None:
        """Height of the last block stored, or None before block 0."""
        with self._txn.cursor(db=self._dbs["blocks"]) as cursor:
            if not cursor.last():
                return None
            return int(_U64.unpack(cursor.key())[0])

    def block_header(self, height: int) -> bytes | None:
        """Encoded header of the block at ``height``, or None if there is none."""
        value: bytes | None = self._txn.get(u64(height), db=self._dbs["blocks"])
        return value

    def node(self, level: int, index: int) -> bytes | None:
        """Hash of the complete subtree (level, index), or None if not stored."""
        value: bytes | None = self._txn.get(node_key(level, index), db=self._dbs["nodes"])
        return value

    def nodes(self, ids: Sequence[tuple[int, int]]) -> list[bytes]:
        """Hashes of exactly the given nodes, in order.

        Raises DataCorruption naming the first node that is missing or not 32 bytes: the tree
        code asked only for nodes that must exist at the sizes it was given.
        """
        db = self._dbs["nodes"]
        get = self._txn.get
        out: list[bytes] = []
        for level, index in ids:
            value = get(_NODE.pack(level, index), db=db)
            if value is None or len(value) != 32:
                raise DataCorruption(f"tree node (level {level}, index {index}) is missing or bad")
            out.append(value)
        return out

    def checkpoint(self, tree_size: int) -> bytes | None:
        """Signed checkpoint for a tree size at which a block ended, or None."""
        value: bytes | None = self._txn.get(u64(tree_size), db=self._dbs["checkpoints"])
        return value

    def state(self, key: bytes) -> bytes | None:
        """Current value of a state key, or None if absent."""
        value: bytes | None = self._txn.get(key, db=self._dbs["state"])
        return value

    def state_range(self, prefix: bytes, start: bytes = b"") -> Iterator[tuple[bytes, bytes]]:
        """State items whose key starts with ``prefix``, in ascending key order (from ``start``
        on, when it is given and sorts after ``prefix``)."""
        return self._range("state", prefix, start)

    def local(self, key: bytes) -> bytes | None:
        """A node-local item, or None."""
        value = self._txn.get(key, db=self._dbs["local"])
        return None if value is None else bytes(value)

    def local_range(self, prefix: bytes) -> Iterator[tuple[bytes, bytes]]:
        """Node-local items whose key starts with ``prefix``, in ascending key order."""
        return self._range("local", prefix)

    def _range(self, db: str, prefix: bytes, start: bytes = b"") -> Iterator[tuple[bytes, bytes]]:
        first = max(prefix, start)
        with self._txn.cursor(db=self._dbs[db]) as cursor:
            positioned = cursor.set_range(first) if first else cursor.first()
            if not positioned:
                return
            for key, value in cursor:
                if not key.startswith(prefix):
                    return
                yield bytes(key), bytes(value)


class WriteTxn(ReadTxn):
    """The one read-write transaction of a block. Nothing is visible or durable until commit."""

    def put_meta(self, name: str, value: bytes) -> None:
        self._txn.put(name.encode(), value, db=self._dbs["meta"])

    def put_entry(self, index: int, tx: bytes, tx_hash: bytes, height: int, result: bytes) -> None:
        """Store an entry and its hash index with its encoded result. Refuses to overwrite an
        existing entry."""
        if not self._txn.put(u64(index), tx, db=self._dbs["entries"], overwrite=False):
            raise DataCorruption(f"entry {index} already exists; the log is append-only")
        self._txn.put(tx_hash, _LOCATION.pack(index, height) + result, db=self._dbs["txindex"])

    def put_block_header(self, height: int, header: bytes) -> None:
        if not self._txn.put(u64(height), header, db=self._dbs["blocks"], overwrite=False):
            raise DataCorruption(f"block {height} already exists")

    def put_nodes(self, nodes: Sequence[tuple[int, int, bytes]]) -> None:
        db = self._dbs["nodes"]
        put = self._txn.put
        for level, index, digest in nodes:
            put(_NODE.pack(level, index), digest, db=db)

    def put_checkpoint(self, tree_size: int, note: bytes) -> None:
        self._txn.put(u64(tree_size), note, db=self._dbs["checkpoints"])

    def put_state(self, key: bytes, value: bytes) -> None:
        self._txn.put(key, value, db=self._dbs["state"])

    def delete_state(self, key: bytes) -> None:
        self._txn.delete(key, db=self._dbs["state"])

    def put_local(self, key: bytes, value: bytes) -> None:
        self._txn.put(key, value, db=self._dbs["local"])

    def delete_local(self, key: bytes) -> None:
        self._txn.delete(key, db=self._dbs["local"])


class Store:
    """The LMDB environment of one node, opened for durable commits.

    ``map_size`` is the maximum size of the database file (sparse; it grows as needed).
    """

    def __init__(self, path: Path, *, map_size: int = 64 << 30, readonly: bool = False) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._env = lmdb.open(
            str(path),
            map_size=map_size,
            max_dbs=len(DB_NAMES) + 4,
            subdir=True,
            sync=True,
            metasync=True,
            readonly=readonly,
            max_readers=512,
            lock=True,
        )
        self._dbs: dict[str, Any] = {}
        for name in DB_NAMES:
            self._dbs[name] = self._env.open_db(name.encode(), create=not readonly)

    @contextmanager
    def read(self) -> Iterator[ReadTxn]:
        """A read-only snapshot; never blocks and is never blocked by the writer."""
        with self._env.begin(write=False, buffers=False) as txn:
            yield ReadTxn(txn, self._dbs)

    @contextmanager
    def write(self) -> Iterator[WriteTxn]:
        """The single writer. Commits durably (fsync) on normal exit, aborts on exception."""
        with self._env.begin(write=True, buffers=False) as txn:
            yield WriteTxn(txn, self._dbs)

    def disk_bytes(self) -> int:
        """Bytes used by the data file (pages in use times page size)."""
        info = self._env.info()
        stat = self._env.stat()
        return int(info["last_pgno"] + 1) * int(stat["psize"])

    def close(self) -> None:
        self._env.close()
