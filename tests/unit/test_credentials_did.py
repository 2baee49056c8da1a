"""DID documents and bindings (tabularium.vc.did): keys resolved offline, and who controls them."""

from __future__ import annotations

import base64
import copy
import hashlib
from datetime import UTC, datetime
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.crypto.didkey import ED25519_PUB_MULTICODEC, base58btc_encode, did_key
from tabularium.errors import InvalidArgument
from tabularium.vc import VerdictStatus, add_proof, build_credential, verify_credential
from tabularium.vc.did import Resolver, parse_did_document
from tabularium.vc.verifier import Outcome

NOW = datetime(2026, 6, 1, tzinfo=UTC)
WEB = "did:web:permits.example.gov"


def _key(label: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(label.encode()).digest())


AGENCY, OTHER = _key("did/agency"), _key("did/other")


def _pub(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes_raw()


def _multibase(key: Ed25519PrivateKey) -> str:
    return "z" + base58btc_encode(ED25519_PUB_MULTICODEC + _pub(key))


def _jwk(key: Ed25519PrivateKey) -> dict[str, str]:
    x = base64.urlsafe_b64encode(_pub(key)).rstrip(b"=").decode()
    return {"kty": "OKP", "crv": "Ed25519", "x": x}


def web_document(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": WEB,
        "verificationMethod": [
            {
                "id": f"{WEB}#key-1",
                "type": "Multikey",
                "controller": WEB,
                "publicKeyMultibase": _multibase(AGENCY),
            },
            {"id": "#key-2", "type": "JsonWebKey", "controller": WEB, "publicKeyJwk": _jwk(OTHER)},
        ],
        "assertionMethod": ["#key-1"],
        "authentication": [f"{WEB}#key-2"],
    }
    doc.update(changes)
    return doc


def permit(vm: str, key: Ed25519PrivateKey = AGENCY, issuer: str = WEB) -> dict[str, Any]:
    unsigned = build_credential(
        issuer=issuer,
        subject={"id": "did:example:citizen", "permit": "LR-1"},
        types=["PermitCredential"],
        valid_from=datetime(2026, 1, 1, tzinfo=UTC),
    )
    return add_proof(
        unsigned, key, verification_method=vm, created=datetime(2026, 1, 1, tzinfo=UTC)
    )


def test_parse_document_resolves_every_supported_key_form() -> None:
    did, methods = parse_did_document(web_document())
    assert did == WEB
    assert methods[f"{WEB}#key-1"].public_key == _pub(AGENCY)
    assert methods[f"{WEB}#key-1"].purposes == {"assertionMethod"}
    assert methods[f"{WEB}#key-2"].public_key == _pub(OTHER)  # relative id, JWK
    assert methods[f"{WEB}#key-2"].purposes == {"authentication"}
    legacy = web_document()
    legacy["verificationMethod"][0]["type"] = "Ed25519VerificationKey2020"
    assert parse_did_document(legacy)[1][f"{WEB}#key-1"].public_key == _pub(AGENCY)
    embedded = web_document(verificationMethod=[])
    embedded["assertionMethod"] = [
        {
            "id": "#k",
            "type": "Multikey",
            "controller": WEB,
            "publicKeyMultibase": _multibase(AGENCY),
        }
    ]
    embedded["authentication"] = []
    assert parse_did_document(embedded)[1][f"{WEB}#k"].purposes == {"assertionMethod"}


def _edit(change: Any) -> dict[str, Any]:
    doc = web_document()
    change(doc)
    return doc


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "want a JSON object"),
        (web_document(id="https://permits.example.gov"), "is not a DID"),
        (web_document(id=did_key(_pub(AGENCY))), "a did:key resolves by itself"),
        (
            _edit(lambda d: d["verificationMethod"][0].update(type="EcdsaSecp256k1")),
            "not supported",
        ),
        (
            _edit(lambda d: d["verificationMethod"][1]["publicKeyJwk"].update(crv="P-256")),
            "crv Ed25519",
        ),
        (
            _edit(lambda d: d["verificationMethod"][1]["publicKeyJwk"].update(d="secret")),
            "private key",
        ),
        (_edit(lambda d: d.update(assertionMethod=["#key-9"])), "undefined methods"),
        (
            _edit(lambda d: d["verificationMethod"][0].update(id="did:web:other#k")),
            "not a fragment",
        ),
        (_edit(lambda d: d["verificationMethod"].append(d["verificationMethod"][0])), "twice"),
        (
            _edit(lambda d: d["verificationMethod"][0].update(publicKeyMultibase="z6Mk")),
            "not an ed25519-pub",
        ),
    ],
)
def test_invalid_documents_are_refused(document: object, message: str) -> None:
    with pytest.raises(InvalidArgument, match=message) as info:
        parse_did_document(document)
    assert info.value.reason == "DID_DOCUMENT_INVALID"


def test_did_web_credential_needs_its_pinned_document() -> None:
    credential = permit(f"{WEB}#key-1")
    unpinned = verify_credential(credential, now=NOW)
    assert unpinned.status is VerdictStatus.ISSUER_NOT_BOUND
    assert unpinned.checks.proof.outcome is Outcome.UNKNOWN  # no key: not checkable, not wrong
    assert "pin it (--did-document FILE)" in unpinned.checks.proof.detail
    pinned = Resolver.pinned([web_document()], {})
    verdict = verify_credential(credential, now=NOW, resolver=pinned)
    assert verdict.status is VerdictStatus.VALID, verdict.reasons
    assert verdict.checks.issuer_binding.detail == f"{WEB} controls {WEB}#key-1 (its DID document)"


def test_did_web_document_decides_the_purpose_and_the_key() -> None:
    pinned = Resolver.pinned([web_document()], {})
    # key-2 is listed for authentication only: a credential signed with it is not bound.
    wrong_purpose = verify_credential(permit(f"{WEB}#key-2", OTHER), now=NOW, resolver=pinned)
    assert wrong_purpose.status is VerdictStatus.ISSUER_NOT_BOUND
    assert wrong_purpose.checks.proof.outcome is Outcome.PASSED
    assert "does not list" in wrong_purpose.checks.issuer_binding.detail
    # Signed by another key than the document gives for key-1: the proof is wrong.
    forged = verify_credential(permit(f"{WEB}#key-1", OTHER), now=NOW, resolver=pinned)
    assert forged.status is VerdictStatus.INVALID_PROOF
    # A method the document does not have cannot be resolved.
    missing = verify_credential(permit(f"{WEB}#key-7"), now=NOW, resolver=pinned)
    assert missing.status is VerdictStatus.ISSUER_NOT_BOUND
    assert "has no method" in missing.reasons[0]


def test_https_issuer_bound_to_a_did_web() -> None:
    credential = permit(f"{WEB}#key-1", issuer="https://permits.example.gov/issuer")
    pinned = Resolver.pinned([web_document()], {})
    assert verify_credential(credential, now=NOW, resolver=pinned).status is (
        VerdictStatus.ISSUER_NOT_BOUND
    )
    bound = Resolver.pinned([web_document()], {"https://permits.example.gov/issuer": WEB})
    assert verify_credential(credential, now=NOW, resolver=bound).ok


def test_lookup_serves_documents_and_checks_their_id() -> None:
    seen: list[str] = []

    def lookup(did: str) -> object | None:
        seen.append(did)
        return copy.deepcopy(web_document()) if did == WEB else None

    resolver = Resolver(lookup=lookup)
    assert resolver.resolve(f"{WEB}#key-1").public_key == _pub(AGENCY)
    assert resolver.resolve(f"{WEB}#key-1").controller == WEB
    assert seen == [WEB]  # parsed once, then cached
    with pytest.raises(InvalidArgument, match="no DID document for did:web:other"):
        resolver.resolve("did:web:other#key-1")
    liar = Resolver(lookup=lambda did: web_document())
    with pytest.raises(InvalidArgument, match="has id"):
        liar.resolve("did:web:elsewhere#key-1")
