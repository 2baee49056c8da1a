"""Ballot cryptography: the extension (``tabularium.crypto.voting``) against the pure-Python
reference on libsodium (``tests.reference.voting_ref``), same run, on 1 and 2 rayon threads.

Two paths: verifying participatory-budget ballots (five projects with costs, a budget, every
range, limit and budget proof and the confirmation code), and the tally's weighted sum of
one selection's ciphertexts over many ballots. The sum's inputs tile 1,024 distinct
ciphertexts (building a million distinct ones in Python would take longer than the sum);
multiscalar multiplication does not get cheaper for repeated points.

    python -m benchmarks.core_ext.voting_bench --ballots N --tally M --reference-ballots n
prints one JSON object (a worker; ``run`` drives it on 1 and 2 threads).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from typing import Any

from benchmarks.common import progress, run_worker
from tabularium.crypto import voting
from tests.reference import voting_ref as ref
from tests.reference.threshold_ref import base_mul

H_E = bytes(range(32))
KEY = base_mul(0x1234_5678_9ABC_DEF1)
COSTS = (120_000, 85_000, 240_000, 60_000, 150_000)
BUDGET = 400_000
MANIFEST = [voting.ContestSpec(5, (1, 1, 1, 1, 1), COSTS, BUDGET)]
REF_MANIFEST = [ref.ContestSpec(5, (1, 1, 1, 1, 1), COSTS, BUDGET)]
DISTINCT = 1024


def _votes(n: int) -> list[int]:
    """A ballot within budget: projects by n's bits, dropping the dearest until it fits."""
    row = [(n >> k) & 1 for k in range(5)]
    while sum(c * v for c, v in zip(COSTS, row, strict=True)) > BUDGET:
        row[max(range(5), key=lambda k: COSTS[k] * row[k])] = 0
    return row


def _ballots(count: int) -> list[tuple[voting.EncryptedBallot, bytes]]:
    out = []
    chaining = bytes(32)
    for n in range(count):
        nonce = n.to_bytes(32, "little")
        ballot = voting.encrypt_ballot(H_E, KEY, MANIFEST, [_votes(n)], nonce, chaining)
        out.append((ballot, chaining))
        chaining = ballot.code
    return out


def _to_ref(ballot: voting.EncryptedBallot) -> ref.EncryptedBallot:
    def sel(s: voting.EncryptedSelection) -> ref.EncryptedSelection:
        return ref.EncryptedSelection(
            ref.Ciphertext(s.ciphertext.alpha, s.ciphertext.beta), s.proof
        )

    contests = tuple(
        ref.EncryptedContest(
            tuple(sel(s) for s in c.selections),
            c.proof,
            None
            if c.budget is None
            else ref.BudgetProof(tuple(sel(b) for b in c.budget.bits), c.budget.link),
        )
        for c in ballot.contests
    )
    return ref.EncryptedBallot(contests, ballot.code)


def _rate(count: int, seconds: float) -> float:
    return count / seconds if seconds > 0 else 0.0


def measure(ballots: int, tally: int, reference_ballots: int) -> dict[str, Any]:
    batch = _ballots(ballots)
    started = time.perf_counter()
    results = voting.verify_ballots(H_E, KEY, MANIFEST, batch)
    ext_seconds = time.perf_counter() - started
    assert all(r is None for r in results), results[:3]
    sample = [(_to_ref(b), c) for b, c in batch[:reference_ballots]]
    started = time.perf_counter()
    assert all(ref.verify_ballot(H_E, KEY, REF_MANIFEST, b, c) for b, c in sample)
    ref_seconds = time.perf_counter() - started

    distinct = [b.contests[0].selections[0].ciphertext for b, _ in batch[:DISTINCT]]
    items = [(distinct[n % len(distinct)], 1 + n % 97) for n in range(tally)]
    started = time.perf_counter()
    voting.aggregate(items)
    sum_seconds = time.perf_counter() - started
    ref_items = [(ref.Ciphertext(ct.alpha, ct.beta), w) for ct, w in items[: max(1, tally // 1000)]]
    started = time.perf_counter()
    ref.aggregate(ref_items)
    ref_sum_seconds = time.perf_counter() - started
    return {
        "threads": int(os.environ.get("RAYON_NUM_THREADS", os.cpu_count() or 1)),
        "ballots": ballots,
        "reference_ballots": len(sample),
        "ballots_verified_per_s": _rate(ballots, ext_seconds),
        "reference_ballots_verified_per_s": _rate(len(sample), ref_seconds),
        "tally_ciphertexts": tally,
        "reference_tally_ciphertexts": len(ref_items),
        "tally_ciphertexts_per_s": _rate(tally, sum_seconds),
        "reference_tally_ciphertexts_per_s": _rate(len(ref_items), ref_sum_seconds),
    }


def run(
    ballots: int = 2000, tally: int = 1_000_000, reference_ballots: int = 100
) -> dict[str, Any]:
    """The worker on 1 thread and on 2 (on a machine with 2 cores or more), with ratios."""
    args = ["--ballots", str(ballots), "--tally", str(tally)]
    args += ["--reference-ballots", str(reference_ballots)]
    progress(f"voting: {ballots} ballots, a {tally:,}-ballot sum, 1 thread")
    one = run_worker("benchmarks.core_ext.voting_bench", args, threads=1)
    two = None
    if (os.cpu_count() or 1) >= 2:
        progress("voting: 2 threads")
        two = run_worker("benchmarks.core_ext.voting_bench", args, threads=2)

    def ratio(data: dict[str, Any] | None, key: str) -> float | None:
        if data is None or not data[f"reference_{key}"]:
            return None
        return float(data[key] / data[f"reference_{key}"])

    return {
        "one_thread": one,
        "two_threads": two,
        "ratios": {
            "verify_1_thread_vs_reference": ratio(one, "ballots_verified_per_s"),
            "verify_2_threads_vs_reference": ratio(two, "ballots_verified_per_s"),
            "tally_1_thread_vs_reference": ratio(one, "tally_ciphertexts_per_s"),
            "tally_2_threads_vs_reference": ratio(two, "tally_ciphertexts_per_s"),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ballots", type=int, default=2000)
    parser.add_argument("--tally", type=int, default=1_000_000)
    parser.add_argument("--reference-ballots", type=int, default=100)
    args = parser.parse_args()
    print(json.dumps(measure(args.ballots, args.tally, args.reference_ballots)))


if __name__ == "__main__":
    main()
