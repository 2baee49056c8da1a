"""Offline verification of W3C credentials and presentations (VC 2.0, eddsa-jcs-2022).

Nothing here calls a server or the network. A credential's proof is checked with JCS (RFC 8785),
SHA-256 and Ed25519 under a ``did:key``; the issuer (or a presentation's holder) is bound to the
key when the key's DID is theirs or when ``bindings`` pins their id to it. A presentation must
carry the verifier's challenge and domain, be signed by its holder for ``authentication``, and
show only credentials whose subject is the holder. The checks and the status order are those of
``tests/vectors/presentations/README.md``; the node's verifier adds ledger registration, status
lists, trust, ``eddsa-rdfc-2022``, DID documents and challenge replay.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

__all__ = ["Check", "Verdict", "canonicalize", "verify_credential", "verify_presentation"]

V2 = "https://www.w3.org/ns/credentials/v2"
PASSED, FAILED, UNKNOWN, SKIPPED = "PASSED", "FAILED", "UNKNOWN", "SKIPPED"
CREDENTIAL_ORDER = (
    "MALFORMED",
    "INVALID_PROOF",
    "ISSUER_NOT_BOUND",
    "UNTRUSTED_ISSUER",
    "REVOKED",
    "SUSPENDED",
    "EXPIRED",
    "NOT_YET_VALID",
)
PRESENTATION_ORDER = (
    "MALFORMED",
    "INVALID_PROOF",
    "HOLDER_NOT_BOUND",
    "DOMAIN_MISMATCH",
    "CHALLENGE_MISMATCH",
    "HOLDER_NOT_SUBJECT",
)
_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_DATETIME = re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$")


@dataclass(frozen=True)
class Check:
    outcome: str
    detail: str = ""


@dataclass
class Verdict:
    status: str
    checks: dict[str, Check]
    reasons: list[str] = field(default_factory=list)
    credentials: list[Verdict] | None = None

    @property
    def ok(self) -> bool:
        return self.status == "VALID"

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "status": self.status,
            "checks": {
                n: {"outcome": c.outcome, "detail": c.detail} for n, c in self.checks.items()
            },
            "reasons": self.reasons,
        }
        if self.credentials is not None:
            out["credentials"] = [c.as_json() for c in self.credentials]
        return out


# --- JCS (RFC 8785) for the JSON values credentials hold -----------------------------------


def canonicalize(value: object) -> bytes:
    """RFC 8785 form of a JSON value. Non-integer numbers are refused (ValueError)."""
    return _jcs(value).encode()


def _jcs(value: object) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return str(int(value))
        raise ValueError("non-integer numbers are not supported by this verifier")
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # the same escapes as RFC 8785
    if isinstance(value, list):
        return "[" + ",".join(_jcs(v) for v in value) + "]"
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))
        return "{" + ",".join(f"{_jcs(k)}:{_jcs(value[k])}" for k in keys) + "}"
    raise ValueError(f"{type(value).__name__} is not a JSON value")


# --- keys ---------------------------------------------------------------------------------


def _base58(text: str) -> bytes:
    number = 0
    for char in text:
        digit = _ALPHABET.find(char)
        if digit < 0:
            raise ValueError(f"{char!r} is not base58btc")
        number = number * 58 + digit
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\x00" * (len(text) - len(text.lstrip("1"))) + raw


def _did_key(method: str) -> tuple[str, bytes] | None:
    """(DID, public key) of a did:key method, or None if it is not a valid Ed25519 did:key."""
    did, _, fragment = method.partition("#")
    msid = did.removeprefix("did:key:")
    if msid == did or not msid.startswith("z") or (fragment and fragment != msid):
        return None
    try:
        raw = _base58(msid[1:])
    except ValueError:
        return None
    if len(raw) != 34 or raw[:2] != b"\xed\x01":
        return None
    return did, raw[2:]


# --- helpers ------------------------------------------------------------------------------


def _list(value: object) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _time(value: object) -> datetime | None:
    if not isinstance(value, str) or not _DATETIME.match(value):
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _id(value: object) -> str | None:
    if isinstance(value, Mapping):
        value = value.get("id")
    return value if isinstance(value, str) else None


def _parse(document: bytes | str | Mapping[str, Any]) -> Any:
    if isinstance(document, Mapping):
        return document

    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                raise ValueError(f"duplicate key {key!r}")
            out[key] = value
        return out

    def no_constant(name: str) -> Any:
        raise ValueError(f"{name} is not JSON")

    try:
        return json.loads(document, object_pairs_hook=no_duplicates, parse_constant=no_constant)
    except (ValueError, RecursionError) as exc:
        return exc


def _first(found: Mapping[str, list[str]], order: Sequence[str]) -> str | None:
    return next((s for s in order if s in found), None)


def _proof(document: Mapping[str, Any], purpose: str) -> tuple[Check, tuple[str, bytes] | None]:
    """The proof check and, when the key resolved, the key's (DID, public key)."""
    proof = document.get("proof")
    if not isinstance(proof, Mapping):
        return Check(FAILED, "proof must be one object"), None
    for name in ("verificationMethod", "proofPurpose", "proofValue"):
        if not isinstance(proof.get(name), str):
            return Check(FAILED, f"proof.{name} is missing"), None
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != "eddsa-jcs-2022":
        return Check(FAILED, "proof is not a DataIntegrityProof with eddsa-jcs-2022"), None
    if proof["proofPurpose"] != purpose:
        return Check(
            FAILED, f"proof.proofPurpose is {proof['proofPurpose']!r}, want {purpose!r}"
        ), None
    if "created" in proof and _time(proof["created"]) is None:
        return Check(FAILED, "proof.created is not a dateTime"), None
    value = proof["proofValue"]
    try:
        signature = _base58(value[1:]) if value.startswith("z") else b""
    except ValueError:
        signature = b""
    if len(signature) != 64:
        return Check(FAILED, "proof.proofValue is not base58btc of 64 bytes"), None
    key = _did_key(proof["verificationMethod"])
    if key is None:
        return Check(UNKNOWN, f"cannot resolve {proof['verificationMethod']} offline"), None
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    if "@context" in options:
        want = _list(options["@context"])
        if _list(document.get("@context"))[: len(want)] != want:
            return Check(FAILED, "document @context does not start with the proof's"), key
        unsecured["@context"] = options["@context"]
    try:
        data = hashlib.sha256(canonicalize(options)).digest()
        data += hashlib.sha256(canonicalize(unsecured)).digest()
        Ed25519PublicKey.from_public_bytes(key[1]).verify(signature, data)
    except ValueError as exc:
        return Check(FAILED, str(exc)), key
    except InvalidSignature:
        return Check(FAILED, f"signature does not verify under {proof['verificationMethod']}"), key
    return Check(PASSED, f"eddsa-jcs-2022 signature by {proof['verificationMethod']} verifies"), key


def _binding(
    party: str, proof: Check, key: tuple[str, bytes] | None, bindings: Mapping[str, str]
) -> Check:
    if key is None:
        if proof.outcome == UNKNOWN:
            return Check(UNKNOWN, proof.detail)
        return Check(SKIPPED, "the proof is not readable")
    did = key[0]
    if party == did:
        return Check(PASSED, f"{party} controls its did:key")
    if bindings.get(party) is not None and bindings[party].partition("#")[0] == did:
        return Check(PASSED, f"{party} is bound to {did} by a pinned mapping")
    if party.startswith("did:key:"):
        return Check(FAILED, f"the key belongs to {did}, not {party}")
    return Check(UNKNOWN, f"nothing pinned binds {party} to {did}")


def _credential_structure(doc: object) -> list[str]:
    if isinstance(doc, Exception):
        return [f"not valid JSON: {doc}"]
    if not isinstance(doc, Mapping):
        return ["a credential must be a JSON object"]
    problems = []
    if _list(doc.get("@context"))[:1] != [V2]:
        problems.append(f"the first @context must be {V2}")
    if "VerifiableCredential" not in _list(doc.get("type")):
        problems.append("type must include VerifiableCredential")
    if _id(doc.get("issuer")) is None:
        problems.append("issuer is missing")
    if not doc.get("credentialSubject"):
        problems.append("credentialSubject is missing")
    for name in ("validFrom", "validUntil"):
        if name in doc and _time(doc[name]) is None:
            problems.append(f"{name} is not a dateTime")
    if "proof" not in doc:
        problems.append("the credential has no proof")
    return problems


def _malformed(names: Sequence[str], reasons: list[str]) -> Verdict:
    skipped = Check(SKIPPED, "not checked: malformed")
    return Verdict("MALFORMED", {n: skipped for n in names}, reasons)


_CREDENTIAL_CHECKS = ("proof", "issuer_binding", "validity", "status", "trust")
_PRESENTATION_CHECKS = ("proof", "holder_binding", "challenge", "domain", "holder_is_subject")


def verify_credential(
    document: bytes | str | Mapping[str, Any],
    *,
    now: datetime,
    bindings: Mapping[str, str] | None = None,
) -> Verdict:
    """Verify a credential offline at ``now`` (aware); ``bindings`` pins party -> DID."""
    doc = _parse(document)
    problems = _credential_structure(doc)
    if problems:
        return _malformed(_CREDENTIAL_CHECKS, problems)
    issuer = _id(doc["issuer"])
    assert issuer is not None
    found: dict[str, list[str]] = {}
    proof, key = _proof(doc, "assertionMethod")
    if proof.outcome == FAILED:
        found["INVALID_PROOF"] = [f"proof: {proof.detail}"]
    binding = _binding(issuer, proof, key, bindings or {})
    if binding.outcome in (FAILED, UNKNOWN):
        found["ISSUER_NOT_BOUND"] = [f"issuer binding: {binding.detail}"]
    window = []
    start, end = _time(doc.get("validFrom")), _time(doc.get("validUntil"))
    if start is not None and now < start:
        found["NOT_YET_VALID"] = [f"not valid before {doc['validFrom']}"]
        window.append(found["NOT_YET_VALID"][0])
    if end is not None and now > end:
        found["EXPIRED"] = [f"expired at {doc['validUntil']}"]
        window.append(found["EXPIRED"][0])
    checks = {
        "proof": proof,
        "issuer_binding": binding,
        "validity": Check(FAILED, "; ".join(window)) if window else Check(PASSED, "in its period"),
        "status": Check(SKIPPED, "no status lists offline; the node checks status"),
        "trust": Check(SKIPPED, "no trust list given"),
    }
    status = _first(found, CREDENTIAL_ORDER) or "VALID"
    return Verdict(status, checks, [r for s in CREDENTIAL_ORDER for r in found.get(s, [])])


def verify_presentation(
    document: bytes | str | Mapping[str, Any],
    *,
    challenge: str,
    domain: str,
    now: datetime,
    bindings: Mapping[str, str] | None = None,
) -> Verdict:
    """Verify a presentation made for the verifier with ``challenge`` and ``domain``."""
    doc = _parse(document)
    if isinstance(doc, Exception):
        return _malformed(_PRESENTATION_CHECKS, [f"not valid JSON: {doc}"])
    if not isinstance(doc, Mapping):
        return _malformed(_PRESENTATION_CHECKS, ["a presentation must be a JSON object"])
    problems = []
    if _list(doc.get("@context"))[:1] != [V2]:
        problems.append(f"the first @context must be {V2}")
    if "VerifiablePresentation" not in _list(doc.get("type")):
        problems.append("type must include VerifiablePresentation")
    holder = _id(doc.get("holder"))
    if holder is None:
        problems.append("holder is missing")
    credentials = _list(doc.get("verifiableCredential"))
    if not credentials or not all(isinstance(c, Mapping) for c in credentials):
        problems.append("verifiableCredential must hold one or more credential objects")
    if "proof" not in doc:
        problems.append("the presentation has no proof")
    if problems:
        return _malformed(_PRESENTATION_CHECKS, problems)
    assert holder is not None
    found: dict[str, list[str]] = {}
    proof, key = _proof(doc, "authentication")
    if proof.outcome == FAILED:
        found["INVALID_PROOF"] = [f"presentation proof: {proof.detail}"]
    binding = _binding(holder, proof, key, bindings or {})
    if binding.outcome in (FAILED, UNKNOWN):
        found["HOLDER_NOT_BOUND"] = [f"holder binding: {binding.detail}"]
    raw = doc["proof"] if isinstance(doc["proof"], Mapping) else {}
    if raw.get("challenge") == challenge:
        challenge_check = Check(PASSED, "the proof carries the verifier's challenge")
    else:
        challenge_check = Check(FAILED, f"the proof's challenge is {raw.get('challenge')!r}")
        found["CHALLENGE_MISMATCH"] = [challenge_check.detail]
    if domain in _list(raw.get("domain")):
        domain_check = Check(PASSED, f"made for {domain}")
    else:
        domain_check = Check(FAILED, f"made for {raw.get('domain')!r}, not {domain!r}")
        found["DOMAIN_MISMATCH"] = [domain_check.detail]
    strangers = [
        n
        for n, c in enumerate(credentials)
        if holder not in [_id(s) for s in _list(c.get("credentialSubject"))]
    ]
    if strangers:
        subject = Check(FAILED, f"the holder is not the subject of credential(s) {strangers}")
        found["HOLDER_NOT_SUBJECT"] = [subject.detail]
    else:
        subject = Check(PASSED, "the holder is the subject of every credential")
    verdicts = [verify_credential(c, now=now, bindings=bindings) for c in credentials]
    status = _first(found, PRESENTATION_ORDER) or next(
        (s for s in CREDENTIAL_ORDER if any(v.status == s for v in verdicts)), "VALID"
    )
    reasons = [r for s in PRESENTATION_ORDER for r in found.get(s, [])]
    reasons += [f"credential {n}: {r}" for n, v in enumerate(verdicts) for r in v.reasons]
    checks = {
        "proof": proof,
        "holder_binding": binding,
        "challenge": challenge_check,
        "domain": domain_check,
        "holder_is_subject": subject,
    }
    return Verdict(status, checks, reasons, verdicts)
