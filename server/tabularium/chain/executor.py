"""Deterministic execution of one block's transactions (DESIGN §2, §4).

``execute_block`` is a pure function of the committed state (read through ``base``), the block
time and the transactions in order, plus each one's signature check. It decides, in the order
DESIGN §2 gives, what happens to each transaction:

* duplicate of a logged (or earlier in this block) transaction: answered with the original;
* refused without an entry (cannot be attributed): window closed or not open, bad signature,
  unknown signer, reused nonce;
* logged as a refusal (attributed, no state change): not authorized, or a domain rule; a
  domain may register an ``on_refusal`` hook that records what the refusal leaves behind
  (the pharma domain's falsification alerts), run on fresh state after the refusal;
* logged and applied;
* a replay of an earlier action under an idempotency key (the handler raises ``Replay``):
  answered with the original, nothing written, no entry.

Handlers run against a per-transaction overlay that is dropped on refusal.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tabularium.chain import identity
from tabularium.chain.actions import ActionContext, ActionType, domain_state_prefix
from tabularium.chain.genesis import Genesis
from tabularium.chain.state import Getter, Overlay
from tabularium.chain.tx import Transaction
from tabularium.crypto.didkey import did_key
from tabularium.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    Internal,
    Replay,
    Unauthenticated,
)

log = logging.getLogger("tabularium.chain")
NONCE_PREFIX = b"ledger/nonce/"
NONCE_EXPIRY_PREFIX = b"ledger/nonce-exp/"
RESULT_PREFIX = b"ledger/result/"
# Refusals logged as evidence, by action type: REFUSED_PREFIX + 8 bytes of SHA-256(type URL) +
# u64 entry index -> b"". So an auditor lists an action's refused attempts without a log scan.
REFUSED_PREFIX = b"ledger/refused/"
MAX_NONCE_PRUNE_PER_BLOCK = 10_000

_U64 = struct.Struct(">Q")


def result_key(entry_index: int) -> bytes:
    return RESULT_PREFIX + _U64.pack(entry_index)


def refused_prefix(type_url: str) -> bytes:
    return REFUSED_PREFIX + hashlib.sha256(type_url.encode()).digest()[:8]


def genesis_writes(genesis: Genesis) -> Overlay:
    """The state genesis establishes: the founding identities (the first is the root
    organisation, an agency; the others are its officials), their roles in the root
    organisation, and the default policies."""
    overlay = Overlay(lambda _key: None)

    def put(key: bytes, value: bytes) -> None:
        overlay.put(identity.STATE_PREFIX + key, value)

    root = did_key(genesis.authorities[0].public_key)
    put(identity.root_key(), root.encode())
    for position, authority in enumerate(genesis.authorities):
        did = did_key(authority.public_key)
        record = identity.IdentityRecord(
            did=did,
            kind="agency" if position == 0 else "official",
            status=identity.ACTIVE,
            owner="" if position == 0 else root,
            display_name=authority.name,
            attributes_commitment=b"",
            keys=(identity.KeyEntry(authority.public_key, 0),),
            roles=tuple(sorted(identity.RoleEntry(root, role, 0) for role in authority.roles)),
            registered_height=0,
            version=1,
        )
        put(identity.identity_key(did), record.encode())
        put(identity.key_owner_key(authority.public_key), did.encode())
        event = identity.HistoryEvent("registered", 0, genesis.genesis_time_us, None, None, record)
        put(identity.history_key(did, 1), event.encode())
    for policy in genesis.policies:
        roles = tuple(r.replace("@root", "@" + root) for r in policy.roles)
        put(
            identity.policy_key(policy.action, ""),
            identity.PolicyRecord(roles, policy.threshold).encode(),
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
    # For a replay under an idempotency key: the transaction whose answer it gets.
    original_tx_hash: bytes | None = None
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
    prepare: bool = True,
) -> BlockExecution:
    """Execute ``txs`` in order on top of the committed state.

    ``lookup_logged`` maps a tx hash to its entry index if it is already in the log.
    ``expired_nonce_keys`` are the nonce-expiry index keys whose windows closed before
    ``block_time_us`` (read from the committed state in key order); they are deleted first.
    ``prepare`` runs the action types' prepare hooks first (bulk checks whose results the
    handlers reuse); without them each handler does all its work, with the same outcome.
    """
    block = Overlay(base)
    for expiry_key in expired_nonce_keys:
        block.delete(expiry_key)
        block.delete(NONCE_PREFIX + expiry_key[len(NONCE_EXPIRY_PREFIX) + 8 :])
    execution = BlockExecution(outcomes=[], overlay=block)
    in_block: dict[bytes, int] = {}
    auth = _BlockAuthCache(block)
    reader = auth.reader
    prepared = _prepare(block, txs, signature_ok) if prepare else {}
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
        error = _unattributable(block, auth, tx, sig_ok, block_time_us, height)
        if error is not None:
            outcome.error = error
            continue
        # Attributed from here on: the entry is logged, accepted or refused (or, for a replay
        # under an idempotency key, answered with the original and not logged).
        index = next_index
        action_type = tx.action_type
        if action_type.signer_check is None:
            signer_identities = auth.signer_identities(tx.signers)
            refusal = auth.authorize(
                action_type.type_url, action_type.scope(tx.action, reader), signer_identities
            )
        else:  # credential-signed: the domain vouched for every signer in _unattributable
            signer_identities, refusal = [], None
        if refusal is None:
            scratch = block.child()
            context = ActionContext(
                block_height=height,
                block_time_us=block_time_us,
                entry_index=index,
                tx_hash=tx.tx_hash,
                signers=tx.signers,
                state=action_type.bind(scratch),
                signer_dids=tuple(r.did for r in signer_identities),
                identities=identity.reader_over(scratch.get),
                other_domains=_reader_of_domains(scratch),
                prepared=prepared.get(tx.tx_hash),
            )
            try:
                action_type.handle(context, tx.action)
            except DomainError as exc:
                refusal = exc
                if action_type.on_refusal is not None:
                    auth.merged(_record_refusal(block, action_type, context, tx.action, exc))
            except Replay as replay:
                outcome.entry_index = replay.entry_index
                outcome.duplicate_of_logged = True
                outcome.original_tx_hash = replay.tx_hash
                continue
            except Exception as exc:  # a bug in a handler: this transaction, not the block
                log.exception("action handler failed", extra={"type_url": action_type.type_url})
                # Logged and refused, its writes dropped, with a message that is the same on
                # every node (the class name, never the text: it enters the state digest).
                refusal = Internal(
                    "HANDLER_FAILED",
                    f"the {action_type.type_url} handler failed ({type(exc).__name__}); "
                    "the transaction changed nothing. Report it to the node's operators",
                )
            else:
                block.merge(scratch)
                auth.merged(scratch)
        next_index += 1
        in_block[tx.tx_hash] = index
        outcome.entry_index = index
        for signer in tx.signers:
            block.put(NONCE_PREFIX + signer + tx.nonce, _U64.pack(tx.not_after_us))
            block.put(NONCE_EXPIRY_PREFIX + _U64.pack(tx.not_after_us) + signer + tx.nonce, b"")
        if refusal is not None:
            outcome.error = refusal.with_metadata(entry_index=str(index))
            block.put(refused_prefix(action_type.type_url) + _U64.pack(index), b"")
        execution.logged.append(tx)
        execution.results.append(outcome.error)
    return execution


def _prepare(
    block: Overlay, txs: Sequence[Transaction], signature_ok: Sequence[bool]
) -> dict[bytes, Any]:
    """Each action type's ``prepare`` over its transactions of this block (signatures and signer
    check passing, against the state at the start of the block), keyed by tx hash. Hints only:
    a failure here costs speed, never an outcome, since each handler checks on its own."""
    groups: dict[str, tuple[ActionType, list[tuple[bytes, Any]]]] = {}
    domains = _reader_of_domains(block)
    for tx, sig_ok in zip(txs, signature_ok, strict=True):
        action_type = tx.action_type
        if not sig_ok or action_type.prepare is None:
            continue
        check = action_type.signer_check
        if check is not None and any(check(tx.action, s, domains) is not None for s in tx.signers):
            continue
        groups.setdefault(action_type.type_url, (action_type, []))[1].append(
            (tx.tx_hash, tx.action)
        )
    hints: dict[bytes, Any] = {}
    for action_type, items in groups.values():
        assert action_type.prepare is not None
        try:
            hints.update(action_type.prepare(action_type.bind(block.child()), items))
        except Exception:  # a bug in a prepare hook: the handlers do the work instead
            log.exception("prepare hook failed", extra={"type_url": action_type.type_url})
    return hints


def _record_refusal(
    block: Overlay, action_type: ActionType, context: ActionContext, action: Any, error: DomainError
) -> Overlay:
    """Let the domain record what a refusal leaves behind (e.g. an alert), against fresh state:
    the refused handler's writes are dropped."""
    assert action_type.on_refusal is not None
    scratch = block.child()
    evidence = dataclasses.replace(
        context,
        state=action_type.bind(scratch),
        identities=identity.reader_over(scratch.get),
        other_domains=_reader_of_domains(scratch),
    )
    action_type.on_refusal(evidence, action, error)
    block.merge(scratch)
    return scratch


def _reader_of_domains(overlay: Overlay) -> Callable[[str, bytes], bytes | None]:
    def read(namespace: str, key: bytes) -> bytes | None:
        return overlay.get(domain_state_prefix(namespace) + key)

    return read


class _BlockAuthCache:
    """Identity reads and authorization decisions, remembered within one block.

    Most transactions of a block come from few signers acting under few policies, so each
    signer's key check, its identities and each (action, organisation, identities) decision are
    computed once. Everything here is a function of the identity namespace of the block's
    overlay, so every cached answer is dropped as soon as a merged transaction (or a refusal's
    evidence) writes a key in that namespace: the next transaction sees the change, exactly as
    without the cache. Only successes are kept; a refusal is computed afresh each time, so every
    refused transaction gets its own error object.
    """

    __slots__ = ("_authorized", "_block", "_identities", "_reads", "_signers_ok", "reader")

    def __init__(self, block: Overlay) -> None:
        self._block = block
        self._reads: dict[bytes, bytes | None] = {}
        self._signers_ok: set[bytes] = set()
        self._identities: dict[tuple[bytes, ...], list[identity.IdentityRecord]] = {}
        self._authorized: set[tuple[str, str | None, tuple[int, ...]]] = set()
        self.reader = identity.IdentityReader(self._read)

    def _read(self, key: bytes) -> bytes | None:
        try:
            return self._reads[key]
        except KeyError:
            value = self._reads[key] = self._block.get(identity.STATE_PREFIX + key)
            return value

    def merged(self, overlay: Overlay) -> None:
        """Note writes just merged into the block; forget everything if identities changed."""
        prefix = identity.STATE_PREFIX
        if any(key.startswith(prefix) for key in overlay.writes):
            self._reads.clear()
            self._signers_ok.clear()
            self._identities.clear()
            self._authorized.clear()

    def check_signer(self, public_key: bytes, height: int) -> DomainError | None:
        if public_key in self._signers_ok:
            return None
        error = identity.check_signer(self.reader, public_key, height)
        if error is None:
            self._signers_ok.add(public_key)
        return error

    def signer_identities(self, signers: tuple[bytes, ...]) -> list[identity.IdentityRecord]:
        found = self._identities.get(signers)
        if found is None:
            found = self._identities[signers] = identity.signer_identities(self.reader, signers)
        return found

    def authorize(
        self, type_url: str, organisation: str | None, identities: list[identity.IdentityRecord]
    ) -> DomainError | None:
        # Records come from this cache's reads, which live as long as the decision does, so
        # their ids name them for as long as the decision is remembered.
        key = (type_url, organisation, tuple(id(record) for record in identities))
        if key in self._authorized:
            return None
        refusal = identity.authorize(self.reader, type_url, organisation, identities)
        if refusal is None:
            self._authorized.add(key)
        return refusal


class Admission:
    """CheckTx for a replicated node's mempool: would each transaction be attributable in the
    next block? Only the checks whose failure leaves no log entry run here (DESIGN §2: window,
    signatures, known signer, replay), never authorization or domain rules: a signed
    transaction that breaks a rule must reach a block, to be logged as evidence.

    Reads the committed state through ``base``; the nonces of transactions admitted since the
    last commit count as used (the pending view), so one (signer, nonce) enters the mempool
    once. Make a new Admission after each commit."""

    def __init__(self, base: Callable[[bytes], bytes | None], height: int) -> None:
        self._view = Overlay(base)  # holds the pending nonces as writes
        self._auth = _BlockAuthCache(self._view)
        self._height = height

    def check(self, tx: Transaction, sig_ok: bool, now_us: int) -> DomainError | None:
        """A first check (CheckTx NEW). Admits ``tx`` into the pending view when it passes."""
        error = _unattributable(self._view, self._auth, tx, sig_ok, now_us, self._height)
        if error is None:
            self._use_nonces(tx)
        return error

    def recheck(self, tx: Transaction, now_us: int) -> DomainError | None:
        """After a commit (CheckTx RECHECK): only what a block can change, the window and
        replay; the signature and signer were checked when the transaction came in."""
        error = _window_closed(tx, now_us, "node time") or _replayed(self._view, tx)
        if error is None:
            self._use_nonces(tx)
        return error

    def _use_nonces(self, tx: Transaction) -> None:
        for signer in tx.signers:
            self._view.put(NONCE_PREFIX + signer + tx.nonce, _U64.pack(tx.not_after_us))


def _unattributable(
    state: Overlay,
    auth: _BlockAuthCache,
    tx: Transaction,
    sig_ok: bool,
    block_time_us: int,
    height: int,
) -> DomainError | None:
    """Checks whose failure leaves no log entry, in DESIGN §2 order."""
    if block_time_us < tx.not_before_us:
        return FailedPrecondition(
            "WINDOW_NOT_OPEN",
            f"transaction is valid from {tx.not_before_us} µs, block time is {block_time_us} µs",
        )
    closed = _window_closed(tx, block_time_us, "block time")
    if closed is not None:
        return closed
    if not sig_ok:
        return Unauthenticated(
            "BAD_SIGNATURE", "a signature does not verify over 'tabularium/tx/v1' 0x00 body"
        )
    check = tx.action_type.signer_check
    domains = _reader_of_domains(state) if check is not None else None
    for signer in tx.signers:
        if check is None:
            error = auth.check_signer(signer, height)
        else:
            assert domains is not None
            error = check(tx.action, signer, domains)
        if error is not None:
            return error
    return _replayed(state, tx)


def _window_closed(tx: Transaction, time_us: int, clock: str) -> DomainError | None:
    if time_us <= tx.not_after_us:
        return None
    return FailedPrecondition(
        "WINDOW_CLOSED", f"transaction expired at {tx.not_after_us} µs, {clock} is {time_us} µs"
    )


def _replayed(state: Overlay, tx: Transaction) -> DomainError | None:
    """NONCE_REUSED if any signer's (signer, nonce) is still remembered in ``state``."""
    for signer in tx.signers:
        if state.get(NONCE_PREFIX + signer + tx.nonce) is not None:
            return AlreadyExists(
                "NONCE_REUSED",
                f"key {signer.hex()} already used nonce {tx.nonce.hex()} in an open window; "
                "sign again with a fresh random nonce",
            )
    return None
