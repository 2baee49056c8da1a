"""Values of the tax domain: actions (decoded from protobuf by the API layer) and records.

Records are canonical JSON (sorted keys, no spaces); bytes are hex. Amounts in records are
integer minor units of the office's currency (invoices keep their own currency). Nothing here
is a float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tabularium.domains.records import Record, canonical, to_json

ID_SIZE = 16
DIGEST_SIZE = 32

# Liability, invoice, delivery, payment and seizure statuses (the proto enums' suffixes).
OPEN, PAID, SUPERSEDED, ANNULLED = "open", "paid", "superseded", "annulled"
CLEARED, CANCELLED = "cleared", "cancelled"
PENDING, DELIVERED, UNDELIVERABLE = "pending", "delivered", "undeliverable"
BOOKED = "booked"
ACTIVE, RELEASE_DUE, RELEASED = "active", "release_due", "released"
ORIGINS = ("return", "official")
KINDS = ("person", "company")
APPEAL_OUTCOMES = ("dismissed", "annulled", "reduced")

# FatturaPA TipoDocumento codes (specifiche tecniche 1.8); TD04 is the credit note.
DOCUMENT_TYPES = (
    "TD01", "TD02", "TD03", "TD04", "TD05", "TD06", "TD16", "TD17", "TD18", "TD19",
    "TD20", "TD21", "TD22", "TD23", "TD24", "TD25", "TD26", "TD27", "TD28",
)  # fmt: skip
CREDIT_NOTE = "TD04"
NATURES = (
    "N1", "N2.1", "N2.2", "N3.1", "N3.2", "N3.3", "N3.4", "N3.5", "N3.6", "N4", "N5",
    "N6.1", "N6.2", "N6.3", "N6.4", "N6.5", "N6.6", "N6.7", "N6.8", "N6.9", "N7",
)  # fmt: skip

DEFAULT_NOTICE_DAYS = 60
DEFAULT_IDEMPOTENCY_DAYS = 35
DEFAULT_REDELIVERY_HOURS = 72
DEFAULT_RETENTION_YEARS = 10


# ----- actions -----


@dataclass(frozen=True, slots=True)
class VatRate(Record):
    rate_centi_percent: int
    valid_from: str
    valid_until: str = ""


@dataclass(frozen=True, slots=True)
class ConfigureTaxOffice:
    office: str
    currency: str
    dual_control_above: int
    notice_period_days: int
    idempotency_retention_days: int
    redelivery_window_hours: int
    vat_rates: tuple[VatRate, ...]
    retention_years: int


@dataclass(frozen=True, slots=True)
class RegisterTaxpayer:
    office: str
    tax_code_commitment: bytes
    personal_record: bytes
    kind: str
    holder: str


@dataclass(frozen=True, slots=True)
class Assess:
    office: str
    account: bytes
    tax_type: str
    period: str
    principal: int
    currency: str
    due_date: str
    legal_basis: str
    source_sha256: bytes
    origin: str


@dataclass(frozen=True, slots=True)
class AmendAssessment:
    office: str
    liability: bytes
    principal: int
    currency: str
    due_date: str
    legal_basis: str
    source_sha256: bytes
    rationale: str


@dataclass(frozen=True, slots=True)
class GrantCredit:
    office: str
    account: bytes
    amount: int
    currency: str
    legal_basis: str
    source_sha256: bytes


@dataclass(frozen=True, slots=True)
class RecordRefund:
    office: str
    account: bytes
    amount: int
    currency: str
    order_sha256: bytes


@dataclass(frozen=True, slots=True)
class VatSummary(Record):
    rate_centi_percent: int
    taxable: int
    tax: int
    nature: str = ""


@dataclass(frozen=True, slots=True)
class InvoiceHeader(Record):
    seller: bytes
    buyer: bytes
    buyer_is_consumer: bool
    year: int
    number: str
    document_type: str
    date: str
    currency: str
    vat: tuple[VatSummary, ...]
    total: int
    cited_year: int
    cited_number: str
    xml_sha256: bytes
    xml_document: bytes


@dataclass(frozen=True, slots=True)
class SubmitInvoices:
    office: str
    invoices: tuple[InvoiceHeader, ...]


@dataclass(frozen=True, slots=True)
class CancelInvoice:
    office: str
    invoice: bytes
    reason_code: str


@dataclass(frozen=True, slots=True)
class ReportDelivery:
    office: str
    invoice: bytes
    delivered: bool


@dataclass(frozen=True, slots=True)
class RecordPayment:
    office: str
    idempotency_key: str
    account: bytes
    amount: int
    currency: str
    value_date: str
    creditor_reference: str
    end_to_end_id: str
    acct_svcr_ref: str
    booked: bool

    def payload(self) -> bytes:
        """What a retry with the same idempotency key must repeat exactly."""
        return canonical(to_json(self))


@dataclass(frozen=True, slots=True)
class BookPayment:
    office: str
    payment: bytes


@dataclass(frozen=True, slots=True)
class RecordAppeal:
    office: str
    liability: bytes
    document_sha256: bytes


@dataclass(frozen=True, slots=True)
class ResolveAppeal:
    office: str
    liability: bytes
    outcome: str
    new_principal: int
    currency: str
    decision_sha256: bytes


@dataclass(frozen=True, slots=True)
class IssueDemand:
    office: str
    account: bytes
    liabilities: tuple[bytes, ...]
    fees: int
    currency: str
    notice_sha256: bytes


@dataclass(frozen=True, slots=True)
class OrderSeizure:
    office: str
    demand: bytes
    amount: int
    currency: str
    bank: str
    order_document: bytes
    bank_grant: bytes


@dataclass(frozen=True, slots=True)
class ReleaseSeizure:
    office: str
    seizure: bytes


# ----- records -----


@dataclass(frozen=True, slots=True)
class OfficeSettings(Record):
    currency: str = "EUR"
    dual_control_above: int = 0
    notice_period_days: int = DEFAULT_NOTICE_DAYS
    idempotency_retention_days: int = DEFAULT_IDEMPOTENCY_DAYS
    redelivery_window_hours: int = DEFAULT_REDELIVERY_HOURS
    vat_rates: tuple[VatRate, ...] = ()
    retention_years: int = DEFAULT_RETENTION_YEARS
    configured: bool = False


@dataclass(frozen=True, slots=True)
class AccountRecord(Record):
    account_id: bytes
    office: str
    kind: str
    holder: str
    tax_code_commitment: bytes
    personal_record: bytes
    registered_entry: int
    assessed: int = 0
    paid: int = 0
    credited: int = 0
    refunded: int = 0
    credit_available: int = 0

    @property
    def balance(self) -> int:
        return self.assessed - self.paid - self.credited + self.refunded


@dataclass(frozen=True, slots=True)
class LiabilityRecord(Record):
    liability_id: bytes
    account: bytes
    office: str
    tax_type: str
    period: str
    principal: int
    due_date: str
    legal_basis: str
    source_sha256: bytes
    origin: str
    reference: str
    assessed_entry: int
    paid: int = 0
    credited: int = 0
    status: str = OPEN
    replaces: bytes = b""
    replaced_by: bytes = b""
    under_appeal: bool = False

    @property
    def open(self) -> int:
        return self.principal - self.paid - self.credited if self.status == OPEN else 0


@dataclass(frozen=True, slots=True)
class PaymentRecord(Record):
    payment_id: bytes
    institution: str
    idempotency_key: str
    account: bytes
    amount: int
    value_date: str
    creditor_reference: str
    end_to_end_id: str
    acct_svcr_ref: str
    status: str
    entry_index: int
    tx_hash: bytes
    payload_sha256: bytes
    allocations: tuple[tuple[str, int], ...] = ()
    surplus: int = 0


@dataclass(frozen=True, slots=True)
class IdempotencyRecord(Record):
    payment_id: bytes
    payload_sha256: bytes
    entry_index: int
    tx_hash: bytes
    expires_us: int


@dataclass(frozen=True, slots=True)
class InvoiceRecord(Record):
    invoice_id: bytes
    header: InvoiceHeader
    entry_index: int
    status: str = CLEARED
    delivery: str = PENDING
    redelivery_until_us: int = 0
    credited: int = 0
    cancel_reason: str = ""


@dataclass(frozen=True, slots=True)
class DemandRecord(Record):
    demand_id: bytes
    account: bytes
    office: str
    liabilities: tuple[bytes, ...]
    fees: int
    issued_us: int
    notice_until_us: int
    entry_index: int


@dataclass(frozen=True, slots=True)
class SeizureRecord(Record):
    seizure_id: bytes
    demand: bytes
    account: bytes
    office: str
    amount: int
    bank: str
    order_document: bytes
    bank_grant: bytes
    entry_index: int
    status: str = ACTIVE


@dataclass(frozen=True, slots=True)
class AccountEvent(Record):
    """One change to an account: what the rules decided, so that balances can be recomputed
    from events alone (queries.fold)."""

    entry_index: int
    height: int
    time_us: int
    kind: str
    liability: bytes = b""
    payment: bytes = b""
    # Totals moved (by kind: principal assessed or withdrawn, payment, credit, refund).
    amount: int = 0
    # Change of the account's unused credit.
    credit_change: int = 0
    # The record the event concerns, after it ("liability", "payment", "invoice", "demand",
    # "seizure": a record's JSON object), so past states need no other table.
    record_kind: str = ""
    detail: dict[str, Any] = field(default_factory=dict)
