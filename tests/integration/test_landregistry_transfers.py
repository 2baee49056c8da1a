"""Land transfers through the real server: exact shares, consents, registrar thresholds,
mortgages, court restrictions, cooling-off and freezes, racing proposals, history by height."""

from __future__ import annotations

import time
from fractions import Fraction

import grpc
import pytest
from google.rpc import error_details_pb2
from grpc_status import rpc_status

from tabularium.landregistry.v1 import landregistry_pb2 as pb
from tests.conftest import Chain, NodeProcess
from tests.helpers import error_info, expect_error
from tests.integration.landregistry_world import FAILED, LandWorld, rect

F = Fraction
PARCEL = "NL-ASD01-A-1234"


@pytest.fixture
def world(chain: Chain, node: NodeProcess) -> LandWorld:
    return LandWorld(chain, node)


def three_owners(world: LandWorld) -> tuple[str, str, str]:
    a, b, c = (world.person(n).did for n in ("Anna", "Bram", "Cas"))
    world.register_parcel(PARCEL, rect(4.9, 52.3, 4.901, 52.301), {a: "1/2", b: "1/6", c: "1/3"})
    return a, b, c


def test_sell_part_of_a_share_with_mortgage_released_at_closing(world: LandWorld) -> None:
    a, b, c = three_owners(world)
    anna = world.people["Anna"]
    dirk = world.person("Dirk")
    assert world.owners(PARCEL) == {a: F(1, 2), b: F(1, 6), c: F(1, 3)}
    # A mortgage signed by every owner and the bank.
    mortgage = world.submit(
        pb.RegisterMortgage(
            parcel_id=PARCEL,
            lender=world.bank.did,
            principal_minor_units=25_000_000,
            currency="EUR",
            deed_sha256=world.deed("mortgage deed"),
        ),
        *(world.people[n].key for n in ("Anna", "Bram", "Cas")),
        world.bank.key,
    ).tx_hash[:16]
    transfer_id, deed = world.propose(PARCEL, {a: "1/3"}, {dirk.did: "1/3"}, anna.key)
    world.consent(transfer_id, deed, anna.key)
    world.consent(transfer_id, deed, dirk.key)
    world.approve(transfer_id, deed)
    # The mortgage blocks until its lender consents or releases it.
    exc = expect_error(lambda: world.finalize(transfer_id, anna.key), FAILED, "ENCUMBERED")
    assert error_info(exc).metadata["restriction"] == mortgage.hex()
    # Closing: the bank is paid and releases the mortgage; then the transfer goes through.
    world.submit(pb.ReleaseMortgage(parcel_id=PARCEL, mortgage_id=mortgage), world.bank.key)
    world.finalize(transfer_id, anna.key)
    assert world.owners(PARCEL) == {a: F(1, 6), b: F(1, 6), c: F(1, 3), dirk.did: F(1, 3)}
    rights = world.stub.GetRights(pb.GetRightsRequest(parcel_id=PARCEL), timeout=10)
    assert sum(F(r.share.numerator, r.share.denominator) for r in rights.rights) == 1
    assert list(rights.restrictions) == []
    got = world.stub.GetTransfer(pb.GetTransferRequest(transfer_id=transfer_id), timeout=10)
    assert got.transfer.status == pb.TRANSFER_STATUS_FINALIZED
    assert sorted(got.transfer.consents) == sorted([a, dirk.did])
    history = world.stub.GetParcelHistory(pb.GetParcelHistoryRequest(parcel_id=PARCEL), timeout=10)
    kinds = [e.kind for e in history.events]
    assert kinds[0] == "registered" and kinds[-1] == "transferred"
    assert "mortgage_released" in kinds
    # Anna's 1/2 version closed at the transfer; her 1/6 version replaced it.
    closed = [v for v in history.versions if v.party == a and v.lifespan.end_height]
    assert [(v.share.numerator, v.share.denominator) for v in closed] == [(1, 2)]


def test_refusals_are_logged_and_change_nothing(world: LandWorld) -> None:
    a, b, _c = three_owners(world)
    anna, bram = world.people["Anna"], world.people["Bram"]
    eve = world.person("Eve")
    before = world.owners(PARCEL)
    unregistered = bytes(32)
    cases = [
        # (action, signer, code, reason)
        (
            world.propose_action(PARCEL, {eve.did: "1/6"}, {a: "1/6"}, world.deed()),
            eve.key,
            FAILED,
            "NOT_HOLDER",
        ),
        (
            world.propose_action(PARCEL, {b: "1/3"}, {eve.did: "1/3"}, world.deed()),
            bram.key,
            FAILED,
            "SHARE_EXCEEDS_HOLDING",
        ),
        (
            world.propose_action(PARCEL, {a: "1/2"}, {eve.did: "1/3"}, world.deed()),
            anna.key,
            FAILED,
            "SHARE_SUM_MISMATCH",
        ),
        (
            world.propose_action(PARCEL, {a: "1/2"}, {eve.did: "1/2"}, unregistered),
            anna.key,
            FAILED,
            "SOURCE_REQUIRED",
        ),
        (
            world.propose_action(PARCEL, {a: "1/2"}, {b: "1/2"}, world.deed()),
            eve.key,
            grpc.StatusCode.PERMISSION_DENIED,
            "NOT_A_PARTY",
        ),
        (
            pb.ReleaseMortgage(parcel_id=PARCEL, mortgage_id=bytes(16)),
            anna.key,
            grpc.StatusCode.NOT_FOUND,
            "RESTRICTION_NOT_FOUND",
        ),
        (
            world.parcel_action(PARCEL, rect(5, 52, 5.001, 52.001), {a: "1"}),
            world.r1.key,
            grpc.StatusCode.PERMISSION_DENIED,
            "NOT_AUTHORIZED",
        ),
    ]
    indices = []
    for action, key, code, reason in cases:
        indices.append(world.refused(action, [key], code, reason))
    assert indices == sorted(indices) and len(set(indices)) == len(indices)
    # A parcel registered twice: ALREADY_EXISTS (two registrars sign, so it is the rule).
    exc = expect_error(
        lambda: world.office_submit(
            world.parcel_action(PARCEL, rect(5, 52, 5.001, 52.001), {a: "1"})
        ),
        grpc.StatusCode.ALREADY_EXISTS,
        "PARCEL_EXISTS",
    )
    assert error_info(exc).metadata["entry_index"]
    assert world.owners(PARCEL) == before


def test_one_consent_short_and_registrar_only(world: LandWorld) -> None:
    a, b, c = three_owners(world)
    anna, dirk = world.people["Anna"], world.person("Dirk")
    transfer_id, deed = world.propose(PARCEL, {a: "1/2"}, {dirk.did: "1/2"}, anna.key)
    world.consent(transfer_id, deed, anna.key)
    world.approve(transfer_id, deed)
    exc = expect_error(lambda: world.finalize(transfer_id, anna.key), FAILED, "CONSENTS_MISSING")
    failure = _precondition_failure(exc)
    assert [(v.type, v.subject) for v in failure.violations] == [("CONSENT", dirk.did)]
    # Registrars alone: they propose, approve (two of them) and finalise without any owner.
    registrar_transfer, registrar_deed = world.propose(
        PARCEL, {b: "1/6"}, {world.people["Cas"].did: "1/6"}, world.r1.key
    )
    world.approve(registrar_transfer, registrar_deed)
    refused_at = world.refused(
        pb.FinalizeTransfer(transfer_id=registrar_transfer),
        [world.r1.key, world.r2.key],
        FAILED,
        "CONSENTS_MISSING",
    )
    assert refused_at > 0
    # A registrar cannot consent on an owner's behalf.
    world.refused(
        pb.ConsentTransfer(transfer_id=registrar_transfer, deed_sha256=registrar_deed),
        [world.r1.key],
        grpc.StatusCode.PERMISSION_DENIED,
        "NOT_A_PARTY",
    )
    # A consent over another deed is refused.
    world.refused(
        pb.ConsentTransfer(transfer_id=transfer_id, deed_sha256=registrar_deed),
        [dirk.key],
        FAILED,
        "DEED_MISMATCH",
    )
    # One registrar alone cannot approve: the office's policy needs two.
    world.refused(
        pb.ApproveTransfer(office=world.office.did, transfer_id=transfer_id, deed_sha256=deed),
        [world.r3.key],
        grpc.StatusCode.PERMISSION_DENIED,
        "NOT_AUTHORIZED",
    )
    assert world.owners(PARCEL) == {a: F(1, 2), b: F(1, 6), c: F(1, 3)}
    world.consent(transfer_id, deed, dirk.key)
    world.finalize(transfer_id, dirk.key)
    assert world.owners(PARCEL) == {b: F(1, 6), c: F(1, 3), dirk.did: F(1, 2)}


def _precondition_failure(exc: grpc.RpcError) -> error_details_pb2.PreconditionFailure:
    status = rpc_status.from_call(exc)  # type: ignore[arg-type]
    assert status is not None
    for detail in status.details:
        if detail.Is(error_details_pb2.PreconditionFailure.DESCRIPTOR):
            failure = error_details_pb2.PreconditionFailure()
            detail.Unpack(failure)
            return failure
    raise AssertionError("no PreconditionFailure")


def test_racing_proposals_and_stale_proposal(world: LandWorld) -> None:
    a, b, c = three_owners(world)
    anna, dirk, eve = world.people["Anna"], world.person("Dirk"), world.person("Eve")
    first, deed = world.propose(PARCEL, {a: "1/2"}, {dirk.did: "1/2"}, anna.key)
    exc = expect_error(
        lambda: world.propose(PARCEL, {a: "1/4"}, {eve.did: "1/4"}, anna.key),
        grpc.StatusCode.ALREADY_EXISTS,
        "TRANSFER_PENDING",
    )
    assert error_info(exc).metadata["transfer_id"] == first.hex()
    # Bram's share is free: his own proposal may run beside Anna's.
    bram = world.people["Bram"]
    second, deed2 = world.propose(PARCEL, {b: "1/6"}, {a: "1/6"}, bram.key)
    for key in (anna.key, bram.key):
        world.consent(second, deed2, key)
    world.approve(second, deed2)
    world.finalize(second, bram.key)
    # Anna's holding changed (1/2 -> 2/3): her earlier proposal is stale.
    for key in (anna.key, dirk.key):
        world.consent(first, deed, key)
    world.approve(first, deed)
    world.refused(pb.FinalizeTransfer(transfer_id=first), [anna.key], FAILED, "STALE_PROPOSAL")
    assert world.owners(PARCEL) == {a: F(2, 3), c: F(1, 3)}


def test_lis_pendens_blocks_and_easement_does_not(world: LandWorld) -> None:
    a, b, _c = three_owners(world)
    anna, dirk = world.people["Anna"], world.person("Dirk")
    transfer_id, deed = world.propose(PARCEL, {a: "1/2"}, {dirk.did: "1/2"}, anna.key)
    easement = world.office_submit(
        pb.RegisterRestriction(
            office=world.office.did,
            parcel_id=PARCEL,
            type=pb.RESTRICTION_TYPE_EASEMENT,
            description="right of way along the north edge",
            source_sha256=world.deed("easement deed"),
        )
    ).tx_hash[:16]
    lis = world.office_submit(
        pb.RegisterRestriction(
            office=world.office.did,
            parcel_id=PARCEL,
            type=pb.RESTRICTION_TYPE_LIS_PENDENS,
            description="District court case 2026/1234",
            source_sha256=world.deed("court order"),
        )
    ).tx_hash[:16]
    for key in (anna.key, dirk.key):
        world.consent(transfer_id, deed, key)
    world.approve(transfer_id, deed)
    exc = expect_error(lambda: world.finalize(transfer_id, anna.key), FAILED, "ENCUMBERED")
    assert error_info(exc).metadata["restriction"] == lis.hex()
    expect_error(
        lambda: world.propose(PARCEL, {b: "1/6"}, {dirk.did: "1/6"}, world.people["Bram"].key),
        FAILED,
        "ENCUMBERED",
    )
    # The mortgage release RPC refuses a court restriction; only the office releases it.
    world.refused(
        pb.ReleaseMortgage(parcel_id=PARCEL, mortgage_id=lis),
        [anna.key],
        FAILED,
        "BAD_RESTRICTION_TYPE",
    )
    world.office_submit(
        pb.ReleaseRestriction(
            office=world.office.did,
            parcel_id=PARCEL,
            restriction_id=lis,
            source_sha256=world.deed("judgment"),
        )
    )
    world.finalize(transfer_id, anna.key)
    rights = world.stub.GetRights(pb.GetRightsRequest(parcel_id=PARCEL), timeout=10)
    assert [r.lineage_id for r in rights.restrictions] == [easement]


def test_deed_registered_but_never_transferred_changes_nothing(world: LandWorld) -> None:
    a, b, c = three_owners(world)
    world.deed("a deed of sale nobody proposed")
    assert world.owners(PARCEL) == {a: F(1, 2), b: F(1, 6), c: F(1, 3)}


def test_group_party_needs_every_member(world: LandWorld) -> None:
    anna, bram, cas = (world.person(n) for n in ("Anna", "Bram", "Cas"))
    group = "urn:tabularium:group:" + "ab" * 16
    world.office_submit(
        pb.RegisterGroupParty(
            office=world.office.did,
            group=group,
            type=pb.GROUP_PARTY_TYPE_JOINT_TENANCY,
            members=[anna.did, bram.did],
        )
    )
    world.register_parcel(PARCEL, rect(4.9, 52.3, 4.901, 52.301), {group: "1"})
    transfer_id, deed = world.propose(PARCEL, {group: "1"}, {cas.did: "1"}, anna.key)
    world.consent(transfer_id, deed, anna.key)
    world.consent(transfer_id, deed, cas.key)
    world.approve(transfer_id, deed)
    exc = expect_error(
        lambda: world.finalize(transfer_id, anna.key), FAILED, "GROUP_CONSENT_REQUIRED"
    )
    assert error_info(exc).metadata["missing"] == bram.did
    world.consent(transfer_id, deed, bram.key)
    world.finalize(transfer_id, cas.key)
    assert world.owners(PARCEL) == {cas.did: F(1)}


def test_ownership_at_past_heights_and_times(world: LandWorld) -> None:
    a, b, c = three_owners(world)
    anna, bram, dirk = world.people["Anna"], world.people["Bram"], world.person("Dirk")
    h1 = world.head()
    t1 = time.time_ns() // 1000
    time.sleep(0.05)
    tid, deed = world.propose(PARCEL, {a: "1/2"}, {dirk.did: "1/2"}, anna.key)
    world.consent(tid, deed, anna.key, dirk.key)
    world.approve(tid, deed)
    world.finalize(tid, dirk.key)
    h2 = world.head()
    tid, deed = world.propose(PARCEL, {b: "1/6"}, {dirk.did: "1/6"}, bram.key)
    world.consent(tid, deed, bram.key, dirk.key)
    world.approve(tid, deed)
    world.finalize(tid, dirk.key)
    h3 = world.head()
    assert world.owners(PARCEL, at_height=h1) == {a: F(1, 2), b: F(1, 6), c: F(1, 3)}
    assert world.owners(PARCEL, at_height=h2) == {b: F(1, 6), c: F(1, 3), dirk.did: F(1, 2)}
    assert world.owners(PARCEL, at_height=h3) == {c: F(1, 3), dirk.did: F(2, 3)}
    from tabularium.chain.tx import timestamp_us

    assert world.owners(PARCEL, at_time=timestamp_us(t1)) == world.owners(PARCEL, at_height=h1)
    expect_error(
        lambda: world.owners(PARCEL, at_height=h3 + 1000),
        grpc.StatusCode.OUT_OF_RANGE,
        "HEIGHT_IN_FUTURE",
    )


@pytest.mark.parametrize("cooling_off", [3600])
def test_cooling_off_and_freeze(chain: Chain, node: NodeProcess, cooling_off: int) -> None:
    world = LandWorld(chain, node, cooling_off=cooling_off)
    a, b, c = three_owners(world)
    anna, bram, dirk = world.people["Anna"], world.people["Bram"], world.person("Dirk")
    tid, deed = world.propose(PARCEL, {a: "1/2"}, {dirk.did: "1/2"}, anna.key)
    world.consent(tid, deed, anna.key, dirk.key)
    world.approve(tid, deed)
    exc = expect_error(lambda: world.finalize(tid, anna.key), FAILED, "COOLING_OFF")
    assert int(error_info(exc).metadata["not_before_us"]) > time.time_ns() // 1000
    # A stranger cannot freeze; a registered owner (Bram, not even a party) can.
    world.refused(pb.FreezeTransfer(transfer_id=tid, reason="?"), [dirk.key], FAILED, "NOT_HOLDER")
    world.submit(pb.FreezeTransfer(transfer_id=tid, reason="I did not agree"), bram.key)
    world.refused(pb.FinalizeTransfer(transfer_id=tid), [anna.key], FAILED, "FROZEN")
    # Registrars (two) decide: reject. The transfer is closed for good.
    world.office_submit(pb.ResolveFreeze(office=world.office.did, transfer_id=tid, lift=False))
    world.refused(pb.FinalizeTransfer(transfer_id=tid), [anna.key], FAILED, "TRANSFER_CLOSED")
    got = world.stub.GetTransfer(pb.GetTransferRequest(transfer_id=tid), timeout=10)
    assert got.transfer.status == pb.TRANSFER_STATUS_REJECTED
    assert world.owners(PARCEL) == {a: F(1, 2), b: F(1, 6), c: F(1, 3)}
    # A freeze the registrars lift: the transfer is pending again (still cooling off).
    tid2, deed2 = world.propose(PARCEL, {b: "1/6"}, {dirk.did: "1/6"}, bram.key)
    world.submit(pb.FreezeTransfer(transfer_id=tid2, reason="check"), world.people["Cas"].key)
    world.refused(
        pb.ResolveFreeze(office=world.office.did, transfer_id=tid2, lift=True),
        [world.r1.key],
        grpc.StatusCode.PERMISSION_DENIED,
        "NOT_AUTHORIZED",
    )
    world.office_submit(pb.ResolveFreeze(office=world.office.did, transfer_id=tid2, lift=True))
    got = world.stub.GetTransfer(pb.GetTransferRequest(transfer_id=tid2), timeout=10)
    assert got.transfer.status == pb.TRANSFER_STATUS_PENDING and deed2


def test_cooling_off_ends_by_block_time(chain: Chain, node: NodeProcess) -> None:
    world = LandWorld(chain, node, cooling_off=2)
    a, _b, _c = three_owners(world)
    anna, dirk = world.people["Anna"], world.person("Dirk")
    tid, deed = world.propose(PARCEL, {a: "1/2"}, {dirk.did: "1/2"}, anna.key)
    world.consent(tid, deed, anna.key, dirk.key)
    world.approve(tid, deed)
    got = world.stub.GetTransfer(pb.GetTransferRequest(transfer_id=tid), timeout=10).transfer
    wait = got.cooling_off_until.ToMicroseconds() - time.time_ns() // 1000
    if wait > 0:
        expect_error(lambda: world.finalize(tid, anna.key), FAILED, "COOLING_OFF")
        time.sleep(wait / 1e6 + 0.2)
    world.finalize(tid, anna.key)
    assert world.owners(PARCEL)[dirk.did] == F(1, 2)


def test_mortgage_rules_and_expiry(chain: Chain, node: NodeProcess) -> None:
    world = LandWorld(chain, node)
    a, b, c = three_owners(world)
    anna, bram, cas = (world.people[n] for n in ("Anna", "Bram", "Cas"))
    dirk = world.person("Dirk")
    mortgage_deed = world.deed("mortgage deed")
    action = pb.RegisterMortgage(
        parcel_id=PARCEL,
        lender=world.bank.did,
        principal_minor_units=1_000_00,
        currency="EUR",
        deed_sha256=mortgage_deed,
    )
    denied = grpc.StatusCode.PERMISSION_DENIED
    world.refused(action, [anna.key, bram.key, world.bank.key], denied, "OWNER_SIGNATURE_REQUIRED")
    world.refused(action, [anna.key, bram.key, cas.key], denied, "LENDER_SIGNATURE_REQUIRED")
    mortgage = world.submit(action, anna.key, bram.key, cas.key, world.bank.key).tx_hash[:16]
    world.refused(
        pb.ReleaseMortgage(parcel_id=PARCEL, mortgage_id=mortgage),
        [anna.key],
        denied,
        "NOT_MORTGAGEE",
    )
    # With the lender's consent the transfer goes through and the mortgage stays on the parcel.
    tid, deed = world.propose(PARCEL, {c: "1/3"}, {dirk.did: "1/3"}, cas.key)
    world.consent(tid, deed, cas.key, dirk.key)
    world.approve(tid, deed)
    world.refused(pb.FinalizeTransfer(transfer_id=tid), [cas.key], FAILED, "ENCUMBERED")
    world.consent(tid, deed, world.bank.key)
    world.finalize(tid, cas.key)
    assert world.owners(PARCEL) == {a: F(1, 2), b: F(1, 6), dirk.did: F(1, 3)}
    rights = world.stub.GetRights(pb.GetRightsRequest(parcel_id=PARCEL), timeout=10)
    assert [r.lineage_id for r in rights.restrictions] == [mortgage]
    world.submit(pb.ReleaseMortgage(parcel_id=PARCEL, mortgage_id=mortgage), world.bank.key)
    world.refused(
        pb.ReleaseMortgage(parcel_id=PARCEL, mortgage_id=mortgage),
        [world.bank.key],
        FAILED,
        "RESTRICTION_RELEASED",
    )
    # A proposal expires by block time.
    world.submit(
        pb.ConfigureOffice(office=world.office.did, cooling_off_seconds=0, proposal_ttl_seconds=1),
        world.office.key,
    )
    tid, deed = world.propose(PARCEL, {b: "1/6"}, {dirk.did: "1/6"}, bram.key)
    world.consent(tid, deed, bram.key, dirk.key)
    world.approve(tid, deed)
    time.sleep(1.3)
    world.refused(pb.FinalizeTransfer(transfer_id=tid), [bram.key], FAILED, "PROPOSAL_EXPIRED")
    assert world.owners(PARCEL) == {a: F(1, 2), b: F(1, 6), dirk.did: F(1, 3)}
    # The expired proposal no longer blocks a new one of the same share.
    world.propose(PARCEL, {b: "1/6"}, {dirk.did: "1/6"}, bram.key)
