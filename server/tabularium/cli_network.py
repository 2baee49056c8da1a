"""``tabularium network``: set up agencies' nodes of a replicated (CometBFT) network."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import click

from tabularium.consensus.network import NetworkConfigError, NetworkGenesisError

DEFAULT_TIMEOUT_COMMIT = "1s"


def _fail(exc: Exception) -> click.ClickException:
    return click.ClickException(str(exc))


@click.group()
def network() -> None:
    """Agencies' nodes replicated by CometBFT: keygen, genesis, join (or init, all locally).

    Each agency runs `network keygen` and publishes what it prints; one of them runs `network
    genesis` over all those cards and sends the network file to every agency; each runs `network
    join` with it, then `serve --consensus cometbft`. Private keys never leave their agency.
    """


@network.command("keygen")
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="The agency's node folder (created).",
)
@click.option("--name", required=True, help="Agency name: 1-64 of a-z, 0-9 and '-'.")
@click.option(
    "--p2p-address", required=True, help="host:port other agencies' nodes dial (CometBFT P2P)."
)
def keygen(data_dir: Path, name: str, p2p_address: str) -> None:
    """Make an agency's keys (checkpoint, admin, validator, P2P); print their public parts."""
    from tabularium.consensus.network import keygen as make_keys

    try:
        card = make_keys(data_dir, name, p2p_address)
    except (NetworkGenesisError, FileExistsError) as exc:
        raise _fail(exc) from exc
    click.echo(json.dumps(card.to_json(), indent=2))


@network.command("genesis")
@click.argument("cards", nargs=-1, required=True, type=click.File("r"))
@click.option("--chain-id", required=True, help="The network's chain id (at most 50 characters).")
@click.option("--max-window-seconds", default=3600, help="Longest allowed transaction window.")
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the network file here (default: standard output).",
)
def genesis(
    cards: tuple[Any, ...],
    chain_id: str,
    max_window_seconds: int,
    out: Path | None,
) -> None:
    """Assemble the network file (genesis and peers) from the agencies' keygen CARDS."""
    from tabularium.api.registry import default_policies
    from tabularium.consensus.network import AgencyCard, assemble

    try:
        parsed = [AgencyCard.from_json(json.load(card)) for card in cards]
        result = assemble(
            chain_id,
            parsed,
            genesis_time_us=time.time_ns() // 1000,
            policies=default_policies(),
            max_window_seconds=max_window_seconds,
        )
    except (NetworkGenesisError, ValueError) as exc:
        raise _fail(exc) from exc
    if out is None:
        click.echo(result.encode().decode(), nl=False)
    else:
        out.write_bytes(result.encode())


_timeout_commit_option = click.option(
    "--timeout-commit",
    default=DEFAULT_TIMEOUT_COMMIT,
    help="CometBFT's pause after each block, e.g. 1s or 200ms.",
)
_max_tx_bytes_option = click.option(
    "--max-tx-bytes", default=64 * 1024, help="Largest transaction accepted."
)


@network.command("join")
@click.argument("network_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--data-dir",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="The agency's node folder, holding its keys from `network keygen`.",
)
@click.option("--rpc-port", default=26657, help="CometBFT's RPC port (on 127.0.0.1 only).")
@click.option(
    "--local/--no-local",
    default=False,
    help="Every agency on this host (allows duplicate IPs, relaxes the address book).",
)
@_timeout_commit_option
@_max_tx_bytes_option
def join(
    network_file: Path,
    data_dir: Path,
    rpc_port: int,
    local: bool,
    max_tx_bytes: int,
    timeout_commit: str,
) -> None:
    """Set up this agency's node from NETWORK_FILE: genesis, block 0, CometBFT's files."""
    from tabularium.consensus.network import NetworkFile
    from tabularium.consensus.network import join as join_network

    try:
        agency = join_network(
            data_dir,
            NetworkFile.decode(network_file.read_bytes()),
            rpc_port=rpc_port,
            max_tx_bytes=max_tx_bytes,
            timeout_commit=timeout_commit,
            local=local,
        )
    except (NetworkGenesisError, NetworkConfigError, FileExistsError, OSError) as exc:
        raise _fail(exc) from exc
    click.echo(json.dumps({"agency": agency.name, "data_dir": str(data_dir)}))


@network.command("init")
@click.option(
    "--dir",
    "root",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("network"),
    help="Folder for the agencies' node folders (agency-1, ...) and network.json.",
)
@click.option("--agencies", default=4, help="How many agencies (validators).")
@click.option("--chain-id", default="", help="Chain id (default: tabularium-net-<random hex>).")
@click.option(
    "--base-port",
    default=26600,
    help="Agency i (from 0) uses P2P base+10i, CometBFT RPC base+10i+1 and gRPC base+10i+2.",
)
@_timeout_commit_option
@_max_tx_bytes_option
def init(
    root: Path, agencies: int, chain_id: str, base_port: int, max_tx_bytes: int, timeout_commit: str
) -> None:
    """Keygen, genesis and join for AGENCIES local agencies (tests, demos, make run-network)."""
    import os

    from tabularium.api.registry import default_policies
    from tabularium.consensus.network import assemble
    from tabularium.consensus.network import join as join_network
    from tabularium.consensus.network import keygen as make_keys

    if agencies < 1:
        raise click.BadParameter("at least one agency", param_hint="--agencies")
    if (root / "network.json").exists():
        raise click.ClickException(f"{root}/network.json exists: a network is already there")
    chain_id = chain_id or f"tabularium-net-{os.urandom(4).hex()}"
    nodes = []
    try:
        cards = []
        for i in range(agencies):
            port = base_port + 10 * i
            data_dir = root / f"agency-{i + 1}"
            cards.append(make_keys(data_dir, f"agency-{i + 1}", f"127.0.0.1:{port}"))
            nodes.append(
                {
                    "agency": f"agency-{i + 1}",
                    "data_dir": str(data_dir),
                    "p2p": f"127.0.0.1:{port}",
                    "rpc": f"127.0.0.1:{port + 1}",
                    "grpc": f"127.0.0.1:{port + 2}",
                }
            )
        result = assemble(
            chain_id, cards, genesis_time_us=time.time_ns() // 1000, policies=default_policies()
        )
        (root / "network.json").write_bytes(result.encode())
        for i, node in enumerate(nodes):
            join_network(
                Path(node["data_dir"]),
                result,
                rpc_port=base_port + 10 * i + 1,
                max_tx_bytes=max_tx_bytes,
                timeout_commit=timeout_commit,
                local=True,
            )
    except (NetworkGenesisError, NetworkConfigError, FileExistsError) as exc:
        raise _fail(exc) from exc
    click.echo(json.dumps({"chain_id": chain_id, "nodes": nodes}, indent=2))
