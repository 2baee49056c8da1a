"""The threshold key ceremony on the log (``crypto.ceremony``), shared by procurement committees
and election guardians: pure state transitions over a CeremonyRecord and the sealed shares.

A domain names its ceremony with a :class:`Ceremony` (hash, participants, quorum, where the
record and the shares live, and the words its messages use); the steps check the round and the
proofs, and write the record. Refusals: CEREMONY_CLOSED, CEREMONY_NOT_READY, KEY_REGISTERED,
ALREADY_DEALT, ALREADY_CONFIRMED, SHARES_INCOMPLETE, INVALID_PROOF, INVALID_GROUP_ELEMENT,
BAD_MAC, JOINT_KEY_MISMATCH, BAD_DEALER, NOT_DEALT, SHARE_VALID (an unfounded complaint). A
founded complaint fails the ceremony (its ``failure`` starts with SHARE_INVALID).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from tabularium.chain.actions import StateView
from tabularium.crypto import ceremony as cer
from tabularium.crypto import threshold as th
from tabularium.domains.records import Record
from tabularium.errors import AlreadyExists, FailedPrecondition, InvalidArgument, NotFound

RUNNING, READY, FAILED = "running", "ready", "failed"
KEY_SIZE = DIGEST_SIZE = 32


@dataclass(frozen=True, slots=True)
class CeremonyRecord(Record):
    """A ceremony's progress; index i of each tuple is participant i+1."""

    epoch: int
    status: str
    keys: tuple[bytes, ...]
    commitments: tuple[tuple[bytes, ...], ...]
    confirmed: tuple[bool, ...]
    joint_key: bytes = b""
    share_keys: tuple[bytes, ...] = ()
    failure: str = ""
    # Participants whose decryption shares are posted, in posting order.
    opening: tuple[int, ...] = ()

    @classmethod
    def fresh(cls, participants: int, epoch: int) -> CeremonyRecord:
        return cls(
            epoch=epoch,
            status=RUNNING,
            keys=(b"",) * participants,
            commitments=((),) * participants,
            confirmed=(False,) * participants,
        )

    @property
    def started(self) -> bool:
        return any(self.keys)

    @property
    def all_keys(self) -> bool:
        return all(self.keys)

    @property
    def all_dealt(self) -> bool:
        return all(self.commitments)


@dataclass(frozen=True, slots=True)
class ShareRecord(Record):
    alpha: bytes
    ciphertext: bytes
    mac: bytes


class SealedShare(Protocol):
    @property
    def recipient(self) -> int: ...
    @property
    def alpha(self) -> bytes: ...
    @property
    def ciphertext(self) -> bytes: ...
    @property
    def mac(self) -> bytes: ...


@dataclass(frozen=True, slots=True)
class Ceremony:
    """One ceremony: its hash H_C, its participants (DIDs, index i+1 at i) and quorum, the
    state key of its record, the state key of share (epoch, dealer, recipient), and how its
    messages name a participant ("member") and the group ("the committee")."""

    key: bytes
    participants: tuple[str, ...]
    quorum: int
    record_key: bytes
    share_key: Callable[[int, int, int], bytes]
    noun: str = "member"
    group: str = "the committee"

    def record(self, state: StateView) -> CeremonyRecord:
        raw = state.get(self.record_key)
        if raw is None:
            raise NotFound("NO_CEREMONY", f"{self.group} has no key ceremony")
        return CeremonyRecord.decode(raw)

    def share(self, state: StateView, epoch: int, dealer: int, recipient: int) -> ShareRecord:
        raw = state.get(self.share_key(epoch, dealer, recipient))
        if raw is None:
            raise NotFound("NOT_DEALT", f"{self.noun} {dealer} dealt no share to {recipient}")
        return ShareRecord.decode(raw)


def proof_holds(check: bool | None, what: str, field: str) -> None:
    if not check:
        raise InvalidArgument("INVALID_PROOF", f"{what} does not verify", field=field)


def verify(call: Callable[[], bool], what: str, field: str) -> bool:
    """Run a verification; a malformed point or scalar is INVALID_GROUP_ELEMENT."""
    try:
        return bool(call())
    except ValueError as exc:
        raise InvalidArgument("INVALID_GROUP_ELEMENT", f"{what}: {exc}", field=field) from None


def _running(c: Ceremony, record: CeremonyRecord) -> None:
    if record.status != RUNNING:
        raise FailedPrecondition("CEREMONY_CLOSED", f"{c.group}'s key ceremony is {record.status}")


def register_key(
    state: StateView, c: Ceremony, index: int, public_key: bytes, proof_c: bytes, proof_v: bytes
) -> None:
    """Round 1: participant ``index`` (from 1) registers its key with a Schnorr proof."""
    record = c.record(state)
    _running(c, record)
    if record.keys[index - 1]:
        raise AlreadyExists("KEY_REGISTERED", f"{c.noun} {index} already registered its key")
    proof = th.SchnorrProof(public_key, proof_c, proof_v)
    context = cer.key_context(index, c.participants[index - 1])
    proof_holds(
        verify(
            lambda: th.schnorr_verify(c.key, proof, context), "public_key or proof", "public_key"
        ),
        f"the proof of the {c.noun} key's secret",
        "proof",
    )
    keys = list(record.keys)
    keys[index - 1] = public_key
    state.put(c.record_key, replace(record, keys=tuple(keys)).encode())


def deal(
    state: StateView,
    c: Ceremony,
    index: int,
    commitments: Sequence[bytes],
    proofs: Sequence[tuple[bytes, bytes]],
    shares: Sequence[SealedShare],
) -> CeremonyRecord:
    """Round 2: commitments with proofs, one sealed share to each other participant. When the
    last participant has dealt, the joint key and every participant's share key are set."""
    record = c.record(state)
    _running(c, record)
    if not record.all_keys:
        raise FailedPrecondition(
            "CEREMONY_NOT_READY",
            f"{c.noun}s deal once every {c.noun}'s key is registered "
            f"({sum(1 for k in record.keys if k)} of {len(c.participants)})",
        )
    if record.commitments[index - 1]:
        raise AlreadyExists("ALREADY_DEALT", f"{c.noun} {index} already dealt its shares")
    if len(commitments) != c.quorum or len(proofs) != c.quorum:
        raise InvalidArgument(
            "SHARES_INCOMPLETE",
            f"a dealing has {c.quorum} commitments (the quorum), each with a proof",
            field="commitments",
        )
    proof_holds(
        verify(
            lambda: th.verify_commitments(c.key, commitments, proofs, cer.dealer_context(index)),
            "a commitment or proof",
            "commitments",
        ),
        "a proof of a commitment",
        "proofs",
    )
    expected = [j for j in range(1, len(c.participants) + 1) if j != index]
    if sorted(s.recipient for s in shares) != expected:
        raise InvalidArgument(
            "SHARES_INCOMPLETE",
            f"a dealing seals one share to each other {c.noun}: recipients {expected}",
            field="shares",
        )
    for sealed in shares:
        if not th.is_key(sealed.alpha) or len(sealed.ciphertext) != KEY_SIZE:
            raise InvalidArgument(
                "INVALID_GROUP_ELEMENT",
                f"the share to {c.noun} {sealed.recipient}: alpha must be a canonical "
                "non-identity point and the ciphertext 32 bytes",
                field="shares",
            )
        if len(sealed.mac) != DIGEST_SIZE:
            raise InvalidArgument(
                "BAD_MAC",
                f"the share to {c.noun} {sealed.recipient}: mac is 32 bytes",
                field="shares",
            )
    for sealed in shares:
        state.put(
            c.share_key(record.epoch, index, sealed.recipient),
            ShareRecord(sealed.alpha, sealed.ciphertext, sealed.mac).encode(),
        )
    dealt_commitments = list(record.commitments)
    dealt_commitments[index - 1] = tuple(commitments)
    dealt = replace(record, commitments=tuple(dealt_commitments))
    if dealt.all_dealt:
        dealers = [list(d) for d in dealt.commitments]
        dealt = replace(
            dealt,
            joint_key=th.joint_share_commitment(dealers, 0),
            share_keys=tuple(
                th.joint_share_commitment(dealers, j) for j in range(1, len(c.participants) + 1)
            ),
        )
    state.put(c.record_key, dealt.encode())
    return dealt


def confirm(state: StateView, c: Ceremony, index: int, joint_key: bytes) -> CeremonyRecord:
    """Round 3: participant ``index`` confirms the joint key (it checked every share it got).
    The ceremony is READY when all have confirmed."""
    record = c.record(state)
    _running(c, record)
    if not record.all_dealt:
        raise FailedPrecondition(
            "CEREMONY_NOT_READY", f"{c.noun}s confirm once every {c.noun} has dealt"
        )
    if record.confirmed[index - 1]:
        raise AlreadyExists("ALREADY_CONFIRMED", f"{c.noun} {index} already confirmed")
    if joint_key != record.joint_key:
        raise InvalidArgument(
            "JOINT_KEY_MISMATCH",
            f"the joint key confirmed is not {c.group}'s {record.joint_key.hex()}",
            field="joint_key",
        )
    confirmed = list(record.confirmed)
    confirmed[index - 1] = True
    status = READY if all(confirmed) else RUNNING
    done = replace(record, confirmed=tuple(confirmed), status=status)
    state.put(c.record_key, done.encode())
    return done


def complain(
    state: StateView,
    c: Ceremony,
    index: int,
    dealer: int,
    shared: bytes,
    proof_c: bytes,
    proof_v: bytes,
) -> None:
    """Participant ``index`` shows the share dealer ``dealer`` sealed to it is bad: it reveals
    ``shared`` = x*alpha with a Chaum-Pedersen proof, so the rules open that share and check it
    against the dealer's commitments. Founded: the ceremony fails (SHARE_INVALID)."""
    record = c.record(state)
    _running(c, record)
    n = len(c.participants)
    if not 1 <= dealer <= n or dealer == index:
        raise InvalidArgument(
            "BAD_DEALER", f"dealer must be another {c.noun}'s index, 1 to {n}", field="dealer"
        )
    if not record.commitments[dealer - 1]:
        raise FailedPrecondition("NOT_DEALT", f"{c.noun} {dealer} has not dealt yet")
    if record.confirmed[index - 1]:
        raise FailedPrecondition(
            "ALREADY_CONFIRMED", f"{c.noun} {index} confirmed its shares already"
        )
    sealed = c.share(state, record.epoch, dealer, index)
    recipient_key = record.keys[index - 1]
    proof = th.ChaumPedersenProof(recipient_key, sealed.alpha, shared, proof_c, proof_v)
    context = cer.complaint_context(dealer, index)
    proof_holds(
        verify(
            lambda: th.chaum_pedersen_verify(c.key, proof, context), "shared or proof", "shared"
        ),
        "the proof that shared is the share's ElGamal point",
        "proof",
    )
    try:
        value = th.elgamal_open(
            c.key,
            recipient_key,
            shared,
            th.HashedElGamal(sealed.alpha, sealed.ciphertext, sealed.mac),
            cer.share_context(dealer, index),
        )
        valid = th.verify_share(record.commitments[dealer - 1], index, value)
    except ValueError:
        valid = False
    if valid:
        raise FailedPrecondition(
            "SHARE_VALID",
            f"{c.noun} {dealer}'s share to {c.noun} {index} opens and matches its "
            "commitments: the complaint is unfounded",
        )
    failure = f"SHARE_INVALID: {c.noun} {dealer} dealt a bad share to {c.noun} {index}"
    state.put(c.record_key, replace(record, status=FAILED, failure=failure).encode())
