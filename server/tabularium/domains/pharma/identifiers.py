"""Format checks for the GS1 identifiers on a medicinal pack (pure: standard library only).

Each ``check_*`` function returns its argument when it is well formed and otherwise raises
``InvalidArgument`` whose reason names the kind of identifier (``BAD_GTIN``, ``BAD_SERIAL``...)
and whose message names the GS1 Application Identifier (AI) and says what is wrong.
"""

from __future__ import annotations

import calendar

from tabularium.errors import InvalidArgument

# GS1 AI encodable character set 82 (GS1 General Specifications, figure 7.11-1), in code order.
CS82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
CS82_SET = frozenset(CS82)

AI_GTIN = "01"
AI_BATCH = "10"
AI_EXPIRY = "17"
AI_SERIAL = "21"
AI_GLN = "414"

# National healthcare reimbursement number AIs accepted on a pack, with the scheme each carries.
NATIONAL_NUMBER_AIS: dict[str, str] = {
    "710": "Germany PZN",
    "711": "France CIP",
    "712": "Spain CN",
    "713": "Brazil DRN",
    "714": "Portugal AIM",
    "715": "United States NDC",
}

# Human names of the AIs this module knows, for messages.
AI_NAMES: dict[str, str] = {
    AI_GTIN: "GTIN",
    AI_BATCH: "batch/lot number",
    AI_EXPIRY: "expiry date",
    AI_SERIAL: "serial number",
    AI_GLN: "GLN",
    **{
        ai: f"national healthcare reimbursement number ({scheme})"
        for ai, scheme in NATIONAL_NUMBER_AIS.items()
    },
}

MAX_CS82_LENGTH = 20
PACK_KEY_LENGTH = 32


def gs1_check_digit(data: str) -> int:
    """The GS1 mod-10 check digit for ``data`` (the digits before the check digit)."""
    total = 0
    # Weights alternate 3, 1, 3... starting from the rightmost data digit.
    for position, char in enumerate(reversed(data)):
        total += int(char) * (3 if position % 2 == 0 else 1)
    return (10 - total % 10) % 10


def _check_digits(
    value: str, length: int, *, reason: str, label: str, field: str, hint: str = ""
) -> str:
    for position, char in enumerate(value, start=1):
        if char not in "0123456789":
            raise InvalidArgument(
                reason,
                f"{label} {value!r}: must be {length} digits; {char!r} at position {position} "
                "is not a digit",
                field=field,
            )
    if len(value) != length:
        raise InvalidArgument(
            reason,
            f"{label} {value!r}: must be {length} digits, got {len(value)}{hint}",
            field=field,
        )
    expected = gs1_check_digit(value[:-1])
    if int(value[-1]) != expected:
        raise InvalidArgument(
            reason,
            f"{label} {value}: check digit should be {expected}, got {value[-1]}",
            field=field,
        )
    return value


def check_gtin(gtin: str, field: str = "gtin") -> str:
    """Return ``gtin`` if it is 14 digits ending in a valid GS1 check digit (GTIN-14 form)."""
    return _check_digits(
        gtin,
        14,
        reason="BAD_GTIN",
        label=f"{field} (AI 01)",
        field=field,
        hint=" (write a GTIN-8, -12 or -13 with leading zeros to 14 digits)",
    )


def check_gln(gln: str, field: str = "gln") -> str:
    """Return ``gln`` if it is 13 digits ending in a valid GS1 check digit."""
    return _check_digits(gln, 13, reason="BAD_GLN", label=f"{field} (AI 414)", field=field)


def _check_cs82(value: str, *, reason: str, label: str, field: str) -> str:
    if not 1 <= len(value) <= MAX_CS82_LENGTH:
        raise InvalidArgument(
            reason,
            f"{label} {value!r}: must be 1 to {MAX_CS82_LENGTH} characters, got {len(value)}",
            field=field,
        )
    for position, char in enumerate(value, start=1):
        if char not in CS82_SET:
            raise InvalidArgument(
                reason,
                f"{label} {value!r}: character {char!r} at position {position} is not in "
                "GS1 character set 82 (letters, digits and !\"%&'()*+,-./:;<=>?_)",
                field=field,
            )
    return value


def check_serial(serial: str, field: str = "serial") -> str:
    """Return ``serial`` if it is 1-20 characters of GS1 character set 82 (AI 21)."""
    return _check_cs82(serial, reason="BAD_SERIAL", label=f"{field} (AI 21)", field=field)


def check_batch(batch: str, field: str = "batch") -> str:
    """Return ``batch`` if it is 1-20 characters of GS1 character set 82 (AI 10)."""
    return _check_cs82(batch, reason="BAD_BATCH", label=f"{field} (AI 10)", field=field)


def check_national_number(ai: str, value: str, field: str = "national_number") -> str:
    """Return ``value`` if ``ai`` is one of AI 710-715 and ``value`` is 1-20 chars of CS82."""
    if ai not in NATIONAL_NUMBER_AIS:
        raise InvalidArgument(
            "BAD_NATIONAL_NUMBER",
            f"{field}: AI {ai!r} is not a national healthcare reimbursement number AI; "
            f"expected one of {', '.join(NATIONAL_NUMBER_AIS)}",
            field=field,
        )
    return _check_cs82(
        value,
        reason="BAD_NATIONAL_NUMBER",
        label=f"{field} (AI {ai}, {NATIONAL_NUMBER_AIS[ai]})",
        field=field,
    )


def check_pack_key(key: bytes, field: str = "pack_key") -> bytes:
    """Return ``key`` if it is exactly 32 bytes (an HMAC-SHA-256 pack identity)."""
    if len(key) != PACK_KEY_LENGTH:
        raise InvalidArgument(
            "BAD_PACK_KEY",
            f"{field}: must be exactly {PACK_KEY_LENGTH} bytes, got {len(key)}",
            field=field,
        )
    return key


def expiry_century_year(yy: int, reference_year: int) -> int:
    """The four-digit year for two-digit year ``yy`` (GS1 General Specifications §7.12).

    With D = ``yy`` minus the last two digits of ``reference_year``: D in 51..99 means the
    previous century, D in -99..-50 the next one, anything else the reference year's century.
    So ``yy`` maps into ``reference_year - 49`` .. ``reference_year + 50``.
    """
    century = reference_year - reference_year % 100
    difference = yy - reference_year % 100
    if difference >= 51:
        century -= 100
    elif difference <= -50:
        century += 100
    return century + yy


def parse_expiry(yymmdd: str, reference_year: int, field: str = "expiry") -> int:
    """The expiry date of AI 17 ``yymmdd`` as the integer ``YYYYMMDD`` of its last valid day.

    Day ``00`` means the last day of the month (leap years counted). The century follows the
    GS1 sliding window of ``expiry_century_year`` around ``reference_year``, which the caller
    takes from the block time so that the result is deterministic.
    """
    label = f"{field} (AI 17)"
    if len(yymmdd) != 6 or not (yymmdd.isascii() and yymmdd.isdigit()):
        raise InvalidArgument(
            "BAD_EXPIRY",
            f"{label} {yymmdd!r}: must be 6 digits YYMMDD",
            field=field,
        )
    yy, month, day = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    if not 1 <= month <= 12:
        raise InvalidArgument(
            "BAD_EXPIRY",
            f"{label} {yymmdd}: month must be 01 to 12, got {yymmdd[2:4]}",
            field=field,
        )
    year = expiry_century_year(yy, reference_year)
    last_day = calendar.monthrange(year, month)[1]
    if day > last_day:
        raise InvalidArgument(
            "BAD_EXPIRY",
            f"{label} {yymmdd}: day must be 00 to {last_day} in {year}-{month:02d}, "
            f"got {yymmdd[4:]}",
            field=field,
        )
    return year * 10000 + month * 100 + (day or last_day)
