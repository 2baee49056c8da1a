"""Extension benchmarks with same-run baselines: Merkle trees and Ed25519 batch verification.

Writes ``merkle.json`` and ``signatures.json`` to the results folder. Sizes come from the
environment (``BENCH_MERKLE_SIZES``, ``BENCH_SIG_BATCHES``, ``BENCH_PYMERKLE_MAX``,
``BENCH_PROOF_SAMPLES``, ``BENCH_SIG_SECONDS``, ``BENCH_SHA_SECONDS``); every figure is also given
as a ratio to a baseline measured in the same run. The extension runs on 1 thread, on 2 threads
(the figures the ingest targets are stated at) and on all cores (one run when there are 2).

    python -m benchmarks.core_ext.suite [--tiny]
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from benchmarks.common import (
    env_float,
    env_int,
    env_ints,
    progress,
    run_worker,
    write_result,
)
from benchmarks.core_ext import sha_limit


def two_thread_run(
    module: str, args: list[str], cores: int, every: dict[str, Any]
) -> dict[str, Any] | None:
    """The worker's output at 2 rayon threads: the all-cores run on 2 cores, else a new run
    (None on 1 core)."""
    if cores < 2:
        return None
    if cores == 2:
        return every
    progress(f"{module}, 2 threads")
    return run_worker(module, args, threads=2)


def merkle_suite(
    sizes: list[int], pymerkle_max: int, samples: int, sha: dict[str, Any]
) -> dict[str, Any]:
    cores = os.cpu_count() or 1
    args = ["--sizes", ",".join(map(str, sizes)), "--samples", str(samples)]
    progress(f"Merkle, 1 thread, with baselines: sizes {sizes}")
    one = run_worker(
        "benchmarks.core_ext.merkle_bench",
        [*args, "--baselines", "--pymerkle-max", str(pymerkle_max)],
        threads=1,
    )
    progress(f"Merkle, {cores} threads (all cores)")
    every = run_worker("benchmarks.core_ext.merkle_bench", args, threads=cores)
    two = two_thread_run("benchmarks.core_ext.merkle_bench", args, cores, every)
    rate = sha["hashes_per_s_per_core"]
    rows = []
    for i, (single, multi) in enumerate(zip(one["sizes"], every["sizes"], strict=True)):
        n = single["leaves"]
        t1, tn = single["extension_root_s"], multi["extension_root_s"]
        row = {
            "leaves": n,
            "extension_1core_leaves_per_s": round(n / t1),
            "extension_allcores_leaves_per_s": round(n / tn),
            "limit_1core_leaves_per_s": round(n / sha_limit.limit_seconds(n, rate)),
            "fraction_of_limit_1core": round(sha_limit.limit_seconds(n, rate) / t1, 3),
            "fraction_of_limit_allcores": round(sha_limit.limit_seconds(n, rate, cores) / tn, 3),
            "allcores_speedup": round(t1 / tn, 2),
            "hashlib_leaves_per_s": round(n / single["hashlib_root_s"]),
            "speedup_vs_hashlib_1core": round(single["hashlib_root_s"] / t1, 1),
            "raw": {"one_thread": single, "all_cores": multi},
        }
        if two is not None:
            t2 = two["sizes"][i]["extension_root_s"]
            row["extension_2threads_leaves_per_s"] = round(n / t2)
            row["fraction_of_limit_2threads"] = round(sha_limit.limit_seconds(n, rate, 2) / t2, 3)
            row["speedup_2threads"] = round(t1 / t2, 2)
        if "pymerkle_root_s" in single:
            row["pymerkle_leaves_per_s"] = round(n / single["pymerkle_root_s"])
            row["speedup_vs_pymerkle_1core"] = round(single["pymerkle_root_s"] / t1, 1)
        rows.append(row)
    return {"sha256_limit": sha, "cores": cores, "threads": [1, cores], "roots": rows}


def signature_suite(batches: list[int], seconds: float) -> dict[str, Any]:
    cores = os.cpu_count() or 1
    args = ["--batches", ",".join(map(str, batches)), "--min-seconds", str(seconds)]
    progress(f"Ed25519, 1 thread, with baselines: batches {batches}")
    one = run_worker("benchmarks.core_ext.sig_bench", [*args, "--baselines"], threads=1)
    progress(f"Ed25519, {cores} threads (all cores)")
    every = run_worker("benchmarks.core_ext.sig_bench", args, threads=cores)
    two = two_thread_run("benchmarks.core_ext.sig_bench", args, cores, every)
    rows = []
    for i, (single, multi) in enumerate(zip(one["batches"], every["batches"], strict=True)):
        e1, en = single["extension_per_s"], multi["extension_per_s"]
        row: dict[str, Any] = {
            "batch": single["batch"],
            "extension_1core_per_s": e1,
            "extension_allcores_per_s": en,
            "allcores_speedup": round(en / e1, 2),
            "cryptography_per_s": single["cryptography_per_s"],
            "pynacl_per_s": single["pynacl_per_s"],
            "cryptography_threads_per_s": single["cryptography_threads_per_s"],
            "pynacl_threads_per_s": single["pynacl_threads_per_s"],
            "ratio_vs_pynacl_1core": round(e1 / single["pynacl_per_s"], 2),
            "ratio_vs_cryptography_1core": round(e1 / single["cryptography_per_s"], 2),
            "ratio_vs_pynacl_threads_allcores": round(en / single["pynacl_threads_per_s"], 2),
        }
        if two is not None:
            e2 = two["batches"][i]["extension_per_s"]
            row["extension_2threads_per_s"] = e2
            row["speedup_2threads"] = round(e2 / e1, 2)
        rows.append(row)
    return {"cores": cores, "verify": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="tiny sizes (make test)")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    run(args.tiny, args.out)


def run(tiny: bool, out: Path | None) -> tuple[dict[str, Any], dict[str, Any]]:
    if tiny:
        sizes, batches, pymax, samples, sig_s, sha_s = [1000, 5000], [1, 64], 5000, 50, 0.01, 1.0
    else:
        sizes = env_ints("BENCH_MERKLE_SIZES", [1000, 100_000, 1_000_000, 10_000_000])
        batches = env_ints("BENCH_SIG_BATCHES", [1, 8, 64, 1024, 10_000])
        pymax = env_int("BENCH_PYMERKLE_MAX", 1_000_000)
        samples = env_int("BENCH_PROOF_SAMPLES", 2000)
        sig_s = env_float("BENCH_SIG_SECONDS", 1.0)
        sha_s = env_float("BENCH_SHA_SECONDS", 3.0)
    # The criterion build is slow the first time; tiny runs (make test) use openssl only.
    sha = sha_limit.measure(sha_s, use_criterion=not tiny)
    merkle = merkle_suite(sizes, pymax, samples, sha)
    write_result("merkle", merkle, out)
    sigs = signature_suite(batches, sig_s)
    write_result("signatures", sigs, out)
    return merkle, sigs


if __name__ == "__main__":
    main()
