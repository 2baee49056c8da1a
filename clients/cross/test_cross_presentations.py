"""Presentations and credentials verified offline in every language: each client's
`scripts/cli.sh verify-presentation|verify-credential` gives, for every case of
tests/vectors/presentations, the wanted status, exit code and outcome of every check. No node."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from clients.cross.test_cross_language import LANGUAGES, cli  # noqa: E402
from tests.unit.test_presentation_vectors import CASES, VECTORS, outcomes  # noqa: E402


def _run(language: str, case: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    args = ["--file", str(VECTORS / case["file"]), "--now", case["now"]]
    for party, did in case.get("bindings", {}).items():
        args += ["--bind", f"{party}={did}"]
    if case["kind"] == "presentation":
        command = "verify-presentation"
        args += ["--challenge", case["challenge"], "--domain", case["domain"]]
    else:
        command = "verify-credential"
    result = cli(language, command, *args)
    assert result.returncode in (0, 1), f"{language} {case['name']}: {result.stderr}"
    return result.returncode, json.loads(result.stdout)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_client_reaches_every_verdict(language: str) -> None:
    for case in CASES:
        code, verdict = _run(language, case)
        assert outcomes(verdict) == case["want"], f"{language} {case['name']}"
        assert code == (0 if case["want"]["status"] == "VALID" else 1), case["name"]
        assert verdict["status"] == "VALID" or verdict["reasons"], case["name"]
