"""Merkle benchmarks: the extension vs the pure-Python hashlib reference, same run.

Run by ``make bench`` only. ``BENCH_SCALE`` (default 1) multiplies the input sizes; the
default is tiny so that ``--benchmark-disable`` runs under ``make test`` stay fast.
Compare the ``ext`` and ``hashlib`` groups as ratios, not absolute times.
"""

from __future__ import annotations

import os

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from tabularium.crypto import merkle, reference

SCALE = int(os.environ.get("BENCH_SCALE", "1"))
LEAVES = [i.to_bytes(8, "big") * 8 for i in range(1000 * SCALE)]  # 64-byte leaves


@pytest.mark.parametrize("impl", ["ext", "hashlib"])
def test_root(benchmark: BenchmarkFixture, impl: str) -> None:
    fn = merkle.root if impl == "ext" else reference.root_iterative
    benchmark.group = f"root-{len(LEAVES)}"
    assert benchmark(fn, LEAVES) == reference.root_iterative(LEAVES)


@pytest.mark.parametrize("impl", ["ext", "hashlib"])
def test_inclusion_proof(benchmark: BenchmarkFixture, impl: str) -> None:
    fn = merkle.inclusion_proof if impl == "ext" else reference.inclusion_proof
    benchmark.group = f"inclusion-proof-{len(LEAVES)}"
    index = len(LEAVES) // 3
    assert benchmark(fn, LEAVES, index) == reference.inclusion_proof(LEAVES, index)


def test_append(benchmark: BenchmarkFixture) -> None:
    hashes = merkle.leaf_hashes(LEAVES)
    benchmark.group = f"append-{len(LEAVES)}"
    frontier, _, root = benchmark(merkle.append, 0, [], hashes)
    assert root == merkle.root_from_frontier(frontier)
