"""Rules of the credentials domain: pure functions of the action and the domain's state.

State (namespace ``credentials``):

* ``acc/<issuer DID>`` -> sorted JSON list of accredited credential types;
* ``cred/<32-byte hash>`` -> the CredentialRecord;
* ``idx/<issuer DID> 0x00 <u32 index>`` -> the hash of the credential holding that index;
* ``list/<issuer DID> 0x00 <purpose>`` -> the raw status bitstring (LIST_SIZE bits, bit 0 the
  most significant bit of byte 0, as Bitstring Status List v1.0 orders them);
* ``did/<DID>`` -> the DidDocumentRecord of a DID document an accredited issuer registered.
"""

from __future__ import annotations

import struct
from dataclasses import replace

from tabularium.chain.actions import ActionContext
from tabularium.chain.identity import ORGANISATION_KINDS, IdentityReader
from tabularium.domains.credentials.model import (
    LIST_SIZE,
    Accreditation,
    CredentialRecord,
    DidDocumentRecord,
    RegisterCredential,
    RegisterDidDocument,
    SetCredentialStatus,
    decode_types,
    encode_types,
)
from tabularium.errors import AlreadyExists, FailedPrecondition, NotFound, PermissionDenied

_U32 = struct.Struct(">I")


def accreditation_key(issuer: str) -> bytes:
    return b"acc/" + issuer.encode()


def credential_key(credential_hash: bytes) -> bytes:
    return b"cred/" + credential_hash


def index_key(issuer: str, index: int) -> bytes:
    return b"idx/" + issuer.encode() + b"\x00" + _U32.pack(index)


def list_key(issuer: str, purpose: str) -> bytes:
    return b"list/" + issuer.encode() + b"\x00" + purpose.encode()


def did_document_key(did: str) -> bytes:
    return b"did/" + did.encode()


def bit(bitstring: bytes | None, index: int) -> bool:
    if bitstring is None:
        return False
    return bool(bitstring[index // 8] >> (7 - index % 8) & 1)


def _with_bit(bitstring: bytes | None, index: int, value: bool) -> bytes:
    bits = bytearray(bitstring or bytes(LIST_SIZE // 8))
    mask = 1 << (7 - index % 8)
    bits[index // 8] = bits[index // 8] | mask if value else bits[index // 8] & ~mask
    return bytes(bits)


def _issuer_organisation(ctx: ActionContext, issuer: str) -> None:
    reader: IdentityReader = ctx.reader()
    record = reader.identity(issuer)
    if record is None:
        raise FailedPrecondition("ISSUER_UNKNOWN", f"issuer {issuer} is not a registered identity")
    if record.kind not in ORGANISATION_KINDS:
        raise FailedPrecondition(
            "ISSUER_NOT_ORGANISATION",
            f"issuer {issuer} is a {record.kind}; issuers are agencies or companies",
        )


def change_accreditation(ctx: ActionContext, action: Accreditation) -> None:
    _issuer_organisation(ctx, action.issuer)
    current = set(decode_types(ctx.state.get(accreditation_key(action.issuer))))
    if action.grant:
        updated = current | set(action.credential_types)
    elif action.credential_types:
        missing = set(action.credential_types) - current
        if missing:
            raise NotFound(
                "NOT_ACCREDITED", f"{action.issuer} is not accredited for {sorted(missing)}"
            )
        updated = current - set(action.credential_types)
    else:
        updated = set()
    if updated == current:
        raise FailedPrecondition("ACCREDITATION_UNCHANGED", "nothing to change")
    if updated:
        ctx.state.put(accreditation_key(action.issuer), encode_types(tuple(updated)))
    else:
        ctx.state.delete(accreditation_key(action.issuer))


def register_credential(ctx: ActionContext, action: RegisterCredential) -> None:
    accredited = set(decode_types(ctx.state.get(accreditation_key(action.issuer))))
    missing = sorted(set(action.credential_types) - accredited)
    if missing:
        raise PermissionDenied(
            "NOT_ACCREDITED",
            f"{action.issuer} is not accredited to issue {missing}; the registry lists "
            f"{sorted(accredited)}",
        )
    existing = ctx.state.get(credential_key(action.credential_hash))
    if existing is not None:
        raise AlreadyExists(
            "CREDENTIAL_ALREADY_REGISTERED",
            f"credential {action.credential_hash.hex()} was registered at entry "
            f"{CredentialRecord.decode(existing).entry_index}",
        )
    slot = index_key(action.issuer, action.status_index)
    if ctx.state.get(slot) is not None:
        raise AlreadyExists(
            "STATUS_INDEX_TAKEN",
            f"status index {action.status_index} of {action.issuer} is in use; issue the "
            "credential with another random index",
        )
    ctx.state.put(slot, action.credential_hash)
    record = CredentialRecord(
        credential_hash=action.credential_hash,
        issuer=action.issuer,
        credential_types=tuple(sorted(action.credential_types)),
        status_index=action.status_index,
        entry_index=ctx.entry_index,
        block_height=ctx.block_height,
        registered_at_us=ctx.block_time_us,
    )
    ctx.state.put(credential_key(action.credential_hash), record.encode())


def set_credential_status(ctx: ActionContext, action: SetCredentialStatus) -> None:
    holder = ctx.state.get(index_key(action.issuer, action.status_index))
    if holder is None:
        raise NotFound(
            "STATUS_INDEX_UNUSED",
            f"no credential of {action.issuer} has status index {action.status_index}",
        )
    key = list_key(action.issuer, action.purpose)
    bitstring = ctx.state.get(key)
    current = bit(bitstring, action.status_index)
    if action.purpose == "revocation" and current and not action.value:
        raise FailedPrecondition("REVOCATION_FINAL", "a revoked credential cannot be reinstated")
    if current == action.value:
        raise FailedPrecondition(
            "STATUS_UNCHANGED", f"{action.purpose} is already {'set' if current else 'clear'}"
        )
    ctx.state.put(key, _with_bit(bitstring, action.status_index, action.value))
    raw = ctx.state.get(credential_key(holder))
    assert raw is not None, "an allocated index always has its credential"
    record = CredentialRecord.decode(raw)
    if action.purpose == "revocation":
        record = replace(record, revoked=action.value)
    else:
        record = replace(record, suspended=action.value)
    ctx.state.put(credential_key(holder), record.encode())


def register_did_document(ctx: ActionContext, action: RegisterDidDocument) -> None:
    if not decode_types(ctx.state.get(accreditation_key(action.issuer))):
        raise PermissionDenied(
            "NOT_ACCREDITED",
            f"{action.issuer} is not an accredited issuer; only accredited issuers publish DID "
            "documents here",
        )
    key = did_document_key(action.did)
    raw = ctx.state.get(key)
    if raw is not None:
        current = DidDocumentRecord.decode(raw)
        if current.issuer != action.issuer:
            raise AlreadyExists(
                "DID_TAKEN",
                f"{action.did} was registered by {current.issuer} at entry {current.entry_index}",
            )
        if current.document == action.document:
            raise FailedPrecondition("DID_DOCUMENT_UNCHANGED", "the document is already current")
    record = DidDocumentRecord(
        did=action.did,
        issuer=action.issuer,
        document=action.document,
        entry_index=ctx.entry_index,
        block_height=ctx.block_height,
    )
    ctx.state.put(key, record.encode())
