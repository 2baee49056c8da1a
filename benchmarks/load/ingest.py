"""Ingest end to end: pre-signed transactions driven into a real node over gRPC.

Signing happens before the clock starts. Each scenario reports committed tx/s, latency from
submit to durable receipt (p50/p90/p99/max; a receipt carries its signed checkpoint, so this is
also the time to a checkpointed receipt) and CPU seconds per 1,000 transactions on the server and
on the client, so readers see what the server alone costs.

Scenarios: unary ``SubmitTransaction`` at 1, 16, 64 and 256 concurrent submitters, and
``SubmitTransactions`` at batch sizes 100 and 1,000 (4 calls in flight), and 1,000 with 8 in
flight. Baselines in the same
run on the same machine: a Python gRPC echo server answering with a receipt of the same size,
driven by the same client at the same concurrencies (the ceiling for a Python gRPC server
here), and raw LMDB durable commits, one per transaction and one per 1,000 transactions (the
ceiling for fsync'd commits on this disk).

The client is the Go load generator (``.tools/go/bin/loadgen``, built by ``make bench`` on the Go
client library) when it exists and ``BENCH_DRIVER`` is not ``python``; otherwise the asyncio
client in this file. Its own CPU per 1,000 transactions is reported beside the server's: on a
2-core machine it competes with the server for the same cores.

    python -m benchmarks.load.ingest [--scale 1.0]
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import grpc

from benchmarks.common import (
    latency_summary,
    own_cpu_seconds,
    proc_cpu_seconds,
    progress,
    scale_cli,
    write_result,
)
from benchmarks.load.presign import signed_documents
from benchmarks.load.tessera import LOADGEN
from tabularium.keys import load_private_key
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tests.conftest import NodeProcess, run_cli

UNARY_CONCURRENCY = (1, 16, 64, 256)
BATCHES = (100, 1000)
BATCH_IN_FLIGHT = 4
# Also batches of 1,000 with more calls in flight: with 4, the writer idles while finished
# batches travel back and the next ones are parsed, so the node is under-fed.
MORE_IN_FLIGHT = 8


@dataclass
class ScenarioResult:
    name: str
    kind: str
    parameter: int
    driver: str
    transactions: int
    seconds: float
    tx_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    client_cpu_s_per_1000: float
    server_cpu_s_per_1000: float
    errors: int = 0


def use_go() -> bool:
    """The Go load generator when built, unless BENCH_DRIVER=python."""
    return LOADGEN.exists() and os.environ.get("BENCH_DRIVER", "go") != "python"


# ----- Python driver ---------------------------------------------------------------------------


async def _unary(address: str, raws: list[bytes], concurrency: int) -> tuple[float, list[float]]:
    latencies: list[float] = []
    async with grpc.aio.insecure_channel(address) as channel:
        stub = ledger_pb2_grpc.LedgerServiceStub(channel)
        await stub.GetLogInfo(ledger_pb2.GetLogInfoRequest())
        position = 0

        async def worker() -> None:
            nonlocal position
            while position < len(raws):
                raw = raws[position]
                position += 1
                started = time.perf_counter()
                await stub.SubmitTransaction(
                    ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=60
                )
                latencies.append(time.perf_counter() - started)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return time.perf_counter() - started, latencies


async def _batched(
    address: str, raws: list[bytes], batch: int, in_flight: int
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    async with grpc.aio.insecure_channel(
        address, options=[("grpc.max_send_message_length", 64 << 20)]
    ) as channel:
        stub = ledger_pb2_grpc.LedgerServiceStub(channel)
        await stub.GetLogInfo(ledger_pb2.GetLogInfoRequest())
        chunks = [raws[i : i + batch] for i in range(0, len(raws), batch)]
        position = 0

        async def worker() -> None:
            nonlocal position
            while position < len(chunks):
                chunk = chunks[position]
                position += 1
                started = time.perf_counter()
                response = await stub.SubmitTransactions(
                    ledger_pb2.SubmitTransactionsRequest(transactions=chunk), timeout=120
                )
                if not all(r.HasField("receipt") for r in response.results):
                    raise RuntimeError("a transaction of the batch was refused")
                latencies.extend([time.perf_counter() - started] * len(chunk))

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(in_flight)))
        return time.perf_counter() - started, latencies


def _python_scenario(
    name: str,
    kind: str,
    parameter: int,
    address: str,
    raws: list[bytes],
    server_pid: int,
    in_flight: int = BATCH_IN_FLIGHT,
) -> ScenarioResult:
    server_cpu, client_cpu = proc_cpu_seconds(server_pid), own_cpu_seconds()
    if kind == "batch":
        seconds, latencies = asyncio.run(_batched(address, raws, parameter, in_flight))
    else:
        seconds, latencies = asyncio.run(_unary(address, raws, parameter))
    return _result(
        name,
        kind,
        parameter,
        "python",
        len(raws),
        seconds,
        latencies_ms=latency_summary(latencies),
        client_cpu=own_cpu_seconds() - client_cpu,
        server_cpu=proc_cpu_seconds(server_pid) - server_cpu,
    )


# ----- Go driver -------------------------------------------------------------------------------


def _go_scenario(
    name: str,
    kind: str,
    parameter: int,
    address: str,
    count: int,
    server_pid: int,
    *,
    key: Path | None,
    payload_bytes: int,
    in_flight: int = BATCH_IN_FLIGHT,
) -> ScenarioResult:
    args = [
        str(LOADGEN),
        "ingest",
        f"--addr={address}",
        f"--mode={kind}",
        f"--count={count}",
        f"--server-pid={server_pid}",
        f"--payload-bytes={payload_bytes}",
    ]
    if kind == "batch":
        args += [f"--batch={parameter}", f"--concurrency={in_flight}"]
    else:
        args += [f"--concurrency={parameter}"]
    if key is not None:
        args += [f"--key={key}", "--chain-id=bench"]
    out = json.loads(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    if out["errors"]:
        progress(f"{name}: {out['errors']} failed calls, first: {out.get('first_error')}")
    return _result(
        name,
        kind,
        parameter,
        "go",
        out["committed"],
        out["seconds"],
        latencies_ms=out["latency"],
        client_cpu=out["cpu"]["client_cpu_s"],
        server_cpu=out["cpu"]["server_cpu_s"],
        errors=out["errors"],
    )


def _result(
    name: str,
    kind: str,
    parameter: int,
    driver: str,
    count: int,
    seconds: float,
    *,
    latencies_ms: dict[str, float],
    client_cpu: float,
    server_cpu: float,
    errors: int = 0,
) -> ScenarioResult:
    count = max(count, 1)
    return ScenarioResult(
        name=name,
        kind=kind,
        parameter=parameter,
        driver=driver,
        transactions=count,
        seconds=round(seconds, 3),
        tx_per_second=round(count / seconds, 1),
        p50_ms=latencies_ms["p50_ms"],
        p90_ms=latencies_ms["p90_ms"],
        p99_ms=latencies_ms["p99_ms"],
        max_ms=latencies_ms["max_ms"],
        client_cpu_s_per_1000=round(client_cpu * 1000 / count, 3),
        server_cpu_s_per_1000=round(server_cpu * 1000 / count, 3),
        errors=errors,
    )


# ----- scenarios -------------------------------------------------------------------------------


def plan(scale: float) -> list[tuple[str, str, int, int, int]]:
    """(name, kind, parameter, transactions, batches in flight) of every scenario."""
    unary_counts = {1: 2000, 16: 8000, 64: 12000, 256: 16000}
    batch_counts = {100: 30000, 1000: 60000}
    out = [(f"unary c={c}", "unary", c, unary_counts[c], 0) for c in UNARY_CONCURRENCY]
    out += [(f"batch {b}", "batch", b, batch_counts[b], BATCH_IN_FLIGHT) for b in BATCHES]
    out.append((f"batch 1000, {MORE_IN_FLIGHT} in flight", "batch", 1000, 60000, MORE_IN_FLIGHT))
    return [
        (name, kind, p, max(int(n * scale), p * (2 if kind == "batch" else 1), 8), f)
        for name, kind, p, n, f in out
    ]


def node_scenarios(scale: float, go: bool) -> tuple[list[ScenarioResult], int]:
    """Every scenario against one real node; returns results and the transaction size."""
    results: list[ScenarioResult] = []
    with tempfile.TemporaryDirectory(prefix="tabularium-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        run_cli("init", "--data-dir", str(data_dir), "--chain-id", "bench")
        key = load_private_key(data_dir / "keys" / "admin.key")
        tx_bytes = len(signed_documents("bench", key, 1)[0])
        node = NodeProcess(data_dir).start()
        assert node.proc is not None
        try:
            for name, kind, parameter, count, in_flight in plan(scale):
                progress(f"ingest: {name}, {count} transactions")
                if go:
                    result = _go_scenario(
                        name,
                        kind,
                        parameter,
                        node.address,
                        count,
                        node.proc.pid,
                        key=data_dir / "keys" / "admin.key",
                        payload_bytes=tx_bytes,
                        in_flight=in_flight,
                    )
                else:
                    raws = signed_documents("bench", key, count)
                    result = _python_scenario(
                        name, kind, parameter, node.address, raws, node.proc.pid, in_flight
                    )
                results.append(result)
                progress(json.dumps(asdict(result)))
        finally:
            node.terminate(timeout=120)
    return results, tx_bytes


def echo_scenarios(scale: float, go: bool, tx_bytes: int) -> list[ScenarioResult]:
    """The same unary client against the echo server, at every concurrency."""
    results = []
    with tempfile.TemporaryDirectory(prefix="tabularium-echo-") as tmp:
        port_file = Path(tmp) / "port"
        proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.load.echo_server", str(port_file)],
            cwd=Path(__file__).resolve().parents[2],
        )
        try:
            deadline = time.monotonic() + 30
            while not port_file.exists() or not port_file.read_text():
                if time.monotonic() > deadline:
                    raise RuntimeError("echo server did not start")
                time.sleep(0.05)
            address = f"127.0.0.1:{port_file.read_text()}"
            for name, kind, parameter, count, _ in plan(scale):
                if kind != "unary":
                    continue
                progress(f"ingest baseline: echo {name}")
                if go:
                    result = _go_scenario(
                        f"echo {name}",
                        kind,
                        parameter,
                        address,
                        count,
                        proc.pid,
                        key=None,
                        payload_bytes=tx_bytes,
                    )
                else:
                    raws = [os.urandom(tx_bytes) for _ in range(count)]
                    result = _python_scenario(
                        f"echo {name}", kind, parameter, address, raws, proc.pid
                    )
                results.append(result)
                progress(json.dumps(asdict(result)))
        finally:
            proc.terminate()
            proc.wait(10)
    return results


def lmdb_baseline(count: int, per_commit: int, tx_bytes: int) -> ScenarioResult:
    """Durable (fsync'd) LMDB commits of ``per_commit`` transactions each, no server."""
    import lmdb

    raws = [os.urandom(tx_bytes) for _ in range(count)]
    latencies: list[float] = []
    with tempfile.TemporaryDirectory(prefix="tabularium-lmdb-") as tmp:
        env = lmdb.open(tmp, map_size=1 << 32, sync=True, metasync=True)
        cpu = own_cpu_seconds()
        started = time.perf_counter()
        for first in range(0, count, per_commit):
            t = time.perf_counter()
            chunk = raws[first : first + per_commit]
            with env.begin(write=True) as txn:
                for i, raw in enumerate(chunk, first):
                    txn.put(i.to_bytes(8, "big"), raw)
            latencies.extend([time.perf_counter() - t] * len(chunk))
        seconds = time.perf_counter() - started
        cpu = own_cpu_seconds() - cpu
        env.close()
    return _result(
        f"lmdb commit/{per_commit} tx",
        "lmdb",
        per_commit,
        "python",
        count,
        seconds,
        latencies_ms=latency_summary(latencies),
        client_cpu=cpu,
        server_cpu=0.0,
    )


def ratios(results: list[ScenarioResult]) -> dict[str, float]:
    by = {r.name: r for r in results}
    out = {}
    for c in UNARY_CONCURRENCY:
        ours, echo = by.get(f"unary c={c}"), by.get(f"echo unary c={c}")
        if ours and echo:
            out[f"unary_c{c}_vs_echo"] = round(ours.tx_per_second / echo.tx_per_second, 3)
    batched = [(f"batch{b}", f"batch {b}") for b in BATCHES]
    batched.append((f"batch1000x{MORE_IN_FLIGHT}", f"batch 1000, {MORE_IN_FLIGHT} in flight"))
    for label, name in batched:
        ours = by.get(name)
        per_1000, per_tx = by.get("lmdb commit/1000 tx"), by.get("lmdb commit/1 tx")
        if ours and per_1000:
            out[f"{label}_vs_lmdb_commit_per_1000"] = round(
                ours.tx_per_second / per_1000.tx_per_second, 3
            )
        if ours and per_tx:
            out[f"{label}_vs_lmdb_commit_per_tx"] = round(
                ours.tx_per_second / per_tx.tx_per_second, 3
            )
    return out


def run(scale: float, out: Path | None = None) -> dict[str, Any]:
    go = use_go()
    results, tx_bytes = node_scenarios(scale, go)
    results += echo_scenarios(scale, go, tx_bytes)
    lmdb_count = max(int(5000 * scale), 10)
    results.append(lmdb_baseline(lmdb_count, 1, tx_bytes))
    results.append(lmdb_baseline(max(int(60000 * scale), 10), 1000, tx_bytes))
    batched = [r for r in results if r.kind == "batch"]
    data = {
        "driver": "go" if go else "python",
        "transaction_bytes": tx_bytes,
        "results": [asdict(r) for r in results],
        "ratios": ratios(results),
        "peak_batched_tx_per_s": max(r.tx_per_second for r in batched) if batched else 0.0,
    }
    write_result("ingest", data, out)
    return data


def main() -> None:
    scale_cli(__doc__, run)


if __name__ == "__main__":
    main()
