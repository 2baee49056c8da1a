"""Pack keys and scanner strings agree with the server's reference on every case of
tests/vectors/pharma/scans.json; the pharma CLI commands refuse what they cannot read (exit 2)
and print a scan's result as one JSON line."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, Chain, Node

from tabularium_client import pharma

VECTORS = json.loads((REPO / "tests" / "vectors" / "pharma" / "scans.json").read_text())
CLI = Path(__file__).resolve().parents[1] / "scripts" / "cli.sh"
GTIN = "09506000134352"


@pytest.mark.parametrize("case", VECTORS["cases"], ids=lambda c: c["desc"])
def test_scan_vectors(case: dict[str, Any]) -> None:
    product_key = bytes.fromhex(VECTORS["product_key"])
    year = VECTORS["reference_year"]
    if case["want_err"] is not None:
        with pytest.raises(pharma.ScanError) as refused:
            pharma.parse_scan(case["scan"], reference_year=year)
        assert (refused.value.reason, refused.value.ai) == (
            case["want_err"]["reason"],
            case["want_err"]["ai"],
        )
        return
    scan = pharma.parse_scan(case["scan"], reference_year=year)
    want = case["want"]
    assert (scan.gtin, scan.serial, scan.batch, scan.expiry) == (
        want["gtin"],
        want["serial"],
        want["batch"],
        want["expiry"],
    )
    assert pharma.pack_key(product_key, scan.gtin, scan.serial).hex() == want["pack_key"]
    packed = scan.scanned_pack(product_key)
    assert (packed.pack_key.hex(), packed.gtin, packed.batch, packed.expiry) == (
        want["pack_key"],
        want["gtin"],
        want["batch"],
        want["expiry"],
    )


def test_pack_key_refuses_a_bad_product_key_gtin_or_serial() -> None:
    with pytest.raises(ValueError, match="32"):
        pharma.pack_key(bytes(31), GTIN, "S1")
    with pytest.raises(pharma.ScanError) as bad_gtin:
        pharma.pack_key(bytes(32), "09506000134353", "S1")
    assert bad_gtin.value.ai == "01"
    with pytest.raises(pharma.ScanError) as bad_serial:
        pharma.pack_key(bytes(32), GTIN, "")
    assert bad_serial.value.ai == "21"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(CLI), *args], capture_output=True, text=True, timeout=120)


def scan_args(node: Node, chain: Chain, product_key: Path, scan: str) -> list[str]:
    return [
        "--server", node.address,
        "--key", str(chain.admin_key_path),
        "--chain-id", chain.chain_id,
        "--organisation", "did:web:pharmacy.example",
        "--site", "0000000000031",
        "--product-key", str(product_key),
        "--scan", scan,
    ]  # fmt: skip


def test_cli_refuses_an_unreadable_scan_or_product_key(
    node: Node, chain: Chain, tmp_path: Path
) -> None:
    key = tmp_path / "product.key"
    key.write_bytes(bytes(32))
    bad = cli("pharma-verify", *scan_args(node, chain, key, f"01{GTIN}17291231"))
    assert bad.returncode == 2 and "MISSING_AI (AI 21)" in bad.stderr, bad.stderr
    key.write_bytes(bytes(16))
    scan = f"]d201{GTIN}1729123110B1\x1d21S1"
    short = cli("pharma-decommission", *scan_args(node, chain, key, scan), "--reason", "supplied")
    assert short.returncode == 2 and "32" in short.stderr, short.stderr
    key.write_bytes(bytes(32))
    reasonless = cli("pharma-decommission", *scan_args(node, chain, key, scan))
    assert reasonless.returncode == 2, reasonless.stderr


def test_cli_prints_a_refused_scan_as_one_json_line(
    node: Node, chain: Chain, tmp_path: Path
) -> None:
    key = tmp_path / "product.key"
    key.write_bytes(bytes(range(32)))
    out = tmp_path / "receipt.json"
    done = cli(
        "pharma-verify", *scan_args(node, chain, key, f"01{GTIN}1729123110B1\x1d21S1"),
        "--out", str(out),
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert list(result) == [
        "code", "reason", "message", "entry_index", "status", "owner", "alert_ids", "pack_key"
    ]  # fmt: skip
    assert result["code"] != "OK" and result["reason"], result
    assert result["pack_key"] == pharma.pack_key(bytes(range(32)), GTIN, "S1").hex()
    assert not out.exists(), "a refused scan writes no receipt"
