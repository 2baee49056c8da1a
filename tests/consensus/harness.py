"""A test harness: an ABCI socket server on its own event loop, a raw client, abci-cli."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import tempfile
import threading
from pathlib import Path

from tabularium.consensus.abci_server import AbciServer, Application
from tabularium.consensus.framing import FrameDecoder, encode_frame
from tabularium.consensus.v1 import abci_pb2 as abci

ROOT = Path(__file__).resolve().parents[2]
ABCI_CLI = ROOT / ".tools" / "cometbft-v0.38.25" / "abci-cli"


class Running:
    """An AbciServer on its own event loop thread, on a socket in a short temp folder."""

    def __init__(self, app: Application, path: Path | None = None) -> None:
        # sun_path holds at most 107 bytes; pytest's tmp_path can be longer.
        self._dir = tempfile.TemporaryDirectory(prefix="abci-")
        self.path = path or Path(self._dir.name) / "app.sock"
        self.app = app
        self.fatal: list[str] = []
        self.loop = asyncio.new_event_loop()
        self.server = AbciServer(
            self.app, self.path, max_frame_bytes=1 << 20, on_fatal=self.fatal.append
        )
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self.server.start(), self.loop).result(10)

    def close(self) -> None:
        asyncio.run_coroutine_threadsafe(self.server.close(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()
        self._dir.cleanup()

    def connect(self) -> socket.socket:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(10)
        s.connect(str(self.path))
        return s


def read(s: socket.socket, count: int) -> list[abci.Response]:
    decoder = FrameDecoder(max_frame_bytes=1 << 20)
    frames: list[bytes] = []
    while len(frames) < count:
        data = s.recv(65536)
        assert data, f"connection closed after {len(frames)} of {count} answers"
        frames += decoder.feed(data)
    assert len(frames) == count
    return [abci.Response.FromString(f) for f in frames]


def frame(request: abci.Request) -> bytes:
    return encode_frame(request.SerializeToString())


def abci_cli(running: Running, *args: str) -> str:
    assert ABCI_CLI.exists(), "abci-cli is missing: run `make cometbft`"
    out = subprocess.run(
        [str(ABCI_CLI), *args, f"--address={running.server.address}", "--log_level=error"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert out.returncode == 0, out.stderr or out.stdout
    return out.stdout
