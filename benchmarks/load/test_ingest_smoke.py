"""Runs every ingest scenario and baseline once on tiny sizes so the load generator keeps working.

Asserts only that transactions were committed; timings are reported, never asserted.
"""

from benchmarks.load.ingest import run_scenarios


def test_ingest_scenarios_run() -> None:
    results = run_scenarios(scale=0.01, out=None)
    assert [r.name for r in results] == [
        "unary c=1",
        "unary c=16",
        "unary c=64",
        "batch 100",
        "batch 1000",
        "echo c=64",
        "lmdb commit/tx",
    ]
    assert all(r.transactions > 0 and r.tx_per_second > 0 for r in results)
