"""Write tests/vectors/pharma/scans.json: scanner strings and pack keys from the Python reference.

Every client library's GS1 element-string parser and pack key are held to these (no server
needed). Each case is a scan as a DataMatrix scanner delivers it and what the server's reference
(`tabularium.gs1.parse_scan` with a fixed reference year, `tabularium.gs1.pack_key` with a fixed
product key) makes of it: the pack's GTIN, serial, batch, expiry and pack key, or the error
reason and the AI it names ("" when the scan names none).

Only scans inside the clients' subset are listed: element strings, optionally after `]d2`, with
AIs 01, 17, 10 and 21. The reference also reads other symbology identifiers, the bracket form,
Digital Link URIs and AIs 710-715, which the clients refuse.

Run from the repository root with `.venv/bin/python clients/cross/make_pharma_vectors.py`; the
output is stable, and clients/cross/test_pharma_vectors.py checks the committed file equals it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from tabularium import gs1
from tabularium.errors import InvalidArgument

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "tests" / "vectors" / "pharma" / "scans.json"
REFERENCE_YEAR = 2026
PRODUCT_KEY = hashlib.sha256(b"tabularium pharma client vectors").digest()
GS = "\x1d"
GTIN = "09506000134352"
FIELD_AI = {"gtin": "01", "serial": "21", "batch": "10", "expiry": "17"}

VALID: list[tuple[str, str]] = [
    (
        "]d2, fixed first, batch then serial last without GS",
        f"]d201{GTIN}17291231" + f"10B12345{GS}21SER0001",
    ),
    ("no symbology identifier", f"01{GTIN}17291231" + f"10B12345{GS}21SER0001"),
    ("serial first, batch, expiry last", f"01{GTIN}21ABC123{GS}10LOT7{GS}17291231"),
    ("expiry first, batch last without GS", "]d217261000" + f"21X9{GS}01{GTIN}10BATCH-1"),
    ("day 00: last day of the month", f"01{GTIN}17270200" + f"10B1{GS}21S1"),
    (
        "leading FNC1 and a GS after a fixed-length element",
        f"]d2{GS}01{GTIN}{GS}17291231{GS}10B1{GS}21S2",
    ),
    ("trailing line end of a keyboard-wedge scanner", f"01{GTIN}17291231" + f"10B1{GS}21S3\r\n"),
    (
        "batch and serial with every punctuation mark of character set 82",
        f"01{GTIN}17291231" + f"10./:;<=>?_z{GS}21!\"%&'()*+,-",
    ),
    ("serial of exactly 20 characters", f"01{GTIN}17291231" + f"10B1{GS}21ABCDEFGHIJ0123456789"),
    ("batch of 20 characters, then serial", f"01{GTIN}1729123110ABCDEFGHIJ0123456789{GS}21S4"),
    ("29 February in a leap year (2028)", f"01{GTIN}17280229" + f"10B1{GS}21S5"),
    ("an AI repeated with the same value", f"01{GTIN}17291231" + f"21S6{GS}10B1{GS}21S6"),
    ("another GTIN", "01040123456789011729123110L" + f"{GS}21SER"),
]

INVALID: list[tuple[str, str]] = [
    ("bad GTIN check digit", "01" + "09506000134353" + "17291231" + f"10B1{GS}21S1"),
    ("GTIN with a letter", "010950600013435X17291231" + f"10B1{GS}21S1"),
    ("GTIN cut short by GS", f"010950600013{GS}17291231" + f"10B1{GS}21S1"),
    ("GTIN cut short at the end", "]d20109506"),
    ("serial of 21 characters, last", f"01{GTIN}17291231" + f"10B1{GS}21ABCDEFGHIJ0123456789X"),
    (
        "serial too long because GS is missing before the batch",
        f"01{GTIN}1729123121SERIAL000000000000000" + "10B1",
    ),
    ("serial with a character outside set 82", f"01{GTIN}17291231" + f"10B1{GS}21AB#1"),
    ("serial with a space", f"01{GTIN}17291231" + f"10B1{GS}21AB CD"),
    ("empty serial", f"01{GTIN}17291231" + f"21{GS}10B1"),
    ("batch with a character outside set 82", f"01{GTIN}17291231" + f"10B~1{GS}21S1"),
    ("empty batch", f"01{GTIN}17291231" + f"10{GS}21S1"),
    ("batch of 21 characters", f"01{GTIN}1729123110ABCDEFGHIJ0123456789X{GS}21S1"),
    ("missing serial", f"01{GTIN}17291231" + "10B1"),
    ("missing batch", f"01{GTIN}17291231" + "21S1"),
    ("missing expiry", f"01{GTIN}10B1{GS}21S1"),
    ("missing GTIN", "17291231" + f"10B1{GS}21S1"),
    ("GTIN only: the first missing AI is named", f"]d201{GTIN}"),
    ("expiry month 13", f"01{GTIN}17291331" + f"10B1{GS}21S1"),
    ("29 February in a common year (2029)", f"01{GTIN}17290229" + f"10B1{GS}21S1"),
    ("expiry day 32", f"01{GTIN}17290132" + f"10B1{GS}21S1"),
    ("expiry with letters", f"01{GTIN}1729AB31" + f"10B1{GS}21S1"),
    ("expiry cut short at the end", f"01{GTIN}10B1{GS}21S1{GS}17291"),
    ("unknown AI 11 (production date)", f"01{GTIN}11260101" + "17291231" + f"10B1{GS}21S1"),
    ("unknown AI 240", f"01{GTIN}17291231" + f"240X{GS}10B1{GS}21S1"),
    ("unknown four-digit AI 7003", f"01{GTIN}172912317003" + f"2601011200{GS}10B1{GS}21S1"),
    ("no AI starts with 50", f"01{GTIN}17291231" + f"50X{GS}10B1{GS}21S1"),
    ("SSCC (AI 00) instead of a GTIN", "00123456789012345675"),
    ("the same AI twice with different values", f"01{GTIN}17291231" + f"21S1{GS}10B1{GS}21S2"),
    ("text where an AI is expected", "]d2HELLO"),
    ("empty scan", ""),
    ("symbology identifier ]Q1 without a URI", f"]Q101{GTIN}17291231" + f"10B1{GS}21S1"),
    ("unknown symbology identifier", f"]X901{GTIN}17291231" + f"10B1{GS}21S1"),
]


def _error_ai(exc: InvalidArgument) -> str:
    ai = exc.metadata.get("ai")
    if ai:
        return str(ai)
    return FIELD_AI.get(exc.field or "", "")


def _case(desc: str, scan: str, valid: bool) -> dict[str, Any]:
    try:
        parsed = gs1.parse_scan(scan, reference_year=REFERENCE_YEAR)
    except InvalidArgument as exc:
        if valid:
            raise AssertionError(f"{desc}: the reference refuses it: {exc}") from exc
        return {
            "desc": desc,
            "scan": scan,
            "want": None,
            "want_err": {"reason": exc.reason, "ai": _error_ai(exc)},
        }
    if not valid or parsed.national_number is not None:
        raise AssertionError(f"{desc}: the reference accepts it: {parsed}")
    return {
        "desc": desc,
        "scan": scan,
        "want": {
            "gtin": parsed.gtin,
            "serial": parsed.serial,
            "batch": parsed.batch,
            "expiry": parsed.expiry_yymmdd,
            "pack_key": gs1.pack_key(PRODUCT_KEY, parsed.gtin, parsed.serial).hex(),
        },
        "want_err": None,
    }


def build() -> str:
    """The file's text."""
    document = {
        "about": (
            "GS1 element strings as a DataMatrix scanner delivers them (optional ]d2, AIs 01, "
            "17, 10, 21; GS is U+001D) parsed by tabularium.gs1.parse_scan with reference_year, "
            "and pack keys by tabularium.gs1.pack_key under product_key (hex). want_err names "
            "the error reason and the AI ('' when none). Written by "
            "clients/cross/make_pharma_vectors.py."
        ),
        "reference_year": REFERENCE_YEAR,
        "product_key": PRODUCT_KEY.hex(),
        "cases": [_case(d, s, True) for d, s in VALID] + [_case(d, s, False) for d, s in INVALID],
    }
    return json.dumps(document, indent=2, ensure_ascii=True) + "\n"


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(build())
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
