"""A replicated network's files: each agency's keys, the shared genesis, CometBFT's genesis and
``config.toml``, and the checks a node runs on them before it starts.

An agency's node lives in one data directory: our ``genesis.json``, ``keys/`` (checkpoint key
``node.key`` and the agency's admin key ``admin.key``), the ledger, the ABCI socket
``abci.sock``, and CometBFT's home ``cometbft/`` (its ``config/`` holds the validator key
``priv_validator_key.json``, the P2P key ``node_key.json``, ``genesis.json`` and
``config.toml``). Private keys never leave it: :func:`keygen` prints only public parts.

The three steps, each agency on its own machine:

1. ``tabularium network keygen`` makes the keys and prints an :class:`AgencyCard`.
2. ``tabularium network genesis`` assembles the cards into a network file: our genesis (the
   agencies, founding authorities, policies) and the peers' addresses. CometBFT's genesis is a
   pure function of ours (:func:`cometbft_genesis`), so there is one document to agree on.
3. ``tabularium network join`` writes that genesis, block 0 (signed with the agency's own
   checkpoint key), CometBFT's genesis and a ``config.toml``; then ``serve --consensus
   cometbft`` runs the node.

The root organisation of a network is the network itself, under a key nobody holds (SHA-256 of
a fixed label and the chain id: finding its private key means solving a discrete logarithm);
each agency's admin is an official of it with the ``admin`` role, so root-level policies need
agencies' officials and no single holder of a root key exists.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import os
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.chain.genesis import (
    AGENCY_NAME,
    DEFAULT_MAX_WINDOW_SECONDS,
    VALIDATOR_POWER,
    Agency,
    Authority,
    Genesis,
    Policy,
    validator_address,
)
from tabularium.consensus.v1 import abci_pb2 as abci

COMETBFT_VERSION = "0.38.25"
BLOCK_MAX_BYTES = 4 * 1024 * 1024
RPC_BATCH = 500  # JSON-RPC requests per batch CometBFT's RPC takes from this node
ROOT_KEY_LABEL = b"tabularium/network-root/v1\x00"
_PUB_TYPE = "tendermint/PubKeyEd25519"
_PRIV_TYPE = "tendermint/PrivKeyEd25519"


class NetworkGenesisError(ValueError):
    """A genesis, network file or validator set that does not describe this network."""


class NetworkConfigError(ValueError):
    """CometBFT's ``config.toml`` is unsafe or does not match this node."""


def cometbft_home(data_dir: Path) -> Path:
    return data_dir / "cometbft"


def abci_socket(data_dir: Path) -> Path:
    return data_dir / "abci.sock"


def node_id(public_key: bytes) -> str:
    """CometBFT's node ID (and, upper-cased, validator address) of an Ed25519 key."""
    return validator_address(public_key).hex()


# ----- keys ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgencyCard:
    """What an agency publishes for the genesis: public keys, node ID and P2P address."""

    name: str
    validator_public_key: bytes
    checkpoint_public_key: bytes
    admin_public_key: bytes
    node_id: str
    p2p_address: str  # host:port other agencies dial

    def to_json(self) -> dict[str, str]:
        return {
            "name": self.name,
            "validator_public_key": self.validator_public_key.hex(),
            "checkpoint_public_key": self.checkpoint_public_key.hex(),
            "admin_public_key": self.admin_public_key.hex(),
            "node_id": self.node_id,
            "p2p_address": self.p2p_address,
        }

    @classmethod
    def from_json(cls, doc: Mapping[str, Any]) -> AgencyCard:
        try:
            card = cls(
                name=str(doc["name"]),
                validator_public_key=bytes.fromhex(doc["validator_public_key"]),
                checkpoint_public_key=bytes.fromhex(doc["checkpoint_public_key"]),
                admin_public_key=bytes.fromhex(doc["admin_public_key"]),
                node_id=str(doc["node_id"]),
                p2p_address=str(doc["p2p_address"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise NetworkGenesisError(f"agency card is not valid: {exc!r}") from exc
        _check_agency(card.name, card.p2p_address)
        return card


def _check_agency(name: str, p2p_address: str) -> None:
    if not AGENCY_NAME.fullmatch(name):
        raise NetworkGenesisError(f"agency name {name!r}: use 1-64 of a-z, 0-9 and '-'")
    _host_port(p2p_address)


def _host_port(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise NetworkGenesisError(f"P2P address {address!r} is not host:port")
    return host, int(port)


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(text)


def _cometbft_private(key: Ed25519PrivateKey) -> dict[str, str]:
    raw = key.private_bytes_raw() + key.public_key().public_bytes_raw()  # Go's 64-byte form
    return {"type": _PRIV_TYPE, "value": base64.b64encode(raw).decode()}


def _cometbft_public(public_key: bytes) -> dict[str, str]:
    return {"type": _PUB_TYPE, "value": base64.b64encode(public_key).decode()}


def keygen(data_dir: Path, name: str, p2p_address: str) -> AgencyCard:
    """Create an agency's keys in ``data_dir``: checkpoint and admin keys (ours, PEM), the
    CometBFT validator key, its signing state, and the P2P node key. Refuses to overwrite."""
    from tabularium.config import ServerConfig
    from tabularium.keys import generate_key_file, public_bytes

    _check_agency(name, p2p_address)
    config = ServerConfig(data_dir=data_dir)
    home = cometbft_home(data_dir)
    for path in (config.node_key_path, config.admin_key_path, home / "config"):
        if path.exists():
            raise FileExistsError(f"{path} exists: {data_dir} already holds an agency's keys")
    checkpoint = generate_key_file(config.node_key_path)
    admin = generate_key_file(config.admin_key_path)
    validator, p2p = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    validator_public = public_bytes(validator)
    _write_private(
        home / "config" / "priv_validator_key.json",
        json.dumps(
            {
                "address": validator_address(validator_public).hex().upper(),
                "pub_key": _cometbft_public(validator_public),
                "priv_key": _cometbft_private(validator),
            },
            indent=2,
        ),
    )
    _write_private(
        home / "config" / "node_key.json", json.dumps({"priv_key": _cometbft_private(p2p)})
    )
    # CometBFT's double-sign guard: the last height, round and step this validator signed.
    _write_private(
        home / "data" / "priv_validator_state.json",
        json.dumps({"height": "0", "round": 0, "step": 0}, indent=2),
    )
    card = AgencyCard(
        name=name,
        validator_public_key=validator_public,
        checkpoint_public_key=public_bytes(checkpoint),
        admin_public_key=public_bytes(admin),
        node_id=node_id(public_bytes(p2p)),
        p2p_address=p2p_address,
    )
    (data_dir / "agency.json").write_text(json.dumps(card.to_json(), indent=2) + "\n")
    return card


# ----- genesis ---------------------------------------------------------------------------------


def root_public_key(chain_id: str) -> bytes:
    """The network's root organisation key: a hash, so no one holds its private key."""
    return hashlib.sha256(ROOT_KEY_LABEL + chain_id.encode()).digest()


@dataclass(frozen=True, slots=True)
class NetworkFile:
    """What every agency joins with: the shared genesis and where to reach each peer."""

    genesis: Genesis
    peers: Mapping[str, str]  # agency name -> host:port

    def encode(self) -> bytes:
        doc = {"genesis": self.genesis.to_json(), "peers": dict(sorted(self.peers.items()))}
        return json.dumps(doc, indent=2, sort_keys=True).encode() + b"\n"

    @classmethod
    def decode(cls, raw: bytes) -> NetworkFile:
        from tabularium.errors import DomainError

        try:
            doc = json.loads(raw)
            genesis = Genesis.decode(json.dumps(doc["genesis"]).encode())
            peers = {str(k): str(v) for k, v in doc["peers"].items()}
        except (ValueError, KeyError, TypeError, AttributeError, DomainError) as exc:
            raise NetworkGenesisError(f"network file is not valid: {exc}") from exc
        if not genesis.replicated:
            raise NetworkGenesisError("the network file's genesis names no agencies")
        if set(peers) != {a.name for a in genesis.agencies}:
            raise NetworkGenesisError("the network file needs one P2P address per agency")
        for address in peers.values():
            _host_port(address)
        return cls(genesis, peers)


def assemble(
    chain_id: str,
    cards: Sequence[AgencyCard],
    *,
    genesis_time_us: int,
    policies: Sequence[Policy],
    max_window_seconds: int = DEFAULT_MAX_WINDOW_SECONDS,
) -> NetworkFile:
    """The network file for ``cards``, in the order given. Raises NetworkGenesisError."""
    from tabularium.errors import DomainError

    if not cards:
        raise NetworkGenesisError("a network needs at least one agency")
    genesis = Genesis(
        chain_id=chain_id,
        genesis_time_us=genesis_time_us,
        checkpoint_key_name="",
        checkpoint_public_key=b"",
        authorities=(
            Authority("network", root_public_key(chain_id), ("admin",)),
            *(Authority(c.name, c.admin_public_key, ("admin",)) for c in cards),
        ),
        policies=tuple(policies),
        max_window_seconds=max_window_seconds,
        agencies=tuple(
            Agency(c.name, c.validator_public_key, c.checkpoint_public_key, c.node_id)
            for c in cards
        ),
    )
    try:
        genesis.validate()
    except DomainError as exc:
        raise NetworkGenesisError(exc.message) from exc
    return NetworkFile(genesis, {c.name: c.p2p_address for c in cards})


def _rfc3339(time_us: int) -> str:
    when = datetime.datetime.fromtimestamp(time_us // 1_000_000, tz=datetime.UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S") + f".{time_us % 1_000_000:06d}Z"


def cometbft_genesis(genesis: Genesis) -> dict[str, Any]:
    """CometBFT's genesis.json for ours: same chain id and time, starting at height 1, one
    validator per agency at equal power, 4 MiB blocks, our genesis as ``app_state``."""
    return {
        "genesis_time": _rfc3339(genesis.genesis_time_us),
        "chain_id": genesis.chain_id,
        "initial_height": "1",
        "consensus_params": {
            "block": {"max_bytes": str(BLOCK_MAX_BYTES), "max_gas": "-1"},
            "evidence": {
                "max_age_num_blocks": "100000",
                "max_age_duration": "172800000000000",
                "max_bytes": "1048576",
            },
            "validator": {"pub_key_types": ["ed25519"]},
            "version": {"app": "1"},
            "abci": {"vote_extensions_enable_height": "0"},
        },
        "validators": [
            {
                "address": a.validator_address.hex().upper(),
                "pub_key": _cometbft_public(a.validator_public_key),
                "power": str(VALIDATOR_POWER),
                "name": a.name,
            }
            for a in genesis.agencies
        ],
        "app_hash": "",
        "app_state": genesis.to_json(),
    }


def check_validators(
    agencies: Sequence[Agency], validators: Sequence[abci.ValidatorUpdate]
) -> None:
    """The validators must be exactly the agencies' keys, Ed25519, all at one power."""
    keys = []
    for v in validators:
        if v.pub_key.WhichOneof("sum") != "ed25519":
            raise NetworkGenesisError("every validator key must be Ed25519")
        keys.append(v.pub_key.ed25519)
    want = {a.validator_public_key for a in agencies}
    if len(keys) != len(set(keys)) or set(keys) != want:
        raise NetworkGenesisError(
            f"CometBFT's genesis has {len(keys)} validators that are not exactly the "
            f"{len(agencies)} agencies' validator keys in our genesis"
        )
    if len({v.power for v in validators}) != 1 or validators[0].power <= 0:
        raise NetworkGenesisError("every agency's validator must have the same positive power")


def own_agency(genesis: Genesis, checkpoint_public_key: bytes) -> Agency:
    agency = genesis.agency_of(checkpoint_public_key)
    if agency is None:
        raise NetworkGenesisError("this node's checkpoint key belongs to no agency in genesis")
    return agency


# ----- config.toml -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NodeSettings:
    """What ``config.toml`` must say for this node; the rest keeps CometBFT's defaults."""

    moniker: str
    p2p_listen: str  # host:port
    rpc_port: int
    persistent_peers: tuple[str, ...]  # id@host:port
    max_tx_bytes: int
    timeout_commit: str = "1s"
    local: bool = False  # every agency on one host (tests, make run-network)


def rpc_body_limit(max_tx_bytes: int) -> int:
    """A broadcast_tx_sync body holding the largest tx base64-encoded in JSON-RPC, or (GET)
    hex-encoded, with room for the envelope; never below CometBFT's default."""
    return max(1_000_000, 2 * max_tx_bytes + 4096)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value))  # a TOML basic string is a JSON string for these values


def render_config(data_dir: Path, settings: NodeSettings) -> str:
    sections: dict[str, dict[str, object]] = {
        "": {
            "proxy_app": f"unix://{abci_socket(data_dir.resolve())}",
            "moniker": settings.moniker,
            "abci": "socket",
            "filter_peers": True,  # CometBFT asks our Query for each peer's node ID
            "log_format": "json",
            "log_level": "info",
        },
        # The RPC has no authentication: only this host may reach it.
        "rpc": {
            "laddr": f"tcp://127.0.0.1:{settings.rpc_port}",
            "max_body_bytes": rpc_body_limit(settings.max_tx_bytes),
            # The node sends broadcasts that arrive together as one JSON-RPC batch.
            "max_request_batch_size": RPC_BATCH,
        },
        "p2p": {
            "laddr": f"tcp://{settings.p2p_listen}",
            "persistent_peers": ",".join(settings.persistent_peers),
            "pex": False,
            "addr_book_strict": not settings.local,
            "allow_duplicate_ip": settings.local,
        },
        "mempool": {"max_tx_bytes": settings.max_tx_bytes},
        "consensus": {"timeout_commit": settings.timeout_commit},
        "tx_index": {"indexer": "null"},  # reads go through our gRPC API
    }
    lines = [
        "# Written by `tabularium network join`; `tabularium serve --consensus cometbft`",
        "# checks it at start. Keys not named here keep CometBFT v0.38 defaults.",
    ]
    for section, values in sections.items():
        if section:
            lines += ["", f"[{section}]"]
        lines += [f"{key} = {_toml_value(value)}" for key, value in values.items()]
    return "\n".join(lines) + "\n"


def check_config(data_dir: Path, max_tx_bytes: int) -> dict[str, Any]:
    """Parse ``config.toml`` and refuse what would be unsafe or not talk to this node."""
    path = cometbft_home(data_dir) / "config" / "config.toml"
    try:
        config = tomllib.loads(path.read_text())
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise NetworkConfigError(f"{path}: {exc}") from exc

    def get(section: str, key: str, default: object) -> object:
        table = config.get(section, {}) if section else config
        return table.get(key, default) if isinstance(table, dict) else default

    problems = []
    socket = f"unix://{abci_socket(data_dir.resolve())}"
    if get("", "proxy_app", "") != socket:
        problems.append(f"proxy_app must be {socket!r}")
    if get("", "abci", "socket") != "socket":
        problems.append('abci must be "socket"')
    laddr = str(get("rpc", "laddr", "tcp://127.0.0.1:26657"))
    if not laddr.startswith(("tcp://127.0.0.1:", "tcp://localhost:", "tcp://[::1]:")):
        problems.append(f"rpc.laddr {laddr!r} must be on 127.0.0.1: the RPC has no authentication")
    if get("mempool", "max_tx_bytes", 1048576) != max_tx_bytes:
        problems.append(f"mempool.max_tx_bytes must be {max_tx_bytes} (the node's --max-tx-bytes)")
    body = get("rpc", "max_body_bytes", 1000000)
    if not isinstance(body, int) or body < rpc_body_limit(max_tx_bytes):
        problems.append(f"rpc.max_body_bytes must be at least {rpc_body_limit(max_tx_bytes)}")
    if get("tx_index", "indexer", "kv") != "null":
        problems.append('tx_index.indexer must be "null"')
    if get("p2p", "pex", True) is not False:
        problems.append("p2p.pex must be false (agencies peer only with persistent peers)")
    if get("", "filter_peers", False) is not True:
        problems.append("filter_peers must be true (only agencies' nodes may peer)")
    if problems:
        raise NetworkConfigError(f"{path}: " + "; ".join(problems))
    return config


def rpc_address(config: Mapping[str, Any]) -> tuple[str, int]:
    laddr = str(config.get("rpc", {}).get("laddr", "tcp://127.0.0.1:26657"))
    host, _, port = laddr.removeprefix("tcp://").rpartition(":")
    return host.strip("[]"), int(port)


def join(
    data_dir: Path,
    network: NetworkFile,
    *,
    rpc_port: int,
    max_tx_bytes: int,
    timeout_commit: str = "1s",
    local: bool = False,
) -> Agency:
    """Set up an agency's node from ``network``: our genesis and block 0, CometBFT's genesis
    and config.toml. The keys must be there (:func:`keygen`) and belong to an agency of it."""
    from tabularium.chain.ledger import initialize_node
    from tabularium.config import ServerConfig
    from tabularium.keys import load_private_key, public_bytes

    config = ServerConfig(data_dir=data_dir)
    if config.genesis_path.exists():
        raise FileExistsError(f"{config.genesis_path} exists: {data_dir} already holds a chain")
    checkpoint_key = load_private_key(config.node_key_path)
    genesis = network.genesis
    agency = own_agency(genesis, public_bytes(checkpoint_key))
    home = cometbft_home(data_dir)
    validator = json.loads((home / "config" / "priv_validator_key.json").read_text())
    if base64.b64decode(validator["pub_key"]["value"]) != agency.validator_public_key:
        raise NetworkGenesisError(
            f"the validator key in {home} is not agency {agency.name!r}'s in genesis"
        )
    peers = tuple(
        f"{a.node_id}@{network.peers[a.name]}" for a in genesis.agencies if a.name != agency.name
    )
    settings = NodeSettings(
        moniker=agency.name,
        p2p_listen=_listen_address(network.peers[agency.name]),
        rpc_port=rpc_port,
        persistent_peers=peers,
        max_tx_bytes=max_tx_bytes,
        timeout_commit=timeout_commit,
        local=local,
    )
    initialize_node(config.store_dir, config.genesis_path, genesis, checkpoint_key)
    (home / "config" / "genesis.json").write_text(
        json.dumps(cometbft_genesis(genesis), indent=2) + "\n"
    )
    (home / "config" / "config.toml").write_text(render_config(data_dir, settings))
    return agency


def _listen_address(address: str) -> str:
    """Listen on the advertised port on every interface, or on loopback for a local one."""
    host, port = _host_port(address)
    return f"{host if host in ('127.0.0.1', 'localhost') else '0.0.0.0'}:{port}"
