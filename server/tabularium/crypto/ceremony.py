"""A threshold key ceremony over ristretto255, as a participant runs it: shared by procurement
committees and election guardians (Pedersen's DKG with Feldman commitments).

n participants, quorum k. Round 1: each registers a key X_i = x_i*G with a Schnorr proof. Round
2: each deals a random polynomial f_i of degree k-1: Feldman commitments a_ij*G, each with a
Schnorr proof, and f_i(j) sealed to every other participant j under hashed ElGamal. Each
participant checks what it received against the dealer's commitments; a bad share gets a
complaint that reveals x_j*alpha with a Chaum-Pedersen proof, so anyone can open that one share
and judge. The joint key is the sum of the constant commitments; participant j's secret share
z_j = sum over dealers of f_i(j) never leaves it.

Every challenge is keyed by the ceremony hash H_C (a tender's, an election's), so no proof can
be replayed into another ceremony; each proof's context names the round and the indices.
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass

from tabularium.crypto import threshold as th

_U32 = struct.Struct(">I")


def key_context(index: int, did: str) -> bytes:
    return b"member-key" + _U32.pack(index) + did.encode()


def dealer_context(dealer: int) -> bytes:
    return b"dealer" + _U32.pack(dealer)


def share_context(dealer: int, recipient: int) -> bytes:
    return b"share" + _U32.pack(dealer) + _U32.pack(recipient)


def complaint_context(dealer: int, recipient: int) -> bytes:
    return b"complaint" + _U32.pack(dealer) + _U32.pack(recipient)


@dataclass(frozen=True, slots=True)
class Secrets:
    """What participant ``index`` keeps to itself: its round-1 secret and its polynomial."""

    index: int
    key_secret: bytes
    coefficients: tuple[bytes, ...]

    @property
    def public_key(self) -> bytes:
        return th.commitments([self.key_secret])[0]


def keygen(index: int, quorum: int) -> Secrets:
    return Secrets(index, th.random_scalar(), tuple(th.random_scalar() for _ in range(quorum)))


def prove_key(key: bytes, secrets: Secrets, did: str) -> th.SchnorrProof:
    """Round 1: the proof that the participant knows its key's secret."""
    return th.schnorr_prove(
        key, secrets.key_secret, th.random_scalar(), key_context(secrets.index, did)
    )


@dataclass(frozen=True, slots=True)
class Dealing:
    commitments: tuple[bytes, ...]
    proofs: tuple[tuple[bytes, bytes], ...]
    # (recipient index, sealed share)
    shares: tuple[tuple[int, th.HashedElGamal], ...]


def deal(key: bytes, secrets: Secrets, participant_keys: Sequence[bytes]) -> Dealing:
    """Round 2: commitments with proofs, and f(j) sealed to each other participant j's key
    (``participant_keys[j-1]``)."""
    nonces = [th.random_scalar() for _ in secrets.coefficients]
    commitments, proofs = th.prove_commitments(
        key, secrets.coefficients, nonces, dealer_context(secrets.index)
    )
    shares = []
    for recipient, recipient_key in enumerate(participant_keys, start=1):
        if recipient == secrets.index:
            continue
        value = th.share(secrets.coefficients, recipient)
        sealed = th.elgamal_encrypt(
            key, recipient_key, th.random_scalar(), value, share_context(secrets.index, recipient)
        )
        shares.append((recipient, sealed))
    return Dealing(tuple(commitments), tuple(proofs), tuple(shares))


def open_share(
    key: bytes,
    secrets: Secrets,
    dealer: int,
    sealed: th.HashedElGamal,
    dealer_commitments: Sequence[bytes],
) -> bytes | None:
    """Dealer ``dealer``'s share to this participant, checked against its commitments; None if
    it does not decrypt or does not match (then complain)."""
    try:
        value = th.elgamal_decrypt(
            key, secrets.key_secret, sealed, share_context(dealer, secrets.index)
        )
        if len(value) == 32 and th.verify_share(dealer_commitments, secrets.index, value):
            return value
    except ValueError:
        pass
    return None


def prove_complaint(
    key: bytes, secrets: Secrets, dealer: int, sealed: th.HashedElGamal
) -> th.ChaumPedersenProof:
    """Reveal ``x*alpha`` for the dealer's share to this participant, with its proof."""
    return th.chaum_pedersen_prove(
        key,
        secrets.key_secret,
        sealed.alpha,
        th.random_scalar(),
        complaint_context(dealer, secrets.index),
    )


def joint_secret_share(own_share: bytes, received: Sequence[bytes]) -> bytes:
    """z_j = f_j(j) + sum of the received f_d(j), mod l."""
    total = sum(int.from_bytes(s, "little") for s in (own_share, *received)) % th.ORDER
    return total.to_bytes(32, "little")
