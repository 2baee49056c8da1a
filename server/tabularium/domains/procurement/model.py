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

OPEN = "open"
PROCEDURES = (OPEN,)
CATEGORIES = ("goods", "services", "works")
PRICE, COST, QUALITY = "price", "cost", "quality"
TIE_BREAKS = ("lowest_price", "highest_quality", "earliest_bid", "draw")
# Ceremony states.
RUNNING, READY, FAILED = "running", "ready", "failed"
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
    if len(value.encode()) > limit:
        raise InvalidArgument("TEXT_TOO_LONG", f"{name} is over {limit} bytes of UTF-8", field=name)
    return value


# ----- actions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConfigureAuthority:
    buyer: str
    minimum_period_days: int
    electronic_period_days: int
    urgent_period_days: int


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
        "documents": [{"name": d.name, "sha256": d.sha256.hex()} for d in terms.documents],
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
class Sealed:
    """A sealed bid's fields (SealedBid)."""

    alpha: bytes
    wrapped_key: bytes
    mac: bytes
    proof_c: bytes
    proof_v: bytes
    structured: bytes
    documents_sha256: bytes
    documents_size: int


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


@dataclass(frozen=True, slots=True)
class CommitteeRecord(Record):
    """The key ceremony of a tender's committee; index i of each tuple is member i+1."""

    epoch: int
    status: str
    keys: tuple[bytes, ...]
    commitments: tuple[tuple[bytes, ...], ...]
    confirmed: tuple[bool, ...]
    joint_key: bytes = b""
    share_keys: tuple[bytes, ...] = ()
    failure: str = ""
    # Members whose decryption shares are posted, in posting order.
    opening: tuple[int, ...] = ()

    @classmethod
    def fresh(cls, members: int, epoch: int) -> CommitteeRecord:
        return cls(
            epoch=epoch,
            status=RUNNING,
            keys=(b"",) * members,
            commitments=((),) * members,
            confirmed=(False,) * members,
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


@dataclass(frozen=True, slots=True)
class Partial:
    lot: str
    bidder: str
    share: bytes


@dataclass(frozen=True, slots=True)
class PartialRecord(Record):
    """One member's posted partial decryptions M = z_j * alpha, one per live bid."""

    shares: tuple[Partial, ...]
