"""Decoding tabularium.voting.v1 actions into domain values, and records into messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tabularium.api.convert.identity import parse, type_url
from tabularium.chain.tx import timestamp_us, us_from_timestamp
from tabularium.crypto import voting as crypto
from tabularium.domains import ceremony as dkg
from tabularium.domains.voting import model as m
from tabularium.errors import InvalidArgument
from tabularium.voting.v1 import voting_pb2 as pb

_PHASE = {
    pb.CosignCheckpoint.PHASE_OPENING: m.OPENING,
    pb.CosignCheckpoint.PHASE_CLOSING: m.CLOSING,
}
ELECTION_STATUS = {
    m.SETUP: pb.ELECTION_STATUS_SETUP,
    m.READY: pb.ELECTION_STATUS_READY,
    m.CLOSED: pb.ELECTION_STATUS_CLOSED,
    m.TALLIED: pb.ELECTION_STATUS_TALLIED,
}
BALLOT_STATE = {
    m.PENDING: pb.BALLOT_STATE_PENDING,
    m.CAST: pb.BALLOT_STATE_CAST,
    m.CHALLENGED: pb.BALLOT_STATE_CHALLENGED,
    m.SUPERSEDED: pb.BALLOT_STATE_SUPERSEDED,
}


# ----- messages -> domain values ---------------------------------------------------------------


def terms_from_pb(msg: pb.ElectionTerms) -> m.Terms:
    if not msg.HasField("opens_at") or not msg.HasField("closes_at"):
        raise InvalidArgument(
            "BAD_WINDOW", "terms.opens_at and terms.closes_at are required", field="terms"
        )
    return m.Terms(
        title=msg.title,
        contests=tuple(
            m.ContestTerms(
                id=c.id,
                name=c.name,
                limit=c.limit,
                selections=tuple(
                    m.SelectionTerms(s.id, s.name, s.maximum, s.cost) for s in c.selections
                ),
                budget=c.budget if c.HasField("budget") else None,
            )
            for c in msg.contests
        ),
        guardians=tuple(msg.guardians),
        quorum=msg.quorum,
        credential_authority=msg.credential_authority,
        opens_at_us=us_from_timestamp(msg.opens_at),
        closes_at_us=us_from_timestamp(msg.closes_at),
        weighted=msg.weighted,
    )


def terms_to_pb(terms: m.Terms) -> pb.ElectionTerms:
    contests = []
    for c in terms.contests:
        contest = pb.Contest(
            id=c.id,
            name=c.name,
            limit=c.limit,
            selections=[
                pb.Selection(id=s.id, name=s.name, maximum=s.maximum, cost=s.cost)
                for s in c.selections
            ],
        )
        if c.budget is not None:
            contest.budget = c.budget
        contests.append(contest)
    return pb.ElectionTerms(
        title=terms.title,
        contests=contests,
        guardians=list(terms.guardians),
        quorum=terms.quorum,
        credential_authority=terms.credential_authority,
        opens_at=timestamp_us(terms.opens_at_us),
        closes_at=timestamp_us(terms.closes_at_us),
        weighted=terms.weighted,
    )


def decode_create(value: bytes) -> m.CreateElection:
    msg = parse(pb.CreateElection, value)
    return m.CreateElection(msg.election_id, msg.organiser, terms_from_pb(msg.terms))


def decode_amend(value: bytes) -> m.AmendElection:
    msg = parse(pb.AmendElection, value)
    return m.AmendElection(msg.election_id, msg.organiser, terms_from_pb(msg.terms), msg.reason)


def decode_register_key(value: bytes) -> m.RegisterGuardianKey:
    msg = parse(pb.RegisterGuardianKey, value)
    return m.RegisterGuardianKey(
        msg.election_id, bytes(msg.public_key), bytes(msg.proof.c), bytes(msg.proof.v)
    )


def decode_deal(value: bytes) -> m.DealGuardianShares:
    msg = parse(pb.DealGuardianShares, value)
    return m.DealGuardianShares(
        election_id=msg.election_id,
        commitments=tuple(bytes(c) for c in msg.commitments),
        proofs=tuple((bytes(p.c), bytes(p.v)) for p in msg.proofs),
        shares=tuple(
            m.SealedShare(s.recipient, bytes(s.alpha), bytes(s.ciphertext), bytes(s.mac))
            for s in msg.shares
        ),
    )


def decode_confirm(value: bytes) -> m.ConfirmGuardianKey:
    msg = parse(pb.ConfirmGuardianKey, value)
    return m.ConfirmGuardianKey(msg.election_id, bytes(msg.joint_key))


def decode_complain(value: bytes) -> m.ComplainGuardianShare:
    msg = parse(pb.ComplainGuardianShare, value)
    return m.ComplainGuardianShare(
        msg.election_id, msg.dealer, bytes(msg.shared), bytes(msg.proof.c), bytes(msg.proof.v)
    )


def decode_credentials(value: bytes) -> m.PublishCredentials:
    msg = parse(pb.PublishCredentials, value)
    return m.PublishCredentials(
        msg.election_id,
        msg.credential_authority,
        tuple(bytes(k) for k in msg.keys),
        bytes(msg.weight_root),
        msg.total_weight,
    )


def _proof(pairs: Any) -> crypto.Proof:
    return tuple((bytes(p.c), bytes(p.v)) for p in pairs)


def _selection(msg: pb.EncryptedSelection) -> crypto.EncryptedSelection:
    return crypto.EncryptedSelection(
        crypto.Ciphertext(bytes(msg.alpha), bytes(msg.beta)), _proof(msg.proof)
    )


def ballot_from_pb(msg: pb.SubmitBallot) -> crypto.EncryptedBallot:
    contests = []
    for c in msg.contests:
        budget = None
        if c.HasField("budget"):
            budget = crypto.BudgetProof(
                tuple(_selection(b) for b in c.budget.bits),
                (bytes(c.budget.link.c), bytes(c.budget.link.v)),
            )
        contests.append(
            crypto.EncryptedContest(
                tuple(_selection(s) for s in c.selections), _proof(c.proof), budget
            )
        )
    return crypto.EncryptedBallot(tuple(contests), bytes(msg.code))


def _selection_pb(s: crypto.EncryptedSelection) -> pb.EncryptedSelection:
    return pb.EncryptedSelection(
        alpha=s.ciphertext.alpha,
        beta=s.ciphertext.beta,
        proof=[pb.Proof(c=c, v=v) for c, v in s.proof],
    )


def ballot_to_pb(
    election_id: str,
    ballot: crypto.EncryptedBallot,
    chaining: bytes,
    weight: int = 0,
    weight_proof: crypto.WeightProof | None = None,
) -> pb.SubmitBallot:
    """The SubmitBallot a voter's device signs with the credential key."""
    contests = []
    for c in ballot.contests:
        contest = pb.EncryptedContest(
            selections=[_selection_pb(s) for s in c.selections],
            proof=[pb.Proof(c=x, v=y) for x, y in c.proof],
        )
        if c.budget is not None:
            contest.budget.CopyFrom(
                pb.BudgetProof(
                    bits=[_selection_pb(b) for b in c.budget.bits],
                    link=pb.Proof(c=c.budget.link[0], v=c.budget.link[1]),
                )
            )
        contests.append(contest)
    msg = pb.SubmitBallot(
        election_id=election_id, contests=contests, chaining=chaining, code=ballot.code
    )
    if weight_proof is not None:
        msg.weight = weight
        msg.weight_proof.CopyFrom(
            pb.WeightProof(
                index=weight_proof.index, size=weight_proof.size, path=list(weight_proof.path)
            )
        )
    return msg


def decode_submit(value: bytes) -> m.SubmitBallot:
    msg = parse(pb.SubmitBallot, value)
    proof = None
    if msg.HasField("weight_proof"):
        p = msg.weight_proof
        proof = crypto.WeightProof(p.index, p.size, tuple(bytes(x) for x in p.path))
    return m.SubmitBallot(
        election_id=msg.election_id,
        ballot=ballot_from_pb(msg),
        chaining=bytes(msg.chaining),
        weight=msg.weight,
        weight_proof=proof,
    )


def decode_cast(value: bytes) -> m.CastBallot:
    msg = parse(pb.CastBallot, value)
    return m.CastBallot(msg.election_id, bytes(msg.code))


def decode_challenge(value: bytes) -> m.ChallengeBallot:
    msg = parse(pb.ChallengeBallot, value)
    return m.ChallengeBallot(msg.election_id, bytes(msg.code), bytes(msg.nonce))


def decode_cosign(value: bytes) -> m.CosignCheckpoint:
    msg = parse(pb.CosignCheckpoint, value)
    if msg.phase not in _PHASE:
        raise InvalidArgument("BAD_PHASE", "phase is OPENING or CLOSING", field="phase")
    sig = msg.cosignature
    return m.CosignCheckpoint(
        msg.election_id,
        _PHASE[msg.phase],
        m.Cosignature(bytes(sig.checkpoint), sig.timestamp, bytes(sig.signature)),
    )


def decode_tally_share(value: bytes) -> m.PostTallyShare:
    msg = parse(pb.PostTallyShare, value)
    return m.PostTallyShare(
        msg.election_id,
        tuple(
            m.PartialDecryption(
                s.contest, s.selection, bytes(s.share), bytes(s.proof.c), bytes(s.proof.v)
            )
            for s in msg.shares
        ),
    )


# (type URL, decoder, handler name in domains.voting.rules, default policy roles, the action's
# field naming the organisation it acts for ("" for none: the rules check the signer), and
# whether a voter's credential key signs it instead of an identity).
ACTIONS: tuple[tuple[str, Callable[[bytes], Any], str, tuple[str, ...], str, bool], ...] = (
    (
        type_url(pb.CreateElection),
        decode_create,
        "create_election",
        ("admin", "election-board"),
        "organiser",
        False,
    ),
    (
        type_url(pb.AmendElection),
        decode_amend,
        "amend_election",
        ("admin", "election-board"),
        "organiser",
        False,
    ),
    (
        type_url(pb.RegisterGuardianKey),
        decode_register_key,
        "register_guardian_key",
        ("*",),
        "",
        False,
    ),
    (type_url(pb.DealGuardianShares), decode_deal, "deal_guardian_shares", ("*",), "", False),
    (type_url(pb.ConfirmGuardianKey), decode_confirm, "confirm_guardian_key", ("*",), "", False),
    (
        type_url(pb.ComplainGuardianShare),
        decode_complain,
        "complain_guardian_share",
        ("*",),
        "",
        False,
    ),
    (
        type_url(pb.PublishCredentials),
        decode_credentials,
        "publish_credentials",
        ("admin", "credential-authority"),
        "credential_authority",
        False,
    ),
    (type_url(pb.SubmitBallot), decode_submit, "submit_ballot", ("*",), "", True),
    (type_url(pb.CastBallot), decode_cast, "cast_ballot", ("*",), "", True),
    (type_url(pb.ChallengeBallot), decode_challenge, "challenge_ballot", ("*",), "", True),
    (type_url(pb.CosignCheckpoint), decode_cosign, "cosign_checkpoint", ("*",), "", False),
    (type_url(pb.PostTallyShare), decode_tally_share, "post_tally_share", ("*",), "", False),
)


PUBLISH_CREDENTIALS = type_url(pb.PublishCredentials)
SUBMIT_BALLOT = type_url(pb.SubmitBallot)


# ----- records -> messages ---------------------------------------------------------------------


def election_to_pb(
    record: m.ElectionRecord, ceremony: dkg.CeremonyRecord, h_c: bytes
) -> pb.Election:
    return pb.Election(
        election_id=record.election_id,
        organiser=record.organiser,
        terms=terms_to_pb(record.terms),
        terms_hash=record.terms_hash,
        status=ELECTION_STATUS[record.status],
        ceremony_status=ceremony.status,
        ceremony_failure=ceremony.failure,
        guardian_keys=list(ceremony.keys),
        commitments=[pb.GuardianCommitments(commitments=list(c)) for c in ceremony.commitments],
        confirmed=list(ceremony.confirmed),
        joint_key=ceremony.joint_key,
        share_keys=list(ceremony.share_keys),
        ceremony_hash=h_c,
        extended_base_hash=record.h_e,
        credentials=record.credentials,
        weight_root=record.weight_root,
        total_weight=record.total_weight,
        ballots_submitted=record.submitted,
        ballots_cast=record.cast,
        ballots_challenged=record.challenged,
        opening_cosigners=list(m.cosigners(record.opening_votes, record.opening_checkpoint)),
        opening_checkpoint=record.opening_checkpoint,
        closing_cosigners=list(m.cosigners(record.closing_votes, record.closing_checkpoint)),
        closing_checkpoint=record.closing_checkpoint,
        opening_votes=[
            pb.CheckpointVote(guardian=v.guardian, checkpoint=v.checkpoint)
            for v in record.opening_votes
        ],
        closing_votes=[
            pb.CheckpointVote(guardian=v.guardian, checkpoint=v.checkpoint)
            for v in record.closing_votes
        ],
        entries=record.entries,
        created_entry=record.created_entry,
    )


def ballot_record_to_pb(record: m.BallotRecord) -> pb.Ballot:
    return pb.Ballot(
        code=record.code,
        state=BALLOT_STATE[record.state],
        credential=record.credential,
        weight=record.weight,
        submitted_entry=record.submitted_entry,
        decided_entry=max(record.decided_entry, 0),
        challenged_votes=[pb.ContestVotes(votes=list(r)) for r in record.challenged_votes],
    )


def partial_to_pb(share: m.PartialDecryption) -> pb.PartialDecryption:
    return pb.PartialDecryption(
        contest=share.contest,
        selection=share.selection,
        share=share.share,
        proof=pb.Proof(c=share.proof_c, v=share.proof_v),
    )


def tally_to_pb(
    record: m.TallyRecord | None, partials: list[tuple[int, m.PartialRecord]]
) -> pb.GetTallyResponse:
    if record is None:
        return pb.GetTallyResponse()
    return pb.GetTallyResponse(
        selections=[
            pb.TallySelection(
                contest=c.contest,
                selection=c.selection,
                alpha=c.alpha,
                beta=c.beta,
                total=max(c.total, 0),
            )
            for c in record.cells
        ],
        partials=[
            pb.GuardianPartials(guardian=g, shares=[partial_to_pb(s) for s in p.shares])
            for g, p in partials
        ],
        decrypted=record.decrypted,
        failure=record.failure,
        counted=record.counted,
        counted_weight=record.counted_weight,
    )
