"""Document vault streaming: PutDocument and ReadDocument throughput on a real node, against
the crypto every byte must go through measured in the same run.

The baseline is this process sealing the same bytes with AES-256-GCM (1 MiB segments, as the
node does) and hashing them with SHA-256: the work the node cannot avoid. The ratios
``upload_vs_crypto`` and ``download_vs_crypto`` say how much of that speed survives gRPC,
the file system and Python around it. The node's peak resident memory before and after is
reported too (the streaming path must not hold a document in memory).
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from benchmarks.common import progress
from tabularium import vault_client
from tabularium.chain.tx import timestamp_us
from tabularium.crypto.didkey import did_key
from tabularium.identity.v1 import identity_pb2
from tabularium.keys import load_private_key
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tabularium.storage.vault import SEGMENT_BYTES
from tabularium.txbuild import build_signed, key_possession
from tabularium.vault.v1 import vault_pb2
from tests.conftest import NodeProcess, run_cli

MIB = 1 << 20


def _content(mib: int) -> Iterator[bytes]:
    seed = hashlib.sha256(b"tabularium vault benchmark").digest() * (MIB // 32)
    for number in range(mib):
        yield number.to_bytes(8, "big") + seed[8:]


def _crypto_baseline(mib: int) -> float:
    """MiB/s of AES-256-GCM sealing plus SHA-256 over the same content, one thread."""
    aead = AESGCM(AESGCM.generate_key(bit_length=256))
    hasher = hashlib.sha256()
    started = time.perf_counter()
    for index, block in enumerate(_content(mib)):
        hasher.update(block)
        for offset in range(0, len(block), SEGMENT_BYTES):
            aead.encrypt(index.to_bytes(12, "big"), block[offset : offset + SEGMENT_BYTES], b"")
    return mib / (time.perf_counter() - started)


def _peak_rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def run(mib: int) -> dict[str, Any]:
    progress(f"vault: {mib} MiB up and down")
    with tempfile.TemporaryDirectory(prefix="tabularium-bench-vault-") as tmp:
        data_dir = Path(tmp) / "data"
        run_cli("init", "--data-dir", str(data_dir), "--chain-id", "bench")
        node = NodeProcess(data_dir).start()
        try:
            channel = node.channel()
            ledger = ledger_pb2_grpc.LedgerServiceStub(channel)
            chain_id = ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10).chain_id
            root = load_private_key(data_dir / "keys" / "admin.key")
            root_did = did_key(root.public_key().public_bytes_raw())
            reader = Ed25519PrivateKey.generate()
            reader_did = did_key(reader.public_key().public_bytes_raw())

            def submit(action: Any) -> ledger_pb2.Receipt:
                raw = build_signed(chain_id, action, [root], now_us=time.time_ns() // 1000)
                return ledger.SubmitTransaction(
                    ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=30
                ).receipt

            submit(
                identity_pb2.RegisterIdentity(
                    kind=identity_pb2.IDENTITY_KIND_OFFICIAL,
                    owner=root_did,
                    keys=[key_possession(reader, reader_did)],
                    display_name="Benchmark reader",
                )
            )
            assert node.proc is not None
            rss_before = _peak_rss(node.proc.pid)
            started = time.perf_counter()
            stored = vault_client.put_document(
                channel,
                chain_id,
                [root],
                _content(mib),
                owner=root_did,
                media_type="application/octet-stream",
                timeout=3600,
            )
            upload_s = time.perf_counter() - started
            document_id = stored.response.document_id
            grant = submit(
                vault_pb2.GrantAccess(
                    owner=root_did,
                    document_id=document_id,
                    grantee=reader_did,
                    permissions=[vault_pb2.PERMISSION_READ],
                    expires_at=timestamp_us(time.time_ns() // 1000 + 3_600_000_000),
                    purpose="benchmark",
                )
            )
            started = time.perf_counter()
            _, chunks = vault_client.read_document(
                channel,
                chain_id,
                reader,
                document_id,
                purpose="benchmark",
                grant_id=hashlib.sha256(grant.transaction).digest()[:16],
                timeout=3600,
            )
            received = hashlib.sha256()
            size = 0
            for chunk in chunks:
                received.update(chunk)
                size += len(chunk)
            download_s = time.perf_counter() - started
            if received.digest() != stored.sha256 or size != mib * MIB:
                raise RuntimeError("the document read back differs from the one stored")
            rss_after = _peak_rss(node.proc.pid)
        finally:
            node.terminate()
    crypto = _crypto_baseline(mib)
    upload = mib / upload_s
    download = mib / download_s
    return {
        "mib": mib,
        "upload_mib_per_s": upload,
        "download_mib_per_s": download,
        "crypto_baseline_mib_per_s": crypto,
        "ratios": {
            "upload_vs_crypto": upload / crypto,
            "download_vs_crypto": download / crypto,
        },
        "server_peak_rss_mib": {"before": rss_before / MIB, "after": rss_after / MIB},
    }
