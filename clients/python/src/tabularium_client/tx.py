"""Build, sign and check transactions exactly as DESIGN §2 says.

A transaction is the encoded bytes of ``SignedTransaction { body, signatures }``. ``body`` is an
encoded ``TransactionBody``; each signer signs ``"tabularium/tx/v1" || 0x00 || body`` with
Ed25519. The server logs the bytes it receives, so they are built once here and never
re-serialized: ``tx_hash = SHA-256(bytes)``.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from google.protobuf import any_pb2, timestamp_pb2
from google.protobuf.message import DecodeError, Message

from tabularium_client import errors
from tabularium_client.keys import public_key_bytes
from tabularium_client.pb.documents.v1 import documents_pb2
from tabularium_client.pb.landregistry.v1 import landregistry_pb2
from tabularium_client.pb.ledger.v1 import transaction_pb2
from tabularium_client.pb.tax.v1 import tax_pb2

SIGNING_CONTEXT = b"tabularium/tx/v1\x00"
TYPE_URL_PREFIX = "type.googleapis.com/"
NONCE_MIN, NONCE_MAX = 16, 32
DEFAULT_NONCE_SIZE = 16
DEFAULT_WINDOW_SECONDS = 600
"""Length of the validity window; the server's maximum is one hour unless configured."""
CLOCK_SKEW_SECONDS = 60
"""The window opens this long before now, so a node whose clock is behind still accepts it."""


def signing_message(body: bytes) -> bytes:
    """The bytes every signer signs: ``"tabularium/tx/v1" || 0x00 || body``."""
    return SIGNING_CONTEXT + body


def tx_hash(transaction: bytes) -> bytes:
    """SHA-256 of the transaction bytes: the id the server files them under."""
    return hashlib.sha256(transaction).digest()


def register_document(sha256: bytes, title: str = "") -> documents_pb2.RegisterDocument:
    """The document-notarization action. Raises ValueError unless ``sha256`` is 32 bytes."""
    if len(sha256) != 32:
        raise ValueError(f"sha256 has {len(sha256)} bytes, want 32")
    return documents_pb2.RegisterDocument(sha256=sha256, title=title)


def consent_transfer(transfer_id: bytes, deed_sha256: bytes) -> landregistry_pb2.ConsentTransfer:
    """A land transfer consent: the signers consent to ``transfer_id`` over exactly that deed.
    Raises ValueError unless the transfer id is 16 bytes and the deed hash 32."""
    if len(transfer_id) != 16:
        raise ValueError(f"transfer id has {len(transfer_id)} bytes, want 16")
    if len(deed_sha256) != 32:
        raise ValueError(f"deed sha256 has {len(deed_sha256)} bytes, want 32")
    return landregistry_pb2.ConsentTransfer(transfer_id=transfer_id, deed_sha256=deed_sha256)


def record_payment(
    *,
    office: str,
    idempotency_key: str,
    amount_minor: int,
    currency: str,
    value_date: str,
    reference: str = "",
    account: bytes = b"",
    end_to_end_id: str = "",
) -> tax_pb2.RecordPayment:
    """A booked payment received by the signing bank. Retrying with the same idempotency key
    and payload is safe: the node answers with the original receipt. Raises ValueError on an
    account id that is not 16 bytes or an amount that is not positive."""
    if account and len(account) != 16:
        raise ValueError(f"account has {len(account)} bytes, want 16")
    if amount_minor <= 0:
        raise ValueError("amount must be positive")
    return tax_pb2.RecordPayment(
        office=office,
        idempotency_key=idempotency_key,
        account=account,
        amount=tax_pb2.Amount(minor_units=amount_minor, currency=currency),
        value_date=value_date,
        creditor_reference=reference,
        end_to_end_id=end_to_end_id,
        status=tax_pb2.PAYMENT_STATUS_BOOKED,
    )


def _timestamp(seconds: float) -> timestamp_pb2.Timestamp:
    micros = round(seconds * 1_000_000)
    return timestamp_pb2.Timestamp(seconds=micros // 1_000_000, nanos=micros % 1_000_000 * 1000)


def build_body(
    chain_id: str,
    action: Message,
    signers: Sequence[bytes],
    *,
    nonce: bytes | None = None,
    not_before: float | None = None,
    window_seconds: int = DEFAULT_WINDOW_SECONDS,
    memo: str = "",
) -> bytes:
    """Encoded TransactionBody.

    ``nonce`` defaults to 16 random bytes; ``not_before`` (Unix seconds) defaults to a minute
    before now, and the window closes ``window_seconds`` later. Raises ValueError for a nonce
    outside 16-32 bytes, no signers, or a key that is not 32 bytes.
    """
    nonce = secrets.token_bytes(DEFAULT_NONCE_SIZE) if nonce is None else nonce
    if not NONCE_MIN <= len(nonce) <= NONCE_MAX:
        raise ValueError(f"nonce has {len(nonce)} bytes, want {NONCE_MIN} to {NONCE_MAX}")
    if not signers or any(len(key) != 32 for key in signers):
        raise ValueError("signers must list at least one 32-byte Ed25519 public key")
    start = time.time() - CLOCK_SKEW_SECONDS if not_before is None else not_before
    packed = any_pb2.Any()
    packed.Pack(action, type_url_prefix=TYPE_URL_PREFIX, deterministic=True)
    body = transaction_pb2.TransactionBody(
        chain_id=chain_id,
        nonce=nonce,
        not_before=_timestamp(start),
        not_after=_timestamp(start + window_seconds),
        signers=list(signers),
        action=packed,
        memo=memo,
    )
    return body.SerializeToString(deterministic=True)


def sign(body: bytes, keys: Sequence[Ed25519PrivateKey]) -> bytes:
    """Encoded SignedTransaction: ``body`` with one signature per key, in the order given."""
    message = signing_message(body)
    signed = transaction_pb2.SignedTransaction(
        body=body,
        signatures=[
            transaction_pb2.Signature(public_key=public_key_bytes(k), signature=k.sign(message))
            for k in keys
        ],
    )
    return signed.SerializeToString(deterministic=True)


def build_signed(
    chain_id: str,
    action: Message,
    keys: Ed25519PrivateKey | Sequence[Ed25519PrivateKey],
    *,
    nonce: bytes | None = None,
    not_before: float | None = None,
    window_seconds: int = DEFAULT_WINDOW_SECONDS,
    memo: str = "",
) -> bytes:
    """A transaction that every key in ``keys`` must sign, signed by all of them.

    The keyword arguments are those of :func:`build_body`.
    """
    key_list = [keys] if isinstance(keys, Ed25519PrivateKey) else list(keys)
    body = build_body(
        chain_id,
        action,
        [public_key_bytes(k) for k in key_list],
        nonce=nonce,
        not_before=not_before,
        window_seconds=window_seconds,
        memo=memo,
    )
    return sign(body, key_list)


@dataclass(frozen=True, slots=True)
class CheckedTransaction:
    """A transaction whose signatures verified offline."""

    transaction: bytes
    tx_hash: bytes
    body_bytes: bytes
    """The encoded TransactionBody, as signed."""
    body: transaction_pb2.TransactionBody
    signers: tuple[bytes, ...]


def verify_transaction(transaction: bytes) -> CheckedTransaction:
    """Check a signed transaction offline, as the server does before anything stateful.

    Every signature must be a 32-byte key listed in ``body.signers`` with a 64-byte signature,
    no key may sign twice, every listed key must sign, and each signature must verify over
    :func:`signing_message`. Chain id, window, nonce reuse and authorization need the node and
    are not checked. Raises VerificationError (TX_MALFORMED, SIGNATURE_MALFORMED,
    SIGNER_NOT_LISTED, SIGNATURE_DUPLICATED, SIGNATURE_MISSING, BAD_SIGNATURE).
    """
    signed = transaction_pb2.SignedTransaction()
    body = transaction_pb2.TransactionBody()
    try:
        signed.ParseFromString(transaction)
        body.ParseFromString(signed.body)
    except DecodeError as exc:
        raise errors.VerificationError(errors.TX_MALFORMED, f"cannot decode: {exc}") from exc
    signers = tuple(bytes(k) for k in body.signers)
    seen: set[bytes] = set()
    for i, sig in enumerate(signed.signatures):
        key, value = bytes(sig.public_key), bytes(sig.signature)
        if len(key) != 32 or len(value) != 64:
            raise errors.VerificationError(
                errors.SIGNATURE_MALFORMED,
                f"signatures[{i}] has a {len(key)}-byte key and {len(value)}-byte signature, "
                "want 32 and 64",
            )
        if key not in signers:
            raise errors.VerificationError(
                errors.SIGNER_NOT_LISTED, f"signatures[{i}] key {key.hex()} is not a signer"
            )
        if key in seen:
            raise errors.VerificationError(
                errors.SIGNATURE_DUPLICATED, f"key {key.hex()} signed twice"
            )
        seen.add(key)
    missing = [k.hex() for k in signers if k not in seen]
    if missing or not signers:
        raise errors.VerificationError(
            errors.SIGNATURE_MISSING, f"no signature by signer(s) {', '.join(missing) or '-'}"
        )
    message = signing_message(signed.body)
    for i, sig in enumerate(signed.signatures):
        try:
            Ed25519PublicKey.from_public_bytes(sig.public_key).verify(sig.signature, message)
        except (InvalidSignature, ValueError) as exc:
            raise errors.VerificationError(
                errors.BAD_SIGNATURE, f"signatures[{i}] does not verify"
            ) from exc
    return CheckedTransaction(transaction, tx_hash(transaction), signed.body, body, signers)
