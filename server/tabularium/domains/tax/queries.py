"""Read-only queries of the tax domain over one committed snapshot.

Every account-level answer is recomputed from the account's events (``fold``), so the past is
read the same way as the present: events up to a height give the state at that height. The
materialized records the rules keep must equal the fold; ``check_account`` says so or raises.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from tabularium.domains.records import from_json
from tabularium.domains.tax import money
from tabularium.domains.tax.model import (
    ANNULLED,
    BOOKED,
    OPEN,
    PAID,
    SUPERSEDED,
    AccountEvent,
    AccountRecord,
    DemandRecord,
    InvoiceRecord,
    LiabilityRecord,
    PaymentRecord,
    SeizureRecord,
)
from tabularium.domains.tax.rules import (
    account_key,
    events_prefix,
    invoice_key,
    invoice_number_key,
    office_accounts_prefix,
    payment_key,
)
from tabularium.errors import DataCorruption, NotFound

Get = Callable[[bytes], bytes | None]
Scan = Callable[[bytes], Iterator[tuple[bytes, bytes]]]
_U64 = struct.Struct(">Q")

_RECORDS: dict[str, type] = {
    "liability": LiabilityRecord,
    "payment": PaymentRecord,
    "invoice": InvoiceRecord,
    "demand": DemandRecord,
    "seizure": SeizureRecord,
    "account": AccountRecord,
}


@dataclass
class Folded:
    """An account as its events up to some height make it."""

    account: AccountRecord | None = None
    liabilities: dict[bytes, LiabilityRecord] = field(default_factory=dict)
    payments: dict[bytes, PaymentRecord] = field(default_factory=dict)
    invoices: dict[bytes, InvoiceRecord] = field(default_factory=dict)
    demands: dict[bytes, DemandRecord] = field(default_factory=dict)
    seizures: dict[bytes, SeizureRecord] = field(default_factory=dict)
    events: list[AccountEvent] = field(default_factory=list)

    def sorted_liabilities(self) -> list[LiabilityRecord]:
        return sorted(self.liabilities.values(), key=lambda r: (r.due_date, r.liability_id))


def events(scan: Scan, account: bytes, max_height: int = 0) -> Iterator[AccountEvent]:
    for _, raw in scan(events_prefix(account)):
        event = AccountEvent.decode(raw)
        if max_height and event.height > max_height:
            return
        yield event


def fold(scan: Scan, account: bytes, max_height: int = 0) -> Folded:
    """Recompute the account from its events with height <= ``max_height`` (0: all)."""
    out = Folded()
    assessed = paid = credited = refunded = credit = 0
    for event in events(scan, account, max_height):
        out.events.append(event)
        record: Any = None
        if event.record_kind:
            record = from_json(_RECORDS[event.record_kind], event.detail)
        if event.kind == "registered":
            out.account = record
        elif event.kind == "assessed":
            assessed += event.amount
        elif event.kind in ("superseded", "annulled"):
            assessed -= event.amount
        elif event.kind == "payment":
            paid += event.amount
        elif event.kind == "credit_granted":
            credited += event.amount
        elif event.kind == "refund":
            refunded += event.amount
        credit += event.credit_change
        if isinstance(record, LiabilityRecord):
            out.liabilities[record.liability_id] = record
        elif isinstance(record, PaymentRecord):
            out.payments[record.payment_id] = record
        elif isinstance(record, InvoiceRecord):
            out.invoices[record.invoice_id] = record
        elif isinstance(record, DemandRecord):
            out.demands[record.demand_id] = record
        elif isinstance(record, SeizureRecord):
            out.seizures[record.seizure_id] = record
    if out.account is not None:
        out.account = AccountRecord(
            account_id=out.account.account_id,
            office=out.account.office,
            kind=out.account.kind,
            holder=out.account.holder,
            tax_code_commitment=out.account.tax_code_commitment,
            personal_record=out.account.personal_record,
            registered_entry=out.account.registered_entry,
            assessed=assessed,
            paid=paid,
            credited=credited,
            refunded=refunded,
            credit_available=credit,
        )
    return out


def open_total(folded: Folded) -> int:
    return sum(r.open for r in folded.liabilities.values())


def check_invariant(folded: Folded) -> None:
    """balance = sum assessed - sum paid - sum credits + sum refunds = sum open - unused credit; the
    liabilities in force add up to what was assessed."""
    account = folded.account
    assert account is not None
    in_force = [r for r in folded.liabilities.values() if r.status in (OPEN, PAID)]
    problems = []
    if sum(r.principal for r in in_force) != account.assessed:
        problems.append("liabilities in force do not add up to the assessed total")
    if open_total(folded) - account.credit_available != account.balance:
        problems.append("open amounts minus unused credit differ from the balance")
    if account.credit_available < 0:
        problems.append("unused credit is negative")
    if any(r.paid + r.credited > r.principal for r in in_force):
        problems.append("a liability is allocated beyond its principal")
    if any(r.status in (SUPERSEDED, ANNULLED) and r.open for r in folded.liabilities.values()):
        problems.append("a closed liability is open")
    if problems:
        raise DataCorruption(f"account {account.account_id.hex()}: " + "; ".join(problems))


def account(get: Get, scan: Scan, account_id: bytes, at_height: int = 0) -> Folded:
    """The account at ``at_height`` (0: now), recomputed from events and checked against the
    stored record (now) and the invariant. Raises NotFound."""
    if get(account_key(account_id)) is None:
        raise NotFound(
            "ACCOUNT_NOT_FOUND",
            f"no tax account {account_id.hex()}",
            metadata={"account": account_id.hex()},
        )
    folded = fold(scan, account_id, at_height)
    if folded.account is None:
        raise NotFound(
            "ACCOUNT_NOT_FOUND",
            f"account {account_id.hex()} was opened after height {at_height}",
            metadata={"account": account_id.hex()},
        )
    check_invariant(folded)
    if not at_height:
        stored = AccountRecord.decode(get(account_key(account_id)) or b"")
        if stored != folded.account:
            raise DataCorruption(
                f"account {account_id.hex()}: the stored totals differ from its events"
            )
    return folded


def find_invoice(
    get: Get, invoice: bytes, seller: bytes = b"", year: int = 0, number: str = ""
) -> InvoiceRecord:
    if not invoice:
        found = get(invoice_number_key(seller, year, number))
        if found is None:
            raise NotFound(
                "INVOICE_NOT_FOUND", f"the seller has cleared no invoice {number}/{year}"
            )
        invoice = found
    raw = get(invoice_key(invoice))
    if raw is None:
        raise NotFound("INVOICE_NOT_FOUND", f"no invoice {invoice.hex()}")
    return InvoiceRecord.decode(raw)


def find_payment(get: Get, payment: bytes) -> PaymentRecord:
    raw = get(payment_key(payment))
    if raw is None:
        raise NotFound("PAYMENT_NOT_FOUND", f"no payment {payment.hex()}")
    return PaymentRecord.decode(raw)


@dataclass
class Row:
    tax_type: str
    period: str
    assessed: int = 0
    paid: int = 0
    credited: int = 0
    open: int = 0


@dataclass
class Reconciliation:
    rows: list[Row]
    refunded: int
    credit_available: int
    payments: list[PaymentRecord]


def reconciliation(
    get: Get, scan: Scan, office: str, period: str, at_height: int
) -> Reconciliation:
    """Per (tax type, period) inside ``period``: totals over the office's liabilities in
    force, each account recomputed from its events up to ``at_height``; booked payments with a
    value date inside ``period``, in entry order."""
    start, end = money.period_range(period)
    rows: dict[tuple[str, str], Row] = {}
    refunded = credit = 0
    payments: list[PaymentRecord] = []
    prefix = office_accounts_prefix(office)
    for key, _ in scan(prefix):
        folded = fold(scan, key[len(prefix) :], at_height)
        if folded.account is None:
            continue
        check_invariant(folded)
        refunded += folded.account.refunded
        credit += folded.account.credit_available
        for liability in folded.liabilities.values():
            if liability.status not in (OPEN, PAID) or not money.period_within(
                liability.period, period
            ):
                continue
            row = rows.setdefault(
                (liability.tax_type, liability.period), Row(liability.tax_type, liability.period)
            )
            row.assessed += liability.principal
            row.paid += liability.paid
            row.credited += liability.credited
            row.open += liability.open
        for payment in folded.payments.values():
            day = money.check_date(payment.value_date, "value_date")
            if payment.status == BOOKED and start <= day < end:
                payments.append(payment)
    payments.sort(key=lambda p: (p.entry_index, p.payment_id))
    return Reconciliation([rows[k] for k in sorted(rows)], refunded, credit, payments)
