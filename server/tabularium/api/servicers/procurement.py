"""tabularium.procurement.v1.ProcurementService: public reads of tenders, bids and the
committee's key ceremony. Everything here is public: sealed bids are ciphertexts until the
quorum opens them, and the ceremony's shares are sealed to their members."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator
from typing import Any

from tabularium.api.context import Context
from tabularium.api.convert import procurement as convert
from tabularium.api.convert.ledger import receipt_to_pb
from tabularium.api.interceptors.authentication import Auth, require_caller
from tabularium.api.servicers.snapshot import DomainSnapshot
from tabularium.api.servicers.vault import (
    commit_access,
    keep_then_submit,
    receive_upload,
    stream_segments,
)
from tabularium.chain.ledger import Ledger
from tabularium.domains.procurement import NAMESPACE, ocds
from tabularium.domains.procurement import rules as r
from tabularium.domains.procurement.model import AccessBidDocuments, SubmitBid
from tabularium.errors import InvalidArgument, NotFound
from tabularium.procurement.v1 import procurement_pb2 as pb
from tabularium.procurement.v1 import procurement_pb2_grpc
from tabularium.storage.vault import VaultStore

AUTH = {convert.GET_BID_DOCUMENTS_METHOD: Auth.REQUIRED}
# Key records of bid documents, in the node's local database.
DOCUMENTS_PREFIX = b"procurement/documents/"


def documents_id(ocid: str, lot: str, bidder: str) -> bytes:
    """The off-log store's name for one bidder's documents on one lot (each sealed version is
    kept under its ciphertext's SHA-256)."""
    return hashlib.sha256(f"{ocid}\0{lot}\0{bidder}".encode()).digest()[:16]


EXTENSIONS = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/"
    "extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/"
    "extension.json",
    "https://raw.githubusercontent.com/open-contracting-extensions/"
    "ocds_awardCriteriaBreakdown_extension/master/extension.json",
)


class ProcurementServicer(procurement_pb2_grpc.ProcurementServiceServicer):
    def __init__(self, ledger: Ledger, documents: VaultStore) -> None:
        self._ledger = ledger
        # Bid documents' ciphertexts (as the bidders sealed them), encrypted again at rest.
        self._documents = documents

    # ----- bid documents -----------------------------------------------------------------------

    async def UploadBid(
        self, request_iterator: AsyncIterator[pb.UploadBidRequest], context: Context
    ) -> pb.UploadBidResponse:
        upload = await asyncio.to_thread(self._documents.upload)
        try:
            raw, digest = await receive_upload(
                request_iterator, upload, "transaction", "signed SubmitBid transaction"
            )
            tx = self._ledger.check(raw)
            action = tx.action
            if not isinstance(action, SubmitBid):
                raise InvalidArgument(
                    "NOT_SUBMIT_BID",
                    f"the transaction carries {tx.action_type.type_url}, want SubmitBid",
                    field="transaction",
                )
            sealed = action.sealed
            if not sealed.documents_sha256:
                raise InvalidArgument(
                    "NO_DOCUMENTS",
                    "this bid declares no documents: submit it with SubmitTransaction",
                    field="transaction",
                )
            if upload.size != sealed.documents_size:
                raise InvalidArgument(
                    "SIZE_MISMATCH",
                    f"received {upload.size} bytes of documents, the bid says "
                    f"{sealed.documents_size}",
                    field="transaction",
                )
            if digest != sealed.documents_sha256:
                raise InvalidArgument(
                    "CIPHERTEXT_MISMATCH",
                    f"the documents received hash to {digest.hex()}, the bid commits to "
                    f"{sealed.documents_sha256.hex()}",
                    field="transaction",
                )
            slot = (documents_id(action.ocid, action.lot, action.bidder), digest, b"")
            receipt = await keep_then_submit(
                self._ledger, self._documents, upload, tx, slot, convert.UPLOAD_BID_METHOD
            )
            return pb.UploadBidResponse(receipt=receipt_to_pb(receipt))
        finally:
            await asyncio.to_thread(upload.abort)

    async def GetBidDocuments(
        self, request: pb.GetBidDocumentsRequest, context: Context
    ) -> AsyncIterator[pb.GetBidDocumentsResponse]:
        caller = require_caller()
        tx = self._ledger.check(request.access_transaction)
        action = tx.action
        if not isinstance(action, AccessBidDocuments):
            raise InvalidArgument(
                "NOT_ACCESS_BID_DOCUMENTS",
                f"access_transaction carries {tx.action_type.type_url}, want AccessBidDocuments",
                field="access_transaction",
            )
        receipt = await commit_access(
            self._ledger, tx, caller.public_key, convert.GET_BID_DOCUMENTS_METHOD
        )
        # The download is logged: only now is anything read.
        with self._ledger.store.read() as txn:
            found = r.bid(DomainSnapshot(txn, NAMESPACE), action.ocid, action.lot, action.bidder)
        assert found is not None, "a logged download names a bid"
        sealed = found.sealed
        record = self._documents.key_record(
            documents_id(action.ocid, action.lot, action.bidder), sealed.documents_sha256
        )
        if record is None:
            raise NotFound(
                "CONTENT_MISSING",
                "this node holds no copy of the bid's documents "
                f"({sealed.documents_sha256.hex()}); ask another node",
            )
        yield pb.GetBidDocumentsResponse(
            header=pb.BidDocumentsHeader(
                access_receipt=receipt_to_pb(receipt),
                data_key=found.data_key,
                documents_sha256=sealed.documents_sha256,
                documents_size=sealed.documents_size,
            )
        )
        async for segment in stream_segments(self._documents, record):
            yield pb.GetBidDocumentsResponse(chunk=segment)

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
