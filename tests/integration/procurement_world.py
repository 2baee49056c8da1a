"""A contracting authority on a real node with a clock the test moves: the buyer "Comune" with
its procurement officer, a 3-of-5 evaluation committee (two of the buyer's officials and three
outside experts), three bidding companies, and each member's own ceremony tool."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
import rfc8785
from google.protobuf.field_mask_pb2 import FieldMask

from tabularium.api.convert.procurement import sealed_to_pb
from tabularium.chain.tx import timestamp_us
from tabularium.crypto import sealedbid as sb
from tabularium.crypto import threshold as th
from tabularium.identity.v1 import identity_pb2
from tabularium.procurement.v1 import procurement_pb2 as pb
from tabularium.procurement.v1 import procurement_pb2_grpc
from tests.conftest import Chain, NodeProcess
from tests.integration.landregistry_world import Actor
from tests.integration.world import World

DAY = 86_400
FAILED = grpc.StatusCode.FAILED_PRECONDITION
INVALID = grpc.StatusCode.INVALID_ARGUMENT
DENIED = grpc.StatusCode.PERMISSION_DENIED
NOT_FOUND = grpc.StatusCode.NOT_FOUND
EXISTS = grpc.StatusCode.ALREADY_EXISTS


def eur(minor: int) -> pb.Amount:
    return pb.Amount(minor_units=minor, currency="EUR")


def price_quality_lot(lot_id: str, value: int, *, price_weight: int = 60) -> pb.Lot:
    return pb.Lot(
        id=lot_id,
        title=f"Lot {lot_id}",
        estimated_value=eur(value),
        criteria=[
            pb.Criterion(
                id="price",
                kind=pb.CRITERION_KIND_PRICE,
                weight=price_weight,
                formula="price/lowest-ratio/v1",
            ),
            pb.Criterion(
                id="quality",
                kind=pb.CRITERION_KIND_QUALITY,
                weight=100 - price_weight,
                formula="quality/proportional/v1",
                max_mark=10,
                pass_mark=4,
            ),
        ],
        tie_break=pb.TIE_BREAK_LOWEST_PRICE,
    )


@dataclass
class Member:
    actor: Actor
    index: int
    secrets: sb.MemberSecrets | None = None
    secret_share: bytes = b""
    received: dict[int, bytes] = field(default_factory=dict)


class ProcurementWorld(World):
    def __init__(self, chain: Chain, node: NodeProcess, clock_file: Path | None = None) -> None:
        super().__init__(chain, node, clock_file)
        self.stub = procurement_pb2_grpc.ProcurementServiceStub(node.channel())
        self.buyer = self.register("Comune", identity_pb2.IDENTITY_KIND_AGENCY)
        self.officer = self.register("Officer", owner=self.buyer)
        self.grant_role(self.buyer, self.officer, "procurement")
        self.experts_org = self.register("Ordine", identity_pb2.IDENTITY_KIND_AGENCY)
        inside = [self.register(f"Inside{i}", owner=self.buyer) for i in (1, 2)]
        outside = [self.register(f"Expert{i}", owner=self.experts_org) for i in (1, 2, 3)]
        self.member_actors = [*inside, *outside]
        self.bidders = [self.register(name) for name in ("Alfa", "Beta", "Gamma")]

    # ----- the tender --------------------------------------------------------------------------

    def terms(
        self,
        *,
        deadline_days: float = 36,
        lots: list[pb.Lot] | None = None,
        members: list[Actor] | None = None,
        quorum: int = 3,
        electronic: bool = False,
        urgency: str = "",
    ) -> pb.TenderTerms:
        return pb.TenderTerms(
            procedure=pb.PROCEDURE_OPEN,
            category=pb.CATEGORY_WORKS,
            estimated_value=eur(2_000_000_00),
            submission_deadline=timestamp_us(self.now_us() + int(deadline_days * DAY * 1e6)),
            electronic_submission=electronic,
            urgency_justification=urgency,
            lots=lots or [price_quality_lot("1", 1_200_000_00), price_quality_lot("2", 800_000_00)],
            documents=[pb.SpecDocument(name="capitolato.pdf", sha256=b"\x11" * 32)],
            committee=pb.Committee(
                members=[m.did for m in (members or self.member_actors)], quorum=quorum
            ),
        )

    def publish(self, ocid: str, terms: pb.TenderTerms | None = None) -> Any:
        return self.submit(self.publish_action(ocid, terms), self.officer.key)

    def publish_action(self, ocid: str, terms: pb.TenderTerms | None = None) -> pb.PublishTender:
        return pb.PublishTender(
            buyer=self.buyer.did,
            ocid=ocid,
            details=pb.TenderDetails(title="Scuola primaria", description="Ristrutturazione"),
            terms=terms or self.terms(),
        )

    def amend_action(self, ocid: str, terms: pb.TenderTerms, rationale: str) -> pb.AmendTender:
        return pb.AmendTender(ocid=ocid, buyer=self.buyer.did, terms=terms, rationale=rationale)

    def update_action(self, ocid: str, paths: list[str], title: str = "") -> pb.UpdateTender:
        return pb.UpdateTender(
            ocid=ocid,
            buyer=self.buyer.did,
            details=pb.TenderDetails(title=title),
            update_mask=FieldMask(paths=paths),
        )

    def tender(self, ocid: str) -> pb.Tender:
        return self.stub.GetTender(pb.GetTenderRequest(ocid=ocid), timeout=10).tender

    def bids(self, ocid: str, lot: str = "") -> list[pb.Bid]:
        return list(self.stub.ListBids(pb.ListBidsRequest(ocid=ocid, lot=lot), timeout=10).bids)

    # ----- the committee's ceremony, each member on its own machine ---------------------------

    def members(self, ocid: str) -> list[Member]:
        tender = self.tender(ocid)
        by_did = {a.did: a for a in self.member_actors}
        return [Member(by_did[m.did], m.index) for m in tender.members]

    def register_keys(self, ocid: str, members: list[Member]) -> None:
        tender = self.tender(ocid)
        dids, quorum = list(tender.terms.committee.members), tender.terms.committee.quorum
        for member in members:
            member.secrets = sb.member_keygen(ocid, member.index, quorum)
            proof = sb.prove_member_key(member.secrets, member.actor.did, dids, quorum)
            self.submit(
                pb.RegisterCommitteeKey(
                    ocid=ocid,
                    public_key=member.secrets.public_key,
                    proof=pb.Proof(c=proof.c, v=proof.v),
                ),
                member.actor.key,
            )

    def deal_action(self, ocid: str, member: Member) -> pb.DealCommitteeShares:
        tender = self.tender(ocid)
        dids, quorum = list(tender.terms.committee.members), tender.terms.committee.quorum
        assert member.secrets is not None
        dealing = sb.deal(member.secrets, dids, quorum, [m.public_key for m in tender.members])
        return pb.DealCommitteeShares(
            ocid=ocid,
            commitments=list(dealing.commitments),
            proofs=[pb.Proof(c=c, v=v) for c, v in dealing.proofs],
            shares=[
                pb.EncryptedShare(recipient=j, alpha=s.alpha, ciphertext=s.ciphertext, mac=s.mac)
                for j, s in dealing.shares
            ],
        )

    def check_shares(self, ocid: str, member: Member) -> list[int]:
        """Open every share sealed to ``member``; the dealers whose share is bad."""
        tender = self.tender(ocid)
        dids, quorum = list(tender.terms.committee.members), tender.terms.committee.quorum
        assert member.secrets is not None
        got = self.stub.GetCeremony(
            pb.GetCeremonyRequest(ocid=ocid, member=member.index), timeout=10
        )
        bad = []
        for dealt in got.shares:
            sealed = th.HashedElGamal(dealt.share.alpha, dealt.share.ciphertext, dealt.share.mac)
            value = sb.open_share(
                member.secrets,
                dids,
                quorum,
                dealt.dealer,
                sealed,
                list(tender.members[dealt.dealer - 1].commitments),
            )
            if value is None:
                bad.append(dealt.dealer)
            else:
                member.received[dealt.dealer] = value
        return bad

    def complaint(self, ocid: str, member: Member, dealer: int) -> pb.ComplainShare:
        tender = self.tender(ocid)
        dids, quorum = list(tender.terms.committee.members), tender.terms.committee.quorum
        assert member.secrets is not None
        got = self.stub.GetCeremony(
            pb.GetCeremonyRequest(ocid=ocid, member=member.index), timeout=10
        )
        dealt = next(d for d in got.shares if d.dealer == dealer)
        sealed = th.HashedElGamal(dealt.share.alpha, dealt.share.ciphertext, dealt.share.mac)
        proof = sb.prove_complaint(member.secrets, dids, quorum, dealer, sealed)
        return pb.ComplainShare(
            ocid=ocid, dealer=dealer, shared=proof.result, proof=pb.Proof(c=proof.c, v=proof.v)
        )

    def confirm(self, ocid: str, member: Member) -> None:
        assert member.secrets is not None
        assert self.check_shares(ocid, member) == []
        own = th.share(member.secrets.coefficients, member.index)
        member.secret_share = sb.joint_secret_share(own, list(member.received.values()))
        tender = self.tender(ocid)
        assert (
            th.commitments([member.secret_share])[0] == tender.members[member.index - 1].share_key
        )
        self.submit(pb.ConfirmCommitteeKey(ocid=ocid, joint_key=tender.joint_key), member.actor.key)

    def ceremony(self, ocid: str) -> list[Member]:
        members = self.members(ocid)
        self.register_keys(ocid, members)
        for member in members:
            self.submit(self.deal_action(ocid, member), member.actor.key)
        for member in members:
            self.confirm(ocid, member)
        assert self.tender(ocid).ceremony_status == pb.CEREMONY_STATUS_READY
        return members

    # ----- bidding and opening -----------------------------------------------------------------

    def bid_action(
        self, ocid: str, lot: str, bidder: Actor, figures: dict[str, int]
    ) -> pb.SubmitBid:
        joint_key = self.tender(ocid).joint_key
        plain = rfc8785.dumps({"figures": figures})
        sealed, _documents = sb.seal_bid(ocid, lot, bidder.did, joint_key, plain)
        return pb.SubmitBid(ocid=ocid, lot=lot, bidder=bidder.did, bid=sealed_to_pb(sealed))

    def bid(self, ocid: str, lot: str, bidder: Actor, price: int) -> Any:
        return self.submit(self.bid_action(ocid, lot, bidder, {"price": price}), bidder.key)

    def open_action(self, ocid: str, member: Member) -> pb.OpenBids:
        tender = self.tender(ocid)
        shares = []
        for bid in self.bids(ocid):
            if bid.status != pb.BID_STATUS_SEALED:
                continue
            proof = sb.partial_decrypt(
                ocid,
                tender.joint_key,
                member.index,
                member.secret_share,
                bid.lot,
                bid.bidder,
                bid.sealed.alpha,
            )
            shares.append(
                pb.DecryptionShare(
                    lot=bid.lot,
                    bidder=bid.bidder,
                    share=proof.result,
                    proof=pb.Proof(c=proof.c, v=proof.v),
                )
            )
        return pb.OpenBids(ocid=ocid, shares=shares)

    def store_bytes(self) -> bytes:
        """Every byte the node's data directory holds (LMDB files, vault, logs)."""
        out = []
        for path in sorted(self.chain.data_dir.rglob("*")):
            if path.is_file():
                out.append(path.read_bytes())
        return b"".join(out)


def figures_of(bid: pb.Bid) -> dict[str, int]:
    return {f.criterion: f.minor_units for f in bid.figures}
