"""tabularium.tax.v1.TaxService: private account reads (one state for offices, banks and
portals), invoice clearance with the XML checked first, refused enforcement as evidence."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

from tabularium import tax_xml
from tabularium.api.context import Context
from tabularium.api.convert import tax as convert
from tabularium.api.convert.ledger import receipt_to_pb
from tabularium.api.interceptors.authentication import Auth, require_caller
from tabularium.api.servicers.snapshot import DomainSnapshot
from tabularium.chain import executor
from tabularium.chain.ledger import Ledger, decode_header
from tabularium.domains.tax import NAMESPACE, queries, rules
from tabularium.domains.tax.model import (
    AccountRecord,
    IdempotencyRecord,
    OfficeSettings,
    SubmitInvoices,
)
from tabularium.errors import (
    DataCorruption,
    DeadlineExceeded,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from tabularium.ledger.v1 import ledger_pb2, transaction_pb2
from tabularium.tax.v1 import tax_pb2 as pb
from tabularium.tax.v1 import tax_pb2_grpc

SERVICE = "/tabularium.tax.v1.TaxService/"
AUTH = {
    SERVICE + name: Auth.REQUIRED
    for name in (
        "GetAccount",
        "ListLiabilities",
        "GetInvoice",
        "GetPayment",
        "GetReconciliation",
        "StreamAccountEvents",
        "ListRefusedEnforcement",
    )
}
STAFF_ROLES = (rules.OFFICER, rules.ENFORCEMENT, rules.APPEAL, rules.BANK, rules.SDI)
MAX_REFUSALS = 500


class _Snapshot(DomainSnapshot):
    """Tax state and identities at one committed snapshot, with range scans and headers."""

    def __init__(self, txn: Any) -> None:
        super().__init__(txn, NAMESPACE)

    def read_point(self, height: int) -> pb.ReadPoint:
        raw, header = self.header(height)
        return pb.ReadPoint(
            height=height, block_hash=hashlib.sha256(raw).digest(), state_digest=header.state_digest
        )

    def office(self, office: str) -> OfficeSettings:
        raw = self.get(rules.office_key(office))
        return OfficeSettings() if raw is None else OfficeSettings.decode(raw)

    def staff(self, did: str, office: str, roles: tuple[str, ...] = STAFF_ROLES) -> bool:
        if did == office:
            return True
        record = self.identities.identity(did)
        return record is not None and any(record.has_role(office, r) for r in roles)


def _account_id(value: bytes, field: str = "account") -> bytes:
    if len(value) != 16:
        raise InvalidArgument("BAD_ID", f"{field} must be a 16-byte account id", field=field)
    return bytes(value)


class TaxServicer(tax_pb2_grpc.TaxServiceServicer):
    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger

    @contextmanager
    def _snapshot(self) -> Iterator[_Snapshot]:
        with self._ledger.store.read() as txn:
            yield _Snapshot(txn)

    async def _await_height(self, read: pb.ReadOptions, context: Context) -> None:
        """Read-your-writes: wait for min_height within the call's deadline, never answer
        from an older state."""
        if not read.min_height or self._ledger.head.height >= read.min_height:
            return
        remaining = context.time_remaining()
        try:
            await asyncio.wait_for(
                self._ledger.wait_for_block(read.min_height),
                timeout=None if remaining is None else max(remaining - 0.05, 0.0),
            )
        except TimeoutError:
            raise DeadlineExceeded(
                "MIN_HEIGHT_NOT_REACHED",
                f"this node is at height {self._ledger.head.height}, not yet "
                f"{read.min_height}; retry here later or on another node",
            ) from None
        if self._ledger.head.height < read.min_height:
            raise DeadlineExceeded("MIN_HEIGHT_NOT_REACHED", "the node is shutting down")

    def _readable_account(self, snap: _Snapshot, account_id: bytes) -> AccountRecord:
        raw = snap.get(rules.account_key(account_id))
        if raw is None:
            raise NotFound(
                "ACCOUNT_NOT_FOUND",
                f"no tax account {account_id.hex()}",
                metadata={"account": account_id.hex()},
            )
        account = AccountRecord.decode(raw)
        caller = require_caller().identity.did
        if caller != account.holder and not snap.staff(caller, account.office):
            raise PermissionDenied(
                "NOT_ENTITLED",
                f"{caller} may not read account {account_id.hex()}: only its holder and the "
                f"staff and banks of {account.office}",
            )
        return account

    async def GetAccount(
        self, request: pb.GetAccountRequest, context: Context
    ) -> pb.GetAccountResponse:
        await self._await_height(request.read, context)
        with self._snapshot() as snap:
            height = snap.height(request.read.at_height)
            record = self._readable_account(snap, _account_id(request.account))
            folded = queries.account(snap.get, snap.scan, record.account_id, request.read.at_height)
            currency = snap.office(record.office).currency
            point = snap.read_point(height)
        assert folded.account is not None
        return pb.GetAccountResponse(
            account=convert.account_to_pb(folded.account, currency, queries.open_total(folded)),
            read_point=point,
        )

    async def ListLiabilities(
        self, request: pb.ListLiabilitiesRequest, context: Context
    ) -> pb.ListLiabilitiesResponse:
        await self._await_height(request.read, context)
        with self._snapshot() as snap:
            height = snap.height(request.read.at_height)
            record = self._readable_account(snap, _account_id(request.account))
            folded = queries.account(snap.get, snap.scan, record.account_id, request.read.at_height)
            currency = snap.office(record.office).currency
            point = snap.read_point(height)
        return pb.ListLiabilitiesResponse(
            **convert.liabilities_to_pb(folded, currency), read_point=point
        )

    async def GetInvoice(
        self, request: pb.GetInvoiceRequest, context: Context
    ) -> pb.GetInvoiceResponse:
        await self._await_height(request.read, context)
        with self._snapshot() as snap:
            height = snap.height(request.read.at_height)
            invoice = queries.find_invoice(
                snap.get,
                bytes(request.invoice),
                bytes(request.seller),
                request.year,
                request.number,
            )
            seller = AccountRecord.decode(snap.get(rules.account_key(invoice.header.seller)) or b"")
            caller = require_caller().identity.did
            buyer_holder = ""
            if invoice.header.buyer:
                raw = snap.get(rules.account_key(invoice.header.buyer))
                buyer_holder = AccountRecord.decode(raw).holder if raw else ""
            if caller not in (seller.holder, buyer_holder) and not snap.staff(
                caller, seller.office
            ):
                raise PermissionDenied(
                    "NOT_ENTITLED", "an invoice is read by its seller, its buyer and the office"
                )
            if request.read.at_height:
                past = queries.fold(snap.scan, invoice.header.seller, height).invoices
                if invoice.invoice_id not in past:
                    raise NotFound(
                        "INVOICE_NOT_FOUND", f"the invoice was cleared after height {height}"
                    )
                invoice = past[invoice.invoice_id]
            point = snap.read_point(height)
        return pb.GetInvoiceResponse(invoice=convert.invoice_to_pb(invoice), read_point=point)

    async def GetPayment(
        self, request: pb.GetPaymentRequest, context: Context
    ) -> pb.GetPaymentResponse:
        await self._await_height(request.read, context)
        with self._snapshot() as snap:
            height = snap.height(request.read.at_height)
            payment_id = bytes(request.payment)
            if not payment_id:
                raw = snap.get(rules.idempotency_key(request.institution, request.idempotency_key))
                if raw is None:
                    raise NotFound(
                        "PAYMENT_NOT_FOUND",
                        f"{request.institution} has no payment under key "
                        f"{request.idempotency_key!r}",
                    )
                payment_id = IdempotencyRecord.decode(raw).payment_id
            payment = queries.find_payment(snap.get, payment_id)
            account = self._readable_account(snap, payment.account)
            if request.read.at_height:
                past = queries.fold(snap.scan, payment.account, height).payments
                if payment_id not in past:
                    raise NotFound("PAYMENT_NOT_FOUND", f"the payment came after height {height}")
                payment = past[payment_id]
            currency = snap.office(account.office).currency
            point = snap.read_point(height)
        return pb.GetPaymentResponse(
            payment=convert.payment_to_pb(payment, currency), read_point=point
        )

    async def GetReconciliation(
        self, request: pb.GetReconciliationRequest, context: Context
    ) -> pb.GetReconciliationResponse:
        await self._await_height(request.read, context)
        with self._snapshot() as snap:
            caller = require_caller().identity.did
            if not snap.staff(caller, request.office, (rules.OFFICER,)):
                raise PermissionDenied(
                    "NOT_ENTITLED", f"reconciliation is for the officers of {request.office}"
                )
            height = snap.height(request.read.at_height)
            result = queries.reconciliation(
                snap.get, snap.scan, request.office, request.period, height
            )
            currency = snap.office(request.office).currency
            point = snap.read_point(height)
            size = int(decode_header(snap.txn.block_header(height)).log_size)
            checkpoint = snap.txn.checkpoint(size) or b""
        return pb.GetReconciliationResponse(
            **convert.reconciliation_to_pb(result, currency),
            read_point=point,
            checkpoint=checkpoint,
        )

    async def StreamAccountEvents(
        self, request: pb.StreamAccountEventsRequest, context: Context
    ) -> AsyncIterator[pb.StreamAccountEventsResponse]:
        account_id = _account_id(request.account)
        next_entry = request.from_entry
        seen_height = -1
        while True:
            with self._snapshot() as snap:
                record = self._readable_account(snap, account_id)
                currency = snap.office(record.office).currency
                head = snap.head
                found = [
                    e for e in queries.events(snap.scan, account_id) if e.entry_index >= next_entry
                ]
            for event in found:
                yield pb.StreamAccountEventsResponse(event=convert.event_to_pb(event, currency))
            if found:
                next_entry = found[-1].entry_index + 1
            seen_height = head
            await self._ledger.wait_for_block(seen_height + 1)
            if self._ledger.head.height <= seen_height:
                return  # shutting down

    async def ListRefusedEnforcement(
        self, request: pb.ListRefusedEnforcementRequest, context: Context
    ) -> pb.ListRefusedEnforcementResponse:
        limit = min(request.limit or MAX_REFUSALS, MAX_REFUSALS)
        with self._snapshot() as snap:
            caller = require_caller().identity.did
            if not snap.staff(
                caller, request.office, (rules.OFFICER, rules.ENFORCEMENT, rules.APPEAL)
            ):
                raise PermissionDenied(
                    "NOT_ENTITLED",
                    f"refused enforcement is listed for the staff of {request.office}",
                )
            indices: list[tuple[int, str]] = []
            for url in convert.ENFORCEMENT_ACTIONS:
                prefix = executor.refused_prefix(url)
                for key, _ in snap.txn.state_range(prefix):
                    index = int.from_bytes(key[len(prefix) :], "big")
                    if index >= request.from_entry:
                        indices.append((index, url))
            indices.sort()
            refusals: list[pb.RefusedEnforcement] = []
            more = False
            for index, url in indices:
                raw = snap.txn.entry(index)
                result_raw = snap.txn.entry_result(index)
                if raw is None or result_raw is None:
                    raise DataCorruption(f"refused entry {index} is indexed but not stored")
                tx = self._ledger.actions.get(url)
                signed = transaction_pb2.SignedTransaction.FromString(raw)
                body = transaction_pb2.TransactionBody.FromString(signed.body)
                assert tx is not None
                action = tx.decode(body.action.value)
                if getattr(action, "office", None) != request.office:
                    continue
                if len(refusals) == limit:
                    more = True
                    break
                result = ledger_pb2.TransactionResult.FromString(result_raw)
                signers = [
                    snap.identities.did_of_key(bytes(s.public_key)) or bytes(s.public_key).hex()
                    for s in signed.signatures
                ]
                refusals.append(
                    pb.RefusedEnforcement(
                        entry_index=index,
                        action=url.rsplit(".", 1)[-1],
                        signers=signers,
                        reason=result.error.reason,
                        message=result.error.message,
                        tx_hash=hashlib.sha256(raw).digest(),
                    )
                )
        return pb.ListRefusedEnforcementResponse(refusals=refusals, more=more)

    async def ClearInvoices(
        self, request: pb.ClearInvoicesRequest, context: Context
    ) -> pb.ClearInvoicesResponse:
        tx = self._ledger.check(bytes(request.transaction))
        if tx.action_type.type_url != convert.SUBMIT_INVOICES:
            raise InvalidArgument(
                "WRONG_ACTION",
                f"ClearInvoices takes a SubmitInvoices transaction, not {tx.action_type.type_url}",
                field="transaction",
            )
        action = tx.action
        assert isinstance(action, SubmitInvoices)
        await asyncio.to_thread(tax_xml.check_against, bytes(request.xml), list(action.invoices))
        receipt = await self._ledger.submit_checked(tx, service=convert.CLEAR_INVOICES_METHOD)
        return pb.ClearInvoicesResponse(
            receipt=receipt_to_pb(receipt),
            invoice_ids=[
                rules.derive_id(receipt.tx_hash, b"invoice", n) for n in range(len(action.invoices))
            ],
        )
