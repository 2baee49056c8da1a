"""Tender scoring (tabularium.domains.procurement.scoring): hand-worked values, refusals, ties,
order independence and determinism."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabularium.domains.procurement.scoring import (
    FORMULAS,
    BidInput,
    Criterion,
    LotRules,
    ScoredBid,
    catalogue,
    check_rules,
    draw_key,
    score_lot,
)
from tabularium.errors import InvalidArgument

LOWEST = "price/lowest-ratio/v1"
LINEAR = "price/linear-to-estimate/v1"
PROPORTIONAL = "quality/proportional/v1"
RELATIVE = "quality/relative-best/v1"
SEED = b"block-hash-of-the-opening"


def price(weight: int, formula: str = LOWEST, cid: str = "price", kind: str = "price") -> Criterion:
    return Criterion(cid, kind, weight, formula)


def quality(
    weight: int,
    formula: str = PROPORTIONAL,
    cid: str = "quality",
    pass_mark: int = 0,
    top: int = 10,
) -> Criterion:
    return Criterion(cid, "quality", weight, formula, pass_mark, top)


def bid(
    bid_id: str,
    figures: dict[str, int],
    marks: dict[str, tuple[int, ...]],
    entry_index: int = 0,
) -> BidInput:
    return BidInput(bid_id, entry_index, tuple(figures.items()), tuple(marks.items()))


def score(
    rules: LotRules, bids: Sequence[BidInput], estimate: int = 10**6, seed: bytes = SEED
) -> Any:
    return score_lot(rules, bids, estimated_value=estimate, draw_seed=seed)


def summary(result: tuple[ScoredBid, ...]) -> list[tuple[str, int, Fraction]]:
    return [(s.bid_id, s.rank, s.total) for s in result]


class _Refused:
    """``with _Refused("REASON"):`` expects an InvalidArgument with that reason."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        self._ctx = pytest.raises(InvalidArgument)

    def __enter__(self) -> None:
        self._ctx.__enter__()

    def __exit__(self, *exc: Any) -> bool:
        handled = bool(self._ctx.__exit__(*exc))
        assert self._ctx.excinfo is not None
        error = self._ctx.excinfo.value
        assert error.reason == self.reason, error.message
        assert error.message
        return handled


# ----- hand-worked examples --------------------------------------------------------------------


def test_lowest_ratio_and_proportional() -> None:
    rules = LotRules((price(60), quality(40)), "draw")
    result = score(
        rules,
        [
            bid("b1", {"price": 1000}, {"quality": (8, 6)}),  # mean 7
            bid("b2", {"price": 1100}, {"quality": (10, 9, 8)}),  # mean 9
            bid("b3", {"price": 1500}, {"quality": (5,)}),  # mean 5
        ],
    )
    # b1: 60*1000/1000 = 60, 40*7/10 = 28 -> 88
    # b2: 60*1000/1100 = 600/11, 40*9/10 = 36 -> 996/11 = 90 6/11
    # b3: 60*1000/1500 = 40, 40*5/10 = 20 -> 60
    assert summary(result) == [
        ("b2", 1, Fraction(996, 11)),
        ("b1", 2, Fraction(88)),
        ("b3", 3, Fraction(60)),
    ]
    assert result[0].points == (("price", Fraction(600, 11)), ("quality", Fraction(36)))
    assert result[1].points == (("price", Fraction(60)), ("quality", Fraction(28)))
    assert all(s.passed and s.failed_criteria == () for s in result)


def test_proportional_with_a_fractional_mean() -> None:
    rules = LotRules((price(50), quality(50, top=5)), "draw")
    result = score(
        rules,
        [
            bid("a", {"price": 300}, {"quality": (4, 4, 3)}),  # mean 11/3
            bid("b", {"price": 200}, {"quality": (2, 3)}),  # mean 5/2
        ],
    )
    # a: 50*200/300 = 100/3, 50*(11/3)/5 = 110/3 -> 70
    # b: 50,                 50*(5/2)/5 = 25    -> 75
    assert summary(result) == [("b", 1, Fraction(75)), ("a", 2, Fraction(70))]
    assert dict(result[1].points) == {"price": Fraction(100, 3), "quality": Fraction(110, 3)}


def test_linear_to_estimate() -> None:
    rules = LotRules((price(70, LINEAR), quality(30)), "draw")
    bids = [
        bid("low", {"price": 1000}, {"quality": (0,)}),
        bid("mid", {"price": 1500}, {"quality": (0,)}),
        bid("near", {"price": 1900}, {"quality": (0,)}),
        bid("over", {"price": 2500}, {"quality": (10,)}),
    ]
    result = score(rules, bids, estimate=2000)
    # E = 2000, lowest = 1000: 70*(2000-f)/1000
    # low 70, mid 35, near 70*100/1000 = 7, over -35 -> clamped to 0 (+30 quality)
    assert summary(result) == [
        ("low", 1, Fraction(70)),
        ("mid", 2, Fraction(35)),
        ("over", 3, Fraction(30)),
        ("near", 4, Fraction(7)),
    ]
    assert dict(result[2].points)["price"] == Fraction(0)


def test_linear_to_estimate_with_a_fractional_result() -> None:
    rules = LotRules((price(100, LINEAR),), "draw")
    result = score(rules, [bid("a", {"price": 10}, {}), bid("b", {"price": 12}, {})], estimate=13)
    # 100*(13-12)/(13-10) = 100/3
    assert summary(result) == [("a", 1, Fraction(100)), ("b", 2, Fraction(100, 3))]


def test_linear_to_estimate_when_the_estimate_is_at_or_below_the_lowest() -> None:
    rules = LotRules((price(100, LINEAR),), "earliest_bid")
    bids = [
        bid("a", {"price": 1000}, {}, entry_index=2),
        bid("b", {"price": 1000}, {}, entry_index=1),
        bid("c", {"price": 1200}, {}, entry_index=0),
    ]
    for estimate in (900, 1000):
        assert summary(score(rules, bids, estimate=estimate)) == [
            ("b", 1, Fraction(100)),
            ("a", 2, Fraction(100)),
            ("c", 3, Fraction(0)),
        ]


def test_relative_best() -> None:
    rules = LotRules((price(50), quality(50, RELATIVE, top=5)), "draw")
    result = score(
        rules,
        [
            bid("b1", {"price": 100}, {"quality": (4, 5)}),  # mean 9/2, the best
            bid("b2", {"price": 100}, {"quality": (3,)}),  # mean 3
            bid("b3", {"price": 100}, {"quality": (2, 2, 1)}),  # mean 5/3
        ],
    )
    # b2: 50*3/(9/2) = 100/3; b3: 50*(5/3)/(9/2) = 500/27
    assert summary(result) == [
        ("b1", 1, Fraction(100)),
        ("b2", 2, Fraction(250, 3)),
        ("b3", 3, Fraction(1850, 27)),
    ]
    assert dict(result[2].points)["quality"] == Fraction(500, 27)


def test_relative_best_when_every_mark_is_zero() -> None:
    rules = LotRules((price(40), quality(60, RELATIVE)), "draw")
    result = score(
        rules,
        [bid("a", {"price": 10}, {"quality": (0, 0)}), bid("b", {"price": 20}, {"quality": (0,)})],
    )
    assert summary(result) == [("a", 1, Fraction(40)), ("b", 2, Fraction(20))]
    assert all(dict(s.points)["quality"] == 0 for s in result)


def test_cost_criteria_use_the_price_formulas() -> None:
    rules = LotRules((price(30), price(20, LINEAR, cid="lcc", kind="cost"), quality(50)), "draw")
    result = score(
        rules,
        [
            bid("a", {"price": 100, "lcc": 400}, {"quality": (10,)}),
            bid("b", {"price": 150, "lcc": 300}, {"quality": (10,)}),
        ],
        estimate=500,
    )
    # a: 30 + 20*(500-400)/(500-300) = 10 + 50 -> 90
    # b: 30*100/150 = 20 + 20 + 50 -> 90; tie -> draw
    assert {s.bid_id: s.total for s in result} == {"a": Fraction(90), "b": Fraction(90)}
    assert dict(result[0].points if result[0].bid_id == "a" else result[1].points) == {
        "price": Fraction(30),
        "lcc": Fraction(10),
        "quality": Fraction(50),
    }


# ----- pass marks ------------------------------------------------------------------------------


def test_pass_marks_exclude_bids_and_the_field_is_the_passing_bids() -> None:
    rules = LotRules((price(60), quality(40, RELATIVE, pass_mark=6)), "draw")
    result = score(
        rules,
        [
            bid("b1", {"price": 1000}, {"quality": (8, 6)}),  # mean 7
            bid("b2", {"price": 1250}, {"quality": (6,)}),  # mean 6: passes (not below)
            bid("b3", {"price": 500}, {"quality": (10, 1)}),  # mean 11/2 < 6: fails
            bid("b0", {"price": 800}, {"quality": (0,)}),  # fails
        ],
    )
    # Field = b1, b2: lowest price 1000, best mean 7.
    # b1: 60 + 40 = 100; b2: 60*1000/1250 = 48, 40*6/7 = 240/7 -> 576/7
    assert summary(result) == [
        ("b1", 1, Fraction(100)),
        ("b2", 2, Fraction(576, 7)),
        ("b0", 0, Fraction(60 * 500, 800)),  # against all bids: 75/2, quality 0
        ("b3", 0, Fraction(60) + Fraction(40 * 11, 2 * 7)),  # lowest 500, best 7 -> 60 + 220/7
    ]
    assert [(s.passed, s.failed_criteria) for s in result] == [
        (True, ()),
        (True, ()),
        (False, ("quality",)),
        (False, ("quality",)),
    ]


def test_failed_criteria_lists_every_missed_pass_mark_in_rule_order() -> None:
    rules = LotRules(
        (quality(50, cid="z-tech", pass_mark=3), quality(30, cid="a-plan", pass_mark=3), price(20)),
        "draw",
    )
    result = score(
        rules,
        [
            bid("x", {"price": 1}, {"z-tech": (2,), "a-plan": (1,)}),
            bid("y", {"price": 1}, {"z-tech": (3,), "a-plan": (2,)}),
        ],
    )
    assert [(s.bid_id, s.rank, s.failed_criteria) for s in result] == [
        ("x", 0, ("z-tech", "a-plan")),
        ("y", 0, ("a-plan",)),
    ]


def test_when_no_bid_passes_the_field_is_every_bid() -> None:
    rules = LotRules((price(50), quality(50, RELATIVE, pass_mark=9)), "draw")
    result = score(
        rules,
        [
            bid("b", {"price": 200}, {"quality": (8,)}),
            bid("a", {"price": 100}, {"quality": (4,)}),
        ],
    )
    # lowest 100, best 8: a = 50 + 25, b = 25 + 50
    assert summary(result) == [("a", 0, Fraction(75)), ("b", 0, Fraction(75))]
    assert not any(s.passed for s in result)


def test_no_bids() -> None:
    assert score(LotRules((price(100),), "draw"), []) == ()


# ----- tie-breaks ------------------------------------------------------------------------------

TIE_RULES = (price(50), quality(50))


def tied_bids() -> list[BidInput]:
    return [
        bid("A", {"price": 100}, {"quality": (5,)}, entry_index=7),  # 50 + 25
        bid("B", {"price": 200}, {"quality": (10,)}, entry_index=3),  # 25 + 50
        bid("C", {"price": 100}, {"quality": (4, 6)}, entry_index=5),  # 50 + 25
    ]


def drawn(*ids: str, seed: bytes = SEED) -> list[str]:
    """The ids in draw order, computed independently of the module."""
    return sorted(ids, key=lambda i: hashlib.sha256(seed + b"\x00" + i.encode()).digest())


def ranking(tie_break: str, seed: bytes = SEED, bids: list[BidInput] | None = None) -> list[str]:
    result = score(LotRules(TIE_RULES, tie_break), bids or tied_bids(), seed=seed)
    assert [s.total for s in result] == [Fraction(75)] * 3
    assert [s.rank for s in result] == [1, 2, 3]
    return [s.bid_id for s in result]


@pytest.mark.parametrize("seed", [SEED, b"", b"other", bytes(range(32))])
def test_tie_break_lowest_price(seed: bytes) -> None:
    assert ranking("lowest_price", seed) == [*drawn("A", "C", seed=seed), "B"]


@pytest.mark.parametrize("seed", [SEED, b"", b"other"])
def test_tie_break_highest_quality(seed: bytes) -> None:
    assert ranking("highest_quality", seed) == ["B", *drawn("A", "C", seed=seed)]


def test_tie_break_earliest_bid() -> None:
    assert ranking("earliest_bid") == ["B", "C", "A"]


def test_tie_break_earliest_bid_falls_back_to_the_draw() -> None:
    bids = [replace(b, entry_index=1) for b in tied_bids()]
    assert ranking("earliest_bid", bids=bids) == drawn("A", "B", "C")


@pytest.mark.parametrize("seed", [SEED, b"", b"other", b"\x00", b"\x00\x00"])
def test_tie_break_draw(seed: bytes) -> None:
    assert ranking("draw", seed) == drawn("A", "B", "C", seed=seed)


def test_lowest_price_sums_price_and_cost_figures() -> None:
    rules = LotRules(
        (price(50, cid="p"), price(10, cid="c", kind="cost"), quality(40)), "lowest_price"
    )
    bids = [
        # p 50, c 10*100/400 = 5/2, quality 0 -> 105/2; figures sum to 500
        bid("x", {"p": 100, "c": 400}, {"quality": (0,)}),
        # p 50*100/200 = 25, c 10, quality 40*(35/8)/10 = 35/2 -> 105/2; figures sum to 300
        bid("y", {"p": 200, "c": 100}, {"quality": (4, 4, 5, 5, 4, 4, 5, 4)}),
    ]
    for seed in (SEED, b"", b"1", b"2", b"3"):
        result = score(rules, bids, seed=seed)
        assert summary(result) == [("y", 1, Fraction(105, 2)), ("x", 2, Fraction(105, 2))]


def test_draw_key_is_sha256_of_seed_zero_and_bid_id() -> None:
    assert draw_key(b"seed", "bid-1") == hashlib.sha256(b"seed\x00bid-1").digest()


# ----- refusals --------------------------------------------------------------------------------

GOOD = LotRules((price(60), quality(40, pass_mark=2, top=5)), "draw")


@pytest.mark.parametrize(
    ("rules", "reason"),
    [
        (LotRules((), "draw"), "NO_CRITERIA"),
        (replace(GOOD, tie_break="coin"), "BAD_TIE_BREAK"),
        (replace(GOOD, tie_break="Draw"), "BAD_TIE_BREAK"),
        (LotRules((price(60), quality(39)), "draw"), "WEIGHTS_INVALID"),
        (LotRules((price(60), quality(41)), "draw"), "WEIGHTS_INVALID"),
        (LotRules((price(100), quality(0)), "draw"), "WEIGHTS_INVALID"),
        (LotRules((price(110), quality(-10)), "draw"), "WEIGHTS_INVALID"),
        (LotRules((price(100), quality(True)), "draw"), "WEIGHTS_INVALID"),  # bool is not a weight
        (LotRules((price(100, "price/lowest-ratio/v2"),), "draw"), "UNKNOWN_FORMULA"),
        (LotRules((price(60, PROPORTIONAL), quality(40)), "draw"), "UNKNOWN_FORMULA"),
        (LotRules((price(60), quality(40, LOWEST)), "draw"), "UNKNOWN_FORMULA"),
        (LotRules((price(60, RELATIVE, kind="cost"), quality(40)), "draw"), "UNKNOWN_FORMULA"),
        (LotRules((price(60), price(40)), "draw"), "DUPLICATE_CRITERION"),
        (LotRules((price(60, cid="x"), quality(40, cid="x")), "draw"), "DUPLICATE_CRITERION"),
        (LotRules((price(60), quality(40, top=0)), "draw"), "BAD_MARK_SCALE"),
        (LotRules((price(60), quality(40, pass_mark=6, top=5)), "draw"), "BAD_MARK_SCALE"),
        (LotRules((price(60), quality(40, pass_mark=-1)), "draw"), "BAD_MARK_SCALE"),
        (
            LotRules((Criterion("p", "price", 60, LOWEST, 0, 10), quality(40)), "draw"),
            "BAD_MARK_SCALE",
        ),
        (
            LotRules((Criterion("p", "cost", 60, LOWEST, 1, 0), quality(40)), "draw"),
            "BAD_MARK_SCALE",
        ),
        (LotRules((price(100, cid=""),), "draw"), "BAD_CRITERION_ID"),
        (LotRules((price(100, cid="Price"),), "draw"), "BAD_CRITERION_ID"),
        (LotRules((price(100, cid="a" * 65),), "draw"), "BAD_CRITERION_ID"),
        (LotRules((price(100, cid="price\n"),), "draw"), "BAD_CRITERION_ID"),
        (LotRules((price(100, kind="fee"),), "draw"), "UNKNOWN_KIND"),
    ],
)
def test_check_rules_refuses(rules: LotRules, reason: str) -> None:
    with _Refused(reason):
        check_rules(rules)
    with _Refused(reason):
        score(rules, [])


def test_check_rules_accepts() -> None:
    check_rules(GOOD)
    check_rules(LotRules((price(100, cid="a" * 64),), "lowest_price"))
    check_rules(LotRules(tuple(quality(1, cid=f"q{i}") for i in range(100)), "highest_quality"))


def test_refusals_name_the_field() -> None:
    with pytest.raises(InvalidArgument) as info:
        check_rules(LotRules((price(60), quality(40, "quality/best/v9")), "draw"))
    assert info.value.field == "criteria[1].formula"
    assert "quality/proportional/v1" in info.value.message


def good_bid(bid_id: str = "b1", **changes: Any) -> BidInput:
    base = bid(bid_id, {"price": 100}, {"quality": (3, 4)})
    return replace(base, **changes)


@pytest.mark.parametrize(
    ("bids", "reason"),
    [
        ([good_bid(figures=())], "FIGURES_INCOMPLETE"),
        ([good_bid(figures=(("price", 1), ("price", 1)))], "FIGURES_INCOMPLETE"),
        ([good_bid(figures=(("price", 1), ("extra", 1)))], "FIGURES_INCOMPLETE"),
        ([good_bid(figures=(("price", 1), ("quality", 1)))], "FIGURES_INCOMPLETE"),
        ([good_bid(figures=(("price", 0),))], "BAD_FIGURE"),
        ([good_bid(figures=(("price", -5),))], "BAD_FIGURE"),
        ([good_bid(figures=(("price", 2**63),))], "BAD_FIGURE"),
        ([good_bid(figures=(("price", 1.5),))], "BAD_FIGURE"),
        ([good_bid(marks=())], "MARKS_INCOMPLETE"),
        ([good_bid(marks=(("quality", ()),))], "MARKS_INCOMPLETE"),
        ([good_bid(marks=(("quality", (1,)), ("quality", (1,))))], "MARKS_INCOMPLETE"),
        ([good_bid(marks=(("quality", (1,)), ("price", (1,))))], "MARKS_INCOMPLETE"),
        ([good_bid(marks=(("quality", (1,)), ("other", (1,))))], "MARKS_INCOMPLETE"),
        ([good_bid(marks=(("quality", (3, 6)),))], "MARK_OUT_OF_RANGE"),
        ([good_bid(marks=(("quality", (-1,)),))], "MARK_OUT_OF_RANGE"),
        ([good_bid(marks=(("quality", (Fraction(1, 2),)),))], "MARK_OUT_OF_RANGE"),
        ([good_bid("b1"), good_bid("b2"), good_bid("b1")], "DUPLICATE_BID"),
        ([good_bid("")], "BAD_BID_ID"),
        ([good_bid("b 1")], "BAD_BID_ID"),
        ([good_bid("b" * 129)], "BAD_BID_ID"),
        ([good_bid(entry_index=-1)], "BAD_ENTRY_INDEX"),
    ],
)
def test_score_lot_refuses_bids(bids: list[BidInput], reason: str) -> None:
    with _Refused(reason):
        score(GOOD, bids)
    with _Refused(reason):
        score(GOOD, list(reversed([good_bid("b0"), *bids])))


def test_score_lot_refuses_bad_lot_parameters() -> None:
    for estimate in (0, -1, 2**63, True):
        with _Refused("BAD_ESTIMATED_VALUE"):
            score(GOOD, [good_bid()], estimate=estimate)
    with _Refused("BAD_DRAW_SEED"):
        score(GOOD, [good_bid()], seed="seed")  # type: ignore[arg-type]


def test_refusal_does_not_depend_on_bid_order() -> None:
    bids = [good_bid("b2", figures=()), good_bid("b1", marks=()), good_bid("b0")]
    messages = set()
    for order in (bids, bids[::-1], bids[1:] + bids[:1]):
        with pytest.raises(InvalidArgument) as info:
            score(GOOD, order)
        messages.add((info.value.reason, info.value.message, tuple(info.value.metadata.items())))
    assert messages == {
        ("MARKS_INCOMPLETE", "bid 'b1': has no marks for 'quality'", (("bid_id", "b1"),))
    }


# ----- catalogue -------------------------------------------------------------------------------


def test_catalogue() -> None:
    listed = catalogue()
    assert [row[0] for row in listed] == sorted(FORMULAS)
    assert [(row[0], row[1]) for row in listed] == [
        (LINEAR, "cost,price"),
        (LOWEST, "cost,price"),
        (PROPORTIONAL, "quality"),
        (RELATIVE, "quality"),
    ]
    assert all(isinstance(row[2], str) and row[2] for row in listed)
    assert listed == catalogue()


# ----- properties ------------------------------------------------------------------------------


@st.composite
def lots(draw: st.DrawFn) -> tuple[LotRules, list[BidInput], int, bytes]:
    count = draw(st.integers(1, 5))
    cuts = sorted(
        draw(st.lists(st.integers(1, 99), min_size=count - 1, max_size=count - 1, unique=True))
    )
    weights = [b - a for a, b in zip([0, *cuts], [*cuts, 100], strict=True)]
    criteria = []
    for i, weight in enumerate(weights):
        kind = draw(st.sampled_from(["price", "cost", "quality"]))
        if kind == "quality":
            top = draw(st.integers(1, 5))
            criteria.append(
                Criterion(
                    f"c{i}",
                    kind,
                    weight,
                    draw(st.sampled_from([PROPORTIONAL, RELATIVE])),
                    draw(st.integers(0, top)),
                    top,
                )
            )
        else:
            criteria.append(
                Criterion(f"c{i}", kind, weight, draw(st.sampled_from([LOWEST, LINEAR])))
            )
    rules = LotRules(
        tuple(criteria),
        draw(st.sampled_from(["lowest_price", "highest_quality", "earliest_bid", "draw"])),
    )
    ids = draw(st.lists(st.sampled_from("abcdefghij"), max_size=8, unique=True))
    bids = []
    for bid_id in ids:
        figures = tuple(
            (c.id, draw(st.integers(1, 6) | st.integers(1, 10**12)))
            for c in criteria
            if c.kind != "quality"
        )
        marks = tuple(
            (c.id, tuple(draw(st.lists(st.integers(0, c.max_mark), min_size=1, max_size=4))))
            for c in criteria
            if c.kind == "quality"
        )
        bids.append(BidInput(bid_id, draw(st.integers(0, 5)), figures, marks))
    estimate = draw(st.integers(1, 8) | st.integers(1, 10**12))
    seed = draw(st.binary(max_size=8))
    return rules, bids, estimate, seed


def assert_exact(value: object) -> None:
    """No float anywhere: walk the result and check every leaf's type."""
    assert not isinstance(value, float)
    if isinstance(value, tuple):
        for item in value:
            assert_exact(item)
    elif isinstance(value, ScoredBid):
        assert type(value.rank) is int
        assert type(value.passed) is bool
        assert type(value.total) is Fraction
        assert type(value.bid_id) is str
        for cid, points in value.points:
            assert type(cid) is str
            assert type(points) is Fraction
        assert all(type(c) is str for c in value.failed_criteria)
    else:
        assert isinstance(value, (str, int, Fraction))


@settings(max_examples=300, deadline=None)
@given(lots(), st.data())
def test_result_does_not_depend_on_bid_order(
    lot: tuple[LotRules, list[BidInput], int, bytes], data: st.DataObject
) -> None:
    rules, bids, estimate, seed = lot
    expected = score(rules, bids, estimate, seed)
    shuffled = data.draw(st.permutations(bids))
    assert score(rules, shuffled, estimate, seed) == expected
    assert score(rules, tuple(shuffled), estimate, seed) == expected
    assert repr(score(rules, shuffled, estimate, seed)) == repr(expected)


@settings(max_examples=300, deadline=None)
@given(lots())
def test_result_shape_and_bounds(lot: tuple[LotRules, list[BidInput], int, bytes]) -> None:
    rules, bids, estimate, seed = lot
    result = score(rules, bids, estimate, seed)
    assert_exact(result)
    assert sorted(s.bid_id for s in result) == sorted(b.bid_id for b in bids)
    weights = {c.id: c.weight for c in rules.criteria}
    for s in result:
        assert 0 <= s.total <= 100
        assert [cid for cid, _ in s.points] == [c.id for c in rules.criteria]
        assert all(0 <= p <= weights[cid] for cid, p in s.points)
        assert s.total == sum((p for _, p in s.points), Fraction(0))
        assert s.passed == (s.failed_criteria == ())
    ranked = [s for s in result if s.passed]
    failed = [s for s in result if not s.passed]
    assert result == (*ranked, *failed)
    assert [s.rank for s in ranked] == list(range(1, len(ranked) + 1))
    assert [s.total for s in ranked] == sorted((s.total for s in ranked), reverse=True)
    assert all(s.rank == 0 for s in failed)
    assert [s.bid_id for s in failed] == sorted(s.bid_id for s in failed)


def tie_key(rules: LotRules, bid: BidInput, scored: ScoredBid) -> tuple[Fraction, Fraction]:
    """(total, tie-break value) as the test understands the rules; the draw orders what is equal."""
    kinds = {c.id: c.kind for c in rules.criteria}
    if rules.tie_break == "lowest_price":
        second = Fraction(sum(a for _, a in bid.figures))
    elif rules.tie_break == "highest_quality":
        second = -sum((p for cid, p in scored.points if kinds[cid] == "quality"), Fraction(0))
    elif rules.tie_break == "earliest_bid":
        second = Fraction(bid.entry_index)
    else:
        second = Fraction(0)
    return (-scored.total, second)


@settings(max_examples=300, deadline=None)
@given(lots(), st.binary(max_size=8))
def test_seed_only_reorders_drawn_ties(
    lot: tuple[LotRules, list[BidInput], int, bytes], other_seed: bytes
) -> None:
    rules, bids, estimate, seed = lot
    first = score(rules, bids, estimate, seed)
    assert score(rules, bids, estimate, seed) == first
    second = score(rules, bids, estimate, other_seed)
    by_id = {b.bid_id: b for b in bids}

    def groups(result: tuple[ScoredBid, ...]) -> list[tuple[tuple[Fraction, Fraction], set[str]]]:
        out: list[tuple[tuple[Fraction, Fraction], set[str]]] = []
        for s in result:
            if not s.passed:
                continue
            key = tie_key(rules, by_id[s.bid_id], s)
            if out and out[-1][0] == key:
                out[-1][1].add(s.bid_id)
            else:
                assert not out or out[-1][0] < key
                out.append((key, {s.bid_id}))
        return out

    assert groups(first) == groups(second)
    # Within a group the order is the draw under that seed.
    for result, used in ((first, seed), (second, other_seed)):
        position = {s.bid_id: i for i, s in enumerate(result)}
        for _, members in groups(result):
            assert sorted(members, key=position.__getitem__) == drawn(*members, seed=used)
    assert [s for s in first if not s.passed] == [s for s in second if not s.passed]
    assert {s.bid_id: s.points for s in first} == {s.bid_id: s.points for s in second}
