"""Sealed bids and the evaluation committee's threshold key (tabularium.procurement.v1).

Everything a bidder's client, a committee member's tool and the state machine must compute
alike: context hashes and proof statements, sealing a bid to the joint key, the member's
ceremony (Feldman dealing with sealed shares), partial decryption, and opening a bid from a
quorum's combined partial decryptions. Group operations are in ``tabularium.crypto.threshold``.

Trust model: the joint key's secret is the sum of every member's polynomial constant and is
never assembled; a bid's data key is recovered only by combining ``quorum`` partial
decryptions, each posted on the log with a Chaum-Pedersen proof. Fewer than ``quorum``
colluding members learn nothing; ``quorum`` colluding members could decrypt early, off the
log, but only with their shares, and their early knowledge would not show on the log.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from dataclasses import dataclass, replace

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from tabularium.crypto import ceremony as cer
from tabularium.crypto import threshold as th

CEREMONY_LABEL = b"tabularium/procurement/ceremony/v1"
TENDER_LABEL = b"tabularium/procurement/tender/v1"
BID_LABEL = b"tabularium/procurement/bid/v1"
DATA_KEY_SIZE = 32
STRUCTURED, DOCUMENTS = "structured", "documents"
_NONCES = {STRUCTURED: bytes(12), DOCUMENTS: bytes(11) + b"\x01"}
_U32 = struct.Struct(">I")


def _u32(value: int) -> bytes:
    return _U32.pack(value)


def _join(*parts: str) -> bytes:
    return b"\x00".join(p.encode() for p in parts)


# ----- context hashes and statements ------------------------------------------------------------


def ceremony_key(ocid: str, members: Sequence[str], quorum: int) -> bytes:
    """H_C: keys every challenge of the committee's key ceremony."""
    committee = b"".join(m.encode() + b"\x00" for m in members) + _u32(quorum)
    return hashlib.sha256(CEREMONY_LABEL + b"\x00" + ocid.encode() + b"\x00" + committee).digest()


def tender_key(ocid: str, joint_key: bytes) -> bytes:
    """H_T: keys the challenges and the key wrapping of the tender's bids."""
    return hashlib.sha256(TENDER_LABEL + b"\x00" + ocid.encode() + b"\x00" + joint_key).digest()


# The ceremony's statements (the committee's is the generic threshold ceremony).
member_key_context = cer.key_context
dealer_context = cer.dealer_context
share_context = cer.share_context
complaint_context = cer.complaint_context


def bid_context(ocid: str, lot: str, bidder: str) -> bytes:
    return _join(ocid, lot, bidder)


def open_context(ocid: str, lot: str, bidder: str, member: int) -> bytes:
    return b"open" + bid_context(ocid, lot, bidder) + _u32(member)


def _aad(ocid: str, lot: str, bidder: str, part: str) -> bytes:
    return BID_LABEL + b"\x00" + _join(ocid, lot, bidder, part)


@dataclass(frozen=True, slots=True)
class SealedBid:
    """A bid as the log holds it (SealedBid in the proto)."""

    alpha: bytes
    wrapped_key: bytes
    mac: bytes
    proof_c: bytes
    proof_v: bytes
    structured: bytes
    documents_sha256: bytes = b""
    documents_size: int = 0


def bid_statement(ocid: str, lot: str, bidder: str, bid: SealedBid) -> bytes:
    """The Schnorr proof's context: the bidder and every field of the bid but the proof."""
    return b"".join(
        (
            b"bid",
            bid_context(ocid, lot, bidder),
            b"\x00",
            hashlib.sha256(bid.wrapped_key).digest(),
            bid.mac,
            hashlib.sha256(bid.structured).digest(),
            hashlib.sha256(bid.documents_sha256).digest(),
            struct.pack(">Q", bid.documents_size),
        )
    )


# ----- the bidder ------------------------------------------------------------------------------


def seal_bid(
    ocid: str,
    lot: str,
    bidder: str,
    joint_key: bytes,
    structured: bytes,
    documents: bytes | None = None,
) -> tuple[SealedBid, bytes]:
    """Seal a bid to the committee's key: (the bid for the log, the documents' ciphertext to
    store off the log, empty if none). Raises ValueError for a malformed joint key."""
    data_key = ChaCha20Poly1305.generate_key()
    aead = ChaCha20Poly1305(data_key)
    encrypted = aead.encrypt(_NONCES[STRUCTURED], structured, _aad(ocid, lot, bidder, STRUCTURED))
    documents_ct = b""
    if documents is not None:
        documents_ct = aead.encrypt(
            _NONCES[DOCUMENTS], documents, _aad(ocid, lot, bidder, DOCUMENTS)
        )
    key = tender_key(ocid, joint_key)
    nonce = th.random_scalar()
    wrapped = th.elgamal_encrypt(key, joint_key, nonce, data_key, bid_context(ocid, lot, bidder))
    unproved = SealedBid(
        alpha=wrapped.alpha,
        wrapped_key=wrapped.ciphertext,
        mac=wrapped.mac,
        proof_c=b"",
        proof_v=b"",
        structured=encrypted,
        documents_sha256=hashlib.sha256(documents_ct).digest() if documents is not None else b"",
        documents_size=len(documents_ct),
    )
    proof = th.schnorr_prove(
        key, nonce, th.random_scalar(), bid_statement(ocid, lot, bidder, unproved)
    )
    assert proof.public == wrapped.alpha
    sealed = replace(unproved, proof_c=proof.c, proof_v=proof.v)
    return sealed, documents_ct


def verify_bid(ocid: str, lot: str, bidder: str, joint_key: bytes, bid: SealedBid) -> bool:
    """Whether the bid's proof holds: its sealer knows the capsule's nonce and bound it to this
    bidder and these contents. Raises ValueError for a malformed point or scalar."""
    proof = th.SchnorrProof(bid.alpha, bid.proof_c, bid.proof_v)
    return th.schnorr_verify(
        tender_key(ocid, joint_key), proof, bid_statement(ocid, lot, bidder, bid)
    )


# ----- opening (the state machine) ---------------------------------------------------------------


def unwrap_data_key(
    ocid: str, lot: str, bidder: str, joint_key: bytes, shared: bytes, bid: SealedBid
) -> bytes | None:
    """The bid's data key from the combined ``shared = s*alpha``; None if it does not
    authenticate (which a valid quorum's combination cannot cause: the bidder's capsule is bad)."""
    sealed = th.HashedElGamal(bid.alpha, bid.wrapped_key, bid.mac)
    try:
        data_key = th.elgamal_open(
            tender_key(ocid, joint_key), joint_key, shared, sealed, bid_context(ocid, lot, bidder)
        )
    except ValueError:
        return None
    return data_key if len(data_key) == DATA_KEY_SIZE else None


def decrypt_part(
    data_key: bytes, ocid: str, lot: str, bidder: str, part: str, ciphertext: bytes
) -> bytes | None:
    """A bid's structured part or documents; None if the ciphertext does not authenticate."""
    try:
        return ChaCha20Poly1305(data_key).decrypt(
            _NONCES[part], ciphertext, _aad(ocid, lot, bidder, part)
        )
    except InvalidTag:
        return None


# ----- a committee member (its own machine) ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemberSecrets(cer.Secrets):
    """What member ``index`` keeps to itself, for the tender ``ocid`` (``crypto.ceremony``)."""

    ocid: str = ""


def member_keygen(ocid: str, index: int, quorum: int) -> MemberSecrets:
    fresh = cer.keygen(index, quorum)
    return MemberSecrets(fresh.index, fresh.key_secret, fresh.coefficients, ocid)


def prove_member_key(
    secrets: MemberSecrets, did: str, members: Sequence[str], quorum: int
) -> th.SchnorrProof:
    return cer.prove_key(ceremony_key(secrets.ocid, members, quorum), secrets, did)


Dealing = cer.Dealing


def deal(
    secrets: MemberSecrets, members: Sequence[str], quorum: int, member_keys: Sequence[bytes]
) -> Dealing:
    """Round 2, keyed by the committee's ceremony hash (``crypto.ceremony.deal``)."""
    return cer.deal(ceremony_key(secrets.ocid, members, quorum), secrets, member_keys)


def open_share(
    secrets: MemberSecrets,
    members: Sequence[str],
    quorum: int,
    dealer: int,
    sealed: th.HashedElGamal,
    dealer_commitments: Sequence[bytes],
) -> bytes | None:
    key = ceremony_key(secrets.ocid, members, quorum)
    return cer.open_share(key, secrets, dealer, sealed, dealer_commitments)


def prove_complaint(
    secrets: MemberSecrets,
    members: Sequence[str],
    quorum: int,
    dealer: int,
    sealed: th.HashedElGamal,
) -> th.ChaumPedersenProof:
    key = ceremony_key(secrets.ocid, members, quorum)
    return cer.prove_complaint(key, secrets, dealer, sealed)


joint_secret_share = cer.joint_secret_share


def partial_decrypt(
    ocid: str,
    joint_key: bytes,
    member: int,
    secret_share: bytes,
    lot: str,
    bidder: str,
    alpha: bytes,
) -> th.ChaumPedersenProof:
    """M = z_j*alpha with its proof against the member's public share key."""
    return th.chaum_pedersen_prove(
        tender_key(ocid, joint_key),
        secret_share,
        alpha,
        th.random_scalar(),
        open_context(ocid, lot, bidder, member),
    )
