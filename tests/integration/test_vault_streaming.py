"""A 1 GiB document streamed up and down through the real server, with the server's peak
resident memory measured (the issue asks for bounded memory on the streaming path)."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from pathlib import Path

from tabularium import vault_client
from tests.conftest import Chain, NodeProcess
from tests.integration.test_vault import READ, Vault

GIB = 1 << 30
BLOCK = 1 << 20
# The server may grow by this much while moving 1 GiB: a few segments and gRPC buffers, far
# below the document's size.
MAX_GROWTH_BYTES = 160 << 20


def _content() -> Iterator[bytes]:
    """1 GiB that does not repeat block to block (each 1 MiB block starts with its number)."""
    seed = hashlib.sha256(b"tabularium streaming test").digest() * (BLOCK // 32)
    for number in range(GIB // BLOCK):
        yield number.to_bytes(8, "big") + seed[8:]


def _peak_rss(pid: int) -> int:
    """VmHWM: the process's peak resident set size, in bytes."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM in /proc status")


def test_one_gib_streamed_with_bounded_server_memory(chain: Chain, node: NodeProcess) -> None:
    vault = Vault(chain, node)
    assert node.proc is not None
    baseline = _peak_rss(node.proc.pid)
    started = time.monotonic()
    stored = vault_client.put_document(
        node.channel(),
        chain.chain_id,
        [vault.hospital.key],
        _content(),
        owner=vault.hospital.did,
        media_type="application/octet-stream",
        timeout=900,
    )
    uploaded = time.monotonic()
    expected = hashlib.sha256()
    for block in _content():
        expected.update(block)
    assert stored.sha256 == expected.digest()
    document_id = stored.response.document_id
    blob = next((chain.data_dir / "vault" / "blobs").iterdir())
    assert blob.stat().st_size > GIB, "ciphertext is stored whole (with per-segment tags)"
    grant = vault.grant(vault.doctor, [READ], document_id=document_id)
    header, chunks = vault_client.read_document(
        node.channel(),
        chain.chain_id,
        vault.doctor.key,
        document_id,
        purpose="archive check",
        grant_id=grant,
        timeout=900,
    )
    received = hashlib.sha256()
    size = 0
    for chunk in chunks:
        received.update(chunk)
        size += len(chunk)
    downloaded = time.monotonic()
    assert size == GIB == header.version.size
    assert received.digest() == expected.digest()
    growth = _peak_rss(node.proc.pid) - baseline
    print(
        f"\n1 GiB: upload {uploaded - started:.1f} s, download {downloaded - uploaded:.1f} s, "
        f"server peak RSS {baseline / 2**20:.0f} MiB at start, grew {growth / 2**20:.0f} MiB"
    )
    assert growth < MAX_GROWTH_BYTES, f"server peak RSS grew {growth / 2**20:.0f} MiB"
