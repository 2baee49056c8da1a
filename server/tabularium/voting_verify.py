"""The offline election verifier (`tabularium election verify RECORD --log-key KEY`).

An election record (VotingService.GetElectionRecord, saved by `tabularium election record`)
holds every accepted log entry of one election as signed, each with its inclusion proof, and
the log's signed closing and head checkpoints. From that alone, and the log's verifier key,
this module checks, in order:

1. the checkpoints are the log's and the head extends the closing one;
2. every entry is in the log and every signature on it verifies;
3. the guardians' ceremony: each key's and commitment's proof, the joint key, the hashes H_C
   and H_E (bound to the manifest and the commitments) as the node states them;
4. every ballot: its signer is a listed credential, its proofs and confirmation code, its
   weight proof against the register root, codes unique; each cast and challenge follows the
   rules, challenged ballots decrypt with their revealed nonce and never count;
5. a quorum of guardians cosigned the closing checkpoint (cosignature/v1), and every ballot
   entry is under it;
6. the tally: the weighted sum of each credential's last cast ballot equals the tally the node
   states, each partial decryption's Chaum-Pedersen proof holds, and the combined decryption
   gives the stated totals.

The first failure raises :class:`VerificationFailed` with a code naming it (and the entry).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from google.protobuf import any_pb2
from google.protobuf.internal.decoder import _DecodeVarint  # type: ignore[attr-defined]
from google.protobuf.internal.encoder import _VarintBytes  # type: ignore[attr-defined]

from tabularium.api.convert import voting as convert
from tabularium.api.convert.identity import type_url
from tabularium.chain.checkpoint import (
    Checkpoint,
    NoteVerifier,
    parse_checkpoint,
    verify_checkpoint,
    verify_cosignature,
)
from tabularium.chain.tx import signing_message
from tabularium.crypto import ceremony as cer
from tabularium.crypto import ed25519, merkle
from tabularium.crypto import threshold as th
from tabularium.crypto import voting as crypto
from tabularium.crypto.didkey import did_key
from tabularium.domains.voting.model import (
    ceremony_hash,
    extended_base_hash,
    manifest,
    max_total,
    tally_context,
    terms_hash,
)
from tabularium.errors import InvalidArgument, InvalidProof, InvalidSignature, TabulariumError
from tabularium.ledger.v1 import transaction_pb2
from tabularium.voting.v1 import voting_pb2 as pb


class VerificationFailed(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


# ----- the record file: length-delimited GetElectionRecordResponse messages ---------------------


def write_record(path: Path, parts: Sequence[pb.GetElectionRecordResponse]) -> None:
    with path.open("wb") as out:
        for part in parts:
            raw = part.SerializeToString()
            out.write(_VarintBytes(len(raw)) + raw)


def read_record(path: Path) -> tuple[pb.RecordHeader, list[pb.RecordEntry]]:
    data = path.read_bytes()
    header: pb.RecordHeader | None = None
    entries: list[pb.RecordEntry] = []
    position = 0
    while position < len(data):
        size, position = _DecodeVarint(data, position)
        part = pb.GetElectionRecordResponse()
        part.ParseFromString(data[position : position + size])
        position += size
        if part.HasField("header"):
            header = part.header
        else:
            entries.extend(part.entries.entries)
    if header is None:
        raise VerificationFailed("RECORD_MALFORMED", f"{path} has no record header")
    return header, entries


# ----- the verification ------------------------------------------------------------------------


@dataclass
class _Ballot:
    entry: int
    credential: bytes
    weight: int
    ballot: crypto.EncryptedBallot
    chaining: bytes
    state: str = "pending"
    nonce: bytes = b""
    votes: list[list[int]] | None = None


@dataclass
class Report:
    election_id: str
    entries: int = 0
    ballots: int = 0
    counted: int = 0
    challenged: int = 0
    totals: list[list[int]] = field(default_factory=list)
    closing_size: int = 0


def _fail(code: str, message: str) -> VerificationFailed:
    return VerificationFailed(code, message)


def _tx(entry: pb.RecordEntry) -> tuple[list[bytes], str, Any]:
    """(signer keys, type URL, action bytes) of a logged transaction, its signatures checked."""
    signed = transaction_pb2.SignedTransaction()
    signed.ParseFromString(entry.transaction)
    body = transaction_pb2.TransactionBody()
    body.ParseFromString(signed.body)
    signers = [bytes(s) for s in body.signers]
    by_key = {bytes(s.public_key): bytes(s.signature) for s in signed.signatures}
    if sorted(by_key) != sorted(signers):
        raise _fail("TX_SIGNATURE_INVALID", f"entry {entry.index}: signers and signatures differ")
    message = signing_message(bytes(signed.body))
    for key in signers:
        try:
            ed25519.verify(key, message, by_key[key])
        except InvalidSignature:
            raise _fail(
                "TX_SIGNATURE_INVALID", f"entry {entry.index}: a signature does not verify"
            ) from None
    action: any_pb2.Any = body.action
    return signers, action.type_url, bytes(action.value)


def _checkpoints(header: pb.RecordHeader, verifier: NoteVerifier) -> tuple[Checkpoint, Checkpoint]:
    try:
        closing = verify_checkpoint(header.closing_checkpoint, verifier, origin=header.origin)
        head = verify_checkpoint(header.head_checkpoint, verifier, origin=header.origin)
    except (InvalidArgument, InvalidSignature) as exc:
        raise _fail("CHECKPOINT_INVALID", f"a checkpoint is not the log's: {exc}") from None
    try:
        merkle.verify_consistency(
            closing.size, head.size, list(header.consistency_path), closing.root, head.root
        )
    except InvalidProof as exc:
        raise _fail(
            "CONSISTENCY_INVALID", f"the head does not extend the closing checkpoint: {exc}"
        ) from None
    if header.election.closing_checkpoint != closing.body:
        raise _fail(
            "CHECKPOINT_MISMATCH",
            "the closing checkpoint is not the one the guardians cosigned",
        )
    return closing, head


def _guardian_of(terms_guardians: Sequence[str], signers: Sequence[bytes]) -> int:
    """The guardian index whose did:key signed (0 if none)."""
    for key in signers:
        did = did_key(key)
        if did in terms_guardians:
            return list(terms_guardians).index(did) + 1
    return 0


class _Replay:
    def __init__(self, header: pb.RecordHeader) -> None:
        self.header = header
        self.election_id = header.election.election_id
        self.terms: Any = None
        self.h_c = b""
        self.keys: list[bytes] = []
        self.commitments: list[list[bytes]] = []
        self.credentials: set[bytes] = set()
        self.weight_root = b""
        self.total_weight = 0
        self.ballots: dict[bytes, _Ballot] = {}
        self.order: list[bytes] = []
        self.last: dict[bytes, bytes] = {}
        self.cosigners: set[int] = set()
        self.partials: dict[int, list[pb.PartialDecryption]] = {}
        self.last_ballot_entry = -1

    def terms_set(self, terms: pb.ElectionTerms) -> None:
        self.terms = convert.terms_from_pb(terms)
        self.h_c = ceremony_hash(self.election_id, terms_hash(self.terms))
        n = len(self.terms.guardians)
        self.keys, self.commitments = [b""] * n, [[] for _ in range(n)]

    def guardian(self, signers: Sequence[bytes], entry: int) -> int:
        index = _guardian_of(self.terms.guardians, signers)
        if not index:
            raise _fail("NOT_A_GUARDIAN", f"entry {entry}: signed by no guardian's did:key")
        return index


class _Rust:
    """Ballot checks by the extension (parallel, GIL released)."""

    def verify_ballots(
        self,
        h_e: bytes,
        key: bytes,
        specs: list[crypto.ContestSpec],
        items: list[tuple[crypto.EncryptedBallot, bytes]],
    ) -> list[str | None]:
        verdicts = crypto.verify_ballots(h_e, key, specs, items)
        return [None if v is None else f"{v.reason} {v.message}" for v in verdicts]

    def decrypt_with_nonce(
        self,
        h_e: bytes,
        key: bytes,
        specs: list[crypto.ContestSpec],
        ballot: crypto.EncryptedBallot,
        nonce: bytes,
    ) -> list[list[int]] | None:
        return crypto.decrypt_with_nonce(h_e, key, specs, ballot, nonce)

    def aggregate(self, items: list[tuple[crypto.Ciphertext, int]]) -> crypto.Ciphertext:
        return crypto.aggregate(items)


def _as(module: Any, value: Any) -> Any:
    """A ballot value as the same-named dataclasses of ``module`` (the reference's)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = getattr(module, type(value).__name__)
        return cls(*(_as(module, getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, tuple):
        return tuple(_as(module, v) for v in value)
    return value


class _Reference(_Rust):
    """The same checks by the pure-Python reference (``crypto.voting_ref``, libsodium's
    ristretto255 through rbcl): slow, written straight from the spec, for cross-checking."""

    def __init__(self) -> None:
        try:
            from tabularium.crypto import voting_ref
        except ImportError as exc:  # rbcl comes with the `reference` (and `dev`) extra
            raise VerificationFailed(
                "REFERENCE_UNAVAILABLE",
                f"the pure-Python reference needs rbcl ({exc}); "
                "install it with: pip install 'tabularium[reference]'",
            ) from None
        self.ref = voting_ref

    def verify_ballots(
        self,
        h_e: bytes,
        key: bytes,
        specs: list[crypto.ContestSpec],
        items: list[tuple[crypto.EncryptedBallot, bytes]],
    ) -> list[str | None]:
        manifest_ref = [_as(self.ref, s) for s in specs]
        return [
            None
            if self.ref.verify_ballot(h_e, key, manifest_ref, _as(self.ref, b), chaining)
            else "the reference refuses it"
            for b, chaining in items
        ]

    def decrypt_with_nonce(
        self,
        h_e: bytes,
        key: bytes,
        specs: list[crypto.ContestSpec],
        ballot: crypto.EncryptedBallot,
        nonce: bytes,
    ) -> list[list[int]] | None:
        manifest_ref = [_as(self.ref, s) for s in specs]
        votes: list[list[int]] | None = self.ref.decrypt_with_nonce(
            h_e, key, manifest_ref, _as(self.ref, ballot), nonce
        )
        return votes

    def aggregate(self, items: list[tuple[crypto.Ciphertext, int]]) -> crypto.Ciphertext:
        summed = self.ref.aggregate([(_as(self.ref, ct), w) for ct, w in items])
        return crypto.Ciphertext(summed.alpha, summed.beta)


def verify(
    header: pb.RecordHeader,
    entries: Sequence[pb.RecordEntry],
    verifier: NoteVerifier,
    *,
    reference: bool = False,
) -> Report:
    """Check an election record; raises VerificationFailed at the first failure. With
    ``reference``, ballots, challenges and the tally sum are checked by the pure-Python
    reference instead of the extension (the verdict must be the same)."""
    backend = _Reference() if reference else _Rust()
    closing, head = _checkpoints(header, verifier)
    replay = _Replay(header)
    report = Report(header.election.election_id, closing_size=closing.size)
    previous = -1
    for entry in entries:
        if entry.index <= previous:
            raise _fail("RECORD_MALFORMED", f"entry {entry.index} is out of log order")
        previous = entry.index
        root, size = (
            (closing.root, closing.size)
            if entry.index < closing.size
            else (
                head.root,
                head.size,
            )
        )
        try:
            merkle.verify_inclusion(
                merkle.leaf_hash(entry.transaction),
                entry.index,
                size,
                list(entry.inclusion_path),
                root,
            )
        except InvalidProof as exc:
            raise _fail("ENTRY_NOT_IN_LOG", f"entry {entry.index}: {exc}") from None
        signers, url, value = _tx(entry)
        _apply(replay, entry.index, signers, url, value)
        report.entries += 1
    _check_ceremony(replay)
    _check_ballots(replay, closing.size, backend)
    report.ballots = len(replay.ballots)
    report.challenged = sum(1 for b in replay.ballots.values() if b.state == "challenged")
    report.totals, report.counted = _check_tally(replay, backend)
    return report


def _apply(replay: _Replay, index: int, signers: list[bytes], url: str, value: bytes) -> None:
    decode = {type_url(cls): cls for cls in _ACTIONS}
    cls = decode.get(url)
    if cls is None:
        raise _fail("RECORD_MALFORMED", f"entry {index}: {url} is no voting action")
    msg = cls()
    msg.ParseFromString(value)
    if msg.election_id != replay.election_id:
        raise _fail("RECORD_MALFORMED", f"entry {index}: another election's entry")
    if replay.terms is None and not isinstance(msg, pb.CreateElection):
        raise _fail("RECORD_MALFORMED", f"entry {index}: the record does not start at creation")
    if isinstance(msg, pb.CreateElection | pb.AmendElection):
        replay.terms_set(msg.terms)
    elif isinstance(msg, pb.RegisterGuardianKey):
        g = replay.guardian(signers, index)
        proof = th.SchnorrProof(bytes(msg.public_key), bytes(msg.proof.c), bytes(msg.proof.v))
        context = cer.key_context(g, replay.terms.guardians[g - 1])
        if not _holds(lambda: th.schnorr_verify(replay.h_c, proof, context)):
            raise _fail("GUARDIAN_PROOF_INVALID", f"entry {index}: guardian {g}'s key proof")
        replay.keys[g - 1] = bytes(msg.public_key)
    elif isinstance(msg, pb.DealGuardianShares):
        g = replay.guardian(signers, index)
        commitments = [bytes(c) for c in msg.commitments]
        proofs = [(bytes(p.c), bytes(p.v)) for p in msg.proofs]
        context = cer.dealer_context(g)
        if not _holds(lambda: th.verify_commitments(replay.h_c, commitments, proofs, context)):
            raise _fail(
                "GUARDIAN_PROOF_INVALID", f"entry {index}: guardian {g}'s commitment proofs"
            )
        replay.commitments[g - 1] = commitments
    elif isinstance(msg, pb.PublishCredentials):
        replay.credentials.update(bytes(k) for k in msg.keys)
        if msg.weight_root:
            replay.weight_root, replay.total_weight = bytes(msg.weight_root), msg.total_weight
    elif isinstance(msg, pb.SubmitBallot):
        _submit(replay, index, signers, msg)
    elif isinstance(msg, pb.CastBallot | pb.ChallengeBallot):
        _decide(replay, index, signers, msg)
    elif isinstance(msg, pb.CosignCheckpoint):
        g = replay.guardian(signers, index)
        sig = msg.cosignature
        body = parse_checkpoint(bytes(sig.checkpoint)).body
        if not any(
            _holds(lambda k=k: _cosigned(k, body, sig.timestamp, bytes(sig.signature)))
            for k in signers
        ):
            raise _fail("COSIGNATURE_INVALID", f"entry {index}: guardian {g}'s cosignature")
        closing = replay.header.election.closing_checkpoint
        if msg.phase == pb.CosignCheckpoint.PHASE_CLOSING and body == closing:
            replay.cosigners.add(g)
    elif isinstance(msg, pb.PostTallyShare):
        g = replay.guardian(signers, index)
        replay.partials[g] = list(msg.shares)


def _cosigned(key: bytes, body: bytes, timestamp: int, signature: bytes) -> bool:
    verify_cosignature(key, body, timestamp, signature)
    return True


def _holds(check: Any) -> bool:
    try:
        return bool(check())
    except (ValueError, TabulariumError):
        return False


def _submit(replay: _Replay, index: int, signers: list[bytes], msg: pb.SubmitBallot) -> None:
    if len(signers) != 1 or signers[0] not in replay.credentials:
        raise _fail("NOT_ELIGIBLE", f"entry {index}: the ballot's signer is no listed credential")
    credential = signers[0]
    code = bytes(msg.code)
    if code in replay.ballots:
        raise _fail("DUPLICATE_CODE", f"entry {index}: confirmation code {code.hex()} again")
    weight = 1
    if replay.terms.weighted:
        p = msg.weight_proof
        proof = crypto.WeightProof(p.index, p.size, tuple(bytes(x) for x in p.path))
        try:
            crypto.verify_weight(replay.weight_root, credential, msg.weight, proof)
        except (InvalidProof, ValueError) as exc:
            raise _fail("WEIGHT_PROOF_INVALID", f"entry {index}: {exc}") from None
        weight = msg.weight
    replay.ballots[code] = _Ballot(
        index, credential, weight, convert.ballot_from_pb(msg), bytes(msg.chaining)
    )
    replay.order.append(code)
    replay.last_ballot_entry = index


def _decide(
    replay: _Replay, index: int, signers: list[bytes], msg: pb.CastBallot | pb.ChallengeBallot
) -> None:
    found = replay.ballots.get(bytes(msg.code))
    if found is None:
        raise _fail(
            "BALLOT_MISSING",
            f"entry {index}: decides ballot {bytes(msg.code).hex()}, not in the record",
        )
    if signers != [found.credential] or found.state != "pending":
        raise _fail("RULES_VIOLATED", f"entry {index}: cast or challenge out of turn")
    replay.last_ballot_entry = index
    if isinstance(msg, pb.CastBallot):
        earlier = replay.last.get(found.credential)
        if earlier is not None:
            replay.ballots[earlier].state = "superseded"
        replay.last[found.credential] = bytes(msg.code)
        found.state = "cast"
        return
    found.state = "challenged"
    found.nonce = bytes(msg.nonce)  # decrypted in _check_ballots


def _check_ceremony(replay: _Replay) -> None:
    election = replay.header.election
    if not all(replay.commitments):
        raise _fail("CEREMONY_INCOMPLETE", "not every guardian dealt")
    joint = th.joint_share_commitment(replay.commitments, 0)
    if joint != election.joint_key:
        raise _fail("JOINT_KEY_MISMATCH", "the commitments do not sum to the stated joint key")
    h_e = extended_base_hash(replay.h_c, joint, tuple(tuple(c) for c in replay.commitments))
    if h_e != election.extended_base_hash or replay.h_c != election.ceremony_hash:
        raise _fail("BASE_HASH_MISMATCH", "H_C or H_E is not the manifest's and commitments'")


def _check_ballots(replay: _Replay, closing_size: int, backend: _Rust) -> None:
    election = replay.header.election
    h_e, key = election.extended_base_hash, election.joint_key
    specs = manifest(replay.terms)
    items = [(replay.ballots[c].ballot, replay.ballots[c].chaining) for c in replay.order]
    verdicts = backend.verify_ballots(h_e, key, specs, items)
    for code, refusal in zip(replay.order, verdicts, strict=True):
        if refusal is not None:
            b = replay.ballots[code]
            raise _fail("BALLOT_INVALID", f"entry {b.entry}: {refusal}")
    for code in replay.order:
        b = replay.ballots[code]
        if b.state == "challenged":
            votes = backend.decrypt_with_nonce(h_e, key, specs, b.ballot, b.nonce)
            if votes is None:
                raise _fail("CHALLENGE_INVALID", f"entry {b.entry}: the nonce does not open it")
            b.votes = votes
    if replay.last_ballot_entry >= closing_size:
        raise _fail(
            "BALLOT_AFTER_CLOSE",
            f"entry {replay.last_ballot_entry} is a ballot beyond the closing checkpoint",
        )
    if len(replay.cosigners) < replay.terms.quorum:
        raise _fail(
            "CLOSE_NOT_COSIGNED",
            f"{len(replay.cosigners)} guardians cosigned the close; the quorum is "
            f"{replay.terms.quorum}",
        )


def _check_tally(replay: _Replay, backend: _Rust) -> tuple[list[list[int]], int]:
    election = replay.header.election
    tally = replay.header.tally
    counted = [replay.ballots[c] for c in replay.order if replay.ballots[c].state == "cast"]
    stated = {(c.contest, c.selection): c for c in tally.selections}
    totals: list[list[int]] = []
    cells = []
    for i, contest in enumerate(replay.terms.contests):
        row = []
        for j in range(len(contest.selections)):
            summed = backend.aggregate(
                [(b.ballot.contests[i].selections[j].ciphertext, b.weight) for b in counted]
            )
            cell = stated.get((i, j))
            if cell is None or (cell.alpha, cell.beta) != (summed.alpha, summed.beta):
                raise _fail(
                    "TALLY_MISMATCH",
                    f"contest {i} selection {j}: the stated tally is not the weighted sum of "
                    "each credential's last cast ballot",
                )
            cells.append((i, j, summed))
            row.append(cell.total)
        totals.append(row)
    if not counted:
        return totals, 0
    if not tally.decrypted:
        raise _fail("TALLY_NOT_DECRYPTED", tally.failure or "the tally is not decrypted")
    quorum = replay.terms.quorum
    share_keys = [
        th.joint_share_commitment(replay.commitments, g)
        for g in range(1, len(replay.terms.guardians) + 1)
    ]
    posted = sorted(replay.partials)
    for g in posted:
        shares = replay.partials[g]
        if [(s.contest, s.selection) for s in shares] != [(i, j) for i, j, _ in cells]:
            raise _fail("DECRYPTION_SHARE_INVALID", f"guardian {g}'s shares do not match the tally")
        for (i, j, summed), s in zip(cells, shares, strict=True):
            proof = th.ChaumPedersenProof(
                share_keys[g - 1], summed.alpha, bytes(s.share), bytes(s.proof.c), bytes(s.proof.v)
            )
            context = tally_context(g, i, j)
            check = partial(th.chaum_pedersen_verify, election.extended_base_hash, proof, context)
            if not _holds(check):
                raise _fail(
                    "DECRYPTION_SHARE_INVALID",
                    f"guardian {g}'s partial decryption of contest {i} selection {j}",
                )
    if len(posted) < quorum:
        raise _fail("TALLY_NOT_DECRYPTED", f"{len(posted)} guardians decrypted; quorum {quorum}")
    use = [g for g in replay.partials][:quorum]
    counted_weight = sum(b.weight for b in counted)
    for n, (i, j, summed) in enumerate(cells):
        combined = th.combine([(g, bytes(replay.partials[g][n].share)) for g in use], quorum)
        bound = max_total(replay.terms, counted_weight, i)
        (value,) = crypto.decrypt_totals([(summed.beta, combined)], election.joint_key, bound)
        if value is None or value != totals[i][j]:
            raise _fail(
                "TALLY_MISMATCH",
                f"contest {i} selection {j}: the decryption gives {value}, the node states "
                f"{totals[i][j]}",
            )
    return totals, len(counted)


_ACTIONS = (
    pb.CreateElection,
    pb.AmendElection,
    pb.RegisterGuardianKey,
    pb.DealGuardianShares,
    pb.ConfirmGuardianKey,
    pb.ComplainGuardianShare,
    pb.PublishCredentials,
    pb.SubmitBallot,
    pb.CastBallot,
    pb.ChallengeBallot,
    pb.CosignCheckpoint,
    pb.PostTallyShare,
)


def record_parts(stub: Any, election_id: str, timeout: float = 300) -> Iterator[Any]:
    """Stream GetElectionRecord (for `election record`)."""
    yield from stub.GetElectionRecord(
        pb.GetElectionRecordRequest(election_id=election_id), timeout=timeout
    )
