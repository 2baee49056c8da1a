"""The app hash against its known-answer vectors (tests/vectors/consensus/app_hash.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tabularium.chain.apphash import app_hash

CASES = json.loads(
    (Path(__file__).parents[1] / "vectors" / "consensus" / "app_hash.json").read_text()
)


@pytest.mark.parametrize("case", CASES, ids=[c["desc"] for c in CASES])
def test_app_hash_vectors(case: dict[str, Any]) -> None:
    args = case["input"]
    call = lambda: app_hash(  # noqa: E731
        args["height"], bytes.fromhex(args["log_root"]), bytes.fromhex(args["state_digest"])
    )
    if case["want_err"] is None:
        assert call().hex() == case["want"]
    else:
        with pytest.raises(ValueError):
            call()
