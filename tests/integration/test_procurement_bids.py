"""Sealed bids through a real node with a movable block clock: the committee's key ceremony
(with a bad share exposed by a complaint), bids sealed to the joint key, a copied rival capsule,
late bids, withdrawal, opening early and with one share too few (no plaintext anywhere, not
even in the node's files), and the quorum's opening of two lots with three bidders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tabularium.crypto import sealedbid as sb
from tabularium.crypto import threshold as th
from tabularium.procurement.v1 import procurement_pb2 as pb
from tests.conftest import Chain
from tests.helpers import error_info
from tests.integration.pharma_world import clocked_node
from tests.integration.procurement_world import (
    DAY,
    DENIED,
    EXISTS,
    FAILED,
    INVALID,
    Member,
    ProcurementWorld,
    figures_of,
)

OCID = "ocds-213czf-000-00002"


@pytest.fixture
def world(chain: Chain, tmp_path: Path) -> Iterator[ProcurementWorld]:
    with clocked_node(chain, tmp_path) as (node, clock):
        yield ProcurementWorld(chain, node, clock)


def test_open_procedure_two_lots_three_bidders(world: ProcurementWorld) -> None:
    world.publish(OCID)
    alfa, beta, gamma = world.bidders
    # No bid before the committee's key exists.
    world.refused(
        pb.SubmitBid(ocid=OCID, lot="1", bidder=alfa.did, bid=pb.SealedBid()),
        [alfa.key],
        FAILED,
        "COMMITTEE_NOT_READY",
    )
    members = world.ceremony(OCID)
    tender = world.tender(OCID)
    dealers = [list(m.commitments) for m in tender.members]
    assert tender.joint_key == th.joint_share_commitment(dealers, 0)
    world.bid(OCID, "1", alfa, 1_100_000_00)
    world.bid(OCID, "1", beta, 1_050_000_00)
    world.bid(OCID, "2", gamma, 790_000_01)
    world.bid(OCID, "2", alfa, 97_531_864_20)
    # Alfa replaces its lot-2 bid; Beta withdraws from lot 1 and bids again.
    replaced = world.bid(OCID, "2", alfa, 750_000_00)
    world.submit(pb.WithdrawBid(ocid=OCID, lot="1", bidder=beta.did), beta.key)
    world.refused(
        pb.WithdrawBid(ocid=OCID, lot="1", bidder=beta.did), [beta.key], FAILED, "BID_WITHDRAWN"
    )
    world.bid(OCID, "1", beta, 1_000_000_00)
    bids = {(b.lot, b.bidder): b for b in world.bids(OCID)}
    assert len(bids) == 4
    assert bids[("2", alfa.did)].entry_index == replaced.entry_index
    assert all(b.status == pb.BID_STATUS_SEALED and not b.figures for b in bids.values())
    assert [b.lot for b in world.bids(OCID, "2")] == ["2", "2"]

    # The buyer and its officials cannot bid.
    world.refused(
        world.bid_action(OCID, "1", world.officer, {"price": 1}),
        [world.officer.key],
        DENIED,
        "BUYER_CANNOT_BID",
    )
    # Opening before the deadline.
    world.refused(world.open_action(OCID, members[0]), [members[0].actor.key], FAILED, "SEALED")
    world.advance(36 * DAY)
    # One block after the deadline: late, for new bids and withdrawals alike.
    world.refused(world.bid_action(OCID, "1", gamma, {"price": 1}), [gamma.key], FAILED, "LATE")
    world.refused(pb.WithdrawBid(ocid=OCID, lot="1", bidder=alfa.did), [alfa.key], FAILED, "LATE")

    # k-1 shares: still sealed, and the figures are nowhere in the node's files.
    for member in members[:2]:
        world.submit(world.open_action(OCID, member), member.actor.key)
    assert world.tender(OCID).opening_members == [1, 2]
    assert all(b.status == pb.BID_STATUS_SEALED for b in world.bids(OCID))
    files = world.store_bytes()
    assert b"79000001" not in files
    assert b"9753186420" not in files
    world.refused(
        world.open_action(OCID, members[0]), [members[0].actor.key], EXISTS, "ALREADY_POSTED"
    )
    # The quorum's third share opens every bid.
    receipt = world.submit(world.open_action(OCID, members[4]), members[4].actor.key)
    opened = {(b.lot, b.bidder): b for b in world.bids(OCID)}
    assert all(b.status == pb.BID_STATUS_OPENED for b in opened.values())
    assert figures_of(opened[("1", alfa.did)]) == {"price": 1_100_000_00}
    assert figures_of(opened[("1", beta.did)]) == {"price": 1_000_000_00}
    assert figures_of(opened[("2", alfa.did)]) == {"price": 750_000_00}
    assert figures_of(opened[("2", gamma.did)]) == {"price": 790_000_01}
    # Now the opened figures are in state; the replaced bid was never decrypted.
    files = world.store_bytes()
    assert b"79000001" in files
    assert b"9753186420" not in files
    tender = world.tender(OCID)
    assert tender.opened_entry_index == receipt.entry_index
    world.refused(
        world.open_action(OCID, members[3]), [members[3].actor.key], FAILED, "BIDS_OPENED"
    )


def test_copied_rival_capsule_is_refused(world: ProcurementWorld) -> None:
    world.publish(OCID)
    world.ceremony(OCID)
    alfa, beta, _ = world.bidders
    original = world.bid_action(OCID, "1", alfa, {"price": 900_000_00})
    world.submit(original, alfa.key)
    # Beta copies Alfa's sealed bid as its own: the proof binds Alfa.
    copied = pb.SubmitBid(ocid=OCID, lot="1", bidder=beta.did, bid=original.bid)
    world.refused(copied, [beta.key], INVALID, "INVALID_PROOF")
    # Onto another lot: bound to the lot too.
    moved = pb.SubmitBid(ocid=OCID, lot="2", bidder=alfa.did, bid=original.bid)
    world.refused(moved, [alfa.key], INVALID, "INVALID_PROOF")
    # Its own structured part with Alfa's capsule: bound to the contents.
    own = world.bid_action(OCID, "1", beta, {"price": 1})
    mixed = pb.SealedBid()
    mixed.CopyFrom(original.bid)
    mixed.structured = own.bid.structured
    world.refused(
        pb.SubmitBid(ocid=OCID, lot="1", bidder=alfa.did, bid=mixed),
        [alfa.key],
        INVALID,
        "INVALID_PROOF",
    )
    bad_point = pb.SealedBid()
    bad_point.CopyFrom(original.bid)
    bad_point.alpha = b"\xff" * 32
    world.refused(
        pb.SubmitBid(ocid=OCID, lot="1", bidder=alfa.did, bid=bad_point),
        [alfa.key],
        INVALID,
        "INVALID_GROUP_ELEMENT",
    )
    assert [b.bidder for b in world.bids(OCID)] == [alfa.did]


def test_bad_share_complaint_fails_the_ceremony(world: ProcurementWorld) -> None:
    world.publish(OCID)
    members = world.members(OCID)
    world.register_keys(OCID, members)
    # Dealing waits for every key; a second key is refused.
    m1 = members[0]
    world.refused(
        pb.RegisterCommitteeKey(ocid=OCID, public_key=b"\x00" * 32),
        [m1.actor.key],
        EXISTS,
        "KEY_REGISTERED",
    )
    # Member 1 seals a wrong value to member 2 (a valid ciphertext of a value off its polynomial).
    honest = world.deal_action(OCID, m1)
    tender = world.tender(OCID)
    dids, quorum = list(tender.terms.committee.members), tender.terms.committee.quorum
    wrong = th.elgamal_encrypt(
        sb.ceremony_key(OCID, dids, quorum),
        tender.members[1].public_key,
        th.random_scalar(),
        th.random_scalar(),
        sb.share_context(1, 2),
    )
    cheating = pb.DealCommitteeShares()
    cheating.CopyFrom(honest)
    for s in cheating.shares:
        if s.recipient == 2:
            s.alpha, s.ciphertext, s.mac = wrong.alpha, wrong.ciphertext, wrong.mac
    world.submit(cheating, m1.actor.key)
    world.refused(cheating, [m1.actor.key], EXISTS, "ALREADY_DEALT")
    for member in members[1:]:
        world.submit(world.deal_action(OCID, member), member.actor.key)
    # Member 3's shares are all good: a complaint against member 1 is unfounded.
    m2, m3 = members[1], members[2]
    assert world.check_shares(OCID, m3) == []
    world.refused(world.complaint(OCID, m3, 1), [m3.actor.key], FAILED, "SHARE_VALID")
    # A forged complaint (shared point not x*alpha) does not verify.
    assert world.check_shares(OCID, m2) == [1]
    forged = world.complaint(OCID, m2, 1)
    forged.shared = th.commitments([th.random_scalar()])[0]
    world.refused(forged, [m2.actor.key], INVALID, "INVALID_PROOF")
    # Not a member at all.
    outsider = world.bidders[0]
    world.refused(world.complaint(OCID, m2, 1), [outsider.key], DENIED, "NOT_COMMITTEE_MEMBER")
    world.submit(world.complaint(OCID, m2, 1), m2.actor.key)
    tender = world.tender(OCID)
    assert tender.ceremony_status == pb.CEREMONY_STATUS_FAILED
    world.refused(
        pb.ConfirmCommitteeKey(ocid=OCID, joint_key=tender.joint_key),
        [m3.actor.key],
        FAILED,
        "CEREMONY_CLOSED",
    )
    # The buyer replaces the committee by amendment (member 1 out) and the ceremony restarts.
    terms = world.terms(members=world.member_actors[1:], quorum=3)
    world.submit(world.amend_action(OCID, terms, "member 1 dealt a bad share"), world.officer.key)
    assert world.tender(OCID).ceremony_status == pb.CEREMONY_STATUS_RUNNING
    world.ceremony(OCID)


def test_ceremony_refusals(world: ProcurementWorld) -> None:
    world.publish(OCID)
    members = world.members(OCID)
    m1 = members[0]
    # Dealing before every key is registered.
    world.register_keys(OCID, members[:1])
    world.refused(pb.DealCommitteeShares(ocid=OCID), [m1.actor.key], FAILED, "CEREMONY_NOT_READY")
    # A key proof made for another member's index does not verify.
    m2 = members[1]
    tender = world.tender(OCID)
    dids, quorum = list(tender.terms.committee.members), tender.terms.committee.quorum
    m2.secrets = sb.member_keygen(OCID, 2, quorum)
    wrong = sb.prove_member_key(
        sb.MemberSecrets(3, m2.secrets.key_secret, m2.secrets.coefficients, OCID),
        m2.actor.did,
        dids,
        quorum,
    )
    world.refused(
        pb.RegisterCommitteeKey(
            ocid=OCID, public_key=m2.secrets.public_key, proof=pb.Proof(c=wrong.c, v=wrong.v)
        ),
        [m2.actor.key],
        INVALID,
        "INVALID_PROOF",
    )
    world.refused(
        pb.RegisterCommitteeKey(ocid=OCID, public_key=bytes(32), proof=pb.Proof()),
        [m2.actor.key],
        INVALID,
        "INVALID_GROUP_ELEMENT",
    )
    world.register_keys(OCID, members[1:])
    # A dealing with a share missing.
    short = world.deal_action(OCID, m1)
    del short.shares[0]
    world.refused(short, [m1.actor.key], INVALID, "SHARES_INCOMPLETE")
    for member in members:
        world.submit(world.deal_action(OCID, member), member.actor.key)
    # The committee's key changes only with the committee: not after the ceremony began.
    world.refused(
        world.amend_action(OCID, world.terms(quorum=4), "more members needed"),
        [world.officer.key],
        FAILED,
        "COMMITTEE_FROZEN",
    )
    world.refused(
        pb.ConfirmCommitteeKey(ocid=OCID, joint_key=b"\x01" * 32),
        [m1.actor.key],
        INVALID,
        "JOINT_KEY_MISMATCH",
    )


def test_opening_refusals(world: ProcurementWorld) -> None:
    world.publish(OCID)
    members = world.ceremony(OCID)
    alfa, beta, _ = world.bidders
    world.bid(OCID, "1", alfa, 1_000_00)
    world.bid(OCID, "1", beta, 2_000_00)
    world.advance(36 * DAY)
    outsider = Member(alfa, 1, secret_share=members[0].secret_share)
    world.refused(world.open_action(OCID, outsider), [alfa.key], DENIED, "NOT_COMMITTEE_MEMBER")
    # Shares for only one of the two bids.
    partial = world.open_action(OCID, members[0])
    del partial.shares[1]
    world.refused(partial, [members[0].actor.key], INVALID, "SHARES_INCOMPLETE")
    # Member 2's share under member 1's key: the proof fails against member 1's share key.
    swapped = world.open_action(OCID, members[1])
    exc = world.refused(swapped, [members[0].actor.key], INVALID, "INVALID_PROOF")
    assert "entry_index" in error_info(exc).metadata
    assert world.tender(OCID).opening_members == []


def test_unreadable_bid_is_recorded_not_lost(world: ProcurementWorld) -> None:
    """A bidder who seals garbage (valid capsule, figures missing) gets an unreadable bid."""
    world.publish(OCID)
    members = world.ceremony(OCID)
    alfa, beta, _ = world.bidders
    world.submit(world.bid_action(OCID, "1", alfa, {"cost": 5}), alfa.key)
    world.bid(OCID, "1", beta, 7_00)
    world.advance(36 * DAY)
    for member in members[2:]:
        world.submit(world.open_action(OCID, member), member.actor.key)
    bids = {b.bidder: b for b in world.bids(OCID)}
    assert bids[alfa.did].status == pb.BID_STATUS_UNREADABLE
    assert "price" in bids[alfa.did].unreadable_reason
    assert figures_of(bids[beta.did]) == {"price": 7_00}


def test_procurement_entries_hold_no_plaintext_or_names(world: ProcurementWorld) -> None:
    world.publish(OCID)
    members = world.ceremony(OCID)
    world.bid(OCID, "1", world.bidders[0], 123_456_789_01)
    world.advance(36 * DAY)
    names = [a.name.encode() for a in (*world.member_actors, *world.bidders)]
    for entry in world.log_entries():
        if b"tabularium.procurement.v1" not in entry:
            continue
        assert b"12345678901" not in entry
        assert not any(name in entry for name in names)
    world.submit(world.open_action(OCID, members[0]), members[0].actor.key)
    assert b"12345678901" not in world.store_bytes()
