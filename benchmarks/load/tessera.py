"""A peer in the same run: Tessera's POSIX conformance log on loopback, driven to saturation.

``make bench`` installs the pinned binaries (``go install .../cmd/conformance/posix@v1.0.4`` and
``.../internal/hammer@v1.0.4``) into ``.tools/go/bin``. Two drivers, each against a fresh log in a
temp folder:

* Tessera's own load tool, the hammer, with a write goal and no readers: appends/s from the
  time it takes to reach the goal.
* our Go load generator (``loadgen tessera``): concurrent ``POST /add`` with entries of our
  transactions' size; latency of each add (until Tessera returns the sequenced index) and time
  until the entry is under a published checkpoint (``GET /checkpoint`` polled every 5 ms).

Tessera appends unsigned, opaque entries and checks no rules: no signature verification, no
state, no authorization. Its ``/add`` answers once the entry is sequenced; its checkpoint is
published on a 1 s interval. Ours answers with a receipt (signed checkpoint and inclusion proof)
once the block is durable.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from benchmarks.common import ROOT, progress

GOBIN = ROOT / ".tools" / "go" / "bin"
LOADGEN = GOBIN / "loadgen"
TESSERA_VERSION = "v1.0.4"


def note_keys(name: str) -> tuple[str, str]:
    """(signer key, verifier key) in the signed-note text format Tessera reads."""
    key = Ed25519PrivateKey.generate()
    seed = key.private_bytes_raw()
    public = key.public_key().public_bytes_raw()
    key_hash = hashlib.sha256(name.encode() + b"\n\x01" + public).digest()[:4].hex()
    encoded_seed = base64.b64encode(b"\x01" + seed).decode()
    encoded_public = base64.b64encode(b"\x01" + public).decode()
    return f"PRIVATE+KEY+{name}+{key_hash}+{encoded_seed}", f"{name}+{key_hash}+{encoded_public}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class TesseraLog:
    """A Tessera POSIX log process on loopback with its storage in a temp folder."""

    def __init__(self) -> None:
        self._tmp = tempfile.TemporaryDirectory(prefix="tessera-")
        self.dir = Path(self._tmp.name)
        self.port = free_port()
        signer, self.verifier = note_keys("bench-tessera")
        (self.dir / "key").write_text(signer)
        self._log = (self.dir / "server.log").open("w")
        self.proc = subprocess.Popen(
            [
                str(GOBIN / "posix"),
                f"--storage_dir={self.dir / 'log'}",
                f"--listen=127.0.0.1:{self.port}",
                f"--private_key={self.dir / 'key'}",
                "--v=0",
            ],
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{self.url}checkpoint", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(
                    "tessera did not start:\n" + (self.dir / "server.log").read_text()
                )
            time.sleep(0.1)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def disk_bytes(self) -> int:
        return sum(p.stat().st_size for p in (self.dir / "log").rglob("*") if p.is_file())

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self._log.close()
        self._tmp.cleanup()


def hammer(count: int, writers: int, payload: int) -> dict[str, Any]:
    """Tessera's hammer to a write goal of ``count`` leaves; appends/s from its own clock."""
    log = TesseraLog()
    try:
        started = time.perf_counter()
        out = subprocess.run(
            [
                str(GOBIN / "hammer"),
                f"--log_url={log.url}",
                f"--log_public_key={log.verifier}",
                f"--num_writers={writers}",
                f"--max_write_ops={max(100_000, count)}",
                "--num_readers_random=0",
                "--num_readers_full=0",
                f"--leaf_write_goal={count}",
                f"--leaf_min_size={payload}",
                "--dup_chance=0",
                "--show_ui=false",
                "--max_runtime=10m",
            ],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        wall = time.perf_counter() - started
        match = re.search(r"Reached tree size goal of (\d+) after ([\d.]+)(ms|s|m)", out.stderr)
        if out.returncode != 0 or match is None:
            raise RuntimeError(f"hammer failed ({out.returncode}):\n{out.stderr[-3000:]}")
        unit = {"ms": 0.001, "s": 1.0, "m": 60.0}[match.group(3)]
        seconds = float(match.group(2)) * unit
        return {
            "tool": f"tessera hammer {TESSERA_VERSION}",
            "writers": writers,
            "leaves": count,
            "seconds": round(seconds, 3),
            "wall_seconds": round(wall, 3),
            "appends_per_s": round(count / seconds, 1),
        }
    finally:
        log.close()


def loadgen(count: int, writers: int, payload: int) -> dict[str, Any]:
    """Our Go load generator against a fresh Tessera log."""
    log = TesseraLog()
    try:
        out = subprocess.run(
            [
                str(LOADGEN),
                "tessera",
                f"--url={log.url}",
                f"--writers={writers}",
                f"--count={count}",
                f"--payload-bytes={payload}",
                f"--server-pid={log.proc.pid}",
            ],
            capture_output=True,
            text=True,
            timeout=900,
            check=True,
        )
        result: dict[str, Any] = json.loads(out.stdout)
        result["disk_bytes_per_entry"] = round(log.disk_bytes() / max(1, count), 1)
        return result
    finally:
        log.close()


def run(count: int, writer_counts: list[int], payload: int) -> dict[str, Any]:
    """Sweep writers with our driver, take the peak; run the hammer at the peak's writers."""
    sweep = []
    for writers in writer_counts:
        progress(f"Tessera: {count} adds from {writers} concurrent writers (loadgen)")
        sweep.append(loadgen(count, writers, payload))
    peak = max(sweep, key=lambda r: r["appends_per_s"])
    progress(f"Tessera: hammer, {count} leaves, {peak['writers']} writers")
    try:
        hammered: dict[str, Any] | None = hammer(count, peak["writers"], payload)
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        hammered = {"error": str(exc)[-2000:]}
    return {
        "version": TESSERA_VERSION,
        "payload_bytes": payload,
        "loadgen": sweep,
        "peak": peak,
        "hammer": hammered,
        "note": "Tessera appends unsigned, opaque entries and checks no rules (no signatures, "
        "no state, no authorization); /add answers when the entry is sequenced (batches of up to "
        "256 entries or 1 s) and checkpoints are published every 1 s.",
    }
