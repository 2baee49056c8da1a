"""Tax accounts through the real server: two officers above the threshold, amendments that
carry payments over, credits and refunds, currency and range checks, the account event stream
and reads of the past."""

from __future__ import annotations

import threading
import time

import grpc
import pytest

from tabularium import rpcauth
from tabularium.tax.v1 import tax_pb2 as pb
from tests.conftest import Chain, NodeProcess
from tests.helpers import error_info
from tests.integration.tax_world import FAILED, INVALID, SERVICE, TaxWorld, day, eur


@pytest.fixture
def world(chain: Chain, node: NodeProcess) -> TaxWorld:
    return TaxWorld(chain, node)


def test_dual_control_above_the_threshold(world: TaxWorld) -> None:
    account = world.taxpayer("BNCGNN70A01L219K", "Giovanni Bianchi", "Corso Italia 3")
    big = world.assess_action(account, 100_000_001)
    exc = world.refused(
        big, [world.o1.key], grpc.StatusCode.PERMISSION_DENIED, "DUAL_CONTROL_REQUIRED"
    )
    assert error_info(exc).metadata["officers_signed"] == "1"
    # The same officer twice is still one officer; a second one makes it.
    world.submit(big, world.o1.key, world.o2.key)
    world.assess(account, 100_000_000)  # at the threshold: one officer suffices
    assert world.account(account).account.assessed == eur(200_000_001)


def test_amendment_carries_payments_and_links(world: TaxWorld) -> None:
    account = world.taxpayer("NRIPLA75B02F839Y", "Paola Neri", "Via Toledo 8")
    old = world.assess(account, 10_000)
    world.pay(account, 6_000, "a-1")
    amended = world.submit(
        pb.AmendAssessment(
            office=world.office.did,
            liability=old,
            principal=eur(4_000),
            due_date=day(-5),
            legal_basis="DPR600/73-ART43",
            source_sha256=bytes(32),
            rationale="audit found a deduction",
        ),
        world.o1.key,
    )
    new = world.liability_of(amended)
    items = {i.liability_id: i for i in world.liabilities(account).liabilities}
    assert items[old].status == pb.LIABILITY_STATUS_SUPERSEDED and items[old].replaced_by == new
    assert items[new].replaces == old and items[new].status == pb.LIABILITY_STATUS_PAID
    assert items[new].paid == eur(4_000)
    view = world.account(account).account
    # 6,000 paid on 4,000 due: 2,000 credit, balance -2,000.
    assert view.credit_available == eur(2_000) and view.balance == eur(-2_000)
    # A closed liability is not amended again; the credit pays the next assessment.
    world.refused(
        pb.AmendAssessment(
            office=world.office.did,
            liability=old,
            principal=eur(1),
            due_date=day(-5),
            legal_basis="X",
            source_sha256=bytes(32),
            rationale="again",
        ),
        [world.o1.key],
        FAILED,
        "LIABILITY_CLOSED",
    )
    later = world.assess(account, 1_500, tax_type="IMU")
    assert world.liability(account, later).credited == eur(1_500)
    assert world.account(account).account.credit_available == eur(500)
    # Refund at most the credit left.
    refund = pb.RecordRefund(
        office=world.office.did, account=account, amount=eur(501), order_sha256=bytes(32)
    )
    world.refused(refund, [world.o1.key], FAILED, "CREDIT_INSUFFICIENT")
    refund.amount.minor_units = 500
    world.submit(refund, world.o1.key)
    final = world.account(account).account
    assert final.refunded == eur(500) and final.balance == eur(0)


def test_money_checks(world: TaxWorld) -> None:
    account = world.taxpayer("VRDLGI60C03H501Z", "Luigi Verdi", "Via Appia 4")
    usd = world.assess_action(account, 100)
    usd.principal.currency = "USD"
    world.refused(usd, [world.o1.key], INVALID, "CURRENCY_MISMATCH")
    huge = world.assess_action(account, 2**62)
    world.submit(huge, world.o1.key, world.o2.key)
    world.refused(
        world.assess_action(account, 2**62), [world.o1.key, world.o2.key], INVALID,
        "AMOUNT_OUT_OF_RANGE",
    )  # fmt: skip
    negative = world.payment(account, 1, "neg")
    negative.amount.minor_units = -5
    world.refused(negative, [world.bank.key], INVALID, "AMOUNT_NOT_POSITIVE")
    world.refused(
        world.assess_action(account, 5, period="2026-Q7"), [world.o1.key], INVALID, "BAD_PERIOD"
    )


def test_event_stream_and_the_past(world: TaxWorld) -> None:
    account = world.taxpayer("GLLMRC90D04A662W", "Marco Galli", "Via Etnea 9")
    liability = world.assess(account, 3_000)
    request = pb.StreamAccountEventsRequest(account=account)
    metadata = rpcauth.sign_request(
        world.o1.key, SERVICE + "StreamAccountEvents", request.SerializeToString()
    )
    stream = world.stub.StreamAccountEvents(request, metadata=metadata, timeout=30)
    seen: list[pb.AccountEvent] = []

    def consume() -> None:
        for response in stream:
            seen.append(response.event)
            if response.event.kind == "payment":
                return

    reader = threading.Thread(target=consume)
    reader.start()
    time.sleep(0.5)
    paid = world.pay(account, 3_000, "s-1", reference=world.liability(account, liability).reference)
    reader.join(timeout=20)
    stream.cancel()
    assert [e.kind for e in seen] == ["registered", "assessed", "allocated", "payment"]
    assert seen[-1].entry_index == paid.entry_index and seen[-1].amount == eur(3_000)
    # The payment and the liability as they were, and are.
    payment = world.read(
        "GetPayment",
        pb.GetPaymentRequest(institution=world.bank.did, idempotency_key="s-1"),
        world.o1,
    ).payment
    assert [(a.liability, a.amount) for a in payment.allocations] == [(liability, eur(3_000))]
    before = world.liabilities(account, at_height=paid.block_height - 1)
    assert before.liabilities[0].status == pb.LIABILITY_STATUS_OPEN
    assert before.read_point.height == paid.block_height - 1
    after = world.liabilities(account, at_height=paid.block_height)
    assert after.liabilities[0].status == pb.LIABILITY_STATUS_PAID
    with pytest.raises(grpc.RpcError) as caught:
        world.read(
            "GetPayment",
            pb.GetPaymentRequest(
                payment=payment.payment_id, read=pb.ReadOptions(at_height=paid.block_height - 1)
            ),
            world.o1,
        )
    assert caught.value.code() == grpc.StatusCode.NOT_FOUND
    with pytest.raises(grpc.RpcError) as caught:
        world.account(account, at_height=paid.block_height + 1000)
    assert caught.value.code() == grpc.StatusCode.OUT_OF_RANGE
