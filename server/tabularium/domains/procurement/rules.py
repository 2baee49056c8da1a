"""Rules of public procurement: pure functions of the action, the procurement state and the
identities, with the block time as the only clock.

State (namespace ``procurement``; ``u32`` big-endian):

* ``authority/<buyer DID>`` -> AuthoritySettings (absent: the defaults);
* ``tender/<ocid>`` -> TenderRecord;
* ``committee/<ocid>`` -> CommitteeRecord (the key ceremony and the opening);
* ``share/<ocid> 0x00 <u32 epoch> <u32 dealer> <u32 recipient>`` -> ShareRecord (sealed);
* ``bids/<ocid>`` -> JSON list of [lot, bidder], sorted: every bid ever sealed;
* ``bid/<ocid> 0x00 <lot> 0x00 <bidder>`` -> BidRecord (the one in force);
* ``partial/<ocid> 0x00 <u32 member>`` -> PartialRecord (a member's decryption shares).

Nothing readable about a bid is written before a quorum's shares are in: sealed fields only.
"""

from __future__ import annotations

import json
import struct
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from functools import partial

from tabularium.chain.actions import ActionContext, StateView
from tabularium.chain.identity import IdentityRecord
from tabularium.crypto import sealedbid as sb
from tabularium.crypto import threshold as th
from tabularium.domains import ceremony as dkg
from tabularium.domains.procurement import scoring
from tabularium.domains.procurement.model import (
    ADDITIONAL,
    ANNULLED,
    CATEGORIES,
    COST,
    DAY_US,
    DIGEST_SIZE,
    DISMISSED,
    EXCLUSION_GROUNDS,
    FAILED,
    FLAG_REFUSED_AWARD,
    FLAG_REFUSED_MODIFICATION,
    FLAG_SINGLE_BID,
    FLAG_URGENCY,
    KEY_SIZE,
    MAX_CRITERIA,
    MAX_DOCUMENTS,
    MAX_LOTS,
    MAX_MEMBERS,
    MODIFICATION_BASES,
    NAME_MAX_BYTES,
    OPENED,
    PRICE,
    PROCEDURES,
    QUALITY,
    READY,
    REVIEW_CLAUSE,
    SEALED,
    STRUCTURED_MAX_BYTES,
    TIE_BREAKS,
    UNFORESEEN,
    UNREADABLE,
    UPHELD,
    WITHDRAWN,
    AccessBidDocuments,
    AmendTender,
    AuthoritySettings,
    AwardContract,
    AwardRecord,
    BidRecord,
    CloseEvaluation,
    CommitteeRecord,
    ComplainShare,
    ComplaintRecord,
    ConfigureAuthority,
    ConfirmCommitteeKey,
    ContractRecord,
    DealCommitteeShares,
    DeclareNoConflict,
    Disqualification,
    DisqualifyBid,
    EvaluationRecord,
    FileComplaint,
    LotTerms,
    MarkBid,
    MemberMarks,
    ModificationRecord,
    ModifyContract,
    OpenBids,
    Partial,
    PartialRecord,
    PublishTender,
    Ranked,
    RegisterCommitteeKey,
    ResolveComplaint,
    SetThresholds,
    SignContract,
    SubmitBid,
    TenderRecord,
    Terms,
    ThresholdSettings,
    UpdateTender,
    WithdrawBid,
    check_ocid,
    check_text,
    criteria_hash,
)
from tabularium.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)

_U32 = struct.Struct(">I")
DETAIL_PATHS = ("title", "description")
FROZEN_PATHS = (
    "terms",
    "procedure",
    "category",
    "estimated_value",
    "submission_deadline",
    "electronic_submission",
    "urgency_justification",
    "lots",
    "documents",
    "committee",
)
MAX_PERIOD_DAYS = 3650


# ----- keys ------------------------------------------------------------------------------------


def authority_key(buyer: str) -> bytes:
    return b"authority/" + buyer.encode()


def tender_key(ocid: str) -> bytes:
    return b"tender/" + ocid.encode()


def committee_key(ocid: str) -> bytes:
    return b"committee/" + ocid.encode()


def share_key(ocid: str, epoch: int, dealer: int, recipient: int) -> bytes:
    return (
        b"share/"
        + ocid.encode()
        + b"\x00"
        + _U32.pack(epoch)
        + _U32.pack(dealer)
        + _U32.pack(recipient)
    )


def bids_key(ocid: str) -> bytes:
    return b"bids/" + ocid.encode()


def bid_key(ocid: str, lot: str, bidder: str) -> bytes:
    return b"bid/" + ocid.encode() + b"\x00" + lot.encode() + b"\x00" + bidder.encode()


def partial_key(ocid: str, member: int) -> bytes:
    return b"partial/" + ocid.encode() + b"\x00" + _U32.pack(member)


def evaluation_key(ocid: str, lot: str) -> bytes:
    return b"eval/" + ocid.encode() + b"\x00" + lot.encode()


THRESHOLDS_KEY = b"thresholds"


# ----- reading ---------------------------------------------------------------------------------


def settings(state: StateView, buyer: str) -> AuthoritySettings:
    raw = state.get(authority_key(buyer))
    return AuthoritySettings() if raw is None else AuthoritySettings.decode(raw)


def tender(state: StateView, ocid: str) -> TenderRecord:
    raw = state.get(tender_key(ocid))
    if raw is None:
        raise NotFound(
            "NO_BASE_RELEASE",
            f"no tender {ocid!r} is published: publish it before acting on it",
            field="ocid",
        )
    return TenderRecord.decode(raw)


def committee(state: StateView, ocid: str) -> CommitteeRecord:
    raw = state.get(committee_key(ocid))
    assert raw is not None, "a published tender always has its committee record"
    return CommitteeRecord.decode(raw)


def bid_list(state: StateView, ocid: str) -> list[tuple[str, str]]:
    raw = state.get(bids_key(ocid))
    return [] if raw is None else [(lot, bidder) for lot, bidder in json.loads(raw)]


def bid(state: StateView, ocid: str, lot: str, bidder: str) -> BidRecord | None:
    raw = state.get(bid_key(ocid, lot, bidder))
    return None if raw is None else BidRecord.decode(raw)


def live_bids(state: StateView, ocid: str) -> list[BidRecord]:
    """Bids in force and not withdrawn, by (lot, bidder)."""
    out = []
    for lot, bidder in bid_list(state, ocid):
        record = bid(state, ocid, lot, bidder)
        if record is not None and record.status != WITHDRAWN:
            out.append(record)
    return out


def share(state: StateView, ocid: str, epoch: int, dealer: int, recipient: int) -> dkg.ShareRecord:
    raw = state.get(share_key(ocid, epoch, dealer, recipient))
    if raw is None:
        raise NotFound("NOT_DEALT", f"member {dealer} dealt no share to member {recipient}")
    return dkg.ShareRecord.decode(raw)


def lot_rules(lot: LotTerms) -> scoring.LotRules:
    return scoring.LotRules(
        criteria=tuple(
            scoring.Criterion(
                id=c.id,
                kind=c.kind,
                weight=c.weight,
                formula=c.formula,
                pass_mark=c.pass_mark,
                max_mark=c.max_mark,
            )
            for c in lot.criteria
        ),
        tie_break=lot.tie_break,
    )


def _check_terms(ctx: ActionContext, buyer: str, terms: Terms) -> None:
    """Everything about the terms that needs no clock: shape, values, criteria, committee."""
    if terms.procedure not in PROCEDURES:
        raise InvalidArgument(
            "BAD_PROCEDURE", f"procedure must be one of {list(PROCEDURES)}", field="procedure"
        )
    if terms.category not in CATEGORIES:
        raise InvalidArgument(
            "BAD_CATEGORY", f"category must be one of {list(CATEGORIES)}", field="category"
        )
    if terms.estimated_value <= 0:
        raise InvalidArgument(
            "BAD_AMOUNT", "the estimated value must be positive", field="estimated_value"
        )
    if not 1 <= len(terms.lots) <= MAX_LOTS:
        raise InvalidArgument("BAD_LOTS", f"a tender has 1 to {MAX_LOTS} lots", field="terms.lots")
    seen: set[str] = set()
    for i, lot in enumerate(terms.lots):
        where = f"terms.lots[{i}]"
        if lot.id in seen:
            raise InvalidArgument(
                "DUPLICATE_LOT", f"lot id {lot.id!r} appears twice", field=f"{where}.id"
            )
        seen.add(lot.id)
        if lot.currency != terms.currency:
            raise InvalidArgument(
                "CURRENCY_MISMATCH",
                f"lot {lot.id!r} is in {lot.currency}, the tender in {terms.currency}",
                field=f"{where}.estimated_value.currency",
            )
        if lot.estimated_value <= 0:
            raise InvalidArgument(
                "BAD_AMOUNT",
                f"lot {lot.id!r}: the estimated value must be positive",
                field=f"{where}.estimated_value",
            )
        if lot.tie_break not in TIE_BREAKS:
            raise InvalidArgument(
                "BAD_TIE_BREAK", f"lot {lot.id!r} names no tie-break rule", field=where
            )
        if len(lot.criteria) > MAX_CRITERIA:
            raise InvalidArgument(
                "TOO_MANY_CRITERIA",
                f"lot {lot.id!r} has {len(lot.criteria)} criteria; at most {MAX_CRITERIA}",
                field=f"{where}.criteria",
            )
        try:
            scoring.check_rules(lot_rules(lot))
        except InvalidArgument as exc:
            raise InvalidArgument(
                exc.reason, f"lot {lot.id!r}: {exc}", field=f"{where}.criteria"
            ) from None
    if sum(lot.estimated_value for lot in terms.lots) > terms.estimated_value:
        raise InvalidArgument(
            "BAD_AMOUNT",
            "the lots' estimated values add up to more than the tender's",
            field="terms.estimated_value",
        )
    if len(terms.documents) > MAX_DOCUMENTS:
        raise InvalidArgument(
            "TOO_MANY_DOCUMENTS", f"at most {MAX_DOCUMENTS} documents", field="terms.documents"
        )
    for i, document in enumerate(terms.documents):
        check_text(document.name, f"terms.documents[{i}].name", NAME_MAX_BYTES)
        if len(document.sha256) != DIGEST_SIZE:
            raise InvalidArgument(
                "BAD_DIGEST",
                f"document {document.name!r}: sha256 must be 32 bytes",
                field=f"terms.documents[{i}].sha256",
            )
    _check_committee(ctx, buyer, terms)


def _check_committee(ctx: ActionContext, buyer: str, terms: Terms) -> None:
    members = terms.members
    if not 1 <= len(members) <= MAX_MEMBERS or len(set(members)) != len(members):
        raise InvalidArgument(
            "BAD_COMMITTEE",
            f"the committee has 1 to {MAX_MEMBERS} distinct members",
            field="terms.committee.members",
        )
    if not 1 <= terms.quorum <= len(members):
        raise InvalidArgument(
            "BAD_QUORUM",
            f"the quorum must be 1 to {len(members)} (the members)",
            field="terms.committee.quorum",
        )
    reader = ctx.reader()
    own = 0
    for i, member in enumerate(members):
        record = reader.identity(member)
        if record is None:
            raise NotFound(
                "UNKNOWN_MEMBER",
                f"committee member {member!r} is no registered identity",
                field=f"terms.committee.members[{i}]",
            )
        if _is_buyer_side(buyer, member, record):
            own += 1
    if own >= terms.quorum:
        raise FailedPrecondition(
            "COMMITTEE_NOT_INDEPENDENT",
            f"{own} of the committee's members are the buyer or its officials, and "
            f"{terms.quorum} can open the bids: fewer than the quorum may come from the buyer",
            metadata={"own_members": str(own), "quorum": str(terms.quorum)},
        )


def _check_period(ctx: ActionContext, config: AuthoritySettings, terms: Terms, reason: str) -> int:
    """The minimum period's days; refuses a deadline that leaves less from now."""
    if terms.urgency_justification.strip() == "" and terms.urgency_justification:
        raise InvalidArgument(
            "URGENCY_NOT_JUSTIFIED",
            "urgency_justification is blank: state the urgency or leave it empty",
            field="terms.urgency_justification",
        )
    check_text(terms.urgency_justification, "terms.urgency_justification")
    days = config.minimum_days(terms)
    given_us = terms.deadline_us - ctx.block_time_us
    if given_us < days * DAY_US:
        given = max(given_us, 0) // DAY_US
        raise FailedPrecondition(
            reason,
            f"the submission deadline leaves {given} whole days from this block's time; the "
            f"minimum is {days} days"
            + (
                " (Art. 47(3): an amendment moves the deadline so the minimum period remains)"
                if reason == "DEADLINE_EXTENSION_REQUIRED"
                else ""
            ),
            metadata={"minimum_days": str(days), "given_days": str(given)},
        )
    if terms.deadline_us - ctx.block_time_us > MAX_PERIOD_DAYS * DAY_US:
        raise InvalidArgument(
            "BAD_DEADLINE",
            f"the deadline is over {MAX_PERIOD_DAYS} days away",
            field="terms.submission_deadline",
        )
    return days


def _flags(terms: Terms, existing: Sequence[str]) -> tuple[str, ...]:
    flags = set(existing)
    if terms.urgency_justification:
        flags.add(FLAG_URGENCY)
    return tuple(sorted(flags))


def _member(ctx: ActionContext, terms: Terms) -> int:
    """The index (from 1) of the committee member who signed; refuses anyone else."""
    for did in ctx.signer_dids:
        if did in terms.members:
            return terms.members.index(did) + 1
    raise PermissionDenied(
        "NOT_COMMITTEE_MEMBER",
        "no signer of this transaction is a member of the tender's committee",
    )


def _is_buyer_side(buyer: str, did: str, record: IdentityRecord | None) -> bool:
    """Whether ``did`` (with its identity ``record``) is the buyer or one of its officials."""
    return did == buyer or (record is not None and record.owner == buyer)


_proof_holds = dkg.proof_holds
_verify = dkg.verify


# ----- handlers: the tender --------------------------------------------------------------------


def configure_authority(ctx: ActionContext, action: ConfigureAuthority) -> None:
    defaults = AuthoritySettings()
    values = (
        action.minimum_period_days or defaults.minimum_period_days,
        action.electronic_period_days or defaults.electronic_period_days,
        action.urgent_period_days or defaults.urgent_period_days,
        action.standstill_days or defaults.standstill_days,
    )
    if any(v > MAX_PERIOD_DAYS for v in values):
        raise InvalidArgument(
            "BAD_PERIOD", f"periods are at most {MAX_PERIOD_DAYS} days", field="buyer"
        )
    ctx.state.put(authority_key(action.buyer), AuthoritySettings(*values).encode())


def publish_tender(ctx: ActionContext, action: PublishTender) -> None:
    check_ocid(action.ocid)
    check_text(action.title, "details.title", NAME_MAX_BYTES)
    check_text(action.description, "details.description")
    if ctx.state.get(tender_key(action.ocid)) is not None:
        raise AlreadyExists(
            "TENDER_EXISTS", f"tender {action.ocid!r} is already published", field="ocid"
        )
    if ctx.reader().identity(action.buyer) is None:
        raise NotFound("UNKNOWN_BUYER", f"buyer {action.buyer!r} is no identity", field="buyer")
    _check_terms(ctx, action.buyer, action.terms)
    days = _check_period(
        ctx, settings(ctx.state, action.buyer), action.terms, "TENDER_PERIOD_TOO_SHORT"
    )
    record = TenderRecord(
        ocid=action.ocid,
        buyer=action.buyer,
        title=action.title,
        description=action.description,
        terms=action.terms,
        criteria_hash=criteria_hash(action.terms),
        published_entry=ctx.entry_index,
        published_time_us=ctx.block_time_us,
        minimum_period_days=days,
        red_flags=_flags(action.terms, ()),
        terms_tx=ctx.tx_hash,
    )
    ctx.state.put(tender_key(action.ocid), record.encode())
    ctx.state.put(
        committee_key(action.ocid), CommitteeRecord.fresh(len(action.terms.members), 0).encode()
    )


def _own_tender(state: StateView, ocid: str, buyer: str) -> TenderRecord:
    record = tender(state, ocid)
    if record.buyer != buyer:
        raise InvalidArgument(
            "BUYER_MISMATCH",
            f"tender {ocid!r} is {record.buyer!r}'s, not {buyer!r}'s",
            field="buyer",
        )
    return record


def amend_tender(ctx: ActionContext, action: AmendTender) -> None:
    record = _own_tender(ctx.state, action.ocid, action.buyer)
    if ctx.block_time_us >= record.terms.deadline_us:
        raise FailedPrecondition(
            "TENDER_FROZEN", "the submission deadline has passed: the terms are frozen"
        )
    if not action.rationale.strip():
        raise InvalidArgument(
            "RATIONALE_REQUIRED", "an amendment states its rationale", field="rationale"
        )
    check_text(action.rationale, "rationale")
    _check_terms(ctx, record.buyer, action.terms)
    days = _check_period(
        ctx, settings(ctx.state, record.buyer), action.terms, "DEADLINE_EXTENSION_REQUIRED"
    )
    ceremony = committee(ctx.state, action.ocid)
    committee_changed = (action.terms.members, action.terms.quorum) != (
        record.terms.members,
        record.terms.quorum,
    )
    if committee_changed:
        if ceremony.started and ceremony.status != FAILED:
            raise FailedPrecondition(
                "COMMITTEE_FROZEN",
                "the committee's key ceremony has begun: its members and quorum stay unless "
                "the ceremony fails",
            )
        ctx.state.put(
            committee_key(action.ocid),
            CommitteeRecord.fresh(len(action.terms.members), ceremony.epoch + 1).encode(),
        )
    lots = {lot.id for lot in action.terms.lots}
    for lot, _bidder in bid_list(ctx.state, action.ocid):
        if lot not in lots:
            raise FailedPrecondition(
                "LOT_HAS_BIDS", f"lot {lot!r} has bids: an amendment cannot remove it"
            )
    ctx.state.put(
        tender_key(action.ocid),
        replace(
            record,
            terms=action.terms,
            criteria_hash=criteria_hash(action.terms),
            minimum_period_days=days,
            amendments=(*record.amendments, ctx.entry_index),
            red_flags=_flags(action.terms, record.red_flags),
            terms_tx=ctx.tx_hash,
        ).encode(),
    )


def update_tender(ctx: ActionContext, action: UpdateTender) -> None:
    record = _own_tender(ctx.state, action.ocid, action.buyer)
    if not action.paths:
        raise InvalidArgument(
            "BAD_UPDATE_MASK", "update_mask names no field to change", field="update_mask"
        )
    for path in action.paths:
        if path.split(".")[0] in FROZEN_PATHS:
            raise FailedPrecondition(
                "AMENDMENT_REQUIRED",
                f"{path!r} is a frozen term: change it with AmendTender and a rationale",
                metadata={"path": path},
            )
        if path not in DETAIL_PATHS:
            raise InvalidArgument(
                "BAD_UPDATE_MASK",
                f"{path!r} is no field of TenderDetails: use {list(DETAIL_PATHS)}",
                field="update_mask",
            )
    title = action.title if "title" in action.paths else record.title
    description = action.description if "description" in action.paths else record.description
    check_text(title, "details.title", NAME_MAX_BYTES)
    check_text(description, "details.description")
    ctx.state.put(
        tender_key(action.ocid), replace(record, title=title, description=description).encode()
    )


# ----- handlers: the key ceremony --------------------------------------------------------------


def _ceremony(record: TenderRecord) -> dkg.Ceremony:
    terms = record.terms
    ocid = record.ocid
    return dkg.Ceremony(
        key=sb.ceremony_key(ocid, terms.members, terms.quorum),
        participants=tuple(terms.members),
        quorum=terms.quorum,
        record_key=committee_key(ocid),
        share_key=partial(share_key, ocid),
    )


def register_committee_key(ctx: ActionContext, action: RegisterCommitteeKey) -> None:
    record = tender(ctx.state, action.ocid)
    index = _member(ctx, record.terms)
    dkg.register_key(
        ctx.state, _ceremony(record), index, action.public_key, action.proof_c, action.proof_v
    )


def deal_committee_shares(ctx: ActionContext, action: DealCommitteeShares) -> None:
    record = tender(ctx.state, action.ocid)
    index = _member(ctx, record.terms)
    dkg.deal(ctx.state, _ceremony(record), index, action.commitments, action.proofs, action.shares)


def confirm_committee_key(ctx: ActionContext, action: ConfirmCommitteeKey) -> None:
    record = tender(ctx.state, action.ocid)
    index = _member(ctx, record.terms)
    dkg.confirm(ctx.state, _ceremony(record), index, action.joint_key)


def complain_share(ctx: ActionContext, action: ComplainShare) -> None:
    record = tender(ctx.state, action.ocid)
    index = _member(ctx, record.terms)
    dkg.complain(
        ctx.state,
        _ceremony(record),
        index,
        action.dealer,
        action.shared,
        action.proof_c,
        action.proof_v,
    )


# ----- handlers: bids --------------------------------------------------------------------------


def _check_sealed(sealed: sb.SealedBid) -> None:
    if len(sealed.structured) > STRUCTURED_MAX_BYTES:
        raise InvalidArgument(
            "STRUCTURED_TOO_LARGE",
            f"the structured part is over {STRUCTURED_MAX_BYTES} bytes: put the rest in the "
            "documents",
            field="bid.structured",
        )
    if len(sealed.wrapped_key) != KEY_SIZE or len(sealed.mac) != DIGEST_SIZE:
        raise InvalidArgument(
            "INVALID_PROOF",
            "the capsule wraps a 32-byte data key with a 32-byte mac",
            field="bid.wrapped_key",
        )
    if sealed.documents_sha256:
        if len(sealed.documents_sha256) != DIGEST_SIZE or sealed.documents_size <= 0:
            raise InvalidArgument(
                "BAD_DIGEST",
                "documents_sha256 is 32 bytes with a positive documents_size",
                field="bid.documents_sha256",
            )
    elif sealed.documents_size:
        raise InvalidArgument(
            "BAD_DIGEST", "documents_size without documents_sha256", field="bid.documents_size"
        )


def submit_bid(ctx: ActionContext, action: SubmitBid) -> None:
    record = tender(ctx.state, action.ocid)
    lot_terms(record, action.lot)
    if ctx.block_time_us >= record.terms.deadline_us:
        raise FailedPrecondition(
            "LATE", "the submission deadline has passed: no bid can be sealed or replaced"
        )
    ceremony = committee(ctx.state, action.ocid)
    if ceremony.status != READY:
        raise FailedPrecondition(
            "COMMITTEE_NOT_READY",
            f"the committee's key ceremony is {ceremony.status}: bids are sealed to its joint "
            "key once every member confirmed it",
        )
    bidder = ctx.reader().identity(action.bidder)
    if _is_buyer_side(record.buyer, action.bidder, bidder):
        raise PermissionDenied(
            "BUYER_CANNOT_BID", "the buyer and its officials cannot bid on its own tender"
        )
    if bidder is None:
        raise NotFound("UNKNOWN_BIDDER", f"bidder {action.bidder!r} is no identity", field="bidder")
    _check_sealed(action.sealed)
    valid = _verify(
        lambda: sb.verify_bid(
            action.ocid, action.lot, action.bidder, ceremony.joint_key, action.sealed
        ),
        "the capsule",
        "bid.alpha",
    )
    _proof_holds(valid, "the capsule's proof for this bidder, lot and contents", "bid.proof")
    pairs = bid_list(ctx.state, action.ocid)
    if (action.lot, action.bidder) not in pairs:
        pairs = sorted([*pairs, (action.lot, action.bidder)])
        ctx.state.put(bids_key(action.ocid), json.dumps(pairs).encode())
    ctx.state.put(
        bid_key(action.ocid, action.lot, action.bidder),
        BidRecord(
            ocid=action.ocid,
            lot=action.lot,
            bidder=action.bidder,
            status=SEALED,
            entry_index=ctx.entry_index,
            time_us=ctx.block_time_us,
            sealed=action.sealed,
        ).encode(),
    )


def withdraw_bid(ctx: ActionContext, action: WithdrawBid) -> None:
    record = tender(ctx.state, action.ocid)
    if ctx.block_time_us >= record.terms.deadline_us:
        raise FailedPrecondition("LATE", "the submission deadline has passed: bids stand")
    current = bid(ctx.state, action.ocid, action.lot, action.bidder)
    if current is None:
        raise NotFound("BID_NOT_FOUND", f"{action.bidder!r} has no bid on lot {action.lot!r}")
    if current.status == WITHDRAWN:
        raise FailedPrecondition("BID_WITHDRAWN", "the bid is already withdrawn")
    ctx.state.put(
        bid_key(action.ocid, action.lot, action.bidder),
        replace(current, status=WITHDRAWN, entry_index=ctx.entry_index).encode(),
    )


# ----- handlers: opening -----------------------------------------------------------------------


def open_bids(ctx: ActionContext, action: OpenBids) -> None:
    record = tender(ctx.state, action.ocid)
    terms = record.terms
    if ctx.block_time_us < terms.deadline_us:
        raise FailedPrecondition(
            "SEALED", "bids stay sealed until the submission deadline (block time)"
        )
    index = _member(ctx, terms)
    ceremony = committee(ctx.state, action.ocid)
    if ceremony.status != READY:
        raise FailedPrecondition(
            "COMMITTEE_NOT_READY", f"the committee's key ceremony is {ceremony.status}"
        )
    if record.opened_entry:
        raise FailedPrecondition("BIDS_OPENED", "the bids are already opened")
    if index in ceremony.opening:
        raise AlreadyExists("ALREADY_POSTED", f"member {index} already posted its shares")
    live = live_bids(ctx.state, action.ocid)
    wanted = [(b.lot, b.bidder) for b in live]
    given = sorted((s.lot, s.bidder) for s in action.shares)
    if given != wanted:
        raise InvalidArgument(
            "SHARES_INCOMPLETE",
            f"post one decryption share for each of the {len(wanted)} live bids, no other",
            field="shares",
        )
    key = sb.tender_key(action.ocid, ceremony.joint_key)
    public = ceremony.share_keys[index - 1]
    by_bid = {(b.lot, b.bidder): b for b in live}
    for i, part in enumerate(action.shares):
        alpha = by_bid[(part.lot, part.bidder)].sealed.alpha
        proof = th.ChaumPedersenProof(public, alpha, part.share, part.proof_c, part.proof_v)
        context = sb.open_context(action.ocid, part.lot, part.bidder, index)
        _proof_holds(
            _verify(
                partial(th.chaum_pedersen_verify, key, proof, context),
                f"shares[{i}]",
                f"shares[{i}].share",
            ),
            f"the decryption share for {part.bidder!r} on lot {part.lot!r}",
            f"shares[{i}].proof",
        )
    ctx.state.put(
        partial_key(action.ocid, index),
        PartialRecord(
            tuple(
                Partial(p.lot, p.bidder, p.share)
                for p in sorted(action.shares, key=lambda p: (p.lot, p.bidder))
            )
        ).encode(),
    )
    opening = (*ceremony.opening, index)
    ctx.state.put(committee_key(action.ocid), replace(ceremony, opening=opening).encode())
    if len(opening) < terms.quorum:
        return
    _decrypt_all(ctx, record, replace(ceremony, opening=opening), live)


def _decrypt_all(
    ctx: ActionContext,
    record: TenderRecord,
    ceremony: CommitteeRecord,
    live: list[BidRecord],
) -> None:
    """The quorum is in: combine each bid's partial decryptions, unwrap its data key and record
    its structured part (or why it cannot be read)."""
    members = sorted(ceremony.opening)
    partials: dict[tuple[str, str], list[tuple[int, bytes]]] = {}
    for member in members:
        raw = ctx.state.get(partial_key(record.ocid, member))
        assert raw is not None
        for part in PartialRecord.decode(raw).shares:
            partials.setdefault((part.lot, part.bidder), []).append((member, part.share))
    for current in live:
        shared = th.combine(partials[(current.lot, current.bidder)], record.terms.quorum)
        lot = record.terms.lot(current.lot)
        assert lot is not None
        data_key = sb.unwrap_data_key(
            record.ocid, current.lot, current.bidder, ceremony.joint_key, shared, current.sealed
        )
        figures, reason = _read_structured(record.ocid, data_key, current, lot)
        ctx.state.put(
            bid_key(record.ocid, current.lot, current.bidder),
            replace(
                current,
                status=OPENED if not reason else UNREADABLE,
                figures=figures,
                unreadable_reason=reason,
                data_key=data_key or b"",
            ).encode(),
        )
    flags = set(record.red_flags)
    for lot in record.terms.lots:
        if sum(1 for b in live if b.lot == lot.id) == 1:
            flags.add(FLAG_SINGLE_BID)
    ctx.state.put(
        tender_key(record.ocid),
        replace(record, opened_entry=ctx.entry_index, red_flags=tuple(sorted(flags))).encode(),
    )


def _read_structured(
    ocid: str, data_key: bytes | None, current: BidRecord, lot: LotTerms
) -> tuple[tuple[tuple[str, int], ...], str]:
    sealed = current.sealed
    if data_key is None:
        return (), "the capsule does not open under the committee's key"
    plain = sb.decrypt_part(
        data_key, ocid, current.lot, current.bidder, sb.STRUCTURED, sealed.structured
    )
    if plain is None:
        return (), "the structured part does not decrypt under the bid's data key"
    try:
        doc = json.loads(plain)
    except (UnicodeDecodeError, ValueError):
        return (), "the structured part is not JSON"
    figures = doc.get("figures") if isinstance(doc, dict) else None
    wanted = sorted(c.id for c in lot.criteria if c.kind in (PRICE, COST))
    if not isinstance(figures, dict) or sorted(figures) != wanted:
        return (), f"the structured part must give exactly the figures {wanted}"
    out = []
    for name in wanted:
        value = figures[name]
        if type(value) is not int or not 0 < value < 2**63:
            return (), f"figure {name!r} is not a positive integer of minor units"
        out.append((name, value))
    return tuple(out), ""


def access_bid_documents(ctx: ActionContext, action: AccessBidDocuments) -> None:
    """Log a member's download of a bid's documents (the node serves them once this is
    committed): members only, after the opening, and only a bid that has documents."""
    record = tender(ctx.state, action.ocid)
    member = _member(ctx, record.terms)
    if not record.opened_entry:
        raise FailedPrecondition(
            "NOT_OPENED",
            "the bids are not opened yet: their documents are released to the committee once "
            "the quorum has opened them",
        )
    current = bid(ctx.state, action.ocid, action.lot, action.bidder)
    if current is None:
        raise NotFound("BID_NOT_FOUND", f"{action.bidder!r} has no bid on lot {action.lot!r}")
    if not current.sealed.documents_sha256:
        raise NotFound("NO_DOCUMENTS", "this bid was sealed without documents")
    if current.status == WITHDRAWN:
        raise FailedPrecondition(
            "BID_WITHDRAWN", "this bid was withdrawn before the deadline: it was never opened"
        )
    if not current.data_key:
        raise FailedPrecondition(
            "BID_UNREADABLE",
            "this bid's capsule did not open under the committee's key: its documents cannot "
            "be decrypted",
        )
    ctx.state.put(
        bid_key(action.ocid, action.lot, action.bidder),
        replace(current, downloads=(*current.downloads, (member, ctx.entry_index))).encode(),
    )


# ----- evaluation ------------------------------------------------------------------------------


def evaluation(state: StateView, ocid: str, lot: str) -> EvaluationRecord:
    raw = state.get(evaluation_key(ocid, lot))
    return EvaluationRecord() if raw is None else EvaluationRecord.decode(raw)


def thresholds(state: StateView) -> ThresholdSettings:
    raw = state.get(THRESHOLDS_KEY)
    return ThresholdSettings() if raw is None else ThresholdSettings.decode(raw)


def _opened(record: TenderRecord) -> None:
    if not record.opened_entry:
        raise FailedPrecondition(
            "NOT_OPENED", "the bids are not opened yet: evaluation starts after the opening"
        )


def lot_terms(record: TenderRecord, lot_id: str) -> LotTerms:
    lot = record.terms.lot(lot_id)
    if lot is None:
        raise NotFound(
            "LOT_NOT_FOUND", f"tender {record.ocid!r} has no lot {lot_id!r}", field="lot"
        )
    return lot


def _open_evaluation(state: StateView, ocid: str, lot: str) -> EvaluationRecord:
    found = evaluation(state, ocid, lot)
    if found.closed_entry:
        raise FailedPrecondition("EVALUATION_CLOSED", f"the evaluation of lot {lot!r} is closed")
    return found


def _scorable(state: StateView, ocid: str, lot: str, bidder: str, ev: EvaluationRecord) -> None:
    found = bid(state, ocid, lot, bidder)
    if found is None:
        raise NotFound("BID_NOT_FOUND", f"{bidder!r} has no bid on lot {lot!r}", field="bidder")
    if found.status != OPENED or ev.is_disqualified(bidder):
        why = "disqualified" if ev.is_disqualified(bidder) else found.status
        raise FailedPrecondition("BID_NOT_SCORABLE", f"the bid is {why}: it is not scored")


def set_thresholds(ctx: ActionContext, action: SetThresholds) -> None:
    if action.works <= 0 or action.supplies_and_services <= 0:
        raise InvalidArgument("BAD_AMOUNT", "thresholds are positive", field="works")
    ctx.state.put(
        THRESHOLDS_KEY,
        ThresholdSettings(action.works, action.supplies_and_services, action.currency).encode(),
    )


def declare_no_conflict(ctx: ActionContext, action: DeclareNoConflict) -> None:
    record = tender(ctx.state, action.ocid)
    index = _member(ctx, record.terms)
    _opened(record)
    if len(action.declaration_sha256) != DIGEST_SIZE:
        raise InvalidArgument(
            "BAD_DIGEST", "declaration_sha256 is 32 bytes", field="declaration_sha256"
        )
    if index in record.declared:
        raise AlreadyExists("ALREADY_DECLARED", f"member {index} already declared")
    ctx.state.put(
        tender_key(action.ocid),
        replace(record, declared=tuple(sorted((*record.declared, index)))).encode(),
    )


def _declared_member(ctx: ActionContext, record: TenderRecord) -> int:
    index = _member(ctx, record.terms)
    if index not in record.declared:
        raise FailedPrecondition(
            "COI_DECLARATION_MISSING",
            f"member {index} must sign its no-conflict declaration (Art. 24) before evaluating",
        )
    return index


def mark_bid(ctx: ActionContext, action: MarkBid) -> None:
    record = tender(ctx.state, action.ocid)
    lot = lot_terms(record, action.lot)
    _opened(record)
    index = _declared_member(ctx, record)
    ev = _open_evaluation(ctx.state, action.ocid, action.lot)
    _scorable(ctx.state, action.ocid, action.lot, action.bidder, ev)
    quality = {c.id: c for c in lot.criteria if c.kind == QUALITY}
    given = dict(action.marks)
    if len(given) != len(action.marks) or sorted(given) != sorted(quality):
        raise InvalidArgument(
            "MARKS_INCOMPLETE",
            f"give one mark for each quality criterion of the lot: {sorted(quality)}",
            field="marks",
        )
    for name, mark in action.marks:
        if not 0 <= mark <= quality[name].max_mark:
            raise InvalidArgument(
                "MARK_OUT_OF_RANGE",
                f"the mark for {name!r} is {mark}: 0 to {quality[name].max_mark}",
                field="marks",
            )
    kept = tuple(m for m in ev.marks if (m.member, m.bidder) != (index, action.bidder))
    marks = tuple(
        sorted(
            (*kept, MemberMarks(index, action.bidder, tuple(sorted(action.marks)))),
            key=lambda m: (m.bidder, m.member),
        )
    )
    ctx.state.put(evaluation_key(action.ocid, action.lot), replace(ev, marks=marks).encode())


def disqualify_bid(ctx: ActionContext, action: DisqualifyBid) -> None:
    record = tender(ctx.state, action.ocid)
    lot_terms(record, action.lot)
    _opened(record)
    terms = record.terms
    signed = sorted(
        {terms.members.index(d) + 1 for d in ctx.signer_dids if d in terms.members}
        & set(record.declared)
    )
    if len(signed) < terms.quorum:
        raise PermissionDenied(
            "COMMITTEE_THRESHOLD",
            f"a disqualification needs {terms.quorum} committee members who declared no "
            f"conflict; {len(signed)} signed",
            metadata={"signed": str(len(signed)), "quorum": str(terms.quorum)},
        )
    if action.ground not in EXCLUSION_GROUNDS:
        raise InvalidArgument(
            "BAD_ENUM", f"ground must be one of {list(EXCLUSION_GROUNDS)}", field="ground"
        )
    if not action.reason.strip():
        raise InvalidArgument(
            "REASON_REQUIRED", "a disqualification states its reason", field="reason"
        )
    check_text(action.reason, "reason")
    ev = _open_evaluation(ctx.state, action.ocid, action.lot)
    _scorable(ctx.state, action.ocid, action.lot, action.bidder, ev)
    entry = Disqualification(action.bidder, action.ground, action.reason, ctx.entry_index)
    ctx.state.put(
        evaluation_key(action.ocid, action.lot),
        replace(ev, disqualified=(*ev.disqualified, entry)).encode(),
    )


def _bid_inputs(
    state: StateView, record: TenderRecord, lot: LotTerms, ev: EvaluationRecord
) -> list[scoring.BidInput]:
    """The scorable bids of the lot with the quorum's marks; refuses missing marks."""
    inputs = []
    quality = [c.id for c in lot.criteria if c.kind == QUALITY]
    for current in live_bids(state, record.ocid):
        if current.lot != lot.id or current.status != OPENED:
            continue
        if ev.is_disqualified(current.bidder):
            continue
        given = [m for m in ev.marks if m.bidder == current.bidder]
        if quality and len(given) < record.terms.quorum:
            raise FailedPrecondition(
                "EVALUATION_INCOMPLETE",
                f"the bid of {current.bidder!r} has marks from {len(given)} members; the "
                f"quorum is {record.terms.quorum}",
                metadata={"bidder": current.bidder},
            )
        inputs.append(
            scoring.BidInput(
                bid_id=current.bidder,
                entry_index=current.entry_index,
                figures=current.figures,
                marks=tuple((name, tuple(dict(m.marks)[name] for m in given)) for name in quality),
            )
        )
    return inputs


def _fraction(value: Fraction) -> str:
    return f"{value.numerator}/{value.denominator}"


def close_evaluation(ctx: ActionContext, action: CloseEvaluation) -> None:
    record = tender(ctx.state, action.ocid)
    lot = lot_terms(record, action.lot)
    _opened(record)
    _declared_member(ctx, record)
    ev = _open_evaluation(ctx.state, action.ocid, action.lot)
    inputs = _bid_inputs(ctx.state, record, lot, ev)
    scored = scoring.score_lot(
        lot_rules(lot), inputs, estimated_value=lot.estimated_value, draw_seed=ctx.tx_hash
    )
    ranking = tuple(
        Ranked(
            bidder=s.bid_id,
            rank=s.rank,
            total=_fraction(s.total),
            points=tuple((name, _fraction(p)) for name, p in s.points),
            passed=s.passed,
            failed_criteria=s.failed_criteria,
        )
        for s in scored
    )
    ctx.state.put(
        evaluation_key(action.ocid, action.lot),
        replace(ev, closed_entry=ctx.entry_index, draw_seed=ctx.tx_hash, ranking=ranking).encode(),
    )


# ----- award, complaints, contract -------------------------------------------------------------


def bid_price(current: BidRecord, lot: LotTerms) -> int:
    prices = {c.id for c in lot.criteria if c.kind == PRICE}
    return sum(v for name, v in current.figures if name in prices)


def award_contract(ctx: ActionContext, action: AwardContract) -> None:
    record = _own_tender(ctx.state, action.ocid, action.buyer)
    lot = lot_terms(record, action.lot)
    ev = evaluation(ctx.state, action.ocid, action.lot)
    if not ev.closed_entry:
        raise FailedPrecondition(
            "EVALUATION_INCOMPLETE", f"the evaluation of lot {action.lot!r} is not closed"
        )
    if ev.award() is not None:
        raise AlreadyExists("ALREADY_AWARDED", f"lot {action.lot!r} is already awarded")
    if action.criteria_hash != record.criteria_hash:
        raise InvalidArgument(
            "CRITERIA_MISMATCH",
            f"the award names criteria hash {action.criteria_hash.hex()}; the terms in force "
            f"hash to {record.criteria_hash.hex()}",
            field="criteria_hash",
        )
    current = bid(ctx.state, action.ocid, action.lot, action.bidder)
    ranked = {r.bidder: r for r in ev.ranking}
    entry = ranked.get(action.bidder)
    if current is None or ev.is_disqualified(action.bidder) or entry is None or not entry.passed:
        why = (
            "has no bid"
            if current is None
            else "is disqualified"
            if ev.is_disqualified(action.bidder)
            else f"is {current.status}"
            if entry is None
            else "is below a pass mark"
        )
        raise FailedPrecondition(
            "INVALID_AWARD", f"the bid of {action.bidder!r} on lot {action.lot!r} {why}"
        )
    top = min(
        (r for r in ev.ranking if r.passed and not ev.is_disqualified(r.bidder)),
        key=lambda r: r.rank,
    )
    if top.bidder != action.bidder:
        raise FailedPrecondition(
            "AWARD_NOT_TOP_RANKED",
            f"the bid of {action.bidder!r} ranks {entry.rank}; the top valid bid is {top.bidder!r}",
            metadata={"rank": str(entry.rank), "top": top.bidder},
        )
    price = bid_price(current, lot)
    if (action.value, action.currency) != (price, record.terms.currency):
        raise InvalidArgument(
            "AWARD_VALUE_MISMATCH",
            f"the award's value is the bid's price: {price} {record.terms.currency}",
            field="value",
        )
    days = settings(ctx.state, record.buyer).standstill_days
    award = AwardRecord(
        bidder=action.bidder,
        value=price,
        criteria_hash=record.criteria_hash,
        entry_index=ctx.entry_index,
        time_us=ctx.block_time_us,
        standstill_end_us=ctx.block_time_us + days * DAY_US,
    )
    ctx.state.put(
        evaluation_key(action.ocid, action.lot), replace(ev, awards=(*ev.awards, award)).encode()
    )


def file_complaint(ctx: ActionContext, action: FileComplaint) -> None:
    record = tender(ctx.state, action.ocid)
    lot_terms(record, action.lot)
    ev = evaluation(ctx.state, action.ocid, action.lot)
    award = ev.award()
    if award is None:
        raise FailedPrecondition("NO_AWARD", f"lot {action.lot!r} has no award to complain of")
    tendered = bid(ctx.state, action.ocid, action.lot, action.complainant)
    if tendered is None or tendered.status == WITHDRAWN:
        raise PermissionDenied(
            "NOT_A_TENDERER", f"{action.complainant!r} did not tender for lot {action.lot!r}"
        )
    if ctx.block_time_us >= award.standstill_end_us:
        raise FailedPrecondition(
            "COMPLAINT_WINDOW_CLOSED", "the standstill period in which to complain has ended"
        )
    if len(action.grounds_sha256) != DIGEST_SIZE:
        raise InvalidArgument("BAD_DIGEST", "grounds_sha256 is 32 bytes", field="grounds_sha256")
    complaint = ComplaintRecord(
        number=len(ev.complaints) + 1,
        complainant=action.complainant,
        grounds_sha256=action.grounds_sha256,
        entry_index=ctx.entry_index,
    )
    ctx.state.put(
        evaluation_key(action.ocid, action.lot),
        replace(ev, complaints=(*ev.complaints, complaint)).encode(),
    )


def resolve_complaint(ctx: ActionContext, action: ResolveComplaint) -> None:
    tender(ctx.state, action.ocid)
    ev = evaluation(ctx.state, action.ocid, action.lot)
    if not 1 <= action.complaint <= len(ev.complaints):
        raise NotFound(
            "COMPLAINT_NOT_FOUND", f"lot {action.lot!r} has no complaint {action.complaint}"
        )
    complaint = ev.complaints[action.complaint - 1]
    if complaint.outcome:
        raise FailedPrecondition("COMPLAINT_RESOLVED", "the complaint is already resolved")
    if action.outcome not in (DISMISSED, UPHELD):
        raise InvalidArgument("BAD_ENUM", "outcome is dismissed or upheld", field="outcome")
    complaints = list(ev.complaints)
    complaints[action.complaint - 1] = replace(
        complaint, outcome=action.outcome, decision_sha256=action.decision_sha256
    )
    changed = replace(ev, complaints=tuple(complaints))
    award = ev.award()
    if action.outcome == UPHELD and award is not None and ev.contract() is None:
        changed = replace(
            changed,
            awards=(*ev.awards[:-1], replace(award, status=ANNULLED)),
            disqualified=(
                *ev.disqualified,
                Disqualification(
                    award.bidder,
                    "non_compliant",
                    f"award annulled: complaint {action.complaint} upheld by the review body",
                    ctx.entry_index,
                ),
            ),
        )
    ctx.state.put(evaluation_key(action.ocid, action.lot), changed.encode())


def sign_contract(ctx: ActionContext, action: SignContract) -> None:
    record = _own_tender(ctx.state, action.ocid, action.buyer)
    lot_terms(record, action.lot)
    ev = evaluation(ctx.state, action.ocid, action.lot)
    award = ev.award()
    if award is None:
        raise FailedPrecondition("NO_AWARD", f"lot {action.lot!r} has no award in force")
    if ev.contract() is not None:
        raise AlreadyExists("ALREADY_SIGNED", f"the contract for lot {action.lot!r} is signed")
    if ctx.block_time_us < award.standstill_end_us:
        raise FailedPrecondition(
            "STANDSTILL_ACTIVE",
            "the standstill period after the award notice has not ended",
            metadata={"standstill_ends_us": str(award.standstill_end_us)},
        )
    pending = [c.number for c in ev.complaints if not c.outcome]
    if pending:
        raise FailedPrecondition(
            "COMPLAINT_PENDING",
            f"complaints {pending} await the review body's ruling",
            metadata={"complaints": ",".join(str(n) for n in pending)},
        )
    if action.currency != record.terms.currency or action.value <= 0:
        raise InvalidArgument(
            "BAD_AMOUNT",
            f"the contract's value is a positive amount in {record.terms.currency}",
            field="value",
        )
    if action.value > award.value:
        raise FailedPrecondition(
            "CONTRACT_EXCEEDS_AWARD",
            f"the contract's value {action.value} exceeds the award's {award.value}",
            violations=(("AWARD_VALUE", f"lots/{action.lot}", f"at most {award.value}"),),
        )
    if action.document_sha256 and len(action.document_sha256) != DIGEST_SIZE:
        raise InvalidArgument("BAD_DIGEST", "document_sha256 is 32 bytes", field="document_sha256")
    contract = ContractRecord(
        value=action.value,
        document_sha256=action.document_sha256,
        entry_index=ctx.entry_index,
        time_us=ctx.block_time_us,
    )
    ctx.state.put(
        evaluation_key(action.ocid, action.lot), replace(ev, contracts=(contract,)).encode()
    )


def _new_procurement(limit: int, amount: int, rule: str) -> FailedPrecondition:
    return FailedPrecondition(
        "NEW_PROCUREMENT_REQUIRED",
        f"{rule}: the limit is {limit}, the modification amounts to {amount}; a change this "
        "large needs a new procurement procedure",
        metadata={"limit": str(limit), "amount": str(amount)},
        violations=(("ART_72", rule, f"limit {limit}, amount {amount}"),),
    )


def modify_contract(ctx: ActionContext, action: ModifyContract) -> None:
    record = _own_tender(ctx.state, action.ocid, action.buyer)
    lot_terms(record, action.lot)
    ev = evaluation(ctx.state, action.ocid, action.lot)
    contract = ev.contract()
    if contract is None:
        raise FailedPrecondition("NO_CONTRACT", f"lot {action.lot!r} has no signed contract")
    if action.basis not in MODIFICATION_BASES:
        raise InvalidArgument(
            "BAD_ENUM", f"basis must be one of {list(MODIFICATION_BASES)}", field="basis"
        )
    if action.amount == 0 or action.currency != record.terms.currency:
        raise InvalidArgument(
            "BAD_AMOUNT",
            f"the modification is a non-zero amount in {record.terms.currency}",
            field="amount",
        )
    if not action.rationale.strip():
        raise InvalidArgument(
            "RATIONALE_REQUIRED", "a modification states its rationale", field="rationale"
        )
    check_text(action.rationale, "rationale")
    initial = contract.value
    same_basis = [m for m in contract.modifications if m.basis == action.basis]
    if action.basis == REVIEW_CLAUSE:
        clause = next(
            (
                d
                for d in record.terms.documents
                if d.sha256 == action.review_clause_sha256 and d.review_clause_limit
            ),
            None,
        )
        if clause is None:
            raise InvalidArgument(
                "NO_REVIEW_CLAUSE",
                "review_clause_sha256 names no frozen document with a review clause",
                field="review_clause_sha256",
            )
        total = sum(m.amount for m in same_basis) + action.amount
        if abs(total) > clause.review_clause_limit:
            raise _new_procurement(
                clause.review_clause_limit, abs(total), "Art. 72(1)(a) review clause"
            )
    elif action.basis in (ADDITIONAL, UNFORESEEN):
        limit = initial // 2
        if abs(action.amount) > limit:
            rule = (
                "Art. 72(1)(b) additional"
                if action.basis == ADDITIONAL
                else ("Art. 72(1)(c) unforeseen")
            )
            raise _new_procurement(limit, abs(action.amount), rule + ": 50% of the initial value")
    else:
        works = record.terms.category == "works"
        config = thresholds(ctx.state)
        threshold = config.works if works else config.supplies_and_services
        net = abs(sum(m.amount for m in same_basis) + action.amount)
        if net >= threshold:
            raise _new_procurement(threshold, net, "Art. 72(2) de minimis: the Art. 4 threshold")
        # Below 15% (works) or 10% of the initial value, exactly: net * 100 < pct * initial.
        percent = 15 if works else 10
        if net * 100 >= percent * initial:
            raise _new_procurement(
                -(-percent * initial // 100),
                net,
                f"Art. 72(2) de minimis: {percent}% of the initial value",
            )
    modification = ModificationRecord(
        action.basis, action.amount, action.rationale, ctx.entry_index, ctx.block_time_us
    )
    ctx.state.put(
        evaluation_key(action.ocid, action.lot),
        replace(
            ev,
            contracts=(replace(contract, modifications=(*contract.modifications, modification)),),
        ).encode(),
    )


def record_refusal(ctx: ActionContext, action: object, error: DomainError) -> None:
    """What a refused award or modification leaves behind: a red flag on the tender."""
    flag = {
        "AWARD_NOT_TOP_RANKED": FLAG_REFUSED_AWARD,
        "INVALID_AWARD": FLAG_REFUSED_AWARD,
        "NEW_PROCUREMENT_REQUIRED": FLAG_REFUSED_MODIFICATION,
    }.get(error.reason)
    ocid = getattr(action, "ocid", "")
    if flag is None or not ocid:
        return
    raw = ctx.state.get(tender_key(ocid))
    if raw is None:
        return
    record = TenderRecord.decode(raw)
    if flag not in record.red_flags:
        flags = tuple(sorted((*record.red_flags, flag)))
        ctx.state.put(tender_key(ocid), replace(record, red_flags=flags).encode())
