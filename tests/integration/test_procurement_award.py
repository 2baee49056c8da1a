"""Evaluation to contract through a real node with a movable block clock: no-conflict
declarations, marks, a bid below the pass mark, exact scores, award to the second-ranked bid
refused (and red-flagged), the standstill and complaints, the review body, the contract, and
Art. 72 modifications at, just under and just over each limit."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest

from tabularium.chain.checkpoint import NoteVerifier
from tabularium.chain.receipt import verify_receipt
from tabularium.ledger.v1 import ledger_pb2
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
    eur,
)

OCID = "ocds-213czf-000-00003"
REVIEW_CLAUSE = hashlib.sha256(b"clausola di revisione prezzi").digest()
PRICES = {"Alfa": 1_100_000_00, "Beta": 1_000_000_00, "Gamma": 1_050_000_00}
MARKS = {"Alfa": (8, 8, 8), "Beta": (5, 6, 7), "Gamma": (3, 3, 3)}


class Evaluated:
    def __init__(self, world: ProcurementWorld) -> None:
        self.world = world
        terms = world.terms()
        terms.documents.append(
            pb.SpecDocument(
                name="revisione.pdf", sha256=REVIEW_CLAUSE, review_clause_limit=eur(50_000_00)
            )
        )
        world.publish(OCID, terms)
        self.members: list[Member] = world.ceremony(OCID)
        self.by_name = {b.name: b for b in world.bidders}
        for name, price in PRICES.items():
            world.bid(OCID, "1", self.by_name[name], price)
        world.advance(36 * DAY)
        for member in self.members[2:]:
            world.submit(world.open_action(OCID, member), member.actor.key)

    def declare(self, member: Member) -> None:
        self.world.submit(
            pb.DeclareNoConflict(ocid=OCID, declaration_sha256=b"\x07" * 32), member.actor.key
        )

    def mark_action(self, bidder: str, mark: int) -> pb.MarkBid:
        return pb.MarkBid(
            ocid=OCID,
            lot="1",
            bidder=self.by_name[bidder].did,
            marks=[pb.Mark(criterion="quality", mark=mark)],
        )

    def evaluation(self) -> pb.GetEvaluationResponse:
        return self.world.stub.GetEvaluation(
            pb.GetEvaluationRequest(ocid=OCID, lot="1"), timeout=10
        )

    def award_action(self, bidder: str, value: int | None = None) -> pb.AwardContract:
        return pb.AwardContract(
            ocid=OCID,
            buyer=self.world.buyer.did,
            lot="1",
            bidder=self.by_name[bidder].did,
            value=eur(PRICES[bidder] if value is None else value),
            criteria_hash=self.world.tender(OCID).criteria_hash,
        )

    def close(self) -> None:
        outside = self.members[2:]
        declared = set(self.evaluation().evaluation.declared_members)
        for member in outside:
            if member.index not in declared:
                self.declare(member)
        for name, marks in MARKS.items():
            for member, mark in zip(outside, marks, strict=True):
                self.world.submit(self.mark_action(name, mark), member.actor.key)
        self.world.submit(pb.CloseEvaluation(ocid=OCID, lot="1"), outside[0].actor.key)

    def modify(self, basis: int, amount: int, clause: bytes = b"") -> pb.ModifyContract:
        return pb.ModifyContract(
            ocid=OCID,
            buyer=self.world.buyer.did,
            lot="1",
            basis=basis,
            amount=eur(amount),
            rationale="variante in corso d'opera",
            review_clause_sha256=clause,
        )


@pytest.fixture
def world(chain: Chain, tmp_path: Path) -> Iterator[ProcurementWorld]:
    with clocked_node(chain, tmp_path) as (node, clock):
        yield ProcurementWorld(chain, node, clock)


def frac(value: pb.Fraction) -> Fraction:
    return Fraction(value.numerator, value.denominator)


def test_evaluation_scores_exactly_and_award_follows_the_ranking(world: ProcurementWorld) -> None:
    ev = Evaluated(world)
    outside = ev.members[2:]
    # Marking before the Art. 24 declaration; closing before every bid has the quorum's marks.
    world.refused(
        ev.mark_action("Alfa", 8), [outside[0].actor.key], FAILED, "COI_DECLARATION_MISSING"
    )
    ev.declare(outside[0])
    world.refused(
        pb.DeclareNoConflict(ocid=OCID, declaration_sha256=b"\x07" * 32),
        [outside[0].actor.key],
        EXISTS,
        "ALREADY_DECLARED",
    )
    world.refused(ev.mark_action("Alfa", 11), [outside[0].actor.key], INVALID, "MARK_OUT_OF_RANGE")
    world.submit(ev.mark_action("Alfa", 8), outside[0].actor.key)
    world.refused(
        pb.CloseEvaluation(ocid=OCID, lot="1"),
        [outside[0].actor.key],
        FAILED,
        "EVALUATION_INCOMPLETE",
    )
    world.refused(ev.award_action("Alfa"), [world.officer.key], FAILED, "EVALUATION_INCOMPLETE")
    ev.close()
    got = ev.evaluation()
    ranking = {r.bidder: r for r in got.evaluation.ranking}
    alfa, beta, gamma = (ranking[ev.by_name[n].did] for n in ("Alfa", "Beta", "Gamma"))
    # Price 60 by lowest ratio among bids that pass; quality 40 proportional to the mean mark.
    assert frac(beta.total) == 60 + Fraction(40 * 6, 10)
    assert frac(alfa.total) == Fraction(60 * 1_000_000_00, 1_100_000_00) + Fraction(40 * 8, 10)
    assert (alfa.rank, beta.rank) == (1, 2)
    assert (gamma.rank, gamma.passed, list(gamma.failed_criteria)) == (0, False, ["quality"])
    assert got.evaluation.closed and len(got.evaluation.draw_seed) == 32
    # The terms' receipt verifies offline and carries the publication entry.
    info = world.node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10)
    verify_receipt(got.terms_receipt, NoteVerifier.parse(info.verifier_key))
    assert got.terms_receipt.entry_index == world.tender(OCID).published_entry_index

    # Award to the second-ranked and to the failed bid: refused and red-flagged.
    exc = world.refused(
        ev.award_action("Beta"), [world.officer.key], FAILED, "AWARD_NOT_TOP_RANKED"
    )
    assert error_info(exc).metadata["rank"] == "2"
    world.refused(ev.award_action("Gamma"), [world.officer.key], FAILED, "INVALID_AWARD")
    assert "refused_award_attempt" in world.tender(OCID).red_flags
    world.refused(
        ev.award_action("Alfa", value=1), [world.officer.key], INVALID, "AWARD_VALUE_MISMATCH"
    )
    stale = ev.award_action("Alfa")
    stale.criteria_hash = b"\x00" * 32
    world.refused(stale, [world.officer.key], INVALID, "CRITERIA_MISMATCH")
    world.submit(ev.award_action("Alfa"), world.officer.key)
    award = ev.evaluation().evaluation.awards[0]
    assert award.bidder == ev.by_name["Alfa"].did
    assert award.criteria_hash == world.tender(OCID).criteria_hash
    assert award.standstill_ends_at.seconds - award.awarded_at.seconds == 10 * DAY


def test_standstill_complaints_and_contract(world: ProcurementWorld) -> None:
    ev = Evaluated(world)
    ev.close()
    world.submit(ev.award_action("Alfa"), world.officer.key)
    sign = pb.SignContract(ocid=OCID, buyer=world.buyer.did, lot="1", value=eur(PRICES["Alfa"]))
    world.refused(sign, [world.officer.key], FAILED, "STANDSTILL_ACTIVE")
    beta = ev.by_name["Beta"]
    complaint = pb.FileComplaint(
        ocid=OCID, lot="1", complainant=beta.did, grounds_sha256=b"\x05" * 32
    )
    world.submit(complaint, beta.key)
    outsider = pb.FileComplaint(
        ocid=OCID, lot="1", complainant=world.experts_org.did, grounds_sha256=b"\x05" * 32
    )
    world.refused(outsider, [world.experts_org.key], DENIED, "NOT_A_TENDERER")
    world.advance(10 * DAY)
    gamma = ev.by_name["Gamma"]
    late = pb.FileComplaint(ocid=OCID, lot="1", complainant=gamma.did, grounds_sha256=b"\x05" * 32)
    world.refused(late, [gamma.key], FAILED, "COMPLAINT_WINDOW_CLOSED")
    world.refused(sign, [world.officer.key], FAILED, "COMPLAINT_PENDING")
    # Only the review body rules.
    resolve = pb.ResolveComplaint(
        ocid=OCID, lot="1", complaint=1, outcome=pb.COMPLAINT_OUTCOME_DISMISSED
    )
    world.refused(resolve, [world.officer.key], DENIED, "NOT_AUTHORIZED")
    world.submit(resolve, world.chain.admin_key)
    above = pb.SignContract(
        ocid=OCID, buyer=world.buyer.did, lot="1", value=eur(PRICES["Alfa"] + 1)
    )
    world.refused(above, [world.officer.key], FAILED, "CONTRACT_EXCEEDS_AWARD")
    world.submit(sign, world.officer.key)
    contract = ev.evaluation().evaluation.contract
    assert contract.value.minor_units == PRICES["Alfa"]
    world.refused(sign, [world.officer.key], EXISTS, "ALREADY_SIGNED")


def test_upheld_complaint_annuls_the_award(world: ProcurementWorld) -> None:
    ev = Evaluated(world)
    ev.close()
    world.submit(ev.award_action("Alfa"), world.officer.key)
    beta = ev.by_name["Beta"]
    world.submit(
        pb.FileComplaint(ocid=OCID, lot="1", complainant=beta.did, grounds_sha256=b"\x05" * 32),
        beta.key,
    )
    world.submit(
        pb.ResolveComplaint(ocid=OCID, lot="1", complaint=1, outcome=pb.COMPLAINT_OUTCOME_UPHELD),
        world.chain.admin_key,
    )
    got = ev.evaluation().evaluation
    assert got.awards[0].status == pb.AWARD_STATUS_ANNULLED
    # Alfa is now excluded: Beta is the top valid bid.
    world.refused(ev.award_action("Alfa"), [world.officer.key], FAILED, "INVALID_AWARD")
    world.submit(ev.award_action("Beta"), world.officer.key)


def _signed(world: ProcurementWorld) -> Evaluated:
    ev = Evaluated(world)
    ev.close()
    world.submit(ev.award_action("Alfa"), world.officer.key)
    world.advance(10 * DAY)
    world.submit(
        pb.SignContract(ocid=OCID, buyer=world.buyer.did, lot="1", value=eur(PRICES["Alfa"])),
        world.officer.key,
    )
    return ev


def test_art72_additional_and_unforeseen(world: ProcurementWorld) -> None:
    ev = _signed(world)
    initial = PRICES["Alfa"]  # 1,100,000.00: each at most 550,000.00
    for basis in (pb.MODIFICATION_BASIS_ADDITIONAL, pb.MODIFICATION_BASIS_UNFORESEEN):
        exc = world.refused(
            ev.modify(basis, initial // 2 + 1),
            [world.officer.key],
            FAILED,
            "NEW_PROCUREMENT_REQUIRED",
        )
        assert error_info(exc).metadata == {
            "limit": str(initial // 2),
            "amount": str(initial // 2 + 1),
            "entry_index": error_info(exc).metadata["entry_index"],
        }
    assert "refused_modification" in world.tender(OCID).red_flags
    world.submit(ev.modify(pb.MODIFICATION_BASIS_ADDITIONAL, initial // 2), world.officer.key)
    world.submit(ev.modify(pb.MODIFICATION_BASIS_UNFORESEEN, initial // 2 - 1), world.officer.key)
    contract = ev.evaluation().evaluation.contract
    assert contract.current_value.minor_units == initial + initial - 1
    world.refused(
        ev.modify(pb.MODIFICATION_BASIS_ADDITIONAL, 0), [world.officer.key], INVALID, "BAD_AMOUNT"
    )


def test_art72_de_minimis_cumulated_and_thresholds(world: ProcurementWorld) -> None:
    ev = _signed(world)
    de_minimis = pb.MODIFICATION_BASIS_DE_MINIMIS
    # Works: below 15% of 1,100,000.00 = 165,000.00 (the Art. 4 threshold is far higher).
    exc = world.refused(
        ev.modify(de_minimis, 165_000_00), [world.officer.key], FAILED, "NEW_PROCUREMENT_REQUIRED"
    )
    assert error_info(exc).metadata["limit"] == "16500000"
    world.submit(ev.modify(de_minimis, 100_000_00), world.officer.key)
    world.submit(ev.modify(de_minimis, 64_999_99), world.officer.key)  # net 164,999.99
    world.refused(ev.modify(de_minimis, 1), [world.officer.key], FAILED, "NEW_PROCUREMENT_REQUIRED")
    # A reduction brings the net down; the threshold in force (lowered by the root) then binds.
    world.submit(ev.modify(de_minimis, -64_999_99), world.officer.key)  # net 100,000.00
    world.submit(
        pb.SetThresholds(works=eur(120_000_00), supplies_and_services=eur(50_000_00)),
        world.chain.admin_key,
    )
    exc = world.refused(
        ev.modify(de_minimis, 20_000_00), [world.officer.key], FAILED, "NEW_PROCUREMENT_REQUIRED"
    )
    assert error_info(exc).metadata["limit"] == "12000000"
    world.submit(ev.modify(de_minimis, 19_999_99), world.officer.key)


def test_art72_review_clause(world: ProcurementWorld) -> None:
    ev = _signed(world)
    clause = pb.MODIFICATION_BASIS_REVIEW_CLAUSE
    world.refused(
        ev.modify(clause, 10_00, b"\x09" * 32), [world.officer.key], INVALID, "NO_REVIEW_CLAUSE"
    )
    world.submit(ev.modify(clause, 30_000_00, REVIEW_CLAUSE), world.officer.key)
    world.refused(
        ev.modify(clause, 20_000_01, REVIEW_CLAUSE),
        [world.officer.key],
        FAILED,
        "NEW_PROCUREMENT_REQUIRED",
    )
    world.submit(ev.modify(clause, 20_000_00, REVIEW_CLAUSE), world.officer.key)  # at the limit
    assert len(ev.evaluation().evaluation.contract.modifications) == 2


def test_ocds_release_and_record_packages(world: ProcurementWorld) -> None:
    import json

    from tests.reference import ocds_schema

    ev = _signed(world)
    world.submit(ev.modify(pb.MODIFICATION_BASIS_ADDITIONAL, 10_000_00), world.officer.key)
    exc = world.refused(
        ev.modify(pb.MODIFICATION_BASIS_ADDITIONAL, 900_000_00),
        [world.officer.key],
        FAILED,
        "NEW_PROCUREMENT_REQUIRED",
    )
    refused = int(error_info(exc).metadata["entry_index"])
    releases_pkg = json.loads(
        world.stub.GetReleasePackage(
            pb.GetReleasePackageRequest(ocid=OCID), timeout=10
        ).package_json
    )
    ocds_schema.validate_release_package(releases_pkg)
    releases = releases_pkg["releases"]
    # One release per accepted action on the tender, in log order, each at its entry.
    indexes = [r["tabularium"]["entryIndex"] for r in releases]
    assert indexes == sorted(indexes)
    assert [r["id"] for r in releases] == [f"{OCID}-{i}" for i in indexes]
    tags = [r["tag"][0] for r in releases]
    assert tags[0] == "tender"
    assert tags.count("award") == 1 and tags.count("contract") == 1
    assert tags[-2:] == ["contractAmendment", "tenderUpdate"]
    # The refusal is no action, but the red flag it raised is released at its entry.
    flagged = releases[indexes.index(refused)]
    assert flagged["tabularium"]["refusal"] == "NEW_PROCUREMENT_REQUIRED"
    assert "refused_modification" in flagged["tabularium"]["redFlags"]
    record_pkg = json.loads(
        world.stub.GetRecordPackage(pb.GetRecordPackageRequest(ocid=OCID), timeout=10).package_json
    )
    ocds_schema.validate_record_package(record_pkg)
    record = record_pkg["records"][0]
    compiled, versioned = ocds_schema.merge(releases)
    assert record["compiledRelease"] == compiled
    assert record["versionedRelease"] == versioned
    contract = compiled["contracts"][0]
    assert contract["value"] == {"amount": 1_110_000, "currency": "EUR"}
    assert "refused_modification" in compiled["tabularium"]["redFlags"]
    bids = {b["tenderers"][0]["id"]: b for b in compiled["bids"]["details"]}
    assert bids[ev.by_name["Beta"].did]["value"] == {"amount": 1_000_000, "currency": "EUR"}
