"""Tax accounts through the real server: one state for office, bank and taxpayer; read-your-
writes and the past; enforcement refused where the ledger contradicts it (paid, under appeal,
not due, pending payment, notice period, above the debt), payment and seizure racing in one
block; idempotent payments; no personal value on the log."""

from __future__ import annotations

import concurrent.futures
import hashlib
import time

import grpc
import pytest

from tabularium.ledger.v1 import ledger_pb2
from tabularium.tax.v1 import tax_pb2 as pb
from tabularium.txbuild import build_signed
from tests.conftest import Chain, NodeProcess
from tests.helpers import error_info, expect_error
from tests.integration.landregistry_world import Actor
from tests.integration.tax_world import EXISTS, FAILED, INVALID, TaxWorld, day, eur


@pytest.fixture
def world(chain: Chain, node: NodeProcess) -> TaxWorld:
    return TaxWorld(chain, node, notice_days=0)


def holder_account(world: TaxWorld, name: str = "Rossi Srl") -> tuple[Actor, bytes]:
    holder = world.company(f"holder of account {len(world.personal)}")
    account = world.taxpayer("RSSMRA80A01H501U", name, "Via Nazionale 10, Roma", holder=holder)
    return holder, account


def test_three_access_points_read_one_state(world: TaxWorld) -> None:
    holder, account = holder_account(world)
    liability = world.assess(account, 150_000)
    receipt = world.pay(account, 50_000, "pay-1")
    # Read-your-writes: the bank asks for at least the payment's height.
    views = [
        world.account(account, who, min_height=receipt.block_height)
        for who in (world.o1, world.bank, holder)
    ]
    first = views[0]
    assert first.read_point.height >= receipt.block_height
    for view in views[1:]:
        if view.read_point.height == first.read_point.height:
            assert view == first
    assert first.account.balance == eur(100_000)
    assert first.account.open == eur(100_000)
    assert first.account.paid == eur(50_000)
    # Every party at one fixed height: byte-identical answers with the same state digest.
    height = first.read_point.height
    answers = {
        world.account(account, who, at_height=height).SerializeToString()
        for who in (world.o1, world.bank, holder)
    }
    assert len(answers) == 1
    header = world.node.ledger.GetBlock(ledger_pb2.GetBlockRequest(height=height), timeout=10)
    assert first.read_point.block_hash == hashlib.sha256(header.block.header).digest()
    # The past: before the payment the whole principal was open.
    before = world.account(account, at_height=receipt.block_height - 1)
    assert before.account.open == eur(150_000) and before.account.paid == eur(0)
    item = world.liability(account, liability)
    assert item.open == eur(100_000) and item.status == pb.LIABILITY_STATUS_OPEN
    # min_height beyond the head within a short deadline: DEADLINE_EXCEEDED, never stale.
    request = pb.GetAccountRequest(account=account, read=pb.ReadOptions(min_height=height + 50))
    from tabularium import rpcauth

    metadata = rpcauth.sign_request(
        world.o1.key, "/tabularium.tax.v1.TaxService/GetAccount", request.SerializeToString()
    )
    expect_error(
        lambda: world.stub.GetAccount(request, metadata=metadata, timeout=1.0),
        grpc.StatusCode.DEADLINE_EXCEEDED,
        None,
    )
    # Someone else may not read it; an unsigned read is refused.
    stranger = world.company("Curioso")
    expect_error(
        lambda: world.account(account, stranger), grpc.StatusCode.PERMISSION_DENIED, "NOT_ENTITLED"
    )
    expect_error(
        lambda: world.stub.GetAccount(pb.GetAccountRequest(account=account), timeout=10),
        grpc.StatusCode.UNAUTHENTICATED,
        "AUTHENTICATION_REQUIRED",
    )


def _same_block(world: TaxWorld, raws: list[bytes]) -> list[ledger_pb2.SubmitResult]:
    response = world.node.ledger.SubmitTransactions(
        ledger_pb2.SubmitTransactionsRequest(transactions=raws), timeout=30
    )
    results = list(response.results)
    heights = {r.receipt.block_height for r in results if r.HasField("receipt")}
    heights |= {int(r.error.metadata.get("block_height", 0)) for r in results if r.error.reason}
    return results


def _signed(world: TaxWorld, action: object, *keys: object) -> bytes:
    return build_signed(world.chain.chain_id, action, keys, now_us=time.time_ns() // 1000)  # type: ignore[arg-type]


def test_payment_first_in_the_block_refuses_the_seizure(world: TaxWorld) -> None:
    _holder, account = holder_account(world)
    liability = world.assess(account, 80_000)
    demand = world.submit(world.demand_action(account, [liability]), world.enforcer.key)
    demand_id = _derive(demand, b"demand")
    order, grant = world.seizure_order(world.bank)
    before = world.account(account)
    pay = _signed(world, world.payment(account, 80_000, "race-1"), world.bank.key)
    seize = _signed(
        world,
        pb.OrderSeizure(
            office=world.office.did,
            demand=demand_id,
            amount=eur(80_000),
            bank=world.bank.did,
            order_document=order,
            bank_grant=grant,
        ),
        world.enforcer.key,
    )
    results = _same_block(world, [pay, seize])
    assert results[0].HasField("receipt")
    assert results[1].error.reason == "DEBT_ALREADY_PAID"
    assert results[1].error.code == grpc.StatusCode.FAILED_PRECONDITION.value[0]
    index = int(results[1].error.metadata["entry_index"])
    # The refusal is evidence: logged, listed, and the state is what the payment made it.
    assert index == results[0].receipt.entry_index + 1
    refused = world.read(
        "ListRefusedEnforcement",
        pb.ListRefusedEnforcementRequest(office=world.office.did),
        world.o1,
    )
    assert [(r.entry_index, r.action, r.reason) for r in refused.refusals] == [
        (index, "OrderSeizure", "DEBT_ALREADY_PAID")
    ]
    assert refused.refusals[0].signers == [world.enforcer.did]
    after = world.liabilities(account)
    assert list(after.seizures) == []
    assert after.liabilities[0].status == pb.LIABILITY_STATUS_PAID
    assert world.account(account).account.balance == eur(0)
    assert before.account.balance == eur(80_000)


def test_seizure_first_in_the_block_then_release_due(world: TaxWorld) -> None:
    _holder, account = holder_account(world)
    liability = world.assess(account, 80_000)
    demand_id = _derive(
        world.submit(world.demand_action(account, [liability], fees=1_000), world.enforcer.key),
        b"demand",
    )
    order, grant = world.seizure_order(world.bank)
    seize = _signed(
        world,
        pb.OrderSeizure(
            office=world.office.did,
            demand=demand_id,
            amount=eur(81_000),
            bank=world.bank.did,
            order_document=order,
            bank_grant=grant,
        ),
        world.enforcer.key,
    )
    pay = _signed(world, world.payment(account, 80_000, "race-2"), world.bank.key)
    results = _same_block(world, [seize, pay])
    assert all(r.HasField("receipt") for r in results), results
    seizures = world.liabilities(account).seizures
    assert [s.status for s in seizures] == [pb.SEIZURE_STATUS_RELEASE_DUE]
    seizure_id = seizures[0].seizure_id
    # Only the bank named in the order releases it.
    world.refused(
        pb.ReleaseSeizure(office=world.office.did, seizure=seizure_id),
        [world.bank2.key],
        grpc.StatusCode.PERMISSION_DENIED,
        "NOT_SEIZURE_BANK",
    )
    world.submit(pb.ReleaseSeizure(office=world.office.did, seizure=seizure_id), world.bank.key)
    assert [s.status for s in world.liabilities(account).seizures] == [pb.SEIZURE_STATUS_RELEASED]


def _derive(receipt: ledger_pb2.Receipt, label: bytes) -> bytes:
    from tabularium.domains.tax.rules import derive_id

    return derive_id(receipt.tx_hash, label)


def test_enforcement_refusals(world: TaxWorld) -> None:
    holder, account = holder_account(world)
    not_due = world.assess(account, 10_000, due=day(20))
    world.refused(
        world.demand_action(account, [not_due]), [world.enforcer.key], FAILED, "NOT_YET_DUE"
    )
    due = world.assess(account, 20_000, period="2024")
    # Under appeal: lodged by the holder, until the appeal body decides.
    world.submit(
        pb.RecordAppeal(
            office=world.office.did, liability=due, document_sha256=hashlib.sha256(b"r").digest()
        ),
        holder.key,
    )
    world.refused(world.demand_action(account, [due]), [world.enforcer.key], FAILED, "UNDER_APPEAL")
    world.submit(
        pb.ResolveAppeal(
            office=world.office.did,
            liability=due,
            outcome=pb.APPEAL_OUTCOME_DISMISSED,
            decision_sha256=hashlib.sha256(b"decision").digest(),
        ),
        world.appeal.key,
    )
    # A pending payment with the liability's reference.
    reference = world.liability(account, due).reference
    world.pay(account, 20_000, "pending-1", reference=reference, pending=True)
    world.refused(
        world.demand_action(account, [due]),
        [world.enforcer.key],
        FAILED,
        "PAYMENT_PENDING_ALLOCATION",
    )
    # Only the enforcement role issues demands.
    world.refused(
        world.demand_action(account, [due]),
        [world.o1.key],
        grpc.StatusCode.PERMISSION_DENIED,
        "NOT_AUTHORIZED",
    )
    # Booking the payment settles the liability: now it is paid.
    payment_id = world.read(
        "GetPayment",
        pb.GetPaymentRequest(institution=world.bank.did, idempotency_key="pending-1"),
        world.bank,
    ).payment.payment_id
    world.submit(pb.BookPayment(office=world.office.did, payment=payment_id), world.bank.key)
    world.refused(
        world.demand_action(account, [due]), [world.enforcer.key], FAILED, "DEBT_ALREADY_PAID"
    )
    assert world.liability(account, due).status == pb.LIABILITY_STATUS_PAID


def test_seizure_in_the_notice_period_or_above_the_debt(chain: Chain, node: NodeProcess) -> None:
    world = TaxWorld(chain, node, notice_days=30)
    _holder, account = holder_account(world)
    liability = world.assess(account, 50_000)
    demand_id = _derive(
        world.submit(world.demand_action(account, [liability], fees=500), world.enforcer.key),
        b"demand",
    )
    order, grant = world.seizure_order(world.bank)

    def seizure(amount: int) -> pb.OrderSeizure:
        return pb.OrderSeizure(
            office=world.office.did,
            demand=demand_id,
            amount=eur(amount),
            bank=world.bank.did,
            order_document=order,
            bank_grant=grant,
        )

    world.refused(seizure(10_000), [world.enforcer.key], FAILED, "NOTICE_PERIOD_RUNNING")
    # With no notice period, the ceiling is open amount plus fees.
    world.submit(
        pb.ConfigureTaxOffice(
            office=world.office.did, currency="EUR", notice_period_days=1, vat_rates=[]
        ),
        world.office.key,
    )
    second = _derive(
        world.submit(world.demand_action(account, [liability], fees=500), world.enforcer.key),
        b"demand",
    )
    assert second != demand_id
    listed = world.liabilities(account).demands
    assert {d.demand_id for d in listed} == {demand_id, second}
    notice = {d.demand_id: d.notice_until_us - d.issued_us for d in listed}
    assert notice == {demand_id: 30 * 86_400_000_000, second: 86_400_000_000}


def test_seizure_above_the_debt(world: TaxWorld) -> None:
    _holder, account = holder_account(world)
    liability = world.assess(account, 50_000)
    demand_id = _derive(
        world.submit(world.demand_action(account, [liability], fees=500), world.enforcer.key),
        b"demand",
    )
    order, grant = world.seizure_order(world.bank)
    action = pb.OrderSeizure(
        office=world.office.did,
        demand=demand_id,
        amount=eur(50_501),
        bank=world.bank.did,
        order_document=order,
        bank_grant=grant,
    )
    exc = world.refused(action, [world.enforcer.key], FAILED, "SEIZURE_EXCEEDS_DEBT")
    assert error_info(exc).metadata["ceiling"] == "50500"
    # A grant to another bank does not cover this one.
    action.amount.minor_units = 50_500
    action.bank = world.bank2.did
    world.refused(action, [world.enforcer.key], FAILED, "BANK_GRANT_MISSING")
    action.bank = world.bank.did
    world.submit(action, world.enforcer.key)
    assert [s.status for s in world.liabilities(account).seizures] == [pb.SEIZURE_STATUS_ACTIVE]


def test_payment_retries_are_idempotent(world: TaxWorld) -> None:
    _holder, account = holder_account(world)
    world.assess(account, 30_000)
    raws = [
        _signed(world, world.payment(account, 12_345, "retry-me"), world.bank.key)
        for _ in range(100)
    ]
    assert len(set(raws)) == 100  # fresh nonces

    def send(raw: bytes) -> ledger_pb2.Receipt:
        return world.node.ledger.SubmitTransaction(
            ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=60
        ).receipt

    with concurrent.futures.ThreadPoolExecutor(max_workers=16) as pool:
        receipts = list(pool.map(send, raws))
    # Every retry got the original payment's receipt; the log holds one payment.
    assert len({(r.entry_index, r.tx_hash) for r in receipts}) == 1
    account_view = world.account(account).account
    assert account_view.paid == eur(12_345)
    entries = world.log_entries()
    payments = [e for e in entries if b"retry-me" in e]
    assert len(payments) == 1
    # The same key with another amount is a conflict, logged as evidence.
    world.refused(
        world.payment(account, 12_346, "retry-me"),
        [world.bank.key],
        EXISTS,
        "IDEMPOTENCY_KEY_REUSED",
    )
    # Another bank may use the same key for its own payment.
    world.pay(account, 1, "retry-me", bank=world.bank2)
    assert world.account(account).account.paid == eur(12_346)
    # Bad creditor reference: check digits wrong.
    world.refused(
        world.payment(account, 5, "bad-ref", reference="RF19539007547034"),
        [world.bank.key],
        INVALID,
        "BAD_REFERENCE",
    )


def test_no_personal_value_on_the_log(world: TaxWorld) -> None:
    holder, account = holder_account(world)
    liability = world.assess(account, 9_999)
    world.seizure_order(world.bank)
    world.pay(account, 9_999, "privacy-1", reference=world.liability(account, liability).reference)
    # A duplicate tax code is refused, and says which account has it.
    exc = expect_error(
        lambda: world.taxpayer("RSSMRA80A01H501U", "Rossi Srl", "Via Nazionale 10, Roma"),
        EXISTS,
        "TAXPAYER_EXISTS",
    )
    assert error_info(exc).metadata["account"] == account.hex()
    entries = world.log_entries()
    assert world.personal
    for value in world.personal:
        for entry in entries:
            assert value.encode() not in entry and value.upper().encode() not in entry
    del holder
