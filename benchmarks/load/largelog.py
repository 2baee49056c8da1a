"""Proofs under a large log: build N entries through the real server, then time proofs at sizes.

The log is built the honest way: real signed ``RegisterDocument`` transactions sent with
``SubmitTransactions`` to a running node, so every entry is verified, executed, hashed into the
tree and durably committed by the block writer. At each milestone size (1k, 1M, 10M, and N,
whichever are <= N; ``BENCH_LOG_SIZE``, default 10M) the load pauses and we time:

* server side: ``Ledger.inclusion_proof``, ``consistency_proof`` and ``receipt`` called
  in-process on a read-only view of the same LMDB environment (another process may read an LMDB
  environment while the node writes), i.e. the node's cost without gRPC;
* end to end: ``GetInclusionProof``, ``GetConsistencyProof`` and ``GetReceipt`` over gRPC on
  loopback, one call at a time (client: Python's gRPC, so client time is included);

and report bytes on disk per entry. Progress is printed while the log is built.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import random
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grpc

from benchmarks.common import latency_summary, progress
from benchmarks.load import presign
from benchmarks.load.ingest import use_go
from benchmarks.load.tessera import LOADGEN
from tabularium.api.registry import build_actions
from tabularium.chain.ledger import Ledger
from tabularium.keys import load_private_key
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tabularium.storage import Store
from tests.conftest import NodeProcess, run_cli

MILESTONES = (1_000, 1_000_000, 10_000_000)


async def _fill_python(address: str, data_dir: Path, target: int, batch: int) -> None:
    """Submit signed transactions in batches until the log holds ``target`` entries."""
    key = load_private_key(data_dir / "keys" / "admin.key")
    async with grpc.aio.insecure_channel(
        address, options=[("grpc.max_send_message_length", 64 << 20)]
    ) as channel:
        stub = ledger_pb2_grpc.LedgerServiceStub(channel)
        info = await stub.GetLogInfo(ledger_pb2.GetLogInfoRequest())
        size = info.tree_size
        started, last_report, start_size = time.monotonic(), 0.0, size

        async def one(count: int) -> int:
            raws = presign.signed_documents(info.chain_id, key, count)
            response = await stub.SubmitTransactions(
                ledger_pb2.SubmitTransactionsRequest(transactions=raws), timeout=300
            )
            return sum(1 for r in response.results if r.HasField("receipt"))

        while size < target:
            counts = []
            left = target - size
            for _ in range(4):
                if left <= 0:
                    break
                counts.append(min(batch, left))
                left -= counts[-1]
            size += sum(await asyncio.gather(*(one(c) for c in counts)))
            now = time.monotonic()
            if now - last_report > 10 or size >= target:
                last_report = now
                rate = (size - start_size) / max(1e-9, now - started)
                eta = (target - size) / rate if rate else 0
                progress(f"log: {size:,}/{target:,} entries, {rate:,.0f} tx/s, ETA {eta:,.0f} s")


def fill(address: str, data_dir: Path, target: int, batch: int = 1000) -> None:
    """Grow the log to ``target`` entries (Go load generator if built, else Python)."""
    if use_go():
        subprocess.run(
            [
                str(LOADGEN),
                "fill",
                f"--addr={address}",
                f"--key={data_dir / 'keys' / 'admin.key'}",
                "--chain-id=bench",
                f"--target={target}",
                f"--batch={batch}",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    else:
        asyncio.run(_fill_python(address, data_dir, target, batch))


def _timed(fn: Callable[[int], object], args: list[int]) -> dict[str, float]:
    samples = []
    for arg in args:
        started = time.perf_counter()
        fn(arg)
        samples.append(time.perf_counter() - started)
    return latency_summary(samples)


def _tx_hashes(ledger: Ledger, indices: list[int]) -> dict[int, bytes]:
    out = {}
    for i in indices:
        entries = ledger.entries(i, 1)
        out[i] = hashlib.sha256(entries[0]).digest()
    return out


def measure_at(node: NodeProcess, data_dir: Path, samples: int) -> dict[str, Any]:
    """Server-side and end-to-end proof and receipt latency at the log's current size."""
    store = Store(data_dir / "ledger", readonly=True)
    try:
        ledger = Ledger(store, load_private_key(data_dir / "keys" / "node.key"), build_actions())
        size = ledger.head.size
        rng = random.Random(size)
        indices = [rng.randrange(size) for _ in range(samples)]
        olds = [rng.randrange(1, size + 1) for _ in range(samples)]
        hashes = _tx_hashes(ledger, indices)
        server = {
            "inclusion_proof": _timed(lambda i: ledger.inclusion_proof(i, size), indices),
            "consistency_proof": _timed(lambda m: ledger.consistency_proof(m, size), olds),
            "receipt": _timed(lambda i: ledger.receipt(hashes[i]), indices),
        }
        disk = store.disk_bytes()
    finally:
        store.close()
    stub = node.ledger
    rpc = {
        "inclusion_proof": _timed(
            lambda i: stub.GetInclusionProof(
                ledger_pb2.GetInclusionProofRequest(index=i, tree_size=size), timeout=10
            ),
            indices,
        ),
        "consistency_proof": _timed(
            lambda m: stub.GetConsistencyProof(
                ledger_pb2.GetConsistencyProofRequest(first_size=m, second_size=size), timeout=10
            ),
            olds,
        ),
        "receipt": _timed(
            lambda i: stub.GetReceipt(ledger_pb2.GetReceiptRequest(tx_hash=hashes[i]), timeout=10),
            indices,
        ),
    }
    file_bytes = (data_dir / "ledger" / "data.mdb").stat().st_blocks * 512
    return {
        "size": size,
        "samples": samples,
        "server_side": server,
        "rpc_python_client": rpc,
        "lmdb_pages_bytes_per_entry": round(disk / size, 1),
        "file_bytes_per_entry": round(file_bytes / size, 1),
    }


def milestones(target: int) -> list[int]:
    return sorted({m for m in MILESTONES if m <= target} | {target})


def run(
    target: int,
    samples: int,
    keep_dir: Path | None = None,
    on_milestone: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Build the log milestone by milestone; ``on_milestone`` gets the results so far."""
    with tempfile.TemporaryDirectory(prefix="tabularium-largelog-") as tmp:
        data_dir = keep_dir or Path(tmp) / "data"
        if not (data_dir / "genesis.json").exists():
            run_cli("init", "--data-dir", str(data_dir), "--chain-id", "bench")
        node = NodeProcess(data_dir).start()
        rows = []
        started = time.monotonic()
        try:
            for size in milestones(target):
                progress(f"log: growing to {size:,} entries")
                fill(node.address, data_dir, size)
                progress(f"log: timing proofs at {size:,} entries")
                row = measure_at(node, data_dir, samples)
                row["build_seconds_so_far"] = round(time.monotonic() - started, 1)
                rows.append(row)
                progress(f"log: {json.dumps(row)}")
                if on_milestone is not None:
                    on_milestone({"target": target, "milestones": rows})
        finally:
            node.terminate(timeout=120)
    return {"target": target, "milestones": rows}
