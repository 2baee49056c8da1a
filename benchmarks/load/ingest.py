"""Ingest load generator: pre-signed transactions driven into a real node over gRPC.

Signing happens before the clock starts. Each scenario reports committed tx/s and the latency
from submit to durable receipt (p50/p90/p99/max), plus client and server CPU seconds per
1,000 transactions, so readers see what the server alone costs. Two baselines run in the same
process on the same machine: a Python gRPC echo server answering with a receipt of the same
size (the ceiling for a Python gRPC server here, driven by the same client) and raw durable
LMDB commits of one transaction each (the ceiling for one fsync'd commit per transaction).

    python -m benchmarks.load.ingest [--scale 1.0] [--out benchmarks/results/ingest.json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import grpc

from tabularium.documents.v1 import documents_pb2
from tabularium.keys import load_private_key
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tabularium.txbuild import build_signed
from tests.conftest import NodeProcess, run_cli


@dataclass
class ScenarioResult:
    name: str
    transactions: int
    seconds: float
    tx_per_second: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    client_cpu_s_per_1000: float
    server_cpu_s_per_1000: float


def _percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]


def _proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks


def _client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def presign(chain_id: str, key_path: Path, count: int) -> list[bytes]:
    key = load_private_key(key_path)
    now = time.time_ns() // 1000
    return [
        build_signed(
            chain_id,
            documents_pb2.RegisterDocument(sha256=os.urandom(32), title="bench"),
            [key],
            now_us=now,
        )
        for _ in range(count)
    ]


async def unary(address: str, raws: list[bytes], concurrency: int) -> tuple[float, list[float]]:
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


async def batched(address: str, raws: list[bytes], batch: int) -> tuple[float, list[float]]:
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
                assert all(r.HasField("receipt") for r in response.results)
                latencies.extend([time.perf_counter() - started] * len(chunk))

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(4)))
        return time.perf_counter() - started, latencies


def echo_baseline(raws: list[bytes], concurrency: int) -> ScenarioResult:
    """Drive the echo server with the same client and transactions."""
    with tempfile.TemporaryDirectory(prefix="tabularium-echo-") as tmp:
        port_file = Path(tmp) / "port"
        proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.load.echo_server", str(port_file)]
        )
        try:
            deadline = time.monotonic() + 30
            while not port_file.exists() or not port_file.read_text():
                if time.monotonic() > deadline:
                    raise RuntimeError("echo server did not start")
                time.sleep(0.05)
            address = f"127.0.0.1:{port_file.read_text()}"
            server_cpu, client_cpu = _proc_cpu(proc.pid), _client_cpu()
            seconds, latencies = asyncio.run(unary(address, raws, concurrency))
            return _result(
                f"echo c={concurrency}",
                len(raws),
                seconds,
                latencies,
                _client_cpu() - client_cpu,
                _proc_cpu(proc.pid) - server_cpu,
            )
        finally:
            proc.terminate()
            proc.wait(10)


def lmdb_baseline(raws: list[bytes]) -> ScenarioResult:
    """One durable (fsync'd) LMDB commit per transaction, no server in between."""
    import lmdb

    latencies: list[float] = []
    with tempfile.TemporaryDirectory(prefix="tabularium-lmdb-") as tmp:
        env = lmdb.open(tmp, map_size=1 << 30, sync=True, metasync=True)
        cpu = _client_cpu()
        started = time.perf_counter()
        for i, raw in enumerate(raws):
            t = time.perf_counter()
            with env.begin(write=True) as txn:
                txn.put(i.to_bytes(8, "big"), raw)
            latencies.append(time.perf_counter() - t)
        seconds = time.perf_counter() - started
        cpu = _client_cpu() - cpu
        env.close()
    return _result("lmdb commit/tx", len(raws), seconds, latencies, cpu, 0.0)


def _result(
    name: str,
    count: int,
    seconds: float,
    latencies: list[float],
    client_cpu: float,
    server_cpu: float,
) -> ScenarioResult:
    ms = sorted(x * 1000 for x in latencies)
    return ScenarioResult(
        name=name,
        transactions=count,
        seconds=round(seconds, 3),
        tx_per_second=round(count / seconds, 1),
        p50_ms=round(statistics.median(ms), 2),
        p90_ms=round(_percentile(ms, 0.90), 2),
        p99_ms=round(_percentile(ms, 0.99), 2),
        max_ms=round(ms[-1], 2),
        client_cpu_s_per_1000=round(client_cpu * 1000 / count, 3),
        server_cpu_s_per_1000=round(server_cpu * 1000 / count, 3),
    )


def run_scenarios(scale: float, out: Path | None) -> list[ScenarioResult]:
    plan = [
        ("unary c=1", "unary", 1, int(2000 * scale)),
        ("unary c=16", "unary", 16, int(6000 * scale)),
        ("unary c=64", "unary", 64, int(10000 * scale)),
        ("batch 100", "batch", 100, int(20000 * scale)),
        ("batch 1000", "batch", 1000, int(40000 * scale)),
    ]
    results: list[ScenarioResult] = []
    with tempfile.TemporaryDirectory(prefix="tabularium-bench-") as tmp:
        data_dir = Path(tmp) / "data"
        run_cli("init", "--data-dir", str(data_dir), "--chain-id", "bench")
        node = NodeProcess(data_dir).start()
        assert node.proc is not None
        try:
            for name, kind, parameter, count in plan:
                count = max(count, parameter if kind == "batch" else 4)
                raws = presign("bench", data_dir / "keys" / "admin.key", count)
                server_cpu, client_cpu = _proc_cpu(node.proc.pid), _client_cpu()
                if kind == "unary":
                    seconds, latencies = asyncio.run(unary(node.address, raws, parameter))
                else:
                    seconds, latencies = asyncio.run(batched(node.address, raws, parameter))
                result = _result(
                    name,
                    count,
                    seconds,
                    latencies,
                    _client_cpu() - client_cpu,
                    _proc_cpu(node.proc.pid) - server_cpu,
                )
                results.append(result)
                print(json.dumps(asdict(result)), file=sys.stderr)
        finally:
            node.terminate()
        baseline_raws = presign("bench", data_dir / "keys" / "admin.key", int(10000 * scale) or 4)
    for baseline in (echo_baseline(baseline_raws, 64), lmdb_baseline(baseline_raws)):
        results.append(baseline)
        print(json.dumps(asdict(baseline)), file=sys.stderr)
    by_name = {r.name: r for r in results}
    ratios = {
        "unary_c64_vs_echo_c64": round(
            by_name["unary c=64"].tx_per_second / by_name["echo c=64"].tx_per_second, 3
        ),
        "batch1000_vs_lmdb_commit_per_tx": round(
            by_name["batch 1000"].tx_per_second / by_name["lmdb commit/tx"].tx_per_second, 3
        ),
    }
    print(json.dumps({"ratios": ratios}), file=sys.stderr)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(
            json.dumps(
                {
                    "machine": {"cpus": os.cpu_count()},
                    "results": [asdict(r) for r in results],
                    "ratios": ratios,
                },
                indent=2,
            )
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="Multiply transaction counts.")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/ingest.json"))
    args = parser.parse_args()
    run_scenarios(args.scale, args.out)


if __name__ == "__main__":
    main()
