"""The cross-language CLI contract (scripts/cli.sh), against a live node and the server's CLI."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path

from conftest import Chain, Node, server_cli

CLI = Path(__file__).resolve().parents[1] / "scripts" / "cli.sh"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=120)


def notarize(node: Node, chain: Chain, out: Path) -> subprocess.CompletedProcess[str]:
    return cli(
        "notarize",
        "--server", node.address,
        "--key", str(chain.admin_key_path),
        "--chain-id", chain.chain_id,
        "--sha256", hashlib.sha256(os.urandom(16)).hexdigest(),
        "--out", str(out),
    )  # fmt: skip


def test_notarize_then_verify_receipt(node: Node, chain: Chain, tmp_path: Path) -> None:
    out = tmp_path / "receipt.json"
    done = notarize(node, chain, out)
    assert done.returncode == 0, done.stderr
    receipt = json.loads(out.read_text())
    assert {"transaction", "txHash", "checkpoint"} <= receipt.keys()  # defaults are omitted
    key = chain.log_key.encode()
    ok = cli("verify-receipt", "--log-key", key, "--receipt", str(out), "--origin", chain.origin)
    assert ok.returncode == 0, ok.stderr
    key_file = tmp_path / "log.vkey"
    key_file.write_text(key + "\n")
    assert cli("verify-receipt", "--log-key", str(key_file), "--receipt", str(out)).returncode == 0
    # The server's own verifier accepts the client's receipt file.
    server_cli("receipt", "verify", str(out), "--log-key", key)


def test_verify_receipt_rejects_a_tampered_receipt(
    node: Node, chain: Chain, tmp_path: Path
) -> None:
    out = tmp_path / "receipt.json"
    assert notarize(node, chain, out).returncode == 0
    receipt = json.loads(out.read_text())
    receipt["entryIndex"] = str(int(receipt.get("entryIndex", "0")) + 1)
    out.write_text(json.dumps(receipt))
    bad = cli("verify-receipt", "--log-key", chain.log_key.encode(), "--receipt", str(out))
    assert bad.returncode == 1
    assert "INCLUSION_PROOF_INVALID" in bad.stderr


def test_verify_receipt_rejects_a_wrong_origin_and_a_wrong_key(
    node: Node, chain: Chain, tmp_path: Path
) -> None:
    out = tmp_path / "receipt.json"
    assert notarize(node, chain, out).returncode == 0
    key = chain.log_key.encode()
    wrong = cli("verify-receipt", "--log-key", key, "--receipt", str(out), "--origin", "x/y")
    assert wrong.returncode == 1 and "CHECKPOINT_WRONG_ORIGIN" in wrong.stderr
    other = key[: key.rindex("+") + 2] + ("B" if key[key.rindex("+") + 2] != "B" else "C")
    other += key[len(other) :]
    bad_key = cli("verify-receipt", "--log-key", other, "--receipt", str(out))
    assert bad_key.returncode == 1 and bad_key.stderr.startswith("invalid:")


def test_receipts_of_the_server_cli_verify_with_the_client_cli(
    node: Node, chain: Chain, tmp_path: Path
) -> None:
    document = tmp_path / "contract.txt"
    document.write_bytes(os.urandom(64))
    server_cli(
        "tx", "notarize", str(document), "--server", node.address,
        "--key", str(chain.admin_key_path), "--out-dir", str(tmp_path),
    )  # fmt: skip
    receipt = tmp_path / "contract.txt.receipt.json"
    ok = cli("verify-receipt", "--log-key", chain.log_key.encode(), "--receipt", str(receipt))
    assert ok.returncode == 0, ok.stderr


def test_notarize_failure_exits_1_with_the_reason(node: Node, chain: Chain, tmp_path: Path) -> None:
    done = cli(
        "notarize", "--server", node.address, "--key", str(chain.admin_key_path),
        "--chain-id", "not-this-chain", "--sha256", "00" * 32, "--out", str(tmp_path / "r.json"),
    )  # fmt: skip
    assert done.returncode == 1
    assert "WRONG_CHAIN_ID" in done.stderr
    assert not (tmp_path / "r.json").exists()


def test_land_refusals_print_one_json_line_and_exit_1(
    node: Node, chain: Chain, tmp_path: Path
) -> None:
    out = tmp_path / "consent.json"
    consent = cli(
        "land-consent", "--server", node.address, "--key", str(chain.admin_key_path),
        "--chain-id", chain.chain_id, "--transfer", "00" * 16, "--deed", "11" * 32,
        "--out", str(out),
    )  # fmt: skip
    rights = cli("land-rights", "--server", node.address, "--parcel", "NL-NOWHERE-1")
    for done, reason in ((consent, "TRANSFER_NOT_FOUND"), (rights, "PARCEL_NOT_FOUND")):
        assert done.returncode == 1, done.stderr
        line = json.loads(done.stdout)
        assert line.keys() == {"error", "reason"}
        assert line["reason"] == reason and line["error"].startswith("NOT_FOUND: ")
    assert not out.exists()
    usage = cli("land-consent", "--server", node.address, "--key", "k", "--chain-id", "c",
                "--transfer", "00", "--deed", "11" * 32, "--out", str(out))  # fmt: skip
    assert usage.returncode == 2
