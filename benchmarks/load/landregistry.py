"""Land registry: its hot rule path in process and its transactions through a real node.

* Rule path: the exact overlap check a parcel registration runs against each neighbour
  (``geometry.interiors_overlap``, integer orientation tests and rational slab areas; timed on
  a neighbour whose bounding box meets but whose interior does not, the full scan) and the
  validation of a detailed boundary, each against shapely/GEOS (floating point, C++) on the same
  shapes in the same run: ``overlap_vs_shapely`` and ``validate_vs_shapely`` say what exactness
  in pure Python costs.
* Through the node: complete transfers (ProposeTransfer, ConsentTransfer signed by seller and
  buyer, ApproveTransfer, FinalizeTransfer), presigned and sent with SubmitTransactions in
  batches, against notarising documents (RegisterDocument, the simplest action) through the same
  node in the same run: ``land_vs_notarize`` is land tx/s over notarize tx/s.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import tempfile
import time
from pathlib import Path
from typing import Any

import grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.message import Message

from benchmarks.common import calls_per_second, progress
from tabularium.crypto.didkey import did_key
from tabularium.documents.v1 import documents_pb2
from tabularium.domains.landregistry import geometry
from tabularium.identity.v1 import identity_pb2
from tabularium.keys import load_private_key
from tabularium.landregistry.v1 import landregistry_pb2 as pb
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tabularium.txbuild import build_signed, key_possession
from tests.conftest import NodeProcess, run_cli

BATCH = 500


def _ring(cx: int, cy: int, radius: int, n: int, wobble: int) -> list[tuple[int, int]]:
    points = []
    for i in range(n):
        r = radius + (wobble if i % 2 else 0)
        angle = 2 * math.pi * i / n
        points.append((cx + round(r * math.cos(angle)), cy + round(r * math.sin(angle))))
    return points


def rule_path(vertices: int, repeat: int) -> dict[str, Any]:
    import shapely

    a = geometry.from_e7([[_ring(0, 0, 10_000, vertices, 700)]])
    b = geometry.from_e7([[_ring(15_000, 0, 10_000, vertices, 700)]])
    big_ring = _ring(0, 0, 1_000_000, 1000, 20_000)
    sa = shapely.Polygon(a[0][0])
    sb = shapely.Polygon(b[0][0])
    big = shapely.Polygon(big_ring)
    assert geometry.interiors_overlap(a, b) == sa.relate_pattern(sb, "T********")
    # A neighbour whose bounding box meets a's but whose interior does not: the full scan.
    c = geometry.from_e7([[_ring(15_500, 15_500, 10_000, vertices, 700)]])
    sc = shapely.Polygon(c[0][0])
    assert not geometry.interiors_overlap(a, c) and not sa.relate_pattern(sc, "T********")
    ours = calls_per_second(lambda: geometry.interiors_overlap(a, c), repeat)
    theirs = calls_per_second(lambda: sa.relate_pattern(sc, "T********"), repeat)
    ours_hit = calls_per_second(lambda: geometry.interiors_overlap(a, b), repeat)
    theirs_hit = calls_per_second(lambda: sa.relate_pattern(sb, "T********"), repeat)
    ours_validate = calls_per_second(lambda: geometry.from_e7([[big_ring]]), max(repeat // 10, 1))
    theirs_validate = calls_per_second(lambda: shapely.is_valid(big), max(repeat // 10, 1))
    return {
        "vertices": vertices,
        "overlap_per_s": ours,
        "shapely_overlap_per_s": theirs,
        "overlapping_pair_per_s": ours_hit,
        "shapely_overlapping_pair_per_s": theirs_hit,
        "validate_1000_per_s": ours_validate,
        "shapely_validate_1000_per_s": theirs_validate,
    }


async def _send(address: str, raws: list[bytes]) -> float:
    async with grpc.aio.insecure_channel(
        address, options=[("grpc.max_send_message_length", 64 << 20)]
    ) as channel:
        stub = ledger_pb2_grpc.LedgerServiceStub(channel)
        started = time.perf_counter()
        for i in range(0, len(raws), BATCH):
            response = await stub.SubmitTransactions(
                ledger_pb2.SubmitTransactionsRequest(transactions=raws[i : i + BATCH]), timeout=300
            )
            for result in response.results:
                if not result.HasField("receipt") or result.receipt.result.error.reason:
                    raise RuntimeError(f"refused: {result}")
        return time.perf_counter() - started


def through_node(transfers: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tabularium-bench-land-") as tmp:
        data_dir = Path(tmp) / "data"
        run_cli("init", "--data-dir", str(data_dir), "--chain-id", "bench")
        node = NodeProcess(data_dir).start()
        try:
            ledger = ledger_pb2_grpc.LedgerServiceStub(node.channel())
            chain_id = ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10).chain_id
            root = load_private_key(data_dir / "keys" / "admin.key")
            office = Ed25519PrivateKey.generate()
            office_did = did_key(office.public_key().public_bytes_raw())
            now = time.time_ns() // 1000

            def signed(action: Message, *keys: Ed25519PrivateKey) -> bytes:
                return build_signed(chain_id, action, keys, now_us=now, window_seconds=3600)

            def run_phase(raws: list[bytes]) -> float:
                return asyncio.run(_send(node.address, raws))

            people = [Ed25519PrivateKey.generate() for _ in range(2 * transfers)]
            dids = [did_key(k.public_key().public_bytes_raw()) for k in people]
            setup = [
                signed(
                    identity_pb2.RegisterIdentity(
                        kind=identity_pb2.IDENTITY_KIND_AGENCY,
                        keys=[key_possession(office, office_did)],
                    ),
                    root,
                )
            ]
            setup += [
                signed(
                    identity_pb2.RegisterIdentity(
                        kind=identity_pb2.IDENTITY_KIND_CITIZEN, keys=[key_possession(k, d)]
                    ),
                    root,
                )
                for k, d in zip(people, dids, strict=True)
            ]
            run_phase(setup)
            deeds = [hashlib.sha256(b"deed %d" % i).digest() for i in range(2 * transfers)]
            second: list[bytes] = [
                signed(pb.ConfigureOffice(office=office_did, cooling_off_seconds=0), office)
            ]
            second += [
                signed(documents_pb2.RegisterDocument(sha256=d, title="deed"), root) for d in deeds
            ]
            second += [
                signed(
                    pb.RegisterParty(
                        office=office_did,
                        party=d,
                        type=pb.PARTY_TYPE_NATURAL_PERSON,
                        commitment=hashlib.sha256(d.encode()).digest(),
                    ),
                    office,
                )
                for d in dids
            ]
            run_phase(second)
            parcels = []
            for i in range(transfers):
                x, y = 40_000_000 + (i % 100) * 2000, 100_000_000 + (i // 100) * 2000
                square = [[x, y], [x + 1000, y], [x + 1000, y + 1000], [x, y + 1000], [x, y]]
                text = (
                    '{"type":"Polygon","coordinates":[['
                    + ",".join(f"[{px / 1e7:.7f},{py / 1e7:.7f}]" for px, py in square)
                    + "]]}"
                )
                parcels.append(
                    signed(
                        pb.RegisterParcel(
                            office=office_did,
                            parcel_id=f"B-{i}",
                            geometry=text,
                            source_sha256=deeds[transfers + i],
                            rights=[
                                pb.InitialRight(
                                    type=pb.RIGHT_TYPE_OWNERSHIP,
                                    party=dids[i],
                                    share=pb.Share(numerator=1, denominator=1),
                                )
                            ],
                        ),
                        office,
                    )
                )
            progress(f"land: registering {transfers} parcels")
            register_s = run_phase(parcels)
            phases: list[list[bytes]] = [[], [], [], []]
            for i in range(transfers):
                seller, buyer = people[i], people[transfers + i]
                whole = pb.Share(numerator=1, denominator=1)
                propose = signed(
                    pb.ProposeTransfer(
                        parcel_id=f"B-{i}",
                        deed_sha256=deeds[i],
                        transferors=[pb.Portion(party=dids[i], share=whole)],
                        transferees=[pb.Portion(party=dids[transfers + i], share=whole)],
                    ),
                    seller,
                )
                tid = hashlib.sha256(propose).digest()[:16]
                phases[0].append(propose)
                phases[1].append(
                    signed(pb.ConsentTransfer(transfer_id=tid, deed_sha256=deeds[i]), seller, buyer)
                )
                phases[2].append(
                    signed(
                        pb.ApproveTransfer(
                            office=office_did, transfer_id=tid, deed_sha256=deeds[i]
                        ),
                        office,
                    )
                )
                phases[3].append(signed(pb.FinalizeTransfer(transfer_id=tid), buyer))
            progress(f"land: {transfers} transfers, 4 transactions each")
            land_s = sum(run_phase(phase) for phase in phases)
            notarize = [
                signed(
                    documents_pb2.RegisterDocument(
                        sha256=hashlib.sha256(b"baseline %d" % i).digest(), title="x"
                    ),
                    root,
                )
                for i in range(4 * transfers)
            ]
            notarize_s = run_phase(notarize)
        finally:
            node.terminate()
    return {
        "transfers": transfers,
        "register_parcel_tx_per_s": transfers / register_s,
        "transfer_tx_per_s": 4 * transfers / land_s,
        "transfers_per_s": transfers / land_s,
        "notarize_tx_per_s": 4 * transfers / notarize_s,
    }


def run(transfers: int, repeat: int = 200) -> dict[str, Any]:
    progress("land: rule path (exact geometry vs shapely)")
    rules = rule_path(64, repeat)
    node = through_node(transfers)
    return {
        "rules": rules,
        "node": node,
        "ratios": {
            "overlap_vs_shapely": rules["overlap_per_s"] / rules["shapely_overlap_per_s"],
            "validate_vs_shapely": rules["validate_1000_per_s"]
            / rules["shapely_validate_1000_per_s"],
            "land_vs_notarize": node["transfer_tx_per_s"] / node["notarize_tx_per_s"],
        },
    }
