"""Decoding tabularium.vault.v1 actions into domain values, and records into protobuf."""

from __future__ import annotations

from collections.abc import Iterable

from google.protobuf.message import Message

from tabularium.api.convert.identity import parse, type_url
from tabularium.chain.tx import timestamp_us, us_from_timestamp
from tabularium.domains.vault import model
from tabularium.domains.vault.rules import GRANT_ACCESS_TYPE_URL
from tabularium.errors import InvalidArgument
from tabularium.vault.v1 import vault_pb2

STORE_DOCUMENT = type_url(vault_pb2.StoreDocument)
GRANT_ACCESS = type_url(vault_pb2.GrantAccess)
SHARE_ACCESS = type_url(vault_pb2.ShareAccess)
REVOKE_ACCESS = type_url(vault_pb2.RevokeAccess)
ACCESS_DOCUMENT = type_url(vault_pb2.AccessDocument)
REVIEW_BREAK_GLASS = type_url(vault_pb2.ReviewBreakGlass)
ERASE_DOCUMENT = type_url(vault_pb2.EraseDocument)
EXPIRE_DOCUMENT = type_url(vault_pb2.ExpireDocument)
# The only RPC that may submit StoreDocument (it stores the content first).
PUT_DOCUMENT_METHOD = "/tabularium.vault.v1.VaultService/PutDocument"
assert GRANT_ACCESS == GRANT_ACCESS_TYPE_URL

PERMISSION_FROM_PB: dict[int, str] = {
    vault_pb2.PERMISSION_READ: "read",
    vault_pb2.PERMISSION_ANNOTATE: "annotate",
    vault_pb2.PERMISSION_SHARE: "share",
    vault_pb2.PERMISSION_EXPORT: "export",
}
PERMISSION_TO_PB = {
    name: vault_pb2.Permission.ValueType(value) for value, name in PERMISSION_FROM_PB.items()
}
FINDING_FROM_PB: dict[int, str] = {
    vault_pb2.BREAK_GLASS_FINDING_JUSTIFIED: "justified",
    vault_pb2.BREAK_GLASS_FINDING_UNJUSTIFIED: "unjustified",
}
FINDING_TO_PB = {
    name: vault_pb2.BreakGlassFinding.ValueType(value) for value, name in FINDING_FROM_PB.items()
}


def _permission(value: int, field: str) -> str:
    name = PERMISSION_FROM_PB.get(value)
    if name is None:
        raise InvalidArgument(
            "PERMISSION_INVALID", f"{field}: {value} is not a Permission", field=field
        )
    return name


def _permissions(values: Iterable[int], field: str = "permissions") -> tuple[str, ...]:
    return tuple(_permission(int(v), field) for v in values)


def _us(message: Message, field: str) -> int:
    """Microseconds of an optional Timestamp field; 0 when unset."""
    if not message.HasField(field):
        return 0
    return max(us_from_timestamp(getattr(message, field)), 0)


def decode_store(value: bytes) -> model.StoreDocument:
    pb = parse(vault_pb2.StoreDocument, value)
    return model.StoreDocument(
        owner=pb.owner,
        document_id=bytes(pb.document_id),
        previous_version=pb.previous_version,
        commitment=bytes(pb.commitment),
        size=pb.size,
        media_type=pb.media_type,
        folder=pb.folder,
        subjects=tuple(pb.subjects),
        retain_until_us=_us(pb, "retain_until"),
    )


def decode_grant(value: bytes) -> model.GrantAccess:
    pb = parse(vault_pb2.GrantAccess, value)
    return model.GrantAccess(
        owner=pb.owner,
        document_id=bytes(pb.document_id),
        folder=pb.folder,
        grantee=pb.grantee,
        permissions=_permissions(pb.permissions),
        expires_at_us=_us(pb, "expires_at"),
        purpose=pb.purpose,
    )


def decode_share(value: bytes) -> model.ShareAccess:
    pb = parse(vault_pb2.ShareAccess, value)
    return model.ShareAccess(
        parent_grant_id=bytes(pb.parent_grant_id),
        grantee=pb.grantee,
        permissions=_permissions(pb.permissions),
        expires_at_us=_us(pb, "expires_at"),
        purpose=pb.purpose,
        document_id=bytes(pb.document_id),
        folder=pb.folder,
    )


def decode_revoke(value: bytes) -> model.RevokeAccess:
    pb = parse(vault_pb2.RevokeAccess, value)
    return model.RevokeAccess(bytes(pb.grant_id), pb.reason)


def decode_access(value: bytes) -> model.AccessDocument:
    pb = parse(vault_pb2.AccessDocument, value)
    return model.AccessDocument(
        document_id=bytes(pb.document_id),
        version=pb.version,
        permission=_permission(pb.permission, "permission"),
        grant_id=bytes(pb.grant_id),
        purpose=pb.purpose,
        justification=pb.break_glass_justification,
        annotation_sha256=bytes(pb.annotation_sha256),
    )


def decode_review(value: bytes) -> model.ReviewBreakGlass:
    pb = parse(vault_pb2.ReviewBreakGlass, value)
    return model.ReviewBreakGlass(
        pb.owner, pb.access_entry_index, FINDING_FROM_PB.get(pb.finding, ""), pb.note
    )


def decode_erase(value: bytes) -> model.EraseDocument:
    pb = parse(vault_pb2.EraseDocument, value)
    return model.EraseDocument(
        pb.owner, bytes(pb.document_id), pb.legal_basis, bytes(pb.request_sha256)
    )


def decode_expire(value: bytes) -> model.ExpireDocument:
    pb = parse(vault_pb2.ExpireDocument, value)
    return model.ExpireDocument(bytes(pb.document_id))


# ----- records -> protobuf ---------------------------------------------------------------------


def version_to_pb(record: model.VersionRecord) -> vault_pb2.DocumentVersion:
    return vault_pb2.DocumentVersion(
        document_id=record.document_id,
        version=record.version,
        commitment=record.commitment,
        size=record.size,
        media_type=record.media_type,
        stored_by=record.stored_by,
        stored_at=timestamp_us(record.stored_at_us),
        entry_index=record.entry_index,
        block_height=record.block_height,
        previous_commitment=record.previous_commitment,
    )


def erasure_to_pb(erasure: model.Erasure, shredded_here: bool) -> vault_pb2.Erasure:
    return vault_pb2.Erasure(
        kind=erasure.kind,
        at=timestamp_us(erasure.at_us),
        entry_index=erasure.entry_index,
        legal_basis=erasure.legal_basis,
        request_sha256=erasure.request_sha256,
        shredded_here=shredded_here,
    )


def document_to_pb(record: model.DocumentRecord, shredded_here: bool) -> vault_pb2.Document:
    pb = vault_pb2.Document(
        document_id=record.document_id,
        owner=record.owner,
        folder=record.folder,
        subjects=list(record.subjects),
        latest_version=record.latest_version,
    )
    if record.retain_until_us:
        pb.retain_until.CopyFrom(timestamp_us(record.retain_until_us))
    if record.erasure is not None:
        pb.erasure.CopyFrom(erasure_to_pb(record.erasure, shredded_here))
    return pb


def grant_to_pb(record: model.GrantRecord) -> vault_pb2.Grant:
    return vault_pb2.Grant(
        grant_id=record.grant_id,
        owner=record.owner,
        document_id=record.document_id,
        folder=record.folder,
        grantee=record.grantee,
        permissions=[PERMISSION_TO_PB[p] for p in record.permissions],
        expires_at=timestamp_us(record.expires_at_us),
        purpose=record.purpose,
        granted_by=record.granted_by,
        parent_grant_id=record.parent_grant_id,
        entry_index=record.entry_index,
        revoked_at_height=record.revoked_at_height,
        revoked_by=record.revoked_by,
    )


def event_to_pb(event: model.AccessEvent) -> vault_pb2.AccessEvent:
    pb = vault_pb2.AccessEvent(
        entry_index=event.entry_index,
        block_height=event.block_height,
        at=timestamp_us(event.at_us),
        accessor=event.accessor,
        document_id=event.document_id,
        version=event.version,
        permission=PERMISSION_TO_PB[event.permission],
        grant_id=event.grant_id,
        purpose=event.purpose,
        break_glass=event.break_glass,
        justification=event.justification,
        annotation_sha256=event.annotation_sha256,
    )
    if event.review is not None:
        pb.review.CopyFrom(
            vault_pb2.Review(
                reviewer=event.review.reviewer,
                finding=FINDING_TO_PB[event.review.finding],
                note=event.review.note,
                entry_index=event.review.entry_index,
                at=timestamp_us(event.review.at_us),
            )
        )
    return pb
