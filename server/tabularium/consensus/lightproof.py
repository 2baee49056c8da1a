"""Offline checks of what CometBFT signs: a block header's hash, the bytes each validator signs
for a precommit, and whether a commit carries more than two thirds of the voting power.

Re-encoded the way CometBFT v0.38 encodes them (gogoproto): the header hash is the RFC 6962
Merkle root of its 14 fields, each encoded on its own (scalars wrapped as the only field of a
message, so an empty value encodes to nothing); non-nullable sub-messages (``Header.version``,
``BlockID.part_set_header``, ``CanonicalVote.timestamp``...) are written even when empty.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp

from tabularium.chain.receipt import length_delimited
from tabularium.consensus.framing import encode_varint
from tabularium.consensus.v1 import types_pb2
from tabularium.crypto import ed25519, merkle
from tabularium.errors import InvalidProof, InvalidSignature


def _wrapped_bytes(value: bytes) -> bytes:
    """gogotypes.BytesValue{value} (or StringValue, the same wire form): field 1, if set."""
    return length_delimited(1, value) if value else b""


def _wrapped_int(value: int) -> bytes:
    """gogotypes.Int64Value{value}: field 1 as a varint, if non-zero."""
    return b"\x08" + encode_varint(value % (1 << 64)) if value else b""


def _block_id(block_id: types_pb2.BlockID) -> bytes:
    out = types_pb2.BlockID()
    out.CopyFrom(block_id)
    out.part_set_header.SetInParent()  # non-nullable: always written
    return out.SerializeToString(deterministic=True)


def header_hash(header: types_pb2.Header) -> bytes:
    """CometBFT's ``Header.Hash()``: what a commit's ``block_id.hash`` names."""
    fields = [
        header.version.SerializeToString(deterministic=True),
        _wrapped_bytes(header.chain_id.encode()),
        _wrapped_int(header.height),
        header.time.SerializeToString(deterministic=True),
        _block_id(header.last_block_id),
        _wrapped_bytes(header.last_commit_hash),
        _wrapped_bytes(header.data_hash),
        _wrapped_bytes(header.validators_hash),
        _wrapped_bytes(header.next_validators_hash),
        _wrapped_bytes(header.consensus_hash),
        _wrapped_bytes(header.app_hash),
        _wrapped_bytes(header.last_results_hash),
        _wrapped_bytes(header.evidence_hash),
        _wrapped_bytes(header.proposer_address),
    ]
    return merkle.root(fields)


def precommit_sign_bytes(
    chain_id: str, commit: types_pb2.Commit, sig: types_pb2.CommitSig
) -> bytes:
    """The length-delimited ``CanonicalVote`` a validator signed for ``sig`` in ``commit``."""
    vote = types_pb2.CanonicalVote(
        type=types_pb2.SIGNED_MSG_TYPE_PRECOMMIT,
        height=commit.height,
        round=commit.round,
        chain_id=chain_id,
    )
    vote.block_id.hash = commit.block_id.hash
    vote.block_id.part_set_header.total = commit.block_id.part_set_header.total
    vote.block_id.part_set_header.hash = commit.block_id.part_set_header.hash
    vote.block_id.part_set_header.SetInParent()
    vote.timestamp.CopyFrom(sig.timestamp)
    vote.timestamp.SetInParent()
    body = vote.SerializeToString(deterministic=True)
    return encode_varint(len(body)) + body


def validator_address(public_key: bytes) -> bytes:
    """CometBFT's address of an Ed25519 validator key: the first 20 bytes of its SHA-256."""
    return hashlib.sha256(public_key).digest()[:20]


def verify_commit(signed: types_pb2.SignedHeader, validators: Mapping[bytes, int]) -> int:
    """Check that ``signed.commit`` commits ``signed.header`` with more than two thirds of the
    power of ``validators`` (Ed25519 public key -> power). Returns the power that signed.

    Raises:
        InvalidProof: the header does not hash to the committed block ID, a signature from a
            known validator does not verify, or the signing power is two thirds or less.
    """
    header, commit = signed.header, signed.commit
    if commit.height != header.height:
        raise InvalidProof(f"commit is for height {commit.height}, header for {header.height}")
    if header_hash(header) != commit.block_id.hash:
        raise InvalidProof("the header does not hash to the block ID its commit signs")
    by_address = {validator_address(key): (key, power) for key, power in validators.items()}
    total = sum(validators.values())
    signed_power = 0
    seen: set[bytes] = set()
    for sig in commit.signatures:
        if sig.block_id_flag != types_pb2.BLOCK_ID_FLAG_COMMIT:
            continue  # absent, or a vote for nil: no power for this block
        known = by_address.get(sig.validator_address)
        if known is None or sig.validator_address in seen:
            continue
        key, power = known
        try:
            ed25519.verify(key, precommit_sign_bytes(header.chain_id, commit, sig), sig.signature)
        except InvalidSignature as exc:
            raise InvalidProof(
                f"validator {sig.validator_address.hex()}'s precommit signature does not verify"
            ) from exc
        seen.add(sig.validator_address)
        signed_power += power
    if 3 * signed_power <= 2 * total:
        raise InvalidProof(f"only {signed_power} of {total} voting power signed: not over 2/3")
    return signed_power


# ----- CometBFT's JSON RPC (``/commit?height=H``) -----------------------------------------------


def _set_time(target: Timestamp, text: str) -> None:
    """An RFC 3339 time, nanoseconds kept, as CometBFT's JSON writes it."""
    target.FromJsonString(text)
    target.SetInParent()


def _block_id_from(doc: Mapping[str, Any], out: types_pb2.BlockID) -> None:
    out.hash = bytes.fromhex(doc.get("hash") or "")
    parts = doc.get("parts") or {}
    out.part_set_header.total = int(parts.get("total") or 0)
    out.part_set_header.hash = bytes.fromhex(parts.get("hash") or "")
    out.part_set_header.SetInParent()


def signed_header_from_rpc(doc: Mapping[str, Any]) -> types_pb2.SignedHeader:
    """The ``signed_header`` of CometBFT's ``/commit`` answer as our wire message."""
    h, c = doc["header"], doc["commit"]
    out = types_pb2.SignedHeader()
    header = out.header
    header.version.block = int(h["version"]["block"])
    header.version.app = int(h["version"].get("app") or 0)
    header.version.SetInParent()
    header.chain_id = h["chain_id"]
    header.height = int(h["height"])
    _set_time(header.time, h["time"])
    _block_id_from(h["last_block_id"], header.last_block_id)
    for name in (
        "last_commit_hash",
        "data_hash",
        "validators_hash",
        "next_validators_hash",
        "consensus_hash",
        "app_hash",
        "last_results_hash",
        "evidence_hash",
        "proposer_address",
    ):
        setattr(header, name, bytes.fromhex(h.get(name) or ""))
    commit = out.commit
    commit.height = int(c["height"])
    commit.round = int(c["round"])
    _block_id_from(c["block_id"], commit.block_id)
    for s in c["signatures"]:
        sig = commit.signatures.add()
        sig.block_id_flag = int(s["block_id_flag"])  # type: ignore[assignment]
        sig.validator_address = bytes.fromhex(s.get("validator_address") or "")
        _set_time(sig.timestamp, s["timestamp"])
        sig.signature = base64.b64decode(s.get("signature") or "")
    return out
