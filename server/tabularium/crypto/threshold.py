"""Threshold cryptography over ristretto255 (RFC 9496), shared by procurement committees and
voting guardians: Schnorr proofs of knowledge, Chaum-Pedersen proofs of equal discrete logs,
Feldman verifiable secret sharing, Lagrange combination at 0, and hashed ElGamal (a share or
data key encrypted to one member).

Points and scalars are 32-byte ``bytes`` (scalars little-endian and canonical, below l). A
malformed encoding raises ValueError; a proof or share that does not verify gives False.
Challenges are ``H(key; domain, statement...)``: HMAC-SHA-256 keyed by the context hash (an
election's or tender's), over a domain byte and every public input, reduced mod l; a proof's
``context`` (a bidder's identity, a guardian's index...) is part of its statement, so a proof
copied into another statement fails.

Nonces must be uniform mod l and used once; :func:`random_scalar` draws one from ``secrets``.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from tabularium import _core

__all__ = [
    "ORDER",
    "ChaumPedersenProof",
    "HashedElGamal",
    "SchnorrProof",
    "challenge",
    "chaum_pedersen_prove",
    "chaum_pedersen_verify",
    "combine",
    "commitments",
    "elgamal_decrypt",
    "elgamal_encrypt",
    "elgamal_open",
    "is_key",
    "joint_share_commitment",
    "lagrange_at_zero",
    "prove_commitments",
    "random_scalar",
    "schnorr_prove",
    "schnorr_verify",
    "share",
    "verify_commitments",
    "verify_share",
]

ORDER = 2**252 + 27742317777372353535851937790883648493  # l, the group order


def random_scalar() -> bytes:
    """A uniform non-zero scalar mod l (for nonces and polynomial coefficients)."""
    return (secrets.randbelow(ORDER - 1) + 1).to_bytes(32, "little")


def challenge(key: bytes, domain: int, parts: Sequence[bytes]) -> bytes:
    return _core.threshold_challenge(key, domain, list(parts))


@dataclass(frozen=True, slots=True)
class SchnorrProof:
    public: bytes  # K = x*G
    c: bytes
    v: bytes


def schnorr_prove(key: bytes, secret: bytes, nonce: bytes, context: bytes) -> SchnorrProof:
    return SchnorrProof(*_core.threshold_schnorr_prove(key, secret, nonce, context))


def schnorr_verify(key: bytes, proof: SchnorrProof, context: bytes) -> bool:
    """Raises ValueError if the key is not a canonical non-identity point."""
    return _core.threshold_schnorr_verify(key, proof.public, proof.c, proof.v, context)


@dataclass(frozen=True, slots=True)
class ChaumPedersenProof:
    public: bytes  # K = x*G
    base: bytes  # A
    result: bytes  # M = x*A
    c: bytes
    v: bytes


def chaum_pedersen_prove(
    key: bytes, secret: bytes, base: bytes, nonce: bytes, context: bytes
) -> ChaumPedersenProof:
    public, result, c, v = _core.threshold_chaum_pedersen_prove(key, secret, base, nonce, context)
    return ChaumPedersenProof(public, base, result, c, v)


def chaum_pedersen_verify(key: bytes, proof: ChaumPedersenProof, context: bytes) -> bool:
    return _core.threshold_chaum_pedersen_verify(
        key, proof.public, proof.base, proof.result, proof.c, proof.v, context
    )


def commitments(coefficients: Sequence[bytes]) -> list[bytes]:
    """Feldman commitments a_j*G of a secret polynomial (a_0 first)."""
    return _core.threshold_commitments(list(coefficients))


def prove_commitments(
    key: bytes, coefficients: Sequence[bytes], nonces: Sequence[bytes], context: bytes
) -> tuple[list[bytes], list[tuple[bytes, bytes]]]:
    """A dealer's Feldman commitments and one Schnorr proof (c, v) of each coefficient; proof
    j's statement is ``context`` followed by j (big-endian u32)."""
    return _core.threshold_prove_commitments(key, list(coefficients), list(nonces), context)


def verify_commitments(
    key: bytes, commitments: Sequence[bytes], proofs: Sequence[tuple[bytes, bytes]], context: bytes
) -> bool:
    """Whether every commitment comes with a valid proof (a dealer knows its polynomial)."""
    return _core.threshold_verify_commitments(key, list(commitments), list(proofs), context)


def share(coefficients: Sequence[bytes], index: int) -> bytes:
    """Member ``index``'s share f(index), index >= 1."""
    return _core.threshold_share(list(coefficients), index)


def verify_share(commitments: Sequence[bytes], index: int, value: bytes) -> bool:
    return _core.threshold_verify_share(list(commitments), index, value)


def lagrange_at_zero(index: int, indices: Sequence[int]) -> bytes:
    return _core.threshold_lagrange(index, list(indices))


def combine(parts: Sequence[tuple[int, bytes]], threshold: int) -> bytes:
    """Sum of w_i*M_i over (index, M_i) parts: f(0)*A from ``threshold`` or more of them."""
    return _core.threshold_combine(list(parts), threshold)


@dataclass(frozen=True, slots=True)
class HashedElGamal:
    alpha: bytes  # xi*G
    ciphertext: bytes
    mac: bytes


def elgamal_encrypt(
    key: bytes, recipient: bytes, nonce: bytes, plaintext: bytes, context: bytes
) -> HashedElGamal:
    """Encrypt up to 8,160 bytes (a share, a data key) to ``recipient``, authenticated and
    bound to ``key`` and ``context``."""
    return HashedElGamal(
        *_core.threshold_elgamal_encrypt(key, recipient, nonce, plaintext, context)
    )


def elgamal_decrypt(key: bytes, secret: bytes, sealed: HashedElGamal, context: bytes) -> bytes:
    """Raises ValueError if the ciphertext does not authenticate."""
    return _core.threshold_elgamal_decrypt(
        key, secret, sealed.alpha, sealed.ciphertext, sealed.mac, context
    )


def elgamal_open(
    key: bytes, recipient: bytes, shared: bytes, sealed: HashedElGamal, context: bytes
) -> bytes:
    """Decrypt with the shared point ``x*alpha`` (a threshold's combined partial decryptions)
    instead of the secret ``x``. Raises ValueError if the ciphertext does not authenticate."""
    return _core.threshold_elgamal_open(
        key, recipient, shared, sealed.alpha, sealed.ciphertext, sealed.mac, context
    )


def joint_share_commitment(dealers: Sequence[Sequence[bytes]], index: int) -> bytes:
    """From every dealer's Feldman commitments: the joint public key (``index`` 0) or member
    ``index``'s public share key ``(sum of f_d(index))*G``."""
    return _core.threshold_joint_share_commitment([list(d) for d in dealers], index)


def is_key(value: bytes) -> bool:
    """Whether ``value`` is a canonical encoding of a non-identity point (a usable key)."""
    return _core.threshold_is_key(value)
