"""Decoding tabularium.procurement.v1 actions into domain values, and records into messages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tabularium.api.convert.identity import parse, type_url
from tabularium.chain.tx import timestamp_us, us_from_timestamp
from tabularium.crypto.sealedbid import SealedBid
from tabularium.domains.procurement import model as m
from tabularium.errors import InvalidArgument
from tabularium.procurement.v1 import procurement_pb2 as pb

_PROCEDURE = {pb.PROCEDURE_OPEN: m.OPEN}
_CATEGORY = {
    pb.CATEGORY_GOODS: "goods",
    pb.CATEGORY_SERVICES: "services",
    pb.CATEGORY_WORKS: "works",
}
_KIND = {
    pb.CRITERION_KIND_PRICE: m.PRICE,
    pb.CRITERION_KIND_COST: m.COST,
    pb.CRITERION_KIND_QUALITY: m.QUALITY,
}
_TIE_BREAK = {
    pb.TIE_BREAK_LOWEST_PRICE: "lowest_price",
    pb.TIE_BREAK_HIGHEST_QUALITY: "highest_quality",
    pb.TIE_BREAK_EARLIEST_BID: "earliest_bid",
    pb.TIE_BREAK_DRAW: "draw",
}
CEREMONY_STATUS = {
    m.RUNNING: pb.CEREMONY_STATUS_RUNNING,
    m.READY: pb.CEREMONY_STATUS_READY,
    m.FAILED: pb.CEREMONY_STATUS_FAILED,
}
BID_STATUS = {
    m.SEALED: pb.BID_STATUS_SEALED,
    m.WITHDRAWN: pb.BID_STATUS_WITHDRAWN,
    m.OPENED: pb.BID_STATUS_OPENED,
    m.UNREADABLE: pb.BID_STATUS_UNREADABLE,
}


def _enum(mapping: Mapping[Any, str], value: int, field: str) -> str:
    if value not in mapping:
        raise InvalidArgument(
            "BAD_ENUM", f"{field} must be set to one of {sorted(mapping.values())}", field=field
        )
    return mapping[value]


def _currency(value: pb.Amount, field: str) -> str:
    if len(value.currency) != 3 or not value.currency.isascii() or not value.currency.isupper():
        raise InvalidArgument(
            "BAD_CURRENCY",
            f"{field}.currency must be an ISO 4217 code such as EUR",
            field=f"{field}.currency",
        )
    return value.currency


def _amount_in(value: pb.Amount, currency: str, field: str) -> int:
    if value.currency != currency:
        raise InvalidArgument(
            "CURRENCY_MISMATCH",
            f"{field} is in {value.currency or 'no currency'}; the tender is in {currency}",
            field=f"{field}.currency",
        )
    if value.minor_units < 0:
        raise InvalidArgument("BAD_AMOUNT", f"{field} is negative", field=field)
    return int(value.minor_units)


def _terms(msg: pb.TenderTerms) -> m.Terms:
    if not msg.HasField("submission_deadline"):
        raise InvalidArgument(
            "BAD_DEADLINE", "terms.submission_deadline is required", field="terms"
        )
    return m.Terms(
        procedure=_enum(_PROCEDURE, msg.procedure, "terms.procedure"),
        category=_enum(_CATEGORY, msg.category, "terms.category"),
        estimated_value=int(msg.estimated_value.minor_units),
        currency=_currency(msg.estimated_value, "terms.estimated_value"),
        deadline_us=us_from_timestamp(msg.submission_deadline),
        electronic=msg.electronic_submission,
        urgency_justification=msg.urgency_justification,
        lots=tuple(
            m.LotTerms(
                id=m.check_lot_id(lot.id, f"terms.lots[{i}].id"),
                title=m.check_text(lot.title, f"terms.lots[{i}].title", m.NAME_MAX_BYTES),
                estimated_value=int(lot.estimated_value.minor_units),
                currency=_currency(lot.estimated_value, f"terms.lots[{i}].estimated_value"),
                criteria=tuple(
                    m.Criterion(
                        id=c.id,
                        kind=_enum(_KIND, c.kind, f"terms.lots[{i}].criteria[{j}].kind"),
                        weight=c.weight,
                        formula=c.formula,
                        max_mark=c.max_mark,
                        pass_mark=c.pass_mark,
                        description=m.check_text(
                            c.description, f"terms.lots[{i}].criteria[{j}].description"
                        ),
                    )
                    for j, c in enumerate(lot.criteria)
                ),
                tie_break=_enum(_TIE_BREAK, lot.tie_break, f"terms.lots[{i}].tie_break"),
            )
            for i, lot in enumerate(msg.lots)
        ),
        documents=tuple(
            m.SpecDocument(
                d.name,
                bytes(d.sha256),
                _amount_in(
                    d.review_clause_limit, msg.estimated_value.currency, "review_clause_limit"
                )
                if d.HasField("review_clause_limit")
                else 0,
            )
            for d in msg.documents
        ),
        members=tuple(msg.committee.members),
        quorum=msg.committee.quorum,
    )


def decode_configure(value: bytes) -> m.ConfigureAuthority:
    msg = parse(pb.ConfigureAuthority, value)
    return m.ConfigureAuthority(
        buyer=msg.buyer,
        minimum_period_days=msg.minimum_period_days,
        electronic_period_days=msg.electronic_period_days,
        urgent_period_days=msg.urgent_period_days,
        standstill_days=msg.standstill_days,
    )


def decode_publish(value: bytes) -> m.PublishTender:
    msg = parse(pb.PublishTender, value)
    return m.PublishTender(
        buyer=msg.buyer,
        ocid=msg.ocid,
        title=msg.details.title,
        description=msg.details.description,
        terms=_terms(msg.terms),
    )


def decode_amend(value: bytes) -> m.AmendTender:
    msg = parse(pb.AmendTender, value)
    return m.AmendTender(
        ocid=msg.ocid, buyer=msg.buyer, terms=_terms(msg.terms), rationale=msg.rationale
    )


def decode_update(value: bytes) -> m.UpdateTender:
    msg = parse(pb.UpdateTender, value)
    return m.UpdateTender(
        ocid=msg.ocid,
        buyer=msg.buyer,
        title=msg.details.title,
        description=msg.details.description,
        paths=tuple(msg.update_mask.paths),
    )


def decode_register_key(value: bytes) -> m.RegisterCommitteeKey:
    msg = parse(pb.RegisterCommitteeKey, value)
    return m.RegisterCommitteeKey(
        msg.ocid, bytes(msg.public_key), bytes(msg.proof.c), bytes(msg.proof.v)
    )


def decode_deal(value: bytes) -> m.DealCommitteeShares:
    msg = parse(pb.DealCommitteeShares, value)
    return m.DealCommitteeShares(
        ocid=msg.ocid,
        commitments=tuple(bytes(c) for c in msg.commitments),
        proofs=tuple((bytes(p.c), bytes(p.v)) for p in msg.proofs),
        shares=tuple(
            m.SealedShare(s.recipient, bytes(s.alpha), bytes(s.ciphertext), bytes(s.mac))
            for s in msg.shares
        ),
    )


def decode_confirm(value: bytes) -> m.ConfirmCommitteeKey:
    msg = parse(pb.ConfirmCommitteeKey, value)
    return m.ConfirmCommitteeKey(msg.ocid, bytes(msg.joint_key))


def decode_complain(value: bytes) -> m.ComplainShare:
    msg = parse(pb.ComplainShare, value)
    return m.ComplainShare(
        msg.ocid, msg.dealer, bytes(msg.shared), bytes(msg.proof.c), bytes(msg.proof.v)
    )


def sealed_from_pb(msg: pb.SealedBid) -> SealedBid:
    return SealedBid(
        alpha=bytes(msg.alpha),
        wrapped_key=bytes(msg.wrapped_key),
        mac=bytes(msg.mac),
        proof_c=bytes(msg.proof.c),
        proof_v=bytes(msg.proof.v),
        structured=bytes(msg.structured),
        documents_sha256=bytes(msg.documents_sha256),
        documents_size=msg.documents_size,
    )


def sealed_to_pb(value: SealedBid) -> pb.SealedBid:
    return pb.SealedBid(
        alpha=value.alpha,
        wrapped_key=value.wrapped_key,
        mac=value.mac,
        proof=pb.Proof(c=value.proof_c, v=value.proof_v),
        structured=value.structured,
        documents_sha256=value.documents_sha256,
        documents_size=value.documents_size,
    )


def decode_submit_bid(value: bytes) -> m.SubmitBid:
    msg = parse(pb.SubmitBid, value)
    return m.SubmitBid(msg.ocid, msg.lot, msg.bidder, sealed_from_pb(msg.bid))


def decode_withdraw(value: bytes) -> m.WithdrawBid:
    msg = parse(pb.WithdrawBid, value)
    return m.WithdrawBid(msg.ocid, msg.lot, msg.bidder)


def decode_access_documents(value: bytes) -> m.AccessBidDocuments:
    msg = parse(pb.AccessBidDocuments, value)
    return m.AccessBidDocuments(msg.ocid, msg.lot, msg.bidder)


def decode_open(value: bytes) -> m.OpenBids:
    msg = parse(pb.OpenBids, value)
    return m.OpenBids(
        ocid=msg.ocid,
        shares=tuple(
            m.DecryptionShare(s.lot, s.bidder, bytes(s.share), bytes(s.proof.c), bytes(s.proof.v))
            for s in msg.shares
        ),
    )


_GROUND = {
    pb.EXCLUSION_GROUND_ART57_EXCLUSION: "art57_exclusion",
    pb.EXCLUSION_GROUND_ART69_ABNORMALLY_LOW: "art69_abnormally_low",
    pb.EXCLUSION_GROUND_NON_COMPLIANT: "non_compliant",
}
_OUTCOME = {
    pb.COMPLAINT_OUTCOME_DISMISSED: m.DISMISSED,
    pb.COMPLAINT_OUTCOME_UPHELD: m.UPHELD,
}
_BASIS = {
    pb.MODIFICATION_BASIS_REVIEW_CLAUSE: m.REVIEW_CLAUSE,
    pb.MODIFICATION_BASIS_ADDITIONAL: m.ADDITIONAL,
    pb.MODIFICATION_BASIS_UNFORESEEN: m.UNFORESEEN,
    pb.MODIFICATION_BASIS_DE_MINIMIS: m.DE_MINIMIS,
}


def decode_thresholds(value: bytes) -> m.SetThresholds:
    msg = parse(pb.SetThresholds, value)
    currency = _currency(msg.works, "works")
    return m.SetThresholds(
        works=int(msg.works.minor_units),
        supplies_and_services=_amount_in(
            msg.supplies_and_services, currency, "supplies_and_services"
        ),
        currency=currency,
    )


def decode_declare(value: bytes) -> m.DeclareNoConflict:
    msg = parse(pb.DeclareNoConflict, value)
    return m.DeclareNoConflict(msg.ocid, bytes(msg.declaration_sha256))


def decode_mark(value: bytes) -> m.MarkBid:
    msg = parse(pb.MarkBid, value)
    return m.MarkBid(msg.ocid, msg.lot, msg.bidder, tuple((k.criterion, k.mark) for k in msg.marks))


def decode_disqualify(value: bytes) -> m.DisqualifyBid:
    msg = parse(pb.DisqualifyBid, value)
    return m.DisqualifyBid(
        msg.ocid, msg.lot, msg.bidder, _enum(_GROUND, msg.ground, "ground"), msg.reason
    )


def decode_close(value: bytes) -> m.CloseEvaluation:
    msg = parse(pb.CloseEvaluation, value)
    return m.CloseEvaluation(msg.ocid, msg.lot)


def decode_award(value: bytes) -> m.AwardContract:
    msg = parse(pb.AwardContract, value)
    return m.AwardContract(
        msg.ocid,
        msg.buyer,
        msg.lot,
        msg.bidder,
        int(msg.value.minor_units),
        msg.value.currency,
        bytes(msg.criteria_hash),
    )


def decode_complaint(value: bytes) -> m.FileComplaint:
    msg = parse(pb.FileComplaint, value)
    return m.FileComplaint(msg.ocid, msg.lot, msg.complainant, bytes(msg.grounds_sha256))


def decode_resolve(value: bytes) -> m.ResolveComplaint:
    msg = parse(pb.ResolveComplaint, value)
    return m.ResolveComplaint(
        msg.ocid,
        msg.lot,
        msg.complaint,
        _enum(_OUTCOME, msg.outcome, "outcome"),
        bytes(msg.decision_sha256),
    )


def decode_sign(value: bytes) -> m.SignContract:
    msg = parse(pb.SignContract, value)
    return m.SignContract(
        msg.ocid,
        msg.buyer,
        msg.lot,
        int(msg.value.minor_units),
        msg.value.currency,
        bytes(msg.document_sha256),
    )


def decode_modify(value: bytes) -> m.ModifyContract:
    msg = parse(pb.ModifyContract, value)
    return m.ModifyContract(
        msg.ocid,
        msg.buyer,
        msg.lot,
        _enum(_BASIS, msg.basis, "basis"),
        int(msg.amount.minor_units),
        msg.amount.currency,
        msg.rationale,
        bytes(msg.review_clause_sha256),
    )


# (type URL, decoder, handler name in domains.procurement.rules, default policy roles, the
# action's field naming the organisation it acts for; "" for none: the rules check the signer).
ACTIONS: tuple[tuple[str, Callable[[bytes], Any], str, tuple[str, ...], str], ...] = (
    (type_url(pb.ConfigureAuthority), decode_configure, "configure_authority", ("admin",), "buyer"),
    (
        type_url(pb.PublishTender),
        decode_publish,
        "publish_tender",
        ("admin", "procurement"),
        "buyer",
    ),
    (type_url(pb.AmendTender), decode_amend, "amend_tender", ("admin", "procurement"), "buyer"),
    (type_url(pb.UpdateTender), decode_update, "update_tender", ("admin", "procurement"), "buyer"),
    (type_url(pb.RegisterCommitteeKey), decode_register_key, "register_committee_key", ("*",), ""),
    (type_url(pb.DealCommitteeShares), decode_deal, "deal_committee_shares", ("*",), ""),
    (type_url(pb.ConfirmCommitteeKey), decode_confirm, "confirm_committee_key", ("*",), ""),
    (type_url(pb.ComplainShare), decode_complain, "complain_share", ("*",), ""),
    (type_url(pb.SubmitBid), decode_submit_bid, "submit_bid", ("admin", "bidder"), "bidder"),
    (type_url(pb.WithdrawBid), decode_withdraw, "withdraw_bid", ("admin", "bidder"), "bidder"),
    (type_url(pb.OpenBids), decode_open, "open_bids", ("*",), ""),
    (
        type_url(pb.AccessBidDocuments),
        decode_access_documents,
        "access_bid_documents",
        ("*",),
        "",
    ),
    (type_url(pb.SetThresholds), decode_thresholds, "set_thresholds", ("admin",), ""),
    (type_url(pb.DeclareNoConflict), decode_declare, "declare_no_conflict", ("*",), ""),
    (type_url(pb.MarkBid), decode_mark, "mark_bid", ("*",), ""),
    (type_url(pb.DisqualifyBid), decode_disqualify, "disqualify_bid", ("*",), ""),
    (type_url(pb.CloseEvaluation), decode_close, "close_evaluation", ("*",), ""),
    (type_url(pb.AwardContract), decode_award, "award_contract", ("admin", "procurement"), "buyer"),
    (
        type_url(pb.FileComplaint),
        decode_complaint,
        "file_complaint",
        ("admin", "bidder"),
        "complainant",
    ),
    (type_url(pb.ResolveComplaint), decode_resolve, "resolve_complaint", ("review",), ""),
    (type_url(pb.SignContract), decode_sign, "sign_contract", ("admin", "procurement"), "buyer"),
    (
        type_url(pb.ModifyContract),
        decode_modify,
        "modify_contract",
        ("admin", "procurement"),
        "buyer",
    ),
)
SERVICE = "/tabularium.procurement.v1.ProcurementService/"
UPLOAD_BID_METHOD = SERVICE + "UploadBid"
GET_BID_DOCUMENTS_METHOD = SERVICE + "GetBidDocuments"
# Actions only one RPC may submit, and which of them: bids with documents, document downloads.
SUBMIT_VIA: dict[str, tuple[str, Callable[[Any], bool] | None]] = {
    type_url(pb.SubmitBid): (UPLOAD_BID_METHOD, lambda a: bool(a.sealed.documents_sha256)),
    type_url(pb.AccessBidDocuments): (GET_BID_DOCUMENTS_METHOD, None),
}
# Refusals of these leave a red flag on the tender.
FLAGGED_REFUSALS = (type_url(pb.AwardContract), type_url(pb.ModifyContract))


# ----- records -> messages ---------------------------------------------------------------------

_PROCEDURE_PB = {v: k for k, v in _PROCEDURE.items()}
_CATEGORY_PB = {v: k for k, v in _CATEGORY.items()}
_KIND_PB = {v: k for k, v in _KIND.items()}
_TIE_BREAK_PB = {v: k for k, v in _TIE_BREAK.items()}


def terms_to_pb(terms: m.Terms) -> pb.TenderTerms:
    return pb.TenderTerms(
        procedure=_PROCEDURE_PB[terms.procedure],
        category=_CATEGORY_PB[terms.category],
        estimated_value=pb.Amount(minor_units=terms.estimated_value, currency=terms.currency),
        submission_deadline=timestamp_us(terms.deadline_us),
        electronic_submission=terms.electronic,
        urgency_justification=terms.urgency_justification,
        lots=[
            pb.Lot(
                id=lot.id,
                title=lot.title,
                estimated_value=pb.Amount(minor_units=lot.estimated_value, currency=lot.currency),
                criteria=[
                    pb.Criterion(
                        id=c.id,
                        kind=_KIND_PB[c.kind],
                        weight=c.weight,
                        formula=c.formula,
                        max_mark=c.max_mark,
                        pass_mark=c.pass_mark,
                        description=c.description,
                    )
                    for c in lot.criteria
                ],
                tie_break=_TIE_BREAK_PB[lot.tie_break],
            )
            for lot in terms.lots
        ],
        documents=[
            pb.SpecDocument(
                name=d.name,
                sha256=d.sha256,
                review_clause_limit=pb.Amount(
                    minor_units=d.review_clause_limit, currency=terms.currency
                )
                if d.review_clause_limit
                else None,
            )
            for d in terms.documents
        ],
        committee=pb.Committee(members=list(terms.members), quorum=terms.quorum),
    )


def tender_to_pb(record: m.TenderRecord, ceremony: m.CommitteeRecord) -> pb.Tender:
    all_dealt = ceremony.all_dealt
    return pb.Tender(
        ocid=record.ocid,
        buyer=record.buyer,
        details=pb.TenderDetails(title=record.title, description=record.description),
        terms=terms_to_pb(record.terms),
        criteria_hash=record.criteria_hash,
        published_entry_index=record.published_entry,
        published_at=timestamp_us(record.published_time_us),
        amendment_entry_indexes=list(record.amendments),
        ceremony_status=CEREMONY_STATUS[ceremony.status],
        joint_key=ceremony.joint_key,
        members=[
            pb.CommitteeMember(
                did=did,
                index=i + 1,
                public_key=ceremony.keys[i],
                dealt=bool(ceremony.commitments[i]),
                confirmed=ceremony.confirmed[i],
                share_key=ceremony.share_keys[i] if all_dealt else b"",
                commitments=list(ceremony.commitments[i]),
            )
            for i, did in enumerate(record.terms.members)
        ],
        opened_entry_index=record.opened_entry,
        red_flags=list(record.red_flags),
        minimum_period_days=record.minimum_period_days,
        opening_members=sorted(ceremony.opening),
    )


def bid_to_pb(record: m.BidRecord, last_amendment: int) -> pb.Bid:
    return pb.Bid(
        lot=record.lot,
        bidder=record.bidder,
        status=BID_STATUS[record.status],
        entry_index=record.entry_index,
        submitted_at=timestamp_us(record.time_us),
        sealed=sealed_to_pb(record.sealed),
        before_amendment=record.entry_index < last_amendment,
        figures=[pb.Figure(criterion=c, minor_units=v) for c, v in record.figures],
        unreadable_reason=record.unreadable_reason,
        document_downloads=[
            pb.DocumentDownload(member=member, entry_index=entry)
            for member, entry in record.downloads
        ],
    )


_GROUND_PB = {v: k for k, v in _GROUND.items()}
_OUTCOME_PB = {v: k for k, v in _OUTCOME.items()}
_BASIS_PB = {v: k for k, v in _BASIS.items()}


def fraction_pb(text: str) -> pb.Fraction:
    numerator, _, denominator = text.partition("/")
    return pb.Fraction(numerator=int(numerator), denominator=int(denominator or 1))


def evaluation_to_pb(lot: str, record: m.TenderRecord, ev: m.EvaluationRecord) -> pb.Evaluation:
    currency = record.terms.currency

    def money(value: int) -> pb.Amount:
        return pb.Amount(minor_units=value, currency=currency)

    contract = ev.contract()
    return pb.Evaluation(
        lot=lot,
        declared_members=list(record.declared),
        marks=[
            pb.MemberMarks(
                member=x.member,
                bidder=x.bidder,
                marks=[pb.Mark(criterion=c, mark=v) for c, v in x.marks],
            )
            for x in ev.marks
        ],
        disqualifications=[
            pb.Disqualification(
                bidder=d.bidder,
                ground=_GROUND_PB[d.ground],
                reason=d.reason,
                entry_index=d.entry_index,
            )
            for d in ev.disqualified
        ],
        closed=bool(ev.closed_entry),
        closed_entry_index=ev.closed_entry,
        draw_seed=ev.draw_seed,
        ranking=[
            pb.RankedBid(
                bidder=r.bidder,
                rank=r.rank,
                total=fraction_pb(r.total),
                points=[
                    pb.CriterionPoints(criterion=c, points=fraction_pb(p)) for c, p in r.points
                ],
                passed=r.passed,
                failed_criteria=list(r.failed_criteria),
            )
            for r in ev.ranking
        ],
        awards=[
            pb.Award(
                bidder=a.bidder,
                value=money(a.value),
                criteria_hash=a.criteria_hash,
                entry_index=a.entry_index,
                awarded_at=timestamp_us(a.time_us),
                standstill_ends_at=timestamp_us(a.standstill_end_us),
                status=pb.AWARD_STATUS_ACTIVE if a.status == m.ACTIVE else pb.AWARD_STATUS_ANNULLED,
            )
            for a in ev.awards
        ],
        complaints=[
            pb.Complaint(
                number=c.number,
                complainant=c.complainant,
                grounds_sha256=c.grounds_sha256,
                entry_index=c.entry_index,
                outcome=_OUTCOME_PB.get(c.outcome, pb.COMPLAINT_OUTCOME_UNSPECIFIED),
                decision_sha256=c.decision_sha256,
            )
            for c in ev.complaints
        ],
        contract=None
        if contract is None
        else pb.Contract(
            value=money(contract.value),
            current_value=money(contract.current_value),
            document_sha256=contract.document_sha256,
            entry_index=contract.entry_index,
            signed_at=timestamp_us(contract.time_us),
            modifications=[
                pb.Modification(
                    basis=_BASIS_PB[x.basis],
                    amount=money(x.amount),
                    rationale=x.rationale,
                    entry_index=x.entry_index,
                )
                for x in contract.modifications
            ],
        ),
    )
