"""Shared pieces of the benchmarks: machine facts, timing, percentiles, CPU accounting, results.

Every results file is one JSON object with a ``machine`` block (CPU model, cores, SHA-NI/AVX2,
versions of Python, Rust, Go and the packages measured) so a number is never read without the
machine it came from. Sizes are set by environment variables (``BENCH_*``), read here.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "benchmarks" / "results"))
PACKAGES = ("grpcio", "protobuf", "lmdb", "cryptography", "pynacl", "pymerkle", "matplotlib")


def calls_per_second(fn: Callable[[], object], repeat: int) -> float:
    """Calls per second of ``fn``, best of three rounds of ``repeat`` calls."""
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for _ in range(repeat):
            fn()
        best = min(best, time.perf_counter() - started)
    return repeat / best


def env_ints(name: str, default: Sequence[int]) -> list[int]:
    """A comma-separated list of integers from the environment (``1k``/``1M`` suffixes allowed)."""
    raw = os.environ.get(name)
    if not raw:
        return list(default)
    return [parse_count(x) for x in raw.split(",") if x.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    return parse_count(raw) if raw else default


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    return float(raw) if raw else default


def parse_count(text: str) -> int:
    """``"1000"``, ``"1k"``, ``"10M"`` -> int."""
    text = text.strip()
    factor = {"k": 1_000, "K": 1_000, "m": 1_000_000, "M": 1_000_000}.get(text[-1:], 1)
    return int(float(text[:-1] if factor > 1 else text) * factor)


def _cpuinfo() -> dict[str, Any]:
    model, flags = platform.processor() or "unknown", set[str]()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                model = value.strip()
            elif key.strip() == "flags":
                flags = set(value.split())
    except OSError:
        pass
    return {
        "cpu_model": model,
        "cores": os.cpu_count(),
        "sha_ni": "sha_ni" in flags,
        "avx2": "avx2" in flags,
        "avx512f": "avx512f" in flags,
    }


def _tool_version(*cmd: str) -> str | None:
    if shutil.which(cmd[0]) is None:
        return None
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return (
        (out.stdout or out.stderr).strip().splitlines()[0] if (out.stdout or out.stderr) else None
    )


def cpu_pressure() -> float | None:
    """Share of the last 60 s in which some runnable task waited for a CPU (Linux PSI), in %:
    other work on the machine competing with the benchmark."""
    try:
        first = Path("/proc/pressure/cpu").read_text().splitlines()[0]
    except (OSError, IndexError):
        return None
    fields = dict(f.split("=") for f in first.split()[1:])
    return float(fields["avg60"])


def machine_facts() -> dict[str, Any]:
    """CPU, memory, kernel and the versions of everything measured."""
    from tabularium.crypto import BUILD_INFO

    packages = {}
    for name in PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    return {
        **_cpuinfo(),
        "memory_gib": round(mem_kb / 2**20, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "rustc": _tool_version("rustc", "--version"),
        "go": _tool_version("go", "version"),
        "openssl": _tool_version("openssl", "version"),
        "extension": BUILD_INFO,
        "packages": packages,
        "load_average": os.getloadavg(),
        "cpu_pressure_some_avg60_pct": cpu_pressure(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def write_result(name: str, data: dict[str, Any], out_dir: Path | None = None) -> Path:
    """Write ``<out_dir>/<name>.json`` with the machine facts added; returns its path."""
    out_dir = out_dir or RESULTS
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{name}.json"
    path.write_text(json.dumps({"machine": machine_facts(), **data}, indent=2) + "\n")
    return path


def best_of(fn: Callable[[], object], repeat: int) -> float:
    """Fastest wall time of ``repeat`` calls, in seconds."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
    return best


def repeats_for(n: int, budget_items: int = 3_000_000) -> int:
    """How many repeats to take of a run over ``n`` items: 3 when cheap, 1 when large."""
    return 3 if n * 3 <= budget_items else 1


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values (0 for none)."""
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return float(sorted_values[index])


def latency_summary(seconds: Sequence[float]) -> dict[str, float]:
    """p50/p90/p99/max in milliseconds."""
    ms = sorted(x * 1000 for x in seconds)
    return {
        "p50_ms": round(percentile(ms, 0.50), 3),
        "p90_ms": round(percentile(ms, 0.90), 3),
        "p99_ms": round(percentile(ms, 0.99), 3),
        "max_ms": round(ms[-1], 3) if ms else 0.0,
    }


def proc_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_worker(module: str, args: Sequence[str], threads: int | None) -> dict[str, Any]:
    """Run ``python -m module args`` (printing one JSON object) with rayon limited to
    ``threads`` (None: all cores), and return its parsed output."""
    env = dict(os.environ)
    if threads is not None:
        env["RAYON_NUM_THREADS"] = str(threads)
    else:
        env.pop("RAYON_NUM_THREADS", None)
    out = subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=ROOT,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{module} {' '.join(args)} failed:\n{out.stderr}")
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def scale_cli(doc: str, run: Callable[[float, Path | None], object]) -> None:
    """``python -m benchmarks.load.<section> [--scale S] [--out DIR]`` for a section's ``run``."""
    import argparse

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="Multiply transaction counts.")
    parser.add_argument("--out", type=Path, default=None, help="Results folder.")
    args = parser.parse_args()
    run(args.scale, args.out)
