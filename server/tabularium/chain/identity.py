"""Identities, keys, roles and policies as ledger state, and the authorization check (DESIGN §5).

The state lives in the ``identity`` namespace (``domain/identity/``), written only by the
identity actions (``tabularium.domains.identity``) and by genesis, and read here by the executor:

* ``root`` -> DID of the root organisation (the first authority in genesis);
* ``id/<did>`` -> the identity record (canonical JSON), roles included;
* ``key/<32-byte public key>`` -> DID of the identity that holds or held the key (forever);
* ``hist/<did> 0x00 <u64 version>`` -> the change that made that version, with a snapshot;
* ``policy/<type url> 0x00 <organisation DID or empty>`` -> allowed roles and threshold.

Everything is read with point lookups, so execution never iterates over state.

An organisation's own identity (an agency or company) holds every role in itself.

Timing rules: a revoked key is refused from the block after the one that revoked it (its
signatures in earlier blocks stay valid); role and status changes apply from the next transaction.
"""

from __future__ import annotations

import functools
import json
import struct
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from tabularium.crypto.didkey import did_key
from tabularium.errors import DomainError, PermissionDenied, Unauthenticated

NAMESPACE = "identity"
STATE_PREFIX = b"domain/" + NAMESPACE.encode() + b"/"

KINDS = ("agency", "official", "company", "citizen")
ORGANISATION_KINDS = ("agency", "company")
ACTIVE, SUSPENDED, REVOKED = "active", "suspended", "revoked"
STATUSES = (ACTIVE, SUSPENDED, REVOKED)
ANY_IDENTITY = "*"
POSSESSION_CONTEXT = b"tabularium/key-possession/v1\x00"

_U64 = struct.Struct(">Q")

Getter = Callable[[bytes], bytes | None]


def root_key() -> bytes:
    return b"root"


def identity_key(did: str) -> bytes:
    return b"id/" + did.encode()


def key_owner_key(public_key: bytes) -> bytes:
    return b"key/" + public_key


def history_key(did: str, version: int) -> bytes:
    return b"hist/" + did.encode() + b"\x00" + _U64.pack(version)


def policy_key(type_url: str, organisation: str) -> bytes:
    return b"policy/" + type_url.encode() + b"\x00" + organisation.encode()


def possession_message(did: str, public_key: bytes) -> bytes:
    """What a key signs to prove it is held by whoever attaches it to identity ``did``."""
    return POSSESSION_CONTEXT + did.encode() + b"\x00" + public_key


def canonical_json(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


@dataclass(frozen=True, slots=True)
class KeyEntry:
    public_key: bytes
    added_height: int
    revoked_height: int | None = None
    revocation_reason: str = ""

    def usable_at(self, height: int) -> bool:
        """A key revoked in block H signs validly up to and including block H."""
        return self.revoked_height is None or height <= self.revoked_height


@dataclass(frozen=True, slots=True, order=True)
class RoleEntry:
    organisation: str
    role: str
    granted_height: int = field(compare=False, default=0)


@dataclass(frozen=True, slots=True)
class IdentityRecord:
    did: str
    kind: str
    status: str
    owner: str
    display_name: str
    attributes_commitment: bytes
    keys: tuple[KeyEntry, ...]
    roles: tuple[RoleEntry, ...]
    registered_height: int
    version: int

    def key(self, public_key: bytes) -> KeyEntry | None:
        for entry in self.keys:
            if entry.public_key == public_key:
                return entry
        return None

    def active_keys(self) -> list[KeyEntry]:
        return [k for k in self.keys if k.revoked_height is None]

    def has_role(self, organisation: str, role: str) -> bool:
        return RoleEntry(organisation, role) in self.roles

    def to_json(self) -> dict[str, Any]:
        return {
            "did": self.did,
            "kind": self.kind,
            "status": self.status,
            "owner": self.owner,
            "display_name": self.display_name,
            "attributes_commitment": self.attributes_commitment.hex(),
            "keys": [
                {
                    "public_key": k.public_key.hex(),
                    "added_height": k.added_height,
                    "revoked_height": k.revoked_height,
                    "revocation_reason": k.revocation_reason,
                }
                for k in self.keys
            ],
            "roles": [[r.organisation, r.role, r.granted_height] for r in self.roles],
            "registered_height": self.registered_height,
            "version": self.version,
        }

    def encode(self) -> bytes:
        return canonical_json(self.to_json())

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> IdentityRecord:
        return cls(
            did=doc["did"],
            kind=doc["kind"],
            status=doc["status"],
            owner=doc["owner"],
            display_name=doc["display_name"],
            attributes_commitment=bytes.fromhex(doc["attributes_commitment"]),
            keys=tuple(
                KeyEntry(
                    bytes.fromhex(k["public_key"]),
                    k["added_height"],
                    k["revoked_height"],
                    k["revocation_reason"],
                )
                for k in doc["keys"]
            ),
            roles=tuple(RoleEntry(o, r, h) for o, r, h in doc["roles"]),
            registered_height=doc["registered_height"],
            version=doc["version"],
        )

    def with_roles(self, roles: Iterable[RoleEntry]) -> IdentityRecord:
        return replace(self, roles=tuple(sorted(roles)))


@functools.lru_cache(maxsize=8192)
def decode_identity(raw: bytes) -> IdentityRecord:
    """Parse a stored record (cached by its exact bytes, so still a pure function)."""
    return IdentityRecord.from_json(json.loads(raw))


@dataclass(frozen=True, slots=True)
class HistoryEvent:
    change: str
    height: int
    time_us: int
    entry_index: int | None
    tx_hash: bytes | None
    snapshot: IdentityRecord

    def encode(self) -> bytes:
        return canonical_json(
            {
                "change": self.change,
                "height": self.height,
                "time_us": self.time_us,
                "entry_index": self.entry_index,
                "tx_hash": None if self.tx_hash is None else self.tx_hash.hex(),
                "snapshot": self.snapshot.to_json(),
            }
        )

    @classmethod
    def decode(cls, raw: bytes) -> HistoryEvent:
        doc = json.loads(raw)
        return cls(
            change=doc["change"],
            height=doc["height"],
            time_us=doc["time_us"],
            entry_index=doc["entry_index"],
            tx_hash=None if doc["tx_hash"] is None else bytes.fromhex(doc["tx_hash"]),
            snapshot=IdentityRecord.from_json(doc["snapshot"]),
        )


@dataclass(frozen=True, slots=True)
class PolicyRecord:
    """``threshold`` distinct identities, each holding one of ``roles``, must sign."""

    roles: tuple[str, ...]
    threshold: int

    def encode(self) -> bytes:
        return canonical_json({"roles": sorted(self.roles), "threshold": self.threshold})

    @classmethod
    def decode(cls, raw: bytes) -> PolicyRecord:
        return _decode_policy(raw)


@functools.lru_cache(maxsize=1024)
def _decode_policy(raw: bytes) -> PolicyRecord:
    doc = json.loads(raw)
    return PolicyRecord(tuple(doc["roles"]), int(doc["threshold"]))


class IdentityReader:
    """Read access to identity state through a getter of relative keys."""

    def __init__(self, get: Getter) -> None:
        self._get = get

    def root(self) -> str:
        raw = self._get(root_key())
        return "" if raw is None else raw.decode()

    def identity(self, did: str) -> IdentityRecord | None:
        raw = self._get(identity_key(did))
        return None if raw is None else decode_identity(raw)

    def did_of_key(self, public_key: bytes) -> str | None:
        raw = self._get(key_owner_key(public_key))
        return None if raw is None else raw.decode()

    def resolve(self, did_or_key_did: str) -> IdentityRecord | None:
        """The identity addressed by its DID or by any did:key it ever held."""
        record = self.identity(did_or_key_did)
        if record is not None:
            return record
        from tabularium.crypto.didkey import public_key_from_did_key

        try:
            owner = self.did_of_key(public_key_from_did_key(did_or_key_did))
        except DomainError:
            return None
        return None if owner is None else self.identity(owner)

    def history(self, did: str, version: int) -> HistoryEvent | None:
        raw = self._get(history_key(did, version))
        return None if raw is None else HistoryEvent.decode(raw)

    def at_height(self, did: str, height: int) -> IdentityRecord | None:
        """The identity as it was after block ``height`` (None if not yet registered)."""
        current = self.identity(did)
        if current is None:
            return None
        low, high, found = 1, current.version, None
        while low <= high:  # last version whose change happened at or before ``height``
            middle = (low + high) // 2
            event = self.history(did, middle)
            assert event is not None, f"history of {did} lacks version {middle}"
            if event.height <= height:
                found, low = event.snapshot, middle + 1
            else:
                high = middle - 1
        return found

    def policy(self, type_url: str, organisation: str) -> tuple[PolicyRecord, str] | None:
        """The policy for ``type_url`` in ``organisation`` (its own, else the default), and
        the organisation whose policy it is ("" for the default)."""
        for scope in (organisation, ""):
            raw = self._get(policy_key(type_url, scope))
            if raw is not None:
                return PolicyRecord.decode(raw), scope
        return None

    def holds(self, record: IdentityRecord, allowed: str, organisation: str) -> bool:
        """Whether ``record`` satisfies one policy entry in the scope of ``organisation``. An
        organisation's own identity holds every role in itself (its keys are its master keys)."""
        if allowed == ANY_IDENTITY:
            return True
        role, _, fixed = allowed.partition("@")
        in_organisation = fixed or organisation
        return record.did == in_organisation or record.has_role(in_organisation, role)


def reader_over(state: Getter) -> IdentityReader:
    """An IdentityReader over a getter of full state keys."""
    return IdentityReader(lambda key: state(STATE_PREFIX + key))


def check_signer(reader: IdentityReader, public_key: bytes, height: int) -> DomainError | None:
    """Unattributable refusals: a key no identity holds, or one revoked before this block."""
    did = reader.did_of_key(public_key)
    record = None if did is None else reader.identity(did)
    if record is None:
        return PermissionDenied(
            "UNKNOWN_SIGNER", f"key {public_key.hex()} is not a registered identity's key"
        )
    entry = record.key(public_key)
    if entry is None or not entry.usable_at(height):
        return Unauthenticated(
            "KEY_REVOKED",
            f"key {did_key(public_key)} of {record.did} was revoked at block "
            f"{None if entry is None else entry.revoked_height}; sign with an active key",
        )
    return None


def signer_identities(reader: IdentityReader, signers: Sequence[bytes]) -> list[IdentityRecord]:
    """Distinct identities of the signers, in the order their first key appears."""
    seen: dict[str, IdentityRecord] = {}
    for key in signers:
        did = reader.did_of_key(key)
        if did is not None and did not in seen:
            record = reader.identity(did)
            if record is not None:
                seen[did] = record
    return list(seen.values())


def authorize(
    reader: IdentityReader,
    type_url: str,
    organisation: str | None,
    identities: Sequence[IdentityRecord],
) -> DomainError | None:
    """The policy check, after signatures, over the signers' distinct ``identities`` (from
    ``signer_identities``): None if authorized, else the refusal to log."""
    for record in identities:
        if record.status != ACTIVE:
            return PermissionDenied(
                "IDENTITY_" + record.status.upper(),
                f"identity {record.did} is {record.status} and may not act",
            )
    scope = organisation or reader.root()
    found = reader.policy(type_url, scope)
    if found is None:
        return PermissionDenied("NOT_AUTHORIZED", f"no policy allows action {type_url}")
    policy, _ = found
    holders = [r.did for r in identities if any(reader.holds(r, a, scope) for a in policy.roles)]
    if len(holders) < policy.threshold:
        return PermissionDenied(
            "NOT_AUTHORIZED",
            f"action {type_url} in organisation {scope} needs {policy.threshold} distinct "
            f"signing identit{'y' if policy.threshold == 1 else 'ies'} holding one of "
            f"{sorted(policy.roles)}; {len(holders)} did",
            metadata={"threshold": str(policy.threshold), "holders": str(len(holders))},
        )
    return None
