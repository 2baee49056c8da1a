"""Medicinal packs: the pack key, and what a DataMatrix scanner reads from a pack.

A pack is known on the log only by its pack key: HMAC-SHA-256 under the product's 32-byte key of
``"tabularium.pharma.v1.pack" 0x00 GTIN-14 0x00 serial`` (ASCII). :func:`parse_scan` reads a GS1
element string as a scanner delivers it: an optional symbology identifier ``]d2``, then AIs
(01) GTIN-14 with its check digit, (17) expiry YYMMDD, (10) batch and (21) serial in any order,
the variable-length ones (10, 21: 1-20 characters of GS1 character set 82) ended by GS (0x1D)
unless last. Anything else is a :class:`ScanError` naming the AI. The node's reader
(``tabularium.gs1``) also takes the bracket form, Digital Link URIs and AIs 710-715; this one
does not. Both agree on tests/vectors/pharma/scans.json.
"""

from __future__ import annotations

import calendar
import hashlib
import hmac
from dataclasses import dataclass

from tabularium_client.pb.pharma.v1 import pharma_pb2

GS = "\x1d"
SYMBOLOGY_IDENTIFIER = "]d2"
PACK_KEY_CONTEXT = b"tabularium.pharma.v1.pack\x00"
PRODUCT_KEY_SIZE = 32
MAX_VARIABLE_LENGTH = 20
CS82 = frozenset(
    "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"
)

AI_GTIN, AI_EXPIRY, AI_BATCH, AI_SERIAL = "01", "17", "10", "21"
_REQUIRED = (AI_GTIN, AI_SERIAL, AI_BATCH, AI_EXPIRY)  # the order a missing AI is named in
_FIXED = {AI_GTIN: 14, AI_EXPIRY: 6}
_REASON = {
    AI_GTIN: "BAD_GTIN",
    AI_EXPIRY: "BAD_EXPIRY",
    AI_BATCH: "BAD_BATCH",
    AI_SERIAL: "BAD_SERIAL",
}
# Length of a GS1 AI by its first two digits, to name an AI this reader refuses.
_AI_LENGTH = {
    **{p: 2 for p in ("00", "01", "02", "03", "10", "11", "12", "13", "15", "16", "17")},
    **{p: 2 for p in ("20", "21", "22", "30", "37", *(str(n) for n in range(90, 100)))},
    **{p: 3 for p in ("23", "24", "25", "40", "41", "42", "71")},
    **{p: 4 for p in ("31", "32", "33", "34", "35", "36", "39", "43", "70", "72", "80", "81")},
    "82": 4,
}


class ScanError(ValueError):
    """A scan this reader refuses: ``reason`` (BAD_GTIN, BAD_SERIAL, BAD_BATCH, BAD_EXPIRY,
    MISSING_AI, UNSUPPORTED_AI, DUPLICATE_AI, BAD_SCAN) and the ``ai`` at fault ("" if none)."""

    def __init__(self, reason: str, ai: str, message: str) -> None:
        super().__init__(f"{reason} (AI {ai}): {message}" if ai else f"{reason}: {message}")
        self.reason = reason
        self.ai = ai


@dataclass(frozen=True, slots=True)
class Scan:
    """What a pack's code says."""

    gtin: str
    serial: str
    batch: str
    expiry: str
    """As on the pack, YYMMDD (day 00: the last day of the month)."""

    def scanned_pack(self, product_key: bytes) -> pharma_pb2.ScannedPack:
        """The ScannedPack a VerifyPack or DecommissionPack carries."""
        return pharma_pb2.ScannedPack(
            pack_key=pack_key(product_key, self.gtin, self.serial),
            gtin=self.gtin,
            batch=self.batch,
            expiry=self.expiry,
        )


def gs1_check_digit(digits: str) -> int:
    """The GS1 mod-10 check digit of ``digits`` (weights 3, 1, 3... from the right)."""
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(digits)))
    return (10 - total % 10) % 10


def _is_digits(value: str) -> bool:
    return value != "" and all("0" <= c <= "9" for c in value)


def check_gtin(gtin: str) -> None:
    """Raise ScanError (BAD_GTIN) unless ``gtin`` is 14 digits ending in its check digit."""
    if len(gtin) != 14 or not _is_digits(gtin):
        raise ScanError("BAD_GTIN", AI_GTIN, f"GTIN {gtin!r} must be 14 digits")
    expected = gs1_check_digit(gtin[:13])
    if int(gtin[13]) != expected:
        raise ScanError("BAD_GTIN", AI_GTIN, f"GTIN {gtin}: check digit should be {expected}")


def _check_cs82(ai: str, value: str) -> None:
    if not 1 <= len(value) <= MAX_VARIABLE_LENGTH:
        raise ScanError(_REASON[ai], ai, f"{value!r} must be 1 to 20 characters")
    bad = next((c for c in value if c not in CS82), None)
    if bad is not None:
        raise ScanError(_REASON[ai], ai, f"{bad!r} is not in GS1 character set 82")


def check_serial(serial: str) -> None:
    """Raise ScanError (BAD_SERIAL) unless ``serial`` is 1-20 characters of set 82."""
    _check_cs82(AI_SERIAL, serial)


def _expiry_year(yy: int, reference_year: int) -> int:
    # GS1 General Specifications 7.12: the year falls in reference_year - 49 .. + 50.
    century = reference_year - reference_year % 100
    difference = yy - reference_year % 100
    if difference >= 51:
        century -= 100
    elif difference <= -50:
        century += 100
    return century + yy


def _check_expiry(value: str, reference_year: int) -> None:
    if len(value) != 6 or not _is_digits(value):
        raise ScanError("BAD_EXPIRY", AI_EXPIRY, f"{value!r} must be 6 digits YYMMDD")
    year, month, day = _expiry_year(int(value[:2]), reference_year), int(value[2:4]), int(value[4:])
    if not 1 <= month <= 12:
        raise ScanError("BAD_EXPIRY", AI_EXPIRY, f"{value}: month must be 01 to 12")
    if day > calendar.monthrange(year, month)[1]:
        raise ScanError("BAD_EXPIRY", AI_EXPIRY, f"{value}: no such day in {year}-{month:02d}")


def _split(data: str) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    pos = 0
    while pos < len(data):
        if data[pos] == GS:
            pos += 1
            continue
        prefix = data[pos : pos + 2]
        if len(prefix) != 2 or not _is_digits(prefix):
            raise ScanError("BAD_SCAN", "", f"expected an AI at character {pos + 1}")
        ai = data[pos : pos + _AI_LENGTH.get(prefix, 2)]
        if ai not in _REASON:
            raise ScanError("UNSUPPORTED_AI", ai, "a pack carries AIs 01, 17, 10 and 21 only")
        start = pos + len(ai)
        if ai in _FIXED:
            end = start + _FIXED[ai]
            if end > len(data) or GS in data[start:end]:
                raise ScanError(_REASON[ai], ai, f"needs {_FIXED[ai]} characters")
        else:
            found = data.find(GS, start)
            end = len(data) if found < 0 else found
            if end - start > MAX_VARIABLE_LENGTH:
                raise ScanError(_REASON[ai], ai, "longer than 20 characters (GS missing?)")
        pairs.append((ai, data[start:end]))
        pos = end
    return pairs


def parse_scan(text: str, *, reference_year: int) -> Scan:
    """Read a scanned element string. ``reference_year`` (the current year) fixes the century
    of the expiry. Raises ScanError naming the AI that is missing, unknown or malformed."""
    data = text.strip(" \t\r\n")
    if data.startswith("]"):
        if not data.startswith(SYMBOLOGY_IDENTIFIER):
            raise ScanError("BAD_SCAN", "", f"symbology {data[:3]!r}: only ]d2 is read")
        data = data[len(SYMBOLOGY_IDENTIFIER) :]
    elif not data:
        raise ScanError("BAD_SCAN", "", "scan is empty")
    values: dict[str, str] = {}
    for ai, value in _split(data):
        if ai == AI_GTIN:
            check_gtin(value)
        elif ai == AI_EXPIRY:
            _check_expiry(value, reference_year)
        else:
            _check_cs82(ai, value)
        if values.setdefault(ai, value) != value:
            raise ScanError("DUPLICATE_AI", ai, "appears twice with different values")
    missing = [ai for ai in _REQUIRED if ai not in values]
    if missing:
        raise ScanError("MISSING_AI", missing[0], "a pack carries AIs 01, 21, 10 and 17")
    return Scan(values[AI_GTIN], values[AI_SERIAL], values[AI_BATCH], values[AI_EXPIRY])


def pack_key(product_key: bytes, gtin: str, serial: str) -> bytes:
    """HMAC-SHA-256 under ``product_key`` (32 bytes) of the pack's GTIN and serial: its identity
    on the log. Raises ValueError for a key of another size, ScanError for a bad GTIN or serial."""
    if len(product_key) != PRODUCT_KEY_SIZE:
        raise ValueError(f"product key has {len(product_key)} bytes, want {PRODUCT_KEY_SIZE}")
    check_gtin(gtin)
    check_serial(serial)
    message = PACK_KEY_CONTEXT + gtin.encode("ascii") + b"\x00" + serial.encode("ascii")
    return hmac.new(product_key, message, hashlib.sha256).digest()


DECOMMISSION_REASONS = {
    name.removeprefix("DECOMMISSION_REASON_").lower().replace("_", "-"): value
    for name, value in pharma_pb2.DecommissionReason.items()
    if value != pharma_pb2.DECOMMISSION_REASON_UNSPECIFIED
}
"""--reason names: supplied, destroyed, exported, sample, free-sample, stolen, locked."""


def verify_pack(
    organisation: str, site_gln: str, pack: pharma_pb2.ScannedPack
) -> pharma_pb2.VerifyPack:
    """The VerifyPack action: ``organisation`` checks the pack at its premises ``site_gln``."""
    return pharma_pb2.VerifyPack(organisation=organisation, site_gln=site_gln, pack=pack)


def decommission_pack(
    organisation: str, site_gln: str, pack: pharma_pb2.ScannedPack, reason: int
) -> pharma_pb2.DecommissionPack:
    """The DecommissionPack action (once per pack), for ``reason`` (a DecommissionReason)."""
    if reason == pharma_pb2.DECOMMISSION_REASON_UNSPECIFIED:
        raise ValueError("a decommissioning needs a reason")
    return pharma_pb2.DecommissionPack(
        organisation=organisation,
        site_gln=site_gln,
        pack=pack,
        reason=reason,  # type: ignore[arg-type]
    )
