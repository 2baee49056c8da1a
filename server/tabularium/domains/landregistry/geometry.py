"""Exact planar geometry of spatial units on integer coordinates (units of 1e-7 degree).

Every predicate here uses integer orientation tests and ``Fraction`` arithmetic: no floats, so
every node reaches the same verdict on the same input. Rings are stored without the repeated
closing point; a polygon is its outer ring then its holes; a geometry is a MultiPolygon.

The canonical form (what is hashed) orients outer rings counter-clockwise and holes clockwise
(RFC 7946's right-hand rule), starts every ring at its smallest (x, y) vertex, sorts holes and
polygons, and serialises ``{"type":"MultiPolygon","coordinates":...}`` with the closing point
repeated and integer coordinates, by RFC 8785.

Interior overlap is decided by the exact area of the intersection, computed by slab
decomposition: between consecutive x-coordinates of vertices and edge crossings no two edges
cross, so in each slab both shapes are unions of trapezoids whose overlap length is linear in x.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

import rfc8785

from tabularium.errors import FailedPrecondition, InvalidArgument

Point = tuple[int, int]
Ring = tuple[Point, ...]
Polygon = tuple[Ring, ...]
MultiPolygon = tuple[Polygon, ...]
Segment = tuple[Point, Point]

SCALE = 10**7
MAX_VERTICES = 5000
MAX_CELLS = 400
CELL_E7 = 1_000_000  # 0.1 degree
MAX_LON = 180 * SCALE
MAX_LAT = 90 * SCALE


def _bad(message: str) -> InvalidArgument:
    return InvalidArgument("INVALID_GEOMETRY", message, field="geometry")


# ----- primitives ------------------------------------------------------------------------------


def orient(a: Point, b: Point, c: Point) -> int:
    """Twice the signed area of triangle abc: > 0 counter-clockwise, 0 collinear."""
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def _sign(value: int) -> int:
    return (value > 0) - (value < 0)


def _on_segment(a: Point, b: Point, p: Point) -> bool:
    """p (collinear with ab) lies on the closed segment ab."""
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def segments_meet(a: Point, b: Point, c: Point, d: Point) -> bool:
    """The closed segments ab and cd share at least one point."""
    o1, o2 = _sign(orient(a, b, c)), _sign(orient(a, b, d))
    o3, o4 = _sign(orient(c, d, a)), _sign(orient(c, d, b))
    if o1 * o2 < 0 and o3 * o4 < 0:
        return True
    return (
        (o1 == 0 and _on_segment(a, b, c))
        or (o2 == 0 and _on_segment(a, b, d))
        or (o3 == 0 and _on_segment(c, d, a))
        or (o4 == 0 and _on_segment(c, d, b))
    )


def ring_doubled_area(ring: Ring) -> int:
    """Shoelace: twice the signed area (> 0 for counter-clockwise)."""
    total = 0
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        total += x1 * y2 - x2 * y1
    return total


def _edges(ring: Ring) -> list[Segment]:
    return [(ring[i], ring[(i + 1) % len(ring)]) for i in range(len(ring))]


def point_in_ring(point: Point, ring: Ring) -> int:
    """1 strictly inside, 0 on the boundary, -1 outside (exact crossing count)."""
    _x, y = point
    inside = False
    for a, b in _edges(ring):
        if orient(a, b, point) == 0 and _on_segment(a, b, point):
            return 0
        if (a[1] > y) != (b[1] > y):
            # x-coordinate of the crossing compared with x, without division.
            cross = orient(a, b, point)
            if (cross > 0) == (b[1] > a[1]):
                inside = not inside
    return 1 if inside else -1


# ----- input -----------------------------------------------------------------------------------


def quantise(value: Any, where: str) -> int:
    """A coordinate in degrees -> integer 1e-7 degree, round half to even on its decimal text."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | str):
        raise _bad(f"{where}: coordinate {value!r} is not a number")
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        if not number.is_finite():
            raise _bad(f"{where}: coordinate {value!r} is not finite")
        return int((number * SCALE).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
    except InvalidOperation as exc:
        raise _bad(f"{where}: coordinate {value!r} is not a number") from exc


def close_check(positions: Sequence[Point], where: str) -> Ring:
    """A GeoJSON linear ring (closed: first == last, at least 4 positions) -> ring."""
    if len(positions) < 4:
        raise _bad(f"{where}: a linear ring has at least 4 positions, got {len(positions)}")
    if positions[0] != positions[-1]:
        raise _bad(f"{where}: ring not closed (first position differs from the last)")
    return tuple(positions[:-1])


def from_geojson(obj: Mapping[str, Any]) -> MultiPolygon:
    """An RFC 7946 Polygon or MultiPolygon (degrees) -> validated canonical MultiPolygon."""
    kind = obj.get("type")
    coordinates = obj.get("coordinates")
    if kind == "Polygon":
        polygons = [coordinates]
    elif kind == "MultiPolygon":
        polygons = coordinates if isinstance(coordinates, list) else None  # type: ignore[assignment]
    else:
        raise _bad(f"type is {kind!r}; want Polygon or MultiPolygon")
    if not isinstance(polygons, list):
        raise _bad("coordinates is not an array")
    out: list[Polygon] = []
    for p, polygon in enumerate(polygons):
        if not isinstance(polygon, list) or not polygon:
            raise _bad(f"polygon {p}: not a non-empty array of rings")
        rings: list[Ring] = []
        for r, ring in enumerate(polygon):
            where = f"polygon {p} ring {r}"
            if not isinstance(ring, list):
                raise _bad(f"{where}: not an array of positions")
            positions: list[Point] = []
            for v, position in enumerate(ring):
                if not isinstance(position, list) or len(position) != 2:
                    raise _bad(f"{where} position {v}: want [longitude, latitude]")
                positions.append(
                    (
                        quantise(position[0], f"{where} position {v}"),
                        quantise(position[1], f"{where} position {v}"),
                    )
                )
            rings.append(close_check(positions, where))
        out.append(tuple(rings))
    return validate(tuple(out))


def from_e7(polygons: Sequence[Sequence[Sequence[Sequence[int]]]]) -> MultiPolygon:
    """Integer coordinates, rings without (or with) the closing point -> validated canonical."""
    out: list[Polygon] = []
    for polygon in polygons:
        rings = []
        for ring in polygon:
            points = tuple((int(x), int(y)) for x, y in ring)
            if len(points) > 1 and points[0] == points[-1]:
                points = points[:-1]
            rings.append(points)
        out.append(tuple(rings))
    return validate(tuple(out))


# ----- validation and canonical form -----------------------------------------------------------


def _check_ring(ring: Ring, where: str) -> None:
    n = len(ring)
    if n < 3:
        raise _bad(f"{where}: fewer than 3 distinct vertices")
    for i in range(n):
        x, y = ring[i]
        if not (-MAX_LON <= x <= MAX_LON and -MAX_LAT <= y <= MAX_LAT):
            raise _bad(f"{where} vertex {i}: ({x}, {y}) is outside longitude/latitude range")
        if ring[i] == ring[(i + 1) % n]:
            raise _bad(f"{where} vertex {i}: repeated consecutive point")
    if ring_doubled_area(ring) == 0:
        raise _bad(f"{where}: zero area")
    # Adjacent edges must not fold back onto each other (a spike).
    for i in range(n):
        a, b, c = ring[i - 1], ring[i], ring[(i + 1) % n]
        if orient(a, b, c) == 0:
            dot = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1])
            if dot < 0:
                raise _bad(f"{where} vertex {i}: the ring folds back on itself")
    # Non-adjacent edges must not meet: sweep over edges sorted by their smallest x.
    edges = _edges(ring)
    order = sorted(range(n), key=lambda k: min(edges[k][0][0], edges[k][1][0]))
    for pos, i in enumerate(order):
        a, b = edges[i]
        max_x = max(a[0], b[0])
        lo_y, hi_y = min(a[1], b[1]), max(a[1], b[1])
        for j in order[pos + 1 :]:
            c, d = edges[j]
            if min(c[0], d[0]) > max_x:
                break
            if abs(i - j) in (1, n - 1):
                continue
            if max(c[1], d[1]) < lo_y or min(c[1], d[1]) > hi_y:
                continue
            if segments_meet(a, b, c, d):
                raise _bad(f"{where}: self-intersecting (edges {min(i, j)} and {max(i, j)} meet)")


def _rings_meet(r1: Ring, r2: Ring) -> bool:
    e2 = _edges(r2)
    for a, b in _edges(r1):
        for c, d in e2:
            if (
                max(a[0], b[0]) < min(c[0], d[0])
                or max(c[0], d[0]) < min(a[0], b[0])
                or max(a[1], b[1]) < min(c[1], d[1])
                or max(c[1], d[1]) < min(a[1], b[1])
            ):
                continue
            if segments_meet(a, b, c, d):
                return True
    return False


def _start_at_min(ring: Ring) -> Ring:
    k = ring.index(min(ring))
    return ring[k:] + ring[:k]


def _oriented(ring: Ring, ccw: bool) -> Ring:
    if (ring_doubled_area(ring) > 0) != ccw:
        ring = tuple(reversed(ring))
    return _start_at_min(ring)


def validate(mp: MultiPolygon) -> MultiPolygon:
    """Check a MultiPolygon and return its canonical form. Raises InvalidArgument
    (INVALID_GEOMETRY) naming the polygon, ring and vertex at fault."""
    if not mp:
        raise _bad("empty geometry")
    total = sum(len(ring) for polygon in mp for ring in polygon)
    if total > MAX_VERTICES:
        raise _bad(f"{total} vertices; at most {MAX_VERTICES}")
    canonical: list[Polygon] = []
    for p, polygon in enumerate(mp):
        if not polygon:
            raise _bad(f"polygon {p}: no rings")
        for r, ring in enumerate(polygon):
            _check_ring(ring, f"polygon {p} ring {r}")
        outer = _oriented(polygon[0], True)
        holes = [_oriented(h, False) for h in polygon[1:]]
        for h, hole in enumerate(holes, start=1):
            if _rings_meet(outer, hole) or point_in_ring(hole[0], outer) != 1:
                raise _bad(f"polygon {p} ring {h}: a hole must lie strictly inside the outer ring")
            for g in range(1, h):
                other = holes[g - 1]
                if (
                    _rings_meet(hole, other)
                    or point_in_ring(hole[0], other) >= 0
                    or point_in_ring(other[0], hole) >= 0
                ):
                    raise _bad(f"polygon {p}: holes {g} and {h} overlap or touch")
        canonical.append((outer, *sorted(holes)))
    canonical.sort()
    result = tuple(canonical)
    for i in range(len(result)):
        for j in range(i + 1, len(result)):
            if interiors_overlap((result[i],), (result[j],)):
                raise _bad(f"polygons {i} and {j} of the MultiPolygon overlap")
    return result


# ----- output ----------------------------------------------------------------------------------


def _closed(ring: Ring) -> list[list[int]]:
    return [[x, y] for x, y in (*ring, ring[0])]


def to_geojson(mp: MultiPolygon) -> dict[str, Any]:
    """The canonical GeoJSON MultiPolygon with integer 1e-7-degree coordinates (hashed form)."""
    return {
        "type": "MultiPolygon",
        "coordinates": [[_closed(ring) for ring in polygon] for polygon in mp],
    }


def canonical_bytes(mp: MultiPolygon) -> bytes:
    return bytes(rfc8785.dumps(to_geojson(mp)))


def geometry_hash(mp: MultiPolygon) -> bytes:
    """SHA-256 of the RFC 8785 serialisation of the canonical integer form."""
    return hashlib.sha256(canonical_bytes(mp)).digest()


def _degrees(value: int) -> str:
    text = format(Decimal(value).scaleb(-7).normalize(), "f")
    return text


def to_geojson_degrees_text(mp: MultiPolygon) -> str:
    """The canonical geometry as GeoJSON text in degrees, each number printed exactly."""
    polygons = []
    for polygon in mp:
        rings = []
        for ring in polygon:
            points = ",".join(f"[{_degrees(x)},{_degrees(y)}]" for x, y in (*ring, ring[0]))
            rings.append("[" + points + "]")
        polygons.append("[" + ",".join(rings) + "]")
    return '{"type":"MultiPolygon","coordinates":[' + ",".join(polygons) + "]}"


# ----- measures --------------------------------------------------------------------------------


def doubled_area(mp: MultiPolygon) -> int:
    """Twice the area (exact shoelace): outer rings minus holes."""
    return sum(ring_doubled_area(ring) for polygon in mp for ring in polygon)


def bbox(mp: MultiPolygon) -> tuple[int, int, int, int]:
    xs = [x for polygon in mp for x, _ in polygon[0]]
    ys = [y for polygon in mp for _, y in polygon[0]]
    return min(xs), min(ys), max(xs), max(ys)


def _all_edges(mp: MultiPolygon) -> list[Segment]:
    return [edge for polygon in mp for ring in polygon for edge in _edges(ring)]


def _crossing_x(a: Point, b: Point, c: Point, d: Point) -> Fraction | None:
    """x of the single crossing point of segments ab and cd, if they cross at one point."""
    denominator = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0])
    if denominator == 0:
        return None  # parallel: shared points are endpoints, already slab boundaries
    t = Fraction((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) * (d[0] - c[0]), denominator)
    return a[0] + t * (b[0] - a[0])


def _y_at(edge: Segment, x: Fraction) -> Fraction:
    (x1, y1), (x2, y2) = edge
    return y1 + (y2 - y1) * (x - x1) / (x2 - x1)


def _intervals(edges: list[Segment], x: Fraction) -> list[tuple[Fraction, Fraction]]:
    """Inside intervals of a valid geometry on the vertical line at x (no vertex on it)."""
    ys = sorted(_y_at(e, x) for e in edges)
    return [(ys[i], ys[i + 1]) for i in range(0, len(ys) - 1, 2)]


def _overlap_length(
    first: list[tuple[Fraction, Fraction]], second: list[tuple[Fraction, Fraction]]
) -> Fraction:
    total = Fraction(0)
    i = j = 0
    while i < len(first) and j < len(second):
        low = max(first[i][0], second[j][0])
        high = min(first[i][1], second[j][1])
        if high > low:
            total += high - low
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return total


def intersection_doubled_area(
    a: MultiPolygon, b: MultiPolygon, *, stop_at_positive: bool = False
) -> Fraction:
    """Twice the exact area of the intersection of two valid geometries (with
    ``stop_at_positive``, some positive lower bound of it as soon as one slab has overlap)."""
    aminx, aminy, amaxx, amaxy = bbox(a)
    bminx, bminy, bmaxx, bmaxy = bbox(b)
    low_x, high_x = max(aminx, bminx), min(amaxx, bmaxx)
    if low_x >= high_x or max(aminy, bminy) >= min(amaxy, bmaxy):
        return Fraction(0)

    def spanning(edges: list[Segment]) -> list[Segment]:
        out = []
        for p, q in edges:
            if p[0] == q[0]:
                continue  # vertical edges bound no slab
            left, right = (p, q) if p[0] < q[0] else (q, p)
            if right[0] > low_x and left[0] < high_x:
                out.append((left, right))
        return out

    edges_a, edges_b = spanning(_all_edges(a)), spanning(_all_edges(b))
    xs: set[Fraction] = {Fraction(low_x), Fraction(high_x)}
    for edges in (edges_a, edges_b):
        for left, right in edges:
            for x in (left[0], right[0]):
                if low_x < x < high_x:
                    xs.add(Fraction(x))
    edges_b_sorted = sorted(edges_b, key=lambda e: e[0][0])
    b_lefts = [e[0][0] for e in edges_b_sorted]
    for p, q in edges_a:
        stop = bisect_right(b_lefts, q[0])
        for c, d in edges_b_sorted[:stop]:
            if d[0] < p[0]:
                continue
            if max(p[1], q[1]) < min(c[1], d[1]) or max(c[1], d[1]) < min(p[1], q[1]):
                continue
            if segments_meet(p, q, c, d):
                crossing = _crossing_x(p, q, c, d)
                if crossing is not None and low_x < crossing < high_x:
                    xs.add(crossing)
    boundaries = sorted(xs)
    total = Fraction(0)
    for k in range(len(boundaries) - 1):
        x0, x1 = boundaries[k], boundaries[k + 1]
        mid = (x0 + x1) / 2
        in_a = [e for e in edges_a if e[0][0] <= x0 and e[1][0] >= x1]
        if not in_a:
            continue
        in_b = [e for e in edges_b if e[0][0] <= x0 and e[1][0] >= x1]
        if not in_b:
            continue
        total += (x1 - x0) * _overlap_length(_intervals(in_a, mid), _intervals(in_b, mid))
        if stop_at_positive and total > 0:
            break
    return 2 * total


def interiors_overlap(a: MultiPolygon, b: MultiPolygon) -> bool:
    """The interiors meet in a set of positive area (shared edges or vertices do not count)."""
    return intersection_doubled_area(a, b, stop_at_positive=True) > 0


def contains(outer: MultiPolygon, inner: MultiPolygon) -> bool:
    """Every point of ``inner`` is in (the closure of) ``outer``."""
    return intersection_doubled_area(outer, inner) == doubled_area(inner)


def _mismatch(message: str, **metadata: str) -> FailedPrecondition:
    return FailedPrecondition("SUBDIVISION_MISMATCH", message, metadata=metadata)


def _check_partition(whole: MultiPolygon, parts: Sequence[MultiPolygon], what: str) -> None:
    if len(parts) < 2:
        raise _mismatch(f"a {what} needs at least 2 parts")
    for i in range(len(parts)):
        if not contains(whole, parts[i]):
            raise _mismatch(f"{what} part {i} is not inside the whole", part=str(i))
        for j in range(i + 1, len(parts)):
            if interiors_overlap(parts[i], parts[j]):
                raise _mismatch(f"{what} parts {i} and {j} overlap", part=str(j))
    total = sum(doubled_area(p) for p in parts)
    if total != doubled_area(whole):
        raise _mismatch(
            f"{what} parts cover doubled area {total}, the whole {doubled_area(whole)}",
            parts_area=str(total),
            whole_area=str(doubled_area(whole)),
        )


def check_subdivision(parent: MultiPolygon, children: Sequence[MultiPolygon]) -> None:
    """Children pairwise interior-disjoint, each inside the parent, equal in total doubled
    area. Raises FailedPrecondition SUBDIVISION_MISMATCH."""
    _check_partition(parent, children, "subdivision")


def check_merger(parents: Sequence[MultiPolygon], child: MultiPolygon) -> None:
    """Parents pairwise interior-disjoint, each inside the merged parcel, equal in total."""
    _check_partition(child, parents, "merger")


# ----- grid index ------------------------------------------------------------------------------


def cells_of_box(minx: int, miny: int, maxx: int, maxy: int) -> tuple[tuple[int, int], ...]:
    """Grid cells (0.1 degree) that a box meets, sorted. InvalidArgument BOX_TOO_LARGE."""
    cx0, cx1 = minx // CELL_E7, maxx // CELL_E7
    cy0, cy1 = miny // CELL_E7, maxy // CELL_E7
    count = (cx1 - cx0 + 1) * (cy1 - cy0 + 1)
    if count > MAX_CELLS:
        raise InvalidArgument(
            "BOX_TOO_LARGE", f"the box spans {count} grid cells; at most {MAX_CELLS}", field="box"
        )
    return tuple((cx, cy) for cx in range(cx0, cx1 + 1) for cy in range(cy0, cy1 + 1))


def cells(mp: MultiPolygon) -> tuple[tuple[int, int], ...]:
    """Grid cells the geometry's bounding box meets. InvalidArgument GEOMETRY_TOO_LARGE."""
    minx, miny, maxx, maxy = bbox(mp)
    try:
        return cells_of_box(minx, miny, maxx, maxy)
    except InvalidArgument as exc:
        raise InvalidArgument(
            "GEOMETRY_TOO_LARGE",
            f"the parcel's bounding box spans more than {MAX_CELLS} cells of 0.1 degree",
            field="geometry",
        ) from exc
