"""The offline verifier: every verdict, status lists, key binding, proof checks, round trips."""

from __future__ import annotations

import base64
import copy
import gzip
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given, settings
from hypothesis import strategies as st

from tabularium.crypto.didkey import did_key, verification_method
from tabularium.errors import InvalidArgument
from tabularium.vc import (
    Verdict,
    VerdictStatus,
    add_proof,
    build_credential,
    build_status_list_credential,
    build_status_list_entry,
    issuer_controls_verification_method,
    verify_credential,
    verify_proof,
)
from tabularium.vc.did import Resolver
from tabularium.vc.verifier import PRECEDENCE, Check, Outcome, binding_check

NOW = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
DAY = timedelta(days=1)
REV_URL = "https://ledger.example/credentials/status/rev-1"
SUS_URL = "https://ledger.example/credentials/status/sus-1"
REV_INDEX = 4242
SUS_INDEX = 99000


def _pub(seed: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()


UNIVERSITY = bytes(range(32))
BANK = bytes(range(1, 33))
UNIVERSITY_DID = did_key(_pub(UNIVERSITY))
BANK_DID = did_key(_pub(BANK))


def sign(doc: dict[str, Any], seed: bytes = UNIVERSITY, **kw: Any) -> dict[str, Any]:
    doc = {k: v for k, v in doc.items() if k != "proof"}
    return add_proof(
        doc, seed, verification_method=verification_method(_pub(seed)), created=NOW - DAY, **kw
    )


def diploma(
    *,
    issuer: str = UNIVERSITY_DID,
    valid_from: datetime = NOW - 30 * DAY,
    valid_until: datetime | None = NOW + 365 * DAY,
    status: bool = True,
) -> dict[str, Any]:
    entries = (
        [
            build_status_list_entry(
                status_list_credential=REV_URL, index=REV_INDEX, purpose="revocation"
            ),
            build_status_list_entry(
                status_list_credential=SUS_URL, index=SUS_INDEX, purpose="suspension"
            ),
        ]
        if status
        else []
    )
    return build_credential(
        issuer=issuer,
        subject={"id": "did:example:citizen-7", "degree": {"type": "BachelorDegree"}},
        types=["DiplomaCredential"],
        valid_from=valid_from,
        valid_until=valid_until,
        credential_id="urn:uuid:6a3b0c52-51a4-4f7e-8b62-6a0a2c2b7f11",
        status=entries,
    )


def status_list(
    url: str,
    purpose: str,
    indices: tuple[int, ...] = (),
    *,
    issuer: str = UNIVERSITY_DID,
    seed: bytes = UNIVERSITY,
    valid_until: datetime | None = NOW + DAY,
) -> dict[str, Any]:
    doc = build_status_list_credential(
        list_id=url,
        issuer=issuer,
        purpose=purpose,
        indices=indices,
        valid_from=NOW - 10 * DAY,
        valid_until=valid_until,
    )
    return sign(doc, seed)


def lists(revoked: tuple[int, ...] = (), suspended: tuple[int, ...] = ()) -> dict[str, Any]:
    return {
        REV_URL: status_list(REV_URL, "revocation", revoked),
        SUS_URL: status_list(SUS_URL, "suspension", suspended),
    }


def trust_all(issuer: str, types: Any) -> bool:
    return True


def check(
    credential: object, *, now: datetime = NOW, **kw: Any
) -> tuple[VerdictStatus, tuple[str, ...], tuple[str, ...]]:
    verdict = verify_credential(credential, now=now, **kw)
    return verdict.status, verdict.reasons, verdict.skipped


GOOD = sign(diploma())


def test_valid_with_everything_checked() -> None:
    verdict = verify_credential(GOOD, now=NOW, trusted=trust_all, status_lists=lists())
    assert verdict == Verdict(
        VerdictStatus.VALID,
        issuer=UNIVERSITY_DID,
        types=("VerifiableCredential", "DiplomaCredential"),
        verification_method=verification_method(_pub(UNIVERSITY)),
        public_key=_pub(UNIVERSITY),
        proof_created="2025-05-31T12:00:00Z",
        credential_hash=verdict.credential_hash,
        checks=verdict.checks,
        cryptosuite="eddsa-jcs-2022",
    )
    assert verdict.ok and verdict.credential_hash is not None
    checks = verdict.checks
    assert [c.outcome for c in (checks.proof, checks.issuer_binding, checks.validity)] == [
        Outcome.PASSED
    ] * 3
    assert checks.status == Check(Outcome.PASSED, "2 status entries checked, none set")
    assert checks.trust.outcome is Outcome.PASSED
    assert checks.issuer_binding.detail == (
        f"{UNIVERSITY_DID} controls {verification_method(_pub(UNIVERSITY))} (did:key)"
    )


def _tampered() -> dict[str, Any]:
    doc = copy.deepcopy(GOOD)
    doc["credentialSubject"]["degree"]["type"] = "DoctoralDegree"
    return doc


def _wrong_context() -> dict[str, Any]:
    doc = diploma()
    doc["@context"] = ["https://www.w3.org/2018/credentials/v1"]
    return sign(doc)


SCENARIOS: dict[VerdictStatus, tuple[Callable[[], Verdict], str]] = {
    VerdictStatus.VALID: (
        lambda: verify_credential(GOOD, now=NOW, trusted=trust_all, status_lists=lists()),
        "",
    ),
    VerdictStatus.EXPIRED: (
        lambda: verify_credential(GOOD, now=NOW + 400 * DAY, status_lists={}),
        "expired at ",
    ),
    VerdictStatus.NOT_YET_VALID: (
        lambda: verify_credential(GOOD, now=NOW - 31 * DAY),
        "not valid before ",
    ),
    VerdictStatus.REVOKED: (
        lambda: verify_credential(GOOD, now=NOW, status_lists=lists(revoked=(1, REV_INDEX))),
        f"revocation bit {REV_INDEX} is set in status list {REV_URL}",
    ),
    VerdictStatus.SUSPENDED: (
        lambda: verify_credential(GOOD, now=NOW, status_lists=lists(suspended=(SUS_INDEX,))),
        f"suspension bit {SUS_INDEX} is set in status list {SUS_URL}",
    ),
    VerdictStatus.INVALID_PROOF: (
        lambda: verify_credential(_tampered(), now=NOW),
        "proof: signature does not verify",
    ),
    VerdictStatus.ISSUER_NOT_BOUND: (
        lambda: verify_credential(sign(diploma(), BANK), now=NOW),
        "issuer binding: the proof's key",
    ),
    VerdictStatus.UNTRUSTED_ISSUER: (
        lambda: verify_credential(GOOD, now=NOW, trusted=lambda i, t: i == BANK_DID),
        f"issuer {UNIVERSITY_DID} is not trusted to issue VerifiableCredential, DiplomaCredential",
    ),
    VerdictStatus.MALFORMED: (
        lambda: verify_credential(_wrong_context(), now=NOW),
        "first @context is 'https://www.w3.org/2018/credentials/v1', want "
        "'https://www.w3.org/ns/credentials/v2'",
    ),
}


@pytest.mark.parametrize("want", [VerdictStatus.VALID, *PRECEDENCE])
def test_every_status_is_reachable(want: VerdictStatus) -> None:
    run, reason = SCENARIOS[want]
    verdict = run()
    assert verdict.status is want, verdict.reasons
    if want is VerdictStatus.VALID:
        assert verdict.reasons == ()
    else:
        assert any(reason in r for r in verdict.reasons), verdict.reasons


def test_precedence_reports_all_reasons() -> None:
    status, reasons, _ = check(
        GOOD, now=NOW + 400 * DAY, status_lists=lists(revoked=(REV_INDEX,), suspended=(SUS_INDEX,))
    )
    # The lists expire before NOW + 400 days: they are not used, so status is not known.
    assert status is VerdictStatus.EXPIRED
    fresh = {
        REV_URL: status_list(REV_URL, "revocation", (REV_INDEX,), valid_until=None),
        SUS_URL: status_list(SUS_URL, "suspension", (SUS_INDEX,), valid_until=None),
    }
    status, reasons, _ = check(
        GOOD, now=NOW + 400 * DAY, status_lists=fresh, trusted=lambda i, t: False
    )
    assert status is VerdictStatus.UNTRUSTED_ISSUER
    assert [r.split(" ")[0] for r in reasons] == ["issuer", "revocation", "suspension", "expired"]


def test_skipped_checks_are_named() -> None:
    status, reasons, skipped = check(GOOD)
    assert status is VerdictStatus.VALID and not reasons
    assert skipped == (
        "issuer trust not checked: no trust list given",
        "revocation status not checked: no status lists given",
        "suspension status not checked: no status lists given",
    )
    _, _, skipped = check(GOOD, trusted=trust_all, status_lists={REV_URL: lists()[REV_URL]})
    assert skipped == (f"suspension status not checked: no status list for {SUS_URL}",)


def test_other_status_types_and_purposes_are_skipped() -> None:
    doc = diploma(status=False)
    doc["credentialStatus"] = [
        {"type": "StatusList2021Entry", "statusListIndex": "1"},
        {
            "type": "BitstringStatusListEntry",
            "statusPurpose": "refresh",
            "statusListIndex": "1",
            "statusListCredential": REV_URL,
        },
    ]
    doc["@context"].append("https://example.org/private/v1")
    status, _, skipped = check(sign(doc), trusted=trust_all, status_lists=lists())
    assert status is VerdictStatus.VALID
    assert skipped == (
        "@context https://example.org/private/v1 is not bundled (not needed: eddsa-jcs-2022 "
        "does no JSON-LD processing)",
        "status entry of type ['StatusList2021Entry'] not checked: only "
        "BitstringStatusListEntry is supported",
        f"status purpose 'refresh' ({REV_URL}) is not interpreted",
    )


def test_no_status_at_all() -> None:
    status, reasons, skipped = check(sign(diploma(status=False)), trusted=trust_all)
    assert status is VerdictStatus.VALID and not reasons and not skipped


# --- status list credentials --------------------------------------------------------------


def _with_rev_list(doc: dict[str, Any], **kw: Any) -> tuple[VerdictStatus, tuple[str, ...]]:
    status_lists = lists()
    status_lists[REV_URL] = doc
    status, reasons, _ = check(GOOD, status_lists=status_lists, **kw)
    return status, reasons


def _edit_list(edit: Callable[[dict[str, Any]], None], *, resign: bool = True) -> dict[str, Any]:
    doc = copy.deepcopy(status_list(REV_URL, "revocation", (REV_INDEX,)))
    edit(doc)
    return sign(doc) if resign else doc


def _short_list(doc: dict[str, Any]) -> None:
    raw = gzip.compress(bytes(1024), mtime=0)
    encoded = "u" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
    doc["credentialSubject"]["encodedList"] = encoded


@pytest.mark.parametrize(
    ("doc", "want", "reason"),
    [
        (
            _edit_list(lambda d: d["credentialSubject"].update(encodedList="x"), resign=False),
            VerdictStatus.INVALID_PROOF,
            f"status list {REV_URL}: proof: signature does not verify",
        ),
        (
            status_list(REV_URL, "revocation", (REV_INDEX,), issuer=UNIVERSITY_DID, seed=BANK),
            VerdictStatus.ISSUER_NOT_BOUND,
            f"status list {REV_URL}: the proof's key {verification_method(_pub(BANK))} is "
            f"controlled by {BANK_DID}, not {UNIVERSITY_DID}",
        ),
        (
            status_list(REV_URL, "revocation", (REV_INDEX,), issuer=BANK_DID, seed=BANK),
            VerdictStatus.UNTRUSTED_ISSUER,
            f"status list {REV_URL} is issued by {BANK_DID}, who may not publish status for "
            f"credentials of {UNIVERSITY_DID}",
        ),
        (
            status_list(REV_URL, "suspension", (REV_INDEX,)),
            VerdictStatus.MALFORMED,
            f"status list {REV_URL} has purpose ['suspension'], the entry wants 'revocation'",
        ),
        (
            _edit_list(lambda d: d.update(id="https://elsewhere.example/list")),
            VerdictStatus.MALFORMED,
            "id 'https://elsewhere.example/list' is not the entry's statusListCredential",
        ),
        (
            _edit_list(lambda d: d.update(type=["VerifiableCredential"])),
            VerdictStatus.MALFORMED,
            "type does not include 'BitstringStatusListCredential'",
        ),
        (
            _edit_list(lambda d: d["credentialSubject"].update(type="StatusList2021")),
            VerdictStatus.MALFORMED,
            "credentialSubject.type must be 'BitstringStatusList'",
        ),
        (
            _edit_list(lambda d: d["credentialSubject"].pop("encodedList")),
            VerdictStatus.MALFORMED,
            "credentialSubject.encodedList is missing",
        ),
        (
            _edit_list(lambda d: d["credentialSubject"].pop("statusPurpose")),
            VerdictStatus.MALFORMED,
            "credentialSubject.statusPurpose is missing",
        ),
        (
            _edit_list(lambda d: d.update(credentialSubject=[d["credentialSubject"]])),
            VerdictStatus.MALFORMED,
            "credentialSubject must be one object",
        ),
        (
            _edit_list(lambda d: d["credentialSubject"].update(encodedList="uAAAA")),
            VerdictStatus.MALFORMED,
            "encodedList is not GZIP",
        ),
        (
            _edit_list(_short_list),
            VerdictStatus.MALFORMED,
            "status list has 8192 entries of 1 bit(s), want at least 131072",
        ),
        (
            _edit_list(lambda d: d.pop("issuer")),
            VerdictStatus.MALFORMED,
            f"status list {REV_URL}: issuer is missing",
        ),
        (
            {"not": "a credential"},
            VerdictStatus.MALFORMED,
            "type must include 'VerifiableCredential'",
        ),
    ],
)
def test_bad_status_lists(doc: dict[str, Any], want: VerdictStatus, reason: str) -> None:
    status, reasons = _with_rev_list(doc)
    assert status is want
    assert any(reason in r for r in reasons), reasons


def test_status_list_from_another_allowed_issuer() -> None:
    bank_list = status_list(REV_URL, "revocation", (REV_INDEX,), issuer=BANK_DID, seed=BANK)
    seen: list[tuple[str, str]] = []

    def delegated(cred_issuer: str, list_issuer: str) -> bool:
        seen.append((cred_issuer, list_issuer))
        return list_issuer == BANK_DID

    status, reasons = _with_rev_list(bank_list, status_list_issuers=delegated)
    assert status is VerdictStatus.REVOKED, reasons
    assert seen == [(UNIVERSITY_DID, BANK_DID)]


def test_status_list_outside_its_validity_is_not_used() -> None:
    expired = status_list(REV_URL, "revocation", (REV_INDEX,), valid_until=NOW - DAY)
    status_lists = lists()
    status_lists[REV_URL] = expired
    status, reasons, skipped = check(GOOD, status_lists=status_lists)
    assert status is VerdictStatus.VALID, reasons
    assert (
        f"status not checked with status list {REV_URL}: the list expired at "
        f"{expired['validUntil']}" in skipped
    )
    status, _, skipped = check(GOOD, now=NOW - 11 * DAY, status_lists=lists())
    assert status is VerdictStatus.VALID
    assert any("the list is not valid before" in s for s in skipped)


def test_status_index_outside_the_list() -> None:
    doc = diploma(status=False)
    doc["credentialStatus"] = build_status_list_entry(
        status_list_credential=REV_URL, index=131072, purpose="revocation"
    )
    status, reasons, _ = check(sign(doc), status_lists=lists())
    assert status is VerdictStatus.MALFORMED
    assert reasons == (
        f"status list {REV_URL}: status index 131072 is outside the list of 131072 bits",
    )


def test_huge_status_index() -> None:
    doc = diploma(status=False)
    entry = build_status_list_entry(status_list_credential=REV_URL, index=1, purpose="revocation")
    doc["credentialStatus"] = entry | {"statusListIndex": "9" * 5000}
    status, reasons, _ = check(sign(doc), status_lists=lists())
    assert status is VerdictStatus.MALFORMED
    assert reasons == (f"status list {REV_URL}: status index {'9' * 24}... is outside the list",)


def test_one_list_used_for_both_purposes() -> None:
    doc = build_status_list_credential(
        list_id=REV_URL, issuer=UNIVERSITY_DID, purpose="revocation", indices=[7], valid_from=NOW
    )
    doc["credentialSubject"]["statusPurpose"] = ["revocation", "suspension"]
    cred = diploma(status=False)
    cred["credentialStatus"] = [
        build_status_list_entry(status_list_credential=REV_URL, index=7, purpose="suspension"),
        build_status_list_entry(
            status_list_credential=REV_URL, index=8, purpose="revocation", entry_id="urn:x:1"
        ),
    ]
    status, reasons, _ = check(sign(cred), status_lists={REV_URL: sign(doc)})
    assert status is VerdictStatus.SUSPENDED
    assert reasons == (f"suspension bit 7 is set in status list {REV_URL}",)


# --- key binding --------------------------------------------------------------------------


def test_did_key_issuer_must_sign_with_its_own_key() -> None:
    forged = sign(diploma(), BANK)  # claims the university, signed by the bank's key
    assert verify_proof(forged).ok
    status, reasons, _ = check(forged)
    assert status is VerdictStatus.ISSUER_NOT_BOUND  # the proof itself is valid
    assert reasons == (
        f"issuer binding: the proof's key {verification_method(_pub(BANK))} is controlled by "
        f"{BANK_DID}, not {UNIVERSITY_DID}",
    )


def test_key_controlled_by_decides_when_given() -> None:
    """The server's ledger knows identities with several keys: it decides which keys count."""
    rotated = sign(diploma(), BANK)
    calls: list[tuple[str, bytes]] = []

    def ledger_keys(issuer: str, key: bytes) -> bool:
        calls.append((issuer, key))
        return issuer == UNIVERSITY_DID and key in (_pub(UNIVERSITY), _pub(BANK))

    verdict = verify_credential(rotated, now=NOW, key_controlled_by=ledger_keys)
    assert verdict.status is VerdictStatus.VALID, verdict.reasons
    assert verdict.public_key == _pub(BANK)
    assert calls == [(UNIVERSITY_DID, _pub(BANK))]
    # And it can refuse even the issuer's own did:key (e.g. a revoked key).
    status, reasons, _ = check(GOOD, key_controlled_by=lambda i, k: False)
    assert status is VerdictStatus.ISSUER_NOT_BOUND
    assert reasons[0].startswith("issuer binding: the proof's key did:key:")


def test_non_did_key_issuer_needs_key_controlled_by() -> None:
    cred = sign(diploma(issuer="https://university.example/id", status=False))
    status, reasons, _ = check(cred)
    assert status is VerdictStatus.ISSUER_NOT_BOUND
    assert "cannot tell offline whether https://university.example/id controls" in reasons[0]
    status, _, _ = check(cred, key_controlled_by=lambda i, k: k == _pub(UNIVERSITY))
    assert status is VerdictStatus.VALID


@pytest.mark.parametrize(
    ("issuer", "vm", "want"),
    [
        (UNIVERSITY_DID, verification_method(_pub(UNIVERSITY)), True),
        (UNIVERSITY_DID, UNIVERSITY_DID, True),
        (UNIVERSITY_DID, verification_method(_pub(BANK)), False),
        (UNIVERSITY_DID, UNIVERSITY_DID + "#key-1", False),
        (UNIVERSITY_DID + "#x", UNIVERSITY_DID + "#x", False),
        ("did:web:university.example", "did:web:university.example#key-1", False),
        ("did:key:zBad", "did:key:zBad", False),
    ],
)
def test_issuer_controls_verification_method(issuer: str, vm: str, want: bool) -> None:
    assert issuer_controls_verification_method(issuer, vm) is want


# --- proof checks -------------------------------------------------------------------------


def _proof_edit(**changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(GOOD)
    for key, value in changes.items():
        if value is None:
            del doc["proof"][key]
        else:
            doc["proof"][key] = value
    return doc


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        ({**GOOD, "proof": [GOOD["proof"]]}, "proof sets and chains (a list of proofs)"),
        ({**GOOD, "proof": "z123"}, "proof is str, want a JSON object"),
        (_proof_edit(type="Ed25519Signature2020"), "proof.type is 'Ed25519Signature2020'"),
        (_proof_edit(cryptosuite="eddsa-sd-2023"), "proof.cryptosuite is 'eddsa-sd-2023'"),
        (_proof_edit(cryptosuite=None), "proof.cryptosuite is None"),
        (_proof_edit(proofPurpose="authentication"), "proof.proofPurpose is 'authentication'"),
        (_proof_edit(verificationMethod=None), "proof.verificationMethod is missing"),
        (_proof_edit(proofValue=None), "proof.proofValue is missing"),
        (_proof_edit(previousProof="urn:uuid:1"), "proof chains (previousProof)"),
        (_proof_edit(created="yesterday"), "proof.created: 'yesterday' is not"),
        (_proof_edit(verificationMethod="did:key:z6Mk#z6Mk"), "not an Ed25519 did:key"),
        (_proof_edit(proofValue="u" + GOOD["proof"]["proofValue"][1:]), "want a 'z' prefix"),
        (_proof_edit(proofValue="z0"), "not in the base58btc alphabet"),
        (_proof_edit(proofValue=GOOD["proof"]["proofValue"][:-3]), "want 64"),
        (
            _proof_edit(**{"@context": ["https://www.w3.org/ns/credentials/examples/v2"]}),
            "document @context does not start with the proof's @context",
        ),
    ],
)
def test_proof_refusals(doc: dict[str, Any], reason: str) -> None:
    result = verify_proof(doc, now=NOW)
    assert not result.ok
    assert reason in result.reason
    status, reasons, _ = check(doc)
    assert status is VerdictStatus.INVALID_PROOF
    assert reasons[0] == "proof: " + result.reason


def test_missing_proof_is_malformed() -> None:
    status, reasons, _ = check(diploma())
    assert status is VerdictStatus.MALFORMED
    assert reasons == ("credential has no proof (it is not secured)",)
    assert verify_proof(diploma()).reason == "document has no proof"
    assert verify_proof([]).reason == "document is list, want a JSON object"
    status, reasons, _ = check("a string")
    assert status is VerdictStatus.MALFORMED and reasons == (
        "credential is str, want a JSON object",
    )


def test_optional_proof_properties() -> None:
    doc = sign(
        diploma(),
        expires=NOW + DAY,
        domain=["bank.example", "kyc.example"],
        challenge="n-0S6_WzA2Mj",
        proof_id="urn:uuid:proof-1",
    )
    assert doc["proof"]["id"] == "urn:uuid:proof-1"
    assert verify_proof(doc, now=NOW).ok
    assert verify_proof(doc, domain=["kyc.example", "bank.example"], challenge="n-0S6_WzA2Mj").ok
    assert "proof expired at" in verify_proof(doc, now=NOW + 2 * DAY).reason
    assert "proof.domain is" in verify_proof(doc, domain="other.example").reason
    odd = sign(diploma(), domain=[{"not": "a string"}])  # type: ignore[list-item]
    assert "proof.domain is" in verify_proof(odd, domain="bank.example").reason
    assert "proof.challenge is" in verify_proof(doc, challenge="x").reason
    assert "proof.proofPurpose is 'assertionMethod', want 'authentication'" in (
        verify_proof(doc, expected_proof_purpose="authentication").reason
    )
    auth = sign(diploma(), proof_purpose="authentication")
    assert verify_proof(auth, expected_proof_purpose="authentication").ok
    agreement = sign(diploma(), proof_purpose="keyAgreement")
    result = verify_proof(agreement, expected_proof_purpose="keyAgreement")
    assert result.ok  # the mathematics holds; whether the key may agree keys is the binding's
    binding = binding_check(UNIVERSITY_DID, result, "keyAgreement", Resolver(), None)
    assert binding.outcome is Outcome.FAILED
    assert "does not list" in binding.detail and "keyAgreement" in binding.detail


def test_contexts_appended_after_signing_are_not_covered() -> None:
    """vc-di-eddsa verify step 4: the document is hashed with the proof's @context."""
    assert GOOD["proof"]["@context"] is not GOOD["@context"]  # add_proof shares no objects
    doc = copy.deepcopy(GOOD)
    doc["@context"].append("https://example.org/added-later")
    assert verify_proof(doc).ok
    doc["@context"].insert(0, "https://example.org/inserted")
    assert not verify_proof(doc).ok


def test_proof_without_context_signs_the_documents_context() -> None:
    doc = copy.deepcopy(GOOD)
    del doc["proof"]["@context"]
    assert not verify_proof(doc).ok  # the @context was part of the signed proof config


def test_add_proof_refusals() -> None:
    with pytest.raises(InvalidArgument, match="already has a proof") as info:
        add_proof(
            GOOD, UNIVERSITY, verification_method=GOOD["proof"]["verificationMethod"], created=NOW
        )
    assert info.value.reason == "CREDENTIAL_MALFORMED"
    with pytest.raises(InvalidArgument, match="is not the private key's did:key") as info:
        add_proof(
            diploma(), BANK, verification_method=verification_method(_pub(UNIVERSITY)), created=NOW
        )
    assert info.value.reason == "KEY_MISMATCH"
    with pytest.raises(InvalidArgument, match="created: 'soon'"):
        add_proof(diploma(), UNIVERSITY, verification_method="https://u.example#k", created="soon")
    with pytest.raises(ValueError, match="naive"):
        add_proof(
            diploma(),
            UNIVERSITY,
            verification_method="https://u.example#k",
            created=datetime(2025, 1, 1),
        )
    key = Ed25519PrivateKey.from_private_bytes(UNIVERSITY)
    same = add_proof(
        diploma(), key, verification_method=GOOD["proof"]["verificationMethod"], created=NOW - DAY
    )
    assert same == GOOD


def test_now_must_be_aware() -> None:
    with pytest.raises(ValueError, match="naive"):
        verify_credential(GOOD, now=datetime(2025, 1, 1))


def test_validity_boundaries() -> None:
    cred = sign(diploma(valid_from=NOW, valid_until=NOW + DAY, status=False))
    assert check(cred, now=NOW)[0] is VerdictStatus.VALID
    assert check(cred, now=NOW + DAY)[0] is VerdictStatus.VALID
    assert check(cred, now=NOW + DAY + timedelta(microseconds=1))[0] is VerdictStatus.EXPIRED
    assert check(cred, now=NOW - timedelta(microseconds=1))[0] is VerdictStatus.NOT_YET_VALID
    open_ended = sign(diploma(valid_until=None, status=False))
    assert check(open_ended, now=NOW + 36500 * DAY)[0] is VerdictStatus.VALID


# --- round trips --------------------------------------------------------------------------

_json_leaf = st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | st.text(max_size=20)
_json = st.recursive(
    _json_leaf | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.binary(min_size=32, max_size=32),
    # "id" is the subject's URL in VC 2.0, not a free claim.
    claims=st.dictionaries(
        st.text(min_size=1, max_size=10).filter(lambda k: k != "id"), _json, min_size=1, max_size=5
    ),
    flip=st.integers(min_value=0),
)
def test_sign_verify_round_trip(seed: bytes, claims: dict[str, Any], flip: int) -> None:
    issuer = did_key(_pub(seed))
    cred = build_credential(
        issuer=issuer, subject=claims, types=["Attestation"], valid_from=NOW - DAY
    )
    secured = sign(cred, seed)
    verdict = verify_credential(secured, now=NOW, trusted=trust_all)
    assert verdict.status is VerdictStatus.VALID, verdict.reasons
    assert verdict.public_key == _pub(seed)
    # Change one claim: the proof must fail.
    changed = copy.deepcopy(secured)
    keys = sorted(changed["credentialSubject"])
    key = keys[flip % len(keys)]
    changed["credentialSubject"][key] = [changed["credentialSubject"][key], "changed"]
    assert verify_credential(changed, now=NOW).status is VerdictStatus.INVALID_PROOF
