"""tabularium.documents.v1.DocumentsService."""

from __future__ import annotations

from tabularium.api.context import Context
from tabularium.api.convert.ledger import receipt_to_pb
from tabularium.chain.ledger import Ledger
from tabularium.chain.tx import timestamp_us
from tabularium.documents.v1 import documents_pb2, documents_pb2_grpc
from tabularium.domains.documents import NAMESPACE
from tabularium.domains.documents.queries import find_registration


class DocumentsServicer(documents_pb2_grpc.DocumentsServiceServicer):
    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger

    async def VerifyDocument(
        self, request: documents_pb2.VerifyDocumentRequest, context: Context
    ) -> documents_pb2.VerifyDocumentResponse:
        record = find_registration(
            lambda key: self._ledger.domain_state(NAMESPACE, key), request.sha256
        )
        if record is None:
            return documents_pb2.VerifyDocumentResponse(registered=False)
        receipt = self._ledger.receipt(record.tx_hash)
        return documents_pb2.VerifyDocumentResponse(
            registered=True,
            title=record.title,
            registered_at=timestamp_us(record.registered_at_us),
            entry_index=record.entry_index,
            block_height=record.block_height,
            receipt=receipt_to_pb(receipt),
        )
