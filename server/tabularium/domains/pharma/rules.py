"""Rules of the pharma domain: pure functions of the action and the domain's state.

State (namespace ``pharma``):

* ``market`` -> MarketSettings (the competent authority and its limits);
* ``partner/<DID>`` -> PartnerRecord (an authorised trading partner, on a registered credential);
* ``site/<GLN>`` -> SiteRecord; ``product/<GTIN>`` -> ProductRecord;
* ``batch/<GTIN> 0x00 <batch>`` -> BatchRecord; ``bid/<16-byte batch id>`` -> its batch key;
* ``bpacks/<batch id><u32 upload>`` -> the pack keys of one upload, concatenated;
* ``pack/<32-byte key>`` -> PackRecord (binary);
* ``case/<32-byte key>`` -> CaseRecord; ``kids/<case key>`` -> child pack keys, concatenated;
* ``ship/<16-byte id>`` -> ShipmentRecord; ``sunits/<id>`` -> its unit keys, concatenated;
* ``hist/<pack key><u64 entry>`` -> the shipment id (each pack's shipments, in order);
* ``alert/<u64 id>`` -> AlertRecord (id = entry index of the scan that raised it; a clone alert
  raised by an accepted scan has the scan's entry index too);
* ``illegit/<u64 entry>`` -> IllegitimateReport.

Refused scans (unknown serial, data mismatch, a second decommission) raise their alert through
``record_refusal``, which the executor runs on fresh state after the refusal.
"""

from __future__ import annotations

import datetime
import functools
import math
import struct
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Protocol

from tabularium.chain.actions import ActionContext
from tabularium.domains.pharma import identifiers as ids
from tabularium.domains.pharma.model import (
    ACTIVE,
    ALREADY_DECOMMISSIONED,
    CASE_STOLEN,
    CLONE_SUSPECTED,
    DATA_MISMATCH,
    DECOMMISSIONED,
    DESTROYED,
    DIGEST_SIZE,
    DISPENSER,
    EXPIRED,
    HOLDER,
    ID_SIZE,
    ILLEGITIMATE_PRODUCT,
    KEY_SIZE,
    MANUFACTURER,
    NOTIFICATION_HOURS,
    PARTNER_CREDENTIAL_TYPE,
    PARTNER_ROLES,
    QUARANTINED,
    RECALL,
    RECALLED,
    RETURN_UNVERIFIED,
    STOLEN,
    SUPPLIED,
    UNKNOWN_SERIAL,
    WHOLESALER,
    WITHDRAWN,
    Aggregate,
    AlertRecord,
    AuthorizeTradingPartner,
    BatchRecord,
    CapturedEvent,
    CaptureEpcis,
    CaseRecord,
    CloseAlert,
    ConfigureMarket,
    DecommissionPack,
    EventRecord,
    IllegitimateReport,
    MarketSettings,
    PackRecord,
    PartnerRecord,
    ProductRecord,
    RecallBatch,
    Receive,
    RegisterProduct,
    RegisterSite,
    ReportIllegitimate,
    ScannedPack,
    Ship,
    ShipmentRecord,
    SiteRecord,
    UndoDecommission,
    UploadBatch,
    VerifyPack,
)
from tabularium.domains.records import decode_cached
from tabularium.domains.vault.checks import require_document, require_grant
from tabularium.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    NotFound,
    PermissionDenied,
)


class Readable(Protocol):
    """Read access to the domain's state: the rules' view, or a query's snapshot."""

    def get(self, key: bytes) -> bytes | None: ...


CREDENTIALS_NAMESPACE = "credentials"
INSPECTOR, OPERATOR = "inspector", "operator"
# Keys named in a refusal's message: it travels in gRPC trailers (8 KiB by default).
MAX_LISTED = 20
_U32 = struct.Struct(">I")
_U64 = struct.Struct(">Q")
_DAY_US = 86_400_000_000
_HOUR_US = 3_600_000_000
# Upstream to downstream: a shipment against this order is a return.
_CHAIN_ORDER = {HOLDER: 0, MANUFACTURER: 0, WHOLESALER: 1, DISPENSER: 2}


# ----- keys -----


def batch_key(gtin: str, batch: str) -> bytes:
    return b"batch/" + gtin.encode() + b"\x00" + batch.encode()


def batch_id_key(batch_id: bytes) -> bytes:
    return b"bid/" + batch_id


def batch_packs_prefix(batch_id: bytes) -> bytes:
    return b"bpacks/" + batch_id


def pack_key(key: bytes) -> bytes:
    return b"pack/" + key


def case_key(key: bytes) -> bytes:
    return b"case/" + key


def children_key(key: bytes) -> bytes:
    return b"kids/" + key


def shipment_key(shipment_id: bytes) -> bytes:
    return b"ship/" + shipment_id


def shipment_units_key(shipment_id: bytes) -> bytes:
    return b"sunits/" + shipment_id


def history_prefix(key: bytes) -> bytes:
    return b"hist/" + key


def alert_key(alert_id: int) -> bytes:
    return b"alert/" + _U64.pack(alert_id)


ALERT_PREFIX = b"alert/"


def split_keys(blob: bytes, field: str, limit: int = 0) -> list[bytes]:
    """Concatenated 32-byte keys, in order; refuses a ragged or empty blob, or (with
    ``limit``) more keys than the market allows in one transaction."""
    if not blob or len(blob) % KEY_SIZE:
        raise InvalidArgument(
            "BAD_PACK_KEY",
            f"{field} must be one or more {KEY_SIZE}-byte keys concatenated, got {len(blob)} bytes",
            field=field,
        )
    count = len(blob) // KEY_SIZE
    if limit and count > limit:
        raise InvalidArgument(
            "TOO_MANY_PACKS",
            f"{count} keys in one transaction; the market allows {limit}: split it",
            field=field,
        )
    return [blob[i : i + KEY_SIZE] for i in range(0, len(blob), KEY_SIZE)]


def block_date(block_time_us: int) -> int:
    """The block's UTC calendar date as YYYYMMDD (integer arithmetic only)."""
    day = datetime.date(1970, 1, 1) + datetime.timedelta(days=block_time_us // _DAY_US)
    return day.year * 10_000 + day.month * 100 + day.day


def _block_year(ctx: ActionContext) -> int:
    return block_date(ctx.block_time_us) // 10_000


# ----- loading -----


def market(state: Readable) -> MarketSettings:
    raw = state.get(b"market")
    if raw is None:
        raise FailedPrecondition(
            "MARKET_NOT_CONFIGURED",
            "the market has no competent authority yet: submit ConfigureMarket first",
        )
    return decode_cached(MarketSettings, raw)


def load_pack(state: Readable, key: bytes) -> PackRecord | None:
    raw = state.get(pack_key(key))
    return None if raw is None else PackRecord.decode(raw)


def load_batch_by_id(state: Readable, batch_id: bytes) -> BatchRecord:
    where = state.get(batch_id_key(batch_id))
    raw = None if where is None else state.get(where)
    if raw is None:
        raise AssertionError(f"batch {batch_id.hex()} of a pack is missing")
    return decode_cached(BatchRecord, raw)


def load_batch(state: Readable, gtin: str, batch: str) -> BatchRecord | None:
    raw = state.get(batch_key(gtin, batch))
    return None if raw is None else decode_cached(BatchRecord, raw)


def load_product(state: Readable, gtin: str) -> ProductRecord | None:
    raw = state.get(b"product/" + gtin.encode())
    return None if raw is None else decode_cached(ProductRecord, raw)


def load_alert(state: Readable, alert_id: int) -> AlertRecord | None:
    raw = state.get(alert_key(alert_id))
    return None if raw is None else AlertRecord.decode(raw)


def load_shipment(state: Readable, shipment_id: bytes) -> ShipmentRecord | None:
    raw = state.get(shipment_key(shipment_id))
    return None if raw is None else ShipmentRecord.decode(raw)


def status_of(pack: PackRecord, batch: BatchRecord, block_time_us: int) -> str:
    """What a verify reports: decommissioned first, then recalled, withdrawn, expired."""
    if pack.decommissioned:
        return DECOMMISSIONED
    if batch.recall == RECALL:
        return RECALLED
    if batch.recall:
        return WITHDRAWN
    if block_date(block_time_us) > batch.expiry_date:
        return EXPIRED
    return ACTIVE


def batch_pack_keys(scan: Iterator[tuple[bytes, bytes]]) -> Iterator[bytes]:
    """The pack keys of a batch from a scan of its ``bpacks`` records, in upload order."""
    for _, blob in scan:
        for i in range(0, len(blob), KEY_SIZE):
            yield blob[i : i + KEY_SIZE]


# ----- parties -----


def _signer(ctx: ActionContext) -> str:
    assert ctx.signer_dids, "the executor attributes every handled transaction"
    return ctx.signer_dids[0]


def _credential_live(ctx: ActionContext, record: PartnerRecord) -> str:
    """Why the partner's credential no longer vouches for it ("" if it does)."""
    from tabularium.domains.credentials import rules as cred_rules
    from tabularium.domains.credentials.model import CredentialRecord, decode_types

    raw = ctx.read_domain(CREDENTIALS_NAMESPACE, cred_rules.credential_key(record.credential_hash))
    if raw is None:
        return "its credential is not registered"
    credential = decode_cached(CredentialRecord, raw)
    if credential.revoked:
        return "its credential is revoked"
    if credential.suspended:
        return "its credential is suspended"
    accredited = decode_types(
        ctx.read_domain(CREDENTIALS_NAMESPACE, cred_rules.accreditation_key(credential.issuer))
    )
    if PARTNER_CREDENTIAL_TYPE not in accredited:
        return f"its issuer {credential.issuer} is no longer accredited for it"
    return ""


def require_partner(ctx: ActionContext, did: str, roles: tuple[str, ...], field: str) -> None:
    """``did`` is an authorised trading partner in one of ``roles``, on a live credential;
    else PERMISSION_DENIED NOT_AUTHORIZED_TRADING_PARTNER."""
    raw = ctx.state.get(b"partner/" + did.encode())
    why = "it is not registered as a trading partner (AuthorizeTradingPartner)"
    if raw is not None:
        record = decode_cached(PartnerRecord, raw)
        why = _credential_live(ctx, record)
        if not why and not set(roles) & set(record.roles):
            why = f"it is authorised as {', '.join(record.roles)}, not {' or '.join(roles)}"
    if why:
        raise PermissionDenied(
            "NOT_AUTHORIZED_TRADING_PARTNER",
            f"{did} may not act here: {why}",
            field=field,
            metadata={"partner": did},
        )


# Premises are checked on every scan; a GLN that passed once passes again.
_check_gln = functools.lru_cache(maxsize=4096)(ids.check_gln)


def _site(ctx: ActionContext, gln: str, organisation: str, field: str) -> SiteRecord:
    _check_gln(gln, field)
    raw = ctx.state.get(b"site/" + gln.encode())
    if raw is None:
        raise FailedPrecondition(
            "SITE_NOT_REGISTERED", f"premises {gln} are not registered (RegisterSite)", field=field
        )
    site = decode_cached(SiteRecord, raw)
    if site.organisation != organisation:
        raise PermissionDenied(
            "NOT_SITE_OWNER", f"premises {gln} belong to {site.organisation}", field=field
        )
    return site


def _digest(value: bytes, field: str) -> bytes:
    if len(value) != DIGEST_SIZE:
        raise InvalidArgument("BAD_DIGEST", f"{field} must be a SHA-256 digest", field=field)
    return value


def _is_inspector(ctx: ActionContext, did: str, authority: str) -> bool:
    if did == authority:
        return True
    record = ctx.reader().identity(did)
    return record is not None and record.has_role(authority, INSPECTOR)


# ----- configuration and parties -----


def configure_market(ctx: ActionContext, action: ConfigureMarket) -> None:
    raw = ctx.state.get(b"market")
    if raw is not None and MarketSettings.decode(raw).authority != action.authority:
        raise FailedPrecondition(
            "AUTHORITY_FIXED",
            f"the market's competent authority is {MarketSettings.decode(raw).authority}",
        )
    settings = MarketSettings(authority=action.authority)
    settings = replace(
        settings,
        max_upload_packs=action.max_upload_packs or settings.max_upload_packs,
        clone_speed_kmh=action.clone_speed_kmh or settings.clone_speed_kmh,
        undo_window_days=action.undo_window_days or settings.undo_window_days,
    )
    ctx.state.put(b"market", settings.encode())


def authorize_trading_partner(ctx: ActionContext, action: AuthorizeTradingPartner) -> None:
    from tabularium.domains.credentials import rules as cred_rules
    from tabularium.domains.credentials.model import CredentialRecord

    market(ctx.state)
    if not action.roles:
        raise InvalidArgument("BAD_ROLES", "name at least one partner role", field="roles")
    raw = ctx.read_domain(
        CREDENTIALS_NAMESPACE, cred_rules.credential_key(_digest(action.credential_hash, "hash"))
    )
    if raw is None:
        raise FailedPrecondition(
            "CREDENTIAL_NOT_REGISTERED",
            f"credential {action.credential_hash.hex()} is not registered: register it first",
            field="credential_hash",
        )
    credential = CredentialRecord.decode(raw)
    if credential.issuer != action.issuer:
        raise PermissionDenied(
            "NOT_CREDENTIAL_ISSUER",
            f"credential {action.credential_hash.hex()} was issued by {credential.issuer}",
            field="issuer",
        )
    if PARTNER_CREDENTIAL_TYPE not in credential.credential_types:
        raise FailedPrecondition(
            "WRONG_CREDENTIAL_TYPE",
            f"the credential is a {', '.join(credential.credential_types)}, not a "
            f"{PARTNER_CREDENTIAL_TYPE}",
            field="credential_hash",
        )
    record = PartnerRecord(
        partner=action.partner,
        issuer=action.issuer,
        roles=tuple(sorted(set(action.roles))),
        credential_hash=action.credential_hash,
        entry_index=ctx.entry_index,
    )
    why = _credential_live(ctx, record)
    if why:
        raise FailedPrecondition("CREDENTIAL_NOT_VALID", f"the credential is unusable: {why}")
    ctx.state.put(b"partner/" + action.partner.encode(), record.encode())


def register_site(ctx: ActionContext, action: RegisterSite) -> None:
    require_partner(ctx, action.organisation, PARTNER_ROLES, "organisation")
    ids.check_gln(action.gln, "gln")
    if not -90_000_000 <= action.latitude_microdeg <= 90_000_000:
        raise InvalidArgument(
            "BAD_COORDINATES", "latitude must be -90e6..90e6 microdegrees", field="latitude"
        )
    if not -180_000_000 <= action.longitude_microdeg <= 180_000_000:
        raise InvalidArgument(
            "BAD_COORDINATES", "longitude must be -180e6..180e6 microdegrees", field="longitude"
        )
    raw = ctx.state.get(b"site/" + action.gln.encode())
    if raw is not None and SiteRecord.decode(raw).organisation != action.organisation:
        raise AlreadyExists(
            "SITE_TAKEN", f"premises {action.gln} are registered to another organisation"
        )
    site = SiteRecord(
        gln=action.gln,
        organisation=action.organisation,
        latitude_microdeg=action.latitude_microdeg,
        longitude_microdeg=action.longitude_microdeg,
    )
    ctx.state.put(b"site/" + action.gln.encode(), site.encode())


def register_product(ctx: ActionContext, action: RegisterProduct) -> None:
    require_partner(ctx, action.holder, (HOLDER,), "holder")
    ids.check_gtin(action.gtin, "gtin")
    _digest(action.key_sha256, "key_sha256")
    if action.national_number:
        ai, _, value = action.national_number.partition(":")
        ids.check_national_number(ai, value, "national_number")
    require_document(ctx, action.key_document, action.holder, "key_document")
    existing = load_product(ctx.state, action.gtin)
    if existing is not None:
        raise AlreadyExists(
            "PRODUCT_EXISTS",
            f"GTIN {action.gtin} is registered to {existing.holder} at entry "
            f"{existing.entry_index}; a product's key never changes (pack keys derive from it)",
        )
    product = ProductRecord(
        gtin=action.gtin,
        holder=action.holder,
        key_document=action.key_document,
        key_sha256=action.key_sha256,
        national_number=action.national_number,
        entry_index=ctx.entry_index,
    )
    ctx.state.put(b"product/" + action.gtin.encode(), product.encode())


# ----- upload -----


def upload_batch(ctx: ActionContext, action: UploadBatch) -> None:
    settings = market(ctx.state)
    require_partner(ctx, action.manufacturer, (MANUFACTURER, HOLDER), "manufacturer")
    ids.check_gtin(action.gtin, "gtin")
    ids.check_batch(action.batch, "batch")
    expiry_date = ids.parse_expiry(action.expiry, _block_year(ctx), "expiry")
    if expiry_date < block_date(ctx.block_time_us):
        raise FailedPrecondition(
            "EXPIRED", f"batch {action.batch} expired on {expiry_date}: it cannot be uploaded"
        )
    _site(ctx, action.site_gln, action.manufacturer, "site_gln")
    product = load_product(ctx.state, action.gtin)
    if product is None:
        raise NotFound(
            "UNKNOWN_PRODUCT",
            f"GTIN {action.gtin} is not registered: its holder registers it first",
            field="gtin",
        )
    keys = split_keys(action.pack_keys, "pack_keys", settings.max_upload_packs)
    seen: set[bytes] = set()
    duplicates: list[bytes] = []
    for key in keys:
        if key in seen or ctx.state.get(pack_key(key)) is not None:
            duplicates.append(key)
        seen.add(key)
    if duplicates:
        listed = ", ".join(k.hex() for k in duplicates[:MAX_LISTED])
        more = f" and {len(duplicates) - MAX_LISTED} more" if len(duplicates) > MAX_LISTED else ""
        raise AlreadyExists(
            "DUPLICATE_SERIAL",
            f"{len(duplicates)} pack keys already exist or repeat: {listed}{more}",
            field="pack_keys",
            metadata={"count": str(len(duplicates)), "first": duplicates[0].hex()},
        )
    existing = load_batch(ctx.state, action.gtin, action.batch)
    if existing is None:
        batch = BatchRecord(
            batch_id=ctx.tx_hash[:ID_SIZE],
            gtin=action.gtin,
            batch=action.batch,
            expiry=action.expiry,
            expiry_date=expiry_date,
            manufacturer=action.manufacturer,
            holder=product.holder,
            uploads=0,
            packs=0,
            entry_index=ctx.entry_index,
        )
        ctx.state.put(batch_id_key(batch.batch_id), batch_key(action.gtin, action.batch))
    else:
        batch = existing
        if batch.expiry != action.expiry:
            raise FailedPrecondition(
                "DATA_MISMATCH",
                f"batch {action.batch} of {action.gtin} expires {batch.expiry}, not "
                f"{action.expiry}",
                field="expiry",
            )
        if batch.manufacturer != action.manufacturer:
            raise PermissionDenied(
                "NOT_BATCH_MANUFACTURER", f"batch {action.batch} is {batch.manufacturer}'s"
            )
        if batch.recall:
            raise FailedPrecondition(RECALLED.upper(), f"batch {action.batch} is {batch.recall}")
    record = PackRecord(
        batch_id=batch.batch_id,
        owner=action.manufacturer,
        location=action.site_gln,
        uploaded_entry=ctx.entry_index,
    ).encode()
    for key in keys:
        ctx.state.put(pack_key(key), record)
    ctx.state.put(batch_packs_prefix(batch.batch_id) + _U32.pack(batch.uploads), b"".join(keys))
    batch = replace(batch, uploads=batch.uploads + 1, packs=batch.packs + len(keys))
    ctx.state.put(batch_key(action.gtin, action.batch), batch.encode())


# ----- scans -----


def _scanner(ctx: ActionContext, organisation: str, gln: str) -> SiteRecord:
    require_partner(ctx, organisation, PARTNER_ROLES, "organisation")
    return _site(ctx, gln, organisation, "site_gln")


def _scanned(ctx: ActionContext, scanned: ScannedPack) -> tuple[PackRecord, BatchRecord]:
    """The pack and its batch, checked against what the pack says: unknown key NOT_FOUND
    UNKNOWN_SERIAL, batch or expiry differing DATA_MISMATCH (both raise alerts)."""
    ids.check_pack_key(scanned.pack_key, "pack.pack_key")
    pack = load_pack(ctx.state, scanned.pack_key)
    if pack is None:
        raise NotFound(
            "UNKNOWN_SERIAL",
            f"no pack {scanned.pack_key.hex()} was uploaded: do not supply it; an alert is "
            "raised to the holder and the authority",
            field="pack.pack_key",
        )
    batch = load_batch_by_id(ctx.state, pack.batch_id)
    differs = [
        f"{name} {said!r} (uploaded {kept!r})"
        for name, said, kept in (
            ("gtin", scanned.gtin, batch.gtin),
            ("batch", scanned.batch, batch.batch),
            ("expiry", scanned.expiry, batch.expiry),
        )
        if said != kept
    ]
    if differs:
        raise FailedPrecondition(
            "DATA_MISMATCH",
            f"pack {scanned.pack_key.hex()} differs from its upload: {'; '.join(differs)}; "
            "an alert is raised",
            field="pack",
        )
    return pack, batch


def distance_m(lat1: int, lon1: int, lat2: int, lon2: int) -> int:
    """Distance in metres between two microdegree positions, in integers: an equirectangular
    approximation (metres per microdegree of latitude 0.111195, longitude scaled by the cosine
    of the mean latitude from a table of whole degrees), good to a few percent for the
    hundreds of kilometres a clone check compares."""
    mean_degrees = abs(lat1 + lat2) // 2_000_000
    cos = _COS_E6[min(mean_degrees, 90)]
    dy = (lat2 - lat1) * 111_195 // 1_000_000
    dlon = abs(lon2 - lon1)
    dlon = min(dlon, 360_000_000 - dlon)
    dx = dlon * 111_195 * cos // 1_000_000_000_000
    return math.isqrt(dx * dx + dy * dy)


# cos(d degrees) x 1e6 for d = 0..90, rounded: fixed integers so every replica computes alike.
# fmt: off
_COS_E6 = (
    1000000, 999848, 999391, 998630, 997564, 996195, 994522, 992546, 990268, 987688,
    984808, 981627, 978148, 974370, 970296, 965926, 961262, 956305, 951057, 945519,
    939693, 933580, 927184, 920505, 913545, 906308, 898794, 891007, 882948, 874620,
    866025, 857167, 848048, 838671, 829038, 819152, 809017, 798636, 788011, 777146,
    766044, 754710, 743145, 731354, 719340, 707107, 694658, 681998, 669131, 656059,
    642788, 629320, 615661, 601815, 587785, 573576, 559193, 544639, 529919, 515038,
    500000, 484810, 469472, 453990, 438371, 422618, 406737, 390731, 374607, 358368,
    342020, 325568, 309017, 292372, 275637, 258819, 241922, 224951, 207912, 190809,
    173648, 156434, 139173, 121869, 104528, 87156, 69756, 52336, 34899, 17452,
    0,
)
# fmt: on


def _scan_seen(
    ctx: ActionContext,
    pack: PackRecord,
    batch: BatchRecord,
    key: bytes,
    organisation: str,
    site: SiteRecord,
) -> PackRecord:
    """Record where the pack was scanned; raise a clone alert if it was scanned at premises
    too far from the last ones for the time between (configured speed, block time)."""
    settings = market(ctx.state)
    if pack.last_scan_us and pack.last_scan_site != site.gln:
        metres = distance_m(
            pack.last_scan_lat, pack.last_scan_lon, site.latitude_microdeg, site.longitude_microdeg
        )
        elapsed = max(ctx.block_time_us - pack.last_scan_us, 0)
        # metres / hours > km/h x 1000, without division: metres x 3.6e9 > speed x 1000 x µs.
        if metres * _HOUR_US > settings.clone_speed_kmh * 1000 * elapsed:
            _raise_alert(
                ctx,
                CLONE_SUSPECTED,
                key,
                batch,
                organisation,
                site.gln,
                f"scanned at {site.gln} {metres // 1000} km from {pack.last_scan_site} "
                f"{elapsed // 60_000_000} min after: faster than "
                f"{settings.clone_speed_kmh} km/h",
            )
    return replace(
        pack,
        last_scan_us=ctx.block_time_us,
        last_scan_lat=site.latitude_microdeg,
        last_scan_lon=site.longitude_microdeg,
        last_scan_site=site.gln,
    )


def _raise_alert(
    ctx: ActionContext,
    kind: str,
    key: bytes,
    batch: BatchRecord | None,
    organisation: str,
    site_gln: str,
    detail: str,
    gtin: str = "",
    batch_number: str = "",
    notify_by_us: int = 0,
) -> None:
    settings = market(ctx.state)
    holder = batch.holder if batch is not None else ""
    if batch is None and gtin:
        product = load_product(ctx.state, gtin)
        holder = product.holder if product is not None else ""
    alert = AlertRecord(
        alert_id=ctx.entry_index,
        kind=kind,
        pack_key=key,
        gtin=batch.gtin if batch is not None else gtin,
        batch=batch.batch if batch is not None else batch_number,
        organisation=organisation,
        site_gln=site_gln,
        time_us=ctx.block_time_us,
        holder=holder,
        authority=settings.authority,
        detail=detail,
        notify_by_us=notify_by_us,
    )
    ctx.state.put(alert_key(ctx.entry_index), alert.encode())


def verify_pack(ctx: ActionContext, action: VerifyPack) -> None:
    site = _scanner(ctx, action.organisation, action.site_gln)
    pack, batch = _scanned(ctx, action.pack)
    pack = _scan_seen(ctx, pack, batch, action.pack.pack_key, action.organisation, site)
    if pack.return_unverified and pack.owner == action.organisation:
        pack = replace(pack, flags=pack.flags & ~RETURN_UNVERIFIED)
    ctx.state.put(pack_key(action.pack.pack_key), pack.encode())


def _children(state: Readable, key: bytes) -> list[bytes]:
    raw = state.get(children_key(key))
    return [] if raw is None else [raw[i : i + KEY_SIZE] for i in range(0, len(raw), KEY_SIZE)]


def _not_stolen(pack: PackRecord, key: bytes) -> None:
    if pack.case_stolen:
        raise FailedPrecondition(
            "STOLEN",
            f"pack {key.hex()} is in a case reported stolen: it may not be supplied or moved",
            metadata={"case": pack.parent.hex()},
        )


def decommission_pack(ctx: ActionContext, action: DecommissionPack) -> None:
    site = _scanner(ctx, action.organisation, action.site_gln)
    ids.check_pack_key(action.pack.pack_key, "pack.pack_key")
    raw_case = ctx.state.get(case_key(action.pack.pack_key))
    if raw_case is not None:
        _decommission_case(ctx, action, CaseRecord.decode(raw_case))
        return
    pack, batch = _scanned(ctx, action.pack)
    _not_stolen(pack, action.pack.pack_key)
    if pack.decommissioned:
        raise FailedPrecondition(
            "ALREADY_DECOMMISSIONED",
            f"pack {action.pack.pack_key.hex()} was decommissioned ({pack.reason}) by "
            f"{pack.decommissioned_by} at {pack.decommissioned_at}, entry "
            f"{pack.decommissioned_entry}: do not supply it; an alert is raised",
            metadata={"decommissioned_entry": str(pack.decommissioned_entry)},
        )
    pack = _scan_seen(ctx, pack, batch, action.pack.pack_key, action.organisation, site)
    _decommission_one(ctx, action.pack.pack_key, pack, batch, action, site.gln)


def _decommission_one(
    ctx: ActionContext,
    key: bytes,
    pack: PackRecord,
    batch: BatchRecord,
    action: DecommissionPack,
    gln: str,
) -> None:
    if pack.in_transit:
        raise FailedPrecondition(
            "IN_TRANSIT", f"pack {key.hex()} is in shipment {pack.in_transit.hex()}"
        )
    if pack.owner != action.organisation:
        raise FailedPrecondition(
            "NOT_OWNER", f"pack {key.hex()} belongs to {pack.owner}, not {action.organisation}"
        )
    if action.reason == SUPPLIED:
        status = status_of(pack, batch, ctx.block_time_us)
        if status != ACTIVE:
            raise FailedPrecondition(
                status.upper(), f"pack {key.hex()} is {status}: it may not be supplied"
            )
        if pack.quarantined:
            raise FailedPrecondition("QUARANTINED", f"pack {key.hex()} is quarantined")
        if pack.return_unverified:
            raise FailedPrecondition(
                "RETURN_NOT_VERIFIED", f"pack {key.hex()} was returned: verify it first"
            )
    pack = replace(
        pack,
        decommissioned=True,
        reason=action.reason,
        decommissioned_entry=ctx.entry_index,
        decommissioned_time_us=ctx.block_time_us,
        decommissioned_by=action.organisation,
        decommissioned_at=gln,
        location=gln,
    )
    ctx.state.put(pack_key(key), pack.encode())


def _decommission_case(ctx: ActionContext, action: DecommissionPack, case: CaseRecord) -> None:
    """A case's decommissioning acts on every pack in it; a stolen case marks them so that a
    later scan of any of them is refused with STOLEN."""
    if case.organisation != action.organisation:
        raise FailedPrecondition(
            "NOT_OWNER", f"case {case.case_key.hex()} belongs to {case.organisation}"
        )
    if case.stolen:
        raise FailedPrecondition("STOLEN", f"case {case.case_key.hex()} is already stolen")
    for child in _children(ctx.state, case.case_key):
        pack = load_pack(ctx.state, child)
        assert pack is not None, "a case's child is always a pack"
        if pack.decommissioned:
            continue
        batch = load_batch_by_id(ctx.state, pack.batch_id)
        _decommission_one(ctx, child, pack, batch, action, action.site_gln)
        if action.reason == STOLEN:
            updated = load_pack(ctx.state, child)
            assert updated is not None
            ctx.state.put(
                pack_key(child), replace(updated, flags=updated.flags | CASE_STOLEN).encode()
            )
    if action.reason == STOLEN:
        ctx.state.put(case_key(case.case_key), replace(case, stolen=True).encode())


def undo_decommission(ctx: ActionContext, action: UndoDecommission) -> None:
    settings = market(ctx.state)
    site = _scanner(ctx, action.organisation, action.site_gln)
    pack, batch = _scanned(ctx, action.pack)
    if not pack.decommissioned:
        raise FailedPrecondition(
            "NOT_DECOMMISSIONED", f"pack {action.pack.pack_key.hex()} is not decommissioned"
        )
    why: list[str] = []
    if pack.decommissioned_by != action.organisation or pack.decommissioned_at != site.gln:
        why.append(
            f"it was decommissioned by {pack.decommissioned_by} at {pack.decommissioned_at}; "
            "only the same organisation at the same premises may undo it"
        )
    deadline = pack.decommissioned_time_us + settings.undo_window_days * _DAY_US
    if ctx.block_time_us > deadline:
        why.append(f"the {settings.undo_window_days}-day undo window has closed")
    status = status_of(replace(pack, decommissioned=False), batch, ctx.block_time_us)
    if status != ACTIVE:
        why.append(f"the pack is {status}")
    if pack.reason in (STOLEN, DESTROYED) or pack.case_stolen:
        why.append(f"a pack decommissioned as {pack.reason} cannot return")
    if not action.not_supplied_to_public:
        why.append("the pharmacist has not attested that it was not supplied to the public")
    if why:
        raise FailedPrecondition(
            "UNDO_NOT_ALLOWED",
            f"pack {action.pack.pack_key.hex()} stays decommissioned: {'; '.join(why)}",
        )
    pack = replace(
        pack,
        decommissioned=False,
        reason="",
        decommissioned_entry=0,
        decommissioned_time_us=0,
        decommissioned_by="",
        decommissioned_at="",
    )
    pack = _scan_seen(ctx, pack, batch, action.pack.pack_key, action.organisation, site)
    ctx.state.put(pack_key(action.pack.pack_key), pack.encode())


def record_refusal(ctx: ActionContext, action: object, error: DomainError) -> None:
    """What a refused scan leaves behind: an alert for an unknown serial, a data mismatch or a
    second decommissioning, to the product's holder and the competent authority."""
    kinds = {
        "UNKNOWN_SERIAL": UNKNOWN_SERIAL,
        "DATA_MISMATCH": DATA_MISMATCH,
        "ALREADY_DECOMMISSIONED": ALREADY_DECOMMISSIONED,
    }
    if error.reason not in kinds or not isinstance(
        action, (VerifyPack, DecommissionPack, UndoDecommission)
    ):
        return
    if isinstance(action, UndoDecommission) and error.reason == "ALREADY_DECOMMISSIONED":
        return
    if ctx.state.get(b"market") is None:
        return
    scanned = action.pack
    pack = load_pack(ctx.state, scanned.pack_key) if len(scanned.pack_key) == KEY_SIZE else None
    batch = load_batch_by_id(ctx.state, pack.batch_id) if pack is not None else None
    _raise_alert(
        ctx,
        kinds[error.reason],
        scanned.pack_key,
        batch,
        action.organisation,
        action.site_gln,
        error.message,
        gtin=scanned.gtin,
        batch_number=scanned.batch,
    )


# ----- aggregation and trading -----


def aggregate(ctx: ActionContext, action: Aggregate) -> None:
    require_partner(ctx, action.organisation, PARTNER_ROLES, "organisation")
    ids.check_pack_key(action.case_key, "case_key")
    if ctx.state.get(pack_key(action.case_key)) is not None:
        raise InvalidArgument(
            "CASE_KEY_IS_PACK", "case_key is a pack's key; a case needs its own", field="case_key"
        )
    if ctx.state.get(case_key(action.case_key)) is not None:
        raise AlreadyExists("CASE_EXISTS", f"case {action.case_key.hex()} exists")
    children = split_keys(action.child_keys, "child_keys", market(ctx.state).max_upload_packs)
    if len(set(children)) != len(children):
        raise InvalidArgument("DUPLICATE_CHILD", "a pack is listed twice", field="child_keys")
    for child in children:
        pack = load_pack(ctx.state, child)
        if pack is None:
            raise NotFound("UNKNOWN_SERIAL", f"no pack {child.hex()}", field="child_keys")
        if pack.owner != action.organisation or pack.in_transit:
            raise FailedPrecondition(
                "NOT_OWNER", f"pack {child.hex()} is not {action.organisation}'s to pack"
            )
        if pack.decommissioned:
            raise FailedPrecondition(
                "ALREADY_DECOMMISSIONED", f"pack {child.hex()} is decommissioned"
            )
        if pack.parent:
            raise FailedPrecondition(
                "ALREADY_AGGREGATED", f"pack {child.hex()} is in case {pack.parent.hex()}"
            )
        ctx.state.put(pack_key(child), replace(pack, parent=action.case_key).encode())
    case = CaseRecord(
        case_key=action.case_key,
        organisation=action.organisation,
        children=len(children),
        entry_index=ctx.entry_index,
    )
    ctx.state.put(case_key(action.case_key), case.encode())
    ctx.state.put(children_key(action.case_key), b"".join(children))


def _partner_roles(ctx: ActionContext, did: str) -> tuple[str, ...]:
    raw = ctx.state.get(b"partner/" + did.encode())
    return () if raw is None else decode_cached(PartnerRecord, raw).roles


def _expand(ctx: ActionContext, units: list[bytes]) -> tuple[list[bytes], list[CaseRecord]]:
    """Unit keys (packs or cases) to pack keys, cases expanded to their children."""
    packs: list[bytes] = []
    cases: list[CaseRecord] = []
    for unit in units:
        raw = ctx.state.get(case_key(unit))
        if raw is None:
            packs.append(unit)
            continue
        case = CaseRecord.decode(raw)
        if case.stolen:
            raise FailedPrecondition("STOLEN", f"case {unit.hex()} is reported stolen")
        cases.append(case)
        packs += _children(ctx.state, unit)
    if len(set(packs)) != len(packs):
        raise InvalidArgument(
            "DUPLICATE_UNIT", "a pack is named twice (alone and in its case?)", field="unit_keys"
        )
    return packs, cases


def ship(ctx: ActionContext, action: Ship) -> None:
    require_partner(ctx, action.organisation, PARTNER_ROLES, "organisation")
    require_partner(ctx, action.receiver, PARTNER_ROLES, "receiver")
    if len(action.shipment_id) != ID_SIZE:
        raise InvalidArgument("BAD_ID", "shipment_id must be 16 bytes", field="shipment_id")
    if load_shipment(ctx.state, action.shipment_id) is not None:
        raise AlreadyExists("SHIPMENT_EXISTS", f"shipment {action.shipment_id.hex()} exists")
    _digest(action.ti_sha256, "ti_sha256")
    require_document(ctx, action.ti_document, action.organisation, "ti_document")
    require_grant(
        ctx, action.ti_grant, action.ti_document, action.receiver, "TI_MISSING", "ti_grant"
    )
    units = split_keys(action.unit_keys, "unit_keys", market(ctx.state).max_upload_packs)
    packs, cases = _expand(ctx, units)
    for key in packs:
        pack = load_pack(ctx.state, key)
        if pack is None:
            raise NotFound("UNKNOWN_SERIAL", f"no pack {key.hex()}", field="unit_keys")
        _not_stolen(pack, key)
        if pack.owner != action.organisation:
            raise FailedPrecondition(
                "NOT_OWNER", f"pack {key.hex()} belongs to {pack.owner}, not {action.organisation}"
            )
        if pack.in_transit:
            raise FailedPrecondition(
                "IN_TRANSIT", f"pack {key.hex()} is already in shipment {pack.in_transit.hex()}"
            )
        if pack.decommissioned:
            raise FailedPrecondition(
                "ALREADY_DECOMMISSIONED", f"pack {key.hex()} is decommissioned ({pack.reason})"
            )
        if pack.quarantined:
            raise FailedPrecondition("QUARANTINED", f"pack {key.hex()} is quarantined")
        if pack.return_unverified:
            raise FailedPrecondition(
                "RETURN_NOT_VERIFIED",
                f"pack {key.hex()} came back as a return: verify it before selling it again",
            )
        ctx.state.put(pack_key(key), replace(pack, in_transit=action.shipment_id).encode())
        ctx.state.put(history_prefix(key) + _U64.pack(ctx.entry_index), action.shipment_id)
    shipper_rank = min(_CHAIN_ORDER[r] for r in _partner_roles(ctx, action.organisation))
    receiver_rank = min(_CHAIN_ORDER[r] for r in _partner_roles(ctx, action.receiver))
    shipment = ShipmentRecord(
        shipment_id=action.shipment_id,
        shipper=action.organisation,
        receiver=action.receiver,
        units=len(packs),
        ti_document=action.ti_document,
        ti_sha256=action.ti_sha256,
        ti_grant=action.ti_grant,
        shipped_entry=ctx.entry_index,
        is_return=receiver_rank < shipper_rank,
    )
    ctx.state.put(shipment_key(action.shipment_id), shipment.encode())
    ctx.state.put(shipment_units_key(action.shipment_id), b"".join(packs))
    for case in cases:
        ctx.state.put(case_key(case.case_key), replace(case, organisation=action.receiver).encode())


def receive(ctx: ActionContext, action: Receive) -> None:
    require_partner(ctx, action.organisation, PARTNER_ROLES, "organisation")
    site = _site(ctx, action.site_gln, action.organisation, "site_gln")
    shipment = load_shipment(ctx.state, action.shipment_id)
    if shipment is None:
        raise NotFound("SHIPMENT_NOT_FOUND", f"no shipment {action.shipment_id.hex()}")
    if shipment.receiver != action.organisation:
        raise PermissionDenied(
            "NOT_RECEIVER", f"shipment {action.shipment_id.hex()} is for {shipment.receiver}"
        )
    if shipment.received_entry:
        raise FailedPrecondition(
            "ALREADY_RECEIVED", f"shipment received at entry {shipment.received_entry}"
        )
    if action.ti_sha256 != shipment.ti_sha256:
        raise FailedPrecondition(
            "TI_MISSING",
            "the receiver has not confirmed the transaction information and statement: "
            "ti_sha256 must be the hash of the document the shipper granted",
            field="ti_sha256",
        )
    raw = ctx.state.get(shipment_units_key(action.shipment_id)) or b""
    for i in range(0, len(raw), KEY_SIZE):
        key = raw[i : i + KEY_SIZE]
        pack = load_pack(ctx.state, key)
        assert pack is not None
        flags = pack.flags | RETURN_UNVERIFIED if shipment.is_return else pack.flags
        pack = replace(
            pack, owner=action.organisation, location=site.gln, in_transit=b"", flags=flags
        )
        ctx.state.put(pack_key(key), pack.encode())
    ctx.state.put(
        shipment_key(action.shipment_id),
        replace(shipment, received_entry=ctx.entry_index).encode(),
    )


def report_illegitimate(ctx: ActionContext, action: ReportIllegitimate) -> None:
    settings = market(ctx.state)
    require_partner(ctx, action.organisation, PARTNER_ROLES, "organisation")
    _digest(action.report_sha256, "report_sha256")
    packs, _ = _expand(ctx, split_keys(action.unit_keys, "unit_keys", settings.max_upload_packs))
    for key in packs:
        pack = load_pack(ctx.state, key)
        if pack is None:
            raise NotFound("UNKNOWN_SERIAL", f"no pack {key.hex()}", field="unit_keys")
        ctx.state.put(pack_key(key), replace(pack, flags=pack.flags | QUARANTINED).encode())
    report = IllegitimateReport(
        entry_index=ctx.entry_index,
        organisation=action.organisation,
        units=len(packs),
        report_sha256=action.report_sha256,
        reported_us=ctx.block_time_us,
        notify_by_us=ctx.block_time_us + NOTIFICATION_HOURS * _HOUR_US,
        authority=settings.authority,
    )
    ctx.state.put(b"illegit/" + _U64.pack(ctx.entry_index), report.encode())
    first = load_pack(ctx.state, packs[0])
    assert first is not None
    _raise_alert(
        ctx,
        ILLEGITIMATE_PRODUCT,
        packs[0],
        load_batch_by_id(ctx.state, first.batch_id),
        action.organisation,
        "",
        f"{len(packs)} packs reported as suspect and quarantined; notify the competent "
        f"authority within {NOTIFICATION_HOURS} h",
        notify_by_us=report.notify_by_us,
    )


# ----- recalls and alerts -----


def recall_batch(ctx: ActionContext, action: RecallBatch) -> None:
    settings = market(ctx.state)
    require_partner(ctx, action.holder, (HOLDER,), "holder")
    if not any(_is_inspector(ctx, did, settings.authority) for did in ctx.signer_dids):
        raise PermissionDenied(
            "AUTHORITY_COSIGNATURE_REQUIRED",
            f"a recall is co-signed by an inspector of {settings.authority}",
        )
    batch = load_batch(ctx.state, action.gtin, action.batch)
    if batch is None:
        raise NotFound("UNKNOWN_BATCH", f"no batch {action.batch} of {action.gtin}")
    if batch.holder != action.holder:
        raise PermissionDenied("NOT_HOLDER", f"{action.gtin} is {batch.holder}'s product")
    if not action.reason or len(action.reason) > 64:
        raise InvalidArgument("REASON_REQUIRED", "give a reason code (1-64 characters)")
    if batch.recall == RECALL or batch.recall == action.kind:
        raise FailedPrecondition("ALREADY_RECALLED", f"batch {action.batch} is {batch.recall}")
    batch = replace(
        batch, recall=action.kind, recall_reason=action.reason, recall_entry=ctx.entry_index
    )
    ctx.state.put(batch_key(action.gtin, action.batch), batch.encode())


def close_alert(ctx: ActionContext, action: CloseAlert) -> None:
    alert = load_alert(ctx.state, action.alert_id)
    if alert is None:
        raise NotFound("ALERT_NOT_FOUND", f"no alert {action.alert_id}")
    if action.organisation not in {alert.authority, alert.holder} - {""}:
        raise PermissionDenied(
            "NOT_ALERT_RECIPIENT",
            f"alert {action.alert_id} is closed by {alert.authority} or the product's holder",
        )
    if alert.closed:
        raise FailedPrecondition("ALERT_CLOSED", f"alert closed at entry {alert.closed_entry}")
    _digest(action.report_sha256, "report_sha256")
    ctx.state.put(
        alert_key(action.alert_id),
        replace(
            alert,
            closed=True,
            finding=action.finding,
            closed_entry=ctx.entry_index,
            report_sha256=action.report_sha256,
        ).encode(),
    )


# ----- EPCIS events -----

EVENT_HASH_PREFIX = "ni:///sha-256;"
EVENT_HASH_SUFFIX = "?ver=CBV2.0"


def event_digest(event_hash: str) -> bytes:
    """The 32 bytes of a CBV 2.0 event hash "ni:///sha-256;<hex>?ver=CBV2.0"."""
    body = event_hash.removeprefix(EVENT_HASH_PREFIX).removesuffix(EVENT_HASH_SUFFIX)
    if (
        not event_hash.startswith(EVENT_HASH_PREFIX)
        or not event_hash.endswith(EVENT_HASH_SUFFIX)
        or len(body) != 64
        or body.lower() != body
    ):
        raise InvalidArgument(
            "BAD_EVENT_HASH", f"{event_hash!r} is not a CBV 2.0 event hash", field="events"
        )
    return bytes.fromhex(body)


def event_key(event_hash: str) -> bytes:
    return b"ev/" + event_digest(event_hash)


def event_id_key(event_id: str) -> bytes:
    return b"evid/" + event_id.encode()


def sources_prefix(gtin: str, batch: str) -> bytes:
    return b"src/" + gtin.encode() + b"\x00" + batch.encode() + b"\x00"


def load_event(state: Readable, event_hash: str) -> EventRecord | None:
    raw = state.get(event_key(event_hash))
    return None if raw is None else EventRecord.decode(raw)


def _split_batch(text: str, field: str) -> tuple[str, str]:
    gtin, sep, batch = text.partition("/")
    if not sep:
        raise InvalidArgument("BAD_BATCH", f"{field}: want '<GTIN-14>/<batch>'", field=field)
    return ids.check_gtin(gtin, field), ids.check_batch(batch, field)


def capture_epcis(ctx: ActionContext, action: CaptureEpcis) -> None:
    settings = market(ctx.state)
    require_partner(ctx, action.organisation, PARTNER_ROLES, "organisation")
    require_document(ctx, action.document, action.organisation, "document")
    if not action.events:
        raise InvalidArgument("NO_EVENTS", "the document holds no event", field="events")
    seen: set[str] = set()
    for n, event in enumerate(action.events):
        field = f"events[{n}]"
        if event.event_hash in seen:
            raise AlreadyExists(
                "EVENT_ALREADY_CAPTURED",
                f"{field} {event.event_hash} appears twice in the document",
                field=field,
            )
        seen.add(event.event_hash)
        keys = (
            split_keys(event.pack_keys, f"{field}.pack_keys", settings.max_upload_packs)
            if event.pack_keys
            else []
        )
        existing = load_event(ctx.state, event.event_hash)
        if event.error_declaration:
            _declare_error(ctx, action, event, existing, field)
            continue
        if existing is not None:
            raise AlreadyExists(
                "EVENT_ALREADY_CAPTURED",
                f"{field} {event.event_hash} was captured at entry {existing.entry_index} by "
                f"{existing.organisation}",
                field=field,
                metadata={"entry_index_first": str(existing.entry_index)},
            )
        if event.event_id and ctx.state.get(event_id_key(event.event_id)) is not None:
            raise AlreadyExists(
                "EVENT_ID_TAKEN", f"{field}: eventID {event.event_id} is in use", field=field
            )
        if event.type == "AggregationEvent" and event.parent_key:
            _aggregate_event(ctx, action.organisation, event, keys, field)
        if event.type == "TransformationEvent":
            inputs = sorted({_split_batch(b, field) for b in event.input_batches})
            for b in event.output_batches:
                gtin, batch = _split_batch(b, field)
                ctx.state.put(
                    sources_prefix(gtin, batch) + _U64.pack(ctx.entry_index) + _U32.pack(n),
                    "\n".join(f"{g}/{i}" for g, i in inputs).encode(),
                )
        record = EventRecord(
            event_hash=event.event_hash,
            type=event.type,
            event_id=event.event_id,
            organisation=action.organisation,
            document=action.document,
            entry_index=ctx.entry_index,
            packs=len(keys),
        )
        ctx.state.put(event_key(event.event_hash), record.encode())
        if event.event_id:
            ctx.state.put(event_id_key(event.event_id), event_digest(event.event_hash))


def _declare_error(
    ctx: ActionContext,
    action: CaptureEpcis,
    event: CapturedEvent,
    existing: EventRecord | None,
    field: str,
) -> None:
    """An error declaration names an event captured earlier (same hash: the declaration is not
    part of it) and the events correcting it; only the capturing organisation may declare."""
    if existing is None:
        raise NotFound(
            "EVENT_NOT_FOUND",
            f"{field} declares an error in {event.event_hash}, which was never captured",
            field=field,
        )
    if existing.organisation != action.organisation:
        raise PermissionDenied(
            "NOT_EVENT_OWNER",
            f"{field}: the event was captured by {existing.organisation}; only it may declare "
            "it erroneous",
            field=field,
        )
    if existing.declared_error_entry:
        raise AlreadyExists(
            "ERROR_ALREADY_DECLARED",
            f"{field}: declared erroneous at entry {existing.declared_error_entry}",
            field=field,
        )
    for corrective in event.corrective_event_ids:
        if ctx.state.get(event_id_key(corrective)) is None:
            raise FailedPrecondition(
                "CORRECTIVE_EVENT_MISSING",
                f"{field}: corrective event {corrective} has not been captured; capture it "
                "first (or in the same document, before the declaration)",
                field=field,
            )
    ctx.state.put(
        event_key(event.event_hash),
        replace(
            existing,
            declared_error_entry=ctx.entry_index,
            corrective_event_ids=event.corrective_event_ids,
        ).encode(),
    )


def _aggregate_event(
    ctx: ActionContext, organisation: str, event: CapturedEvent, keys: list[bytes], field: str
) -> None:
    ids.check_pack_key(event.parent_key, f"{field}.parent_key")
    if event.action == "ADD":
        raw = ctx.state.get(case_key(event.parent_key))
        if raw is None:
            aggregate(ctx, Aggregate(organisation, event.parent_key, b"".join(keys)))
            return
        case = CaseRecord.decode(raw)
        if case.organisation != organisation:
            raise FailedPrecondition("NOT_OWNER", f"case {event.parent_key.hex()} is not yours")
        children = _children(ctx.state, event.parent_key)
        for child in keys:
            pack = load_pack(ctx.state, child)
            if pack is None:
                raise NotFound("UNKNOWN_SERIAL", f"no pack {child.hex()}", field=field)
            if pack.parent:
                raise FailedPrecondition(
                    "ALREADY_AGGREGATED", f"pack {child.hex()} is in case {pack.parent.hex()}"
                )
            ctx.state.put(pack_key(child), replace(pack, parent=event.parent_key).encode())
            children.append(child)
        ctx.state.put(children_key(event.parent_key), b"".join(children))
        ctx.state.put(case_key(event.parent_key), replace(case, children=len(children)).encode())
    elif event.action == "DELETE":
        raw = ctx.state.get(case_key(event.parent_key))
        if raw is None:
            raise NotFound("CASE_NOT_FOUND", f"no case {event.parent_key.hex()}", field=field)
        case = CaseRecord.decode(raw)
        if case.organisation != organisation:
            raise FailedPrecondition("NOT_OWNER", f"case {event.parent_key.hex()} is not yours")
        children = _children(ctx.state, event.parent_key)
        leaving = set(keys) if keys else set(children)
        for child in sorted(leaving):
            pack = load_pack(ctx.state, child)
            if pack is not None and pack.parent == event.parent_key:
                ctx.state.put(pack_key(child), replace(pack, parent=b"").encode())
        remaining = [c for c in children if c not in leaving]
        ctx.state.put(children_key(event.parent_key), b"".join(remaining))
        ctx.state.put(case_key(event.parent_key), replace(case, children=len(remaining)).encode())


def source_batches(
    scan: Callable[[bytes], Iterable[tuple[bytes, bytes]]], gtin: str, batch: str, limit: int = 1000
) -> list[str]:
    """Batches ``gtin``/``batch`` was made from, transitively, nearest first (breadth-first
    over captured TransformationEvents). ``scan`` is a prefix scan of the domain's state."""
    found: list[str] = []
    queue = [(gtin, batch)]
    visited = {f"{gtin}/{batch}"}
    while queue and len(found) < limit:
        g, b = queue.pop(0)
        for _, raw in scan(sources_prefix(g, b)):
            for source in raw.decode().split("\n") if raw else []:
                if source not in visited:
                    visited.add(source)
                    found.append(source)
                    sg, _, sb = source.partition("/")
                    queue.append((sg, sb))
    return found
