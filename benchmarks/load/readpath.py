"""Read path: ``GetTransaction`` and ``VerifyDocument`` rates, idle and while ingest runs at half
its peak.

A node is pre-filled with registered documents. Then readers ask for random known transactions
and documents for a fixed time, first with no writes, then while a writer submits batches of 100
at half the peak batched rate measured by the ingest benchmark. The ratio loaded/idle says what
concurrent ingest costs readers.

The client is the Go load generator when built (``loadgen reads``), else asyncio here (readers
and the writer in one process).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import grpc

from benchmarks.common import latency_summary, progress
from benchmarks.load.ingest import use_go
from benchmarks.load.presign import signed_documents
from benchmarks.load.tessera import LOADGEN
from tabularium.documents.v1 import documents_pb2, documents_pb2_grpc
from tabularium.keys import load_private_key
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tests.conftest import NodeProcess, run_cli

READERS = 16
INGEST_BATCH = 100


async def _prefill(
    stub: Any, chain_id: str, data_dir: Path, docs: int
) -> tuple[list[bytes], list[bytes]]:
    key = load_private_key(data_dir / "keys" / "admin.key")
    digests: list[bytes] = []
    hashes: list[bytes] = []
    for first in range(0, docs, 1000):
        raws = signed_documents(chain_id, key, min(1000, docs - first), digests)
        response = await stub.SubmitTransactions(
            ledger_pb2.SubmitTransactionsRequest(transactions=raws), timeout=300
        )
        if not all(r.HasField("receipt") for r in response.results):
            raise RuntimeError("prefill transaction refused")
        hashes += [hashlib.sha256(raw).digest() for raw in raws]
    return digests, hashes


async def _phase(
    channel: grpc.aio.Channel,
    chain_id: str,
    data_dir: Path,
    digests: list[bytes],
    hashes: list[bytes],
    seconds: float,
    ingest_rate: float,
) -> dict[str, Any]:
    ledger = ledger_pb2_grpc.LedgerServiceStub(channel)
    documents = documents_pb2_grpc.DocumentsServiceStub(channel)
    key = load_private_key(data_dir / "keys" / "admin.key")
    deadline = time.perf_counter() + seconds
    tx_lat: list[float] = []
    doc_lat: list[float] = []
    committed = 0
    rng = random.Random(0)

    async def reader(i: int) -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            if i % 2:
                await ledger.GetTransaction(
                    ledger_pb2.GetTransactionRequest(tx_hash=rng.choice(hashes)), timeout=10
                )
                tx_lat.append(time.perf_counter() - started)
            else:
                response = await documents.VerifyDocument(
                    documents_pb2.VerifyDocumentRequest(sha256=rng.choice(digests)), timeout=10
                )
                assert response.registered
                doc_lat.append(time.perf_counter() - started)

    async def writer() -> None:
        nonlocal committed
        if ingest_rate <= 0:
            return
        interval = INGEST_BATCH / ingest_rate
        next_at = time.perf_counter()
        pending: set[asyncio.Task[Any]] = set()
        while time.perf_counter() < deadline:
            raws = signed_documents(chain_id, key, INGEST_BATCH)
            await asyncio.sleep(max(0.0, next_at - time.perf_counter()))
            next_at += interval
            task = asyncio.ensure_future(
                ledger.SubmitTransactions(
                    ledger_pb2.SubmitTransactionsRequest(transactions=raws), timeout=60
                )
            )
            pending.add(task)
            task.add_done_callback(pending.discard)
            committed += INGEST_BATCH
        await asyncio.gather(*pending)

    started = time.perf_counter()
    await asyncio.gather(writer(), *(reader(i) for i in range(READERS)))
    elapsed = time.perf_counter() - started
    return {
        "seconds": round(elapsed, 3),
        "get_transaction_per_s": round(len(tx_lat) / elapsed, 1),
        "verify_document_per_s": round(len(doc_lat) / elapsed, 1),
        "get_transaction_latency": latency_summary(tx_lat),
        "verify_document_latency": latency_summary(doc_lat),
        "ingest_target_tx_per_s": round(ingest_rate, 1),
        "ingest_tx_per_s": round(committed / elapsed, 1),
    }


async def _python_run(
    address: str, data_dir: Path, docs: int, seconds: float, ingest_rate: float
) -> dict[str, Any]:
    async with grpc.aio.insecure_channel(
        address, options=[("grpc.max_send_message_length", 64 << 20)]
    ) as channel:
        stub = ledger_pb2_grpc.LedgerServiceStub(channel)
        digests, hashes = await _prefill(stub, "bench", data_dir, docs)
        idle = await _phase(channel, "bench", data_dir, digests, hashes, seconds, 0.0)
        loaded = await _phase(channel, "bench", data_dir, digests, hashes, seconds, ingest_rate)
        return {"idle": idle, "under_ingest": loaded}


def run(peak_tx_per_s: float, docs: int, seconds: float) -> dict[str, Any]:
    rate = peak_tx_per_s / 2
    with tempfile.TemporaryDirectory(prefix="tabularium-reads-") as tmp:
        data_dir = Path(tmp) / "data"
        run_cli("init", "--data-dir", str(data_dir), "--chain-id", "bench")
        node = NodeProcess(data_dir).start()
        assert node.proc is not None
        try:
            progress(f"reads: {docs} documents, {seconds} s idle, {seconds} s at {rate:.0f} tx/s")
            go = use_go()
            if go:
                out = subprocess.run(
                    [
                        str(LOADGEN),
                        "reads",
                        f"--addr={node.address}",
                        f"--key={data_dir / 'keys' / 'admin.key'}",
                        "--chain-id=bench",
                        f"--docs={docs}",
                        f"--readers={READERS}",
                        f"--seconds={seconds}",
                        f"--ingest-rate={rate}",
                        f"--server-pid={node.proc.pid}",
                    ],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                phases: dict[str, Any] = json.loads(out)
            else:
                phases = asyncio.run(_python_run(node.address, data_dir, docs, seconds, rate))
        finally:
            node.terminate(timeout=120)
    idle, loaded = phases["idle"], phases["under_ingest"]
    ratio = {
        key: round(loaded[key] / idle[key], 3) if idle[key] else 0.0
        for key in ("get_transaction_per_s", "verify_document_per_s")
    }
    return {
        "driver": "go" if go else "python",
        "readers": READERS,
        "documents": docs,
        "peak_batched_tx_per_s": peak_tx_per_s,
        **phases,
        "loaded_vs_idle": ratio,
    }
