"""Invoice files for clearance: parse and check FatturaPA 1.2.x and EN 16931 UBL 2.1 XML, and
compare what they say with the headers a SubmitInvoices transaction carries.

FatturaPA files are validated against the bundled FatturaPA 1.2.2 schema (``tax_schemas/``).
UBL 2.1 files (``Invoice`` / ``CreditNote``) are checked structurally for the EN 16931 fields
the header carries (BT-1, BT-2, BT-3, BT-5, BT-116, BT-117, BT-119, BT-112): the UBL schema
set (60-odd files) is not bundled. Parsing never resolves entities, loads a DTD or touches the
network; a DOCTYPE is refused outright.

``build_fatturapa`` writes a minimal valid FatturaPA file (tests, demos, benchmarks).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from lxml import etree

from tabularium.domains.tax import money
from tabularium.domains.tax.model import InvoiceHeader
from tabularium.errors import InvalidArgument

FPA_NS = "http://ivaservizi.agenziaentrate.gov.it/docs/xsd/fatture/v1.2"
UBL_INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
UBL_CREDIT_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
MAX_XML_BYTES = 5 << 20
_SCHEMAS = Path(__file__).with_name("tax_schemas")
# UNTDID 1001 invoice type codes -> FatturaPA TipoDocumento.
_UBL_TYPES = {"380": "TD01", "381": "TD04", "383": "TD05", "386": "TD02", "389": "TD01"}


@dataclass(frozen=True)
class VatLine:
    rate_centi_percent: int
    taxable: int
    tax: int
    nature: str


@dataclass(frozen=True)
class ParsedInvoice:
    document_type: str
    currency: str
    date: str
    number: str
    total: int | None
    vat: tuple[VatLine, ...]
    cited_number: str
    cited_year: int


def _bad(message: str) -> InvalidArgument:
    """The file is not a valid invoice file: SDI's 00200 ("file non conforme al formato")."""
    return InvalidArgument(
        "INVOICE_XML_INVALID", message, field="xml", metadata={"sdi_code": "00200"}
    )


@functools.cache
def _fatturapa_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    doc = etree.parse(str(_SCHEMAS / "Schema_del_file_xml_FatturaPA_v1.2.2.xsd"), parser)
    return etree.XMLSchema(doc)


def _parse(xml: bytes) -> Any:
    if len(xml) > MAX_XML_BYTES:
        raise _bad(f"the invoice file is over {MAX_XML_BYTES} bytes")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise _bad(f"the invoice file is not well-formed XML: {exc}") from None
    if root.getroottree().docinfo.doctype:
        raise _bad("the invoice file has a DOCTYPE; invoice files may not declare one")
    return root


def minor_units(text: str | None, currency: str, where: str) -> int:
    """A decimal amount as integer minor units, exact (no rounding)."""
    if text is None:
        raise _bad(f"{where} is missing")
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise _bad(f"{where} {text!r} is not a decimal number") from None
    scaled = value.scaleb(money.EXPONENTS[currency])
    if scaled != scaled.to_integral_value():
        raise _bad(f"{where} {text} has more decimals than {currency} has minor units")
    return int(scaled)


def _rate(text: str | None, where: str) -> int:
    if text is None:
        raise _bad(f"{where} is missing")
    try:
        value = Decimal(text.strip()).scaleb(2)
    except InvalidOperation:
        raise _bad(f"{where} {text!r} is not a rate") from None
    if value != value.to_integral_value():
        raise _bad(f"{where} {text} has more than two decimals")
    return int(value)


def _currency(text: str | None, where: str) -> str:
    code = (text or "").strip()
    if code not in money.EXPONENTS:
        raise _bad(f"{where} {code!r} is not an ISO 4217 currency this node knows")
    return code


def _fatturapa(root: Any) -> list[ParsedInvoice]:
    schema = _fatturapa_schema()
    if not schema.validate(root):
        first = schema.error_log.filter_from_errors()[0] if schema.error_log else None
        detail = f"line {first.line}: {first.message}" if first is not None else "invalid"
        raise _bad(f"the file does not follow the FatturaPA 1.2.2 schema ({detail})")
    out = []
    for body in root.findall("FatturaElettronicaBody"):
        doc = body.find("DatiGenerali/DatiGeneraliDocumento")
        currency = _currency(doc.findtext("Divisa"), "Divisa")
        lines = []
        for n, summary in enumerate(body.findall("DatiBeniServizi/DatiRiepilogo")):
            where = f"DatiRiepilogo[{n}]"
            lines.append(
                VatLine(
                    _rate(summary.findtext("AliquotaIVA"), where + ".AliquotaIVA"),
                    minor_units(
                        summary.findtext("ImponibileImporto"),
                        currency,
                        where + ".ImponibileImporto",
                    ),
                    minor_units(summary.findtext("Imposta"), currency, where + ".Imposta"),
                    (summary.findtext("Natura") or "").strip(),
                )
            )
        total_text = doc.findtext("ImportoTotaleDocumento")
        cited = body.find("DatiGenerali/DatiFattureCollegate")
        cited_number, cited_year = "", 0
        if cited is not None:
            cited_number = (cited.findtext("IdDocumento") or "").strip()
            cited_date = (cited.findtext("Data") or "").strip()
            cited_year = int(cited_date[:4]) if cited_date[:4].isdigit() else 0
        out.append(
            ParsedInvoice(
                document_type=(doc.findtext("TipoDocumento") or "").strip(),
                currency=currency,
                date=(doc.findtext("Data") or "").strip(),
                number=(doc.findtext("Numero") or "").strip(),
                total=None
                if total_text is None
                else minor_units(total_text, currency, "ImportoTotaleDocumento"),
                vat=tuple(lines),
                cited_number=cited_number,
                cited_year=cited_year,
            )
        )
    return out


def _ubl(root: Any, credit: bool) -> list[ParsedInvoice]:
    ns = {"cbc": CBC, "cac": CAC}

    def text(node: Any, path: str) -> str:
        found = node.find(path, ns)
        if found is None or not (found.text or "").strip():
            raise _bad(f"the UBL document has no {path}")
        return str(found.text).strip()

    currency = _currency(text(root, "cbc:DocumentCurrencyCode"), "DocumentCurrencyCode (BT-5)")
    code = text(root, "cbc:CreditNoteTypeCode" if credit else "cbc:InvoiceTypeCode")
    if code not in _UBL_TYPES:
        raise _bad(f"UBL type code {code} (BT-3) has no FatturaPA TipoDocumento here")
    lines = []
    for n, sub in enumerate(root.findall("cac:TaxTotal/cac:TaxSubtotal", ns)):
        where = f"TaxSubtotal[{n}]"
        category = sub.find("cac:TaxCategory", ns)
        if category is None:
            raise _bad(f"{where} has no TaxCategory")
        percent = category.findtext("cbc:Percent", None, ns)
        reason = category.findtext("cbc:TaxExemptionReasonCode", "", ns).strip()
        lines.append(
            VatLine(
                _rate(percent or "0", where + ".Percent (BT-119)"),
                minor_units(
                    sub.findtext("cbc:TaxableAmount", None, ns),
                    currency,
                    where + ".TaxableAmount (BT-116)",
                ),
                minor_units(
                    sub.findtext("cbc:TaxAmount", None, ns), currency, where + ".TaxAmount (BT-117)"
                ),
                reason,
            )
        )
    cited_number, cited_year = "", 0
    reference = root.find("cac:BillingReference/cac:InvoiceDocumentReference", ns)
    if reference is not None:
        cited_number = reference.findtext("cbc:ID", "", ns).strip()
        issued = reference.findtext("cbc:IssueDate", "", ns).strip()
        cited_year = int(issued[:4]) if issued[:4].isdigit() else 0
    return [
        ParsedInvoice(
            document_type=_UBL_TYPES[code],
            currency=currency,
            date=text(root, "cbc:IssueDate"),
            number=text(root, "cbc:ID"),
            total=minor_units(
                text(root, "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount"),
                currency,
                "TaxInclusiveAmount (BT-112)",
            ),
            vat=tuple(lines),
            cited_number=cited_number,
            cited_year=cited_year,
        )
    ]


def parse_invoices(xml: bytes) -> list[ParsedInvoice]:
    """The invoices an invoice file holds, in file order. Raises InvalidArgument."""
    root = _parse(xml)
    tag = etree.QName(root)
    if tag.namespace == FPA_NS and tag.localname == "FatturaElettronica":
        return _fatturapa(root)
    if tag.namespace == UBL_INVOICE_NS and tag.localname == "Invoice":
        return _ubl(root, credit=False)
    if tag.namespace == UBL_CREDIT_NS and tag.localname == "CreditNote":
        return _ubl(root, credit=True)
    raise _bad(
        f"root element {{{tag.namespace}}}{tag.localname} is neither FatturaPA "
        "FatturaElettronica nor UBL 2.1 Invoice/CreditNote"
    )


def _mismatch(index: int, name: str, xml_value: object, header_value: object) -> InvalidArgument:
    return InvalidArgument(
        "INVOICE_MISMATCH",
        f"invoices[{index}].{name} is {header_value!r} but the XML says {xml_value!r}",
        field=f"invoices[{index}].{name}",
    )


def check_against(xml: bytes, headers: list[InvoiceHeader]) -> None:
    """The file parses, and each header says what its invoice in the file says."""
    import hashlib

    digest = hashlib.sha256(xml).digest()
    for index, header in enumerate(headers):
        if header.xml_sha256 != digest:
            raise _mismatch(index, "xml_sha256", digest.hex(), header.xml_sha256.hex())
    parsed = parse_invoices(xml)
    if len(parsed) != len(headers):
        raise InvalidArgument(
            "INVOICE_MISMATCH",
            f"the file holds {len(parsed)} invoices, the transaction {len(headers)}",
            field="invoices",
        )
    for index, (found, header) in enumerate(zip(parsed, headers, strict=True)):
        for name, xml_value, header_value in (
            ("document_type", found.document_type, header.document_type),
            ("currency", found.currency, header.currency),
            ("date", found.date, header.date),
            ("number", found.number, header.number),
        ):
            if xml_value != header_value:
                raise _mismatch(index, name, xml_value, header_value)
        if found.total is not None and found.total != header.total:
            raise _mismatch(index, "total", found.total, header.total)
        xml_vat = [(v.rate_centi_percent, v.taxable, v.tax, v.nature) for v in found.vat]
        header_vat = [(v.rate_centi_percent, v.taxable, v.tax, v.nature) for v in header.vat]
        if xml_vat != header_vat:
            raise _mismatch(index, "vat", xml_vat, header_vat)
        if header.document_type == "TD04" and (
            found.cited_number != header.cited_number or found.cited_year != header.cited_year
        ):
            raise _mismatch(
                index,
                "cited_number",
                f"{found.cited_number}/{found.cited_year}",
                f"{header.cited_number}/{header.cited_year}",
            )


# ----- writing (tests, demos, benchmarks) -----


def _decimal(minor: int, currency: str) -> str:
    exponent = money.EXPONENTS[currency]
    value = Decimal(minor).scaleb(-exponent)
    return f"{value:.{max(exponent, 2)}f}"


def build_fatturapa(invoices: list[dict[str, Any]], *, seller_vat: str = "01234567890") -> bytes:
    """A FatturaPA 1.2.2 FPR12 file with one body per invoice. Each dict has document_type,
    currency, date, number, vat (list of (rate_centi_percent, taxable, tax, nature)), total and
    optionally cited_number and cited_date. Parties are placeholders: the ledger never sees
    them."""
    root = etree.Element(f"{{{FPA_NS}}}FatturaElettronica", nsmap={"p": FPA_NS}, versione="FPR12")

    def sub(parent: Any, tag: str, text: str | None = None) -> Any:
        node = etree.SubElement(parent, tag)
        if text is not None:
            node.text = text
        return node

    header = sub(root, "FatturaElettronicaHeader")
    transmission = sub(header, "DatiTrasmissione")
    sender = sub(transmission, "IdTrasmittente")
    sub(sender, "IdPaese", "IT")
    sub(sender, "IdCodice", seller_vat)
    sub(transmission, "ProgressivoInvio", "1")
    sub(transmission, "FormatoTrasmissione", "FPR12")
    sub(transmission, "CodiceDestinatario", "0000000")
    for role in ("CedentePrestatore", "CessionarioCommittente"):
        party = sub(header, role)
        data = sub(party, "DatiAnagrafici")
        if role == "CedentePrestatore":
            vat = sub(data, "IdFiscaleIVA")
            sub(vat, "IdPaese", "IT")
            sub(vat, "IdCodice", seller_vat)
        else:
            sub(data, "CodiceFiscale", "00000000000")
        registry = sub(data, "Anagrafica")
        sub(registry, "Denominazione", "Party")
        if role == "CedentePrestatore":
            sub(data, "RegimeFiscale", "RF01")
        seat = sub(party, "Sede")
        sub(seat, "Indirizzo", "Via Roma 1")
        sub(seat, "CAP", "00100")
        sub(seat, "Comune", "Roma")
        sub(seat, "Nazione", "IT")
    for invoice in invoices:
        currency = invoice["currency"]
        body = sub(root, "FatturaElettronicaBody")
        general = sub(body, "DatiGenerali")
        doc = sub(general, "DatiGeneraliDocumento")
        sub(doc, "TipoDocumento", invoice["document_type"])
        sub(doc, "Divisa", currency)
        sub(doc, "Data", invoice["date"])
        sub(doc, "Numero", invoice["number"])
        sub(doc, "ImportoTotaleDocumento", _decimal(invoice["total"], currency))
        if invoice.get("cited_number"):
            linked = sub(general, "DatiFattureCollegate")
            sub(linked, "IdDocumento", invoice["cited_number"])
            sub(linked, "Data", invoice["cited_date"])
        goods = sub(body, "DatiBeniServizi")
        for n, (rate, taxable, _tax, nature) in enumerate(invoice["vat"], start=1):
            line = sub(goods, "DettaglioLinee")
            sub(line, "NumeroLinea", str(n))
            sub(line, "Descrizione", "Servizio")
            sub(line, "PrezzoUnitario", _decimal(taxable, currency))
            sub(line, "PrezzoTotale", _decimal(taxable, currency))
            sub(line, "AliquotaIVA", f"{Decimal(rate).scaleb(-2):.2f}")
            if nature:
                sub(line, "Natura", nature)
        for rate, taxable, tax, nature in invoice["vat"]:
            summary = sub(goods, "DatiRiepilogo")
            sub(summary, "AliquotaIVA", f"{Decimal(rate).scaleb(-2):.2f}")
            if nature:
                sub(summary, "Natura", nature)
            sub(summary, "ImponibileImporto", _decimal(taxable, currency))
            sub(summary, "Imposta", _decimal(tax, currency))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
