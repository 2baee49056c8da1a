"""Read-only queries of the land registry over one committed snapshot.

``get`` reads a key of the domain's state; ``scan`` yields (key, value) pairs under a prefix
in key order. Heights are block heights: a version is in force at ``h`` when it began at or
before ``h`` and had not ended by ``h``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from fractions import Fraction

from tabularium.domains.landregistry import geometry
from tabularium.domains.landregistry.model import (
    OWNERSHIP,
    ParcelEvent,
    ParcelRecord,
    RrrRecord,
    TransferRecord,
)
from tabularium.domains.landregistry.rules import (
    events_prefix,
    grid_key,
    parcel_key,
    parcel_version_key,
    rrr_key,
    transfer_key,
    versions_prefix,
)
from tabularium.errors import InvalidArgument, NotFound

Get = Callable[[bytes], bytes | None]
Scan = Callable[[bytes], Iterator[tuple[bytes, bytes]]]
MAX_BOX_PARCELS = 1000


def parcel(get: Get, parcel_id: str, at_height: int = 0) -> ParcelRecord:
    """The parcel, or its version in force at ``at_height`` (0: latest). Raises NotFound."""
    raw = get(parcel_key(parcel_id))
    if raw is None:
        raise NotFound("PARCEL_NOT_FOUND", f"no parcel {parcel_id}", metadata={"parcel": parcel_id})
    record = ParcelRecord.decode(raw)
    if at_height == 0:
        return record
    for version in range(record.version, 0, -1):
        old_raw = get(parcel_version_key(parcel_id, version))
        assert old_raw is not None
        old = ParcelRecord.decode(old_raw)
        # A version is recorded at the parcel's registration, or at its retirement.
        recorded = old.end.height if old.end is not None else old.begin.height
        if recorded <= at_height:
            return old
    raise NotFound(
        "PARCEL_NOT_FOUND",
        f"parcel {parcel_id} was registered at height {record.begin.height}, after {at_height}",
        metadata={"parcel": parcel_id},
    )


def versions(get: Get, scan: Scan, parcel_id: str) -> list[RrrRecord]:
    """Every RRR version ever opened on the parcel, in opening order."""
    out = []
    for _, rrr_id in scan(versions_prefix(parcel_id)):
        raw = get(rrr_key(rrr_id))
        assert raw is not None
        out.append(RrrRecord.decode(raw))
    return out


def in_force(get: Get, scan: Scan, parcel_id: str, height: int) -> list[RrrRecord]:
    return [v for v in versions(get, scan, parcel_id) if v.in_force_at(height)]


def events(scan: Scan, parcel_id: str) -> list[ParcelEvent]:
    return [ParcelEvent.decode(raw) for _, raw in scan(events_prefix(parcel_id))]


def transfer(get: Get, transfer_id: bytes) -> TransferRecord:
    raw = get(transfer_key(transfer_id))
    if raw is None:
        raise NotFound(
            "TRANSFER_NOT_FOUND",
            f"no transfer {transfer_id.hex()}",
            metadata={"transfer_id": transfer_id.hex()},
        )
    return TransferRecord.decode(raw)


def chain_of_title(rrrs: list[RrrRecord]) -> list[tuple[int, int | None, dict[str, Fraction]]]:
    """Ownership as consecutive periods ``(begin_height, end_height or None, holders)``: each
    begins where the previous ended, and in each the shares sum to exactly 1. Raises
    AssertionError on a gap or overlap (which the rules make impossible)."""
    owners = [r for r in rrrs if r.kind == "right" and r.rtype == OWNERSHIP]
    if not owners:
        return []
    heights = sorted({r.begin.height for r in owners} | {r.end.height for r in owners if r.end})
    periods: list[tuple[int, int | None, dict[str, Fraction]]] = []
    for position, start in enumerate(heights):
        end = heights[position + 1] if position + 1 < len(heights) else None
        holding = {r.party: r.share for r in owners if r.in_force_at(start) and r.share is not None}
        if not holding:
            assert end is None, f"no owner from height {start} to {end}"
            break
        assert sum(holding.values(), Fraction(0)) == 1, f"shares at height {start} do not sum to 1"
        periods.append((start, end, dict(sorted(holding.items()))))
    return periods


def parcels_in_box(get: Get, level: int, box: tuple[int, int, int, int]) -> list[ParcelRecord]:
    """Active parcels on ``level`` whose bounding box meets ``box`` (minx, miny, maxx, maxy in
    1e-7 degree, inclusive), sorted by id. Raises InvalidArgument for a bad or too large box."""
    minx, miny, maxx, maxy = box
    if minx > maxx or miny > maxy:
        raise InvalidArgument("BAD_BOX", "the box's minimum exceeds its maximum", field="box")
    found: set[str] = set()
    for cell in geometry.cells_of_box(minx, miny, maxx, maxy):
        raw = get(grid_key(level, cell))
        if raw is not None:
            found.update(json.loads(raw))
    out = []
    for parcel_id in sorted(found):
        record = parcel(get, parcel_id)
        pminx, pminy, pmaxx, pmaxy = record.bbox
        if pminx <= maxx and pmaxx >= minx and pminy <= maxy and pmaxy >= miny:
            out.append(record)
        if len(out) >= MAX_BOX_PARCELS:
            break
    return out
