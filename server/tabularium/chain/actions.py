"""How domains plug into the ledger core.

A domain registers, for each action type URL it handles, a decoder (action bytes -> a frozen
domain value; supplied by the API layer, which owns protobuf) and a pure handler. The core calls
the handler with an ``ActionContext`` whose state view is confined to the domain's namespace.
The core knows no domain.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from tabularium.chain.identity import IdentityReader
from tabularium.chain.state import Overlay
from tabularium.errors import DomainError

TYPE_URL_PREFIX = "type.googleapis.com/"
DOMAIN_STATE_PREFIX = b"domain/"


class StateView(Protocol):
    """Key-value state of one domain. Keys are relative to the domain's namespace."""

    def get(self, key: bytes) -> bytes | None: ...

    def put(self, key: bytes, value: bytes) -> None: ...

    def delete(self, key: bytes) -> None: ...


class _NamespacedState:
    def __init__(self, overlay: Overlay, prefix: bytes) -> None:
        self._overlay = overlay
        self._prefix = prefix

    def get(self, key: bytes) -> bytes | None:
        return self._overlay.get(self._prefix + key)

    def put(self, key: bytes, value: bytes) -> None:
        self._overlay.put(self._prefix + key, value)

    def delete(self, key: bytes) -> None:
        self._overlay.delete(self._prefix + key)


@dataclass(frozen=True, slots=True)
class ActionContext:
    """What a handler may know about the transaction it executes. Deterministic by construction:
    time is the block time, there is no randomness but the tx hash, and state is the only I/O."""

    block_height: int
    block_time_us: int
    entry_index: int
    tx_hash: bytes
    signers: tuple[bytes, ...]
    state: StateView
    # DIDs of the distinct identities that signed, in signing order.
    signer_dids: tuple[str, ...] = ()
    # Read-only identity state as of this transaction (roles, keys, root organisation).
    identities: IdentityReader | None = None
    # Read-only view of other domains' state as of this transaction: (namespace, key) -> value.
    # For rules that depend on another domain's records (a land transfer on its registered
    # deed); writes stay confined to ``state``.
    other_domains: Callable[[str, bytes], bytes | None] | None = None
    # What the action type's ``prepare`` computed for this transaction before the block ran
    # (None if nothing). Only a cache of a pure function: the handler checks that the inputs
    # it was computed from are the ones it would use, and computes it itself otherwise.
    prepared: Any = None

    def reader(self) -> IdentityReader:
        assert self.identities is not None, "the executor always sets identities"
        return self.identities

    def read_domain(self, namespace: str, key: bytes) -> bytes | None:
        """A key of another domain's state (read-only), as this transaction sees it."""
        assert self.other_domains is not None, "the executor always sets other_domains"
        return self.other_domains(namespace, key)


Decoder = Callable[[bytes], Any]
Handler = Callable[[ActionContext, Any], None]
# Called after a domain rule refused an action (with the error): may record what the refusal
# must leave behind (an alert), in the domain's state. Its writes are committed with the
# refused entry; it must not raise.
RefusalHandler = Callable[[ActionContext, Any, DomainError], None]
# The organisation (DID) an action acts for, whose policy governs it; None for the root.
# Given the action and the identity state, so it may follow e.g. a subject's owner.
Scope = Callable[[Any, IdentityReader], str | None]
# For actions signed by keys that are not identities' (a voter's per-election credential): the
# domain's check of one signer against its own state, (action, signer key, (namespace, key) ->
# value) -> None if the key may sign this action, else the (unattributable) refusal.
SignerCheck = Callable[[Any, bytes, Callable[[str, bytes], bytes | None]], DomainError | None]
# Run once per block, before its transactions, over (tx hash, action) of every transaction of
# this type whose signatures (and signer check) pass, with the domain's read-only view of the
# state at the start of the block: bulk work (proofs verified in parallel) whose results the
# handlers receive as ``ActionContext.prepared``. It must never decide an outcome.
Prepare = Callable[[StateView, Sequence[tuple[bytes, Any]]], Mapping[bytes, Any]]


def _no_scope(_action: Any, _identities: IdentityReader) -> str | None:
    return None


@dataclass(frozen=True, slots=True)
class ActionType:
    type_url: str
    namespace: str
    decode: Decoder
    handle: Handler
    scope: Scope = _no_scope
    # Non-empty for actions a service must submit itself (e.g. with content stored off-log):
    # the RPC to use instead of SubmitTransaction.
    submit_via: str = ""
    on_refusal: RefusalHandler | None = None
    # Largest encoded transaction carrying this action; 0: the node's max_tx_bytes.
    max_bytes: int = 0
    # With ``submit_via``: which actions of this type must go through it (None: every one),
    # e.g. only bids that carry off-log documents.
    submit_via_when: Callable[[Any], bool] | None = None
    # Set for actions signed by domain credentials instead of identities' keys: the signers are
    # checked by the domain, no identity policy applies and ``signer_dids`` is empty.
    signer_check: SignerCheck | None = None
    prepare: Prepare | None = None

    def needs_service(self, action: Any) -> str:
        """The RPC that alone may submit ``action``; empty: any, SubmitTransaction included."""
        if not self.submit_via or (
            self.submit_via_when is not None and not self.submit_via_when(action)
        ):
            return ""
        return self.submit_via

    def state_prefix(self) -> bytes:
        return DOMAIN_STATE_PREFIX + self.namespace.encode() + b"/"

    def bind(self, overlay: Overlay) -> StateView:
        """The domain's view of ``overlay``."""
        return _NamespacedState(overlay, self.state_prefix())


class ActionRegistry:
    """Action type URL -> (decoder, handler). Assembled once at start-up."""

    def __init__(self) -> None:
        self._types: dict[str, ActionType] = {}
        # The largest per-action size limit registered (0: none above the node's).
        self.largest_bytes = 0

    def register(
        self,
        type_url: str,
        namespace: str,
        decode: Decoder,
        handle: Handler,
        scope: Scope = _no_scope,
        submit_via: str = "",
        on_refusal: RefusalHandler | None = None,
        max_bytes: int = 0,
        submit_via_when: Callable[[Any], bool] | None = None,
        signer_check: SignerCheck | None = None,
        prepare: Prepare | None = None,
    ) -> None:
        """Register a handler. ``scope`` names the organisation an action acts for (its policy
        applies); by default the root organisation. ``submit_via`` names the RPC that alone may
        submit this action (with ``submit_via_when``, only the actions it accepts). ``on_refusal``
        records what a refusal by the rules leaves behind. ``max_bytes`` raises the size limit
        for transactions of this action (bulk uploads). ``signer_check`` makes the action one
        that domain credentials sign, checked by the domain instead of the identity policy.
        ``prepare`` does a block's expensive pure checks of this type in bulk.
        Raises ValueError on a duplicate type URL."""
        if type_url in self._types:
            raise ValueError(f"action type {type_url} registered twice")
        if not namespace.isidentifier():
            raise ValueError(f"namespace {namespace!r} must be an identifier")
        self._types[type_url] = ActionType(
            type_url,
            namespace,
            decode,
            handle,
            scope,
            submit_via,
            on_refusal,
            max_bytes,
            submit_via_when,
            signer_check,
            prepare,
        )
        self.largest_bytes = max(self.largest_bytes, max_bytes)

    def get(self, type_url: str) -> ActionType | None:
        return self._types.get(type_url)

    def type_urls(self) -> list[str]:
        return sorted(self._types)


def domain_state_prefix(namespace: str) -> bytes:
    """Prefix of a domain's keys in the state database (for its read-only queries)."""
    return DOMAIN_STATE_PREFIX + namespace.encode() + b"/"
