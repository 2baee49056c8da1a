"""The command line: notarize files, verify the printed receipt offline, status, help."""

from __future__ import annotations

import json
import os
import socket
import urllib.request
from pathlib import Path

from tabularium.ledger.v1 import ledger_pb2
from tests.conftest import Chain, NodeProcess, run_cli


def test_notarize_then_verify_receipt_offline(
    chain: Chain, node: NodeProcess, tmp_path: Path
) -> None:
    files = []
    for i in range(3):
        f = tmp_path / f"permit-{i}.pdf"
        f.write_bytes(f"permit {i}".encode() * 1000)
        files.append(str(f))
    key = str(chain.data_dir / "keys" / "admin.key")
    out = run_cli(
        "tx",
        "notarize",
        *files,
        "--server",
        node.address,
        "--key",
        key,
        "--out-dir",
        str(tmp_path / "receipts"),
    )
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert [line["file"] for line in lines] == files
    info = node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest())
    node.terminate()  # offline from here on
    receipt_file = tmp_path / "receipts" / "permit-1.pdf.receipt.json"
    result = run_cli(
        "receipt",
        "verify",
        str(receipt_file),
        "--log-key",
        info.verifier_key,
        "--origin",
        info.origin,
    )
    assert json.loads(result.stdout)["valid"] is True
    # The notarize output line itself is also accepted.
    line_file = tmp_path / "line.json"
    line_file.write_text(json.dumps(lines[2]))
    assert (
        run_cli("receipt", "verify", str(line_file), "--log-key", info.verifier_key).returncode == 0
    )
    # A receipt whose proof is tampered with fails, saying why.
    doc = json.loads(receipt_file.read_text())
    doc["entryIndex"] = "2"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    failed = run_cli("receipt", "verify", str(bad), "--log-key", info.verifier_key, check=False)
    assert failed.returncode == 1
    assert json.loads(failed.stdout)["valid"] is False
    # A receipt checked against another log's key fails.
    other = run_cli(
        "receipt",
        "verify",
        str(receipt_file),
        "--log-key",
        "other+00000000+AQ" + "A" * 42 + "=",
        check=False,
    )
    assert other.returncode != 0


def test_status_and_help(node: NodeProcess) -> None:
    status = json.loads(run_cli("status", "--server", node.address).stdout)
    assert status["chainId"] == "test-chain"
    for command in (
        [],
        ["serve"],
        ["init"],
        ["verify"],
        ["tx", "notarize"],
        ["receipt", "verify"],
        ["keys", "generate"],
    ):
        result = run_cli(*command, "--help")
        assert "Usage:" in result.stdout


def test_init_refuses_to_overwrite_a_chain(chain: Chain) -> None:
    result = run_cli("init", "--data-dir", str(chain.data_dir), check=False)
    assert result.returncode != 0
    assert "already holds a chain" in result.stderr


def test_environment_configures_serve_and_metrics_are_served(chain: Chain) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    node = NodeProcess(chain.data_dir)
    os.environ["TABULARIUM_SERVE_METRICS_LISTEN"] = f"127.0.0.1:{port}"
    try:
        node.start()
    finally:
        del os.environ["TABULARIUM_SERVE_METRICS_LISTEN"]
    try:
        node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest())
        good = [chain.notarize(os.urandom(32)) for _ in range(2)]
        node.ledger.SubmitTransactions(
            ledger_pb2.SubmitTransactionsRequest(transactions=[*good, good[0], b"\xff"]),
            timeout=30,
        )
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
            text = response.read().decode()
        assert "tabularium_rpcs_total" in text
        assert 'method="/tabularium.ledger.v1.LedgerService/GetLogInfo"' in text
        outcomes = {
            line.split("{", 1)[1].rsplit(" ", 1)[0]: float(line.rsplit(" ", 1)[1])
            for line in text.splitlines()
            if line.startswith("tabularium_transactions_total{")
        }
        assert outcomes == {
            'outcome="accepted",reason=""}': 2.0,
            'outcome="duplicate",reason=""}': 1.0,
            'outcome="rejected",reason="TX_MALFORMED"}': 1.0,
        }
    finally:
        node.terminate()
