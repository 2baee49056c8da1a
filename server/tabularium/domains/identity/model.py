"""Actions of the identity domain, validated on construction (no state needed)."""

from __future__ import annotations

from dataclasses import dataclass

from tabularium.chain.genesis import ROLE_NAME, valid_policy_role
from tabularium.chain.identity import KINDS, STATUSES
from tabularium.crypto.didkey import public_key_from_did_key
from tabularium.errors import InvalidArgument

MAX_KEYS = 8
MAX_TEXT_BYTES = 256
MAX_POLICY_ROLES = 32
COMMITMENT_SIZE = 32


def check_did(did: str, field: str, *, required: bool = True) -> None:
    """Identity DIDs are did:key identifiers. Raises InvalidArgument (DID_INVALID)."""
    if not did and not required:
        return
    try:
        public_key_from_did_key(did)
    except InvalidArgument as exc:
        raise InvalidArgument("DID_INVALID", f"{field}: {exc.message}", field=field) from exc
    if "#" in did:
        raise InvalidArgument("DID_INVALID", f"{field}: a DID, not a DID URL", field=field)


def check_text(value: str, field: str) -> None:
    if len(value.encode()) > MAX_TEXT_BYTES:
        raise InvalidArgument(
            "TEXT_TOO_LONG", f"{field} exceeds {MAX_TEXT_BYTES} bytes", field=field
        )


def check_public_key(key: bytes, field: str) -> None:
    if len(key) != 32:
        raise InvalidArgument(
            "PUBLIC_KEY_INVALID", f"{field} has {len(key)} bytes, want 32", field=field
        )


def check_role(role: str, field: str) -> None:
    if not ROLE_NAME.fullmatch(role):
        raise InvalidArgument(
            "ROLE_INVALID", f"{field} {role!r} is not 1-64 of a-z, 0-9 and '-'", field=field
        )


@dataclass(frozen=True, slots=True)
class KeyPossession:
    public_key: bytes
    signature: bytes

    def __post_init__(self) -> None:
        check_public_key(self.public_key, "public_key")
        if len(self.signature) != 64:
            raise InvalidArgument(
                "POSSESSION_PROOF_INVALID",
                f"possession signature has {len(self.signature)} bytes, want 64",
                field="signature",
            )


@dataclass(frozen=True, slots=True)
class RegisterIdentity:
    kind: str
    keys: tuple[KeyPossession, ...]
    owner: str
    display_name: str
    attributes_commitment: bytes

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidArgument("KIND_INVALID", "kind must be set", field="kind")
        if not 1 <= len(self.keys) <= MAX_KEYS:
            raise InvalidArgument("KEYS_INVALID", f"give 1 to {MAX_KEYS} keys", field="keys")
        if len({k.public_key for k in self.keys}) != len(self.keys):
            raise InvalidArgument("KEYS_INVALID", "keys must be distinct", field="keys")
        check_did(self.owner, "owner", required=False)
        check_text(self.display_name, "display_name")
        if self.kind == "citizen" and self.display_name:
            raise InvalidArgument(
                "PERSONAL_DATA_ON_LOG",
                "a citizen's display name would put personal data on the log; leave it empty "
                "and commit to attributes with attributes_commitment",
                field="display_name",
            )
        if self.kind == "official" and not self.owner:
            raise InvalidArgument(
                "OWNER_REQUIRED", "an official needs the DID of its agency as owner", field="owner"
            )
        if len(self.attributes_commitment) not in (0, COMMITMENT_SIZE):
            raise InvalidArgument(
                "COMMITMENT_INVALID",
                "attributes_commitment is a 32-byte salted hash, or empty",
                field="attributes_commitment",
            )


@dataclass(frozen=True, slots=True)
class AddKey:
    did: str
    key: KeyPossession

    def __post_init__(self) -> None:
        check_did(self.did, "did")


@dataclass(frozen=True, slots=True)
class RevokeKey:
    did: str
    public_key: bytes
    reason: str

    def __post_init__(self) -> None:
        check_did(self.did, "did")
        check_public_key(self.public_key, "public_key")
        check_text(self.reason, "reason")


@dataclass(frozen=True, slots=True)
class RotateKey:
    did: str
    old_public_key: bytes
    new_key: KeyPossession

    def __post_init__(self) -> None:
        check_did(self.did, "did")
        check_public_key(self.old_public_key, "old_public_key")


@dataclass(frozen=True, slots=True)
class SetIdentityStatus:
    did: str
    status: str
    reason: str

    def __post_init__(self) -> None:
        check_did(self.did, "did")
        if self.status not in STATUSES:
            raise InvalidArgument("STATUS_INVALID", "status must be set", field="status")
        check_text(self.reason, "reason")


@dataclass(frozen=True, slots=True)
class RoleChange:
    """GrantRole (grant=True) or WithdrawRole."""

    subject: str
    organisation: str
    role: str
    grant: bool

    def __post_init__(self) -> None:
        check_did(self.subject, "subject")
        check_did(self.organisation, "organization")
        check_role(self.role, "role")


@dataclass(frozen=True, slots=True)
class SetPolicy:
    action_type_url: str
    organisation: str
    roles: tuple[str, ...]
    threshold: int

    def __post_init__(self) -> None:
        if not self.action_type_url.startswith("type.googleapis.com/"):
            raise InvalidArgument(
                "TYPE_URL_INVALID",
                "action_type_url must be a full type URL (type.googleapis.com/...)",
                field="action_type_url",
            )
        check_did(self.organisation, "organization", required=False)
        if not 1 <= len(self.roles) <= MAX_POLICY_ROLES:
            raise InvalidArgument(
                "POLICY_INVALID", f"give 1 to {MAX_POLICY_ROLES} roles", field="roles"
            )
        for role in self.roles:
            if not valid_policy_role(role) or role.endswith("@root"):
                raise InvalidArgument(
                    "POLICY_INVALID",
                    f"role {role!r} is not '*', 'role' or 'role@did:key:...'",
                    field="roles",
                )
            if "@" in role:
                check_did(role.partition("@")[2], "roles")
        if not 1 <= self.threshold <= 64:
            raise InvalidArgument(
                "POLICY_INVALID", "threshold must be between 1 and 64", field="threshold"
            )
