"""Invoice clearance through the real server (SDI-style): the XML checked against the schema
and the header, totals and rounding, duplicates in the ledger and in one file, a refused number
left free, credit notes within the open amount, cancellation, delivery outcomes."""

from __future__ import annotations

import hashlib

import grpc
import pytest

from tabularium.tax.v1 import tax_pb2 as pb
from tests.conftest import Chain, NodeProcess
from tests.helpers import error_info, expect_error
from tests.integration.landregistry_world import Actor
from tests.integration.tax_world import EXISTS, FAILED, INVALID, TaxWorld, day, eur


class Sales:
    def __init__(self, world: TaxWorld) -> None:
        self.world = world
        self.holder = world.company("seller portal user")
        self.seller = world.taxpayer(
            "01234567890", "Alfa Spa", "Via Po 1, Torino", holder=self.holder
        )
        self.buyer = world.taxpayer("RSSMRA80A01H501U", "Mario Rossi", "Via Roma 2, Roma")

    def file(self, *invoices: dict[str, object]) -> tuple[bytes, list[pb.InvoiceHeader]]:
        xml = self.world.invoice_file(list(invoices))
        document = self.world.vault_put(self.holder, xml)
        return xml, self.world.headers_for(self.seller, self.buyer, xml, document)

    def clear(self, xml: bytes, headers: list[pb.InvoiceHeader]) -> pb.ClearInvoicesResponse:
        return self.world.clear(self.holder, headers, xml)


def inv(number: str, taxable: int, rate: int = 2200, **extra: object) -> dict[str, object]:
    tax = (2 * taxable * rate + 10_000) // 20_000
    return {
        "document_type": "TD01",
        "currency": "EUR",
        "date": "2026-03-10",
        "number": number,
        "vat": [(rate, taxable, tax, "")],
        "total": taxable + tax,
        **extra,
    }


@pytest.fixture
def sales(chain: Chain, node: NodeProcess) -> Sales:
    return Sales(TaxWorld(chain, node))


def test_clear_duplicate_and_number_left_free_after_refusal(sales: Sales) -> None:
    xml, headers = sales.file(inv("2026/1", 10_000))
    cleared = sales.clear(xml, headers)
    assert len(cleared.invoice_ids) == 1
    got = sales.world.read(
        "GetInvoice", pb.GetInvoiceRequest(invoice=cleared.invoice_ids[0]), sales.holder
    ).invoice
    assert got.status == pb.INVOICE_STATUS_CLEARED and got.header.total == eur(12_200)
    # The same number again (another file): SDI 00404.
    xml2, headers2 = sales.file(inv("2026/1", 500))
    exc = expect_error(lambda: sales.clear(xml2, headers2), EXISTS, "DUPLICATE_INVOICE")
    assert error_info(exc).metadata["sdi_code"] == "00404"
    # Twice in one file: 00409, the whole file refused.
    xml3, headers3 = sales.file(inv("2026/2", 100), inv("2026/2", 200))
    exc = expect_error(lambda: sales.clear(xml3, headers3), EXISTS, "DUPLICATE_IN_BATCH")
    assert error_info(exc).metadata["sdi_code"] == "00409"
    # A refused file (NS) leaves its number free: 2026/2 clears afterwards.
    xml4, headers4 = sales.file(inv("2026/2", 100))
    sales.clear(xml4, headers4)
    # A rate not in force on the invoice date: 21% ended in 2013.
    xml5, headers5 = sales.file(inv("2026/3", 1_000, rate=2100))
    expect_error(lambda: sales.clear(xml5, headers5), FAILED, "UNKNOWN_VAT_RATE")
    # Dated after the day it is sent: SDI 00403.
    xml7, headers7 = sales.file(inv("2026/4", 100, date=day(3)))
    exc = expect_error(lambda: sales.clear(xml7, headers7), FAILED, "INVOICE_DATE_IN_FUTURE")
    assert error_info(exc).metadata["sdi_code"] == "00403"
    # An exempt line without its Natura code: 00400 (the schema allows it; the rule does not).
    exempt = inv("2026/5", 100, rate=0)
    xml8, headers8 = sales.file(exempt)
    exc = expect_error(lambda: sales.clear(xml8, headers8), INVALID, "BAD_NATURE")
    assert error_info(exc).metadata["sdi_code"] == "00400"
    old = inv("2012/9", 1_000, rate=2100, date="2012-05-05")
    xml6, headers6 = sales.file(old)
    sales.clear(xml6, headers6)


def test_rounding_at_exactly_half_a_cent(sales: Sales) -> None:
    # 22% of 0.25 EUR is 5.5 cents: rounded half up to 6 (BR-CO-17).
    xml, headers = sales.file(inv("R/1", 25))
    assert headers[0].vat[0].tax == eur(6)
    sales.clear(xml, headers)
    # 5 cents of tax (rounded down) is refused, in XML and header alike.
    bad = inv("R/2", 25)
    bad["vat"] = [(2200, 25, 5, "")]
    bad["total"] = 30
    xml2, headers2 = sales.file(bad)
    exc = expect_error(lambda: sales.clear(xml2, headers2), INVALID, "TOTALS_MISMATCH")
    assert "(6)" in (exc.details() or "")
    # Negative half (a credit-note style line) rounds away from zero too: -5.5 -> -6.
    from tabularium.domains.tax.money import vat_of

    assert vat_of(-25, 2200) == -6 and vat_of(25, 2200) == 6 and vat_of(24, 2200) == 5


def test_header_must_say_what_the_xml_says(sales: Sales) -> None:
    xml, headers = sales.file(inv("M/1", 10_000))
    headers[0].total.minor_units += 1
    headers[0].vat[0].taxable.minor_units += 1
    exc = expect_error(lambda: sales.clear(xml, headers), INVALID, "INVOICE_MISMATCH")
    assert "total" in (exc.details() or "")
    _xml, headers = sales.file(inv("M/1", 10_000))
    broken = xml.replace(b"<Numero>M/1</Numero>", b"<Numero>M/1</Numero><Bogus/>")
    for h in headers:
        h.xml_sha256 = hashlib.sha256(broken).digest()
    expect_error(lambda: sales.clear(broken, headers), INVALID, "INVOICE_XML_INVALID")
    # Straight through SubmitTransaction is refused: the XML would go unchecked.
    from tabularium.ledger.v1 import ledger_pb2

    raw = sales.world.clear_transaction(sales.holder, headers)
    expect_error(
        lambda: sales.world.node.ledger.SubmitTransaction(
            ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=10
        ),
        FAILED,
        "SUBMIT_VIA_SERVICE",
    )
    # Someone else may not clear the seller's invoices.
    intruder = sales.world.company("intruder")
    _xml, headers = sales.file(inv("M/2", 100))
    exc = expect_error(
        lambda: sales.world.clear(intruder, headers, _xml),
        grpc.StatusCode.PERMISSION_DENIED,
        "NOT_SELLER",
    )
    assert int(error_info(exc).metadata["entry_index"]) > 0


def test_credit_notes_cancellation_and_delivery(sales: Sales) -> None:
    xml, headers = sales.file(inv("C/1", 10_000))
    invoice_id = sales.clear(xml, headers).invoice_ids[0]
    note = {
        "document_type": "TD04",
        "currency": "EUR",
        "date": "2026-03-12",
        "number": "C/2",
        "vat": [(2200, 6_000, 1_320, "")],
        "total": 7_320,
        "cited_number": "C/1",
        "cited_date": "2026-03-10",
    }
    xml2, headers2 = sales.file(note)
    sales.clear(xml2, headers2)
    # 12,200 - 7,320 = 4,880 left: a second note of 5,000 taxable (6,100) is too much.
    big = dict(note, number="C/3", vat=[(2200, 5_000, 1_100, "")], total=6_100)
    xml3, headers3 = sales.file(big)
    exc = expect_error(lambda: sales.clear(xml3, headers3), FAILED, "CREDIT_EXCEEDS_INVOICE")
    assert error_info(exc).metadata["open"] == "4880"
    got = sales.world.read("GetInvoice", pb.GetInvoiceRequest(invoice=invoice_id), sales.holder)
    assert got.invoice.credited == eur(7_320)
    # A credited invoice cannot be cancelled; another one can, with a reason code only.
    xml4, headers4 = sales.file(inv("C/4", 100))
    other = sales.clear(xml4, headers4).invoice_ids[0]
    sales.world.refused(
        pb.CancelInvoice(office=sales.world.office.did, invoice=other, reason_code=""),
        [sales.holder.key],
        INVALID,
        "REASON_REQUIRED",
    )
    sales.world.submit(
        pb.CancelInvoice(office=sales.world.office.did, invoice=other, reason_code="ERRATA"),
        sales.holder.key,
    )
    sales.world.refused(
        pb.CancelInvoice(office=sales.world.office.did, invoice=invoice_id, reason_code="X"),
        [sales.holder.key],
        FAILED,
        "INVOICE_CREDITED",
    )
    # Nothing is deleted: the number stays used.
    xml5, headers5 = sales.file(inv("C/4", 100))
    expect_error(lambda: sales.clear(xml5, headers5), EXISTS, "DUPLICATE_INVOICE")
    # Delivery: MC, then delivered inside the window.
    sdi: Actor = sales.world.sdi
    sales.world.submit(
        pb.ReportDelivery(
            office=sales.world.office.did,
            invoice=invoice_id,
            outcome=pb.DELIVERY_OUTCOME_UNDELIVERABLE,
        ),
        sdi.key,
    )
    mc = sales.world.read("GetInvoice", pb.GetInvoiceRequest(invoice=invoice_id), sdi).invoice
    assert mc.delivery == pb.DELIVERY_STATUS_UNDELIVERABLE and mc.redelivery_until_us > 0
    sales.world.submit(
        pb.ReportDelivery(
            office=sales.world.office.did, invoice=invoice_id, outcome=pb.DELIVERY_OUTCOME_DELIVERED
        ),
        sdi.key,
    )
    by_number = sales.world.read(
        "GetInvoice",
        pb.GetInvoiceRequest(seller=sales.seller, year=2026, number="C/1"),
        sales.world.o1,
    ).invoice
    assert by_number.delivery == pb.DELIVERY_STATUS_DELIVERED
