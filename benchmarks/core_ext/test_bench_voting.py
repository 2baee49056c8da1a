"""Ballot verification and the tally's weighted sum: the extension against the pure-Python
reference (``rbcl``) on the same participatory-budget ballot, grouped so pytest-benchmark shows
the two side by side. ``make test`` runs each once (``--benchmark-disable``);
``pytest benchmarks/core_ext/test_bench_voting.py --benchmark-enable`` times them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from benchmarks.core_ext.voting_bench import H_E, KEY, MANIFEST, REF_MANIFEST, _ballots, _to_ref
from tabularium.crypto import voting
from tests.reference import voting_ref as ref

BALLOT, CHAINING = _ballots(1)[0]
REF_BALLOT = _to_ref(BALLOT)
CTS = [s.ciphertext for s in BALLOT.contests[0].selections] * 20
REF_CTS = [ref.Ciphertext(ct.alpha, ct.beta) for ct in CTS]

CASES: dict[str, dict[str, Callable[[], Any]]] = {
    "verify-ballot": {
        "ext": lambda: voting.verify_ballot(H_E, KEY, MANIFEST, BALLOT, CHAINING) is None,
        "reference": lambda: ref.verify_ballot(H_E, KEY, REF_MANIFEST, REF_BALLOT, CHAINING),
    },
    "weighted-sum-100": {
        "ext": lambda: voting.aggregate([(ct, 7) for ct in CTS]).alpha,
        "reference": lambda: ref.aggregate([(ct, 7) for ct in REF_CTS]).alpha,
    },
}


@pytest.mark.parametrize("impl", ["ext", "reference"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_voting_operation(benchmark: BenchmarkFixture, case: str, impl: str) -> None:
    benchmark.group = f"voting-{case}"
    result = benchmark(CASES[case][impl])
    if case == "verify-ballot":
        assert result is True
    else:
        assert result == CASES[case]["reference" if impl == "ext" else "ext"]()
