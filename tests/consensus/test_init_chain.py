"""InitChain: CometBFT's genesis must describe this store's network, or the node stops."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tabularium.api.registry import build_actions
from tabularium.chain.apphash import app_hash
from tabularium.chain.tx import timestamp_us
from tabularium.consensus.app import LedgerAbciApp
from tabularium.consensus.framing import FrameDecoder
from tabularium.consensus.network import NetworkGenesisError, check_validators
from tabularium.consensus.v1 import abci_pb2 as abci
from tabularium.consensus.v1 import types_pb2
from tabularium.keys import public_bytes
from tests.consensus.harness import Running, frame, read
from tests.helpers import MachineNode

CHAIN = "init-chain-test"


def _update(key: bytes, power: int = 10) -> abci.ValidatorUpdate:
    return abci.ValidatorUpdate(pub_key=types_pb2.PublicKey(ed25519=key), power=power)


def _validators(n: MachineNode) -> list[bytes]:
    return [public_bytes(k) for k in n.validator_keys]


@pytest.fixture
def node(tmp_path: Path) -> Iterator[tuple[MachineNode, Running]]:
    n = MachineNode(tmp_path, CHAIN, agencies=4)
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
        validators=[_update(k) for k in _validators(n)],
        app_state_bytes=json.dumps(n.genesis.to_json(), indent=1).encode(),  # any JSON layout
    )
    answer = _init(running, request)
    head = n.machine.head
    assert answer is not None and answer.app_hash == app_hash(0, head.root, head.state_digest)
    assert not answer.validators  # CometBFT keeps its genesis validators
    assert running.fatal == []


def _other_genesis(n: MachineNode, **change: object) -> bytes:
    return dataclasses.replace(n.genesis, **change).encode()  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"chain_id": "other"}, "chain id"),
        ({"initial_height": 5}, "starts at height 5"),
        ({"validators": 3}, "not exactly"),
        ({"powers": [10, 10, 10, 20]}, "same positive power"),
        ({"app_state": b"{}"}, "genesis is not valid"),
        ({"app_state": b"not json"}, "not valid"),
        ({"app_state": "max_window_seconds"}, "another genesis"),
        ({"app_state": "agency"}, "another genesis"),
    ],
)
def test_a_genesis_for_another_network_stops_the_node(
    node: tuple[MachineNode, Running], change: dict[str, object], why: str
) -> None:
    n, running = node
    validators = _validators(n)[: int(change.get("validators", 4))]  # type: ignore[call-overload]
    powers = change.get("powers", [10] * len(validators))
    app_state = change.get("app_state", n.genesis.encode())
    if app_state == "max_window_seconds":
        app_state = _other_genesis(n, max_window_seconds=60)
    elif app_state == "agency":  # one agency's checkpoint key swapped
        agencies = list(n.genesis.agencies)
        agencies[1] = dataclasses.replace(agencies[1], checkpoint_public_key=os.urandom(32))
        app_state = _other_genesis(n, agencies=tuple(agencies))
    request = abci.RequestInitChain(
        chain_id=str(change.get("chain_id", CHAIN)),
        initial_height=int(change.get("initial_height", 1)),  # type: ignore[call-overload]
        validators=[_update(k, p) for k, p in zip(validators, powers, strict=True)],  # type: ignore[call-overload]
        app_state_bytes=app_state,  # type: ignore[arg-type]
    )
    assert _init(running, request) is None
    assert len(running.fatal) == 1 and why in running.fatal[0], running.fatal


def test_validators_must_be_ed25519(node: tuple[MachineNode, Running]) -> None:
    n, _ = node
    secp = abci.ValidatorUpdate(pub_key=types_pb2.PublicKey(secp256k1=b"\x02" * 33), power=1)
    with pytest.raises(NetworkGenesisError, match="Ed25519"):
        check_validators(n.genesis.agencies, [secp])


def test_an_embedded_store_cannot_join(tmp_path: Path) -> None:
    n = MachineNode(tmp_path, CHAIN)
    app = LedgerAbciApp(n.machine, build_actions(), max_tx_bytes=1 << 16)
    running = Running(app)
    try:
        request = abci.RequestInitChain(
            chain_id=CHAIN, initial_height=1, app_state_bytes=n.genesis.encode()
        )
        assert _init(running, request) is None
        assert "embedded" in running.fatal[0]
    finally:
        running.close()
        app.close()
        n.store.close()


def _query(running: Running, path: str) -> abci.ResponseQuery:
    with running.connect() as s:
        s.sendall(frame(abci.Request(query=abci.RequestQuery(path=path))))
        (answer,) = FrameDecoder(1 << 20).feed(s.recv(1 << 16))
    return abci.Response.FromString(answer).query


def test_the_peer_filter_admits_only_agency_nodes(node: tuple[MachineNode, Running]) -> None:
    _, running = node
    unknown = "ff" * 20
    # Known from genesis at start, so a restarted node filters before any InitChain.
    assert _query(running, f"/p2p/filter/id/{3:040x}").code == 0
    assert _query(running, f"/p2p/filter/id/{3:040X}").code == 0
    refused = _query(running, f"/p2p/filter/id/{unknown}")
    assert (refused.code, refused.log) == (7, "PEER_NOT_AN_AGENCY")
    assert _query(running, "/p2p/filter/addr/127.0.0.1:26656").code == 0
    other = _query(running, "/store/anything")
    assert (other.code, other.log) == (5, "QUERY_PATH_UNKNOWN")
    assert running.fatal == []


def test_misbehavior_in_a_block_becomes_an_event_naming_the_agency(
    node: tuple[MachineNode, Running],
) -> None:
    n, running = node
    offender = hashlib.sha256(_validators(n)[2]).digest()[:20]
    request = abci.RequestFinalizeBlock(
        height=1,
        hash=os.urandom(32),
        time=timestamp_us(n.genesis.genesis_time_us + 1_000_000),
        misbehavior=[
            abci.Misbehavior(
                type=abci.MISBEHAVIOR_TYPE_DUPLICATE_VOTE,
                validator=abci.Validator(address=offender, power=10),
                height=1,
                total_voting_power=40,
            ),
            abci.Misbehavior(
                type=abci.MISBEHAVIOR_TYPE_LIGHT_CLIENT_ATTACK,
                validator=abci.Validator(address=bytes(20), power=10),
                height=1,
            ),
        ],
    )
    with running.connect() as s:
        s.sendall(frame(abci.Request(finalize_block=request)))
        (answer,) = read(s, 1)
    events = [{a.key: a.value for a in e.attributes} for e in answer.finalize_block.events]
    assert [e["agency"] for e in events] == ["agency-2", "unknown"]
    assert [e["type"] for e in events] == ["duplicate_vote", "light_client_attack"]
    assert events[0]["validator_address"] == offender.hex()
    assert running.fatal == []
