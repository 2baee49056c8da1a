"""`tabularium credential ...`: verify credentials and presentations offline, present
credentials to a verifier, and use a node's credential services.

Verdicts print as JSON with the overall ``status``, each check's outcome (``checks``), the
``reasons`` and what was ``skipped``; the command exits 0 only for ``VALID`` and 1 otherwise
(2 for a usage error).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import grpc
from google.protobuf import json_format

from tabularium.config import DEFAULT_LISTEN as DEFAULT_SERVER
from tabularium.errors import DomainError

if TYPE_CHECKING:  # the CLI imports the VC modules lazily
    from tabularium.vc.did import Resolver
    from tabularium.vc.verifier import TrustedIssuer


def _print_json(value: object) -> None:
    click.echo(json.dumps(value, indent=2))


def _read_json(handle: Any) -> dict[str, Any]:
    from tabularium.vc.model import parse_credential_json

    try:
        return parse_credential_json(handle.read())
    except DomainError as exc:
        raise click.ClickException(f"{handle.name}: {exc.message}") from exc


def _offline_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options that pin what an offline verifier may rely on (nothing is fetched)."""
    options = [
        click.option(
            "--did-document",
            "did_documents",
            multiple=True,
            type=click.File("rb"),
            help="A pinned DID document (JSON, e.g. a did:web's did.json) to resolve "
            "verification methods of its DID (repeatable).",
        ),
        click.option(
            "--bind",
            "bindings",
            multiple=True,
            metavar="PARTY=DID",
            help="Pin that PARTY (an issuer or holder id, e.g. https://vc.example/issuers/5678) "
            "is controlled by DID, or by one verification method DID#KEY (repeatable).",
        ),
        click.option(
            "--status-list",
            "status_lists",
            multiple=True,
            type=click.File("rb"),
            help="A BitstringStatusListCredential (JSON) to check status against (repeatable); "
            "get it with CredentialsService.GetStatusList.",
        ),
        click.option(
            "--status-list-issuer",
            "status_list_issuers",
            multiple=True,
            metavar="DID",
            help="Also accept status lists issued by this DID (the ledger node's did:key, which "
            "signs the lists it serves). Repeatable.",
        ),
        click.option(
            "--trust",
            "trust",
            multiple=True,
            metavar="ISSUER=TYPE[,TYPE]",
            help="Trust ISSUER for these credential types (repeatable). Without --trust, issuer "
            "trust is not checked (and the output says so).",
        ),
        click.option(
            "--at",
            "at",
            default="",
            metavar="DATETIME",
            help="Check validity at this ISO 8601 time instead of now.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


class _Offline:
    """What the offline options resolve to."""

    def __init__(
        self,
        did_documents: Sequence[Any],
        bindings: Sequence[str],
        status_lists: Sequence[Any],
        status_list_issuers: Sequence[str],
        trust: Sequence[str],
        at: str,
    ) -> None:
        from tabularium.vc.did import Resolver

        pinned: dict[str, str] = {}
        for spec in bindings:
            party, sep, did = spec.partition("=")
            if not sep or not party or not did.startswith("did:"):
                raise click.BadParameter(f"{spec!r} is not PARTY=DID", param_hint="--bind")
            pinned[party] = did
        documents = [_read_json(handle) for handle in did_documents]
        try:
            self.resolver: Resolver = Resolver.pinned(documents, pinned)
        except DomainError as exc:
            raise click.BadParameter(exc.message, param_hint="--did-document") from exc
        trusted_types: dict[str, set[str]] = {}
        for spec in trust:
            issuer, sep, types = spec.partition("=")
            if not sep or not issuer or not types:
                raise click.BadParameter(
                    f"{spec!r} is not ISSUER=TYPE[,TYPE]", param_hint="--trust"
                )
            trusted_types.setdefault(issuer, set()).update(t for t in types.split(",") if t)
        self.trusted: TrustedIssuer | None = (
            (lambda i, ts: set(ts) - {"VerifiableCredential"} <= trusted_types.get(i, set()))
            if trusted_types
            else None
        )
        self.status_lists: dict[str, Any] = {}
        for handle in status_lists:
            document = _read_json(handle)
            self.status_lists[str(document.get("id", ""))] = document
        extra = set(status_list_issuers)
        self.status_list_issuers = lambda issuer, list_issuer: (
            list_issuer == issuer or list_issuer in extra
        )
        try:
            now = datetime.fromisoformat(at) if at else datetime.now(UTC)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--at") from exc
        self.now = now if now.tzinfo is not None else now.replace(tzinfo=UTC)

    def verify_credential(self, document: Any) -> Any:
        from tabularium.vc.verifier import verify_credential

        return verify_credential(
            document,
            now=self.now,
            trusted=self.trusted,
            status_lists=self.status_lists or None,
            status_list_issuers=self.status_list_issuers,
            resolver=self.resolver,
        )


@click.group()
def credential() -> None:
    """Verifiable credentials and presentations (W3C VC 2.0, Data Integrity EdDSA)."""


@credential.command("verify")
@click.argument("credential_file", type=click.File("rb"))
@_offline_options
def credential_verify(credential_file: Any, **options: Any) -> None:
    """Verify a W3C credential offline: its eddsa-jcs-2022 or eddsa-rdfc-2022 proof, that the
    issuer controls the signing key, validity, status and trust.

    Prints the verdict as JSON: status VALID, EXPIRED, NOT_YET_VALID, REVOKED, SUSPENDED,
    INVALID_PROOF (the signature is wrong), ISSUER_NOT_BOUND (the proof may be right, but
    nothing pinned says the issuer controls the key: use --bind or --did-document),
    UNTRUSTED_ISSUER or MALFORMED, with each check's outcome, reasons and the checks skipped.
    Exits 0 only for VALID.
    """
    from tabularium.vc.model import parse_credential_json
    from tabularium.vc.verifier import VerdictStatus

    offline = _Offline(**options)
    try:
        document = parse_credential_json(credential_file.read())
    except DomainError as exc:
        _print_json({"status": VerdictStatus.MALFORMED.value, "reasons": [exc.message]})
        sys.exit(1)
    verdict = offline.verify_credential(document)
    _print_json(verdict.as_json())
    if not verdict.ok:
        sys.exit(1)


@credential.command("present")
@click.argument("credential_files", nargs=-1, required=True, type=click.File("rb"))
@click.option(
    "--key",
    "key_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="The holder's signing key (PEM PKCS#8 Ed25519).",
)
@click.option("--challenge", required=True, help="The verifier's challenge (its nonce).")
@click.option(
    "--domain", required=True, help="The verifier's identity (its DID, or the domain it gave)."
)
@click.option(
    "--holder",
    default="",
    metavar="DID",
    help="The holder (default: the key's did:key, which is the ledger DID of its identity).",
)
@click.option(
    "--verification-method",
    default="",
    metavar="DID#KEY",
    help="The proof's verification method (default: the key's did:key method).",
)
@click.option(
    "--cryptosuite",
    type=click.Choice(["eddsa-jcs-2022", "eddsa-rdfc-2022"]),
    default="eddsa-jcs-2022",
    show_default=True,
)
@click.option(
    "--out", type=click.File("w"), default="-", help="Where to write the presentation (stdout)."
)
def credential_present(
    credential_files: Sequence[Any],
    key_path: Path,
    challenge: str,
    domain: str,
    holder: str,
    verification_method: str,
    cryptosuite: str,
    out: Any,
) -> None:
    """Present credentials to one verifier: a VC 2.0 presentation signed by the holder's key,
    bound to the verifier's challenge and domain. Prints the presentation (JSON)."""
    from tabularium.crypto.didkey import did_key
    from tabularium.keys import load_private_key
    from tabularium.vc.presentation import present

    key = load_private_key(key_path)
    credentials = [_read_json(handle) for handle in credential_files]
    try:
        presentation = present(
            credentials,
            key,
            holder=holder or did_key(key.public_key().public_bytes_raw()),
            challenge=challenge,
            domain=domain,
            created=datetime.now(UTC).replace(microsecond=0),
            verification_method=verification_method or None,
            cryptosuite=cryptosuite,
        )
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    out.write(json.dumps(presentation, indent=2) + "\n")


@credential.command("verify-presentation")
@click.argument("presentation_file", type=click.File("rb"))
@click.option("--challenge", required=True, help="The challenge you gave the holder.")
@click.option(
    "--domain",
    default="",
    help="Your identity as the holder was told it (offline: required; with --server: default "
    "your DID).",
)
@_offline_options
@click.option(
    "--server",
    default="",
    metavar="HOST:PORT",
    help="Verify on this node instead (VerifyPresentation: ledger registration, accreditation, "
    "status, challenge replay; the query is recorded). Needs --key.",
)
@click.option(
    "--key",
    "key_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="With --server: the verifier's key, which signs the request.",
)
@click.option("--timeout", default=30.0, help="With --server: deadline, seconds.")
def credential_verify_presentation(
    presentation_file: Any,
    challenge: str,
    domain: str,
    server: str,
    key_path: Path | None,
    timeout: float,
    **options: Any,
) -> None:
    """Verify a presentation made for you: the holder's proof and key, your challenge and
    domain, that the holder is each credential's subject, and every credential.

    Statuses beyond the credential ones: HOLDER_NOT_BOUND, DOMAIN_MISMATCH (made for someone
    else), CHALLENGE_MISMATCH, CHALLENGE_REPLAYED (with --server: the challenge was already
    used), HOLDER_NOT_SUBJECT. Exits 0 only for VALID.
    """
    raw = presentation_file.read()
    if server:
        if key_path is None:
            raise click.BadParameter(
                "--server needs --key (requests are signed)", param_hint="--key"
            )
        response = _verify_on_node(server, key_path, raw, challenge, domain, timeout)
        _print_json(json_format.MessageToDict(response, preserving_proto_field_name=True))
        from tabularium.credentials.v1 import credentials_pb2

        if response.status != credentials_pb2.VERIFICATION_STATUS_VALID:
            sys.exit(1)
        return
    if not domain:
        raise click.BadParameter("offline verification needs --domain", param_hint="--domain")
    from tabularium.vc.model import parse_credential_json
    from tabularium.vc.presentation import verify_presentation
    from tabularium.vc.verifier import VerdictStatus

    offline = _Offline(**options)
    try:
        document = parse_credential_json(raw)
    except DomainError as exc:
        _print_json({"status": VerdictStatus.MALFORMED.value, "reasons": [exc.message]})
        sys.exit(1)
    verdict = verify_presentation(
        document,
        challenge=challenge,
        domain=domain,
        now=offline.now,
        resolver=offline.resolver,
        verify_one=offline.verify_credential,
    )
    _print_json(verdict.as_json())
    if not verdict.ok:
        sys.exit(1)


def _signed_call(server: str, key_path: Path, method: str, request: Any, timeout: float) -> Any:
    from tabularium import rpcauth
    from tabularium.credentials.v1 import credentials_pb2_grpc
    from tabularium.keys import load_private_key

    path = f"/tabularium.credentials.v1.CredentialsService/{method}"
    metadata = rpcauth.sign_request(load_private_key(key_path), path, request.SerializeToString())
    with grpc.insecure_channel(server) as channel:
        stub = credentials_pb2_grpc.CredentialsServiceStub(channel)
        try:
            return getattr(stub, method)(request, metadata=metadata, timeout=timeout)
        except grpc.RpcError as exc:
            raise click.ClickException(f"{exc.code().name}: {exc.details()}") from exc


def _verify_on_node(
    server: str, key_path: Path, raw: bytes, challenge: str, domain: str, timeout: float
) -> Any:
    from tabularium.credentials.v1 import credentials_pb2

    request = credentials_pb2.VerifyPresentationRequest(
        presentation_json=raw, challenge=challenge, domain=domain
    )
    return _signed_call(server, key_path, "VerifyPresentation", request, timeout)


@credential.command("queries")
@click.option(
    "--key",
    "key_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Your key: the subject's (the request is signed).",
)
@click.option("--server", default=DEFAULT_SERVER, help="Node address host:port.")
@click.option("--timeout", default=30.0, help="Deadline, seconds.")
def credential_queries(key_path: Path, server: str, timeout: float) -> None:
    """List who verified your credentials or presentations on this node, newest first."""
    from tabularium.credentials.v1 import credentials_pb2

    response = _signed_call(
        server, key_path, "ListStatusQueries", credentials_pb2.ListStatusQueriesRequest(), timeout
    )
    _print_json(json_format.MessageToDict(response, preserving_proto_field_name=True))


@credential.command("register-did-document")
@click.argument("document_file", type=click.File("rb"))
@click.option("--issuer", required=True, metavar="DID", help="The accredited issuer's ledger DID.")
@click.option(
    "--key",
    "key_paths",
    multiple=True,
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Signing key of the issuer (or its admin/issuer role holders); repeatable.",
)
@click.option("--server", default=DEFAULT_SERVER, help="Node address host:port.")
@click.option("--timeout", default=30.0, help="Deadline, seconds.")
def credential_register_did_document(
    document_file: Any, issuer: str, key_paths: Sequence[Path], server: str, timeout: float
) -> None:
    """Publish the issuer's DID document (e.g. its did:web did.json) on the ledger, so that
    verifiers on this ledger bind credentials signed with its keys to that DID."""
    from tabularium.cli_identity import _submit
    from tabularium.credentials.v1 import credentials_pb2

    action = credentials_pb2.RegisterDidDocument(issuer=issuer, document_json=document_file.read())
    _submit(server, key_paths, action, timeout)
