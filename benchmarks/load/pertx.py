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


async def _drive(
    ledger: Ledger, raws: list[bytes], batch: int, in_flight: int, lone: list[bytes]
) -> tuple[int, float, float, int, int | None]:
    """Batches first (returns failures, their wall and CPU seconds, the store's size and the
    disk writes up to then), then ``lone`` one at a time, each awaited: each a block of its own."""
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

        cpu, wall = own_cpu_seconds(), time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(in_flight)))
        wall, cpu = time.perf_counter() - wall, own_cpu_seconds() - cpu
        size, written = ledger.store.disk_bytes(), _disk_writes()
        progress(f"pertx: {len(lone)} one-transaction blocks")
        for raw in lone:
            await ledger.submit(raw)
    finally:
        await ledger.stop()
    return failed, wall, cpu, size, written


def _disk_writes() -> int | None:
    """Bytes this process has handed to write system calls so far (Linux), else None: what
    LMDB writes at commit (every page it rewrote, copy-on-write, plus its meta page). The
    kernel's own ``write_bytes`` adds file-system overhead and is not this program's doing."""
    try:
        text = Path("/proc/self/io").read_text()
    except OSError:
        return None
    fields = dict(line.split(": ", 1) for line in text.splitlines() if ": " in line)
    return int(fields["wchar"])


def _btree_depths(store: Store) -> dict[str, int]:
    """Depth of each named database's B-tree: a commit rewrites one root-to-leaf path per
    distinct leaf it touches in every database it touches."""
    with store.read() as txn:
        raw = txn._txn  # the lmdb transaction, for its per-database statistics
        return {name: int(raw.stat(db)["depth"]) for name, db in txn._dbs.items()}


def _parse_floor(raws: list[bytes]) -> float:
    started = time.process_time()
    for raw in raws:
        signed = transaction_pb2.SignedTransaction.FromString(raw)
        transaction_pb2.TransactionBody.FromString(signed.body)
    return time.process_time() - started


def run(
    count: int = 20_000, batch: int = 1000, in_flight: int = 4, singles: int = 50
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tabularium-pertx-") as tmp:
        store, ledger, key = _node(Path(tmp) / "data")
        progress(f"pertx: signing {count} transactions")
        raws = signed_documents(CHAIN_ID, key, count + singles)
        raws, lone = raws[:count], raws[count:]
        before, written = store.disk_bytes(), _disk_writes()
        failed, wall, cpu, size, after = asyncio.run(_drive(ledger, raws, batch, in_flight, lone))
        last = _disk_writes()
        grown = size - before
        depths = _btree_depths(store)
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
        # What LMDB wrote (pages rewritten by copy-on-write included), from /proc.
        "written_bytes_per_tx": None
        if after is None or written is None
        else round((after - written) / count, 1),
        "written_bytes_per_one_tx_block": None
        if last is None or after is None or not singles
        else round((last - after) / singles, 1),
        "btree_depth": depths,
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
