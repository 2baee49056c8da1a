"""LMDB storage behind narrow read-only and read-write transaction types."""

from tabularium.storage.lmdb_store import ReadTxn, Store, WriteTxn

__all__ = ["ReadTxn", "Store", "WriteTxn"]
