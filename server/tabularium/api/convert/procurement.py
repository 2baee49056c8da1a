"""Decoding tabularium.procurement.v1 actions into domain values, and records into messages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tabularium.api.convert.identity import parse, type_url
from tabularium.chain.tx import timestamp_us, us_from_timestamp
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
        documents=tuple(m.SpecDocument(d.name, bytes(d.sha256)) for d in msg.documents),
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


def sealed_from_pb(msg: pb.SealedBid) -> m.Sealed:
    return m.Sealed(
        alpha=bytes(msg.alpha),
        wrapped_key=bytes(msg.wrapped_key),
        mac=bytes(msg.mac),
        proof_c=bytes(msg.proof.c),
        proof_v=bytes(msg.proof.v),
        structured=bytes(msg.structured),
        documents_sha256=bytes(msg.documents_sha256),
        documents_size=msg.documents_size,
    )


def sealed_to_pb(value: m.Sealed) -> pb.SealedBid:
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


def decode_open(value: bytes) -> m.OpenBids:
    msg = parse(pb.OpenBids, value)
    return m.OpenBids(
        ocid=msg.ocid,
        shares=tuple(
            m.DecryptionShare(s.lot, s.bidder, bytes(s.share), bytes(s.proof.c), bytes(s.proof.v))
            for s in msg.shares
        ),
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
)


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
        documents=[pb.SpecDocument(name=d.name, sha256=d.sha256) for d in terms.documents],
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
    )
