"""InitChain: CometBFT's genesis must describe this store's network, or the node stops."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tabularium.api.registry import build_actions
from tabularium.chain.apphash import app_hash
from tabularium.consensus.app import LedgerAbciApp
from tabularium.consensus.framing import FrameDecoder
from tabularium.consensus.network import NetworkGenesisError, check_validators, parse_app_state
from tabularium.consensus.v1 import abci_pb2 as abci
from tabularium.consensus.v1 import types_pb2
from tests.consensus.harness import Running, frame
from tests.helpers import MachineNode

CHAIN = "init-chain-test"
VALIDATORS = [os.urandom(32) for _ in range(4)]


def _update(key: bytes, power: int = 10) -> abci.ValidatorUpdate:
    return abci.ValidatorUpdate(pub_key=types_pb2.PublicKey(ed25519=key), power=power)


def _app_state(checkpoint_key: bytes, validators: list[bytes] = VALIDATORS) -> bytes:
    agencies = [
        {
            "name": f"agency-{i}",
            "validator_public_key": key.hex(),
            "checkpoint_public_key": (checkpoint_key if i == 0 else os.urandom(32)).hex(),
            "node_id": f"{i:040x}",
        }
        for i, key in enumerate(validators)
    ]
    return json.dumps({"agencies": agencies}).encode()


@pytest.fixture
def node(tmp_path: Path) -> Iterator[tuple[MachineNode, Running]]:
    n = MachineNode(tmp_path, CHAIN)
    app = LedgerAbciApp(n.machine, build_actions(), max_tx_bytes=1 << 16)
    running = Running(app)
    yield n, running
    running.close()
    app.close()
    n.store.close()


def _init(running: Running, request: abci.RequestInitChain) -> abci.ResponseInitChain | None:
    """The answer, or None when the server closed the connection instead (and reported it)."""
    with running.connect() as s:
        s.sendall(frame(abci.Request(init_chain=request)))
        data = s.recv(1 << 16)
    if not data:
        return None
    (answer,) = FrameDecoder(1 << 20).feed(data)
    return abci.Response.FromString(answer).init_chain


def test_the_agencies_validators_are_accepted(node: tuple[MachineNode, Running]) -> None:
    n, running = node
    request = abci.RequestInitChain(
        chain_id=CHAIN,
        initial_height=1,
        validators=[_update(k) for k in VALIDATORS],
        app_state_bytes=_app_state(n.genesis.checkpoint_public_key),
    )
    answer = _init(running, request)
    head = n.machine.head
    assert answer is not None and answer.app_hash == app_hash(0, head.root, head.state_digest)
    assert not answer.validators  # CometBFT keeps its genesis validators
    assert running.fatal == []


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"chain_id": "other"}, "chain id"),
        ({"initial_height": 5}, "starts at height 5"),
        ({"validators": VALIDATORS[:3]}, "not exactly"),
        ({"powers": [10, 10, 10, 20]}, "same positive power"),
        ({"app_state": b"{}"}, "agencies"),
        ({"checkpoint": os.urandom(32)}, "checkpoint key belongs to no agency"),
    ],
)
def test_a_genesis_for_another_network_stops_the_node(
    node: tuple[MachineNode, Running], change: dict[str, object], why: str
) -> None:
    n, running = node
    validators = change.get("validators", VALIDATORS)
    powers = change.get("powers", [10] * len(validators))  # type: ignore[arg-type]
    request = abci.RequestInitChain(
        chain_id=str(change.get("chain_id", CHAIN)),
        initial_height=int(change.get("initial_height", 1)),  # type: ignore[call-overload]
        validators=[_update(k, p) for k, p in zip(validators, powers, strict=True)],  # type: ignore[arg-type]
        app_state_bytes=change.get(  # type: ignore[arg-type]
            "app_state",
            _app_state(change.get("checkpoint", n.genesis.checkpoint_public_key)),  # type: ignore[arg-type]
        ),
    )
    assert _init(running, request) is None
    assert len(running.fatal) == 1 and why in running.fatal[0], running.fatal


def test_app_state_is_checked_field_by_field() -> None:
    good = {
        "name": "a",
        "validator_public_key": "00" * 32,
        "checkpoint_public_key": "11" * 32,
        "node_id": "ab" * 20,
    }
    assert parse_app_state(json.dumps({"agencies": [good]}).encode())[0].name == "a"
    for bad, why in [
        (b"not json", "not JSON"),
        (json.dumps({"agencies": []}).encode(), "at least one"),
        (json.dumps({"agencies": [{**good, "validator_public_key": "00"}]}).encode(), "32 bytes"),
        (json.dumps({"agencies": [good, good]}).encode(), "repeat"),
        (json.dumps({"agencies": [good, {**good, "name": "b"}]}).encode(), "share a validator"),
        (json.dumps({"agencies": [{**good, "node_id": "AB" * 20}]}).encode(), "node_id"),
        (
            json.dumps(
                {"agencies": [good, {**good, "name": "b", "validator_public_key": "22" * 32}]}
            ).encode(),
            "share a node ID",
        ),
    ]:
        with pytest.raises(NetworkGenesisError, match=why):
            parse_app_state(bad)
    agencies = parse_app_state(json.dumps({"agencies": [good]}).encode())
    secp = abci.ValidatorUpdate(pub_key=types_pb2.PublicKey(secp256k1=b"\x02" * 33), power=1)
    with pytest.raises(NetworkGenesisError, match="Ed25519"):
        check_validators(agencies, [secp])


def _query(running: Running, path: str) -> abci.ResponseQuery:
    with running.connect() as s:
        s.sendall(frame(abci.Request(query=abci.RequestQuery(path=path))))
        (answer,) = FrameDecoder(1 << 20).feed(s.recv(1 << 16))
    return abci.Response.FromString(answer).query


def test_the_peer_filter_admits_only_agency_nodes(node: tuple[MachineNode, Running]) -> None:
    n, running = node
    unknown = "ff" * 20
    # Before the agencies are known (no InitChain, no genesis given), no node is admitted.
    assert _query(running, f"/p2p/filter/id/{0:040x}").code != 0
    request = abci.RequestInitChain(
        chain_id=CHAIN,
        initial_height=1,
        validators=[_update(k) for k in VALIDATORS],
        app_state_bytes=_app_state(n.genesis.checkpoint_public_key),
    )
    assert _init(running, request) is not None
    assert _query(running, f"/p2p/filter/id/{3:040x}").code == 0
    refused = _query(running, f"/p2p/filter/id/{unknown}")
    assert (refused.code, refused.log) == (7, "PEER_NOT_AN_AGENCY")
    assert _query(running, "/p2p/filter/addr/127.0.0.1:26656").code == 0
    other = _query(running, "/store/anything")
    assert (other.code, other.log) == (5, "QUERY_PATH_UNKNOWN")
    assert running.fatal == []
