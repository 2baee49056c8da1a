"""Voting through a real node, and the offline election verifier over the record it makes.

* Through the node: an election (three guardians, quorum 2; one participatory-budget contest
  of five projects under a budget) set up as transactions: CreateElection, the guardians' key
  ceremony (each guardian's tool, :class:`tabularium.voting_client.Guardian`), the credential
  list, the cosigned opening. Then one ballot per credential: presigned SubmitBallot (the
  node checks every range, limit and budget proof and the confirmation code) and CastBallot
  transactions sent with SubmitTransactions in batches: ballots/s (a ballot is both
  transactions), against notarising documents (RegisterDocument) through the same node in the
  same run: ``ballot_vs_notarize``. Then the close (a quorum of guardians cosigns the closing
  checkpoint), the decryption by a quorum, and the election record (GetElectionRecord).
* ``election verify``: :func:`tabularium.voting_verify.verify` over a record of
  ``verify_ballots`` ballots, with the extension and with ``reference=True`` (the pure-Python
  reference), same record, same run: ``verify_vs_reference``. The node election's record is
  also verified with the extension (``node.record_verify_ballots_per_s``). When the two sizes
  are equal, one election serves both.

The node's block clock is moved with TABULARIUM_CLOCK_OFFSET_FILE (past opens_at, then past
closes_at), as the integration tests do. Ballots are encrypted and signed before any clock
starts.
"""

from __future__ import annotations

import asyncio
import hashlib
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from google.protobuf.message import Message

from benchmarks.common import best_of, progress
from benchmarks.load.tax import _send
from tabularium.chain.checkpoint import NoteVerifier
from tabularium.chain.tx import timestamp_us
from tabularium.crypto.didkey import did_key
from tabularium.documents.v1 import documents_pb2
from tabularium.domains.voting.model import MAX_CREDENTIALS_PER_BATCH
from tabularium.identity.v1 import identity_pb2
from tabularium.keys import load_private_key
from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc
from tabularium.txbuild import build_signed, key_possession
from tabularium.voting.v1 import voting_pb2 as pb
from tabularium.voting.v1 import voting_pb2_grpc
from tabularium.voting_client import Guardian, cosign_checkpoint, encrypt
from tabularium.voting_verify import read_record, record_parts, verify, write_record
from tests.conftest import NodeProcess, run_cli

DAY = 86_400
GUARDIANS = 3
QUORUM = 2
COSTS = (120_000, 80_000, 150_000, 60_000, 90_000)
BUDGET = 300_000
LIMIT = 3
NODE_ELECTION = "bench-node"
VERIFY_ELECTION = "bench-verify"


def votes_for(n: int) -> list[int]:
    """Voter n's projects (by n's bits), dropping the dearest until within budget and limit."""
    row = [(n >> k) & 1 for k in range(len(COSTS))]
    while sum(c * v for c, v in zip(COSTS, row, strict=True)) > BUDGET or sum(row) > LIMIT:
        row[max(range(len(COSTS)), key=lambda k: COSTS[k] * row[k])] = 0
    return row


def contest() -> pb.Contest:
    out = pb.Contest(
        id="projects",
        name="Bilancio partecipativo",
        limit=LIMIT,
        selections=[
            pb.Selection(id=f"p{i}", name=f"Progetto {i}", maximum=1, cost=c)
            for i, c in enumerate(COSTS, start=1)
        ],
    )
    out.budget = BUDGET
    return out


def did(key: Ed25519PrivateKey) -> str:
    return did_key(key.public_key().public_bytes_raw())


@dataclass
class Election:
    election_id: str
    voters: list[Ed25519PrivateKey]
    tools: list[Guardian] = field(default_factory=list)
    submits: list[bytes] = field(default_factory=list)
    casts: list[bytes] = field(default_factory=list)
    expected: list[int] = field(default_factory=lambda: [0] * len(COSTS))
    record: Path | None = None


class _Node:
    """One node with a movable block clock; actions signed at its clock."""

    def __init__(self, node: NodeProcess, chain_id: str, clock: Path) -> None:
        self.node, self.chain_id, self.clock, self.offset_s = node, chain_id, clock, 0
        self.stub = voting_pb2_grpc.VotingServiceStub(node.channel())
        self.ledger = ledger_pb2_grpc.LedgerServiceStub(node.channel())

    def now_us(self) -> int:
        return time.time_ns() // 1000 + self.offset_s * 1_000_000

    def advance(self, seconds: int) -> None:
        self.offset_s += seconds
        self.clock.write_text(str(self.offset_s))

    def signed(self, action: Message, *keys: Ed25519PrivateKey) -> bytes:
        return build_signed(self.chain_id, action, keys, now_us=self.now_us(), window_seconds=3600)

    def send(self, raws: list[bytes]) -> float:
        return asyncio.run(_send(self.node.address, raws))

    def election(self, election_id: str) -> pb.Election:
        return self.stub.GetElection(
            pb.GetElectionRequest(election_id=election_id), timeout=30
        ).election

    def checkpoint(self) -> bytes:
        return bytes(
            self.ledger.GetCheckpoint(ledger_pb2.GetCheckpointRequest(), timeout=30).checkpoint
        )


def _setup(
    n: _Node, root: Ed25519PrivateKey, sizes: dict[str, int]
) -> tuple[list[Ed25519PrivateKey], list[Election]]:
    city, authority = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    guardians = [Ed25519PrivateKey.generate() for _ in range(GUARDIANS)]
    n.send(
        [
            n.signed(
                identity_pb2.RegisterIdentity(kind=kind, keys=[key_possession(k, did(k))]), root
            )
            for k, kind in (
                (city, identity_pb2.IDENTITY_KIND_AGENCY),
                (authority, identity_pb2.IDENTITY_KIND_AGENCY),
                *((g, identity_pb2.IDENTITY_KIND_COMPANY) for g in guardians),
            )
        ]
    )
    opens = n.now_us() + DAY * 1_000_000
    terms = pb.ElectionTerms(
        title="Bench",
        contests=[contest()],
        guardians=[did(g) for g in guardians],
        quorum=QUORUM,
        credential_authority=did(authority),
        opens_at=timestamp_us(opens),
        closes_at=timestamp_us(opens + DAY * 1_000_000),
    )
    elections = [
        Election(eid, [Ed25519PrivateKey.generate() for _ in range(count)])
        for eid, count in sizes.items()
    ]
    n.send(
        [
            n.signed(
                pb.CreateElection(election_id=e.election_id, organiser=did(city), terms=terms), city
            )
            for e in elections
        ]
    )
    # The ceremony: every guardian's tool, three rounds, each round one batch for all elections.
    for e in elections:
        election = n.election(e.election_id)
        e.tools = [Guardian.keygen(election, did(g)) for g in guardians]
    n.send(
        [
            n.signed(tool.register(n.election(e.election_id)), g)
            for e in elections
            for tool, g in zip(e.tools, guardians, strict=True)
        ]
    )
    n.send(
        [
            n.signed(tool.deal(n.election(e.election_id)), g)
            for e in elections
            for tool, g in zip(e.tools, guardians, strict=True)
        ]
    )
    confirms = []
    for e in elections:
        election = n.election(e.election_id)
        for tool, g in zip(e.tools, guardians, strict=True):
            dealt = n.stub.GetCeremony(
                pb.GetCeremonyRequest(election_id=e.election_id, guardian=tool.index), timeout=30
            )
            answer = tool.check_shares(election, dealt)
            assert isinstance(answer, pb.ConfirmGuardianKey), answer
            confirms.append(n.signed(answer, g))
    n.send(confirms)
    n.send(
        [
            n.signed(
                pb.PublishCredentials(
                    election_id=e.election_id,
                    credential_authority=did(authority),
                    keys=[
                        v.public_key().public_bytes_raw()
                        for v in e.voters[start : start + MAX_CREDENTIALS_PER_BATCH]
                    ],
                ),
                authority,
            )
            for e in elections
            for start in range(0, len(e.voters), MAX_CREDENTIALS_PER_BATCH)
        ]
    )
    note = n.checkpoint()
    n.send(
        [
            n.signed(
                cosign_checkpoint(e.election_id, g, note, pb.CosignCheckpoint.PHASE_OPENING), g
            )
            for e in elections
            for g in guardians[:QUORUM]
        ]
    )
    for e in elections:
        assert n.election(e.election_id).status == pb.ELECTION_STATUS_READY
    return guardians, elections


def _ballots(n: _Node, e: Election) -> None:
    """Every voter's ballot encrypted on its device, signed; its cast signed."""
    election = n.election(e.election_id)
    for i, voter in enumerate(e.voters):
        row = votes_for(i)
        ballot = encrypt(election, [row])
        e.submits.append(n.signed(ballot.action, voter))
        e.casts.append(n.signed(pb.CastBallot(election_id=e.election_id, code=ballot.code), voter))
        e.expected = [t + v for t, v in zip(e.expected, row, strict=True)]


def _close_and_tally(
    n: _Node, guardians: list[Ed25519PrivateKey], elections: list[Election]
) -> float:
    """The cosigned close and a quorum's decryption; the seconds from close to tally."""
    started = time.perf_counter()
    note = n.checkpoint()
    n.send(
        [
            n.signed(
                cosign_checkpoint(e.election_id, g, note, pb.CosignCheckpoint.PHASE_CLOSING), g
            )
            for e in elections
            for g in guardians[1 : 1 + QUORUM]
        ]
    )
    shares = []
    for e in elections:
        election = n.election(e.election_id)
        assert election.status == pb.ELECTION_STATUS_CLOSED, election.status
        tally = n.stub.GetTally(pb.GetTallyRequest(election_id=e.election_id), timeout=60)
        for tool, g in list(zip(e.tools, guardians, strict=True))[:QUORUM]:
            shares.append(n.signed(tool.tally_shares(election, tally), g))
    n.send(shares)
    seconds = time.perf_counter() - started
    for e in elections:
        tally = n.stub.GetTally(pb.GetTallyRequest(election_id=e.election_id), timeout=60)
        assert tally.decrypted and not tally.failure, tally.failure
        assert [c.total for c in tally.selections] == e.expected
        assert tally.counted == len(e.voters)
    return seconds


def _fetch_record(n: _Node, e: Election, folder: Path) -> float:
    path = folder / f"{e.election_id}.record"
    options = [("grpc.max_receive_message_length", 64 << 20)]
    started = time.perf_counter()
    with grpc.insecure_channel(n.node.address, options=options) as channel:
        stub = voting_pb2_grpc.VotingServiceStub(channel)
        write_record(path, list(record_parts(stub, e.election_id)))
    e.record = path
    return time.perf_counter() - started


def _verify_rate(e: Election, verifier: NoteVerifier, *, reference: bool) -> float:
    """Ballots/s of the whole record's verification (best of 3 when small)."""
    assert e.record is not None
    header, entries = read_record(e.record)
    ballots = len(e.voters)

    def once() -> None:
        report = verify(header, entries, verifier, reference=reference)
        assert report.counted == ballots and report.totals == [e.expected], report

    return ballots / best_of(once, 3 if ballots <= 200 else 1)


def run(ballots: int, verify_ballots: int) -> dict[str, Any]:
    sizes = {NODE_ELECTION: ballots}
    if verify_ballots != ballots:
        sizes[VERIFY_ELECTION] = verify_ballots
    with tempfile.TemporaryDirectory(prefix="tabularium-bench-voting-") as tmp:
        folder = Path(tmp)
        data_dir = folder / "data"
        clock = folder / "clock"
        clock.write_text("0")
        run_cli("init", "--data-dir", str(data_dir), "--chain-id", "bench")
        process = NodeProcess(data_dir, env={"TABULARIUM_CLOCK_OFFSET_FILE": str(clock)}).start()
        try:
            ledger = ledger_pb2_grpc.LedgerServiceStub(process.channel())
            info = ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10)
            n = _Node(process, info.chain_id, clock)
            root = load_private_key(data_dir / "keys" / "admin.key")
            progress(f"voting_node: elections {sizes}, ceremony of {GUARDIANS} guardians")
            guardians, elections = _setup(n, root, sizes)
            n.advance(DAY + 60)
            by_id = {e.election_id: e for e in elections}
            main = by_id[NODE_ELECTION]
            progress(f"voting_node: encrypting and signing {ballots} ballots")
            started = time.perf_counter()
            _ballots(n, main)
            encrypt_s = time.perf_counter() - started
            for e in elections:
                if e is not main:
                    _ballots(n, e)
            progress(f"voting_node: {ballots} ballots through the node (submit, then cast)")
            submit_s = n.send(main.submits)
            cast_s = n.send(main.casts)
            for e in elections:
                if e is not main:
                    n.send(e.submits)
                    n.send(e.casts)
            notarize_s = n.send(
                [
                    n.signed(
                        documents_pb2.RegisterDocument(
                            sha256=hashlib.sha256(b"baseline %d" % i).digest(), title="x"
                        ),
                        root,
                    )
                    for i in range(ballots)
                ]
            )
            ballot_bytes = sum(len(raw) for raw in main.submits) / ballots
            n.advance(DAY)
            progress("voting_node: close, decrypt, election records")
            close_s = _close_and_tally(n, guardians, elections)
            fetch_s = {e.election_id: _fetch_record(n, e, folder) for e in elections}
            verifier = NoteVerifier.parse(info.verifier_key)
        finally:
            process.terminate()
        record_bytes = main.record.stat().st_size if main.record else 0
        progress(f"voting_node: election verify, {ballots} ballots (extension)")
        node_verify = _verify_rate(main, verifier, reference=False)
        checked = by_id.get(VERIFY_ELECTION, main)
        progress(f"voting_node: election verify, {verify_ballots} ballots, both backends")
        rust = node_verify if checked is main else _verify_rate(checked, verifier, reference=False)
        reference = _verify_rate(checked, verifier, reference=True)
    node = {
        "ballots": ballots,
        "guardians": GUARDIANS,
        "quorum": QUORUM,
        "projects": len(COSTS),
        "ballot_tx_bytes": ballot_bytes,
        "client_encrypt_sign_ballots_per_s": ballots / encrypt_s,
        "submit_tx_per_s": ballots / submit_s,
        "cast_tx_per_s": ballots / cast_s,
        "ballots_per_s": ballots / (submit_s + cast_s),
        "notarize_tx_per_s": ballots / notarize_s,
        "close_and_tally_s": close_s,
        "record_fetch_s": fetch_s[NODE_ELECTION],
        "record_bytes": record_bytes,
        "record_verify_ballots_per_s": node_verify,
    }
    verify_block = {
        "ballots": verify_ballots,
        "ballots_per_s": rust,
        "reference_ballots_per_s": reference,
    }
    return {
        "node": node,
        "verify": verify_block,
        "ratios": {
            "ballot_vs_notarize": node["ballots_per_s"] / node["notarize_tx_per_s"],
            "verify_vs_reference": rust / reference,
        },
    }
