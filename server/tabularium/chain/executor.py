"""Deterministic execution of one block's transactions (DESIGN §2, §4).

``execute_block`` is a pure function of the committed state (read through ``base``), the block
time and the transactions in order, plus each one's signature check. It decides, in the order
DESIGN §2 gives, what happens to each transaction:

* duplicate of a logged (or earlier in this block) transaction: answered with the original;
* refused without an entry (cannot be attributed): window closed or not open, bad signature,
  unknown signer, reused nonce;
* logged as a refusal (attributed, no state change): not authorized, or a domain rule;
* logged and applied.

Handlers run against a per-transaction overlay that is dropped on refusal.
"""

from __future__ import annotations

import functools
import json
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tabularium.chain.actions import ActionContext
from tabularium.chain.genesis import Genesis
from tabularium.chain.state import Getter, Overlay
from tabularium.chain.tx import Transaction
from tabularium.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    PermissionDenied,
    Unauthenticated,
)

AUTHORITY_PREFIX = b"ledger/authority/"
POLICY_PREFIX = b"ledger/policy/"
NONCE_PREFIX = b"ledger/nonce/"
NONCE_EXPIRY_PREFIX = b"ledger/nonce-exp/"
RESULT_PREFIX = b"ledger/result/"
MAX_NONCE_PRUNE_PER_BLOCK = 10_000

_U64 = struct.Struct(">Q")


def result_key(entry_index: int) -> bytes:
    return RESULT_PREFIX + _U64.pack(entry_index)


def authority_key(public_key: bytes) -> bytes:
    return AUTHORITY_PREFIX + public_key


def policy_key(type_url: str) -> bytes:
    return POLICY_PREFIX + type_url.encode()


def canonical_json(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":")).encode()


def genesis_writes(genesis: Genesis) -> Overlay:
    """The state that genesis establishes: founding authorities and policies."""
    overlay = Overlay(lambda _key: None)
    for authority in genesis.authorities:
        overlay.put(
            authority_key(authority.public_key),
            canonical_json({"name": authority.name, "roles": sorted(authority.roles)}),
        )
    for policy in genesis.policies:
        overlay.put(
            policy_key(policy.action),
            canonical_json({"roles": sorted(policy.roles), "threshold": policy.threshold}),
        )
    return overlay


@dataclass(slots=True)
class Outcome:
    """What happened to one submitted transaction.

    ``entry_index`` is set when the transaction is (or already was) in the log; ``error`` is set
    when it was refused, with or without an entry.
    """

    tx: Transaction
    entry_index: int | None = None
    error: DomainError | None = None
    duplicate_of_logged: bool = False
    # Set by the block writer once the block holding a new entry is committed.
    receipt: Any = None


@dataclass(slots=True)
class BlockExecution:
    """Everything a block commits, computed before any write."""

    outcomes: list[Outcome]
    logged: list[Transaction] = field(default_factory=list)
    results: list[DomainError | None] = field(default_factory=list)
    overlay: Overlay | None = None


def execute_block(
    base: Getter,
    *,
    lookup_logged: Callable[[bytes], int | None],
    first_index: int,
    height: int,
    block_time_us: int,
    txs: Sequence[Transaction],
    signature_ok: Sequence[bool],
    expired_nonce_keys: Sequence[bytes],
) -> BlockExecution:
    """Execute ``txs`` in order on top of the committed state.

    ``lookup_logged`` maps a tx hash to its entry index if it is already in the log.
    ``expired_nonce_keys`` are the nonce-expiry index keys whose windows closed before
    ``block_time_us`` (read from the committed state in key order); they are deleted first.
    """
    block = Overlay(base)
    for expiry_key in expired_nonce_keys:
        block.delete(expiry_key)
        block.delete(NONCE_PREFIX + expiry_key[len(NONCE_EXPIRY_PREFIX) + 8 :])
    execution = BlockExecution(outcomes=[], overlay=block)
    in_block: dict[bytes, int] = {}
    next_index = first_index
    for tx, sig_ok in zip(txs, signature_ok, strict=True):
        outcome = Outcome(tx)
        execution.outcomes.append(outcome)
        earlier = in_block.get(tx.tx_hash)
        if earlier is None:
            earlier = lookup_logged(tx.tx_hash)
        if earlier is not None:
            outcome.entry_index = earlier
            outcome.duplicate_of_logged = True
            continue
        error = _unattributable(block, tx, sig_ok, block_time_us)
        if error is not None:
            outcome.error = error
            continue
        # Attributed from here on: the entry is logged, accepted or refused.
        index = next_index
        next_index += 1
        in_block[tx.tx_hash] = index
        outcome.entry_index = index
        for signer in tx.signers:
            block.put(NONCE_PREFIX + signer + tx.nonce, _U64.pack(tx.not_after_us))
            block.put(NONCE_EXPIRY_PREFIX + _U64.pack(tx.not_after_us) + signer + tx.nonce, b"")
        refusal = _authorize(block, tx)
        if refusal is None:
            scratch = block.child()
            context = ActionContext(
                block_height=height,
                block_time_us=block_time_us,
                entry_index=index,
                tx_hash=tx.tx_hash,
                signers=tx.signers,
                state=tx.action_type.bind(scratch),
            )
            try:
                tx.action_type.handle(context, tx.action)
            except DomainError as exc:
                refusal = exc
            else:
                block.merge(scratch)
        if refusal is not None:
            outcome.error = refusal.with_metadata(entry_index=str(index))
        execution.logged.append(tx)
        execution.results.append(outcome.error)
    return execution


def _unattributable(
    state: Overlay, tx: Transaction, sig_ok: bool, block_time_us: int
) -> DomainError | None:
    """Checks whose failure leaves no log entry, in DESIGN §2 order."""
    if block_time_us < tx.not_before_us:
        return FailedPrecondition(
            "WINDOW_NOT_OPEN",
            f"transaction is valid from {tx.not_before_us} µs, block time is {block_time_us} µs",
        )
    if block_time_us > tx.not_after_us:
        return FailedPrecondition(
            "WINDOW_CLOSED",
            f"transaction expired at {tx.not_after_us} µs, block time is {block_time_us} µs",
        )
    if not sig_ok:
        return Unauthenticated(
            "BAD_SIGNATURE", "a signature does not verify over 'tabularium/tx/v1' 0x00 body"
        )
    for signer in tx.signers:
        if state.get(authority_key(signer)) is None:
            return PermissionDenied(
                "UNKNOWN_SIGNER", f"key {signer.hex()} is not a registered identity"
            )
    for signer in tx.signers:
        if state.get(NONCE_PREFIX + signer + tx.nonce) is not None:
            return AlreadyExists(
                "NONCE_REUSED",
                f"key {signer.hex()} already used nonce {tx.nonce.hex()} in an open window; "
                "sign again with a fresh random nonce",
            )
    return None


@functools.lru_cache(maxsize=4096)
def _roles(raw_authority: bytes) -> frozenset[str]:
    """Roles in a stored authority record (cached by its exact bytes, so still pure)."""
    return frozenset(json.loads(raw_authority)["roles"])


@functools.lru_cache(maxsize=1024)
def _policy(raw_policy: bytes) -> tuple[frozenset[str], int]:
    """(allowed roles, threshold) of a stored policy record, cached by its exact bytes."""
    policy = json.loads(raw_policy)
    return frozenset(policy["roles"]), int(policy["threshold"])


def _authorize(state: Overlay, tx: Transaction) -> DomainError | None:
    """Policy check: enough distinct signers holding an allowed role. None if authorized."""
    raw_policy = state.get(policy_key(tx.action_type.type_url))
    if raw_policy is None:
        return PermissionDenied(
            "NOT_AUTHORIZED", f"no policy allows action {tx.action_type.type_url}"
        )
    allowed, threshold = _policy(raw_policy)
    holders = 0
    for signer in tx.signers:
        raw_authority = state.get(authority_key(signer))
        if raw_authority is not None and not allowed.isdisjoint(_roles(raw_authority)):
            holders += 1
    if holders < threshold:
        return PermissionDenied(
            "NOT_AUTHORIZED",
            f"action {tx.action_type.type_url} needs {threshold} signer(s) with a role "
            f"in {sorted(allowed)}, got {holders}",
        )
    return None
