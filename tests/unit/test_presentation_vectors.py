"""The reference verifier against the shared presentation vectors (tests/vectors/presentations),
which every client library is held to as well."""

from __future__ import annotations

import json
import runpy
from pathlib import Path
from typing import Any

import pytest

from tabularium.vc.did import Resolver
from tabularium.vc.model import parse_datetime
from tabularium.vc.presentation import verify_presentation
from tabularium.vc.verifier import verify_credential

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "presentations"
CASES = json.loads((VECTORS / "cases.json").read_text())["cases"]


SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_presentation_vectors.py"
GENERATOR = runpy.run_path(str(SCRIPT), run_name="vectors")
outcomes = GENERATOR["outcomes"]
"""A verdict's JSON reduced to what the vectors pin: status and each check's outcome."""


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    document = json.loads((VECTORS / case["file"]).read_text())
    resolver = Resolver.pinned([], case.get("bindings", {}))
    now = parse_datetime(case["now"])
    if case["kind"] == "presentation":
        verdict = verify_presentation(
            document, challenge=case["challenge"], domain=case["domain"], now=now, resolver=resolver
        ).as_json()
    else:
        verdict = verify_credential(document, now=now, resolver=resolver).as_json()
    assert outcomes(verdict) == case["want"]
    assert (verdict["status"] == "VALID") == (not verdict["reasons"])


def test_the_vectors_cover_every_presentation_status() -> None:
    statuses = {c["want"]["status"] for c in CASES}
    assert statuses >= {
        "VALID",
        "INVALID_PROOF",
        "HOLDER_NOT_BOUND",
        "HOLDER_NOT_SUBJECT",
        "CHALLENGE_MISMATCH",
        "DOMAIN_MISMATCH",
        "ISSUER_NOT_BOUND",
        "EXPIRED",
    }


def test_generator_is_deterministic(tmp_path: Path) -> None:
    """The committed files are what the generator writes (same keys, times, signatures)."""
    assert GENERATOR["main"](tmp_path) == 0
    before = {p.name: p.read_bytes() for p in VECTORS.iterdir() if p.suffix == ".json"}
    after = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert after == before
