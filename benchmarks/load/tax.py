"""Tax: its hot rule paths in process and its payments through a real node.

* Rule path: checking an invoice file before clearance (``tax_xml.check_against``: FatturaPA
  schema validation plus the header comparison) against a bare lxml parse of the same file in
  the same run (``check_vs_parse``), and the ISO 11649 reference check against SHA-256 of the
  same string (a floor for any per-payment work).
* Through the node: RecordPayment transactions (idempotency record, allocation to the
  referenced liability, account events), presigned and sent with SubmitTransactions in batches,
  against notarising documents (RegisterDocument) through the same node in the same run:
  ``payment_vs_notarize``.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import tempfile
import time
from pathlib import Path
from typing import Any

import grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.message import Message
from lxml import etree

from benchmarks.common import calls_per_second, progress
from tabularium import tax_xml
from tabularium.crypto.didkey import did_key
from tabularium.documents.v1 import documents_pb2
from tabularium.domains.tax import money
from tabularium.domains.tax.model import InvoiceHeader, VatSummary
from tabularium.domains.tax.rules import derive_id, reference_for
from tabularium.identity.v1 import identity_pb2
from tabularium.keys import load_private_key
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tabularium.tax.v1 import tax_pb2 as pb
from tabularium.txbuild import build_signed, key_possession
from tabularium.vault_client import put_document
from tests.conftest import NodeProcess, run_cli

BATCH = 500
ACCOUNTS = 20


def rule_path(repeat: int) -> dict[str, Any]:
    invoices = [
        {
            "document_type": "TD01",
            "currency": "EUR",
            "date": "2026-03-01",
            "number": f"B/{i}",
            "vat": [(2200, 10_000 + i, money.vat_of(10_000 + i, 2200), "")],
            "total": 10_000 + i + money.vat_of(10_000 + i, 2200),
        }
        for i in range(10)
    ]
    xml = tax_xml.build_fatturapa(invoices)
    digest = hashlib.sha256(xml).digest()
    headers = [
        InvoiceHeader(
            bytes(16),
            b"",
            True,
            2026,
            f["number"],
            "TD01",
            f["date"],
            "EUR",
            tuple(VatSummary(*v) for v in f["vat"]),
            f["total"],
            0,
            "",
            digest,
            bytes(16),
        )
        for f in invoices
    ]
    tax_xml.check_against(xml, headers)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    reference = reference_for(bytes(range(16)))
    return {
        "invoices_per_file": len(invoices),
        "file_bytes": len(xml),
        "check_files_per_s": calls_per_second(lambda: tax_xml.check_against(xml, headers), repeat),
        "parse_files_per_s": calls_per_second(lambda: etree.fromstring(xml, parser), repeat),
        "reference_checks_per_s": calls_per_second(
            lambda: money.check_reference(reference), repeat * 20
        ),
        "sha256_per_s": calls_per_second(
            lambda: hashlib.sha256(reference.encode()).digest(), repeat * 20
        ),
    }


async def _send(address: str, raws: list[bytes]) -> float:
    async with grpc.aio.insecure_channel(
        address, options=[("grpc.max_send_message_length", 64 << 20)]
    ) as channel:
        stub = ledger_pb2_grpc.LedgerServiceStub(channel)
        started = time.perf_counter()
        for i in range(0, len(raws), BATCH):
            response = await stub.SubmitTransactions(
                ledger_pb2.SubmitTransactionsRequest(transactions=raws[i : i + BATCH]), timeout=300
            )
            for result in response.results:
                if not result.HasField("receipt") or result.receipt.result.error.reason:
                    raise RuntimeError(f"refused: {result}")
        return time.perf_counter() - started


def through_node(payments: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tabularium-bench-tax-") as tmp:
        data_dir = Path(tmp) / "data"
        run_cli("init", "--data-dir", str(data_dir), "--chain-id", "bench")
        node = NodeProcess(data_dir).start()
        try:
            ledger = ledger_pb2_grpc.LedgerServiceStub(node.channel())
            chain_id = ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10).chain_id
            root = load_private_key(data_dir / "keys" / "admin.key")
            office, bank = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
            office_did = did_key(office.public_key().public_bytes_raw())
            bank_did = did_key(bank.public_key().public_bytes_raw())
            now = time.time_ns() // 1000

            def signed(action: Message, *keys: Ed25519PrivateKey) -> bytes:
                return build_signed(chain_id, action, keys, now_us=now, window_seconds=3600)

            def run_phase(raws: list[bytes]) -> float:
                return asyncio.run(_send(node.address, raws))

            run_phase(
                [
                    signed(
                        identity_pb2.RegisterIdentity(kind=kind, keys=[key_possession(key, did)]),
                        root,
                    )
                    for key, did, kind in (
                        (office, office_did, identity_pb2.IDENTITY_KIND_AGENCY),
                        (bank, bank_did, identity_pb2.IDENTITY_KIND_COMPANY),
                    )
                ]
            )
            run_phase(
                [
                    signed(
                        identity_pb2.GrantRole(
                            organization=office_did, subject=bank_did, role="bank"
                        ),
                        office,
                    ),
                    signed(pb.ConfigureTaxOffice(office=office_did, currency="EUR"), office),
                ]
            )
            with grpc.insecure_channel(node.address) as channel:
                records = [
                    bytes(
                        put_document(
                            channel,
                            chain_id,
                            [office],
                            [b"{}"],
                            owner=office_did,
                            media_type="application/json",
                            timeout=30,
                        ).response.document_id
                    )
                    for _ in range(ACCOUNTS)
                ]
            registers = [
                signed(
                    pb.RegisterTaxpayer(
                        office=office_did,
                        tax_code_commitment=hmac.new(b"k", b"%d" % i, hashlib.sha256).digest(),
                        personal_record=records[i],
                        kind=pb.TAXPAYER_KIND_PERSON,
                    ),
                    office,
                )
                for i in range(ACCOUNTS)
            ]
            run_phase(registers)
            accounts = [derive_id(hashlib.sha256(r).digest(), b"account") for r in registers]
            assessments = [
                signed(
                    pb.Assess(
                        office=office_did,
                        account=a,
                        tax_type="VAT",
                        period="2025",
                        principal=pb.Amount(minor_units=10**12, currency="EUR"),
                        due_date="2025-12-31",
                        legal_basis="DPR633/72",
                        source_sha256=bytes(32),
                        origin=pb.ASSESSMENT_ORIGIN_RETURN,
                    ),
                    office,
                )
                for a in accounts
            ]
            run_phase(assessments)
            references = [
                reference_for(derive_id(hashlib.sha256(r).digest(), b"liability"))
                for r in assessments
            ]
            pays = [
                signed(
                    pb.RecordPayment(
                        office=office_did,
                        idempotency_key=f"E2E-{i}",
                        account=accounts[i % ACCOUNTS],
                        amount=pb.Amount(minor_units=100 + i, currency="EUR"),
                        value_date="2026-01-02",
                        creditor_reference=references[i % ACCOUNTS],
                        end_to_end_id=f"E2E-{i}",
                        status=pb.PAYMENT_STATUS_BOOKED,
                    ),
                    bank,
                )
                for i in range(payments)
            ]
            progress(f"tax: {payments} payments through the node")
            pay_s = run_phase(pays)
            notarize = [
                signed(
                    documents_pb2.RegisterDocument(
                        sha256=hashlib.sha256(b"baseline %d" % i).digest(), title="x"
                    ),
                    root,
                )
                for i in range(payments)
            ]
            notarize_s = run_phase(notarize)
        finally:
            node.terminate()
    return {
        "payments": payments,
        "accounts": ACCOUNTS,
        "payment_tx_per_s": payments / pay_s,
        "notarize_tx_per_s": payments / notarize_s,
    }


def run(payments: int, repeat: int = 100) -> dict[str, Any]:
    progress("tax: rule path (invoice file check, creditor reference)")
    rules = rule_path(repeat)
    node = through_node(payments)
    return {
        "rules": rules,
        "node": node,
        "ratios": {
            "check_vs_parse": rules["check_files_per_s"] / rules["parse_files_per_s"],
            "reference_vs_sha256": rules["reference_checks_per_s"] / rules["sha256_per_s"],
            "payment_vs_notarize": node["payment_tx_per_s"] / node["notarize_tx_per_s"],
        },
    }
