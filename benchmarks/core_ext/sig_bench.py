"""Ed25519 benchmark worker: ``verify_batch`` vs loops over ``cryptography`` and PyNaCl.

Run by :mod:`benchmarks.core_ext.suite` once with ``RAYON_NUM_THREADS=1`` and once on all
cores; prints one JSON object. Each item has its own key (as in a ledger, where signers differ)
and every implementation starts from raw bytes: the loops decode the public key per item, as the
extension does. The baselines' "all cores" figure spreads the same loop over a thread pool of one
thread per core (what a Python user can do in one process; it scales only as far as each
library releases the GIL).

    python -m benchmarks.core_ext.sig_bench --batches 1,8,64,1024,10000 [--baselines]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from nacl.signing import VerifyKey

from benchmarks.common import parse_count
from tabularium.crypto import ed25519

Item = tuple[bytes, bytes, bytes]


def make_items(n: int) -> list[Item]:
    items = []
    for i in range(n):
        key = Ed25519PrivateKey.from_private_bytes(i.to_bytes(4, "big") * 8)
        message = b"tabularium/tx/v1\x00" + i.to_bytes(8, "big") * 20  # ~ a transaction body
        items.append((key.public_key().public_bytes_raw(), message, key.sign(message)))
    return items


def cryptography_loop(items: Sequence[Item]) -> None:
    for pk, msg, sig in items:
        Ed25519PublicKey.from_public_bytes(pk).verify(sig, msg)  # raises on failure


def pynacl_loop(items: Sequence[Item]) -> None:
    for pk, msg, sig in items:
        VerifyKey(pk).verify(msg, sig)  # raises on failure


def extension(items: Sequence[Item]) -> None:
    if not all(ed25519.verify_batch(items)):
        raise AssertionError("a valid signature failed")


def threaded(
    loop: Callable[[Sequence[Item]], None], threads: int
) -> Callable[[Sequence[Item]], None]:
    pool = ThreadPoolExecutor(max_workers=threads)

    def run(items: Sequence[Item]) -> None:
        step = max(1, -(-len(items) // threads))
        list(pool.map(loop, [items[i : i + step] for i in range(0, len(items), step)]))

    return run


def rate(fn: Callable[[Sequence[Item]], None], items: Sequence[Item], min_seconds: float) -> float:
    """Verifications per second: best of repeated runs lasting at least ``min_seconds`` total."""
    fn(items)  # warm-up
    best, spent = float("inf"), 0.0
    while spent < min_seconds or best == float("inf"):
        started = time.perf_counter()
        fn(items)
        elapsed = time.perf_counter() - started
        best, spent = min(best, elapsed), spent + elapsed
    return len(items) / best


def run(batches: Sequence[int], baselines: bool, min_seconds: float) -> dict[str, Any]:
    items_all = make_items(max(batches))
    threads = os.cpu_count() or 1
    pool_crypto = threaded(cryptography_loop, threads)
    pool_nacl = threaded(pynacl_loop, threads)
    rows = []
    for n in batches:
        items = items_all[:n]
        row: dict[str, Any] = {"batch": n, "extension_per_s": rate(extension, items, min_seconds)}
        if baselines:
            row["cryptography_per_s"] = rate(cryptography_loop, items, min_seconds)
            row["pynacl_per_s"] = rate(pynacl_loop, items, min_seconds)
            row["cryptography_threads_per_s"] = rate(pool_crypto, items, min_seconds)
            row["pynacl_threads_per_s"] = rate(pool_nacl, items, min_seconds)
        rows.append({k: (round(v) if isinstance(v, float) else v) for k, v in row.items()})
    return {"batches": rows, "threads_for_baselines": threads}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", default="1,8,64,1024,10000")
    parser.add_argument("--baselines", action="store_true")
    parser.add_argument("--min-seconds", type=float, default=0.5)
    args = parser.parse_args()
    batches = [parse_count(s) for s in args.batches.split(",")]
    print(json.dumps(run(batches, args.baselines, args.min_seconds)))


if __name__ == "__main__":
    main()
