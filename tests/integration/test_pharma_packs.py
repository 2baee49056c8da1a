"""Serialised packs through a real node: upload, trade, verify, decommission once, undo within
the rules, falsification alerts, stolen cases, recalls, untrusted partners; no serial in clear."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest

from tabularium import rpcauth
from tabularium.ledger.v1 import ledger_pb2
from tabularium.pharma.v1 import pharma_pb2 as pb
from tests.conftest import Chain
from tests.helpers import error_info, expect_error
from tests.integration.pharma_world import (
    DENIED,
    EXISTS,
    EXPIRY,
    FAILED,
    GTIN,
    INVALID,
    NOT_FOUND,
    OTHER_EXPIRY,
    SERVICE,
    PharmaWorld,
    clocked_node,
)
from tests.integration.world import DAY


@pytest.fixture
def world(chain: Chain, tmp_path: Path) -> Iterator[PharmaWorld]:
    with clocked_node(chain, tmp_path) as (node, clock):
        yield PharmaWorld(chain, node, clock)


def _refused(result: pb.ScanResult, code: str, reason: str) -> None:
    assert (result.code, result.reason) == (code, reason), result
    assert result.message
    assert result.HasField("entry_index"), "a refusal by a known key is logged"


def _entry_result(world: PharmaWorld, index: int) -> ledger_pb2.TransactionResult:
    raw = world.log_entries()[index]
    entry = world.node.ledger.GetTransaction(
        ledger_pb2.GetTransactionRequest(tx_hash=hashlib.sha256(raw).digest()), timeout=10
    )
    return entry.result


def test_pack_from_upload_via_wholesaler_to_dispensing(world: PharmaWorld) -> None:
    keys = world.upload(20)
    first = world.pack(keys[0]).pack
    assert (first.status, first.owner, first.location) == (
        pb.PACK_STATUS_ACTIVE,
        world.maker.did,
        world.maker.site,
    )
    assert (first.gtin, first.batch, first.expiry) == (GTIN, "B1", EXPIRY)
    to_wholesaler = world.transfer(world.maker, world.wholesaler, keys[:10])
    to_pharmacy = world.transfer(world.wholesaler, world.pharmacy, keys[:5])
    verified = world.verify(world.pharmacy, keys[0])
    assert verified.code == "OK" and verified.receipt.entry_index == verified.entry_index
    assert verified.pack.status == pb.PACK_STATUS_ACTIVE
    assert verified.pack.owner == world.pharmacy.did
    dispensed = world.decommission(world.pharmacy, keys[0])
    assert dispensed.code == "OK", dispensed
    assert dispensed.pack.status == pb.PACK_STATUS_DECOMMISSIONED
    assert dispensed.pack.reason == pb.DECOMMISSION_REASON_SUPPLIED
    assert dispensed.pack.decommissioned_at_gln == world.pharmacy.site
    read = world.pack(keys[0], world.pharmacy.actor)
    assert [s.shipment_id for s in read.shipments] == [to_wholesaler, to_pharmacy]
    assert all(s.received_entry for s in read.shipments)
    # The holder reads its product's packs; another pharmacy (authorised) too; nobody else.
    assert world.pack(keys[0], world.maker.actor).pack.status == pb.PACK_STATUS_DECOMMISSIONED
    outsider = world.register("Outsider")
    expect_error(lambda: world.pack(keys[0], outsider), DENIED, "NOT_ENTITLED")
    # Packs left at the wholesaler and the maker keep their owners.
    assert world.pack(keys[7]).pack.owner == world.wholesaler.did
    assert world.pack(keys[15]).pack.owner == world.maker.did


def test_second_dispense_is_refused_logged_and_alerted(world: PharmaWorld) -> None:
    keys = world.upload(3)
    world.transfer(world.maker, world.pharmacy, keys)
    assert world.decommission(world.pharmacy, keys[0]).code == "OK"
    before = world.pack(keys[0]).pack
    request = pb.StreamAlertsRequest(from_id=0)
    stream = world.stub.StreamAlerts(
        request,
        metadata=tuple(
            rpcauth.sign_request(
                world.maker.key, SERVICE + "StreamAlerts", request.SerializeToString()
            )
        ),
        timeout=30,
    )
    again = world.decommission(world.pharmacy, keys[0])
    _refused(again, "FAILED_PRECONDITION", "ALREADY_DECOMMISSIONED")
    assert again.alert_ids == [again.entry_index]
    assert _entry_result(world, again.entry_index).error.reason == "ALREADY_DECOMMISSIONED"
    assert world.pack(keys[0]).pack == before, "a refusal changes nothing on the pack"
    alerts = world.alerts()
    assert [(a.alert_id, a.kind) for a in alerts] == [
        (again.entry_index, pb.ALERT_KIND_ALREADY_DECOMMISSIONED)
    ]
    alert = alerts[0]
    streamed = next(iter(stream)).alert
    assert streamed == alert, "the holder's stream delivers the alert as it commits"
    stream.cancel()
    assert (alert.holder, alert.authority, alert.organisation, alert.site_gln) == (
        world.maker.did,
        world.authority.did,
        world.pharmacy.did,
        world.pharmacy.site,
    )
    # The holder sees it; so does the pharmacy that scanned; the wholesaler does not.
    assert [a.alert_id for a in world.alerts(world.maker.actor)] == [alert.alert_id]
    assert [a.alert_id for a in world.alerts(world.pharmacy.actor)] == [alert.alert_id]
    assert world.alerts(world.wholesaler.actor) == []
    # A signed finding closes it; only the authority (or the holder) may.
    close = pb.CloseAlert(
        organisation=world.authority.did,
        alert_id=alert.alert_id,
        finding=pb.FINDING_HANDLING_ERROR,
        report_sha256=hashlib.sha256(b"investigation").digest(),
    )
    world.refused(
        pb.CloseAlert(
            organisation=world.wholesaler.did,
            alert_id=alert.alert_id,
            finding=pb.FINDING_HANDLING_ERROR,
            report_sha256=hashlib.sha256(b"x").digest(),
        ),
        [world.wholesaler.key],
        DENIED,
        "NOT_ALERT_RECIPIENT",
    )
    world.submit(close, world.inspector.key)
    closed = world.alerts()[0]
    assert closed.closed and closed.finding == pb.FINDING_HANDLING_ERROR
    assert world.alerts(open_only=True) == []
    world.refused(close, [world.inspector.key], FAILED, "ALERT_CLOSED")


def test_undo_within_ten_days_same_premises_only(world: PharmaWorld) -> None:
    keys = world.upload(6)
    world.transfer(world.maker, world.pharmacy, keys)
    for key in keys[:4]:
        assert world.decommission(world.pharmacy, key).code == "OK"
    world.advance(10 * DAY - 600)  # day 10 after the decommissioning
    ok = world.scans([world.sign(world.undo_action(world.pharmacy, keys[0]), world.pharmacy.key)])
    assert ok[0].code == "OK", ok[0]
    assert ok[0].pack.status == pb.PACK_STATUS_ACTIVE
    # Not attested as not supplied to the public; another premises; another organisation.
    unattested = world.undo_action(world.pharmacy, keys[1], attested=False)
    results = world.scans([world.sign(unattested, world.pharmacy.key)])
    _refused(results[0], "FAILED_PRECONDITION", "UNDO_NOT_ALLOWED")
    assert "attested" in results[0].message
    other = world.undo_action(world.pharmacy2, keys[1])
    results = world.scans([world.sign(other, world.pharmacy2.key)])
    _refused(results[0], "FAILED_PRECONDITION", "UNDO_NOT_ALLOWED")
    assert "same organisation at the same premises" in results[0].message
    world.advance(2 * DAY)  # day 11
    late = world.scans([world.sign(world.undo_action(world.pharmacy, keys[2]), world.pharmacy.key)])
    _refused(late[0], "FAILED_PRECONDITION", "UNDO_NOT_ALLOWED")
    assert "undo window" in late[0].message
    assert world.pack(keys[2]).pack.status == pb.PACK_STATUS_DECOMMISSIONED
    # After a recall, even a fresh decommissioning cannot be undone.
    assert world.decommission(world.pharmacy, keys[4], pb.DECOMMISSION_REASON_SAMPLE).code == "OK"
    world.submit(
        pb.RecallBatch(
            holder=world.maker.did,
            gtin=GTIN,
            batch="B1",
            kind=pb.RECALL_KIND_RECALL,
            reason="QUALITY_DEFECT",
        ),
        world.maker.key,
        world.inspector.key,
    )
    recalled = world.scans(
        [world.sign(world.undo_action(world.pharmacy, keys[4]), world.pharmacy.key)]
    )
    _refused(recalled[0], "FAILED_PRECONDITION", "UNDO_NOT_ALLOWED")
    assert "recalled" in recalled[0].message
    # A stolen pack never returns.
    assert world.decommission(world.pharmacy, keys[5], pb.DECOMMISSION_REASON_STOLEN).code == "OK"
    stolen = world.scans(
        [world.sign(world.undo_action(world.pharmacy, keys[5]), world.pharmacy.key)]
    )
    _refused(stolen[0], "FAILED_PRECONDITION", "UNDO_NOT_ALLOWED")
    assert "stolen" in stolen[0].message


def test_unknown_serial_and_expiry_mismatch_raise_alerts(world: PharmaWorld) -> None:
    keys = world.upload(2)
    fake = world.key_of("FAKE0001")
    unknown = world.verify(world.pharmacy, fake)
    _refused(unknown, "NOT_FOUND", "UNKNOWN_SERIAL")
    mismatch = world.verify(world.pharmacy, keys[0], expiry=OTHER_EXPIRY)
    _refused(mismatch, "FAILED_PRECONDITION", "DATA_MISMATCH")
    assert "expiry" in mismatch.message
    batch = world.verify(world.pharmacy, keys[1], batch="B9")
    _refused(batch, "FAILED_PRECONDITION", "DATA_MISMATCH")
    kinds = [(a.alert_id, a.kind) for a in world.alerts()]
    assert kinds == [
        (unknown.entry_index, pb.ALERT_KIND_UNKNOWN_SERIAL),
        (mismatch.entry_index, pb.ALERT_KIND_DATA_MISMATCH),
        (batch.entry_index, pb.ALERT_KIND_DATA_MISMATCH),
    ]
    # The unknown pack's alert goes to the GTIN's holder, named by the scan.
    assert world.alerts()[0].holder == world.maker.did
    # One bad item in a batch of scans does not stop the others.
    results = world.scans(
        [
            world.sign(
                pb.VerifyPack(
                    organisation=world.pharmacy.did,
                    site_gln=world.pharmacy.site,
                    pack=world.scanned(k),
                ),
                world.pharmacy.key,
            )
            for k in (keys[0], fake, keys[1])
        ]
        + [b"not a transaction"]
    )
    assert [r.code for r in results] == ["OK", "NOT_FOUND", "OK", "INVALID_ARGUMENT"]
    assert results[3].reason == "TX_MALFORMED" and not results[3].HasField("entry_index")


def test_stolen_case_blocks_its_packs(world: PharmaWorld) -> None:
    keys = world.upload(5)
    case = world.key_of("CASE-SSCC-1")
    world.submit(
        pb.Aggregate(organisation=world.maker.did, case_key=case, child_keys=b"".join(keys[:3])),
        world.maker.key,
    )
    assert world.pack(keys[0]).pack.parent == case
    world.transfer(world.maker, world.wholesaler, [case])
    assert {world.pack(k).pack.owner for k in keys[:3]} == {world.wholesaler.did}
    stolen = world.decommission(world.wholesaler, case, pb.DECOMMISSION_REASON_STOLEN)
    assert stolen.code == "OK", stolen
    child = world.pack(keys[1]).pack
    assert child.case_stolen and child.reason == pb.DECOMMISSION_REASON_STOLEN
    _refused(world.decommission(world.wholesaler, keys[1]), "FAILED_PRECONDITION", "STOLEN")
    action, _ = world.ship_action(
        world.wholesaler, world.pharmacy, [keys[2]], secrets.token_bytes(16)
    )
    world.refused(action, [world.wholesaler.key], FAILED, "STOLEN")
    # The packs outside the case are untouched.
    assert world.pack(keys[3]).pack.status == pb.PACK_STATUS_ACTIVE


def test_recall_is_seen_by_the_next_verify_and_needs_the_authority(world: PharmaWorld) -> None:
    keys = world.upload(4)
    world.transfer(world.maker, world.pharmacy, keys)
    recall = pb.RecallBatch(
        holder=world.maker.did, gtin=GTIN, batch="B1", kind=pb.RECALL_KIND_RECALL, reason="QA"
    )
    world.refused(recall, [world.maker.key], DENIED, "AUTHORITY_COSIGNATURE_REQUIRED")
    assert world.verify(world.pharmacy, keys[0]).pack.status == pb.PACK_STATUS_ACTIVE
    world.submit(recall, world.maker.key, world.inspector.key)
    verified = world.verify(world.pharmacy, keys[0])
    assert verified.code == "OK" and verified.pack.status == pb.PACK_STATUS_RECALLED
    assert verified.alert_ids == [], "a recalled pack reports its status without an alert"
    _refused(world.decommission(world.pharmacy, keys[1]), "FAILED_PRECONDITION", "RECALLED")
    destroyed = world.decommission(world.pharmacy, keys[1], pb.DECOMMISSION_REASON_DESTROYED)
    assert destroyed.code == "OK"
    world.refused(recall, [world.maker.key, world.inspector.key], FAILED, "ALREADY_RECALLED")
    assert world.alerts() == []


def test_clone_alert_for_a_pack_too_far_too_fast(world: PharmaWorld) -> None:
    keys = world.upload(2)
    assert world.verify(world.pharmacy, keys[0]).alert_ids == []  # Rome
    milan = world.verify(world.pharmacy2, keys[0])  # ~480 km, seconds later
    assert milan.code == "OK" and milan.alert_ids == [milan.entry_index]
    alert = world.alerts()[0]
    assert alert.kind == pb.ALERT_KIND_CLONE_SUSPECTED
    assert "km" in alert.detail and world.pharmacy2.site in alert.detail
    # Hours later the same trip is plausible: no alert.
    world.verify(world.pharmacy, keys[1])
    world.advance(6 * 3600)
    assert world.verify(world.pharmacy2, keys[1]).alert_ids == []


def test_untrusted_partner_refused(world: PharmaWorld) -> None:
    keys = world.upload(3)
    rogue = world.partner("Rogue", [], 9, 40_000_000, 10_000_000, authorise=False)
    action, _ = world.ship_action(world.maker, rogue, keys[:1], secrets.token_bytes(16))
    exc = world.refused(action, [world.maker.key], DENIED, "NOT_AUTHORIZED_TRADING_PARTNER")
    assert error_info(exc).metadata["partner"] == rogue.did
    scan = pb.VerifyPack(organisation=rogue.did, site_gln=rogue.site, pack=world.scanned(keys[0]))
    world.refused(scan, [rogue.key], DENIED, "NOT_AUTHORIZED_TRADING_PARTNER")
    # A revoked credential ends the authorisation at once.
    world.transfer(world.maker, world.wholesaler, keys[1:2])
    world.revoke(world.wholesaler.actor)
    action, _ = world.ship_action(
        world.wholesaler, world.pharmacy, keys[1:2], secrets.token_bytes(16)
    )
    exc = world.refused(action, [world.wholesaler.key], DENIED, "NOT_AUTHORIZED_TRADING_PARTNER")
    assert "revoked" in exc.details()  # type: ignore[attr-defined]


def test_trading_refusals(world: PharmaWorld) -> None:
    keys = world.upload(6)
    # Shipping what one does not own; receiving without the TI; a second receipt.
    action, _ = world.ship_action(
        world.wholesaler, world.pharmacy, keys[:1], secrets.token_bytes(16)
    )
    world.refused(action, [world.wholesaler.key], FAILED, "NOT_OWNER")
    shipment = secrets.token_bytes(16)
    action, digest = world.ship_action(world.maker, world.wholesaler, keys[:4], shipment)
    world.submit(action, world.maker.key)
    receive = pb.Receive(
        organisation=world.wholesaler.did,
        shipment_id=shipment,
        ti_sha256=hashlib.sha256(b"something else").digest(),
        site_gln=world.wholesaler.site,
    )
    world.refused(receive, [world.wholesaler.key], FAILED, "TI_MISSING")
    assert world.pack(keys[0]).pack.in_transit == shipment
    receive.ti_sha256 = digest
    world.submit(receive, world.wholesaler.key)
    world.refused(receive, [world.wholesaler.key], FAILED, "ALREADY_RECEIVED")
    # Quarantined after an illegitimate-product report: the 24 h clock starts, no shipping.
    world.submit(
        pb.ReportIllegitimate(
            organisation=world.wholesaler.did,
            unit_keys=keys[3],
            report_sha256=hashlib.sha256(b"suspect").digest(),
        ),
        world.wholesaler.key,
    )
    assert world.pack(keys[3]).pack.quarantined
    (report,) = world.alerts(world.wholesaler.actor)
    assert report.kind == pb.ALERT_KIND_ILLEGITIMATE_PRODUCT
    assert report.notify_by_us - report.time_us == 24 * 3600 * 1_000_000
    assert report.authority == world.authority.did and report.holder == world.maker.did
    action, _ = world.ship_action(
        world.wholesaler, world.pharmacy, keys[3:4], secrets.token_bytes(16)
    )
    world.refused(action, [world.wholesaler.key], FAILED, "QUARANTINED")
    # A saleable return may not be resold before it is verified again.
    world.transfer(world.wholesaler, world.pharmacy, keys[:1])
    world.transfer(world.pharmacy, world.wholesaler, keys[:1])
    assert world.pack(keys[0]).pack.return_unverified
    action, _ = world.ship_action(
        world.wholesaler, world.pharmacy2, keys[:1], secrets.token_bytes(16)
    )
    world.refused(action, [world.wholesaler.key], FAILED, "RETURN_NOT_VERIFIED")
    assert world.verify(world.wholesaler, keys[0]).code == "OK"
    assert not world.pack(keys[0]).pack.return_unverified
    world.transfer(world.wholesaler, world.pharmacy2, keys[:1])


def test_upload_refusals(world: PharmaWorld) -> None:
    keys = world.upload(3)
    exc = world.refused(
        world.upload_action([keys[1], world.key_of("NEW1")]),
        [world.maker.key],
        EXISTS,
        "DUPLICATE_SERIAL",
    )
    assert keys[1].hex() in exc.details()  # type: ignore[attr-defined]
    fresh = world.key_of("NEW2")
    world.refused(
        world.upload_action([fresh, fresh]), [world.maker.key], EXISTS, "DUPLICATE_SERIAL"
    )
    bad = world.upload_action([fresh])
    bad.expiry = "291301"
    expect_error(lambda: world.submit(bad, world.maker.key), INVALID, "BAD_EXPIRY")
    bad = world.upload_action([fresh])
    bad.gtin = "09506000134353"
    expect_error(lambda: world.submit(bad, world.maker.key), INVALID, "BAD_GTIN")
    bad = world.upload_action([fresh])
    bad.pack_keys = fresh[:31]
    expect_error(lambda: world.submit(bad, world.maker.key), INVALID, "BAD_PACK_KEY")
    # The wholesaler is not a manufacturer.
    bad = world.upload_action([fresh])
    bad.manufacturer = world.wholesaler.did
    bad.site_gln = world.wholesaler.site
    world.refused(bad, [world.wholesaler.key], DENIED, "NOT_AUTHORIZED_TRADING_PARTNER")
    # Nothing of the refused uploads exists.
    expect_error(lambda: world.pack(fresh), NOT_FOUND, "UNKNOWN_SERIAL")


def test_market_limit_on_upload_size(chain: Chain, tmp_path: Path) -> None:
    with clocked_node(chain, tmp_path) as (node, clock):
        world = PharmaWorld(chain, node, clock, max_upload_packs=10)
        keys = [world.key_of(f"S{n}") for n in range(11)]
        expect_error(
            lambda: world.submit(world.upload_action(keys), world.maker.key),
            INVALID,
            "TOO_MANY_PACKS",
        )
        world.submit(world.upload_action(keys[:10]), world.maker.key)


def test_no_serial_in_clear_in_any_log_entry(world: PharmaWorld) -> None:
    keys = world.upload(5)
    world.transfer(world.maker, world.pharmacy, keys)
    world.verify(world.pharmacy, keys[0])
    world.decommission(world.pharmacy, keys[0])
    world.decommission(world.pharmacy, keys[0])
    world.verify(world.pharmacy, world.key_of("UNKNOWN42"))
    entries = world.log_entries()
    assert len(entries) > 20
    for serial in [*world.serials, "UNKNOWN42"]:
        assert all(serial.encode() not in entry for entry in entries), serial
    assert all(world.product_key not in entry for entry in entries)


def test_refusals_need_a_known_key_and_a_well_formed_request(world: PharmaWorld) -> None:
    keys = world.upload(1)
    with pytest.raises(grpc.RpcError) as caught:
        world.stub.SubmitScans(pb.SubmitScansRequest(transactions=[b"x"] * 10_001), timeout=60)
    assert caught.value.code() == INVALID  # type: ignore[attr-defined]
    not_a_scan = world.sign(world.upload_action([world.key_of("X")]), world.maker.key)
    result = world.scans([not_a_scan])[0]
    assert (result.code, result.reason) == ("INVALID_ARGUMENT", "NOT_A_SCAN")
    expect_error(
        lambda: world.stub.GetPack(pb.GetPackRequest(pack_key=keys[0]), timeout=10),
        grpc.StatusCode.UNAUTHENTICATED,
        None,
    )


def test_expired_pack_reports_its_status_without_an_alert(world: PharmaWorld) -> None:
    soon = time.gmtime(world.now_us() // 1_000_000 + 20 * DAY)
    expiry = time.strftime("%y%m%d", soon)
    keys = world.upload(2, batch="SHORT", expiry=expiry)
    world.transfer(world.maker, world.pharmacy, keys)
    assert world.verify(world.pharmacy, keys[0], batch="SHORT", expiry=expiry).pack.status == (
        pb.PACK_STATUS_ACTIVE
    )
    world.advance(25 * DAY)
    verified = world.verify(world.pharmacy, keys[0], batch="SHORT", expiry=expiry)
    assert verified.code == "OK" and verified.pack.status == pb.PACK_STATUS_EXPIRED
    assert verified.alert_ids == [] and world.alerts() == []
    action = world.decommission_action(world.pharmacy, keys[1], batch="SHORT", expiry=expiry)
    supplied = world.scans([world.sign(action, world.pharmacy.key)])[0]
    _refused(supplied, "FAILED_PRECONDITION", "EXPIRED")
    late = world.upload_action([world.key_of("LATE1")], batch="SHORT2", expiry=expiry)
    world.refused(late, [world.maker.key], FAILED, "EXPIRED")
