"""`tabularium pharma` against a real node: upload from scanner strings, ship and receive with
the TI in the vault, verify from stdin, dispense twice (the second refused, alerted), trace,
recall, capture and export an EPCIS document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tabularium import epcis, gs1
from tabularium.vault.v1 import vault_pb2
from tests.conftest import Chain, run_cli
from tests.integration.pharma_world import EXPIRY, GTIN, PharmaWorld, clocked_node
from tests.integration.world import key_file


def cli(world: PharmaWorld, *args: str, check: bool = True, stdin: str | None = None) -> Any:
    result = run_cli(
        "pharma", args[0], "--server", world.node.address, *args[1:], check=check, input_text=stdin
    )
    return result


def lines(result: Any) -> list[dict[str, Any]]:
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def test_cli_flow(chain: Chain, tmp_path: Path) -> None:
    with clocked_node(chain, tmp_path) as (node, clock):
        world = PharmaWorld(chain, node, clock)
        maker = key_file(tmp_path, world.maker.actor)
        pharmacy = key_file(tmp_path, world.pharmacy.actor)
        authority = key_file(tmp_path, world.authority)
        inspector = key_file(tmp_path, world.inspector)
        product_key = tmp_path / "product.key"
        product_key.write_text(world.product_key.hex())
        serials = [f"CLI{n:05d}" for n in range(5)]
        scans = [
            gs1.format_element_string(
                gs1.Scan(GTIN, s, "LOT7", EXPIRY, int("20" + EXPIRY), None),
                symbology_identifier="]d2",
            )
            for s in serials
        ]
        scan_file = tmp_path / "scans.txt"
        scan_file.write_text("\n".join(scans) + "\n")
        uploaded = cli(
            world,
            "upload",
            "--key",
            maker,
            "--manufacturer",
            world.maker.did,
            "--site",
            world.maker.site,
            "--product-key",
            str(product_key),
            str(scan_file),
        )
        assert lines(uploaded)[0]["packs"] == 5
        assert "uploaded: 5/5" in uploaded.stderr
        ti = tmp_path / "ti.txt"
        ti.write_text("TI/TS for five packs of LOT7")
        shipped = lines(
            cli(
                world,
                "ship",
                "--key",
                maker,
                "--organisation",
                world.maker.did,
                "--receiver",
                world.pharmacy.did,
                "--product-key",
                str(product_key),
                "--ti",
                str(ti),
                str(scan_file),
            )
        )[0]
        cli(
            world,
            "receive",
            "--key",
            pharmacy,
            "--organisation",
            world.pharmacy.did,
            "--site",
            world.pharmacy.site,
            "--shipment",
            shipped["shipment"],
            "--ti",
            str(ti),
        )
        verified = lines(
            cli(
                world,
                "verify",
                "--key",
                pharmacy,
                "--organisation",
                world.pharmacy.did,
                "--site",
                world.pharmacy.site,
                "--product-key",
                str(product_key),
                "-",
                stdin="\n".join(scans[:2]) + "\n",
            )
        )
        assert [(v["line"], v["code"], v["status"]) for v in verified] == [
            (1, "OK", "PACK_STATUS_ACTIVE"),
            (2, "OK", "PACK_STATUS_ACTIVE"),
        ]
        assert {v["owner"] for v in verified} == {world.pharmacy.did}
        dispense = (
            "decommission",
            "--key",
            pharmacy,
            "--organisation",
            world.pharmacy.did,
            "--site",
            world.pharmacy.site,
            "--product-key",
            str(product_key),
            "-",
        )
        first = cli(world, *dispense, stdin=scans[0] + "\n")
        assert lines(first)[0]["status"] == "PACK_STATUS_DECOMMISSIONED"
        second = cli(world, *dispense, stdin=scans[0] + "\n" + scans[1] + "\n", check=False)
        assert second.returncode == 1
        refused, ok = lines(second)
        assert (refused["code"], refused["reason"]) == (
            "FAILED_PRECONDITION",
            "ALREADY_DECOMMISSIONED",
        )
        assert refused["alert_ids"] == [refused["entry_index"]]
        assert ok["code"] == "OK"
        # A bad scanner string names its line and changes nothing.
        bad = cli(world, *dispense, stdin=scans[2] + "\n(01)09506000134353(21)X\n", check=False)
        assert bad.returncode == 2 and "line 2" in bad.stderr and "BAD_GTIN" in bad.stderr
        alerts = lines(cli(world, "alerts", "--key", authority))
        # u64 fields print as JSON strings.
        assert [int(a["alert_id"]) for a in alerts] == [refused["entry_index"]]
        traced = lines(cli(world, "trace", "--key", maker, "--gtin", GTIN, "--batch", "LOT7"))
        packs, summary = traced[:-1], traced[-1]
        assert len(packs) == 5 and summary["batch_status"] == "PACK_STATUS_ACTIVE"
        assert sum(p["pack"].get("status") == "PACK_STATUS_DECOMMISSIONED" for p in packs) == 2
        cli(
            world,
            "recall",
            "--key",
            maker,
            "--key",
            inspector,
            "--holder",
            world.maker.did,
            "--gtin",
            GTIN,
            "--batch",
            "LOT7",
            "--reason",
            "QUALITY_DEFECT",
        )
        after = lines(
            cli(
                world,
                "verify",
                "--key",
                pharmacy,
                "--organisation",
                world.pharmacy.did,
                "--site",
                world.pharmacy.site,
                "--product-key",
                str(product_key),
                "-",
                stdin=scans[3] + "\n",
            )
        )
        assert after[0]["status"] == "PACK_STATUS_RECALLED"

        # EPCIS: capture a shipping event, export it to the authority, same hash.
        document = json.dumps(
            {
                "@context": [epcis.EPCIS_CONTEXT_URL],
                "type": "EPCISDocument",
                "schemaVersion": "2.0",
                "creationDate": "2026-11-30T10:00:00Z",
                "epcisBody": {
                    "eventList": [
                        {
                            "type": "ObjectEvent",
                            "eventTime": "2026-11-30T09:00:00.000+01:00",
                            "eventTimeZoneOffset": "+01:00",
                            "epcList": [f"https://id.gs1.org/01/{GTIN}/21/{s}" for s in serials],
                            "action": "OBSERVE",
                            "bizStep": "receiving",
                            "disposition": "in_progress",
                        }
                    ]
                },
            }
        )
        doc_file = tmp_path / "events.jsonld"
        doc_file.write_text(document)
        captured = lines(
            cli(
                world,
                "capture",
                "--key",
                pharmacy,
                "--organisation",
                world.pharmacy.did,
                "--product-key",
                f"{GTIN}={product_key}",
                str(doc_file),
            )
        )[0]
        grant = world.vault_grant(
            world.pharmacy.actor,
            bytes.fromhex(captured["document"]),
            world.authority,
            "regulator export",
            permissions=[vault_pb2.PERMISSION_EXPORT],
        )
        out = tmp_path / "export.jsonld"
        cli(
            world,
            "export",
            "--key",
            authority,
            "--document",
            f"{captured['document']}:{grant.hex()}",
            "--out",
            str(out),
        )
        exported = epcis.validate_document(out.read_bytes())
        assert [e.hash for e in exported.events] == captured["event_hashes"]
        entries = world.log_entries()
        assert all(s.encode() not in e for s in serials for e in entries)
