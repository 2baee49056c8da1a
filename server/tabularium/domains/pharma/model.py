"""Values of the pharma domain: actions (decoded from protobuf by the API layer) and records.

Packs are the volume: a national market holds hundreds of millions. A pack record is a fixed
binary layout (``PackRecord``), everything else canonical JSON (``Record``). No serial is ever
stored: packs are known by their 32-byte pack keys.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from tabularium.domains.records import Record

KEY_SIZE = 32
ID_SIZE = 16
DIGEST_SIZE = 32

# Partner roles (the proto enum's suffixes, lower case).
HOLDER, MANUFACTURER, WHOLESALER, DISPENSER = "holder", "manufacturer", "wholesaler", "dispenser"
PARTNER_ROLES = (HOLDER, MANUFACTURER, WHOLESALER, DISPENSER)
# The credential type an accredited issuer vouches for a trading partner with.
PARTNER_CREDENTIAL_TYPE = "PharmaTradingPartner"

# Decommission reasons, in the proto enum's order (index = enum value - 1).
SUPPLIED, DESTROYED, EXPORTED, SAMPLE, FREE_SAMPLE, STOLEN, LOCKED = (
    "supplied", "destroyed", "exported", "sample", "free_sample", "stolen", "locked",
)  # fmt: skip
REASONS = (SUPPLIED, DESTROYED, EXPORTED, SAMPLE, FREE_SAMPLE, STOLEN, LOCKED)

# Batch states and recall kinds.
RECALL, WITHDRAWAL = "recall", "withdrawal"
# What a verify reports.
ACTIVE, DECOMMISSIONED, RECALLED, WITHDRAWN, EXPIRED = (
    "active", "decommissioned", "recalled", "withdrawn", "expired",
)  # fmt: skip

# Alert kinds.
UNKNOWN_SERIAL, DATA_MISMATCH, ALREADY_DECOMMISSIONED, CLONE_SUSPECTED = (
    "unknown_serial", "data_mismatch", "already_decommissioned", "clone_suspected",
)  # fmt: skip
ILLEGITIMATE_PRODUCT = "illegitimate_product"
FINDINGS = ("technical_error", "handling_error", "falsification_confirmed", "no_falsification")

DEFAULT_MAX_UPLOAD_PACKS = 100_000
DEFAULT_CLONE_SPEED_KMH = 900
DEFAULT_UNDO_WINDOW_DAYS = 10
NOTIFICATION_HOURS = 24


# ----- actions -----


@dataclass(frozen=True, slots=True)
class ConfigureMarket:
    authority: str
    max_upload_packs: int
    clone_speed_kmh: int
    undo_window_days: int


@dataclass(frozen=True, slots=True)
class AuthorizeTradingPartner:
    issuer: str
    partner: str
    roles: tuple[str, ...]
    credential_hash: bytes


@dataclass(frozen=True, slots=True)
class RegisterSite:
    organisation: str
    gln: str
    latitude_microdeg: int
    longitude_microdeg: int


@dataclass(frozen=True, slots=True)
class RegisterProduct:
    holder: str
    gtin: str
    key_document: bytes
    key_sha256: bytes
    national_number: str


@dataclass(frozen=True, slots=True)
class UploadBatch:
    manufacturer: str
    gtin: str
    batch: str
    expiry: str
    pack_keys: bytes
    site_gln: str


@dataclass(frozen=True, slots=True)
class ScannedPack:
    pack_key: bytes
    gtin: str
    batch: str
    expiry: str


@dataclass(frozen=True, slots=True)
class VerifyPack:
    organisation: str
    site_gln: str
    pack: ScannedPack


@dataclass(frozen=True, slots=True)
class DecommissionPack:
    organisation: str
    site_gln: str
    pack: ScannedPack
    reason: str


@dataclass(frozen=True, slots=True)
class UndoDecommission:
    organisation: str
    site_gln: str
    pack: ScannedPack
    not_supplied_to_public: bool


@dataclass(frozen=True, slots=True)
class Aggregate:
    organisation: str
    case_key: bytes
    child_keys: bytes


@dataclass(frozen=True, slots=True)
class Ship:
    organisation: str
    receiver: str
    shipment_id: bytes
    unit_keys: bytes
    ti_document: bytes
    ti_sha256: bytes
    ti_grant: bytes


@dataclass(frozen=True, slots=True)
class Receive:
    organisation: str
    shipment_id: bytes
    ti_sha256: bytes
    site_gln: str


@dataclass(frozen=True, slots=True)
class ReportIllegitimate:
    organisation: str
    unit_keys: bytes
    report_sha256: bytes


@dataclass(frozen=True, slots=True)
class RecallBatch:
    holder: str
    gtin: str
    batch: str
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class CloseAlert:
    organisation: str
    alert_id: int
    finding: str
    report_sha256: bytes


@dataclass(frozen=True, slots=True)
class CapturedEvent:
    event_hash: str
    type: str
    event_id: str
    action: str
    biz_step: str
    disposition: str
    pack_keys: bytes
    parent_key: bytes
    input_batches: tuple[str, ...]
    output_batches: tuple[str, ...]
    error_declaration: bool
    corrective_event_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CaptureEpcis:
    organisation: str
    document: bytes
    events: tuple[CapturedEvent, ...]


SCAN_ACTIONS = (VerifyPack, DecommissionPack, UndoDecommission)


# ----- records -----


@dataclass(frozen=True, slots=True)
class MarketSettings(Record):
    authority: str
    max_upload_packs: int = DEFAULT_MAX_UPLOAD_PACKS
    clone_speed_kmh: int = DEFAULT_CLONE_SPEED_KMH
    undo_window_days: int = DEFAULT_UNDO_WINDOW_DAYS


@dataclass(frozen=True, slots=True)
class PartnerRecord(Record):
    partner: str
    issuer: str
    roles: tuple[str, ...]
    credential_hash: bytes
    entry_index: int


@dataclass(frozen=True, slots=True)
class SiteRecord(Record):
    gln: str
    organisation: str
    latitude_microdeg: int
    longitude_microdeg: int


@dataclass(frozen=True, slots=True)
class ProductRecord(Record):
    gtin: str
    holder: str
    key_document: bytes
    key_sha256: bytes
    national_number: str
    entry_index: int


@dataclass(frozen=True, slots=True)
class BatchRecord(Record):
    batch_id: bytes
    gtin: str
    batch: str
    expiry: str
    # The last day the batch may be used, as YYYYMMDD.
    expiry_date: int
    manufacturer: str
    holder: str
    uploads: int
    packs: int
    entry_index: int
    recall: str = ""
    recall_reason: str = ""
    recall_entry: int = 0


@dataclass(frozen=True, slots=True)
class CaseRecord(Record):
    case_key: bytes
    organisation: str
    children: int
    entry_index: int
    stolen: bool = False


@dataclass(frozen=True, slots=True)
class ShipmentRecord(Record):
    shipment_id: bytes
    shipper: str
    receiver: str
    units: int
    ti_document: bytes
    ti_sha256: bytes
    ti_grant: bytes
    shipped_entry: int
    received_entry: int = 0
    # A return: the receiver sits upstream of the shipper (wholesaler from a pharmacy).
    is_return: bool = False


@dataclass(frozen=True, slots=True)
class AlertRecord(Record):
    alert_id: int
    kind: str
    pack_key: bytes
    gtin: str
    batch: str
    organisation: str
    site_gln: str
    time_us: int
    holder: str
    authority: str
    detail: str
    closed: bool = False
    finding: str = ""
    closed_entry: int = 0
    report_sha256: bytes = b""
    notify_by_us: int = 0


@dataclass(frozen=True, slots=True)
class EventRecord(Record):
    event_hash: str
    type: str
    event_id: str
    organisation: str
    document: bytes
    entry_index: int
    packs: int
    declared_error_entry: int = 0
    corrective_event_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IllegitimateReport(Record):
    entry_index: int
    organisation: str
    units: int
    report_sha256: bytes
    reported_us: int
    notify_by_us: int
    authority: str


# Pack record layout: version, status (0 active, 1 decommissioned), reason index (1-based,
# 0 none), flags, batch id, parent case key (zeros: none), shipment in transit (zeros: none),
# uploaded entry, decommissioned entry, decommissioned time, last scan time, last scan
# latitude and longitude; then five length-prefixed UTF-8 strings: owner, location,
# decommissioned by, decommissioned at (GLN), last scan site (GLN).
_PACK = struct.Struct(">BBBB16s32s16sQQqqii")
_STR = struct.Struct(">H")
_ZERO_KEY = bytes(KEY_SIZE)
_ZERO_ID = bytes(ID_SIZE)
QUARANTINED, RETURN_UNVERIFIED, CASE_STOLEN = 1, 2, 4


@dataclass(frozen=True, slots=True)
class PackRecord:
    batch_id: bytes
    owner: str
    location: str
    uploaded_entry: int
    decommissioned: bool = False
    reason: str = ""
    flags: int = 0
    parent: bytes = b""
    in_transit: bytes = b""
    decommissioned_entry: int = 0
    decommissioned_time_us: int = 0
    decommissioned_by: str = ""
    decommissioned_at: str = ""
    last_scan_us: int = 0
    last_scan_lat: int = 0
    last_scan_lon: int = 0
    last_scan_site: str = ""

    @property
    def quarantined(self) -> bool:
        return bool(self.flags & QUARANTINED)

    @property
    def return_unverified(self) -> bool:
        return bool(self.flags & RETURN_UNVERIFIED)

    @property
    def case_stolen(self) -> bool:
        return bool(self.flags & CASE_STOLEN)

    def encode(self) -> bytes:
        head = _PACK.pack(
            1,
            1 if self.decommissioned else 0,
            REASONS.index(self.reason) + 1 if self.reason else 0,
            self.flags,
            self.batch_id,
            self.parent or _ZERO_KEY,
            self.in_transit or _ZERO_ID,
            self.uploaded_entry,
            self.decommissioned_entry,
            self.decommissioned_time_us,
            self.last_scan_us,
            self.last_scan_lat,
            self.last_scan_lon,
        )
        parts = [head]
        for text in (
            self.owner,
            self.location,
            self.decommissioned_by,
            self.decommissioned_at,
            self.last_scan_site,
        ):
            raw = text.encode()
            parts.append(_STR.pack(len(raw)))
            parts.append(raw)
        return b"".join(parts)

    @classmethod
    def decode(cls, raw: bytes) -> PackRecord:
        (
            version,
            status,
            reason,
            flags,
            batch_id,
            parent,
            in_transit,
            uploaded,
            decommissioned_entry,
            decommissioned_time,
            last_scan,
            lat,
            lon,
        ) = _PACK.unpack_from(raw)
        if version != 1:
            raise ValueError(f"pack record version {version} is not known")
        texts: list[str] = []
        offset = _PACK.size
        for _ in range(5):
            (size,) = _STR.unpack_from(raw, offset)
            offset += _STR.size
            texts.append(raw[offset : offset + size].decode())
            offset += size
        return cls(
            batch_id=batch_id,
            owner=texts[0],
            location=texts[1],
            uploaded_entry=uploaded,
            decommissioned=bool(status),
            reason=REASONS[reason - 1] if reason else "",
            flags=flags,
            parent=b"" if parent == _ZERO_KEY else parent,
            in_transit=b"" if in_transit == _ZERO_ID else in_transit,
            decommissioned_entry=decommissioned_entry,
            decommissioned_time_us=decommissioned_time,
            decommissioned_by=texts[2],
            decommissioned_at=texts[3],
            last_scan_us=last_scan,
            last_scan_lat=lat,
            last_scan_lon=lon,
            last_scan_site=texts[4],
        )
