"""`tabularium land ...`: the land registry from the shell.

Each command prints JSON on stdout. A refused call prints
``{"error": "CODE: details", "reason": REASON, ...}`` and exits with status 1. Shares are
written ``n/d`` (``1/3``); parties as ``PARTY=SHARE`` with the party's DID or group id.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any

import click
import grpc
from google.protobuf import json_format

from tabularium.cli_vault import (
    FILE_PATH,
    _emit,
    _fail,
    _hex,
    _receipt_fields,
    _server_option,
    _timeout_option,
    _to_json,
    _tx_options,
    transact,
)


def _stub(channel: grpc.Channel) -> Any:
    from tabularium.landregistry.v1 import landregistry_pb2_grpc

    return landregistry_pb2_grpc.LandRegistryServiceStub(channel)


def _share(text: str, param: str) -> Any:
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    try:
        value = Fraction(text)
    except (ValueError, ZeroDivisionError) as exc:
        raise click.BadParameter(f"{text!r} is not a fraction n/d", param_hint=param) from exc
    if str(value.numerator) + "/" + str(value.denominator) != text and str(value) != text:
        raise click.BadParameter(f"{text} is not in lowest terms (write {value})", param_hint=param)
    return pb.Share(numerator=value.numerator, denominator=value.denominator)


def _portions(items: Sequence[str], param: str) -> list[Any]:
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    out = []
    for item in items:
        party, sep, share = item.rpartition("=")
        if not sep or not party:
            raise click.BadParameter(f"{item!r}: want PARTY=N/D", param_hint=param)
        out.append(pb.Portion(party=party, share=_share(share, param)))
    return out


def _geometry(path: Path) -> str:
    """A GeoJSON file: a geometry, or a Feature whose geometry is taken."""
    text = path.read_text()
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise click.BadParameter(f"{path} is not JSON: {exc}") from exc
    if isinstance(doc, dict) and doc.get("type") == "Feature":
        return json.dumps(doc.get("geometry"))
    return text


def _call(method: Any, request: Any, timeout: float) -> Any:
    try:
        return method(request, timeout=timeout)
    except grpc.RpcError as exc:
        _fail(exc)


def _done(receipt: Any, **extra: Any) -> None:
    _emit({**_receipt_fields(receipt), **extra})


@click.group()
def land() -> None:
    """Land registry (LADM): parcels, rights and shares, transfers, mortgages, extracts.

    Transfers need every transferor and transferee (each member of a group party), any
    mortgagee, and the office's registrars (by its M-of-N policy); a registrar alone never moves
    a title. Deeds are registered first with `tabularium tx notarize` (documents domain).
    """


# ----- parcels -----


@land.group()
def parcel() -> None:
    """Register, show, subdivide and merge parcels."""


@parcel.command("register")
@click.option("--office", required=True, help="DID of the land registry office.")
@click.option("--parcel", "parcel_id", required=True, help="National cadastral reference.")
@click.option("--label", default="", help="Short map label.")
@click.option("--level", default=0, show_default=True, help="LA_Level (0: surface).")
@click.option("--geometry", "geometry_file", required=True, type=FILE_PATH, help="GeoJSON file.")
@click.option("--source", required=True, help="SHA-256 (hex) of the registered legacy extract.")
@click.option(
    "--owner", "owners", multiple=True, required=True, help="PARTY=N/D ownership; repeat."
)
@_tx_options
def parcel_register(
    office: str,
    parcel_id: str,
    label: str,
    level: int,
    geometry_file: Path,
    source: str,
    owners: tuple[str, ...],
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
) -> None:
    """First registration (or migration) of a parcel; sign with the office's registrars."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    rights = [
        pb.InitialRight(type=pb.RIGHT_TYPE_OWNERSHIP, party=p.party, share=p.share)
        for p in _portions(owners, "--owner")
    ]
    action = pb.RegisterParcel(
        office=office,
        parcel_id=parcel_id,
        label=label,
        level=level,
        geometry=_geometry(geometry_file),
        source_sha256=_hex(source, "--source", 32),
        rights=rights,
    )
    _done(transact(server, key_paths, action, timeout), parcel=parcel_id)


@parcel.command("show")
@click.argument("parcel_id")
@click.option("--at-height", default=0, help="Block height (0: latest).")
@_server_option
@_timeout_option(10.0, "Deadline, seconds.")
def parcel_show(parcel_id: str, at_height: int, server: str, timeout: float) -> None:
    """A parcel and the rights in force (at a past height if given)."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    with grpc.insecure_channel(server) as channel:
        stub = _stub(channel)
        got = _call(
            stub.GetParcel, pb.GetParcelRequest(parcel_id=parcel_id, at_height=at_height), timeout
        )
        rights = _call(
            stub.GetRights, pb.GetRightsRequest(parcel_id=parcel_id, at_height=at_height), timeout
        )
    _emit({"parcel": _to_json(got.parcel), "rights": _to_json(rights), "height": got.height})


@parcel.command("history")
@click.argument("parcel_id")
@_server_option
@_timeout_option(10.0, "Deadline, seconds.")
def parcel_history(parcel_id: str, server: str, timeout: float) -> None:
    """Every RRR version and every entry that touched the parcel."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    with grpc.insecure_channel(server) as channel:
        got = _call(
            _stub(channel).GetParcelHistory,
            pb.GetParcelHistoryRequest(parcel_id=parcel_id),
            timeout,
        )
    _emit(_to_json(got))


def _new_parcels(items: Sequence[str]) -> list[Any]:
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    out = []
    for item in items:
        parcel_id, sep, path = item.partition("=")
        if not sep:
            raise click.BadParameter(f"{item!r}: want PARCEL_ID=GEOJSON_FILE")
        out.append(
            pb.NewParcel(parcel_id=parcel_id, label=parcel_id, geometry=_geometry(Path(path)))
        )
    return out


@parcel.command("subdivide")
@click.option("--office", required=True)
@click.option("--parcel", "parcel_id", required=True)
@click.option("--child", "children", multiple=True, required=True, help="ID=GEOJSON_FILE; repeat.")
@click.option("--source", required=True, help="SHA-256 (hex) of the registered survey.")
@_tx_options
def parcel_subdivide(
    office: str,
    parcel_id: str,
    children: tuple[str, ...],
    source: str,
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
) -> None:
    """Split a parcel; rights and restrictions carry over to every child."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    action = pb.SubdivideParcel(
        office=office,
        parcel_id=parcel_id,
        children=_new_parcels(children),
        source_sha256=_hex(source, "--source", 32),
    )
    _done(transact(server, key_paths, action, timeout))


@parcel.command("merge")
@click.option("--office", required=True)
@click.option("--parcel", "parcel_ids", multiple=True, required=True, help="Repeat.")
@click.option("--into", required=True, help="NEW_ID=GEOJSON_FILE")
@click.option("--source", required=True)
@_tx_options
def parcel_merge(
    office: str,
    parcel_ids: tuple[str, ...],
    into: str,
    source: str,
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
) -> None:
    """Merge parcels with identical rights into one."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    action = pb.MergeParcels(
        office=office,
        parcel_ids=list(parcel_ids),
        merged=_new_parcels([into])[0],
        source_sha256=_hex(source, "--source", 32),
    )
    _done(transact(server, key_paths, action, timeout))


# ----- transfers -----


@land.group()
def transfer() -> None:
    """Propose, consent to, approve, freeze and finalise transfers."""


@transfer.command("propose")
@click.option("--parcel", "parcel_id", required=True)
@click.option("--deed", required=True, help="SHA-256 (hex) of the registered deed.")
@click.option("--from", "sellers", multiple=True, required=True, help="PARTY=N/D out; repeat.")
@click.option("--to", "buyers", multiple=True, required=True, help="PARTY=N/D in; repeat.")
@_tx_options
def transfer_propose(
    parcel_id: str,
    deed: str,
    sellers: tuple[str, ...],
    buyers: tuple[str, ...],
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
) -> None:
    """Propose a transfer; prints its transfer_id."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    action = pb.ProposeTransfer(
        parcel_id=parcel_id,
        deed_sha256=_hex(deed, "--deed", 32),
        transferors=_portions(sellers, "--from"),
        transferees=_portions(buyers, "--to"),
    )
    receipt = transact(server, key_paths, action, timeout)
    _done(receipt, transfer_id=receipt.tx_hash[:16].hex())


@transfer.command("consent")
@click.argument("transfer_id")
@click.option("--deed", required=True, help="SHA-256 (hex) of the deed you consent to.")
@_tx_options
def transfer_consent(
    transfer_id: str, deed: str, server: str, key_paths: tuple[Path, ...], timeout: float
) -> None:
    """Consent (as transferor, transferee, group member or mortgagee) over the deed hash."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    action = pb.ConsentTransfer(
        transfer_id=_hex(transfer_id, "TRANSFER_ID", 16), deed_sha256=_hex(deed, "--deed", 32)
    )
    _done(transact(server, key_paths, action, timeout))


@transfer.command("approve")
@click.argument("transfer_id")
@click.option("--office", required=True)
@click.option("--deed", required=True)
@_tx_options
def transfer_approve(
    transfer_id: str,
    office: str,
    deed: str,
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
) -> None:
    """Registrars approve (co-sign with --key per registrar up to the office threshold)."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    action = pb.ApproveTransfer(
        office=office,
        transfer_id=_hex(transfer_id, "TRANSFER_ID", 16),
        deed_sha256=_hex(deed, "--deed", 32),
    )
    _done(transact(server, key_paths, action, timeout))


@transfer.command("freeze")
@click.argument("transfer_id")
@click.option("--reason", default="", help="Short public reason, no personal data.")
@_tx_options
def transfer_freeze(
    transfer_id: str, reason: str, server: str, key_paths: tuple[Path, ...], timeout: float
) -> None:
    """A registered owner freezes a transfer during its cooling-off period."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    action = pb.FreezeTransfer(transfer_id=_hex(transfer_id, "TRANSFER_ID", 16), reason=reason)
    _done(transact(server, key_paths, action, timeout))


@transfer.command("finalize")
@click.argument("transfer_id")
@_tx_options
def transfer_finalize(
    transfer_id: str, server: str, key_paths: tuple[Path, ...], timeout: float
) -> None:
    """Finalise: the rules check consents, approval, cooling-off and encumbrances."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    action = pb.FinalizeTransfer(transfer_id=_hex(transfer_id, "TRANSFER_ID", 16))
    _done(transact(server, key_paths, action, timeout))


@transfer.command("show")
@click.argument("transfer_id")
@_server_option
@_timeout_option(10.0, "Deadline, seconds.")
def transfer_show(transfer_id: str, server: str, timeout: float) -> None:
    """A transfer's status, required consents, consents and approval."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    with grpc.insecure_channel(server) as channel:
        got = _call(
            _stub(channel).GetTransfer,
            pb.GetTransferRequest(transfer_id=_hex(transfer_id, "TRANSFER_ID", 16)),
            timeout,
        )
    _emit(_to_json(got.transfer))


# ----- mortgages -----


@land.group()
def mortgage() -> None:
    """Register (owners and lender sign) and release (lender signs) mortgages."""


@mortgage.command("register")
@click.option("--parcel", "parcel_id", required=True)
@click.option("--lender", required=True, help="DID of the lender.")
@click.option("--principal", required=True, type=int, help="Principal in minor units.")
@click.option("--currency", required=True, help="ISO 4217 code, e.g. EUR.")
@click.option("--deed", required=True, help="SHA-256 (hex) of the registered mortgage deed.")
@_tx_options
def mortgage_register(
    parcel_id: str,
    lender: str,
    principal: int,
    currency: str,
    deed: str,
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
) -> None:
    """Register a mortgage; --key for every owner and for the lender. Prints mortgage_id."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    action = pb.RegisterMortgage(
        parcel_id=parcel_id,
        lender=lender,
        principal_minor_units=principal,
        currency=currency,
        deed_sha256=_hex(deed, "--deed", 32),
    )
    receipt = transact(server, key_paths, action, timeout)
    _done(receipt, mortgage_id=receipt.tx_hash[:16].hex())


@mortgage.command("release")
@click.option("--parcel", "parcel_id", required=True)
@click.argument("mortgage_id")
@_tx_options
def mortgage_release(
    parcel_id: str, mortgage_id: str, server: str, key_paths: tuple[Path, ...], timeout: float
) -> None:
    """Release a mortgage (the lender's key)."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    action = pb.ReleaseMortgage(
        parcel_id=parcel_id, mortgage_id=_hex(mortgage_id, "MORTGAGE_ID", 16)
    )
    _done(transact(server, key_paths, action, timeout))


# ----- extracts and export -----


@land.group()
def extract() -> None:
    """Verifiable extracts: fetch from a node, verify offline."""


@extract.command("get")
@click.argument("parcel_id")
@click.option("--out", "out_file", type=click.Path(path_type=Path, dir_okay=False), required=True)
@_server_option
@_timeout_option(30.0, "Deadline, seconds.")
def extract_get(parcel_id: str, out_file: Path, server: str, timeout: float) -> None:
    """Save the parcel's extract (JSON: extract, receipts, checkpoint) to --out."""
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    with grpc.insecure_channel(server) as channel:
        got = _call(_stub(channel).GetExtract, pb.GetExtractRequest(parcel_id=parcel_id), timeout)
    out_file.write_text(json_format.MessageToJson(got, preserving_proto_field_name=True))
    _emit({"file": str(out_file), "receipts": len(got.receipts), "parcel": parcel_id})


@extract.command("verify")
@click.argument("extract_file", type=FILE_PATH)
@click.option(
    "--log-key",
    required=True,
    help="Pinned checkpoint verifier key (name+hash+base64) or a file holding it.",
)
def extract_verify(extract_file: Path, log_key: str) -> None:
    """Verify an extract offline: checkpoint signature, every receipt, and a replay of the title
    from the logged transactions. Exit 1 if anything fails."""
    from tabularium import land_extract
    from tabularium.chain.checkpoint import NoteVerifier
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    key_text = Path(log_key).read_text() if Path(log_key).is_file() else log_key
    try:
        message = json_format.Parse(extract_file.read_text(), pb.GetExtractResponse())
        verifier = NoteVerifier.parse(key_text)
    except (ValueError, json_format.ParseError) as exc:
        raise click.ClickException(f"not an extract file: {exc}") from exc
    try:
        verified = land_extract.verify(
            message.extract, list(message.receipts), message.checkpoint, verifier
        )
    except land_extract.ExtractInvalid as exc:
        _emit({"valid": False, "error": str(exc)})
        sys.exit(1)
    _emit(
        {
            "valid": True,
            "parcel": verified.parcel_id,
            "tree_size": verified.tree_size,
            "root": verified.root.hex(),
            "entries": verified.entries,
            "rights": verified.document["rights"],
            "restrictions": verified.document["restrictions"],
            "cannot_prove": verified.document["cannot_prove"],
        }
    )


@land.command("export")
@click.option("--box", required=True, help="MIN_LON,MIN_LAT,MAX_LON,MAX_LAT in degrees.")
@click.option("--level", default=0, show_default=True)
@click.option(
    "--rights",
    "rights_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also write the parcels' rights in LADM-named JSON to this file.",
)
@_server_option
@_timeout_option(30.0, "Deadline, seconds.")
def export(box: str, level: int, rights_file: Path | None, server: str, timeout: float) -> None:
    """Parcels in a box as a GeoJSON FeatureCollection with INSPIRE Cadastral Parcels attribute
    names (inspireId, nationalCadastralReference, label, areaValue omitted: areas are planar in
    degrees)."""
    from decimal import Decimal

    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    try:
        values = [int((Decimal(v) * 10**7).to_integral_value()) for v in box.split(",")]
    except ArithmeticError as exc:
        raise click.BadParameter("four decimal numbers", param_hint="--box") from exc
    if len(values) != 4:
        raise click.BadParameter("four numbers", param_hint="--box")
    request = pb.ListParcelsInBoxRequest(
        min_lon_e7=values[0],
        min_lat_e7=values[1],
        max_lon_e7=values[2],
        max_lat_e7=values[3],
        level=level,
    )
    with grpc.insecure_channel(server) as channel:
        stub = _stub(channel)
        found = _call(stub.ListParcelsInBox, request, timeout)
        features = []
        ladm: list[dict[str, Any]] = []
        for p in found.parcels:
            features.append(
                {
                    "type": "Feature",
                    "id": p.parcel_id,
                    "geometry": json.loads(p.geometry),
                    "properties": {
                        "inspireId": {"localId": p.parcel_id, "namespace": p.office},
                        "nationalCadastralReference": p.parcel_id,
                        "label": p.label,
                        "geometryHash": p.geometry_hash.hex(),
                        "beginLifespanVersion": p.lifespan.begin_time.ToJsonString(),
                    },
                }
            )
            if rights_file is not None:
                rights = _call(stub.GetRights, pb.GetRightsRequest(parcel_id=p.parcel_id), timeout)
                ladm.append(_ladm(p, rights))
    click.echo(json.dumps({"type": "FeatureCollection", "features": features}))
    if rights_file is not None:
        rights_file.write_text(json.dumps({"LA_BAUnit": ladm}, indent=2))


def _ladm(parcel: Any, rights: Any) -> dict[str, Any]:
    from tabularium.landregistry.v1 import landregistry_pb2 as pb

    def rrr(r: Any) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rID": r.id.hex(),
            "party": {"pID": r.party},
            "source": {"sID": r.source_sha256.hex()},
            "beginLifespanVersion": r.lifespan.begin_time.ToJsonString(),
        }
        if r.HasField("share"):
            out["share"] = {"numerator": r.share.numerator, "denominator": r.share.denominator}
        return out

    return {
        "uID": parcel.parcel_id,
        "name": parcel.label,
        "LA_SpatialUnit": {"suID": parcel.parcel_id, "geometryHash": parcel.geometry_hash.hex()},
        "LA_Right": [{**rrr(r), "type": pb.RightType.Name(r.right_type)} for r in rights.rights],
        "LA_Restriction": [
            {**rrr(r), "type": pb.RestrictionType.Name(r.restriction_type)}
            for r in rights.restrictions
            if r.restriction_type != pb.RESTRICTION_TYPE_RESPONSIBILITY
        ],
        "LA_Responsibility": [
            {**rrr(r), "type": "RESPONSIBILITY"}
            for r in rights.restrictions
            if r.restriction_type == pb.RESTRICTION_TYPE_RESPONSIBILITY
        ],
    }
