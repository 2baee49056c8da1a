"""tabularium.pharma.v1.PharmaService: scans in bulk (one result per item), pack reads, batch
traces and alerts, for the authority, the product's holder and authorised partners."""

from __future__ import annotations

import asyncio
import datetime
import hashlib
import struct
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from tabularium import epcis, pharma_epcis
from tabularium.api.context import Context
from tabularium.api.convert import pharma as convert
from tabularium.api.convert.ledger import receipt_to_pb
from tabularium.api.interceptors.authentication import Auth, require_caller
from tabularium.api.servicers.snapshot import DomainSnapshot
from tabularium.api.servicers.vault import open_for_reading
from tabularium.chain.ledger import Ledger
from tabularium.chain.tx import Transaction
from tabularium.domains.pharma import NAMESPACE, rules
from tabularium.domains.pharma.model import (
    KEY_SIZE,
    AlertRecord,
    BatchRecord,
    CaptureEpcis,
    MarketSettings,
    PartnerRecord,
    ShipmentRecord,
)
from tabularium.domains.vault import NAMESPACE as VAULT
from tabularium.domains.vault import rules as vault_rules
from tabularium.domains.vault.model import commitment
from tabularium.errors import (
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)
from tabularium.pharma.v1 import pharma_pb2 as pb
from tabularium.pharma.v1 import pharma_pb2_grpc
from tabularium.storage.vault import KeyRecord, VaultStore

SERVICE = "/tabularium.pharma.v1.PharmaService/"
AUTH = {
    SERVICE + name: Auth.REQUIRED
    for name in ("GetPack", "TraceBatch", "ListAlerts", "StreamAlerts", "ExportEpcis")
}
_U32 = struct.Struct(">I")
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

    def pack(self, key: bytes, time_us: int, batch: BatchRecord | None = None) -> pb.Pack | None:
        """The pack's state as of ``time_us``; ``batch``, when the caller has it, saves a read."""
        pack = rules.load_pack(self, key)
        if pack is None:
            return None
        batch = batch or rules.load_batch_by_id(self, pack.batch_id)
        return convert.pack_to_pb(key, pack, batch, rules.status_of(pack, batch, time_us))


def _head_time_us(ledger: Ledger) -> int:
    return int(ledger.head.time_us)


class PharmaServicer(pharma_pb2_grpc.PharmaServiceServicer):
    def __init__(self, ledger: Ledger, vault: VaultStore) -> None:
        self._ledger = ledger
        self._vault = vault

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
            chunk, offset = _cursor(bytes(request.after))
            time_us = _head_time_us(self._ledger)
            response = pb.TraceBatchResponse(height=snap.head)
            prefix = rules.batch_packs_prefix(batch.batch_id)
            for key_in_state, blob in snap.scan(prefix, prefix + _U32.pack(chunk)):
                chunk = _U32.unpack(key_in_state[len(prefix) :])[0]
                for start in range(offset * KEY_SIZE, len(blob), KEY_SIZE):
                    if len(response.packs) == limit:
                        response.next_after = _U32.pack(chunk) + _U32.pack(start // KEY_SIZE)
                        break
                    key = blob[start : start + KEY_SIZE]
                    traced = response.packs.add()
                    pack = snap.pack(key, time_us, batch)
                    assert pack is not None, "an uploaded key always has its pack"
                    traced.pack.CopyFrom(pack)
                    traced.shipments.extend(snap.shipments(key))
                if response.next_after:
                    break
                offset = 0
            response.batch_status = _batch_status(batch)
            response.source_batches.extend(rules.source_batches(snap.scan, batch.gtin, batch.batch))
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

    # ----- EPCIS -----

    async def CaptureEpcis(
        self, request: pb.CaptureEpcisRequest, context: Context
    ) -> pb.CaptureEpcisResponse:
        tx = self._ledger.check(bytes(request.transaction))
        if tx.action_type.type_url != convert.CAPTURE_EPCIS:
            raise InvalidArgument(
                "WRONG_ACTION",
                f"CaptureEpcis takes a CaptureEpcis transaction, not {tx.action_type.type_url}",
                field="transaction",
            )
        action = tx.action
        assert isinstance(action, CaptureEpcis)
        raw = bytes(request.document)
        document = await asyncio.to_thread(epcis.validate_document, raw)
        self._check_vault_copy(action.document, raw)
        check_events(document, action)
        receipt = await self._ledger.submit_checked(tx, service=convert.CAPTURE_EPCIS_METHOD)
        return pb.CaptureEpcisResponse(
            receipt=receipt_to_pb(receipt), event_hashes=[e.hash for e in document.events]
        )

    def _check_vault_copy(self, document_id: bytes, raw: bytes) -> None:
        """The document sent is the vault document's latest version, byte for byte."""
        with self._ledger.store.read() as txn:
            view = DomainSnapshot(txn, VAULT)
            try:
                document = vault_rules.load_document(view, document_id)
            except NotFound:
                raise FailedPrecondition(
                    "VAULT_DOCUMENT_MISSING",
                    f"document {document_id.hex()} is not in the vault: store it first",
                    field="transaction",
                ) from None
            version = vault_rules.load_version(view, document, document.latest_version)
        record = self._vault.key_record(document_id, version.tx_hash)
        if record is None:
            raise FailedPrecondition(
                "VAULT_DOCUMENT_MISSING", "this node holds no content for the document"
            )
        salt = self._vault.salt(record)
        if commitment(salt, hashlib.sha256(raw).digest()) != version.commitment:
            raise InvalidArgument(
                "DOCUMENT_MISMATCH",
                f"the document sent is not version {version.version} of vault document "
                f"{document_id.hex()}",
                field="document",
            )

    async def ExportEpcis(
        self, request: pb.ExportEpcisRequest, context: Context
    ) -> pb.ExportEpcisResponse:
        if not request.access_transactions:
            raise InvalidArgument(
                "ACCESS_REQUIRED", "name the documents with access transactions", field="access"
            )
        wanted = set(request.event_hashes)
        receipts = []
        events: list[Mapping[str, Any]] = []
        namespaces: dict[str, str] = {}
        found: set[str] = set()
        for raw in request.access_transactions:
            receipt, _, _, record = await open_for_reading(self._ledger, self._vault, bytes(raw))
            receipts.append(receipt_to_pb(receipt))
            content = await asyncio.to_thread(_content, self._vault, record)
            document = await asyncio.to_thread(epcis.validate_document, content)
            namespaces.update(document.namespaces)
            for event in document.events:
                if (not wanted or event.hash in wanted) and event.hash not in found:
                    found.add(event.hash)
                    events.append(event.raw)
        missing = sorted(wanted - found)
        if missing:
            raise NotFound(
                "EVENT_NOT_FOUND",
                f"{len(missing)} events are in none of the documents read: "
                f"{', '.join(missing[:5])}",
            )
        created = datetime.datetime.fromtimestamp(
            receipts[-1].block_time.seconds, datetime.UTC
        ).strftime("%Y-%m-%dT%H:%M:%SZ")
        exported = epcis.export_document(events, creation_date=created, namespaces=namespaces)
        return pb.ExportEpcisResponse(document=exported, access_receipts=receipts)


def _content(vault: VaultStore, record: KeyRecord) -> bytes:
    return b"".join(vault.segments(record))


def check_events(document: epcis.EpcisDocument, action: CaptureEpcis) -> None:
    """The action's events say what the document's say (INVALID_ARGUMENT EVENTS_MISMATCH)."""

    def mismatch(n: int, what: str) -> InvalidArgument:
        return InvalidArgument(
            "EVENTS_MISMATCH", f"events[{n}]: {what} differs from the document", field="events"
        )

    if len(document.events) != len(action.events):
        raise InvalidArgument(
            "EVENTS_MISMATCH",
            f"the document holds {len(document.events)} events, the action {len(action.events)}",
            field="events",
        )
    for n, (event, said) in enumerate(zip(document.events, action.events, strict=True)):
        declared = event.error_declaration
        expected = {
            "event_hash": event.hash,
            "type": event.type,
            "event_id": event.event_id or "",
            "action": event.action or "",
            "biz_step": event.biz_step or "",
            "disposition": event.disposition or "",
            "error_declaration": declared is not None,
            "corrective_event_ids": declared.corrective_event_ids if declared else (),
            "input_batches": tuple(pharma_epcis.batches(event.input_quantity_list)),
            "output_batches": tuple(pharma_epcis.batches(event.output_quantity_list)),
        }
        for name, value in expected.items():
            if getattr(said, name) != value:
                raise mismatch(n, name)
        identifiers = (
            len(event.epc_list)
            + len(event.child_epcs)
            + len(event.input_epc_list)
            + len(event.output_epc_list)
        )
        if len(said.pack_keys) != identifiers * KEY_SIZE:
            raise InvalidArgument(
                "EVENTS_MISMATCH",
                f"events[{n}] has {identifiers} instance identifiers: give one 32-byte pack key "
                f"each ({len(said.pack_keys)} bytes given)",
                field="events",
            )
        if bool(said.parent_key) != (event.type == "AggregationEvent" and bool(event.parent_id)):
            raise mismatch(n, "parent_key (one for an AggregationEvent's parentID)")


def _batch_status(batch: BatchRecord) -> Any:
    if batch.recall == "recall":
        return pb.PACK_STATUS_RECALLED
    if batch.recall:
        return pb.PACK_STATUS_WITHDRAWN
    return pb.PACK_STATUS_ACTIVE


def _cursor(after: bytes) -> tuple[int, int]:
    """A TraceBatch cursor: (upload index, pack index within it); empty = the start."""
    if not after:
        return 0, 0
    if len(after) != 8:
        raise InvalidArgument(
            "BAD_CURSOR", "after must be a next_after value from TraceBatch", field="after"
        )
    return _U32.unpack(after[:4])[0], _U32.unpack(after[4:])[0]


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
