"""Rules of online voting: pure functions of the action, the voting state and the identities,
with the block time as the only clock.

State (namespace ``voting``; ``u32``/``u64`` big-endian; ``E`` is the election id):

* ``election/E`` -> ElectionRecord;
* ``ceremony/E`` -> CeremonyRecord (``domains.ceremony``), ``share/E 0x00 <u32 epoch> <u32
  dealer> <u32 recipient>`` -> ShareRecord;
* ``credential/E 0x00 <key>`` -> b"" for each listed credential key;
* ``ballot/E 0x00 <code>`` -> BallotRecord; ``ballots/E 0x00 <u64 n>`` -> the n-th code
  submitted; ``last/E 0x00 <credential>`` -> the code the credential cast last;
* ``entry/E 0x00 <u64 n>`` -> the n-th accepted log entry of the election (u64);
* ``tally/E`` -> TallyRecord; ``partial/E 0x00 <u32 guardian>`` -> PartialRecord.

No record names a voter: ballots carry only their credential key, a pseudonym whose holder the
credential authority keeps in the vault.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial

from tabularium.chain.actions import ActionContext, StateView
from tabularium.chain.checkpoint import parse_checkpoint, verify_cosignature
from tabularium.crypto import threshold as th
from tabularium.crypto import voting as crypto
from tabularium.domains import ceremony as dkg
from tabularium.domains.voting import NAMESPACE
from tabularium.domains.voting.model import (
    CAST,
    CHALLENGED,
    CLOSED,
    CLOSING,
    DIGEST_SIZE,
    KEY_SIZE,
    MAX_CONTESTS,
    MAX_COST,
    MAX_CREDENTIALS_PER_BATCH,
    MAX_GUARDIANS,
    MAX_SELECTIONS,
    MAX_VOTES,
    NAME_MAX_BYTES,
    OPENING,
    PENDING,
    READY,
    SETUP,
    SUPERSEDED,
    TALLIED,
    AmendElection,
    BallotRecord,
    CastBallot,
    ChallengeBallot,
    ComplainGuardianShare,
    ConfirmGuardianKey,
    CosignCheckpoint,
    CreateElection,
    DealGuardianShares,
    ElectionRecord,
    Pair,
    PartialRecord,
    PostTallyShare,
    PublishCredentials,
    RegisterGuardianKey,
    SubmitBallot,
    TallyCell,
    TallyRecord,
    Terms,
    Vote,
    ceremony_hash,
    check_election_id,
    check_item_id,
    check_text,
    cosigners,
    extended_base_hash,
    manifest,
    max_total,
    tally_context,
    terms_hash,
)
from tabularium.errors import (
    AlreadyExists,
    DomainError,
    FailedPrecondition,
    InvalidArgument,
    InvalidProof,
    InvalidSignature,
    NotFound,
    PermissionDenied,
)

_U32 = struct.Struct(">I")
_U64 = struct.Struct(">Q")


# ----- keys ------------------------------------------------------------------------------------


def _key(kind: str, election_id: str, *rest: bytes) -> bytes:
    return kind.encode() + b"/" + election_id.encode() + (b"\x00" + b"".join(rest) if rest else b"")


election_key = partial(_key, "election")
ceremony_key = partial(_key, "ceremony")
tally_key = partial(_key, "tally")


def share_key(election_id: str, epoch: int, dealer: int, recipient: int) -> bytes:
    return _key("share", election_id, _U32.pack(epoch) + _U32.pack(dealer) + _U32.pack(recipient))


def credential_key(election_id: str, key: bytes) -> bytes:
    return _key("credential", election_id, key)


def ballot_key(election_id: str, code: bytes) -> bytes:
    return _key("ballot", election_id, code)


def ballot_at_key(election_id: str, n: int) -> bytes:
    return _key("ballots", election_id, _U64.pack(n))


def last_cast_key(election_id: str, credential: bytes) -> bytes:
    return _key("last", election_id, credential)


def entry_key(election_id: str, n: int) -> bytes:
    return _key("entry", election_id, _U64.pack(n))


def partial_key(election_id: str, guardian: int) -> bytes:
    return _key("partial", election_id, _U32.pack(guardian))


# ----- reads -----------------------------------------------------------------------------------


def election(state: StateView, election_id: str) -> ElectionRecord:
    raw = state.get(election_key(election_id))
    if raw is None:
        raise NotFound("ELECTION_NOT_FOUND", f"no election {election_id!r}", field="election_id")
    return ElectionRecord.decode(raw)


def ceremony_of(record: ElectionRecord) -> dkg.Ceremony:
    return dkg.Ceremony(
        key=ceremony_hash(record.election_id, record.terms_hash),
        participants=record.terms.guardians,
        quorum=record.terms.quorum,
        record_key=ceremony_key(record.election_id),
        share_key=partial(share_key, record.election_id),
        noun="guardian",
        group="the guardians",
    )


def ceremony(state: StateView, record: ElectionRecord) -> dkg.CeremonyRecord:
    return ceremony_of(record).record(state)


def ballot(state: StateView, election_id: str, code: bytes) -> BallotRecord | None:
    raw = state.get(ballot_key(election_id, code))
    return None if raw is None else BallotRecord.decode(raw)


def ballot_codes(state: StateView, record: ElectionRecord) -> list[bytes]:
    """Every submitted ballot's code, in submission order."""
    codes = []
    for n in range(record.submitted):
        raw = state.get(ballot_at_key(record.election_id, n))
        assert raw is not None, "every submitted ballot is indexed"
        codes.append(raw)
    return codes


def entries(state: StateView, record: ElectionRecord) -> list[int]:
    """The election's accepted log entries, in log order."""
    out = []
    for n in range(record.entries):
        raw = state.get(entry_key(record.election_id, n))
        assert raw is not None, "every accepted entry is indexed"
        out.append(_U64.unpack(raw)[0])
    return out


def tally(state: StateView, election_id: str) -> TallyRecord | None:
    raw = state.get(tally_key(election_id))
    return None if raw is None else TallyRecord.decode(raw)


def partials(state: StateView, election_id: str, guardian: int) -> PartialRecord | None:
    raw = state.get(partial_key(election_id, guardian))
    return None if raw is None else PartialRecord.decode(raw)


def is_listed(read: Callable[[str, bytes], bytes | None], election_id: str, key: bytes) -> bool:
    return read(NAMESPACE, credential_key(election_id, key)) is not None


def credential_signer(
    action: object, signer: bytes, read: Callable[[str, bytes], bytes | None]
) -> DomainError | None:
    """The core's signer check for ballot actions: the key must be on the election's list."""
    election_id = getattr(action, "election_id", "")
    if is_listed(read, election_id, signer):
        return None
    return PermissionDenied(
        "NOT_ELIGIBLE",
        f"key {signer.hex()} is not a credential listed for election {election_id!r}: sign "
        "with the per-election key the credential authority gave you",
    )


# ----- checks ----------------------------------------------------------------------------------


def _check_terms(ctx: ActionContext, organiser: str, terms: Terms) -> None:
    check_text(terms.title, "terms.title", NAME_MAX_BYTES)
    if not 1 <= len(terms.contests) <= MAX_CONTESTS:
        raise InvalidArgument(
            "BAD_MANIFEST", f"an election has 1 to {MAX_CONTESTS} contests", field="terms.contests"
        )
    seen: set[str] = set()
    for i, contest in enumerate(terms.contests):
        where = f"terms.contests[{i}]"
        if check_item_id(contest.id, f"{where}.id") in seen:
            raise InvalidArgument(
                "BAD_MANIFEST", f"contest id {contest.id!r} appears twice", field=f"{where}.id"
            )
        seen.add(contest.id)
        check_text(contest.name, f"{where}.name", NAME_MAX_BYTES)
        if not 1 <= contest.limit <= MAX_VOTES:
            raise InvalidArgument(
                "BAD_MANIFEST", f"a contest's limit is 1 to {MAX_VOTES}", field=f"{where}.limit"
            )
        if not 1 <= len(contest.selections) <= MAX_SELECTIONS:
            raise InvalidArgument(
                "BAD_MANIFEST",
                f"a contest has 1 to {MAX_SELECTIONS} selections",
                field=f"{where}.selections",
            )
        ids: set[str] = set()
        for j, selection in enumerate(contest.selections):
            at = f"{where}.selections[{j}]"
            if check_item_id(selection.id, f"{at}.id") in ids:
                raise InvalidArgument(
                    "BAD_MANIFEST", f"selection id {selection.id!r} appears twice", field=at
                )
            ids.add(selection.id)
            check_text(selection.name, f"{at}.name", NAME_MAX_BYTES)
            if not 1 <= selection.maximum <= MAX_VOTES:
                raise InvalidArgument(
                    "BAD_MANIFEST",
                    f"a selection's maximum is 1 to {MAX_VOTES}",
                    field=f"{at}.maximum",
                )
            if contest.budget is None and selection.cost:
                raise InvalidArgument(
                    "BAD_MANIFEST",
                    "costs belong to budget contests only (set the contest's budget)",
                    field=f"{at}.cost",
                )
            if not 0 <= selection.cost <= MAX_COST:
                raise InvalidArgument(
                    "BAD_MANIFEST", f"a cost is 0 to {MAX_COST}", field=f"{at}.cost"
                )
        if contest.budget is not None and not 0 <= contest.budget <= MAX_COST:
            raise InvalidArgument(
                "BAD_MANIFEST", f"a budget is 0 to {MAX_COST}", field=f"{where}.budget"
            )
    _check_guardians(ctx, terms)
    _check_authority(ctx, organiser, terms.credential_authority)
    if not ctx.block_time_us < terms.opens_at_us < terms.closes_at_us:
        raise InvalidArgument(
            "BAD_WINDOW",
            f"opens_at must be after this block's time ({ctx.block_time_us} µs) and before "
            "closes_at",
            field="terms.opens_at",
        )


def _check_guardians(ctx: ActionContext, terms: Terms) -> None:
    guardians = terms.guardians
    if not 1 <= len(guardians) <= MAX_GUARDIANS or len(set(guardians)) != len(guardians):
        raise InvalidArgument(
            "BAD_GUARDIANS",
            f"an election has 1 to {MAX_GUARDIANS} distinct guardians",
            field="terms.guardians",
        )
    if not 1 <= terms.quorum <= len(guardians):
        raise InvalidArgument(
            "BAD_QUORUM",
            f"the quorum must be 1 to {len(guardians)} (the guardians)",
            field="terms.quorum",
        )
    reader = ctx.reader()
    for i, guardian in enumerate(guardians):
        if reader.identity(guardian) is None:
            raise NotFound(
                "UNKNOWN_GUARDIAN",
                f"guardian {guardian!r} is no registered identity",
                field=f"terms.guardians[{i}]",
            )


def _organiser_side(organiser: str, did: str, owner: str) -> bool:
    return did == organiser or owner == organiser


def _check_authority(ctx: ActionContext, organiser: str, authority: str) -> None:
    """The credential authority must be an organisation of its own, not the organiser nor one
    of its officials or units: it alone knows who holds which credential."""
    record = ctx.reader().identity(authority)
    if record is None:
        raise NotFound(
            "UNKNOWN_CREDENTIAL_AUTHORITY",
            f"credential authority {authority!r} is no registered identity",
            field="terms.credential_authority",
        )
    if _organiser_side(organiser, authority, record.owner):
        raise FailedPrecondition(
            "CREDENTIAL_AUTHORITY_NOT_INDEPENDENT",
            f"the credential authority {authority} is the organiser {organiser} or belongs to "
            "it: eligibility must come from another organisation",
        )


def _guardian(ctx: ActionContext, terms: Terms) -> int:
    """The index (from 1) of the guardian who signed; refuses anyone else."""
    for did in ctx.signer_dids:
        if did in terms.guardians:
            return terms.guardians.index(did) + 1
    raise PermissionDenied(
        "NOT_A_GUARDIAN", "no signer of this transaction is a guardian of the election"
    )


def _record_entry(ctx: ActionContext, record: ElectionRecord) -> ElectionRecord:
    ctx.state.put(entry_key(record.election_id, record.entries), _U64.pack(ctx.entry_index))
    return replace(record, entries=record.entries + 1)


def _save(ctx: ActionContext, record: ElectionRecord) -> None:
    ctx.state.put(election_key(record.election_id), _record_entry(ctx, record).encode())


def _window(ctx: ActionContext, record: ElectionRecord) -> None:
    terms = record.terms
    why = ""
    if record.status == SETUP:
        why = "the guardians' key ceremony is not complete"
    elif not record.opening_checkpoint:
        why = "a quorum of guardians has not cosigned the opening checkpoint yet"
    elif record.status != READY or not terms.opens_at_us <= ctx.block_time_us <= terms.closes_at_us:
        why = (
            f"ballots are accepted from {terms.opens_at_us} to {terms.closes_at_us} µs "
            f"(block time {ctx.block_time_us} µs)"
        )
    if why:
        raise FailedPrecondition("ELECTION_NOT_OPEN", f"election is not open: {why}")


def _credential(ctx: ActionContext) -> bytes:
    if len(ctx.signers) != 1:
        raise InvalidArgument(
            "ONE_CREDENTIAL", "a ballot action is signed by exactly one credential key"
        )
    return ctx.signers[0]


# ----- handlers: the election ------------------------------------------------------------------


def create_election(ctx: ActionContext, action: CreateElection) -> None:
    check_election_id(action.election_id)
    if ctx.state.get(election_key(action.election_id)) is not None:
        raise AlreadyExists("ELECTION_EXISTS", f"election {action.election_id!r} exists")
    _check_terms(ctx, action.organiser, action.terms)
    record = ElectionRecord(
        election_id=action.election_id,
        organiser=action.organiser,
        terms=action.terms,
        terms_hash=terms_hash(action.terms),
        status=SETUP,
        created_entry=ctx.entry_index,
    )
    ctx.state.put(
        ceremony_key(action.election_id),
        dkg.CeremonyRecord.fresh(len(action.terms.guardians), 0).encode(),
    )
    _save(ctx, record)


def amend_election(ctx: ActionContext, action: AmendElection) -> None:
    record = election(ctx.state, action.election_id)
    if action.organiser != record.organiser:
        raise PermissionDenied(
            "NOT_ORGANISER", f"election {record.election_id!r} is {record.organiser}'s"
        )
    check_text(action.reason, "reason")
    progress = ceremony(ctx.state, record)
    if record.status != SETUP or (progress.started and progress.status != dkg.FAILED):
        raise FailedPrecondition(
            "ELECTION_FROZEN",
            "the election's terms are frozen once the guardians' key ceremony has started "
            f"(ceremony {progress.status}); only a failed ceremony allows an amendment",
        )
    _check_terms(ctx, record.organiser, action.terms)
    if progress.started:
        ctx.state.put(
            ceremony_key(record.election_id),
            dkg.CeremonyRecord.fresh(len(action.terms.guardians), progress.epoch + 1).encode(),
        )
    elif len(action.terms.guardians) != len(progress.keys):
        ctx.state.put(
            ceremony_key(record.election_id),
            dkg.CeremonyRecord.fresh(len(action.terms.guardians), progress.epoch).encode(),
        )
    _save(ctx, replace(record, terms=action.terms, terms_hash=terms_hash(action.terms)))


# ----- handlers: the guardians' key ceremony ---------------------------------------------------


def register_guardian_key(ctx: ActionContext, action: RegisterGuardianKey) -> None:
    record = election(ctx.state, action.election_id)
    index = _guardian(ctx, record.terms)
    dkg.register_key(
        ctx.state, ceremony_of(record), index, action.public_key, action.proof_c, action.proof_v
    )
    _save(ctx, record)


def deal_guardian_shares(ctx: ActionContext, action: DealGuardianShares) -> None:
    record = election(ctx.state, action.election_id)
    index = _guardian(ctx, record.terms)
    dkg.deal(
        ctx.state, ceremony_of(record), index, action.commitments, action.proofs, action.shares
    )
    _save(ctx, record)


def confirm_guardian_key(ctx: ActionContext, action: ConfirmGuardianKey) -> None:
    record = election(ctx.state, action.election_id)
    index = _guardian(ctx, record.terms)
    c = ceremony_of(record)
    done = dkg.confirm(ctx.state, c, index, action.joint_key)
    if done.status == dkg.READY:
        h_e = extended_base_hash(c.key, done.joint_key, done.commitments)
        record = replace(record, status=READY, h_e=h_e)
    _save(ctx, record)


def complain_guardian_share(ctx: ActionContext, action: ComplainGuardianShare) -> None:
    record = election(ctx.state, action.election_id)
    index = _guardian(ctx, record.terms)
    dkg.complain(
        ctx.state,
        ceremony_of(record),
        index,
        action.dealer,
        action.shared,
        action.proof_c,
        action.proof_v,
    )
    _save(ctx, record)


# ----- handlers: eligibility -------------------------------------------------------------------


def publish_credentials(ctx: ActionContext, action: PublishCredentials) -> None:
    record = election(ctx.state, action.election_id)
    terms = record.terms
    if action.credential_authority != terms.credential_authority:
        raise PermissionDenied(
            "NOT_CREDENTIAL_AUTHORITY",
            f"election {record.election_id!r}'s credential authority is "
            f"{terms.credential_authority}",
        )
    reader = ctx.reader()
    for did in ctx.signer_dids:
        identity = reader.identity(did)
        if _organiser_side(record.organiser, did, identity.owner if identity else ""):
            raise FailedPrecondition(
                "CREDENTIAL_AUTHORITY_NOT_INDEPENDENT",
                f"signer {did} acts for the organiser {record.organiser}: credentials come "
                "from the credential authority's own officials",
            )
    if ctx.block_time_us >= terms.opens_at_us:
        raise FailedPrecondition(
            "ELECTION_OPEN", "the credential list is published before the election opens"
        )
    if not 1 <= len(action.keys) <= MAX_CREDENTIALS_PER_BATCH:
        raise InvalidArgument(
            "BAD_CREDENTIALS",
            f"a batch lists 1 to {MAX_CREDENTIALS_PER_BATCH} credential keys",
            field="keys",
        )
    if terms.weighted:
        if len(action.weight_root) != DIGEST_SIZE or action.total_weight <= 0:
            raise InvalidArgument(
                "BAD_REGISTER",
                "a weighted election's credentials come with the register's 32-byte root and "
                "its total weight",
                field="weight_root",
            )
        if record.weight_root and (
            (record.weight_root, record.total_weight) != (action.weight_root, action.total_weight)
        ):
            raise FailedPrecondition(
                "REGISTER_MISMATCH",
                f"the register is fixed by the first batch: root {record.weight_root.hex()}, "
                f"total weight {record.total_weight}",
            )
    elif action.weight_root or action.total_weight:
        raise InvalidArgument(
            "NOT_WEIGHTED", "this election is not weighted: no register", field="weight_root"
        )
    batch: set[bytes] = set()
    for n, key in enumerate(action.keys):
        if len(key) != KEY_SIZE:
            raise InvalidArgument(
                "BAD_CREDENTIALS", f"keys[{n}] is not a 32-byte key", field=f"keys[{n}]"
            )
        if key in batch or ctx.state.get(credential_key(record.election_id, key)) is not None:
            raise AlreadyExists(
                "DUPLICATE_CREDENTIAL", f"credential key {key.hex()} is listed already"
            )
        batch.add(key)
    for key in action.keys:
        ctx.state.put(credential_key(record.election_id, key), b"")
    _save(
        ctx,
        replace(
            record,
            credentials=record.credentials + len(action.keys),
            weight_root=action.weight_root,
            total_weight=action.total_weight if terms.weighted else record.total_weight,
        ),
    )


# ----- handlers: ballots -----------------------------------------------------------------------


def _joint_key(state: StateView, record: ElectionRecord) -> bytes:
    return ceremony(state, record).joint_key


@dataclass(frozen=True, slots=True)
class _BallotCheck:
    """A ballot's proofs as checked in its block's batch, with the election inputs
    (H_E, K, manifest) they were checked under."""

    inputs: tuple[bytes, bytes, tuple[crypto.ContestSpec, ...]]
    refusal: crypto.Refusal | None


def prepare_ballots(
    state: StateView, items: Sequence[tuple[bytes, SubmitBallot]]
) -> dict[bytes, _BallotCheck]:
    """SubmitBallot's prepare hook: a block's ballots verified in one parallel Rust batch per
    election, against the election as the block starts. A ballot whose election is not open
    yet, or whose inputs change within the block, is left to its handler."""
    by_election: dict[str, list[tuple[bytes, SubmitBallot]]] = {}
    for tx_hash, action in items:
        if len(action.ballot.code) == DIGEST_SIZE and len(action.chaining) == DIGEST_SIZE:
            by_election.setdefault(action.election_id, []).append((tx_hash, action))
    out: dict[bytes, _BallotCheck] = {}
    for election_id, group in by_election.items():
        raw = state.get(election_key(election_id))
        if raw is None:
            continue
        record = ElectionRecord.decode(raw)
        if record.status != READY or not record.h_e:
            continue
        inputs = (record.h_e, _joint_key(state, record), tuple(manifest(record.terms)))
        try:
            results = crypto.verify_ballots(*inputs, [(a.ballot, a.chaining) for _, a in group])
        except (TypeError, ValueError):  # a ballot not even shaped right: handlers check each
            continue
        for (tx_hash, _), refusal in zip(group, results, strict=True):
            out[tx_hash] = _BallotCheck(inputs, refusal)
    return out


def submit_ballot(ctx: ActionContext, action: SubmitBallot) -> None:
    credential = _credential(ctx)
    record = election(ctx.state, action.election_id)
    _window(ctx, record)
    code = action.ballot.code
    if len(code) != DIGEST_SIZE or len(action.chaining) != DIGEST_SIZE:
        raise InvalidArgument(
            "MALFORMED", "the confirmation code and chaining value are 32 bytes", field="code"
        )
    if ctx.state.get(ballot_key(record.election_id, code)) is not None:
        raise AlreadyExists(
            "DUPLICATE_BALLOT", f"a ballot with confirmation code {code.hex()} is recorded"
        )
    weight = 1
    if record.terms.weighted:
        if action.weight_proof is None:
            raise InvalidArgument(
                "WEIGHT_PROOF_INVALID",
                "a weighted ballot carries its weight and register proof",
                field="weight_proof",
            )
        try:
            crypto.verify_weight(record.weight_root, credential, action.weight, action.weight_proof)
        except (InvalidProof, ValueError) as exc:
            raise InvalidArgument(
                "WEIGHT_PROOF_INVALID",
                f"weight {action.weight} for this credential is not under the register root: {exc}",
                field="weight_proof",
            ) from None
        weight = action.weight
    elif action.weight not in (0, 1) or action.weight_proof is not None:
        raise InvalidArgument(
            "NOT_WEIGHTED", "this election is not weighted: no weight", field="weight"
        )
    key = _joint_key(ctx.state, record)
    spec = tuple(manifest(record.terms))
    checked = ctx.prepared
    if isinstance(checked, _BallotCheck) and checked.inputs == (record.h_e, key, spec):
        refusal = checked.refusal  # verified in the block's batch, under these very inputs
    else:
        refusal = crypto.verify_ballot(record.h_e, key, spec, action.ballot, action.chaining)
    if refusal is not None:
        raise InvalidArgument(refusal.reason, refusal.message, field="contests")
    ciphertexts = tuple(
        tuple(Pair(s.ciphertext.alpha, s.ciphertext.beta) for s in contest.selections)
        for contest in action.ballot.contests
    )
    stored = BallotRecord(
        code=code,
        credential=credential,
        weight=weight,
        submitted_entry=ctx.entry_index,
        state=PENDING,
        ciphertexts=ciphertexts,
    )
    ctx.state.put(ballot_key(record.election_id, code), stored.encode())
    ctx.state.put(ballot_at_key(record.election_id, record.submitted), code)
    _save(
        ctx,
        replace(record, submitted=record.submitted + 1, last_ballot_entry=ctx.entry_index),
    )


def _pending(ctx: ActionContext, record: ElectionRecord, code: bytes) -> BallotRecord:
    found = ballot(ctx.state, record.election_id, code)
    if found is None:
        raise NotFound("BALLOT_NOT_FOUND", f"no ballot with code {code.hex()}", field="code")
    if found.credential != _credential(ctx):
        raise PermissionDenied(
            "NOT_YOUR_BALLOT", "this ballot was submitted with another credential"
        )
    if found.state == CHALLENGED:
        raise FailedPrecondition(
            "ALREADY_CHALLENGED", "this ballot was challenged: it never counts"
        )
    if found.state in (CAST, SUPERSEDED):
        raise FailedPrecondition("ALREADY_CAST", "this ballot was cast")
    return found


def cast_ballot(ctx: ActionContext, action: CastBallot) -> None:
    record = election(ctx.state, action.election_id)
    _window(ctx, record)
    found = _pending(ctx, record, action.code)
    last = last_cast_key(record.election_id, found.credential)
    earlier = ctx.state.get(last)
    if earlier is not None:
        previous = ballot(ctx.state, record.election_id, earlier)
        assert previous is not None
        ctx.state.put(
            ballot_key(record.election_id, earlier), replace(previous, state=SUPERSEDED).encode()
        )
    ctx.state.put(last, found.code)
    ctx.state.put(
        ballot_key(record.election_id, found.code),
        replace(found, state=CAST, decided_entry=ctx.entry_index).encode(),
    )
    _save(
        ctx,
        replace(
            record,
            cast=record.cast + (0 if earlier is not None else 1),
            last_ballot_entry=ctx.entry_index,
        ),
    )


def unproved_ballot(stored: BallotRecord) -> crypto.EncryptedBallot:
    """A stored ballot's ciphertexts as an EncryptedBallot without proofs (enough to decrypt
    it with its nonce)."""
    return crypto.EncryptedBallot(
        tuple(
            crypto.EncryptedContest(
                tuple(
                    crypto.EncryptedSelection(crypto.Ciphertext(p.alpha, p.beta), ())
                    for p in contest
                ),
                (),
                None,
            )
            for contest in stored.ciphertexts
        ),
        stored.code,
    )


def challenge_ballot(ctx: ActionContext, action: ChallengeBallot) -> None:
    record = election(ctx.state, action.election_id)
    _window(ctx, record)
    found = _pending(ctx, record, action.code)
    if len(action.nonce) != DIGEST_SIZE:
        raise InvalidArgument("NONCE_MISMATCH", "a ballot nonce is 32 bytes", field="nonce")
    votes = crypto.decrypt_with_nonce(
        record.h_e,
        _joint_key(ctx.state, record),
        manifest(record.terms),
        unproved_ballot(found),
        action.nonce,
    )
    if votes is None:
        raise InvalidArgument(
            "NONCE_MISMATCH", "this nonce does not make this ballot's ciphertexts", field="nonce"
        )
    ctx.state.put(
        ballot_key(record.election_id, found.code),
        replace(
            found,
            state=CHALLENGED,
            decided_entry=ctx.entry_index,
            challenged_votes=tuple(tuple(row) for row in votes),
        ).encode(),
    )
    _save(
        ctx,
        replace(record, challenged=record.challenged + 1, last_ballot_entry=ctx.entry_index),
    )


# ----- handlers: the close and the tally -------------------------------------------------------


def _check_cosignature(ctx: ActionContext, action: CosignCheckpoint) -> tuple[bytes, int]:
    """The checkpoint's body and size, once a signer's cosignature on it verifies."""
    sig = action.cosignature
    checkpoint = parse_checkpoint(sig.checkpoint)
    for key in ctx.signers:
        try:
            verify_cosignature(key, checkpoint.body, sig.timestamp, sig.signature)
        except InvalidSignature:
            continue
        return checkpoint.body, checkpoint.size
    raise InvalidArgument(
        "BAD_COSIGNATURE",
        "the cosignature/v1 signature verifies under no signing key of this transaction",
        field="cosignature.signature",
    )


def cosign_checkpoint(ctx: ActionContext, action: CosignCheckpoint) -> None:
    record = election(ctx.state, action.election_id)
    index = _guardian(ctx, record.terms)
    body, size = _check_cosignature(ctx, action)
    if record.status == SETUP:
        raise FailedPrecondition(
            "CEREMONY_NOT_READY", "guardians cosign once their key ceremony is complete"
        )
    if action.phase == OPENING:
        if record.submitted:
            raise FailedPrecondition(
                "BALLOTS_STARTED", "the opening checkpoint is cosigned before the first ballot"
            )
        votes, fixed = record.opening_votes, record.opening_checkpoint
    elif action.phase == CLOSING:
        if ctx.block_time_us <= record.terms.closes_at_us:
            raise FailedPrecondition(
                "ELECTION_NOT_OVER",
                f"the election closes at {record.terms.closes_at_us} µs (block time "
                f"{ctx.block_time_us} µs)",
            )
        opened = parse_checkpoint(record.opening_checkpoint + b"\n").size
        if size <= record.last_ballot_entry or size < opened:
            raise InvalidArgument(
                "CHECKPOINT_TOO_SMALL",
                f"the closing checkpoint has {size} entries; the election's last ballot entry "
                f"is {record.last_ballot_entry} and the opening checkpoint has {opened}",
                field="cosignature.checkpoint",
            )
        votes, fixed = record.closing_votes, record.closing_checkpoint
    else:
        raise InvalidArgument("BAD_PHASE", "phase is OPENING or CLOSING", field="phase")
    if fixed and fixed != body:
        raise FailedPrecondition(
            "CHECKPOINT_MISMATCH",
            f"a quorum of guardians fixed another {action.phase} checkpoint: cosign that one",
        )
    if any(v.guardian == index for v in votes):
        raise AlreadyExists("ALREADY_COSIGNED", f"guardian {index} cosigned the {action.phase}")
    votes = (*votes, Vote(index, body))
    agreed = body if len(cosigners(votes, body)) >= record.terms.quorum else fixed
    if action.phase == OPENING:
        record = replace(record, opening_votes=votes, opening_checkpoint=agreed)
    else:
        record = replace(record, closing_votes=votes, closing_checkpoint=agreed)
        if record.status == READY and agreed:
            record = _close(ctx, record)
    _save(ctx, record)


def counted_ballots(state: StateView, record: ElectionRecord) -> list[BallotRecord]:
    """Each credential's last cast ballot, in submission order."""
    out = []
    for code in ballot_codes(state, record):
        found = ballot(state, record.election_id, code)
        assert found is not None
        if found.state == CAST:
            out.append(found)
    return out


def _ciphertext(pair: Pair) -> crypto.Ciphertext:
    return crypto.Ciphertext(pair.alpha, pair.beta)


def _close(ctx: ActionContext, record: ElectionRecord) -> ElectionRecord:
    counted = counted_ballots(ctx.state, record)
    cells = []
    for i, contest in enumerate(record.terms.contests):
        for j in range(len(contest.selections)):
            summed = crypto.aggregate(
                [(_ciphertext(b.ciphertexts[i][j]), b.weight) for b in counted]
            )
            cells.append(TallyCell(i, j, summed.alpha, summed.beta, 0 if not counted else -1))
    result = TallyRecord(
        cells=tuple(cells),
        counted=len(counted),
        counted_weight=sum(b.weight for b in counted),
        decrypted=not counted,
    )
    ctx.state.put(tally_key(record.election_id), result.encode())
    return replace(record, status=TALLIED if not counted else CLOSED)


def post_tally_share(ctx: ActionContext, action: PostTallyShare) -> None:
    record = election(ctx.state, action.election_id)
    index = _guardian(ctx, record.terms)
    if record.status in (SETUP, READY):
        raise FailedPrecondition(
            "ELECTION_NOT_CLOSED",
            "the tally is decrypted after a quorum of guardians has cosigned the close",
        )
    found = tally(ctx.state, record.election_id)
    assert found is not None
    if record.status == TALLIED:
        raise FailedPrecondition("ALREADY_TALLIED", "the tally is decrypted")
    if index in found.posted:
        raise AlreadyExists("ALREADY_POSTED", f"guardian {index} posted its shares")
    cells = found.cells
    if [(s.contest, s.selection) for s in action.shares] != [
        (c.contest, c.selection) for c in cells
    ]:
        raise InvalidArgument(
            "SHARES_INCOMPLETE",
            "a guardian posts one partial decryption per tallied selection, in contest and "
            "selection order",
            field="shares",
        )
    progress = ceremony(ctx.state, record)
    share_key_of = progress.share_keys[index - 1]
    for n, (cell, posted) in enumerate(zip(cells, action.shares, strict=True)):
        proof = th.ChaumPedersenProof(
            share_key_of, cell.alpha, posted.share, posted.proof_c, posted.proof_v
        )
        context = tally_context(index, cell.contest, cell.selection)
        check = partial(th.chaum_pedersen_verify, record.h_e, proof, context)
        dkg.proof_holds(
            dkg.verify(check, f"shares[{n}]", f"shares[{n}].share"),
            f"the partial decryption of contest {cell.contest} selection {cell.selection}",
            f"shares[{n}].proof",
        )
    ctx.state.put(partial_key(record.election_id, index), PartialRecord(action.shares).encode())
    found = replace(found, posted=(*found.posted, index))
    if len(found.posted) >= record.terms.quorum:
        found = _decrypt(ctx.state, record, progress.joint_key, found)
        record = replace(record, status=TALLIED)
    ctx.state.put(tally_key(record.election_id), found.encode())
    _save(ctx, record)


def _decrypt(
    state: StateView, record: ElectionRecord, joint_key: bytes, found: TallyRecord
) -> TallyRecord:
    by_guardian = {}
    for g in found.posted:
        posted = partials(state, record.election_id, g)
        assert posted is not None
        by_guardian[g] = posted.shares
    cells = list(found.cells)
    failure = ""
    for contest in range(len(record.terms.contests)):
        at = [n for n, c in enumerate(cells) if c.contest == contest]
        combined = [
            th.combine([(g, by_guardian[g][n].share) for g in found.posted], record.terms.quorum)
            for n in at
        ]
        bound = max_total(record.terms, found.counted_weight, contest)
        totals = crypto.decrypt_totals(
            [(cells[n].beta, m) for n, m in zip(at, combined, strict=True)], joint_key, bound
        )
        for n, total in zip(at, totals, strict=True):
            if total is None:
                failure = failure or (
                    f"DLOG_OUT_OF_RANGE: contest {contest} selection {cells[n].selection} "
                    f"exceeds {bound} (the counted weight times the selection's most votes)"
                )
            else:
                cells[n] = replace(cells[n], total=total)
    return replace(found, cells=tuple(cells), decrypted=not failure, failure=failure)


def tally_shares(state: StateView, record: ElectionRecord) -> list[tuple[int, PartialRecord]]:
    found = tally(state, record.election_id)
    out = []
    for g in found.posted if found else ():
        posted = partials(state, record.election_id, g)
        assert posted is not None
        out.append((g, posted))
    return out


def guardian_shares(
    state: StateView, record: ElectionRecord, guardian: int
) -> list[tuple[int, dkg.ShareRecord]]:
    """The sealed shares dealt to ``guardian`` so far: (dealer, share)."""
    progress = ceremony(state, record)
    out = []
    for dealer in range(1, len(record.terms.guardians) + 1):
        if dealer == guardian or not progress.commitments[dealer - 1]:
            continue
        out.append((dealer, ceremony_of(record).share(state, progress.epoch, dealer, guardian)))
    return out
