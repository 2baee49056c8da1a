"""OCDS 1.1 releases of procurement actions: every accepted action on a tender is a release,
built from the state right after it and kept in state, so every replica holds the same bytes.

A release's id is ``<ocid>-<entry index>``, its date the block time (RFC 3339, always with
six fractional digits, so dates sort as strings) and its tag one code of the closed
``releaseTag`` codelist. Releases carry only the sections the action changed; merging them
(``merge``) gives the compiled and the versioned release, following the OCDS merge rules:
objects merge field by field, arrays of objects with ``id`` merge item by item, every other
array is replaced whole, and a later value replaces an earlier one.

Extensions: bids (``bids.details``, ``bids.statistics``, ``awards.relatedBid``), lots
(``tender.lots``, ``relatedLots``), award criteria breakdown (``tender.lots.awardCriteria``),
and ours, ``tabularium``: the entry index, the action, the red flags, the committee's state
and each lot's ranking.
"""

from __future__ import annotations

import json
import struct
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from tabularium.chain.actions import ActionContext, StateView
from tabularium.domains.procurement import model as m
from tabularium.domains.procurement import rules as r
from tabularium.domains.records import canonical
from tabularium.domains.tax.money import EXPONENTS
from tabularium.errors import DomainError

_U64 = struct.Struct(">Q")
_SUBMISSION = {True: ["electronicSubmission"], False: ["written"]}


def release_key(ocid: str, entry_index: int) -> bytes:
    return b"release/" + ocid.encode() + b"\x00" + _U64.pack(entry_index)


def releases_prefix(ocid: str) -> bytes:
    return b"release/" + ocid.encode() + b"\x00"


def date(time_us: int) -> str:
    seconds, micros = divmod(time_us, 1_000_000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{micros:06d}Z"


def value(minor: int, currency: str) -> dict[str, Any]:
    """An OCDS Value: ``amount`` in major units (a JSON number), exact for int64 minor units."""
    amount = Decimal(minor).scaleb(-EXPONENTS.get(currency, 2))
    number: int | float = int(amount) if amount == amount.to_integral() else float(amount)
    return {"amount": number, "currency": currency}


def bid_id(lot: str, bidder: str) -> str:
    return f"{lot}/{bidder}"


def award_id(lot: str, number: int) -> str:
    return f"{lot}/award/{number}"


def contract_id(lot: str) -> str:
    return f"{lot}/contract"


# ----- sections ----------------------------------------------------------------------------------


def _tender(record: m.TenderRecord) -> dict[str, Any]:
    terms = record.terms
    out: dict[str, Any] = {
        "id": record.ocid,
        "title": record.title,
        "status": "active",
        "procurementMethod": "open",
        "mainProcurementCategory": terms.category,
        "value": value(terms.estimated_value, terms.currency),
        "tenderPeriod": {
            "startDate": date(record.published_time_us),
            "endDate": date(terms.deadline_us),
        },
        "submissionMethod": _SUBMISSION[terms.electronic],
        "awardCriteria": "ratedCriteria",
        "lots": [
            {
                "id": lot.id,
                "title": lot.title,
                "status": "active",
                "value": value(lot.estimated_value, lot.currency),
                "awardCriteria": {
                    "orderRationale": f"tie-break: {lot.tie_break}",
                    "criteria": [
                        {
                            "type": c.kind,
                            "name": c.id,
                            "description": f"{c.formula}"
                            + (f"; {c.description}" if c.description else ""),
                            "numbers": [{"number": c.weight, "weight": "percentageExact"}],
                        }
                        for c in lot.criteria
                    ],
                },
            }
            for lot in terms.lots
        ],
    }
    if record.description:
        out["description"] = record.description
    if terms.documents:
        out["documents"] = [
            {"id": d.sha256.hex(), "title": d.name, "documentType": "biddingDocuments"}
            for d in terms.documents
        ]
    if terms.urgency_justification:
        out["procurementMethodRationale"] = terms.urgency_justification
    return out


def _bid(record: m.BidRecord, lot: m.LotTerms, ev: m.EvaluationRecord) -> dict[str, Any]:
    status = {
        m.SEALED: "pending",
        m.WITHDRAWN: "withdrawn",
        m.OPENED: "valid",
        m.UNREADABLE: "disqualified",
    }[record.status]
    if ev.is_disqualified(record.bidder):
        status = "disqualified"
    out: dict[str, Any] = {
        "id": bid_id(record.lot, record.bidder),
        "date": date(record.time_us),
        "status": status,
        "tenderers": [{"id": record.bidder}],
        "relatedLots": [record.lot],
    }
    if record.status == m.OPENED:
        out["value"] = value(r.bid_price(record, lot), lot.currency)
    if record.sealed.documents_sha256:
        out["documents"] = [
            {
                "id": record.sealed.documents_sha256.hex(),
                "documentType": "submissionDocuments",
                "description": (
                    f"The bid's documents, sealed to the committee ({record.sealed.documents_size}"
                    " bytes of ChaCha20-Poly1305 ciphertext, named by its SHA-256); kept off the "
                    "log and released to committee members only, each download logged"
                ),
                "format": "application/octet-stream",
                "datePublished": date(record.time_us),
            }
        ]
    return out


def _extension(
    ctx: ActionContext, record: m.TenderRecord, action: str, extra: dict[str, Any]
) -> dict[str, Any]:
    ceremony = r.committee(ctx.state, record.ocid)
    return {
        "entryIndex": ctx.entry_index,
        "action": action,
        "criteriaHash": record.criteria_hash.hex(),
        "redFlags": list(record.red_flags),
        "committee": {
            "status": ceremony.status,
            "quorum": record.terms.quorum,
            "members": list(record.terms.members),
            "jointKey": ceremony.joint_key.hex(),
        },
        **extra,
    }


def _lot_sections(
    state: StateView, record: m.TenderRecord, lot_id: str
) -> tuple[m.LotTerms, m.EvaluationRecord]:
    lot = record.terms.lot(lot_id)
    assert lot is not None
    return lot, r.evaluation(state, record.ocid, lot_id)


def _build(ctx: ActionContext, action: Any) -> dict[str, Any] | None:
    ocid = getattr(action, "ocid", "")
    if not ocid:
        return None
    record = r.tender(ctx.state, ocid)
    name = type(action).__name__
    out: dict[str, Any] = {
        "ocid": ocid,
        "id": f"{ocid}-{ctx.entry_index}",
        "date": date(ctx.block_time_us),
        "initiationType": "tender",
    }
    extra: dict[str, Any] = {}
    if isinstance(action, (m.PublishTender, m.AmendTender, m.UpdateTender)):
        tag = {"PublishTender": "tender", "AmendTender": "tenderAmendment"}.get(
            name, "tenderUpdate"
        )
        out["buyer"] = {"id": record.buyer}
        out["parties"] = [{"id": record.buyer, "roles": ["buyer"]}]
        out["tender"] = _tender(record)
        if isinstance(action, m.AmendTender):
            out["tender"]["amendments"] = [
                {"id": str(e), "date": date(ctx.block_time_us), "rationale": action.rationale}
                for e in record.amendments[-1:]
            ]
    elif isinstance(action, (m.SubmitBid, m.WithdrawBid)):
        tag = "tenderUpdate"
        found = r.bid(ctx.state, ocid, action.lot, action.bidder)
        assert found is not None
        lot, ev = _lot_sections(ctx.state, record, action.lot)
        out["bids"] = {"details": [_bid(found, lot, ev)]}
        out["parties"] = [{"id": action.bidder, "roles": ["tenderer"]}]
    elif isinstance(action, (m.OpenBids, m.DisqualifyBid)):
        tag = "tenderUpdate"
        details = []
        statistics = []
        every_live = r.live_bids(ctx.state, ocid) if record.opened_entry else []
        for lot in record.terms.lots:
            if isinstance(action, m.DisqualifyBid) and lot.id != action.lot:
                continue
            ev = r.evaluation(ctx.state, ocid, lot.id)
            live = [b for b in every_live if b.lot == lot.id]
            if record.opened_entry:
                details += [_bid(b, lot, ev) for b in live]
                statistics.append(
                    {
                        "id": f"{lot.id}/bids",
                        "measure": "bids",
                        "value": len(live),
                        "relatedLot": lot.id,
                    }
                )
        if details:
            out["bids"] = {"details": details, "statistics": statistics}
    elif isinstance(action, m.CloseEvaluation):
        tag = "tenderUpdate"
        _, ev = _lot_sections(ctx.state, record, action.lot)
        extra["evaluation"] = {
            "lot": action.lot,
            "drawSeed": ev.draw_seed.hex(),
            "ranking": [
                {
                    "id": x.bidder,
                    "rank": x.rank,
                    "total": x.total,
                    "passed": x.passed,
                }
                for x in ev.ranking
            ],
        }
    elif isinstance(action, (m.AwardContract, m.FileComplaint, m.ResolveComplaint)):
        lot, ev = _lot_sections(ctx.state, record, action.lot)
        tag = "award" if isinstance(action, m.AwardContract) else "awardUpdate"
        out["awards"] = [
            {
                "id": award_id(action.lot, n),
                "date": date(a.time_us),
                "status": "active" if a.status == m.ACTIVE else "cancelled",
                "value": value(a.value, lot.currency),
                "suppliers": [{"id": a.bidder}],
                "relatedLots": [action.lot],
                "relatedBid": bid_id(action.lot, a.bidder),
            }
            for n, a in enumerate(ev.awards, start=1)
        ]
        extra["complaints"] = [
            {
                "id": f"{action.lot}/complaint/{c.number}",
                "lot": action.lot,
                "complainant": c.complainant,
                "outcome": c.outcome or "pending",
            }
            for c in ev.complaints
        ]
    elif isinstance(action, (m.SignContract, m.ModifyContract)):
        lot, ev = _lot_sections(ctx.state, record, action.lot)
        contract = ev.contract()
        assert contract is not None
        tag = "contract" if isinstance(action, m.SignContract) else "contractAmendment"
        section: dict[str, Any] = {
            "id": contract_id(action.lot),
            "awardID": award_id(action.lot, len(ev.awards)),
            "status": "active",
            "value": value(contract.current_value, lot.currency),
            "dateSigned": date(contract.time_us),
        }
        if contract.modifications:
            section["amendments"] = [
                {
                    "id": str(x.entry_index),
                    "date": date(x.time_us),
                    "rationale": x.rationale,
                    "description": f"Art. 72 {x.basis}: {x.amount:+d} minor units",
                }
                for x in contract.modifications
            ]
        out["contracts"] = [section]
    elif isinstance(action, m.AccessBidDocuments):
        tag = "tenderUpdate"
        found = r.bid(ctx.state, ocid, action.lot, action.bidder)
        assert found is not None
        member, entry = found.downloads[-1]
        extra["documentDownload"] = {
            "bid": bid_id(action.lot, action.bidder),
            "member": member,
            "entryIndex": entry,
        }
    else:
        tag = "tenderUpdate"
    out["tag"] = [tag]
    out["tabularium"] = _extension(ctx, record, name, extra)
    return out


def emit(ctx: ActionContext, action: Any) -> None:
    """Store the release of an accepted action on a tender."""
    release = _build(ctx, action)
    if release is not None:
        ctx.state.put(release_key(release["ocid"], ctx.entry_index), canonical(release))


def record_refusal(ctx: ActionContext, action: Any, error: DomainError) -> None:
    """A refused award or modification red-flags the tender; its release says so."""
    before = ctx.state.get(r.tender_key(getattr(action, "ocid", "")))
    r.record_refusal(ctx, action, error)
    if before is None or ctx.state.get(r.tender_key(action.ocid)) == before:
        return
    record = r.tender(ctx.state, action.ocid)
    release = {
        "ocid": action.ocid,
        "id": f"{action.ocid}-{ctx.entry_index}",
        "date": date(ctx.block_time_us),
        "initiationType": "tender",
        "tag": ["tenderUpdate"],
        "tabularium": _extension(ctx, record, type(action).__name__, {"refusal": error.reason}),
    }
    ctx.state.put(release_key(action.ocid, ctx.entry_index), canonical(release))


def released(handler: Callable[[ActionContext, Any], None]) -> Callable[[ActionContext, Any], None]:
    """The handler, then its release."""

    def run(ctx: ActionContext, action: Any) -> None:
        handler(ctx, action)
        emit(ctx, action)

    run.__name__ = handler.__name__
    run.__doc__ = handler.__doc__
    return run


# ----- merging -----------------------------------------------------------------------------------

_OMIT = ("id", "date", "tag")


def _flatten(value: Any, path: tuple[Any, ...], out: dict[tuple[Any, ...], Any]) -> None:
    if isinstance(value, list) and not value:
        return  # an empty array says nothing (as in the OCDS reference merge)
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(item, (*path, key), out)
    elif (
        isinstance(value, list) and value and all(isinstance(i, dict) and "id" in i for i in value)
    ):
        for item in value:
            identified = (*path, ("id", item["id"]))
            out.setdefault(identified, None)
            for key, sub in item.items():
                _flatten(sub, (*identified, key), out)
    else:
        out[path] = value


def _unflatten(flat: dict[tuple[Any, ...], Any]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for path, leaf in flat.items():
        node: Any = root
        for i, step in enumerate(path):
            last = i == len(path) - 1
            if isinstance(step, tuple):
                items = node
                found = next((x for x in items if x.get("id") == step[1]), None)
                if found is None:
                    found = {"id": step[1]}
                    items.append(found)
                node = found
                continue
            nxt = path[i + 1] if not last else None
            if last:
                if leaf is not None:
                    node[step] = leaf
            elif isinstance(nxt, tuple):
                node = node.setdefault(step, [])
            else:
                node = node.setdefault(step, {})
    return root


def merge(releases: Sequence[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(compiledRelease, versionedRelease) of a tender's releases, in date order."""
    ordered = sorted(releases, key=lambda x: x["date"])
    compiled: dict[tuple[Any, ...], Any] = {}
    versioned: dict[tuple[Any, ...], Any] = {}
    for release in ordered:
        flat: dict[tuple[Any, ...], Any] = {}
        _flatten({k: v for k, v in release.items() if k not in _OMIT}, (), flat)
        for path, leaf in flat.items():
            compiled[path] = leaf
            plain = path[-1] == "id" and len(path) > 1 and isinstance(path[-2], tuple)
            if leaf is None or plain or path == ("ocid",):
                versioned.setdefault(path, leaf)
                continue
            history = versioned.get(path)
            if not isinstance(history, list) or not history or history[-1]["value"] != leaf:
                entry = {
                    "releaseDate": release["date"],
                    "releaseID": release["id"],
                    "releaseTag": release["tag"],
                    "value": leaf,
                }
                versioned[path] = [*(history if isinstance(history, list) else []), entry]
    last = ordered[-1]
    head = {"ocid": last["ocid"], "id": f"{last['ocid']}-{last['date']}", "date": last["date"]}
    result = {**head, "tag": ["compiled"], **_unflatten(compiled)}
    return result, {"ocid": last["ocid"], **_unflatten(versioned)}


def package_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
