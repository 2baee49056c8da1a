"""EPCIS 2.0 through a real node: capture (document in the vault, event hashes and pack keys on
the log), the same event twice however formatted, error declarations by the owner only,
aggregation and transformation from events, and export that re-imports to the same hashes."""

from __future__ import annotations

import copy
import json
import secrets
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import grpc
import pytest

from tabularium import epcis, pharma_epcis
from tabularium.domains.pharma.identifiers import gs1_check_digit
from tabularium.pharma.v1 import pharma_pb2 as pb
from tabularium.vault.v1 import vault_pb2
from tabularium.vault_client import access_transaction
from tests.conftest import Chain
from tests.helpers import error_info, expect_error
from tests.integration.pharma_world import (
    DENIED,
    EXISTS,
    GTIN,
    INVALID,
    Partner,
    PharmaWorld,
    clocked_node,
)

CAPTURE = "/tabularium.pharma.v1.PharmaService/CaptureEpcis"


@pytest.fixture
def world(chain: Chain, tmp_path: Path) -> Iterator[PharmaWorld]:
    with clocked_node(chain, tmp_path) as (node, clock):
        yield PharmaWorld(chain, node, clock)


def sgtin(serial: str) -> str:
    return f"https://id.gs1.org/01/{GTIN}/21/{serial}"


def sscc(n: int) -> str:
    body = f"09506000{n:09d}"
    return f"https://id.gs1.org/00/{body}{gs1_check_digit(body)}"


def event(kind: str, **fields: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "eventID": f"urn:uuid:{uuid.uuid4()}",
        "eventTime": "2026-11-30T09:15:00.000+01:00",
        "eventTimeZoneOffset": "+01:00",
        **fields,
    }


def document(*events: dict[str, Any]) -> bytes:
    return json.dumps(
        {
            "@context": [epcis.EPCIS_CONTEXT_URL],
            "type": "EPCISDocument",
            "schemaVersion": "2.0",
            "creationDate": "2026-11-30T10:00:00Z",
            "epcisBody": {"eventList": list(events)},
        },
        indent=2,
    ).encode()


class Capturer:
    def __init__(self, world: PharmaWorld) -> None:
        self.world = world
        self.case_secret = secrets.token_bytes(32)
        self.keys = pharma_epcis.KeyRing({GTIN: world.product_key}, self.case_secret)
        self.stored: dict[bytes, bytes] = {}  # document bytes -> vault document id

    def action(self, who: Partner, raw: bytes) -> tuple[pb.CaptureEpcis, bytes]:
        stored = self.world.vault_put(who.actor, raw, "application/ld+json")
        self.stored[raw] = stored
        parsed = epcis.validate_document(raw)
        return pharma_epcis.capture_action(parsed, who.did, stored, self.keys), stored

    def capture(self, who: Partner, raw: bytes) -> pb.CaptureEpcisResponse:
        action, _ = self.action(who, raw)
        return self.send(who, action, raw)

    def send(self, who: Partner, action: pb.CaptureEpcis, raw: bytes) -> pb.CaptureEpcisResponse:
        request = pb.CaptureEpcisRequest(transaction=self.world.sign(action, who.key), document=raw)
        response: pb.CaptureEpcisResponse = self.world.stub.CaptureEpcis(request, timeout=60)
        return response


def test_capture_twice_correct_and_export(world: PharmaWorld) -> None:
    keys = world.upload(4)
    serials = world.serials[:4]
    cap = Capturer(world)
    shipping = event(
        "ObjectEvent",
        epcList=[sgtin(s) for s in serials[:2]],
        action="OBSERVE",
        bizStep="shipping",
        disposition="in_transit",
        readPoint={"id": "https://id.gs1.org/414/" + world.maker.site},
    )
    packing = event(
        "AggregationEvent",
        parentID=sscc(1),
        childEPCs=[sgtin(s) for s in serials[2:4]],
        action="ADD",
        bizStep="packing",
        disposition="in_progress",
    )
    making = event(
        "TransformationEvent",
        inputQuantityList=[
            {"epcClass": f"https://id.gs1.org/01/{GTIN}/10/B1", "quantity": 100, "uom": "KGM"}
        ],
        outputQuantityList=[{"epcClass": f"https://id.gs1.org/01/{GTIN}/10/B2", "quantity": 10}],
        bizStep="commissioning",
    )
    first_raw = document(shipping, packing, making)
    first = cap.capture(world.maker, first_raw)
    hashes = list(first.event_hashes)
    assert len(hashes) == 3 and all(h.startswith("ni:///sha-256;") for h in hashes)
    assert hashes == [e.hash for e in epcis.validate_document(first_raw).events]
    # Aggregation from the event: the two packs are in the case; transformation: B2 from B1.
    case = cap.keys.unit_key(sscc(1))
    assert world.pack(keys[2]).pack.parent == case
    world.upload(1, batch="B2")
    trace = world.read("TraceBatch", pb.TraceBatchRequest(gtin=GTIN, batch="B2"), world.maker.actor)
    assert list(trace.source_batches) == [f"{GTIN}/B1"]

    # The same event again, reformatted (keys reordered, the time written in UTC, another
    # eventID: not part of the hash): refused, naming the first entry.
    again = {k: shipping[k] for k in reversed(list(shipping))}
    again["eventTime"] = "2026-11-30T08:15:00Z"  # the same instant, written in UTC
    again["eventID"] = f"urn:uuid:{uuid.uuid4()}"
    dup_raw = document(again)
    assert epcis.validate_document(dup_raw).events[0].hash == hashes[0]
    with pytest.raises(grpc.RpcError) as caught:
        cap.capture(world.maker, dup_raw)
    assert caught.value.code() == EXISTS  # type: ignore[attr-defined]
    info = error_info(caught.value)
    assert info.reason == "EVENT_ALREADY_CAPTURED"
    assert info.metadata["entry_index_first"] == str(first.receipt.entry_index)

    # An error declaration: refused from another organisation, accepted from the capturer with
    # the corrective event captured first in the same document.
    corrective = event(
        "ObjectEvent",
        epcList=[sgtin(serials[0])],
        action="OBSERVE",
        bizStep="shipping",
        disposition="in_transit",
    )
    declared = copy.deepcopy(shipping)
    declared["errorDeclaration"] = {
        "declarationTime": "2026-11-30T12:00:00.000+01:00",
        "reason": "incorrect_data",
        "correctiveEventIDs": [corrective["eventID"]],
    }
    declaration_raw = document(corrective, declared)
    hashes_2 = [e.hash for e in epcis.validate_document(declaration_raw).events]
    assert hashes_2[1] == hashes[0], "the declaration is not part of the event hash"
    with pytest.raises(grpc.RpcError) as caught:
        world.transfer(world.maker, world.wholesaler, keys[:1])
        cap.capture(world.wholesaler, declaration_raw)
    assert caught.value.code() == DENIED  # type: ignore[attr-defined]
    assert error_info(caught.value).reason == "NOT_EVENT_OWNER"
    corrected = cap.capture(world.maker, declaration_raw)
    assert list(corrected.event_hashes) == hashes_2

    # Export to the authority: a grant with EXPORT, the reads logged, hashes identical.
    grants = []
    for stored_raw in (first_raw, declaration_raw):
        stored = cap.stored[stored_raw]  # the vault documents that were captured
        grants.append(
            (
                stored,
                world.vault_grant(
                    world.maker.actor,
                    stored,
                    world.authority,
                    "EPCIS export for the regulator",
                    permissions=[vault_pb2.PERMISSION_EXPORT],
                ),
            )
        )
    accesses = [
        access_transaction(
            world.chain.chain_id,
            world.authority.key,
            stored,
            purpose="recall investigation",
            grant_id=grant,
            permission="export",
        )
        for stored, grant in grants
    ]
    wanted = [hashes[0], hashes[2], hashes_2[0]]
    exported = world.read(
        "ExportEpcis",
        pb.ExportEpcisRequest(access_transactions=accesses, event_hashes=wanted),
        world.authority,
    )
    assert len(exported.access_receipts) == 2
    reimported = epcis.validate_document(exported.document)
    assert sorted(e.hash for e in reimported.events) == sorted(wanted)


def test_capture_refusals(world: PharmaWorld) -> None:
    world.upload(2)
    serials = world.serials
    cap = Capturer(world)
    observe = event(
        "ObjectEvent", epcList=[sgtin(serials[0])], action="OBSERVE", bizStep="receiving"
    )
    raw = document(observe)
    action, _ = cap.action(world.maker, raw)
    # The document sent must be the vault's; the events must say what it says.
    tampered = raw.replace(b"receiving", b"shipping")
    request = pb.CaptureEpcisRequest(
        transaction=world.sign(action, world.maker.key), document=tampered
    )
    expect_error(lambda: world.stub.CaptureEpcis(request, timeout=30), INVALID, "DOCUMENT_MISMATCH")
    wrong = pb.CaptureEpcis()
    wrong.CopyFrom(action)
    wrong.events[0].biz_step = "shipping"
    expect_error(lambda: cap.send(world.maker, wrong, raw), INVALID, "EVENTS_MISMATCH")
    wrong.CopyFrom(action)
    wrong.events[0].pack_keys = wrong.events[0].pack_keys * 2
    expect_error(lambda: cap.send(world.maker, wrong, raw), INVALID, "EVENTS_MISMATCH")
    # Not EPCIS 2.0: schema and CBV checks name the path.
    bad = document(
        event(
            "ObjectEvent", epcList=[sgtin(serials[0])], action="OBSERVE", bizStep="not_a_cbv_step"
        )
    )
    exc = expect_error(lambda: cap.send(world.maker, action, bad), INVALID, "EPCIS_INVALID")
    assert "$.epcisBody.eventList[0]" in exc.details()  # type: ignore[attr-defined]
    # Submitting CaptureEpcis around the document check is refused.
    expect_error(
        lambda: world.submit(action, world.maker.key),
        grpc.StatusCode.FAILED_PRECONDITION,
        "SUBMIT_VIA_SERVICE",
    )
    cap.send(world.maker, action, raw)
    # No serial of the documents is in any log entry.
    entries = world.log_entries()
    assert all(s.encode() not in e for s in serials for e in entries)
