"""The client's offline credential and presentation verifier agrees with every case of
tests/vectors/presentations (format and checks in its README.md)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from conftest import VECTORS

from tabularium_client.credentials import canonicalize, verify_credential, verify_presentation

FOLDER = VECTORS.parent / "presentations"
CASES = json.loads((FOLDER / "cases.json").read_text())["cases"]


def _outcomes(verdict: dict[str, Any]) -> dict[str, Any]:
    got: dict[str, Any] = {
        "status": verdict["status"],
        "checks": {name: check["outcome"] for name, check in verdict["checks"].items()},
    }
    if "credentials" in verdict:
        got["credentials"] = [_outcomes(c) for c in verdict["credentials"]]
    return got


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    raw = (FOLDER / case["file"]).read_bytes()
    now = datetime.fromisoformat(case["now"].replace("Z", "+00:00"))
    bindings = case.get("bindings", {})
    if case["kind"] == "presentation":
        verdict = verify_presentation(
            raw, challenge=case["challenge"], domain=case["domain"], now=now, bindings=bindings
        )
    else:
        verdict = verify_credential(raw, now=now, bindings=bindings)
    assert _outcomes(verdict.as_json()) == case["want"]


def test_malformed_input_is_a_verdict() -> None:
    now = datetime.fromisoformat("2026-12-06T10:00:00+00:00")
    for raw in (b"{", b"[]", b'{"a": 1, "a": 2}', b'{"x": NaN}'):
        assert verify_presentation(raw, challenge="c", domain="d", now=now).status == "MALFORMED"
        assert verify_credential(raw, now=now).status == "MALFORMED"


def test_jcs_matches_rfc8785_for_strings_and_key_order() -> None:
    value = {"\u20ac": 1, "\r": 2, "\ufb33": 3, "1": 4, "\U0001f600": 5, "\u0080": 6}
    # RFC 8785 §3.2.3: keys sort by UTF-16 code units (the emoji's surrogates before U+FB33).
    want = '{"\\r":2,"1":4,"\u0080":6,"\u20ac":1,"\U0001f600":5,"\ufb33":3}'
    assert canonicalize(value).decode() == want
    assert canonicalize('\u001f\t"\\/\u2028') == b'"\\u001f\\t\\"\\\\/\xe2\x80\xa8"'
    with pytest.raises(ValueError, match="non-integer"):
        canonicalize(1.5)
