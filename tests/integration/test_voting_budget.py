"""A participatory budget through a real node: five projects under a budget and a district
contest with a value-2 selection, 3-of-5 guardians, 200 voters, revotes, Benaloh challenges and
an over-budget ballot; then the close, the tally and its checks."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.api.convert.voting import ballot_to_pb, terms_from_pb
from tabularium.crypto import voting as crypto
from tabularium.domains.voting.model import manifest
from tabularium.ledger.v1 import transaction_pb2
from tabularium.voting.v1 import voting_pb2 as pb
from tabularium.voting_client import cosign_checkpoint
from tabularium.voting_verify import VerificationFailed, read_record, verify
from tests.conftest import Chain, run_cli
from tests.helpers import expect_error
from tests.integration.pharma_world import clocked_node
from tests.integration.voting_world import (
    DAY,
    DENIED,
    EXISTS,
    FAILED,
    INVALID,
    Voter,
    VotingWorld,
    budget_contest,
)

ELECTION = "pb-2027"
COSTS = [120_000, 80_000, 150_000, 60_000, 90_000]
BUDGET = 300_000


@pytest.fixture
def world(chain: Chain, tmp_path: Path) -> Iterator[VotingWorld]:
    with clocked_node(chain, tmp_path) as (node, clock):
        yield VotingWorld(chain, node, clock)


def contests() -> list[pb.Contest]:
    district = pb.Contest(
        id="district",
        name="Quartiere",
        limit=2,
        selections=[
            pb.Selection(id="north", name="Nord", maximum=2),
            pb.Selection(id="south", name="Sud", maximum=2),
            pb.Selection(id="east", name="Est", maximum=2),
        ],
    )
    return [budget_contest(COSTS, BUDGET, 3), district]


def random_votes(rng: random.Random) -> list[list[int]]:
    while True:
        projects = [rng.randint(0, 1) for _ in COSTS]
        spent = sum(c * v for c, v in zip(COSTS, projects, strict=True))
        if spent <= BUDGET and sum(projects) <= 3:
            break
    district = [0, 0, 0]
    district[rng.randrange(3)] = rng.choice([1, 2])
    return [projects, district]


def test_participatory_budget_200_voters(world: VotingWorld, tmp_path: Path) -> None:
    terms = world.terms(contests())
    # The board acts by 3 of 5: two signatures are not enough.
    world.refused(
        pb.CreateElection(election_id=ELECTION, organiser=world.city.did, terms=terms),
        world.board_keys(2),
        DENIED,
        "NOT_AUTHORIZED",
    )
    # The credential authority cannot be the organiser's own unit.
    unit = world.register("Anagrafe", owner=world.city)
    world.refused(
        pb.CreateElection(
            election_id=ELECTION,
            organiser=world.city.did,
            terms=world.terms(contests(), authority=unit),
        ),
        world.board_keys(),
        FAILED,
        "CREDENTIAL_AUTHORITY_NOT_INDEPENDENT",
    )
    world.create(ELECTION, terms)
    # Before the ceremony completes, no ballot: the election is not open.
    amended = world.terms(contests(), quorum=3)
    world.submit(
        pb.AmendElection(
            election_id=ELECTION, organiser=world.city.did, terms=amended, reason="window"
        ),
        *world.board_keys(),
    )
    tools = world.ceremony(ELECTION)
    election = world.election(ELECTION)
    assert election.status == pb.ELECTION_STATUS_READY
    assert len(election.extended_base_hash) == 32
    # Frozen once the ceremony has run.
    world.refused(
        pb.AmendElection(
            election_id=ELECTION, organiser=world.city.did, terms=amended, reason="late"
        ),
        world.board_keys(),
        FAILED,
        "ELECTION_FROZEN",
    )
    voters = world.credentials(ELECTION, 200)
    assert world.election(ELECTION).credentials == 200
    outsider = Voter(Ed25519PrivateKey.generate())
    rng = random.Random(2027)

    # Too early: the window opens tomorrow.
    early = world.ballot(election, voters[0], random_votes(rng))
    world.refused(early.action, [voters[0].key], FAILED, "ELECTION_NOT_OPEN")
    opening = world.cosign(ELECTION, pb.CosignCheckpoint.PHASE_OPENING, [1, 2, 3, 4, 5])
    world.advance(DAY + 60)

    # An unlisted key is not eligible; the refusal is unattributable, so nothing is logged.
    stray = world.ballot(election, outsider, random_votes(rng))
    expect_error(lambda: world.submit(stray.action, outsider.key), DENIED, "NOT_ELIGIBLE")

    expected = {(0, j): 0 for j in range(5)} | {(1, j): 0 for j in range(3)}
    final: dict[int, list[list[int]]] = {}
    signed, pending = [], []
    for n, voter in enumerate(voters):
        votes = random_votes(rng)
        ballot = world.ballot(election, voter, votes)
        signed.append(world.sign(ballot.action, voter.key))
        pending.append((n, voter, votes, ballot))
    results = world.submit_many(signed)
    assert all(not r.HasField("error") for r in results), "".join(world.node.log_lines[-40:])
    casts = [
        world.sign(pb.CastBallot(election_id=ELECTION, code=b.code), v.key)
        for n, v, _, b in pending
        if n % 10 != 0
    ]
    assert all(not r.HasField("error") for r in world.submit_many(casts))
    for n, _, votes, _ in pending:
        if n % 10 != 0:
            final[n] = votes

    # Benaloh: voter 0 challenges; anyone decrypts the challenged ballot with its nonce.
    _, voter0, votes0, ballot0 = pending[0]
    world.submit(
        pb.ChallengeBallot(election_id=ELECTION, code=ballot0.code, nonce=ballot0.nonce),
        voter0.key,
    )
    seen = world.stub.GetBallot(pb.GetBallotRequest(election_id=ELECTION, code=ballot0.code))
    assert seen.ballot.state == pb.BALLOT_STATE_CHALLENGED
    assert [list(r.votes) for r in seen.ballot.challenged_votes] == votes0
    world.refused(
        pb.CastBallot(election_id=ELECTION, code=ballot0.code),
        [voter0.key],
        FAILED,
        "ALREADY_CHALLENGED",
    )
    # A wrong nonce does not open a pending ballot.
    _, voter10, votes10, ballot10 = pending[10]
    world.refused(
        pb.ChallengeBallot(election_id=ELECTION, code=pending[20][3].code, nonce=bytes(32)),
        [pending[20][1].key],
        INVALID,
        "NONCE_MISMATCH",
    )
    # Challenge after cast.
    _, voter1, _, ballot1 = pending[1]
    world.refused(
        pb.ChallengeBallot(election_id=ELECTION, code=ballot1.code, nonce=ballot1.nonce),
        [voter1.key],
        FAILED,
        "ALREADY_CAST",
    )
    # Someone else's ballot.
    world.refused(
        pb.CastBallot(election_id=ELECTION, code=ballot10.code),
        [voter1.key],
        DENIED,
        "NOT_YOUR_BALLOT",
    )
    # The same ballot again: its confirmation code is taken.
    world.refused(ballot1.action, [voter1.key], EXISTS, "DUPLICATE_BALLOT")
    # A flipped bit in a proof.
    bad = world.ballot(election, voter10, votes10)
    tampered = pb.SubmitBallot()
    tampered.CopyFrom(bad.action)
    c = bytearray(tampered.contests[0].selections[0].proof[0].c)
    c[0] ^= 1
    tampered.contests[0].selections[0].proof[0].c = bytes(c)
    world.refused(tampered, [voter10.key], INVALID, "INVALID_PROOF")
    # A point off the group.
    tampered.CopyFrom(bad.action)
    tampered.contests[1].selections[0].alpha = b"\xff" * 32
    world.refused(tampered, [voter10.key], INVALID, "INVALID_GROUP_ELEMENT")
    # Over budget (350,000 of 300,000): a device that believes the budget is 500,000 (as many
    # bits) cannot make a valid proof.
    generous = [
        crypto.ContestSpec(s.limit, s.maxima, s.costs, 500_000) if s.costs else s
        for s in manifest(terms_from_pb(election.terms))
    ]
    over = crypto.encrypt_ballot(
        election.extended_base_hash,
        election.joint_key,
        generous,
        [[1, 1, 1, 0, 0], [1, 0, 0]],
        crypto.ballot_nonce(),
        election.extended_base_hash,
    )
    world.refused(
        ballot_to_pb(ELECTION, over, election.extended_base_hash),
        [voter10.key],
        INVALID,
        "INVALID_PROOF",
    )
    # Voter 10 (pending) casts after all; voters 1 and 2 revote: the later cast replaces.
    world.cast(ELECTION, voter10, ballot10.code)
    final[10] = votes10
    # They submit in one batch with two bad ballots (a flipped proof bit, a point off the
    # group): the node checks a block's ballots in one parallel batch, and each still gets its
    # own verdict.
    flipped = pb.SubmitBallot()
    flipped.CopyFrom(bad.action)
    flipped.contests[0].selections[1].proof[0].v = bytes(32)
    off_group = pb.SubmitBallot()
    off_group.CopyFrom(bad.action)
    off_group.contests[0].selections[2].beta = b"\xff" * 32
    batch = [world.sign(flipped, voter10.key), world.sign(off_group, voter10.key)]
    revotes = []
    for n in (1, 2):
        _, voter, _, _ = pending[n]
        votes = random_votes(rng)
        again = world.ballot(election, voter, votes)
        batch.append(world.sign(again.action, voter.key))
        revotes.append((n, voter, votes, again))
    verdicts = world.submit_many(batch)
    assert [r.error.reason for r in verdicts] == ["INVALID_PROOF", "INVALID_GROUP_ELEMENT", "", ""]
    for n, voter, votes, again in revotes:
        world.cast(ELECTION, voter, again.code)
        final[n] = votes
    first = world.stub.GetBallot(pb.GetBallotRequest(election_id=ELECTION, code=ballot1.code))
    assert first.ballot.state == pb.BALLOT_STATE_SUPERSEDED

    # Decryption before the close.
    world.refused(
        pb.PostTallyShare(election_id=ELECTION),
        [world.guardian_actors[0].key],
        FAILED,
        "ELECTION_NOT_CLOSED",
    )
    # The close: not before closes_at; not by a non-guardian.
    note = world.checkpoint()
    world.refused(
        cosign_checkpoint(
            ELECTION, world.guardian_actors[0].key, note, pb.CosignCheckpoint.PHASE_CLOSING
        ),
        [world.guardian_actors[0].key],
        FAILED,
        "ELECTION_NOT_OVER",
    )
    world.advance(DAY)
    world.refused(
        cosign_checkpoint(ELECTION, world.issuer.key, note, pb.CosignCheckpoint.PHASE_CLOSING),
        [world.issuer.key],
        DENIED,
        "NOT_A_GUARDIAN",
    )
    world.refused(
        pb.CastBallot(election_id=ELECTION, code=pending[30][3].code),
        [pending[30][1].key],
        FAILED,
        "ELECTION_NOT_OPEN",
    )
    closing = world.checkpoint()
    world.check_consistency(opening, closing)
    for i in (2, 4, 5):
        actor = world.guardian_actors[i - 1]
        world.submit(
            cosign_checkpoint(ELECTION, actor.key, closing, pb.CosignCheckpoint.PHASE_CLOSING),
            actor.key,
        )
    assert world.election(ELECTION).status == pb.ELECTION_STATUS_CLOSED
    # Any 3 of the 5 guardians decrypt.
    tally = world.decrypt(ELECTION, [5, 1, 3])
    assert tally.decrypted and not tally.failure
    for votes in final.values():
        for i, row in enumerate(votes):
            for j, v in enumerate(row):
                expected[(i, j)] += v
    assert {(c.contest, c.selection): c.total for c in tally.selections} == expected
    assert tally.counted == len(final)
    assert world.election(ELECTION).status == pb.ELECTION_STATUS_TALLIED
    del tools

    # The offline verifier checks the whole record and finds the same totals.
    path = world.record(ELECTION, tmp_path / "record.bin")
    header, entries = read_record(path)
    report = verify(header, entries, world.log_verifier())
    assert report.totals == [[expected[(i, j)] for j in range(n)] for i, n in ((0, 5), (1, 3))]
    assert report.counted == len(final) and report.challenged == 1
    tampered_records(header, entries, world.log_verifier())

    # No entry names a voter: the vault's holder names appear nowhere in the log, and no
    # ballot action is signed by an identity's key.
    blob = b"".join(world.log_entries())
    assert b"citizen-" not in blob

    # The node took every ballot's verdict from its block's batch (the prepare hook). A replay
    # without hooks, each ballot checked in its own handler, reaches the same state digests.
    world.node.terminate()
    for extra in ([], ["--no-prepare"]):
        replayed = run_cli("verify", "--data-dir", str(world.chain.data_dir), *extra)
        assert json.loads(replayed.stdout)["ok"] is True, replayed.stdout


def _fails(code: str, header: pb.RecordHeader, entries: list[pb.RecordEntry], key: object) -> None:
    with pytest.raises(VerificationFailed) as caught:
        verify(header, entries, key)  # type: ignore[arg-type]
    assert caught.value.code == code, caught.value


def tampered_records(header: pb.RecordHeader, entries: list[pb.RecordEntry], key: object) -> None:
    """Each way to doctor a record is named by the verifier."""
    kinds = [_kind(e) for e in entries]
    # A counted ballot removed (its submission and its cast; the last cast is a revote, which
    # counts): the stated tally no longer adds up.
    cast_at = len(kinds) - 1 - kinds[::-1].index("CastBallot")
    code = _action(entries[cast_at], pb.CastBallot).code
    dropped = [
        e
        for e, k in zip(entries, kinds, strict=True)
        if not (k in ("SubmitBallot", "CastBallot") and _action(e, _CLASSES[k]).code == code)
    ]
    _fails("TALLY_MISMATCH", header, dropped, key)
    # Only the submission removed: the cast points at a missing ballot.
    submit_at = next(
        n
        for n, (e, k) in enumerate(zip(entries, kinds, strict=True))
        if k == "SubmitBallot" and _action(e, pb.SubmitBallot).code == code
    )
    _fails("BALLOT_MISSING", header, entries[:submit_at] + entries[submit_at + 1 :], key)
    # One bit flipped in a ballot's proof: the entry is no longer the logged one.
    flipped = pb.RecordEntry()
    flipped.CopyFrom(entries[submit_at])
    raw = bytearray(flipped.transaction)
    raw[len(raw) // 2] ^= 1
    flipped.transaction = bytes(raw)
    _fails(
        "ENTRY_NOT_IN_LOG", header, [*entries[:submit_at], flipped, *entries[submit_at + 1 :]], key
    )
    # Entries out of log order.
    shares_at = [n for n, k in enumerate(kinds) if k == "PostTallyShare"]
    swapped = list(entries)
    swapped[shares_at[0]], swapped[shares_at[1]] = entries[shares_at[1]], entries[shares_at[0]]
    _fails("RECORD_MALFORMED", header, swapped, key)
    # A bad decryption share: a guardian's posted share replaced by another point.
    signed = transaction_pb2.SignedTransaction.FromString(entries[shares_at[0]].transaction)
    body = transaction_pb2.TransactionBody.FromString(signed.body)
    posted = pb.PostTallyShare.FromString(body.action.value)
    posted.shares[0].share = posted.shares[1].share
    body.action.value = posted.SerializeToString()
    signed.body = body.SerializeToString()
    bad = pb.RecordEntry()
    bad.CopyFrom(entries[shares_at[0]])
    bad.transaction = signed.SerializeToString()
    replaced = list(entries)
    replaced[shares_at[0]] = bad
    _fails("ENTRY_NOT_IN_LOG", header, replaced, key)
    # A challenged ballot counted: the node states a tally that includes it.
    challenged_at = kinds.index("ChallengeBallot")
    ccode = _action(entries[challenged_at], pb.ChallengeBallot).code
    ballot = next(
        _action(e, pb.SubmitBallot)
        for e, k in zip(entries, kinds, strict=True)
        if k == "SubmitBallot" and _action(e, pb.SubmitBallot).code == ccode
    )
    inflated = pb.RecordHeader()
    inflated.CopyFrom(header)
    for cell in inflated.tally.selections:
        sel = ballot.contests[cell.contest].selections[cell.selection]
        summed = crypto.aggregate(
            [
                (crypto.Ciphertext(cell.alpha, cell.beta), 1),
                (crypto.Ciphertext(bytes(sel.alpha), bytes(sel.beta)), 1),
            ]
        )
        cell.alpha, cell.beta = summed.alpha, summed.beta
    _fails("TALLY_MISMATCH", inflated, entries, key)
    # A forged total.
    forged = pb.RecordHeader()
    forged.CopyFrom(header)
    forged.tally.selections[0].total += 1
    _fails("TALLY_MISMATCH", forged, entries, key)


_CLASSES = {"SubmitBallot": pb.SubmitBallot, "CastBallot": pb.CastBallot}


def _kind(entry: pb.RecordEntry) -> str:
    signed = transaction_pb2.SignedTransaction.FromString(entry.transaction)
    body = transaction_pb2.TransactionBody.FromString(signed.body)
    return body.action.type_url.rsplit(".", 1)[1]


def _action(entry: pb.RecordEntry, cls: type) -> object:
    signed = transaction_pb2.SignedTransaction.FromString(entry.transaction)
    body = transaction_pb2.TransactionBody.FromString(signed.body)
    return cls.FromString(body.action.value)
