#!/usr/bin/env python3
"""Regenerate the presentation vectors in tests/vectors/presentations/ (run from the repository
root with ``.venv/bin/python scripts/make_presentation_vectors.py``).

Everything is deterministic: keys come from fixed seeds (SHA-256 of a label), times are fixed,
and Ed25519 signatures are deterministic, so running it twice gives the same files. Each
case's ``want`` is what the reference verifier (``tabularium.vc.presentation``) answers; the
format and the checks every client implements are described in the README there.
"""

from __future__ import annotations

import copy
import hashlib
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.crypto.didkey import did_key
from tabularium.vc.dataintegrity import add_proof
from tabularium.vc.did import Resolver
from tabularium.vc.model import build_credential, format_datetime, parse_datetime
from tabularium.vc.presentation import present, verify_presentation
from tabularium.vc.statuslist import build_status_list_entry
from tabularium.vc.verifier import verify_credential

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "vectors" / "presentations"
W3C_JCS = "../vc-di-eddsa/eddsa-jcs-2022/signedJCS.json"

ISSUED = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
UNTIL = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)
PRESENTED = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
NOW = "2026-12-06T10:05:00Z"
LATER = "2031-01-01T00:00:00Z"
CHALLENGE = "bank-b-8d1f0c9a7e2b4f6a"
DOMAIN = "did:example:bank-b"
HTTPS_ISSUER = "https://permits.example/issuers/7"


def key(label: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(label.encode()).digest())


def public(k: Ed25519PrivateKey) -> bytes:
    return k.public_key().public_bytes_raw()


AGENCY, CITIZEN, THIEF = key("vectors/agency-a"), key("vectors/citizen"), key("vectors/thief")
AGENCY_DID, CITIZEN_DID, THIEF_DID = (did_key(public(k)) for k in (AGENCY, CITIZEN, THIEF))


def permit(issuer: str = AGENCY_DID, subject: str = CITIZEN_DID) -> dict[str, Any]:
    status = [
        build_status_list_entry(
            status_list_credential=f"https://ledger.example/credentials/status/{issuer}/{p}",
            index=4242,
            purpose=p,
        )
        for p in ("revocation", "suspension")
    ]
    unsigned = build_credential(
        issuer=issuer,
        subject={"id": subject, "permit": {"type": "BuildingPermit", "parcel": "LR-0042-17"}},
        types=["BuildingPermitCredential"],
        valid_from=ISSUED,
        valid_until=UNTIL,
        credential_id="urn:uuid:2f7c4e1a-9b3d-4c55-8e61-0a9d6b1f3c20",
        status=status,
    )
    return add_proof(
        unsigned,
        AGENCY,
        verification_method=f"{AGENCY_DID}#{AGENCY_DID.removeprefix('did:key:')}",
        created=ISSUED,
    )


def vp(
    credentials: list[dict[str, Any]],
    signer: Ed25519PrivateKey = CITIZEN,
    holder: str = CITIZEN_DID,
    challenge: str = CHALLENGE,
    domain: str = DOMAIN,
) -> dict[str, Any]:
    return present(
        credentials, signer, holder=holder, challenge=challenge, domain=domain, created=PRESENTED
    )


def outcomes(verdict_json: dict[str, Any]) -> dict[str, Any]:
    want: dict[str, Any] = {
        "status": verdict_json["status"],
        "checks": {n: c["outcome"] for n, c in verdict_json["checks"].items()},
    }
    if "credentials" in verdict_json:
        want["credentials"] = [outcomes(c) for c in verdict_json["credentials"]]
    return want


def main(out: Path = OUT) -> int:
    """Write the vectors into ``out`` (default: the committed folder)."""
    out.mkdir(parents=True, exist_ok=True)
    good = permit()
    tampered_claim = copy.deepcopy(good)
    tampered_claim["credentialSubject"]["permit"]["parcel"] = "LR-0042-18"
    tampered_vp = vp([good])
    tampered_vp["verifiableCredential"][0]["credentialSubject"]["permit"]["type"] = "Demolition"
    added = vp([good])
    added["id"] = "urn:uuid:added-after-signing"
    https_permit = permit(issuer=HTTPS_ISSUER)
    w3c = json.loads((OUT / W3C_JCS).read_text())  # read from the committed copy
    w3c_tampered = copy.deepcopy(w3c)
    w3c_tampered["credentialSubject"]["alumniOf"] = "The School of Exampled"
    w3c_vm = w3c["proof"]["verificationMethod"]

    files: dict[str, Any] = {
        "permit.json": good,
        "valid.json": vp([good]),
        "for-bank-c.json": vp(
            [good], challenge="bank-c-51e0aa3f9b7c2d84", domain="did:example:bank-c"
        ),
        "holder-not-subject.json": vp([good], signer=THIEF, holder=THIEF_DID),
        "holder-not-bound.json": vp([good], signer=THIEF),
        "presentation-changed.json": added,
        "credential-changed.json": tampered_vp,
        "credential-changed-then-presented.json": vp([tampered_claim]),
        "https-issuer.json": vp([https_permit]),
        "w3c-jcs-tampered.json": w3c_tampered,
    }
    cases: list[dict[str, Any]] = []

    def case(name: str, kind: str, file: str, **options: Any) -> None:
        cases.append({"name": name, "kind": kind, "file": file, **options})

    v = {"challenge": CHALLENGE, "domain": DOMAIN, "now": NOW}
    case("valid", "presentation", "valid.json", **v)
    case("wrong-challenge", "presentation", "valid.json", **{**v, "challenge": "bank-b-other-0001"})
    case("wrong-domain", "presentation", "valid.json", **{**v, "domain": "did:example:bank-z"})
    case(
        "replayed-to-bank-c",
        "presentation",
        "valid.json",
        challenge="bank-c-51e0aa3f9b7c2d84",
        domain="did:example:bank-c",
        now=NOW,
    )
    case("made-for-bank-c", "presentation", "for-bank-c.json", **v)
    case("holder-not-subject", "presentation", "holder-not-subject.json", **v)
    case("holder-not-bound", "presentation", "holder-not-bound.json", **v)
    case("presentation-changed", "presentation", "presentation-changed.json", **v)
    case("credential-changed", "presentation", "credential-changed.json", **v)
    case(
        "credential-changed-then-presented",
        "presentation",
        "credential-changed-then-presented.json",
        **v,
    )
    case("credential-expired", "presentation", "valid.json", **{**v, "now": LATER})
    case("https-issuer-unbound", "presentation", "https-issuer.json", **v)
    case(
        "https-issuer-bound",
        "presentation",
        "https-issuer.json",
        **v,
        bindings={HTTPS_ISSUER: AGENCY_DID},
    )
    case("permit", "credential", "permit.json", now=NOW)
    case("w3c-jcs-unbound", "credential", W3C_JCS, now="2024-06-01T00:00:00Z")
    case(
        "w3c-jcs-bound",
        "credential",
        W3C_JCS,
        now="2024-06-01T00:00:00Z",
        bindings={"https://vc.example/issuers/5678": w3c_vm.partition("#")[0]},
    )
    case(
        "w3c-jcs-tampered",
        "credential",
        "w3c-jcs-tampered.json",
        now="2024-06-01T00:00:00Z",
        bindings={"https://vc.example/issuers/5678": w3c_vm.partition("#")[0]},
    )

    for name, document in files.items():
        (out / name).write_text(json.dumps(document, indent=2) + "\n")
    for c in cases:
        folder = OUT if c["file"].startswith("../") else out
        document = json.loads((folder / c["file"]).read_text())
        resolver = Resolver.pinned([], c.get("bindings", {}))
        now = parse_datetime(c["now"])
        if c["kind"] == "presentation":
            verdict = verify_presentation(
                document, challenge=c["challenge"], domain=c["domain"], now=now, resolver=resolver
            ).as_json()
        else:
            verdict = verify_credential(document, now=now, resolver=resolver).as_json()
        c["want"] = outcomes(verdict)
        if out == OUT:
            print(f"{c['name']:36} {verdict['status']}", file=sys.stderr)
    summary = {
        "keys": {
            "agency": AGENCY_DID,
            "citizen": CITIZEN_DID,
            "thief": THIEF_DID,
        },
        "presented_at": format_datetime(PRESENTED),
        "cases": cases,
    }
    (out / "cases.json").write_text(json.dumps(summary, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
