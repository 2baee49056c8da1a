"""Each benchmark once on tiny sizes, so the code keeps working (``make test``).

Timings are reported, never asserted: the checks are that every section ran on a real node,
committed what it sent and produced the results the report reads. No Go toolchain is needed:
Tessera and the Go load generator run only where ``make bench`` installed them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import report
from benchmarks.common import write_result
from benchmarks.core_ext import suite, voting_bench
from benchmarks.load import (
    credentials,
    ingest,
    landregistry,
    largelog,
    network,
    pertx,
    pharma,
    procurement,
    readpath,
    tax,
    tessera,
    vault,
)
from benchmarks.load import voting as voting_node


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("results")


def test_core_extension_suites(results: Path) -> None:
    merkle, sigs = suite.run(tiny=True, out=results)
    assert [r["leaves"] for r in merkle["roots"]] == [1000, 5000]
    for row in merkle["roots"]:
        assert row["fraction_of_limit_1core"] > 0 and row["hashlib_leaves_per_s"] > 0
        assert row["raw"]["one_thread"]["proofs"]["inclusion_verify_us"]["pymerkle"] > 0
    assert [r["batch"] for r in sigs["verify"]] == [1, 64]
    assert all(r["pynacl_per_s"] > 0 and r["extension_1core_per_s"] > 0 for r in sigs["verify"])


def test_ingest_scenarios_and_baselines(results: Path) -> None:
    data = ingest.run(scale=0.005, out=results)
    names = [r["name"] for r in data["results"]]
    assert names == [
        "unary c=1",
        "unary c=16",
        "unary c=64",
        "unary c=256",
        "batch 100",
        "batch 1000",
        "batch 1000, 8 in flight",
        "echo unary c=1",
        "echo unary c=16",
        "echo unary c=64",
        "echo unary c=256",
        "lmdb commit/1 tx",
        "lmdb commit/1000 tx",
    ]
    assert all(r["transactions"] > 0 and r["errors"] == 0 for r in data["results"])
    assert data["ratios"]["unary_c64_vs_echo"] > 0 and data["peak_batched_tx_per_s"] > 0
    assert data["ratios"]["batch1000x8_vs_lmdb_commit_per_tx"] > 0


def test_proofs_under_a_small_log(results: Path) -> None:
    data = largelog.run(1500, samples=20)
    assert [m["size"] for m in data["milestones"]] == [1000, 1500]
    for m in data["milestones"]:
        assert m["file_bytes_per_entry"] > 0
        assert set(m["server_side"]) == {"inclusion_proof", "consistency_proof", "receipt"}
    write_result("largelog", data, results)


def test_read_path_under_ingest(results: Path) -> None:
    data = readpath.run(peak_tx_per_s=400, docs=200, seconds=1.0)
    assert data["idle"]["get_transaction_per_s"] > 0
    assert data["under_ingest"]["verify_document_per_s"] > 0
    assert data["under_ingest"]["ingest_tx_per_s"] > 0
    write_result("readpath", data, results)


def test_note_keys_have_the_signed_note_shape() -> None:
    signer, verifier = tessera.note_keys("bench")
    assert signer.startswith("PRIVATE+KEY+bench+") and len(signer.split("+", 4)) == 5
    name, key_hash, _ = verifier.split("+", 2)
    assert name == "bench" and len(key_hash) == 8 and signer.split("+", 4)[3] == key_hash


@pytest.mark.skipif(not tessera.LOADGEN.exists(), reason="make bench builds the Go tools")
def test_tessera_peer(results: Path) -> None:
    data = tessera.run(300, [64], 300)
    assert data["peak"]["appends_per_s"] > 0 and data["peak"]["errors"] == 0
    write_result("tessera", data, results)


def test_report_writes_summary_and_plots(results: Path) -> None:
    path = report.write(results)
    text = path.read_text()
    for heading in ("## Merkle root", "## Ed25519", "## Ingest", "## Proofs under", "## Read path"):
        assert heading in text
    assert (results / "merkle_root.png").stat().st_size > 0
    assert (results / "ingest.png").stat().st_size > 0
    assert json.loads((results / "ingest.json").read_text())["machine"]["cores"] > 0


def test_vault_streaming(results: Path) -> None:
    data = vault.run(mib=8)
    assert data["mib"] == 8 and data["upload_mib_per_s"] > 0 and data["download_mib_per_s"] > 0
    assert data["crypto_baseline_mib_per_s"] > 0
    write_result("vault", data, results)
    assert "Document vault" in report.summary(results)


def test_land_registry(results: Path) -> None:
    data = landregistry.run(transfers=20, repeat=5)
    assert data["node"]["transfer_tx_per_s"] > 0 and data["node"]["notarize_tx_per_s"] > 0
    assert data["rules"]["overlap_per_s"] > 0 and data["ratios"]["overlap_vs_shapely"] > 0
    write_result("land", data, results)
    assert "Land registry" in report.summary(results)


def test_tax(results: Path) -> None:
    data = tax.run(payments=50, repeat=3)
    assert data["node"]["payment_tx_per_s"] > 0 and data["node"]["notarize_tx_per_s"] > 0
    assert data["ratios"]["check_vs_parse"] > 0 and data["ratios"]["reference_vs_sha256"] > 0
    write_result("tax", data, results)
    assert "Tax (50 payments" in report.summary(results)


def test_procurement(results: Path) -> None:
    data = procurement.run(bids=40, repeat=5)
    assert data["node"]["bid_tx_per_s"] > 0 and data["node"]["notarize_tx_per_s"] > 0
    assert data["ratios"]["bid_proof_vs_ed25519"] > 0 and data["ratios"]["scoring_vs_sha256"] > 0
    write_result("procurement", data, results)
    assert "Procurement (40 sealed bids" in report.summary(results)


def test_voting(results: Path) -> None:
    data = voting_bench.run(ballots=6, tally=2000, reference_ballots=2)
    one = data["one_thread"]
    assert one["threads"] == 1 and one["ballots"] == 6 and one["reference_ballots"] == 2
    assert one["ballots_verified_per_s"] > 0 and one["reference_tally_ciphertexts_per_s"] > 0
    assert data["ratios"]["verify_1_thread_vs_reference"] > 0
    write_result("voting", data, results)
    assert "Voting (6 participatory-budget ballots" in report.summary(results)


def test_voting_node(results: Path) -> None:
    data = voting_node.run(ballots=12, verify_ballots=4)
    node, checked, ratios = data["node"], data["verify"], data["ratios"]
    assert node["ballots"] == 12 and checked["ballots"] == 4
    for key in (
        "ballots_per_s",
        "submit_tx_per_s",
        "cast_tx_per_s",
        "notarize_tx_per_s",
        "record_verify_ballots_per_s",
        "record_bytes",
    ):
        assert node[key] > 0, key
    assert checked["ballots_per_s"] > 0 and checked["reference_ballots_per_s"] > 0
    assert ratios["ballot_vs_notarize"] > 0 and ratios["verify_vs_reference"] > 0
    write_result("voting_node", data, results)
    assert "Voting through a node (12 ballots" in report.summary(results)


def test_pharma(results: Path) -> None:
    data = pharma.run(2000, trace=600, batch_sizes=(20, 100), batches=2, upload=500, page=250)
    assert data["priming"]["packs"] == 2000 and data["priming"]["uploads"] == 5
    assert data["priming"]["transfer"]["packs"] == 240
    assert [r["batch"] for r in data["scans"]] == [20, 100]
    for row in data["scans"]:
        assert row["scan"]["tx_per_s"] > 0 and row["notarize"]["tx_per_s"] > 0
        assert row["scan"]["latency_per_batch"]["p99_ms"] > 0
    assert data["trace"]["packs"] == 600 and data["trace"]["pages"] == 3
    assert data["ratios"]["scan_vs_notarize_100"] > 0 and data["ratios"]["trace_vs_raw"] > 0
    write_result("pharma", data, results)
    assert "Pharma (2,000 packs primed)" in report.summary(results)


def test_credentials(results: Path) -> None:
    data = credentials.run(repeat=10)
    assert all(rate > 0 for rate in data["rates"].values())
    assert data["ratios"]["rdfc_vs_jcs"] > 0
    write_result("credentials", data, results)
    assert "Credentials (offline verification" in report.summary(results)


def test_pertx_ledger_alone() -> None:
    data = pertx.run(count=300, batch=100, in_flight=2)
    assert data["failed"] == 0 and data["count"] == 300
    assert data["tx_per_s"] > 0 and data["cpu_us_per_tx"] > 0
    assert data["protobuf_parse_us_per_tx"] > 0 and data["store_bytes_per_tx"] > 0


def test_network_of_four_agencies_against_embedded(results: Path) -> None:
    data = network.run(0.02, results, catch_up_blocks=5, in_flights=(16,), timeouts=("200ms",))
    (net,) = data["networks"]
    (row,) = net["scenarios"]
    assert row["errors"] == 0 and row["transactions"] == data["transactions_per_scenario"] // 4 * 4
    assert net["batched"]["errors"] == 0 and net["batched"]["transactions"] > 0
    assert row["latency_to_consensus_proof_ms"]["p50_ms"] > 0
    assert all(c > 0 for c in row["cometbft_cpu_s_per_1000_per_node"])
    assert data["catch_up"]["blocks_behind"] >= 5 and data["catch_up"]["blocks_per_second"] > 0
    assert set(data["ratio_to_embedded"]) == {"200ms in_flight=16", "200ms batch=1000"}
    assert "Four agencies" in report.summary(results)
