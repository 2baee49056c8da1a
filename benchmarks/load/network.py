"""Four agencies on CometBFT against one embedded node, under the same load, in the same run.

Pre-signed ``RegisterDocument`` transactions go through unary ``SubmitTransaction`` at 16, 64
and 256 calls in flight, spread round-robin over the four nodes (each call answers at the
local commit of its block); the embedded node gets the same calls. For each network
(``timeout_commit`` 1 s and 200 ms) the report has: tx/s, latency to receipt p50/p99, latency
to a receipt with its consensus proof (a sample sent with ``wait_for_consensus_proof``), block
interval and transactions per block over the run, and CPU seconds per 1,000 transactions per
node, split into our Python process and its CometBFT. Eight processes share the machine, so the
ratio to the embedded node is the headline, with the core count beside it.

Also: idle disk growth per day (all four nodes' stores and CometBFT data, over an idle
window), and a validator's catch-up rate after it was down for ``BENCH_CATCHUP_BLOCKS`` blocks.

    python -m benchmarks.load.network [--scale 1.0]
"""

from __future__ import annotations

import asyncio
import itertools
import os
import time
from pathlib import Path
from typing import Any

import grpc

from benchmarks.common import (
    env_int,
    latency_summary,
    proc_cpu_seconds,
    progress,
    scale_cli,
    write_result,
)
from benchmarks.load.presign import signed_documents
from tabularium.chain.ledger import decode_header
from tabularium.keys import load_private_key
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tests.conftest import Chain, NodeProcess
from tests.consensus.netfixture import Network

IN_FLIGHT = (16, 64, 256)
TIMEOUTS = ("1s", "200ms")
BATCH = 1000  # SubmitTransactions size in the batched scenario, one call in flight per node


async def _drive_batches(
    addresses: list[str], raws: list[bytes], batch: int
) -> tuple[float, list[float], int]:
    """``SubmitTransactions`` of ``batch`` each, one call in flight per address."""
    latencies: list[float] = []
    errors = 0
    options = [("grpc.max_send_message_length", 64 << 20)]
    channels = [grpc.aio.insecure_channel(a, options=options) for a in addresses]
    stubs = [ledger_pb2_grpc.LedgerServiceStub(c) for c in channels]
    chunks = [raws[i : i + batch] for i in range(0, len(raws), batch)]
    position = 0

    async def worker(stub: ledger_pb2_grpc.LedgerServiceStub) -> None:
        nonlocal position, errors
        while position < len(chunks):
            chunk = chunks[position]
            position += 1
            started = time.perf_counter()
            response = await stub.SubmitTransactions(
                ledger_pb2.SubmitTransactionsRequest(transactions=chunk), timeout=300
            )
            took = time.perf_counter() - started
            for result in response.results:
                if result.HasField("receipt"):
                    latencies.append(took)
                else:
                    errors += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker(stub) for stub in stubs))
    seconds = time.perf_counter() - started
    for channel in channels:
        await channel.close()
    return seconds, latencies, errors


async def _drive(
    addresses: list[str], raws: list[bytes], in_flight: int, *, proof: bool = False
) -> tuple[float, list[float], int]:
    """Send ``raws`` over ``addresses`` round-robin with ``in_flight`` calls at a time."""
    latencies: list[float] = []
    errors = 0
    channels = [grpc.aio.insecure_channel(a) for a in addresses]
    stubs = [ledger_pb2_grpc.LedgerServiceStub(c) for c in channels]
    for stub in stubs:
        await stub.GetLogInfo(ledger_pb2.GetLogInfoRequest())
    position = 0

    async def worker(w: int) -> None:
        nonlocal position, errors
        while position < len(raws):
            index = position
            position += 1
            stub = stubs[(index + w) % len(stubs)]
            started = time.perf_counter()
            try:
                await stub.SubmitTransaction(
                    ledger_pb2.SubmitTransactionRequest(
                        transaction=raws[index], wait_for_consensus_proof=proof
                    ),
                    timeout=120,
                )
            except grpc.aio.AioRpcError:
                errors += 1
                continue
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker(w) for w in range(in_flight)))
    seconds = time.perf_counter() - started
    for channel in channels:
        await channel.close()
    return seconds, latencies, errors


def _blocks(node: NodeProcess, first: int, last: int) -> dict[str, float]:
    """Block interval and transactions per block over heights first..last."""
    times, counts = [], []
    for height in range(first, last + 1):
        block = node.ledger.GetBlock(ledger_pb2.GetBlockRequest(height=height), timeout=10).block
        header = decode_header(block.header)
        times.append(header.time.seconds + header.time.nanos / 1e9)
        counts.append(header.entry_count)
    spans = [b - a for a, b in itertools.pairwise(times)]
    return {
        "blocks": len(counts),
        "block_interval_s": sum(spans) / len(spans) if spans else 0.0,
        "txs_per_block": sum(counts) / len(counts) if counts else 0.0,
        "max_txs_per_block": max(counts, default=0),
    }


def _height(node: NodeProcess) -> int:
    return int(node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10).height)


def _cpu(pids: list[int | None]) -> list[float]:
    return [proc_cpu_seconds(pid) if pid else 0.0 for pid in pids]


def network_scenarios(
    timeout_commit: str, count: int, in_flights: tuple[int, ...] = IN_FLIGHT
) -> dict[str, Any]:
    net = Network(4, commit_wait=60.0, timeout_commit=timeout_commit)
    try:
        net.start_all()
        net.wait("every node in step", lambda: all(_height(net.node(i)) >= 2 for i in range(4)))
        time.sleep(2)  # the status poll flips catching_up off within a second
        addresses = [net.node(i).address for i in range(4)]
        python_pids = [net.node(i).proc.pid for i in range(4)]  # type: ignore[union-attr]
        cometbft_pids = [net.cometbft_pid(i) for i in range(4)]
        rows = []
        for in_flight in in_flights:
            per_agency = max(count * in_flight // 64, 64) // 4  # about as many blocks each
            raws = [
                raw
                for k in range(4)
                for raw in signed_documents(net.chain_id, net.admins[k], per_agency)
            ]
            first = _height(net.node(0)) + 1
            py0, cmt0 = _cpu(python_pids), _cpu(cometbft_pids)
            seconds, latencies, errors = asyncio.run(_drive(addresses, raws, in_flight))
            py1, cmt1 = _cpu(python_pids), _cpu(cometbft_pids)
            done = len(latencies)
            per_k = 1000 / max(done, 1)
            row = {
                "in_flight": in_flight,
                "transactions": done,
                "errors": errors,
                "seconds": seconds,
                "tx_per_second": done / seconds,
                "latency_ms": latency_summary(latencies),
                "python_cpu_s_per_1000_per_node": [
                    (b - a) * per_k for a, b in zip(py0, py1, strict=True)
                ],
                "cometbft_cpu_s_per_1000_per_node": [
                    (b - a) * per_k for a, b in zip(cmt0, cmt1, strict=True)
                ],
                **_blocks(net.node(0), first, _height(net.node(0))),
            }
            # A sample waiting for the consensus proof too: one block later.
            sample = signed_documents(net.chain_id, net.admins[0], max(in_flight, 16))
            _, proof_latencies, _ = asyncio.run(_drive(addresses, sample, in_flight, proof=True))
            row["latency_to_consensus_proof_ms"] = latency_summary(proof_latencies)
            progress(
                f"network timeout_commit={timeout_commit} in_flight={in_flight}: "
                f"{row['tx_per_second']:.0f} tx/s, p50 {row['latency_ms']['p50_ms']:.0f} ms, "
                f"{row['txs_per_block']:.1f} tx/block every {row['block_interval_s']:.2f} s"
            )
            rows.append(row)
        raws = [
            raw for k in range(4) for raw in signed_documents(net.chain_id, net.admins[k], count)
        ]
        first = _height(net.node(0)) + 1
        py0, cmt0 = _cpu(python_pids), _cpu(cometbft_pids)
        seconds, latencies, errors = asyncio.run(_drive_batches(addresses, raws, BATCH))
        py1, cmt1 = _cpu(python_pids), _cpu(cometbft_pids)
        per_k = 1000 / max(len(latencies), 1)
        batched = {
            "batch": BATCH,
            "transactions": len(latencies),
            "errors": errors,
            "tx_per_second": len(latencies) / seconds,
            "latency_ms": latency_summary(latencies),
            "python_cpu_s_per_1000_per_node": [
                (b - a) * per_k for a, b in zip(py0, py1, strict=True)
            ],
            "cometbft_cpu_s_per_1000_per_node": [
                (b - a) * per_k for a, b in zip(cmt0, cmt1, strict=True)
            ],
            **_blocks(net.node(0), first, _height(net.node(0))),
        }
        progress(
            f"network timeout_commit={timeout_commit} batches of {BATCH}, one per node: "
            f"{batched['tx_per_second']:.0f} tx/s, {batched['txs_per_block']:.0f} tx/block"
        )
        idle = _idle_growth(net, 10.0 if count < 1000 else 30.0)
        return {
            "timeout_commit": timeout_commit,
            "scenarios": rows,
            "batched": batched,
            "idle": idle,
        }
    finally:
        net.close()


def _disk_bytes(paths: list[Path]) -> int:
    total = 0
    for root in paths:
        for path in root.rglob("*"):
            if path.is_file():
                total += path.stat().st_blocks * 512
    return total


def _idle_growth(net: Network, seconds: float) -> dict[str, float]:
    before, h0 = _disk_bytes(net.data_dirs), _height(net.node(0))
    time.sleep(seconds)
    after, h1 = _disk_bytes(net.data_dirs), _height(net.node(0))
    per_second = (after - before) / seconds
    return {
        "seconds": seconds,
        "blocks": h1 - h0,
        "bytes_per_block_all_nodes": (after - before) / max(h1 - h0, 1),
        "bytes_per_day_all_nodes": per_second * 86400,
        "bytes_per_day_per_node": per_second * 86400 / net.count,
    }


def catch_up(blocks: int) -> dict[str, float]:
    """Stop one validator, let the three others make ``blocks`` blocks, restart it and time
    how fast it replays them."""
    net = Network(4, commit_wait=60.0, timeout_commit="10ms")
    for data_dir in net.data_dirs:  # the stopped validator's turns to propose: time out soon
        config = data_dir / "cometbft" / "config" / "config.toml"
        text = config.read_text()
        config.write_text(
            text.replace(
                'timeout_commit = "10ms"', 'timeout_commit = "10ms"\ntimeout_propose = "300ms"'
            )
        )
    try:
        net.start_all()
        net.wait("every node up", lambda: all(_height(net.node(i)) >= 2 for i in range(4)))
        net.stop(3)
        start = _height(net.node(0))
        last = [time.monotonic()]

        def made() -> bool:
            height = _height(net.node(0))
            if time.monotonic() - last[0] > 10:
                last[0] = time.monotonic()
                progress(f"catch-up: {height - start}/{blocks} blocks while agency 4 is down")
            return height >= start + blocks

        net.wait(f"{blocks} blocks", made, seconds=max(600.0, blocks * 0.2))
        target = _height(net.node(0))
        behind = target - start
        began = time.monotonic()
        node = net.start(3)
        net.wait("agency 4 caught up", lambda: _height(node) >= target, seconds=1800)
        seconds = time.monotonic() - began
        return {
            "blocks_behind": behind,
            "seconds": seconds,
            "blocks_per_second": behind / seconds,
        }
    finally:
        net.close()


def embedded_scenarios(
    count: int, root: Path, in_flights: tuple[int, ...] = IN_FLIGHT
) -> list[dict[str, Any]]:
    chain = Chain(root)
    node = NodeProcess(chain.data_dir).start()
    try:
        key = load_private_key(chain.data_dir / "keys" / "admin.key")
        rows = []
        for in_flight in in_flights:
            raws = signed_documents(chain.chain_id, key, max(count * in_flight // 64, 64) // 4 * 4)
            pid = node.proc.pid  # type: ignore[union-attr]
            cpu0 = proc_cpu_seconds(pid)
            seconds, latencies, errors = asyncio.run(_drive([node.address], raws, in_flight))
            done = len(latencies)
            rows.append(
                {
                    "in_flight": in_flight,
                    "transactions": done,
                    "errors": errors,
                    "tx_per_second": done / seconds,
                    "latency_ms": latency_summary(latencies),
                    "python_cpu_s_per_1000": (proc_cpu_seconds(pid) - cpu0) * 1000 / max(done, 1),
                }
            )
            progress(f"embedded in_flight={in_flight}: {rows[-1]['tx_per_second']:.0f} tx/s")
        raws = signed_documents(chain.chain_id, key, 4 * count)
        seconds, latencies, errors = asyncio.run(_drive_batches([node.address] * 4, raws, BATCH))
        rows.append(
            {
                "batch": BATCH,
                "transactions": len(latencies),
                "errors": errors,
                "tx_per_second": len(latencies) / seconds,
                "latency_ms": latency_summary(latencies),
            }
        )
        progress(f"embedded batches of {BATCH}, 4 in flight: {rows[-1]['tx_per_second']:.0f} tx/s")
        return rows
    finally:
        node.terminate()


def run(
    scale: float,
    out: Path | None = None,
    *,
    catch_up_blocks: int | None = None,
    in_flights: tuple[int, ...] = IN_FLIGHT,
    timeouts: tuple[str, ...] = TIMEOUTS,
) -> dict[str, Any]:
    import tempfile

    count = max(int(1500 * scale), 64)  # at 64 in flight; scaled by the calls in flight
    blocks = catch_up_blocks
    if blocks is None:
        blocks = env_int("BENCH_CATCHUP_BLOCKS", 10000)
    with tempfile.TemporaryDirectory(prefix="bench-embedded-") as tmp:
        embedded = embedded_scenarios(count, Path(tmp), in_flights)
    networks = [network_scenarios(t, count, in_flights) for t in timeouts]
    ratios = {
        f"{n['timeout_commit']} in_flight={row['in_flight']}": row["tx_per_second"]
        / next(e["tx_per_second"] for e in embedded if e.get("in_flight") == row["in_flight"])
        for n in networks
        for row in n["scenarios"]
    }
    embedded_batched = next(e["tx_per_second"] for e in embedded if "batch" in e)
    for n in networks:
        ratios[f"{n['timeout_commit']} batch={BATCH}"] = (
            n["batched"]["tx_per_second"] / embedded_batched
        )
    data = {
        "cores": os.cpu_count(),
        "transactions_per_scenario": count,
        "embedded": embedded,
        "networks": networks,
        "ratio_to_embedded": ratios,
        "catch_up": catch_up(blocks),
    }
    write_result("network", data, out)
    return data


def main() -> None:
    scale_cli(__doc__, run)


if __name__ == "__main__":
    main()
