"""Four agencies on 127.0.0.1, each a real ``tabularium serve --consensus cometbft`` (our
process and its CometBFT v0.38.25 child), set up by ``tabularium network init``."""

from __future__ import annotations

import contextlib
import json
import random
import shutil
import socket
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import grpc

from tabularium.keys import load_private_key
from tests.conftest import NodeProcess, run_cli
from tests.consensus.harness import ROOT

COMETBFT = ROOT / ".tools" / "cometbft-v0.38.25" / "cometbft"
PORTS_PER_AGENCY = 10


def _ports_free(base: int, agencies: int) -> bool:
    for i in range(agencies):
        for offset in range(3):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", base + PORTS_PER_AGENCY * i + offset))
                except OSError:
                    return False
    return True


class Network:
    def __init__(
        self, agencies: int = 4, *, commit_wait: float = 20.0, timeout_commit: str = "200ms"
    ) -> None:
        assert COMETBFT.exists(), "cometbft is missing: run `make cometbft`"
        # ABCI socket paths have at most 107 bytes: a short folder, not pytest's tmp_path.
        self._dir = tempfile.mkdtemp(prefix="net-")
        self.root = Path(self._dir)
        self.count = agencies
        self.commit_wait = commit_wait
        for _ in range(20):
            self.base = random.randrange(20000, 40000, PORTS_PER_AGENCY)
            if _ports_free(self.base, agencies):
                break
        out = run_cli(
            "network",
            "init",
            "--dir",
            str(self.root),
            "--agencies",
            str(agencies),
            "--chain-id",
            "four-agencies",
            "--base-port",
            str(self.base),
            "--timeout-commit",
            timeout_commit,
        )
        self.info = json.loads(out.stdout)
        self.chain_id = self.info["chain_id"]
        self.data_dirs = [Path(n["data_dir"]) for n in self.info["nodes"]]
        self.nodes: list[NodeProcess | None] = [None] * agencies
        self.admins = [load_private_key(d / "keys" / "admin.key") for d in self.data_dirs]
        self.genesis_file = self.root / "network.json"

    def failpoints(self, i: int) -> Path:
        """The failpoints file of agency i's node (write a failpoint's name to arm it)."""
        return self.root / f"failpoints-{i + 1}"

    def start(self, i: int) -> NodeProcess:
        node = NodeProcess(
            self.data_dirs[i],
            "--consensus",
            "cometbft",
            "--cometbft",
            str(COMETBFT),
            "--commit-wait-seconds",
            str(self.commit_wait),
            env={"TABULARIUM_FAILPOINTS_FILE": str(self.failpoints(i))},
        ).start()
        self.nodes[i] = node
        return node

    def wait_exit(self, i: int, seconds: float = 60) -> int:
        """Wait for agency i's node to end on its own (a failpoint, a halt), and for its
        CometBFT to be gone (it ends itself once the app's connection drops)."""
        node = self.nodes[i]
        assert node is not None and node.proc is not None
        code = node.proc.wait(seconds)
        node.close_channel()
        node._release()
        self.wait("its CometBFT gone", lambda: not self._cometbft_running(i))
        return code

    def kill(self, i: int) -> None:
        """``kill -9`` of agency i's node process; its CometBFT then ends itself."""
        node = self.nodes[i]
        assert node is not None
        node.kill()
        self.wait("its CometBFT gone", lambda: not self._cometbft_running(i))

    def cometbft_pid(self, i: int) -> int | None:
        """The process ID of agency i's CometBFT, if it runs."""
        want = ["start", "--home", str(self.data_dirs[i] / "cometbft")]
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            with contextlib.suppress(OSError):
                args = cmdline.read_bytes().decode(errors="replace").split("\0")
                if args[0].endswith("cometbft") and args[1:4] == want:
                    return int(cmdline.parent.name)
        return None

    def _cometbft_running(self, i: int) -> bool:
        return self.cometbft_pid(i) is not None

    def start_all(self) -> None:
        for i in range(self.count):
            self.start(i)

    def node(self, i: int) -> NodeProcess:
        node = self.nodes[i]
        assert node is not None and node.proc is not None and node.proc.poll() is None, (
            f"agency {i + 1} is not running:\n{self.logs(i)}"
        )
        return node

    def stop(self, i: int) -> int:
        node = self.nodes[i]
        assert node is not None
        return node.terminate(60)

    def rpc(self, i: int, path: str) -> dict[str, Any]:
        url = f"http://127.0.0.1:{self.base + PORTS_PER_AGENCY * i + 1}/{path}"
        with urllib.request.urlopen(url, timeout=10) as r:
            return json.loads(r.read())["result"]  # type: ignore[no-any-return]

    def height(self, i: int) -> int:
        return int(self.rpc(i, "status")["sync_info"]["latest_block_height"])

    def logs(self, i: int) -> str:
        node = self.nodes[i]
        return "" if node is None else "".join(node.log_lines[-60:])

    def wait(self, what: str, check: Callable[[], bool], seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while True:
            with contextlib.suppress(OSError, ValueError, KeyError, grpc.RpcError):
                if check():
                    return
            if time.monotonic() > deadline:
                logs = "\n".join(f"--- agency {i + 1}\n{self.logs(i)}" for i in range(self.count))
                raise AssertionError(f"timed out waiting for {what}\n{logs}")
            time.sleep(0.1)

    def close(self) -> None:
        for node in self.nodes:
            if node is not None and node.proc is not None and node.proc.poll() is None:
                try:
                    node.terminate(60)
                except Exception:
                    node.kill()
        shutil.rmtree(self._dir, ignore_errors=True)
