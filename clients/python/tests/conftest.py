"""A real Tabularium node for the client tests: `python -m tabularium init` and `serve` on a
loopback port with LMDB in a temp folder. The tests never import the server package; they
start it as a separate process with the interpreter of the project's .venv (or
$TABULARIUM_SERVER_PYTHON)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium_client import Client, LogKey, load_private_key

REPO = Path(__file__).resolve().parents[3]
VECTORS = REPO / "tests" / "vectors" / "clients"
SERVER_PYTHON = os.environ.get("TABULARIUM_SERVER_PYTHON", sys.executable)


def server_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [SERVER_PYTHON, "-m", "tabularium", "--text-logs", *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )


class Node:
    """`tabularium serve` on 127.0.0.1 (port 0 unless given) until :meth:`stop`."""

    def __init__(self, data_dir: Path, port: int = 0) -> None:
        self.proc = subprocess.Popen(
            [
                SERVER_PYTHON,
                "-m",
                "tabularium",
                "serve",
                "--data-dir",
                str(data_dir),
                "--listen",
                f"127.0.0.1:{port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stderr is not None
        self.log: list[str] = []
        for line in self.proc.stderr:
            self.log.append(line)
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("msg") == "serving":
                self.port = int(entry["port"])
                break
        else:
            self.proc.wait(10)
            raise RuntimeError("node exited during start-up:\n" + "".join(self.log))
        self._drain = threading.Thread(target=self._read_rest, daemon=True)
        self._drain.start()

    def _read_rest(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.log.append(line)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(30)
        self._drain.join(10)
        assert self.proc.stderr is not None
        self.proc.stderr.close()


@dataclass
class Chain:
    data_dir: Path
    chain_id: str
    admin_key_path: Path
    log_key: LogKey
    origin: str


@pytest.fixture(scope="session")
def chain(tmp_path_factory: pytest.TempPathFactory) -> Chain:
    data_dir = tmp_path_factory.mktemp("node") / "data"
    out = json.loads(
        server_cli("init", "--data-dir", str(data_dir), "--chain-id", "py-client").stdout
    )
    # The log key is pinned from what `init` wrote, not from what the running node says.
    public_key = bytes.fromhex(out["checkpoint_public_key"])
    return Chain(
        data_dir,
        "py-client",
        data_dir / "keys" / "admin.key",
        LogKey("py-client-node", public_key),
        "tabularium.example/py-client",
    )


@pytest.fixture(scope="session")
def node(chain: Chain) -> Iterator[Node]:
    process = Node(chain.data_dir)
    yield process
    process.stop()


@pytest.fixture
def client(node: Node) -> Iterator[Client]:
    with Client(node.address) as c:
        yield c


@pytest.fixture(scope="session")
def admin_key(chain: Chain) -> Ed25519PrivateKey:
    return load_private_key(chain.admin_key_path)
