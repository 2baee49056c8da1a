"""Tax payments across languages: each client's bank records a payment on one account through
its own CLI (`scripts/cli.sh tax-pay`), a retry with the same idempotency key gets the same entry
in every language, the same key with another amount is refused with IDEMPOTENCY_KEY_REUSED alike,
and the account on the node shows every payment once.

The tax office, its officers and the banks come from the server-side test world
(tests/integration/tax_world.py)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from clients.cross.test_cross_language import LANGUAGES, cli  # noqa: E402
from tests.conftest import Chain, NodeProcess  # noqa: E402
from tests.integration.landregistry_world import Actor  # noqa: E402
from tests.integration.tax_world import TaxWorld, day, eur  # noqa: E402
from tests.integration.world import key_file  # noqa: E402


class Setting:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.chain = Chain(folder)
        self.node = NodeProcess(self.chain.data_dir).start()
        self.world = TaxWorld(self.chain, self.node)
        self.account = self.world.taxpayer("CROSSLANG00001", "Cross Language", "Via Babele 1")
        self.liability = self.world.assess(self.account, 1_000_000)
        self.reference = self.world.liability(self.account, self.liability).reference
        self.banks = {lang: self.world.company(f"bank {lang}", role="bank") for lang in LANGUAGES}

    def key_file(self, actor: Actor) -> Path:
        return Path(key_file(self.folder, actor))

    def pay(self, language: str, key: str, amount: int, out: Path) -> object:
        return cli(
            language,
            "tax-pay",
            "--server", self.node.address,
            "--key", str(self.key_file(self.banks[language])),
            "--chain-id", self.chain.chain_id,
            "--office", self.world.office.did,
            "--idempotency-key", key,
            "--amount", str(amount),
            "--currency", "EUR",
            "--value-date", day(0),
            "--reference", self.reference,
            "--account", self.account.hex(),
            "--end-to-end-id", key,
            "--out", str(out),
        )  # fmt: skip


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setting]:
    made = Setting(tmp_path_factory.mktemp("cross-tax"))
    yield made
    made.node.terminate()


def test_each_client_pays_once_and_retries_safely(setting: Setting) -> None:
    amounts = {lang: 1_000 * (n + 1) for n, lang in enumerate(LANGUAGES)}
    entries = {}
    for language in LANGUAGES:
        first = setting.folder / f"{language}.pay.json"
        result = setting.pay(language, f"E2E-{language}", amounts[language], first)
        assert result.returncode == 0, f"{language}: {result.stdout} {result.stderr}"  # type: ignore[attr-defined]
        receipt = json.loads(first.read_text())
        retry = setting.folder / f"{language}.retry.json"
        result = setting.pay(language, f"E2E-{language}", amounts[language], retry)
        assert result.returncode == 0, f"{language}: {result.stdout} {result.stderr}"  # type: ignore[attr-defined]
        again = json.loads(retry.read_text())
        assert again["entryIndex"] == receipt["entryIndex"], language
        assert again["txHash"] == receipt["txHash"], language
        entries[language] = receipt["entryIndex"]
        reused = setting.pay(
            language, f"E2E-{language}", amounts[language] + 1, setting.folder / "x.json"
        )
        assert reused.returncode == 1, language  # type: ignore[attr-defined]
        error = json.loads(reused.stdout.strip().splitlines()[-1])  # type: ignore[attr-defined]
        assert error["reason"] == "IDEMPOTENCY_KEY_REUSED", (language, error)
    assert len(set(entries.values())) == len(LANGUAGES)
    view = setting.world.account(setting.account).account
    assert view.paid == eur(sum(amounts.values()))
    assert view.open == eur(1_000_000 - sum(amounts.values()))
