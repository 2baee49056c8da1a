"""`tabularium procurement` and `tabularium committee` against a real node: a tender published
from a terms file, the five members' ceremony run each with its own state file, a bid sealed
on the bidder's machine, a refusal reported as JSON with exit 1, and the OCDS package."""

from __future__ import annotations

import hashlib
import json
import stat
from pathlib import Path

from google.protobuf.json_format import MessageToJson

from tabularium.procurement.v1 import procurement_pb2 as pb
from tests.conftest import Chain, NodeProcess, run_cli
from tests.integration.procurement_world import ProcurementWorld
from tests.integration.world import key_file

OCID = "ocds-213czf-cli-1"


def cli(node: NodeProcess, *args: str, check: bool = True) -> dict[str, object]:
    result = run_cli(*args, "--server", node.address, check=False)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    else:
        assert result.returncode == 1, result.stdout + result.stderr
    parsed: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return parsed


def test_tender_ceremony_and_bid_from_the_shell(
    chain: Chain, node: NodeProcess, tmp_path: Path
) -> None:
    world = ProcurementWorld(chain, node)
    terms = tmp_path / "terms.json"
    terms.write_text(MessageToJson(world.terms()))
    officer = key_file(tmp_path, world.officer)
    cli(node, "procurement", "publish", "--key", officer, "--buyer", world.buyer.did,
        "--ocid", OCID, "--title", "Scuola", "--terms", str(terms))  # fmt: skip
    states = {}
    for actor in world.member_actors:
        states[actor.did] = tmp_path / f"{actor.name}.state.json"
        cli(node, "committee", "keygen", "--key", key_file(tmp_path, actor), "--ocid", OCID,
            "--member", actor.did, "--state", str(states[actor.did]))  # fmt: skip
        assert stat.S_IMODE(states[actor.did].stat().st_mode) == 0o600
    for actor in world.member_actors:
        cli(node, "committee", "shares", "--key", key_file(tmp_path, actor),
            "--state", str(states[actor.did]))  # fmt: skip
    for actor in world.member_actors:
        cli(node, "committee", "decrypt", "--key", key_file(tmp_path, actor),
            "--state", str(states[actor.did]))  # fmt: skip
        assert "secret_share" in json.loads(states[actor.did].read_text())
    assert world.tender(OCID).ceremony_status == pb.CEREMONY_STATUS_READY
    # The server never saw a member's secret.
    secrets = [json.loads(p.read_text())["secret_share"] for p in states.values()]
    files = world.store_bytes()
    assert not any(bytes.fromhex(s) in files or s.encode() in files for s in secrets)

    alfa = world.bidders[0]
    receipt = cli(node, "procurement", "bid", "--key", key_file(tmp_path, alfa), "--ocid", OCID,
                  "--lot", "1", "--bidder", alfa.did, "--figure", "price=99000000")  # fmt: skip
    bids = world.bids(OCID)
    assert [(b.bidder, b.entry_index) for b in bids] == [(alfa.did, receipt["entry_index"])]
    # With documents: sealed here, uploaded with the bid, which replaces the first.
    beta = world.bidders[1]
    offer = tmp_path / "offerta.pdf"
    offer.write_bytes(b"%PDF-1.7 offerta tecnica " * 5000)
    sealed_copy = tmp_path / "offerta.sealed"
    with_docs = cli(node, "procurement", "bid", "--key", key_file(tmp_path, beta), "--ocid", OCID,
                    "--lot", "1", "--bidder", beta.did, "--figure", "price=98000000",
                    "--documents", str(offer), "--out", str(sealed_copy))  # fmt: skip
    beta_bid = next(b for b in world.bids(OCID) if b.bidder == beta.did)
    assert beta_bid.entry_index == with_docs["entry_index"]
    assert beta_bid.sealed.documents_sha256.hex() == with_docs["documents_sha256"]
    assert hashlib.sha256(sealed_copy.read_bytes()).hexdigest() == with_docs["documents_sha256"]
    assert b"offerta tecnica" not in world.store_bytes()
    # A member cannot read them before the opening: the refusal is logged, exit 1.
    member = world.member_actors[2]
    early = cli(node, "committee", "documents", "--key", key_file(tmp_path, member), "--ocid", OCID,
                "--lot", "1", "--bidder", beta.did, "-o", str(tmp_path / "out.pdf"),
                check=False)  # fmt: skip
    assert early["reason"] == "NOT_OPENED"
    assert not (tmp_path / "out.pdf").exists()
    refused = cli(node, "procurement", "open", "--key", key_file(tmp_path, world.member_actors[0]),
                  "--state", str(states[world.member_actors[0].did]), check=False)  # fmt: skip
    assert refused["reason"] == "SEALED"
    shown = cli(node, "procurement", "show", "--ocid", OCID)
    assert shown["ocid"] == OCID
    package = cli(node, "procurement", "ocds", "--ocid", OCID)
    releases = package["releases"]
    assert isinstance(releases, list)
    assert releases[0]["tag"] == ["tender"]
    # publish, three ceremony rounds, the two bids
    assert len(releases) == 1 + 5 * 3 + 2
