"""VC Data Model 2.0 helpers: dates, structure, building, hashing, strict JSON, contexts."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from tabularium.errors import InvalidArgument
from tabularium.vc import (
    build_credential,
    credential_hash,
    parse_credential_json,
    validate_credential,
)
from tabularium.vc.contexts import (
    BUNDLED_CONTEXTS,
    CREDENTIALS_V2,
    context_bytes,
    is_bundled,
    load_context,
)
from tabularium.vc.model import canonicalize, format_datetime, parse_datetime

T0 = datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("2024-01-02T03:04:05Z", T0),
        ("2024-01-02T04:04:05+01:00", T0),
        ("2024-01-01T23:34:05-03:30", T0),
        ("2024-01-02T03:04:05.123456789Z", T0.replace(microsecond=123456)),
        ("2024-01-01T24:00:00Z", datetime(2024, 1, 2, tzinfo=UTC)),
        ("9999-12-31T23:59:59Z", datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)),
    ],
)
def test_parse_datetime(text: str, want: datetime) -> None:
    assert parse_datetime(text) == want


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("2024-01-02T03:04:05", "no time zone"),
        ("2024-01-02 03:04:05Z", "not an XML Schema dateTime"),
        ("2024-1-02T03:04:05Z", "not an XML Schema dateTime"),
        ("2024-02-30T00:00:00Z", "day is out of range"),
        ("2024-01-02T25:00:00Z", "hour must be"),
        ("2024-01-02T24:00:01Z", "only allowed as 24:00:00"),
        ("0000-01-01T00:00:00Z", "outside 0001..9999"),
        ("10000-01-01T00:00:00Z", "outside 0001..9999"),
        ("-0001-01-01T00:00:00Z", "outside 0001..9999"),
        ("2024-01-02T03:04:05+15:00", "offset"),
        ("2024-01-02T03:04:05+01:60", "offset"),
    ],
)
def test_parse_datetime_refuses(text: str, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        parse_datetime(text)


def test_datetime_without_zone_when_allowed() -> None:
    assert parse_datetime("2024-01-02T03:04:05", require_timezone=False) == T0
    with pytest.raises(ValueError, match="want an XML Schema dateTime string"):
        parse_datetime(20240102)  # type: ignore[arg-type]


def test_format_datetime() -> None:
    assert format_datetime(T0) == "2024-01-02T03:04:05Z"
    assert format_datetime(T0.astimezone(timezone(timedelta(hours=-5)))) == "2024-01-02T03:04:05Z"
    assert format_datetime(T0.replace(microsecond=120000)) == "2024-01-02T03:04:05.12Z"
    assert format_datetime(datetime(33, 1, 1, tzinfo=UTC)) == "0033-01-01T00:00:00Z"
    with pytest.raises(ValueError, match="naive"):
        format_datetime(datetime(2024, 1, 1))
    for dt in (T0, T0.replace(microsecond=1), datetime(33, 1, 1, tzinfo=UTC)):
        assert parse_datetime(format_datetime(dt)) == dt


# --- structure ----------------------------------------------------------------------------


def _good() -> dict[str, Any]:
    return {
        "@context": [CREDENTIALS_V2, "https://example.org/ctx/v1", {"x": "https://example.org/x"}],
        "id": "urn:uuid:0d0a6e1c-67a2-4b2c-a1f0-000000000001",
        "type": ["VerifiableCredential", "DiplomaCredential"],
        "issuer": {"id": "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", "name": "U"},
        "validFrom": "2024-01-01T00:00:00Z",
        "validUntil": "2029-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:alice", "degree": "BSc"},
        "credentialStatus": [
            {
                "id": "https://l.example/status/1#5",
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": "5",
                "statusListCredential": "https://l.example/status/1",
            },
            {"type": "SomeOtherStatus", "anything": 1},
        ],
        "credentialSchema": {"id": "https://example.org/schema.json", "type": "JsonSchema"},
        "termsOfUse": [{"type": "Policy"}],
    }


def test_good_credential_has_no_reasons() -> None:
    assert validate_credential(_good()) == []


def _set(path: str, value: Any) -> dict[str, Any]:
    doc = _good()
    *parents, last = path.split(".")
    target: Any = doc
    for p in parents:
        target = target[int(p)] if isinstance(target, list) else target[p]
    if value is _DELETE:
        del target[last]
    elif isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return doc


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "match"),
    [
        ("@context", "https://www.w3.org/ns/credentials/v2", "must be a list"),
        ("@context", [], "must be a list"),
        ("@context", ["https://www.w3.org/2018/credentials/v1"], "first @context is"),
        ("@context", ["https://example.org/ctx", CREDENTIALS_V2], "first @context is"),
        ("@context.1", "not a url", "neither a URL nor an object"),
        ("id", "not a url", "id 'not a url' is not a URL"),
        ("type", ["DiplomaCredential"], "must include 'VerifiableCredential'"),
        ("type", ["VerifiableCredential", 3], "type values must be strings"),
        ("issuer", _DELETE, "issuer is missing"),
        ("issuer", "University", "issuer 'University' is not a URL"),
        ("issuer", {"name": "U"}, "issuer.id None is not a URL"),
        ("credentialSubject", _DELETE, "credentialSubject is missing"),
        ("credentialSubject", [], "credentialSubject is missing or empty"),
        ("credentialSubject", {}, "must be a non-empty object"),
        ("credentialSubject", "alice", "must be a non-empty object"),
        ("credentialSubject.id", "alice", "credentialSubject.id 'alice' is not a URL"),
        ("validFrom", "yesterday", "validFrom: 'yesterday' is not an XML Schema dateTime"),
        ("validUntil", "2029-01-01T00:00:00", "validUntil: .* no time zone"),
        ("validUntil", "2023-01-01T00:00:00Z", "validFrom is later than validUntil"),
        ("issuanceDate", "2024-01-01T00:00:00Z", "issuanceDate is a VC 1.1 property"),
        ("expirationDate", "2024-01-01T00:00:00Z", "expirationDate is a VC 1.1 property"),
        ("credentialStatus", [], "credentialStatus is empty"),
        ("credentialStatus.0", "x", r"credentialStatus\[0\] is str"),
        ("credentialStatus.1.type", [], r"credentialStatus\[1\] has no type"),
        ("credentialStatus.0.statusPurpose", 1, "statusPurpose is missing"),
        ("credentialStatus.0.statusListIndex", 5, "statusListIndex 5 is not a base-10"),
        ("credentialStatus.0.statusListIndex", "-5", "statusListIndex '-5' is not a base-10"),
        ("credentialStatus.0.statusListIndex", "\uff15", "not a base-10"),  # fullwidth 5
        ("credentialStatus.0.statusListCredential", "x", "statusListCredential 'x' is not a URL"),
        (
            "credentialStatus.0.id",
            "https://l.example/status/1",
            "must not be the status list's URL",
        ),
        ("credentialStatus.0.statusSize", 0, "statusSize 0 is not an integer > 0"),
        ("credentialStatus.0.statusSize", 2, "statusMessage must be a list of 4 entries"),
        ("credentialStatus.0.statusSize", 10**9, "statusSize 1000000000 is above 16"),
        (
            "credentialStatus.0.statusMessage",
            [{"status": "0x0"}, {}],
            "need 'status' and 'message'",
        ),
        ("credentialSchema", {"id": "https://s.example"}, "credentialSchema has no type"),
        ("credentialSchema", {"id": "nope", "type": "JsonSchema"}, "credentialSchema.id 'nope'"),
        ("termsOfUse", [], "termsOfUse is empty"),
        ("termsOfUse.0", 7, r"termsOfUse\[0\] is int"),
        ("credentialSubject.n", 2**60, "exceeds safe integer domain"),
        ("credentialSubject.f", float("nan"), "not representable"),
    ],
)
def test_malformed(path: str, value: Any, match: str) -> None:
    reasons = validate_credential(_set(path, value))
    assert reasons, "expected a reason"
    assert any(re.search(match, r) for r in reasons), reasons


def test_not_an_object() -> None:
    assert validate_credential([1]) == ["credential is list, want a JSON object"]


# --- building -----------------------------------------------------------------------------


def test_build_credential() -> None:
    entry = _good()["credentialStatus"][0]
    cred = build_credential(
        issuer="did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
        subject={"id": "did:example:alice", "degree": "BSc"},
        types=["DiplomaCredential"],
        valid_from=T0,
        valid_until=T0 + timedelta(days=365),
        credential_id="urn:uuid:1",
        status=[entry],
        contexts=["https://example.org/ctx/v1"],
        name="Diploma",
        description="A diploma",
        extra={"evidence": [{"type": "Exam"}]},
    )
    assert cred == {
        "@context": [CREDENTIALS_V2, "https://example.org/ctx/v1"],
        "id": "urn:uuid:1",
        "type": ["VerifiableCredential", "DiplomaCredential"],
        "issuer": "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
        "validFrom": "2024-01-02T03:04:05Z",
        "validUntil": "2025-01-01T03:04:05Z",
        "name": "Diploma",
        "description": "A diploma",
        "credentialSubject": {"id": "did:example:alice", "degree": "BSc"},
        "credentialStatus": entry,
        "evidence": [{"type": "Exam"}],
    }
    two = build_credential(
        issuer="https://u.example",
        subject=[{"a": 1}, {"b": 2}],
        valid_from=T0,
        status=[entry, entry | {"statusPurpose": "suspension", "id": "https://l.example/s#1"}],
    )
    assert isinstance(two["credentialStatus"], list) and len(two["credentialStatus"]) == 2
    assert two["type"] == ["VerifiableCredential"]
    assert "validUntil" not in two


def test_build_credential_refuses() -> None:
    with pytest.raises(InvalidArgument, match="issuer 'nobody' is not a URL") as info:
        build_credential(issuer="nobody", subject={"a": 1}, valid_from=T0)
    assert info.value.reason == "CREDENTIAL_MALFORMED"
    with pytest.raises(InvalidArgument, match="validFrom is later than validUntil"):
        build_credential(
            issuer="https://u", subject={"a": 1}, valid_from=T0, valid_until=T0 - timedelta(1)
        )
    with pytest.raises(InvalidArgument, match="extra may not set 'issuer'"):
        build_credential(issuer="https://u", subject={"a": 1}, valid_from=T0, extra={"issuer": "x"})
    with pytest.raises(InvalidArgument, match="extra may not set 'proof'"):
        build_credential(issuer="https://u", subject={"a": 1}, valid_from=T0, extra={"proof": {}})
    with pytest.raises(ValueError, match="naive"):
        build_credential(issuer="https://u", subject={"a": 1}, valid_from=datetime(2024, 1, 1))


# --- hashing and JSON ---------------------------------------------------------------------


def test_credential_hash_is_sha256_of_jcs() -> None:
    doc = _good()
    want = hashlib.sha256(canonicalize(doc)).digest()
    assert credential_hash(doc) == want
    assert len(want) == 32
    reordered = json.loads(json.dumps(dict(reversed(list(doc.items()))), indent=3))
    assert credential_hash(reordered) == want
    changed = copy.deepcopy(doc)
    changed["credentialSubject"]["degree"] = "MSc"
    assert credential_hash(changed) != want
    # JCS number form: 1.0 and 1 are the same JSON number.
    assert credential_hash({"n": 1.0}) == credential_hash({"n": 1})
    assert canonicalize({"b": [1e21, 0.1], "a": "é"}) == '{"a":"é","b":[1e+21,0.1]}'.encode()


def test_canonicalize_refusals() -> None:
    for bad in ({"n": 2**53}, {"f": float("inf")}, {1: "x"}, {"s": "\ud800"}, {"o": object()}):
        with pytest.raises(InvalidArgument) as info:
            canonicalize(bad)
        assert info.value.reason == "CREDENTIAL_MALFORMED"


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ('{"a": 1, "a": 2}', "duplicate key 'a'"),
        ('{"a": NaN}', "NaN is not JSON"),
        ('{"a": -Infinity}', "-Infinity is not JSON"),
        ("[1]", "top level is list"),
        ("{", "not valid JSON"),
        (b"\xff", "not valid JSON"),
    ],
)
def test_parse_credential_json_refuses(text: str | bytes, match: str) -> None:
    with pytest.raises(InvalidArgument, match=match) as info:
        parse_credential_json(text)
    assert info.value.reason == "CREDENTIAL_MALFORMED"


def test_parse_credential_json() -> None:
    assert parse_credential_json(b'{"a": {"b": [1, 2.5]}}') == {"a": {"b": [1, 2.5]}}


# --- contexts -----------------------------------------------------------------------------


def test_bundled_contexts() -> None:
    assert is_bundled(CREDENTIALS_V2)
    assert not is_bundled("https://www.w3.org/2018/credentials/v1")
    v2 = load_context(CREDENTIALS_V2)
    terms = v2["@context"]
    for term in (
        "VerifiableCredential",
        "BitstringStatusListCredential",
        "BitstringStatusListEntry",
        "DataIntegrityProof",
    ):
        assert term in terms
    # The digest the VC Data Model 2.0 Recommendation gives for the base context.
    assert (
        hashlib.sha256(context_bytes(CREDENTIALS_V2)).hexdigest()
        == "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734"
    )
    for url in BUNDLED_CONTEXTS:
        assert isinstance(load_context(url)["@context"], dict)
    with pytest.raises(KeyError):
        context_bytes("https://example.org/unknown")
