"""An election on a real node with a clock the test moves: the organiser "Città" with a 3-of-5
election board, the credential authority "Garante" (another organisation) with its officer,
five guardians each with its own tool, and voters who hold only per-election credential keys
(who holds which is a vault document of the authority)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import grpc
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from tabularium.api.convert.identity import type_url
from tabularium.chain.checkpoint import NoteVerifier, parse_checkpoint
from tabularium.chain.tx import timestamp_us
from tabularium.crypto import merkle
from tabularium.crypto import voting as crypto
from tabularium.identity.v1 import identity_pb2
from tabularium.ledger.v1 import ledger_pb2
from tabularium.voting.v1 import voting_pb2 as pb
from tabularium.voting.v1 import voting_pb2_grpc
from tabularium.voting_client import Guardian, VoterBallot, cosign_checkpoint, encrypt
from tabularium.voting_verify import record_parts, write_record
from tests.conftest import Chain, NodeProcess
from tests.integration.landregistry_world import Actor
from tests.integration.world import World

DAY = 86_400
FAILED = grpc.StatusCode.FAILED_PRECONDITION
INVALID = grpc.StatusCode.INVALID_ARGUMENT
DENIED = grpc.StatusCode.PERMISSION_DENIED
NOT_FOUND = grpc.StatusCode.NOT_FOUND
EXISTS = grpc.StatusCode.ALREADY_EXISTS


def budget_contest(costs: list[int], budget: int, limit: int) -> pb.Contest:
    contest = pb.Contest(
        id="projects",
        name="Bilancio partecipativo",
        limit=limit,
        selections=[
            pb.Selection(id=f"p{i}", name=f"Progetto {i}", maximum=1, cost=c)
            for i, c in enumerate(costs, start=1)
        ],
    )
    contest.budget = budget
    return contest


@dataclass
class Voter:
    """A voter as the ledger sees it: only the credential key."""

    key: Ed25519PrivateKey
    weight: int = 1

    @property
    def public(self) -> bytes:
        return self.key.public_key().public_bytes_raw()


class VotingWorld(World):
    def __init__(self, chain: Chain, node: NodeProcess, clock_file: Path | None = None) -> None:
        super().__init__(chain, node, clock_file)
        self.stub = voting_pb2_grpc.VotingServiceStub(node.channel())
        self.city = self.register("Citta", identity_pb2.IDENTITY_KIND_AGENCY)
        self.board = [self.register(f"Board{i}", owner=self.city) for i in range(1, 6)]
        for member in self.board:
            self.grant_role(self.city, member, "election-board")
        for action in (pb.CreateElection, pb.AmendElection):
            self.submit(
                identity_pb2.SetPolicy(
                    action_type_url=type_url(action),
                    organization=self.city.did,
                    roles=["election-board"],
                    threshold=3,
                ),
                self.city.key,
            )
        self.authority = self.register("Garante", identity_pb2.IDENTITY_KIND_AGENCY)
        self.issuer = self.register("Issuer", owner=self.authority)
        self.grant_role(self.authority, self.issuer, "credential-authority")
        self.guardian_actors = [self.register(f"Guardian{i}") for i in range(1, 6)]
        self.tools: list[Guardian] = []

    def board_keys(self, n: int = 3) -> list[Ed25519PrivateKey]:
        return [m.key for m in self.board[:n]]

    # ----- the election ------------------------------------------------------------------------

    def terms(
        self,
        contests: list[pb.Contest],
        *,
        quorum: int = 3,
        guardians: list[Actor] | None = None,
        authority: Actor | None = None,
        weighted: bool = False,
        opens_in: int = DAY,
        lasts: int = DAY,
    ) -> pb.ElectionTerms:
        opens = self.now_us() + opens_in * 1_000_000
        return pb.ElectionTerms(
            title="Elezione",
            contests=contests,
            guardians=[g.did for g in (guardians or self.guardian_actors)],
            quorum=quorum,
            credential_authority=(authority or self.authority).did,
            opens_at=timestamp_us(opens),
            closes_at=timestamp_us(opens + lasts * 1_000_000),
            weighted=weighted,
        )

    def create(self, election_id: str, terms: pb.ElectionTerms) -> None:
        self.submit(
            pb.CreateElection(election_id=election_id, organiser=self.city.did, terms=terms),
            *self.board_keys(),
        )

    def election(self, election_id: str) -> pb.Election:
        return self.stub.GetElection(
            pb.GetElectionRequest(election_id=election_id), timeout=10
        ).election

    def ceremony(self, election_id: str) -> list[Guardian]:
        """Every guardian runs the three rounds on its own machine."""
        election = self.election(election_id)
        self.tools = [Guardian.keygen(election, a.did) for a in self.guardian_actors]
        for tool, actor in zip(self.tools, self.guardian_actors, strict=True):
            self.submit(tool.register(election), actor.key)
        election = self.election(election_id)
        for tool, actor in zip(self.tools, self.guardian_actors, strict=True):
            self.submit(tool.deal(election), actor.key)
        election = self.election(election_id)
        for tool, actor in zip(self.tools, self.guardian_actors, strict=True):
            dealt = self.stub.GetCeremony(
                pb.GetCeremonyRequest(election_id=election_id, guardian=tool.index), timeout=10
            )
            answer = tool.check_shares(election, dealt)
            assert isinstance(answer, pb.ConfirmGuardianKey)
            self.submit(answer, actor.key)
        return self.tools

    def credentials(
        self, election_id: str, count: int, weights: list[int] | None = None
    ) -> list[Voter]:
        """The authority makes one credential per voter, keeps who holds which in its vault,
        and publishes the public keys (with the register root when weighted)."""
        voters = [
            Voter(Ed25519PrivateKey.generate(), weights[i] if weights else 1) for i in range(count)
        ]
        holders = {f"citizen-{i}": v.public.hex() for i, v in enumerate(voters)}
        self.vault_put(self.authority, json.dumps(holders).encode())
        root, total = b"", 0
        if weights:
            root = crypto.weight_register([(v.public, v.weight) for v in voters])
            total = sum(weights)
        for start in range(0, count, 5000):
            self.submit(
                pb.PublishCredentials(
                    election_id=election_id,
                    credential_authority=self.authority.did,
                    keys=[v.public for v in voters[start : start + 5000]],
                    weight_root=root,
                    total_weight=total,
                ),
                self.issuer.key,
            )
        return voters

    # ----- voting ------------------------------------------------------------------------------

    def ballot(
        self,
        election: pb.Election,
        voter: Voter,
        votes: list[list[int]],
        register: list[Voter] | None = None,
    ) -> VoterBallot:
        proof = None
        if register is not None:
            proof = crypto.weight_proof([(v.public, v.weight) for v in register], voter.public)
        return encrypt(election, votes, weight=voter.weight if register else 0, weight_proof=proof)

    def submit_many(self, signed: list[bytes]) -> list[ledger_pb2.SubmitResult]:
        results = []
        for start in range(0, len(signed), 100):
            response = self.node.ledger.SubmitTransactions(
                ledger_pb2.SubmitTransactionsRequest(transactions=signed[start : start + 100]),
                timeout=120,
            )
            results.extend(response.results)
        return results

    def cast(self, election_id: str, voter: Voter, code: bytes) -> ledger_pb2.Receipt:
        return self.submit(pb.CastBallot(election_id=election_id, code=code), voter.key)

    # ----- close and tally ---------------------------------------------------------------------

    def checkpoint(self) -> bytes:
        return bytes(
            self.node.ledger.GetCheckpoint(ledger_pb2.GetCheckpointRequest(), timeout=10).checkpoint
        )

    def check_consistency(self, older: bytes, newer: bytes) -> None:
        """What a guardian checks before cosigning the close: the log grew from the opening."""
        first, second = parse_checkpoint(older), parse_checkpoint(newer)
        proof = self.node.ledger.GetConsistencyProof(
            ledger_pb2.GetConsistencyProofRequest(first_size=first.size, second_size=second.size),
            timeout=10,
        ).hashes
        merkle.verify_consistency(first.size, second.size, list(proof), first.root, second.root)

    def cosign(self, election_id: str, phase: int, guardians: list[int]) -> bytes:
        note = self.checkpoint()
        for i in guardians:
            actor = self.guardian_actors[i - 1]
            self.submit(cosign_checkpoint(election_id, actor.key, note, phase), actor.key)
        return note

    def tally(self, election_id: str) -> pb.GetTallyResponse:
        return self.stub.GetTally(pb.GetTallyRequest(election_id=election_id), timeout=10)

    def record(self, election_id: str, path: Path) -> Path:
        """The election record, saved as `tabularium election record` saves it."""
        write_record(path, list(record_parts(self.stub, election_id)))
        return path

    def log_verifier(self) -> NoteVerifier:
        info = self.node.ledger.GetLogInfo(ledger_pb2.GetLogInfoRequest(), timeout=10)
        return NoteVerifier.parse(info.verifier_key)

    def decrypt(self, election_id: str, guardians: list[int]) -> pb.GetTallyResponse:
        election = self.election(election_id)
        tally = self.tally(election_id)
        for i in guardians:
            self.submit(
                self.tools[i - 1].tally_shares(election, tally), self.guardian_actors[i - 1].key
            )
        return self.tally(election_id)
