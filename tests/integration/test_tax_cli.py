"""`tabularium tax` against a real node: register, assess, invoice, pay, import a camt.054,
reconcile against a camt.053 with one unmatched line on each side (same bytes twice)."""

from __future__ import annotations

import json
from pathlib import Path

from tabularium import camt
from tests.conftest import Chain, NodeProcess, run_cli
from tests.integration.tax_world import PEPPER, TaxWorld, day
from tests.integration.world import key_file


def tax_cli(world: TaxWorld, *args: str, check: bool = True) -> dict[str, object]:
    result = run_cli(
        "tax",
        args[0],
        "--server",
        world.node.address,
        *args[1:],
        check=check,
        env={"TABULARIUM_TAX_OFFICE": world.office.did},
    )
    return json.loads(result.stdout.splitlines()[-1])


def test_cli_flow_and_camt_reconciliation(chain: Chain, node: NodeProcess, tmp_path: Path) -> None:
    world = TaxWorld(chain, node)
    officer = key_file(tmp_path, world.o1)
    office_key = key_file(tmp_path, world.office)
    bank = key_file(tmp_path, world.bank)
    pepper = tmp_path / "pepper"
    pepper.write_bytes(PEPPER)
    holder = world.company("cli holder")
    holder_key = key_file(tmp_path, holder)
    # The office registers (its own key stores the personal record in its vault, then the
    # officer's... here the office key does both: it holds every role in itself).
    account = tax_cli(
        world,
        "register",
        "--key",
        office_key,
        "--tax-code",
        "VRDGPP80A01F205X",
        "--name",
        "Giuseppe Verdi",
        "--address",
        "Via Manzoni 5, Milano",
        "--holder",
        holder.did,
        "--company",
        "--pepper-file",
        str(pepper),
    )["account"]
    assert isinstance(account, str)
    liability = tax_cli(
        world,
        "assess",
        "--key",
        officer,
        "--account",
        account,
        "--tax-type",
        "VAT",
        "--period",
        "2026-Q1",
        "--principal",
        "30000",
        "--due",
        day(-1),
        "--legal-basis",
        "DPR633/72-ART54",
    )["liability"]
    other = tax_cli(
        world,
        "assess",
        "--key",
        officer,
        "--account",
        account,
        "--tax-type",
        "IRPEF",
        "--period",
        "2025",
        "--principal",
        "5000",
        "--due",
        day(-1),
        "--legal-basis",
        "DPR600/73-ART36",
    )["liability"]
    listed = tax_cli(world, "balance", "--key", holder_key, "--account", account)
    references = {
        item["liability_id"]: item["reference"]
        for item in listed["liabilities"]  # type: ignore[union-attr]
    }
    # A bank notification (camt.054) becomes payments keyed by EndToEndId.
    today = day(0)
    notified = [
        camt.BankLine("E2E-A", "BANK-1", 20000, "EUR", today, "", references[liability]),
        camt.BankLine("E2E-B", "BANK-2", 5000, "EUR", today, "", references[other]),
    ]
    notification = tmp_path / "camt054.xml"
    notification.write_bytes(camt.build("054", notified))
    result = run_cli(
        "tax",
        "import-camt054",
        "--server",
        world.node.address,
        "--key",
        bank,
        "--office",
        world.office.did,
        str(notification),
    )
    imported = [json.loads(line) for line in result.stdout.splitlines()]
    assert [i["end_to_end_id"] for i in imported] == ["E2E-A", "E2E-B"]
    # Importing the same file again changes nothing (idempotency keys).
    again = run_cli(
        "tax",
        "import-camt054",
        "--server",
        world.node.address,
        "--key",
        bank,
        "--office",
        world.office.did,
        str(notification),
    )
    assert [json.loads(line)["entry_index"] for line in again.stdout.splitlines()] == [
        i["entry_index"] for i in imported
    ]
    # One more payment by hand, never on the statement; the statement has one line we lack.
    tax_cli(
        world,
        "pay",
        "--key",
        bank,
        "--idempotency-key",
        "E2E-C",
        "--account",
        account,
        "--amount",
        "700",
        "--value-date",
        today,
        "--end-to-end-id",
        "E2E-C",
        "--reference",
        references[liability],
    )
    statement = tmp_path / "camt053.xml"
    statement.write_bytes(
        camt.build(
            "053",
            [*notified, camt.BankLine("E2E-Z", "BANK-9", 999, "EUR", today, "", "")],
        )
    )
    period = today[:4]
    first = run_cli(
        "tax",
        "reconcile",
        "--server",
        world.node.address,
        "--key",
        officer,
        "--office",
        world.office.did,
        "--period",
        period,
        "--camt053",
        str(statement),
    ).stdout
    runs = [first]
    doc = json.loads(runs[0])
    height = doc["height"]
    second = run_cli(
        "tax",
        "reconcile",
        "--server",
        world.node.address,
        "--key",
        officer,
        "--office",
        world.office.did,
        "--period",
        period,
        "--camt053",
        str(statement),
        "--at-height",
        str(height),
    ).stdout
    assert second == runs[0]
    assert [m["end_to_end_id"] for m in doc["matched"]] == ["E2E-A", "E2E-B"]
    assert [m["end_to_end_id"] for m in doc["unmatched_bank"]] == ["E2E-Z"]
    assert [m["end_to_end_id"] for m in doc["unmatched_ledger"]] == ["E2E-C"]
    assert doc["checkpoint"].count("\n") >= 4
    csv_text = run_cli(
        "tax",
        "reconcile",
        "--server",
        world.node.address,
        "--key",
        officer,
        "--office",
        world.office.did,
        "--period",
        period,
        "--camt053",
        str(statement),
        "--at-height",
        str(height),
        "--format",
        "csv",
    ).stdout
    assert "unmatched_bank" in csv_text and "E2E-Z" in csv_text
    # The 2026-Q1 VAT row and the 2025 IRPEF row only when the period covers them.
    rows = json.loads(
        run_cli(
            "tax",
            "reconcile",
            "--server",
            world.node.address,
            "--key",
            officer,
            "--office",
            world.office.did,
            "--period",
            "2026-Q1",
        ).stdout
    )["rows"]
    assert rows == [
        {
            "assessed": 30000,
            "credited": 0,
            "open": 9300,
            "paid": 20700,
            "period": "2026-Q1",
            "tax_type": "VAT",
        }
    ]
    # A refused call: exit 1 with the reason.
    refused = tax_cli(
        world,
        "pay",
        "--key",
        bank,
        "--idempotency-key",
        "E2E-C",
        "--account",
        account,
        "--amount",
        "701",
        "--value-date",
        today,
        check=False,
    )
    assert refused["reason"] == "IDEMPOTENCY_KEY_REUSED"
    # An invoice file through the CLI: cleared (RC).
    xml = tmp_path / "fattura.xml"
    xml.write_bytes(
        world.invoice_file(
            [
                {
                    "document_type": "TD01",
                    "currency": "EUR",
                    "date": "2026-02-01",
                    "number": "CLI-1",
                    "vat": [(2200, 1000, 220, "")],
                    "total": 1220,
                }
            ]
        )
    )
    cleared = tax_cli(world, "invoice", "--key", holder_key, "--xml", str(xml), "--seller", account)
    assert cleared["outcome"] == "RC" and len(cleared["invoices"]) == 1  # type: ignore[arg-type]
