"""Procurement: its hot rule paths in process and sealed bids through a real node.

* Rule path: checking a sealed bid's capsule proof (``sealedbid.verify_bid``: one Schnorr
  verification over ristretto255) against an Ed25519 signature check (``cryptography``) in the
  same run, the floor every transaction already pays; and scoring a lot of 100 bids with exact
  fractions (``scoring.score_lot``) against SHA-256 of the same bids' figures.
* Through the node: SubmitBid transactions (proof check, bid record, release) from presigned
  batches, against notarising documents (RegisterDocument) through the same node in the same
  run: ``bid_vs_notarize``. The committee's key ceremony (3 members, quorum 2) runs first, as
  transactions.
"""

from __future__ import annotations

import asyncio
import hashlib
import tempfile
import time
from pathlib import Path
from typing import Any

import rfc8785
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.message import Message

from benchmarks.common import calls_per_second, progress
from benchmarks.load.tax import _send
from tabularium.api.convert.procurement import sealed_to_pb
from tabularium.chain.tx import timestamp_us
from tabularium.crypto import sealedbid as sb
from tabularium.crypto import threshold as th
from tabularium.crypto.didkey import did_key
from tabularium.documents.v1 import documents_pb2
from tabularium.domains.procurement import scoring
from tabularium.identity.v1 import identity_pb2
from tabularium.keys import load_private_key
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tabularium.procurement.v1 import procurement_pb2 as pb
from tabularium.procurement.v1 import procurement_pb2_grpc
from tabularium.txbuild import build_signed, key_possession
from tests.conftest import NodeProcess, run_cli

BIDDERS = 20
OCID = "ocds-bench-1"
DAY_US = 86_400 * 1_000_000


def rule_path(repeat: int) -> dict[str, Any]:
    joint = th.commitments([th.random_scalar()])[0]
    sealed, _ = sb.seal_bid(OCID, "1", "did:key:bidder", joint, b'{"figures":{"price":1}}')
    key = Ed25519PrivateKey.generate()
    message = b"x" * 200
    signature = key.sign(message)
    public = key.public_key()
    rules = scoring.LotRules(
        criteria=(
            scoring.Criterion("price", "price", 60, "price/lowest-ratio/v1"),
            scoring.Criterion("quality", "quality", 40, "quality/proportional/v1", 4, 10),
        ),
        tie_break="lowest_price",
    )
    bids = [
        scoring.BidInput(
            f"bidder-{i}", i, (("price", 1_000_000 + 37 * i),), (("quality", (5 + i % 5,) * 3),)
        )
        for i in range(100)
    ]
    figures = b"".join(b"%d" % (1_000_000 + 37 * i) for i in range(100))
    assert sb.verify_bid(OCID, "1", "did:key:bidder", joint, sealed)
    return {
        "bid_proofs_per_s": calls_per_second(
            lambda: sb.verify_bid(OCID, "1", "did:key:bidder", joint, sealed), repeat
        ),
        "ed25519_per_s": calls_per_second(lambda: public.verify(signature, message), repeat),
        "lots_scored_per_s": calls_per_second(
            lambda: scoring.score_lot(rules, bids, estimated_value=2_000_000, draw_seed=b"s"),
            max(1, repeat // 10),
        ),
        "sha256_per_s": calls_per_second(lambda: hashlib.sha256(figures).digest(), repeat),
    }


def through_node(bids: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="tabularium-bench-procurement-") as tmp:
        data_dir = Path(tmp) / "data"
        run_cli("init", "--data-dir", str(data_dir), "--chain-id", "bench")
        node = NodeProcess(data_dir).start()
        try:
            ledger = ledger_pb2_grpc.LedgerServiceStub(node.channel())
            stub = procurement_pb2_grpc.ProcurementServiceStub(node.channel())
            chain_id = ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10).chain_id
            root = load_private_key(data_dir / "keys" / "admin.key")
            now = time.time_ns() // 1000

            def did(key: Ed25519PrivateKey) -> str:
                return did_key(key.public_key().public_bytes_raw())

            def signed(action: Message, *keys: Ed25519PrivateKey) -> bytes:
                return build_signed(chain_id, action, keys, now_us=now, window_seconds=3600)

            def run_phase(raws: list[bytes]) -> float:
                return asyncio.run(_send(node.address, raws))

            buyer = Ed25519PrivateKey.generate()
            members = [Ed25519PrivateKey.generate() for _ in range(3)]
            bidders = [Ed25519PrivateKey.generate() for _ in range(BIDDERS)]
            run_phase(
                [
                    signed(
                        identity_pb2.RegisterIdentity(kind=kind, keys=[key_possession(k, did(k))]),
                        root,
                    )
                    for k, kind in (
                        (buyer, identity_pb2.IDENTITY_KIND_AGENCY),
                        *((m, identity_pb2.IDENTITY_KIND_COMPANY) for m in members),
                        *((b, identity_pb2.IDENTITY_KIND_COMPANY) for b in bidders),
                    )
                ]
            )
            dids = [did(m) for m in members]
            criterion = pb.Criterion(
                id="price",
                kind=pb.CRITERION_KIND_PRICE,
                weight=100,
                formula="price/lowest-ratio/v1",
            )
            value = pb.Amount(minor_units=10**9, currency="EUR")
            terms = pb.TenderTerms(
                procedure=pb.PROCEDURE_OPEN,
                category=pb.CATEGORY_SERVICES,
                estimated_value=value,
                submission_deadline=timestamp_us(now + 40 * DAY_US),
                lots=[
                    pb.Lot(
                        id="1",
                        estimated_value=value,
                        criteria=[criterion],
                        tie_break=pb.TIE_BREAK_DRAW,
                    )
                ],
                committee=pb.Committee(members=dids, quorum=2),
            )
            run_phase([signed(pb.PublishTender(buyer=did(buyer), ocid=OCID, terms=terms), buyer)])
            secrets = [sb.member_keygen(OCID, i, 2) for i in (1, 2, 3)]
            run_phase(
                [
                    signed(
                        pb.RegisterCommitteeKey(
                            ocid=OCID,
                            public_key=s.public_key,
                            proof=pb.Proof(c=p.c, v=p.v),
                        ),
                        m,
                    )
                    for s, m in zip(secrets, members, strict=True)
                    for p in [sb.prove_member_key(s, did(m), dids, 2)]
                ]
            )
            keys = [s.public_key for s in secrets]
            dealings = [sb.deal(s, dids, 2, keys) for s in secrets]
            run_phase(
                [
                    signed(
                        pb.DealCommitteeShares(
                            ocid=OCID,
                            commitments=list(d.commitments),
                            proofs=[pb.Proof(c=c, v=v) for c, v in d.proofs],
                            shares=[
                                pb.EncryptedShare(
                                    recipient=j, alpha=e.alpha, ciphertext=e.ciphertext, mac=e.mac
                                )
                                for j, e in d.shares
                            ],
                        ),
                        m,
                    )
                    for d, m in zip(dealings, members, strict=True)
                ]
            )
            joint = stub.GetTender(pb.GetTenderRequest(ocid=OCID), timeout=10).tender.joint_key
            run_phase(
                [signed(pb.ConfirmCommitteeKey(ocid=OCID, joint_key=joint), m) for m in members]
            )
            progress(f"procurement: sealing {bids} bids")
            raws = []
            for i in range(bids):
                bidder = bidders[i % BIDDERS]
                plain = rfc8785.dumps({"figures": {"price": 1_000_000 + i}})
                sealed, _ = sb.seal_bid(OCID, "1", did(bidder), joint, plain)
                raws.append(
                    signed(
                        pb.SubmitBid(
                            ocid=OCID,
                            lot="1",
                            bidder=did(bidder),
                            bid=sealed_to_pb(sealed),
                        ),
                        bidder,
                    )
                )
            progress(f"procurement: {bids} sealed bids through the node")
            bid_s = run_phase(raws)
            notarize = [
                signed(
                    documents_pb2.RegisterDocument(
                        sha256=hashlib.sha256(b"baseline %d" % i).digest(), title="x"
                    ),
                    root,
                )
                for i in range(bids)
            ]
            notarize_s = run_phase(notarize)
        finally:
            node.terminate()
    return {
        "bids": bids,
        "bidders": BIDDERS,
        "bid_tx_per_s": bids / bid_s,
        "notarize_tx_per_s": bids / notarize_s,
    }


def run(bids: int, repeat: int = 200) -> dict[str, Any]:
    progress("procurement: rule path (bid proof, lot scoring)")
    rules = rule_path(repeat)
    node = through_node(bids)
    return {
        "rules": rules,
        "node": node,
        "ratios": {
            "bid_proof_vs_ed25519": rules["bid_proofs_per_s"] / rules["ed25519_per_s"],
            "scoring_vs_sha256": rules["lots_scored_per_s"] / rules["sha256_per_s"],
            "bid_vs_notarize": node["bid_tx_per_s"] / node["notarize_tx_per_s"],
        },
    }
