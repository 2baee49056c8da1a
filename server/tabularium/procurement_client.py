"""Client side of sealed bids' documents: a bid with its documents' ciphertext streamed to
UploadBid, and a committee member's logged download through GetBidDocuments.

Used by `tabularium procurement bid` / `tabularium committee documents` and by tests; it holds
no server code. The documents are sealed by ``sealedbid.seal_bid`` on the bidder's machine:
the node only ever sees their ciphertext.
"""

from __future__ import annotations

from collections.abc import Iterator

import grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium import rpcauth
from tabularium.procurement.v1 import procurement_pb2 as pb
from tabularium.procurement.v1 import procurement_pb2_grpc
from tabularium.txbuild import build_signed
from tabularium.vault_client import ACCESS_WINDOW_SECONDS, CHUNK_BYTES, now_us, split_header

GET_BID_DOCUMENTS_METHOD = "/tabularium.procurement.v1.ProcurementService/GetBidDocuments"


def upload_bid(
    channel: grpc.Channel,
    transaction: bytes,
    documents_ct: bytes,
    *,
    timeout: float | None = None,
) -> pb.UploadBidResponse:
    """Stream a bid's documents' ciphertext, then its signed SubmitBid. Raises grpc.RpcError."""

    def requests() -> Iterator[pb.UploadBidRequest]:
        for start in range(0, len(documents_ct), CHUNK_BYTES):
            yield pb.UploadBidRequest(chunk=documents_ct[start : start + CHUNK_BYTES])
        yield pb.UploadBidRequest(transaction=transaction)

    stub = procurement_pb2_grpc.ProcurementServiceStub(channel)
    response: pb.UploadBidResponse = stub.UploadBid(requests(), timeout=timeout)
    return response


def access_transaction(
    chain_id: str,
    key: Ed25519PrivateKey,
    ocid: str,
    lot: str,
    bidder: str,
    *,
    at_us: int | None = None,
) -> bytes:
    """A signed AccessBidDocuments, valid for ACCESS_WINDOW_SECONDS from ``at_us`` (default:
    now)."""
    return build_signed(
        chain_id,
        pb.AccessBidDocuments(ocid=ocid, lot=lot, bidder=bidder),
        [key],
        now_us=now_us() if at_us is None else at_us,
        window_seconds=ACCESS_WINDOW_SECONDS,
    )


def bid_documents(
    channel: grpc.Channel,
    key: Ed25519PrivateKey,
    access: bytes,
    *,
    timeout: float | None = None,
) -> tuple[pb.BidDocumentsHeader, Iterator[bytes]]:
    """Log the download ``access`` (a signed AccessBidDocuments by ``key``) and open the
    documents: the header (access receipt, data key, size, hash), then the ciphertext in
    chunks. Raises grpc.RpcError before any byte if the download is refused."""
    request = pb.GetBidDocumentsRequest(access_transaction=access)
    stream = procurement_pb2_grpc.ProcurementServiceStub(channel).GetBidDocuments(
        request,
        metadata=tuple(
            rpcauth.sign_request(key, GET_BID_DOCUMENTS_METHOD, request.SerializeToString())
        ),
        timeout=timeout,
    )
    header: pb.BidDocumentsHeader
    header, chunks = split_header(stream, "GetBidDocuments")
    return header, chunks
