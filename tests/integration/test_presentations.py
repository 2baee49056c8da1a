"""KYC reuse through the real server: a citizen presents a permit from agency A to bank B with
B's challenge, B verifies it on the node, the citizen sees B's query, and a replay is refused;
DID documents registered on the ledger bind a did:web issuer's keys."""

from __future__ import annotations

import base64
import json
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import grpc
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium import rpcauth
from tabularium.credentials.v1 import credentials_pb2
from tabularium.crypto.didkey import ED25519_PUB_MULTICODEC, base58btc_encode
from tabularium.identity.v1 import identity_pb2
from tabularium.txbuild import key_possession
from tabularium.vc.dataintegrity import add_proof
from tabularium.vc.model import build_credential, credential_hash
from tabularium.vc.presentation import present
from tests.conftest import Chain, NodeProcess, run_cli
from tests.helpers import expect_error
from tests.integration.test_credentials import Party, Registry

SERVICE = "/tabularium.credentials.v1.CredentialsService/"
Status = credentials_pb2.VerificationStatus
PASSED = credentials_pb2.CHECK_OUTCOME_PASSED
FAILED = credentials_pb2.CHECK_OUTCOME_FAILED
PERMIT = "BuildingPermitCredential"


def _pem(key: Ed25519PrivateKey, path: Path) -> Path:
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


class Kyc(Registry):
    """The registry's parties plus agency A, accredited to issue building permits."""

    def build(self) -> Kyc:
        super().build()
        self.agency = Party()
        self.submit(
            identity_pb2.RegisterIdentity(
                kind=identity_pb2.IDENTITY_KIND_AGENCY,
                keys=[key_possession(self.agency.key, self.agency.did)],
                display_name="Agency A",
            ),
            self.root,
        )
        self.submit(
            credentials_pb2.AccreditIssuer(issuer=self.agency.did, credential_types=[PERMIT]),
            self.root,
        )
        return self

    def call(self, who: Party, method: str, request: Any) -> Any:
        metadata = rpcauth.sign_request(who.key, SERVICE + method, request.SerializeToString())
        return getattr(self.stub, method)(request, metadata=metadata, timeout=10)

    def verify_presentation(
        self, who: Party, presentation: dict[str, Any], challenge: str, domain: str = ""
    ) -> credentials_pb2.VerifyPresentationResponse:
        request = credentials_pb2.VerifyPresentationRequest(
            presentation_json=json.dumps(presentation).encode(), challenge=challenge, domain=domain
        )
        return self.call(who, "VerifyPresentation", request)


@pytest.fixture
def kyc(chain: Chain, node: NodeProcess) -> Kyc:
    return Kyc(chain, node).build()


def _challenge() -> str:
    return secrets.token_urlsafe(16)


def test_kyc_reuse_with_a_presentation(kyc: Kyc, tmp_path: Path) -> None:
    permit = kyc.issue(kyc.agency, PERMIT, claims={"parcel": "LR-0042-17"})
    kyc.register(permit, kyc.agency)
    permit_file = tmp_path / "permit.json"
    permit_file.write_text(json.dumps(permit.credential))
    citizen_pem = _pem(kyc.citizen.key, tmp_path / "citizen.pem")
    bank_b_pem = _pem(kyc.bank_b.key, tmp_path / "bank-b.pem")
    bank_b, bank_c = kyc.bank_b, kyc.bank_a  # bank A plays "bank C" here

    # Bank B gives the citizen its challenge; the citizen presents the permit to B.
    challenge = _challenge()
    vp_file = tmp_path / "vp.json"
    run_cli(
        "credential", "present", str(permit_file), "--key", str(citizen_pem),
        "--challenge", challenge, "--domain", bank_b.did, "--out", str(vp_file),
    )  # fmt: skip
    presentation = json.loads(vp_file.read_text())
    assert presentation["holder"] == kyc.citizen.did
    assert presentation["proof"]["proofPurpose"] == "authentication"

    # B checks it offline first (proof, holder, challenge, domain, the permit's proof)...
    offline = run_cli(
        "credential", "verify-presentation", str(vp_file),
        "--challenge", challenge, "--domain", bank_b.did,
    )  # fmt: skip
    assert json.loads(offline.stdout)["status"] == "VALID"
    # ...then on the node, which adds registration, accreditation and status, and records it.
    result = run_cli(
        "credential", "verify-presentation", str(vp_file), "--challenge", challenge,
        "--server", kyc.node.address, "--key", str(bank_b_pem),
    )  # fmt: skip
    verdict = json.loads(result.stdout)
    assert verdict["status"] == "VERIFICATION_STATUS_VALID", verdict
    assert verdict["holder"] == kyc.citizen.did
    for name in ("proof", "holder_binding", "challenge", "domain", "holder_is_subject"):
        assert verdict["checks"][name]["outcome"] == "CHECK_OUTCOME_PASSED", name
    (credential,) = verdict["credentials"]
    assert credential["registered"] is True
    assert credential["checks"]["trust"]["outcome"] == "CHECK_OUTCOME_PASSED"
    assert credential["checks"]["status"]["outcome"] == "CHECK_OUTCOME_PASSED"

    # The citizen lists who checked: bank B, through a presentation made for B.
    queries = json.loads(
        run_cli(
            "credential", "queries", "--key", str(citizen_pem), "--server", kyc.node.address
        ).stdout
    )["queries"]
    assert queries[0]["verifier"] == bank_b.did
    assert queries[0]["presentation"] is True and queries[0]["domain"] == bank_b.did
    assert queries[0]["credential_hash"] == base64.b64encode(permit.credential_hash).decode()

    # Replays: B again (same challenge), and bank C with its own challenge or domain.
    again = kyc.verify_presentation(bank_b, presentation, challenge)
    assert again.status == Status.VERIFICATION_STATUS_CHALLENGE_REPLAYED
    assert "already used" in again.checks.challenge.detail
    to_c = kyc.verify_presentation(bank_c, presentation, _challenge())
    assert to_c.status == Status.VERIFICATION_STATUS_DOMAIN_MISMATCH
    assert to_c.checks.domain.outcome == FAILED and to_c.checks.challenge.outcome == FAILED
    # C cannot claim to be B, and even with a free-form domain the challenge is spent.
    expect_error(
        lambda: kyc.verify_presentation(bank_c, presentation, challenge, domain=bank_b.did),
        grpc.StatusCode.INVALID_ARGUMENT,
        "DOMAIN_NOT_CALLERS",
    )
    web_vp = present(
        [permit.credential], kyc.citizen.key, holder=kyc.citizen.did,
        challenge=challenge, domain="bank-c.example", created="2026-12-06T10:00:00Z",
    )  # fmt: skip
    reused = kyc.verify_presentation(bank_c, web_vp, challenge, domain="bank-c.example")
    assert reused.status == Status.VERIFICATION_STATUS_CHALLENGE_REPLAYED
    # Bank C with a presentation made for it is fine.
    c_challenge = _challenge()
    for_c = present(
        [permit.credential], kyc.citizen.key, holder=kyc.citizen.did,
        challenge=c_challenge, domain=bank_c.did, created="2026-12-06T10:00:00Z",
    )  # fmt: skip
    assert kyc.verify_presentation(bank_c, for_c, c_challenge).status == (
        Status.VERIFICATION_STATUS_VALID
    )
    queries = kyc.call(kyc.citizen, "ListStatusQueries", credentials_pb2.ListStatusQueriesRequest())
    assert [q.verifier for q in queries.queries][:2] == [bank_c.did, bank_c.did]


def test_presentation_refusals(kyc: Kyc) -> None:
    permit = kyc.issue(kyc.agency, PERMIT)
    kyc.register(permit, kyc.agency)
    bank_b = kyc.bank_b
    challenge = _challenge()
    # Claims the citizen as holder, signed by another key: not bound to the holder.
    forged = present(
        [permit.credential], kyc.bank_a.key, holder=kyc.citizen.did,
        challenge=challenge, domain=bank_b.did, created="2026-12-06T10:00:00Z",
    )  # fmt: skip
    assert kyc.verify_presentation(bank_b, forged, challenge).status == (
        Status.VERIFICATION_STATUS_HOLDER_NOT_BOUND
    )
    # It did not burn the challenge: the citizen's genuine presentation still passes.
    genuine = present(
        [permit.credential], kyc.citizen.key, holder=kyc.citizen.did,
        challenge=challenge, domain=bank_b.did, created="2026-12-06T10:00:00Z",
    )  # fmt: skip
    assert kyc.verify_presentation(bank_b, genuine, challenge).status == (
        Status.VERIFICATION_STATUS_VALID
    )
    # Someone else presents the citizen's permit as theirs: the holder is not the subject.
    challenge = _challenge()  # a holder's own presentation uses the challenge up
    stolen = present(
        [permit.credential], kyc.bank_a.key, holder=kyc.bank_a.did,
        challenge=challenge, domain=bank_b.did, created="2026-12-06T10:00:00Z",
    )  # fmt: skip
    answer = kyc.verify_presentation(bank_b, stolen, challenge)
    assert answer.status == Status.VERIFICATION_STATUS_HOLDER_NOT_SUBJECT
    # An unregistered credential inside a genuine presentation: the presentation is not VALID.
    unregistered = kyc.issue(kyc.agency, PERMIT)
    c2 = _challenge()
    vp = present(
        [unregistered.credential], kyc.citizen.key, holder=kyc.citizen.did,
        challenge=c2, domain=bank_b.did, created="2026-12-06T10:00:00Z",
    )  # fmt: skip
    answer = kyc.verify_presentation(bank_b, vp, c2)
    assert answer.status == Status.VERIFICATION_STATUS_UNTRUSTED_ISSUER
    assert answer.credentials[0].checks.trust.outcome == FAILED
    assert kyc.verify_presentation(bank_b, {"type": "x"}, _challenge()).status == (
        Status.VERIFICATION_STATUS_MALFORMED
    )
    malformed = credentials_pb2.VerifyPresentationRequest(
        presentation_json=b"{", challenge=_challenge()
    )
    assert kyc.call(bank_b, "VerifyPresentation", malformed).status == (
        Status.VERIFICATION_STATUS_MALFORMED
    )
    expect_error(
        lambda: kyc.verify_presentation(bank_b, genuine, "short"),
        grpc.StatusCode.INVALID_ARGUMENT,
        "CHALLENGE_INVALID",
    )
    big = credentials_pb2.VerifyPresentationRequest(
        presentation_json=b" " * (256 * 1024 + 1), challenge=_challenge()
    )
    expect_error(
        lambda: kyc.call(bank_b, "VerifyPresentation", big),
        grpc.StatusCode.INVALID_ARGUMENT,
        "PRESENTATION_TOO_LARGE",
    )
    expect_error(
        lambda: kyc.stub.VerifyPresentation(
            credentials_pb2.VerifyPresentationRequest(challenge=_challenge()), timeout=5
        ),
        grpc.StatusCode.UNAUTHENTICATED,
        "AUTHENTICATION_REQUIRED",
    )


def _did_web_document(did: str, key: Ed25519PrivateKey) -> dict[str, Any]:
    multibase = "z" + base58btc_encode(ED25519_PUB_MULTICODEC + key.public_key().public_bytes_raw())
    return {
        "@context": ["https://www.w3.org/ns/did/v1"],
        "id": did,
        "verificationMethod": [
            {"id": "#key-1", "type": "Multikey", "controller": did, "publicKeyMultibase": multibase}
        ],
        "assertionMethod": ["#key-1"],
    }


def test_did_web_issuer_bound_by_a_document_on_the_ledger(kyc: Kyc, tmp_path: Path) -> None:
    did = "did:web:permits.agency-a.example"
    web_key = Ed25519PrivateKey.generate()
    document = _did_web_document(did, web_key)
    doc_file = tmp_path / "did.json"
    doc_file.write_text(json.dumps(document))
    unsigned = build_credential(
        issuer=did,
        subject={"id": kyc.citizen.did, "parcel": "LR-7"},
        types=[PERMIT],
        valid_from=datetime(2026, 1, 1, tzinfo=UTC),
    )
    credential = add_proof(
        unsigned, web_key, verification_method=f"{did}#key-1", created=unsigned["validFrom"]
    )
    digest = credential_hash(credential)
    kyc.submit(
        credentials_pb2.RegisterCredential(
            credential_hash=digest, issuer=kyc.agency.did, credential_types=[PERMIT], status_index=7
        ),
        kyc.agency.key,
    )
    before = kyc.verify(credential)
    assert before.status == Status.VERIFICATION_STATUS_ISSUER_NOT_BOUND, before.reasons
    assert "no DID document for did:web:permits.agency-a.example" in before.checks.proof.detail

    agency_pem = _pem(kyc.agency.key, tmp_path / "agency.pem")
    run_cli(
        "credential", "register-did-document", str(doc_file), "--issuer", kyc.agency.did,
        "--key", str(agency_pem), "--server", kyc.node.address,
    )  # fmt: skip
    after = kyc.verify(credential)
    assert after.status == Status.VERIFICATION_STATUS_VALID, after.reasons
    assert after.checks.issuer_binding.outcome == PASSED
    assert after.checks.trust.outcome == PASSED  # the agency's accreditation speaks for its DID
    stored = kyc.stub.GetDidDocument(credentials_pb2.GetDidDocumentRequest(did=did), timeout=5)
    assert json.loads(stored.document_json) == document and stored.issuer == kyc.agency.did
    expect_error(
        lambda: kyc.stub.GetDidDocument(
            credentials_pb2.GetDidDocumentRequest(did="did:web:nobody.example"), timeout=5
        ),
        grpc.StatusCode.NOT_FOUND,
        "DID_DOCUMENT_UNKNOWN",
    )

    # Offline: without the document the binding is unknown; pinned, it is VALID.
    cred_file = tmp_path / "permit.json"
    cred_file.write_text(json.dumps(credential))
    unpinned = run_cli("credential", "verify", str(cred_file), check=False)
    assert unpinned.returncode == 1
    assert json.loads(unpinned.stdout)["status"] == "ISSUER_NOT_BOUND"
    pinned = run_cli("credential", "verify", str(cred_file), "--did-document", str(doc_file))
    assert json.loads(pinned.stdout)["status"] == "VALID"

    # Refusals: the same document again, someone else's claim on the DID, bad documents,
    # an issuer without accreditation.
    register = credentials_pb2.RegisterDidDocument(
        issuer=kyc.agency.did, document_json=json.dumps(document).encode()
    )
    expect_error(
        lambda: kyc.submit(register, kyc.agency.key),
        grpc.StatusCode.FAILED_PRECONDITION,
        "DID_DOCUMENT_UNCHANGED",
    )
    expect_error(
        lambda: kyc.submit(
            credentials_pb2.RegisterDidDocument(
                issuer=kyc.university.did, document_json=json.dumps(document).encode()
            ),
            kyc.university.key,
        ),
        grpc.StatusCode.ALREADY_EXISTS,
        "DID_TAKEN",
    )
    bad = dict(document, verificationMethod=[{"id": "#k", "type": "RsaVerificationKey2018"}])
    expect_error(
        lambda: kyc.submit(
            credentials_pb2.RegisterDidDocument(
                issuer=kyc.agency.did, document_json=json.dumps(bad).encode()
            ),
            kyc.agency.key,
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
        "DID_DOCUMENT_INVALID",
    )
    expect_error(
        lambda: kyc.submit(
            credentials_pb2.RegisterDidDocument(
                issuer=kyc.bank_b.did,
                document_json=json.dumps(_did_web_document("did:web:b.example", web_key)).encode(),
            ),
            kyc.bank_b.key,
        ),
        grpc.StatusCode.PERMISSION_DENIED,
        "NOT_ACCREDITED",
    )
    # Key rotation: the agency replaces the document; credentials signed with the old key
    # are no longer bound.
    rotated = _did_web_document(did, Ed25519PrivateKey.generate())
    kyc.submit(
        credentials_pb2.RegisterDidDocument(
            issuer=kyc.agency.did, document_json=json.dumps(rotated).encode()
        ),
        kyc.agency.key,
    )
    assert kyc.verify(credential).status == Status.VERIFICATION_STATUS_INVALID_PROOF
