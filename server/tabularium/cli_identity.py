"""`tabularium identity ...`: manage identities, keys, roles and policies from the shell."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click
import grpc
from google.protobuf import json_format
from google.protobuf.message import Message

from tabularium.config import DEFAULT_LISTEN as DEFAULT_SERVER

KINDS = ("agency", "official", "company", "citizen")


def _options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--server, --key (repeatable: every key signs) and --timeout."""
    func = click.option("--timeout", default=30.0, help="Deadline per call, seconds.")(func)
    func = click.option(
        "--key",
        "key_paths",
        multiple=True,
        required=True,
        type=click.Path(path_type=Path, dir_okay=False, exists=True),
        help="Signing key (PEM PKCS#8 Ed25519); repeat for co-signers of a threshold policy.",
    )(func)
    return click.option("--server", default=DEFAULT_SERVER, help="Node address host:port.")(func)


def _submit(server: str, key_paths: Sequence[Path], action: Message, timeout: float) -> None:
    """Sign ``action`` with every key, submit it, print the outcome; exit 1 if refused (one
    JSON line with the ErrorInfo reason, as every `tabularium` transaction command)."""
    from tabularium.cli_vault import transact

    receipt = transact(server, key_paths, action, timeout)
    click.echo(
        json.dumps(
            {
                "tx_hash": receipt.tx_hash.hex(),
                "entry_index": receipt.entry_index,
                "block_height": receipt.block_height,
            }
        )
    )


@click.group()
def identity() -> None:
    """Identities, keys, roles and policies (transactions and queries)."""


@identity.command("register")
@click.option("--kind", type=click.Choice(KINDS), required=True)
@click.option(
    "--new-key",
    "new_key_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Private key of the new identity (proves possession; its did:key becomes the DID).",
)
@click.option("--owner", default="", help="DID of the owning agency (required for officials).")
@click.option("--name", default="", help="Public display name (not for citizens).")
@click.option("--attributes-commitment", default="", help="32-byte salted commitment, hex.")
@_options
def register(
    kind: str,
    new_key_path: Path,
    owner: str,
    name: str,
    attributes_commitment: str,
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
) -> None:
    """Register a new identity; prints its DID and the receipt."""
    from tabularium.crypto.didkey import did_key
    from tabularium.identity.v1 import identity_pb2
    from tabularium.keys import load_private_key, public_bytes
    from tabularium.txbuild import key_possession

    new_key = load_private_key(new_key_path)
    did = did_key(public_bytes(new_key))
    click.echo(json.dumps({"did": did}))
    try:
        commitment = bytes.fromhex(attributes_commitment)
    except ValueError as exc:
        raise click.BadParameter("not hex", param_hint="--attributes-commitment") from exc
    action = identity_pb2.RegisterIdentity(
        kind=identity_pb2.IdentityKind.Value("IDENTITY_KIND_" + kind.upper()),
        keys=[key_possession(new_key, did)],
        owner=owner,
        display_name=name,
        attributes_commitment=commitment,
    )
    _submit(server, key_paths, action, timeout)


def _role_command(grant: bool) -> Callable[..., None]:
    def command(
        subject: str,
        organization: str,
        role: str,
        server: str,
        key_paths: tuple[Path, ...],
        timeout: float,
    ) -> None:
        from tabularium.identity.v1 import identity_pb2

        cls = identity_pb2.GrantRole if grant else identity_pb2.WithdrawRole
        _submit(
            server,
            key_paths,
            cls(subject=subject, organization=organization, role=role),
            timeout,
        )

    command.__doc__ = (
        "Grant ROLE in ORGANIZATION to SUBJECT." if grant else "Withdraw ROLE in ORGANIZATION."
    )
    return command


for _name, _grant in (("grant-role", True), ("withdraw-role", False)):
    identity.command(_name)(
        click.argument("subject")(
            click.argument("organization")(click.argument("role")(_options(_role_command(_grant))))
        )
    )


@identity.command("rotate-key")
@click.argument("did")
@click.option("--old-public-key", required=True, help="Key to retire, hex.")
@click.option(
    "--new-key",
    "new_key_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Private key to bring in (proves possession).",
)
@_options
def rotate_key(
    did: str,
    old_public_key: str,
    new_key_path: Path,
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
) -> None:
    """Replace a key of DID by a new one (the old one is refused from the next block)."""
    from tabularium.identity.v1 import identity_pb2
    from tabularium.keys import load_private_key
    from tabularium.txbuild import key_possession

    action = identity_pb2.RotateKey(
        did=did,
        old_public_key=bytes.fromhex(old_public_key),
        new_key=key_possession(load_private_key(new_key_path), did),
    )
    _submit(server, key_paths, action, timeout)


@identity.command("revoke-key")
@click.argument("did")
@click.argument("public_key")
@click.option("--reason", default="", help="Why, for the record.")
@_options
def revoke_key(
    did: str,
    public_key: str,
    reason: str,
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
) -> None:
    """Revoke PUBLIC_KEY (hex) of DID."""
    from tabularium.identity.v1 import identity_pb2

    action = identity_pb2.RevokeKey(did=did, public_key=bytes.fromhex(public_key), reason=reason)
    _submit(server, key_paths, action, timeout)


@identity.command("set-policy")
@click.argument("action_type_url")
@click.option("--organization", default="", help="Organisation DID; empty: the default.")
@click.option("--role", "roles", multiple=True, required=True, help="Allowed role (repeatable).")
@click.option("--threshold", default=1, help="Distinct signing identities needed.")
@_options
def set_policy(
    action_type_url: str,
    organization: str,
    roles: tuple[str, ...],
    threshold: int,
    server: str,
    key_paths: tuple[Path, ...],
    timeout: float,
) -> None:
    """Set who may submit ACTION_TYPE_URL (itself governed by the SetPolicy policy)."""
    from tabularium.identity.v1 import identity_pb2

    action = identity_pb2.SetPolicy(
        action_type_url=action_type_url,
        organization=organization,
        roles=list(roles),
        threshold=threshold,
    )
    _submit(server, key_paths, action, timeout)


@identity.command("resolve")
@click.argument("did")
@click.option("--at-height", default=0, help="Resolve as of this block (0: latest).")
@click.option("--history", is_flag=True, help="Print every change instead.")
@click.option(
    "--key",
    "key_path",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Sign the request with this key (needed for citizens' private records).",
)
@click.option("--server", default=DEFAULT_SERVER, help="Node address host:port.")
@click.option("--timeout", default=30.0, help="Deadline, seconds.")
def resolve(
    did: str, at_height: int, history: bool, key_path: Path | None, server: str, timeout: float
) -> None:
    """Print an identity (keys, roles, status) as JSON."""
    from tabularium import rpcauth
    from tabularium.identity.v1 import identity_pb2, identity_pb2_grpc
    from tabularium.keys import load_private_key

    service = "/tabularium.identity.v1.IdentityService/"
    request: Message
    if history:
        method, request = "GetIdentityHistory", identity_pb2.GetIdentityHistoryRequest(did=did)
    else:
        method = "ResolveIdentity"
        request = identity_pb2.ResolveIdentityRequest(did=did, at_height=at_height)
    metadata = None
    if key_path is not None:
        metadata = rpcauth.sign_request(
            load_private_key(key_path), service + method, request.SerializeToString()
        )
    with grpc.insecure_channel(server) as channel:
        stub = identity_pb2_grpc.IdentityServiceStub(channel)
        try:
            response = getattr(stub, method)(request, metadata=metadata, timeout=timeout)
        except grpc.RpcError as exc:
            raise click.ClickException(f"{exc.code().name}: {exc.details()}") from exc
    click.echo(json.dumps(json_format.MessageToDict(response), indent=2))
