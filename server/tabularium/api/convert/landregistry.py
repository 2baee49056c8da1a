"""Decoding tabularium.landregistry.v1 actions into domain values, and records into messages."""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any

from tabularium.api.convert.identity import parse, type_url
from tabularium.chain.tx import timestamp_us
from tabularium.domains.landregistry import geometry
from tabularium.domains.landregistry import model as m
from tabularium.errors import InvalidArgument
from tabularium.landregistry.v1 import landregistry_pb2 as pb

MAX_GEOMETRY_BYTES = 1 << 20

_RIGHT_FROM_PB = {
    pb.RIGHT_TYPE_OWNERSHIP: m.OWNERSHIP,
    pb.RIGHT_TYPE_USUFRUCT: m.USUFRUCT,
    pb.RIGHT_TYPE_LEASE: m.LEASE,
}
RIGHT_TO_PB = {v: k for k, v in _RIGHT_FROM_PB.items()}
_RESTRICTION_FROM_PB = {
    pb.RESTRICTION_TYPE_MORTGAGE: m.MORTGAGE,
    pb.RESTRICTION_TYPE_LIS_PENDENS: m.LIS_PENDENS,
    pb.RESTRICTION_TYPE_SEIZURE: m.SEIZURE,
    pb.RESTRICTION_TYPE_EASEMENT: m.EASEMENT,
    pb.RESTRICTION_TYPE_RESPONSIBILITY: m.RESPONSIBILITY,
}
RESTRICTION_TO_PB = {v: k for k, v in _RESTRICTION_FROM_PB.items()}
_PARTY_FROM_PB = {
    pb.PARTY_TYPE_NATURAL_PERSON: "natural_person",
    pb.PARTY_TYPE_NON_NATURAL_PERSON: "non_natural_person",
}
_GROUP_FROM_PB = {
    pb.GROUP_PARTY_TYPE_JOINT_TENANCY: "joint_tenancy",
    pb.GROUP_PARTY_TYPE_ASSOCIATION: "association",
}
STATUS_TO_PB = {
    m.PENDING: pb.TRANSFER_STATUS_PENDING,
    m.FROZEN: pb.TRANSFER_STATUS_FROZEN,
    m.FINALIZED: pb.TRANSFER_STATUS_FINALIZED,
    m.REJECTED: pb.TRANSFER_STATUS_REJECTED,
}
assert set(RIGHT_TO_PB) == set(m.RIGHT_TYPES) and set(RESTRICTION_TO_PB) == set(m.RESTRICTION_TYPES)


def parse_geometry(text: str, name: str = "geometry") -> geometry.MultiPolygon:
    """A GeoJSON geometry object (text) -> canonical integer MultiPolygon. Numbers are read as
    decimals (never floats), so every node quantises the same text to the same integers."""
    if len(text.encode()) > MAX_GEOMETRY_BYTES:
        raise InvalidArgument(
            "GEOMETRY_TOO_LARGE", f"{name} exceeds {MAX_GEOMETRY_BYTES} bytes", field=name
        )
    try:
        doc = json.loads(text, parse_float=Decimal, parse_int=Decimal)
    except ValueError as exc:
        raise InvalidArgument("INVALID_GEOMETRY", f"{name} is not JSON: {exc}", field=name) from exc
    if not isinstance(doc, dict):
        raise InvalidArgument(
            "INVALID_GEOMETRY", f"{name} is not a GeoJSON geometry object", field=name
        )
    return geometry.from_geojson(doc)


def _share(share: pb.Share, name: str) -> Fraction:
    return m.check_share(share.numerator, share.denominator, name)


def _portions(items: Any, name: str) -> tuple[tuple[str, Fraction], ...]:
    return tuple(
        (m.check_party_id(p.party, name + ".party"), _share(p.share, name + ".share"))
        for p in items
    )


def decode_configure_office(value: bytes) -> m.ConfigureOffice:
    msg = parse(pb.ConfigureOffice, value)
    cooling = msg.cooling_off_seconds if msg.HasField("cooling_off_seconds") else None
    ttl = msg.proposal_ttl_seconds if msg.HasField("proposal_ttl_seconds") else None
    return m.ConfigureOffice(
        msg.office,
        m.DEFAULT_COOLING_OFF_US if cooling is None else cooling * 1_000_000,
        m.DEFAULT_PROPOSAL_TTL_US if ttl is None else ttl * 1_000_000,
    )


def decode_register_party(value: bytes) -> m.RegisterParty:
    msg = parse(pb.RegisterParty, value)
    return m.RegisterParty(
        msg.office,
        msg.party,
        _PARTY_FROM_PB.get(msg.type, ""),
        bytes(msg.commitment),
        bytes(msg.vault_document_id),
    )


def decode_register_group_party(value: bytes) -> m.RegisterGroupParty:
    msg = parse(pb.RegisterGroupParty, value)
    return m.RegisterGroupParty(
        msg.office, msg.group, _GROUP_FROM_PB.get(msg.type, ""), tuple(msg.members)
    )


def decode_register_parcel(value: bytes) -> m.RegisterParcel:
    msg = parse(pb.RegisterParcel, value)
    rights = []
    for right in msg.rights:
        right_type = _RIGHT_FROM_PB.get(right.type)
        if right_type is None:
            raise InvalidArgument("BAD_RIGHT_TYPE", "rights.type is required", field="rights.type")
        rights.append(
            m.InitialRight(
                right_type,
                m.check_party_id(right.party, "rights.party"),
                _share(right.share, "rights.share"),
            )
        )
    return m.RegisterParcel(
        office=msg.office,
        parcel_id=msg.parcel_id,
        label=msg.label,
        level=msg.level,
        geometry=parse_geometry(msg.geometry),
        source_sha256=bytes(msg.source_sha256),
        rights=tuple(rights),
    )


def _new_parcel(msg: pb.NewParcel, name: str) -> m.NewParcel:
    return m.NewParcel(msg.parcel_id, msg.label, parse_geometry(msg.geometry, name + ".geometry"))


def decode_subdivide(value: bytes) -> m.SubdivideParcel:
    msg = parse(pb.SubdivideParcel, value)
    if len(msg.children) > m.MAX_CHILDREN:
        raise InvalidArgument("BAD_CHILDREN", f"at most {m.MAX_CHILDREN}", field="children")
    return m.SubdivideParcel(
        msg.office,
        msg.parcel_id,
        tuple(_new_parcel(c, "children") for c in msg.children),
        bytes(msg.source_sha256),
    )


def decode_merge(value: bytes) -> m.MergeParcels:
    msg = parse(pb.MergeParcels, value)
    return m.MergeParcels(
        msg.office,
        tuple(msg.parcel_ids),
        _new_parcel(msg.merged, "merged"),
        bytes(msg.source_sha256),
    )


def decode_propose(value: bytes) -> m.ProposeTransfer:
    msg = parse(pb.ProposeTransfer, value)
    return m.ProposeTransfer(
        msg.parcel_id,
        bytes(msg.deed_sha256),
        _portions(msg.transferors, "transferors"),
        _portions(msg.transferees, "transferees"),
    )


def decode_consent(value: bytes) -> m.ConsentTransfer:
    msg = parse(pb.ConsentTransfer, value)
    return m.ConsentTransfer(bytes(msg.transfer_id), bytes(msg.deed_sha256))


def decode_approve(value: bytes) -> m.ApproveTransfer:
    msg = parse(pb.ApproveTransfer, value)
    return m.ApproveTransfer(msg.office, bytes(msg.transfer_id), bytes(msg.deed_sha256))


def decode_freeze(value: bytes) -> m.FreezeTransfer:
    msg = parse(pb.FreezeTransfer, value)
    return m.FreezeTransfer(bytes(msg.transfer_id), msg.reason)


def decode_resolve_freeze(value: bytes) -> m.ResolveFreeze:
    msg = parse(pb.ResolveFreeze, value)
    return m.ResolveFreeze(msg.office, bytes(msg.transfer_id), msg.lift)


def decode_finalize(value: bytes) -> m.FinalizeTransfer:
    return m.FinalizeTransfer(bytes(parse(pb.FinalizeTransfer, value).transfer_id))


def decode_register_mortgage(value: bytes) -> m.RegisterMortgage:
    msg = parse(pb.RegisterMortgage, value)
    return m.RegisterMortgage(
        msg.parcel_id, msg.lender, msg.principal_minor_units, msg.currency, bytes(msg.deed_sha256)
    )


def decode_release_mortgage(value: bytes) -> m.ReleaseMortgage:
    msg = parse(pb.ReleaseMortgage, value)
    return m.ReleaseMortgage(msg.parcel_id, bytes(msg.mortgage_id))


def decode_register_restriction(value: bytes) -> m.RegisterRestriction:
    msg = parse(pb.RegisterRestriction, value)
    return m.RegisterRestriction(
        msg.office,
        msg.parcel_id,
        _RESTRICTION_FROM_PB.get(msg.type, ""),
        msg.beneficiary,
        msg.description,
        bytes(msg.source_sha256),
    )


def decode_release_restriction(value: bytes) -> m.ReleaseRestriction:
    msg = parse(pb.ReleaseRestriction, value)
    return m.ReleaseRestriction(
        msg.office, msg.parcel_id, bytes(msg.restriction_id), bytes(msg.source_sha256)
    )


# (message, decoder) of every action, in the order registry.py registers them.
ACTIONS: tuple[tuple[str, Callable[[bytes], Any]], ...] = (
    (type_url(pb.ConfigureOffice), decode_configure_office),
    (type_url(pb.RegisterParty), decode_register_party),
    (type_url(pb.RegisterGroupParty), decode_register_group_party),
    (type_url(pb.RegisterParcel), decode_register_parcel),
    (type_url(pb.SubdivideParcel), decode_subdivide),
    (type_url(pb.MergeParcels), decode_merge),
    (type_url(pb.ProposeTransfer), decode_propose),
    (type_url(pb.ConsentTransfer), decode_consent),
    (type_url(pb.ApproveTransfer), decode_approve),
    (type_url(pb.FreezeTransfer), decode_freeze),
    (type_url(pb.ResolveFreeze), decode_resolve_freeze),
    (type_url(pb.FinalizeTransfer), decode_finalize),
    (type_url(pb.RegisterMortgage), decode_register_mortgage),
    (type_url(pb.ReleaseMortgage), decode_release_mortgage),
    (type_url(pb.RegisterRestriction), decode_register_restriction),
    (type_url(pb.ReleaseRestriction), decode_release_restriction),
)


# ----- records -> messages ---------------------------------------------------------------------


def share_to_pb(share: Fraction) -> pb.Share:
    return pb.Share(numerator=share.numerator, denominator=share.denominator)


def lifespan_to_pb(begin: m.Stamp, end: m.Stamp | None) -> pb.Lifespan:
    out = pb.Lifespan(
        begin_height=begin.height,
        begin_time=timestamp_us(begin.time_us),
        begin_entry_index=begin.entry,
    )
    if end is not None:
        out.end_height = end.height
        out.end_time.CopyFrom(timestamp_us(end.time_us))
        out.end_entry_index = end.entry
    return out


def parcel_to_pb(parcel: m.ParcelRecord) -> pb.Parcel:
    minx, miny, maxx, maxy = parcel.bbox
    return pb.Parcel(
        parcel_id=parcel.parcel_id,
        label=parcel.label,
        level=parcel.level,
        office=parcel.office,
        geometry=geometry.to_geojson_degrees_text(parcel.geometry),
        geometry_hash=parcel.geometry_hash,
        doubled_area=str(parcel.doubled_area),
        min_lon_e7=minx,
        min_lat_e7=miny,
        max_lon_e7=maxx,
        max_lat_e7=maxy,
        retired=parcel.retired,
        parents=list(parcel.parents),
        children=list(parcel.children),
        source_sha256=parcel.source_sha256,
        lifespan=lifespan_to_pb(parcel.begin, parcel.end),
        version=parcel.version,
    )


def rrr_to_pb(rrr: m.RrrRecord) -> pb.Rrr:
    out = pb.Rrr(
        id=rrr.rrr_id,
        parcel_id=rrr.parcel_id,
        party=rrr.party,
        source_sha256=rrr.source_sha256,
        lifespan=lifespan_to_pb(rrr.begin, rrr.end),
        description=rrr.description,
        principal_minor_units=rrr.principal_minor_units,
        currency=rrr.currency,
        lineage_id=rrr.lineage,
    )
    if rrr.kind == "right":
        out.right_type = RIGHT_TO_PB[rrr.rtype]
    else:
        out.restriction_type = RESTRICTION_TO_PB[rrr.rtype]
    if rrr.share is not None:
        out.share.CopyFrom(share_to_pb(rrr.share))
    return out


def transfer_to_pb(t: m.TransferRecord) -> pb.Transfer:
    return pb.Transfer(
        transfer_id=t.transfer_id,
        parcel_id=t.parcel_id,
        office=t.office,
        deed_sha256=t.deed_sha256,
        transferors=[pb.Portion(party=p, share=share_to_pb(s)) for p, s in t.transferors],
        transferees=[pb.Portion(party=p, share=share_to_pb(s)) for p, s in t.transferees],
        status=STATUS_TO_PB[t.status],
        required_consents=list(t.required),
        consents=list(t.consents),
        approved=t.approved_entry is not None,
        proposed_at=timestamp_us(t.proposed.time_us),
        cooling_off_until=timestamp_us(t.cooling_off_until_us),
        expires_at=timestamp_us(t.expires_at_us),
        proposed_entry_index=t.proposed.entry,
        finalized_entry_index=t.closed.entry
        if t.closed is not None and t.status == m.FINALIZED
        else 0,
        freeze_reason=t.freeze_reason,
    )


def event_to_pb(event: m.ParcelEvent) -> pb.ParcelEvent:
    return pb.ParcelEvent(
        entry_index=event.at.entry,
        block_height=event.at.height,
        block_time=timestamp_us(event.at.time_us),
        kind=event.kind,
        subject_id=event.subject_id,
        source_sha256=event.source_sha256,
    )
