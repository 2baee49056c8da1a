"""Rules of the tax domain: pure functions of the action, the tax state, identities and the
vault's records, with the block time as the only clock.

State (namespace ``tax``; ``u64`` big-endian so keys sort numerically):

* ``office/<DID>`` -> OfficeSettings;
* ``acct/<16-byte id>`` -> AccountRecord; ``commit/<office> 0x00 <commitment>`` -> account id;
  ``oacct/<office> 0x00 <account>`` -> b"" (the office's accounts, for reconciliation);
* ``liab/<id>`` -> LiabilityRecord; ``al/<account> <id>`` -> b""; ``ref/<RF...>`` -> id;
* ``pay/<id>`` -> PaymentRecord; ``idem/<institution> 0x00 <key>`` -> IdempotencyRecord;
  ``pend/<account> <payment id>`` -> creditor reference of a pending payment;
* ``inv/<id>`` -> InvoiceRecord; ``invn/<seller> <u64 year> <number>`` -> invoice id;
* ``dem/<id>`` -> DemandRecord; ``seiz/<id>`` -> SeizureRecord; ``as/<account> <id>`` -> b""
  for the account's seizures;
* ``ev/<account> <u64 entry> <u64 n>`` -> AccountEvent: every change, in order.

Allocation is deterministic: a payment goes to the liability its reference names, then to the
account's open liabilities by due date, then id; what is left becomes credit, which is applied
the same way to liabilities assessed later.
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from tabularium.chain.actions import ActionContext, StateView
from tabularium.domains.records import to_json
from tabularium.domains.tax import money
from tabularium.domains.tax.model import (
    ACTIVE,
    ANNULLED,
    BOOKED,
    CANCELLED,
    CLEARED,
    CREDIT_NOTE,
    DEFAULT_IDEMPOTENCY_DAYS,
    DEFAULT_REDELIVERY_HOURS,
    DEFAULT_RETENTION_YEARS,
    DELIVERED,
    DOCUMENT_TYPES,
    ID_SIZE,
    NATURES,
    OPEN,
    PAID,
    PENDING,
    RELEASE_DUE,
    RELEASED,
    SUPERSEDED,
    UNDELIVERABLE,
    AccountEvent,
    AccountRecord,
    AmendAssessment,
    Assess,
    BookPayment,
    CancelInvoice,
    ConfigureTaxOffice,
    DemandRecord,
    GrantCredit,
    IdempotencyRecord,
    InvoiceHeader,
    InvoiceRecord,
    IssueDemand,
    LiabilityRecord,
    OfficeSettings,
    OrderSeizure,
    PaymentRecord,
    RecordAppeal,
    RecordPayment,
    RecordRefund,
    RegisterTaxpayer,
    ReleaseSeizure,
    ReportDelivery,
    ResolveAppeal,
    SeizureRecord,
    SubmitInvoices,
)
from tabularium.domains.vault.checks import require_document, require_grant
from tabularium.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Replay,
)

OFFICER, ENFORCEMENT, APPEAL, BANK, SDI = "officer", "enforcement", "appeal", "bank", "sdi"
DIGEST_SIZE = 32
_U64 = struct.Struct(">Q")
_ID_CONTEXT = b"tabularium/tax/id/v1\x00"
_TAX_TYPE = re.compile(r"^[A-Z0-9_-]{1,16}$")
_LEGAL_BASIS = re.compile(r"^[\x21-\x7e][\x20-\x7e]{0,63}$")
_KEY = re.compile(r"^[\x21-\x7e]{1,64}$")
_REASON = re.compile(r"^[A-Z0-9_]{1,32}$")
_NUMBER = re.compile(r"^[\x21-\x7e]{1,20}$")
_BASE36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DAY_US = 86_400 * 1_000_000
MAX_INVOICES_PER_FILE = 1000
MAX_VAT_LINES = 32
MAX_DEMAND_LIABILITIES = 64


# ----- keys ------------------------------------------------------------------------------------


def office_key(office: str) -> bytes:
    return b"office/" + office.encode()


def account_key(account: bytes) -> bytes:
    return b"acct/" + account


def commitment_key(office: str, commitment: bytes) -> bytes:
    return b"commit/" + office.encode() + b"\x00" + commitment


def office_accounts_prefix(office: str) -> bytes:
    return b"oacct/" + office.encode() + b"\x00"


def liability_key(liability: bytes) -> bytes:
    return b"liab/" + liability


def account_liabilities_prefix(account: bytes) -> bytes:
    return b"al/" + account


def reference_key(reference: str) -> bytes:
    return b"ref/" + reference.encode()


def payment_key(payment: bytes) -> bytes:
    return b"pay/" + payment


def idempotency_key(institution: str, key: str) -> bytes:
    return b"idem/" + institution.encode() + b"\x00" + key.encode()


def pending_prefix(account: bytes) -> bytes:
    return b"pend/" + account


def invoice_key(invoice: bytes) -> bytes:
    return b"inv/" + invoice


def invoice_number_key(seller: bytes, year: int, number: str) -> bytes:
    return b"invn/" + seller + _U64.pack(year) + number.encode()


def demand_key(demand: bytes) -> bytes:
    return b"dem/" + demand


def seizure_key(seizure: bytes) -> bytes:
    return b"seiz/" + seizure


def account_seizures_prefix(account: bytes) -> bytes:
    return b"as/" + account


def events_prefix(account: bytes) -> bytes:
    return b"ev/" + account


def derive_id(tx_hash: bytes, label: bytes, n: int = 0) -> bytes:
    return hashlib.sha256(_ID_CONTEXT + label + b"\x00" + tx_hash + _U64.pack(n)).digest()[:ID_SIZE]


def reference_for(liability: bytes) -> str:
    """The liability's ISO 11649 creditor reference: its first 13 bytes in base 36."""
    value = int.from_bytes(liability[:13], "big")
    body = ""
    for _ in range(21):
        value, digit = divmod(value, 36)
        body = _BASE36[digit] + body
    return money.make_reference(body)


# ----- state access -----------------------------------------------------------------------------


def settings(state: StateView, office: str) -> OfficeSettings:
    raw = state.get(office_key(office))
    if raw is None:
        raise FailedPrecondition(
            "OFFICE_NOT_CONFIGURED",
            f"{office} has no tax settings: its admins submit ConfigureTaxOffice first",
            metadata={"office": office},
        )
    return OfficeSettings.decode(raw)


def load_account(state: StateView, account: bytes, office: str | None = None) -> AccountRecord:
    raw = state.get(account_key(account))
    if raw is None:
        raise NotFound(
            "ACCOUNT_NOT_FOUND",
            f"no tax account {account.hex()}",
            metadata={"account": account.hex()},
        )
    record = AccountRecord.decode(raw)
    if office is not None and record.office != office:
        raise FailedPrecondition(
            "WRONG_OFFICE",
            f"account {account.hex()} is kept by {record.office}, not {office}",
            metadata={"account": account.hex()},
        )
    return record


def load_liability(
    state: StateView, liability: bytes, office: str | None = None
) -> LiabilityRecord:
    raw = state.get(liability_key(liability))
    if raw is None:
        raise NotFound(
            "LIABILITY_NOT_FOUND",
            f"no liability {liability.hex()}",
            metadata={"liability": liability.hex()},
        )
    record = LiabilityRecord.decode(raw)
    if office is not None and record.office != office:
        raise FailedPrecondition(
            "WRONG_OFFICE", f"liability {liability.hex()} belongs to {record.office}, not {office}"
        )
    return record


def load_payment(state: StateView, payment: bytes) -> PaymentRecord:
    raw = state.get(payment_key(payment))
    if raw is None:
        raise NotFound("PAYMENT_NOT_FOUND", f"no payment {payment.hex()}")
    return PaymentRecord.decode(raw)


def load_invoice(state: StateView, invoice: bytes) -> InvoiceRecord:
    raw = state.get(invoice_key(invoice))
    if raw is None:
        raise NotFound("INVOICE_NOT_FOUND", f"no invoice {invoice.hex()}")
    return InvoiceRecord.decode(raw)


def load_demand(state: StateView, demand: bytes) -> DemandRecord:
    raw = state.get(demand_key(demand))
    if raw is None:
        raise NotFound("DEMAND_NOT_FOUND", f"no demand {demand.hex()}")
    return DemandRecord.decode(raw)


def load_seizure(state: StateView, seizure: bytes) -> SeizureRecord:
    raw = state.get(seizure_key(seizure))
    if raw is None:
        raise NotFound("SEIZURE_NOT_FOUND", f"no seizure {seizure.hex()}")
    return SeizureRecord.decode(raw)


def _id_list(state: StateView, key: bytes) -> list[bytes]:
    raw = state.get(key)
    return [] if not raw else [raw[i : i + ID_SIZE] for i in range(0, len(raw), ID_SIZE)]


def _add_to_list(state: StateView, key: bytes, item: bytes) -> None:
    items = _id_list(state, key)
    if item not in items:
        state.put(key, b"".join(sorted([*items, item])))


def _remove_from_list(state: StateView, key: bytes, item: bytes) -> None:
    items = [i for i in _id_list(state, key) if i != item]
    if items:
        state.put(key, b"".join(items))
    else:
        state.delete(key)


def account_liabilities(state: StateView, account: bytes) -> list[LiabilityRecord]:
    """Every liability of the account (any status), by due date, then id."""
    found = [load_liability(state, i) for i in _id_list(state, account_liabilities_prefix(account))]
    return sorted(found, key=lambda r: (r.due_date, r.liability_id))


def account_seizures(state: StateView, account: bytes) -> list[SeizureRecord]:
    return [load_seizure(state, i) for i in _id_list(state, account_seizures_prefix(account))]


def pending_payments(state: StateView, account: bytes) -> list[PaymentRecord]:
    return [load_payment(state, i) for i in _id_list(state, pending_prefix(account))]


# ----- writing ---------------------------------------------------------------------------------


class _Book:
    """Writes of one transaction to the tax state, with the account events they make."""

    def __init__(self, ctx: ActionContext) -> None:
        self.ctx = ctx
        self.state = ctx.state
        self._events: dict[bytes, int] = {}

    def event(
        self,
        account: bytes,
        kind: str,
        *,
        liability: bytes = b"",
        payment: bytes = b"",
        amount: int = 0,
        credit_change: int = 0,
        record: Any = None,
    ) -> None:
        n = self._events.get(account, 0)
        self._events[account] = n + 1
        record_kind = ""
        detail: dict[str, Any] = {}
        if record is not None:
            record_kind = _RECORD_KINDS[type(record)]
            detail = to_json(record)
        event = AccountEvent(
            entry_index=self.ctx.entry_index,
            height=self.ctx.block_height,
            time_us=self.ctx.block_time_us,
            kind=kind,
            liability=liability,
            payment=payment,
            amount=amount,
            credit_change=credit_change,
            record_kind=record_kind,
            detail=detail,
        )
        key = events_prefix(account) + _U64.pack(self.ctx.entry_index) + _U64.pack(n)
        self.state.put(key, event.encode())

    def put_account(self, record: AccountRecord) -> None:
        money.in_range(record.balance, "balance")
        self.state.put(account_key(record.account_id), record.encode())

    def put_liability(self, record: LiabilityRecord) -> None:
        self.state.put(liability_key(record.liability_id), record.encode())

    def put_payment(self, record: PaymentRecord) -> None:
        self.state.put(payment_key(record.payment_id), record.encode())


_RECORD_KINDS: dict[type, str] = {
    LiabilityRecord: "liability",
    PaymentRecord: "payment",
    InvoiceRecord: "invoice",
    DemandRecord: "demand",
    SeizureRecord: "seizure",
    AccountRecord: "account",
}


# ----- checks ----------------------------------------------------------------------------------


def _digest(value: bytes, field: str, *, required: bool = True) -> bytes:
    if (value or required) and len(value) != DIGEST_SIZE:
        raise InvalidArgument(
            "BAD_DIGEST", f"{field} must be a 32-byte SHA-256, got {len(value)} bytes", field=field
        )
    return value


def _id(value: bytes, field: str) -> bytes:
    if len(value) != ID_SIZE:
        raise InvalidArgument(
            "BAD_ID", f"{field} must be a 16-byte id, got {len(value)} bytes", field=field
        )
    return value


def _positive(value: int, field: str) -> int:
    money.in_range(value, field)
    if value <= 0:
        raise InvalidArgument("AMOUNT_NOT_POSITIVE", f"{field} must be positive", field=field)
    return value


def _money(office: OfficeSettings, value: int, currency: str, field: str) -> int:
    money.check_currency(currency, field + ".currency")
    money.same_currency(office.currency, currency, field + ".currency")
    return _positive(value, field + ".minor_units")


def _text(value: str, pattern: re.Pattern[str], field: str, what: str) -> str:
    if not pattern.match(value):
        raise InvalidArgument("BAD_FIELD", f"{field} {value!r}: want {what}", field=field)
    return value


def _signer(ctx: ActionContext) -> str:
    assert ctx.signer_dids, "the executor attributes every handled transaction"
    return ctx.signer_dids[0]


def _holds(ctx: ActionContext, did: str, office: str, role: str) -> bool:
    if did == office:
        return True
    record = ctx.reader().identity(did)
    return record is not None and record.has_role(office, role)


# ----- configuration and accounts ---------------------------------------------------------------


def configure_office(ctx: ActionContext, action: ConfigureTaxOffice) -> None:
    money.check_currency(action.currency, "currency")
    if action.dual_control_above < 0:
        raise InvalidArgument(
            "AMOUNT_NOT_POSITIVE",
            "dual_control_above may not be negative",
            field="dual_control_above",
        )
    for n, rate in enumerate(action.vat_rates):
        start = money.check_date(rate.valid_from, f"vat_rates[{n}].valid_from")
        if (
            rate.valid_until
            and money.check_date(rate.valid_until, f"vat_rates[{n}].valid_until") <= start
        ):
            raise InvalidArgument(
                "BAD_DATE",
                f"vat_rates[{n}] ends on or before it starts",
                field=f"vat_rates[{n}].valid_until",
            )
        if not 0 < rate.rate_centi_percent <= 10_000:
            raise InvalidArgument(
                "BAD_RATE",
                f"vat_rates[{n}] is {rate.rate_centi_percent}: "
                "want 1..10000 hundredths of a percent",
                field=f"vat_rates[{n}].rate_centi_percent",
            )
    previous = ctx.state.get(office_key(action.office))
    if previous is not None and OfficeSettings.decode(previous).currency != action.currency:
        raise FailedPrecondition(
            "CURRENCY_FIXED", "an office's currency is fixed once set: its accounts are kept in it"
        )
    record = OfficeSettings(
        currency=action.currency,
        dual_control_above=action.dual_control_above,
        notice_period_days=action.notice_period_days,
        idempotency_retention_days=action.idempotency_retention_days or DEFAULT_IDEMPOTENCY_DAYS,
        redelivery_window_hours=action.redelivery_window_hours or DEFAULT_REDELIVERY_HOURS,
        vat_rates=tuple(
            sorted(action.vat_rates, key=lambda r: (r.rate_centi_percent, r.valid_from))
        ),
        retention_years=action.retention_years or DEFAULT_RETENTION_YEARS,
        configured=True,
    )
    ctx.state.put(office_key(action.office), record.encode())


def register_taxpayer(ctx: ActionContext, action: RegisterTaxpayer) -> None:
    settings(ctx.state, action.office)
    _digest(action.tax_code_commitment, "tax_code_commitment")
    existing = ctx.state.get(commitment_key(action.office, action.tax_code_commitment))
    if existing is not None:
        raise AlreadyExists(
            "TAXPAYER_EXISTS",
            f"this tax code already has account {existing.hex()} at {action.office}",
            metadata={"account": existing.hex()},
        )
    require_document(ctx, action.personal_record, action.office, "personal_record")
    if action.holder and ctx.reader().identity(action.holder) is None:
        raise FailedPrecondition(
            "UNKNOWN_HOLDER", f"holder {action.holder} is not a registered identity", field="holder"
        )
    account = derive_id(ctx.tx_hash, b"account")
    record = AccountRecord(
        account_id=account,
        office=action.office,
        kind=action.kind,
        holder=action.holder,
        tax_code_commitment=action.tax_code_commitment,
        personal_record=action.personal_record,
        registered_entry=ctx.entry_index,
    )
    book = _Book(ctx)
    book.put_account(record)
    ctx.state.put(commitment_key(action.office, action.tax_code_commitment), account)
    ctx.state.put(office_accounts_prefix(action.office) + account, b"")
    book.event(account, "registered", record=record)


# ----- liabilities -----------------------------------------------------------------------------


def _check_dual_control(
    ctx: ActionContext, office: OfficeSettings, name: str, principal: int
) -> None:
    if not office.dual_control_above or principal <= office.dual_control_above:
        return
    officers = {did for did in ctx.signer_dids if _holds(ctx, did, name, OFFICER)}
    if len(officers) < 2:
        raise PermissionDenied(
            "DUAL_CONTROL_REQUIRED",
            f"a principal of {principal} minor units is above {office.dual_control_above}: "
            "two distinct officers must sign",
            metadata={"officers_signed": str(len(officers))},
        )


def _apply_credit(
    book: _Book, account: AccountRecord, liabilities: Iterable[LiabilityRecord]
) -> AccountRecord:
    """Use the account's unused credit on ``liabilities`` in the order given."""
    for liability in liabilities:
        if account.credit_available <= 0:
            break
        take = min(account.credit_available, liability.open)
        if take <= 0:
            continue
        liability = _settle(replace(liability, credited=liability.credited + take))
        account = replace(account, credit_available=account.credit_available - take)
        book.put_liability(liability)
        book.event(
            account.account_id,
            "credit_applied",
            liability=liability.liability_id,
            amount=take,
            credit_change=-take,
            record=liability,
        )
    return account


def _settle(liability: LiabilityRecord) -> LiabilityRecord:
    if liability.status == OPEN and liability.principal - liability.paid - liability.credited == 0:
        return replace(liability, status=PAID)
    return liability


def _open_liabilities(state: StateView, account: bytes) -> list[LiabilityRecord]:
    return [r for r in account_liabilities(state, account) if r.status == OPEN]


def _new_liability(
    ctx: ActionContext,
    book: _Book,
    account: AccountRecord,
    *,
    label: bytes,
    tax_type: str,
    period: str,
    principal: int,
    due_date: str,
    legal_basis: str,
    source: bytes,
    origin: str,
    replaces: bytes = b"",
    paid: int = 0,
    credited: int = 0,
) -> tuple[AccountRecord, LiabilityRecord]:
    liability_id = derive_id(ctx.tx_hash, label)
    reference = reference_for(liability_id)
    record = _settle(
        LiabilityRecord(
            liability_id=liability_id,
            account=account.account_id,
            office=account.office,
            tax_type=tax_type,
            period=period,
            principal=principal,
            due_date=due_date,
            legal_basis=legal_basis,
            source_sha256=source,
            origin=origin,
            reference=reference,
            assessed_entry=ctx.entry_index,
            paid=paid,
            credited=credited,
            replaces=replaces,
        )
    )
    account = replace(account, assessed=money.in_range(account.assessed + principal, "assessed"))
    book.put_liability(record)
    ctx.state.put(reference_key(reference), liability_id)
    _add_to_list(ctx.state, account_liabilities_prefix(account.account_id), liability_id)
    book.event(
        account.account_id, "assessed", liability=liability_id, amount=principal, record=record
    )
    return account, record


def assess(ctx: ActionContext, action: Assess) -> None:
    office = settings(ctx.state, action.office)
    _text(action.tax_type, _TAX_TYPE, "tax_type", "1-16 of A-Z 0-9 _ -")
    money.period_range(action.period)
    _money(office, action.principal, action.currency, "principal")
    money.check_date(action.due_date, "due_date")
    _text(action.legal_basis, _LEGAL_BASIS, "legal_basis", "1-64 printable ASCII")
    _digest(action.source_sha256, "source_sha256")
    account = load_account(ctx.state, _id(action.account, "account"), action.office)
    _check_dual_control(ctx, office, action.office, action.principal)
    book = _Book(ctx)
    account, record = _new_liability(
        ctx,
        book,
        account,
        label=b"liability",
        tax_type=action.tax_type,
        period=action.period,
        principal=action.principal,
        due_date=action.due_date,
        legal_basis=action.legal_basis,
        source=action.source_sha256,
        origin=action.origin,
    )
    account = _apply_credit(book, account, [record])
    book.put_account(account)


def _replace_liability(
    ctx: ActionContext,
    book: _Book,
    old: LiabilityRecord,
    *,
    principal: int,
    due_date: str,
    legal_basis: str,
    source: bytes,
) -> None:
    """Close ``old`` and open its successor, carrying what was paid and credited on it."""
    account = load_account(ctx.state, old.account)
    carried_paid = min(old.paid, principal)
    carried_credit = min(old.credited, principal - carried_paid)
    excess = old.paid + old.credited - carried_paid - carried_credit
    new_id = derive_id(ctx.tx_hash, b"liability")
    closed = replace(old, status=SUPERSEDED, replaced_by=new_id)
    book.put_liability(closed)
    account = replace(
        account,
        assessed=account.assessed - old.principal,
        credit_available=account.credit_available + excess,
    )
    book.event(
        account.account_id,
        "superseded",
        liability=old.liability_id,
        amount=old.principal,
        credit_change=excess,
        record=closed,
    )
    account, record = _new_liability(
        ctx,
        book,
        account,
        label=b"liability",
        tax_type=old.tax_type,
        period=old.period,
        principal=principal,
        due_date=due_date,
        legal_basis=legal_basis,
        source=source,
        origin=old.origin,
        replaces=old.liability_id,
        paid=carried_paid,
        credited=carried_credit,
    )
    if old.under_appeal:
        record = replace(record, under_appeal=False)
        book.put_liability(record)
    account = _apply_credit(book, account, _open_liabilities(ctx.state, account.account_id))
    account = _release_due(book, account)
    book.put_account(account)


def amend_assessment(ctx: ActionContext, action: AmendAssessment) -> None:
    office = settings(ctx.state, action.office)
    old = load_liability(ctx.state, _id(action.liability, "liability"), action.office)
    if old.status in (SUPERSEDED, ANNULLED):
        raise FailedPrecondition(
            "LIABILITY_CLOSED",
            f"liability {old.liability_id.hex()} is {old.status}; amend its successor",
            metadata={"replaced_by": old.replaced_by.hex()},
        )
    _money(office, action.principal, action.currency, "principal")
    money.check_date(action.due_date, "due_date")
    _text(action.legal_basis, _LEGAL_BASIS, "legal_basis", "1-64 printable ASCII")
    _digest(action.source_sha256, "source_sha256")
    if not 1 <= len(action.rationale) <= 256:
        raise InvalidArgument(
            "RATIONALE_REQUIRED",
            "an amendment needs a rationale of 1-256 characters",
            field="rationale",
        )
    _check_dual_control(ctx, office, action.office, action.principal)
    _replace_liability(
        ctx,
        _Book(ctx),
        old,
        principal=action.principal,
        due_date=action.due_date,
        legal_basis=action.legal_basis,
        source=action.source_sha256,
    )


def grant_credit(ctx: ActionContext, action: GrantCredit) -> None:
    office = settings(ctx.state, action.office)
    _money(office, action.amount, action.currency, "amount")
    _text(action.legal_basis, _LEGAL_BASIS, "legal_basis", "1-64 printable ASCII")
    _digest(action.source_sha256, "source_sha256")
    account = load_account(ctx.state, _id(action.account, "account"), action.office)
    book = _Book(ctx)
    account = replace(
        account,
        credited=money.in_range(account.credited + action.amount, "credited"),
        credit_available=money.in_range(account.credit_available + action.amount, "credit"),
    )
    book.event(
        account.account_id, "credit_granted", amount=action.amount, credit_change=action.amount
    )
    account = _apply_credit(book, account, _open_liabilities(ctx.state, account.account_id))
    account = _release_due(book, account)
    book.put_account(account)


def record_refund(ctx: ActionContext, action: RecordRefund) -> None:
    office = settings(ctx.state, action.office)
    _money(office, action.amount, action.currency, "amount")
    _digest(action.order_sha256, "order_sha256")
    account = load_account(ctx.state, _id(action.account, "account"), action.office)
    if action.amount > account.credit_available:
        raise FailedPrecondition(
            "CREDIT_INSUFFICIENT",
            f"the account has {account.credit_available} minor units of unused credit, "
            f"not {action.amount}",
            metadata={"credit_available": str(account.credit_available)},
        )
    book = _Book(ctx)
    account = replace(
        account,
        refunded=account.refunded + action.amount,
        credit_available=account.credit_available - action.amount,
    )
    book.event(account.account_id, "refund", amount=action.amount, credit_change=-action.amount)
    book.put_account(account)


# ----- payments --------------------------------------------------------------------------------


def _allocate(
    ctx: ActionContext, book: _Book, account: AccountRecord, payment: PaymentRecord
) -> tuple[AccountRecord, PaymentRecord]:
    """Allocate a booked payment: the liability its reference names, then the rest by due date
    then id; the remainder becomes credit."""
    remaining = payment.amount
    allocations: list[tuple[str, int]] = []
    targets = _open_liabilities(ctx.state, account.account_id)
    named = (
        ctx.state.get(reference_key(payment.creditor_reference))
        if payment.creditor_reference
        else None
    )
    targets.sort(key=lambda r: (r.liability_id != named, r.due_date, r.liability_id))
    for liability in targets:
        if remaining == 0:
            break
        take = min(remaining, liability.open)
        if take <= 0:
            continue
        remaining -= take
        liability = _settle(replace(liability, paid=liability.paid + take))
        book.put_liability(liability)
        allocations.append((liability.liability_id.hex(), take))
        book.event(
            account.account_id,
            "allocated",
            liability=liability.liability_id,
            payment=payment.payment_id,
            amount=take,
            record=liability,
        )
    payment = replace(payment, status=BOOKED, allocations=tuple(allocations), surplus=remaining)
    account = replace(
        account,
        paid=money.in_range(account.paid + payment.amount, "paid"),
        credit_available=money.in_range(account.credit_available + remaining, "credit"),
    )
    book.put_payment(payment)
    book.event(
        account.account_id,
        "payment",
        payment=payment.payment_id,
        amount=payment.amount,
        credit_change=remaining,
        record=payment,
    )
    account = _release_due(book, account)
    return account, payment


def _release_due(book: _Book, account: AccountRecord) -> AccountRecord:
    """Active seizures whose liabilities are all settled turn RELEASE_DUE."""
    state = book.state
    for seizure in account_seizures(state, account.account_id):
        if seizure.status != ACTIVE:
            continue
        demand = load_demand(state, seizure.demand)
        if all(load_liability(state, i).open == 0 for i in demand.liabilities):
            seizure = replace(seizure, status=RELEASE_DUE)
            state.put(seizure_key(seizure.seizure_id), seizure.encode())
            book.event(account.account_id, "seizure_release_due", record=seizure)
    return account


def record_payment(ctx: ActionContext, action: RecordPayment) -> None:
    office = settings(ctx.state, action.office)
    institution = _signer(ctx)
    _text(action.idempotency_key, _KEY, "idempotency_key", "1-64 printable ASCII")
    payload_sha256 = hashlib.sha256(action.payload()).digest()
    remembered_raw = ctx.state.get(idempotency_key(institution, action.idempotency_key))
    if remembered_raw is not None:
        remembered = IdempotencyRecord.decode(remembered_raw)
        if ctx.block_time_us <= remembered.expires_us:
            if remembered.payload_sha256 == payload_sha256:
                raise Replay(remembered.tx_hash, remembered.entry_index)
            raise AlreadyExists(
                "IDEMPOTENCY_KEY_REUSED",
                f"{institution} already used idempotency key {action.idempotency_key!r} for "
                f"payment {remembered.payment_id.hex()} with other details; use a new key",
                metadata={
                    "payment": remembered.payment_id.hex(),
                    "entry_index": str(remembered.entry_index),
                },
            )
    _money(office, action.amount, action.currency, "amount")
    money.check_date(action.value_date, "value_date")
    reference = (
        money.check_reference(action.creditor_reference) if action.creditor_reference else ""
    )
    for name in ("end_to_end_id", "acct_svcr_ref"):
        value = getattr(action, name)
        if value and not _KEY.match(value):
            raise InvalidArgument(
                "BAD_FIELD", f"{name} {value!r}: want 1-64 printable ASCII", field=name
            )
    account_id = action.account
    if not account_id:
        named = ctx.state.get(reference_key(reference)) if reference else None
        if named is None:
            raise FailedPrecondition(
                "UNKNOWN_REFERENCE",
                f"no account given and creditor reference {reference or '(none)'} names no "
                "liability: give the account",
                field="creditor_reference",
            )
        account_id = load_liability(ctx.state, named).account
    account = load_account(ctx.state, _id(account_id, "account"), action.office)
    payment_id = derive_id(ctx.tx_hash, b"payment")
    payment = PaymentRecord(
        payment_id=payment_id,
        institution=institution,
        idempotency_key=action.idempotency_key,
        account=account.account_id,
        amount=action.amount,
        value_date=action.value_date,
        creditor_reference=reference,
        end_to_end_id=action.end_to_end_id,
        acct_svcr_ref=action.acct_svcr_ref,
        status=PENDING,
        entry_index=ctx.entry_index,
        tx_hash=ctx.tx_hash,
        payload_sha256=payload_sha256,
    )
    ctx.state.put(
        idempotency_key(institution, action.idempotency_key),
        IdempotencyRecord(
            payment_id,
            payload_sha256,
            ctx.entry_index,
            ctx.tx_hash,
            ctx.block_time_us + office.idempotency_retention_days * _DAY_US,
        ).encode(),
    )
    book = _Book(ctx)
    if action.booked:
        account, payment = _allocate(ctx, book, account, payment)
    else:
        book.put_payment(payment)
        _add_to_list(ctx.state, pending_prefix(account.account_id), payment_id)
        book.event(account.account_id, "payment_pending", payment=payment_id, record=payment)
    book.put_account(account)


def book_payment(ctx: ActionContext, action: BookPayment) -> None:
    settings(ctx.state, action.office)
    payment = load_payment(ctx.state, _id(action.payment, "payment"))
    if payment.institution != _signer(ctx):
        raise PermissionDenied(
            "NOT_PAYMENT_INSTITUTION",
            f"payment {payment.payment_id.hex()} was recorded by {payment.institution}",
        )
    if payment.status != PENDING:
        raise FailedPrecondition(
            "PAYMENT_ALREADY_BOOKED", f"payment {payment.payment_id.hex()} is booked"
        )
    account = load_account(ctx.state, payment.account, action.office)
    _remove_from_list(ctx.state, pending_prefix(account.account_id), payment.payment_id)
    book = _Book(ctx)
    account, payment = _allocate(ctx, book, account, payment)
    book.put_account(account)


# ----- appeals ---------------------------------------------------------------------------------


def record_appeal(ctx: ActionContext, action: RecordAppeal) -> None:
    settings(ctx.state, action.office)
    liability = load_liability(ctx.state, _id(action.liability, "liability"), action.office)
    _digest(action.document_sha256, "document_sha256")
    account = load_account(ctx.state, liability.account)
    signer = _signer(ctx)
    if not (signer == account.holder and account.holder) and not _holds(
        ctx, signer, action.office, OFFICER
    ):
        raise PermissionDenied(
            "NOT_ACCOUNT_HOLDER", "an appeal is lodged by the account's holder or an officer"
        )
    if liability.status != OPEN:
        raise FailedPrecondition(
            "LIABILITY_CLOSED", f"liability {liability.liability_id.hex()} is {liability.status}"
        )
    if liability.under_appeal:
        raise FailedPrecondition("ALREADY_UNDER_APPEAL", "this liability is already under appeal")
    liability = replace(liability, under_appeal=True)
    book = _Book(ctx)
    book.put_liability(liability)
    book.event(
        account.account_id, "appeal_opened", liability=liability.liability_id, record=liability
    )


def resolve_appeal(ctx: ActionContext, action: ResolveAppeal) -> None:
    office = settings(ctx.state, action.office)
    liability = load_liability(ctx.state, _id(action.liability, "liability"), action.office)
    _digest(action.decision_sha256, "decision_sha256")
    if not liability.under_appeal:
        raise FailedPrecondition("NOT_UNDER_APPEAL", "no appeal is open on this liability")
    book = _Book(ctx)
    closed = replace(liability, under_appeal=False)
    if action.outcome == "dismissed":
        book.put_liability(closed)
        book.event(closed.account, "appeal_closed", liability=closed.liability_id, record=closed)
    elif action.outcome == "annulled":
        account = load_account(ctx.state, liability.account)
        freed = liability.paid + liability.credited
        annulled = replace(closed, status=ANNULLED)
        book.put_liability(annulled)
        account = replace(
            account,
            assessed=account.assessed - liability.principal,
            credit_available=account.credit_available + freed,
        )
        book.event(
            account.account_id,
            "annulled",
            liability=liability.liability_id,
            amount=liability.principal,
            credit_change=freed,
            record=annulled,
        )
        account = _apply_credit(book, account, _open_liabilities(ctx.state, account.account_id))
        account = _release_due(book, account)
        book.put_account(account)
    elif action.outcome == "reduced":
        _money(office, action.new_principal, action.currency, "new_principal")
        if action.new_principal >= liability.principal:
            raise InvalidArgument(
                "NOT_A_REDUCTION",
                f"new_principal {action.new_principal} is not below {liability.principal}",
                field="new_principal",
            )
        book.put_liability(closed)
        book.event(closed.account, "appeal_closed", liability=closed.liability_id, record=closed)
        _replace_liability(
            ctx,
            book,
            closed,
            principal=action.new_principal,
            due_date=liability.due_date,
            legal_basis=liability.legal_basis,
            source=action.decision_sha256,
        )
    else:
        raise InvalidArgument(
            "BAD_OUTCOME", "outcome must be dismissed, annulled or reduced", field="outcome"
        )


# ----- enforcement -----------------------------------------------------------------------------


def _enforceable(
    ctx: ActionContext, account: bytes, liability_ids: Iterable[bytes], office: str
) -> list[LiabilityRecord]:
    """The DESIGN §4 checks, at this transaction's place in its block."""
    found = [load_liability(ctx.state, _id(i, "liabilities"), office) for i in liability_ids]
    if not found:
        raise InvalidArgument(
            "NO_LIABILITIES", "name the liabilities it rests on", field="liabilities"
        )
    for record in found:
        if record.account != account:
            raise FailedPrecondition(
                "WRONG_ACCOUNT",
                f"liability {record.liability_id.hex()} is not on account {account.hex()}",
            )
    open_ones = [r for r in found if r.open > 0]
    if not open_ones:
        raise FailedPrecondition(
            "DEBT_ALREADY_PAID",
            "nothing is open on the liabilities named: "
            + ", ".join(f"{r.liability_id.hex()} {r.status}" for r in found),
            metadata={"liabilities": ",".join(r.liability_id.hex() for r in found)},
        )
    for record in open_ones:
        if record.under_appeal:
            raise FailedPrecondition(
                "UNDER_APPEAL",
                f"liability {record.liability_id.hex()} is under appeal until the appeal body "
                "decides",
                metadata={"liability": record.liability_id.hex()},
            )
        if not money.is_past(money.check_date(record.due_date, "due_date"), ctx.block_time_us):
            raise FailedPrecondition(
                "NOT_YET_DUE",
                f"liability {record.liability_id.hex()} is due on {record.due_date}",
                metadata={"liability": record.liability_id.hex(), "due_date": record.due_date},
            )
    references = {r.reference for r in open_ones}
    for payment in pending_payments(ctx.state, account):
        if payment.creditor_reference in references:
            raise FailedPrecondition(
                "PAYMENT_PENDING_ALLOCATION",
                f"payment {payment.payment_id.hex()} with reference {payment.creditor_reference} "
                "is pending; wait until it is booked",
                metadata={"payment": payment.payment_id.hex()},
            )
    return open_ones


def issue_demand(ctx: ActionContext, action: IssueDemand) -> None:
    office = settings(ctx.state, action.office)
    account = load_account(ctx.state, _id(action.account, "account"), action.office)
    if len(action.liabilities) > MAX_DEMAND_LIABILITIES or len(set(action.liabilities)) != len(
        action.liabilities
    ):
        raise InvalidArgument(
            "BAD_LIABILITIES",
            f"name 1-{MAX_DEMAND_LIABILITIES} distinct liabilities",
            field="liabilities",
        )
    if action.fees:
        money.same_currency(office.currency, action.currency, "fees.currency")
    if action.fees < 0:
        raise InvalidArgument("AMOUNT_NOT_POSITIVE", "fees may not be negative", field="fees")
    money.in_range(action.fees, "fees")
    _digest(action.notice_sha256, "notice_sha256")
    _enforceable(ctx, account.account_id, action.liabilities, action.office)
    demand = DemandRecord(
        demand_id=derive_id(ctx.tx_hash, b"demand"),
        account=account.account_id,
        office=action.office,
        liabilities=tuple(action.liabilities),
        fees=action.fees,
        issued_us=ctx.block_time_us,
        notice_until_us=ctx.block_time_us + office.notice_period_days * _DAY_US,
        entry_index=ctx.entry_index,
    )
    ctx.state.put(demand_key(demand.demand_id), demand.encode())
    _Book(ctx).event(account.account_id, "demand", record=demand)


def order_seizure(ctx: ActionContext, action: OrderSeizure) -> None:
    office = settings(ctx.state, action.office)
    demand = load_demand(ctx.state, _id(action.demand, "demand"))
    if demand.office != action.office:
        raise FailedPrecondition(
            "WRONG_OFFICE", f"demand {demand.demand_id.hex()} is not {action.office}'s"
        )
    _money(office, action.amount, action.currency, "amount")
    open_ones = _enforceable(ctx, demand.account, demand.liabilities, action.office)
    if ctx.block_time_us < demand.notice_until_us:
        raise FailedPrecondition(
            "NOTICE_PERIOD_RUNNING",
            f"the demand's notice period runs until {demand.notice_until_us} µs (block time "
            f"{ctx.block_time_us} µs)",
            metadata={"notice_until_us": str(demand.notice_until_us)},
        )
    ceiling = money.total([*(r.open for r in open_ones), demand.fees], "debt")
    if action.amount > ceiling:
        raise FailedPrecondition(
            "SEIZURE_EXCEEDS_DEBT",
            f"{action.amount} minor units is more than the open debt plus fees ({ceiling})",
            metadata={"ceiling": str(ceiling)},
        )
    bank = ctx.reader().identity(action.bank)
    if bank is None or not _holds(ctx, action.bank, action.office, BANK):
        raise FailedPrecondition(
            "NOT_A_BANK",
            f"{action.bank} is not a payment institution of {action.office}",
            field="bank",
        )
    require_document(ctx, action.order_document, action.office, "order_document")
    require_grant(
        ctx,
        action.bank_grant,
        action.order_document,
        action.bank,
        "BANK_GRANT_MISSING",
        "bank_grant",
    )
    seizure = SeizureRecord(
        seizure_id=derive_id(ctx.tx_hash, b"seizure"),
        demand=demand.demand_id,
        account=demand.account,
        office=action.office,
        amount=action.amount,
        bank=action.bank,
        order_document=action.order_document,
        bank_grant=action.bank_grant,
        entry_index=ctx.entry_index,
    )
    ctx.state.put(seizure_key(seizure.seizure_id), seizure.encode())
    _add_to_list(ctx.state, account_seizures_prefix(demand.account), seizure.seizure_id)
    _Book(ctx).event(demand.account, "seizure", amount=action.amount, record=seizure)


def release_seizure(ctx: ActionContext, action: ReleaseSeizure) -> None:
    settings(ctx.state, action.office)
    seizure = load_seizure(ctx.state, _id(action.seizure, "seizure"))
    if _signer(ctx) != seizure.bank:
        raise PermissionDenied(
            "NOT_SEIZURE_BANK", f"only {seizure.bank}, named in the order, releases this seizure"
        )
    if seizure.status != RELEASE_DUE:
        raise FailedPrecondition(
            "SEIZURE_NOT_RELEASABLE",
            f"seizure {seizure.seizure_id.hex()} is {seizure.status}; it is released once its "
            "debt is paid",
        )
    seizure = replace(seizure, status=RELEASED)
    ctx.state.put(seizure_key(seizure.seizure_id), seizure.encode())
    _Book(ctx).event(seizure.account, "seizure_released", record=seizure)


# ----- invoices --------------------------------------------------------------------------------


def _rate_valid(office: OfficeSettings, rate: int, day: str) -> bool:
    if rate == 0:
        return True
    for entry in office.vat_rates:
        if (
            entry.rate_centi_percent == rate
            and entry.valid_from <= day
            and (not entry.valid_until or day < entry.valid_until)
        ):
            return True
    return False


def _percent(centi: int) -> str:
    return f"{centi // 100}.{centi % 100:02d}%"


def _sdi(error: DomainError, code: str, index: int) -> DomainError:
    """The error with the SDI scarto code it mirrors (specifiche tecniche, elenco controlli)."""
    return error.with_metadata(sdi_code=code, invoice_index=str(index))


def _check_invoice(
    ctx: ActionContext,
    office_did: str,
    office: OfficeSettings,
    header: InvoiceHeader,
    index: int,
    signer: str,
) -> None:
    where = f"invoices[{index}]"
    seller = load_account(ctx.state, _id(header.seller, where + ".seller"))
    if seller.office != office_did:
        raise FailedPrecondition("WRONG_OFFICE", f"{where}.seller is kept by {seller.office}")
    if signer != seller.holder and not _holds(ctx, signer, seller.office, SDI):
        raise PermissionDenied(
            "NOT_SELLER",
            f"{where}: only the seller's holder (or the exchange system) submits its invoices",
        )
    if header.buyer_is_consumer == bool(header.buyer):
        raise InvalidArgument(
            "BAD_BUYER",
            f"{where}: give a buyer account or buyer_is_consumer, exactly one",
            field=where + ".buyer",
        )
    if header.buyer:
        load_account(ctx.state, _id(header.buyer, where + ".buyer"))
    if header.document_type not in DOCUMENT_TYPES:
        raise InvalidArgument(
            "BAD_DOCUMENT_TYPE",
            f"{where}.document_type {header.document_type!r} is not a TipoDocumento",
            field=where + ".document_type",
        )
    _text(header.number, _NUMBER, where + ".number", "1-20 printable ASCII")
    day = money.check_date(header.date, where + ".date")
    if header.year != day.year:
        raise InvalidArgument(
            "BAD_YEAR",
            f"{where}.year {header.year} is not the year of {header.date}",
            field=where + ".year",
        )
    if day > money.date_of_us(ctx.block_time_us):
        raise _sdi(
            FailedPrecondition(
                "INVOICE_DATE_IN_FUTURE",
                f"{where}.date {header.date} is after the day it is submitted",
                field=where + ".date",
            ),
            "00403",
            index,
        )
    money.check_currency(header.currency, where + ".currency")
    _digest(header.xml_sha256, where + ".xml_sha256")
    require_document(
        ctx, header.xml_document, seller.holder or seller.office, where + ".xml_document"
    )
    if not 1 <= len(header.vat) <= MAX_VAT_LINES:
        raise InvalidArgument(
            "BAD_VAT_LINES", f"{where}: 1-{MAX_VAT_LINES} VAT summaries", field=where + ".vat"
        )
    for n, line in enumerate(header.vat):
        name = f"{where}.vat[{n}]"
        money.in_range(line.taxable, name + ".taxable")
        if line.rate_centi_percent == 0:
            if line.nature not in NATURES:
                raise _sdi(
                    InvalidArgument(
                        "BAD_NATURE",
                        f"{name}: rate 0 needs a Natura code N1..N7",
                        field=name + ".nature",
                    ),
                    "00400",
                    index,
                )
        elif line.nature:
            raise _sdi(
                InvalidArgument(
                    "BAD_NATURE",
                    f"{name}: a Natura code goes with rate 0 only",
                    field=name + ".nature",
                ),
                "00401",
                index,
            )
        if not _rate_valid(office, line.rate_centi_percent, header.date):
            raise (
                FailedPrecondition(
                    "UNKNOWN_VAT_RATE",
                    f"{name}: rate {_percent(line.rate_centi_percent)} is not in force on "
                    f"{header.date}",
                    field=name + ".rate_centi_percent",
                ).with_metadata(invoice_index=str(index))
            )
        expected = money.vat_of(line.taxable, line.rate_centi_percent)
        if line.tax != expected:
            raise _sdi(
                InvalidArgument(
                    "TOTALS_MISMATCH",
                    f"{name}: tax {line.tax} is not taxable {line.taxable} x "
                    f"{_percent(line.rate_centi_percent)} rounded half up ({expected})",
                    field=name + ".tax",
                ),
                "00421",
                index,
            )
    computed = money.total(
        [*(v.taxable for v in header.vat), *(v.tax for v in header.vat)], where + ".total"
    )
    if header.total != computed:
        raise (
            InvalidArgument(
                "TOTALS_MISMATCH",
                f"{where}.total {header.total} is not the sum of taxable and tax ({computed})",
                field=where + ".total",
            ).with_metadata(invoice_index=str(index))
        )


def submit_invoices(ctx: ActionContext, action: SubmitInvoices) -> None:
    office = settings(ctx.state, action.office)
    if not 1 <= len(action.invoices) <= MAX_INVOICES_PER_FILE:
        raise InvalidArgument(
            "BAD_INVOICES", f"a file holds 1-{MAX_INVOICES_PER_FILE} invoices", field="invoices"
        )
    signer = _signer(ctx)
    seen: dict[tuple[bytes, int, str], int] = {}
    book = _Book(ctx)
    credited_in_file: dict[bytes, int] = {}
    for index, header in enumerate(action.invoices):
        _check_invoice(ctx, action.office, office, header, index, signer)
        number = (header.seller, header.year, header.number)
        if number in seen:
            raise _sdi(
                AlreadyExists(
                    "DUPLICATE_IN_BATCH",
                    f"invoices[{index}] repeats number {header.number}/{header.year} of "
                    f"invoices[{seen[number]}] in the same file",
                    field=f"invoices[{index}].number",
                ),
                "00409",
                index,
            )
        seen[number] = index
        existing = ctx.state.get(invoice_number_key(*number))
        if existing is not None:
            raise _sdi(
                AlreadyExists(
                    "DUPLICATE_INVOICE",
                    f"invoices[{index}]: the seller already cleared {header.number}/{header.year} "
                    f"(invoice {existing.hex()})",
                    metadata={"invoice": existing.hex()},
                ),
                "00404",
                index,
            )
        if header.document_type == CREDIT_NOTE:
            cited_id = ctx.state.get(
                invoice_number_key(header.seller, header.cited_year, header.cited_number)
            )
            if cited_id is None:
                raise (
                    FailedPrecondition(
                        "CITED_INVOICE_NOT_FOUND",
                        f"invoices[{index}] cites {header.cited_number}/{header.cited_year}, "
                        "which the seller has not cleared",
                        field=f"invoices[{index}].cited_number",
                    ).with_metadata(invoice_index=str(index))
                )
            cited = load_invoice(ctx.state, cited_id)
            if cited.status != CLEARED:
                raise FailedPrecondition(
                    "CITED_INVOICE_CANCELLED", f"invoices[{index}] cites a cancelled invoice"
                )
            if cited.header.currency != header.currency:
                raise InvalidArgument(
                    "CURRENCY_MISMATCH",
                    f"invoices[{index}] is in {header.currency}, the cited invoice in "
                    f"{cited.header.currency}",
                    field=f"invoices[{index}].currency",
                )
            already = cited.credited + credited_in_file.get(cited_id, 0)
            open_amount = cited.header.total - already
            if header.total > open_amount:
                raise (
                    FailedPrecondition(
                        "CREDIT_EXCEEDS_INVOICE",
                        f"invoices[{index}]: credit note of {header.total} is more than the "
                        f"{open_amount} still open on invoice {cited_id.hex()}",
                        metadata={
                            "open": str(open_amount),
                            "invoice": cited_id.hex(),
                            "invoice_index": str(index),
                        },
                    )
                )
            credited_in_file[cited_id] = credited_in_file.get(cited_id, 0) + header.total
        elif header.cited_number or header.cited_year:
            raise InvalidArgument(
                "BAD_CITATION",
                f"invoices[{index}]: only a credit note (TD04) cites an invoice",
                field=f"invoices[{index}].cited_number",
            )
        invoice_id = derive_id(ctx.tx_hash, b"invoice", index)
        record = InvoiceRecord(invoice_id=invoice_id, header=header, entry_index=ctx.entry_index)
        ctx.state.put(invoice_key(invoice_id), record.encode())
        ctx.state.put(invoice_number_key(*number), invoice_id)
        book.event(header.seller, "invoice_cleared", record=record)
    for cited_id, amount in sorted(credited_in_file.items()):
        cited = load_invoice(ctx.state, cited_id)
        cited = replace(cited, credited=cited.credited + amount)
        ctx.state.put(invoice_key(cited_id), cited.encode())
        book.event(cited.header.seller, "invoice_credited", amount=amount, record=cited)


def cancel_invoice(ctx: ActionContext, action: CancelInvoice) -> None:
    settings(ctx.state, action.office)
    invoice = load_invoice(ctx.state, _id(action.invoice, "invoice"))
    seller = load_account(ctx.state, invoice.header.seller, action.office)
    signer = _signer(ctx)
    if signer != seller.holder and not _holds(ctx, signer, action.office, SDI):
        raise PermissionDenied("NOT_SELLER", "only the seller's holder cancels its invoice")
    if not _REASON.match(action.reason_code):
        raise InvalidArgument(
            "REASON_REQUIRED",
            "cancelling needs a reason code: 1-32 of A-Z 0-9 _",
            field="reason_code",
        )
    if invoice.status == CANCELLED:
        raise FailedPrecondition("INVOICE_CANCELLED", "the invoice is already cancelled")
    if invoice.credited:
        raise FailedPrecondition(
            "INVOICE_CREDITED",
            "credit notes cite this invoice; issue a credit note for the rest instead",
        )
    invoice = replace(invoice, status=CANCELLED, cancel_reason=action.reason_code)
    ctx.state.put(invoice_key(invoice.invoice_id), invoice.encode())
    _Book(ctx).event(seller.account_id, "invoice_cancelled", record=invoice)


def report_delivery(ctx: ActionContext, action: ReportDelivery) -> None:
    office = settings(ctx.state, action.office)
    invoice = load_invoice(ctx.state, _id(action.invoice, "invoice"))
    load_account(ctx.state, invoice.header.seller, action.office)
    if invoice.delivery == DELIVERED:
        raise FailedPrecondition("ALREADY_DELIVERED", "the invoice has been delivered")
    if action.delivered:
        if invoice.delivery == UNDELIVERABLE and ctx.block_time_us > invoice.redelivery_until_us:
            raise FailedPrecondition(
                "REDELIVERY_WINDOW_CLOSED",
                "the redelivery window has closed: the invoice stays in the buyer's reserved area",
            )
        invoice = replace(invoice, delivery=DELIVERED)
    else:
        if invoice.delivery == UNDELIVERABLE:
            raise FailedPrecondition("ALREADY_UNDELIVERABLE", "the invoice is already marked MC")
        invoice = replace(
            invoice,
            delivery=UNDELIVERABLE,
            redelivery_until_us=ctx.block_time_us + office.redelivery_window_hours * 3_600_000_000,
        )
    ctx.state.put(invoice_key(invoice.invoice_id), invoice.encode())
    _Book(ctx).event(invoice.header.seller, "invoice_delivery", record=invoice)
