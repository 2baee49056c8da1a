"""Publishing a tender and its frozen terms, through a real node with a movable block clock:
weights, minimum periods, committee independence, plain updates, amendments and their
deadline extension, and each refusal logged with its reason while the tender stays as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tabularium.procurement.v1 import procurement_pb2 as pb
from tests.conftest import Chain
from tests.helpers import error_info, expect_error
from tests.integration.pharma_world import clocked_node
from tests.integration.procurement_world import (
    DAY,
    DENIED,
    EXISTS,
    FAILED,
    INVALID,
    NOT_FOUND,
    ProcurementWorld,
    price_quality_lot,
)

OCID = "ocds-213czf-000-00001"


@pytest.fixture
def world(chain: Chain, tmp_path: Path) -> Iterator[ProcurementWorld]:
    with clocked_node(chain, tmp_path) as (node, clock):
        yield ProcurementWorld(chain, node, clock)


def test_publish_and_read_back(world: ProcurementWorld) -> None:
    receipt = world.publish(OCID)
    tender = world.tender(OCID)
    assert tender.buyer == world.buyer.did
    assert tender.published_entry_index == receipt.entry_index
    assert [lot.id for lot in tender.terms.lots] == ["1", "2"]
    assert len(tender.criteria_hash) == 32
    assert tender.minimum_period_days == 35
    assert tender.ceremony_status == pb.CEREMONY_STATUS_RUNNING
    assert [m.index for m in tender.members] == [1, 2, 3, 4, 5]
    assert list(tender.red_flags) == []
    # The same ocid again.
    world.refused(world.publish_action(OCID), [world.officer.key], EXISTS, "TENDER_EXISTS")


def test_criteria_hash_is_the_jcs_of_the_terms(world: ProcurementWorld) -> None:
    """Anyone can recompute it from the published terms (read back over gRPC)."""
    from tabularium.api.convert.procurement import _terms
    from tabularium.domains.procurement.model import criteria_hash

    world.publish(OCID)
    tender = world.tender(OCID)
    assert criteria_hash(_terms(tender.terms)) == tender.criteria_hash


def test_weights_must_sum_to_100(world: ProcurementWorld) -> None:
    lot = price_quality_lot("1", 1_000_00)
    lot.criteria[1].weight = 41  # 60 + 41
    terms = world.terms(lots=[lot])
    exc = world.refused(
        world.publish_action(OCID, terms), [world.officer.key], INVALID, "WEIGHTS_INVALID"
    )
    assert "lot '1'" in exc.details()  # type: ignore[attr-defined]
    expect_error(lambda: world.tender(OCID), NOT_FOUND, "NO_BASE_RELEASE")


def test_unknown_formula_and_bad_marks(world: ProcurementWorld) -> None:
    lot = price_quality_lot("1", 1_000_00)
    lot.criteria[0].formula = "price/cheapest-wins/v9"
    world.refused(
        world.publish_action(OCID, world.terms(lots=[lot])),
        [world.officer.key],
        INVALID,
        "UNKNOWN_FORMULA",
    )
    lot = price_quality_lot("1", 1_000_00)
    lot.criteria[1].pass_mark = 11  # above max_mark 10
    world.refused(
        world.publish_action(OCID, world.terms(lots=[lot])),
        [world.officer.key],
        INVALID,
        "BAD_MARK_SCALE",
    )


def test_minimum_periods(world: ProcurementWorld) -> None:
    # 35 days for paper submission, 30 electronic, 15 with a stated urgency.
    exc = world.refused(
        world.publish_action(OCID, world.terms(deadline_days=34.9)),
        [world.officer.key],
        FAILED,
        "TENDER_PERIOD_TOO_SHORT",
    )
    info = error_info(exc)
    assert info.metadata["minimum_days"] == "35"
    assert info.metadata["given_days"] == "34"
    world.refused(
        world.publish_action(OCID, world.terms(deadline_days=29.9, electronic=True)),
        [world.officer.key],
        FAILED,
        "TENDER_PERIOD_TOO_SHORT",
    )
    world.publish(OCID, world.terms(deadline_days=30.01, electronic=True))
    assert world.tender(OCID).minimum_period_days == 30
    world.refused(
        world.publish_action("ocds-213czf-2", world.terms(deadline_days=14.9, urgency="flood")),
        [world.officer.key],
        FAILED,
        "TENDER_PERIOD_TOO_SHORT",
    )
    world.publish("ocds-213czf-2", world.terms(deadline_days=15.01, urgency="flood damage"))
    urgent = world.tender("ocds-213czf-2")
    assert urgent.minimum_period_days == 15
    assert list(urgent.red_flags) == ["urgency"]


def test_authority_configures_its_periods(world: ProcurementWorld) -> None:
    world.submit(
        pb.ConfigureAuthority(buyer=world.buyer.did, minimum_period_days=40), world.buyer.key
    )
    world.refused(
        world.publish_action(OCID, world.terms(deadline_days=39)),
        [world.officer.key],
        FAILED,
        "TENDER_PERIOD_TOO_SHORT",
    )
    world.publish(OCID, world.terms(deadline_days=41))


def test_committee_independence(world: ProcurementWorld) -> None:
    inside = world.member_actors[:2]
    outside = world.member_actors[2:]
    # Two of the buyer's officials in a 2-of-4 committee could open the bids alone.
    world.refused(
        world.publish_action(OCID, world.terms(members=[*inside, *outside[:2]], quorum=2)),
        [world.officer.key],
        FAILED,
        "COMMITTEE_NOT_INDEPENDENT",
    )
    # The buyer itself counts as its own.
    world.refused(
        world.publish_action(
            OCID, world.terms(members=[world.buyer, inside[0], outside[0]], quorum=2)
        ),
        [world.officer.key],
        FAILED,
        "COMMITTEE_NOT_INDEPENDENT",
    )
    world.publish(OCID, world.terms(members=[*inside, *outside], quorum=3))


def test_only_the_buyers_procurement_staff_publish(world: ProcurementWorld) -> None:
    world.refused(world.publish_action(OCID), [world.bidders[0].key], DENIED, "NOT_AUTHORIZED")


def test_plain_update_cannot_touch_frozen_terms(world: ProcurementWorld) -> None:
    world.publish(OCID)
    before = world.tender(OCID)
    for path in ("terms", "terms.lots", "submission_deadline", "committee"):
        exc = world.refused(
            world.update_action(OCID, [path]), [world.officer.key], FAILED, "AMENDMENT_REQUIRED"
        )
        assert error_info(exc).metadata["path"] == path
    world.refused(
        world.update_action(OCID, ["colour"]), [world.officer.key], INVALID, "BAD_UPDATE_MASK"
    )
    world.submit(
        world.update_action(OCID, ["title"], title="Scuola primaria Dante"), world.officer.key
    )
    after = world.tender(OCID)
    assert after.details.title == "Scuola primaria Dante"
    assert after.details.description == before.details.description
    assert after.criteria_hash == before.criteria_hash
    assert list(after.amendment_entry_indexes) == []


def test_amendment_moves_the_deadline(world: ProcurementWorld) -> None:
    world.publish(OCID)
    before = world.tender(OCID)
    world.advance(10 * DAY)
    changed = world.terms(deadline_days=36)
    changed.lots[0].criteria[0].weight = 70
    changed.lots[0].criteria[1].weight = 30
    # The old deadline (26 days away now) is too close for the minimum 35.
    stale = pb.TenderTerms()
    stale.CopyFrom(changed)
    stale.submission_deadline.CopyFrom(before.terms.submission_deadline)
    exc = world.refused(
        world.amend_action(OCID, stale, "price matters more"),
        [world.officer.key],
        FAILED,
        "DEADLINE_EXTENSION_REQUIRED",
    )
    assert error_info(exc).metadata["given_days"] == "25"
    world.refused(
        world.amend_action(OCID, changed, "  "), [world.officer.key], INVALID, "RATIONALE_REQUIRED"
    )
    other = pb.AmendTender(ocid=OCID, buyer=world.experts_org.did, terms=changed, rationale="x")
    world.refused(other, [world.experts_org.key], INVALID, "BUYER_MISMATCH")
    assert world.tender(OCID) == before
    receipt = world.submit(
        world.amend_action(OCID, changed, "price matters more"), world.officer.key
    )
    after = world.tender(OCID)
    assert list(after.amendment_entry_indexes) == [receipt.entry_index]
    assert after.criteria_hash != before.criteria_hash
    assert after.terms.lots[0].criteria[0].weight == 70
    # Past the deadline the terms are frozen.
    world.advance(37 * DAY)
    world.refused(
        world.amend_action(OCID, world.terms(), "too late"),
        [world.officer.key],
        FAILED,
        "TENDER_FROZEN",
    )


def test_no_tender(world: ProcurementWorld) -> None:
    world.refused(
        world.amend_action("ocds-none", world.terms(), "r"),
        [world.officer.key],
        NOT_FOUND,
        "NO_BASE_RELEASE",
    )
    expect_error(lambda: world.tender("ocds-none"), NOT_FOUND, "NO_BASE_RELEASE")
