"""tabularium.landregistry.v1.LandRegistryService: public register queries and extracts."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tabularium import land_extract
from tabularium.api.context import Context
from tabularium.api.convert import landregistry as convert
from tabularium.api.convert.ledger import receipt_to_pb
from tabularium.api.servicers.snapshot import DomainSnapshot
from tabularium.chain.ledger import (
    Ledger,
    header_time_us,
    load_tree_size,
)
from tabularium.chain.tx import us_from_timestamp
from tabularium.domains.landregistry import NAMESPACE, queries
from tabularium.errors import DataCorruption, InvalidArgument, OutOfRange
from tabularium.landregistry.v1 import landregistry_pb2 as pb
from tabularium.landregistry.v1 import landregistry_pb2_grpc


class _Snapshot(DomainSnapshot):
    """The land registry's state at one committed snapshot, with range scans."""

    def __init__(self, txn: Any) -> None:
        super().__init__(txn, NAMESPACE)

    def height_at_time(self, time_us: int) -> int:
        """The last block whose time is at or before ``time_us`` (block times never decrease)."""
        low, high = 0, self.head
        if self._time(0) > time_us:
            raise OutOfRange("TIME_BEFORE_GENESIS", "the time is before the chain's genesis")
        while low < high:
            middle = (low + high + 1) // 2
            if self._time(middle) <= time_us:
                low = middle
            else:
                high = middle - 1
        return low

    def _time(self, height: int) -> int:
        return header_time_us(self.header(height)[1])


class LandRegistryServicer(landregistry_pb2_grpc.LandRegistryServiceServicer):
    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger

    @contextmanager
    def _snapshot(self) -> Iterator[_Snapshot]:
        with self._ledger.store.read() as txn:
            yield _Snapshot(txn)

    async def GetParcel(
        self, request: pb.GetParcelRequest, context: Context
    ) -> pb.GetParcelResponse:
        with self._snapshot() as snap:
            height = snap.height(request.at_height)
            record = queries.parcel(snap.get, request.parcel_id, request.at_height)
        return pb.GetParcelResponse(parcel=convert.parcel_to_pb(record), height=height)

    async def GetRights(
        self, request: pb.GetRightsRequest, context: Context
    ) -> pb.GetRightsResponse:
        if request.at_height and request.HasField("at_time"):
            raise InvalidArgument(
                "HEIGHT_AND_TIME", "give at_height or at_time, not both", field="at_time"
            )
        with self._snapshot() as snap:
            if request.HasField("at_time"):
                height = snap.height_at_time(us_from_timestamp(request.at_time))
            else:
                height = snap.height(request.at_height)
            queries.parcel(snap.get, request.parcel_id)
            rrrs = queries.in_force(snap.get, snap.scan, request.parcel_id, height)
        return pb.GetRightsResponse(
            rights=[convert.rrr_to_pb(r) for r in rrrs if r.kind == "right"],
            restrictions=[convert.rrr_to_pb(r) for r in rrrs if r.kind != "right"],
            height=height,
        )

    async def GetParcelHistory(
        self, request: pb.GetParcelHistoryRequest, context: Context
    ) -> pb.GetParcelHistoryResponse:
        with self._snapshot() as snap:
            queries.parcel(snap.get, request.parcel_id)
            versions = queries.versions(snap.get, snap.scan, request.parcel_id)
            events = queries.events(snap.scan, request.parcel_id)
            head = snap.head
        return pb.GetParcelHistoryResponse(
            versions=[convert.rrr_to_pb(v) for v in versions],
            events=[convert.event_to_pb(e) for e in events],
            height=head,
        )

    async def GetTransfer(
        self, request: pb.GetTransferRequest, context: Context
    ) -> pb.GetTransferResponse:
        with self._snapshot() as snap:
            record = queries.transfer(snap.get, bytes(request.transfer_id))
            head = snap.head
        return pb.GetTransferResponse(transfer=convert.transfer_to_pb(record), height=head)

    async def ListParcelsInBox(
        self, request: pb.ListParcelsInBoxRequest, context: Context
    ) -> pb.ListParcelsInBoxResponse:
        box = (request.min_lon_e7, request.min_lat_e7, request.max_lon_e7, request.max_lat_e7)
        with self._snapshot() as snap:
            found = queries.parcels_in_box(snap.get, request.level, box)
            head = snap.head
        return pb.ListParcelsInBoxResponse(
            parcels=[convert.parcel_to_pb(p) for p in found], height=head
        )

    async def GetExtract(
        self, request: pb.GetExtractRequest, context: Context
    ) -> pb.GetExtractResponse:
        with self._snapshot() as snap:
            document, entries = land_extract.build(
                snap.get, snap.scan, request.parcel_id, snap.head
            )
            tree_size = load_tree_size(snap.txn)
            hashes = []
            for index in entries:
                raw = snap.txn.entry(index)
                if raw is None:
                    raise DataCorruption(f"entry {index} is indexed but not stored")
                hashes.append(hashlib.sha256(raw).digest())
        document["tree_size"] = tree_size
        receipts = [self._ledger.receipt(h, tree_size) for h in hashes]
        return pb.GetExtractResponse(
            extract=land_extract.encode(document),
            receipts=[receipt_to_pb(r) for r in receipts],
            checkpoint=self._ledger.checkpoint(tree_size),
        )
