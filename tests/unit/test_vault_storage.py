"""Off-log vault storage on a real LMDB: envelope encryption, tamper and truncation detection,
shredding, the key-wrapper hook; and the commitment against a from-the-spec reference."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from tabularium.domains.vault.model import commitment, folder_contains
from tabularium.errors import DataCorruption
from tabularium.storage import Store
from tabularium.storage.vault import (
    SEGMENT_BYTES,
    TAG_BYTES,
    FileKeyWrapper,
    KeyRecord,
    VaultStore,
    load_key_wrapper,
)

TX = hashlib.sha256(b"tx").digest()
DOC = TX[:16]
SALT = bytes(range(32))


@pytest.fixture
def vault(tmp_path: Path) -> VaultStore:
    store = Store(tmp_path / "ledger", map_size=64 << 20)
    return VaultStore(tmp_path / "vault", store, FileKeyWrapper(tmp_path / "master.key"))


def _store(vault: VaultStore, content: bytes, pieces: int = 7) -> KeyRecord:
    upload = vault.upload()
    step = max(1, len(content) // pieces)
    for start in range(0, len(content), step):
        upload.write(content[start : start + step])
    upload.seal()
    return upload.keep(TX, DOC, SALT)


@pytest.mark.parametrize(
    "size", [0, 1, SEGMENT_BYTES - 1, SEGMENT_BYTES, SEGMENT_BYTES + 1, 3 * SEGMENT_BYTES + 5]
)
def test_round_trip_at_segment_boundaries(vault: VaultStore, size: int) -> None:
    content = os.urandom(size)
    record = _store(vault, content)
    assert record.size == size
    assert b"".join(vault.segments(record)) == content
    assert vault.salt(record) == SALT
    assert vault.key_record(DOC, TX) == record
    ciphertext = vault.blob_path(record.blob_id).read_bytes()
    segments = max(1, -(-size // SEGMENT_BYTES))
    assert len(ciphertext) == size + segments * TAG_BYTES
    if size >= 64:
        assert content[:64] not in ciphertext


def test_any_flipped_byte_or_cut_is_detected(vault: VaultStore) -> None:
    content = os.urandom(2 * SEGMENT_BYTES + 100)
    record = _store(vault, content)
    path = vault.blob_path(record.blob_id)
    original = path.read_bytes()
    for position in (0, SEGMENT_BYTES + 3, len(original) - 1):
        tampered = bytearray(original)
        tampered[position] ^= 1
        path.write_bytes(bytes(tampered))
        with pytest.raises(DataCorruption):
            b"".join(vault.segments(record))
    sealed = SEGMENT_BYTES + TAG_BYTES
    # Cut at a segment boundary: the new last segment was not sealed as the last one.
    path.write_bytes(original[: 2 * sealed])
    with pytest.raises(DataCorruption):
        b"".join(vault.segments(record))
    # Segments swapped.
    path.write_bytes(original[sealed : 2 * sealed] + original[:sealed] + original[2 * sealed :])
    with pytest.raises(DataCorruption):
        b"".join(vault.segments(record))


def test_another_master_key_cannot_open_the_data_key(vault: VaultStore, tmp_path: Path) -> None:
    record = _store(vault, b"secret")
    other = VaultStore(tmp_path / "vault", vault.store, FileKeyWrapper(tmp_path / "other.key"))
    with pytest.raises(DataCorruption):
        other.salt(record)
    # Nor can a record moved to another version (the wrap is bound to tx hash and blob id).
    moved = KeyRecord(
        hashlib.sha256(b"other").digest(),
        DOC,
        record.blob_id,
        record.key_id,
        record.wrapped,
        record.size,
    )
    with pytest.raises(DataCorruption):
        vault.salt(moved)


def test_shred_destroys_keys_and_ciphertext(vault: VaultStore) -> None:
    record = _store(vault, b"to be forgotten" * 1000)
    assert not vault.shredded(DOC)
    assert vault.shred(DOC, 123) == 1
    assert vault.key_record(DOC, TX) is None
    assert not vault.blob_path(record.blob_id).exists()
    assert vault.shredded(DOC)
    assert vault.shred(DOC, 124) == 0


def test_aborted_upload_leaves_nothing(vault: VaultStore) -> None:
    upload = vault.upload()
    upload.write(b"partial")
    upload.abort()
    assert not any(vault.staging_dir.iterdir())
    assert not any(vault.blobs_dir.iterdir())


def test_master_key_file_is_private_and_stable(tmp_path: Path) -> None:
    first = FileKeyWrapper(tmp_path / "k")
    assert (tmp_path / "k").stat().st_mode & 0o777 == 0o600
    second = FileKeyWrapper(tmp_path / "k")
    assert first.key_id == second.key_id
    assert second.unwrap(first.wrap(b"data key", b"ctx"), b"ctx") == b"data key"
    (tmp_path / "short").write_bytes(b"x")
    with pytest.raises(ValueError, match="32 bytes"):
        FileKeyWrapper(tmp_path / "short")


class _ModuleWrapper:
    key_id = "test:module"

    def wrap(self, plaintext: bytes, context: bytes) -> bytes:
        return AESGCM(bytes(32)).encrypt(bytes(12), plaintext, context)

    def unwrap(self, wrapped: bytes, context: bytes) -> bytes:
        return AESGCM(bytes(32)).decrypt(bytes(12), wrapped, context)


def make_wrapper() -> _ModuleWrapper:
    return _ModuleWrapper()


def test_key_wrapper_hook(tmp_path: Path) -> None:
    assert isinstance(load_key_wrapper("file", tmp_path / "a.key"), FileKeyWrapper)
    assert isinstance(
        load_key_wrapper(f"file:{tmp_path / 'b.key'}", tmp_path / "x"), FileKeyWrapper
    )
    hooked = load_key_wrapper(f"{__name__}:make_wrapper", tmp_path / "x")
    assert hooked.key_id == "test:module"
    with pytest.raises(ValueError):
        load_key_wrapper("nonsense", tmp_path / "x")


def test_commitment_matches_its_definition() -> None:
    content = b"discharge letter"
    expected = hashlib.sha256(
        b"tabularium/vault/commitment/v1" + b"\x00" + SALT + hashlib.sha256(content).digest()
    ).digest()
    assert commitment(SALT, hashlib.sha256(content).digest()) == expected
    assert commitment(bytes(32), hashlib.sha256(content).digest()) != expected


@pytest.mark.parametrize(
    ("outer", "inner", "inside"),
    [
        ("", "a/b", True),
        ("a", "a", True),
        ("a", "a/b", True),
        ("a", "ab", False),
        ("a/b", "a", False),
        ("cardiology", "cardiology-old", False),
    ],
)
def test_folder_containment(outer: str, inner: str, inside: bool) -> None:
    assert folder_contains(outer, inner) is inside
