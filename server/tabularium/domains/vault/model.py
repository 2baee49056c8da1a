"""Actions and records of the document vault.

Records are canonical JSON (``chain.identity.canonical_json``), bytes as hex, times as integer
microseconds of block time. Ids are 16 bytes: the start of the creating transaction's hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from tabularium.chain.identity import canonical_json
from tabularium.domains.identity.model import check_did
from tabularium.errors import InvalidArgument

ID_SIZE = 16
DIGEST_SIZE = 32
SALT_SIZE = 32
PERMISSIONS = ("read", "annotate", "share", "export")
# What an AccessDocument may record (share is exercised by ShareAccess).
ACCESS_PERMISSIONS = ("read", "annotate", "export")
MAX_SHORT_TEXT = 256
MAX_LONG_TEXT = 1024
MIN_JUSTIFICATION = 20
MAX_SUBJECTS = 32
MAX_FOLDER_BYTES = 256
MAX_MEDIA_TYPE_BYTES = 128
FINDINGS = ("justified", "unjustified")
ERASED, RETENTION_EXPIRED = "erased", "retention-expired"
COMMITMENT_CONTEXT = b"tabularium/vault/commitment/v1\x00"


def commitment(salt: bytes, content_sha256: bytes) -> bytes:
    """SHA-256("tabularium/vault/commitment/v1" 0x00 salt SHA-256(content)): binds the content
    without revealing it, even when the content is guessable (the salt is 32 random bytes)."""
    return hashlib.sha256(COMMITMENT_CONTEXT + salt + content_sha256).digest()


def new_id(tx_hash: bytes) -> bytes:
    return tx_hash[:ID_SIZE]


def check_id(value: bytes, name: str, *, required: bool = True) -> None:
    if not value and not required:
        return
    if len(value) != ID_SIZE:
        raise InvalidArgument(
            name.upper() + "_INVALID", f"{name} has {len(value)} bytes, want {ID_SIZE}", field=name
        )


def check_text(value: str, name: str, limit: int, *, required: bool = False) -> None:
    if required and not value.strip():
        raise InvalidArgument(name.upper() + "_MISSING", f"{name} is required", field=name)
    if len(value.encode()) > limit:
        raise InvalidArgument("TEXT_TOO_LONG", f"{name} exceeds {limit} bytes", field=name)


def check_folder(folder: str, name: str = "folder") -> None:
    """ "/"-separated path without empty, "." or ".." segments; "" for none."""
    if not folder:
        return
    segments = folder.split("/")
    if (
        len(folder.encode()) > MAX_FOLDER_BYTES
        or any(s in ("", ".", "..") for s in segments)
        or any(c.isspace() and c != " " for c in folder)
    ):
        raise InvalidArgument(
            "FOLDER_INVALID",
            f"{name} {folder!r}: '/'-separated non-empty segments, at most {MAX_FOLDER_BYTES} "
            "bytes, no leading or trailing '/'",
            field=name,
        )


def folder_contains(outer: str, inner: str) -> bool:
    """Whether folder ``inner`` is ``outer`` or below it. "" (the root) contains everything."""
    return not outer or inner == outer or inner.startswith(outer + "/")


def check_permissions(permissions: tuple[str, ...], name: str = "permissions") -> None:
    if not permissions:
        raise InvalidArgument("PERMISSIONS_MISSING", "name at least one permission", field=name)
    if len(set(permissions)) != len(permissions) or any(p not in PERMISSIONS for p in permissions):
        raise InvalidArgument(
            "PERMISSIONS_INVALID",
            f"permissions must be distinct values of {list(PERMISSIONS)}",
            field=name,
        )


# ----- actions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoreDocument:
    owner: str
    document_id: bytes
    previous_version: int
    commitment: bytes
    size: int
    media_type: str
    folder: str
    subjects: tuple[str, ...]
    retain_until_us: int

    def __post_init__(self) -> None:
        check_did(self.owner, "owner")
        check_id(self.document_id, "document_id", required=False)
        if len(self.commitment) != DIGEST_SIZE:
            raise InvalidArgument(
                "COMMITMENT_INVALID", "commitment must be 32 bytes", field="commitment"
            )
        if not self.media_type or len(self.media_type.encode()) > MAX_MEDIA_TYPE_BYTES:
            raise InvalidArgument(
                "MEDIA_TYPE_INVALID",
                f"media_type is required, at most {MAX_MEDIA_TYPE_BYTES} bytes",
                field="media_type",
            )
        check_folder(self.folder)
        if len(self.subjects) > MAX_SUBJECTS or len(set(self.subjects)) != len(self.subjects):
            raise InvalidArgument(
                "SUBJECTS_INVALID", f"at most {MAX_SUBJECTS} distinct subjects", field="subjects"
            )
        for subject in self.subjects:
            check_did(subject, "subjects")
        if self.document_id:
            if self.previous_version < 1:
                raise InvalidArgument(
                    "PREVIOUS_VERSION_MISSING",
                    "a new version names the latest version as previous_version",
                    field="previous_version",
                )
            if self.folder or self.subjects or self.retain_until_us:
                raise InvalidArgument(
                    "DOCUMENT_FIELDS_FIXED",
                    "folder, subjects and retain_until are set by the first version only",
                    field="folder",
                )
        elif self.previous_version:
            raise InvalidArgument(
                "PREVIOUS_VERSION_INVALID",
                "previous_version needs a document_id",
                field="previous_version",
            )


@dataclass(frozen=True, slots=True)
class GrantAccess:
    owner: str
    document_id: bytes
    folder: str
    grantee: str
    permissions: tuple[str, ...]
    expires_at_us: int
    purpose: str

    def __post_init__(self) -> None:
        check_did(self.owner, "owner")
        _check_grant(self, target_required=True)


@dataclass(frozen=True, slots=True)
class ShareAccess:
    parent_grant_id: bytes
    grantee: str
    permissions: tuple[str, ...]
    expires_at_us: int
    purpose: str
    document_id: bytes
    folder: str

    def __post_init__(self) -> None:
        check_id(self.parent_grant_id, "parent_grant_id")
        _check_grant(self, target_required=False)


@dataclass(frozen=True, slots=True)
class RevokeAccess:
    grant_id: bytes
    reason: str

    def __post_init__(self) -> None:
        check_id(self.grant_id, "grant_id")
        check_text(self.reason, "reason", MAX_SHORT_TEXT)


@dataclass(frozen=True, slots=True)
class AccessDocument:
    document_id: bytes
    version: int
    permission: str
    grant_id: bytes
    purpose: str
    justification: str
    annotation_sha256: bytes

    def __post_init__(self) -> None:
        check_id(self.document_id, "document_id")
        check_id(self.grant_id, "grant_id", required=False)
        if self.permission not in ACCESS_PERMISSIONS:
            raise InvalidArgument(
                "PERMISSION_INVALID",
                f"an access records one of {list(ACCESS_PERMISSIONS)}",
                field="permission",
            )
        check_text(self.purpose, "purpose", MAX_SHORT_TEXT, required=True)
        check_text(self.justification, "break_glass_justification", MAX_LONG_TEXT)
        if self.grant_id and self.justification:
            raise InvalidArgument(
                "JUSTIFICATION_WITH_GRANT",
                "a break-glass justification is for accesses without a grant",
                field="break_glass_justification",
            )
        if not self.grant_id and len(self.justification.strip()) < MIN_JUSTIFICATION:
            raise InvalidArgument(
                "JUSTIFICATION_REQUIRED",
                "an access without a grant is a break-glass access and needs a written "
                f"justification of at least {MIN_JUSTIFICATION} characters",
                field="break_glass_justification",
            )
        if (self.permission == "annotate") != bool(self.annotation_sha256):
            raise InvalidArgument(
                "ANNOTATION_INVALID",
                "annotation_sha256 (32 bytes) goes with PERMISSION_ANNOTATE, and only with it",
                field="annotation_sha256",
            )
        if self.annotation_sha256 and len(self.annotation_sha256) != DIGEST_SIZE:
            raise InvalidArgument(
                "ANNOTATION_INVALID",
                "annotation_sha256 must be 32 bytes",
                field="annotation_sha256",
            )


@dataclass(frozen=True, slots=True)
class ReviewBreakGlass:
    owner: str
    access_entry_index: int
    finding: str
    note: str

    def __post_init__(self) -> None:
        check_did(self.owner, "owner")
        if self.finding not in FINDINGS:
            raise InvalidArgument(
                "FINDING_INVALID", "finding is JUSTIFIED or UNJUSTIFIED", field="finding"
            )
        check_text(self.note, "note", MAX_LONG_TEXT)


@dataclass(frozen=True, slots=True)
class EraseDocument:
    owner: str
    document_id: bytes
    legal_basis: str
    request_sha256: bytes

    def __post_init__(self) -> None:
        check_did(self.owner, "owner")
        check_id(self.document_id, "document_id")
        check_text(self.legal_basis, "legal_basis", MAX_SHORT_TEXT, required=True)
        if self.request_sha256 and len(self.request_sha256) != DIGEST_SIZE:
            raise InvalidArgument(
                "REQUEST_SHA256_INVALID", "request_sha256 must be 32 bytes", field="request_sha256"
            )


@dataclass(frozen=True, slots=True)
class ExpireDocument:
    document_id: bytes

    def __post_init__(self) -> None:
        check_id(self.document_id, "document_id")


def _check_target(document_id: bytes, folder: str, *, required: bool) -> None:
    if document_id and folder:
        raise InvalidArgument(
            "TARGET_INVALID", "name a document or a folder, not both", field="document_id"
        )
    if required and not document_id and not folder:
        raise InvalidArgument(
            "TARGET_MISSING", "name a document_id or a folder", field="document_id"
        )
    check_id(document_id, "document_id", required=False)
    check_folder(folder)


def _check_grant(grant: GrantAccess | ShareAccess, *, target_required: bool) -> None:
    """What a grant and a share both need: grantee, target, permissions, expiry, purpose."""
    check_did(grant.grantee, "grantee")
    _check_target(grant.document_id, grant.folder, required=target_required)
    check_permissions(grant.permissions)
    if grant.expires_at_us <= 0:
        raise InvalidArgument(
            "EXPIRY_MISSING", "every grant has an expiry (expires_at)", field="expires_at"
        )
    check_text(grant.purpose, "purpose", MAX_SHORT_TEXT, required=True)


# ----- records ---------------------------------------------------------------------------------


def _hex(value: bytes) -> str:
    return value.hex()


@dataclass(frozen=True, slots=True)
class Erasure:
    kind: str  # ERASED or RETENTION_EXPIRED
    at_us: int
    entry_index: int
    legal_basis: str = ""
    request_sha256: bytes = b""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "at_us": self.at_us,
            "entry_index": self.entry_index,
            "legal_basis": self.legal_basis,
            "request_sha256": _hex(self.request_sha256),
        }

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> Erasure:
        return cls(
            str(doc["kind"]),
            int(doc["at_us"]),
            int(doc["entry_index"]),
            str(doc["legal_basis"]),
            bytes.fromhex(doc["request_sha256"]),
        )


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    document_id: bytes
    owner: str
    folder: str
    subjects: tuple[str, ...]
    retain_until_us: int
    latest_version: int
    erasure: Erasure | None = None

    def encode(self) -> bytes:
        return canonical_json(
            {
                "document_id": _hex(self.document_id),
                "owner": self.owner,
                "folder": self.folder,
                "subjects": list(self.subjects),
                "retain_until_us": self.retain_until_us,
                "latest_version": self.latest_version,
                "erasure": None if self.erasure is None else self.erasure.to_json(),
            }
        )

    @classmethod
    def decode(cls, raw: bytes) -> DocumentRecord:
        doc = json.loads(raw)
        return cls(
            bytes.fromhex(doc["document_id"]),
            str(doc["owner"]),
            str(doc["folder"]),
            tuple(doc["subjects"]),
            int(doc["retain_until_us"]),
            int(doc["latest_version"]),
            None if doc["erasure"] is None else Erasure.from_json(doc["erasure"]),
        )


@dataclass(frozen=True, slots=True)
class VersionRecord:
    document_id: bytes
    version: int
    commitment: bytes
    size: int
    media_type: str
    stored_by: str
    stored_at_us: int
    entry_index: int
    block_height: int
    tx_hash: bytes
    previous_commitment: bytes

    def encode(self) -> bytes:
        return canonical_json(
            {
                "document_id": _hex(self.document_id),
                "version": self.version,
                "commitment": _hex(self.commitment),
                "size": self.size,
                "media_type": self.media_type,
                "stored_by": self.stored_by,
                "stored_at_us": self.stored_at_us,
                "entry_index": self.entry_index,
                "block_height": self.block_height,
                "tx_hash": _hex(self.tx_hash),
                "previous_commitment": _hex(self.previous_commitment),
            }
        )

    @classmethod
    def decode(cls, raw: bytes) -> VersionRecord:
        d = json.loads(raw)
        return cls(
            bytes.fromhex(d["document_id"]),
            int(d["version"]),
            bytes.fromhex(d["commitment"]),
            int(d["size"]),
            str(d["media_type"]),
            str(d["stored_by"]),
            int(d["stored_at_us"]),
            int(d["entry_index"]),
            int(d["block_height"]),
            bytes.fromhex(d["tx_hash"]),
            bytes.fromhex(d["previous_commitment"]),
        )


@dataclass(frozen=True, slots=True)
class GrantRecord:
    grant_id: bytes
    owner: str
    document_id: bytes
    folder: str
    grantee: str
    permissions: tuple[str, ...]
    expires_at_us: int
    purpose: str
    granted_by: str
    parent_grant_id: bytes
    entry_index: int
    revoked_at_height: int = 0
    revoked_by: str = ""

    def covers(self, document: DocumentRecord) -> bool:
        if self.document_id:
            return self.document_id == document.document_id
        return folder_contains(self.folder, document.folder)

    def encode(self) -> bytes:
        return canonical_json(
            {
                "grant_id": _hex(self.grant_id),
                "owner": self.owner,
                "document_id": _hex(self.document_id),
                "folder": self.folder,
                "grantee": self.grantee,
                "permissions": list(self.permissions),
                "expires_at_us": self.expires_at_us,
                "purpose": self.purpose,
                "granted_by": self.granted_by,
                "parent_grant_id": _hex(self.parent_grant_id),
                "entry_index": self.entry_index,
                "revoked_at_height": self.revoked_at_height,
                "revoked_by": self.revoked_by,
            }
        )

    @classmethod
    def decode(cls, raw: bytes) -> GrantRecord:
        d = json.loads(raw)
        return cls(
            bytes.fromhex(d["grant_id"]),
            str(d["owner"]),
            bytes.fromhex(d["document_id"]),
            str(d["folder"]),
            str(d["grantee"]),
            tuple(d["permissions"]),
            int(d["expires_at_us"]),
            str(d["purpose"]),
            str(d["granted_by"]),
            bytes.fromhex(d["parent_grant_id"]),
            int(d["entry_index"]),
            int(d["revoked_at_height"]),
            str(d["revoked_by"]),
        )


@dataclass(frozen=True, slots=True)
class Review:
    reviewer: str
    finding: str
    note: str
    entry_index: int
    at_us: int


@dataclass(frozen=True, slots=True)
class AccessEvent:
    entry_index: int
    block_height: int
    at_us: int
    accessor: str
    document_id: bytes
    owner: str
    version: int
    permission: str
    grant_id: bytes
    purpose: str
    justification: str
    annotation_sha256: bytes
    review: Review | None = field(default=None)

    @property
    def break_glass(self) -> bool:
        return not self.grant_id

    def encode(self) -> bytes:
        return canonical_json(
            {
                "entry_index": self.entry_index,
                "block_height": self.block_height,
                "at_us": self.at_us,
                "accessor": self.accessor,
                "document_id": _hex(self.document_id),
                "owner": self.owner,
                "version": self.version,
                "permission": self.permission,
                "grant_id": _hex(self.grant_id),
                "purpose": self.purpose,
                "justification": self.justification,
                "annotation_sha256": _hex(self.annotation_sha256),
                "review": None
                if self.review is None
                else {
                    "reviewer": self.review.reviewer,
                    "finding": self.review.finding,
                    "note": self.review.note,
                    "entry_index": self.review.entry_index,
                    "at_us": self.review.at_us,
                },
            }
        )

    @classmethod
    def decode(cls, raw: bytes) -> AccessEvent:
        d = json.loads(raw)
        r = d["review"]
        return cls(
            int(d["entry_index"]),
            int(d["block_height"]),
            int(d["at_us"]),
            str(d["accessor"]),
            bytes.fromhex(d["document_id"]),
            str(d["owner"]),
            int(d["version"]),
            str(d["permission"]),
            bytes.fromhex(d["grant_id"]),
            str(d["purpose"]),
            str(d["justification"]),
            bytes.fromhex(d["annotation_sha256"]),
            None
            if r is None
            else Review(
                str(r["reviewer"]),
                str(r["finding"]),
                str(r["note"]),
                int(r["entry_index"]),
                int(r["at_us"]),
            ),
        )
