"""Run every benchmark (or those named in ``BENCH_ONLY``), then write the summary and plots.

Each section writes ``<results>/<section>.json``; :mod:`benchmarks.report` turns whatever
sections are present into ``SUMMARY.md`` and PNG plots. Sizes come from the environment:

===========================  ===================  ==========================================
variable                     default              what
===========================  ===================  ==========================================
BENCH_ONLY                   all                  comma list of sections: core, ingest,
                                                  tessera, reads, vault, land, tax, pharma,
                                                  procurement, voting, voting_node,
                                                  credentials, log, pertx, network
BENCH_CATCHUP_BLOCKS         10000                blocks a validator is behind (network)
BENCH_SCALE                  1                    multiplies ingest and Tessera counts
BENCH_LOG_SIZE               10M                  entries of the large log (proofs section)
BENCH_MERKLE_SIZES           1k,100k,1M,10M       Merkle tree sizes
BENCH_SIG_BATCHES            1,8,64,1024,10000    verify_batch sizes
BENCH_PYMERKLE_MAX           1M                   largest tree given to pymerkle
BENCH_TESSERA_WRITERS        256,1024             concurrent Tessera writers swept
BENCH_READ_SECONDS           10                   length of each read-path phase
BENCH_VAULT_MIB              1024                 document size streamed up and down (vault)
BENCH_LAND_TRANSFERS         2000                 complete land transfers through a node
BENCH_TAX_PAYMENTS           10000                tax payments through a node
BENCH_PROCUREMENT_BIDS       5000                 sealed bids through a node
BENCH_VOTING_BALLOTS         2000                 ballots verified (voting)
BENCH_VOTING_TALLY           1M                   ballots in the tally's weighted sum
BENCH_VOTING_NODE_BALLOTS    2000                 ballots through a node (voting_node)
BENCH_VOTING_VERIFY_BALLOTS  60                   ballots in the record both election
                                                  verify backends check (voting_node)
BENCH_PHARMA_PACKS           10M                  packs uploaded before the pharma scans
BENCH_PHARMA_BATCHES         10                   SubmitScans calls per batch size
BENCH_PHARMA_SIZES           1000,10000           scans per SubmitScans call swept
BENCH_PHARMA_TRACE           100k                 packs in the batch TraceBatch pages through
BENCH_RESULTS                benchmarks/results   output folder
===========================  ===================  ==========================================

    python -m benchmarks.run
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from benchmarks import report
from benchmarks.common import RESULTS, env_float, env_int, env_ints, progress, write_result

SECTIONS = (
    "core",
    "ingest",
    "tessera",
    "reads",
    "vault",
    "land",
    "tax",
    "pharma",
    "procurement",
    "voting",
    "voting_node",
    "credentials",
    "log",
    "pertx",
    "network",
)


def _load(name: str, out: Path) -> dict[str, Any] | None:
    path = out / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def main() -> None:
    out = RESULTS
    only = [s for s in os.environ.get("BENCH_ONLY", ",".join(SECTIONS)).split(",") if s]
    unknown = set(only) - set(SECTIONS)
    if unknown:
        raise SystemExit(f"BENCH_ONLY: unknown sections {sorted(unknown)}; know {SECTIONS}")
    scale = env_float("BENCH_SCALE", 1.0)
    started = time.monotonic()
    if "core" in only:
        from benchmarks.core_ext import suite

        suite.run(tiny=False, out=out)
    if "ingest" in only:
        from benchmarks.load import ingest

        ingest.run(scale, out)
    if "pertx" in only:
        from benchmarks.load import pertx

        write_result("pertx", pertx.run(max(int(20_000 * scale), 2000)), out)
    if "network" in only:
        from benchmarks.load import network

        network.run(scale, out)
    ingest_result = _load("ingest", out)
    tx_bytes = int(ingest_result["transaction_bytes"]) if ingest_result else 300
    if "tessera" in only:
        from benchmarks.load import tessera

        if not (tessera.GOBIN / "posix").exists():
            progress("tessera: not installed (make bench installs it); skipped")
        else:
            count = max(int(30_000 * scale), 1000)
            writers = env_ints("BENCH_TESSERA_WRITERS", [256, 1024])
            write_result("tessera", tessera.run(count, writers, tx_bytes), out)
    if "reads" in only:
        from benchmarks.load import readpath

        peak = float(ingest_result["peak_batched_tx_per_s"]) if ingest_result else 2000.0
        docs = max(int(20_000 * scale), 200)
        seconds = env_float("BENCH_READ_SECONDS", 10.0)
        write_result("readpath", readpath.run(peak, docs, seconds), out)
    if "vault" in only:
        from benchmarks.load import vault

        write_result("vault", vault.run(env_int("BENCH_VAULT_MIB", 1024)), out)
    if "land" in only:
        from benchmarks.load import landregistry

        transfers = env_int("BENCH_LAND_TRANSFERS", 2000)
        write_result("land", landregistry.run(transfers), out)
    if "tax" in only:
        from benchmarks.load import tax

        write_result("tax", tax.run(env_int("BENCH_TAX_PAYMENTS", 10_000)), out)
    if "procurement" in only:
        from benchmarks.load import procurement

        write_result(
            "procurement",
            procurement.run(env_int("BENCH_PROCUREMENT_BIDS", 5_000)),
            out,
        )
    if "voting" in only:
        from benchmarks.core_ext import voting_bench

        write_result(
            "voting",
            voting_bench.run(
                env_int("BENCH_VOTING_BALLOTS", 2000), env_int("BENCH_VOTING_TALLY", 1_000_000)
            ),
            out,
        )
    if "voting_node" in only:
        from benchmarks.load import voting

        write_result(
            "voting_node",
            voting.run(
                env_int("BENCH_VOTING_NODE_BALLOTS", 2000),
                env_int("BENCH_VOTING_VERIFY_BALLOTS", 60),
            ),
            out,
        )
    if "pharma" in only:
        from benchmarks.load import pharma

        data = pharma.run(
            env_int("BENCH_PHARMA_PACKS", 10_000_000),
            trace=env_int("BENCH_PHARMA_TRACE", 100_000),
            batch_sizes=env_ints("BENCH_PHARMA_SIZES", pharma.BATCH_SIZES),
            batches=env_int("BENCH_PHARMA_BATCHES", 10),
        )
        write_result("pharma", data, out)
    if "credentials" in only:
        from benchmarks.load import credentials

        write_result("credentials", credentials.run(), out)
    if "log" in only:
        from benchmarks.load import largelog

        size = env_int("BENCH_LOG_SIZE", 10_000_000)
        samples = env_int("BENCH_PROOF_RPC_SAMPLES", 2000)

        def partial(data: dict[str, Any]) -> None:
            write_result("largelog", data, out)
            report.write(out)

        largelog.run(size, samples, on_milestone=partial)
    report.write(out)
    progress(f"done in {time.monotonic() - started:,.0f} s; see {out / 'SUMMARY.md'}")


if __name__ == "__main__":
    main()
