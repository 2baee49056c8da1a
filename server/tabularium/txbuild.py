"""Build and sign transactions exactly as DESIGN §2 says (used by the CLI and tests).

The client libraries in clients/ mirror this in each language.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf import any_pb2
from google.protobuf.message import Message

from tabularium.chain.identity import possession_message
from tabularium.chain.tx import signing_message, timestamp_us
from tabularium.identity.v1 import identity_pb2
from tabularium.ledger.v1 import transaction_pb2

DEFAULT_WINDOW_SECONDS = 600


def build_body(
    chain_id: str,
    action: Message,
    signers: Sequence[bytes],
    *,
    now_us: int,
    window_seconds: int = DEFAULT_WINDOW_SECONDS,
    nonce: bytes | None = None,
    memo: str = "",
) -> bytes:
    """Encoded TransactionBody valid from a minute before ``now_us`` for ``window_seconds``."""
    packed = any_pb2.Any()
    packed.Pack(action)
    start = now_us - 60_000_000
    end = start + window_seconds * 1_000_000
    body = transaction_pb2.TransactionBody(
        chain_id=chain_id,
        nonce=nonce if nonce is not None else os.urandom(16),
        not_before=timestamp_us(start),
        not_after=timestamp_us(end),
        signers=list(signers),
        action=packed,
        memo=memo,
    )
    return body.SerializeToString(deterministic=True)


def sign(body: bytes, keys: Sequence[Ed25519PrivateKey]) -> bytes:
    """Encoded SignedTransaction with one signature per key over the signing message."""
    message = signing_message(body)
    return transaction_pb2.SignedTransaction(
        body=body,
        signatures=[
            transaction_pb2.Signature(
                public_key=key.public_key().public_bytes_raw(), signature=key.sign(message)
            )
            for key in keys
        ],
    ).SerializeToString(deterministic=True)


def build_signed(
    chain_id: str,
    action: Message,
    keys: Sequence[Ed25519PrivateKey],
    *,
    now_us: int,
    window_seconds: int = DEFAULT_WINDOW_SECONDS,
    nonce: bytes | None = None,
    memo: str = "",
) -> bytes:
    """A transaction that every key in ``keys`` must sign, signed by all of them."""
    signers = [key.public_key().public_bytes_raw() for key in keys]
    body = build_body(
        chain_id,
        action,
        signers,
        now_us=now_us,
        window_seconds=window_seconds,
        nonce=nonce,
        memo=memo,
    )
    return sign(body, keys)


def key_possession(key: Ed25519PrivateKey, did: str) -> identity_pb2.KeyPossession:
    """Proof that ``key`` is held by whoever attaches it to identity ``did`` (RegisterIdentity,
    AddKey, RotateKey)."""
    public_key = key.public_key().public_bytes_raw()
    return identity_pb2.KeyPossession(
        public_key=public_key, signature=key.sign(possession_message(did, public_key))
    )
