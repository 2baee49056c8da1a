"""The genesis document: chain id, checkpoint key(s), founding authorities and policies.

Stored as canonical JSON (sorted keys, no spaces). Block 0's previous-block hash is SHA-256 of
these exact bytes, so every node that starts from the same genesis agrees from the first block.

An embedded chain names one checkpoint key, its node's. A replicated network's genesis instead
lists its agencies (``agencies``): each runs one CometBFT validator and one node, which signs its
own checkpoints with its own key, so the one shared document names every agency's keys and
every node can tell which agency signed a checkpoint.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from tabularium.errors import InvalidArgument

DEFAULT_MAX_WINDOW_SECONDS = 3600
ORIGIN_PREFIX = "tabularium.example/"


ROLE_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
AGENCY_NAME = ROLE_NAME
VALIDATOR_POWER = 10  # every agency's validator has this voting power
NODE_ID = re.compile(r"[0-9a-f]{40}")


def validator_address(public_key: bytes) -> bytes:
    """CometBFT's address of an Ed25519 key: the first 20 bytes of its SHA-256 (a validator's
    address; in hex, a node's ID)."""
    return hashlib.sha256(public_key).digest()[:20]


def valid_policy_role(entry: str) -> bool:
    """ "*", "role", or "role@<organisation DID>" ("role@root" in genesis)."""
    if entry == "*":
        return True
    role, at, organisation = entry.partition("@")
    return bool(ROLE_NAME.fullmatch(role)) and (not at or bool(organisation))


@dataclass(frozen=True, slots=True)
class Authority:
    """A founding identity, its key and its roles in the root organisation.

    The first authority is the root organisation itself (an agency); the others are officials it
    owns. Their DIDs are the did:key of their keys.
    """

    name: str
    public_key: bytes
    roles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Policy:
    """Default policy for an action type in every organisation: ``threshold`` distinct signing
    identities holding any of ``roles`` ("role" in the action's organisation, "role@root" in the
    root organisation, "*" any active identity)."""

    action: str
    roles: tuple[str, ...]
    threshold: int = 1


@dataclass(frozen=True, slots=True)
class Agency:
    """One agency of a replicated network: its CometBFT validator (one vote, all at equal
    power), its node's ID as CometBFT prints it (hex of the first 20 bytes of SHA-256 of the
    P2P key; only these nodes may peer), and the key its node signs checkpoints with."""

    name: str
    validator_public_key: bytes
    checkpoint_public_key: bytes
    node_id: str

    @property
    def validator_address(self) -> bytes:
        return validator_address(self.validator_public_key)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "validator_public_key": self.validator_public_key.hex(),
            "checkpoint_public_key": self.checkpoint_public_key.hex(),
            "node_id": self.node_id,
        }

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> Agency:
        return cls(
            str(doc["name"]),
            bytes.fromhex(doc["validator_public_key"]),
            bytes.fromhex(doc["checkpoint_public_key"]),
            str(doc["node_id"]),
        )


@dataclass(frozen=True, slots=True)
class Genesis:
    chain_id: str
    genesis_time_us: int
    checkpoint_key_name: str  # embedded: the node's; a network's genesis leaves both empty
    checkpoint_public_key: bytes
    authorities: tuple[Authority, ...]
    policies: tuple[Policy, ...]
    max_window_seconds: int = DEFAULT_MAX_WINDOW_SECONDS
    agencies: tuple[Agency, ...] = ()  # a replicated network's; empty for an embedded chain

    @property
    def replicated(self) -> bool:
        return bool(self.agencies)

    def checkpoint_key_name_of(self, agency: str) -> str:
        return f"{self.chain_id}-{agency}"

    def signers(self) -> tuple[tuple[str, bytes], ...]:
        """(key name, public key) of every node that may sign this chain's checkpoints."""
        if self.replicated:
            return tuple(
                (self.checkpoint_key_name_of(a.name), a.checkpoint_public_key)
                for a in self.agencies
            )
        return ((self.checkpoint_key_name, self.checkpoint_public_key),)

    def agency_of(self, checkpoint_public_key: bytes) -> Agency | None:
        """The agency whose node signs checkpoints with this key (None: no such agency)."""
        return next(
            (a for a in self.agencies if a.checkpoint_public_key == checkpoint_public_key), None
        )

    def signer_name(self, public_key: bytes) -> str:
        """The checkpoint key name of ``public_key``. Raises ValueError if genesis names no
        such checkpoint key (a node key from another chain or agency)."""
        for name, key in self.signers():
            if key == public_key:
                return name
        raise ValueError(
            f"node key {public_key.hex()} is not a checkpoint key named in genesis of "
            f"{self.chain_id}"
        )

    @property
    def origin(self) -> str:
        return ORIGIN_PREFIX + self.chain_id

    @property
    def max_window_us(self) -> int:
        return self.max_window_seconds * 1_000_000

    def to_json(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "chain_id": self.chain_id,
            "genesis_time_us": self.genesis_time_us,
            "max_window_seconds": self.max_window_seconds,
            "authorities": [
                {"name": a.name, "public_key": a.public_key.hex(), "roles": sorted(a.roles)}
                for a in self.authorities
            ],
            "policies": [
                {"action": p.action, "roles": sorted(p.roles), "threshold": p.threshold}
                for p in self.policies
            ],
        }
        if self.replicated:
            doc["agencies"] = [a.to_json() for a in self.agencies]
        else:
            doc["checkpoint_key_name"] = self.checkpoint_key_name
            doc["checkpoint_public_key"] = self.checkpoint_public_key.hex()
        return doc

    def encode(self) -> bytes:
        """Canonical bytes: JSON with sorted keys and no insignificant whitespace."""
        return json.dumps(self.to_json(), sort_keys=True, separators=(",", ":")).encode()

    def hash(self) -> bytes:
        return hashlib.sha256(self.encode()).digest()

    @classmethod
    def decode(cls, raw: bytes) -> Genesis:
        """Parse genesis JSON. Raises InvalidArgument (GENESIS_INVALID) naming the problem."""
        try:
            doc = json.loads(raw)
            genesis = cls(
                chain_id=str(doc["chain_id"]),
                genesis_time_us=int(doc["genesis_time_us"]),
                checkpoint_key_name=str(doc.get("checkpoint_key_name", "")),
                checkpoint_public_key=bytes.fromhex(doc.get("checkpoint_public_key", "")),
                max_window_seconds=int(doc.get("max_window_seconds", DEFAULT_MAX_WINDOW_SECONDS)),
                authorities=tuple(
                    Authority(str(a["name"]), bytes.fromhex(a["public_key"]), tuple(a["roles"]))
                    for a in doc["authorities"]
                ),
                policies=tuple(
                    Policy(str(p["action"]), tuple(p["roles"]), int(p.get("threshold", 1)))
                    for p in doc["policies"]
                ),
                agencies=tuple(Agency.from_json(a) for a in doc.get("agencies", ())),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise InvalidArgument("GENESIS_INVALID", f"genesis is not valid: {exc!r}") from exc
        genesis.validate()
        return genesis

    def validate(self) -> None:
        """Raise InvalidArgument (GENESIS_INVALID) if the document is inconsistent."""
        problems: list[str] = []
        if not self.chain_id or not all(c.isalnum() or c in "-_." for c in self.chain_id):
            problems.append("chain_id must be non-empty and use only letters, digits, - _ .")
        if len(self.chain_id) > 50:
            problems.append("chain_id has at most 50 characters (CometBFT's limit)")
        if self.replicated:
            problems += self._agency_problems()
        else:
            if len(self.checkpoint_public_key) != 32:
                problems.append("checkpoint_public_key must be 32 bytes")
            if not self.checkpoint_key_name or any(c in " +" for c in self.checkpoint_key_name):
                problems.append("checkpoint_key_name must be non-empty without spaces or '+'")
        if not self.authorities:
            problems.append("at least one authority (the root organisation) is needed")
        if any(not ROLE_NAME.fullmatch(r) for a in self.authorities for r in a.roles):
            problems.append("role names are 1-64 of a-z, 0-9 and '-'")
        if any(not valid_policy_role(r) for p in self.policies for r in p.roles):
            problems.append("policy roles are '*', 'role' or 'role@root'")
        keys = [a.public_key for a in self.authorities]
        if any(len(k) != 32 for k in keys) or len(set(keys)) != len(keys):
            problems.append("authority keys must be distinct 32-byte Ed25519 keys")
        actions = [p.action for p in self.policies]
        if len(set(actions)) != len(actions):
            problems.append("each action may have one policy")
        if any(p.threshold < 1 or not p.roles for p in self.policies):
            problems.append("policies need at least one role and a threshold >= 1")
        if not 1 <= self.max_window_seconds <= 7 * 24 * 3600:
            problems.append("max_window_seconds must be between 1 s and 7 days")
        if problems:
            raise InvalidArgument("GENESIS_INVALID", "genesis is not valid: " + "; ".join(problems))

    def _agency_problems(self) -> list[str]:
        problems = []
        if self.checkpoint_key_name or self.checkpoint_public_key:
            problems.append("a network's checkpoint keys are its agencies'; name no other")
        agencies = self.agencies
        if any(not AGENCY_NAME.fullmatch(a.name) for a in agencies):
            problems.append("agency names are 1-64 of a-z, 0-9 and '-'")
        if any(not NODE_ID.fullmatch(a.node_id) for a in agencies):
            problems.append("node_id is 40 lower-case hex digits")
        for field in ("name", "validator_public_key", "checkpoint_public_key", "node_id"):
            values = [getattr(a, field) for a in agencies]
            if len(set(values)) != len(values):
                problems.append(f"two agencies share a {field}")
        keys = [k for a in agencies for k in (a.validator_public_key, a.checkpoint_public_key)]
        if any(len(k) != 32 for k in keys):
            problems.append("agency keys are 32-byte Ed25519 keys")
        return problems
