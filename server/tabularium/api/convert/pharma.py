"""Decoding tabularium.pharma.v1 actions into domain values, and records into messages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from tabularium.api.convert.identity import parse, type_url
from tabularium.domains.pharma import model as m
from tabularium.errors import InvalidArgument
from tabularium.pharma.v1 import pharma_pb2 as pb

_ROLES = {
    pb.PARTNER_ROLE_HOLDER: m.HOLDER,
    pb.PARTNER_ROLE_MANUFACTURER: m.MANUFACTURER,
    pb.PARTNER_ROLE_WHOLESALER: m.WHOLESALER,
    pb.PARTNER_ROLE_DISPENSER: m.DISPENSER,
}
_REASONS: dict[Any, str] = {index + 1: reason for index, reason in enumerate(m.REASONS)}
REASON_TO_PB: dict[str, Any] = {v: k for k, v in _REASONS.items()}
_RECALLS = {pb.RECALL_KIND_RECALL: m.RECALL, pb.RECALL_KIND_WITHDRAWAL: m.WITHDRAWAL}
_FINDINGS: dict[Any, str] = {index + 1: finding for index, finding in enumerate(m.FINDINGS)}
FINDING_TO_PB: dict[str, Any] = {v: k for k, v in _FINDINGS.items()}
STATUS_TO_PB = {
    m.ACTIVE: pb.PACK_STATUS_ACTIVE,
    m.DECOMMISSIONED: pb.PACK_STATUS_DECOMMISSIONED,
    m.RECALLED: pb.PACK_STATUS_RECALLED,
    m.WITHDRAWN: pb.PACK_STATUS_WITHDRAWN,
    m.EXPIRED: pb.PACK_STATUS_EXPIRED,
}
ALERT_TO_PB = {
    m.UNKNOWN_SERIAL: pb.ALERT_KIND_UNKNOWN_SERIAL,
    m.DATA_MISMATCH: pb.ALERT_KIND_DATA_MISMATCH,
    m.ALREADY_DECOMMISSIONED: pb.ALERT_KIND_ALREADY_DECOMMISSIONED,
    m.CLONE_SUSPECTED: pb.ALERT_KIND_CLONE_SUSPECTED,
    m.ILLEGITIMATE_PRODUCT: pb.ALERT_KIND_ILLEGITIMATE_PRODUCT,
}


def _enum(mapping: Mapping[Any, str], value: int, field: str) -> str:
    if value not in mapping:
        raise InvalidArgument(
            "BAD_ENUM", f"{field} must be set to one of {sorted(mapping.values())}", field=field
        )
    return mapping[value]


def _scanned(msg: pb.ScannedPack) -> m.ScannedPack:
    return m.ScannedPack(bytes(msg.pack_key), msg.gtin, msg.batch, msg.expiry)


def decode_configure(value: bytes) -> m.ConfigureMarket:
    msg = parse(pb.ConfigureMarket, value)
    return m.ConfigureMarket(
        msg.authority, msg.max_upload_packs, msg.clone_speed_kmh, msg.undo_window_days
    )


def decode_authorize(value: bytes) -> m.AuthorizeTradingPartner:
    msg = parse(pb.AuthorizeTradingPartner, value)
    return m.AuthorizeTradingPartner(
        issuer=msg.issuer,
        partner=msg.partner,
        roles=tuple(_enum(_ROLES, r, "roles") for r in msg.roles),
        credential_hash=bytes(msg.credential_hash),
    )


def decode_site(value: bytes) -> m.RegisterSite:
    msg = parse(pb.RegisterSite, value)
    return m.RegisterSite(msg.organisation, msg.gln, msg.latitude_microdeg, msg.longitude_microdeg)


def decode_product(value: bytes) -> m.RegisterProduct:
    msg = parse(pb.RegisterProduct, value)
    return m.RegisterProduct(
        msg.holder,
        msg.gtin,
        bytes(msg.key_document),
        bytes(msg.key_sha256),
        msg.national_number,
    )


def decode_upload(value: bytes) -> m.UploadBatch:
    msg = parse(pb.UploadBatch, value)
    return m.UploadBatch(
        msg.manufacturer, msg.gtin, msg.batch, msg.expiry, bytes(msg.pack_keys), msg.site_gln
    )


def decode_verify(value: bytes) -> m.VerifyPack:
    msg = parse(pb.VerifyPack, value)
    return m.VerifyPack(msg.organisation, msg.site_gln, _scanned(msg.pack))


def decode_decommission(value: bytes) -> m.DecommissionPack:
    msg = parse(pb.DecommissionPack, value)
    return m.DecommissionPack(
        msg.organisation,
        msg.site_gln,
        _scanned(msg.pack),
        _enum(_REASONS, msg.reason, "reason"),
    )


def decode_undo(value: bytes) -> m.UndoDecommission:
    msg = parse(pb.UndoDecommission, value)
    return m.UndoDecommission(
        msg.organisation, msg.site_gln, _scanned(msg.pack), msg.not_supplied_to_public
    )


def decode_aggregate(value: bytes) -> m.Aggregate:
    msg = parse(pb.Aggregate, value)
    return m.Aggregate(msg.organisation, bytes(msg.case_key), bytes(msg.child_keys))


def decode_ship(value: bytes) -> m.Ship:
    msg = parse(pb.Ship, value)
    return m.Ship(
        organisation=msg.organisation,
        receiver=msg.receiver,
        shipment_id=bytes(msg.shipment_id),
        unit_keys=bytes(msg.unit_keys),
        ti_document=bytes(msg.ti_document),
        ti_sha256=bytes(msg.ti_sha256),
        ti_grant=bytes(msg.ti_grant),
    )


def decode_receive(value: bytes) -> m.Receive:
    msg = parse(pb.Receive, value)
    return m.Receive(msg.organisation, bytes(msg.shipment_id), bytes(msg.ti_sha256), msg.site_gln)


def decode_report(value: bytes) -> m.ReportIllegitimate:
    msg = parse(pb.ReportIllegitimate, value)
    return m.ReportIllegitimate(msg.organisation, bytes(msg.unit_keys), bytes(msg.report_sha256))


def decode_recall(value: bytes) -> m.RecallBatch:
    msg = parse(pb.RecallBatch, value)
    return m.RecallBatch(
        msg.holder, msg.gtin, msg.batch, _enum(_RECALLS, msg.kind, "kind"), msg.reason
    )


def decode_close(value: bytes) -> m.CloseAlert:
    msg = parse(pb.CloseAlert, value)
    return m.CloseAlert(
        msg.organisation,
        msg.alert_id,
        _enum(_FINDINGS, msg.finding, "finding"),
        bytes(msg.report_sha256),
    )


def _captured(msg: pb.CapturedEvent) -> m.CapturedEvent:
    return m.CapturedEvent(
        event_hash=msg.event_hash,
        type=msg.type,
        event_id=msg.event_id,
        action=msg.action,
        biz_step=msg.biz_step,
        disposition=msg.disposition,
        pack_keys=bytes(msg.pack_keys),
        parent_key=bytes(msg.parent_key),
        input_batches=tuple(msg.input_batches),
        output_batches=tuple(msg.output_batches),
        error_declaration=msg.error_declaration,
        corrective_event_ids=tuple(msg.corrective_event_ids),
    )


def decode_capture(value: bytes) -> m.CaptureEpcis:
    msg = parse(pb.CaptureEpcis, value)
    return m.CaptureEpcis(
        msg.organisation, bytes(msg.document), tuple(_captured(e) for e in msg.events)
    )


CAPTURE_EPCIS = type_url(pb.CaptureEpcis)
CAPTURE_EPCIS_METHOD = "/tabularium.pharma.v1.PharmaService/CaptureEpcis"
UPLOAD_BATCH = type_url(pb.UploadBatch)
# Actions that carry many 32-byte keys: allowed above the node's usual transaction size.
BULK_TYPES = (
    UPLOAD_BATCH,
    type_url(pb.Aggregate),
    type_url(pb.Ship),
    type_url(pb.ReportIllegitimate),
    CAPTURE_EPCIS,
)
SCAN_TYPES = (type_url(pb.VerifyPack), type_url(pb.DecommissionPack), type_url(pb.UndoDecommission))

# (type URL, decoder, handler name in domains.pharma.rules, default roles, scope field).
ACTIONS: tuple[tuple[str, Callable[[bytes], Any], str, tuple[str, ...], str], ...] = (
    (type_url(pb.ConfigureMarket), decode_configure, "configure_market", ("admin",), "authority"),
    (
        type_url(pb.AuthorizeTradingPartner),
        decode_authorize,
        "authorize_trading_partner",
        ("admin", "issuer"),
        "issuer",
    ),
    (type_url(pb.RegisterSite), decode_site, "register_site", ("admin",), "organisation"),
    (type_url(pb.RegisterProduct), decode_product, "register_product", ("admin",), "holder"),
    (UPLOAD_BATCH, decode_upload, "upload_batch", ("operator",), "manufacturer"),
    (type_url(pb.VerifyPack), decode_verify, "verify_pack", ("operator",), "organisation"),
    (
        type_url(pb.DecommissionPack),
        decode_decommission,
        "decommission_pack",
        ("operator",),
        "organisation",
    ),
    (
        type_url(pb.UndoDecommission),
        decode_undo,
        "undo_decommission",
        ("operator",),
        "organisation",
    ),
    (type_url(pb.Aggregate), decode_aggregate, "aggregate", ("operator",), "organisation"),
    (type_url(pb.Ship), decode_ship, "ship", ("operator",), "organisation"),
    (type_url(pb.Receive), decode_receive, "receive", ("operator",), "organisation"),
    (
        type_url(pb.ReportIllegitimate),
        decode_report,
        "report_illegitimate",
        ("operator",),
        "organisation",
    ),
    (CAPTURE_EPCIS, decode_capture, "capture_epcis", ("operator",), "organisation"),
    (type_url(pb.RecallBatch), decode_recall, "recall_batch", ("admin",), "holder"),
    (type_url(pb.CloseAlert), decode_close, "close_alert", ("inspector", "admin"), "organisation"),
)


def pack_to_pb(key: bytes, pack: m.PackRecord, batch: m.BatchRecord, status: str) -> pb.Pack:
    return pb.Pack(
        pack_key=key,
        gtin=batch.gtin,
        batch=batch.batch,
        expiry=batch.expiry,
        status=STATUS_TO_PB[status],
        reason=REASON_TO_PB.get(pack.reason, 0),
        owner=pack.owner,
        location=pack.location,
        parent=pack.parent,
        quarantined=pack.quarantined,
        in_transit=pack.in_transit,
        return_unverified=pack.return_unverified,
        uploaded_entry=pack.uploaded_entry,
        decommissioned_by=pack.decommissioned_by,
        decommissioned_at_gln=pack.decommissioned_at,
        decommissioned_entry=pack.decommissioned_entry,
        decommissioned_time_us=pack.decommissioned_time_us,
        case_stolen=pack.case_stolen,
    )


def alert_to_pb(alert: m.AlertRecord) -> pb.Alert:
    return pb.Alert(
        alert_id=alert.alert_id,
        kind=ALERT_TO_PB[alert.kind],
        pack_key=alert.pack_key,
        gtin=alert.gtin,
        batch=alert.batch,
        organisation=alert.organisation,
        site_gln=alert.site_gln,
        time_us=alert.time_us,
        holder=alert.holder,
        authority=alert.authority,
        detail=alert.detail,
        closed=alert.closed,
        finding=FINDING_TO_PB.get(alert.finding, 0),
        closed_entry=alert.closed_entry,
        notify_by_us=alert.notify_by_us,
    )


def shipment_to_pb(shipment: m.ShipmentRecord) -> pb.Shipment:
    return pb.Shipment(
        shipment_id=shipment.shipment_id,
        shipper=shipment.shipper,
        receiver=shipment.receiver,
        shipped_entry=shipment.shipped_entry,
        received_entry=shipment.received_entry,
        ti_sha256=shipment.ti_sha256,
    )
