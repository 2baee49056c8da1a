"""Tender evaluation: the published scoring rules of one lot, as pure deterministic code.

Every replica must reach the same ranking byte for byte, so nothing here is a float, reads a
clock or draws a random number: points are exact ``Fraction``s, every collection that could
follow the order of the input is sorted explicitly, and ties left after the lot's tie-break rule
are settled by a draw that is a hash of a seed fixed by the ledger.

Evaluation of a lot, in order:

1. ``check_rules`` refuses badly formed rules; each bid is checked against them.
2. Quality pass marks: a bid whose mean mark on any quality criterion is below that criterion's
   ``pass_mark`` fails. Failed bids are not ranked.
3. Each criterion's formula turns a bid's figure (price, cost) or mean mark (quality) into points
   between 0 and the criterion's weight, relative to the *field*: the values of the bids that
   passed. A failed bid is still given points, for information, relative to the values of all
   bids (which is also "the field" when no bid passed), so its points stay within the weights.
4. Total = sum of the points. Passed bids are ranked by total, highest first; equal totals go
   to the tie-break rule, and what is still equal to the draw.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType

from tabularium.errors import InvalidArgument

PRICE = "price"
COST = "cost"
QUALITY = "quality"
KINDS = (COST, PRICE, QUALITY)
MONEY_KINDS = (COST, PRICE)

LOWEST_PRICE = "lowest_price"
HIGHEST_QUALITY = "highest_quality"
EARLIEST_BID = "earliest_bid"
DRAW = "draw"
TIE_BREAKS = (DRAW, EARLIEST_BID, HIGHEST_QUALITY, LOWEST_PRICE)

TOTAL_WEIGHT = 100
MAX_AMOUNT = 2**63 - 1
"""Largest figure or estimated value, in minor currency units (an int64 on the wire)."""

_CRITERION_ID = re.compile(r"[a-z0-9_-]{1,64}")
_BID_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")
_ZERO = Fraction(0)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# ----- values ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Criterion:
    """One award criterion. ``weight`` is its share of the 100 points; ``formula`` an id of
    ``FORMULAS``. Quality criteria are marked on ``0..max_mark`` and need a mean mark of at least
    ``pass_mark``; price and cost criteria have both at 0."""

    id: str
    kind: str
    weight: int
    formula: str
    pass_mark: int = 0
    max_mark: int = 0


@dataclass(frozen=True, slots=True)
class LotRules:
    """The criteria of a lot, in the order the tender lists them, and its tie-break rule."""

    criteria: tuple[Criterion, ...]
    tie_break: str


@dataclass(frozen=True, slots=True)
class BidInput:
    """An opened bid: ``figures`` holds (criterion id, amount in minor units) per price or cost
    criterion, ``marks`` (criterion id, one mark per committee member) per quality criterion.
    ``entry_index`` is the ledger entry that submitted the bid."""

    bid_id: str
    entry_index: int
    figures: tuple[tuple[str, int], ...]
    marks: tuple[tuple[str, tuple[int, ...]], ...]


@dataclass(frozen=True, slots=True)
class ScoredBid:
    """A bid's result. ``points`` follows the order of the criteria; ``total`` is their sum.
    Passed bids have ranks 1, 2, ...; failed bids have rank 0 and list in ``failed_criteria``
    the quality criteria whose pass mark they missed."""

    bid_id: str
    rank: int
    total: Fraction
    points: tuple[tuple[str, Fraction], ...]
    passed: bool
    failed_criteria: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Reference:
    """What a formula scores against: the lowest and the highest figure or mean mark in the
    field (the bids a bid is compared with), and the lot's estimated value."""

    lowest: Fraction
    highest: Fraction
    estimated_value: int


# ----- formula catalogue -----------------------------------------------------------------------

Formula = Callable[[Criterion, Fraction, Reference], Fraction]
"""(criterion, the bid's figure or mean mark, the field) -> points in [0, weight]."""


def _lowest_ratio(criterion: Criterion, figure: Fraction, ref: Reference) -> Fraction:
    """points = weight x lowest / figure: the cheapest bid gets the full weight, a bid twice
    as dear half of it."""
    return criterion.weight * ref.lowest / figure


def _linear_to_estimate(criterion: Criterion, figure: Fraction, ref: Reference) -> Fraction:
    """points = weight x (E - figure) / (E - lowest), clamped to [0, weight], E the estimated
    value: full weight at the lowest figure, falling linearly to 0 at E and staying 0 above.
    If E <= lowest, bids at the lowest figure get the weight and all others 0."""
    weight = Fraction(criterion.weight)
    estimate = Fraction(ref.estimated_value)
    if estimate <= ref.lowest:
        return weight if figure == ref.lowest else _ZERO
    points = weight * (estimate - figure) / (estimate - ref.lowest)
    return min(max(points, _ZERO), weight)


def _proportional(criterion: Criterion, mean: Fraction, ref: Reference) -> Fraction:
    """points = weight x m / max_mark, m the mean of the committee's marks."""
    return criterion.weight * mean / criterion.max_mark


def _relative_best(criterion: Criterion, mean: Fraction, ref: Reference) -> Fraction:
    """points = weight x m / best, best the highest mean mark in the field (0 if best is 0)."""
    if ref.highest == 0:
        return _ZERO
    return criterion.weight * mean / ref.highest


FORMULAS: Mapping[str, tuple[tuple[str, ...], str, Formula]] = MappingProxyType(
    {
        "price/lowest-ratio/v1": (
            MONEY_KINDS,
            "weight x lowest figure / figure",
            _lowest_ratio,
        ),
        "price/linear-to-estimate/v1": (
            MONEY_KINDS,
            "weight x (estimate - figure) / (estimate - lowest figure), clamped to [0, weight]; "
            "if estimate <= lowest, weight at the lowest figure and 0 elsewhere",
            _linear_to_estimate,
        ),
        "quality/proportional/v1": (
            (QUALITY,),
            "weight x mean mark / max mark",
            _proportional,
        ),
        "quality/relative-best/v1": (
            (QUALITY,),
            "weight x mean mark / best mean mark (0 if the best is 0)",
            _relative_best,
        ),
    }
)
"""Formula id -> (kinds it applies to, description, function). Ids are versioned: a published
formula never changes; a corrected one gets a new id."""


def catalogue() -> tuple[tuple[str, str, str], ...]:
    """(id, kinds comma-joined, description) of every formula, sorted by id."""
    return tuple(
        (formula_id, ",".join(sorted(kinds)), description)
        for formula_id, (kinds, description, _) in sorted(FORMULAS.items())
    )


# ----- checks ----------------------------------------------------------------------------------


def check_rules(rules: LotRules) -> None:
    """Refuse rules that cannot be applied: no criteria, unknown tie-break, bad or repeated
    criterion ids, unknown kinds, formulas outside the catalogue or the criterion's kind,
    weights that are not positive or do not sum to 100, bad marking scales."""
    if not rules.criteria:
        raise InvalidArgument("NO_CRITERIA", "a lot needs at least one criterion", field="criteria")
    if rules.tie_break not in TIE_BREAKS:
        raise InvalidArgument(
            "BAD_TIE_BREAK",
            f"tie_break {rules.tie_break!r} is not one of {', '.join(TIE_BREAKS)}",
            field="tie_break",
        )
    seen: set[str] = set()
    total = 0
    for i, criterion in enumerate(rules.criteria):
        name = f"criteria[{i}]"
        cid = criterion.id
        if not isinstance(cid, str) or _CRITERION_ID.fullmatch(cid) is None:
            raise InvalidArgument(
                "BAD_CRITERION_ID",
                f"{name}.id {cid!r} is not 1 to 64 of a-z 0-9 _ -",
                field=f"{name}.id",
            )
        if cid in seen:
            raise InvalidArgument(
                "DUPLICATE_CRITERION", f"criterion {cid!r} is listed twice", field=f"{name}.id"
            )
        seen.add(cid)
        if criterion.kind not in KINDS:
            raise InvalidArgument(
                "UNKNOWN_KIND",
                f"criterion {cid!r} has kind {criterion.kind!r}; use one of {', '.join(KINDS)}",
                field=f"{name}.kind",
            )
        entry = FORMULAS.get(criterion.formula) if isinstance(criterion.formula, str) else None
        if entry is None:
            raise InvalidArgument(
                "UNKNOWN_FORMULA",
                f"criterion {cid!r} names formula {criterion.formula!r}, which is not in the "
                f"catalogue ({', '.join(sorted(FORMULAS))})",
                field=f"{name}.formula",
            )
        if criterion.kind not in entry[0]:
            fitting = sorted(f for f, (kinds, _, _) in FORMULAS.items() if criterion.kind in kinds)
            raise InvalidArgument(
                "UNKNOWN_FORMULA",
                f"criterion {cid!r} is a {criterion.kind} criterion but formula "
                f"{criterion.formula!r} applies to {', '.join(entry[0])}; use one of "
                f"{', '.join(fitting)}",
                field=f"{name}.formula",
            )
        if not _is_int(criterion.weight) or criterion.weight <= 0:
            raise InvalidArgument(
                "WEIGHTS_INVALID",
                f"criterion {cid!r} has weight {criterion.weight!r}; weights are positive integers",
                field=f"{name}.weight",
            )
        total += criterion.weight
        _check_scale(criterion, name)
    if total != TOTAL_WEIGHT:
        raise InvalidArgument(
            "WEIGHTS_INVALID",
            f"the weights sum to {total}, not {TOTAL_WEIGHT}",
            field="criteria",
        )


def _check_scale(criterion: Criterion, name: str) -> None:
    pass_mark, max_mark = criterion.pass_mark, criterion.max_mark
    if not _is_int(pass_mark) or not _is_int(max_mark):
        raise InvalidArgument(
            "BAD_MARK_SCALE",
            f"criterion {criterion.id!r}: pass_mark and max_mark are integers",
            field=f"{name}.max_mark",
        )
    if criterion.kind == QUALITY:
        if max_mark < 1:
            raise InvalidArgument(
                "BAD_MARK_SCALE",
                f"quality criterion {criterion.id!r} has max_mark {max_mark}; it must be 1 or more",
                field=f"{name}.max_mark",
            )
        if not 0 <= pass_mark <= max_mark:
            raise InvalidArgument(
                "BAD_MARK_SCALE",
                f"quality criterion {criterion.id!r} has pass_mark {pass_mark}; it must be from "
                f"0 to max_mark {max_mark}",
                field=f"{name}.pass_mark",
            )
    elif pass_mark != 0 or max_mark != 0:
        raise InvalidArgument(
            "BAD_MARK_SCALE",
            f"{criterion.kind} criterion {criterion.id!r} is not marked: set pass_mark and "
            "max_mark to 0",
            field=f"{name}.max_mark",
        )


def _bid_error(reason: str, bid_id: str, message: str, field: str) -> InvalidArgument:
    return InvalidArgument(
        reason, f"bid {bid_id!r}: {message}", field=field, metadata={"bid_id": bid_id}
    )


def _counted(ids: Sequence[str]) -> tuple[list[str], list[str]]:
    """The distinct ids, sorted, and those given more than once, sorted."""
    distinct = sorted(set(ids))
    repeated = [i for i in distinct if ids.count(i) > 1]
    return distinct, repeated


def _check_bid(rules: LotRules, bid: BidInput) -> None:
    """Refuse a bid without exactly one positive figure per price or cost criterion and one
    non-empty tuple of in-range marks per quality criterion."""
    bid_id = bid.bid_id
    if not _is_int(bid.entry_index) or bid.entry_index < 0:
        raise _bid_error(
            "BAD_ENTRY_INDEX",
            bid_id,
            f"entry_index {bid.entry_index!r} is not a non-negative integer",
            "bids.entry_index",
        )
    money = [c.id for c in rules.criteria if c.kind in MONEY_KINDS]
    quality = {c.id: c for c in rules.criteria if c.kind == QUALITY}

    figure_ids = [cid for cid, _ in bid.figures]
    distinct, repeated = _counted(figure_ids)
    if repeated:
        raise _bid_error(
            "FIGURES_INCOMPLETE",
            bid_id,
            f"gives more than one figure for {repeated[0]!r}",
            "bids.figures",
        )
    extra = [cid for cid in distinct if cid not in money]
    if extra:
        raise _bid_error(
            "FIGURES_INCOMPLETE",
            bid_id,
            f"gives a figure for {extra[0]!r}, which is not a price or cost criterion of the lot",
            "bids.figures",
        )
    missing = [cid for cid in money if cid not in distinct]
    if missing:
        raise _bid_error(
            "FIGURES_INCOMPLETE", bid_id, f"gives no figure for {missing[0]!r}", "bids.figures"
        )
    for cid, amount in sorted(bid.figures, key=lambda pair: pair[0]):
        if not _is_int(amount) or not 1 <= amount <= MAX_AMOUNT:
            raise _bid_error(
                "BAD_FIGURE",
                bid_id,
                f"figure {amount!r} for {cid!r} is not a whole number of minor currency units "
                f"from 1 to {MAX_AMOUNT}",
                "bids.figures",
            )

    marked_ids = [cid for cid, _ in bid.marks]
    distinct, repeated = _counted(marked_ids)
    if repeated:
        raise _bid_error(
            "MARKS_INCOMPLETE",
            bid_id,
            f"has more than one set of marks for {repeated[0]!r}",
            "bids.marks",
        )
    extra = [cid for cid in distinct if cid not in quality]
    if extra:
        raise _bid_error(
            "MARKS_INCOMPLETE",
            bid_id,
            f"has marks for {extra[0]!r}, which is not a quality criterion of the lot",
            "bids.marks",
        )
    missing = [c.id for c in rules.criteria if c.kind == QUALITY and c.id not in distinct]
    if missing:
        raise _bid_error(
            "MARKS_INCOMPLETE", bid_id, f"has no marks for {missing[0]!r}", "bids.marks"
        )
    for cid, marks in sorted(bid.marks, key=lambda pair: pair[0]):
        if not marks:
            raise _bid_error(
                "MARKS_INCOMPLETE",
                bid_id,
                f"the marks for {cid!r} are empty; give at least one committee member's mark",
                "bids.marks",
            )
        top = quality[cid].max_mark
        for mark in marks:
            if not _is_int(mark) or not 0 <= mark <= top:
                raise _bid_error(
                    "MARK_OUT_OF_RANGE",
                    bid_id,
                    f"mark {mark!r} for {cid!r} is not an integer from 0 to {top}",
                    "bids.marks",
                )


def _check_bid_ids(bids: Sequence[BidInput]) -> list[BidInput]:
    """Refuse malformed or repeated bid ids; return the bids sorted by id."""
    bad = sorted(
        repr(b.bid_id)
        for b in bids
        if not isinstance(b.bid_id, str) or _BID_ID.fullmatch(b.bid_id) is None
    )
    if bad:
        raise InvalidArgument(
            "BAD_BID_ID",
            f"bid id {bad[0]} is not 1 to 128 of A-Z a-z 0-9 . _ : -",
            field="bids.bid_id",
        )
    ordered = sorted(bids, key=lambda b: b.bid_id)
    for before, after in itertools.pairwise(ordered):
        if before.bid_id == after.bid_id:
            raise _bid_error(
                "DUPLICATE_BID", after.bid_id, "is given more than once", "bids.bid_id"
            )
    return ordered


# ----- scoring ---------------------------------------------------------------------------------


def draw_key(draw_seed: bytes, bid_id: str) -> bytes:
    """The draw: SHA-256(draw_seed || 0x00 || UTF-8 bid id); the lowest digest wins."""
    return hashlib.sha256(draw_seed + b"\x00" + bid_id.encode()).digest()


def _reference(values: Sequence[Fraction], estimated_value: int) -> Reference:
    return Reference(min(values), max(values), estimated_value)


def score_lot(
    rules: LotRules, bids: Sequence[BidInput], *, estimated_value: int, draw_seed: bytes
) -> tuple[ScoredBid, ...]:
    """Score and rank the bids of a lot (see the module docstring for the order of work).

    Returns the passed bids by rank (1 = best), then the failed bids (rank 0) by bid id. The
    result does not depend on the order of ``bids``. Ties on total are broken by the lot's rule:
    ``lowest_price`` (lowest sum of the bid's price and cost figures), ``highest_quality``
    (highest sum of quality points), ``earliest_bid`` (lowest entry index) or ``draw``; ties that
    remain go to ``draw_key``.
    """
    check_rules(rules)
    if not _is_int(estimated_value) or not 1 <= estimated_value <= MAX_AMOUNT:
        raise InvalidArgument(
            "BAD_ESTIMATED_VALUE",
            f"estimated_value {estimated_value!r} is not a whole number of minor currency units "
            f"from 1 to {MAX_AMOUNT}",
            field="estimated_value",
        )
    if not isinstance(draw_seed, bytes):
        raise InvalidArgument("BAD_DRAW_SEED", "draw_seed must be bytes", field="draw_seed")
    ordered = _check_bid_ids(bids)
    for bid in ordered:
        _check_bid(rules, bid)
    if not ordered:
        return ()

    # The value each criterion scores, per bid: the figure, or the mean of the marks.
    values: dict[str, dict[str, Fraction]] = {}
    for bid in ordered:
        row = {cid: Fraction(amount) for cid, amount in bid.figures}
        row.update({cid: Fraction(sum(marks), len(marks)) for cid, marks in bid.marks})
        values[bid.bid_id] = row

    failed: dict[str, tuple[str, ...]] = {
        bid.bid_id: tuple(
            c.id
            for c in rules.criteria
            if c.kind == QUALITY and values[bid.bid_id][c.id] < c.pass_mark
        )
        for bid in ordered
    }
    passing = [bid.bid_id for bid in ordered if not failed[bid.bid_id]]

    scored: dict[str, list[tuple[str, Fraction]]] = {bid.bid_id: [] for bid in ordered}
    for criterion in rules.criteria:
        formula = FORMULAS[criterion.formula][2]
        cid = criterion.id
        every = _reference([values[b.bid_id][cid] for b in ordered], estimated_value)
        field = _reference([values[b][cid] for b in passing], estimated_value) if passing else every
        for bid_id, earned in scored.items():
            ref = every if failed[bid_id] else field
            earned.append((cid, Fraction(formula(criterion, values[bid_id][cid], ref))))
    points = {bid_id: tuple(row) for bid_id, row in scored.items()}
    totals = {bid_id: sum((p for _, p in row), _ZERO) for bid_id, row in points.items()}
    quality_ids = frozenset(c.id for c in rules.criteria if c.kind == QUALITY)

    def tie_break(bid: BidInput) -> Fraction:
        if rules.tie_break == LOWEST_PRICE:
            return Fraction(sum(amount for _, amount in bid.figures))
        if rules.tie_break == HIGHEST_QUALITY:
            return -sum((p for cid, p in points[bid.bid_id] if cid in quality_ids), _ZERO)
        if rules.tie_break == EARLIEST_BID:
            return Fraction(bid.entry_index)
        return _ZERO

    ranked = sorted(
        (bid for bid in ordered if not failed[bid.bid_id]),
        key=lambda bid: (
            -totals[bid.bid_id],
            tie_break(bid),
            draw_key(draw_seed, bid.bid_id),
            bid.bid_id,
        ),
    )
    result = [
        ScoredBid(bid.bid_id, rank, totals[bid.bid_id], points[bid.bid_id], True, ())
        for rank, bid in enumerate(ranked, start=1)
    ]
    result.extend(
        ScoredBid(bid.bid_id, 0, totals[bid.bid_id], points[bid.bid_id], False, failed[bid.bid_id])
        for bid in ordered
        if failed[bid.bid_id]
    )
    return tuple(result)
