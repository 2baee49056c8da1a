"""Off-log storage of vault documents: envelope encryption, ciphertext files, crypto-shredding.

Each stored version gets a fresh 256-bit data key. Content is cut into segments of
``SEGMENT_BYTES`` and each is sealed with AES-256-GCM under the data key, with a 96-bit nonce
made of the segment number, and associated data binding the blob id, the segment number and
whether it is the last segment (so segments cannot be reordered, dropped or the file cut
short unnoticed). The data key and the commitment's salt are wrapped by a ``KeyWrapper``
(by default AES-256-GCM under a master key file; an HSM or KMS plugs in through the same
protocol) and kept in the node-local LMDB database, never on the log.

Shredding deletes the wrapped key record and the ciphertext file. Without the data key the
ciphertext is noise even where the filesystem keeps old blocks; LMDB may keep freed pages with
the wrapped key until they are reused, which is why the data key is wrapped and never stored
in the clear.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import secrets
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tabularium.errors import DataCorruption
from tabularium.storage.lmdb_store import Store

SEGMENT_BYTES = 1 << 20
TAG_BYTES = 16
KEY_RECORD_PREFIX = b"vault/key/"
SHREDDED_PREFIX = b"vault/shredded/"
_SEGMENT_AAD = b"tabularium/vault/segment/v1\x00"
_WRAP_AAD = b"tabularium/vault/wrap/v1\x00"
_U64 = struct.Struct(">Q")


class KeyWrapper(Protocol):
    """Wraps data keys under a key the node never writes next to the data (a file, HSM, KMS)."""

    key_id: str

    def wrap(self, plaintext: bytes, context: bytes) -> bytes: ...

    def unwrap(self, wrapped: bytes, context: bytes) -> bytes: ...


class FileKeyWrapper:
    """AES-256-GCM under a 32-byte master key read from a file (created 0600 if missing)."""

    def __init__(self, path: Path) -> None:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(secrets.token_bytes(32))
                out.flush()
                os.fsync(out.fileno())
        key = path.read_bytes()
        if len(key) != 32:
            raise ValueError(f"vault master key {path} must hold 32 bytes, it has {len(key)}")
        self._aead = AESGCM(key)
        self.key_id = (
            "file:" + hashlib.sha256(b"tabularium/vault/key-id\x00" + key).hexdigest()[:16]
        )

    def wrap(self, plaintext: bytes, context: bytes) -> bytes:
        nonce = secrets.token_bytes(12)
        return nonce + self._aead.encrypt(nonce, plaintext, _WRAP_AAD + context)

    def unwrap(self, wrapped: bytes, context: bytes) -> bytes:
        try:
            return self._aead.decrypt(wrapped[:12], wrapped[12:], _WRAP_AAD + context)
        except InvalidTag as exc:
            raise DataCorruption(
                "a wrapped document key does not open with this master key"
            ) from exc


def load_key_wrapper(spec: str, default_path: Path) -> KeyWrapper:
    """``file`` (the default master key file), ``file:<path>``, or ``<module>:<factory>``: a
    callable returning a KeyWrapper (the hook for an HSM or a cloud KMS)."""
    if spec in ("", "file"):
        return FileKeyWrapper(default_path)
    if spec.startswith("file:"):
        return FileKeyWrapper(Path(spec[5:]))
    module, _, factory = spec.partition(":")
    if not module or not factory:
        raise ValueError(f"key wrapper {spec!r}: use file, file:<path> or <module>:<factory>")
    wrapper: KeyWrapper = getattr(importlib.import_module(module), factory)()
    return wrapper


def _segment_aad(blob_id: bytes, index: int, final: bool) -> bytes:
    return _SEGMENT_AAD + blob_id + _U64.pack(index) + (b"\x01" if final else b"\x00")


def _nonce(index: int) -> bytes:
    return bytes(4) + _U64.pack(index)


@dataclass(frozen=True, slots=True)
class KeyRecord:
    """Node-local: where a version's ciphertext is and its wrapped data key and salt."""

    tx_hash: bytes
    document_id: bytes
    blob_id: bytes
    key_id: str
    wrapped: bytes  # data key (32) || salt (32), wrapped
    size: int

    def encode(self) -> bytes:
        return json.dumps(
            {
                "tx_hash": self.tx_hash.hex(),
                "document_id": self.document_id.hex(),
                "blob_id": self.blob_id.hex(),
                "key_id": self.key_id,
                "wrapped": self.wrapped.hex(),
                "size": self.size,
            },
            sort_keys=True,
        ).encode()

    @classmethod
    def decode(cls, raw: bytes) -> KeyRecord:
        d = json.loads(raw)
        return cls(
            bytes.fromhex(d["tx_hash"]),
            bytes.fromhex(d["document_id"]),
            bytes.fromhex(d["blob_id"]),
            str(d["key_id"]),
            bytes.fromhex(d["wrapped"]),
            int(d["size"]),
        )


class Upload:
    """One version being received: encrypts and appends segments as bytes arrive."""

    def __init__(self, vault: VaultStore) -> None:
        self._vault = vault
        self.blob_id = secrets.token_bytes(16)
        self._key = AESGCM.generate_key(bit_length=256)
        self._aead = AESGCM(self._key)
        self._buffer = bytearray()
        self._index = 0
        self.size = 0
        self.path = vault.staging_dir / (self.blob_id.hex() + ".part")
        self._file = open(self.path, "wb")  # noqa: SIM115 - closed in finish/abort

    def write(self, chunk: bytes) -> None:
        """Encrypt and append every full segment; keep the rest buffered."""
        self.size += len(chunk)
        self._buffer += chunk
        while len(self._buffer) > SEGMENT_BYTES:
            with memoryview(self._buffer) as view:  # seal in place, no copy of the segment
                self._seal(view[:SEGMENT_BYTES], final=False)
            del self._buffer[:SEGMENT_BYTES]

    def _seal(self, plaintext: bytes | memoryview, *, final: bool) -> None:
        aad = _segment_aad(self.blob_id, self._index, final)
        self._file.write(self._aead.encrypt(_nonce(self._index), plaintext, aad))
        self._index += 1

    def seal(self) -> None:
        """Seal the last segment (possibly empty) and make the file durable."""
        self._seal(bytes(self._buffer), final=True)
        self._buffer.clear()
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()

    def keep(self, tx_hash: bytes, document_id: bytes, salt: bytes) -> KeyRecord:
        """Move the sealed file in place and record its wrapped key, durably, before the
        version's transaction is submitted (so an acknowledged version always has content)."""
        record = KeyRecord(
            tx_hash=tx_hash,
            document_id=document_id,
            blob_id=self.blob_id,
            key_id=self._vault.wrapper.key_id,
            wrapped=self._vault.wrapper.wrap(self._key + salt, tx_hash + self.blob_id),
            size=self.size,
        )
        target = self._vault.blob_path(self.blob_id)
        os.replace(self.path, target)
        _fsync_dir(target.parent)
        with self._vault.store.write() as txn:
            txn.put_local(self._vault.record_key(document_id, tx_hash), record.encode())
        return record

    def abort(self) -> None:
        if not self._file.closed:
            self._file.close()
        self.path.unlink(missing_ok=True)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class VaultStore:
    """Ciphertext files under ``root`` and key records in the node's LMDB ``local`` database,
    under ``prefix`` (one store per kind of off-log content: vault documents, bid documents)."""

    def __init__(
        self, root: Path, store: Store, wrapper: KeyWrapper, prefix: bytes = KEY_RECORD_PREFIX
    ) -> None:
        self.root = root
        self.prefix = prefix
        self.store = store
        self.wrapper = wrapper
        self.staging_dir = root / "staging"
        self.blobs_dir = root / "blobs"
        self.staging_dir.mkdir(parents=True, exist_ok=True)
        self.blobs_dir.mkdir(parents=True, exist_ok=True)
        for stale in self.staging_dir.glob("*.part"):  # uploads cut off by a restart
            stale.unlink()

    def record_key(self, document_id: bytes, tx_hash: bytes) -> bytes:
        return self.prefix + document_id + tx_hash

    def blob_path(self, blob_id: bytes) -> Path:
        return self.blobs_dir / (blob_id.hex() + ".bin")

    def upload(self) -> Upload:
        return Upload(self)

    def key_record(self, document_id: bytes, tx_hash: bytes) -> KeyRecord | None:
        with self.store.read() as txn:
            raw = txn.local(self.record_key(document_id, tx_hash))
        return None if raw is None else KeyRecord.decode(raw)

    def key_records(self, document_id: bytes = b"") -> list[KeyRecord]:
        """Every key record, or a document's."""
        with self.store.read() as txn:
            return [KeyRecord.decode(v) for _, v in txn.local_range(self.prefix + document_id)]

    def _open(self, record: KeyRecord) -> tuple[AESGCM, bytes]:
        opened = self.wrapper.unwrap(record.wrapped, record.tx_hash + record.blob_id)
        return AESGCM(opened[:32]), opened[32:]

    def salt(self, record: KeyRecord) -> bytes:
        return self._open(record)[1]

    def segments(self, record: KeyRecord) -> Iterator[bytes]:
        """The plaintext, segment by segment; raises DataCorruption if anything was altered."""
        aead, _ = self._open(record)
        path = self.blob_path(record.blob_id)
        total = path.stat().st_size
        sealed = SEGMENT_BYTES + TAG_BYTES
        count = max(1, -(-total // sealed))
        with open(path, "rb") as blob:
            for index in range(count):
                data = blob.read(sealed)
                final = index == count - 1
                try:
                    yield aead.decrypt(
                        _nonce(index), data, _segment_aad(record.blob_id, index, final)
                    )
                except InvalidTag as exc:
                    raise DataCorruption(
                        f"ciphertext of blob {record.blob_id.hex()} fails authentication at "
                        f"segment {index}"
                    ) from exc

    def discard(self, document_id: bytes, tx_hash: bytes) -> None:
        """Remove a version's key record and ciphertext (a refused or failed upload)."""
        record = self.key_record(document_id, tx_hash)
        if record is None:
            return
        with self.store.write() as txn:
            txn.delete_local(self.record_key(document_id, tx_hash))
        self.blob_path(record.blob_id).unlink(missing_ok=True)

    def shred(self, document_id: bytes, at_us: int) -> int:
        """Destroy every key and ciphertext of a document; return how many versions (0, and
        nothing written, if this node holds none)."""
        records = self.key_records(document_id)
        if not records:
            return 0
        with self.store.write() as txn:
            for record in records:
                txn.delete_local(self.record_key(document_id, record.tx_hash))
            if txn.local(SHREDDED_PREFIX + document_id) is None:
                txn.put_local(SHREDDED_PREFIX + document_id, _U64.pack(at_us))
        for record in records:
            self.blob_path(record.blob_id).unlink(missing_ok=True)
        return len(records)

    def shredded(self, document_id: bytes) -> bool:
        with self.store.read() as txn:
            return txn.local(SHREDDED_PREFIX + document_id) is not None
