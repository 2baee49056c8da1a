"""One real CometBFT v0.38.25 validator driving our ABCI server on a real store: blocks are
made, a transaction broadcast through CometBFT's RPC is logged, every header carries our app
hash, and ``tabularium verify`` replays the store. (Four agencies come next.)"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import random
import signal
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tabularium.api.registry import build_actions
from tabularium.chain.apphash import app_hash
from tabularium.chain.ledger import decode_header
from tabularium.chain.verify import verify_store
from tabularium.consensus.app import LedgerAbciApp
from tabularium.consensus.lightproof import signed_header_from_rpc, verify_commit
from tabularium.consensus.network import abci_socket, cometbft_home
from tabularium.consensus.v1 import types_pb2
from tabularium.documents.v1 import documents_pb2
from tabularium.errors import InvalidProof
from tabularium.txbuild import build_signed
from tests.conftest import run_cli
from tests.consensus.harness import ROOT, Running
from tests.helpers import MachineNode

COMETBFT = ROOT / ".tools" / "cometbft-v0.38.25" / "cometbft"
CHAIN = "agencies-e2e"


def _wait(what: str, check: Callable[[], bool], log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(
                f"timed out waiting for {what}; CometBFT log:\n{log.read_text()[-4000:]}"
            )
        time.sleep(0.1)


class Network:
    """One agency made by ``tabularium network init --agencies 1``; its store driven in this
    process by our ABCI server, on the socket its config.toml names; CometBFT as a child."""

    def __init__(self) -> None:
        assert COMETBFT.exists(), "cometbft is missing: run `make cometbft`"
        self._home = tempfile.TemporaryDirectory(prefix="cmt-")  # short: 107-byte socket paths
        root = Path(self._home.name)
        base = random.randrange(20000, 40000, 10)
        run_cli(
            "network", "init", "--dir", str(root), "--agencies", "1", "--chain-id", CHAIN,
            "--base-port", str(base), "--timeout-commit", "200ms",
        )  # fmt: skip
        data_dir = root / "agency-1"
        self.node = MachineNode.open(data_dir)
        self.app = LedgerAbciApp(self.node.machine, build_actions(), max_tx_bytes=1 << 16)
        self.running = Running(self.app, abci_socket(data_dir))
        self.home = cometbft_home(data_dir)
        validator = json.loads((self.home / "config" / "priv_validator_key.json").read_text())
        self.validator_key = base64.b64decode(validator["pub_key"]["value"])
        self.rpc_port = base + 1
        self.log = self.home / "cometbft.log"
        self._log_file = self.log.open("w")
        self.proc = subprocess.Popen(
            [str(COMETBFT), "start", "--home", str(self.home)],
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
        )

    def rpc(self, path: str) -> dict[str, Any]:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.rpc_port}/{path}", timeout=10) as r:
            return json.loads(r.read())["result"]  # type: ignore[no-any-return]

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self._log_file.close()
        self.running.close()
        self.app.close()
        self.node.store.close()
        self._home.cleanup()


@pytest.fixture
def network() -> Iterator[Network]:
    n = Network()
    yield n
    n.close()


def test_a_validator_logs_a_broadcast_transaction_and_headers_carry_our_app_hash(
    network: Network,
) -> None:
    machine = network.node.machine
    _wait("three blocks", lambda: machine.head.height >= 3, network.log)
    assert network.running.fatal == []

    raw = build_signed(
        CHAIN,
        documents_pb2.RegisterDocument(sha256=os.urandom(32), title="via cometbft"),
        [network.node.admin],
        now_us=time.time_ns() // 1000,
    )
    sent = network.rpc(f"broadcast_tx_sync?tx=0x{raw.hex()}")
    assert sent["code"] == 0, sent
    garbage = network.rpc("broadcast_tx_sync?tx=0xffff")
    assert (garbage["code"], garbage["log"], garbage["codespace"]) == (
        3,
        "TX_MALFORMED",
        "tabularium",
    )

    tx_hash = hashlib.sha256(raw).digest()

    def logged() -> bool:
        with network.node.store.read() as txn:
            return txn.tx_location(tx_hash) is not None

    _wait("the broadcast transaction in the log", logged, network.log)
    with network.node.store.read() as txn:
        location = txn.tx_location(tx_hash)
    assert location is not None
    height = location[1]
    _wait("the next header", lambda: machine.head.height >= height + 1, network.log)

    # Header H+1 carries the app hash after block H, as our machine computes it.
    with network.node.store.read() as txn:
        raw_header = txn.block_header(height)
    assert raw_header is not None
    header = decode_header(raw_header)
    want = app_hash(height, header.log_root, header.state_digest)
    theirs = network.rpc(f"block?height={height + 1}")["block"]["header"]["app_hash"]
    assert bytes.fromhex(theirs) == want
    assert network.rpc("status")["node_info"]["network"] == CHAIN

    # The consensus proof, checked offline: header H+1 hashes to the block its commit signs,
    # the validator's precommit signature verifies, and it holds all (> 2/3) of the power.
    signed = signed_header_from_rpc(network.rpc(f"commit?height={height + 1}")["signed_header"])
    assert signed.header.app_hash == want
    validators = {network.validator_key: 10}
    assert verify_commit(signed, validators) == 10
    forged = types_pb2.SignedHeader()
    forged.CopyFrom(signed)
    forged.header.app_hash = bytes(32)
    with pytest.raises(InvalidProof, match="does not hash"):
        verify_commit(forged, validators)
    forged.CopyFrom(signed)
    forged.commit.signatures[0].signature = (
        bytes([signed.commit.signatures[0].signature[0] ^ 1])
        + signed.commit.signatures[0].signature[1:]
    )
    with pytest.raises(InvalidProof, match="does not verify"):
        verify_commit(forged, validators)
    outvoted = {**validators, **{os.urandom(32): 10 for _ in range(3)}}  # 1 of 4 signed
    with pytest.raises(InvalidProof, match="not over 2/3"):
        verify_commit(signed, outvoted)

    network.proc.send_signal(signal.SIGTERM)
    network.proc.wait(30)
    report = verify_store(network.node.store, build_actions())
    assert report.height == machine.head.height and report.tree_size >= 1
    assert network.running.fatal == []
