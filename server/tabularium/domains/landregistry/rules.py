"""Rules of the land registry: pure functions of the action, the land state, identities and the
documents domain (deeds), with the block time as the only clock.

State (namespace ``landregistry``; ``u32``/``u64`` big-endian so keys sort numerically):

* ``office/<DID>`` -> OfficeSettings (absent: the defaults);
* ``party/<id>`` -> PartyRecord;
* ``parcel/<id>`` -> the latest ParcelRecord; ``parcelv/<id> 0x00 <u32 version>`` -> each version;
* ``rrr/<16-byte id>`` -> RrrRecord (one version of a right, restriction or responsibility);
* ``active/<parcel>`` -> JSON list of the ids of the RRR versions in force, in opening order;
* ``rv/<parcel> 0x00 <u64 entry> <u16 n>`` -> RRR version id: every version ever opened;
* ``rlast/<parcel> 0x00 <restriction id>`` -> the latest version of that restriction on it;
* ``transfer/<16-byte id>`` -> TransferRecord; ``pending/<parcel>`` -> JSON list of open ones;
* ``grid/<level>/<cx>/<cy>`` -> JSON list of the active parcels whose bounding box meets the
  0.1-degree cell, sorted (the overlap check's and ListParcelsInBox's index);
* ``ev/<parcel> 0x00 <u64 entry>`` -> ParcelEvent: every entry that touched the parcel.

A version ends at the block that closes it: it is in force at heights ``begin <= h < end``.
"""

from __future__ import annotations

import hashlib
import json
import struct
from collections.abc import Iterable, Sequence
from dataclasses import replace
from fractions import Fraction

from tabularium.chain.actions import ActionContext, StateView
from tabularium.domains.landregistry import geometry
from tabularium.domains.landregistry.model import (
    COURT_RESTRICTIONS,
    FINALIZED,
    FROZEN,
    MORTGAGE,
    OWNERSHIP,
    PENDING,
    REJECTED,
    SHARE_CHECKED,
    ApproveTransfer,
    ConfigureOffice,
    ConsentTransfer,
    FinalizeTransfer,
    FreezeTransfer,
    MergeParcels,
    NewParcel,
    OfficeSettings,
    ParcelEvent,
    ParcelRecord,
    PartyRecord,
    ProposeTransfer,
    RegisterGroupParty,
    RegisterMortgage,
    RegisterParcel,
    RegisterParty,
    RegisterRestriction,
    ReleaseMortgage,
    ReleaseRestriction,
    ResolveFreeze,
    RrrRecord,
    Stamp,
    SubdivideParcel,
    TransferRecord,
    canonical,
    share_text,
)
from tabularium.errors import (
    AlreadyExists,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)

DOCUMENTS_NAMESPACE = "documents"
REGISTRAR_ROLE = "registrar"
ID_SIZE = 16
_U16 = struct.Struct(">H")
_U32 = struct.Struct(">I")
_U64 = struct.Struct(">Q")
_RRR_ID_CONTEXT = b"tabularium/landregistry/rrr/v1\x00"


# ----- keys ------------------------------------------------------------------------------------


def office_key(office: str) -> bytes:
    return b"office/" + office.encode()


def party_key(party: str) -> bytes:
    return b"party/" + party.encode()


def parcel_key(parcel_id: str) -> bytes:
    return b"parcel/" + parcel_id.encode()


def parcel_version_key(parcel_id: str, version: int) -> bytes:
    return b"parcelv/" + parcel_id.encode() + b"\x00" + _U32.pack(version)


def rrr_key(rrr_id: bytes) -> bytes:
    return b"rrr/" + rrr_id


def active_key(parcel_id: str) -> bytes:
    return b"active/" + parcel_id.encode()


def versions_prefix(parcel_id: str) -> bytes:
    return b"rv/" + parcel_id.encode() + b"\x00"


def restriction_last_key(parcel_id: str, restriction_id: bytes) -> bytes:
    return b"rlast/" + parcel_id.encode() + b"\x00" + restriction_id


def transfer_key(transfer_id: bytes) -> bytes:
    return b"transfer/" + transfer_id


def pending_key(parcel_id: str) -> bytes:
    return b"pending/" + parcel_id.encode()


def grid_key(level: int, cell: tuple[int, int]) -> bytes:
    return f"grid/{level}/{cell[0]}/{cell[1]}".encode()


def events_prefix(parcel_id: str) -> bytes:
    return b"ev/" + parcel_id.encode() + b"\x00"


# ----- reading ---------------------------------------------------------------------------------


def settings(state: StateView, office: str) -> OfficeSettings:
    raw = state.get(office_key(office))
    return OfficeSettings() if raw is None else OfficeSettings.decode(raw)


def find_parcel(state: StateView, parcel_id: str) -> ParcelRecord | None:
    raw = state.get(parcel_key(parcel_id))
    return None if raw is None else ParcelRecord.decode(raw)


def find_party(state: StateView, party: str) -> PartyRecord | None:
    raw = state.get(party_key(party))
    return None if raw is None else PartyRecord.decode(raw)


def find_transfer(state: StateView, transfer_id: bytes) -> TransferRecord | None:
    raw = state.get(transfer_key(transfer_id))
    return None if raw is None else TransferRecord.decode(raw)


def load_rrr(state: StateView, rrr_id: bytes) -> RrrRecord:
    raw = state.get(rrr_key(rrr_id))
    assert raw is not None, f"RRR {rrr_id.hex()} is listed but missing"
    return RrrRecord.decode(raw)


def _id_list(state: StateView, key: bytes) -> list[bytes]:
    raw = state.get(key)
    return [] if raw is None else [bytes.fromhex(v) for v in json.loads(raw)]


def _put_id_list(state: StateView, key: bytes, ids: Sequence[bytes]) -> None:
    if ids:
        state.put(key, canonical([i.hex() for i in ids]))
    else:
        state.delete(key)


def active_rrrs(state: StateView, parcel_id: str) -> list[RrrRecord]:
    """The RRR versions in force on the parcel, in opening order."""
    return [load_rrr(state, i) for i in _id_list(state, active_key(parcel_id))]


def holders(state: StateView, parcel_id: str, right_type: str = OWNERSHIP) -> list[RrrRecord]:
    return [r for r in active_rrrs(state, parcel_id) if r.kind == "right" and r.rtype == right_type]


def open_transfers(state: StateView, parcel_id: str, now_us: int) -> list[TransferRecord]:
    """Pending or frozen transfers of the parcel that have not expired at ``now_us``."""
    found = []
    for transfer_id in _id_list(state, pending_key(parcel_id)):
        transfer = find_transfer(state, transfer_id)
        assert transfer is not None
        if transfer.status in (PENDING, FROZEN) and now_us <= transfer.expires_at_us:
            found.append(transfer)
    return found


# ----- writing helpers -------------------------------------------------------------------------


class _Writer:
    """The writes of one action: RRR version ids derived from the tx hash, events, the grid."""

    def __init__(self, ctx: ActionContext) -> None:
        self.ctx = ctx
        self.state = ctx.state
        self.now = Stamp(ctx.block_height, ctx.block_time_us, ctx.entry_index)
        self._count = 0

    def new_rrr_id(self) -> bytes:
        self._count += 1
        seed = _RRR_ID_CONTEXT + self.ctx.tx_hash + _U32.pack(self._count)
        return hashlib.sha256(seed).digest()[:ID_SIZE]

    def open_rrr(self, record: RrrRecord) -> RrrRecord:
        self.state.put(rrr_key(record.rrr_id), record.encode())
        ids = _id_list(self.state, active_key(record.parcel_id))
        ids.append(record.rrr_id)
        _put_id_list(self.state, active_key(record.parcel_id), ids)
        self.state.put(
            versions_prefix(record.parcel_id)
            + _U64.pack(self.ctx.entry_index)
            + _U16.pack(self._count),
            record.rrr_id,
        )
        if record.kind == "restriction":
            self.state.put(restriction_last_key(record.parcel_id, record.lineage), record.rrr_id)
        return record

    def close_rrr(self, record: RrrRecord, *, released: bool = False) -> RrrRecord:
        closed = replace(record, end=self.now, released=self.now if released else None)
        self.state.put(rrr_key(record.rrr_id), closed.encode())
        ids = [i for i in _id_list(self.state, active_key(record.parcel_id)) if i != record.rrr_id]
        _put_id_list(self.state, active_key(record.parcel_id), ids)
        return closed

    def put_parcel(self, parcel: ParcelRecord) -> None:
        self.state.put(parcel_key(parcel.parcel_id), parcel.encode())
        self.state.put(parcel_version_key(parcel.parcel_id, parcel.version), parcel.encode())

    def index(self, parcel: ParcelRecord, *, add: bool) -> None:
        for cell in geometry.cells(parcel.geometry):
            key = grid_key(parcel.level, cell)
            raw = self.state.get(key)
            ids: list[str] = [] if raw is None else json.loads(raw)
            if add:
                ids = sorted({*ids, parcel.parcel_id})
            else:
                ids = [i for i in ids if i != parcel.parcel_id]
            if ids:
                self.state.put(key, canonical(ids))
            else:
                self.state.delete(key)

    def event(
        self,
        parcel_id: str,
        kind: str,
        *,
        subject: bytes = b"",
        source: bytes = b"",
        **detail: object,
    ) -> None:
        key = events_prefix(parcel_id) + _U64.pack(self.ctx.entry_index)
        event = ParcelEvent(kind, self.now, subject, source, dict(detail))
        self.state.put(key, event.encode())

    def set_pending(self, parcel_id: str, transfer_id: bytes, *, add: bool) -> None:
        ids = [i for i in _id_list(self.state, pending_key(parcel_id)) if i != transfer_id]
        if add:
            ids.append(transfer_id)
        _put_id_list(self.state, pending_key(parcel_id), ids)


# ----- shared checks ---------------------------------------------------------------------------


def _require_source(ctx: ActionContext, sha256: bytes, name: str) -> None:
    """The deed or other source must be registered in the documents domain first."""
    if ctx.read_domain(DOCUMENTS_NAMESPACE, b"doc/" + sha256) is None:
        raise FailedPrecondition(
            "SOURCE_REQUIRED",
            f"{name} {sha256.hex()} is not a registered document: register the signed deed "
            "(PDF or ASiC-E) with documents.v1.RegisterDocument first",
            metadata={"sha256": sha256.hex()},
            field=name,
        )


def _parcel(state: StateView, parcel_id: str, *, office: str | None = None) -> ParcelRecord:
    parcel = find_parcel(state, parcel_id)
    if parcel is None:
        raise NotFound("PARCEL_NOT_FOUND", f"no parcel {parcel_id}", metadata={"parcel": parcel_id})
    if parcel.retired:
        raise FailedPrecondition(
            "PARCEL_RETIRED",
            f"parcel {parcel_id} was retired at height {parcel.end.height if parcel.end else 0} "
            f"(now {', '.join(parcel.children) or 'no successor'})",
            metadata={"parcel": parcel_id},
        )
    if office is not None and parcel.office != office:
        raise FailedPrecondition(
            "OFFICE_MISMATCH",
            f"parcel {parcel_id} is kept by office {parcel.office}, not {office}",
            metadata={"parcel": parcel_id, "office": parcel.office},
        )
    return parcel


def _party(state: StateView, party: str, name: str) -> PartyRecord:
    record = find_party(state, party)
    if record is None:
        raise FailedPrecondition(
            "PARTY_UNKNOWN",
            f"{name} {party} is not a registered party: register it with RegisterParty or "
            "RegisterGroupParty first",
            metadata={"party": party},
            field=name,
        )
    return record


def _signers_of(state: StateView, party: str) -> tuple[str, ...]:
    """The DIDs that must sign for a party: itself, or every member of a group."""
    record = find_party(state, party)
    if record is not None and record.is_group:
        return record.members
    return (party,)


def _holds_now(ctx: ActionContext, parcel_id: str, did: str) -> bool:
    for right in holders(ctx.state, parcel_id):
        if did in _signers_of(ctx.state, right.party):
            return True
    return False


def _is_registrar(ctx: ActionContext, office: str) -> bool:
    reader = ctx.reader()
    for did in ctx.signer_dids:
        record = reader.identity(did)
        if record is not None and reader.holds(record, REGISTRAR_ROLE, office):
            return True
    return False


def check_share_sums(state: StateView, parcel_id: str) -> None:
    """For each share-checked right type present (ownership always), the shares in force sum
    to exactly 1."""
    totals: dict[str, Fraction] = {OWNERSHIP: Fraction(0)}
    for right in active_rrrs(state, parcel_id):
        if right.kind == "right" and right.rtype in SHARE_CHECKED:
            assert right.share is not None
            totals[right.rtype] = totals.get(right.rtype, Fraction(0)) + right.share
    for right_type in sorted(totals):
        total = totals[right_type]
        if total != 1:
            raise FailedPrecondition(
                "SHARE_SUM_MISMATCH",
                f"{right_type} shares of parcel {parcel_id} would sum to {share_text(total)}, "
                "not exactly 1",
                metadata={"parcel": parcel_id, "right_type": right_type, "sum": share_text(total)},
            )


def _blocking_court_restriction(state: StateView, parcel_id: str) -> RrrRecord | None:
    for rrr in active_rrrs(state, parcel_id):
        if rrr.kind == "restriction" and rrr.rtype in COURT_RESTRICTIONS:
            return rrr
    return None


def _encumbered(rrr: RrrRecord, why: str) -> FailedPrecondition:
    return FailedPrecondition(
        "ENCUMBERED",
        f"parcel {rrr.parcel_id} carries {rrr.rtype.replace('_', ' ')} {rrr.lineage.hex()}: {why}",
        metadata={"parcel": rrr.parcel_id, "restriction": rrr.lineage.hex(), "type": rrr.rtype},
    )


def _check_no_overlap(state: StateView, parcel: ParcelRecord, ignore: Iterable[str] = ()) -> None:
    skip = set(ignore)
    candidates: set[str] = set()
    for cell in geometry.cells(parcel.geometry):
        raw = state.get(grid_key(parcel.level, cell))
        if raw is not None:
            candidates.update(json.loads(raw))
    minx, miny, maxx, maxy = parcel.bbox
    for other_id in sorted(candidates - skip):
        other = find_parcel(state, other_id)
        assert other is not None and not other.retired
        ominx, ominy, omaxx, omaxy = other.bbox
        if ominx >= maxx or omaxx <= minx or ominy >= maxy or omaxy <= miny:
            continue
        if geometry.interiors_overlap(parcel.geometry, other.geometry):
            raise FailedPrecondition(
                "PARCEL_OVERLAP",
                f"parcel {parcel.parcel_id} overlaps the interior of active parcel {other_id} "
                f"on level {parcel.level} (shared edges are allowed)",
                metadata={"parcel": other_id, "level": str(parcel.level)},
            )


def _new_parcel(
    w: _Writer, new: NewParcel, *, level: int, office: str, source: bytes, parents: Sequence[str]
) -> ParcelRecord:
    if find_parcel(w.state, new.parcel_id) is not None:
        raise AlreadyExists(
            "PARCEL_EXISTS",
            f"parcel {new.parcel_id} is already registered",
            metadata={"parcel": new.parcel_id},
        )
    return ParcelRecord(
        parcel_id=new.parcel_id,
        label=new.label,
        level=level,
        office=office,
        geometry=new.geometry,
        geometry_hash=geometry.geometry_hash(new.geometry),
        doubled_area=geometry.doubled_area(new.geometry),
        bbox=geometry.bbox(new.geometry),
        source_sha256=source,
        begin=w.now,
        parents=tuple(parents),
    )


# ----- offices and parties ---------------------------------------------------------------------


def configure_office(ctx: ActionContext, action: ConfigureOffice) -> None:
    ctx.state.put(
        office_key(action.office),
        OfficeSettings(action.cooling_off_us, action.proposal_ttl_us).encode(),
    )


def register_party(ctx: ActionContext, action: RegisterParty) -> None:
    if ctx.reader().identity(action.party) is None:
        raise FailedPrecondition(
            "IDENTITY_UNKNOWN",
            f"{action.party} is not a registered identity: register it in the identity domain",
            metadata={"party": action.party},
            field="party",
        )
    _register(
        ctx,
        PartyRecord(
            action.party,
            action.party_type,
            action.office,
            action.commitment,
            action.vault_document_id,
            (),
            Stamp(ctx.block_height, ctx.block_time_us, ctx.entry_index),
        ),
    )


def register_group_party(ctx: ActionContext, action: RegisterGroupParty) -> None:
    for member in action.members:
        if _party(ctx.state, member, "members").is_group:
            raise InvalidArgument(
                "BAD_GROUP", f"member {member} is itself a group", field="members"
            )
    _register(
        ctx,
        PartyRecord(
            action.group,
            action.group_type,
            action.office,
            b"",
            b"",
            tuple(sorted(action.members)),
            Stamp(ctx.block_height, ctx.block_time_us, ctx.entry_index),
        ),
    )


def _register(ctx: ActionContext, record: PartyRecord) -> None:
    existing = find_party(ctx.state, record.party_id)
    if existing is not None:
        raise AlreadyExists(
            "PARTY_EXISTS",
            f"party {record.party_id} was registered at entry {existing.registered.entry}",
            metadata={"party": record.party_id},
        )
    ctx.state.put(party_key(record.party_id), record.encode())


# ----- parcels ---------------------------------------------------------------------------------


def register_parcel(ctx: ActionContext, action: RegisterParcel) -> None:
    w = _Writer(ctx)
    existing = find_parcel(ctx.state, action.parcel_id)
    if existing is not None:
        raise AlreadyExists(
            "PARCEL_EXISTS",
            f"parcel {action.parcel_id} was registered at entry {existing.begin.entry}",
            metadata={"parcel": action.parcel_id, "entry_index": str(existing.begin.entry)},
        )
    _require_source(ctx, action.source_sha256, "source_sha256")
    parcel = _new_parcel(
        w,
        NewParcel(action.parcel_id, action.label, action.geometry),
        level=action.level,
        office=action.office,
        source=action.source_sha256,
        parents=(),
    )
    _check_no_overlap(ctx.state, parcel)
    for right in action.rights:
        _party(ctx.state, right.party, "rights.party")
        w.open_rrr(
            RrrRecord(
                rrr_id=w.new_rrr_id(),
                parcel_id=parcel.parcel_id,
                kind="right",
                rtype=right.right_type,
                party=right.party,
                share=right.share,
                source_sha256=action.source_sha256,
                begin=w.now,
            )
        )
    check_share_sums(ctx.state, parcel.parcel_id)
    w.put_parcel(parcel)
    w.index(parcel, add=True)
    w.event(parcel.parcel_id, "registered", source=action.source_sha256)


def _copy(w: _Writer, rrr: RrrRecord, parcel_id: str, lineage: bytes) -> RrrRecord:
    """A new version of ``rrr`` on ``parcel_id``, in force from now."""
    return replace(
        rrr,
        rrr_id=w.new_rrr_id(),
        parcel_id=parcel_id,
        begin=w.now,
        end=None,
        released=None,
        lineage=lineage,
    )


def _carry_over(
    w: _Writer, sources: Sequence[RrrRecord], parcel_id: str, *, rights: bool = True
) -> None:
    """Open on ``parcel_id`` a copy of each RRR in ``sources`` (restrictions deduplicated by
    their id, so a mortgage split over two parcels and merged back is one again)."""
    seen: set[bytes] = set()
    for rrr in sources:
        if rrr.kind == "right" and not rights:
            continue
        if rrr.kind == "restriction":
            if rrr.lineage in seen:
                continue
            seen.add(rrr.lineage)
        lineage = rrr.lineage if rrr.kind == "restriction" else rrr.rrr_id
        w.open_rrr(_copy(w, rrr, parcel_id, lineage))


def _retire(w: _Writer, parcel: ParcelRecord, successors: Sequence[str]) -> list[RrrRecord]:
    """Close every RRR in force on ``parcel`` and retire it. Returns the closed RRRs."""
    if open_transfers(w.state, parcel.parcel_id, w.ctx.block_time_us):
        raise FailedPrecondition(
            "TRANSFER_PENDING",
            f"parcel {parcel.parcel_id} has an open transfer: finalise or reject it first",
            metadata={"parcel": parcel.parcel_id},
        )
    closed = [w.close_rrr(rrr) for rrr in active_rrrs(w.state, parcel.parcel_id)]
    w.index(parcel, add=False)
    w.put_parcel(replace(parcel, end=w.now, children=tuple(successors), version=parcel.version + 1))
    return closed


def subdivide_parcel(ctx: ActionContext, action: SubdivideParcel) -> None:
    w = _Writer(ctx)
    parent = _parcel(ctx.state, action.parcel_id, office=action.office)
    _require_source(ctx, action.source_sha256, "source_sha256")
    children = [
        _new_parcel(
            w,
            child,
            level=parent.level,
            office=parent.office,
            source=action.source_sha256,
            parents=(parent.parcel_id,),
        )
        for child in action.children
    ]
    geometry.check_subdivision(parent.geometry, [c.geometry for c in children])
    closed = _retire(w, parent, [c.parcel_id for c in children])
    for child in children:
        _carry_over(w, closed, child.parcel_id)
        check_share_sums(ctx.state, child.parcel_id)
        w.put_parcel(child)
        w.index(child, add=True)
        w.event(child.parcel_id, "subdivided", source=action.source_sha256, parent=parent.parcel_id)
    w.event(
        parent.parcel_id,
        "subdivided",
        source=action.source_sha256,
        children=[c.parcel_id for c in children],
    )


def _right_set(state: StateView, parcel_id: str) -> list[tuple[str, str, str]]:
    return sorted(
        (r.rtype, r.party, share_text(r.share) if r.share is not None else "")
        for r in active_rrrs(state, parcel_id)
        if r.kind == "right"
    )


def merge_parcels(ctx: ActionContext, action: MergeParcels) -> None:
    w = _Writer(ctx)
    parents = [_parcel(ctx.state, p, office=action.office) for p in action.parcel_ids]
    _require_source(ctx, action.source_sha256, "source_sha256")
    levels = {p.level for p in parents}
    if len(levels) != 1:
        raise FailedPrecondition("SUBDIVISION_MISMATCH", "parcels on different levels cannot merge")
    first = _right_set(ctx.state, parents[0].parcel_id)
    for parent in parents[1:]:
        if _right_set(ctx.state, parent.parcel_id) != first:
            raise FailedPrecondition(
                "RIGHTS_DIFFER",
                f"parcels {parents[0].parcel_id} and {parent.parcel_id} have different rights: "
                "transfer first so both have the same holders and shares",
                metadata={"parcel": parent.parcel_id},
            )
    merged = _new_parcel(
        w,
        action.merged,
        level=parents[0].level,
        office=parents[0].office,
        source=action.source_sha256,
        parents=[p.parcel_id for p in parents],
    )
    geometry.check_merger([p.geometry for p in parents], merged.geometry)
    closed_first = _retire(w, parents[0], [merged.parcel_id])
    closed_rest: list[RrrRecord] = []
    for parent in parents[1:]:
        closed_rest.extend(_retire(w, parent, [merged.parcel_id]))
    _carry_over(w, closed_first + closed_rest, merged.parcel_id, rights=False)
    for rrr in closed_first:
        if rrr.kind == "right":
            w.open_rrr(_copy(w, rrr, merged.parcel_id, rrr.rrr_id))
    check_share_sums(ctx.state, merged.parcel_id)
    w.put_parcel(merged)
    w.index(merged, add=True)
    w.event(
        merged.parcel_id,
        "merged",
        source=action.source_sha256,
        parents=[p.parcel_id for p in parents],
    )
    for parent in parents:
        w.event(parent.parcel_id, "merged", source=action.source_sha256, into=merged.parcel_id)


# ----- transfers -------------------------------------------------------------------------------


def _holding(state: StateView, parcel_id: str, party: str) -> RrrRecord | None:
    for right in holders(state, parcel_id):
        if right.party == party:
            return right
    return None


def propose_transfer(ctx: ActionContext, action: ProposeTransfer) -> None:
    w = _Writer(ctx)
    parcel = _parcel(ctx.state, action.parcel_id)
    _require_source(ctx, action.deed_sha256, "deed_sha256")
    court = _blocking_court_restriction(ctx.state, parcel.parcel_id)
    if court is not None:
        raise _encumbered(court, "a court restriction blocks every transfer until released")
    holdings: list[bytes] = []
    for party, share in action.transferors:
        held = _holding(ctx.state, parcel.parcel_id, party)
        if held is None:
            raise FailedPrecondition(
                "NOT_HOLDER",
                f"{party} holds no ownership share of parcel {parcel.parcel_id}",
                metadata={"parcel": parcel.parcel_id, "party": party},
            )
        assert held.share is not None
        if share > held.share:
            raise FailedPrecondition(
                "SHARE_EXCEEDS_HOLDING",
                f"{party} holds {share_text(held.share)} of parcel {parcel.parcel_id} and "
                f"cannot transfer {share_text(share)}",
                metadata={"party": party, "held": share_text(held.share)},
            )
        holdings.append(held.rrr_id)
    for party, _ in action.transferees:
        _party(ctx.state, party, "transferees.party")
    out_total = sum((s for _, s in action.transferors), Fraction(0))
    in_total = sum((s for _, s in action.transferees), Fraction(0))
    if out_total != in_total:
        raise FailedPrecondition(
            "SHARE_SUM_MISMATCH",
            f"shares out ({share_text(out_total)}) and in ({share_text(in_total)}) differ",
            metadata={"out": share_text(out_total), "in": share_text(in_total)},
        )
    required = sorted(
        {
            did
            for party, _ in (*action.transferors, *action.transferees)
            for did in _signers_of(ctx.state, party)
        }
    )
    if not set(ctx.signer_dids) & set(required) and not _is_registrar(ctx, parcel.office):
        raise PermissionDenied(
            "NOT_A_PARTY",
            "a transfer is proposed by one of its parties or by a registrar of the office",
        )
    sellers = {party for party, _ in action.transferors}
    for other in open_transfers(ctx.state, parcel.parcel_id, ctx.block_time_us):
        shared = sellers & {party for party, _ in other.transferors}
        if shared:
            raise AlreadyExists(
                "TRANSFER_PENDING",
                f"the share of {', '.join(sorted(shared))} is already in pending transfer "
                f"{other.transfer_id.hex()}",
                metadata={"transfer_id": other.transfer_id.hex()},
            )
    office = settings(ctx.state, parcel.office)
    transfer = TransferRecord(
        transfer_id=ctx.tx_hash[:ID_SIZE],
        parcel_id=parcel.parcel_id,
        office=parcel.office,
        deed_sha256=action.deed_sha256,
        transferors=action.transferors,
        transferees=action.transferees,
        holdings=tuple(sorted(holdings)),
        required=tuple(required),
        proposed=w.now,
        cooling_off_until_us=ctx.block_time_us + office.cooling_off_us,
        expires_at_us=ctx.block_time_us + office.proposal_ttl_us,
    )
    ctx.state.put(transfer_key(transfer.transfer_id), transfer.encode())
    w.set_pending(parcel.parcel_id, transfer.transfer_id, add=True)
    w.event(
        parcel.parcel_id,
        "transfer_proposed",
        subject=transfer.transfer_id,
        source=action.deed_sha256,
    )


def _open_transfer(ctx: ActionContext, transfer_id: bytes) -> TransferRecord:
    transfer = find_transfer(ctx.state, transfer_id)
    if transfer is None:
        raise NotFound(
            "TRANSFER_NOT_FOUND",
            f"no transfer {transfer_id.hex()}",
            metadata={"transfer_id": transfer_id.hex()},
        )
    if transfer.status in (FINALIZED, REJECTED):
        raise FailedPrecondition(
            "TRANSFER_CLOSED",
            f"transfer {transfer_id.hex()} is {transfer.status}",
            metadata={"transfer_id": transfer_id.hex(), "status": transfer.status},
        )
    if ctx.block_time_us > transfer.expires_at_us:
        raise FailedPrecondition(
            "PROPOSAL_EXPIRED",
            f"transfer {transfer_id.hex()} expired at {transfer.expires_at_us} µs (block time): "
            "propose it again",
            metadata={"transfer_id": transfer_id.hex()},
        )
    return transfer


def _check_deed(transfer: TransferRecord, deed: bytes) -> None:
    if deed != transfer.deed_sha256:
        raise FailedPrecondition(
            "DEED_MISMATCH",
            f"transfer {transfer.transfer_id.hex()} is over deed {transfer.deed_sha256.hex()}, "
            f"not {deed.hex()}",
            metadata={"deed_sha256": transfer.deed_sha256.hex()},
        )


def _mortgagees(state: StateView, parcel_id: str) -> list[RrrRecord]:
    return [
        r for r in active_rrrs(state, parcel_id) if r.kind == "restriction" and r.rtype == MORTGAGE
    ]


def consent_transfer(ctx: ActionContext, action: ConsentTransfer) -> None:
    transfer = _open_transfer(ctx, action.transfer_id)
    _check_deed(transfer, action.deed_sha256)
    allowed = set(transfer.required) | {m.party for m in _mortgagees(ctx.state, transfer.parcel_id)}
    consenting = [did for did in ctx.signer_dids if did in allowed]
    if not consenting:
        raise PermissionDenied(
            "NOT_A_PARTY",
            f"no signer is a transferor, transferee, group member or mortgagee of transfer "
            f"{transfer.transfer_id.hex()}",
            metadata={"transfer_id": transfer.transfer_id.hex()},
        )
    updated = replace(transfer, consents=tuple(sorted({*transfer.consents, *consenting})))
    ctx.state.put(transfer_key(transfer.transfer_id), updated.encode())
    _Writer(ctx).event(
        transfer.parcel_id, "transfer_consented", subject=transfer.transfer_id, by=consenting
    )


def approve_transfer(ctx: ActionContext, action: ApproveTransfer) -> None:
    transfer = _open_transfer(ctx, action.transfer_id)
    if transfer.office != action.office:
        raise FailedPrecondition(
            "OFFICE_MISMATCH",
            f"transfer {transfer.transfer_id.hex()} is before office {transfer.office}",
            metadata={"office": transfer.office},
        )
    _check_deed(transfer, action.deed_sha256)
    updated = replace(transfer, approved_entry=ctx.entry_index)
    ctx.state.put(transfer_key(transfer.transfer_id), updated.encode())
    _Writer(ctx).event(transfer.parcel_id, "transfer_approved", subject=transfer.transfer_id)


def freeze_transfer(ctx: ActionContext, action: FreezeTransfer) -> None:
    transfer = _open_transfer(ctx, action.transfer_id)
    if transfer.status == FROZEN:
        raise FailedPrecondition("FROZEN", f"transfer {transfer.transfer_id.hex()} is frozen")
    owner = next((d for d in ctx.signer_dids if _holds_now(ctx, transfer.parcel_id, d)), None)
    if owner is None:
        raise FailedPrecondition(
            "NOT_HOLDER",
            f"only a registered owner of parcel {transfer.parcel_id} may freeze its transfer",
            metadata={"parcel": transfer.parcel_id},
        )
    if ctx.block_time_us >= transfer.cooling_off_until_us:
        raise FailedPrecondition(
            "COOLING_OFF_OVER",
            f"the cooling-off period of transfer {transfer.transfer_id.hex()} ended at "
            f"{transfer.cooling_off_until_us} µs",
        )
    updated = replace(transfer, status=FROZEN, freeze_reason=action.reason, frozen_by=owner)
    ctx.state.put(transfer_key(transfer.transfer_id), updated.encode())
    _Writer(ctx).event(transfer.parcel_id, "transfer_frozen", subject=transfer.transfer_id)


def resolve_freeze(ctx: ActionContext, action: ResolveFreeze) -> None:
    transfer = _open_transfer(ctx, action.transfer_id)
    if transfer.office != action.office:
        raise FailedPrecondition("OFFICE_MISMATCH", f"transfer is before office {transfer.office}")
    if transfer.status != FROZEN:
        raise FailedPrecondition(
            "NOT_FROZEN", f"transfer {transfer.transfer_id.hex()} is {transfer.status}"
        )
    w = _Writer(ctx)
    if action.lift:
        updated = replace(transfer, status=PENDING)
    else:
        updated = replace(transfer, status=REJECTED, closed=w.now)
        w.set_pending(transfer.parcel_id, transfer.transfer_id, add=False)
    ctx.state.put(transfer_key(transfer.transfer_id), updated.encode())
    w.event(
        transfer.parcel_id,
        "freeze_lifted" if action.lift else "transfer_rejected",
        subject=transfer.transfer_id,
    )


def finalize_transfer(ctx: ActionContext, action: FinalizeTransfer) -> None:
    transfer = _open_transfer(ctx, action.transfer_id)
    tid = transfer.transfer_id.hex()
    if transfer.status == FROZEN:
        raise FailedPrecondition(
            "FROZEN",
            f"transfer {tid} was frozen by an owner: registrars must lift or reject it",
            metadata={"transfer_id": tid},
        )
    parcel = _parcel(ctx.state, transfer.parcel_id)
    court = _blocking_court_restriction(ctx.state, parcel.parcel_id)
    if court is not None:
        raise _encumbered(court, "a court restriction blocks every transfer until released")
    for mortgage in _mortgagees(ctx.state, parcel.parcel_id):
        if mortgage.party not in transfer.consents:
            raise _encumbered(
                mortgage, f"the lender {mortgage.party} must consent or release it first"
            )
    if ctx.block_time_us < transfer.cooling_off_until_us:
        raise FailedPrecondition(
            "COOLING_OFF",
            f"transfer {tid} may finalise from {transfer.cooling_off_until_us} µs (block time); "
            f"the block time is {ctx.block_time_us} µs",
            metadata={"not_before_us": str(transfer.cooling_off_until_us)},
        )
    current = []
    for party, _ in transfer.transferors:
        held = _holding(ctx.state, parcel.parcel_id, party)
        current.append(held.rrr_id if held is not None else b"")
    if tuple(sorted(current)) != transfer.holdings:
        raise FailedPrecondition(
            "STALE_PROPOSAL",
            f"the transferors' holdings of parcel {parcel.parcel_id} changed since transfer "
            f"{tid} was proposed: propose it again",
            metadata={"transfer_id": tid},
        )
    _check_consents(ctx, transfer)
    w = _Writer(ctx)
    for party, share in transfer.transferors:
        held = _holding(ctx.state, parcel.parcel_id, party)
        assert held is not None and held.share is not None
        w.close_rrr(held)
        if held.share > share:
            w.open_rrr(
                replace(
                    held,
                    rrr_id=w.new_rrr_id(),
                    share=held.share - share,
                    begin=w.now,
                    source_sha256=transfer.deed_sha256,
                    lineage=held.rrr_id,
                )
            )
    for party, share in transfer.transferees:
        held = _holding(ctx.state, parcel.parcel_id, party)
        total = share
        lineage = b""
        if held is not None:
            assert held.share is not None
            w.close_rrr(held)
            total, lineage = held.share + share, held.rrr_id
        w.open_rrr(
            RrrRecord(
                rrr_id=w.new_rrr_id(),
                parcel_id=parcel.parcel_id,
                kind="right",
                rtype=OWNERSHIP,
                party=party,
                share=total,
                source_sha256=transfer.deed_sha256,
                begin=w.now,
                lineage=lineage,
            )
        )
    check_share_sums(ctx.state, parcel.parcel_id)
    ctx.state.put(
        transfer_key(transfer.transfer_id),
        replace(transfer, status=FINALIZED, closed=w.now).encode(),
    )
    w.set_pending(parcel.parcel_id, transfer.transfer_id, add=False)
    w.event(
        parcel.parcel_id,
        "transferred",
        subject=transfer.transfer_id,
        source=transfer.deed_sha256,
    )


def _check_consents(ctx: ActionContext, transfer: TransferRecord) -> None:
    given = set(transfer.consents)
    violations: list[tuple[str, str, str]] = []
    group_missing: list[str] = []
    for party, _ in (*transfer.transferors, *transfer.transferees):
        record = find_party(ctx.state, party)
        for did in _signers_of(ctx.state, party):
            if did in given:
                continue
            if record is not None and record.is_group:
                group_missing.append(did)
                violations.append(
                    ("GROUP_CONSENT", did, f"member of group {party} has not consented")
                )
            else:
                violations.append(("CONSENT", did, f"party {did} has not consented"))
    if transfer.approved_entry is None:
        violations.append(
            ("APPROVAL", transfer.office, "the office's registrars have not approved")
        )
    if not violations:
        return
    tid = transfer.transfer_id.hex()
    unique = sorted(set(violations))
    if group_missing:
        raise FailedPrecondition(
            "GROUP_CONSENT_REQUIRED",
            f"transfer {tid}: every member of a group party must consent; missing "
            + ", ".join(sorted(set(group_missing))),
            metadata={"transfer_id": tid, "missing": ",".join(sorted(set(group_missing)))},
            violations=unique,
        )
    raise FailedPrecondition(
        "CONSENTS_MISSING",
        f"transfer {tid} lacks: "
        + "; ".join(f"{kind} of {subject}" for kind, subject, _ in unique),
        metadata={"transfer_id": tid, "missing": ",".join(subject for _, subject, _ in unique)},
        violations=unique,
    )


# ----- encumbrances ----------------------------------------------------------------------------


def register_mortgage(ctx: ActionContext, action: RegisterMortgage) -> None:
    parcel = _parcel(ctx.state, action.parcel_id)
    _require_source(ctx, action.deed_sha256, "deed_sha256")
    if ctx.reader().identity(action.lender) is None:
        raise FailedPrecondition(
            "IDENTITY_UNKNOWN", f"lender {action.lender} is not a registered identity"
        )
    signed = set(ctx.signer_dids)
    for right in holders(ctx.state, parcel.parcel_id):
        missing = [d for d in _signers_of(ctx.state, right.party) if d not in signed]
        if missing:
            raise PermissionDenied(
                "OWNER_SIGNATURE_REQUIRED",
                f"a mortgage is signed by every owner of parcel {parcel.parcel_id}; missing "
                + ", ".join(missing),
                metadata={"missing": ",".join(missing)},
            )
    if action.lender not in signed:
        raise PermissionDenied(
            "LENDER_SIGNATURE_REQUIRED", f"the lender {action.lender} must co-sign the mortgage"
        )
    w = _Writer(ctx)
    mortgage_id = ctx.tx_hash[:ID_SIZE]
    w.open_rrr(
        RrrRecord(
            rrr_id=w.new_rrr_id(),
            parcel_id=parcel.parcel_id,
            kind="restriction",
            rtype=MORTGAGE,
            party=action.lender,
            share=None,
            source_sha256=action.deed_sha256,
            begin=w.now,
            lineage=mortgage_id,
            principal_minor_units=action.principal_minor_units,
            currency=action.currency,
        )
    )
    w.event(parcel.parcel_id, "mortgage_registered", subject=mortgage_id, source=action.deed_sha256)


def _restriction(state: StateView, parcel_id: str, restriction_id: bytes) -> RrrRecord:
    raw = state.get(restriction_last_key(parcel_id, restriction_id))
    if raw is None:
        raise NotFound(
            "RESTRICTION_NOT_FOUND",
            f"parcel {parcel_id} has no restriction {restriction_id.hex()}",
            metadata={"restriction": restriction_id.hex()},
        )
    rrr = load_rrr(state, raw)
    if not rrr.active:
        raise FailedPrecondition(
            "RESTRICTION_RELEASED",
            f"restriction {restriction_id.hex()} of parcel {parcel_id} is no longer in force",
            metadata={"restriction": restriction_id.hex()},
        )
    return rrr


def release_mortgage(ctx: ActionContext, action: ReleaseMortgage) -> None:
    _parcel(ctx.state, action.parcel_id)
    rrr = _restriction(ctx.state, action.parcel_id, action.mortgage_id)
    if rrr.rtype != MORTGAGE:
        raise FailedPrecondition(
            "BAD_RESTRICTION_TYPE",
            f"{action.mortgage_id.hex()} is a {rrr.rtype}, not a mortgage: ReleaseRestriction",
        )
    if rrr.party not in ctx.signer_dids:
        raise PermissionDenied(
            "NOT_MORTGAGEE",
            f"only the lender {rrr.party} may release mortgage {action.mortgage_id.hex()}",
            metadata={"lender": rrr.party},
        )
    w = _Writer(ctx)
    w.close_rrr(rrr, released=True)
    w.event(action.parcel_id, "mortgage_released", subject=action.mortgage_id)


def register_restriction(ctx: ActionContext, action: RegisterRestriction) -> None:
    parcel = _parcel(ctx.state, action.parcel_id, office=action.office)
    _require_source(ctx, action.source_sha256, "source_sha256")
    if action.beneficiary:
        _party(ctx.state, action.beneficiary, "beneficiary")
    w = _Writer(ctx)
    restriction_id = ctx.tx_hash[:ID_SIZE]
    w.open_rrr(
        RrrRecord(
            rrr_id=w.new_rrr_id(),
            parcel_id=parcel.parcel_id,
            kind="restriction",
            rtype=action.restriction_type,
            party=action.beneficiary,
            share=None,
            source_sha256=action.source_sha256,
            begin=w.now,
            lineage=restriction_id,
            description=action.description,
        )
    )
    w.event(
        parcel.parcel_id,
        "restriction_registered",
        subject=restriction_id,
        source=action.source_sha256,
        type=action.restriction_type,
    )


def release_restriction(ctx: ActionContext, action: ReleaseRestriction) -> None:
    _parcel(ctx.state, action.parcel_id, office=action.office)
    _require_source(ctx, action.source_sha256, "source_sha256")
    rrr = _restriction(ctx.state, action.parcel_id, action.restriction_id)
    if rrr.rtype == MORTGAGE:
        raise FailedPrecondition(
            "BAD_RESTRICTION_TYPE",
            "a mortgage is released by its lender with ReleaseMortgage",
        )
    w = _Writer(ctx)
    w.close_rrr(rrr, released=True)
    w.event(
        action.parcel_id,
        "restriction_released",
        subject=action.restriction_id,
        source=action.source_sha256,
    )
