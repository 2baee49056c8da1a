"""A network's files: keygen's keys in CometBFT's formats, the shared genesis and its checks,
the network file, config.toml and what ``serve`` refuses before anything starts."""

from __future__ import annotations

import base64
import dataclasses
import json
import stat
import tomllib
from pathlib import Path

import grpc
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.api.registry import default_policies
from tabularium.chain.genesis import Genesis
from tabularium.consensus.network import (
    AgencyCard,
    NetworkConfigError,
    NetworkFile,
    NetworkGenesisError,
    assemble,
    check_config,
    cometbft_genesis,
    cometbft_home,
    keygen,
    node_id,
    root_public_key,
)
from tabularium.errors import InvalidArgument
from tabularium.ledger.v1 import ledger_pb2
from tests.conftest import Chain, NodeProcess, run_cli
from tests.consensus.netfixture import COMETBFT
from tests.helpers import expect_error


def _cards(tmp_path: Path, count: int = 3) -> list[AgencyCard]:
    return [
        keygen(tmp_path / f"a{i}", f"agency-{i}", f"127.0.0.1:{26656 + 10 * i}")
        for i in range(count)
    ]


def test_keygen_writes_cometbft_key_files_and_prints_only_public_parts(tmp_path: Path) -> None:
    card = keygen(tmp_path / "node", "city", "10.0.0.1:26656")
    config = cometbft_home(tmp_path / "node") / "config"
    validator = json.loads((config / "priv_validator_key.json").read_text())
    raw = base64.b64decode(validator["priv_key"]["value"])
    key = Ed25519PrivateKey.from_private_bytes(raw[:32])
    assert raw[32:] == key.public_key().public_bytes_raw() == card.validator_public_key
    assert validator["address"] == node_id(card.validator_public_key).upper()
    p2p = json.loads((config / "node_key.json").read_text())["priv_key"]["value"]
    p2p_key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(p2p)[:32])
    assert card.node_id == node_id(p2p_key.public_key().public_bytes_raw())
    for path in (config / "priv_validator_key.json", config / "node_key.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    printed = json.dumps(card.to_json())
    assert validator["priv_key"]["value"] not in printed and p2p not in printed
    with pytest.raises(FileExistsError):
        keygen(tmp_path / "node", "city", "10.0.0.1:26656")
    with pytest.raises(NetworkGenesisError, match="agency name"):
        keygen(tmp_path / "other", "City Hall", "10.0.0.1:26656")
    with pytest.raises(NetworkGenesisError, match="host:port"):
        keygen(tmp_path / "other", "city", "10.0.0.1")


def test_the_network_genesis_names_every_agency_and_a_root_nobody_holds(tmp_path: Path) -> None:
    cards = _cards(tmp_path)
    network = assemble("net-1", cards, genesis_time_us=1_700_000_000_123_456, policies=())
    genesis = network.genesis
    assert genesis.replicated and [a.name for a in genesis.agencies] == [c.name for c in cards]
    assert genesis.authorities[0].public_key == root_public_key("net-1")
    assert [a.public_key for a in genesis.authorities[1:]] == [c.admin_public_key for c in cards]
    assert genesis.signers()[1] == ("net-1-agency-1", cards[1].checkpoint_public_key)
    with pytest.raises(ValueError, match="not a checkpoint key"):
        genesis.signer_name(bytes(32))
    assert Genesis.decode(genesis.encode()) == genesis
    assert NetworkFile.decode(network.encode()) == network

    # CometBFT's genesis is a function of ours: validators in order, our genesis as app_state.
    theirs = cometbft_genesis(genesis)
    assert theirs["genesis_time"] == "2023-11-14T22:13:20.123456Z"
    assert theirs["initial_height"] == "1" and theirs["chain_id"] == "net-1"
    assert [v["name"] for v in theirs["validators"]] == [c.name for c in cards]
    assert {v["power"] for v in theirs["validators"]} == {"10"}
    assert Genesis.decode(json.dumps(theirs["app_state"]).encode()) == genesis
    assert theirs["consensus_params"]["block"]["max_bytes"] == str(4 << 20)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"name": "agency-0"}, "share a name"),
        ({"node_id": "SAME"}, "share a node_id"),
        ({"validator_public_key": "SAME"}, "share a validator_public_key"),
        ({"node_id": "AB" * 20}, "40 lower-case hex"),
        ({"checkpoint_public_key": b"\x01" * 31}, "32-byte"),
    ],
)
def test_a_network_genesis_with_clashing_agencies_is_refused(
    tmp_path: Path, change: dict[str, object], why: str
) -> None:
    genesis = assemble("net-1", _cards(tmp_path, 2), genesis_time_us=1, policies=()).genesis
    first, second = genesis.agencies
    values = {k: (getattr(first, k) if v == "SAME" else v) for k, v in change.items()}
    bad = dataclasses.replace(genesis, agencies=(first, dataclasses.replace(second, **values)))
    with pytest.raises(InvalidArgument, match=why):
        bad.validate()
    with pytest.raises(InvalidArgument, match="name no other"):
        dataclasses.replace(genesis, checkpoint_public_key=bytes(32)).validate()
    with pytest.raises(InvalidArgument, match="50 characters"):
        dataclasses.replace(genesis, chain_id="x" * 51).validate()


def test_a_network_file_must_list_one_address_per_agency(tmp_path: Path) -> None:
    network = assemble("net-1", _cards(tmp_path, 2), genesis_time_us=1, policies=())
    doc = json.loads(network.encode())
    del doc["peers"]["agency-1"]
    with pytest.raises(NetworkGenesisError, match="one P2P address per agency"):
        NetworkFile.decode(json.dumps(doc).encode())
    with pytest.raises(NetworkGenesisError, match="not valid"):
        NetworkFile.decode(b"[]")


def _joined(tmp_path: Path) -> Path:
    out = run_cli(
        "network", "init", "--dir", str(tmp_path / "net"), "--agencies", "2",
        "--chain-id", "cfg", "--base-port", "31000", "--max-tx-bytes", "100000",
    )  # fmt: skip
    return Path(json.loads(out.stdout)["nodes"][0]["data_dir"])


def test_join_writes_a_config_the_node_accepts_and_serve_checks_each_setting(
    tmp_path: Path,
) -> None:
    data_dir = _joined(tmp_path)
    config = check_config(data_dir, 100000)
    assert config["rpc"]["laddr"] == "tcp://127.0.0.1:31001"
    assert config["rpc"]["max_body_bytes"] >= 4 * 100000 // 3 + 1000  # base64 in JSON
    assert config["p2p"]["persistent_peers"].endswith("@127.0.0.1:31010")
    assert config["p2p"]["pex"] is False and config["filter_peers"] is True
    with pytest.raises(NetworkConfigError, match="max_tx_bytes must be 65536"):
        check_config(data_dir, 65536)
    path = cometbft_home(data_dir) / "config" / "config.toml"
    good = path.read_text()
    for old, new, why in [
        ('laddr = "tcp://127.0.0.1:31001"', 'laddr = "tcp://0.0.0.0:31001"', "no authentication"),
        ('indexer = "null"', 'indexer = "kv"', "indexer"),
        ("pex = false", "pex = true", "pex"),
        ("filter_peers = true", "filter_peers = false", "filter_peers"),
        ('abci = "socket"', 'abci = "grpc"', "abci"),
        ("max_body_bytes = ", "max_body_bytes = 1000 # ", "max_body_bytes"),
    ]:
        assert old in good
        path.write_text(good.replace(old, new, 1))
        with pytest.raises(NetworkConfigError, match=why):
            check_config(data_dir, 100000)
    path.write_text(good)
    tomllib.loads(good)


def test_serve_refuses_the_wrong_mode_and_another_cometbft(tmp_path: Path) -> None:
    data_dir = _joined(tmp_path)
    embedded = run_cli("serve", "--data-dir", str(data_dir), check=False)
    assert embedded.returncode != 0 and "--consensus cometbft" in embedded.stderr
    fake = tmp_path / "cometbft"
    fake.write_text("#!/bin/sh\necho 1.0.1\n")
    fake.chmod(0o755)
    other = run_cli(
        "serve", "--data-dir", str(data_dir), "--consensus", "cometbft", "--cometbft", str(fake),
        check=False,
    )  # fmt: skip
    assert other.returncode != 0 and "needs exactly 0.38.25" in other.stderr, other.stderr
    missing = run_cli(
        "serve", "--data-dir", str(data_dir), "--consensus", "cometbft", "--cometbft",
        str(tmp_path / "none"), check=False,
    )  # fmt: skip
    assert missing.returncode != 0 and "make cometbft" in missing.stderr
    # An embedded chain cannot be served as an agency's node.
    run_cli("init", "--data-dir", str(tmp_path / "solo"))
    solo = run_cli(
        "serve", "--data-dir", str(tmp_path / "solo"), "--consensus", "cometbft",
        "--cometbft", str(COMETBFT), check=False,
    )  # fmt: skip
    assert solo.returncode != 0 and "embedded chain" in solo.stderr, solo.stderr


def test_the_default_policies_make_a_valid_network(tmp_path: Path) -> None:
    network = assemble("net-2", _cards(tmp_path, 1), genesis_time_us=1, policies=default_policies())
    network.genesis.validate()


def test_an_embedded_node_has_no_consensus(node: NodeProcess, chain: Chain) -> None:
    info = node.ledger.GetConsensusInfo(ledger_pb2.GetConsensusInfoRequest(), timeout=10)
    assert (info.mode, list(info.validators), info.agency) == ("embedded", [], "")
    raw = chain.notarize(b"\x01" * 32)
    expect_error(
        lambda: node.ledger.SubmitTransaction(
            ledger_pb2.SubmitTransactionRequest(transaction=raw, wait_for_consensus_proof=True),
            timeout=10,
        ),
        grpc.StatusCode.FAILED_PRECONDITION,
        "NOT_REPLICATED",
    )
    # Refused before it was submitted: nothing was logged.
    assert node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10).tree_size == 0
