"""Offline commit verification against a signed header recorded from a real CometBFT v0.38.25
node (tests/vectors/consensus/commit-one-validator.json), and its negatives: a flipped
signature, a changed header field, too little signing power."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tabularium.consensus.lightproof import (
    header_hash,
    signed_header_from_rpc,
    validator_address,
    verify_commit,
)
from tabularium.errors import InvalidProof

VECTOR = json.loads(
    (Path(__file__).parents[1] / "vectors" / "consensus" / "commit-one-validator.json").read_text()
)
VALIDATORS = {bytes.fromhex(v["ed25519"]): v["power"] for v in VECTOR["validators"]}


def _doc() -> dict[str, Any]:
    return copy.deepcopy(VECTOR["signed_header"])


def test_the_recorded_commit_verifies() -> None:
    signed = signed_header_from_rpc(_doc())
    assert (
        header_hash(signed.header).hex().upper()
        == VECTOR["signed_header"]["commit"]["block_id"]["hash"]
    )
    assert verify_commit(signed, VALIDATORS) == 10
    (key,) = VALIDATORS
    sig = VECTOR["signed_header"]["commit"]["signatures"][0]
    assert validator_address(key).hex().upper() == sig["validator_address"]


@pytest.mark.parametrize(
    "field",
    ["chain_id", "height", "time", "app_hash", "data_hash", "proposer_address", "last_block_id"],
)
def test_any_changed_header_field_breaks_the_block_id(field: str) -> None:
    doc = _doc()
    h = doc["header"]
    if field == "height":
        h["height"] = str(int(h["height"]) + 1)
        doc["commit"]["height"] = h["height"]  # keep the heights equal: only the hash differs
    elif field == "time":
        h["time"] = h["time"].replace("Z", "").rstrip("0123456789") + "1Z"
    elif field == "last_block_id":
        h["last_block_id"]["parts"]["total"] += 1
    elif field == "chain_id":
        h["chain_id"] += "x"
    else:
        h[field] = "AB" * 32 if field != "proposer_address" else "AB" * 20
    with pytest.raises(InvalidProof, match="does not hash"):
        verify_commit(signed_header_from_rpc(doc), VALIDATORS)


def test_a_flipped_signature_or_too_little_power_fails() -> None:
    signed = signed_header_from_rpc(_doc())
    sig = signed.commit.signatures[0]
    sig.signature = bytes([sig.signature[0] ^ 0x80]) + sig.signature[1:]
    with pytest.raises(InvalidProof, match="does not verify"):
        verify_commit(signed, VALIDATORS)
    more = {**VALIDATORS, bytes(32): 5, bytes([1]) * 32: 1}  # 10 of 16: not over 2/3
    with pytest.raises(InvalidProof, match="not over 2/3"):
        verify_commit(signed_header_from_rpc(_doc()), more)
    assert verify_commit(signed_header_from_rpc(_doc()), {**VALIDATORS, bytes(32): 4}) == 10
