"""The tax domain's pure parts: money, dates and periods, ISO 11649 references (published
examples), half-up rounding against Decimal, invoice files (FatturaPA schema, UBL fields),
camt.053/054 parsing, record encoding."""

from __future__ import annotations

import datetime
import hashlib
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tabularium import camt, tax_xml
from tabularium.domains.tax import money
from tabularium.domains.tax.model import (
    AccountEvent,
    InvoiceHeader,
    InvoiceRecord,
    LiabilityRecord,
    PaymentRecord,
    VatSummary,
)
from tabularium.domains.tax.rules import reference_for
from tabularium.errors import InvalidArgument

# ISO 11649 examples: the standard's own (RF18 5390 0754 7034) and the EPC's guidance
# examples; the same bodies with wrong check digits must fail.
VALID_REFERENCES = ["RF18539007547034", "RF18 5390 0754 7034", "RF712348231", "RF45G72UUR"]
INVALID_REFERENCES = ["RF19539007547034", "RF00539007547034", "RF18", "XX18539007547034", ""]


@pytest.mark.parametrize("reference", VALID_REFERENCES)
def test_iso11649_valid(reference: str) -> None:
    assert money.reference_valid(reference)
    assert money.check_reference(reference) == reference.replace(" ", "")


@pytest.mark.parametrize("reference", INVALID_REFERENCES)
def test_iso11649_invalid(reference: str) -> None:
    assert not money.reference_valid(reference)
    with pytest.raises(InvalidArgument) as caught:
        money.check_reference(reference)
    assert caught.value.reason == "BAD_REFERENCE"


def test_iso11649_generation_matches_the_published_example() -> None:
    assert money.make_reference("539007547034") == "RF18539007547034"
    assert money.make_reference("2348231") == "RF712348231"


@given(st.binary(min_size=16, max_size=16))
def test_liability_references_are_valid_and_21_chars(liability: bytes) -> None:
    reference = reference_for(liability)
    assert money.reference_valid(reference) and len(reference) == 25


@given(st.integers(min_value=-(10**15), max_value=10**15), st.integers(0, 10_000))
def test_vat_rounding_equals_decimal_half_up(taxable: int, rate: int) -> None:
    expected = (Decimal(taxable) * Decimal(rate) / Decimal(10_000)).quantize(
        Decimal(1), rounding=ROUND_HALF_UP
    )
    assert money.vat_of(taxable, rate) == int(expected)


def test_rounding_at_half() -> None:
    assert money.round_half_up(5, 10) == 1 and money.round_half_up(-5, 10) == -1
    assert money.round_half_up(4, 10) == 0 and money.round_half_up(15, 10) == 2
    assert money.vat_of(25, 2200) == 6  # 5.5 cents -> 6


def test_amount_range_and_currency() -> None:
    assert money.total([money.INT64_MAX - 1, 1], "x") == money.INT64_MAX
    with pytest.raises(InvalidArgument) as caught:
        money.total([money.INT64_MAX, 1], "sum")
    assert caught.value.reason == "AMOUNT_OUT_OF_RANGE"
    with pytest.raises(InvalidArgument) as caught:
        money.check_currency("XYZ", "currency")
    assert caught.value.reason == "UNKNOWN_CURRENCY"
    with pytest.raises(InvalidArgument) as caught:
        money.same_currency("EUR", "USD", "amount.currency")
    assert caught.value.reason == "CURRENCY_MISMATCH"
    assert money.EXPONENTS["JPY"] == 0 and money.EXPONENTS["KWD"] == 3


def test_periods_and_dates() -> None:
    assert money.period_range("2026") == (datetime.date(2026, 1, 1), datetime.date(2027, 1, 1))
    assert money.period_range("2026-12") == (
        datetime.date(2026, 12, 1),
        datetime.date(2027, 1, 1),
    )
    assert money.period_range("2026-Q2") == (datetime.date(2026, 4, 1), datetime.date(2026, 7, 1))
    assert money.period_within("2026-Q2", "2026") and not money.period_within("2026", "2026-Q2")
    for bad in ("2026-13", "2026-Q5", "26", "2026-1"):
        with pytest.raises(InvalidArgument):
            money.period_range(bad)
    for bad in ("2026-02-30", "2026-2-1", "yesterday"):
        with pytest.raises(InvalidArgument):
            money.check_date(bad, "due_date")
    day = datetime.date(2026, 3, 1)
    start = money.day_start_us(day)
    assert not money.is_past(day, start + 86_400_000_000 - 1)
    assert money.is_past(day, start + 86_400_000_000)
    assert money.date_of_us(start + 5) == day


def _invoice(number: str = "1", **extra: object) -> dict[str, object]:
    return {
        "document_type": "TD01",
        "currency": "EUR",
        "date": "2026-03-01",
        "number": number,
        "vat": [(2200, 10_000, 2_200, ""), (0, 500, 0, "N2.1")],
        "total": 12_700,
        **extra,
    }


def _header(xml: bytes, found: tax_xml.ParsedInvoice) -> InvoiceHeader:
    return InvoiceHeader(
        bytes(16), b"", True, 2026, found.number, found.document_type, found.date,
        found.currency, tuple(VatSummary(*vars(v).values()) for v in found.vat),
        found.total or 0, found.cited_year, found.cited_number,
        hashlib.sha256(xml).digest(), bytes(16),
    )  # fmt: skip


def test_fatturapa_file_validates_and_matches_its_headers() -> None:
    xml = tax_xml.build_fatturapa([_invoice("1"), _invoice("2")])
    found = tax_xml.parse_invoices(xml)
    assert [f.number for f in found] == ["1", "2"]
    assert found[0].vat[1] == tax_xml.VatLine(0, 500, 0, "N2.1")
    headers = [_header(xml, f) for f in found]
    tax_xml.check_against(xml, headers)
    wrong = [headers[0], InvoiceHeader(**{**vars_of(headers[1]), "total": 1})]
    with pytest.raises(InvalidArgument) as caught:
        tax_xml.check_against(xml, wrong)
    assert caught.value.reason == "INVOICE_MISMATCH" and caught.value.field == "invoices[1].total"
    with pytest.raises(InvalidArgument) as caught:
        tax_xml.check_against(xml, headers[:1])
    assert caught.value.reason == "INVOICE_MISMATCH"


def vars_of(header: InvoiceHeader) -> dict[str, object]:
    return {name: getattr(header, name) for name in header.__dataclass_fields__}


def test_fatturapa_schema_errors_and_hostile_xml() -> None:
    xml = tax_xml.build_fatturapa([_invoice()])
    for broken in (
        xml.replace(b"<Divisa>EUR</Divisa>", b""),  # required element
        xml.replace(b"TD01", b"TD99"),  # not in the enumeration
        xml.replace(b"<ImponibileImporto>100.00", b"<ImponibileImporto>1x0"),
        b"<not-xml",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        b"<FatturaElettronica/>",
    ):
        with pytest.raises(InvalidArgument) as caught:
            tax_xml.parse_invoices(broken)
        assert caught.value.reason == "INVOICE_XML_INVALID"
    # More decimals than the currency has minor units is refused, not rounded.
    with pytest.raises(InvalidArgument):
        tax_xml.minor_units("1.005", "EUR", "x")
    assert tax_xml.minor_units("1.50", "EUR", "x") == 150
    assert tax_xml.minor_units("150", "JPY", "x") == 150


UBL = b"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>
  <cbc:ID>UBL-7</cbc:ID>
  <cbc:IssueDate>2026-04-02</cbc:IssueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="EUR">22.00</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="EUR">100.00</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="EUR">22.00</cbc:TaxAmount>
      <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>22</cbc:Percent>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:TaxExclusiveAmount currencyID="EUR">100.00</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="EUR">122.00</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="EUR">122.00</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
</Invoice>"""


def test_ubl_invoice_fields() -> None:
    (found,) = tax_xml.parse_invoices(UBL)
    assert (found.document_type, found.number, found.date, found.total) == (
        "TD01",
        "UBL-7",
        "2026-04-02",
        12_200,
    )
    assert found.vat == (tax_xml.VatLine(2200, 10_000, 2_200, ""),)
    with pytest.raises(InvalidArgument):
        tax_xml.parse_invoices(UBL.replace(b"<cbc:ID>UBL-7</cbc:ID>", b""))


def test_camt_round_trip_and_filters() -> None:
    lines = [
        camt.BankLine(
            "E2E-1", "A-1", 12_345, "EUR", "2026-03-01", "2026-03-01", "RF18539007547034"
        ),
        camt.BankLine("E2E-2", "A-2", 7, "JPY", "2026-03-02", "2026-03-02", ""),
    ]
    for kind in ("053", "054"):
        assert camt.parse(camt.build(kind, lines)) == lines
    debit = camt.build("053", lines[:1]).replace(b"CRDT", b"DBIT")
    assert camt.parse(debit) == []
    pending = camt.build("054", lines[:1]).replace(b"<Cd>BOOK</Cd>", b"<Cd>PDNG</Cd>")
    assert camt.parse(pending) == []
    with pytest.raises(ValueError):
        camt.parse(b"<Document/>")


def test_records_round_trip() -> None:
    header = InvoiceHeader(
        b"\x01" * 16, b"", True, 2026, "7", "TD01", "2026-01-01", "EUR",
        (VatSummary(2200, 100, 22),), 122, 0, "", b"\x02" * 32, b"\x03" * 16,
    )  # fmt: skip
    invoice = InvoiceRecord(b"\x04" * 16, header, 9)
    assert InvoiceRecord.decode(invoice.encode()) == invoice
    payment = PaymentRecord(
        b"p" * 16, "did:key:z", "k", b"a" * 16, 5, "2026-01-01", "", "", "", "booked", 3,
        b"t" * 32, b"s" * 32, (("ab" * 16, 5),), 0,
    )  # fmt: skip
    assert PaymentRecord.decode(payment.encode()) == payment
    liability = LiabilityRecord(
        b"l" * 16, b"a" * 16, "did:x", "VAT", "2026", 100, "2026-01-01", "B", b"s" * 32,
        "return", reference_for(b"l" * 16), 1,
    )  # fmt: skip
    assert liability.open == 100
    event = AccountEvent(1, 2, 3, "assessed", liability=b"l" * 16, amount=100)
    assert AccountEvent.decode(event.encode()) == event
