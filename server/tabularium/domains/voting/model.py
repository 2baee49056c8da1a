"""Values of online voting: actions (decoded from protobuf by the API layer), the election's
terms and their hashes, and the records kept in state (canonical JSON, ``domains.records``).

Names follow NIST SP 1500-100 where they exist (contests, selections, votes allowed); a
selection's ``maximum`` is ElectionGuard's option_selection_limit and a contest's ``limit`` its
votes_allowed. Times are block times in microseconds.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

import rfc8785

from tabularium.crypto import voting as crypto
from tabularium.domains.checks import check_text_bytes
from tabularium.domains.records import Record, to_json
from tabularium.errors import InvalidArgument

CEREMONY_LABEL = b"tabularium/voting/ceremony/v1"
ELECTION_LABEL = b"tabularium/voting/election/v1"
KEY_SIZE = DIGEST_SIZE = 32
NAME_MAX_BYTES = 256
TEXT_MAX_BYTES = 4096
MAX_CONTESTS = 16
MAX_SELECTIONS = 64
MAX_VOTES = 1024
MAX_GUARDIANS = 15
MAX_CREDENTIALS_PER_BATCH = 10_000
MAX_COST = (1 << 40) - 1

# Election states.
SETUP, READY, CLOSED, TALLIED = "setup", "ready", "closed", "tallied"
# Ballot states.
PENDING, CAST, CHALLENGED, SUPERSEDED = "pending", "cast", "challenged", "superseded"
# Checkpoint phases.
OPENING, CLOSING = "opening", "closing"

_ELECTION_ID = re.compile(r"^[A-Za-z0-9\-._:]{1,128}$")
_ITEM_ID = re.compile(r"^[A-Za-z0-9\-._]{1,64}$")


def check_election_id(value: str) -> str:
    if not _ELECTION_ID.match(value):
        raise InvalidArgument(
            "BAD_ELECTION_ID",
            f"election_id {value!r} must be 1 to 128 of A-Z a-z 0-9 - . _ :",
            field="election_id",
        )
    return value


def check_item_id(value: str, field: str) -> str:
    if not _ITEM_ID.match(value):
        raise InvalidArgument(
            "BAD_ID", f"{field} {value!r} must be 1 to 64 of A-Z a-z 0-9 - . _", field=field
        )
    return value


def check_text(value: str, name: str, limit: int = TEXT_MAX_BYTES) -> str:
    return check_text_bytes(value, name, limit)


# ----- the election's terms --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SelectionTerms:
    id: str
    name: str
    maximum: int
    cost: int = 0


@dataclass(frozen=True, slots=True)
class ContestTerms:
    id: str
    name: str
    limit: int
    selections: tuple[SelectionTerms, ...]
    budget: int | None = None


@dataclass(frozen=True, slots=True)
class Terms:
    title: str
    contests: tuple[ContestTerms, ...]
    guardians: tuple[str, ...]
    quorum: int
    credential_authority: str
    opens_at_us: int
    closes_at_us: int
    weighted: bool = False


def terms_hash(terms: Terms) -> bytes:
    """SHA-256 of the RFC 8785 canonical JSON of the terms (as ``domains.records`` encodes)."""
    return hashlib.sha256(rfc8785.dumps(to_json(terms))).digest()


def manifest(terms: Terms) -> list[crypto.ContestSpec]:
    """The ballot shape the cryptography checks."""
    specs = []
    for contest in terms.contests:
        maxima = tuple(s.maximum for s in contest.selections)
        if contest.budget is None:
            specs.append(crypto.ContestSpec(contest.limit, maxima))
        else:
            costs = tuple(s.cost for s in contest.selections)
            specs.append(crypto.ContestSpec(contest.limit, maxima, costs, contest.budget))
    return specs


def ceremony_hash(election_id: str, terms_digest: bytes) -> bytes:
    """H_C: keys every challenge of the guardians' key ceremony."""
    return hashlib.sha256(
        CEREMONY_LABEL + b"\x00" + election_id.encode() + b"\x00" + terms_digest
    ).digest()


def extended_base_hash(
    h_c: bytes, joint_key: bytes, commitments: tuple[tuple[bytes, ...], ...]
) -> bytes:
    """H_E: binds the manifest and parameters (through H_C), the joint key and every guardian's
    commitments; keys every ballot challenge and nonce."""
    flat = b"".join(c for dealer in commitments for c in dealer)
    return hashlib.sha256(ELECTION_LABEL + b"\x00" + h_c + joint_key + flat).digest()


def tally_context(guardian: int, contest: int, selection: int) -> bytes:
    """The statement context of a guardian's partial decryption of one tallied selection."""
    return (
        b"tally"
        + guardian.to_bytes(4, "big")
        + contest.to_bytes(4, "big")
        + selection.to_bytes(4, "big")
    )


def max_total(terms: Terms, counted_weight: int, contest: int) -> int:
    """The largest total a selection of ``contest`` can reach: the counted ballots' weight (each
    checked against the register) times the most votes one ballot can give a selection (the
    discrete-log search bound)."""
    spec = terms.contests[contest]
    return counted_weight * max(min(s.maximum, spec.limit) for s in spec.selections)


def cosigners(votes: tuple[Vote, ...], checkpoint: bytes) -> tuple[int, ...]:
    """The guardians who cosigned ``checkpoint``, in voting order."""
    return tuple(v.guardian for v in votes if v.checkpoint == checkpoint)


# ----- actions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CreateElection:
    election_id: str
    organiser: str
    terms: Terms


@dataclass(frozen=True, slots=True)
class AmendElection:
    election_id: str
    organiser: str
    terms: Terms
    reason: str


@dataclass(frozen=True, slots=True)
class RegisterGuardianKey:
    election_id: str
    public_key: bytes
    proof_c: bytes
    proof_v: bytes


@dataclass(frozen=True, slots=True)
class SealedShare:
    recipient: int
    alpha: bytes
    ciphertext: bytes
    mac: bytes


@dataclass(frozen=True, slots=True)
class DealGuardianShares:
    election_id: str
    commitments: tuple[bytes, ...]
    proofs: tuple[tuple[bytes, bytes], ...]
    shares: tuple[SealedShare, ...]


@dataclass(frozen=True, slots=True)
class ConfirmGuardianKey:
    election_id: str
    joint_key: bytes


@dataclass(frozen=True, slots=True)
class ComplainGuardianShare:
    election_id: str
    dealer: int
    shared: bytes
    proof_c: bytes
    proof_v: bytes


@dataclass(frozen=True, slots=True)
class PublishCredentials:
    election_id: str
    credential_authority: str
    keys: tuple[bytes, ...]
    weight_root: bytes
    total_weight: int


@dataclass(frozen=True, slots=True)
class SubmitBallot:
    election_id: str
    ballot: crypto.EncryptedBallot
    chaining: bytes
    weight: int
    weight_proof: crypto.WeightProof | None


@dataclass(frozen=True, slots=True)
class CastBallot:
    election_id: str
    code: bytes


@dataclass(frozen=True, slots=True)
class ChallengeBallot:
    election_id: str
    code: bytes
    nonce: bytes


@dataclass(frozen=True, slots=True)
class Cosignature:
    checkpoint: bytes
    timestamp: int
    signature: bytes


@dataclass(frozen=True, slots=True)
class CosignCheckpoint:
    election_id: str
    phase: str
    cosignature: Cosignature


@dataclass(frozen=True, slots=True)
class PartialDecryption:
    contest: int
    selection: int
    share: bytes
    proof_c: bytes
    proof_v: bytes


@dataclass(frozen=True, slots=True)
class PostTallyShare:
    election_id: str
    shares: tuple[PartialDecryption, ...]


# ----- records ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Vote:
    """A guardian's cosignature of a checkpoint (its body) in one phase."""

    guardian: int
    checkpoint: bytes


@dataclass(frozen=True, slots=True)
class ElectionRecord(Record):
    election_id: str
    organiser: str
    terms: Terms
    terms_hash: bytes
    status: str
    created_entry: int
    h_e: bytes = b""
    credentials: int = 0
    weight_root: bytes = b""
    total_weight: int = 0
    submitted: int = 0
    cast: int = 0
    challenged: int = 0
    # Each phase's checkpoint is fixed once a quorum of guardians cosigned the same one; until
    # then the votes are kept (a guardian votes once per phase).
    opening_votes: tuple[Vote, ...] = ()
    opening_checkpoint: bytes = b""
    closing_votes: tuple[Vote, ...] = ()
    closing_checkpoint: bytes = b""
    # Accepted entries of this election (their indices are kept one per key).
    entries: int = 0
    last_ballot_entry: int = -1


@dataclass(frozen=True, slots=True)
class Pair:
    """A selection's ciphertext (alpha, beta)."""

    alpha: bytes
    beta: bytes


@dataclass(frozen=True, slots=True)
class BallotRecord(Record):
    code: bytes
    credential: bytes
    weight: int
    submitted_entry: int
    state: str
    # (alpha, beta) of each selection, contest by contest.
    ciphertexts: tuple[tuple[Pair, ...], ...]
    decided_entry: int = -1
    challenged_votes: tuple[tuple[int, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class TallyCell:
    contest: int
    selection: int
    alpha: bytes
    beta: bytes
    total: int = -1


@dataclass(frozen=True, slots=True)
class TallyRecord(Record):
    cells: tuple[TallyCell, ...]
    counted: int
    counted_weight: int
    # Guardians whose partial decryptions are posted, in posting order.
    posted: tuple[int, ...] = ()
    decrypted: bool = False
    failure: str = ""


@dataclass(frozen=True, slots=True)
class PartialRecord(Record):
    shares: tuple[PartialDecryption, ...]
