"""Shared fixtures: a real node process on a loopback port with a real LMDB in a temp folder."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.documents.v1 import documents_pb2, documents_pb2_grpc
from tabularium.keys import generate_key_file, load_private_key
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tabularium.txbuild import build_signed

VECTORS = Path(__file__).parent / "vectors"


def run_cli(
    *args: str, check: bool = True, env: dict[str, str] | None = None, input_text: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m tabularium ARGS...` and return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "tabularium", "--text-logs", *args],
        capture_output=True,
        text=True,
        check=check,
        timeout=120,
        env={**os.environ, **(env or {})},
        input=input_text,
    )


class NodeProcess:
    """A `tabularium serve` child process on 127.0.0.1 with its own data folder."""

    def __init__(self, data_dir: Path, *extra_args: str, env: dict[str, str] | None = None) -> None:
        self.data_dir = data_dir
        self.extra_args = extra_args
        self.env = env
        self.proc: subprocess.Popen[str] | None = None
        self.port = 0
        self.log_lines: list[str] = []
        self._channel: grpc.Channel | None = None
        self._drainer = threading.Thread()

    def start(self) -> NodeProcess:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tabularium",
                "serve",
                "--data-dir",
                str(self.data_dir),
                "--listen",
                "127.0.0.1:0",
                *self.extra_args,
            ],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
            env={**os.environ, **(self.env or {})},
        )
        assert self.proc.stderr is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            if not line:
                self.proc.wait(10)
                self.proc.stderr.close()
                raise RuntimeError("node exited during start-up:\n" + "".join(self.log_lines))
            self.log_lines.append(line)
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("msg") == "serving":
                self.port = int(entry["port"])
                break
        else:
            raise RuntimeError("node did not start in 60 s")
        self._drainer = threading.Thread(target=self._drain, daemon=True)
        self._drainer.start()
        return self

    def _drain(self) -> None:
        assert self.proc is not None and self.proc.stderr is not None
        for line in self.proc.stderr:
            self.log_lines.append(line)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def channel(self) -> grpc.Channel:
        if self._channel is None:
            self._channel = grpc.insecure_channel(
                self.address, options=[("grpc.max_send_message_length", 64 << 20)]
            )
        return self._channel

    @property
    def ledger(self) -> ledger_pb2_grpc.LedgerServiceStub:
        return ledger_pb2_grpc.LedgerServiceStub(self.channel())

    @property
    def documents(self) -> documents_pb2_grpc.DocumentsServiceStub:
        return documents_pb2_grpc.DocumentsServiceStub(self.channel())

    def close_channel(self) -> None:
        if self._channel is not None:
            self._channel.close()
            self._channel = None

    def terminate(self, timeout: float = 30) -> int:
        """SIGTERM and wait; returns the exit code."""
        self.close_channel()
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        code = self.proc.wait(timeout)
        self._release()
        return code

    def kill(self) -> None:
        """SIGKILL: no chance to clean up."""
        self.close_channel()
        assert self.proc is not None
        self.proc.kill()
        self.proc.wait(30)
        self._release()

    def _release(self) -> None:
        assert self.proc is not None and self.proc.stderr is not None
        self._drainer.join(10)
        self.proc.stderr.close()


class Chain:
    """A fresh chain in a temp folder: keys, genesis, and helpers to sign transactions."""

    def __init__(self, root: Path) -> None:
        self.data_dir = root / "data"
        self.observer_key = generate_key_file(root / "observer.key")
        self.notary_key = generate_key_file(root / "notary.key")
        self.outsider_key = Ed25519PrivateKey.generate()
        result = run_cli(
            "init",
            "--data-dir",
            str(self.data_dir),
            "--chain-id",
            "test-chain",
            "--authority",
            f"observer:{_pub(self.observer_key).hex()}:observer",
            "--authority",
            f"notary:{_pub(self.notary_key).hex()}:notary",
        )
        self.init_output = json.loads(result.stdout)
        self.chain_id = "test-chain"
        self.admin_key = load_private_key(self.data_dir / "keys" / "admin.key")

    def notarize(
        self,
        digest: bytes,
        *,
        key: Ed25519PrivateKey | None = None,
        title: str = "doc",
        **kwargs: Any,
    ) -> bytes:
        return build_signed(
            self.chain_id,
            documents_pb2.RegisterDocument(sha256=digest, title=title),
            [key or self.admin_key],
            now_us=time.time_ns() // 1000,
            **kwargs,
        )


def _pub(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes_raw()


@pytest.fixture
def chain(tmp_path: Path) -> Chain:
    return Chain(tmp_path)


@pytest.fixture
def node(chain: Chain) -> Iterator[NodeProcess]:
    process = NodeProcess(chain.data_dir).start()
    yield process
    if process.proc is not None and process.proc.poll() is None:
        process.terminate()


def submit(node: NodeProcess, raw: bytes) -> ledger_pb2.Receipt:
    response = node.ledger.SubmitTransaction(
        ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=30
    )
    return response.receipt
