"""tabularium.voting.v1.VotingService: public reads of elections, ballots, the tally and the
election record. Everything here is public: ballots are ciphertexts under the guardians' joint
key, ceremony shares are sealed to their guardians, and no record names a voter."""

from __future__ import annotations

from collections.abc import AsyncIterator

from tabularium.api.context import Context
from tabularium.api.convert import voting as convert
from tabularium.api.servicers.snapshot import DomainSnapshot
from tabularium.chain.checkpoint import parse_checkpoint
from tabularium.chain.ledger import Ledger
from tabularium.domains.voting import NAMESPACE
from tabularium.domains.voting import rules as r
from tabularium.domains.voting.model import ceremony_hash
from tabularium.errors import FailedPrecondition, NotFound
from tabularium.voting.v1 import voting_pb2 as pb
from tabularium.voting.v1 import voting_pb2_grpc

RECORD_BATCH = 256


class VotingServicer(voting_pb2_grpc.VotingServiceServicer):
    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger

    def _election(self, snap: DomainSnapshot, election_id: str) -> pb.Election:
        record = r.election(snap, election_id)
        return convert.election_to_pb(
            record,
            r.ceremony(snap, record),
            ceremony_hash(record.election_id, record.terms_hash),
        )

    async def GetElection(
        self, request: pb.GetElectionRequest, context: Context
    ) -> pb.GetElectionResponse:
        with self._ledger.store.read() as txn:
            snap = DomainSnapshot(txn, NAMESPACE)
            return pb.GetElectionResponse(election=self._election(snap, request.election_id))

    async def GetCeremony(
        self, request: pb.GetCeremonyRequest, context: Context
    ) -> pb.GetCeremonyResponse:
        with self._ledger.store.read() as txn:
            snap = DomainSnapshot(txn, NAMESPACE)
            record = r.election(snap, request.election_id)
            n = len(record.terms.guardians)
            if not 1 <= request.guardian <= n:
                raise NotFound(
                    "NOT_A_GUARDIAN",
                    f"the election has guardians 1 to {n}, not {request.guardian}",
                    field="guardian",
                )
            shares = [
                pb.DealtShare(
                    dealer=dealer,
                    share=pb.EncryptedShare(
                        recipient=request.guardian,
                        alpha=sealed.alpha,
                        ciphertext=sealed.ciphertext,
                        mac=sealed.mac,
                    ),
                )
                for dealer, sealed in r.guardian_shares(snap, record, request.guardian)
            ]
        return pb.GetCeremonyResponse(shares=shares)

    async def GetBallot(
        self, request: pb.GetBallotRequest, context: Context
    ) -> pb.GetBallotResponse:
        with self._ledger.store.read() as txn:
            snap = DomainSnapshot(txn, NAMESPACE)
            r.election(snap, request.election_id)
            found = r.ballot(snap, request.election_id, bytes(request.code))
        if found is None:
            raise NotFound(
                "BALLOT_NOT_FOUND", f"no ballot with code {bytes(request.code).hex()}", field="code"
            )
        return pb.GetBallotResponse(ballot=convert.ballot_record_to_pb(found))

    async def GetTally(self, request: pb.GetTallyRequest, context: Context) -> pb.GetTallyResponse:
        with self._ledger.store.read() as txn:
            snap = DomainSnapshot(txn, NAMESPACE)
            record = r.election(snap, request.election_id)
            return convert.tally_to_pb(
                r.tally(snap, request.election_id), r.tally_shares(snap, record)
            )

    async def GetElectionRecord(
        self, request: pb.GetElectionRecordRequest, context: Context
    ) -> AsyncIterator[pb.GetElectionRecordResponse]:
        with self._ledger.store.read() as txn:
            snap = DomainSnapshot(txn, NAMESPACE)
            record = r.election(snap, request.election_id)
            election = self._election(snap, request.election_id)
            indices = r.entries(snap, record)
            stated = convert.tally_to_pb(
                r.tally(snap, request.election_id), r.tally_shares(snap, record)
            )
        if not record.closing_checkpoint:
            raise FailedPrecondition(
                "ELECTION_NOT_CLOSED",
                "the election record is complete once the guardians have cosigned the close",
            )
        size = parse_checkpoint(record.closing_checkpoint + b"\n").size
        head = self._ledger.head.size
        yield pb.GetElectionRecordResponse(
            header=pb.RecordHeader(
                election=election,
                closing_checkpoint=self._ledger.checkpoint(size),
                origin=self._ledger.genesis.origin,
                head_checkpoint=self._ledger.checkpoint(head),
                consistency_path=self._ledger.consistency_proof(size, head),
                tally=stated,
            )
        )
        for start in range(0, len(indices), RECORD_BATCH):
            batch = []
            for index in indices[start : start + RECORD_BATCH]:
                raw = self._ledger.entries(index, 1)[0]
                # Entries after the closing checkpoint (the cosignatures themselves, the tally)
                # are proved against the head checkpoint instead, consistent with the closing.
                path, _ = self._ledger.inclusion_proof(index, size if index < size else head)
                batch.append(pb.RecordEntry(index=index, transaction=raw, inclusion_path=path))
            yield pb.GetElectionRecordResponse(entries=pb.RecordEntries(entries=batch))
