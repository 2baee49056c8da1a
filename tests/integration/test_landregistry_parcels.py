"""Parcels through the real server: overlap and shared edges (checked against shapely), levels,
subdivision and merger with rights carried over, bad geometry, the box query, extracts verified
offline, the CLI, and no party name anywhere on the log."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import grpc
import pytest
import shapely
from google.protobuf import json_format

from tabularium import land_extract
from tabularium.chain.checkpoint import NoteVerifier
from tabularium.landregistry.v1 import landregistry_pb2 as pb
from tabularium.ledger.v1 import ledger_pb2
from tests.conftest import Chain, NodeProcess, run_cli
from tests.helpers import error_info, expect_error
from tests.integration.landregistry_world import FAILED, LandWorld, rect

INVALID = grpc.StatusCode.INVALID_ARGUMENT


@pytest.fixture
def world(chain: Chain, node: NodeProcess) -> LandWorld:
    return LandWorld(chain, node)


def _shape(geojson: str) -> shapely.Geometry:
    return shapely.from_geojson(geojson)


def test_overlap_shared_edge_and_levels_agree_with_shapely(world: LandWorld) -> None:
    owner = world.person("Anna").did
    first = rect(4.9, 52.3, 4.901, 52.301)
    world.register_parcel("P-1", first, {owner: "1"})
    cases = [
        ("P-edge", rect(4.901, 52.3, 4.902, 52.301)),  # shares the east edge
        ("P-corner", rect(4.901, 52.301, 4.902, 52.302)),  # shares one corner
        ("P-over", rect(4.9005, 52.3005, 4.9015, 52.3015)),  # overlaps a quarter
        ("P-inside", rect(4.9002, 52.3002, 4.9004, 52.3004)),  # inside
    ]
    registered = {"P-1": first}
    for parcel_id, geometry in cases:
        expected = any(
            _shape(geometry).relate_pattern(_shape(other), "T********")
            for other in registered.values()
        )
        if expected:
            exc = expect_error(
                lambda g=geometry, p=parcel_id: world.register_parcel(p, g, {owner: "1"}),
                FAILED,
                "PARCEL_OVERLAP",
            )
            assert error_info(exc).metadata["parcel"] in registered
        else:
            world.register_parcel(parcel_id, geometry, {owner: "1"})
            registered[parcel_id] = geometry
    assert sorted(registered) == ["P-1", "P-corner", "P-edge"]
    # An apartment on level 1 above parcel P-1 is no overlap.
    world.register_parcel("P-1-apt", rect(4.9002, 52.3002, 4.9004, 52.3004), {owner: "1"}, level=1)
    box = world.stub.ListParcelsInBox(
        pb.ListParcelsInBoxRequest(
            min_lon_e7=49_000_000,
            min_lat_e7=523_000_000,
            max_lon_e7=49_010_000,
            max_lat_e7=523_010_000,
        ),
        timeout=10,
    )
    assert [p.parcel_id for p in box.parcels] == ["P-1", "P-corner", "P-edge"]
    got = world.stub.GetParcel(pb.GetParcelRequest(parcel_id="P-1"), timeout=10).parcel
    assert _shape(got.geometry).equals(_shape(first))
    assert int(got.doubled_area) == 2 * 10_000 * 10_000
    expect_error(
        lambda: world.stub.ListParcelsInBox(
            pb.ListParcelsInBoxRequest(max_lon_e7=100_000_000, max_lat_e7=100_000_000), timeout=10
        ),
        INVALID,
        "BOX_TOO_LARGE",
    )


@pytest.mark.parametrize(
    ("geometry", "reason"),
    [
        ('{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}', "INVALID_GEOMETRY"),
        ('{"type":"Polygon","coordinates":[[[0,0],[2,2],[2,0],[0,1],[0,0]]]}', "INVALID_GEOMETRY"),
        ('{"type":"Point","coordinates":[0,0]}', "INVALID_GEOMETRY"),
        ("not json", "INVALID_GEOMETRY"),
        ('{"type":"Polygon","coordinates":[[[0,0],[0,0],[1,1],[0,1],[0,0]]]}', "INVALID_GEOMETRY"),
    ],
)
def test_bad_geometry_is_invalid_argument(world: LandWorld, geometry: str, reason: str) -> None:
    owner = world.person("Anna").did
    expect_error(lambda: world.register_parcel("P-bad", geometry, {owner: "1"}), INVALID, reason)
    expect_error(
        lambda: world.stub.GetParcel(pb.GetParcelRequest(parcel_id="P-bad"), timeout=10),
        grpc.StatusCode.NOT_FOUND,
        "PARCEL_NOT_FOUND",
    )


def test_bad_shares(world: LandWorld) -> None:
    a, b = world.person("Anna").did, world.person("Bram").did
    geometry = rect(4.9, 52.3, 4.901, 52.301)
    unreduced = world.parcel_action("P", geometry, {a: "1/2", b: "1/2"})
    unreduced.rights[0].share.numerator, unreduced.rights[0].share.denominator = 2, 4
    exc = expect_error(lambda: world.office_submit(unreduced), INVALID, "BAD_SHARE")
    assert "lowest terms" in exc.details()  # type: ignore[attr-defined]
    action = world.parcel_action("P", geometry, {a: "1/2", b: "1/3"})
    world.refused(action, list(world.registrars()), FAILED, "SHARE_SUM_MISMATCH")
    bad = world.parcel_action("P", geometry, {a: "1/2", b: "1/2"})
    bad.rights[0].share.numerator = 0
    expect_error(lambda: world.office_submit(bad), INVALID, "BAD_SHARE")


def test_subdivision_and_merger_carry_rights(world: LandWorld) -> None:
    a, b = world.person("Anna").did, world.person("Bram").did
    parent = rect(4.9, 52.3, 4.902, 52.301)
    world.register_parcel("P", parent, {a: "1/3", b: "2/3"})
    mortgage = world.submit(
        pb.RegisterMortgage(
            parcel_id="P",
            lender=world.bank.did,
            principal_minor_units=1,
            currency="EUR",
            deed_sha256=world.deed(),
        ),
        world.people["Anna"].key,
        world.people["Bram"].key,
        world.bank.key,
    ).tx_hash[:16]
    west, east = rect(4.9, 52.3, 4.901, 52.301), rect(4.901, 52.3, 4.902, 52.301)
    wrong = rect(4.901, 52.3, 4.9021, 52.301)  # sticks out of the parent
    for children in ([west, wrong], [west, rect(4.9005, 52.3, 4.902, 52.301)], [west]):
        assert not (
            len(children) >= 2
            and _shape(children[0]).union(_shape(children[1])).equals(_shape(parent))
            and not _shape(children[0]).relate_pattern(_shape(children[1]), "T********")
        )
        action = pb.SubdivideParcel(
            office=world.office.did,
            parcel_id="P",
            children=[pb.NewParcel(parcel_id=f"P-{i}", geometry=g) for i, g in enumerate(children)],
            source_sha256=world.deed("survey"),
        )
        if len(children) < 2:
            expect_error(lambda a=action: world.office_submit(a), INVALID, "BAD_CHILDREN")
        else:
            world.refused(action, list(world.registrars()), FAILED, "SUBDIVISION_MISMATCH")
    world.office_submit(
        pb.SubdivideParcel(
            office=world.office.did,
            parcel_id="P",
            children=[
                pb.NewParcel(parcel_id="P-W", geometry=west),
                pb.NewParcel(parcel_id="P-E", geometry=east),
            ],
            source_sha256=world.deed("survey"),
        )
    )
    for child in ("P-W", "P-E"):
        assert world.owners(child) == {a: Fraction(1, 3), b: Fraction(2, 3)}
        rights = world.stub.GetRights(pb.GetRightsRequest(parcel_id=child), timeout=10)
        assert [r.lineage_id for r in rights.restrictions] == [mortgage]
    retired = world.stub.GetParcel(pb.GetParcelRequest(parcel_id="P"), timeout=10).parcel
    assert retired.retired and list(retired.children) == ["P-W", "P-E"]
    assert world.owners("P") == {}
    expect_error(
        lambda: world.propose("P", {a: "1/3"}, {b: "1/3"}, world.people["Anna"].key),
        FAILED,
        "PARCEL_RETIRED",
    )
    # Release the mortgage on the west part only, then merge back: it survives from the east.
    world.submit(pb.ReleaseMortgage(parcel_id="P-W", mortgage_id=mortgage), world.bank.key)
    world.office_submit(
        pb.MergeParcels(
            office=world.office.did,
            parcel_ids=["P-W", "P-E"],
            merged=pb.NewParcel(parcel_id="P-M", geometry=parent),
            source_sha256=world.deed("merger"),
        )
    )
    assert world.owners("P-M") == {a: Fraction(1, 3), b: Fraction(2, 3)}
    rights = world.stub.GetRights(pb.GetRightsRequest(parcel_id="P-M"), timeout=10)
    assert [r.lineage_id for r in rights.restrictions] == [mortgage]
    _verify_extract(world, "P-M")
    _verify_extract(world, "P-W")


def _verify_extract(world: LandWorld, parcel_id: str) -> land_extract.Verified:
    got = world.stub.GetExtract(pb.GetExtractRequest(parcel_id=parcel_id), timeout=30)
    verifier = NoteVerifier.parse(_log_key(world))
    return land_extract.verify(got.extract, list(got.receipts), got.checkpoint, verifier)


def _log_key(world: LandWorld) -> str:
    info = world.node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10)
    return str(info.verifier_key)


def test_extract_verifies_offline_and_fails_after_one_changed_byte(
    world: LandWorld, tmp_path: Path
) -> None:
    anna, bram, dirk = world.person("Anna"), world.person("Bram"), world.person("Dirk")
    world.register_parcel("P", rect(4.9, 52.3, 4.901, 52.301), {anna.did: "1/2", bram.did: "1/2"})
    mortgage = world.submit(
        pb.RegisterMortgage(
            parcel_id="P",
            lender=world.bank.did,
            principal_minor_units=10,
            currency="EUR",
            deed_sha256=world.deed(),
        ),
        anna.key,
        bram.key,
        world.bank.key,
    ).tx_hash[:16]
    tid, deed = world.propose("P", {anna.did: "1/2"}, {dirk.did: "1/2"}, anna.key)
    world.consent(tid, deed, anna.key, dirk.key, world.bank.key)
    world.approve(tid, deed)
    world.finalize(tid, dirk.key)
    verified = _verify_extract(world, "P")
    assert sorted((r["party"], r["share"]) for r in verified.document["rights"]) == sorted(
        [(bram.did, "1/2"), (dirk.did, "1/2")]
    )
    assert [r["id"] for r in verified.document["restrictions"]] == [mortgage.hex()]
    assert verified.document["restrictions"][0]["released_entry"] is None
    assert any("absence" in line for line in verified.document["cannot_prove"])
    # Through the CLI, offline.
    out = tmp_path / "extract.json"
    run_cli("land", "extract", "get", "P", "--out", str(out), "--server", world.node.address)
    key = _log_key(world)
    ok = run_cli("land", "extract", "verify", str(out), "--log-key", key)
    assert json.loads(ok.stdout)["valid"] is True
    # One changed byte in the extract document (a share), and in a receipt's transaction.
    doc = json.loads(out.read_text())
    message = json_format.ParseDict(doc, pb.GetExtractResponse())
    tampered = message.extract.replace(b'"1/2"', b'"1/3"', 1)
    assert tampered != message.extract
    with pytest.raises(land_extract.ExtractInvalid):
        land_extract.verify(
            tampered, list(message.receipts), message.checkpoint, NoteVerifier.parse(key)
        )
    raw = bytearray(message.receipts[0].transaction)
    raw[-1] ^= 1
    message.receipts[0].transaction = bytes(raw)
    bad = tmp_path / "bad.json"
    bad.write_text(json_format.MessageToJson(message))
    refused = run_cli("land", "extract", "verify", str(bad), "--log-key", key, check=False)
    assert refused.returncode == 1 and json.loads(refused.stdout)["valid"] is False


def test_no_party_name_on_the_log(world: LandWorld) -> None:
    names = ("Annabella Vermeulen", "Bram de Wit")
    a, b = (world.person(n).did for n in names)
    world.register_parcel("P", rect(4.9, 52.3, 4.901, 52.301), {a: "1/2", b: "1/2"})
    entries = world.node.ledger.ListEntries(
        ledger_pb2.ListEntriesRequest(start_index=0, page_size=1000), timeout=10
    )
    assert entries.next_index < 1000
    blob = b"".join(entries.entries)
    assert blob
    for name in names:
        assert name.encode() not in blob
        assert name.split()[0].encode() not in blob


def test_cli_land_help_and_export(world: LandWorld, tmp_path: Path) -> None:
    for group in ("land", "land parcel", "land transfer", "land mortgage", "land extract"):
        assert run_cli(*group.split(), "--help").returncode == 0
    anna = world.person("Anna")
    world.register_parcel("P", rect(4.9, 52.3, 4.901, 52.301), {anna.did: "1"})
    rights = tmp_path / "rights.json"
    out = run_cli(
        "land",
        "export",
        "--box",
        "4.8,52.2,5.0,52.4",
        "--rights",
        str(rights),
        "--server",
        world.node.address,
    )
    collection = json.loads(out.stdout)
    assert collection["type"] == "FeatureCollection"
    props = collection["features"][0]["properties"]
    assert props["nationalCadastralReference"] == "P" and props["inspireId"]["localId"] == "P"
    ladm = json.loads(rights.read_text())["LA_BAUnit"][0]
    assert ladm["LA_Right"][0]["party"]["pID"] == anna.did


def _pem(key: object, path: Path) -> str:
    from cryptography.hazmat.primitives import serialization

    path.write_bytes(
        key.private_bytes(  # type: ignore[attr-defined]
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(path)


def test_cli_transfer_flow(world: LandWorld, tmp_path: Path) -> None:
    anna, dirk = world.person("Anna"), world.person("Dirk")
    world.register_parcel("P", rect(4.9, 52.3, 4.901, 52.301), {anna.did: "1"})
    deed = world.deed().hex()
    keys = {
        name: _pem(actor.key, tmp_path / f"{name}.pem")
        for name, actor in (("anna", anna), ("dirk", dirk), ("r1", world.r1), ("r2", world.r2))
    }
    server = ("--server", world.node.address)
    proposed = run_cli(
        "land",
        "transfer",
        "propose",
        "--parcel",
        "P",
        "--deed",
        deed,
        "--from",
        f"{anna.did}=1",
        "--to",
        f"{dirk.did}=1",
        "--key",
        keys["anna"],
        *server,
    )
    transfer_id = json.loads(proposed.stdout)["transfer_id"]
    for who in ("anna", "dirk"):
        run_cli(
            "land", "transfer", "consent", transfer_id, "--deed", deed, "--key", keys[who], *server
        )
    # One registrar is not enough for the office's 2-of-N policy: exit 1 with the reason.
    alone = run_cli(
        "land",
        "transfer",
        "approve",
        transfer_id,
        "--office",
        world.office.did,
        "--deed",
        deed,
        "--key",
        keys["r1"],
        *server,
        check=False,
    )
    assert alone.returncode == 1 and json.loads(alone.stdout)["reason"] == "NOT_AUTHORIZED"
    run_cli(
        "land",
        "transfer",
        "approve",
        transfer_id,
        "--office",
        world.office.did,
        "--deed",
        deed,
        "--key",
        keys["r1"],
        "--key",
        keys["r2"],
        *server,
    )
    run_cli("land", "transfer", "finalize", transfer_id, "--key", keys["dirk"], *server)
    shown = json.loads(run_cli("land", "transfer", "show", transfer_id, *server).stdout)
    assert shown["status"] == "TRANSFER_STATUS_FINALIZED"
    parcel = json.loads(run_cli("land", "parcel", "show", "P", *server).stdout)
    owners = [(r["party"], r["share"]) for r in parcel["rights"]["rights"]]
    assert owners == [(dirk.did, {"numerator": "1", "denominator": "1"})]
    history = json.loads(run_cli("land", "parcel", "history", "P", *server).stdout)
    assert [e["kind"] for e in history["events"]][-1] == "transferred"
