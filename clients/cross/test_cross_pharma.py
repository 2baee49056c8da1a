"""Pharma scans across languages: on one node with a medicines market (the server-side test world,
tests/integration/pharma_world.py), the holder uploads a batch and ships packs to a pharmacy;
then each client's CLI (`scripts/cli.sh pharma-verify` / `pharma-decommission`) reads a scanner
string, computes the pack key under the product key and submits the scan through
PharmaService.SubmitScans. Every client reports the same state for the same pack, decommissions
its own pack, is refused a second decommission (FAILED_PRECONDITION ALREADY_DECOMMISSIONED with
an alert) and an unknown serial (NOT_FOUND UNKNOWN_SERIAL) alike, and every pack key a client
computes is the Python reference's (tabularium.gs1.pack_key), which is why the node finds the
packs."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from clients.cross.test_cross_language import LANGUAGES, cli  # noqa: E402
from tabularium import gs1  # noqa: E402
from tabularium.pharma.v1 import pharma_pb2 as pb  # noqa: E402
from tests.conftest import Chain, NodeProcess  # noqa: E402
from tests.integration.landregistry_world import Actor  # noqa: E402
from tests.integration.pharma_world import EXPIRY, GTIN, Partner, PharmaWorld  # noqa: E402
from tests.integration.world import key_file  # noqa: E402

GS = "\x1d"
BATCH = "XL1"
FIELDS = ["code", "reason", "message", "entry_index", "status", "owner", "alert_ids", "pack_key"]


def element_string(language: str, serial: str) -> str:
    """The same pack as each language's scanner might deliver it: orders and ]d2 vary."""
    return {
        "python": f"]d201{GTIN}17{EXPIRY}10{BATCH}{GS}21{serial}",
        "go": f"01{GTIN}21{serial}{GS}10{BATCH}{GS}17{EXPIRY}",
        "typescript": f"]d2{GS}17{EXPIRY}01{GTIN}21{serial}{GS}10{BATCH}\r\n",
        "java": f"10{BATCH}{GS}01{GTIN}17{EXPIRY}21{serial}",
    }[language]


class Setting:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.chain = Chain(folder)
        self.node = NodeProcess(self.chain.data_dir).start()
        self.world = PharmaWorld(self.chain, self.node)
        self.pharmacy: Partner = self.world.pharmacy
        keys = self.world.upload(1 + 2 * len(LANGUAGES), batch=BATCH)
        self.serials = self.world.serials[-len(keys) :]
        self.world.transfer(self.world.maker, self.world.wholesaler, keys)
        self.world.transfer(self.world.wholesaler, self.pharmacy, keys)
        self.product_key = folder / "product.key"
        self.product_key.write_bytes(self.world.product_key)
        self.product_key.chmod(0o600)

    def key_file(self, actor: Actor) -> Path:
        return Path(key_file(self.folder, actor))

    def scan(
        self, language: str, command: str, serial: str, *extra: str
    ) -> tuple[int, dict[str, Any]]:
        result = cli(
            language,
            command,
            "--server", self.node.address,
            "--key", str(self.key_file(self.pharmacy.actor)),
            "--chain-id", self.chain.chain_id,
            "--organisation", self.pharmacy.did,
            "--site", self.pharmacy.site,
            "--product-key", str(self.product_key),
            "--scan", element_string(language, serial),
            *extra,
        )  # fmt: skip
        lines = result.stdout.strip().splitlines()
        assert lines, f"{language} {command}: no output; stderr: {result.stderr}"
        line = json.loads(lines[-1])
        assert list(line) == FIELDS, (language, line)
        assert line["pack_key"] == gs1.pack_key(self.world.product_key, GTIN, serial).hex(), (
            language,
            "the client's pack key differs from the Python reference's",
        )
        return result.returncode, line

    def decommission(self, language: str, serial: str, *extra: str) -> tuple[int, dict[str, Any]]:
        return self.scan(language, "pharma-decommission", serial, "--reason", "supplied", *extra)


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setting]:
    made = Setting(tmp_path_factory.mktemp("cross-pharma"))
    yield made
    made.node.terminate()


def _same(lines: dict[str, dict[str, Any]], *fields: str) -> None:
    seen = {lang: json.dumps([line[f] for f in fields]) for lang, line in lines.items()}
    assert len(set(seen.values())) == 1, seen


def test_every_client_verifies_the_same_pack_alike(setting: Setting) -> None:
    serial = setting.serials[0]
    lines = {}
    for language in LANGUAGES:
        out = setting.folder / f"{language}.verify.json"
        code, line = setting.scan(language, "pharma-verify", serial, "--out", str(out))
        assert code == 0, (language, line)
        assert line["code"] == "OK" and line["reason"] == "" and line["alert_ids"] == [], line
        assert isinstance(line["entry_index"], int), line
        receipt = json.loads(out.read_text())
        assert int(receipt.get("entryIndex", 0)) == line["entry_index"], (language, receipt)
        lines[language] = line
    _same(lines, "code", "status", "owner", "pack_key")
    assert lines["python"]["status"] == "PACK_STATUS_ACTIVE"
    assert lines["python"]["owner"] == setting.pharmacy.did
    assert len({line["entry_index"] for line in lines.values()}) == len(LANGUAGES)
    view = setting.world.pack(gs1.pack_key(setting.world.product_key, GTIN, serial)).pack
    assert view.status == pb.PACK_STATUS_ACTIVE and view.owner == setting.pharmacy.did


def test_every_client_decommissions_once_and_is_refused_again(setting: Setting) -> None:
    first, again = {}, {}
    for n, language in enumerate(LANGUAGES):
        serial = setting.serials[1 + n]
        code, line = setting.decommission(language, serial)
        assert code == 0, (language, line)
        first[language] = line
        code, line = setting.decommission(language, serial)
        assert code == 1, (language, line)
        again[language] = line
        view = setting.world.pack(gs1.pack_key(setting.world.product_key, GTIN, serial)).pack
        assert view.status == pb.PACK_STATUS_DECOMMISSIONED, (language, view)
        assert view.reason == pb.DECOMMISSION_REASON_SUPPLIED, (language, view)
        assert view.decommissioned_entry == first[language]["entry_index"], (language, view)
    _same(first, "code", "reason", "status", "owner", "alert_ids")
    assert first["python"]["code"] == "OK"
    assert first["python"]["status"] == "PACK_STATUS_DECOMMISSIONED"
    _same(again, "code", "reason", "status", "owner")
    assert (again["python"]["code"], again["python"]["reason"]) == (
        "FAILED_PRECONDITION",
        "ALREADY_DECOMMISSIONED",
    )
    assert again["python"]["status"] == "PACK_STATUS_DECOMMISSIONED"
    alerts = {a.alert_id: a for a in setting.world.alerts()}
    for language, line in again.items():
        assert line["alert_ids"] == [line["entry_index"]], (language, line)
        alert = alerts[line["entry_index"]]
        assert alert.kind == pb.ALERT_KIND_ALREADY_DECOMMISSIONED, (language, alert)
        assert alert.organisation == setting.pharmacy.did, (language, alert)


def test_every_client_reports_an_unknown_serial_alike(setting: Setting) -> None:
    lines = {}
    for language in LANGUAGES:
        code, line = setting.scan(language, "pharma-verify", f"FAKE{language.upper()[:4]}01")
        assert code == 1, (language, line)
        lines[language] = line
    _same(lines, "code", "reason", "status", "owner")
    python = lines["python"]
    assert (python["code"], python["reason"]) == ("NOT_FOUND", "UNKNOWN_SERIAL")
    assert python["status"] is None and python["owner"] is None
    alerts = {a.alert_id: a for a in setting.world.alerts()}
    for language, line in lines.items():
        assert line["alert_ids"] == [line["entry_index"]], (language, line)
        assert alerts[line["entry_index"]].kind == pb.ALERT_KIND_UNKNOWN_SERIAL, (language, line)


def test_every_client_refuses_an_unreadable_scan_before_the_node(setting: Setting) -> None:
    for language in LANGUAGES:
        result = cli(
            language,
            "pharma-verify",
            "--server", setting.node.address,
            "--key", str(setting.key_file(setting.pharmacy.actor)),
            "--chain-id", setting.chain.chain_id,
            "--organisation", setting.pharmacy.did,
            "--site", setting.pharmacy.site,
            "--product-key", str(setting.product_key),
            "--scan", f"01{GTIN[:-1]}9" + f"17{EXPIRY}10{BATCH}{GS}21S1",
        )  # fmt: skip
        assert result.returncode == 2, (language, result.stdout, result.stderr)
        assert "BAD_GTIN" in result.stderr and "01" in result.stderr, (language, result.stderr)
