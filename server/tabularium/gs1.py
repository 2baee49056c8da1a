"""Reading what a scanner delivers from a medicinal pack's GS1 DataMatrix (client side).

``parse_scan`` accepts three spellings of the same data:

* a GS1 element string as a scanner sends it, optionally after a symbology identifier
  (``]d2`` DataMatrix, ``]C1`` GS1-128, ``]Q3`` QR, ``]e0`` DataBar, ``]J1`` DotCode), with FNC1
  sent as ASCII GS (0x1D) after each variable-length element that is not the last;
* the human-readable bracket form ``(01)09506000134352(21)...``; a value that itself contains
  ``(`` digits ``)`` cannot be written this way;
* a GS1 Digital Link URI on any host: ``.../01/{gtin}[/10/{batch}][/21/{serial}]?17=...``, with
  percent-encoding decoded and query parameters that are not AIs ignored.

Only the AIs a medicinal pack carries under the EU Falsified Medicines Directive are accepted:
01, 21, 10 and 17 (all required) and at most one of 710-715. Each element is checked with
``tabularium.domains.pharma.identifiers``; every error is ``InvalidArgument`` naming the AI.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit

from tabularium.domains.pharma import identifiers as ids
from tabularium.errors import InvalidArgument

GS = "\x1d"
GS1_SYMBOLOGIES = frozenset({"]d2", "]C1", "]Q3", "]e0", "]J1"})
# Symbologies without GS1 data, in which a Digital Link URI may be encoded.
URI_SYMBOLOGIES = frozenset({"]d1", "]Q1"})

PACK_KEY_DOMAIN = b"tabularium.pharma.v1.pack\x00"
PRODUCT_KEY_LENGTH = 32

REQUIRED_AIS = (ids.AI_GTIN, ids.AI_SERIAL, ids.AI_BATCH, ids.AI_EXPIRY)
_FIXED_LENGTH = {ids.AI_GTIN: 14, ids.AI_EXPIRY: 6}
_VARIABLE = frozenset({ids.AI_BATCH, ids.AI_SERIAL, *ids.NATIONAL_NUMBER_AIS})
_SUPPORTED = frozenset(_FIXED_LENGTH) | _VARIABLE
_FIELDS = {
    ids.AI_GTIN: "gtin",
    ids.AI_SERIAL: "serial",
    ids.AI_BATCH: "batch",
    ids.AI_EXPIRY: "expiry",
    **dict.fromkeys(ids.NATIONAL_NUMBER_AIS, "national_number"),
}
_REASONS = {
    ids.AI_GTIN: "BAD_GTIN",
    ids.AI_SERIAL: "BAD_SERIAL",
    ids.AI_BATCH: "BAD_BATCH",
    ids.AI_EXPIRY: "BAD_EXPIRY",
    **dict.fromkeys(ids.NATIONAL_NUMBER_AIS, "BAD_NATIONAL_NUMBER"),
}

# Length of an AI by its first two digits (GS1 General Specifications, AI prefix table).
_AI_LENGTH_BY_PREFIX: dict[str, int] = {
    **dict.fromkeys(("00", "01", "02", "03", "10", "11", "12", "13", "15", "16", "17"), 2),
    **dict.fromkeys(("20", "21", "22", "30", "37", *(str(n) for n in range(90, 100))), 2),
    **dict.fromkeys(("23", "24", "25", "40", "41", "42", "71"), 3),
    **dict.fromkeys(("31", "32", "33", "34", "35", "36", "39", "43", "70", "72"), 4),
    **dict.fromkeys(("80", "81", "82"), 4),
}
# Names of some AIs a pack must not carry, so that refusing them reads well.
_OTHER_AI_NAMES = {
    "00": "SSCC",
    "02": "GTIN of contained trade items",
    "11": "production date",
    "15": "best before date",
    "22": "consumer product variant",
    "30": "variable count",
    "37": "count of trade items",
    "240": "additional product identification",
    "241": "customer part number",
    "400": "customer's purchase order number",
    "414": "GLN of a physical location",
    "716": "national healthcare reimbursement number (Italy AIC)",
    "717": "national healthcare reimbursement number (Costa Rica)",
    "7003": "expiration date and time",
    **{str(n): "company internal information" for n in range(91, 100)},
}


@dataclass(frozen=True)
class Scan:
    """The identifiers of one medicinal pack, as read from its code."""

    gtin: str
    serial: str
    batch: str
    expiry_yymmdd: str
    expiry: int
    national_number: tuple[str, str] | None = None


def ai_label(ai: str) -> str:
    """``serial number (AI 21)``: how messages name an element."""
    name = ids.AI_NAMES.get(ai) or _OTHER_AI_NAMES.get(ai)
    return f"{name} (AI {ai})" if name else f"AI {ai}"


def _refuse_ai(ai: str) -> InvalidArgument:
    return InvalidArgument(
        "UNSUPPORTED_AI",
        f"{ai_label(ai)} is not accepted on a medicinal pack; accepted AIs are 01, 21, 10, 17 "
        f"and {', '.join(ids.NATIONAL_NUMBER_AIS)}",
        field="scan",
        metadata={"ai": ai},
    )


def _bad_scan(message: str) -> InvalidArgument:
    return InvalidArgument("BAD_SCAN", message, field="scan")


def _split_element_string(data: str) -> list[tuple[str, str]]:
    """Cut an element string (FNC1 sent as GS) into (AI, value) pairs."""
    pairs: list[tuple[str, str]] = []
    pos = 0
    while pos < len(data):
        if data[pos] == GS:  # FNC1 in first position, or after a fixed-length element
            pos += 1
            continue
        prefix = data[pos : pos + 2]
        if not (len(prefix) == 2 and prefix.isascii() and prefix.isdigit()):
            raise _bad_scan(
                f"expected an application identifier (digits) at character {pos + 1}, "
                f"got {data[pos : pos + 10]!r}"
            )
        length = _AI_LENGTH_BY_PREFIX.get(prefix)
        if length is None:
            raise InvalidArgument(
                "UNSUPPORTED_AI",
                f"no GS1 application identifier starts with {prefix} (at character {pos + 1})",
                field="scan",
                metadata={"ai": prefix},
            )
        ai = data[pos : pos + length]
        if ai not in _SUPPORTED:
            raise _refuse_ai(ai)
        start = pos + length
        if ai in _FIXED_LENGTH:
            end = start + _FIXED_LENGTH[ai]
            value = data[start:end]
            if len(value) < _FIXED_LENGTH[ai] or GS in value:
                raise InvalidArgument(
                    _REASONS[ai],
                    f"{ai_label(ai)}: needs {_FIXED_LENGTH[ai]} digits, got {value.split(GS)[0]!r}",
                    field=_FIELDS[ai],
                )
        else:
            found = data.find(GS, start)
            end = len(data) if found < 0 else found
            value = data[start:end]
            if len(value) > ids.MAX_CS82_LENGTH:
                raise InvalidArgument(
                    _REASONS[ai],
                    f"{ai_label(ai)} {value!r}: longer than {ids.MAX_CS82_LENGTH} characters; "
                    "a variable-length element that is not the last must end with FNC1 "
                    "(GS, 0x1D)",
                    field=_FIELDS[ai],
                )
        pairs.append((ai, value))
        pos = end
    return pairs


_BRACKET_AI = re.compile(r"\((\d{2,4})\)")


def _split_bracket_form(text: str) -> list[tuple[str, str]]:
    """Cut ``(01)...(21)...`` into (AI, value) pairs; blanks around values are dropped."""
    parts = _BRACKET_AI.split(text)
    if parts[0].strip():
        raise _bad_scan(f"bracket form must start with '(AI)', got {parts[0][:10]!r}")
    pairs: list[tuple[str, str]] = []
    for i in range(1, len(parts), 2):
        ai, value = parts[i], parts[i + 1].strip(" ")
        if ai not in _SUPPORTED:
            raise _refuse_ai(ai)
        pairs.append((ai, value))
    return pairs


def _split_digital_link(uri: str) -> list[tuple[str, str]]:
    """Cut a GS1 Digital Link URI into (AI, value) pairs: path key qualifiers, then query."""
    parts = urlsplit(uri)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise _bad_scan(f"Digital Link must be an http or https URI with a host, got {uri!r}")
    segments = [unquote(s) for s in parts.path.split("/") if s]
    path_pairs: list[tuple[str, str]] = []
    # The key and its qualifiers are the last segments; anything before them is a free prefix.
    i = len(segments)
    while i >= 2 and segments[i - 2].isascii() and segments[i - 2].isdigit():
        path_pairs.insert(0, (segments[i - 2], segments[i - 1]))
        i -= 2
        if path_pairs[0][0] == ids.AI_GTIN:
            break
    if not path_pairs or path_pairs[0][0] != ids.AI_GTIN:
        raise InvalidArgument(
            "MISSING_AI",
            f"Digital Link path has no {ai_label(ids.AI_GTIN)}: expected "
            "/01/{gtin}[/10/{batch}][/21/{serial}]",
            field="gtin",
        )
    qualifiers = [ai for ai, _ in path_pairs[1:]]
    for ai in qualifiers:
        if ai not in (ids.AI_BATCH, ids.AI_SERIAL):
            raise _refuse_ai(ai)
    if qualifiers not in ([], [ids.AI_BATCH], [ids.AI_SERIAL], [ids.AI_BATCH, ids.AI_SERIAL]):
        raise _bad_scan(
            "Digital Link path must be /01/{gtin}[/10/{batch}][/21/{serial}] in that order, "
            f"got /{'/'.join(['01', *qualifiers])}"
        )
    gtin = path_pairs[0][1]
    if gtin.isascii() and gtin.isdigit() and len(gtin) in (8, 12, 13):
        path_pairs[0] = (ids.AI_GTIN, gtin.zfill(14))  # Digital Link allows short GTINs
    query_pairs: list[tuple[str, str]] = []
    for item in parts.query.split("&"):
        key, _, value = item.partition("=")
        key = unquote(key)
        if not (key.isascii() and key.isdigit()):
            continue  # not an AI, e.g. linkType: no concern of ours
        if key == ids.AI_GTIN:
            raise _bad_scan(f"{ai_label(key)} must be in the Digital Link path, not the query")
        if key not in _SUPPORTED:
            raise _refuse_ai(key)
        query_pairs.append((key, unquote(value)))
    return path_pairs + query_pairs


def _check_element(ai: str, value: str, reference_year: int) -> None:
    if ai == ids.AI_GTIN:
        ids.check_gtin(value)
    elif ai == ids.AI_SERIAL:
        ids.check_serial(value)
    elif ai == ids.AI_BATCH:
        ids.check_batch(value)
    elif ai == ids.AI_EXPIRY:
        ids.parse_expiry(value, reference_year)
    else:
        ids.check_national_number(ai, value)


def _assemble(pairs: list[tuple[str, str]], *, reference_year: int, hint: str) -> Scan:
    values: dict[str, str] = {}
    national: tuple[str, str] | None = None
    for ai, value in pairs:
        if ai not in _SUPPORTED:
            raise _refuse_ai(ai)
        _check_element(ai, value, reference_year)
        if ai in values and values[ai] != value:
            raise InvalidArgument(
                "DUPLICATE_AI",
                f"{ai_label(ai)} appears twice with different values {values[ai]!r} and {value!r}",
                field=_FIELDS[ai],
                metadata={"ai": ai},
            )
        values[ai] = value
        if ai in ids.NATIONAL_NUMBER_AIS:
            if national is not None and national[0] != ai:
                raise InvalidArgument(
                    "DUPLICATE_AI",
                    f"more than one national healthcare reimbursement number: AI {national[0]} "
                    f"and AI {ai}",
                    field="national_number",
                    metadata={"ai": ai},
                )
            national = (ai, value)
    missing = [ai for ai in REQUIRED_AIS if ai not in values]
    if missing:
        raise InvalidArgument(
            "MISSING_AI",
            f"scan has no {' and no '.join(ai_label(ai) for ai in missing)}; a medicinal pack "
            f"carries AIs 01, 21, 10 and 17{hint}",
            field=_FIELDS[missing[0]],
            metadata={"ai": missing[0]},
        )
    yymmdd = values[ids.AI_EXPIRY]
    return Scan(
        gtin=values[ids.AI_GTIN],
        serial=values[ids.AI_SERIAL],
        batch=values[ids.AI_BATCH],
        expiry_yymmdd=yymmdd,
        expiry=ids.parse_expiry(yymmdd, reference_year),
        national_number=national,
    )


_URI_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def _is_uri(text: str) -> bool:
    return _URI_SCHEME.match(text) is not None


def parse_scan(text: str, *, reference_year: int) -> Scan:
    """Parse a scanned pack code (element string, bracket form or Digital Link URI).

    ``reference_year`` fixes the century of the expiry (GS1 §7.12); pass the current year.
    Raises ``InvalidArgument`` naming the element that is missing, unknown or malformed.
    """
    data = text.strip(" \t\r\n")  # keyboard-wedge scanners add a line end; GS is kept
    if not data:
        raise _bad_scan("scan is empty")
    hint = ""
    if data.startswith("]"):
        symbology, data = data[:3], data[3:]
        if symbology in URI_SYMBOLOGIES and _is_uri(data):
            return _assemble(_split_digital_link(data), reference_year=reference_year, hint="")
        if symbology not in GS1_SYMBOLOGIES:
            raise _bad_scan(
                f"symbology identifier {symbology!r} does not carry GS1 data; expected one of "
                f"{', '.join(sorted(GS1_SYMBOLOGIES))}"
            )
        pairs = _split_element_string(data)
    elif _is_uri(data):
        pairs = _split_digital_link(data)
    elif data.startswith("("):
        pairs = _split_bracket_form(data)
    else:
        pairs = _split_element_string(data)
    if GS not in data and not data.startswith("(") and not _is_uri(data):
        hint = (
            "; the scan has no GS (0x1D) separators, so a variable-length element may have "
            "swallowed the ones after it"
        )
    return _assemble(pairs, reference_year=reference_year, hint=hint)


def pack_key(product_key: bytes, gtin: str, serial: str) -> bytes:
    """The pack's identity on the log: HMAC-SHA-256 of its GTIN and serial.

    The message is ``b"tabularium.pharma.v1.pack\\x00" + gtin + b"\\x00" + serial`` (ASCII)
    keyed with the product's 32-byte secret, so the log holds this key and never the serial in
    clear; only holders of the product key can link a physical pack to its entries.
    """
    if len(product_key) != PRODUCT_KEY_LENGTH:
        raise InvalidArgument(
            "BAD_PRODUCT_KEY",
            f"product key must be exactly {PRODUCT_KEY_LENGTH} bytes, got {len(product_key)}",
            field="product_key",
        )
    ids.check_gtin(gtin)
    ids.check_serial(serial)
    message = PACK_KEY_DOMAIN + gtin.encode("ascii") + b"\x00" + serial.encode("ascii")
    return hmac.new(product_key, message, hashlib.sha256).digest()


def format_element_string(scan: Scan, *, symbology_identifier: str = "") -> str:
    """The element string a scanner would deliver for ``scan``: fixed-length AIs first, then
    variable-length ones separated by GS (no trailing GS)."""
    variable = [f"{ids.AI_BATCH}{scan.batch}"]
    if scan.national_number is not None:
        variable.append("".join(scan.national_number))
    variable.append(f"{ids.AI_SERIAL}{scan.serial}")
    fixed = f"{ids.AI_GTIN}{scan.gtin}{ids.AI_EXPIRY}{scan.expiry_yymmdd}"
    return symbology_identifier + fixed + GS.join(variable)


def format_digital_link(scan: Scan, *, base: str = "https://id.gs1.org") -> str:
    """A GS1 Digital Link URI for ``scan`` under ``base`` (values percent-encoded)."""
    uri = (
        f"{base.rstrip('/')}/01/{scan.gtin}/10/{quote(scan.batch, safe='')}"
        f"/21/{quote(scan.serial, safe='')}?17={scan.expiry_yymmdd}"
    )
    if scan.national_number is not None:
        ai, value = scan.national_number
        uri += f"&{ai}={quote(value, safe='')}"
    return uri


CASE_KEY_DOMAIN = b"tabularium.pharma.v1.case\x00"


def case_key(secret: bytes, sscc: str) -> bytes:
    """A case's identity on the log: HMAC-SHA-256 under the packing organisation's 32-byte
    secret of ``b"tabularium.pharma.v1.case\\x00" + SSCC-18`` (a logistic unit's SSCC, AI 00)."""
    if len(secret) != PRODUCT_KEY_LENGTH:
        raise InvalidArgument(
            "BAD_PRODUCT_KEY", f"case secret must be {PRODUCT_KEY_LENGTH} bytes", field="secret"
        )
    if len(sscc) != 18 or not sscc.isdigit() or int(sscc[-1]) != ids.gs1_check_digit(sscc[:-1]):
        raise InvalidArgument("BAD_SSCC", f"SSCC (AI 00) {sscc!r}: 18 digits with check digit")
    return hmac.new(secret, CASE_KEY_DOMAIN + sscc.encode("ascii"), hashlib.sha256).digest()
