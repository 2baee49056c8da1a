"""Threshold cryptography over ristretto255: the extension (curve25519-dalek) against the
Python reference on libsodium (``rbcl``) for the same operations, same run, grouped so
pytest-benchmark shows the two side by side. ``make test`` runs each once
(``--benchmark-disable``); ``pytest benchmarks/core_ext/test_bench_threshold.py
--benchmark-enable`` times them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from tabularium.crypto import threshold as th
from tests.reference import threshold_ref as ref

KEY = b"H_E"
X, U, A = 0x1234567 * 7919, 0xABCDEF * 104729, 0x777 * 65537
PROOF = th.schnorr_prove(KEY, ref.enc(X), ref.enc(U), b"bidder")
BASE = ref.base_mul(A)
CP = th.chaum_pedersen_prove(KEY, ref.enc(X), BASE, ref.enc(U), b"member")
PARTS = [(i, ref.mul(i * X, BASE)) for i in (1, 2, 3)]
SEALED = th.elgamal_encrypt(KEY, ref.base_mul(X), ref.enc(U), bytes(32), b"member 1")


def _ref_cp_verify() -> bool:
    c, v = ref.dec(CP.c), ref.dec(CP.v)
    a = ref.add(ref.base_mul(v), ref.mul(c, CP.public))
    b = ref.add(ref.mul(v, BASE), ref.mul(c, CP.result))
    parts = (b"member", CP.public, BASE, CP.result, a, b)
    return ref.h(KEY, ref.CHAUM_PEDERSEN, *parts) == c


CASES: dict[str, dict[str, Callable[[], Any]]] = {
    "schnorr-verify": {
        "ext": lambda: th.schnorr_verify(KEY, PROOF, b"bidder"),
        "reference": lambda: ref.schnorr_verify(
            KEY, PROOF.public, ref.dec(PROOF.c), ref.dec(PROOF.v), b"bidder"
        ),
    },
    "chaum-pedersen-verify": {
        "ext": lambda: th.chaum_pedersen_verify(KEY, CP, b"member"),
        "reference": _ref_cp_verify,
    },
    "combine-3": {
        "ext": lambda: th.combine(PARTS, 3),
        "reference": lambda: ref.combine(PARTS),
    },
    "elgamal-encrypt-32B": {
        "ext": lambda: th.elgamal_encrypt(KEY, ref.base_mul(X), ref.enc(U), bytes(32), b"m"),
        "reference": lambda: ref.elgamal_encrypt(KEY, ref.base_mul(X), U, bytes(32), b"m"),
    },
}


@pytest.mark.parametrize("impl", ["ext", "reference"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_threshold_operation(benchmark: BenchmarkFixture, case: str, impl: str) -> None:
    benchmark.group = f"threshold-{case}"
    result = benchmark(CASES[case][impl])
    if case.endswith("verify"):
        assert result is True
    assert th.elgamal_decrypt(KEY, ref.enc(X), SEALED, b"member 1") == bytes(32)
