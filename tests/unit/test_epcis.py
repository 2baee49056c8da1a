"""EPCIS 2.0 documents and CBV 2.0 event hashes (tabularium.epcis) against GS1 vectors."""

from __future__ import annotations

import copy
import json
import logging
import random
import warnings
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from tabularium import epcis
from tabularium.errors import InvalidArgument

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "epcis"
DOCS = sorted(p.stem for p in VECTORS.glob("*.jsonld"))
# Valid EPCIS 2.0 except for one event with a non-CBV bizStep (kept: its hashes are published).
NOT_CBV = {"epcisDocWithVariousEventTypes"}


def _load(name: str) -> tuple[dict[str, Any], list[str]]:
    doc = json.loads((VECTORS / f"{name}.jsonld").read_text(encoding="utf-8"))
    hashes = (VECTORS / f"{name}.hashes").read_text(encoding="utf-8").split()
    return doc, hashes


def _events(doc: dict[str, Any]) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = doc["epcisBody"]["eventList"]
    return events


def _cases() -> Iterator[tuple[str, int]]:
    for name in DOCS:
        doc, _ = _load(name)
        for i in range(len(_events(doc))):
            yield name, i


def test_vectors_cover_every_event_type_and_an_error_declaration() -> None:
    seen: set[str] = set()
    declared = False
    for name in DOCS:
        doc, hashes = _load(name)
        assert len(hashes) == len(_events(doc)), name
        for event in _events(doc):
            seen.add(event["type"])
            declared |= "errorDeclaration" in event
    assert seen == set(epcis.SUPPORTED_EVENT_TYPES)
    assert declared


@pytest.mark.parametrize("name", DOCS)
def test_event_hash_matches_published_vectors(name: str) -> None:
    doc, hashes = _load(name)
    assert [epcis.event_hash(e, doc["@context"]) for e in _events(doc)] == hashes


@pytest.mark.parametrize("name", sorted(set(DOCS) - NOT_CBV))
def test_validate_document_reads_vectors(name: str) -> None:
    raw = (VECTORS / f"{name}.jsonld").read_bytes()
    doc, hashes = _load(name)
    parsed = epcis.validate_document(raw)
    assert [e.hash for e in parsed.events] == hashes
    assert parsed.schema_version == "2.0"
    for i, event in enumerate(parsed.events):
        assert event.raw == _events(doc)[i]
        assert event.hash.startswith("ni:///sha-256;") and event.hash.endswith("?ver=CBV2.0")
        assert event.event_time_utc.endswith("Z")


def test_event_fields() -> None:
    parsed = epcis.validate_document((VECTORS / "AssociationEvents.jsonld").read_bytes())
    first = parsed.events[0]
    assert first.type == "AssociationEvent"
    assert first.parent_id == "urn:epc:id:grai:4012345.55555.987"
    assert first.child_epcs == ("urn:epc:id:giai:4000001.12345",)
    assert first.biz_step == "assembling"
    assert first.read_point == "urn:epc:id:sgln:4012345.00001.0"
    assert first.event_time_utc == "2019-11-01T13:00:00.000Z"
    declared = [e for e in parsed.events if e.error_declaration is not None]
    assert len(declared) == 1
    decl = declared[0].error_declaration
    assert decl is not None and decl.reason == "incorrect_data"
    assert decl.declaration_time == "2019-11-07T14:00:00.000+01:00"
    assert len(decl.corrective_event_ids) == 1
    # The declaration is not hashed: the declared event hashes like the original (event 4).
    assert declared[0].hash == parsed.events[3].hash

    tx = epcis.validate_document((VECTORS / "ReferenceEventHashAlgorithm3.jsonld").read_bytes())
    event = tx.events[0]
    assert event.disposition == "in_transit"
    assert event.biz_transactions == (
        epcis.BizTransaction("po", "urn:epc:id:gdti:4012345.11111.123"),
    )
    assert event.sources == (
        epcis.SourceDestination("owning_party", "urn:epc:id:pgln:4012345.00000"),
    )
    assert event.destinations[0].id == "urn:epc:id:pgln:0614141.00000"
    assert tx.namespaces == {"example": "https://ns.example.com/epcis/"}


# ---- cross-check against the GS1 reference implementation --------------------------------


def _reference_hashes(text: str) -> list[str]:
    pytest.importorskip("epcis_event_hash_generator")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from epcis_event_hash_generator import hash_generator, json_to_py

        logger = logging.getLogger()
        level = logger.level
        logger.setLevel(logging.CRITICAL)
        try:
            json_to_py._namespaces.clear()  # module-global prefix table, reset per document
            events = json_to_py.event_list_from_epcis_document_str(text)
            hashes: list[str] = hash_generator.epcis_hashes_from_events(events)
        finally:
            logger.setLevel(level)
    return hashes


@pytest.mark.parametrize("name", DOCS)
def test_reference_implementation_agrees(name: str) -> None:
    text = (VECTORS / f"{name}.jsonld").read_text(encoding="utf-8")
    doc, hashes = _load(name)
    assert _reference_hashes(text) == hashes
    # The same on a reformatted copy (whitespace, event time shifted to another offset).
    shifted = copy.deepcopy(doc)
    for event in _events(shifted):
        event["eventTime"] = _shift(event["eventTime"], timedelta(hours=-7, minutes=-30))
    mine = [epcis.event_hash(e, shifted["@context"]) for e in _events(shifted)]
    assert mine == hashes
    assert _reference_hashes(json.dumps(shifted, indent=7)) == hashes


# ---- reformatting invariance -------------------------------------------------------------


def _shift(stamp: str, offset: timedelta) -> str:
    moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    return moment.astimezone(timezone(offset)).isoformat()


def _shuffled(value: Any, rng: random.Random) -> Any:
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _shuffled(v, rng) for k, v in items}
    if isinstance(value, list):
        items = [_shuffled(v, rng) for v in value]
        rng.shuffle(items)
        return items
    return value


_URN_FORMS = {"bizStep": "urn:epcglobal:cbv:bizstep:", "disposition": "urn:epcglobal:cbv:disp:"}
_WEB_FORMS = {"bizStep": "https://ref.gs1.org/cbv/BizStep-", "disposition": "cbv:Disp-"}


def _reformatted(event: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    out: dict[str, Any] = _shuffled(copy.deepcopy(event), rng)
    out["eventTime"] = _shift(out["eventTime"], timedelta(hours=rng.choice([-11, -3, 5, 13])))
    for name in ("bizStep", "disposition"):
        value = out.get(name)
        if isinstance(value, str) and ":" not in value:
            forms = _URN_FORMS if rng.random() < 0.5 else _WEB_FORMS
            out[name] = forms[name] + value
    for name in ("epcList", "childEPCs", "inputEPCList", "outputEPCList"):
        if name in out:
            # EPC URNs written as GS1 Digital Link URIs on a brand domain, with a query string.
            out[name] = [
                epcis.normalise_identifier(e).replace(
                    "https://id.gs1.org/", "https://brand.example/"
                )
                + "?linkType=all"
                if e.startswith("urn:epc:id:sgtin:")
                else e
                for e in out[name]
            ]
    if isinstance(out.get("readPoint"), dict) and "id" in out["readPoint"]:
        out["readPoint"]["id"] = epcis.normalise_identifier(out["readPoint"]["id"])
    return out


@pytest.mark.parametrize(("name", "index"), list(_cases()))
def test_reformatted_events_hash_the_same(name: str, index: int) -> None:
    doc, hashes = _load(name)
    rng = random.Random(f"{name}/{index}")
    for _ in range(3):
        event = _reformatted(_events(doc)[index], rng)
        assert epcis.event_hash(event, doc["@context"]) == hashes[index]


@pytest.mark.parametrize("name", sorted(set(DOCS) - NOT_CBV))
def test_reformatted_documents_validate_to_the_same_hashes(name: str) -> None:
    doc, hashes = _load(name)
    rng = random.Random(name)
    reformatted = _shuffled(doc, random.Random(0))
    reformatted["epcisBody"]["eventList"] = [_reformatted(e, rng) for e in _events(doc)]
    raw = json.dumps(reformatted, indent="\t", ensure_ascii=True).encode()
    assert [e.hash for e in epcis.validate_document(raw).events] == hashes


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (["eventTime"], "2020-03-04T11:00:30.001+01:00"),
        (["eventTimeZoneOffset"], "+02:00"),
        (["action"], "ADD"),
        (["bizStep"], "arriving"),
        (["epcList", 0], "urn:epc:id:sscc:4012345.0000000444"),
        (["readPoint", "id"], "urn:epc:id:sgln:4012345.00011.988"),
        (["example:myField2"], "1"),
        (["example:myField1", "example:mySubField1"], "3"),
    ],
)
def test_changed_field_hashes_differently(path: list[Any], value: Any) -> None:
    doc, hashes = _load("ReferenceEventHashAlgorithm")
    event = copy.deepcopy(_events(doc)[0])
    target: Any = event
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    assert epcis.event_hash(event, doc["@context"]) != hashes[0]


def test_ignored_fields_do_not_change_the_hash() -> None:
    doc, hashes = _load("ReferenceEventHashAlgorithm")
    event = copy.deepcopy(_events(doc)[0])
    event["eventID"] = "urn:uuid:9b2e0a4e-1f0c-4a83-9d1a-6f0a0d1c2b3e"
    event["recordTime"] = "2030-01-01T00:00:00Z"
    event["errorDeclaration"] = {"declarationTime": "2030-01-01T00:00:00Z"}
    assert epcis.event_hash(event, doc["@context"]) == hashes[0]


def test_pre_hash_string_and_identifier_normalisation() -> None:
    doc, _ = _load("ReferenceEventHashAlgorithm3")
    pre = epcis.prehash_string(_events(doc)[0], doc["@context"])
    assert pre.startswith("eventType=ObjectEventeventTime=2020-03-04T10:00:30.000Z")
    assert "{https://ns.example.com/epcis/}userExt=CD-34" in pre
    n = epcis.normalise_identifier
    assert n("urn:epc:id:sgtin:0614141.011111.987") == "https://id.gs1.org/01/00614141111114/21/987"
    assert n("https://brand.example/gtin/614141111114/lot/L1/ser/987?x=1") == (
        "https://id.gs1.org/01/00614141111114/21/987"
    )
    assert n("urn:epc:id:sgln:4012345.00011.0") == "https://id.gs1.org/414/4012345000115"
    assert n("urn:epc:class:lgtin:4012345.011111.L1") == (
        "https://id.gs1.org/01/04012345111118/10/L1"
    )
    assert n("geo:50.9,6.9") == "geo:50.9,6.9"


# ---- refusals ----------------------------------------------------------------------------


def _base() -> dict[str, Any]:
    doc, _ = _load("ReferenceEventHashAlgorithm3")
    return doc


def _refused(raw: bytes, **kwargs: Any) -> InvalidArgument:
    with pytest.raises(InvalidArgument) as info:
        epcis.validate_document(raw, **kwargs)
    err = info.value
    assert err.reason == "EPCIS_INVALID"
    assert err.field == "document"
    assert err.code == "INVALID_ARGUMENT"
    return err


def test_missing_event_time_names_the_path() -> None:
    doc = _base()
    del _events(doc)[0]["eventTime"]
    err = _refused(json.dumps(doc).encode())
    assert err.message.startswith("$.epcisBody.eventList[0].eventTime:")


def test_unknown_event_type_names_the_path() -> None:
    doc = _base()
    _events(doc)[0]["type"] = "TeleportationEvent"
    err = _refused(json.dumps(doc).encode())
    assert err.message.startswith("$.epcisBody.eventList[0].type:")
    assert "TeleportationEvent" in err.message


@pytest.mark.parametrize("value", ["flying", "urn:epcglobal:cbv:bizstep:flying", "urn:x:y", 7])
def test_bad_biz_step_names_the_path(value: Any) -> None:
    doc = _base()
    _events(doc)[0]["bizStep"] = value
    err = _refused(json.dumps(doc).encode())
    assert err.message.startswith("$.epcisBody.eventList[0].bizStep")


@pytest.mark.parametrize(
    "value",
    ["shipping", "urn:epcglobal:cbv:bizstep:shipping", "https://ref.gs1.org/cbv/BizStep-shipping"],
)
def test_biz_step_forms_are_normalised(value: str) -> None:
    doc = _base()
    _events(doc)[0]["bizStep"] = value
    _events(doc)[0]["disposition"] = "urn:epcglobal:cbv:disp:in_transit"
    event = epcis.validate_document(json.dumps(doc).encode()).events[0]
    assert event.biz_step == "shipping"
    assert event.disposition == "in_transit"


def test_bad_disposition_names_the_path() -> None:
    doc = _base()
    _events(doc)[0]["disposition"] = "https://example.com/wobbly"
    err = _refused(json.dumps(doc).encode())
    assert err.message.startswith("$.epcisBody.eventList[0].disposition")


def test_duplicate_key_names_the_path() -> None:
    raw = (VECTORS / "ReferenceEventHashAlgorithm3.jsonld").read_bytes()
    raw = raw.replace(b'"action": "OBSERVE",', b'"action": "OBSERVE", "action": "ADD",', 1)
    err = _refused(raw)
    assert err.message.startswith("$.epcisBody.eventList[0].action: duplicate key")


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_non_finite_numbers_are_refused(constant: bytes) -> None:
    raw = json.dumps(_base()).encode().replace(b'"OBSERVE"', constant, 1)
    assert _refused(raw).message.startswith("$:")


def test_oversize_is_refused() -> None:
    raw = (VECTORS / "ReferenceEventHashAlgorithm3.jsonld").read_bytes()
    err = _refused(raw, max_bytes=len(raw) - 1)
    assert err.message.startswith("$:") and "bytes" in err.message
    epcis.validate_document(raw, max_bytes=len(raw))


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d.update(type="EPCISQueryDocument"), "$.type"),
        (lambda d: d.update({"@context": ["https://example.com/ctx.jsonld"]}), "$['@context'][0]"),
        (lambda d: d.pop("@context"), "$['@context']"),
        (lambda d: d.update(schemaVersion="1.2"), "$.schemaVersion"),
        (lambda d: d.update(creationDate="yesterday"), "$.creationDate"),
        (
            lambda d: _events(d)[0].update(eventTime="2020-03-04T11:00:30"),
            "$.epcisBody.eventList[0]",
        ),
        (lambda d: _events(d)[0].update(action="SHAKE"), "$.epcisBody.eventList[0].action"),
        (lambda d: _events(d)[0].update(epcList="x"), "$.epcisBody.eventList[0].epcList"),
    ],
)
def test_schema_failures_name_the_path(mutate: Any, path: str) -> None:
    doc = _base()
    mutate(doc)
    assert _refused(json.dumps(doc).encode()).message.startswith(path)


def test_garbage_is_refused() -> None:
    assert _refused(b"\xff\xfe").message.startswith("$:")
    assert _refused(b"{").message.startswith("$:")
    assert _refused(b"[]").message.startswith("$:")
    assert _refused(b"[" * 100 + b"]" * 100).message.startswith("$")


# ---- export ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(set(DOCS) - NOT_CBV))
def test_export_revalidates_and_rehashes(name: str) -> None:
    parsed = epcis.validate_document((VECTORS / f"{name}.jsonld").read_bytes())
    events = [e.raw for e in parsed.events]
    out = epcis.export_document(
        events, creation_date="2026-01-02T03:04:05Z", namespaces=parsed.namespaces
    )
    again = epcis.export_document(
        list(reversed(events))[::-1],
        creation_date="2026-01-02T03:04:05Z",
        namespaces=parsed.namespaces,
    )
    assert out == again
    assert b"\n" not in out and b": " not in out
    exported = json.loads(out)
    assert exported["schemaVersion"] == "2.0"
    assert exported["@context"][0] == epcis.EPCIS_CONTEXT_URL
    assert out == json.dumps(exported, sort_keys=True, separators=(",", ":")).encode()
    reread = epcis.validate_document(out)
    assert [e.hash for e in reread.events] == [e.hash for e in parsed.events]


def test_export_refuses_invalid_events() -> None:
    event = dict(_events(_base())[0])
    del event["eventTime"]
    with pytest.raises(InvalidArgument) as info:
        epcis.export_document([event], creation_date="2026-01-02T03:04:05Z")
    assert info.value.reason == "EPCIS_INVALID"
    assert "eventTime" in info.value.message
