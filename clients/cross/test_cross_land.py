"""Land transfers across languages: each client signs the seller's and the buyer's consent to a
transfer, every client reads the new owner of every parcel, and a consent over another deed is
refused with the same reason in every language.

Drives each language's `scripts/cli.sh land-consent|land-rights` against one live node. The land
office, its registrars (two co-sign office actions) and the citizens come from the server-side
test world (tests/integration/landregistry_world.py): it registers the parties and parcels,
proposes each transfer, and approves and finalizes it once the clients have consented.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from clients.cross.test_cross_language import LANGUAGES, cli  # noqa: E402
from tests.conftest import Chain, NodeProcess  # noqa: E402
from tests.integration.landregistry_world import Actor, LandWorld, rect  # noqa: E402
from tests.integration.world import key_file  # noqa: E402


class Setting:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.chain = Chain(folder)
        self.node = NodeProcess(self.chain.data_dir).start()
        self.world = LandWorld(self.chain, self.node)

    def key_file(self, actor: Actor) -> Path:
        return Path(key_file(self.folder, actor))

    def consent(
        self, language: str, actor: Actor, transfer_id: bytes, deed: bytes, out: Path
    ) -> subprocess.CompletedProcess[str]:
        return cli(
            language,
            "land-consent",
            "--server",
            self.node.address,
            "--key",
            str(self.key_file(actor)),
            "--chain-id",
            self.chain.chain_id,
            "--transfer",
            transfer_id.hex(),
            "--deed",
            deed.hex(),
            "--out",
            str(out),
        )

    def rights(
        self, language: str, parcel_id: str, at_height: int | None = None
    ) -> subprocess.CompletedProcess[str]:
        at = [] if at_height is None else ["--at-height", str(at_height)]
        return cli(
            language, "land-rights", "--server", self.node.address, "--parcel", parcel_id, *at
        )

    def sale(self, language: str, tag: str) -> Sale:
        """A parcel of its own registered to a new seller, and a transfer of all of it to a new
        buyer proposed by the seller. Parcels on one level may not overlap: each gets a square."""
        seller = self.world.person(f"{language} {tag} seller")
        buyer = self.world.person(f"{language} {tag} buyer")
        parcel_id = f"NL-CROSS-{tag}-{language}"
        x = 4.9 + 0.01 * len(self.world.people)
        self.world.register_parcel(parcel_id, rect(x, 52.3, x + 0.001, 52.301), {seller.did: "1"})
        held_at = self.world.head()
        transfer_id, deed = self.world.propose(
            parcel_id, {seller.did: "1"}, {buyer.did: "1"}, seller.key
        )
        return Sale(parcel_id, seller, buyer, held_at, transfer_id, deed)


@dataclass(frozen=True)
class Sale:
    parcel_id: str
    seller: Actor
    buyer: Actor
    held_at: int
    """A height at which the seller held the whole parcel."""
    transfer_id: bytes
    deed: bytes


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setting]:
    made = Setting(tmp_path_factory.mktemp("cross-land"))
    yield made
    made.node.terminate()


@pytest.fixture(scope="module")
def sold(setting: Setting) -> dict[str, Sale]:
    """Per language: a parcel sold outright, both consents signed through that language."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    world = setting.world
    out: dict[str, Sale] = {}
    for language in LANGUAGES:
        sale = setting.sale(language, "sold")
        for role, actor in (("seller", sale.seller), ("buyer", sale.buyer)):
            receipt = setting.folder / f"{language}.{role}.consent.json"
            result = setting.consent(language, actor, sale.transfer_id, sale.deed, receipt)
            assert result.returncode == 0, f"{language} {role}: {result.stdout} {result.stderr}"
            assert json.loads(receipt.read_text())["txHash"]
        transfer = world.stub.GetTransfer(
            pb.GetTransferRequest(transfer_id=sale.transfer_id), timeout=10
        ).transfer
        assert sorted(transfer.consents) == sorted([sale.seller.did, sale.buyer.did]), language
        world.approve(sale.transfer_id, sale.deed)
        world.finalize(sale.transfer_id, sale.buyer.key)
        out[language] = sale
    return out


@pytest.mark.parametrize("seller_language", LANGUAGES)
@pytest.mark.parametrize("reader", LANGUAGES)
def test_every_client_reads_the_buyer_as_sole_owner(
    setting: Setting, sold: dict[str, Sale], seller_language: str, reader: str
) -> None:
    sale = sold[seller_language]
    result = setting.rights(reader, sale.parcel_id)
    assert result.returncode == 0, f"{reader} land-rights: {result.stdout} {result.stderr}"
    now = json.loads(result.stdout.strip().splitlines()[-1])
    assert now["owners"] == {sale.buyer.did: "1/1"}
    assert now["height"] > sale.held_at
    # The title as it stood before the sale.
    result = setting.rights(reader, sale.parcel_id, sale.held_at)
    assert result.returncode == 0, f"{reader} land-rights: {result.stdout} {result.stderr}"
    before = json.loads(result.stdout.strip().splitlines()[-1])
    assert before == {"height": sale.held_at, "owners": {sale.seller.did: "1/1"}}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_consent_over_another_deed_is_refused(setting: Setting, language: str) -> None:
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    world = setting.world
    sale = setting.sale(language, "refused")
    out = setting.folder / f"{language}.refused.consent.json"
    other = world.deed("another deed")
    result = setting.consent(language, sale.buyer, sale.transfer_id, other, out)
    assert result.returncode == 1, result.stdout + result.stderr
    printed = json.loads(result.stdout.strip().splitlines()[-1])
    assert printed["reason"] == "DEED_MISMATCH"
    assert printed["error"].startswith("FAILED_PRECONDITION: ")
    assert not out.exists()
    transfer = world.stub.GetTransfer(
        pb.GetTransferRequest(transfer_id=sale.transfer_id), timeout=10
    ).transfer
    assert transfer.status == pb.TRANSFER_STATUS_PENDING and list(transfer.consents) == []
    assert world.owners(sale.parcel_id) == {sale.seller.did: 1}
