"""Verifiable presentations (tabularium.vc.presentation) beyond the shared vectors: replay
memory, malformed presentations, rdfc proofs, holders with DID documents."""

from __future__ import annotations

import copy
import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.crypto.didkey import did_key, verification_method
from tabularium.errors import InvalidArgument
from tabularium.vc import add_proof, build_credential
from tabularium.vc.dataintegrity import RDFC_CRYPTOSUITE
from tabularium.vc.did import Resolver
from tabularium.vc.presentation import present, validate_presentation, verify_presentation
from tabularium.vc.verifier import Outcome, VerdictStatus

NOW = datetime(2026, 12, 6, 10, 0, tzinfo=UTC)
CHALLENGE = "c-7f3a9d1e5b2c8a40"
BANK = "did:example:bank-b"


def _key(label: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(label.encode()).digest())


AGENCY, CITIZEN = _key("p/agency"), _key("p/citizen")
AGENCY_DID = did_key(AGENCY.public_key().public_bytes_raw())
CITIZEN_DID = did_key(CITIZEN.public_key().public_bytes_raw())


def permit(subject: str = CITIZEN_DID) -> dict[str, Any]:
    unsigned = build_credential(
        issuer=AGENCY_DID,
        subject={"id": subject, "permit": "LR-1"},
        types=["PermitCredential"],
        valid_from=NOW - timedelta(days=30),
    )
    return add_proof(
        unsigned,
        AGENCY,
        verification_method=verification_method(AGENCY.public_key().public_bytes_raw()),
        created=NOW - timedelta(days=30),
    )


def vp(**options: Any) -> dict[str, Any]:
    settings: dict[str, Any] = {
        "holder": CITIZEN_DID,
        "challenge": CHALLENGE,
        "domain": BANK,
        "created": NOW,
    }
    settings.update(options)
    credentials = settings.pop("credentials", [permit()])
    return present(credentials, CITIZEN, **settings)


def check(presentation: object, **options: Any) -> Any:
    settings: dict[str, Any] = {"challenge": CHALLENGE, "domain": BANK, "now": NOW}
    settings.update(options)
    return verify_presentation(presentation, **settings)


def test_a_challenge_is_used_once_when_the_verifier_remembers() -> None:
    used: set[str] = set()

    def challenge_used(challenge: str) -> bool:
        seen = challenge in used
        used.add(challenge)
        return seen

    presentation = vp()
    first = check(presentation, challenge_used=challenge_used)
    assert first.status is VerdictStatus.VALID, first.reasons
    again = check(presentation, challenge_used=challenge_used)
    assert again.status is VerdictStatus.CHALLENGE_REPLAYED
    assert again.checks.challenge.outcome is Outcome.FAILED
    assert "already used" in again.reasons[0]
    # A presentation that is not genuine never touches the verifier's memory.
    fresh = "c-0000000000000001"
    assert check(vp(challenge=fresh), challenge="c-other-00000001", challenge_used=challenge_used)
    assert fresh not in used


def test_rdfc_presentation_verifies() -> None:
    presentation = vp(cryptosuite=RDFC_CRYPTOSUITE)
    verdict = check(presentation)
    assert verdict.status is VerdictStatus.VALID, verdict.reasons
    assert "eddsa-rdfc-2022" in verdict.checks.proof.detail
    tampered = copy.deepcopy(presentation)
    tampered["verifiableCredential"][0]["credentialSubject"]["permit"] = "LR-2"
    assert check(tampered).status is VerdictStatus.INVALID_PROOF


def test_domain_may_be_one_of_a_list() -> None:
    presentation = vp()
    del presentation["proof"]
    signed = add_proof(
        presentation,
        CITIZEN,
        verification_method=verification_method(CITIZEN.public_key().public_bytes_raw()),
        created=NOW,
        proof_purpose="authentication",
        challenge=CHALLENGE,
        domain=["kyc.example", BANK],
    )
    assert check(signed).ok
    assert check(signed, domain="kyc.example").ok
    assert check(signed, domain="other.example").status is VerdictStatus.DOMAIN_MISMATCH


def test_holder_with_a_did_document() -> None:
    did = "did:web:citizen.example"
    document = {
        "id": did,
        "verificationMethod": [
            {
                "id": f"{did}#k",
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": verification_method(
                    CITIZEN.public_key().public_bytes_raw()
                ).partition("#")[2],
            }
        ],
        "authentication": ["#k"],
    }
    presentation = vp(credentials=[permit(subject=did)], holder=did, verification_method=f"{did}#k")
    assert check(presentation).status is VerdictStatus.HOLDER_NOT_BOUND
    verdict = check(presentation, resolver=Resolver.pinned([document], {}))
    assert verdict.status is VerdictStatus.VALID, verdict.reasons
    # The same key listed only for assertionMethod may not authenticate the holder.
    assertion_only = dict(document, authentication=[], assertionMethod=["#k"])
    refused = check(presentation, resolver=Resolver.pinned([assertion_only], {}))
    assert refused.status is VerdictStatus.HOLDER_NOT_BOUND


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda p: p.update(type=["VerifiableCredential"]), "type must include"),
        (lambda p: p.pop("holder"), "holder is missing"),
        (lambda p: p.update(holder="not a url"), "is not a URL"),
        (lambda p: p.update(verifiableCredential=[]), "nothing is presented"),
        (lambda p: p.update(verifiableCredential=["eyJhbGciOi..."]), "is not an object"),
        (
            lambda p: p.update(
                verifiableCredential=[{"type": "EnvelopedVerifiableCredential", "id": "data:"}]
            ),
            "EnvelopedVerifiableCredential",
        ),
        (lambda p: p.pop("proof"), "has no proof"),
        (lambda p: p.update({"@context": ["https://www.w3.org/2018/credentials/v1"]}), "@context"),
    ],
)
def test_malformed_presentations(edit: Any, message: str) -> None:
    presentation = vp()
    edit(presentation)
    verdict = check(presentation)
    assert verdict.status is VerdictStatus.MALFORMED
    assert any(message in r for r in verdict.reasons), verdict.reasons
    assert validate_presentation(presentation)


def test_presentation_proof_must_be_for_authentication() -> None:
    presentation = vp()
    del presentation["proof"]
    signed = add_proof(
        presentation,
        CITIZEN,
        verification_method=verification_method(CITIZEN.public_key().public_bytes_raw()),
        created=NOW,
        challenge=CHALLENGE,
        domain=BANK,
    )  # assertionMethod
    verdict = check(signed)
    assert verdict.status is VerdictStatus.INVALID_PROOF
    assert "proofPurpose is 'assertionMethod', want 'authentication'" in verdict.reasons[0]


def test_expired_presentation_proof() -> None:
    presentation = vp(expires=NOW + timedelta(minutes=5))
    assert check(presentation).ok
    late = check(presentation, now=NOW + timedelta(minutes=10))
    assert late.status is VerdictStatus.INVALID_PROOF and "expired" in late.reasons[0]


def test_refusals_of_the_api() -> None:
    with pytest.raises(InvalidArgument, match="challenge and a domain"):
        vp(challenge="")
    with pytest.raises(InvalidArgument, match="at least one credential"):
        vp(credentials=[])
    with pytest.raises(ValueError, match="naive"):
        check(vp(), now=datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="required"):
        check(vp(), domain="")
    assert check("not json object").status is VerdictStatus.MALFORMED
