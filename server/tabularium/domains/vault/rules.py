"""Rules of the document vault: pure functions of the action, the vault state and identities.

State (namespace ``vault``; ``u32``/``u64`` big-endian so keys sort numerically):

* ``doc/<id>`` -> DocumentRecord;
* ``ver/<id><u32 version>`` -> VersionRecord;
* ``grant/<id>`` -> GrantRecord;
* ``ev/<u64 entry>`` -> AccessEvent;
* ``evdoc/<document id><u64 entry>`` and ``evsubj/<subject DID> 0x00 <u64 entry>`` -> b"": the
  access events of a document and of a data subject;
* ``bg/<owner DID> 0x00 <u64 entry>`` -> b"": open (unreviewed) break-glass events, and
  ``bgall/<owner DID> 0x00 <u64 entry>`` -> b"": all of them;
* ``ret/<u64 retain_until µs><document id>`` -> b"": documents by end of retention.

Time is the block time: a grant whose expiry is at or before it is expired. A revocation
recorded in block H applies from block H+1.
"""

from __future__ import annotations

import struct
from dataclasses import replace

from tabularium.chain import identity
from tabularium.chain.actions import TYPE_URL_PREFIX, ActionContext, StateView
from tabularium.chain.identity import ORGANISATION_KINDS, IdentityRecord
from tabularium.domains.vault.model import (
    ERASED,
    RETENTION_EXPIRED,
    AccessDocument,
    AccessEvent,
    DocumentRecord,
    EraseDocument,
    Erasure,
    ExpireDocument,
    GrantAccess,
    GrantRecord,
    Review,
    ReviewBreakGlass,
    RevokeAccess,
    ShareAccess,
    StoreDocument,
    VersionRecord,
    folder_contains,
    new_id,
)
from tabularium.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    NotFound,
    PermissionDenied,
)

GRANT_ACCESS_TYPE_URL = TYPE_URL_PREFIX + "tabularium.vault.v1.GrantAccess"
MAX_SHARE_DEPTH = 8
_U32 = struct.Struct(">I")
_U64 = struct.Struct(">Q")


def document_key(document_id: bytes) -> bytes:
    return b"doc/" + document_id


def version_key(document_id: bytes, version: int) -> bytes:
    return b"ver/" + document_id + _U32.pack(version)


def grant_key(grant_id: bytes) -> bytes:
    return b"grant/" + grant_id


def event_key(entry_index: int) -> bytes:
    return b"ev/" + _U64.pack(entry_index)


def document_events_prefix(document_id: bytes) -> bytes:
    return b"evdoc/" + document_id


def subject_events_prefix(subject: str) -> bytes:
    return b"evsubj/" + subject.encode() + b"\x00"


def open_break_glass_prefix(owner: str) -> bytes:
    return b"bg/" + owner.encode() + b"\x00"


def break_glass_prefix(owner: str) -> bytes:
    return b"bgall/" + owner.encode() + b"\x00"


RETENTION_PREFIX = b"ret/"


def retention_key(retain_until_us: int, document_id: bytes) -> bytes:
    return RETENTION_PREFIX + _U64.pack(retain_until_us) + document_id


def entry_of(key: bytes) -> int:
    """The entry index at the end of an index key."""
    return int(_U64.unpack(key[-8:])[0])


# ----- reads -----------------------------------------------------------------------------------


def load_document(state: StateView, document_id: bytes) -> DocumentRecord:
    raw = state.get(document_key(document_id))
    if raw is None:
        raise NotFound("DOCUMENT_NOT_FOUND", f"no document {document_id.hex()}")
    return DocumentRecord.decode(raw)


def load_version(state: StateView, document: DocumentRecord, version: int) -> VersionRecord:
    number = version or document.latest_version
    raw = state.get(version_key(document.document_id, number))
    if raw is None:
        raise NotFound(
            "VERSION_NOT_FOUND",
            f"document {document.document_id.hex()} has versions 1 to {document.latest_version}",
        )
    return VersionRecord.decode(raw)


def load_grant(state: StateView, grant_id: bytes) -> GrantRecord:
    raw = state.get(grant_key(grant_id))
    if raw is None:
        raise NotFound("GRANT_NOT_FOUND", f"no grant {grant_id.hex()}")
    return GrantRecord.decode(raw)


def grant_chain(state: StateView, grant: GrantRecord) -> list[GrantRecord]:
    """The grant, its parent, ... up to the grant by the owner."""
    chain = [grant]
    while chain[-1].parent_grant_id:
        chain.append(load_grant(state, chain[-1].parent_grant_id))
    return chain


def check_grant_usable(
    state: StateView, grant: GrantRecord, height: int, block_time_us: int
) -> None:
    """Raise PermissionDenied (GRANT_REVOKED or GRANT_EXPIRED) if the grant or any grant it was
    shared from is revoked before ``height`` or expired at ``block_time_us``."""
    for link in grant_chain(state, grant):
        which = "" if link is grant else f" (it was shared from grant {link.grant_id.hex()})"
        if link.revoked_at_height and height > link.revoked_at_height:
            raise PermissionDenied(
                "GRANT_REVOKED",
                f"grant {link.grant_id.hex()} was revoked in block {link.revoked_at_height}{which}",
                metadata={"grant_id": link.grant_id.hex()},
            )
        if block_time_us >= link.expires_at_us:
            raise PermissionDenied(
                "GRANT_EXPIRED",
                f"grant {link.grant_id.hex()} expired at {link.expires_at_us} µs; block time is "
                f"{block_time_us} µs{which}",
                metadata={
                    "grant_id": link.grant_id.hex(),
                    "expired_at_us": str(link.expires_at_us),
                },
            )


def check_readable(document: DocumentRecord, block_time_us: int) -> None:
    """Raise NotFound (ERASED or RETENTION_EXPIRED) if the content is gone."""
    if document.erasure is not None:
        raise NotFound(
            "ERASED" if document.erasure.kind == ERASED else "RETENTION_EXPIRED",
            f"document {document.document_id.hex()} was erased ({document.erasure.kind}) at entry "
            f"{document.erasure.entry_index}; its keys and content are destroyed",
            metadata={"erased_at_entry": str(document.erasure.entry_index)},
        )
    if document.retain_until_us and block_time_us >= document.retain_until_us:
        raise NotFound(
            "RETENTION_EXPIRED",
            f"the retention period of document {document.document_id.hex()} ended at "
            f"{document.retain_until_us} µs",
        )


def _only_signer(ctx: ActionContext, action_name: str) -> str:
    if len(ctx.signer_dids) != 1:
        raise FailedPrecondition(
            "ONE_SIGNER",
            f"{action_name} is signed by exactly one identity; {len(ctx.signer_dids)} signed",
        )
    return ctx.signer_dids[0]


def _organisation(ctx: ActionContext, did: str, field: str) -> IdentityRecord:
    record = ctx.reader().identity(did)
    if record is None or record.kind not in ORGANISATION_KINDS:
        raise FailedPrecondition(
            "OWNER_NOT_ORGANISATION",
            f"{field} {did} is not a registered agency or company",
        )
    return record


def _known(ctx: ActionContext, did: str, reason: str, field: str) -> IdentityRecord:
    record = ctx.reader().identity(did)
    if record is None:
        raise NotFound(reason, f"{field} {did} is not a registered identity")
    return record


def _owned(document: DocumentRecord, owner: str) -> None:
    if document.owner != owner:
        raise PermissionDenied(
            "OWNER_MISMATCH",
            f"document {document.document_id.hex()} is owned by {document.owner}, not {owner}",
        )


def _not_erased(document: DocumentRecord) -> None:
    if document.erasure is not None:
        raise FailedPrecondition(
            "DOCUMENT_ERASED",
            f"document {document.document_id.hex()} was erased at entry "
            f"{document.erasure.entry_index}",
        )


# ----- handlers --------------------------------------------------------------------------------


def store_document(ctx: ActionContext, action: StoreDocument) -> None:
    _organisation(ctx, action.owner, "owner")
    stored_by = _only_signer(ctx, "StoreDocument")
    if action.document_id:
        document = load_document(ctx.state, action.document_id)
        _owned(document, action.owner)
        _not_erased(document)
        if action.previous_version != document.latest_version:
            raise FailedPrecondition(
                "VERSION_CONFLICT",
                f"the latest version is {document.latest_version}, not "
                f"{action.previous_version}; fetch the history and store on top of the latest",
                metadata={"latest_version": str(document.latest_version)},
            )
        previous = load_version(ctx.state, document, document.latest_version).commitment
        document = replace(document, latest_version=document.latest_version + 1)
    else:
        for subject in action.subjects:
            _known(ctx, subject, "SUBJECT_UNKNOWN", "subject")
        if action.retain_until_us and action.retain_until_us <= ctx.block_time_us:
            raise FailedPrecondition(
                "RETENTION_IN_PAST", "retain_until must be after the block time"
            )
        document_id = new_id(ctx.tx_hash)
        if ctx.state.get(document_key(document_id)) is not None:
            raise AlreadyExists("DOCUMENT_EXISTS", f"document {document_id.hex()} exists")
        document = DocumentRecord(
            document_id=document_id,
            owner=action.owner,
            folder=action.folder,
            subjects=action.subjects,
            retain_until_us=action.retain_until_us,
            latest_version=1,
        )
        previous = b""
        if action.retain_until_us:
            ctx.state.put(retention_key(action.retain_until_us, document_id), b"")
    ctx.state.put(document_key(document.document_id), document.encode())
    version = VersionRecord(
        document_id=document.document_id,
        version=document.latest_version,
        commitment=action.commitment,
        size=action.size,
        media_type=action.media_type,
        stored_by=stored_by,
        stored_at_us=ctx.block_time_us,
        entry_index=ctx.entry_index,
        block_height=ctx.block_height,
        tx_hash=ctx.tx_hash,
        previous_commitment=previous,
    )
    ctx.state.put(version_key(document.document_id, version.version), version.encode())


def grant_access(ctx: ActionContext, action: GrantAccess) -> None:
    _organisation(ctx, action.owner, "owner")
    _known(ctx, action.grantee, "GRANTEE_UNKNOWN", "grantee")
    if action.document_id:
        document = load_document(ctx.state, action.document_id)
        _owned(document, action.owner)
        _not_erased(document)
    if action.expires_at_us <= ctx.block_time_us:
        raise FailedPrecondition("EXPIRY_IN_PAST", "expires_at must be after the block time")
    grant = GrantRecord(
        grant_id=new_id(ctx.tx_hash),
        owner=action.owner,
        document_id=action.document_id,
        folder=action.folder,
        grantee=action.grantee,
        permissions=tuple(sorted(action.permissions)),
        expires_at_us=action.expires_at_us,
        purpose=action.purpose,
        granted_by=_only_signer(ctx, "GrantAccess"),
        parent_grant_id=b"",
        entry_index=ctx.entry_index,
    )
    ctx.state.put(grant_key(grant.grant_id), grant.encode())


def share_access(ctx: ActionContext, action: ShareAccess) -> None:
    sharer = _only_signer(ctx, "ShareAccess")
    parent = load_grant(ctx.state, action.parent_grant_id)
    if parent.grantee != sharer:
        raise PermissionDenied(
            "NOT_GRANTEE", f"grant {parent.grant_id.hex()} was given to {parent.grantee}"
        )
    check_grant_usable(ctx.state, parent, ctx.block_height, ctx.block_time_us)
    if "share" not in parent.permissions:
        raise PermissionDenied(
            "SHARE_NOT_PERMITTED",
            f"grant {parent.grant_id.hex()} does not include the share permission",
            metadata={"missing_permission": "share"},
        )
    extra = sorted(set(action.permissions) - set(parent.permissions))
    if extra:
        raise PermissionDenied(
            "SHARE_WIDENS_RIGHTS",
            f"a share cannot add permissions the sharer lacks: {extra}",
            metadata={"extra_permissions": ",".join(extra)},
        )
    if action.expires_at_us > parent.expires_at_us:
        raise PermissionDenied(
            "SHARE_WIDENS_RIGHTS",
            f"a share cannot outlast its parent grant, which expires at {parent.expires_at_us} µs",
            metadata={"parent_expires_at_us": str(parent.expires_at_us)},
        )
    document_id, folder = parent.document_id, parent.folder
    if action.document_id:
        document = load_document(ctx.state, action.document_id)
        if not parent.covers(document) or document.owner != parent.owner:
            raise PermissionDenied(
                "SHARE_WIDENS_RIGHTS",
                f"document {action.document_id.hex()} is outside the parent grant's target",
                metadata={"target": action.document_id.hex()},
            )
        document_id, folder = action.document_id, ""
    elif action.folder:
        if parent.document_id or not folder_contains(parent.folder, action.folder):
            raise PermissionDenied(
                "SHARE_WIDENS_RIGHTS",
                f"folder {action.folder!r} is outside the parent grant's target",
                metadata={"target": action.folder},
            )
        folder = action.folder
    if action.expires_at_us <= ctx.block_time_us:
        raise FailedPrecondition("EXPIRY_IN_PAST", "expires_at must be after the block time")
    _known(ctx, action.grantee, "GRANTEE_UNKNOWN", "grantee")
    if len(grant_chain(ctx.state, parent)) >= MAX_SHARE_DEPTH:
        raise FailedPrecondition(
            "SHARE_TOO_DEEP", f"grants can be passed on at most {MAX_SHARE_DEPTH - 1} times"
        )
    grant = GrantRecord(
        grant_id=new_id(ctx.tx_hash),
        owner=parent.owner,
        document_id=document_id,
        folder=folder,
        grantee=action.grantee,
        permissions=tuple(sorted(action.permissions)),
        expires_at_us=action.expires_at_us,
        purpose=action.purpose,
        granted_by=sharer,
        parent_grant_id=parent.grant_id,
        entry_index=ctx.entry_index,
    )
    ctx.state.put(grant_key(grant.grant_id), grant.encode())


def revoke_access(ctx: ActionContext, action: RevokeAccess) -> None:
    grant = load_grant(ctx.state, action.grant_id)
    if grant.revoked_at_height:
        raise FailedPrecondition(
            "GRANT_REVOKED", f"grant {grant.grant_id.hex()} is already revoked"
        )
    reader = ctx.reader()
    signers = [r for r in (reader.identity(d) for d in ctx.signer_dids) if r is not None]
    by_grantor = grant.granted_by in ctx.signer_dids
    if not by_grantor:
        refusal: DomainError | None = identity.authorize(
            reader, GRANT_ACCESS_TYPE_URL, grant.owner, signers
        )
        if refusal is not None:
            raise PermissionDenied(
                "NOT_AUTHORIZED",
                f"grant {grant.grant_id.hex()} can be revoked by {grant.granted_by}, who gave "
                f"it, or by whoever may grant access in {grant.owner}: {refusal.message}",
            )
    revoked = replace(grant, revoked_at_height=ctx.block_height, revoked_by=ctx.signer_dids[0])
    ctx.state.put(grant_key(grant.grant_id), revoked.encode())


def access_document(ctx: ActionContext, action: AccessDocument) -> None:
    accessor = _only_signer(ctx, "AccessDocument")
    document = load_document(ctx.state, action.document_id)
    check_readable(document, ctx.block_time_us)
    version = load_version(ctx.state, document, action.version)
    if action.grant_id:
        grant = load_grant(ctx.state, action.grant_id)
        if grant.grantee != accessor:
            raise PermissionDenied(
                "NOT_GRANTEE", f"grant {grant.grant_id.hex()} was given to {grant.grantee}"
            )
        if grant.owner != document.owner or not grant.covers(document):
            raise PermissionDenied(
                "GRANT_NOT_FOR_DOCUMENT",
                f"grant {grant.grant_id.hex()} does not cover document "
                f"{document.document_id.hex()}",
            )
        check_grant_usable(ctx.state, grant, ctx.block_height, ctx.block_time_us)
        if action.permission not in grant.permissions:
            raise PermissionDenied(
                "PERMISSION_MISSING",
                f"grant {grant.grant_id.hex()} allows {list(grant.permissions)}, not "
                f"{action.permission}",
                metadata={"missing_permission": action.permission},
            )
    else:
        _break_glass_allowed(ctx, accessor, document)
        if action.permission != "read":
            raise PermissionDenied(
                "BREAK_GLASS_READ_ONLY",
                "break glass allows an emergency read, not annotate or export",
                metadata={"missing_permission": action.permission},
            )
    event = AccessEvent(
        entry_index=ctx.entry_index,
        block_height=ctx.block_height,
        at_us=ctx.block_time_us,
        accessor=accessor,
        document_id=document.document_id,
        owner=document.owner,
        version=version.version,
        permission=action.permission,
        grant_id=action.grant_id,
        purpose=action.purpose,
        justification=action.justification,
        annotation_sha256=action.annotation_sha256,
    )
    entry = _U64.pack(ctx.entry_index)
    ctx.state.put(event_key(ctx.entry_index), event.encode())
    ctx.state.put(document_events_prefix(document.document_id) + entry, b"")
    for subject in document.subjects:
        ctx.state.put(subject_events_prefix(subject) + entry, b"")
    if event.break_glass:
        ctx.state.put(open_break_glass_prefix(document.owner) + entry, b"")
        ctx.state.put(break_glass_prefix(document.owner) + entry, b"")


def _break_glass_allowed(ctx: ActionContext, accessor: str, document: DocumentRecord) -> None:
    record = ctx.reader().identity(accessor)
    member = record is not None and (
        record.did == document.owner
        or (record.kind == "official" and record.owner == document.owner)
        or any(role.organisation == document.owner for role in record.roles)
    )
    if not member:
        raise PermissionDenied(
            "BREAK_GLASS_NOT_ALLOWED",
            f"break glass is for officials of {document.owner} and holders of a role in it",
        )


def review_break_glass(ctx: ActionContext, action: ReviewBreakGlass) -> None:
    raw = ctx.state.get(event_key(action.access_entry_index))
    if raw is None:
        raise NotFound(
            "EVENT_NOT_FOUND", f"entry {action.access_entry_index} is not an access event"
        )
    event = AccessEvent.decode(raw)
    if not event.break_glass:
        raise FailedPrecondition(
            "NOT_BREAK_GLASS", f"entry {event.entry_index} used grant {event.grant_id.hex()}"
        )
    if event.owner != action.owner:
        raise PermissionDenied(
            "OWNER_MISMATCH", f"the document read at entry {event.entry_index} is {event.owner}'s"
        )
    if event.review is not None:
        raise FailedPrecondition(
            "ALREADY_REVIEWED",
            f"entry {event.entry_index} was reviewed at entry {event.review.entry_index}",
        )
    if event.accessor in ctx.signer_dids:
        raise PermissionDenied(
            "SELF_REVIEW", "the identity that broke the glass cannot review its own access"
        )
    review = Review(
        reviewer=ctx.signer_dids[0],
        finding=action.finding,
        note=action.note,
        entry_index=ctx.entry_index,
        at_us=ctx.block_time_us,
    )
    ctx.state.put(event_key(event.entry_index), replace(event, review=review).encode())
    ctx.state.delete(open_break_glass_prefix(event.owner) + _U64.pack(event.entry_index))


def _erase(ctx: ActionContext, document: DocumentRecord, erasure: Erasure) -> None:
    ctx.state.put(document_key(document.document_id), replace(document, erasure=erasure).encode())
    if document.retain_until_us:
        ctx.state.delete(retention_key(document.retain_until_us, document.document_id))


def erase_document(ctx: ActionContext, action: EraseDocument) -> None:
    document = load_document(ctx.state, action.document_id)
    _owned(document, action.owner)
    _not_erased(document)
    _erase(
        ctx,
        document,
        Erasure(
            ERASED, ctx.block_time_us, ctx.entry_index, action.legal_basis, action.request_sha256
        ),
    )


def expire_document(ctx: ActionContext, action: ExpireDocument) -> None:
    document = load_document(ctx.state, action.document_id)
    _not_erased(document)
    if not document.retain_until_us:
        raise FailedPrecondition(
            "NO_RETENTION_PERIOD", f"document {document.document_id.hex()} has no retention period"
        )
    if ctx.block_time_us < document.retain_until_us:
        raise FailedPrecondition(
            "RETENTION_NOT_REACHED",
            f"retention of {document.document_id.hex()} ends at {document.retain_until_us} µs; "
            f"block time is {ctx.block_time_us} µs",
        )
    _erase(ctx, document, Erasure(RETENTION_EXPIRED, ctx.block_time_us, ctx.entry_index))
