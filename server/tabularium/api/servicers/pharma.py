"""tabularium.pharma.v1.PharmaService: scans in bulk (one result per item), pack reads, batch
traces and alerts, for the authority, the product's holder and authorised partners."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Any

from tabularium.api.context import Context
from tabularium.api.convert import pharma as convert
from tabularium.api.convert.ledger import receipt_to_pb
from tabularium.api.interceptors.authentication import Auth, require_caller
from tabularium.api.servicers.snapshot import DomainSnapshot
from tabularium.chain.ledger import Ledger
from tabularium.chain.tx import Transaction
from tabularium.domains.pharma import NAMESPACE, rules
from tabularium.domains.pharma.model import (
    KEY_SIZE,
    AlertRecord,
    BatchRecord,
    MarketSettings,
    PartnerRecord,
    ShipmentRecord,
)
from tabularium.errors import DomainError, InvalidArgument, NotFound, PermissionDenied
from tabularium.pharma.v1 import pharma_pb2 as pb
from tabularium.pharma.v1 import pharma_pb2_grpc

SERVICE = "/tabularium.pharma.v1.PharmaService/"
AUTH = {
    SERVICE + name: Auth.REQUIRED
    for name in ("GetPack", "TraceBatch", "ListAlerts", "StreamAlerts")
}
MAX_SCANS = 10_000
MAX_TRACE_PAGE = 10_000
MAX_ALERTS = 1_000


class _Snapshot(DomainSnapshot):
    def __init__(self, txn: Any) -> None:
        super().__init__(txn, NAMESPACE)

    def market(self) -> MarketSettings | None:
        raw = self.get(b"market")
        return None if raw is None else MarketSettings.decode(raw)

    def organisations(self, did: str) -> set[str]:
        """The organisations a caller speaks for: itself, and the organisation owning it."""
        record = self.identities.identity(did)
        return {did} | ({record.owner} if record is not None and record.owner else set())

    def is_authority(self, did: str) -> bool:
        settings = self.market()
        if settings is None:
            return False
        if did == settings.authority:
            return True
        record = self.identities.identity(did)
        return record is not None and any(
            record.has_role(settings.authority, role) for role in (rules.INSPECTOR, "admin")
        )

    def is_partner(self, organisations: set[str]) -> bool:
        for org in sorted(organisations):
            raw = self.get(b"partner/" + org.encode())
            if raw is not None and PartnerRecord.decode(raw).roles:
                return True
        return False

    def shipments(self, key: bytes) -> list[pb.Shipment]:
        found = []
        for _, shipment_id in self.scan(rules.history_prefix(key)):
            raw = self.get(rules.shipment_key(shipment_id))
            if raw is not None:
                found.append(convert.shipment_to_pb(ShipmentRecord.decode(raw)))
        return found

    def pack(self, key: bytes, time_us: int) -> pb.Pack | None:
        pack = rules.load_pack(self, key)
        if pack is None:
            return None
        batch = rules.load_batch_by_id(self, pack.batch_id)
        return convert.pack_to_pb(key, pack, batch, rules.status_of(pack, batch, time_us))


def _head_time_us(ledger: Ledger) -> int:
    return int(ledger.head.time_us)


class PharmaServicer(pharma_pb2_grpc.PharmaServiceServicer):
    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger

    @contextmanager
    def _snapshot(self) -> Iterator[_Snapshot]:
        with self._ledger.store.read() as txn:
            yield _Snapshot(txn)

    # ----- scans -----

    async def SubmitScans(
        self, request: pb.SubmitScansRequest, context: Context
    ) -> pb.SubmitScansResponse:
        if len(request.transactions) > MAX_SCANS:
            raise InvalidArgument(
                "TOO_MANY_SCANS",
                f"{len(request.transactions)} scans in one call; send at most {MAX_SCANS}",
                field="transactions",
            )
        results: list[pb.ScanResult] = [pb.ScanResult() for _ in request.transactions]
        checked: list[tuple[int, Transaction]] = []
        for n, raw in enumerate(request.transactions):
            try:
                tx = self._ledger.check(bytes(raw))
                if tx.action_type.type_url not in convert.SCAN_TYPES:
                    raise InvalidArgument(
                        "NOT_A_SCAN",
                        f"transactions[{n}] is a {tx.action_type.type_url}; SubmitScans takes "
                        "VerifyPack, DecommissionPack and UndoDecommission",
                        field=f"transactions[{n}]",
                    )
            except DomainError as exc:
                _refused(results[n], exc)
                continue
            checked.append((n, tx))
        outcomes = await asyncio.gather(
            *(self._ledger.submit_checked(tx) for _, tx in checked), return_exceptions=True
        )
        with self._snapshot() as snap:
            time_us = _head_time_us(self._ledger)
            for (n, tx), outcome in zip(checked, outcomes, strict=True):
                result = results[n]
                if isinstance(outcome, DomainError):
                    _refused(result, outcome)
                elif isinstance(outcome, BaseException):
                    raise outcome
                else:
                    result.code = "OK"
                    result.entry_index = outcome.entry_index
                    result.receipt.CopyFrom(receipt_to_pb(outcome))
                if result.HasField("entry_index") and snap.get(rules.alert_key(result.entry_index)):
                    result.alert_ids.append(result.entry_index)
                key = bytes(tx.action.pack.pack_key)
                if len(key) == KEY_SIZE:
                    pack = snap.pack(key, time_us)
                    if pack is not None:
                        result.pack.CopyFrom(pack)
        return pb.SubmitScansResponse(results=results)

    # ----- reads -----

    async def GetPack(self, request: pb.GetPackRequest, context: Context) -> pb.GetPackResponse:
        key = _key(request.pack_key, "pack_key")
        caller = require_caller().identity.did
        with self._snapshot() as snap:
            orgs = snap.organisations(caller)
            pack = snap.pack(key, _head_time_us(self._ledger))
            if pack is None:
                raise NotFound("UNKNOWN_SERIAL", f"no pack {key.hex()} was uploaded")
            batch = rules.load_batch(snap, pack.gtin, pack.batch)
            assert batch is not None
            if not (snap.is_authority(caller) or batch.holder in orgs or snap.is_partner(orgs)):
                raise PermissionDenied(
                    "NOT_ENTITLED",
                    "packs are read by the authority, the product's holder and authorised "
                    "trading partners",
                )
            return pb.GetPackResponse(pack=pack, height=snap.head, shipments=snap.shipments(key))

    async def TraceBatch(
        self, request: pb.TraceBatchRequest, context: Context
    ) -> pb.TraceBatchResponse:
        limit = min(request.page_size or MAX_TRACE_PAGE, MAX_TRACE_PAGE)
        caller = require_caller().identity.did
        return await asyncio.to_thread(self._trace, request, caller, limit)

    def _trace(
        self, request: pb.TraceBatchRequest, caller: str, limit: int
    ) -> pb.TraceBatchResponse:
        with self._snapshot() as snap:
            batch = rules.load_batch(snap, request.gtin, request.batch)
            if batch is None:
                raise NotFound("UNKNOWN_BATCH", f"no batch {request.batch!r} of {request.gtin}")
            orgs = snap.organisations(caller)
            if not (snap.is_authority(caller) or orgs & {batch.holder, batch.manufacturer}):
                raise PermissionDenied(
                    "NOT_ENTITLED",
                    "a batch is traced by the authority, its holder and its manufacturer",
                )
            after = bytes(request.after)
            time_us = _head_time_us(self._ledger)
            response = pb.TraceBatchResponse(height=snap.head)
            keys = rules.batch_pack_keys(snap.scan(rules.batch_packs_prefix(batch.batch_id)))
            skipping = bool(after)
            for key in keys:
                if skipping:
                    skipping = key != after
                    continue
                if len(response.packs) == limit:
                    response.next_after = response.packs[-1].pack.pack_key
                    break
                traced = response.packs.add()
                pack = snap.pack(key, time_us)
                assert pack is not None
                traced.pack.CopyFrom(pack)
                traced.shipments.extend(snap.shipments(key))
            response.batch_status = _batch_status(batch)
            return response

    async def ListAlerts(
        self, request: pb.ListAlertsRequest, context: Context
    ) -> pb.ListAlertsResponse:
        limit = min(request.limit or MAX_ALERTS, MAX_ALERTS)
        caller = require_caller().identity.did
        with self._snapshot() as snap:
            alerts, more = self._alerts(snap, caller, request.from_id, request.open_only, limit)
        return pb.ListAlertsResponse(alerts=alerts, more=more)

    def _alerts(
        self, snap: _Snapshot, caller: str, from_id: int, open_only: bool, limit: int
    ) -> tuple[list[pb.Alert], bool]:
        authority = snap.is_authority(caller)
        orgs = snap.organisations(caller)
        found: list[pb.Alert] = []
        for _, raw in snap.scan(rules.ALERT_PREFIX, rules.alert_key(from_id)):
            alert = AlertRecord.decode(raw)
            if open_only and alert.closed:
                continue
            if not (authority or alert.holder in orgs or alert.organisation in orgs):
                continue
            if len(found) == limit:
                return found, True
            found.append(convert.alert_to_pb(alert))
        return found, False

    async def StreamAlerts(
        self, request: pb.StreamAlertsRequest, context: Context
    ) -> AsyncIterator[pb.StreamAlertsResponse]:
        caller = require_caller().identity.did
        next_id = request.from_id
        while True:
            with self._snapshot() as snap:
                head = snap.head
                alerts, _ = self._alerts(snap, caller, next_id, False, MAX_ALERTS)
            for alert in alerts:
                yield pb.StreamAlertsResponse(alert=alert)
            if alerts:
                next_id = alerts[-1].alert_id + 1
                if len(alerts) == MAX_ALERTS:
                    continue
            await self._ledger.wait_for_block(head + 1)
            if self._ledger.head.height <= head:
                return  # shutting down


def _batch_status(batch: BatchRecord) -> Any:
    if batch.recall == "recall":
        return pb.PACK_STATUS_RECALLED
    if batch.recall:
        return pb.PACK_STATUS_WITHDRAWN
    return pb.PACK_STATUS_ACTIVE


def _key(value: bytes, field: str) -> bytes:
    if len(value) != KEY_SIZE:
        raise InvalidArgument("BAD_PACK_KEY", f"{field} must be 32 bytes", field=field)
    return bytes(value)


def _refused(result: pb.ScanResult, error: DomainError) -> None:
    result.code = error.code
    result.reason = error.reason
    result.message = error.message
    if "entry_index" in error.metadata:
        result.entry_index = int(error.metadata["entry_index"])
