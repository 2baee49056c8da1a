"""`tabularium pharma ...`: serialised packs from the shell.

Scan verbs (upload, verify, decommission, undo, ship) read scanner strings, one per line, from a
file or stdin ("-"): GS1 element strings as a DataMatrix scanner delivers them (FNC1 as ASCII
GS), the bracket form, or GS1 Digital Link URIs. Pack keys are computed here from the product
key (32 raw bytes, or 64 hex digits, in a file); no serial leaves this machine. Each command
prints JSON lines on stdout and progress on stderr; a refused call prints
``{"error": "CODE: details", "reason": REASON, ...}`` and exits with status 1.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import click
import grpc
from google.protobuf.message import Message

from tabularium.cli_vault import (
    FILE_PATH,
    KEY_PATH,
    _chain_id,
    _emit,
    _fail,
    _grant_id,
    _hex,
    _load_keys,
    _receipt_fields,
    _server_option,
    _to_json,
    _tx_options,
    transact,
)

SERVICE = "/tabularium.pharma.v1.PharmaService/"
_REASONS = ("supplied", "destroyed", "exported", "sample", "free_sample", "stolen", "locked")


def _pb() -> Any:
    from tabularium.pharma.v1 import pharma_pb2

    return pharma_pb2


def _secret(path: Path, what: str) -> bytes:
    raw = path.read_bytes()
    text = raw.strip()
    if len(text) == 64:
        try:
            return bytes.fromhex(text.decode())
        except ValueError:
            pass
    if len(raw) != 32:
        raise click.BadParameter(
            f"want 32 raw bytes or 64 hex digits, got {len(raw)} bytes", param_hint=what
        )
    return raw


def _lines(source: str) -> Iterator[tuple[int, str]]:
    """Non-empty lines of ``source`` (a path or "-" for stdin), numbered from 1."""
    stream = sys.stdin if source == "-" else open(source, encoding="utf-8", newline="")  # noqa: SIM115
    try:
        for number, line in enumerate(stream, 1):
            text = line.rstrip("\r\n")
            if text.strip():
                yield number, text
    finally:
        if stream is not sys.stdin:
            stream.close()


def _scans(source: str) -> Iterator[tuple[int, Any]]:
    """(line number, Scan) for each scanner string; exit 2 naming the line if one is bad."""
    from tabularium import gs1
    from tabularium.errors import InvalidArgument

    year = datetime.datetime.now(datetime.UTC).year
    for number, text in _lines(source):
        try:
            yield number, gs1.parse_scan(text, reference_year=year)
        except InvalidArgument as exc:
            click.echo(f"line {number}: {exc.reason}: {exc.message}", err=True)
            sys.exit(2)


def _key_of(product_key: bytes, scan: Any) -> bytes:
    from tabularium import gs1

    key: bytes = gs1.pack_key(product_key, scan.gtin, scan.serial)
    return key


def _progress(done: int, total: int | None, started: float, what: str) -> None:
    rate = done / max(time.monotonic() - started, 1e-9)
    of = f"/{total}" if total else ""
    click.echo(f"{what}: {done}{of} ({rate:,.0f}/s)", err=True)


def _read(server: str, key_path: Path, method: str, request: Message, timeout: float) -> Any:
    from tabularium import rpcauth
    from tabularium.keys import load_private_key
    from tabularium.pharma.v1 import pharma_pb2_grpc

    metadata = rpcauth.sign_request(
        load_private_key(key_path), SERVICE + method, request.SerializeToString()
    )
    with grpc.insecure_channel(server) as channel:
        stub = pharma_pb2_grpc.PharmaServiceStub(channel)
        try:
            return getattr(stub, method)(request, metadata=metadata, timeout=timeout)
        except grpc.RpcError as exc:
            _fail(exc)


def _chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@click.group()
def pharma() -> None:
    """Serialised medicine packs: upload, verify, decommission, trade, recall, trace, EPCIS.

    Roles live in each acting organisation: "admin" (sites, products, recalls), "operator"
    (uploads, scans, shipments, EPCIS capture); the competent authority's "inspector"
    co-signs recalls and closes alerts. Trading partners are authorised on a credential from
    an issuer accredited for "PharmaTradingPartner".
    """


# ----- uploads and scans -----


@pharma.command()
@_tx_options
@click.option("--manufacturer", required=True, help="DID of the manufacturer (signer's org).")
@click.option("--site", required=True, help="GLN of the premises of manufacture.")
@click.option("--product-key", type=FILE_PATH, required=True, help="The product key file.")
@click.option(
    "--batch-size", default=100_000, show_default=True, help="Packs per UploadBatch transaction."
)
@click.argument("scans", default="-")
def upload(
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
    manufacturer: str,
    site: str,
    product_key: Path,
    batch_size: int,
    scans: str,
) -> None:
    """Upload the packs read from SCANS (file or "-"), grouped by GTIN, batch and expiry; all
    or nothing per transaction."""
    key = _secret(product_key, "--product-key")
    groups: dict[tuple[str, str, str], list[bytes]] = {}
    for _, scan in _scans(scans):
        groups.setdefault((scan.gtin, scan.batch, scan.expiry_yymmdd), []).append(
            _key_of(key, scan)
        )
    total = sum(len(keys) for keys in groups.values())
    started, done = time.monotonic(), 0
    for (gtin, batch, expiry), keys in sorted(groups.items()):
        for chunk in _chunks(keys, batch_size):
            action = _pb().UploadBatch(
                manufacturer=manufacturer,
                gtin=gtin,
                batch=batch,
                expiry=expiry,
                pack_keys=b"".join(chunk),
                site_gln=site,
            )
            receipt = transact(server, key_paths, action, timeout)
            done += len(chunk)
            _progress(done, total, started, "uploaded")
            _emit({**_receipt_fields(receipt), "gtin": gtin, "batch": batch, "packs": len(chunk)})


def _scan_command(verb: str) -> Callable[[Callable[..., None]], click.Command]:
    def decorate(func: Callable[..., None]) -> click.Command:
        func = click.argument("scans", default="-")(func)
        func = click.option(
            "--batch-size", default=1000, show_default=True, help="Scans per SubmitScans call."
        )(func)
        func = click.option(
            "--product-key", type=FILE_PATH, required=True, help="The product key file."
        )(func)
        func = click.option("--site", required=True, help="GLN of the premises scanning.")(func)
        func = click.option(
            "--organisation", required=True, help="DID of the scanning organisation."
        )(func)
        command: click.Command = pharma.command(verb)(_tx_options(func))
        return command

    return decorate


def _submit_scans(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    batch_size: int,
    product_key: Path,
    scans: str,
    build: Any,
    verb: str,
) -> None:
    """Sign one scan transaction per line with ``build(scan, pack_key)``, submit them in
    batches through SubmitScans, print one JSON line per scan; exit 1 if any was refused."""
    from tabularium.pharma.v1 import pharma_pb2_grpc
    from tabularium.txbuild import build_signed

    key = _secret(product_key, "--product-key")
    keys = _load_keys(key_paths)
    items = list(_scans(scans))
    refused = 0
    started = time.monotonic()
    with grpc.insecure_channel(server) as channel:
        stub = pharma_pb2_grpc.PharmaServiceStub(channel)
        try:
            chain_id = _chain_id(channel, timeout)
        except grpc.RpcError as exc:
            _fail(exc)
        done = 0
        for chunk in _chunks(items, batch_size):
            raws = [
                build_signed(
                    chain_id, build(scan, _key_of(key, scan)), keys, now_us=time.time_ns() // 1000
                )
                for _, scan in chunk
            ]
            try:
                results = stub.SubmitScans(
                    _pb().SubmitScansRequest(transactions=raws), timeout=timeout
                ).results
            except grpc.RpcError as exc:
                _fail(exc)
            for (line, _), result in zip(chunk, results, strict=True):
                out: dict[str, Any] = {"line": line, "code": result.code}
                if result.code != "OK":
                    refused += 1
                    out.update(reason=result.reason, message=result.message)
                if result.HasField("entry_index"):
                    out["entry_index"] = result.entry_index
                if result.HasField("pack"):
                    out["status"] = _pb().PackStatus.Name(result.pack.status)
                    out["owner"] = result.pack.owner
                if result.alert_ids:
                    out["alert_ids"] = list(result.alert_ids)
                _emit(out)
            done += len(chunk)
            _progress(done, len(items), started, verb)
    if refused:
        sys.exit(1)


def _scanned(scan: Any, key: bytes) -> Any:
    return _pb().ScannedPack(
        pack_key=key, gtin=scan.gtin, batch=scan.batch, expiry=scan.expiry_yymmdd
    )


@_scan_command("verify")
def verify(
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
    organisation: str,
    site: str,
    product_key: Path,
    batch_size: int,
    scans: str,
) -> None:
    """Verify each pack read from SCANS: prints its status (and any alert raised)."""

    def build(scan: Any, key: bytes) -> Any:
        return _pb().VerifyPack(organisation=organisation, site_gln=site, pack=_scanned(scan, key))

    _submit_scans(server, key_paths, timeout, batch_size, product_key, scans, build, "verified")


@_scan_command("decommission")
@click.option(
    "--reason", type=click.Choice(_REASONS), default="supplied", show_default=True, help="Why."
)
def decommission(
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
    organisation: str,
    site: str,
    product_key: Path,
    batch_size: int,
    scans: str,
    reason: str,
) -> None:
    """Decommission each pack read from SCANS (once; a second time raises an alert)."""
    value = _REASONS.index(reason) + 1

    def build(scan: Any, key: bytes) -> Any:
        return _pb().DecommissionPack(
            organisation=organisation, site_gln=site, pack=_scanned(scan, key), reason=value
        )

    _submit_scans(
        server, key_paths, timeout, batch_size, product_key, scans, build, "decommissioned"
    )


@_scan_command("undo")
@click.option(
    "--not-supplied",
    is_flag=True,
    help="Attest that the packs were not supplied to the public (required to undo).",
)
def undo(
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
    organisation: str,
    site: str,
    product_key: Path,
    batch_size: int,
    scans: str,
    not_supplied: bool,
) -> None:
    """Undo the decommissioning of each pack read from SCANS (same premises, within the undo
    window, not expired, recalled, stolen or destroyed)."""

    def build(scan: Any, key: bytes) -> Any:
        return _pb().UndoDecommission(
            organisation=organisation,
            site_gln=site,
            pack=_scanned(scan, key),
            not_supplied_to_public=not_supplied,
        )

    _submit_scans(server, key_paths, timeout, batch_size, product_key, scans, build, "undone")


# ----- trading -----


@pharma.command()
@_tx_options
@click.option("--organisation", required=True, help="DID of the shipping organisation.")
@click.option("--receiver", required=True, help="DID of the receiving organisation.")
@click.option("--product-key", type=FILE_PATH, required=True, help="The product key file.")
@click.option(
    "--ti",
    type=FILE_PATH,
    required=True,
    help="Transaction information and statement: stored in the vault, granted to the receiver.",
)
@click.argument("scans", default="-")
def ship(
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
    organisation: str,
    receiver: str,
    product_key: Path,
    ti: Path,
    scans: str,
) -> None:
    """Ship the packs read from SCANS to RECEIVER; prints the shipment id to receive."""
    from tabularium.vault.v1 import vault_pb2
    from tabularium.vault_client import put_document

    key = _secret(product_key, "--product-key")
    units = [_key_of(key, scan) for _, scan in _scans(scans)]
    content = ti.read_bytes()
    with grpc.insecure_channel(server) as channel:
        try:
            stored = put_document(
                channel,
                _chain_id(channel, timeout),
                _load_keys(key_paths),
                [content],
                owner=organisation,
                media_type="application/octet-stream",
                timeout=timeout,
            )
        except grpc.RpcError as exc:
            _fail(exc)
    document = bytes(stored.response.document_id)
    expires = int(time.time()) + 90 * 86_400
    from google.protobuf.timestamp_pb2 import Timestamp

    grant = transact(
        server,
        key_paths,
        vault_pb2.GrantAccess(
            owner=organisation,
            document_id=document,
            grantee=receiver,
            permissions=[vault_pb2.PERMISSION_READ],
            expires_at=Timestamp(seconds=expires),
            purpose="transaction information and statement",
        ),
        timeout,
    )
    shipment = secrets.token_bytes(16)
    digest = hashlib.sha256(content).digest()
    receipt = transact(
        server,
        key_paths,
        _pb().Ship(
            organisation=organisation,
            receiver=receiver,
            shipment_id=shipment,
            unit_keys=b"".join(units),
            ti_document=document,
            ti_sha256=digest,
            ti_grant=_grant_id(grant),
        ),
        timeout,
    )
    _emit(
        {
            **_receipt_fields(receipt),
            "shipment": shipment.hex(),
            "packs": len(units),
            "ti_sha256": digest.hex(),
            "ti_document": document.hex(),
        }
    )


@pharma.command()
@_tx_options
@click.option("--organisation", required=True, help="DID of the receiving organisation.")
@click.option("--site", required=True, help="GLN of the receiving premises.")
@click.option("--shipment", required=True, help="Shipment id (hex), as `ship` printed.")
@click.option(
    "--ti",
    type=FILE_PATH,
    required=True,
    help="The transaction information received (read from the vault); its hash is confirmed.",
)
def receive(
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
    organisation: str,
    site: str,
    shipment: str,
    ti: Path,
) -> None:
    """Receive a shipment: ownership passes to ORGANISATION."""
    receipt = transact(
        server,
        key_paths,
        _pb().Receive(
            organisation=organisation,
            shipment_id=_hex(shipment, "--shipment", 16),
            ti_sha256=hashlib.sha256(ti.read_bytes()).digest(),
            site_gln=site,
        ),
        timeout,
    )
    _emit(_receipt_fields(receipt))


# ----- EPCIS -----


@pharma.command()
@_tx_options
@click.option("--organisation", required=True, help="DID of the capturing organisation.")
@click.option(
    "--product-key",
    "product_keys",
    multiple=True,
    required=True,
    help="GTIN=FILE: the product key for that GTIN's packs; repeat per product.",
)
@click.option("--case-secret", type=FILE_PATH, help="Secret for case (SSCC) keys.")
@click.argument("document", type=FILE_PATH)
def capture(
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
    organisation: str,
    product_keys: tuple[str, ...],
    case_secret: Path | None,
    document: Path,
) -> None:
    """Capture an EPCIS 2.0 JSON-LD DOCUMENT: it goes to the vault; the log gets each event's
    CBV 2.0 hash and the pack keys of its identifiers."""
    from tabularium import epcis, pharma_epcis
    from tabularium.errors import DomainError
    from tabularium.pharma.v1 import pharma_pb2_grpc
    from tabularium.txbuild import build_signed
    from tabularium.vault_client import put_document

    ring: dict[str, bytes] = {}
    for item in product_keys:
        gtin, sep, path = item.partition("=")
        if not sep:
            raise click.BadParameter("want GTIN=FILE", param_hint="--product-key")
        ring[gtin] = _secret(Path(path), "--product-key")
    raw = document.read_bytes()
    keys = _load_keys(key_paths)
    try:
        parsed = epcis.validate_document(raw)
        secret = _secret(case_secret, "--case-secret") if case_secret else b""
        keyring = pharma_epcis.KeyRing(ring, secret)
        pharma_epcis.capture_action(parsed, organisation, bytes(16), keyring)  # check keys first
    except DomainError as exc:
        click.echo(f"{exc.reason}: {exc.message}", err=True)
        sys.exit(2)
    with grpc.insecure_channel(server) as channel:
        try:
            chain_id = _chain_id(channel, timeout)
            stored = put_document(
                channel,
                chain_id,
                keys,
                [raw],
                owner=organisation,
                media_type="application/ld+json",
                timeout=timeout,
            )
            document_id = bytes(stored.response.document_id)
            action = pharma_epcis.capture_action(parsed, organisation, document_id, keyring)
            tx = build_signed(chain_id, action, keys, now_us=time.time_ns() // 1000)
            response = pharma_pb2_grpc.PharmaServiceStub(channel).CaptureEpcis(
                _pb().CaptureEpcisRequest(transaction=tx, document=raw), timeout=timeout
            )
        except grpc.RpcError as exc:
            _fail(exc)
    _emit(
        {
            **_receipt_fields(response.receipt),
            "document": document_id.hex(),
            "event_hashes": list(response.event_hashes),
        }
    )


@pharma.command()
@_server_option
@click.option("--key", "key_path", required=True, type=KEY_PATH, help="The reader's key.")
@click.option(
    "--document",
    "documents",
    multiple=True,
    required=True,
    help="DOCUMENT_HEX:GRANT_HEX: a captured vault document and the grant to export it.",
)
@click.option("--event", "events", multiple=True, help="Event hash to export; default all.")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Default stdout.")
@click.option("--timeout", default=60.0, help="Deadline, seconds.")
def export(
    server: str,
    key_path: Path,
    documents: tuple[str, ...],
    events: tuple[str, ...],
    out: Path | None,
    timeout: float,
) -> None:
    """Export captured events as one EPCIS 2.0 document (each vault read is logged)."""
    from tabularium.keys import load_private_key
    from tabularium.vault_client import access_transaction

    key = load_private_key(key_path)
    with grpc.insecure_channel(server) as channel:
        try:
            chain_id = _chain_id(channel, timeout)
        except grpc.RpcError as exc:
            _fail(exc)
    accesses = []
    for item in documents:
        document, sep, grant = item.partition(":")
        if not sep:
            raise click.BadParameter("want DOCUMENT_HEX:GRANT_HEX", param_hint="--document")
        accesses.append(
            access_transaction(
                chain_id,
                key,
                _hex(document, "--document", 16),
                purpose="EPCIS export",
                grant_id=_hex(grant, "--document", 16),
                permission="export",
            )
        )
    request = _pb().ExportEpcisRequest(access_transactions=accesses, event_hashes=list(events))
    response = _read(server, key_path, "ExportEpcis", request, timeout)
    if out is None:
        sys.stdout.buffer.write(response.document + b"\n")
    else:
        out.write_bytes(response.document)
        _emit(
            {"out": str(out), "access_entries": [r.entry_index for r in response.access_receipts]}
        )


# ----- recalls, traces, alerts -----


@pharma.command()
@_tx_options
@click.option("--holder", required=True, help="DID of the marketing authorisation holder.")
@click.option("--gtin", required=True)
@click.option("--batch", required=True)
@click.option("--reason", required=True, help="Reason code, e.g. QUALITY_DEFECT.")
@click.option("--withdrawal", is_flag=True, help="A withdrawal rather than a recall.")
def recall(
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
    holder: str,
    gtin: str,
    batch: str,
    reason: str,
    withdrawal: bool,
) -> None:
    """Recall (or withdraw) a batch; sign with the holder's key and an inspector's (--key
    twice)."""
    pb = _pb()
    kind = pb.RECALL_KIND_WITHDRAWAL if withdrawal else pb.RECALL_KIND_RECALL
    receipt = transact(
        server,
        key_paths,
        pb.RecallBatch(holder=holder, gtin=gtin, batch=batch, kind=kind, reason=reason),
        timeout,
    )
    _emit(_receipt_fields(receipt))


@pharma.command()
@_server_option
@click.option("--key", "key_path", required=True, type=KEY_PATH, help="The reader's key.")
@click.option("--gtin", required=True)
@click.option("--batch", required=True)
@click.option("--timeout", default=120.0, help="Deadline per page, seconds.")
def trace(server: str, key_path: Path, gtin: str, batch: str, timeout: float) -> None:
    """Every pack of a batch: status, owner, case, shipments; then its source batches."""
    after = b""
    started, done = time.monotonic(), 0
    while True:
        page = _read(
            server,
            key_path,
            "TraceBatch",
            _pb().TraceBatchRequest(gtin=gtin, batch=batch, after=after),
            timeout,
        )
        for item in page.packs:
            _emit(_to_json(item))
        done += len(page.packs)
        _progress(done, None, started, "traced")
        if not page.next_after:
            break
        after = page.next_after
    _emit(
        {
            "height": page.height,
            "batch_status": _pb().PackStatus.Name(page.batch_status),
            "source_batches": list(page.source_batches),
        }
    )


@pharma.command()
@_server_option
@click.option("--key", "key_path", required=True, type=KEY_PATH, help="The reader's key.")
@click.option("--open", "open_only", is_flag=True, help="Only alerts without a finding.")
@click.option("--follow", is_flag=True, help="Keep printing new alerts as blocks commit.")
@click.option("--from-id", default=0, help="Alerts with id >= this.")
@click.option("--timeout", default=30.0, help="Deadline, seconds (ignored with --follow).")
def alerts(
    server: str, key_path: Path, open_only: bool, follow: bool, from_id: int, timeout: float
) -> None:
    """Falsification and clone alerts the caller may see (authority: all; holder: its
    products'; a partner: those its scans raised)."""
    from tabularium import rpcauth
    from tabularium.keys import load_private_key
    from tabularium.pharma.v1 import pharma_pb2_grpc

    if not follow:
        response = _read(
            server,
            key_path,
            "ListAlerts",
            _pb().ListAlertsRequest(from_id=from_id, open_only=open_only),
            timeout,
        )
        for alert in response.alerts:
            _emit(_to_json(alert))
        return
    request = _pb().StreamAlertsRequest(from_id=from_id)
    metadata = rpcauth.sign_request(
        load_private_key(key_path), SERVICE + "StreamAlerts", request.SerializeToString()
    )
    with grpc.insecure_channel(server) as channel:
        try:
            for message in pharma_pb2_grpc.PharmaServiceStub(channel).StreamAlerts(
                request, metadata=tuple(metadata)
            ):
                if not (open_only and message.alert.closed):
                    _emit(_to_json(message.alert))
        except grpc.RpcError as exc:
            _fail(exc)
