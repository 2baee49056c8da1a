"""A weighted shareholder vote through a real node: the record-date register as a Merkle root,
ballots carrying their weight proofs, a forged weight refused, a guardian's bad share caught by
a complaint (the ceremony fails and restarts after an amendment), the weighted tally and its
offline check."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.chain.checkpoint import parse_checkpoint, sign_checkpoint
from tabularium.crypto import voting as crypto
from tabularium.voting.v1 import voting_pb2 as pb
from tabularium.voting_client import Guardian, cosign_checkpoint
from tabularium.voting_verify import read_record, verify
from tests.conftest import Chain
from tests.integration.pharma_world import clocked_node
from tests.integration.voting_world import DAY, FAILED, INVALID, VotingWorld

ELECTION = "agm-2027:item-4"


@pytest.fixture
def world(chain: Chain, tmp_path: Path) -> Iterator[VotingWorld]:
    with clocked_node(chain, tmp_path) as (node, clock):
        yield VotingWorld(chain, node, clock)


def resolution() -> list[pb.Contest]:
    return [
        pb.Contest(
            id="item-4",
            name="Approve the dividend",
            limit=1,
            selections=[
                pb.Selection(id="for", name="For", maximum=1),
                pb.Selection(id="against", name="Against", maximum=1),
                pb.Selection(id="abstain", name="Abstain", maximum=1),
            ],
        )
    ]


def test_a_bad_share_fails_the_ceremony_and_an_amendment_restarts_it(world: VotingWorld) -> None:
    terms = world.terms(resolution(), guardians=world.guardian_actors[:3], quorum=2)
    world.create(ELECTION, terms)
    election = world.election(ELECTION)
    tools = [Guardian.keygen(election, a.did) for a in world.guardian_actors[:3]]
    for tool, actor in zip(tools, world.guardian_actors, strict=False):
        world.submit(tool.register(election), actor.key)
    election = world.election(ELECTION)
    # Guardian 1 seals garbage to guardian 2.
    bad = tools[0].deal(election)
    bad.shares[0].ciphertext = bytes(32)
    world.submit(bad, world.guardian_actors[0].key)
    for tool, actor in zip(tools[1:], world.guardian_actors[1:3], strict=True):
        world.submit(tool.deal(election), actor.key)
    election = world.election(ELECTION)
    dealt = world.stub.GetCeremony(pb.GetCeremonyRequest(election_id=ELECTION, guardian=2))
    complaint = tools[1].check_shares(election, dealt)
    assert isinstance(complaint, pb.ComplainGuardianShare) and complaint.dealer == 1
    # An unfounded complaint (guardian 3 against guardian 2's good share) is refused.
    dealt3 = world.stub.GetCeremony(pb.GetCeremonyRequest(election_id=ELECTION, guardian=3))
    honest = tools[2].check_shares(election, dealt3)
    assert isinstance(honest, pb.ConfirmGuardianKey)
    world.submit(complaint, world.guardian_actors[1].key)
    election = world.election(ELECTION)
    assert election.ceremony_status == "failed"
    assert election.ceremony_failure.startswith("SHARE_INVALID")
    # The board replaces guardian 1; the ceremony starts again.
    world.submit(
        pb.AmendElection(
            election_id=ELECTION,
            organiser=world.city.did,
            terms=world.terms(resolution(), guardians=world.guardian_actors[1:4], quorum=2),
            reason="guardian 1 dealt a bad share",
        ),
        *world.board_keys(),
    )
    world.guardian_actors = world.guardian_actors[1:4]
    world.ceremony(ELECTION)
    assert world.election(ELECTION).status == pb.ELECTION_STATUS_READY


def test_weighted_shareholder_vote(world: VotingWorld, tmp_path: Path) -> None:
    world.create(ELECTION, world.terms(resolution(), weighted=True))
    world.ceremony(ELECTION)
    rng = random.Random(4)
    weights = [rng.randint(1, 250_000) for _ in range(40)]
    holders = world.credentials(ELECTION, 40, weights)
    election = world.election(ELECTION)
    assert election.total_weight == sum(weights) and len(election.weight_root) == 32
    world.cosign(ELECTION, pb.CosignCheckpoint.PHASE_OPENING, [1, 2, 3])
    world.advance(DAY + 60)

    # A forged weight: the holder claims more shares than the register gives it.
    forger = holders[0]
    choice = [[1, 0, 0]]
    proof = crypto.weight_proof([(h.public, h.weight) for h in holders], forger.public)
    forged = world.ballot(election, forger, choice, register=holders)
    forged.action.weight = forger.weight * 10
    world.refused(forged.action, [forger.key], INVALID, "WEIGHT_PROOF_INVALID")
    # Another holder's proof for one's own key.
    other = world.ballot(election, holders[1], choice, register=holders)
    other.action.weight_proof.index = proof.index
    world.refused(other.action, [holders[1].key], INVALID, "WEIGHT_PROOF_INVALID")

    expected = [0, 0, 0]
    for holder in holders:
        pick = rng.randrange(3)
        votes = [[1 if k == pick else 0 for k in range(3)]]
        ballot = world.ballot(election, holder, votes, register=holders)
        world.submit(ballot.action, holder.key)
        world.cast(ELECTION, holder, ballot.code)
        expected[pick] += holder.weight
    world.advance(DAY)
    closing = world.checkpoint()
    # Guardian 1 proposes a made-up closing checkpoint: a vote, not a veto. The others cosign
    # the log's, and a quorum of them fixes it.
    real = parse_checkpoint(closing)
    fake = sign_checkpoint(
        Ed25519PrivateKey.generate(), "fake", real.origin, real.size + 5, bytes(32)
    )
    rogue = world.guardian_actors[0]
    world.submit(
        cosign_checkpoint(ELECTION, rogue.key, fake, pb.CosignCheckpoint.PHASE_CLOSING), rogue.key
    )
    assert world.election(ELECTION).status == pb.ELECTION_STATUS_READY
    for actor in world.guardian_actors[1:4]:
        world.submit(
            cosign_checkpoint(ELECTION, actor.key, closing, pb.CosignCheckpoint.PHASE_CLOSING),
            actor.key,
        )
    assert list(world.election(ELECTION).closing_cosigners) == [2, 3, 4]
    # A guardian cosigning another checkpoint after the first fixed it.
    late = world.guardian_actors[4]
    world.refused(
        cosign_checkpoint(
            ELECTION, late.key, world.checkpoint(), pb.CosignCheckpoint.PHASE_CLOSING
        ),
        [late.key],
        FAILED,
        "CHECKPOINT_MISMATCH",
    )
    tally = world.decrypt(ELECTION, [2, 4, 5])
    assert [c.total for c in tally.selections] == expected
    assert tally.counted_weight == sum(weights)
    header, entries = read_record(world.record(ELECTION, tmp_path / "agm.bin"))
    assert verify(header, entries, world.log_verifier()).totals == [expected]
    # The pure-Python reference agrees.
    assert verify(header, entries, world.log_verifier(), reference=True).totals == [expected]
