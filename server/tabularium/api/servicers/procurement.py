"""tabularium.procurement.v1.ProcurementService: public reads of tenders, bids and the
committee's key ceremony. Everything here is public: sealed bids are ciphertexts until the
quorum opens them, and the ceremony's shares are sealed to their members."""

from __future__ import annotations

import json
from typing import Any

from tabularium.api.context import Context
from tabularium.api.convert import procurement as convert
from tabularium.api.convert.ledger import receipt_to_pb
from tabularium.api.servicers.snapshot import DomainSnapshot
from tabularium.chain.ledger import Ledger
from tabularium.domains.procurement import NAMESPACE, ocds
from tabularium.domains.procurement import rules as r
from tabularium.errors import NotFound
from tabularium.procurement.v1 import procurement_pb2 as pb
from tabularium.procurement.v1 import procurement_pb2_grpc

EXTENSIONS = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/"
    "extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/"
    "extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_awardCriteriaBreakdown_extension/master/extension.json",
)


class ProcurementServicer(procurement_pb2_grpc.ProcurementServiceServicer):
    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger

    async def GetTender(
        self, request: pb.GetTenderRequest, context: Context
    ) -> pb.GetTenderResponse:
        with self._ledger.store.read() as txn:
            snap = DomainSnapshot(txn, NAMESPACE)
            record = r.tender(snap, request.ocid)
            ceremony = r.committee(snap, request.ocid)
        return pb.GetTenderResponse(tender=convert.tender_to_pb(record, ceremony))

    async def ListBids(self, request: pb.ListBidsRequest, context: Context) -> pb.ListBidsResponse:
        with self._ledger.store.read() as txn:
            snap = DomainSnapshot(txn, NAMESPACE)
            record = r.tender(snap, request.ocid)
            if request.lot:
                r.lot_terms(record, request.lot)
            last_amendment = record.amendments[-1] if record.amendments else 0
            bids = []
            for lot, bidder in r.bid_list(snap, request.ocid):
                if request.lot and lot != request.lot:
                    continue
                found = r.bid(snap, request.ocid, lot, bidder)
                assert found is not None
                bids.append(convert.bid_to_pb(found, last_amendment))
        return pb.ListBidsResponse(bids=bids)

    async def GetCeremony(
        self, request: pb.GetCeremonyRequest, context: Context
    ) -> pb.GetCeremonyResponse:
        with self._ledger.store.read() as txn:
            snap = DomainSnapshot(txn, NAMESPACE)
            record = r.tender(snap, request.ocid)
            n = len(record.terms.members)
            if not 1 <= request.member <= n:
                raise NotFound(
                    "NOT_COMMITTEE_MEMBER",
                    f"the committee has members 1 to {n}, not {request.member}",
                    field="member",
                )
            ceremony = r.committee(snap, request.ocid)
            shares = []
            for dealer in range(1, n + 1):
                if dealer == request.member or not ceremony.commitments[dealer - 1]:
                    continue
                sealed = r.share(snap, request.ocid, ceremony.epoch, dealer, request.member)
                shares.append(
                    pb.DealtShare(
                        dealer=dealer,
                        share=pb.EncryptedShare(
                            recipient=request.member,
                            alpha=sealed.alpha,
                            ciphertext=sealed.ciphertext,
                            mac=sealed.mac,
                        ),
                    )
                )
        return pb.GetCeremonyResponse(shares=shares)

    async def GetEvaluation(
        self, request: pb.GetEvaluationRequest, context: Context
    ) -> pb.GetEvaluationResponse:
        with self._ledger.store.read() as txn:
            snap = DomainSnapshot(txn, NAMESPACE)
            record = r.tender(snap, request.ocid)
            r.lot_terms(record, request.lot)
            ev = r.evaluation(snap, request.ocid, request.lot)
        receipt = self._ledger.receipt(record.terms_tx)
        return pb.GetEvaluationResponse(
            evaluation=convert.evaluation_to_pb(request.lot, record, ev),
            terms_receipt=receipt_to_pb(receipt),
        )

    def _releases(self, ocid: str) -> list[dict[str, Any]]:
        with self._ledger.store.read() as txn:
            snap = DomainSnapshot(txn, NAMESPACE)
            r.tender(snap, ocid)
            return [json.loads(v) for _, v in snap.scan(ocds.releases_prefix(ocid))]

    def _package(self, ocid: str, kind: str, latest: str) -> dict[str, Any]:
        chain = self._ledger.genesis.chain_id
        return {
            "uri": f"urn:tabularium:{chain}:procurement:{ocid}:{kind}",
            "version": "1.1",
            "publishedDate": latest,
            "publisher": {"name": f"Tabularium ledger {chain}"},
            "extensions": list(EXTENSIONS),
        }

    async def GetReleasePackage(
        self, request: pb.GetReleasePackageRequest, context: Context
    ) -> pb.GetReleasePackageResponse:
        releases = self._releases(request.ocid)
        package = {**self._package(request.ocid, "releases", releases[-1]["date"])}
        package["releases"] = releases
        return pb.GetReleasePackageResponse(package_json=ocds.package_json(package).encode())

    async def GetRecordPackage(
        self, request: pb.GetRecordPackageRequest, context: Context
    ) -> pb.GetRecordPackageResponse:
        releases = self._releases(request.ocid)
        compiled, versioned = ocds.merge(releases)
        package = self._package(request.ocid, "record", releases[-1]["date"])
        package["records"] = [
            {
                "ocid": request.ocid,
                "releases": releases,
                "compiledRelease": compiled,
                "versionedRelease": versioned,
            }
        ]
        return pb.GetRecordPackageResponse(package_json=ocds.package_json(package).encode())
