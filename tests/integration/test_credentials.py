"""Verifiable credentials through the real server: accreditation, registration, status, the
server's verifier, the offline verifier and CLI, and KYC reuse between banks (identity issue §4)."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import grpc
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.message import Message

from tabularium import rpcauth
from tabularium.api.servicers.credentials import status_list_url
from tabularium.credentials.v1 import credentials_pb2, credentials_pb2_grpc
from tabularium.crypto.didkey import did_key
from tabularium.identity.v1 import identity_pb2
from tabularium.ledger.v1 import ledger_pb2
from tabularium.txbuild import build_signed, key_possession
from tabularium.vc.issue import IssuedCredential, issue_credential
from tabularium.vc.verifier import verify_credential
from tests.conftest import Chain, NodeProcess, run_cli
from tests.helpers import error_info, expect_error

VERIFY = "/tabularium.credentials.v1.CredentialsService/VerifyCredential"
LIST_QUERIES = "/tabularium.credentials.v1.CredentialsService/ListStatusQueries"
Status = credentials_pb2.VerificationStatus


class Party:
    def __init__(self) -> None:
        self.key = Ed25519PrivateKey.generate()
        self.did = did_key(self.key.public_key().public_bytes_raw())


class Registry:
    """A university, two banks, a citizen; the root organisation keeps the issuer registry."""

    def __init__(self, chain: Chain, node: NodeProcess) -> None:
        self.chain, self.node = chain, node
        self.stub = credentials_pb2_grpc.CredentialsServiceStub(node.channel())
        self.root = chain.admin_key
        self.university, self.bank_a, self.bank_b, self.citizen = (Party() for _ in range(4))
        origin = node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=5).origin
        self.origin = origin
        self.node_did = did_key(
            node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=5).public_key
        )

    def submit(self, action: Message, *keys: Ed25519PrivateKey) -> ledger_pb2.Receipt:
        raw = build_signed(self.chain.chain_id, action, keys, now_us=time.time_ns() // 1000)
        return self.node.ledger.SubmitTransaction(
            ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=30
        ).receipt

    def build(self) -> Registry:
        kinds = (
            (self.university, identity_pb2.IDENTITY_KIND_AGENCY, "University of Bologna"),
            (self.bank_a, identity_pb2.IDENTITY_KIND_COMPANY, "Bank A"),
            (self.bank_b, identity_pb2.IDENTITY_KIND_COMPANY, "Bank B"),
            (self.citizen, identity_pb2.IDENTITY_KIND_CITIZEN, ""),
        )
        for party, kind, name in kinds:
            self.submit(
                identity_pb2.RegisterIdentity(
                    kind=kind, keys=[key_possession(party.key, party.did)], display_name=name
                ),
                self.root,
            )
        self.submit(
            credentials_pb2.AccreditIssuer(
                issuer=self.university.did, credential_types=["UniversityDegreeCredential"]
            ),
            self.root,
        )
        self.submit(
            credentials_pb2.AccreditIssuer(
                issuer=self.bank_a.did, credential_types=["KYCCredential"]
            ),
            self.root,
        )
        return self

    def issue(
        self,
        issuer: Party,
        kind: str,
        *,
        claims: dict[str, Any] | None = None,
        valid_from: datetime | None = None,
        valid_until: datetime | None = None,
        index: int | None = None,
    ) -> IssuedCredential:
        start = valid_from or datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
        return issue_credential(
            issuer.key,
            issuer=issuer.did,
            subject={"id": self.citizen.did, **(claims or {"level": "Master"})},
            types=[kind],
            valid_from=start,
            valid_until=valid_until or start + timedelta(days=365),
            status_list_url=lambda purpose: status_list_url(self.origin, issuer.did, purpose),
            status_index=index,
        )

    def register(
        self, issued: IssuedCredential, issuer: Party, *signers: Ed25519PrivateKey
    ) -> None:
        self.submit(
            credentials_pb2.RegisterCredential(
                credential_hash=issued.credential_hash,
                issuer=issuer.did,
                credential_types=list(issued.types),
                status_index=issued.status_index,
            ),
            *(signers or (issuer.key,)),
        )

    def set_status(
        self, issued: IssuedCredential, issuer: Party, purpose: int, value: bool
    ) -> None:
        self.submit(
            credentials_pb2.SetCredentialStatus(
                issuer=issuer.did, status_index=issued.status_index, purpose=purpose, value=value
            ),
            issuer.key,
        )

    def verify(
        self, credential: dict[str, Any] | bytes, verifier: Party | None = None
    ) -> credentials_pb2.VerifyCredentialResponse:
        raw = credential if isinstance(credential, bytes) else json.dumps(credential).encode()
        request = credentials_pb2.VerifyCredentialRequest(credential_json=raw)
        who = verifier or self.bank_b
        metadata = rpcauth.sign_request(who.key, VERIFY, request.SerializeToString())
        return self.stub.VerifyCredential(request, metadata=metadata, timeout=10)


@pytest.fixture
def registry(chain: Chain, node: NodeProcess) -> Registry:
    return Registry(chain, node).build()


def test_diploma_lifecycle(registry: Registry, tmp_path: Path) -> None:
    diploma = registry.issue(registry.university, "UniversityDegreeCredential")
    assert registry.verify(diploma.credential).status == Status.VERIFICATION_STATUS_UNTRUSTED_ISSUER
    registry.register(diploma, registry.university)
    answer = registry.verify(diploma.credential)
    assert answer.status == Status.VERIFICATION_STATUS_VALID, answer.reasons
    assert answer.registered and answer.credential_hash == diploma.credential_hash

    suspension = credentials_pb2.STATUS_PURPOSE_SUSPENSION
    revocation = credentials_pb2.STATUS_PURPOSE_REVOCATION
    registry.set_status(diploma, registry.university, suspension, True)
    assert registry.verify(diploma.credential).status == Status.VERIFICATION_STATUS_SUSPENDED
    registry.set_status(diploma, registry.university, suspension, False)
    assert registry.verify(diploma.credential).status == Status.VERIFICATION_STATUS_VALID
    registry.set_status(diploma, registry.university, revocation, True)
    assert registry.verify(diploma.credential).status == Status.VERIFICATION_STATUS_REVOKED
    exc = expect_error(
        lambda: registry.set_status(diploma, registry.university, revocation, False),
        grpc.StatusCode.FAILED_PRECONDITION,
        "REVOCATION_FINAL",
    )
    assert "entry_index" in error_info(exc).metadata

    # The status list the server serves is signed by the node and shows the revocation; the
    # offline verifier (library and CLI) reaches the same verdict from it.
    listed = registry.stub.GetStatusList(
        credentials_pb2.GetStatusListRequest(issuer=registry.university.did, purpose=revocation),
        timeout=5,
    )
    status_list = json.loads(listed.credential_json)
    assert status_list["issuer"] == registry.node_did
    assert status_list["id"] == status_list_url(
        registry.origin, registry.university.did, "revocation"
    )
    offline = verify_credential(
        diploma.credential,
        now=datetime.now(UTC),
        status_lists={status_list["id"]: status_list},
        status_list_issuers=lambda _issuer, list_issuer: list_issuer == registry.node_did,
    )
    assert offline.status.value == "REVOKED", offline.reasons
    credential_file = tmp_path / "diploma.json"
    credential_file.write_text(json.dumps(diploma.credential))
    list_file = tmp_path / "revocation-list.json"
    list_file.write_bytes(listed.credential_json)
    result = run_cli(
        "credential",
        "verify",
        str(credential_file),
        "--status-list",
        str(list_file),
        "--status-list-issuer",
        registry.node_did,
        check=False,
    )
    assert result.returncode == 1 and json.loads(result.stdout)["status"] == "REVOKED"
    # Without the node's key pinned, the list is not trusted for the university's credential.
    result = run_cli(
        "credential", "verify", str(credential_file), "--status-list", str(list_file), check=False
    )
    assert json.loads(result.stdout)["status"] == "UNTRUSTED_ISSUER"


def test_offline_cli_accepts_a_valid_credential_and_names_what_it_skipped(
    registry: Registry, tmp_path: Path
) -> None:
    diploma = registry.issue(registry.university, "UniversityDegreeCredential")
    path = tmp_path / "diploma.json"
    path.write_text(json.dumps(diploma.credential))
    trusted = f"{registry.university.did}=UniversityDegreeCredential"
    result = run_cli("credential", "verify", str(path), "--trust", trusted)
    verdict = json.loads(result.stdout)
    assert verdict["status"] == "VALID" and any("status" in s for s in verdict["skipped"])
    other = run_cli(
        "credential", "verify", str(path), "--trust", f"{registry.bank_a.did}=X", check=False
    )
    assert json.loads(other.stdout)["status"] == "UNTRUSTED_ISSUER"
    later = run_cli("credential", "verify", str(path), "--at", "2100-01-01T00:00:00Z", check=False)
    assert json.loads(later.stdout)["status"] == "EXPIRED"
    tampered = dict(diploma.credential)
    tampered["credentialSubject"] = {**tampered["credentialSubject"], "level": "Doctorate"}
    path.write_text(json.dumps(tampered))
    bad = run_cli("credential", "verify", str(path), check=False)
    assert json.loads(bad.stdout)["status"] == "INVALID_PROOF"
    path.write_text("{not json")
    assert json.loads(run_cli("credential", "verify", str(path), check=False).stdout)["status"] == (
        "MALFORMED"
    )


def test_server_verdicts(registry: Registry) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    expired = registry.issue(
        registry.university,
        "UniversityDegreeCredential",
        valid_from=now - timedelta(days=30),
        valid_until=now - timedelta(days=1),
    )
    future = registry.issue(
        registry.university,
        "UniversityDegreeCredential",
        valid_from=now + timedelta(days=30),
        valid_until=now + timedelta(days=60),
    )
    for issued in (expired, future):
        registry.register(issued, registry.university)
    assert registry.verify(expired.credential).status == Status.VERIFICATION_STATUS_EXPIRED
    assert registry.verify(future.credential).status == Status.VERIFICATION_STATUS_NOT_YET_VALID
    tampered = json.loads(json.dumps(expired.credential))
    tampered["credentialSubject"]["level"] = "PhD"
    answer = registry.verify(tampered)
    assert answer.status == Status.VERIFICATION_STATUS_INVALID_PROOF, answer.reasons
    assert registry.verify(b"[1, 2").status == Status.VERIFICATION_STATUS_MALFORMED
    # Signed by the citizen, claiming to be the university: the key is not the issuer's.
    forged = issue_credential(
        registry.citizen.key,
        issuer=registry.citizen.did,
        subject={"id": registry.citizen.did},
        types=["UniversityDegreeCredential"],
        valid_from=now,
        valid_until=None,
        status_list_url=lambda p: f"https://example.org/{p}",
    ).credential
    forged["issuer"] = registry.university.did
    assert registry.verify(forged).status in (
        Status.VERIFICATION_STATUS_INVALID_PROOF,
        Status.VERIFICATION_STATUS_MALFORMED,
    )
    expect_error(
        lambda: registry.stub.VerifyCredential(
            credentials_pb2.VerifyCredentialRequest(credential_json=b"{}"), timeout=5
        ),
        grpc.StatusCode.UNAUTHENTICATED,
        "AUTHENTICATION_REQUIRED",
    )


def test_registration_rules(registry: Registry) -> None:
    diploma = registry.issue(registry.university, "UniversityDegreeCredential")
    # Bank B is not accredited for diplomas: refused, and the attempt is logged.
    fake = registry.issue(registry.bank_b, "UniversityDegreeCredential")
    expect_error(
        lambda: registry.register(fake, registry.bank_b),
        grpc.StatusCode.PERMISSION_DENIED,
        "NOT_ACCREDITED",
    )
    # Only the university (or its admins/issuers) may register in its name.
    expect_error(
        lambda: registry.register(diploma, registry.university, registry.bank_a.key),
        grpc.StatusCode.PERMISSION_DENIED,
        "NOT_AUTHORIZED",
    )
    registry.register(diploma, registry.university)
    expect_error(
        lambda: registry.register(diploma, registry.university),
        grpc.StatusCode.ALREADY_EXISTS,
        "CREDENTIAL_ALREADY_REGISTERED",
    )
    clash = registry.issue(
        registry.university,
        "UniversityDegreeCredential",
        claims={"level": "Bachelor"},
        index=diploma.status_index,
    )
    expect_error(
        lambda: registry.register(clash, registry.university),
        grpc.StatusCode.ALREADY_EXISTS,
        "STATUS_INDEX_TAKEN",
    )
    # An official of the university holding its "issuer" role may register for it.
    registrar = Party()
    registry.submit(
        identity_pb2.RegisterIdentity(
            kind=identity_pb2.IDENTITY_KIND_OFFICIAL,
            keys=[key_possession(registrar.key, registrar.did)],
            owner=registry.university.did,
        ),
        registry.university.key,
    )
    registry.submit(
        identity_pb2.GrantRole(
            subject=registrar.did, organization=registry.university.did, role="issuer"
        ),
        registry.university.key,
    )
    again = registry.issue(registry.university, "UniversityDegreeCredential", claims={"n": 2})
    registry.register(again, registry.university, registrar.key)
    issuer = registry.stub.GetIssuer(
        credentials_pb2.GetIssuerRequest(issuer=registry.university.did), timeout=5
    )
    assert list(issuer.credential_types) == ["UniversityDegreeCredential"]
    # Withdrawn accreditation: already registered credentials now come from an untrusted issuer.
    registry.submit(
        credentials_pb2.WithdrawAccreditation(issuer=registry.university.did), registry.root
    )
    assert registry.verify(again.credential).status == Status.VERIFICATION_STATUS_UNTRUSTED_ISSUER


def test_kyc_reuse_and_the_subject_sees_who_asked(registry: Registry) -> None:
    kyc = registry.issue(registry.bank_a, "KYCCredential", claims={"checked": "2026-11-01"})
    registry.register(kyc, registry.bank_a)
    # Bank B verifies the citizen's KYC from bank A without contacting bank A.
    answer = registry.verify(kyc.credential, registry.bank_b)
    assert answer.status == Status.VERIFICATION_STATUS_VALID, answer.reasons
    request = credentials_pb2.ListStatusQueriesRequest()
    mine = registry.stub.ListStatusQueries(
        request,
        metadata=rpcauth.sign_request(
            registry.citizen.key, LIST_QUERIES, request.SerializeToString()
        ),
        timeout=5,
    ).queries
    assert [(q.verifier, q.credential_hash, q.issuer) for q in mine] == [
        (registry.bank_b.did, kyc.credential_hash, registry.bank_a.did)
    ]
    assert mine[0].status == Status.VERIFICATION_STATUS_VALID
    # Bank B sees no queries about itself (it is no subject here).
    theirs = registry.stub.ListStatusQueries(
        request,
        metadata=rpcauth.sign_request(
            registry.bank_b.key, LIST_QUERIES, request.SerializeToString()
        ),
        timeout=5,
    ).queries
    assert list(theirs) == []


def test_the_log_verifies_after_credential_changes(registry: Registry, chain: Chain) -> None:
    kyc = registry.issue(registry.bank_a, "KYCCredential")
    registry.register(kyc, registry.bank_a)
    registry.set_status(kyc, registry.bank_a, credentials_pb2.STATUS_PURPOSE_SUSPENSION, True)
    registry.node.terminate()
    assert run_cli("verify", "--data-dir", str(chain.data_dir)).returncode == 0
