"""Money without floats: integer minor units of ISO 4217 currencies, checked arithmetic,
half-up rounding, dates, and ISO 11649 creditor references."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable

from tabularium.errors import InvalidArgument

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)

# ISO 4217 alphabetic code -> minor unit exponent, for the currencies in use in Europe and
# its main trading partners (ISO 4217 list one, 2024). An unknown code is refused rather than
# guessed at.
EXPONENTS: dict[str, int] = {
    "AUD": 2, "BGN": 2, "BHD": 3, "BRL": 2, "CAD": 2, "CHF": 2, "CLP": 0, "CNY": 2,
    "CZK": 2, "DKK": 2, "EUR": 2, "GBP": 2, "HKD": 2, "HUF": 2, "ISK": 0, "INR": 2,
    "JOD": 3, "JPY": 0, "KRW": 0, "KWD": 3, "MXN": 2, "NOK": 2, "NZD": 2, "OMR": 3,
    "PLN": 2, "RON": 2, "RSD": 2, "SEK": 2, "SGD": 2, "TND": 3, "TRY": 2, "UAH": 2,
    "USD": 2, "ZAR": 2,
}  # fmt: skip


def check_currency(code: str, field: str) -> str:
    if code not in EXPONENTS:
        raise InvalidArgument(
            "UNKNOWN_CURRENCY",
            f"{field} {code!r} is not an ISO 4217 currency this node knows "
            f"({', '.join(sorted(EXPONENTS))})",
            field=field,
        )
    return code


def in_range(value: int, field: str) -> int:
    if not INT64_MIN <= value <= INT64_MAX:
        raise InvalidArgument(
            "AMOUNT_OUT_OF_RANGE",
            f"{field} would be {value} minor units, outside the signed 64-bit range",
            field=field,
        )
    return value


def total(values: Iterable[int], field: str) -> int:
    """A sum that must stay inside int64 at every step."""
    out = 0
    for value in values:
        out = in_range(out + value, field)
    return out


def same_currency(expected: str, got: str, field: str) -> None:
    if got != expected:
        raise InvalidArgument(
            "CURRENCY_MISMATCH",
            f"{field} is in {got or '(none)'}, but this is kept in {expected}",
            field=field,
        )


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded to the nearest integer, halves away from zero (the
    commercial rounding EN 16931 and FatturaPA use)."""
    assert denominator > 0
    magnitude = (2 * abs(numerator) + denominator) // (2 * denominator)
    return magnitude if numerator >= 0 else -magnitude


def vat_of(taxable: int, rate_centi_percent: int) -> int:
    """Tax on ``taxable`` minor units at a rate in hundredths of a percent (BR-CO-17)."""
    return round_half_up(taxable * rate_centi_percent, 10_000)


# ----- dates -----

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DAY_US = 86_400 * 1_000_000


def check_date(text: str, field: str) -> datetime.date:
    try:
        if not _DATE.match(text):
            raise ValueError
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise InvalidArgument(
            "BAD_DATE", f"{field} {text!r} is not a calendar date YYYY-MM-DD", field=field
        ) from None


def day_start_us(day: datetime.date) -> int:
    epoch = datetime.date(1970, 1, 1)
    return (day - epoch).days * _DAY_US


def date_of_us(time_us: int) -> datetime.date:
    return datetime.date(1970, 1, 1) + datetime.timedelta(days=time_us // _DAY_US)


def is_past(day: datetime.date, block_time_us: int) -> bool:
    """Whether the whole of ``day`` (UTC) lies before the block time."""
    return block_time_us >= day_start_us(day) + _DAY_US


_PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$")


def period_range(text: str, field: str = "period") -> tuple[datetime.date, datetime.date]:
    """A tax period "YYYY", "YYYY-MM" or "YYYY-Qn" as [first day, day after the last)."""
    match = _PERIOD.match(text)
    if match is None:
        raise InvalidArgument(
            "BAD_PERIOD", f"{field} {text!r}: want YYYY, YYYY-MM or YYYY-Qn", field=field
        )
    year = int(match.group(1))
    if match.group(2):
        first, months = int(match.group(2)), 1
    elif match.group(3):
        first, months = 3 * int(match.group(3)) - 2, 3
    else:
        first, months = 1, 12
    start = datetime.date(year, first, 1)
    end_month = first + months
    end = datetime.date(year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1)
    return start, end


def period_within(inner: str, outer: str) -> bool:
    """Whether period ``inner`` lies inside period ``outer``."""
    a, b = period_range(inner)
    c, d = period_range(outer)
    return c <= a and b <= d


# ----- ISO 11649 creditor references -----

_REFERENCE = re.compile(r"^RF\d{2}[0-9A-Z]{1,21}$")


def _mod97(text: str) -> int:
    digits = "".join(str(int(ch, 36)) for ch in text)
    return int(digits) % 97


def reference_valid(reference: str) -> bool:
    compact = reference.replace(" ", "").upper()
    if not _REFERENCE.match(compact):
        return False
    return _mod97(compact[4:] + compact[:4]) == 1


def check_reference(reference: str, field: str = "creditor_reference") -> str:
    compact = reference.replace(" ", "").upper()
    if not reference_valid(compact):
        raise InvalidArgument(
            "BAD_REFERENCE",
            f"{field} {reference!r} is not an ISO 11649 creditor reference "
            "(RF, two check digits that make it 1 mod 97, then 1-21 of 0-9 A-Z)",
            field=field,
        )
    return compact


def make_reference(body: str) -> str:
    """The ISO 11649 reference for ``body`` (1-21 of 0-9 A-Z): RF + check digits + body."""
    assert re.fullmatch(r"[0-9A-Z]{1,21}", body)
    check = 98 - _mod97(body + "RF00")
    return f"RF{check:02d}{body}"
