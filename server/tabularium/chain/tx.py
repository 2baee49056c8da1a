"""Decoding and static checks of submitted transactions (DESIGN §2).

Static checks need no state: size, decoding, chain id, validity window shape, signer and
signature structure, action type. They run at admission, before a transaction waits for a
block. Signature verification (batched in Rust), the window against block time, replay and
authorization run at execution.

The chain layer decodes the ledger's own contract (``tabularium.ledger.v1``) because the signed
and hashed bytes are defined by it; domains never see protobuf.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from google.protobuf.message import DecodeError
from google.protobuf.timestamp_pb2 import Timestamp

from tabularium.chain.actions import ActionRegistry, ActionType
from tabularium.crypto import ed25519, txcodec
from tabularium.errors import DomainError, InvalidArgument, ResourceExhausted
from tabularium.ledger.v1 import transaction_pb2

SIGNING_CONTEXT = b"tabularium/tx/v1\x00"
NONCE_MIN, NONCE_MAX = 16, 32
MEMO_MAX_BYTES = 256
PUBLIC_KEY_SIZE, SIGNATURE_SIZE = 32, 64

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Transaction:
    """A statically valid transaction. ``raw`` is exactly what was submitted."""

    raw: bytes
    tx_hash: bytes
    body: bytes
    chain_id: str
    nonce: bytes
    not_before_us: int
    not_after_us: int
    signers: tuple[bytes, ...]
    signatures: tuple[bytes, ...]  # aligned with ``signers``
    action_type: ActionType
    action: Any
    memo: str
    # Set by decode_transactions only: SHA-256(0x00 || raw), and whether every signature
    # verifies (None: not verified yet).
    leaf_hash: bytes = b""
    sig_ok: bool | None = None

    def signing_message(self) -> bytes:
        return signing_message(self.body)


def signing_message(body: bytes) -> bytes:
    """The bytes every signer signs: "tabularium/tx/v1" || 0x00 || body."""
    return SIGNING_CONTEXT + body


def tx_hash(raw: bytes) -> bytes:
    """SHA-256 of the transaction bytes as submitted."""
    return hashlib.sha256(raw).digest()


def _bad(reason: str, message: str, field: str) -> InvalidArgument:
    return InvalidArgument(reason, message, field=field)


def timestamp_us(us: int) -> Timestamp:
    """A protobuf Timestamp for microseconds since the Unix epoch."""
    return Timestamp(seconds=us // 1_000_000, nanos=us % 1_000_000 * 1000)


def us_from_timestamp(ts: Timestamp) -> int:
    """Microseconds since the Unix epoch of a protobuf Timestamp (sub-µs part dropped)."""
    return int(ts.seconds) * 1_000_000 + int(ts.nanos) // 1000


def _too_large(size: int, limit: int, type_url: str = "") -> ResourceExhausted:
    what = f"a {type_url.rsplit('.', 1)[-1]} transaction" if type_url else "a transaction"
    return ResourceExhausted(
        "TX_TOO_LARGE",
        f"{what} has {size} bytes, the limit is {limit}; split it into smaller ones",
        field="transaction",
    )


def decode_transaction(
    raw: bytes,
    *,
    chain_id: str,
    max_window_us: int,
    max_bytes: int,
    actions: ActionRegistry,
) -> Transaction:
    """Decode ``raw`` and run every check that needs no state.

    Raises ResourceExhausted (TX_TOO_LARGE) or InvalidArgument with a reason naming the
    problem (TX_MALFORMED, BODY_MALFORMED, WRONG_CHAIN_ID, NONCE_INVALID, WINDOW_MISSING,
    WINDOW_INVALID, WINDOW_TOO_LONG, SIGNERS_MISSING, SIGNER_INVALID, SIGNER_DUPLICATED,
    SIGNATURE_MALFORMED, SIGNER_NOT_LISTED, SIGNATURE_MISSING, SIGNATURE_DUPLICATED,
    MEMO_TOO_LONG, ACTION_MISSING, UNKNOWN_ACTION_TYPE, ACTION_INVALID).
    """
    ceiling = max(max_bytes, actions.largest_bytes)  # no action allows more than this
    if len(raw) > ceiling:
        raise _too_large(len(raw), ceiling)
    signed = transaction_pb2.SignedTransaction()
    try:
        signed.ParseFromString(raw)
    except DecodeError as exc:
        raise _bad(
            "TX_MALFORMED", "transaction is not an encoded SignedTransaction", "transaction"
        ) from exc
    if not signed.body:
        raise _bad("TX_MALFORMED", "SignedTransaction.body is empty", "transaction.body")
    body = transaction_pb2.TransactionBody()
    try:
        body.ParseFromString(signed.body)
    except DecodeError as exc:
        raise _bad(
            "BODY_MALFORMED", "body is not an encoded TransactionBody", "transaction.body"
        ) from exc
    # The size limit is the action's own (bulk actions allow more), checked before anything else.
    known = actions.get(body.action.type_url) if body.HasField("action") else None
    limit = (known.max_bytes if known is not None else 0) or max_bytes
    if len(raw) > limit:
        raise _too_large(len(raw), limit, body.action.type_url if known is not None else "")

    if body.chain_id != chain_id:
        raise _bad(
            "WRONG_CHAIN_ID", f"chain_id is {body.chain_id!r}, want {chain_id!r}", "body.chain_id"
        )
    if not NONCE_MIN <= len(body.nonce) <= NONCE_MAX:
        raise _bad(
            "NONCE_INVALID",
            f"nonce has {len(body.nonce)} bytes, want {NONCE_MIN} to {NONCE_MAX}",
            "body.nonce",
        )
    if not body.HasField("not_before") or not body.HasField("not_after"):
        raise _bad(
            "WINDOW_MISSING", "not_before and not_after are both required", "body.not_before"
        )
    not_before, not_after = us_from_timestamp(body.not_before), us_from_timestamp(body.not_after)
    if not_after < not_before:
        raise _bad("WINDOW_INVALID", "not_after is before not_before", "body.not_after")
    if not_after - not_before > max_window_us:
        raise _bad(
            "WINDOW_TOO_LONG",
            f"validity window is {(not_after - not_before) // 1_000_000} s, "
            f"the maximum is {max_window_us // 1_000_000} s",
            "body.not_after",
        )
    signers = tuple(bytes(s) for s in body.signers)
    if not signers:
        raise _bad("SIGNERS_MISSING", "body.signers lists no key", "body.signers")
    for i, key in enumerate(signers):
        if len(key) != PUBLIC_KEY_SIZE:
            raise _bad(
                "SIGNER_INVALID",
                f"signers[{i}] has {len(key)} bytes, want 32",
                f"body.signers[{i}]",
            )
    if len(set(signers)) != len(signers):
        raise _bad("SIGNER_DUPLICATED", "body.signers lists a key twice", "body.signers")
    by_key: dict[bytes, bytes] = {}
    for i, sig in enumerate(signed.signatures):
        key, value = bytes(sig.public_key), bytes(sig.signature)
        if len(key) != PUBLIC_KEY_SIZE or len(value) != SIGNATURE_SIZE:
            raise _bad(
                "SIGNATURE_MALFORMED",
                f"signatures[{i}] has a {len(key)}-byte key and {len(value)}-byte signature, "
                "want 32 and 64",
                f"signatures[{i}]",
            )
        if key not in signers:
            raise _bad(
                "SIGNER_NOT_LISTED",
                f"signatures[{i}] is by key {key.hex()}, which is not in body.signers",
                f"signatures[{i}].public_key",
            )
        if key in by_key:
            raise _bad(
                "SIGNATURE_DUPLICATED",
                f"key {key.hex()} signed twice",
                f"signatures[{i}].public_key",
            )
        by_key[key] = value
    missing = [k.hex() for k in signers if k not in by_key]
    if missing:
        raise _bad(
            "SIGNATURE_MISSING",
            f"no signature by required signer(s) {', '.join(missing)}",
            "signatures",
        )
    if len(body.memo.encode()) > MEMO_MAX_BYTES:
        raise _bad("MEMO_TOO_LONG", f"memo exceeds {MEMO_MAX_BYTES} bytes", "body.memo")
    if not body.HasField("action"):
        raise _bad("ACTION_MISSING", "body.action is required", "body.action")
    action_type = actions.get(body.action.type_url)
    if action_type is None:
        # The packages, not every type URL: the list must fit in gRPC's 8 KiB metadata limit.
        packages = sorted({url.rsplit(".", 1)[0] for url in actions.type_urls()})
        raise _bad(
            "UNKNOWN_ACTION_TYPE",
            f"no handler for action type {body.action.type_url!r}; actions are messages of "
            f"{', '.join(packages)} (see their protos)",
            "body.action.type_url",
        )
    try:
        action = action_type.decode(body.action.value)
    except DomainError:
        raise
    except Exception as exc:
        raise _bad(
            "ACTION_INVALID", f"action is not a valid {body.action.type_url}", "body.action.value"
        ) from exc
    return Transaction(
        raw=raw,
        tx_hash=tx_hash(raw),
        body=signed.body,
        chain_id=body.chain_id,
        nonce=bytes(body.nonce),
        not_before_us=not_before,
        not_after_us=not_after,
        signers=signers,
        signatures=tuple(by_key[k] for k in signers),
        action_type=action_type,
        action=action,
        memo=body.memo,
    )


def decode_transactions(
    raws: Sequence[bytes],
    *,
    chain_id: str,
    max_window_us: int,
    max_bytes: int,
    actions: ActionRegistry,
) -> list[Transaction | DomainError]:
    """:func:`decode_transaction` on each of ``raws``, plus leaf hashes and signature
    verification, with the decoding, static checks, hashing and verification of the whole
    batch in one native call (GIL released).

    Returns one item per transaction, in order: a :class:`Transaction` with ``leaf_hash`` and
    ``sig_ok`` set, or the DomainError :func:`decode_transaction` raises for it (the same
    class, reason, message and field: rejected transactions are re-decoded in Python).
    """
    limits = {url: known.max_bytes for url in actions.type_urls() if (known := actions.get(url))}
    decoded = txcodec.decode_batch(
        raws,
        chain_id=chain_id,
        max_window_us=max_window_us,
        max_tx_bytes=max_bytes,
        ceiling=max(max_bytes, actions.largest_bytes),
        action_max_bytes=limits,
    )
    policy: dict[str, Any] = {
        "chain_id": chain_id,
        "max_window_us": max_window_us,
        "max_bytes": max_bytes,
        "actions": actions,
    }
    out: list[Transaction | DomainError] = []
    for raw, item in zip(raws, decoded, strict=True):
        if isinstance(item, txcodec.Rejection):
            out.append(_python_verdict(raw, item, **policy))
            continue
        action_type = actions.get(item.type_url)
        if action_type is None:  # not expected: only registered type URLs pass
            out.append(_python_verdict(raw, None, **policy))
            continue
        try:
            action = action_type.decode(item.value)
        except DomainError as exc:
            out.append(exc)
            continue
        except Exception as exc:
            invalid = _bad(
                "ACTION_INVALID", f"action is not a valid {item.type_url}", "body.action.value"
            )
            invalid.__cause__ = exc  # as ``raise ... from exc`` in decode_transaction
            out.append(invalid)
            continue
        out.append(
            Transaction(
                raw=bytes(raw),
                tx_hash=item.tx_hash,
                body=item.body,
                chain_id=item.chain_id,
                nonce=item.nonce,
                not_before_us=item.not_before_us,
                not_after_us=item.not_after_us,
                signers=item.signers,
                signatures=item.signatures,
                action_type=action_type,
                action=action,
                memo=item.memo,
                leaf_hash=item.leaf_hash,
                sig_ok=item.sig_ok,
            )
        )
    return out


def _python_verdict(
    raw: bytes,
    rejection: txcodec.Rejection | None,
    *,
    chain_id: str,
    max_window_us: int,
    max_bytes: int,
    actions: ActionRegistry,
) -> Transaction | DomainError:
    """What :func:`decode_transaction` says of a transaction the native checks rejected
    (``rejection``), or accepted with an unregistered type URL (None, never expected)."""
    native = "accepted" if rejection is None else rejection.reason
    try:
        tx = decode_transaction(
            raw,
            chain_id=chain_id,
            max_window_us=max_window_us,
            max_bytes=max_bytes,
            actions=actions,
        )
    except DomainError as exc:
        if exc.reason != native:
            # Not expected: the two decoders disagree on why. Python's verdict is the answer.
            _log.warning(
                "native transaction checks say %s, decode_transaction says %s", native, exc.reason
            )
        return exc
    # Not expected: the two decoders disagree. Python's verdict is the reference.
    _log.warning(
        "native transaction checks say %s of %s but decode_transaction accepts it",
        native,
        tx.tx_hash.hex(),
    )
    leaf = hashlib.sha256(b"\x00" + raw).digest()
    message = tx.signing_message()
    ok = all(
        ed25519.verify_batch(
            [(k, message, sig) for k, sig in zip(tx.signers, tx.signatures, strict=True)]
        )
    )
    return dataclasses.replace(tx, leaf_hash=leaf, sig_ok=ok)
