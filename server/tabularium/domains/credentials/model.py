"""Actions and records of the credentials domain."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tabularium.domains.identity.model import check_did, check_text
from tabularium.errors import InvalidArgument

LIST_SIZE = 131_072  # Bitstring Status List v1.0 minimum; one list per issuer and purpose
PURPOSES = ("revocation", "suspension")
MAX_TYPES = 32
MAX_TYPE_BYTES = 128
BASE_TYPE = "VerifiableCredential"


def check_types(types: tuple[str, ...], *, allow_empty: bool) -> None:
    if not types and not allow_empty:
        raise InvalidArgument(
            "CREDENTIAL_TYPES_INVALID",
            "name at least one credential type",
            field="credential_types",
        )
    if len(types) > MAX_TYPES or len(set(types)) != len(types):
        raise InvalidArgument(
            "CREDENTIAL_TYPES_INVALID",
            f"at most {MAX_TYPES} distinct credential types",
            field="credential_types",
        )
    for name in types:
        if not name or len(name.encode()) > MAX_TYPE_BYTES or name == BASE_TYPE or " " in name:
            raise InvalidArgument(
                "CREDENTIAL_TYPES_INVALID",
                f"credential type {name!r} must be 1-{MAX_TYPE_BYTES} bytes without spaces, and "
                f"not {BASE_TYPE}",
                field="credential_types",
            )


def check_index(index: int) -> None:
    if not 0 <= index < LIST_SIZE:
        raise InvalidArgument(
            "STATUS_INDEX_OUT_OF_RANGE",
            f"status_index must be below {LIST_SIZE}",
            field="status_index",
        )


@dataclass(frozen=True, slots=True)
class Accreditation:
    """AccreditIssuer (grant=True) or WithdrawAccreditation."""

    issuer: str
    credential_types: tuple[str, ...]
    grant: bool

    def __post_init__(self) -> None:
        check_did(self.issuer, "issuer")
        check_types(self.credential_types, allow_empty=not self.grant)


@dataclass(frozen=True, slots=True)
class RegisterCredential:
    credential_hash: bytes
    issuer: str
    credential_types: tuple[str, ...]
    status_index: int

    def __post_init__(self) -> None:
        if len(self.credential_hash) != 32:
            raise InvalidArgument(
                "CREDENTIAL_HASH_INVALID", "credential_hash is 32 bytes", field="credential_hash"
            )
        check_did(self.issuer, "issuer")
        check_types(self.credential_types, allow_empty=False)
        check_index(self.status_index)


@dataclass(frozen=True, slots=True)
class SetCredentialStatus:
    issuer: str
    status_index: int
    purpose: str
    value: bool
    reason: str

    def __post_init__(self) -> None:
        check_did(self.issuer, "issuer")
        if self.purpose not in PURPOSES:
            raise InvalidArgument("PURPOSE_INVALID", "purpose must be set", field="purpose")
        check_index(self.status_index)
        check_text(self.reason, "reason")


MAX_DID_DOCUMENT_BYTES = 16 * 1024


@dataclass(frozen=True, slots=True)
class RegisterDidDocument:
    """RegisterDidDocument, decoded: ``document`` is the JCS form of the checked document."""

    issuer: str
    did: str
    document: bytes

    def __post_init__(self) -> None:
        check_did(self.issuer, "issuer")
        if len(self.document) > MAX_DID_DOCUMENT_BYTES:
            raise InvalidArgument(
                "DID_DOCUMENT_INVALID",
                f"the DID document exceeds {MAX_DID_DOCUMENT_BYTES} bytes",
                field="document_json",
            )


@dataclass(frozen=True, slots=True)
class DidDocumentRecord:
    """A DID document registered on the ledger, and by whom."""

    did: str
    issuer: str
    document: bytes
    entry_index: int
    block_height: int

    def encode(self) -> bytes:
        return _canonical(
            {
                "did": self.did,
                "issuer": self.issuer,
                "document": self.document.decode(),
                "entry_index": self.entry_index,
                "block_height": self.block_height,
            }
        )

    @classmethod
    def decode(cls, raw: bytes) -> DidDocumentRecord:
        doc = json.loads(raw)
        return cls(
            did=doc["did"],
            issuer=doc["issuer"],
            document=doc["document"].encode(),
            entry_index=doc["entry_index"],
            block_height=doc["block_height"],
        )


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


@dataclass(frozen=True, slots=True)
class CredentialRecord:
    """What the ledger knows of a registered credential."""

    credential_hash: bytes
    issuer: str
    credential_types: tuple[str, ...]
    status_index: int
    entry_index: int
    block_height: int
    registered_at_us: int
    revoked: bool = False
    suspended: bool = False

    def encode(self) -> bytes:
        return _canonical(
            {
                "credential_hash": self.credential_hash.hex(),
                "issuer": self.issuer,
                "credential_types": list(self.credential_types),
                "status_index": self.status_index,
                "entry_index": self.entry_index,
                "block_height": self.block_height,
                "registered_at_us": self.registered_at_us,
                "revoked": self.revoked,
                "suspended": self.suspended,
            }
        )

    @classmethod
    def decode(cls, raw: bytes) -> CredentialRecord:
        doc = json.loads(raw)
        return cls(
            credential_hash=bytes.fromhex(doc["credential_hash"]),
            issuer=doc["issuer"],
            credential_types=tuple(doc["credential_types"]),
            status_index=doc["status_index"],
            entry_index=doc["entry_index"],
            block_height=doc["block_height"],
            registered_at_us=doc["registered_at_us"],
            revoked=doc["revoked"],
            suspended=doc["suspended"],
        )


def encode_types(types: tuple[str, ...]) -> bytes:
    return _canonical(sorted(types))


def decode_types(raw: bytes | None) -> tuple[str, ...]:
    return () if raw is None else tuple(json.loads(raw))
