"""The committed pharma scan vectors (tests/vectors/pharma/scans.json) are exactly what
clients/cross/make_pharma_vectors.py writes from the server's reference (tabularium.gs1), so the
four clients' parsers are held to the reference and a change of either shows here."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from clients.cross import make_pharma_vectors  # noqa: E402


def test_committed_vectors_equal_the_generator_output() -> None:
    committed = make_pharma_vectors.OUT.read_text()
    assert committed == make_pharma_vectors.build(), (
        "tests/vectors/pharma/scans.json is stale: run "
        ".venv/bin/python clients/cross/make_pharma_vectors.py"
    )
