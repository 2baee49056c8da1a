"""Turn the results folder into ``SUMMARY.md`` (tables, ratios, targets) and PNG plots.

Reads whichever of ``merkle.json``, ``signatures.json``, ``ingest.json``, ``tessera.json``,
``largelog.json``, ``readpath.json`` and ``vault.json`` exist, so a partial run (``BENCH_ONLY``)
still reports.

    python -m benchmarks.report [RESULTS_DIR]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.common import RESULTS

Table = list[list[Any]]


def _load(out: Path, name: str) -> dict[str, Any] | None:
    path = out / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        if value >= 100:
            return f"{value:,.0f}"
        return f"{value:.3g}"
    if isinstance(value, int):
        return f"{value:,}"
    return "" if value is None else str(value)


def _table(header: list[str], rows: Table) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _target(name: str, value: float | None, goal: float, higher: bool, unit: str = "") -> list[Any]:
    if value is None:
        return [name, "not measured", f"{'≥' if higher else '≤'} {goal:g}{unit}", "—"]
    met = value >= goal if higher else value <= goal
    return [
        name,
        f"{_fmt(value)}{unit}",
        f"{'≥' if higher else '≤'} {goal:g}{unit}",
        "met" if met else "MISSED",
    ]


def _conditions(data: dict[str, Any]) -> str:
    m = data.get("machine", {})
    load = ", ".join(f"{x:.1f}" for x in m.get("load_average", ()))
    return (
        f"Written {m.get('when')}; load average {load}; CPU pressure "
        f"{m.get('cpu_pressure_some_avg60_pct')}% (time other work kept a task from a CPU).\n\n"
    )


def summary(out: Path) -> str:
    merkle, sigs = _load(out, "merkle"), _load(out, "signatures")
    ingest, tessera = _load(out, "ingest"), _load(out, "tessera")
    log, reads = _load(out, "largelog"), _load(out, "readpath")
    vault, land = _load(out, "vault"), _load(out, "land")
    creds, tax = _load(out, "credentials"), _load(out, "tax")
    pharma, pertx = _load(out, "pharma"), _load(out, "pertx")
    network = _load(out, "network")
    sections = (
        merkle, sigs, ingest, pertx, tessera, log, reads, vault, land, tax, pharma, creds, network
    )  # fmt: skip
    machine = next((d["machine"] for d in sections if d), {})
    parts = ["# Tabularium benchmarks\n"]
    if machine:
        sha_ni = "yes" if machine.get("sha_ni") else "no"
        avx2 = "yes" if machine.get("avx2") else "no"
        parts.append(
            f"Machine: {machine.get('cpu_model')}, {machine.get('cores')} cores, "
            f"SHA-NI {sha_ni}, AVX2 {avx2}, {machine.get('memory_gib')} GiB; "
            f"Python {machine.get('python')}, {machine.get('rustc')}, "
            f"{machine.get('go')}; load average {machine.get('load_average')}, CPU pressure "
            f"{machine.get('cpu_pressure_some_avg60_pct')}% (other work on the machine); "
            f"{machine.get('when')}. Every ratio is to a baseline measured in the same run.\n"
        )
    targets: Table = []

    if merkle:
        sha = merkle["sha256_limit"]
        rate = sha["hashes_per_s_per_core"]
        parts.append(
            "\n## Merkle root (64-byte leaves, from a Python list)\n\n"
            f"SHA-256 limit: {rate:,} hashes/s per core ({sha['best_source']}; "
            f"all sources {sha['rates_hashes_per_s']}); a tree of n leaves needs "
            "2n-1 hashes.\n\n"
        )
        parts.append(_conditions(merkle))
        rows = []
        for r in merkle["roots"]:
            rows.append(
                [
                    r["leaves"],
                    r["extension_1core_leaves_per_s"],
                    r["fraction_of_limit_1core"],
                    r["extension_allcores_leaves_per_s"],
                    r["fraction_of_limit_allcores"],
                    r["allcores_speedup"],
                    r["hashlib_leaves_per_s"],
                    r["speedup_vs_hashlib_1core"],
                    r.get("pymerkle_leaves_per_s"),
                    r.get("speedup_vs_pymerkle_1core"),
                ]
            )
        parts.append(
            _table(
                [
                    "leaves",
                    "ext 1 core leaves/s",
                    "of limit",
                    "ext all cores leaves/s",
                    "of limit (all)",
                    "all/1",
                    "hashlib leaves/s",
                    "ext/hashlib",
                    "pymerkle leaves/s",
                    "ext/pymerkle",
                ],
                rows,
            )
        )
        proof_rows = []
        for r in merkle["roots"]:
            proofs = r["raw"]["one_thread"].get("proofs", {})
            for op in (
                "inclusion_generate_us",
                "inclusion_verify_us",
                "consistency_generate_us",
                "consistency_verify_us",
            ):
                if op in proofs:
                    p = proofs[op]
                    proof_rows.append(
                        [
                            r["leaves"],
                            op.removesuffix("_us").replace("_", " "),
                            p["extension"],
                            p["hashlib"],
                            p.get("pymerkle"),
                        ]
                    )
        parts.append(
            "\nProofs from a built tree (µs per proof, 1 core; the extension plans and folds, "
            "Python fetches the nodes, as the server does):\n\n"
        )
        parts.append(
            _table(["leaves", "operation", "extension µs", "hashlib µs", "pymerkle µs"], proof_rows)
        )
        one_m = next((r for r in merkle["roots"] if r["leaves"] == 1_000_000), None)
        targets.append(
            _target(
                "Merkle root 1M, fraction of SHA-256 limit, 1 core",
                one_m and one_m["fraction_of_limit_1core"],
                0.85,
                True,
            )
        )
        targets.append(
            _target(
                "Merkle root 1M, all cores / 1 core",
                one_m and one_m["allcores_speedup"],
                1.8,
                True,
                "x",
            )
        )

    if sigs:
        rows = [
            [
                r["batch"],
                r["extension_1core_per_s"],
                r["extension_allcores_per_s"],
                r["allcores_speedup"],
                r["pynacl_per_s"],
                r["cryptography_per_s"],
                r["ratio_vs_pynacl_1core"],
                r["ratio_vs_cryptography_1core"],
                r["pynacl_threads_per_s"],
                r["ratio_vs_pynacl_threads_allcores"],
            ]
            for r in sigs["verify"]
        ]
        parts.append("\n## Ed25519 verification (verifications/s)\n\n" + _conditions(sigs))
        parts.append(
            _table(
                [
                    "batch",
                    "verify_batch 1 core",
                    "verify_batch all cores",
                    "all/1",
                    "PyNaCl loop",
                    "cryptography loop",
                    "ext/PyNaCl (1 core)",
                    "ext/cryptography (1 core)",
                    "PyNaCl loop, threads",
                    "ext all / PyNaCl threads",
                ],
                rows,
            )
        )
        big = [r for r in sigs["verify"] if r["batch"] >= 1024]
        targets.append(
            _target(
                "verify_batch ≥1024 vs PyNaCl per core",
                min((r["ratio_vs_pynacl_1core"] for r in big), default=None),
                3.0,
                True,
                "x",
            )
        )
        targets.append(
            _target(
                "verify_batch ≥1024, all cores / 1 core",
                min((r["allcores_speedup"] for r in big), default=None),
                1.8,
                True,
                "x",
            )
        )

    if ingest:
        rows = [
            [
                r["name"],
                r["driver"],
                r["transactions"],
                r["tx_per_second"],
                r["p50_ms"],
                r["p90_ms"],
                r["p99_ms"],
                r["max_ms"],
                r["server_cpu_s_per_1000"],
                r["client_cpu_s_per_1000"],
            ]
            for r in ingest["results"]
        ]
        parts.append(
            f"\n## Ingest end to end ({ingest['transaction_bytes']}-byte signed transactions, "
            f"{ingest['driver']} client)\n\nLatency is submit → durable receipt with its signed "
            "checkpoint.\n\n"
        )
        parts.append(_conditions(ingest))
        parts.append(
            _table(
                [
                    "scenario",
                    "client",
                    "tx",
                    "tx/s",
                    "p50 ms",
                    "p90 ms",
                    "p99 ms",
                    "max ms",
                    "server CPU s/1000 tx",
                    "client CPU s/1000 tx",
                ],
                rows,
            )
        )
        parts.append(
            "\nRatios: " + ", ".join(f"{k} = {v}" for k, v in ingest["ratios"].items()) + "\n"
        )
        by = {r["name"]: r for r in ingest["results"]}
        targets.append(
            _target(
                "batched ingest, durable signed tx/s", ingest["peak_batched_tx_per_s"], 20_000, True
            )
        )
        targets.append(
            _target(
                "unary c=64 vs echo ceiling",
                ingest["ratios"].get("unary_c64_vs_echo"),
                0.7,
                True,
                "x",
            )
        )
        u64 = by.get("unary c=64")
        targets.append(_target("unary c=64 p99", u64 and u64["p99_ms"], 50, False, " ms"))
        targets.append(
            _target(
                "receipt with checkpoint, p99 (unary c=64)",
                u64 and u64["p99_ms"],
                100,
                False,
                " ms",
            )
        )

    if pertx:
        parts.append(
            "\n## The ledger alone (no gRPC), batched\n\n`Ledger.submit_many` of pre-signed "
            f"`RegisterDocument` batches of {pertx['batch']} ({pertx['in_flight']} in flight) on "
            "a real LMDB store with the server's default settings, then one-transaction blocks "
            "one at a time. Bytes written are what LMDB hands to the kernel (copy-on-write pages "
            "and meta page included).\n\n"
        )
        parts.append(_conditions(pertx))
        parts.append(
            _table(
                ["measure", "value"],
                [
                    ["transactions", pertx["count"]],
                    ["tx/s", pertx["tx_per_s"]],
                    ["process CPU µs per tx", pertx["cpu_us_per_tx"]],
                    [
                        "baseline: Python protobuf parse µs per tx",
                        pertx["protobuf_parse_us_per_tx"],
                    ],
                    ["store growth, bytes per tx", pertx["store_bytes_per_tx"]],
                    ["bytes written per tx (batched)", pertx.get("written_bytes_per_tx")],
                    ["bytes written per one-tx block", pertx.get("written_bytes_per_one_tx_block")],
                    [
                        "B-tree depths",
                        ", ".join(f"{k} {v}" for k, v in pertx.get("btree_depth", {}).items()),
                    ],
                ],
            )
        )
        targets.append(
            _target(
                "Python per transaction, batched (ledger alone)",
                pertx["cpu_us_per_tx"],
                50,
                False,
                " µs",
            )
        )

    if tessera:
        peak = tessera["peak"]
        hammer = tessera.get("hammer") or {}
        rows = [
            [
                f"loadgen, {r['writers']} writers",
                r["count"],
                r["appends_per_s"],
                r["add_latency"]["p50_ms"],
                r["add_latency"]["p99_ms"],
                r["checkpoint_latency"]["p50_ms"],
                r["checkpoint_latency"]["p99_ms"],
            ]
            for r in tessera["loadgen"]
        ]
        if "appends_per_s" in hammer:
            rows.append(
                [
                    f"hammer, {hammer['writers']} writers",
                    hammer["leaves"],
                    hammer["appends_per_s"],
                    None,
                    None,
                    None,
                    None,
                ]
            )
        parts.append(
            f"\n## Peer: Tessera {tessera['version']} POSIX log on loopback\n\n"
            f"{tessera['note']}\n\n"
        )
        parts.append(_conditions(tessera))
        parts.append(
            _table(
                [
                    "driver",
                    "entries",
                    "appends/s",
                    "add p50 ms",
                    "add p99 ms",
                    "in checkpoint p50 ms",
                    "in checkpoint p99 ms",
                ],
                rows,
            )
        )
        if ingest:
            ours = ingest["peak_batched_tx_per_s"]
            theirs = max(peak["appends_per_s"], hammer.get("appends_per_s", 0))
            by = {r["name"]: r for r in ingest["results"]}
            u = by.get("unary c=256") or by.get("unary c=64")
            cmp_rows = [
                [
                    "peak throughput (ours batched, signed+checked, vs Tessera appends)",
                    ours,
                    theirs,
                    round(ours / theirs, 2) if theirs else None,
                ],
            ]
            if u:
                cmp_rows.append(
                    [
                        f"{u['name']} tx/s vs Tessera at {peak['writers']} writers",
                        u["tx_per_second"],
                        peak["appends_per_s"],
                        round(u["tx_per_second"] / peak["appends_per_s"], 2),
                    ]
                )
                cmp_rows.append(
                    [
                        "p50 add latency ms (ours: durable receipt)",
                        u["p50_ms"],
                        peak["add_latency"]["p50_ms"],
                        round(peak["add_latency"]["p50_ms"] / u["p50_ms"], 2)
                        if u["p50_ms"]
                        else None,
                    ]
                )
                cmp_rows.append(
                    [
                        "p99 add latency ms",
                        u["p99_ms"],
                        peak["add_latency"]["p99_ms"],
                        round(peak["add_latency"]["p99_ms"] / u["p99_ms"], 2)
                        if u["p99_ms"]
                        else None,
                    ]
                )
                cmp_rows.append(
                    [
                        "p99 time until in a signed checkpoint ms",
                        u["p99_ms"],
                        peak["checkpoint_latency"]["p99_ms"],
                        round(peak["checkpoint_latency"]["p99_ms"] / u["p99_ms"], 2)
                        if u["p99_ms"]
                        else None,
                    ]
                )
            parts.append(
                "\nOurs beside Tessera (ratio > 1 favours us; latency ratios are theirs/ours):\n\n"
            )
            parts.append(_table(["figure", "Tabularium", "Tessera", "ratio"], cmp_rows))
            targets.append(
                _target(
                    "batched ingest vs Tessera appends/s",
                    round(ours / theirs, 2) if theirs else None,
                    1.0,
                    True,
                    "x",
                )
            )

    if log:
        rows = []
        for m in log["milestones"]:
            s, rpc = m["server_side"], m["rpc_python_client"]
            rows.append(
                [
                    m["size"],
                    s["inclusion_proof"]["p50_ms"],
                    s["inclusion_proof"]["p99_ms"],
                    s["consistency_proof"]["p50_ms"],
                    s["consistency_proof"]["p99_ms"],
                    s["receipt"]["p50_ms"],
                    s["receipt"]["p99_ms"],
                    rpc["inclusion_proof"]["p50_ms"],
                    rpc["receipt"]["p99_ms"],
                    m["file_bytes_per_entry"],
                    m["build_seconds_so_far"],
                ]
            )
        parts.append(
            f"\n## Proofs under a large log (built to {log['target']:,} entries through the "
            "block writer)\n\n"
            "Server side = the ledger call in-process on the node's LMDB; RPC = one gRPC call at a "
            "time from a Python client on loopback.\n\n"
        )
        parts.append(_conditions(log))
        parts.append(
            _table(
                [
                    "entries",
                    "inclusion p50 ms",
                    "inclusion p99 ms",
                    "consistency p50 ms",
                    "consistency p99 ms",
                    "receipt p50 ms",
                    "receipt p99 ms",
                    "RPC inclusion p50 ms",
                    "RPC receipt p99 ms",
                    "disk bytes/entry",
                    "build s so far",
                ],
                rows,
            )
        )
        last = log["milestones"][-1]
        worst = max(
            last["server_side"][k]["p99_ms"] for k in ("inclusion_proof", "consistency_proof")
        )
        targets.append(
            _target(
                f"proof p99 at {last['size']:,} entries (server side)", worst, 1.0, False, " ms"
            )
        )

    if reads:
        idle, loaded = reads["idle"], reads["under_ingest"]
        rows = [
            [
                phase,
                p["get_transaction_per_s"],
                p["get_transaction_latency"]["p99_ms"],
                p["verify_document_per_s"],
                p["verify_document_latency"]["p99_ms"],
                p["ingest_tx_per_s"],
            ]
            for phase, p in (("idle", idle), ("ingest at half peak", loaded))
        ]
        parts.append(f"\n## Read path ({reads['readers']} readers, {reads['driver']} client)\n\n")
        parts.append(_conditions(reads))
        parts.append(
            _table(
                [
                    "phase",
                    "GetTransaction/s",
                    "p99 ms",
                    "VerifyDocument/s",
                    "p99 ms",
                    "ingest tx/s",
                ],
                rows,
            )
        )
        parts.append(
            "\nLoaded/idle: "
            + ", ".join(f"{k} = {v}" for k, v in reads["loaded_vs_idle"].items())
            + "\n"
        )

    if vault:
        rss = vault["server_peak_rss_mib"]
        parts.append(f"\n## Document vault ({vault['mib']:,} MiB streamed up and down)\n\n")
        parts.append(_conditions(vault))
        parts.append(
            _table(
                ["direction", "MiB/s", "vs AES-256-GCM + SHA-256 in one thread"],
                [
                    ["upload", vault["upload_mib_per_s"], vault["ratios"]["upload_vs_crypto"]],
                    [
                        "download",
                        vault["download_mib_per_s"],
                        vault["ratios"]["download_vs_crypto"],
                    ],
                ],
            )
        )
        parts.append(
            f"\nBaseline (same run): {_fmt(vault['crypto_baseline_mib_per_s'])} MiB/s. Server "
            f"peak RSS {_fmt(rss['before'])} MiB before, {_fmt(rss['after'])} MiB after.\n"
        )

    if land:
        rules, node, ratios = land["rules"], land["node"], land["ratios"]
        parts.append(f"\n## Land registry ({node['transfers']:,} transfers)\n\n")
        parts.append(_conditions(land))
        parts.append(
            _table(
                ["path", "per second", "baseline (same run)", "ratio"],
                [
                    [
                        f"exact overlap check, {rules['vertices']}-vertex neighbours",
                        rules["overlap_per_s"],
                        rules["shapely_overlap_per_s"],
                        ratios["overlap_vs_shapely"],
                    ],
                    [
                        "validate a 1,000-vertex boundary",
                        rules["validate_1000_per_s"],
                        rules["shapely_validate_1000_per_s"],
                        ratios["validate_vs_shapely"],
                    ],
                    [
                        "transfer transactions through the node",
                        node["transfer_tx_per_s"],
                        node["notarize_tx_per_s"],
                        ratios["land_vs_notarize"],
                    ],
                ],
            )
        )
        parts.append(
            "\nBaselines: shapely/GEOS (floating point) for geometry; RegisterDocument through "
            "the same node for transactions. RegisterParcel: "
            f"{_fmt(node['register_parcel_tx_per_s'])} tx/s.\n"
        )

    procurement = _load(out, "procurement")
    if procurement:
        rules, node, ratios = (procurement[k] for k in ("rules", "node", "ratios"))
        parts.append(
            f"\n## Procurement ({node['bids']:,} sealed bids from {node['bidders']} bidders)\n\n"
        )
        parts.append(_conditions(procurement))
        parts.append(
            _table(
                ["path", "per second", "baseline (same run)", "ratio"],
                [
                    [
                        "sealed bid proof (Schnorr, ristretto255) vs Ed25519 verify",
                        rules["bid_proofs_per_s"],
                        rules["ed25519_per_s"],
                        ratios["bid_proof_vs_ed25519"],
                    ],
                    [
                        "score a lot of 100 bids (exact fractions) vs SHA-256 of its figures",
                        rules["lots_scored_per_s"],
                        rules["sha256_per_s"],
                        ratios["scoring_vs_sha256"],
                    ],
                    [
                        "SubmitBid through the node",
                        node["bid_tx_per_s"],
                        node["notarize_tx_per_s"],
                        ratios["bid_vs_notarize"],
                    ],
                ],
            )
        )

    voting = _load(out, "voting")
    if voting:
        one, two, ratios = (voting[k] for k in ("one_thread", "two_threads", "ratios"))
        parts.append(
            f"\n## Voting ({one['ballots']:,} participatory-budget ballots verified, a "
            f"{one['tally_ciphertexts']:,}-ballot tally sum)\n\n"
        )
        parts.append(_conditions(voting))
        rows = [
            [
                "verify ballots (every proof, code), 1 thread vs Python reference",
                one["ballots_verified_per_s"],
                one["reference_ballots_verified_per_s"],
                ratios["verify_1_thread_vs_reference"],
            ],
            [
                "tally weighted sum per ciphertext, 1 thread vs Python reference",
                one["tally_ciphertexts_per_s"],
                one["reference_tally_ciphertexts_per_s"],
                ratios["tally_1_thread_vs_reference"],
            ],
        ]
        if two:
            rows += [
                [
                    "verify ballots, 2 threads vs Python reference",
                    two["ballots_verified_per_s"],
                    two["reference_ballots_verified_per_s"],
                    ratios["verify_2_threads_vs_reference"],
                ],
                [
                    "tally weighted sum, 2 threads vs Python reference",
                    two["tally_ciphertexts_per_s"],
                    two["reference_tally_ciphertexts_per_s"],
                    ratios["tally_2_threads_vs_reference"],
                ],
            ]
        parts.append(_table(["path", "per second", "baseline (same run)", "ratio"], rows))

    voting_node = _load(out, "voting_node")
    if voting_node:
        node, checked, ratios = (voting_node[k] for k in ("node", "verify", "ratios"))
        parts.append(
            f"\n## Voting through a node ({node['ballots']:,} ballots, {node['guardians']} "
            f"guardians, quorum {node['quorum']}; election verify of a "
            f"{checked['ballots']:,}-ballot record)\n\n"
        )
        parts.append(_conditions(voting_node))
        parts.append(
            _table(
                ["path", "per second", "baseline (same run)", "ratio"],
                [
                    [
                        "ballots through the node (SubmitBallot + CastBallot) vs RegisterDocument",
                        node["ballots_per_s"],
                        node["notarize_tx_per_s"],
                        ratios["ballot_vs_notarize"],
                    ],
                    [
                        "election verify, ballots/s of the whole record: extension vs --reference",
                        checked["ballots_per_s"],
                        checked["reference_ballots_per_s"],
                        ratios["verify_vs_reference"],
                    ],
                ],
            )
        )
        parts.append(
            f"\nA ballot is two transactions, both presigned and sent with SubmitTransactions: "
            f"SubmitBallot ({_fmt(node['ballot_tx_bytes'])} bytes, every proof checked by the "
            f"node) {_fmt(node['submit_tx_per_s'])}/s, CastBallot "
            f"{_fmt(node['cast_tx_per_s'])}/s. Encrypting and signing on the voters' side, "
            f"before the clock: {_fmt(node['client_encrypt_sign_ballots_per_s'])} ballots/s in "
            f"one thread. Close and decryption by the quorum: {_fmt(node['close_and_tally_s'])} "
            f"s; the node's {node['ballots']:,}-ballot record "
            f"({_fmt(node['record_bytes'] / 2**20)} MiB, fetched in "
            f"{_fmt(node['record_fetch_s'])} s) verified by the extension at "
            f"{_fmt(node['record_verify_ballots_per_s'])} ballots/s.\n"
        )

    if tax:
        rules, node, ratios = tax["rules"], tax["node"], tax["ratios"]
        parts.append(
            f"\n## Tax ({node['payments']:,} payments over {node['accounts']} accounts)\n\n"
        )
        parts.append(_conditions(tax))
        parts.append(
            _table(
                ["path", "per second", "baseline (same run)", "ratio"],
                [
                    [
                        f"check an invoice file ({rules['invoices_per_file']} invoices, schema "
                        "and headers)",
                        rules["check_files_per_s"],
                        rules["parse_files_per_s"],
                        ratios["check_vs_parse"],
                    ],
                    [
                        "ISO 11649 reference check",
                        rules["reference_checks_per_s"],
                        rules["sha256_per_s"],
                        ratios["reference_vs_sha256"],
                    ],
                    [
                        "RecordPayment through the node",
                        node["payment_tx_per_s"],
                        node["notarize_tx_per_s"],
                        ratios["payment_vs_notarize"],
                    ],
                ],
            )
        )
        parts.append(
            "\nBaselines: a bare lxml parse of the same file; SHA-256 of the same reference; "
            "RegisterDocument through the same node for transactions.\n"
        )

    if pharma:
        priming, traced, ratios = pharma["priming"], pharma["trace"], pharma["ratios"]
        transfer = priming["transfer"]
        parts.append(f"\n## Pharma ({priming['packs']:,} packs primed)\n\n")
        parts.append(_conditions(pharma))
        rows = []
        for r in pharma["scans"]:
            scan, notarize = r["scan"], r["notarize"]
            rows.append(
                [
                    f"decommission scans, SubmitScans of {r['batch']:,} ({r['batches']} calls)",
                    scan["tx_per_s"],
                    notarize["tx_per_s"],
                    r["scan_vs_notarize"],
                    scan["latency_per_batch"]["p50_ms"],
                    scan["latency_per_batch"]["p99_ms"],
                    notarize["latency_per_batch"]["p50_ms"],
                    notarize["latency_per_batch"]["p99_ms"],
                ]
            )
        rows.append(
            [
                f"TraceBatch of {traced['packs']:,} packs ({traced['pages']} pages), packs/s",
                traced["packs_per_s"],
                traced["raw_same_keys_per_s"],
                ratios["trace_vs_raw"],
                None,
                None,
                None,
                None,
            ]
        )
        parts.append(
            _table(
                [
                    "path",
                    "per second",
                    "baseline (same run)",
                    "ratio",
                    "p50 ms/call",
                    "p99 ms/call",
                    "baseline p50 ms",
                    "baseline p99 ms",
                ],
                rows,
            )
        )
        cpu = "; ".join(
            f"batch {r['batch']:,}: scan {_fmt(r['scan']['server_cpu_s_per_1000'])} s, notarize "
            f"{_fmt(r['notarize']['server_cpu_s_per_1000'])} s"
            for r in pharma["scans"]
        )
        parts.append(
            f"\nDecommission: {pharma['decommission']}. Baselines: RegisterDocument through "
            "SubmitTransactions at the same batch size, one call in flight; the same pack "
            "records read from the node's LMDB state database opened read-only (the batch's "
            "pack list, then each record in key order); a contiguous range of as many pack "
            f"records: {_fmt(traced['raw_range_per_s'])}/s. Server CPU per 1,000 transactions "
            f"({cpu}); client signing before the clock, "
            f"{_fmt(pharma['scans'][0]['scan']['client_sign_us_per_tx'])} µs per scan. "
            f"Priming: {priming['uploads']:,} UploadBatch of up to "
            f"{priming['packs_per_upload']:,} packs in {_fmt(priming['seconds'])} s "
            f"({_fmt(priming['packs_per_s'])} packs/s); shipping {transfer['packs']:,} packs "
            f"to the pharmacy {_fmt(transfer['packs_per_s'])} packs/s.\n"
        )

    if creds:
        rates, ratios = creds["rates"], creds["ratios"]
        parts.append("\n## Credentials (offline verification, one thread)\n\n")
        parts.append(_conditions(creds))
        parts.append(
            _table(
                ["path", "per second", "baseline (same run)", "ratio"],
                [
                    [
                        "eddsa-jcs-2022 credential",
                        rates["jcs_credential_per_s"],
                        rates["ed25519_per_s"],
                        ratios["jcs_vs_ed25519"],
                    ],
                    [
                        "eddsa-rdfc-2022 credential (PyLD)",
                        rates["rdfc_credential_per_s"],
                        rates["jcs_credential_per_s"],
                        ratios["rdfc_vs_jcs"],
                    ],
                    [
                        "presentation of one jcs credential",
                        rates["presentation_per_s"],
                        rates["ed25519_per_s"] / 2,
                        ratios["presentation_vs_two_ed25519"],
                    ],
                ],
            )
        )
        parts.append(
            "\nBaselines: one Ed25519 verification with `cryptography` (the floor of a proof); "
            "the jcs credential for rdfc; two verifications for a presentation.\n"
        )

    if network:
        parts.append(_network_section(network))

    if targets:
        parts.append("\n## Targets (reported, not asserted)\n\n")
        parts.append(_table(["target", "measured", "goal", ""], targets))
    plots = sorted(p.name for p in out.glob("*.png"))
    if plots:
        parts.append("\nPlots: " + ", ".join(f"[{p}]({p})" for p in plots) + "\n")
    return "".join(parts)


def _network_section(network: dict[str, Any]) -> str:
    """Four agencies on CometBFT beside one embedded node under the same load."""
    embedded = {e.get("in_flight") or f"batch {e['batch']}": e for e in network["embedded"]}
    rows: Table = []
    for net in network["networks"]:
        for row in [*net["scenarios"], net["batched"]]:
            key = row.get("in_flight") or f"batch {row['batch']}"
            base = embedded[key]["tx_per_second"]
            rows.append(
                [
                    net["timeout_commit"],
                    key,
                    row["tx_per_second"],
                    base,
                    row["tx_per_second"] / base,
                    row["latency_ms"]["p50_ms"],
                    row["latency_ms"]["p99_ms"],
                    row.get("latency_to_consensus_proof_ms", {}).get("p50_ms"),
                    row["block_interval_s"],
                    row["txs_per_block"],
                    sum(row["python_cpu_s_per_1000_per_node"]) / 4,
                    sum(row["cometbft_cpu_s_per_1000_per_node"]) / 4,
                ]
            )
    parts = [
        "\n## Four agencies on CometBFT vs one embedded node\n\n",
        f"{network['cores']} cores shared by eight processes (four nodes, four CometBFT); "
        f"{network['transactions_per_scenario']} transactions per scenario at 64 in flight "
        "(proportionally more or fewer at other loads), spread round-robin "
        "over the four nodes; unary calls in flight, or SubmitTransactions of 1,000 with one "
        "call per node.\n\n",
        _table(
            [
                "timeout_commit",
                "load",
                "tx/s",
                "embedded tx/s",
                "ratio",
                "p50 ms",
                "p99 ms",
                "p50 ms to consensus proof",
                "block interval s",
                "tx per block",
                "Python CPU s/1000 tx per node",
                "CometBFT CPU s/1000 tx per node",
            ],
            rows,
        ),
    ]
    idle = [
        [n["timeout_commit"], n["idle"]["bytes_per_block_all_nodes"] / 4,
         n["idle"]["bytes_per_day_per_node"] / 1e9]
        for n in network["networks"]
    ]  # fmt: skip
    parts.append("\nIdle disk growth (store and CometBFT data):\n\n")
    parts.append(
        _table(["timeout_commit", "bytes per block per node", "GB per day per node"], idle)
    )
    catch = network["catch_up"]
    parts.append(
        f"\nCatch-up: a validator {catch['blocks_behind']} blocks behind replayed them at "
        f"{catch['blocks_per_second']:.1f} blocks/s.\n"
    )
    return "".join(parts)


def plots(out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    made: list[Path] = []

    def save(fig: Any, name: str) -> None:
        fig.tight_layout()
        path = out / name
        fig.savefig(path, dpi=110)
        plt.close(fig)
        made.append(path)

    merkle = _load(out, "merkle")
    if merkle:
        fig, ax = plt.subplots(figsize=(7, 4.5))
        n = [r["leaves"] for r in merkle["roots"]]
        ax.plot(
            n,
            [r["limit_1core_leaves_per_s"] for r in merkle["roots"]],
            "k--",
            label="SHA-256 limit, 1 core",
        )
        ax.plot(
            n,
            [r["extension_1core_leaves_per_s"] for r in merkle["roots"]],
            "o-",
            label="extension, 1 core",
        )
        ax.plot(
            n,
            [r["extension_allcores_leaves_per_s"] for r in merkle["roots"]],
            "o-",
            label="extension, all cores",
        )
        ax.plot(
            n,
            [r["hashlib_leaves_per_s"] for r in merkle["roots"]],
            "s-",
            label="hashlib (pure Python)",
        )
        pm = [
            (r["leaves"], r["pymerkle_leaves_per_s"])
            for r in merkle["roots"]
            if "pymerkle_leaves_per_s" in r
        ]
        if pm:
            ax.plot(*zip(*pm, strict=True), "^-", label="pymerkle")
        ax.set(
            xscale="log",
            yscale="log",
            xlabel="leaves",
            ylabel="leaves/s",
            title="Merkle root throughput",
        )
        ax.legend()
        ax.grid(True, which="both", alpha=0.3)
        save(fig, "merkle_root.png")
    sigs = _load(out, "signatures")
    if sigs:
        fig, ax = plt.subplots(figsize=(7, 4.5))
        b = [r["batch"] for r in sigs["verify"]]
        for key, label in (
            ("extension_1core_per_s", "verify_batch, 1 core"),
            ("extension_allcores_per_s", "verify_batch, all cores"),
            ("pynacl_per_s", "PyNaCl loop"),
            ("cryptography_per_s", "cryptography loop"),
            ("pynacl_threads_per_s", "PyNaCl loop, thread pool"),
        ):
            ax.plot(b, [r[key] for r in sigs["verify"]], "o-", label=label)
        ax.set(
            xscale="log",
            yscale="log",
            xlabel="batch size",
            ylabel="verifications/s",
            title="Ed25519 verification",
        )
        ax.legend()
        ax.grid(True, which="both", alpha=0.3)
        save(fig, "ed25519_verify.png")
    ingest = _load(out, "ingest")
    if ingest:
        res = ingest["results"]
        ours = [r for r in res if r["kind"] == "unary" and not r["name"].startswith("echo")]
        echo = [r for r in res if r["name"].startswith("echo")]
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 4.5))
        for rows, label in ((ours, "Tabularium unary"), (echo, "echo server (ceiling)")):
            c = [r["parameter"] for r in rows]
            a1.plot(c, [r["tx_per_second"] for r in rows], "o-", label=label)
            a2.plot(c, [r["p50_ms"] for r in rows], "o-", label=f"{label} p50")
            a2.plot(c, [r["p99_ms"] for r in rows], "o--", label=f"{label} p99")
        for r in res:
            if r["kind"] in ("batch", "lmdb"):
                a1.axhline(r["tx_per_second"], ls=":", color="grey")
                a1.text(1, r["tx_per_second"], r["name"], fontsize=8, va="bottom")
        a1.set(
            xscale="log",
            yscale="log",
            xlabel="concurrent submitters",
            ylabel="committed tx/s",
            title="Ingest throughput",
        )
        a2.set(
            xscale="log",
            yscale="log",
            xlabel="concurrent submitters",
            ylabel="ms",
            title="Submit → durable receipt latency",
        )
        for a in (a1, a2):
            a.legend(fontsize=8)
            a.grid(True, which="both", alpha=0.3)
        save(fig, "ingest.png")
    log = _load(out, "largelog")
    if log and log["milestones"]:
        fig, ax = plt.subplots(figsize=(7, 4.5))
        sizes = [m["size"] for m in log["milestones"]]
        for key in ("inclusion_proof", "consistency_proof", "receipt"):
            ax.plot(
                sizes,
                [m["server_side"][key]["p50_ms"] for m in log["milestones"]],
                "o-",
                label=f"{key} p50",
            )
            ax.plot(
                sizes,
                [m["server_side"][key]["p99_ms"] for m in log["milestones"]],
                "o--",
                label=f"{key} p99",
            )
        ax.set(
            xscale="log",
            yscale="log",
            xlabel="log entries",
            ylabel="ms (server side)",
            title="Proof latency vs log size",
        )
        ax.legend(fontsize=8)
        ax.grid(True, which="both", alpha=0.3)
        save(fig, "proofs_large_log.png")
    tessera = _load(out, "tessera")
    if tessera and ingest:
        fig, ax = plt.subplots(figsize=(7, 4.5))
        labels = ["Tabularium batched", "Tabularium unary c=256"]
        by = {r["name"]: r for r in ingest["results"]}
        values = [
            ingest["peak_batched_tx_per_s"],
            by.get("unary c=256", {}).get("tx_per_second", 0),
        ]
        for r in tessera["loadgen"]:
            labels.append(f"Tessera {r['writers']} writers")
            values.append(r["appends_per_s"])
        if "appends_per_s" in (tessera.get("hammer") or {}):
            labels.append("Tessera hammer")
            values.append(tessera["hammer"]["appends_per_s"])
        ax.barh(labels, values)
        ax.set(xlabel="entries/s", title="Throughput beside Tessera (Tessera: unsigned, unchecked)")
        save(fig, "peer_tessera.png")
    return made


def write(out: Path | None = None) -> Path:
    out = out or RESULTS
    out.mkdir(parents=True, exist_ok=True)
    plots(out)
    path = out / "SUMMARY.md"
    path.write_text(summary(out))
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
