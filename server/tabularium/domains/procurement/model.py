"""Values of public procurement: actions (decoded from protobuf by the API layer), the frozen
terms and their hash, and the records kept in state.

OCDS 1.1 names where they exist: ``ocid``, ``buyer``, ``tender.lots``, ``awardCriteria``; a
bid is identified by (lot, bidder). Money is integer minor units of an ISO 4217 currency; times
are block times in microseconds. Records are canonical JSON (``domains.records``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

import rfc8785

from tabularium.crypto.sealedbid import SealedBid as Sealed
from tabularium.domains import ceremony as _dkg
from tabularium.domains.ceremony import CeremonyRecord
from tabularium.domains.checks import check_text_bytes
from tabularium.domains.records import Record
from tabularium.errors import InvalidArgument

DAY_US = 86_400 * 1_000_000
DIGEST_SIZE = 32
KEY_SIZE = 32
TEXT_MAX_BYTES = 4096
NAME_MAX_BYTES = 256
STRUCTURED_MAX_BYTES = 4096
MAX_LOTS = 64
MAX_CRITERIA = 16
MAX_DOCUMENTS = 64
MAX_MEMBERS = 15
# Art. 27(1), 27(4), 27(3).
DEFAULT_MINIMUM_DAYS, DEFAULT_ELECTRONIC_DAYS, DEFAULT_URGENT_DAYS = 35, 30, 15
# Directive 2007/66/EC, Art. 2a.
DEFAULT_STANDSTILL_DAYS = 10

OPEN = "open"
PROCEDURES = (OPEN,)
CATEGORIES = ("goods", "services", "works")
PRICE, COST, QUALITY = "price", "cost", "quality"
TIE_BREAKS = ("lowest_price", "highest_quality", "earliest_bid", "draw")
# Ceremony states (the shared ceremony's).
RUNNING, READY, FAILED = _dkg.RUNNING, _dkg.READY, _dkg.FAILED
# Bid states.
SEALED, WITHDRAWN, OPENED, UNREADABLE = "sealed", "withdrawn", "opened", "unreadable"
# Red flags (our OCDS extension).
FLAG_URGENCY, FLAG_SINGLE_BID = "urgency", "single_bid"

_OCID = re.compile(r"^ocds-[A-Za-z0-9\-_.]{1,123}$")
_LOT_ID = re.compile(r"^[A-Za-z0-9\-._]{1,64}$")


def check_ocid(value: str) -> str:
    if not _OCID.match(value):
        raise InvalidArgument(
            "BAD_OCID",
            f"ocid {value!r} is not an Open Contracting ID: 'ocds-' then 1 to 123 of "
            "A-Z a-z 0-9 - _ .",
            field="ocid",
        )
    return value


def check_lot_id(value: str, name: str) -> str:
    if not _LOT_ID.match(value):
        raise InvalidArgument(
            "BAD_LOT_ID", f"{name} {value!r}: 1 to 64 of A-Z a-z 0-9 - . _", field=name
        )
    return value


def check_text(value: str, name: str, limit: int = TEXT_MAX_BYTES) -> str:
    return check_text_bytes(value, name, limit)


# ----- actions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConfigureAuthority:
    buyer: str
    minimum_period_days: int
    electronic_period_days: int
    urgent_period_days: int
    standstill_days: int = 0


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    kind: str
    weight: int
    formula: str
    max_mark: int
    pass_mark: int
    description: str


@dataclass(frozen=True, slots=True)
class LotTerms:
    id: str
    title: str
    estimated_value: int
    currency: str
    criteria: tuple[Criterion, ...]
    tie_break: str


@dataclass(frozen=True, slots=True)
class SpecDocument:
    name: str
    sha256: bytes
    # A review clause (Art. 72(1)(a)) allowing modifications up to this cumulative value; 0: none.
    review_clause_limit: int = 0


@dataclass(frozen=True, slots=True)
class Terms:
    """The frozen terms of a tender (TenderTerms)."""

    procedure: str
    category: str
    estimated_value: int
    currency: str
    deadline_us: int
    electronic: bool
    urgency_justification: str
    lots: tuple[LotTerms, ...]
    documents: tuple[SpecDocument, ...]
    members: tuple[str, ...]
    quorum: int

    def lot(self, lot_id: str) -> LotTerms | None:
        for lot in self.lots:
            if lot.id == lot_id:
                return lot
        return None


def _money(amount: int, currency: str) -> dict[str, Any]:
    # A string: RFC 8785 numbers are IEEE doubles, exact only up to 2^53.
    return {"amount": str(amount), "currency": currency}


def terms_json(terms: Terms) -> dict[str, Any]:
    """The terms as the JSON whose RFC 8785 form ``criteria_hash`` digests."""
    return {
        "version": 1,
        "procedure": terms.procedure,
        "category": terms.category,
        "estimatedValue": _money(terms.estimated_value, terms.currency),
        "submissionDeadlineMicros": str(terms.deadline_us),
        "electronicSubmission": terms.electronic,
        "urgencyJustification": terms.urgency_justification,
        "lots": [
            {
                "id": lot.id,
                "title": lot.title,
                "estimatedValue": _money(lot.estimated_value, lot.currency),
                "tieBreak": lot.tie_break,
                "awardCriteria": [
                    {
                        "id": c.id,
                        "kind": c.kind,
                        "weight": c.weight,
                        "formula": c.formula,
                        "maxMark": c.max_mark,
                        "passMark": c.pass_mark,
                        "description": c.description,
                    }
                    for c in lot.criteria
                ],
            }
            for lot in terms.lots
        ],
        "documents": [
            {
                "name": d.name,
                "sha256": d.sha256.hex(),
                "reviewClauseLimit": _money(d.review_clause_limit, terms.currency),
            }
            for d in terms.documents
        ],
        "committee": {"members": list(terms.members), "quorum": terms.quorum},
    }


def criteria_hash(terms: Terms) -> bytes:
    return hashlib.sha256(rfc8785.dumps(terms_json(terms))).digest()


@dataclass(frozen=True, slots=True)
class PublishTender:
    buyer: str
    ocid: str
    title: str
    description: str
    terms: Terms


@dataclass(frozen=True, slots=True)
class AmendTender:
    ocid: str
    buyer: str
    terms: Terms
    rationale: str


@dataclass(frozen=True, slots=True)
class UpdateTender:
    ocid: str
    buyer: str
    title: str
    description: str
    paths: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RegisterCommitteeKey:
    ocid: str
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
class DealCommitteeShares:
    ocid: str
    commitments: tuple[bytes, ...]
    proofs: tuple[tuple[bytes, bytes], ...]
    shares: tuple[SealedShare, ...]


@dataclass(frozen=True, slots=True)
class ConfirmCommitteeKey:
    ocid: str
    joint_key: bytes


@dataclass(frozen=True, slots=True)
class ComplainShare:
    ocid: str
    dealer: int
    shared: bytes
    proof_c: bytes
    proof_v: bytes


@dataclass(frozen=True, slots=True)
class SubmitBid:
    ocid: str
    lot: str
    bidder: str
    sealed: Sealed


@dataclass(frozen=True, slots=True)
class WithdrawBid:
    ocid: str
    lot: str
    bidder: str


@dataclass(frozen=True, slots=True)
class AccessBidDocuments:
    """A committee member's download of a bid's documents, logged before it is served."""

    ocid: str
    lot: str
    bidder: str


@dataclass(frozen=True, slots=True)
class DecryptionShare:
    lot: str
    bidder: str
    share: bytes
    proof_c: bytes
    proof_v: bytes


@dataclass(frozen=True, slots=True)
class OpenBids:
    ocid: str
    shares: tuple[DecryptionShare, ...]


# ----- records ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AuthoritySettings(Record):
    minimum_period_days: int = DEFAULT_MINIMUM_DAYS
    electronic_period_days: int = DEFAULT_ELECTRONIC_DAYS
    urgent_period_days: int = DEFAULT_URGENT_DAYS
    standstill_days: int = DEFAULT_STANDSTILL_DAYS

    def minimum_days(self, terms: Terms) -> int:
        """The minimum tender period for these terms (Art. 27)."""
        if terms.urgency_justification:
            return self.urgent_period_days
        if terms.electronic:
            return self.electronic_period_days
        return self.minimum_period_days


@dataclass(frozen=True, slots=True)
class TenderRecord(Record):
    ocid: str
    buyer: str
    title: str
    description: str
    terms: Terms
    criteria_hash: bytes
    published_entry: int
    published_time_us: int
    minimum_period_days: int
    amendments: tuple[int, ...] = ()
    red_flags: tuple[str, ...] = ()
    opened_entry: int = 0
    # The transaction that set the terms in force (publication or the latest amendment).
    terms_tx: bytes = b""
    # Members (by index) who declared no conflict of interest (Art. 24).
    declared: tuple[int, ...] = ()


# The committee's key ceremony and its sealed shares: the shared threshold ceremony.
CommitteeRecord = CeremonyRecord


@dataclass(frozen=True, slots=True)
class BidRecord(Record):
    ocid: str
    lot: str
    bidder: str
    status: str
    entry_index: int
    time_us: int
    sealed: Sealed
    figures: tuple[tuple[str, int], ...] = ()
    unreadable_reason: str = ""
    # Set at opening when the capsule opens: anyone can recompute it from the logged partials.
    data_key: bytes = b""
    # (member index, entry index) of each logged download of the documents.
    downloads: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Partial:
    lot: str
    bidder: str
    share: bytes


@dataclass(frozen=True, slots=True)
class PartialRecord(Record):
    """One member's posted partial decryptions M = z_j * alpha, one per live bid."""

    shares: tuple[Partial, ...]


# ----- evaluation, award, contract -------------------------------------------------------------

EXCLUSION_GROUNDS = ("art57_exclusion", "art69_abnormally_low", "non_compliant")
DISMISSED, UPHELD = "dismissed", "upheld"
ACTIVE, ANNULLED = "active", "annulled"
REVIEW_CLAUSE, ADDITIONAL, UNFORESEEN, DE_MINIMIS = (
    "review_clause",
    "additional",
    "unforeseen",
    "de_minimis",
)
MODIFICATION_BASES = (REVIEW_CLAUSE, ADDITIONAL, UNFORESEEN, DE_MINIMIS)
# Art. 4 thresholds, 2024-25 (Commission Delegated Regulation (EU) 2023/2495), EUR cents.
DEFAULT_WORKS_THRESHOLD = 5_538_000_00
DEFAULT_SUPPLIES_THRESHOLD = 221_000_00
FLAG_REFUSED_AWARD, FLAG_REFUSED_MODIFICATION = "refused_award_attempt", "refused_modification"


@dataclass(frozen=True, slots=True)
class SetThresholds:
    works: int
    supplies_and_services: int
    currency: str


@dataclass(frozen=True, slots=True)
class DeclareNoConflict:
    ocid: str
    declaration_sha256: bytes


@dataclass(frozen=True, slots=True)
class MarkBid:
    ocid: str
    lot: str
    bidder: str
    marks: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class DisqualifyBid:
    ocid: str
    lot: str
    bidder: str
    ground: str
    reason: str


@dataclass(frozen=True, slots=True)
class CloseEvaluation:
    ocid: str
    lot: str


@dataclass(frozen=True, slots=True)
class AwardContract:
    ocid: str
    buyer: str
    lot: str
    bidder: str
    value: int
    currency: str
    criteria_hash: bytes


@dataclass(frozen=True, slots=True)
class FileComplaint:
    ocid: str
    lot: str
    complainant: str
    grounds_sha256: bytes


@dataclass(frozen=True, slots=True)
class ResolveComplaint:
    ocid: str
    lot: str
    complaint: int
    outcome: str
    decision_sha256: bytes


@dataclass(frozen=True, slots=True)
class SignContract:
    ocid: str
    buyer: str
    lot: str
    value: int
    currency: str
    document_sha256: bytes


@dataclass(frozen=True, slots=True)
class ModifyContract:
    ocid: str
    buyer: str
    lot: str
    basis: str
    amount: int
    currency: str
    rationale: str
    review_clause_sha256: bytes


@dataclass(frozen=True, slots=True)
class ThresholdSettings(Record):
    works: int = DEFAULT_WORKS_THRESHOLD
    supplies_and_services: int = DEFAULT_SUPPLIES_THRESHOLD
    currency: str = "EUR"


@dataclass(frozen=True, slots=True)
class MemberMarks:
    member: int
    bidder: str
    marks: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class Disqualification:
    bidder: str
    ground: str
    reason: str
    entry_index: int


@dataclass(frozen=True, slots=True)
class Ranked:
    bidder: str
    rank: int
    total: str  # "n/d"
    points: tuple[tuple[str, str], ...]
    passed: bool
    failed_criteria: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AwardRecord:
    bidder: str
    value: int
    criteria_hash: bytes
    entry_index: int
    time_us: int
    standstill_end_us: int
    status: str = ACTIVE


@dataclass(frozen=True, slots=True)
class ComplaintRecord:
    number: int
    complainant: str
    grounds_sha256: bytes
    entry_index: int
    outcome: str = ""
    decision_sha256: bytes = b""


@dataclass(frozen=True, slots=True)
class ModificationRecord:
    basis: str
    amount: int
    rationale: str
    entry_index: int
    time_us: int


@dataclass(frozen=True, slots=True)
class ContractRecord:
    value: int
    document_sha256: bytes
    entry_index: int
    time_us: int
    modifications: tuple[ModificationRecord, ...] = ()

    @property
    def current_value(self) -> int:
        return self.value + sum(m.amount for m in self.modifications)


@dataclass(frozen=True, slots=True)
class EvaluationRecord(Record):
    """One lot's evaluation, award and contract."""

    marks: tuple[MemberMarks, ...] = ()
    disqualified: tuple[Disqualification, ...] = ()
    closed_entry: int = 0
    draw_seed: bytes = b""
    ranking: tuple[Ranked, ...] = ()
    awards: tuple[AwardRecord, ...] = ()
    complaints: tuple[ComplaintRecord, ...] = ()
    contracts: tuple[ContractRecord, ...] = ()

    def award(self) -> AwardRecord | None:
        """The award in force."""
        if self.awards and self.awards[-1].status == ACTIVE:
            return self.awards[-1]
        return None

    def contract(self) -> ContractRecord | None:
        return self.contracts[0] if self.contracts else None

    def is_disqualified(self, bidder: str) -> bool:
        return any(d.bidder == bidder for d in self.disqualified)
