"""The agencies of a replicated network, as CometBFT's genesis ``app_state`` names them.

``app_state`` is a JSON object ``{"agencies": [{"name", "validator_public_key",
"checkpoint_public_key", "node_id"}, ...]}`` (keys in lower-case hex, 32-byte Ed25519; the node
ID as CometBFT prints it, 40 hex digits). Each agency runs one validator at equal voting power;
InitChain refuses a validator set that is not exactly theirs, and the peer filter admits only
their node IDs. (Founding authorities join this when ``tabularium network genesis`` assembles it.)
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tabularium.consensus.v1 import abci_pb2 as abci


class NetworkGenesisError(ValueError):
    """``app_state`` or the validator set CometBFT passed does not describe this network."""


@dataclass(frozen=True, slots=True)
class Agency:
    name: str
    validator_public_key: bytes
    checkpoint_public_key: bytes
    node_id: str  # CometBFT's: hex of the first 20 bytes of SHA-256 of the node key


def _key(entry: dict[str, Any], field: str, name: str) -> bytes:
    value = entry.get(field)
    try:
        key = bytes.fromhex(value) if isinstance(value, str) else b""
    except ValueError:
        key = b""
    if len(key) != 32:
        raise NetworkGenesisError(f"agency {name!r}: {field} must be 32 bytes of hex")
    return key


def parse_app_state(raw: bytes) -> list[Agency]:
    try:
        doc = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NetworkGenesisError(f"app_state is not JSON: {exc}") from exc
    entries = doc.get("agencies") if isinstance(doc, dict) else None
    if not isinstance(entries, list) or not entries:
        raise NetworkGenesisError('app_state must be {"agencies": [...]} with at least one')
    agencies = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise NetworkGenesisError("each agency needs a name")
        name = entry["name"]
        node_id = entry.get("node_id")
        if not isinstance(node_id, str) or not re.fullmatch(r"[0-9a-f]{40}", node_id):
            raise NetworkGenesisError(f"agency {name!r}: node_id must be 40 lower-case hex digits")
        agencies.append(
            Agency(
                name,
                _key(entry, "validator_public_key", name),
                _key(entry, "checkpoint_public_key", name),
                node_id,
            )
        )
    if len({a.name for a in agencies}) != len(agencies):
        raise NetworkGenesisError("agency names repeat")
    if len({a.validator_public_key for a in agencies}) != len(agencies):
        raise NetworkGenesisError("two agencies share a validator key")
    if len({a.node_id for a in agencies}) != len(agencies):
        raise NetworkGenesisError("two agencies share a node ID")
    return agencies


def check_validators(
    agencies: Sequence[Agency], validators: Sequence[abci.ValidatorUpdate]
) -> None:
    """The validators must be exactly the agencies' keys, Ed25519, all at one power."""
    keys = []
    for v in validators:
        if v.pub_key.WhichOneof("sum") != "ed25519":
            raise NetworkGenesisError("every validator key must be Ed25519")
        keys.append(v.pub_key.ed25519)
    want = {a.validator_public_key for a in agencies}
    if len(keys) != len(set(keys)) or set(keys) != want:
        raise NetworkGenesisError(
            f"CometBFT's genesis has {len(keys)} validators that are not exactly the "
            f"{len(agencies)} agencies' validator keys in app_state"
        )
    if len({v.power for v in validators}) != 1 or validators[0].power <= 0:
        raise NetworkGenesisError("every agency's validator must have the same positive power")
