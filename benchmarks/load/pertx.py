"""Server CPU per transaction on the batched path, without gRPC: the ledger alone.

A node's ``Ledger`` over a real LMDB store in a temporary folder takes pre-signed
``RegisterDocument`` transactions through ``submit_many`` in batches (as ``SubmitTransactions``
does after gRPC decoding) and waits for every durable receipt. Reported: committed tx/s, process
CPU µs per transaction (both threads: admission on the event loop, blocks on the writer), and
the bytes the store grew per transaction. The baseline in the same run is the cost of the
transactions' protobuf parse alone in Python (``SignedTransaction`` and ``TransactionBody``), the
floor any Python-side decoding pays.

    python -m benchmarks.load.pertx [--count 20000] [--batch 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from benchmarks.common import own_cpu_seconds, progress, write_result
from benchmarks.load.presign import signed_documents
from tabularium.api.registry import build_actions
from tabularium.chain.ledger import Ledger, LedgerConfig
from tabularium.config import ServerConfig
from tabularium.errors import DomainError
from tabularium.keys import load_private_key
from tabularium.ledger.v1 import transaction_pb2
from tabularium.storage import Store
from tests.conftest import run_cli

CHAIN_ID = "bench-pertx"


def _node(data_dir: Path) -> tuple[Store, Ledger, Ed25519PrivateKey]:
    """A chain made by ``tabularium init`` and its ledger with the server's default settings."""
    run_cli("init", "--data-dir", str(data_dir), "--chain-id", CHAIN_ID)
    config = ServerConfig(data_dir=data_dir)
    store = Store(config.store_dir, map_size=8 << 30)
    ledger = Ledger(store, load_private_key(config.node_key_path), build_actions(), LedgerConfig())
    return store, ledger, load_private_key(config.admin_key_path)


async def _drive(ledger: Ledger, raws: list[bytes], batch: int, in_flight: int) -> int:
    await ledger.start()
    failed = 0
    try:
        chunks = [raws[i : i + batch] for i in range(0, len(raws), batch)]
        queue = iter(chunks)

        async def worker() -> None:
            nonlocal failed
            for chunk in queue:
                results = await ledger.submit_many(chunk)
                failed += sum(isinstance(r, DomainError) for r in results)

        await asyncio.gather(*(worker() for _ in range(in_flight)))
    finally:
        await ledger.stop()
    return failed


def _parse_floor(raws: list[bytes]) -> float:
    started = time.process_time()
    for raw in raws:
        signed = transaction_pb2.SignedTransaction.FromString(raw)
        transaction_pb2.TransactionBody.FromString(signed.body)
    return time.process_time() - started


def run(count: int = 20_000, batch: int = 1000, in_flight: int = 4) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tabularium-pertx-") as tmp:
        store, ledger, key = _node(Path(tmp) / "data")
        progress(f"pertx: signing {count} transactions")
        raws = signed_documents(CHAIN_ID, key, count)
        before = store.disk_bytes()
        cpu, wall = own_cpu_seconds(), time.perf_counter()
        failed = asyncio.run(_drive(ledger, raws, batch, in_flight))
        wall, cpu = time.perf_counter() - wall, own_cpu_seconds() - cpu
        grown = store.disk_bytes() - before
        store.close()
    floor = _parse_floor(raws)
    result = {
        "count": count,
        "batch": batch,
        "in_flight": in_flight,
        "failed": failed,
        "tx_per_s": round(count / wall, 1),
        "cpu_us_per_tx": round(cpu * 1e6 / count, 1),
        "protobuf_parse_us_per_tx": round(floor * 1e6 / count, 2),
        "ratio_cpu_to_parse": round(cpu / floor, 1) if floor else None,
        "store_bytes_per_tx": round(grown / count, 1),
    }
    progress(f"pertx: {result}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--in-flight", type=int, default=4)
    parser.add_argument("--out", type=Path, default=None, help="folder for pertx.json")
    args = parser.parse_args()
    result = run(args.count, args.batch, args.in_flight)
    if args.out is not None:
        write_result("pertx", result, args.out)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
