"""`tabularium doc ...`: the document vault from the shell.

Each command prints JSON lines on stdout; progress bars go to stderr. A refused call prints
``{"error": "CODE: details", "reason": REASON, ...}`` and exits with status 1.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mimetypes
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click
import grpc
from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

from tabularium.config import DEFAULT_LISTEN as DEFAULT_SERVER

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from tabularium.ledger.v1 import ledger_pb2
    from tabularium.vault.v1 import vault_pb2

PERMISSION_NAMES = ("read", "annotate", "share", "export")
FINDINGS = ("justified", "unjustified")
KEY_PATH = click.Path(path_type=Path, dir_okay=False, exists=True)
FILE_PATH = click.Path(path_type=Path, dir_okay=False, exists=True)
_DURATION = re.compile(r"^(\d+)([smhdw])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400}

# ----- shared helpers -----


def _fail(exc: grpc.RpcError) -> NoReturn:
    """Print a refused call as one JSON line (with the ErrorInfo reason) and exit 1."""
    from google.rpc import error_details_pb2
    from grpc_status import rpc_status

    code = exc.code().name if isinstance(exc, grpc.Call) else "UNKNOWN"
    details = exc.details() if isinstance(exc, grpc.Call) else str(exc)
    out: dict[str, Any] = {"error": f"{code}: {details}", "reason": ""}
    status = rpc_status.from_call(exc) if isinstance(exc, grpc.Call) else None
    details_list: list[Any] = list(status.details) if status is not None else []
    for detail in details_list:
        if detail.Is(error_details_pb2.ErrorInfo.DESCRIPTOR):
            info = error_details_pb2.ErrorInfo()
            detail.Unpack(info)
            out["reason"] = info.reason
            if info.metadata:
                out["metadata"] = dict(info.metadata)
            break
    click.echo(json.dumps(out))
    sys.exit(1)


def _refuse(reason: str, details: str) -> NoReturn:
    """A check made here failed: print it like a refused call and exit 1."""
    click.echo(json.dumps({"error": f"DATA_LOSS: {details}", "reason": reason}))
    sys.exit(1)


def _emit(record: dict[str, Any]) -> None:
    click.echo(json.dumps(record))


def _to_json(message: Message) -> dict[str, Any]:
    """A message as a JSON-ready dict (proto field names; bytes as hex, not base64)."""
    out: dict[str, Any] = json_format.MessageToDict(message, preserving_proto_field_name=True)
    _hexify(message, out)
    return out


def _hexify(message: Message, out: dict[str, Any]) -> None:
    for field, value in message.ListFields():
        repeated = field.is_repeated
        if field.type == FieldDescriptor.TYPE_BYTES:
            out[field.name] = [v.hex() for v in value] if repeated else value.hex()
        elif field.type == FieldDescriptor.TYPE_MESSAGE:
            rendered = out.get(field.name)
            if repeated and isinstance(rendered, list):
                for item, item_out in zip(value, rendered, strict=True):
                    if isinstance(item_out, dict):
                        _hexify(item, item_out)
            elif isinstance(rendered, dict):  # well-known types (Timestamp) render as strings
                _hexify(value, rendered)


def _hex(value: str, param: str, size: int | None = 16) -> bytes:
    """A hex option value as bytes, of ``size`` bytes (16: the size of every id) unless None."""
    try:
        raw = bytes.fromhex(value)
    except ValueError as exc:
        raise click.BadParameter("not hex", param_hint=param) from exc
    if size is not None and len(raw) != size:
        raise click.BadParameter(f"must be {size} bytes ({2 * size} hex digits)", param_hint=param)
    return raw


def _when_us(value: str, param: str) -> int:
    """Microseconds since the epoch of an ISO 8601 time (UTC if no offset) or of now plus a
    duration such as 30m, 2h, 7d, 4w."""
    match = _DURATION.match(value.strip())
    if match:
        seconds = int(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        return time.time_ns() // 1000 + seconds * 1_000_000
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(
            "expected ISO 8601 (2030-01-31T12:00:00Z) or a duration (30m, 2h, 7d, 4w)",
            param_hint=param,
        ) from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1_000_000)


def _iso(us: int) -> str:
    return datetime.fromtimestamp(us / 1_000_000, UTC).isoformat().replace("+00:00", "Z")


def _load_keys(key_paths: Sequence[Path]) -> list[Ed25519PrivateKey]:
    from tabularium.keys import load_private_key

    return [load_private_key(path) for path in key_paths]


def _chain_id(channel: grpc.Channel, timeout: float) -> str:
    from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc

    info = ledger_pb2_grpc.LedgerServiceStub(channel).GetLogInfo(
        ledger_pb2.GetLogInfoRequest(), timeout=timeout
    )
    return str(info.chain_id)


def transact(
    server: str, key_paths: Sequence[Path], action: Message, timeout: float
) -> ledger_pb2.Receipt:
    """Sign ``action`` with every key and submit it; its receipt, or exit 1 if refused (also
    used by `tabularium identity`)."""
    from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
    from tabularium.txbuild import build_signed

    keys = _load_keys(key_paths)
    with grpc.insecure_channel(server) as channel:
        stub = ledger_pb2_grpc.LedgerServiceStub(channel)
        try:
            raw = build_signed(
                _chain_id(channel, timeout), action, keys, now_us=time.time_ns() // 1000
            )
            response = stub.SubmitTransaction(
                ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=timeout
            )
        except grpc.RpcError as exc:
            _fail(exc)
    receipt: ledger_pb2.Receipt = response.receipt
    return receipt


def _receipt_fields(receipt: ledger_pb2.Receipt) -> dict[str, Any]:
    return {
        "entry_index": receipt.entry_index,
        "tx_hash": receipt.tx_hash.hex(),
        "block_height": receipt.block_height,
    }


def _grant_id(receipt: ledger_pb2.Receipt) -> bytes:
    """Grant ids are the first 16 bytes of the SHA-256 of the granting transaction."""
    return hashlib.sha256(receipt.transaction).digest()[:16]


def _permissions(names: Sequence[str]) -> list[vault_pb2.Permission.ValueType]:
    from tabularium.vault_client import PERMISSIONS

    return [PERMISSIONS[name] for name in dict.fromkeys(names)]


def _server_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--server", default=DEFAULT_SERVER, help="Node address host:port.")(func)


def _timeout_option(default: float, text: str) -> Callable[..., Any]:
    return click.option("--timeout", default=default, help=text)


def _tx_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--server, --key (repeatable: every key signs) and --timeout, for transactions."""
    func = _timeout_option(30.0, "Deadline per call, seconds.")(func)
    func = click.option(
        "--key",
        "key_paths",
        multiple=True,
        required=True,
        type=KEY_PATH,
        help="Signing key (PEM PKCS#8 Ed25519); repeat for co-signers of a threshold policy.",
    )(func)
    return _server_option(func)


def _single_key_option(text: str) -> Callable[..., Any]:
    return click.option("--key", "key_path", required=True, type=KEY_PATH, help=text)


def _target(document: str, folder: str, required: bool) -> tuple[bytes, str]:
    if document and folder:
        raise click.UsageError("give --document or --folder, not both")
    if required and not (document or folder):
        raise click.UsageError("give --document HEX or --folder PATH")
    return (_hex(document, "--document", 16) if document else b""), folder


def _progress(length: int, label: str) -> Any:
    return click.progressbar(length=length, label=label, file=sys.stderr, width=30)


# ----- the group -----


@click.group()
def doc() -> None:
    """Document vault: encrypted documents, grants, logged reads, erasure.

    Document contents are encrypted by the node and kept off the log; the log holds a salted
    commitment, every grant, share, revocation, read (before any byte is returned), break-glass
    review and erasure. Document and grant ids are 16 bytes, written in hex. Free text given
    here (folder, purpose, justification, note, legal basis) is on the public log: never put
    personal data in it.
    """


@doc.command("put")
@click.argument("file", type=FILE_PATH)
@click.option("--owner", required=True, help="DID of the owning agency or company.")
@click.option(
    "--media-type",
    default="",
    show_default=False,
    help="IANA media type; default: guessed from the file name, else application/octet-stream.",
)
@click.option(
    "--folder",
    default="",
    show_default=False,
    help='New documents only: folder path, e.g. "hr/personnel".',
)
@click.option(
    "--subject",
    "subjects",
    multiple=True,
    help="New documents only: DID of a data subject, who may list every access (repeatable).",
)
@click.option(
    "--retain-until",
    default="",
    show_default=False,
    help="New documents only: end of retention (ISO 8601, UTC if no offset, or a duration "
    "from now such as 365d); afterwards reads are refused and the keys destroyed.",
)
@click.option(
    "--document-id",
    default="",
    show_default=False,
    help="For a new version: the document id (hex).",
)
@click.option(
    "--previous-version",
    default=0,
    help="For a new version: number of the latest version (must still be the latest).",
)
@click.option(
    "--key",
    "key_paths",
    multiple=True,
    required=True,
    type=KEY_PATH,
    help="Signing key of the owner or its records officer; repeat for co-signers.",
)
@_server_option
@_timeout_option(3600.0, "Deadline for the whole upload, seconds.")
def put(
    file: Path,
    owner: str,
    media_type: str,
    folder: str,
    subjects: tuple[str, ...],
    retain_until: str,
    document_id: str,
    previous_version: int,
    key_paths: tuple[Path, ...],
    server: str,
    timeout: float,
) -> None:
    """Store FILE (a new document, or a new version with --document-id) for --owner.

    The file is streamed in chunks, never loaded whole. The node encrypts it and logs a salted
    commitment. Prints document_id, version, the receipt, and the salt and sha256 (hex) that
    open the commitment: keep the salt to prove later that a copy is this version.
    """
    from tabularium import vault_client

    doc_id = _hex(document_id, "--document-id", 16) if document_id else b""
    if bool(doc_id) != bool(previous_version):
        raise click.UsageError("--document-id and --previous-version go together")
    retain_us = _when_us(retain_until, "--retain-until") if retain_until else 0
    media = media_type or mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    keys = _load_keys(key_paths)
    size = file.stat().st_size
    with grpc.insecure_channel(server) as channel:
        try:
            chain_id = _chain_id(channel, 30.0)
            with _progress(size, f"upload {file.name}") as bar:
                stored = vault_client.put_document(
                    channel,
                    chain_id,
                    keys,
                    vault_client.file_chunks(file),
                    owner=owner,
                    media_type=media,
                    document_id=doc_id,
                    previous_version=previous_version,
                    folder=folder,
                    subjects=subjects,
                    retain_until_us=retain_us,
                    timeout=timeout,
                    progress=bar.update,
                )
        except grpc.RpcError as exc:
            _fail(exc)
    response = stored.response
    _emit(
        {
            "document_id": response.document_id.hex(),
            "version": response.version,
            **_receipt_fields(response.receipt),
            "size": size,
            "media_type": media,
            "salt": stored.salt.hex(),
            "sha256": stored.sha256.hex(),
        }
    )


@doc.command("get")
@click.argument("document_id")
@click.option("--purpose", required=True, help="Why you read it (logged; no personal data).")
@click.option(
    "--grant", default="", show_default=False, help="Grant id (hex) that allows the read."
)
@click.option("--version", default=0, help="Version to read; 0: the latest.")
@click.option(
    "--export",
    is_flag=True,
    help="Export (needs the export permission): also returns the commitment's salt, so the "
    "copy can be verified by anyone with `doc verify`.",
)
@click.option(
    "--break-glass",
    "justification",
    default="",
    show_default=False,
    help="Emergency read without a grant: the justification (20-1024 bytes). Flagged on the "
    "log for review by the owner.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the content (written to a temporary file, renamed when complete).",
)
@_single_key_option("Your signing key (PEM PKCS#8 Ed25519): it signs the access event.")
@_server_option
@_timeout_option(3600.0, "Deadline for the whole download, seconds.")
def get(
    document_id: str,
    purpose: str,
    grant: str,
    version: int,
    export: bool,
    justification: str,
    output: Path,
    key_path: Path,
    server: str,
    timeout: float,
) -> None:
    """Read DOCUMENT_ID (hex) into --output.

    The node first commits an access event (who, document, version, grant, purpose) to the log
    and only then returns content; prints that event's receipt. With --export, the content is
    checked against the logged commitment before the file is put in place, and the salt is
    printed.
    """
    from tabularium import vault_client
    from tabularium.domains.vault.model import commitment

    doc_id = _hex(document_id, "DOCUMENT_ID", 16)
    grant_id = _hex(grant, "--grant", 16) if grant else b""
    if not grant_id and not justification:
        raise click.UsageError("give --grant, or --break-glass JUSTIFICATION for an emergency")
    key = _load_keys([key_path])[0]
    target = output.resolve()
    hasher = hashlib.sha256()
    with grpc.insecure_channel(server) as channel, _partial_file(target) as (sink, tmp_path):
        try:
            header, chunks = vault_client.read_document(
                channel,
                _chain_id(channel, 30.0),
                key,
                doc_id,
                purpose=purpose,
                grant_id=grant_id,
                version=version,
                export=export,
                justification=justification,
                timeout=timeout,
            )
            with _progress(header.version.size, f"download {target.name}") as bar:
                for chunk in chunks:
                    sink.write(chunk)
                    hasher.update(chunk)
                    bar.update(len(chunk))
        except grpc.RpcError as exc:
            _fail(exc)
        sink.flush()
        os.fsync(sink.fileno())
        written = sink.tell()
        if written != header.version.size:
            _refuse("SIZE_MISMATCH", f"got {written} bytes, expected {header.version.size}")
        if export and commitment(header.salt, hasher.digest()) != header.version.commitment:
            _refuse("CONTENT_MISMATCH", "the content does not open the logged commitment")
        sink.close()
        os.replace(tmp_path, target)
    receipt = header.access_receipt
    record: dict[str, Any] = {
        "document_id": doc_id.hex(),
        "version": header.version.version,
        "size": header.version.size,
        "media_type": header.version.media_type,
        "sha256": hasher.hexdigest(),
        "output": str(target),
        "access": _receipt_fields(receipt),
    }
    if export:
        record["salt"] = header.salt.hex()
    _emit(record)


@contextlib.contextmanager
def _partial_file(target: Path) -> Iterator[tuple[Any, str]]:
    """A temporary file next to ``target``; removed unless the caller renamed it into place."""
    fd, tmp_path = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as sink:
            yield sink, tmp_path
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_path)


@doc.command("grant")
@click.option("--owner", required=True, help="DID of the organisation that owns the documents.")
@click.option("--document", default="", show_default=False, help="One document id (hex).")
@click.option(
    "--folder",
    default="",
    show_default=False,
    help="Or a folder of the owner (and its subfolders).",
)
@click.option("--grantee", required=True, help="DID of the identity receiving access.")
@click.option(
    "--permission",
    "permissions",
    multiple=True,
    required=True,
    type=click.Choice(PERMISSION_NAMES),
    help="Allowed action (repeatable).",
)
@click.option(
    "--expires",
    required=True,
    help="Expiry: ISO 8601 (UTC if no offset) or a duration from now (30m, 2h, 7d, 4w).",
)
@click.option("--purpose", required=True, help="Why the grantee needs access (no personal data).")
@_tx_options
def grant(
    owner: str,
    document: str,
    folder: str,
    grantee: str,
    permissions: tuple[str, ...],
    expires: str,
    purpose: str,
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
) -> None:
    """Grant --grantee access to a document or folder of --owner until --expires.

    Signed by the owner (by default its admins or records officers). Prints the grant_id to
    give the grantee.
    """
    from tabularium.chain.tx import timestamp_us
    from tabularium.vault.v1 import vault_pb2

    doc_id, folder = _target(document, folder, required=True)
    expires_us = _when_us(expires, "--expires")
    action = vault_pb2.GrantAccess(
        owner=owner,
        document_id=doc_id,
        folder=folder,
        grantee=grantee,
        permissions=_permissions(permissions),
        expires_at=timestamp_us(expires_us),
        purpose=purpose,
    )
    receipt = transact(server, key_paths, action, timeout)
    _emit(
        {"grant_id": _grant_id(receipt).hex(), "expires_at": _iso(expires_us)}
        | _receipt_fields(receipt)
    )


@doc.command("share")
@click.argument("parent_grant")
@click.option("--grantee", required=True, help="DID of the identity receiving access.")
@click.option(
    "--permission",
    "permissions",
    multiple=True,
    required=True,
    type=click.Choice(PERMISSION_NAMES),
    help="Allowed action (repeatable); at most those of the parent grant.",
)
@click.option(
    "--expires",
    required=True,
    help="Expiry, no later than the parent's: ISO 8601 or a duration (30m, 2h, 7d).",
)
@click.option("--purpose", required=True, help="Why the grantee needs access (no personal data).")
@click.option("--document", default="", show_default=False, help="Narrow to one document (hex).")
@click.option(
    "--folder", default="", show_default=False, help="Narrow to a subfolder of the parent's folder."
)
@_tx_options
def share(
    parent_grant: str,
    grantee: str,
    permissions: tuple[str, ...],
    expires: str,
    purpose: str,
    document: str,
    folder: str,
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
) -> None:
    """Pass on part of PARENT_GRANT (hex), which you hold with the share permission.

    The new grant can never be wider or last longer than the parent; by default it has the
    parent's target. Signed by the parent grant's grantee. Prints the new grant_id.
    """
    from tabularium.chain.tx import timestamp_us
    from tabularium.vault.v1 import vault_pb2

    doc_id, folder = _target(document, folder, required=False)
    expires_us = _when_us(expires, "--expires")
    action = vault_pb2.ShareAccess(
        parent_grant_id=_hex(parent_grant, "PARENT_GRANT", 16),
        grantee=grantee,
        permissions=_permissions(permissions),
        expires_at=timestamp_us(expires_us),
        purpose=purpose,
        document_id=doc_id,
        folder=folder,
    )
    receipt = transact(server, key_paths, action, timeout)
    _emit(
        {"grant_id": _grant_id(receipt).hex(), "expires_at": _iso(expires_us)}
        | _receipt_fields(receipt)
    )


@doc.command("revoke")
@click.argument("grant_id")
@click.option("--reason", default="", show_default=False, help="Why (logged; no personal data).")
@_tx_options
def revoke(
    grant_id: str, reason: str, server: str, key_paths: tuple[Path, ...], timeout: float
) -> None:
    """Revoke GRANT_ID (hex) and every share derived from it, from the next block.

    Signed by whoever may grant for the owner, or by the identity that created the grant.
    """
    from tabularium.vault.v1 import vault_pb2

    action = vault_pb2.RevokeAccess(grant_id=_hex(grant_id, "GRANT_ID", 16), reason=reason)
    _emit(_receipt_fields(transact(server, key_paths, action, timeout)))


@doc.command("history")
@click.argument("document_id")
@_server_option
@_timeout_option(30.0, "Deadline, seconds.")
def history(document_id: str, server: str, timeout: float) -> None:
    """Print DOCUMENT_ID's record, its version chain and its erasure (if any) as JSON.

    Public: no key needed. Bytes are shown in hex.
    """
    from tabularium.vault.v1 import vault_pb2, vault_pb2_grpc

    request = vault_pb2.GetDocumentHistoryRequest(document_id=_hex(document_id, "DOCUMENT_ID", 16))
    with grpc.insecure_channel(server) as channel:
        try:
            response = vault_pb2_grpc.VaultServiceStub(channel).GetDocumentHistory(
                request, timeout=timeout
            )
        except grpc.RpcError as exc:
            _fail(exc)
    _emit(_to_json(response))


@doc.command("access-log")
@click.option(
    "--subject",
    default="",
    show_default=False,
    help="Events about documents naming this data subject.",
)
@click.option(
    "--document", default="", show_default=False, help="Or the events of one document (hex)."
)
@_single_key_option(
    "Signing key: the subject's own, or (for --document) a data subject's or an admin's or "
    "reviewer's of the owner."
)
@_server_option
@_timeout_option(30.0, "Deadline per call, seconds.")
def access_log(subject: str, document: str, key_path: Path, server: str, timeout: float) -> None:
    """List access events (who, when, which grant, why), oldest first, one JSON line each."""
    from tabularium import vault_client

    if bool(subject) == bool(document):
        raise click.UsageError("give exactly one of --subject and --document")
    doc_id = _hex(document, "--document", 16) if document else b""
    key = _load_keys([key_path])[0]
    with grpc.insecure_channel(server) as channel:
        try:
            events = vault_client.list_access_events(
                channel, key, subject=subject, document_id=doc_id, timeout=timeout
            )
        except grpc.RpcError as exc:
            _fail(exc)
    for event in events:
        _emit(_to_json(event))


@doc.command("break-glass-list")
@click.option("--owner", required=True, help="DID of the organisation.")
@click.option("--all", "include_reviewed", is_flag=True, help="Also those already reviewed.")
@_single_key_option("Signing key of the organisation, or of an admin or reviewer in it.")
@_server_option
@_timeout_option(30.0, "Deadline, seconds.")
def break_glass_list(
    owner: str, include_reviewed: bool, key_path: Path, server: str, timeout: float
) -> None:
    """List the break-glass reads of --owner still awaiting review, one JSON line each."""
    from tabularium import vault_client

    key = _load_keys([key_path])[0]
    with grpc.insecure_channel(server) as channel:
        try:
            events = vault_client.list_break_glass(
                channel, key, owner, include_reviewed=include_reviewed, timeout=timeout
            )
        except grpc.RpcError as exc:
            _fail(exc)
    for event in events:
        _emit(_to_json(event))


@doc.command("review")
@click.argument("entry_index", type=int)
@click.option("--owner", required=True, help="DID of the organisation owning the document.")
@click.option("--finding", required=True, type=click.Choice(FINDINGS))
@click.option(
    "--note", default="", show_default=False, help="Review note (logged; no personal data)."
)
@_tx_options
def review(
    entry_index: int,
    owner: str,
    finding: str,
    note: str,
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
) -> None:
    """Close the break-glass read at ENTRY_INDEX with a signed review.

    Signed by an admin or reviewer of the owner; nobody reviews their own break-glass read.
    """
    from tabularium.vault.v1 import vault_pb2

    action = vault_pb2.ReviewBreakGlass(
        owner=owner,
        access_entry_index=entry_index,
        finding=vault_pb2.BreakGlassFinding.Value("BREAK_GLASS_FINDING_" + finding.upper()),
        note=note,
    )
    _emit(_receipt_fields(transact(server, key_paths, action, timeout)))


@doc.command("erase")
@click.argument("document_id")
@click.option("--owner", required=True, help="DID of the organisation owning the document.")
@click.option("--legal-basis", required=True, help='E.g. "GDPR Art. 17(1)(a)".')
@click.option(
    "--request-file",
    type=FILE_PATH,
    default=None,
    help="The erasure request on file; only its SHA-256 is logged.",
)
@_tx_options
def erase(
    document_id: str,
    owner: str,
    legal_basis: str,
    request_file: Path | None,
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
) -> None:
    """Erase DOCUMENT_ID (every version) by destroying its keys and ciphertext.

    Signed by the owner (by default its admins or data protection officer). The log keeps the
    commitments and the erasure event, so the erasure stays verifiable.
    """
    from tabularium.vault.v1 import vault_pb2

    request_sha256 = b""
    if request_file is not None:
        hasher = hashlib.sha256()
        with request_file.open("rb") as source:
            while chunk := source.read(1 << 20):
                hasher.update(chunk)
        request_sha256 = hasher.digest()
    action = vault_pb2.EraseDocument(
        owner=owner,
        document_id=_hex(document_id, "DOCUMENT_ID", 16),
        legal_basis=legal_basis,
        request_sha256=request_sha256,
    )
    record = _receipt_fields(transact(server, key_paths, action, timeout))
    if request_sha256:
        record["request_sha256"] = request_sha256.hex()
    _emit(record)


@doc.command("expire")
@click.argument("document_id")
@_tx_options
def expire(document_id: str, server: str, key_paths: tuple[Path, ...], timeout: float) -> None:
    """Log that DOCUMENT_ID's retention period is over (any active identity may sign)."""
    from tabularium.vault.v1 import vault_pb2

    action = vault_pb2.ExpireDocument(document_id=_hex(document_id, "DOCUMENT_ID", 16))
    _emit(_receipt_fields(transact(server, key_paths, action, timeout)))


@doc.command("verify")
@click.argument("file", type=FILE_PATH)
@click.option("--document", required=True, help="Document id (hex).")
@click.option("--version", default=0, help="Version to check against; 0: the latest.")
@click.option("--salt", required=True, help="The commitment's salt (hex), from put or export.")
@_server_option
@_timeout_option(30.0, "Deadline, seconds.")
def verify(file: Path, document: str, version: int, salt: str, server: str, timeout: float) -> None:
    """Check that FILE is a copy of a logged document version; exit 1 if it is not.

    FILE is hashed here and never leaves this machine: only its SHA-256 and the salt are sent.
    Prints whether it matches, the version's log entry, and the erasure if the document has
    since been erased.
    """
    from tabularium.vault.v1 import vault_pb2, vault_pb2_grpc

    doc_id = _hex(document, "--document", 16)
    salt_bytes = _hex(salt, "--salt", 32)
    hasher = hashlib.sha256()
    with file.open("rb") as source, _progress(file.stat().st_size, f"hash {file.name}") as bar:
        while chunk := source.read(1 << 20):
            hasher.update(chunk)
            bar.update(len(chunk))
    request = vault_pb2.VerifyDocumentCopyRequest(
        document_id=doc_id, version=version, sha256=hasher.digest(), salt=salt_bytes
    )
    with grpc.insecure_channel(server) as channel:
        try:
            response = vault_pb2_grpc.VaultServiceStub(channel).VerifyDocumentCopy(
                request, timeout=timeout
            )
        except grpc.RpcError as exc:
            _fail(exc)
    record: dict[str, Any] = {
        "matches": response.matches,
        "document_id": doc_id.hex(),
        "version": response.version.version,
        "entry_index": response.version.entry_index,
        "tx_hash": response.receipt.tx_hash.hex(),
        "sha256": hasher.hexdigest(),
    }
    if response.HasField("erasure"):
        record["erasure"] = _to_json(response.erasure)
    _emit(record)
    if not response.matches:
        sys.exit(1)
