"""The document vault through the real server: two organisations, grants that expire, shares
that try to widen rights, revocation, break glass and its review, the data subject's access
log, erasure (and `tabularium verify` after it), and a read whose access event cannot be logged.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from pathlib import Path

import grpc
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.message import Message

from tabularium import rpcauth, vault_client
from tabularium.chain.tx import timestamp_us
from tabularium.crypto.didkey import did_key
from tabularium.domains.vault.model import commitment
from tabularium.identity.v1 import identity_pb2
from tabularium.ledger.v1 import ledger_pb2
from tabularium.txbuild import build_signed, key_possession
from tabularium.vault.v1 import vault_pb2, vault_pb2_grpc
from tests.conftest import Chain, NodeProcess, run_cli
from tests.helpers import error_info, expect_error

READ, SHARE, EXPORT, ANNOTATE = (
    vault_pb2.PERMISSION_READ,
    vault_pb2.PERMISSION_SHARE,
    vault_pb2.PERMISSION_EXPORT,
    vault_pb2.PERMISSION_ANNOTATE,
)
CONTENT = b"%PDF-1.7 discharge letter\n" + bytes(range(256)) * 5000


class Party:
    def __init__(self) -> None:
        self.key = Ed25519PrivateKey.generate()
        self.did = did_key(self.key.public_key().public_bytes_raw())


class Vault:
    """A hospital (agency A) and a ministry (agency B), officials of each, a citizen."""

    def __init__(self, chain: Chain, node: NodeProcess) -> None:
        self.chain, self.node = chain, node
        self.stub = vault_pb2_grpc.VaultServiceStub(node.channel())
        self.hospital, self.ministry = Party(), Party()
        self.doctor, self.nurse, self.auditor, self.inspector = (Party() for _ in range(4))
        self.patient = Party()
        root = chain.admin_key
        for org, name in ((self.hospital, "Hospital"), (self.ministry, "Ministry")):
            self.submit(
                identity_pb2.RegisterIdentity(
                    kind=identity_pb2.IDENTITY_KIND_AGENCY,
                    keys=[key_possession(org.key, org.did)],
                    display_name=name,
                ),
                root,
            )
        for official, org, name in (
            (self.doctor, self.hospital, "Dr A"),
            (self.nurse, self.hospital, "Nurse B"),
            (self.auditor, self.hospital, "Auditor C"),
            (self.inspector, self.ministry, "Inspector D"),
        ):
            self.submit(
                identity_pb2.RegisterIdentity(
                    kind=identity_pb2.IDENTITY_KIND_OFFICIAL,
                    owner=org.did,
                    keys=[key_possession(official.key, official.did)],
                    display_name=name,
                ),
                org.key,
            )
        self.submit(
            identity_pb2.RegisterIdentity(
                kind=identity_pb2.IDENTITY_KIND_CITIZEN,
                keys=[key_possession(self.patient.key, self.patient.did)],
            ),
            root,
        )
        self.submit(
            identity_pb2.GrantRole(
                organization=self.hospital.did, subject=self.auditor.did, role="reviewer"
            ),
            self.hospital.key,
        )

    def submit(self, action: Message, *keys: Ed25519PrivateKey) -> ledger_pb2.Receipt:
        raw = build_signed(self.chain.chain_id, action, keys, now_us=time.time_ns() // 1000)
        return self.node.ledger.SubmitTransaction(
            ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=30
        ).receipt

    def put(self, content: bytes = CONTENT, **kwargs: object) -> vault_client.Stored:
        options: dict[str, object] = {
            "owner": self.hospital.did,
            "media_type": "application/pdf",
            "folder": "cardiology/letters",
            "subjects": [self.patient.did],
        }
        options.update(kwargs)
        return vault_client.put_document(
            self.node.channel(),
            self.chain.chain_id,
            [self.hospital.key],
            [content],
            timeout=60,
            **options,  # type: ignore[arg-type]
        )

    def grant(
        self,
        grantee: Party,
        permissions: list[int],
        *,
        document_id: bytes = b"",
        folder: str = "",
        seconds: float = 3600,
    ) -> bytes:
        receipt = self.submit(
            vault_pb2.GrantAccess(
                owner=self.hospital.did,
                document_id=document_id,
                folder=folder,
                grantee=grantee.did,
                permissions=permissions,
                expires_at=timestamp_us(time.time_ns() // 1000 + int(seconds * 1e6)),
                purpose="treatment",
            ),
            self.hospital.key,
        )
        return hashlib.sha256(receipt.transaction).digest()[:16]

    def read(
        self, who: Party, document_id: bytes, grant_id: bytes = b"", **kwargs: object
    ) -> tuple[vault_pb2.ReadHeader, bytes]:
        header, chunks = vault_client.read_document(
            self.node.channel(),
            self.chain.chain_id,
            who.key,
            document_id,
            purpose=str(kwargs.pop("purpose", "follow-up care")),
            grant_id=grant_id,
            timeout=60,
            **kwargs,  # type: ignore[arg-type]
        )
        return header, b"".join(chunks)


@pytest.fixture
def vault(chain: Chain, node: NodeProcess) -> Iterator[Vault]:
    yield Vault(chain, node)


def test_store_grant_read_across_organisations(vault: Vault) -> None:
    stored = vault.put()
    document_id = stored.response.document_id
    assert stored.response.version == 1 and len(document_id) == 16
    # An official of another organisation reads with a grant by the owner.
    grant = vault.grant(vault.inspector, [READ], document_id=document_id)
    header, content = vault.read(vault.inspector, document_id, grant)
    assert content == CONTENT
    assert header.version.size == len(CONTENT) and header.version.version == 1
    assert header.salt == b"", "the salt (commitment opening) is for EXPORT only"
    # The access event is a committed entry, signed by the reader, before any byte came back.
    entry = vault.node.ledger.GetTransaction(
        ledger_pb2.GetTransactionRequest(tx_hash=header.access_receipt.tx_hash), timeout=10
    )
    assert entry.entry_index == header.access_receipt.entry_index
    assert entry.result.status == ledger_pb2.TRANSACTION_STATUS_ACCEPTED
    # Nobody reads without a grant, not even the owner's own official.
    expect_error(
        lambda: vault.read(vault.doctor, document_id, grant),
        grpc.StatusCode.PERMISSION_DENIED,
        "NOT_GRANTEE",
    )
    # A grant without the action asked for names the missing permission.
    exc = expect_error(
        lambda: vault.read(vault.inspector, document_id, grant, export=True),
        grpc.StatusCode.PERMISSION_DENIED,
        "PERMISSION_MISSING",
    )
    assert error_info(exc).metadata["missing_permission"] == "export"
    assert "entry_index" in error_info(exc).metadata, "the refused attempt is logged too"


def test_versions_chain_and_verify_copy(vault: Vault) -> None:
    first = vault.put(b"version one")
    document_id = first.response.document_id
    second = vault.put(
        b"version two",
        document_id=document_id,
        previous_version=1,
        folder="",
        subjects=[],
    )
    assert second.response.version == 2
    # A stale previous_version is refused: the chain cannot fork or be shortened.
    expect_error(
        lambda: vault.put(
            b"late", document_id=document_id, previous_version=1, folder="", subjects=[]
        ),
        grpc.StatusCode.FAILED_PRECONDITION,
        "VERSION_CONFLICT",
    )
    history = vault.stub.GetDocumentHistory(
        vault_pb2.GetDocumentHistoryRequest(document_id=document_id), timeout=10
    )
    assert [v.version for v in history.versions] == [1, 2]
    assert history.versions[1].previous_commitment == history.versions[0].commitment
    assert history.document.latest_version == 2
    # Anyone holding the copy and the salt checks it against the log, with a receipt.
    check = vault.stub.VerifyDocumentCopy(
        vault_pb2.VerifyDocumentCopyRequest(
            document_id=document_id, version=2, sha256=second.sha256, salt=second.salt
        ),
        timeout=10,
    )
    assert check.matches and check.receipt.entry_index == history.versions[1].entry_index
    forged = vault.stub.VerifyDocumentCopy(
        vault_pb2.VerifyDocumentCopyRequest(
            document_id=document_id,
            version=2,
            sha256=hashlib.sha256(b"forged").digest(),
            salt=second.salt,
        ),
        timeout=10,
    )
    assert not forged.matches
    # The content must open the commitment the uploader signed, and nothing is kept if not.
    salt = bytes(range(32))
    for size, sha, reason in (
        (4, hashlib.sha256(b"abc").digest(), "SIZE_MISMATCH"),
        (3, hashlib.sha256(b"abd").digest(), "CONTENT_MISMATCH"),
    ):
        expect_error(
            lambda size=size, sha=sha: vault.stub.PutDocument(
                _lying_upload(vault, b"abc", size, commitment(salt, sha), salt), timeout=30
            ),
            grpc.StatusCode.INVALID_ARGUMENT,
            reason,
        )
    blobs = vault.chain.data_dir / "vault" / "blobs"
    assert len(list(blobs.iterdir())) == 2, "only the two committed versions have content"
    # StoreDocument only goes through PutDocument, which stores the content.
    expect_error(
        lambda: vault.submit(
            vault_pb2.StoreDocument(
                owner=vault.hospital.did,
                commitment=bytes(32),
                size=1,
                media_type="text/plain",
            ),
            vault.hospital.key,
        ),
        grpc.StatusCode.FAILED_PRECONDITION,
        "SUBMIT_VIA_SERVICE",
    )


def _lying_upload(
    vault: Vault, content: bytes, size: int, commits_to: bytes, salt: bytes
) -> Iterator[vault_pb2.PutDocumentRequest]:
    yield vault_pb2.PutDocumentRequest(chunk=content)
    action = vault_pb2.StoreDocument(
        owner=vault.hospital.did, commitment=commits_to, size=size, media_type="text/plain"
    )
    raw = build_signed(
        vault.chain.chain_id, action, [vault.hospital.key], now_us=time.time_ns() // 1000
    )
    yield vault_pb2.PutDocumentRequest(
        finish=vault_pb2.PutDocumentFinish(transaction=raw, salt=salt)
    )


def test_grant_expires_between_two_reads(vault: Vault) -> None:
    document_id = vault.put().response.document_id
    # Long enough for the first read on a slow machine; the test then sleeps only the rest.
    expires = time.time() + 5
    grant = vault.grant(vault.doctor, [READ], document_id=document_id, seconds=5)
    assert vault.read(vault.doctor, document_id, grant)[1] == CONTENT
    time.sleep(max(0.0, expires - time.time()) + 0.3)
    exc = expect_error(
        lambda: vault.read(vault.doctor, document_id, grant),
        grpc.StatusCode.PERMISSION_DENIED,
        "GRANT_EXPIRED",
    )
    assert "entry_index" in error_info(exc).metadata


def test_share_cannot_widen_and_revocation_cascades(vault: Vault) -> None:
    document_id = vault.put().response.document_id
    other = vault.put(b"other folder", folder="oncology").response.document_id
    parent = vault.grant(vault.doctor, [READ, SHARE], folder="cardiology", seconds=600)
    expires = time.time_ns() // 1000 + 300_000_000

    def share(permissions: list[int], until_us: int, **target: object) -> ledger_pb2.Receipt:
        return vault.submit(
            vault_pb2.ShareAccess(
                parent_grant_id=parent,
                grantee=vault.nurse.did,
                permissions=permissions,
                expires_at=timestamp_us(until_us),
                purpose="ward round",
                **target,  # type: ignore[arg-type]
            ),
            vault.doctor.key,
        )

    exc = expect_error(
        lambda: share([READ, EXPORT], expires),
        grpc.StatusCode.PERMISSION_DENIED,
        "SHARE_WIDENS_RIGHTS",
    )
    assert error_info(exc).metadata["extra_permissions"] == "export"
    expect_error(
        lambda: share([READ], expires + 3600_000_000),
        grpc.StatusCode.PERMISSION_DENIED,
        "SHARE_WIDENS_RIGHTS",
    )
    expect_error(
        lambda: share([READ], expires, document_id=other),
        grpc.StatusCode.PERMISSION_DENIED,
        "SHARE_WIDENS_RIGHTS",
    )
    expect_error(
        lambda: share([READ], expires, folder="oncology"),
        grpc.StatusCode.PERMISSION_DENIED,
        "SHARE_WIDENS_RIGHTS",
    )
    child = hashlib.sha256(share([READ], expires, document_id=document_id).transaction).digest()[
        :16
    ]
    assert vault.read(vault.nurse, document_id, child)[1] == CONTENT
    # The nurse cannot share on: the share did not include SHARE.
    expect_error(
        lambda: vault.submit(
            vault_pb2.ShareAccess(
                parent_grant_id=child,
                grantee=vault.auditor.did,
                permissions=[READ],
                expires_at=timestamp_us(expires),
                purpose="x",
            ),
            vault.nurse.key,
        ),
        grpc.StatusCode.PERMISSION_DENIED,
        "SHARE_NOT_PERMITTED",
    )
    chain = vault.stub.GetGrant(vault_pb2.GetGrantRequest(grant_id=child), timeout=10).chain
    assert [g.grant_id for g in chain] == [child, parent]
    # Revoking the parent revokes the share, from the next block.
    revoked = vault.submit(
        vault_pb2.RevokeAccess(grant_id=parent, reason="moved"), vault.hospital.key
    )
    assert revoked.block_height > 0
    exc = expect_error(
        lambda: vault.read(vault.nurse, document_id, child),
        grpc.StatusCode.PERMISSION_DENIED,
        "GRANT_REVOKED",
    )
    assert error_info(exc).metadata["grant_id"] == parent.hex()
    expect_error(
        lambda: vault.read(vault.doctor, document_id, parent),
        grpc.StatusCode.PERMISSION_DENIED,
        "GRANT_REVOKED",
    )
    # Only the grantor or someone who may grant in the owner revokes.
    other_grant = vault.grant(vault.doctor, [READ], document_id=document_id)
    expect_error(
        lambda: vault.submit(vault_pb2.RevokeAccess(grant_id=other_grant), vault.nurse.key),
        grpc.StatusCode.PERMISSION_DENIED,
        "NOT_AUTHORIZED",
    )


def test_break_glass_is_flagged_and_reviewed(vault: Vault) -> None:
    document_id = vault.put().response.document_id
    expect_error(
        lambda: vault.read(vault.doctor, document_id, justification="too short"),
        grpc.StatusCode.INVALID_ARGUMENT,
        "JUSTIFICATION_REQUIRED",
    )
    expect_error(
        lambda: vault.read(
            vault.inspector,
            document_id,
            justification="patient unconscious in the emergency room, allergies unknown",
        ),
        grpc.StatusCode.PERMISSION_DENIED,
        "BREAK_GLASS_NOT_ALLOWED",
    )
    header, content = vault.read(
        vault.doctor,
        document_id,
        purpose="emergency care",
        justification="patient unconscious in the emergency room, allergies unknown",
    )
    assert content == CONTENT
    entry = header.access_receipt.entry_index
    open_events = vault_client.list_break_glass(
        vault.node.channel(), vault.auditor.key, vault.hospital.did
    )
    assert [e.entry_index for e in open_events] == [entry]
    assert open_events[0].break_glass and open_events[0].accessor == vault.doctor.did
    expect_error(
        lambda: vault_client.list_break_glass(
            vault.node.channel(), vault.nurse.key, vault.hospital.did
        ),
        grpc.StatusCode.PERMISSION_DENIED,
        "NOT_REVIEWER",
    )

    def review(key: Ed25519PrivateKey) -> ledger_pb2.Receipt:
        return vault.submit(
            vault_pb2.ReviewBreakGlass(
                owner=vault.hospital.did,
                access_entry_index=entry,
                finding=vault_pb2.BREAK_GLASS_FINDING_JUSTIFIED,
                note="confirmed with the ER log",
            ),
            key,
        )

    expect_error(
        lambda: review(vault.nurse.key), grpc.StatusCode.PERMISSION_DENIED, "NOT_AUTHORIZED"
    )
    vault.submit(
        identity_pb2.GrantRole(
            organization=vault.hospital.did, subject=vault.doctor.did, role="reviewer"
        ),
        vault.hospital.key,
    )
    expect_error(lambda: review(vault.doctor.key), grpc.StatusCode.PERMISSION_DENIED, "SELF_REVIEW")
    review(vault.auditor.key)
    assert (
        vault_client.list_break_glass(vault.node.channel(), vault.auditor.key, vault.hospital.did)
        == []
    )
    closed = vault_client.list_break_glass(
        vault.node.channel(), vault.auditor.key, vault.hospital.did, include_reviewed=True
    )
    assert closed[0].review.reviewer == vault.auditor.did
    expect_error(
        lambda: review(vault.auditor.key), grpc.StatusCode.FAILED_PRECONDITION, "ALREADY_REVIEWED"
    )


def test_data_subject_sees_every_access(vault: Vault) -> None:
    document_id = vault.put().response.document_id
    grant = vault.grant(vault.inspector, [READ, EXPORT], document_id=document_id)
    vault.read(vault.inspector, document_id, grant, purpose="licence audit")
    header, content = vault.read(vault.inspector, document_id, grant, purpose="copy", export=True)
    assert header.salt and content == CONTENT
    events = vault_client.list_access_events(
        vault.node.channel(), vault.patient.key, subject=vault.patient.did
    )
    assert [(e.accessor, e.purpose) for e in events] == [
        (vault.inspector.did, "licence audit"),
        (vault.inspector.did, "copy"),
    ]
    assert events[1].permission == EXPORT and events[0].at.seconds > 0
    expect_error(
        lambda: vault_client.list_access_events(
            vault.node.channel(), vault.inspector.key, subject=vault.patient.did
        ),
        grpc.StatusCode.PERMISSION_DENIED,
        "NOT_SUBJECT",
    )
    by_document = vault_client.list_access_events(
        vault.node.channel(), vault.auditor.key, document_id=document_id
    )
    assert len(by_document) == 2
    # Each read needs a new access transaction: replaying the one used is refused.
    raw = vault_client.access_transaction(
        vault.chain.chain_id, vault.inspector.key, document_id, purpose="once", grant_id=grant
    )
    request = vault_pb2.ReadDocumentRequest(access_transaction=raw)

    def read_with(key: Ed25519PrivateKey) -> bytes:
        stream = vault.stub.ReadDocument(
            request,
            metadata=rpcauth.sign_request(
                key, vault_client.READ_METHOD, request.SerializeToString()
            ),
            timeout=30,
        )
        return b"".join(part.chunk for part in stream)

    expect_error(
        lambda: read_with(vault.doctor.key),
        grpc.StatusCode.PERMISSION_DENIED,
        "ACCESS_SIGNER_MISMATCH",
    )
    assert read_with(vault.inspector.key) == CONTENT
    expect_error(
        lambda: read_with(vault.inspector.key),
        grpc.StatusCode.ALREADY_EXISTS,
        "ACCESS_ALREADY_USED",
    )


def test_erasure_shreds_and_the_log_still_verifies(vault: Vault, chain: Chain) -> None:
    stored = vault.put()
    document_id = stored.response.document_id
    grant = vault.grant(vault.doctor, [READ], document_id=document_id)
    blobs = list((chain.data_dir / "vault" / "blobs").iterdir())
    assert len(blobs) == 1
    assert CONTENT[:64] not in blobs[0].read_bytes(), "content is stored encrypted"
    expect_error(
        lambda: vault.submit(
            vault_pb2.EraseDocument(
                owner=vault.hospital.did, document_id=document_id, legal_basis="GDPR Art. 17"
            ),
            vault.doctor.key,
        ),
        grpc.StatusCode.PERMISSION_DENIED,
        "NOT_AUTHORIZED",
    )
    erased = vault.submit(
        vault_pb2.EraseDocument(
            owner=vault.hospital.did,
            document_id=document_id,
            legal_basis="GDPR Art. 17(1)(a)",
            request_sha256=hashlib.sha256(b"request 2026-118").digest(),
        ),
        vault.hospital.key,
    )
    expect_error(
        lambda: vault.read(vault.doctor, document_id, grant), grpc.StatusCode.NOT_FOUND, "ERASED"
    )
    deadline = time.monotonic() + 10
    while any((chain.data_dir / "vault" / "blobs").iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any((chain.data_dir / "vault" / "blobs").iterdir()), "ciphertext destroyed"
    history = vault.stub.GetDocumentHistory(
        vault_pb2.GetDocumentHistoryRequest(document_id=document_id), timeout=10
    )
    assert history.document.erasure.kind == "erased"
    assert history.document.erasure.entry_index == erased.entry_index
    assert history.document.erasure.shredded_here
    # The commitment stays: the owner's copy still proves what was erased, and when.
    check = vault.stub.VerifyDocumentCopy(
        vault_pb2.VerifyDocumentCopyRequest(
            document_id=document_id, sha256=stored.sha256, salt=stored.salt
        ),
        timeout=10,
    )
    assert check.matches and check.erasure.entry_index == erased.entry_index
    vault.node.terminate()
    result = run_cli("verify", "--data-dir", str(chain.data_dir))
    assert result.returncode == 0, result.stdout + result.stderr


def test_retention_expiry(vault: Vault) -> None:
    until = time.time_ns() // 1000 + 5_000_000
    document_id = vault.put(retain_until_us=until).response.document_id
    grant = vault.grant(vault.doctor, [READ], document_id=document_id)
    expect_error(
        lambda: vault.submit(vault_pb2.ExpireDocument(document_id=document_id), vault.nurse.key),
        grpc.StatusCode.FAILED_PRECONDITION,
        "RETENTION_NOT_REACHED",
    )
    assert vault.read(vault.doctor, document_id, grant)[1] == CONTENT
    time.sleep(max(0.0, until / 1e6 - time.time()) + 0.3)
    expect_error(
        lambda: vault.read(vault.doctor, document_id, grant),
        grpc.StatusCode.NOT_FOUND,
        "RETENTION_EXPIRED",
    )
    # The block that passed the retention date made the node destroy the content.
    blobs = vault.chain.data_dir / "vault" / "blobs"
    deadline = time.monotonic() + 10
    while any(blobs.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(blobs.iterdir()), "keys and ciphertext destroyed at the end of retention"
    expired = vault.submit(vault_pb2.ExpireDocument(document_id=document_id), vault.nurse.key)
    history = vault.stub.GetDocumentHistory(
        vault_pb2.GetDocumentHistoryRequest(document_id=document_id), timeout=10
    )
    assert history.document.erasure.kind == "retention-expired"
    assert history.document.erasure.entry_index == expired.entry_index


def test_read_fails_closed_when_the_access_event_cannot_be_logged(
    tmp_path: Path, chain: Chain, monkeypatch: pytest.MonkeyPatch
) -> None:
    failpoints = tmp_path / "failpoints"
    monkeypatch.setenv("TABULARIUM_FAILPOINTS_FILE", str(failpoints))
    node = NodeProcess(chain.data_dir).start()
    try:
        vault = Vault(chain, node)
        document_id = vault.put().response.document_id
        grant = vault.grant(vault.doctor, [READ], document_id=document_id)
        assert vault.read(vault.doctor, document_id, grant)[1] == CONTENT
        size_before = node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=5).tree_size
        failpoints.write_text("block-commit\n")  # every durable block write now fails
        received: list[bytes] = []

        def read() -> None:
            header, chunks = vault_client.read_document(
                node.channel(),
                chain.chain_id,
                vault.doctor.key,
                document_id,
                purpose="p",
                grant_id=grant,
                timeout=30,
            )
            received.append(header.SerializeToString())
            received.extend(chunks)

        expect_error(read, grpc.StatusCode.UNAVAILABLE, "COMMIT_FAILED")
        assert received == [], "no byte of the document before its access event is committed"
        failpoints.write_text("")
        info = node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=5)
        assert info.tree_size == size_before, "nothing was logged, nothing was lost"
        assert vault.read(vault.doctor, document_id, grant)[1] == CONTENT
    finally:
        node.kill()


def test_acknowledged_content_survives_kill_and_uncommitted_content_is_swept(
    tmp_path: Path, chain: Chain, monkeypatch: pytest.MonkeyPatch
) -> None:
    failpoints = tmp_path / "failpoints"
    monkeypatch.setenv("TABULARIUM_FAILPOINTS_FILE", str(failpoints))
    node = NodeProcess(chain.data_dir).start()
    vault = Vault(chain, node)
    document_id = vault.put().response.document_id
    grant = vault.grant(vault.doctor, [READ], document_id=document_id)
    # Content stored, then the node "dies" before the transaction is submitted.
    failpoints.write_text("vault-before-submit\n")
    expect_error(lambda: vault.put(b"never committed"), grpc.StatusCode.INTERNAL, None)
    blobs = chain.data_dir / "vault" / "blobs"
    assert len(list(blobs.iterdir())) == 2
    node.kill()
    failpoints.write_text("")
    node = NodeProcess(chain.data_dir).start()
    try:
        vault.node = node
        assert len(list(blobs.iterdir())) == 1, "the uncommitted upload was swept at start-up"
        assert vault.read(vault.doctor, document_id, grant)[1] == CONTENT
    finally:
        node.kill()


def test_annotation_is_an_access_event_with_its_digest(vault: Vault) -> None:
    document_id = vault.put().response.document_id
    reader = vault.grant(vault.doctor, [READ], document_id=document_id)
    annotator = vault.grant(vault.nurse, [READ, ANNOTATE], folder="cardiology")
    note = hashlib.sha256(b"blood pressure re-checked, 120/80").digest()

    def annotate(who: Party, grant: bytes) -> ledger_pb2.Receipt:
        raw = vault_client.access_transaction(
            vault.chain.chain_id,
            who.key,
            document_id,
            purpose="ward note",
            grant_id=grant,
            permission="annotate",
            annotation_sha256=note,
        )
        return vault.node.ledger.SubmitTransaction(
            ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=30
        ).receipt

    exc = expect_error(
        lambda: annotate(vault.doctor, reader),
        grpc.StatusCode.PERMISSION_DENIED,
        "PERMISSION_MISSING",
    )
    assert error_info(exc).metadata["missing_permission"] == "annotate"
    receipt = annotate(vault.nurse, annotator)
    events = vault_client.list_access_events(
        vault.node.channel(), vault.patient.key, subject=vault.patient.did
    )
    assert [(e.entry_index, e.permission, e.annotation_sha256) for e in events] == [
        (receipt.entry_index, ANNOTATE, note)
    ]
    # ReadDocument returns content for READ and EXPORT only.
    raw = vault_client.access_transaction(
        vault.chain.chain_id,
        vault.nurse.key,
        document_id,
        purpose="x",
        grant_id=annotator,
        permission="annotate",
        annotation_sha256=note,
    )
    request = vault_pb2.ReadDocumentRequest(access_transaction=raw)
    expect_error(
        lambda: list(
            vault.stub.ReadDocument(
                request,
                metadata=rpcauth.sign_request(
                    vault.nurse.key, vault_client.READ_METHOD, request.SerializeToString()
                ),
                timeout=30,
            )
        ),
        grpc.StatusCode.INVALID_ARGUMENT,
        "PERMISSION_INVALID",
    )


def test_revocation_applies_from_the_next_block(vault: Vault) -> None:
    document_id = vault.put().response.document_id
    grant = vault.grant(vault.doctor, [READ], document_id=document_id)
    now = time.time_ns() // 1000
    revoke = build_signed(
        vault.chain.chain_id,
        vault_pb2.RevokeAccess(grant_id=grant),
        [vault.hospital.key],
        now_us=now,
    )

    def access() -> bytes:
        return vault_client.access_transaction(
            vault.chain.chain_id, vault.doctor.key, document_id, purpose="p", grant_id=grant
        )

    # One SubmitTransactions call is queued at once, so it lands in one block.
    results = vault.node.ledger.SubmitTransactions(
        ledger_pb2.SubmitTransactionsRequest(transactions=[revoke, access()]), timeout=30
    ).results
    assert results[0].receipt.block_height == results[1].receipt.block_height
    assert results[1].HasField("receipt"), "an access in the revoking block still stands"
    later = vault.node.ledger.SubmitTransactions(
        ledger_pb2.SubmitTransactionsRequest(transactions=[access()]), timeout=30
    ).results[0]
    assert later.error.reason == "GRANT_REVOKED"


def test_malformed_uploads_and_reads_get_clear_errors_and_leave_nothing(vault: Vault) -> None:
    salt = bytes(32)
    content = b"abc"
    store = vault_pb2.StoreDocument(
        owner=vault.hospital.did,
        commitment=commitment(salt, hashlib.sha256(content).digest()),
        size=len(content),
        media_type="text/plain",
    )
    good_tx = build_signed(
        vault.chain.chain_id, store, [vault.hospital.key], now_us=time.time_ns() // 1000
    )
    grant_tx = build_signed(
        vault.chain.chain_id,
        vault_pb2.RevokeAccess(grant_id=bytes(16)),
        [vault.hospital.key],
        now_us=time.time_ns() // 1000,
    )

    def upload(*parts: vault_pb2.PutDocumentRequest) -> object:
        return vault.stub.PutDocument(iter(parts), timeout=30)

    chunk = vault_pb2.PutDocumentRequest(chunk=content)

    def finish(tx: bytes, with_salt: bytes = salt) -> vault_pb2.PutDocumentRequest:
        return vault_pb2.PutDocumentRequest(
            finish=vault_pb2.PutDocumentFinish(transaction=tx, salt=with_salt)
        )

    for parts, reason in (
        ((chunk,), "FINISH_MISSING"),
        ((chunk, finish(good_tx), chunk), "CHUNK_AFTER_FINISH"),
        ((chunk, finish(grant_tx)), "NOT_STORE_DOCUMENT"),
        ((chunk, finish(good_tx, b"short")), "SALT_INVALID"),
        ((vault_pb2.PutDocumentRequest(chunk=bytes(5 << 20)), finish(good_tx)), "CHUNK_TOO_LARGE"),
        ((chunk, finish(b"\xff\x00garbage")), "TX_MALFORMED"),
    ):
        expect_error(lambda parts=parts: upload(*parts), grpc.StatusCode.INVALID_ARGUMENT, reason)
    vault_dir = vault.chain.data_dir / "vault"
    assert not any((vault_dir / "blobs").iterdir()) and not any((vault_dir / "staging").iterdir())
    # The same finish once more is a retry: one version, one blob, the same answer.
    first = upload(chunk, finish(good_tx))
    again = upload(chunk, finish(good_tx))
    assert first == again
    assert len(list((vault_dir / "blobs").iterdir())) == 1
    document_id = first.document_id  # type: ignore[attr-defined]

    # Reads: unsigned, a non-access transaction, a window longer than 300 s.
    raw = vault_client.access_transaction(
        vault.chain.chain_id, vault.doctor.key, document_id, purpose="p", grant_id=bytes(16)
    )
    request = vault_pb2.ReadDocumentRequest(access_transaction=raw)
    expect_error(
        lambda: list(vault.stub.ReadDocument(request, timeout=30)),
        grpc.StatusCode.UNAUTHENTICATED,
        "AUTHENTICATION_REQUIRED",
    )

    def signed_read(tx: bytes) -> list[object]:
        req = vault_pb2.ReadDocumentRequest(access_transaction=tx)
        metadata = rpcauth.sign_request(
            vault.doctor.key, vault_client.READ_METHOD, req.SerializeToString()
        )
        return list(vault.stub.ReadDocument(req, metadata=metadata, timeout=30))

    other = build_signed(
        vault.chain.chain_id, store, [vault.doctor.key], now_us=time.time_ns() // 1000
    )
    expect_error(
        lambda: signed_read(other), grpc.StatusCode.INVALID_ARGUMENT, "NOT_ACCESS_DOCUMENT"
    )
    long_window = build_signed(
        vault.chain.chain_id,
        vault_pb2.AccessDocument(
            document_id=document_id,
            permission=READ,
            grant_id=bytes(16),
            purpose="p",
        ),
        [vault.doctor.key],
        now_us=time.time_ns() // 1000,
        window_seconds=600,
    )
    expect_error(
        lambda: signed_read(long_window), grpc.StatusCode.INVALID_ARGUMENT, "ACCESS_WINDOW_TOO_LONG"
    )
    expect_error(lambda: signed_read(raw), grpc.StatusCode.NOT_FOUND, "GRANT_NOT_FOUND")
