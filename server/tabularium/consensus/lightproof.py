"""Offline checks of what CometBFT signs: a block header's hash, the bytes each validator signs
for a precommit, and whether a commit carries more than two thirds of the voting power.

Re-encoded the way CometBFT v0.38 encodes them (gogoproto): the header hash is the RFC 6962
Merkle root of its 14 fields, each encoded on its own (scalars wrapped as the only field of a
message, so an empty value encodes to nothing); non-nullable sub-messages (``Header.version``,
``BlockID.part_set_header``, ``CanonicalVote.timestamp``...) are written even when empty.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

from google.protobuf.message import DecodeError
from google.protobuf.timestamp_pb2 import Timestamp

from tabularium.chain.apphash import app_hash
from tabularium.chain.checkpoint import (
    Checkpoint,
    NoteVerifier,
    parse_checkpoint,
    verify_checkpoint,
)
from tabularium.chain.genesis import VALIDATOR_POWER, Genesis, validator_address
from tabularium.chain.ledger import CONSENSUS_PROOF_PREFIX, decode_header
from tabularium.chain.receipt import length_delimited, verify_receipt_with
from tabularium.consensus.framing import encode_varint
from tabularium.consensus.v1 import types_pb2
from tabularium.crypto import ed25519, merkle
from tabularium.errors import DataCorruption, InvalidProof, InvalidSignature
from tabularium.ledger.v1 import ledger_pb2
from tabularium.storage import Store


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


def network_validators(genesis: Genesis) -> dict[bytes, int]:
    """The validator keys and powers a network's genesis pins (one per agency)."""
    return {a.validator_public_key: VALIDATOR_POWER for a in genesis.agencies}


def check_block_proof(
    height: int,
    log_root: bytes,
    state_digest: bytes,
    signed: types_pb2.SignedHeader,
    validators: Mapping[bytes, int],
    chain_id: str,
) -> int:
    """That the network decided block ``height`` with this log root and state digest: header
    height+1 of ``chain_id`` carries their app hash, and more than 2/3 of ``validators`` signed
    it. Returns the signing power. Raises InvalidProof naming the failed step."""
    header = signed.header
    if header.chain_id != chain_id:
        raise InvalidProof(f"the header is of chain {header.chain_id!r}, not {chain_id!r}")
    if header.height != height + 1:
        raise InvalidProof(
            f"block {height}'s app hash is in header {height + 1}, not header {header.height}"
        )
    want = app_hash(height, log_root, state_digest)
    if header.app_hash != want:
        raise InvalidProof(
            f"header {header.height}'s app hash {header.app_hash.hex()} is not block {height}'s "
            f"({want.hex()} from its log root and state digest)"
        )
    return verify_commit(signed, validators)


def verify_network_receipt(
    receipt: ledger_pb2.Receipt,
    genesis: Genesis,
    verifier: NoteVerifier | None = None,
) -> Checkpoint:
    """Check a replicated node's receipt against the network's genesis alone: the transaction
    hash, its inclusion in the checkpoint's root, and the consensus proof that the agencies'
    validators decided that root (and the state digest) at the entry's block. With
    ``verifier`` (the node's pinned checkpoint key) the checkpoint's signature is checked too;
    without it, the root is trusted because the validators signed it, and the tree size (which
    the app hash does not hold) only as the receipt states it. Raises InvalidProof,
    InvalidSignature or InvalidArgument naming the failed step."""

    def checkpoint_of(note: bytes) -> Checkpoint:
        if verifier is not None:
            return verify_checkpoint(note, verifier, origin=genesis.origin)
        checkpoint = parse_checkpoint(note)
        if checkpoint.origin != genesis.origin:
            raise InvalidProof(f"checkpoint origin {checkpoint.origin!r} is not this network's")
        return checkpoint

    checkpoint = verify_receipt_with(receipt, checkpoint_of)
    if not receipt.HasField("consensus_proof"):
        raise InvalidProof("the receipt has no consensus proof (ask a replicated node, later)")
    proof = receipt.consensus_proof
    if proof.height != receipt.block_height:
        raise InvalidProof(
            f"the consensus proof is for block {proof.height}, the entry is in block "
            f"{receipt.block_height}"
        )
    check_block_proof(
        proof.height,
        checkpoint.root,
        proof.state_digest,
        proof.signed_header,
        network_validators(genesis),
        genesis.chain_id,
    )
    return checkpoint


def verify_stored_proofs(store: Store) -> int | None:
    """``tabularium verify`` on a replicated node: every stored consensus proof must prove its
    block against the genesis validators. Returns how many there are (None for an embedded
    chain). Raises DataCorruption naming the first bad one."""
    with store.read() as txn:
        raw_genesis = txn.meta("genesis")
        if raw_genesis is None:
            raise DataCorruption("no genesis: this folder holds no chain")
        genesis = Genesis.decode(raw_genesis)
        if not genesis.replicated:
            return None
        validators = network_validators(genesis)
        count = 0
        for key, raw in txn.local_range(CONSENSUS_PROOF_PREFIX):
            suffix = key[len(CONSENSUS_PROOF_PREFIX) :]
            if len(suffix) != 8:
                continue  # the "next" marker
            height = int.from_bytes(suffix, "big")
            header = txn.block_header(height)
            if header is None:
                raise DataCorruption(f"consensus proof for block {height}, which is not stored")
            block = decode_header(header)
            signed = types_pb2.SignedHeader()
            try:
                signed.ParseFromString(raw)
                check_block_proof(
                    height, block.log_root, block.state_digest, signed, validators, genesis.chain_id
                )
            except (DecodeError, InvalidProof) as exc:
                raise DataCorruption(f"block {height}: stored consensus proof: {exc}") from exc
            count += 1
    return count


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
