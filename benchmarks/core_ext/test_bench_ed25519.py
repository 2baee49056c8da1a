"""Ed25519 benchmarks: ``verify_batch`` vs a loop over ``cryptography``'s verify, same run.

Run by ``make bench`` only. ``BENCH_SCALE`` (default 1) multiplies the batch size.
"""

from __future__ import annotations

import os

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pytest_benchmark.fixture import BenchmarkFixture

from tabularium.crypto import ed25519

SCALE = int(os.environ.get("BENCH_SCALE", "1"))
_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
_PK = _KEY.public_key()
ITEMS = [
    (_PK.public_bytes_raw(), m, _KEY.sign(m))
    for m in (i.to_bytes(8, "big") for i in range(100 * SCALE))
]


def _cryptography_loop(items: list[tuple[bytes, bytes, bytes]]) -> list[bool]:
    for _, msg, sig in items:
        _PK.verify(sig, msg)  # raises on failure
    return [True] * len(items)


@pytest.mark.parametrize("impl", ["ext-batch", "cryptography-loop"])
def test_verify_many(benchmark: BenchmarkFixture, impl: str) -> None:
    fn = ed25519.verify_batch if impl == "ext-batch" else _cryptography_loop
    benchmark.group = f"ed25519-verify-{len(ITEMS)}"
    assert benchmark(fn, ITEMS) == [True] * len(ITEMS)


def test_verify_single(benchmark: BenchmarkFixture) -> None:
    pk, msg, sig = ITEMS[0]
    benchmark.group = "ed25519-verify-1"
    benchmark(ed25519.verify, pk, msg, sig)
