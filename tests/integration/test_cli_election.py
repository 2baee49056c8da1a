"""`tabularium election` against a real node: a weighted election created by three of the
board from a terms file, three guardians (quorum 2) each running the ceremony with its own
state file, credentials published with their register, the opening cosigned, three voters
voting from credential key files (one challenge, then a chained revote), refusals reported as
JSON with exit 1, the close cosigned by two guardians after the window, two guardians'
decryptions and the totals."""

from __future__ import annotations

import json
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.json_format import MessageToJson

from tabularium.ledger.v1 import ledger_pb2
from tabularium.voting.v1 import voting_pb2 as pb
from tests.conftest import Chain, NodeProcess, run_cli
from tests.integration.pharma_world import clocked_node
from tests.integration.voting_world import VotingWorld
from tests.integration.world import key_file

ELECTION = "assemblea-2027"
# CLI transactions are signed at the wall clock and valid for 9 minutes from it, so the test
# moves the node's clock by less than that in all: the window opens 4 minutes after creation
# and lasts one.
OPENS_IN, LASTS = 240, 60


@pytest.fixture
def world(chain: Chain, tmp_path: Path) -> Iterator[VotingWorld]:
    with clocked_node(chain, tmp_path) as (node, clock):
        yield VotingWorld(chain, node, clock)


def cli(node: NodeProcess, *args: str, check: bool = True) -> dict[str, Any]:
    result = run_cli(*args, "--server", node.address, check=False)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    else:
        assert result.returncode == 1, result.stdout + result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return parsed


def credential_file(folder: Path, n: int, key: Ed25519PrivateKey) -> str:
    path = folder / f"credential-{n}.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    path.chmod(0o600)
    return str(path)


def advance_past(world: VotingWorld, moment: Any) -> None:
    """Move the node's clock just past a Timestamp of the terms."""
    target_us = moment.seconds * 1_000_000 + moment.nanos // 1000
    world.advance(max(0, (target_us - world.now_us()) // 1_000_000 + 2))


def test_election_from_the_shell(world: VotingWorld, tmp_path: Path) -> None:
    help_text = run_cli("election", "--help").stdout
    for command in ("create", "amend", "credentials", "open", "vote", "cast", "challenge",
                    "close", "tally", "show", "ballot", "guardian"):  # fmt: skip
        assert f"  {command} " in help_text, help_text
    guardian_help = run_cli("election", "guardian", "--help").stdout
    assert all(f"  {c} " in guardian_help for c in ("keygen", "shares", "decrypt"))

    node = world.node
    guardians = world.guardian_actors[:3]
    contest = pb.Contest(
        id="mozione",
        name="Mozione 1",
        limit=1,
        selections=[
            pb.Selection(id="si", name="Sì", maximum=1),
            pb.Selection(id="no", name="No", maximum=1),
        ],
    )
    terms = world.terms(
        [contest], quorum=2, guardians=guardians, weighted=True, opens_in=OPENS_IN, lasts=LASTS
    )
    terms_path = tmp_path / "terms.json"
    terms_path.write_text(MessageToJson(terms))
    board = [key_file(tmp_path, m) for m in world.board[:3]]
    # The board acts by 3 of 5: two signatures are refused.
    refused = cli(node, "election", "create", "--key", board[0], "--key", board[1],
                  "--id", ELECTION, "--organiser", world.city.did, "--terms", str(terms_path),
                  check=False)  # fmt: skip
    assert refused["reason"] == "NOT_AUTHORIZED"
    created = cli(node, "election", "create", "--key", board[0], "--key", board[1],
                  "--key", board[2], "--id", ELECTION, "--organiser", world.city.did,
                  "--terms", str(terms_path))  # fmt: skip
    shown = cli(node, "election", "show", "--id", ELECTION)
    assert shown["status"] == "ELECTION_STATUS_SETUP"
    assert int(shown["created_entry"]) == created["entry_index"]
    # Before the ceremony the board may still amend (here: the title).
    terms.title = "Assemblea 2027"
    terms_path.write_text(MessageToJson(terms))
    cli(node, "election", "amend", "--key", board[0], "--key", board[1], "--key", board[2],
        "--id", ELECTION, "--organiser", world.city.did, "--terms", str(terms_path),
        "--reason", "title")  # fmt: skip
    shown = cli(node, "election", "show", "--id", ELECTION)
    assert shown["terms"]["title"] == "Assemblea 2027"

    # The ceremony: each guardian on its own machine, with its own state file.
    states = {}
    for actor in guardians:
        states[actor.did] = tmp_path / f"{actor.name}.state.json"
        cli(node, "election", "guardian", "keygen", "--key", key_file(tmp_path, actor),
            "--id", ELECTION, "--did", actor.did, "-o", str(states[actor.did]))  # fmt: skip
        assert stat.S_IMODE(states[actor.did].stat().st_mode) == 0o600
    for actor in guardians:
        cli(node, "election", "guardian", "shares", "--key", key_file(tmp_path, actor),
            "--id", ELECTION, "--state", str(states[actor.did]))  # fmt: skip
    for actor in guardians:
        cli(node, "election", "guardian", "shares", "--check", "--key",
            key_file(tmp_path, actor), "--id", ELECTION,
            "--state", str(states[actor.did]))  # fmt: skip
        saved = json.loads(states[actor.did].read_text())
        assert saved["secret_share"] and len(saved["received"]) == 2
    shown = cli(node, "election", "show", "--id", ELECTION)
    assert shown["status"] == "ELECTION_STATUS_READY"
    assert shown["confirmed"] == [True, True, True]

    # The credential authority publishes three credentials with their register (weights 1-3).
    voters = [Ed25519PrivateKey.generate() for _ in range(3)]
    publics = [v.public_key().public_bytes_raw().hex() for v in voters]
    keys_path = tmp_path / "credentials.txt"
    keys_path.write_text("".join(f"{k}\n" for k in publics))
    register = tmp_path / "register.json"
    register.write_text(json.dumps([[k, w] for k, w in zip(publics, (1, 2, 3), strict=True)]))
    published = cli(node, "election", "credentials", "--key", key_file(tmp_path, world.issuer),
                    "--id", ELECTION, "--authority", world.authority.did,
                    "--keys", str(keys_path), "--weights", str(register))  # fmt: skip
    assert (published["keys"], published["total_weight"]) == (3, 6)
    shown = cli(node, "election", "show", "--id", ELECTION)
    assert (int(shown["credentials"]), shown["weight_root"]) == (3, published["weight_root"])
    creds = [credential_file(tmp_path, n, v) for n, v in enumerate(voters)]

    # Two guardians cosign the opening checkpoint, before the first ballot.
    for actor in guardians[:2]:
        cli(node, "election", "open", "--key", key_file(tmp_path, actor), "--id", ELECTION)
    assert cli(node, "election", "show", "--id", ELECTION)["opening_cosigners"] == [1, 2]
    advance_past(world, terms.opens_at)

    # Voter 0 challenges a first ballot (Benaloh), then votes again, chained, and casts.
    first = tmp_path / "ballot-0a.json"
    voted = cli(node, "election", "vote", "--id", ELECTION, "--credential", creds[0],
                "--votes", "[[0,1]]", "--register", str(register),
                "-o", str(first))  # fmt: skip
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert json.loads(first.read_text())["code"] == voted["code"]
    cli(node, "election", "challenge", "--id", ELECTION, "--credential", creds[0],
        "--state", str(first))  # fmt: skip
    seen = cli(node, "election", "ballot", "--id", ELECTION, "--code", voted["code"])
    assert seen["state"] == "BALLOT_STATE_CHALLENGED"
    assert seen["challenged_votes"] == [{"votes": [0, 1]}]
    again = cli(node, "election", "cast", "--id", ELECTION, "--credential", creds[0],
                "--state", str(first), check=False)  # fmt: skip
    assert again["reason"] == "ALREADY_CHALLENGED"
    second = tmp_path / "ballot-0b.json"
    cli(node, "election", "vote", "--id", ELECTION, "--credential", creds[0],
        "--votes", "[[1,0]]", "--weight", "1", "--register", str(register),
        "--chaining", voted["code"], "-o", str(second))  # fmt: skip
    cli(node, "election", "cast", "--id", ELECTION, "--credential", creds[0],
        "--state", str(second))  # fmt: skip
    for n, votes in ((1, "[[0,1]]"), (2, "[[1,0]]")):
        state = tmp_path / f"ballot-{n}.json"
        cli(node, "election", "vote", "--id", ELECTION, "--credential", creds[n],
            "--votes", votes, "--register", str(register), "-o", str(state))  # fmt: skip
        cast = cli(node, "election", "cast", "--id", ELECTION, "--credential", creds[n],
                   "--state", str(state))  # fmt: skip
        assert cast["entry_index"] > 0
    shown = cli(node, "election", "show", "--id", ELECTION)
    assert (shown["ballots_submitted"], shown["ballots_cast"]) == ("4", "3")

    # Not before closes_at.
    early = cli(node, "election", "close", "--key", key_file(tmp_path, guardians[0]),
                "--id", ELECTION, check=False)  # fmt: skip
    assert early["reason"] == "ELECTION_NOT_OVER"
    advance_past(world, terms.closes_at)
    # Guardians 1 and 3 check the log from the opening and cosign the same closing checkpoint.
    closes = [
        cli(node, "election", "close", "--key", key_file(tmp_path, actor), "--id", ELECTION)
        for actor in (guardians[0], guardians[2])
    ]
    assert closes[0]["tree_size"] == closes[1]["tree_size"] > closes[0]["opening_size"]
    shown = cli(node, "election", "show", "--id", ELECTION)
    assert shown["status"] == "ELECTION_STATUS_CLOSED"
    assert shown["closing_cosigners"] == [1, 3]

    # Guardians 2 and 3 decrypt.
    for actor in (guardians[1], guardians[2]):
        cli(node, "election", "guardian", "decrypt", "--key", key_file(tmp_path, actor),
            "--id", ELECTION, "--state", str(states[actor.did]))  # fmt: skip
    tally = cli(node, "election", "tally", "--id", ELECTION)
    assert tally["decrypted"] is True and not tally.get("failure")
    totals = {
        (c.get("contest", 0), c.get("selection", 0)): int(c.get("total", 0))
        for c in tally["selections"]
    }
    # Weighted: voters 0 (weight 1) and 2 (weight 3) said yes, voter 1 (weight 2) no.
    assert totals == {(0, 0): 4, (0, 1): 2}
    assert (tally["counted"], tally["counted_weight"]) == ("3", "6")
    assert cli(node, "election", "show", "--id", ELECTION)["status"] == "ELECTION_STATUS_TALLIED"

    # The record, checked offline (and by the pure-Python reference), and a voter's receipt.
    record = tmp_path / "record.bin"
    saved = cli(node, "election", "record", "--id", ELECTION, "-o", str(record))
    assert saved["entries"] > 0
    info = node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10)
    log_key = tmp_path / "log.vkey"
    log_key.write_text(info.verifier_key)
    for extra in ([], ["--reference"]):
        result = run_cli("election", "verify", str(record), "--log-key", str(log_key), *extra)
        report = json.loads(result.stdout.strip().splitlines()[-1])
        assert report["verified"] is True and report["totals"] == [[4, 2]], report
        assert (report["counted"], report["challenged"]) == (3, 1)
    checked = cli(node, "election", "check-receipt", "--state", str(second), str(record),
                  "--log-key", str(log_key))  # fmt: skip
    assert checked["checked"] is True and checked["state"] == "BALLOT_STATE_CAST"
    # A doctored record: one bit of the last entry flipped.
    raw = bytearray(record.read_bytes())
    raw[-40] ^= 1
    doctored = tmp_path / "doctored.bin"
    doctored.write_bytes(bytes(raw))
    result = run_cli("election", "verify", str(doctored), "--log-key", str(log_key), check=False)
    assert result.returncode == 1
    failed = json.loads(result.stdout.strip().splitlines()[-1])
    assert failed["verified"] is False and failed["failure"], failed
