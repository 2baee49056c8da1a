"""Decoding tabularium.identity.v1 actions into domain values, and identity state into messages."""

from __future__ import annotations

from typing import TypeVar

from google.protobuf.message import Message

from tabularium.chain.actions import TYPE_URL_PREFIX
from tabularium.chain.identity import KINDS, STATUSES, HistoryEvent, IdentityRecord
from tabularium.chain.tx import timestamp_us
from tabularium.crypto.didkey import did_key
from tabularium.domains.identity import model
from tabularium.identity.v1 import identity_pb2

_KIND_FROM_PB = {
    identity_pb2.IDENTITY_KIND_AGENCY: "agency",
    identity_pb2.IDENTITY_KIND_OFFICIAL: "official",
    identity_pb2.IDENTITY_KIND_COMPANY: "company",
    identity_pb2.IDENTITY_KIND_CITIZEN: "citizen",
}
_KIND_TO_PB = {v: k for k, v in _KIND_FROM_PB.items()}
_STATUS_FROM_PB = {
    identity_pb2.IDENTITY_STATUS_ACTIVE: "active",
    identity_pb2.IDENTITY_STATUS_SUSPENDED: "suspended",
    identity_pb2.IDENTITY_STATUS_REVOKED: "revoked",
}
_STATUS_TO_PB = {v: k for k, v in _STATUS_FROM_PB.items()}
assert set(_KIND_TO_PB) == set(KINDS) and set(_STATUS_TO_PB) == set(STATUSES)


def type_url(message: type[Message]) -> str:
    return TYPE_URL_PREFIX + message.DESCRIPTOR.full_name


M = TypeVar("M", bound=Message)


def parse(cls: type[M], value: bytes) -> M:
    message = cls()
    message.ParseFromString(value)
    return message


def _possession(pb: identity_pb2.KeyPossession) -> model.KeyPossession:
    return model.KeyPossession(bytes(pb.public_key), bytes(pb.signature))


def decode_register_identity(value: bytes) -> model.RegisterIdentity:
    pb = parse(identity_pb2.RegisterIdentity, value)
    return model.RegisterIdentity(
        kind=_KIND_FROM_PB.get(pb.kind, ""),
        keys=tuple(_possession(k) for k in pb.keys),
        owner=pb.owner,
        display_name=pb.display_name,
        attributes_commitment=bytes(pb.attributes_commitment),
    )


def decode_add_key(value: bytes) -> model.AddKey:
    pb = parse(identity_pb2.AddKey, value)
    return model.AddKey(pb.did, _possession(pb.key))


def decode_revoke_key(value: bytes) -> model.RevokeKey:
    pb = parse(identity_pb2.RevokeKey, value)
    return model.RevokeKey(pb.did, bytes(pb.public_key), pb.reason)


def decode_rotate_key(value: bytes) -> model.RotateKey:
    pb = parse(identity_pb2.RotateKey, value)
    return model.RotateKey(pb.did, bytes(pb.old_public_key), _possession(pb.new_key))


def decode_set_identity_status(value: bytes) -> model.SetIdentityStatus:
    pb = parse(identity_pb2.SetIdentityStatus, value)
    return model.SetIdentityStatus(pb.did, _STATUS_FROM_PB.get(pb.status, ""), pb.reason)


def decode_grant_role(value: bytes) -> model.RoleChange:
    pb = parse(identity_pb2.GrantRole, value)
    return model.RoleChange(pb.subject, pb.organization, pb.role, grant=True)


def decode_withdraw_role(value: bytes) -> model.RoleChange:
    pb = parse(identity_pb2.WithdrawRole, value)
    return model.RoleChange(pb.subject, pb.organization, pb.role, grant=False)


def decode_set_policy(value: bytes) -> model.SetPolicy:
    pb = parse(identity_pb2.SetPolicy, value)
    return model.SetPolicy(pb.action_type_url, pb.organization, tuple(pb.roles), pb.threshold)


def identity_to_pb(record: IdentityRecord) -> identity_pb2.Identity:
    return identity_pb2.Identity(
        did=record.did,
        kind=_KIND_TO_PB[record.kind],
        status=_STATUS_TO_PB[record.status],
        owner=record.owner,
        display_name=record.display_name,
        attributes_commitment=record.attributes_commitment,
        keys=[
            identity_pb2.Key(
                public_key=k.public_key,
                did_key=did_key(k.public_key),
                added_height=k.added_height,
                revoked_height=k.revoked_height or 0,
                revoked=k.revoked_height is not None,
                revocation_reason=k.revocation_reason,
            )
            for k in record.keys
        ],
        roles=[
            identity_pb2.Role(
                organization=r.organisation, role=r.role, granted_height=r.granted_height
            )
            for r in record.roles
        ],
        registered_height=record.registered_height,
        version=record.version,
    )


def event_to_pb(event: HistoryEvent) -> identity_pb2.IdentityEvent:
    return identity_pb2.IdentityEvent(
        change=event.change,
        block_height=event.height,
        block_time=timestamp_us(event.time_us),
        genesis=event.entry_index is None,
        entry_index=event.entry_index or 0,
        tx_hash=event.tx_hash or b"",
        identity=identity_to_pb(event.snapshot),
    )
