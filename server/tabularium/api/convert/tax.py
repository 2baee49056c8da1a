"""Decoding tabularium.tax.v1 actions into domain values, and records into messages."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from tabularium.api.convert.identity import parse, type_url
from tabularium.domains.tax import model as m
from tabularium.domains.tax.queries import Folded, Reconciliation
from tabularium.errors import InvalidArgument
from tabularium.tax.v1 import tax_pb2 as pb

_KIND = {pb.TAXPAYER_KIND_PERSON: "person", pb.TAXPAYER_KIND_COMPANY: "company"}
KIND_TO_PB = {v: k for k, v in _KIND.items()}
_ORIGIN = {pb.ASSESSMENT_ORIGIN_RETURN: "return", pb.ASSESSMENT_ORIGIN_OFFICIAL: "official"}
ORIGIN_TO_PB = {v: k for k, v in _ORIGIN.items()}
_APPEAL = {
    pb.APPEAL_OUTCOME_DISMISSED: "dismissed",
    pb.APPEAL_OUTCOME_ANNULLED: "annulled",
    pb.APPEAL_OUTCOME_REDUCED: "reduced",
}
LIABILITY_STATUS = {
    m.OPEN: pb.LIABILITY_STATUS_OPEN,
    m.PAID: pb.LIABILITY_STATUS_PAID,
    m.SUPERSEDED: pb.LIABILITY_STATUS_SUPERSEDED,
    m.ANNULLED: pb.LIABILITY_STATUS_ANNULLED,
}
PAYMENT_STATUS = {m.BOOKED: pb.PAYMENT_STATUS_BOOKED, m.PENDING: pb.PAYMENT_STATUS_PENDING}
INVOICE_STATUS = {m.CLEARED: pb.INVOICE_STATUS_CLEARED, m.CANCELLED: pb.INVOICE_STATUS_CANCELLED}
DELIVERY_STATUS = {
    m.PENDING: pb.DELIVERY_STATUS_PENDING,
    m.DELIVERED: pb.DELIVERY_STATUS_DELIVERED,
    m.UNDELIVERABLE: pb.DELIVERY_STATUS_UNDELIVERABLE,
}
SEIZURE_STATUS = {
    m.ACTIVE: pb.SEIZURE_STATUS_ACTIVE,
    m.RELEASE_DUE: pb.SEIZURE_STATUS_RELEASE_DUE,
    m.RELEASED: pb.SEIZURE_STATUS_RELEASED,
}


def _enum(mapping: Mapping[Any, str], value: int, field: str) -> str:
    if value not in mapping:
        raise InvalidArgument(
            "BAD_ENUM", f"{field} must be set to one of {sorted(mapping.values())}", field=field
        )
    return mapping[value]


def _amount(value: pb.Amount) -> tuple[int, str]:
    return int(value.minor_units), value.currency


def decode_configure(value: bytes) -> m.ConfigureTaxOffice:
    msg = parse(pb.ConfigureTaxOffice, value)
    threshold, currency = _amount(msg.dual_control_above)
    if msg.HasField("dual_control_above") and currency != msg.currency:
        raise InvalidArgument(
            "CURRENCY_MISMATCH",
            f"dual_control_above is in {currency}, the office in {msg.currency}",
            field="dual_control_above.currency",
        )
    return m.ConfigureTaxOffice(
        office=msg.office,
        currency=msg.currency,
        dual_control_above=threshold,
        notice_period_days=msg.notice_period_days,
        idempotency_retention_days=msg.idempotency_retention_days,
        redelivery_window_hours=msg.redelivery_window_hours,
        vat_rates=tuple(
            m.VatRate(r.rate_centi_percent, r.valid_from, r.valid_until) for r in msg.vat_rates
        ),
        retention_years=msg.retention_years,
    )


def decode_register(value: bytes) -> m.RegisterTaxpayer:
    msg = parse(pb.RegisterTaxpayer, value)
    return m.RegisterTaxpayer(
        office=msg.office,
        tax_code_commitment=bytes(msg.tax_code_commitment),
        personal_record=bytes(msg.personal_record),
        kind=_enum(_KIND, msg.kind, "kind"),
        holder=msg.holder,
    )


def decode_assess(value: bytes) -> m.Assess:
    msg = parse(pb.Assess, value)
    principal, currency = _amount(msg.principal)
    return m.Assess(
        office=msg.office,
        account=bytes(msg.account),
        tax_type=msg.tax_type,
        period=msg.period,
        principal=principal,
        currency=currency,
        due_date=msg.due_date,
        legal_basis=msg.legal_basis,
        source_sha256=bytes(msg.source_sha256),
        origin=_enum(_ORIGIN, msg.origin, "origin"),
    )


def decode_amend(value: bytes) -> m.AmendAssessment:
    msg = parse(pb.AmendAssessment, value)
    principal, currency = _amount(msg.principal)
    return m.AmendAssessment(
        office=msg.office,
        liability=bytes(msg.liability),
        principal=principal,
        currency=currency,
        due_date=msg.due_date,
        legal_basis=msg.legal_basis,
        source_sha256=bytes(msg.source_sha256),
        rationale=msg.rationale,
    )


def decode_credit(value: bytes) -> m.GrantCredit:
    msg = parse(pb.GrantCredit, value)
    amount, currency = _amount(msg.amount)
    return m.GrantCredit(
        msg.office, bytes(msg.account), amount, currency, msg.legal_basis, bytes(msg.source_sha256)
    )


def decode_refund(value: bytes) -> m.RecordRefund:
    msg = parse(pb.RecordRefund, value)
    amount, currency = _amount(msg.amount)
    return m.RecordRefund(msg.office, bytes(msg.account), amount, currency, bytes(msg.order_sha256))


def header_from_pb(header: pb.InvoiceHeader, where: str) -> m.InvoiceHeader:
    total, currency = _amount(header.total)
    lines = []
    for n, line in enumerate(header.vat):
        taxable, taxable_currency = _amount(line.taxable)
        tax, tax_currency = _amount(line.tax)
        for got, name in ((taxable_currency, "taxable"), (tax_currency, "tax")):
            if got != currency:
                raise InvalidArgument(
                    "CURRENCY_MISMATCH",
                    f"{where}.vat[{n}].{name} is in {got or '(none)'}, the total in {currency}",
                    field=f"{where}.vat[{n}].{name}.currency",
                )
        lines.append(m.VatSummary(line.rate_centi_percent, taxable, tax, line.nature))
    return m.InvoiceHeader(
        seller=bytes(header.seller),
        buyer=bytes(header.buyer),
        buyer_is_consumer=header.buyer_is_consumer,
        year=header.year,
        number=header.number,
        document_type=header.document_type,
        date=header.date,
        currency=currency,
        vat=tuple(lines),
        total=total,
        cited_year=header.cited_year,
        cited_number=header.cited_number,
        xml_sha256=bytes(header.xml_sha256),
        xml_document=bytes(header.xml_document),
    )


def decode_submit_invoices(value: bytes) -> m.SubmitInvoices:
    msg = parse(pb.SubmitInvoices, value)
    return m.SubmitInvoices(
        msg.office,
        tuple(header_from_pb(h, f"invoices[{n}]") for n, h in enumerate(msg.invoices)),
    )


def decode_cancel(value: bytes) -> m.CancelInvoice:
    msg = parse(pb.CancelInvoice, value)
    return m.CancelInvoice(msg.office, bytes(msg.invoice), msg.reason_code)


def decode_delivery(value: bytes) -> m.ReportDelivery:
    msg = parse(pb.ReportDelivery, value)
    outcome = _enum(
        {pb.DELIVERY_OUTCOME_DELIVERED: "delivered", pb.DELIVERY_OUTCOME_UNDELIVERABLE: "mc"},
        msg.outcome,
        "outcome",
    )
    return m.ReportDelivery(msg.office, bytes(msg.invoice), outcome == "delivered")


def decode_payment(value: bytes) -> m.RecordPayment:
    msg = parse(pb.RecordPayment, value)
    amount, currency = _amount(msg.amount)
    status = _enum(
        {pb.PAYMENT_STATUS_BOOKED: m.BOOKED, pb.PAYMENT_STATUS_PENDING: m.PENDING},
        msg.status,
        "status",
    )
    return m.RecordPayment(
        office=msg.office,
        idempotency_key=msg.idempotency_key,
        account=bytes(msg.account),
        amount=amount,
        currency=currency,
        value_date=msg.value_date,
        creditor_reference=msg.creditor_reference,
        end_to_end_id=msg.end_to_end_id,
        acct_svcr_ref=msg.acct_svcr_ref,
        booked=status == m.BOOKED,
    )


def decode_book(value: bytes) -> m.BookPayment:
    msg = parse(pb.BookPayment, value)
    return m.BookPayment(msg.office, bytes(msg.payment))


def decode_appeal(value: bytes) -> m.RecordAppeal:
    msg = parse(pb.RecordAppeal, value)
    return m.RecordAppeal(msg.office, bytes(msg.liability), bytes(msg.document_sha256))


def decode_resolve(value: bytes) -> m.ResolveAppeal:
    msg = parse(pb.ResolveAppeal, value)
    principal, currency = _amount(msg.new_principal)
    return m.ResolveAppeal(
        msg.office,
        bytes(msg.liability),
        _enum(_APPEAL, msg.outcome, "outcome"),
        principal,
        currency,
        bytes(msg.decision_sha256),
    )


def decode_demand(value: bytes) -> m.IssueDemand:
    msg = parse(pb.IssueDemand, value)
    fees, currency = _amount(msg.fees)
    return m.IssueDemand(
        msg.office,
        bytes(msg.account),
        tuple(bytes(i) for i in msg.liabilities),
        fees,
        currency,
        bytes(msg.notice_sha256),
    )


def decode_seizure(value: bytes) -> m.OrderSeizure:
    msg = parse(pb.OrderSeizure, value)
    amount, currency = _amount(msg.amount)
    return m.OrderSeizure(
        msg.office,
        bytes(msg.demand),
        amount,
        currency,
        msg.bank,
        bytes(msg.order_document),
        bytes(msg.bank_grant),
    )


def decode_release(value: bytes) -> m.ReleaseSeizure:
    msg = parse(pb.ReleaseSeizure, value)
    return m.ReleaseSeizure(msg.office, bytes(msg.seizure))


SUBMIT_INVOICES = type_url(pb.SubmitInvoices)
CLEAR_INVOICES_METHOD = "/tabularium.tax.v1.TaxService/ClearInvoices"
ISSUE_DEMAND = type_url(pb.IssueDemand)
ORDER_SEIZURE = type_url(pb.OrderSeizure)
RELEASE_SEIZURE = type_url(pb.ReleaseSeizure)
ENFORCEMENT_ACTIONS = (ISSUE_DEMAND, ORDER_SEIZURE, RELEASE_SEIZURE)

# (type URL, decoder, handler name in domains.tax.rules, default policy roles in the office).
ACTIONS: tuple[tuple[str, Callable[[bytes], Any], str, tuple[str, ...]], ...] = (
    (type_url(pb.ConfigureTaxOffice), decode_configure, "configure_office", ("admin",)),
    (type_url(pb.RegisterTaxpayer), decode_register, "register_taxpayer", ("officer",)),
    (type_url(pb.Assess), decode_assess, "assess", ("officer",)),
    (type_url(pb.AmendAssessment), decode_amend, "amend_assessment", ("officer",)),
    (type_url(pb.GrantCredit), decode_credit, "grant_credit", ("officer",)),
    (type_url(pb.RecordRefund), decode_refund, "record_refund", ("officer",)),
    (SUBMIT_INVOICES, decode_submit_invoices, "submit_invoices", ("*",)),
    (type_url(pb.CancelInvoice), decode_cancel, "cancel_invoice", ("*",)),
    (type_url(pb.ReportDelivery), decode_delivery, "report_delivery", ("sdi",)),
    (type_url(pb.RecordPayment), decode_payment, "record_payment", ("bank",)),
    (type_url(pb.BookPayment), decode_book, "book_payment", ("bank",)),
    (type_url(pb.RecordAppeal), decode_appeal, "record_appeal", ("*",)),
    (type_url(pb.ResolveAppeal), decode_resolve, "resolve_appeal", ("appeal",)),
    (ISSUE_DEMAND, decode_demand, "issue_demand", ("enforcement",)),
    (ORDER_SEIZURE, decode_seizure, "order_seizure", ("enforcement",)),
    (RELEASE_SEIZURE, decode_release, "release_seizure", ("bank",)),
)


# ----- records -> messages ---------------------------------------------------------------------


def amount_pb(value: int, currency: str) -> pb.Amount:
    return pb.Amount(minor_units=value, currency=currency)


def account_to_pb(record: m.AccountRecord, currency: str, open_amount: int) -> pb.Account:
    return pb.Account(
        account_id=record.account_id,
        office=record.office,
        kind=KIND_TO_PB[record.kind],
        holder=record.holder,
        tax_code_commitment=record.tax_code_commitment,
        personal_record=record.personal_record,
        assessed=amount_pb(record.assessed, currency),
        paid=amount_pb(record.paid, currency),
        credited=amount_pb(record.credited, currency),
        refunded=amount_pb(record.refunded, currency),
        balance=amount_pb(record.balance, currency),
        open=amount_pb(open_amount, currency),
        credit_available=amount_pb(record.credit_available, currency),
        registered_entry=record.registered_entry,
    )


def liability_to_pb(record: m.LiabilityRecord, currency: str) -> pb.Liability:
    return pb.Liability(
        liability_id=record.liability_id,
        account=record.account,
        tax_type=record.tax_type,
        period=record.period,
        principal=amount_pb(record.principal, currency),
        paid=amount_pb(record.paid, currency),
        credited=amount_pb(record.credited, currency),
        open=amount_pb(record.open, currency),
        due_date=record.due_date,
        legal_basis=record.legal_basis,
        source_sha256=record.source_sha256,
        origin=ORIGIN_TO_PB[record.origin],
        status=LIABILITY_STATUS[record.status],
        reference=record.reference,
        replaces=record.replaces,
        replaced_by=record.replaced_by,
        under_appeal=record.under_appeal,
        assessed_entry=record.assessed_entry,
    )


def payment_to_pb(record: m.PaymentRecord, currency: str) -> pb.Payment:
    return pb.Payment(
        payment_id=record.payment_id,
        institution=record.institution,
        idempotency_key=record.idempotency_key,
        account=record.account,
        amount=amount_pb(record.amount, currency),
        value_date=record.value_date,
        creditor_reference=record.creditor_reference,
        end_to_end_id=record.end_to_end_id,
        acct_svcr_ref=record.acct_svcr_ref,
        status=PAYMENT_STATUS[record.status],
        allocations=[
            pb.Allocation(liability=bytes.fromhex(i), amount=amount_pb(a, currency))
            for i, a in record.allocations
        ],
        surplus=amount_pb(record.surplus, currency),
        entry_index=record.entry_index,
        tx_hash=record.tx_hash,
    )


def header_to_pb(header: m.InvoiceHeader) -> pb.InvoiceHeader:
    c = header.currency
    return pb.InvoiceHeader(
        seller=header.seller,
        buyer=header.buyer,
        buyer_is_consumer=header.buyer_is_consumer,
        year=header.year,
        number=header.number,
        document_type=header.document_type,
        date=header.date,
        vat=[
            pb.VatSummary(
                rate_centi_percent=v.rate_centi_percent,
                taxable=amount_pb(v.taxable, c),
                tax=amount_pb(v.tax, c),
                nature=v.nature,
            )
            for v in header.vat
        ],
        total=amount_pb(header.total, c),
        cited_year=header.cited_year,
        cited_number=header.cited_number,
        xml_sha256=header.xml_sha256,
        xml_document=header.xml_document,
    )


def invoice_to_pb(record: m.InvoiceRecord) -> pb.Invoice:
    return pb.Invoice(
        invoice_id=record.invoice_id,
        header=header_to_pb(record.header),
        status=INVOICE_STATUS[record.status],
        delivery=DELIVERY_STATUS[record.delivery],
        redelivery_until_us=record.redelivery_until_us,
        credited=amount_pb(record.credited, record.header.currency),
        cancel_reason=record.cancel_reason,
        entry_index=record.entry_index,
    )


def demand_to_pb(record: m.DemandRecord, currency: str) -> pb.Demand:
    return pb.Demand(
        demand_id=record.demand_id,
        account=record.account,
        liabilities=list(record.liabilities),
        fees=amount_pb(record.fees, currency),
        issued_us=record.issued_us,
        notice_until_us=record.notice_until_us,
        entry_index=record.entry_index,
    )


def seizure_to_pb(record: m.SeizureRecord, currency: str) -> pb.Seizure:
    return pb.Seizure(
        seizure_id=record.seizure_id,
        demand=record.demand,
        account=record.account,
        amount=amount_pb(record.amount, currency),
        bank=record.bank,
        order_document=record.order_document,
        bank_grant=record.bank_grant,
        status=SEIZURE_STATUS[record.status],
        entry_index=record.entry_index,
    )


def event_to_pb(event: m.AccountEvent, currency: str) -> pb.AccountEvent:
    detail = {
        "record_kind": event.record_kind,
        "record": event.detail,
        "credit_change": event.credit_change,
    }
    return pb.AccountEvent(
        entry_index=event.entry_index,
        height=event.height,
        time_us=event.time_us,
        kind=event.kind,
        liability=event.liability,
        payment=event.payment,
        amount=amount_pb(event.amount, currency),
        detail_json=json.dumps(detail, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
    )


def liabilities_to_pb(folded: Folded, currency: str) -> dict[str, Any]:
    return {
        "liabilities": [liability_to_pb(r, currency) for r in folded.sorted_liabilities()],
        "demands": [demand_to_pb(folded.demands[k], currency) for k in sorted(folded.demands)],
        "seizures": [seizure_to_pb(folded.seizures[k], currency) for k in sorted(folded.seizures)],
    }


def reconciliation_to_pb(result: Reconciliation, currency: str) -> dict[str, Any]:
    return {
        "rows": [
            pb.ReconciliationRow(
                tax_type=r.tax_type,
                period=r.period,
                assessed=amount_pb(r.assessed, currency),
                paid=amount_pb(r.paid, currency),
                credited=amount_pb(r.credited, currency),
                open=amount_pb(r.open, currency),
            )
            for r in result.rows
        ],
        "refunded": amount_pb(result.refunded, currency),
        "credit_available": amount_pb(result.credit_available, currency),
        "payments": [payment_to_pb(p, currency) for p in result.payments],
    }
