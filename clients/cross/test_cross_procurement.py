"""Procurement across languages: a tender is published, its bids sealed to a 3-of-5 committee,
opened, scored and awarded on one node; every client then checks offline, with its own
`verify-receipt`, the receipt of the entry that froze the terms the award was made under (the
criteria hash every bidder and auditor pins), and rejects it with one bit changed.

The authority, committee and bidders come from the server-side test world
(tests/integration/procurement_world.py)."""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToJson

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from clients.cross.test_cross_language import LANGUAGES, cli  # noqa: E402
from tabularium.api.convert.procurement import _terms  # noqa: E402
from tabularium.domains.procurement.model import criteria_hash  # noqa: E402
from tabularium.ledger.v1 import ledger_pb2  # noqa: E402
from tests.conftest import Chain  # noqa: E402
from tests.integration.pharma_world import clocked_node  # noqa: E402
from tests.integration.procurement_world import ProcurementWorld  # noqa: E402
from tests.integration.test_procurement_award import OCID, Evaluated  # noqa: E402


class Setting:
    def __init__(self, folder: Path, world: ProcurementWorld) -> None:
        self.folder = folder
        ev = Evaluated(world)
        ev.close()
        world.submit(ev.award_action("Alfa"), world.officer.key)
        got = ev.evaluation()
        self.award = got.evaluation.awards[0]
        self.tender = world.tender(OCID)
        self.receipt = folder / "terms-receipt.json"
        self.receipt.write_text(MessageToJson(got.terms_receipt))
        info = world.node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10)
        self.log_key = folder / "log.vkey"
        self.log_key.write_text(info.verifier_key)


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setting]:
    folder = tmp_path_factory.mktemp("cross-procurement")
    chain = Chain(folder)
    with clocked_node(chain, folder) as (node, clock):
        yield Setting(folder, ProcurementWorld(chain, node, clock))


def test_award_names_the_frozen_criteria(setting: Setting) -> None:
    assert setting.award.criteria_hash == setting.tender.criteria_hash
    assert criteria_hash(_terms(setting.tender.terms)) == setting.award.criteria_hash


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_client_verifies_the_terms_receipt(
    language: str, setting: Setting, tmp_path: Path
) -> None:
    result = cli(
        language,
        "verify-receipt",
        "--log-key", str(setting.log_key),
        "--receipt", str(setting.receipt),
    )  # fmt: skip
    assert result.returncode == 0, f"{language}: {result.stdout} {result.stderr}"
    document = json.loads(setting.receipt.read_text())
    # The publication's transaction with one bit changed no longer hashes to its leaf.
    raw = bytearray(base64.b64decode(document["transaction"]))
    raw[-1] ^= 1
    document["transaction"] = base64.b64encode(bytes(raw)).decode()
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(document))
    result = cli(
        language, "verify-receipt", "--log-key", str(setting.log_key), "--receipt", str(bad)
    )
    assert result.returncode == 1, f"{language} accepted a tampered terms receipt"
