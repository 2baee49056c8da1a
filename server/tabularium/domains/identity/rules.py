"""Rules of the identity domain: pure functions of the action and the identity state.

Policy (who may submit which action, with what threshold) is checked by the executor before these
run; the rules below add what a policy cannot express: who controls a given identity, and what
state an identity must be in.
"""

from __future__ import annotations

from dataclasses import replace

from tabularium.chain import identity
from tabularium.chain.actions import ActionContext
from tabularium.chain.identity import (
    ACTIVE,
    ORGANISATION_KINDS,
    REVOKED,
    HistoryEvent,
    IdentityReader,
    IdentityRecord,
    KeyEntry,
    PolicyRecord,
    RoleEntry,
)
from tabularium.crypto import ed25519
from tabularium.crypto.didkey import did_key
from tabularium.domains.identity.model import (
    AddKey,
    KeyPossession,
    RegisterIdentity,
    RevokeKey,
    RoleChange,
    RotateKey,
    SetIdentityStatus,
    SetPolicy,
)
from tabularium.errors import (
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    InvalidSignature,
    NotFound,
    PermissionDenied,
)

# Roles that may manage identities owned by their organisation (or, in the root organisation,
# any identity).
MANAGER_ROLES = ("admin", "registrar")


def _reader(ctx: ActionContext) -> IdentityReader:
    return IdentityReader(ctx.state.get)


def _save(ctx: ActionContext, record: IdentityRecord, change: str) -> None:
    ctx.state.put(identity.identity_key(record.did), record.encode())
    event = HistoryEvent(
        change, ctx.block_height, ctx.block_time_us, ctx.entry_index, ctx.tx_hash, record
    )
    ctx.state.put(identity.history_key(record.did, record.version), event.encode())


def _next(record: IdentityRecord, **changes: object) -> IdentityRecord:
    return replace(record, version=record.version + 1, **changes)  # type: ignore[arg-type]


def _existing(reader: IdentityReader, did: str, field: str = "did") -> IdentityRecord:
    record = reader.identity(did)
    if record is None:
        raise NotFound("IDENTITY_NOT_FOUND", f"no identity {did}", field=field)
    return record


def _check_possession(did: str, proof: KeyPossession, reader: IdentityReader) -> None:
    owner = reader.did_of_key(proof.public_key)
    if owner is not None:
        raise AlreadyExists(
            "KEY_ALREADY_REGISTERED",
            f"key {did_key(proof.public_key)} already belongs to {owner}; keys are never reused",
        )
    try:
        ed25519.verify(
            proof.public_key, identity.possession_message(did, proof.public_key), proof.signature
        )
    except InvalidSignature as exc:
        raise InvalidArgument(
            "POSSESSION_PROOF_INVALID",
            f"the possession proof of key {did_key(proof.public_key)} does not verify over "
            "'tabularium/key-possession/v1' 0x00 DID 0x00 key",
        ) from exc


def _is_manager(reader: IdentityReader, ctx: ActionContext, subject: IdentityRecord) -> bool:
    """A signer is the subject's owner organisation, the root organisation, or holds a manager
    role in either."""
    root = reader.root()
    scopes = [s for s in (subject.owner, root) if s]
    for did in ctx.signer_dids:
        signer = reader.identity(did)
        if signer is None:
            continue
        for scope in scopes:
            if did == scope or any(signer.has_role(scope, role) for role in MANAGER_ROLES):
                return True
    return False


def _require_control(ctx: ActionContext, reader: IdentityReader, subject: IdentityRecord) -> None:
    """The identity itself, or a manager of it, must have signed."""
    if subject.did in ctx.signer_dids or _is_manager(reader, ctx, subject):
        return
    raise PermissionDenied(
        "NOT_CONTROLLER",
        f"only {subject.did} itself, or an admin or registrar of its owner organisation or of the "
        "root organisation, may change its keys",
    )


def register_identity(ctx: ActionContext, action: RegisterIdentity) -> None:
    reader = _reader(ctx)
    did = did_key(action.keys[0].public_key)
    if reader.identity(did) is not None:
        raise AlreadyExists("IDENTITY_EXISTS", f"identity {did} is already registered")
    for proof in action.keys:
        _check_possession(did, proof, reader)
    if action.owner:
        owner = reader.identity(action.owner)
        if owner is None:
            raise FailedPrecondition("OWNER_UNKNOWN", f"owner {action.owner} is not registered")
        if owner.kind not in ORGANISATION_KINDS or owner.status != ACTIVE:
            raise FailedPrecondition(
                "OWNER_NOT_ORGANISATION",
                f"owner {action.owner} is a {owner.status} {owner.kind}, not an active agency "
                "or company",
            )
    record = IdentityRecord(
        did=did,
        kind=action.kind,
        status=ACTIVE,
        owner=action.owner,
        display_name=action.display_name,
        attributes_commitment=action.attributes_commitment,
        keys=tuple(KeyEntry(p.public_key, ctx.block_height) for p in action.keys),
        roles=(),
        registered_height=ctx.block_height,
        version=1,
    )
    for proof in action.keys:
        ctx.state.put(identity.key_owner_key(proof.public_key), did.encode())
    _save(ctx, record, "registered")


def _add(
    ctx: ActionContext, reader: IdentityReader, record: IdentityRecord, proof: KeyPossession
) -> IdentityRecord:
    _check_possession(record.did, proof, reader)
    ctx.state.put(identity.key_owner_key(proof.public_key), record.did.encode())
    return replace(record, keys=(*record.keys, KeyEntry(proof.public_key, ctx.block_height)))


def _revoke(
    ctx: ActionContext, record: IdentityRecord, public_key: bytes, reason: str
) -> IdentityRecord:
    entry = record.key(public_key)
    if entry is None:
        raise NotFound("KEY_NOT_FOUND", f"key {did_key(public_key)} is not a key of {record.did}")
    if entry.revoked_height is not None:
        raise FailedPrecondition(
            "KEY_ALREADY_REVOKED",
            f"key {did_key(public_key)} was revoked at block {entry.revoked_height}",
        )
    keys = tuple(
        replace(k, revoked_height=ctx.block_height, revocation_reason=reason)
        if k.public_key == public_key
        else k
        for k in record.keys
    )
    if not any(k.revoked_height is None for k in keys):
        raise FailedPrecondition(
            "LAST_KEY", f"{record.did} would have no active key; add or rotate in a new one first"
        )
    return replace(record, keys=keys)


def _active_subject(reader: IdentityReader, did: str) -> IdentityRecord:
    record = _existing(reader, did)
    if record.status == REVOKED:
        raise FailedPrecondition("IDENTITY_REVOKED", f"identity {did} is revoked for good")
    return record


def add_key(ctx: ActionContext, action: AddKey) -> None:
    reader = _reader(ctx)
    record = _active_subject(reader, action.did)
    _require_control(ctx, reader, record)
    _save(ctx, _next(_add(ctx, reader, record, action.key)), "key_added")


def revoke_key(ctx: ActionContext, action: RevokeKey) -> None:
    reader = _reader(ctx)
    record = _existing(reader, action.did)
    _require_control(ctx, reader, record)
    _save(ctx, _next(_revoke(ctx, record, action.public_key, action.reason)), "key_revoked")


def rotate_key(ctx: ActionContext, action: RotateKey) -> None:
    reader = _reader(ctx)
    record = _active_subject(reader, action.did)
    _require_control(ctx, reader, record)
    record = _add(ctx, reader, record, action.new_key)
    record = _revoke(ctx, record, action.old_public_key, "rotated")
    _save(ctx, _next(record), "key_rotated")


def subject_owner(action: SetIdentityStatus, reader: IdentityReader) -> str | None:
    """Policy scope of a status change: the organisation that owns the subject, if any."""
    subject = reader.identity(action.did)
    return (subject.owner or None) if subject is not None else None


def set_identity_status(ctx: ActionContext, action: SetIdentityStatus) -> None:
    reader = _reader(ctx)
    record = _active_subject(reader, action.did)
    if not _is_manager(reader, ctx, record):
        raise PermissionDenied(
            "NOT_CONTROLLER",
            f"only an admin or registrar of {record.owner or 'the root organisation'} or of the "
            "root organisation may change the status of an identity",
        )
    if action.did == reader.root():
        raise FailedPrecondition("ROOT_IDENTITY", "the root organisation's status cannot change")
    if record.status == action.status:
        raise FailedPrecondition("STATUS_UNCHANGED", f"{action.did} is already {action.status}")
    _save(ctx, _next(record, status=action.status), "status_changed")


def change_role(ctx: ActionContext, action: RoleChange) -> None:
    reader = _reader(ctx)
    subject = _active_subject(reader, action.subject)
    organisation = _existing(reader, action.organisation, "organization")
    if organisation.kind not in ORGANISATION_KINDS:
        raise FailedPrecondition(
            "NOT_ORGANISATION",
            f"{action.organisation} is a {organisation.kind}, not an agency or company",
        )
    entry = RoleEntry(action.organisation, action.role, ctx.block_height)
    held = subject.has_role(action.organisation, action.role)
    if action.grant:
        if held:
            raise AlreadyExists(
                "ROLE_ALREADY_HELD",
                f"{subject.did} already holds {action.role} in {action.organisation}",
            )
        _save(ctx, _next(subject).with_roles((*subject.roles, entry)), "role_granted")
    else:
        if not held:
            raise NotFound(
                "ROLE_NOT_HELD",
                f"{subject.did} does not hold {action.role} in {action.organisation}",
            )
        kept = [r for r in subject.roles if r != entry]
        _save(ctx, _next(subject).with_roles(kept), "role_withdrawn")


def set_policy(ctx: ActionContext, action: SetPolicy) -> None:
    if action.organisation:
        organisation = _existing(_reader(ctx), action.organisation, "organization")
        if organisation.kind not in ORGANISATION_KINDS:
            raise FailedPrecondition(
                "NOT_ORGANISATION", f"{action.organisation} is not an agency or company"
            )
    ctx.state.put(
        identity.policy_key(action.action_type_url, action.organisation),
        PolicyRecord(tuple(sorted(set(action.roles))), action.threshold).encode(),
    )
