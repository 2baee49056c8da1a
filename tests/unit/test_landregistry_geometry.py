"""Exact geometry of spatial units, cross-checked against shapely (the oracle, never used by the
node) on hand cases and on random shapes."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from fractions import Fraction

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from tabularium.domains.landregistry import geometry as g
from tabularium.errors import FailedPrecondition, InvalidArgument


def rect(x0: int, y0: int, x1: int, y1: int) -> g.MultiPolygon:
    return g.from_e7([[[(x0, y0), (x1, y0), (x1, y1), (x0, y1)]]])


def to_shapely(mp: g.MultiPolygon) -> shapely.Geometry:
    return shapely.MultiPolygon([(poly[0], list(poly[1:])) for poly in mp])


def test_hand_cases() -> None:
    a = rect(0, 0, 10, 10)
    assert not g.interiors_overlap(a, rect(10, 0, 20, 10))  # shared edge
    assert not g.interiors_overlap(a, rect(10, 10, 20, 20))  # shared vertex
    assert not g.interiors_overlap(a, rect(3, 10, 7, 20))  # part of an edge
    assert g.intersection_doubled_area(a, rect(5, 5, 15, 15)) == 50
    assert g.interiors_overlap(a, rect(2, 2, 3, 3)) and g.contains(a, rect(2, 2, 3, 3))
    assert not g.contains(rect(2, 2, 3, 3), a)
    holed = g.from_e7(
        [[[(0, 0), (30, 0), (30, 30), (0, 30)], [(10, 10), (20, 10), (20, 20), (10, 20)]]]
    )
    assert g.doubled_area(holed) == 2 * (900 - 100)
    assert not g.interiors_overlap(holed, rect(10, 10, 20, 20))  # fills the hole exactly
    assert g.interiors_overlap(holed, rect(5, 5, 15, 15))
    ell = g.from_e7([[[(0, 0), (20, 0), (20, 10), (10, 10), (10, 20), (0, 20)]]])
    assert not g.interiors_overlap(ell, rect(10, 10, 20, 20))
    assert g.intersection_doubled_area(ell, rect(5, 5, 15, 15)) == 2 * 75
    triangle = g.from_e7([[[(0, 0), (10, 0), (0, 10)]]])
    assert g.intersection_doubled_area(triangle, rect(0, 0, 5, 5)) == 50
    assert g.intersection_doubled_area(triangle, g.from_e7([[[(10, 0), (10, 10), (0, 10)]]])) == 0


def test_canonical_form_and_known_vector() -> None:
    ccw = [(0, 0), (10, 0), (10, 10), (0, 10)]
    variants = [ccw, list(reversed(ccw)), ccw[2:] + ccw[:2], [*ccw, ccw[0]]]
    forms = {g.canonical_bytes(g.from_e7([[v]])) for v in variants}
    assert forms == {
        b'{"coordinates":[[[[0,0],[10,0],[10,10],[0,10],[0,0]]]],"type":"MultiPolygon"}'
    }
    square = g.from_e7([[ccw]])
    assert g.geometry_hash(square) == hashlib.sha256(forms.pop()).digest()
    # Holes clockwise, outer counter-clockwise.
    holed = g.from_e7(
        [
            [
                list(reversed([(0, 0), (30, 0), (30, 30), (0, 30)])),
                [(10, 10), (20, 10), (20, 20), (10, 20)],
            ]
        ]
    )
    assert g.ring_doubled_area(holed[0][0]) > 0 > g.ring_doubled_area(holed[0][1])


def test_quantisation_rounds_half_to_even() -> None:
    assert g.quantise("12.34567891", "x") == 123456789
    assert g.quantise(Decimal("0.00000005"), "x") == 0
    assert g.quantise(Decimal("0.00000015"), "x") == 2
    assert g.quantise(-4.9, "x") == -49_000_000
    doc = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}
    assert g.doubled_area(g.from_geojson(doc)) == 2 * 10**14


@pytest.mark.parametrize(
    "coordinates",
    [
        [[[0, 0], [1, 0], [1, 1], [0, 1]]],  # not closed
        [[[0, 0], [1, 0], [0, 0]]],  # too few positions
        [[[0, 0], [2, 2], [2, 0], [0, 1], [0, 0]]],  # bow tie
        [[[0, 0], [0, 0], [1, 1], [0, 1], [0, 0]]],  # repeated point
        [[[0, 0], [1, 0], [2, 0], [0, 0]]],  # zero area
        [[[0, 0], [2, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],  # folds back on itself
        [
            [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]],
            [[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]],
        ],  # hole outside
        [[[0, 0], [181, 0], [181, 1], [0, 1], [0, 0]]],  # longitude out of range
        [[[True, 0], [1, 0], [1, 1], [0, 1], [True, 0]]],  # bool
        [[[0, 0], [1, 0], [1, 1, 5], [0, 1], [0, 0]]],  # 3 numbers
    ],
)
def test_invalid_geometry(coordinates: list[object]) -> None:
    with pytest.raises(InvalidArgument) as caught:
        g.from_geojson({"type": "Polygon", "coordinates": coordinates})
    assert caught.value.reason == "INVALID_GEOMETRY"


def test_limits() -> None:
    with pytest.raises(InvalidArgument) as caught:
        g.from_e7([[[(i, i * i) for i in range(g.MAX_VERTICES + 1)]]])
    assert caught.value.reason == "INVALID_GEOMETRY"
    with pytest.raises(InvalidArgument) as caught:
        g.cells(rect(0, 0, 30 * g.CELL_E7, 30 * g.CELL_E7))
    assert caught.value.reason == "GEOMETRY_TOO_LARGE"
    with pytest.raises(InvalidArgument) as caught:
        g.from_geojson(
            {
                "type": "MultiPolygon",
                "coordinates": [
                    [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]],
                    [[[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]],
                ],
            }
        )
    assert caught.value.reason == "INVALID_GEOMETRY"


def test_many_vertices_validate() -> None:
    # A 4,000-vertex star: exercises the sweep (no timing assertion).
    import math

    n = 4000
    points = []
    for i in range(n):
        radius = 1_000_000 if i % 2 else 600_000
        angle = 2 * math.pi * i / n
        points.append((round(radius * math.cos(angle)), round(radius * math.sin(angle))))
    star = g.from_e7([[points]])
    assert g.doubled_area(star) > 0


small = st.integers(min_value=0, max_value=12)


@st.composite
def rectangles(draw: st.DrawFn) -> g.MultiPolygon:
    x0, x1 = sorted(draw(st.lists(small, min_size=2, max_size=2, unique=True)))
    y0, y1 = sorted(draw(st.lists(small, min_size=2, max_size=2, unique=True)))
    return rect(x0, y0, x1, y1)


def _hull(points: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def half(seq: list[tuple[int, int]]) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        for p in seq:
            while len(out) >= 2 and g.orient(out[-2], out[-1], p) <= 0:
                out.pop()
            out.append(p)
        return out

    lower, upper = half(pts), half(list(reversed(pts)))
    return lower[:-1] + upper[:-1]


@st.composite
def convex(draw: st.DrawFn) -> g.MultiPolygon:
    points = draw(st.lists(st.tuples(small, small), min_size=3, max_size=8))
    hull = _hull(points)
    if len(hull) < 3:
        return draw(rectangles())
    return g.from_e7([[hull]])


@st.composite
def orthogonal(draw: st.DrawFn) -> g.MultiPolygon:
    """An L, T or U shape made of unit cells of a 3x3 grid, scaled."""
    shapes = [
        [(0, 0), (3, 0), (3, 1), (1, 1), (1, 3), (0, 3)],
        [(0, 2), (0, 3), (3, 3), (3, 2), (2, 2), (2, 0), (1, 0), (1, 2)],
        [(0, 0), (3, 0), (3, 3), (2, 3), (2, 1), (1, 1), (1, 3), (0, 3)],
    ]
    shape = draw(st.sampled_from(shapes))
    scale = draw(st.integers(1, 4))
    dx, dy = draw(small), draw(small)
    return g.from_e7([[[(x * scale + dx, y * scale + dy) for x, y in shape]]])


shapes = st.one_of(rectangles(), convex(), orthogonal())


@settings(max_examples=300, deadline=None)
@given(shapes, shapes)
def test_overlap_and_area_agree_with_shapely(a: g.MultiPolygon, b: g.MultiPolygon) -> None:
    sa, sb = to_shapely(a), to_shapely(b)
    assert g.interiors_overlap(a, b) == sa.relate_pattern(sb, "T********")
    area = g.intersection_doubled_area(a, b)
    assert area == g.intersection_doubled_area(b, a)
    assert abs(float(area) - 2 * sa.intersection(sb).area) < 1e-6
    assert g.contains(a, b) == sa.covers(sb)
    assert g.doubled_area(a) == round(2 * sa.area)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 9), min_size=1, max_size=3, unique=True), st.integers(0, 3))
def test_subdivision_into_strips(cuts: list[int], perturb: int) -> None:
    xs = [0, *sorted(cuts), 10]
    parent = rect(0, 0, 10, 5)
    strips = [rect(xs[i], 0, xs[i + 1], 5) for i in range(len(xs) - 1)]
    if len(strips) >= 2:
        g.check_subdivision(parent, strips)
        g.check_merger(strips, parent)
    bad = list(strips)
    x0, _, x1, _ = g.bbox(bad[0])
    bad[0] = rect(x0, 0, x1 + 1, 5) if perturb % 2 else rect(x0, 0, x1, 4)
    with pytest.raises(FailedPrecondition) as caught:
        g.check_subdivision(parent, bad if len(bad) >= 2 else [*bad, rect(9, 0, 10, 5)])
    assert caught.value.reason == "SUBDIVISION_MISMATCH"


def test_fractions_exact() -> None:
    # A crossing at a non-integer x still gives an exact rational area.
    thin = g.from_e7([[[(0, 0), (3, 1), (0, 1)]]])
    other = g.from_e7([[[(0, 1), (3, 0), (3, 1)]]])
    area = g.intersection_doubled_area(thin, other)
    assert isinstance(area, Fraction) and area == Fraction(3, 2)
