"""The physical limit for a Merkle tree: SHA-256 of 64-65-byte messages, one core, tight loop.

Two measurements, the faster wins: the criterion bench ``sha256/64B`` and ``sha256/65B`` in
``core_ext/merkle/benches/merkle.rs`` (the same ``sha2`` crate the extension links), and
``openssl speed -evp sha256 -bytes 64``. Every hash of an RFC 9162 tree is over a 65-byte
message (``0x00 || 64-byte leaf`` and ``0x01 || left || right``), two compressions each, so a
tree of ``n`` leaves costs ``2n - 1`` such hashes: ``limit_seconds = (2n - 1) / rate``.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from typing import Any

from benchmarks.common import ROOT, progress

CRITERION_DIR = ROOT / "core_ext" / "target" / "criterion"


def criterion_rates(seconds: float) -> dict[str, float]:
    """Hashes/s for 64- and 65-byte messages from ``cargo bench`` (criterion)."""
    measure = max(1.0, seconds)
    out = subprocess.run(
        [
            "cargo",
            "bench",
            "-p",
            "tabularium-merkle",
            "--bench",
            "merkle",
            "--locked",
            "-q",
            "--",
            "sha256/",
            "--warm-up-time",
            "1",
            "--measurement-time",
            f"{measure:g}",
        ],
        cwd=ROOT / "core_ext",
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"cargo bench failed:\n{out.stderr[-3000:]}")
    rates = {}
    for size in ("64B", "65B"):
        estimates = json.loads(
            (CRITERION_DIR / "sha256" / size / "new" / "estimates.json").read_text()
        )
        # The slope (time per iteration from a linear fit) is criterion's preferred figure;
        # fall back to the mean where the sampling mode gave no slope.
        ns = (estimates.get("slope") or estimates["mean"])["point_estimate"]
        rates[size] = 1e9 / ns
    return rates


def openssl_rate(seconds: float) -> float | None:
    """Hashes/s of ``openssl speed -evp sha256 -bytes 64`` (None if openssl is missing)."""
    if shutil.which("openssl") is None:
        return None
    out = subprocess.run(
        [
            "openssl",
            "speed",
            "-evp",
            "sha256",
            "-bytes",
            "64",
            "-seconds",
            str(max(1, int(seconds))),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # Last table line: "sha256   201253.11k" (thousands of bytes per second for 64-byte blocks).
    match = re.search(r"^sha256\s+([\d.]+)k\s*$", out, re.MULTILINE)
    if match is None:
        return None
    return float(match.group(1)) * 1000 / 64


def measure(seconds: float, use_criterion: bool = True) -> dict[str, Any]:
    """Per-core SHA-256 rate on 64-65-byte messages, best of criterion and openssl."""
    progress("SHA-256 limit: criterion (sha2 crate) and openssl speed")
    rates: dict[str, float | None] = {}
    if use_criterion and shutil.which("cargo"):
        crit = criterion_rates(seconds)
        rates["criterion_sha2_64B"] = crit["64B"]
        rates["criterion_sha2_65B"] = crit["65B"]
    rates["openssl_evp_64B"] = openssl_rate(seconds)
    known = {k: v for k, v in rates.items() if v}
    best = max(known, key=lambda k: known[k])
    return {
        "rates_hashes_per_s": {k: (round(v) if v else None) for k, v in rates.items()},
        "best_source": best,
        "hashes_per_s_per_core": round(known[best]),
    }


def limit_seconds(leaves: int, rate: float, cores: int = 1) -> float:
    """Seconds the 2n-1 hashes of an n-leaf tree take at ``rate`` per core on ``cores``."""
    return (2 * leaves - 1) / (rate * cores)


if __name__ == "__main__":
    print(json.dumps(measure(2.0), indent=2))
