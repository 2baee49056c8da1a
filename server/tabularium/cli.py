"""The ``tabularium`` command line. Every option also reads a TABULARIUM_* environment variable."""

from __future__ import annotations

import asyncio
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

import click
import grpc
from google.protobuf import json_format

from tabularium.config import DEFAULT_LISTEN as DEFAULT_SERVER
from tabularium.errors import DomainError, TabulariumError

CONTEXT = {
    "auto_envvar_prefix": "TABULARIUM",
    "help_option_names": ["-h", "--help"],
    "show_default": True,
}


@click.group(context_settings=CONTEXT)
@click.option(
    "--log-level",
    default="info",
    type=click.Choice(["debug", "info", "warning", "error"]),
    help="Log level.",
)
@click.option("--json-logs/--text-logs", default=True, help="Log as JSON lines on stderr.")
@click.version_option(package_name="tabularium")
def main(log_level: str, json_logs: bool) -> None:
    """Tabularium: a verifiable ledger for public institutions.

    Run `tabularium init` once, then `tabularium serve`. Options can also be set through
    environment variables named TABULARIUM_<COMMAND>_<OPTION>, e.g. TABULARIUM_SERVE_LISTEN.
    """
    from tabularium import logs

    logs.configure(log_level, json_logs)


data_dir_option = click.option(
    "--data-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("data"),
    help="Folder holding keys, genesis.json and the LMDB store.",
)


@main.command()
@data_dir_option
@click.option("--chain-id", default="", help="Chain id (default: tabularium-<random hex>).")
@click.option("--key-name", default="", help="Checkpoint key name (default: <chain id>-node).")
@click.option("--max-window-seconds", default=3600, help="Longest allowed transaction window.")
@click.option(
    "--authority",
    "authorities",
    multiple=True,
    metavar="NAME:HEXKEY:ROLE[,ROLE]",
    help="Extra founding official, owned by the root organisation (the admin key), and its "
    "roles there (repeatable).",
)
def init(
    data_dir: Path,
    chain_id: str,
    key_name: str,
    max_window_seconds: int,
    authorities: tuple[str, ...],
) -> None:
    """Create a new chain: node and admin keys, genesis.json and block 0."""
    import os

    from tabularium.api.registry import default_policies
    from tabularium.chain.genesis import Authority, Genesis
    from tabularium.chain.ledger import initialize_node
    from tabularium.config import ServerConfig
    from tabularium.keys import generate_key_file, public_bytes

    config = ServerConfig(data_dir=data_dir)
    if config.genesis_path.exists():
        raise click.ClickException(
            f"{config.genesis_path} exists: {data_dir} already holds a chain"
        )
    chain_id = chain_id or f"tabularium-{os.urandom(4).hex()}"
    extra = []
    for spec in authorities:
        try:
            name, key_hex, roles = spec.split(":")
            extra.append(Authority(name, bytes.fromhex(key_hex), tuple(roles.split(","))))
        except ValueError as exc:
            raise click.BadParameter(f"{spec!r} is not NAME:HEXKEY:ROLE[,ROLE]") from exc
    node_key = generate_key_file(config.node_key_path)
    admin_key = generate_key_file(config.admin_key_path)
    genesis = Genesis(
        chain_id=chain_id,
        genesis_time_us=time.time_ns() // 1000,
        checkpoint_key_name=key_name or f"{chain_id}-node",
        checkpoint_public_key=public_bytes(node_key),
        authorities=(Authority("admin", public_bytes(admin_key), ("admin",)), *extra),
        policies=default_policies(),
        max_window_seconds=max_window_seconds,
    )
    try:
        genesis.validate()
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    initialize_node(config.store_dir, config.genesis_path, genesis, node_key)
    _print_json(
        {
            "chain_id": chain_id,
            "data_dir": str(data_dir),
            "admin_public_key": public_bytes(admin_key).hex(),
            "checkpoint_public_key": genesis.checkpoint_public_key.hex(),
        }
    )


@main.command()
@data_dir_option
@click.option(
    "--listen", default=DEFAULT_SERVER, help="gRPC address (host:port; port 0 picks one)."
)
@click.option(
    "--metrics-listen", default="", help="Prometheus metrics address, e.g. 127.0.0.1:9464."
)
@click.option("--max-tx-bytes", default=64 * 1024, help="Largest transaction accepted.")
@click.option("--max-message-bytes", default=16 * 1024 * 1024, help="Largest gRPC message.")
@click.option(
    "--max-block-txs", default=5000, help="Most transactions in one block (one durable commit)."
)
@click.option(
    "--max-block-bytes",
    default=32 * 1024 * 1024,
    help="Most transaction bytes in one block (a larger single transaction still gets one).",
)
@click.option(
    "--block-delay-ms",
    default=0.0,
    help="When the block writer is idle, wait this long for more transactions before closing "
    "a block. 0: close at once; while one block commits the next fills by itself.",
)
@click.option(
    "--map-size-gib",
    default=64.0,
    help="Maximum LMDB size in GiB (sparse file; may be fractional).",
)
@click.option(
    "--auth-max-skew-seconds",
    default=300.0,
    help="Signed requests must be this close to the node's clock (and nonces are remembered "
    "this long).",
)
@click.option(
    "--tls-cert",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Serve TLS with this PEM certificate chain (needs --tls-key).",
)
@click.option(
    "--tls-key",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="PEM private key of --tls-cert.",
)
@click.option(
    "--tls-client-ca",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="Require client certificates signed by this PEM CA (mutual TLS).",
)
@click.option(
    "--vault-key-wrapper",
    default="file",
    show_default=True,
    help="What wraps vault document keys: file (DATA_DIR/keys/vault-master.key, created on "
    "first start), file:PATH, or MODULE:FACTORY returning a KeyWrapper (HSM/KMS hook).",
)
@click.option(
    "--consensus",
    type=click.Choice(["none", "cometbft"]),
    default="none",
    help="none: this node alone makes the blocks (embedded). cometbft: the agencies' validators "
    "order them; runs `cometbft start` beside this process (see `tabularium network`).",
)
@click.option(
    "--cometbft",
    "cometbft_binary",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path(".tools/cometbft-v0.38.25/cometbft"),
    help="The CometBFT v0.38.25 binary (`make cometbft` builds it there).",
)
@click.option(
    "--commit-wait-seconds",
    default=30.0,
    help="With --consensus cometbft: how long a submission waits for its block to commit "
    "here before DEADLINE_EXCEEDED (resending the same bytes is then safe).",
)
def serve(
    data_dir: Path,
    listen: str,
    metrics_listen: str,
    max_tx_bytes: int,
    max_message_bytes: int,
    max_block_txs: int,
    max_block_bytes: int,
    block_delay_ms: float,
    map_size_gib: float,
    auth_max_skew_seconds: float,
    tls_cert: Path | None,
    tls_key: Path | None,
    tls_client_ca: Path | None,
    vault_key_wrapper: str,
    consensus: str,
    cometbft_binary: Path,
    commit_wait_seconds: float,
) -> None:
    """Serve the gRPC API until SIGTERM (which finishes the block in flight)."""
    from tabularium.api.server import serve as run
    from tabularium.config import ServerConfig

    config = ServerConfig(
        data_dir=data_dir,
        listen=listen,
        metrics_listen=metrics_listen,
        max_tx_bytes=max_tx_bytes,
        max_message_bytes=max_message_bytes,
        max_block_txs=max_block_txs,
        max_block_bytes=max_block_bytes,
        block_delay_ms=block_delay_ms,
        map_size_gib=map_size_gib,
        auth_max_skew_seconds=auth_max_skew_seconds,
        tls_cert=tls_cert,
        tls_key=tls_key,
        tls_client_ca=tls_client_ca,
        vault_key_wrapper=vault_key_wrapper,
    )
    if (tls_cert is None) != (tls_key is None):
        raise click.UsageError("--tls-cert and --tls-key go together")
    if tls_client_ca is not None and tls_cert is None:
        raise click.UsageError("--tls-client-ca needs --tls-cert and --tls-key")
    if not config.genesis_path.exists():
        raise click.ClickException(
            f"no chain in {data_dir}: run `tabularium init --data-dir {data_dir}` (or "
            "`tabularium network join` for an agency of a network)"
        )
    replicated = bool(json.loads(config.genesis_path.read_bytes()).get("agencies"))
    if consensus == "none":
        if replicated:
            raise click.ClickException(
                f"{data_dir} is an agency's node of a network: serve it with --consensus cometbft"
            )
        asyncio.run(run(config))
        return
    if not replicated:
        raise click.ClickException(
            f"{data_dir} holds an embedded chain (no agencies in its genesis): serve it without "
            "--consensus, or set up an agency's node with `tabularium network join`"
        )
    from tabularium.consensus.network import NetworkConfigError, NetworkGenesisError
    from tabularium.consensus.node import NodeFailed, serve_replicated

    try:
        code = asyncio.run(serve_replicated(config, cometbft_binary, commit_wait_seconds))
    except (NodeFailed, NetworkConfigError, NetworkGenesisError) as exc:
        raise click.ClickException(str(exc)) from exc
    sys.exit(code)


@main.command()
@data_dir_option
@click.option("--no-prepare", is_flag=True,
              help="Replay without the domains' per-block prepare hooks (e.g. ballots' proofs "
              "checked in one parallel batch): every check runs transaction by transaction, "
              "slower, and the state digests must still match.")  # fmt: skip
def verify(data_dir: Path, no_prepare: bool) -> None:
    """Recompute everything stored; exit 1 naming the first bad entry or block."""
    from tabularium.api.registry import build_actions
    from tabularium.chain.verify import verify_store
    from tabularium.config import ServerConfig
    from tabularium.storage import Store

    config = ServerConfig(data_dir=data_dir)
    if not config.store_dir.exists():
        raise click.ClickException(f"no store in {data_dir}")
    store = Store(config.store_dir)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 1 or done == total:
            last[0] = now
            click.echo(f"verified {done}/{total} entries", err=True)

    proofs = None
    try:
        report = verify_store(store, build_actions(), progress, prepare=not no_prepare)
        from tabularium.consensus.lightproof import verify_stored_proofs

        proofs = verify_stored_proofs(store)
    except TabulariumError as exc:
        click.echo(f"FAILED: {exc}", err=True)
        sys.exit(1)
    finally:
        store.close()
    out: dict[str, Any] = {
        "ok": True,
        "height": report.height,
        "tree_size": report.tree_size,
        "root": report.root.hex(),
        "state_digest": report.state_digest.hex(),
    }
    if proofs is not None:
        out["consensus_proofs"] = proofs
    _print_json(out)


@main.group()
def keys() -> None:
    """Ed25519 key files (PEM PKCS#8)."""


@keys.command("generate")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False))
def keys_generate(path: Path) -> None:
    """Write a new private key to PATH (mode 0600) and print its public key."""
    from tabularium.keys import generate_key_file, public_bytes

    try:
        key = generate_key_file(path)
    except FileExistsError as exc:
        raise click.ClickException(f"{path} exists; not overwriting a key") from exc
    _print_json({"path": str(path), "public_key": public_bytes(key).hex()})


@keys.command("show")
@click.argument("path", type=click.Path(path_type=Path, dir_okay=False, exists=True))
def keys_show(path: Path) -> None:
    """Print the public key of a private key file."""
    from tabularium.keys import load_private_key, public_bytes

    _print_json({"path": str(path), "public_key": public_bytes(load_private_key(path)).hex()})


@main.group()
def tx() -> None:
    """Build, sign and submit transactions."""


@tx.command("notarize")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@click.option("--server", default=DEFAULT_SERVER, help="Node address host:port.")
@click.option(
    "--key",
    "key_path",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Signing key (PEM PKCS#8 Ed25519).",
)
@click.option(
    "--out-dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Also write each receipt to OUT_DIR/<file name>.receipt.json.",
)
@click.option("--timeout", default=30.0, help="Deadline per call, seconds.")
def tx_notarize(
    files: tuple[Path, ...], server: str, key_path: Path, out_dir: Path | None, timeout: float
) -> None:
    """Hash FILES, register each digest, print one JSON receipt per file (JSON lines)."""
    from tabularium.documents.v1 import documents_pb2
    from tabularium.keys import load_private_key
    from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
    from tabularium.txbuild import build_signed

    key = load_private_key(key_path)
    failed = False
    with grpc.insecure_channel(server) as channel:
        stub = ledger_pb2_grpc.LedgerServiceStub(channel)
        info = _call(stub.GetLogInfo, ledger_pb2.GetLogInfoRequest(), timeout)
        with click.progressbar(
            files, label="notarizing", file=sys.stderr, hidden=len(files) < 10
        ) as bar:
            for path in bar:
                digest = _sha256_file(path)
                raw = build_signed(
                    info.chain_id,
                    documents_pb2.RegisterDocument(sha256=digest, title=path.name[:200]),
                    [key],
                    now_us=time.time_ns() // 1000,
                )
                try:
                    response = stub.SubmitTransaction(
                        ledger_pb2.SubmitTransactionRequest(transaction=raw), timeout=timeout
                    )
                except grpc.RpcError as exc:
                    failed = True
                    click.echo(
                        json.dumps(
                            {"file": str(path), "sha256": digest.hex(), "error": _describe(exc)}
                        )
                    )
                    continue
                receipt = json_format.MessageToDict(response.receipt)
                if out_dir is not None:
                    out_dir.mkdir(parents=True, exist_ok=True)
                    (out_dir / f"{path.name}.receipt.json").write_text(
                        json.dumps(receipt, indent=2)
                    )
                click.echo(
                    json.dumps({"file": str(path), "sha256": digest.hex(), "receipt": receipt})
                )
    if failed:
        sys.exit(1)


@main.group()
def receipt() -> None:
    """Receipts: proof that a transaction is in the log."""


@receipt.command("verify")
@click.argument("receipt_file", type=click.File("r"))
@click.option(
    "--log-key",
    default=None,
    help="Pinned checkpoint verifier key (name+hash+base64) or a file holding it.",
)
@click.option("--origin", default=None, help="Expected checkpoint origin.")
@click.option(
    "--validators",
    "network_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    default=None,
    help="A replicated network's file (from `network genesis`): also check the receipt's "
    "consensus proof against its validators. --log-key is then optional.",
)
def receipt_verify(
    receipt_file: Any, log_key: str | None, origin: str | None, network_file: Path | None
) -> None:
    """Verify a receipt offline: leaf hash, inclusion proof, checkpoint signature, and with
    --validators the network's signature on the block (app hash in CometBFT's next header,
    header hash, each precommit signature, over 2/3 of the voting power).

    RECEIPT_FILE holds a Receipt as JSON, or a line printed by `tx notarize` ("-" for stdin).
    """
    from tabularium.chain.checkpoint import NoteVerifier
    from tabularium.chain.receipt import verify_receipt
    from tabularium.ledger.v1 import ledger_pb2

    if log_key is None and network_file is None:
        raise click.UsageError("give --log-key, --validators, or both")
    key_text = None
    if log_key is not None:
        key_text = Path(log_key).read_text() if Path(log_key).is_file() else log_key
    try:
        doc = json.loads(receipt_file.read())
        if "receipt" in doc:
            doc = doc["receipt"]
        message = json_format.ParseDict(doc, ledger_pb2.Receipt())
        verifier = NoteVerifier.parse(key_text) if key_text is not None else None
    except (ValueError, json_format.ParseError) as exc:
        raise click.ClickException(f"not a receipt: {exc}") from exc
    except TabulariumError as exc:
        raise click.ClickException(f"--log-key: {exc}") from exc
    consensus: dict[str, Any] | None = None
    try:
        if network_file is None:
            assert verifier is not None
            checkpoint = verify_receipt(message, verifier, origin=origin)
        else:
            from tabularium.consensus.lightproof import verify_network_receipt
            from tabularium.consensus.network import NetworkFile, NetworkGenesisError

            try:
                genesis = NetworkFile.decode(network_file.read_bytes()).genesis
            except NetworkGenesisError as exc:
                raise click.ClickException(f"--validators: {exc}") from exc
            checkpoint = verify_network_receipt(message, genesis, verifier)
            header = message.consensus_proof.signed_header.header
            consensus = {"height": header.height, "app_hash": header.app_hash.hex()}
    except TabulariumError as exc:
        click.echo(json.dumps({"valid": False, "error": str(exc)}))
        sys.exit(1)
    out: dict[str, Any] = {
        "valid": True,
        "tx_hash": message.tx_hash.hex(),
        "entry_index": message.entry_index,
        "tree_size": checkpoint.size,
        "root": checkpoint.root.hex(),
        "origin": checkpoint.origin,
    }
    if consensus is not None:
        out["consensus_header"] = consensus
    _print_json(out)


@main.command()
@click.option("--server", default=DEFAULT_SERVER, help="Node address host:port.")
@click.option("--timeout", default=10.0, help="Deadline, seconds.")
def status(server: str, timeout: float) -> None:
    """Print the node's chain id, log key, height and tree size."""
    from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc

    with grpc.insecure_channel(server) as channel:
        info = _call(
            ledger_pb2_grpc.LedgerServiceStub(channel).GetLogInfo,
            ledger_pb2.GetLogInfoRequest(),
            timeout,
        )
    _print_json(json_format.MessageToDict(info, always_print_fields_with_no_presence=True))


def _call(method: Any, request: Any, timeout: float) -> Any:
    try:
        return method(request, timeout=timeout)
    except grpc.RpcError as exc:
        raise click.ClickException(f"server call failed: {_describe(exc)}") from exc


def _describe(exc: grpc.RpcError) -> str:
    return f"{exc.code().name}: {exc.details()}"


def _sha256_file(path: Path) -> bytes:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.digest()


def _print_json(value: object) -> None:
    click.echo(json.dumps(value, indent=2))


def _register_groups() -> None:
    from tabularium.cli_credential import credential
    from tabularium.cli_election import election
    from tabularium.cli_identity import identity
    from tabularium.cli_land import land
    from tabularium.cli_network import network
    from tabularium.cli_pharma import pharma
    from tabularium.cli_procurement import committee, procurement
    from tabularium.cli_tax import tax
    from tabularium.cli_vault import doc

    main.add_command(credential)
    main.add_command(identity)
    main.add_command(doc)
    main.add_command(land)
    main.add_command(tax)
    main.add_command(pharma)
    main.add_command(network)
    main.add_command(procurement)
    main.add_command(committee)
    main.add_command(election)


_register_groups()
