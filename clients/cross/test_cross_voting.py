"""Voting across languages: a voter's ballot is submitted to a 3-of-5 guardian election on one
node; the transaction's receipt is the voter's receipt (with the confirmation code inside the
logged SubmitBallot). Every client checks it offline with its own `verify-receipt`, and rejects
it with one bit changed, so a voter can check on any platform that the ballot is in the log.

The organiser, guardians and credentials come from the server-side test world
(tests/integration/voting_world.py)."""

from __future__ import annotations

import base64
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from google.protobuf.json_format import MessageToJson

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from clients.cross.test_cross_language import LANGUAGES, cli  # noqa: E402
from tabularium.ledger.v1 import ledger_pb2, transaction_pb2  # noqa: E402
from tabularium.voting.v1 import voting_pb2 as pb  # noqa: E402
from tests.conftest import Chain  # noqa: E402
from tests.integration.pharma_world import clocked_node  # noqa: E402
from tests.integration.voting_world import DAY, VotingWorld, budget_contest  # noqa: E402

ELECTION = "cross-2027"


class Setting:
    def __init__(self, folder: Path, world: VotingWorld) -> None:
        world.create(ELECTION, world.terms([budget_contest([10, 20, 30, 40, 50], 60, 3)]))
        world.ceremony(ELECTION)
        (voter,) = world.credentials(ELECTION, 1)
        world.cosign(ELECTION, pb.CosignCheckpoint.PHASE_OPENING, [1, 2, 3])
        world.advance(DAY + 60)
        election = world.election(ELECTION)
        self.ballot = world.ballot(election, voter, [[1, 0, 0, 0, 1]])
        receipt = world.submit(self.ballot.action, voter.key)
        self.transaction = bytes(receipt.transaction)
        self.receipt = folder / "ballot-receipt.json"
        self.receipt.write_text(MessageToJson(receipt))
        info = world.node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10)
        self.log_key = folder / "log.vkey"
        self.log_key.write_text(info.verifier_key)


@pytest.fixture(scope="module")
def setting(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setting]:
    folder = tmp_path_factory.mktemp("cross-voting")
    chain = Chain(folder)
    with clocked_node(chain, folder) as (node, clock):
        yield Setting(folder, VotingWorld(chain, node, clock))


def test_the_receipt_carries_the_confirmation_code(setting: Setting) -> None:
    signed = transaction_pb2.SignedTransaction.FromString(setting.transaction)
    body = transaction_pb2.TransactionBody.FromString(signed.body)
    logged = pb.SubmitBallot.FromString(body.action.value)
    assert logged.code == setting.ballot.code
    # The log holds no plaintext vote and no voter identity: only the credential key signed.
    assert len(body.signers) == 1 and b"did:key" not in setting.transaction


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_client_verifies_the_ballot_receipt(
    language: str, setting: Setting, tmp_path: Path
) -> None:
    result = cli(
        language,
        "verify-receipt",
        "--log-key", str(setting.log_key),
        "--receipt", str(setting.receipt),
    )  # fmt: skip
    assert result.returncode == 0, f"{language}: {result.stdout} {result.stderr}"
    document = json.loads(setting.receipt.read_text())
    raw = bytearray(base64.b64decode(document["transaction"]))
    raw[len(raw) // 2] ^= 1
    document["transaction"] = base64.b64encode(bytes(raw)).decode()
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(document))
    result = cli(
        language, "verify-receipt", "--log-key", str(setting.log_key), "--receipt", str(bad)
    )
    assert result.returncode == 1, f"{language} accepted a tampered ballot receipt"
