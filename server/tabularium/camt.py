"""ISO 20022 bank-to-customer cash management messages: camt.053 statements and camt.054
debit/credit notifications (versions .001.02 to .001.13; matched by local element names, so
every version's namespace is accepted). Only booked credit entries are read: they are the
payments a tax office receives. Parsing never resolves entities or touches the network."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from lxml import etree

from tabularium.domains.tax import money
from tabularium.tax_xml import minor_units

MAX_BYTES = 50 << 20


@dataclass(frozen=True)
class BankLine:
    """One credited transaction of a statement or notification."""

    end_to_end_id: str
    acct_svcr_ref: str
    amount: int
    currency: str
    value_date: str
    booking_date: str
    creditor_reference: str


def _children(node: Any, name: str) -> list[Any]:
    return [c for c in node if isinstance(c.tag, str) and etree.QName(c).localname == name]


def _child(node: Any, *path: str) -> Any:
    for name in path:
        if node is None:
            return None
        found = _children(node, name)
        node = found[0] if found else None
    return node


def _text(node: Any, *path: str) -> str:
    found = _child(node, *path)
    return "" if found is None or found.text is None else str(found.text).strip()


def _date(node: Any, name: str) -> str:
    return _text(node, name, "Dt") or _text(node, name, "DtTm")[:10]


def parse(xml: bytes) -> list[BankLine]:
    """Booked credit transactions of a camt.053 or camt.054 document, in document order.
    Raises ValueError with what is wrong."""
    if len(xml) > MAX_BYTES:
        raise ValueError(f"the file is over {MAX_BYTES} bytes")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"not well-formed XML: {exc}") from None
    if root.getroottree().docinfo.doctype:
        raise ValueError("the file declares a DOCTYPE")
    body = _child(root, "BkToCstmrStmt")
    if body is None:
        body = _child(root, "BkToCstmrDbtCdtNtfctn")
    if body is None:
        raise ValueError(
            "neither a camt.053 (BkToCstmrStmt) nor a camt.054 (BkToCstmrDbtCdtNtfctn)"
        )
    out: list[BankLine] = []
    for report in _children(body, "Stmt") + _children(body, "Ntfctn"):
        for entry in _children(report, "Ntry"):
            status = _text(entry, "Sts", "Cd") or _text(entry, "Sts")
            if _text(entry, "CdtDbtInd") != "CRDT" or status not in ("BOOK", ""):
                continue
            entry_amount = _child(entry, "Amt")
            currency = entry_amount.get("Ccy", "") if entry_amount is not None else ""
            if currency not in money.EXPONENTS:
                raise ValueError(f"entry currency {currency!r} is not known")
            value_date, booking_date = _date(entry, "ValDt"), _date(entry, "BookgDt")
            entry_ref = _text(entry, "AcctSvcrRef")
            details = [
                tx for group in _children(entry, "NtryDtls") for tx in _children(group, "TxDtls")
            ]
            if not details:
                out.append(
                    BankLine(
                        "",
                        entry_ref,
                        minor_units(entry_amount.text, currency, "Ntry/Amt"),
                        currency,
                        value_date,
                        booking_date,
                        "",
                    )
                )
                continue
            for tx in details:
                amount_node = _child(tx, "Amt")
                if amount_node is None:
                    amount_node = _child(tx, "AmtDtls", "TxAmt", "Amt")
                amount_text = entry_amount.text if amount_node is None else amount_node.text
                if amount_node is not None and amount_node.get("Ccy", currency) != currency:
                    raise ValueError("a transaction's currency differs from its entry's")
                out.append(
                    BankLine(
                        end_to_end_id=_text(tx, "Refs", "EndToEndId"),
                        acct_svcr_ref=_text(tx, "Refs", "AcctSvcrRef") or entry_ref,
                        amount=minor_units(amount_text, currency, "TxDtls/Amt"),
                        currency=currency,
                        value_date=value_date,
                        booking_date=booking_date,
                        creditor_reference=_text(tx, "RmtInf", "Strd", "CdtrRefInf", "Ref"),
                    )
                )
    return out


def build(kind: str, lines: list[BankLine], *, message_id: str = "MSG-1") -> bytes:
    """A camt.053.001.08 statement or camt.054.001.08 notification (tests and demos)."""
    ns = f"urn:iso:std:iso:20022:tech:xsd:{'camt.053' if kind == '053' else 'camt.054'}.001.08"
    root = etree.Element(f"{{{ns}}}Document", nsmap={None: ns})

    def sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
        node = etree.SubElement(parent, f"{{{ns}}}{tag}", **attrs)
        if text is not None:
            node.text = text
        return node

    body = sub(root, "BkToCstmrStmt" if kind == "053" else "BkToCstmrDbtCdtNtfctn")
    header = sub(body, "GrpHdr")
    sub(header, "MsgId", message_id)
    sub(header, "CreDtTm", "2026-01-01T00:00:00")
    report = sub(body, "Stmt" if kind == "053" else "Ntfctn")
    sub(report, "Id", message_id)
    for line in lines:
        amount = str(Decimal(line.amount).scaleb(-money.EXPONENTS[line.currency]))
        entry = sub(report, "Ntry")
        sub(entry, "Amt", amount, Ccy=line.currency)
        sub(entry, "CdtDbtInd", "CRDT")
        sub(sub(entry, "Sts"), "Cd", "BOOK")
        sub(sub(entry, "BookgDt"), "Dt", line.booking_date or line.value_date)
        sub(sub(entry, "ValDt"), "Dt", line.value_date)
        if line.acct_svcr_ref:
            sub(entry, "AcctSvcrRef", line.acct_svcr_ref)
        tx = sub(sub(entry, "NtryDtls"), "TxDtls")
        refs = sub(tx, "Refs")
        if line.acct_svcr_ref:
            sub(refs, "AcctSvcrRef", line.acct_svcr_ref)
        sub(refs, "EndToEndId", line.end_to_end_id or "NOTPROVIDED")
        sub(tx, "Amt", amount, Ccy=line.currency)
        if line.creditor_reference:
            strd = sub(sub(tx, "RmtInf"), "Strd")
            ref_info = sub(strd, "CdtrRefInf")
            sub(sub(sub(ref_info, "Tp"), "CdOrPrtry"), "Cd", "SCOR")
            sub(ref_info, "Ref", line.creditor_reference)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
