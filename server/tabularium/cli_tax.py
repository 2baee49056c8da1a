"""`tabularium tax ...`: tax accounts, invoices, payments and enforcement from the shell.

Each command prints JSON on stdout. A refused call prints
``{"error": "CODE: details", "reason": REASON, ...}`` and exits with status 1. Amounts are
integer minor units (cents for EUR); dates are YYYY-MM-DD; ids are hex.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
import grpc
from google.protobuf.message import Message

from tabularium.cli_vault import (
    FILE_PATH,
    KEY_PATH,
    _emit,
    _fail,
    _hex,
    _load_keys,
    _receipt_fields,
    _server_option,
    _to_json,
    _tx_options,
    transact,
)

SERVICE = "/tabularium.tax.v1.TaxService/"
ISSUE_DEMAND_HELP = "Liability id (hex); repeat."
_JULIAN_YEAR_US = 31_557_600 * 1_000_000


def _pb() -> Any:
    from tabularium.tax.v1 import tax_pb2

    return tax_pb2


def _amount(minor: int, currency: str) -> Any:
    return _pb().Amount(minor_units=minor, currency=currency)


def _digest_of(path: Path | None, text: str, name: str) -> bytes:
    if path is not None:
        return hashlib.sha256(path.read_bytes()).digest()
    return _hex(text, name, 32) if text else b""


def _submit(ctx_obj: dict[str, Any], action: Message) -> None:
    receipt = transact(ctx_obj["server"], ctx_obj["keys"], action, ctx_obj["timeout"])
    _emit(_receipt_fields(receipt))


def _read(server: str, key_path: Path, method: str, request: Message, timeout: float) -> Any:
    from tabularium import rpcauth
    from tabularium.keys import load_private_key
    from tabularium.tax.v1 import tax_pb2_grpc

    metadata = rpcauth.sign_request(
        load_private_key(key_path), SERVICE + method, request.SerializeToString()
    )
    with grpc.insecure_channel(server) as channel:
        stub = tax_pb2_grpc.TaxServiceStub(channel)
        try:
            return getattr(stub, method)(request, metadata=metadata, timeout=timeout)
        except grpc.RpcError as exc:
            _fail(exc)


def _office_option(func: Any) -> Any:
    return click.option(
        "--office",
        envvar="TABULARIUM_TAX_OFFICE",
        required=True,
        help="DID of the tax office (env TABULARIUM_TAX_OFFICE).",
    )(func)


def _tx(func: Any) -> Any:
    """--server, --key (repeatable), --timeout, --office."""
    return _office_option(_tx_options(func))


@click.group()
def tax() -> None:
    """Tax accounts, invoice clearance, payments, appeals and enforcement.

    Roles live in the tax office's organisation: "officer", "enforcement", "appeal", "bank"
    and "sdi". Personal data (tax code, name, address, IBAN) goes to the vault; the log gets
    a keyed commitment and hashes.
    """


# ----- accounts and liabilities -----


@tax.command()
@_tx
@click.option("--tax-code", required=True, help="The taxpayer's tax code (goes to the vault).")
@click.option("--name", required=True, help="Name (vault only).")
@click.option("--address", required=True, help="Address (vault only).")
@click.option("--company", is_flag=True, help="A company rather than a person.")
@click.option("--holder", default="", help="DID of the identity acting for the taxpayer.")
@click.option(
    "--retain-years",
    default=10,
    show_default=True,
    type=click.IntRange(1, 100),
    help="Keep the personal record this long; then the vault shreds its key.",
)
@click.option(
    "--pepper-file",
    envvar="TABULARIUM_TAX_PEPPER_FILE",
    required=True,
    type=FILE_PATH,
    help="The office's secret for tax code commitments (env TABULARIUM_TAX_PEPPER_FILE).",
)
def register(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    office: str,
    tax_code: str,
    name: str,
    address: str,
    company: bool,
    holder: str,
    retain_years: int,
    pepper_file: Path,
) -> None:
    """Open a tax account: personal record to the vault, commitment to the log."""
    from tabularium.cli_vault import _chain_id
    from tabularium.domains.tax.rules import derive_id
    from tabularium.vault_client import now_us, put_document

    keys = _load_keys(key_paths)
    record = json.dumps({"tax_code": tax_code, "name": name, "address": address}).encode()
    with grpc.insecure_channel(server) as channel:
        try:
            stored = put_document(
                channel,
                _chain_id(channel, timeout),
                keys,
                [record],
                owner=office,
                media_type="application/json",
                retain_until_us=now_us() + retain_years * _JULIAN_YEAR_US,
                timeout=timeout,
            )
        except grpc.RpcError as exc:
            _fail(exc)
    commitment = hmac.new(
        pepper_file.read_bytes().strip(), tax_code.strip().upper().encode(), hashlib.sha256
    ).digest()
    pb = _pb()
    receipt = transact(
        server,
        key_paths,
        pb.RegisterTaxpayer(
            office=office,
            tax_code_commitment=commitment,
            personal_record=bytes(stored.response.document_id),
            kind=pb.TAXPAYER_KIND_COMPANY if company else pb.TAXPAYER_KIND_PERSON,
            holder=holder,
        ),
        timeout,
    )
    _emit({**_receipt_fields(receipt), "account": derive_id(receipt.tx_hash, b"account").hex()})


@tax.command()
@_tx
@click.option("--account", required=True)
@click.option("--tax-type", required=True, help="e.g. VAT, IRPEF, IMU.")
@click.option("--period", required=True, help="YYYY, YYYY-MM or YYYY-Qn.")
@click.option("--principal", type=int, required=True, help="Minor units.")
@click.option("--currency", default="EUR", show_default=True)
@click.option("--due", required=True, help="Due date YYYY-MM-DD.")
@click.option("--legal-basis", required=True)
@click.option("--source", "source_file", type=FILE_PATH, help="The return or notice (hashed).")
@click.option("--official", is_flag=True, help="Issued by the office (else: from a return).")
def assess(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    office: str,
    account: str,
    tax_type: str,
    period: str,
    principal: int,
    currency: str,
    due: str,
    legal_basis: str,
    source_file: Path | None,
    official: bool,
) -> None:
    """Record a liability (two officers' keys above the office's threshold)."""
    from tabularium.domains.tax.rules import derive_id

    pb = _pb()
    receipt = transact(
        server,
        key_paths,
        pb.Assess(
            office=office,
            account=_hex(account, "--account"),
            tax_type=tax_type,
            period=period,
            principal=_amount(principal, currency),
            due_date=due,
            legal_basis=legal_basis,
            source_sha256=_digest_of(source_file, "", "--source")
            or hashlib.sha256(legal_basis.encode()).digest(),
            origin=pb.ASSESSMENT_ORIGIN_OFFICIAL if official else pb.ASSESSMENT_ORIGIN_RETURN,
        ),
        timeout,
    )
    _emit({**_receipt_fields(receipt), "liability": derive_id(receipt.tx_hash, b"liability").hex()})


@tax.command()
@_tx
@click.option("--liability", required=True)
@click.option("--principal", type=int, required=True)
@click.option("--currency", default="EUR", show_default=True)
@click.option("--due", required=True)
@click.option("--legal-basis", required=True)
@click.option("--rationale", required=True)
@click.option("--source", "source_file", type=FILE_PATH, required=True)
def amend(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    office: str,
    liability: str,
    principal: int,
    currency: str,
    due: str,
    legal_basis: str,
    rationale: str,
    source_file: Path,
) -> None:
    """Replace a liability by a linked one (what was paid carries over)."""
    from tabularium.domains.tax.rules import derive_id

    receipt = transact(
        server,
        key_paths,
        _pb().AmendAssessment(
            office=office,
            liability=_hex(liability, "--liability"),
            principal=_amount(principal, currency),
            due_date=due,
            legal_basis=legal_basis,
            source_sha256=_digest_of(source_file, "", "--source"),
            rationale=rationale,
        ),
        timeout,
    )
    _emit({**_receipt_fields(receipt), "liability": derive_id(receipt.tx_hash, b"liability").hex()})


# ----- invoices -----


def _clear(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    office: str,
    xml_file: Path,
    seller: str,
    buyer: str,
    credit_note: bool,
) -> None:
    from tabularium import tax_xml
    from tabularium.api.convert.tax import header_to_pb
    from tabularium.cli_vault import _chain_id
    from tabularium.domains.tax.model import InvoiceHeader, VatSummary
    from tabularium.errors import DomainError
    from tabularium.identity.v1 import identity_pb2_grpc  # noqa: F401 - loads descriptors
    from tabularium.tax.v1 import tax_pb2_grpc
    from tabularium.txbuild import build_signed
    from tabularium.vault_client import now_us, put_document

    xml = xml_file.read_bytes()
    try:
        found = tax_xml.parse_invoices(xml)
    except DomainError as exc:
        raise click.ClickException(f"{xml_file}: {exc.message}") from None
    if credit_note and any(f.document_type != "TD04" for f in found):
        raise click.ClickException(f"{xml_file} holds documents that are not credit notes (TD04)")
    keys = _load_keys(key_paths)
    from tabularium.crypto.didkey import did_key

    owner = did_key(keys[0].public_key().public_bytes_raw())
    with grpc.insecure_channel(server) as channel:
        try:
            chain_id = _chain_id(channel, timeout)
            stored = put_document(
                channel,
                chain_id,
                keys,
                [xml],
                owner=owner,
                media_type="application/xml",
                timeout=timeout,
            )
            digest = hashlib.sha256(xml).digest()
            headers = [
                header_to_pb(
                    InvoiceHeader(
                        seller=_hex(seller, "--seller"),
                        buyer=_hex(buyer, "--buyer") if buyer else b"",
                        buyer_is_consumer=not buyer,
                        year=int(f.date[:4]),
                        number=f.number,
                        document_type=f.document_type,
                        date=f.date,
                        currency=f.currency,
                        vat=tuple(
                            VatSummary(v.rate_centi_percent, v.taxable, v.tax, v.nature)
                            for v in f.vat
                        ),
                        total=f.total or 0,
                        cited_year=f.cited_year,
                        cited_number=f.cited_number,
                        xml_sha256=digest,
                        xml_document=bytes(stored.response.document_id),
                    )
                )
                for f in found
            ]
            raw = build_signed(
                chain_id,
                _pb().SubmitInvoices(office=office, invoices=headers),
                keys,
                now_us=now_us(),
            )
            response = tax_pb2_grpc.TaxServiceStub(channel).ClearInvoices(
                _pb().ClearInvoicesRequest(transaction=raw, xml=xml), timeout=timeout
            )
        except grpc.RpcError as exc:
            _fail(exc)
    _emit(
        {
            **_receipt_fields(response.receipt),
            "outcome": "RC",
            "invoices": [i.hex() for i in response.invoice_ids],
        }
    )


def _invoice_command(credit_note: bool) -> Any:
    @_tx
    @click.option("--xml", "xml_file", type=FILE_PATH, required=True, help="FatturaPA or UBL file.")
    @click.option("--seller", required=True, help="Seller's account (hex).")
    @click.option("--buyer", default="", help="Buyer's account; omit for a consumer.")
    def command(
        server: str,
        key_paths: Sequence[Path],
        timeout: float,
        office: str,
        xml_file: Path,
        seller: str,
        buyer: str,
    ) -> None:
        _clear(server, key_paths, timeout, office, xml_file, seller, buyer, credit_note)

    command.__doc__ = (
        "Clear credit notes (TD04) citing cleared invoices, within their open amount."
        if credit_note
        else "Clear an invoice file (SDI-style): stored in the vault, checked, cleared (RC) or "
        "refused (NS, the SDI code in the error's metadata)."
    )
    return command


tax.command("invoice")(_invoice_command(False))
tax.command("credit-note")(_invoice_command(True))


# ----- payments -----


@tax.command()
@_tx
@click.option("--idempotency-key", required=True, help="Unique per bank, e.g. the EndToEndId.")
@click.option("--account", default="", help="Account (hex); optional with --reference.")
@click.option("--amount", type=int, required=True, help="Minor units.")
@click.option("--currency", default="EUR", show_default=True)
@click.option("--value-date", required=True)
@click.option("--reference", default="", help="ISO 11649 creditor reference RF...")
@click.option("--end-to-end-id", default="")
@click.option("--acct-svcr-ref", default="")
@click.option("--pending", is_flag=True, help="Not yet booked (ISO 20022 PDNG).")
def pay(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    office: str,
    idempotency_key: str,
    account: str,
    amount: int,
    currency: str,
    value_date: str,
    reference: str,
    end_to_end_id: str,
    acct_svcr_ref: str,
    pending: bool,
) -> None:
    """Record a payment received (bank role). Retrying with the same key is safe."""
    pb = _pb()
    _submit(
        {"server": server, "keys": key_paths, "timeout": timeout},
        pb.RecordPayment(
            office=office,
            idempotency_key=idempotency_key,
            account=_hex(account, "--account") if account else b"",
            amount=_amount(amount, currency),
            value_date=value_date,
            creditor_reference=reference,
            end_to_end_id=end_to_end_id,
            acct_svcr_ref=acct_svcr_ref,
            status=pb.PAYMENT_STATUS_PENDING if pending else pb.PAYMENT_STATUS_BOOKED,
        ),
    )


@tax.command("import-camt054")
@_tx
@click.argument("file", type=FILE_PATH)
def import_camt054(
    server: str, key_paths: Sequence[Path], timeout: float, office: str, file: Path
) -> None:
    """Turn a camt.054 credit notification into payments keyed by EndToEndId (one line of
    JSON per transaction; progress on stderr)."""
    from tabularium import camt

    try:
        lines = camt.parse(file.read_bytes())
    except ValueError as exc:
        raise click.ClickException(f"{file}: {exc}") from None
    pb = _pb()
    failures = 0
    for n, line in enumerate(lines, start=1):
        if not line.end_to_end_id or line.end_to_end_id == "NOTPROVIDED":
            click.echo(json.dumps({"skipped": n, "why": "no EndToEndId"}))
            continue
        action = pb.RecordPayment(
            office=office,
            idempotency_key=line.end_to_end_id,
            amount=_amount(line.amount, line.currency),
            value_date=line.value_date,
            creditor_reference=line.creditor_reference,
            end_to_end_id=line.end_to_end_id,
            acct_svcr_ref=line.acct_svcr_ref,
            status=pb.PAYMENT_STATUS_BOOKED,
        )
        try:
            receipt = transact(server, key_paths, action, timeout)
        except SystemExit:
            failures += 1
            continue
        _emit({"end_to_end_id": line.end_to_end_id, **_receipt_fields(receipt)})
        click.echo(f"{n}/{len(lines)} imported", err=True)
    if failures:
        raise SystemExit(1)


# ----- appeals and enforcement -----


@tax.command()
@_tx
@click.option("--liability", required=True)
@click.option("--document", "document_file", type=FILE_PATH, required=True)
def appeal(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    office: str,
    liability: str,
    document_file: Path,
) -> None:
    """Lodge an appeal against a liability (its holder or an officer)."""
    _submit(
        {"server": server, "keys": key_paths, "timeout": timeout},
        _pb().RecordAppeal(
            office=office,
            liability=_hex(liability, "--liability"),
            document_sha256=_digest_of(document_file, "", "--document"),
        ),
    )


@tax.command()
@_tx
@click.option("--liability", required=True)
@click.option("--outcome", type=click.Choice(["dismissed", "annulled", "reduced"]), required=True)
@click.option("--new-principal", type=int, default=0)
@click.option("--currency", default="EUR", show_default=True)
@click.option("--decision", "decision_file", type=FILE_PATH, required=True)
def resolve(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    office: str,
    liability: str,
    outcome: str,
    new_principal: int,
    currency: str,
    decision_file: Path,
) -> None:
    """The appeal body's decision (appeal role)."""
    pb = _pb()
    _submit(
        {"server": server, "keys": key_paths, "timeout": timeout},
        pb.ResolveAppeal(
            office=office,
            liability=_hex(liability, "--liability"),
            outcome=getattr(pb, f"APPEAL_OUTCOME_{outcome.upper()}"),
            new_principal=_amount(new_principal, currency) if new_principal else None,
            decision_sha256=_digest_of(decision_file, "", "--decision"),
        ),
    )


@tax.command()
@_tx
@click.option("--account", required=True)
@click.option("--liability", "liabilities", multiple=True, required=True, help=ISSUE_DEMAND_HELP)
@click.option("--fees", type=int, default=0)
@click.option("--currency", default="EUR", show_default=True)
@click.option("--notice", "notice_file", type=FILE_PATH, required=True)
def demand(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    office: str,
    account: str,
    liabilities: Sequence[str],
    fees: int,
    currency: str,
    notice_file: Path,
) -> None:
    """Issue a payment demand resting on liabilities (enforcement role)."""
    from tabularium.domains.tax.rules import derive_id

    receipt = transact(
        server,
        key_paths,
        _pb().IssueDemand(
            office=office,
            account=_hex(account, "--account"),
            liabilities=[_hex(i, "--liability") for i in liabilities],
            fees=_amount(fees, currency),
            notice_sha256=_digest_of(notice_file, "", "--notice"),
        ),
        timeout,
    )
    _emit({**_receipt_fields(receipt), "demand": derive_id(receipt.tx_hash, b"demand").hex()})


@tax.command()
@_tx
@click.option("--demand", "demand_id", required=True)
@click.option("--amount", type=int, required=True)
@click.option("--currency", default="EUR", show_default=True)
@click.option("--bank", required=True, help="DID of the bank.")
@click.option("--order-document", required=True, help="Vault document id of the order.")
@click.option("--bank-grant", required=True, help="Vault grant id to the bank.")
def seize(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    office: str,
    demand_id: str,
    amount: int,
    currency: str,
    bank: str,
    order_document: str,
    bank_grant: str,
) -> None:
    """Order a seizure at a bank on a demand (enforcement role)."""
    from tabularium.domains.tax.rules import derive_id

    receipt = transact(
        server,
        key_paths,
        _pb().OrderSeizure(
            office=office,
            demand=_hex(demand_id, "--demand"),
            amount=_amount(amount, currency),
            bank=bank,
            order_document=_hex(order_document, "--order-document"),
            bank_grant=_hex(bank_grant, "--bank-grant"),
        ),
        timeout,
    )
    _emit({**_receipt_fields(receipt), "seizure": derive_id(receipt.tx_hash, b"seizure").hex()})


@tax.command()
@_tx
@click.option("--seizure", required=True)
def release(
    server: str, key_paths: Sequence[Path], timeout: float, office: str, seizure: str
) -> None:
    """Release a seizure whose debt is paid (the bank named in the order)."""
    _submit(
        {"server": server, "keys": key_paths, "timeout": timeout},
        _pb().ReleaseSeizure(office=office, seizure=_hex(seizure, "--seizure")),
    )


# ----- reads -----


def _read_options(func: Any) -> Any:
    func = click.option("--at-height", type=int, default=0, help="Read the past (0: now).")(func)
    func = click.option("--min-height", type=int, default=0, help="Wait for this block.")(func)
    func = click.option("--timeout", default=30.0, help="Deadline, seconds.")(func)
    func = click.option("--key", "key_path", type=KEY_PATH, required=True, help="Reader's key.")(
        func
    )
    return _server_option(func)


@tax.command()
@_read_options
@click.option("--account", required=True)
def balance(
    server: str, key_path: Path, timeout: float, min_height: int, at_height: int, account: str
) -> None:
    """The account, its liabilities, demands and seizures, with the read point."""
    pb = _pb()
    read = pb.ReadOptions(at_height=at_height, min_height=min_height)
    got = _read(
        server,
        key_path,
        "GetAccount",
        pb.GetAccountRequest(account=_hex(account, "--account"), read=read),
        timeout,
    )
    listed = _read(
        server,
        key_path,
        "ListLiabilities",
        pb.ListLiabilitiesRequest(
            account=_hex(account, "--account"), read=pb.ReadOptions(at_height=got.read_point.height)
        ),
        timeout,
    )
    _emit({**_to_json(got), **{k: v for k, v in _to_json(listed).items() if k != "read_point"}})


def report(
    response: Any, bank_lines: Sequence[Any] | None, office: str, period: str
) -> dict[str, Any]:
    """The reconciliation as a plain, deterministic document: ledger totals at one height, and
    bank lines matched to payments by EndToEndId, else AcctSvcrRef."""
    rows = [
        {
            "tax_type": r.tax_type,
            "period": r.period,
            "assessed": r.assessed.minor_units,
            "paid": r.paid.minor_units,
            "credited": r.credited.minor_units,
            "open": r.open.minor_units,
        }
        for r in response.rows
    ]
    payments = [
        {
            "payment": p.payment_id.hex(),
            "amount": p.amount.minor_units,
            "value_date": p.value_date,
            "end_to_end_id": p.end_to_end_id,
            "acct_svcr_ref": p.acct_svcr_ref,
            "entry_index": p.entry_index,
        }
        for p in response.payments
    ]
    out: dict[str, Any] = {
        "office": office,
        "period": period,
        "height": response.read_point.height,
        "block_hash": response.read_point.block_hash.hex(),
        "state_digest": response.read_point.state_digest.hex(),
        "checkpoint": response.checkpoint.decode(),
        "currency": response.refunded.currency,
        "rows": rows,
        "refunded": response.refunded.minor_units,
        "credit_available": response.credit_available.minor_units,
        "payments": payments,
    }
    if bank_lines is not None:
        unmatched = list(payments)
        matched, bank_only = [], []
        for line in bank_lines:
            hit = next(
                (
                    p
                    for p in unmatched
                    if (line.end_to_end_id and p["end_to_end_id"] == line.end_to_end_id)
                    or (line.acct_svcr_ref and p["acct_svcr_ref"] == line.acct_svcr_ref)
                ),
                None,
            )
            entry = {
                "end_to_end_id": line.end_to_end_id,
                "acct_svcr_ref": line.acct_svcr_ref,
                "amount": line.amount,
                "value_date": line.value_date,
            }
            if hit is None:
                bank_only.append(entry)
                continue
            unmatched.remove(hit)
            matched.append(
                {**entry, "payment": hit["payment"], "amount_differs": hit["amount"] != line.amount}
            )
        out["matched"] = matched
        out["unmatched_bank"] = bank_only
        out["unmatched_ledger"] = unmatched
    return out


def report_csv(doc: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        [
            "# office",
            doc["office"],
            "period",
            doc["period"],
            "height",
            doc["height"],
            "block_hash",
            doc["block_hash"],
        ]
    )
    writer.writerow(
        [
            "section",
            "tax_type",
            "period",
            "assessed",
            "paid",
            "credited",
            "open",
            "reference",
            "amount",
            "value_date",
        ]
    )
    for r in doc["rows"]:
        writer.writerow(
            [
                "row",
                r["tax_type"],
                r["period"],
                r["assessed"],
                r["paid"],
                r["credited"],
                r["open"],
                "",
                "",
                "",
            ]
        )
    for section in ("matched", "unmatched_bank", "unmatched_ledger"):
        for m in doc.get(section, []):
            writer.writerow(
                [
                    section,
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    m.get("end_to_end_id") or m.get("acct_svcr_ref"),
                    m["amount"],
                    m["value_date"],
                ]
            )
    return buffer.getvalue()


@tax.command()
@_read_options
@_office_option
@click.option("--period", required=True, help="YYYY, YYYY-MM or YYYY-Qn.")
@click.option("--camt053", "camt_file", type=FILE_PATH, help="Bank statement to match.")
@click.option(
    "--format", "fmt", type=click.Choice(["json", "csv"]), default="json", show_default=True
)
def reconcile(
    server: str,
    key_path: Path,
    timeout: float,
    min_height: int,
    at_height: int,
    office: str,
    period: str,
    camt_file: Path | None,
    fmt: str,
) -> None:
    """Per tax type and period: assessed, paid, credited, refunded, open, recomputed from
    events at one height; with --camt053, bank lines matched to payments. The same height
    gives the same bytes to anyone."""
    from tabularium import camt

    pb = _pb()
    response = _read(
        server,
        key_path,
        "GetReconciliation",
        pb.GetReconciliationRequest(
            office=office,
            period=period,
            read=pb.ReadOptions(at_height=at_height, min_height=min_height),
        ),
        timeout,
    )
    lines = None
    if camt_file is not None:
        try:
            lines = camt.parse(camt_file.read_bytes())
        except ValueError as exc:
            raise click.ClickException(f"{camt_file}: {exc}") from None
    doc = report(response, lines, office, period)
    if fmt == "csv":
        click.echo(report_csv(doc), nl=False)
    else:
        click.echo(json.dumps(doc, sort_keys=True, separators=(",", ":")))
