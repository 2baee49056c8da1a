"""`tabularium election ...`: online elections from the shell, for the organiser's board, the
credential authority, voters and guardians (`tabularium election guardian ...`, a guardian's
own ceremony and decryption tool).

Each command prints JSON on stdout. A refused call prints
``{"error": "CODE: details", "reason": REASON, ...}`` and exits with status 1. Hashes, keys and
confirmation codes are hex. A guardian's secrets live only in its state file, a voter's ballot
nonce only in the ballot's state file (both mode 600), never on the server.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click
import grpc
from google.protobuf import json_format
from google.protobuf.message import Message

from tabularium.cli_vault import (
    FILE_PATH,
    KEY_PATH,
    _emit,
    _fail,
    _hex,
    _load_keys,
    _receipt_fields,
    _refuse,
    _server_option,
    _single_key_option,
    _to_json,
    _tx_options,
    transact,
)

CREDENTIAL_BATCH = 5000


def _pb() -> Any:
    from tabularium.voting.v1 import voting_pb2

    return voting_pb2


def _rpc(service: str, server: str, method: str, request: Message, timeout: float) -> Any:
    """One unary call to ``service`` ("voting" or "ledger"); a refusal prints and exits 1."""
    from tabularium.ledger.v1 import ledger_pb2_grpc
    from tabularium.voting.v1 import voting_pb2_grpc

    stub: Any = (
        voting_pb2_grpc.VotingServiceStub
        if service == "voting"
        else ledger_pb2_grpc.LedgerServiceStub
    )

    with grpc.insecure_channel(server) as channel:
        try:
            return getattr(stub(channel), method)(request, timeout=timeout)
        except grpc.RpcError as exc:
            _fail(exc)


def _call(server: str, method: str, request: Message, timeout: float) -> Any:
    return _rpc("voting", server, method, request, timeout)


def _ledger(server: str, method: str, request: Message, timeout: float) -> Any:
    return _rpc("ledger", server, method, request, timeout)


def _election(server: str, election_id: str, timeout: float) -> Any:
    request = _pb().GetElectionRequest(election_id=election_id)
    return _call(server, "GetElection", request, timeout).election


def _checkpoint(server: str, timeout: float, tree_size: int = 0) -> bytes:
    from tabularium.ledger.v1 import ledger_pb2

    request = ledger_pb2.GetCheckpointRequest(tree_size=tree_size)
    return bytes(_ledger(server, "GetCheckpoint", request, timeout).checkpoint)


def _note_of(server: str, body: bytes, timeout: float) -> bytes | None:
    """The log's signed note whose body is ``body``; None if the log has another there."""
    from tabularium.chain.checkpoint import parse_checkpoint
    from tabularium.errors import InvalidArgument

    try:
        size = parse_checkpoint(body + b"\n").size
    except InvalidArgument:
        return None
    from tabularium.ledger.v1 import ledger_pb2, ledger_pb2_grpc

    with grpc.insecure_channel(server) as channel:
        try:
            note = bytes(
                ledger_pb2_grpc.LedgerServiceStub(channel)
                .GetCheckpoint(ledger_pb2.GetCheckpointRequest(tree_size=size), timeout=timeout)
                .checkpoint
            )
        except grpc.RpcError:  # no block ended at that size: not the log's checkpoint
            return None
    return note if parse_checkpoint(note).body == body else None


def _fixed_or_latest(
    server: str, fixed: bytes, votes: Sequence[Any], phase: str, timeout: float
) -> bytes:
    """The checkpoint note to cosign: the one a quorum fixed; else the earliest proposal that is
    really the log's (so the guardians converge on one, and a made-up proposal is passed over);
    else the log's latest."""
    if fixed:
        note = _note_of(server, fixed, timeout)
        if note is None:
            _refuse(
                "CHECKPOINT_MISMATCH",
                f"the {phase} checkpoint the guardians fixed is not the log's",
            )
        return note
    for vote in votes:
        note = _note_of(server, bytes(vote.checkpoint), timeout)
        if note is not None:
            return note
    return _checkpoint(server, timeout)


def _submit(server: str, keys: Sequence[Path], action: Message, timeout: float) -> dict[str, Any]:
    fields = _receipt_fields(transact(server, keys, action, timeout))
    _emit(fields)
    return fields


def _terms(path: Path) -> Any:
    """ElectionTerms from a JSON file in the proto's JSON mapping."""
    try:
        return json_format.Parse(path.read_text(), _pb().ElectionTerms())
    except json_format.ParseError as exc:
        raise click.BadParameter(str(exc), param_hint="--terms") from exc


def _public(path: Path) -> bytes:
    return _load_keys([path])[0].public_key().public_bytes_raw()


def _load_state(path: Path) -> dict[str, Any]:
    state: dict[str, Any] = json.loads(path.read_text())
    return state


def _save_state(path: Path, state: dict[str, Any]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(state, out, indent=1, sort_keys=True)


def _register(path: Path, param: str) -> list[tuple[bytes, int]]:
    """A weight register: a JSON list of [hex credential key, weight] pairs."""
    try:
        raw = json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        raise click.BadParameter(f"not JSON: {exc}", param_hint=param) from exc
    if not isinstance(raw, list) or not raw:
        raise click.BadParameter("want a list of [hex key, weight] pairs", param_hint=param)
    entries = []
    for item in raw:
        if (
            not isinstance(item, list)
            or len(item) != 2
            or not isinstance(item[0], str)
            or not isinstance(item[1], int)
            or isinstance(item[1], bool)
        ):
            raise click.BadParameter(f"{item!r}: want [hex key, weight]", param_hint=param)
        entries.append((_hex(item[0], param, 32), item[1]))
    return entries


def _votes(text: str) -> list[list[int]]:
    try:
        rows = json.loads(text)
    except json.JSONDecodeError as exc:
        raise click.BadParameter(f"not JSON: {exc}", param_hint="--votes") from exc
    if not isinstance(rows, list) or not all(
        isinstance(row, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in row)
        for row in rows
    ):
        raise click.BadParameter(
            "want one list of integers per contest, e.g. [[1,0,1],[2,0]]", param_hint="--votes"
        )
    return rows


def _ballot_state(path: Path, election_id: str) -> dict[str, Any]:
    state = _load_state(path)
    if state.get("election_id") != election_id:
        raise click.UsageError(f"{path} holds a ballot of {state.get('election_id')!r}")
    return state


_ID = click.option("--id", "election_id", required=True, help="The election id.")
_CREDENTIAL = click.option(
    "--credential", "credential_path", required=True, type=KEY_PATH,
    help="The voter's per-election credential key (PEM PKCS#8 Ed25519); it alone signs.",
)  # fmt: skip
_BALLOT_STATE = click.option(
    "--state", "state_path", type=FILE_PATH, required=True,
    help="The ballot's state file, written by `election vote`.",
)  # fmt: skip
_TIMEOUT = click.option("--timeout", default=30.0, help="Deadline per call, seconds.")


# ----- election --------------------------------------------------------------------------------


@click.group()
def election() -> None:
    """Online voting: ballots encrypted to the guardians' joint key with proofs, the log as the
    ballot box, Benaloh cast or challenge, a quorum of guardians decrypting only the tally.

    The organiser's "election-board" role holders create and amend (repeat --key up to its
    threshold); the credential authority's officials publish voters' credential keys; a voter
    signs only with its per-election credential key; guardians sign as themselves.
    """


@election.command()
@_tx_options
@_ID
@click.option("--organiser", required=True, help="DID of the organising organisation.")
@click.option("--terms", "terms_path", type=FILE_PATH, required=True, help="ElectionTerms JSON.")
def create(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    election_id: str,
    organiser: str,
    terms_path: Path,
) -> None:
    """Create an election; the board signs (repeat --key)."""
    action = _pb().CreateElection(
        election_id=election_id, organiser=organiser, terms=_terms(terms_path)
    )
    _submit(server, key_paths, action, timeout)


@election.command()
@_tx_options
@_ID
@click.option("--organiser", required=True)
@click.option("--terms", "terms_path", type=FILE_PATH, required=True, help="ElectionTerms JSON.")
@click.option("--reason", required=True, help="Why (logged).")
def amend(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    election_id: str,
    organiser: str,
    terms_path: Path,
    reason: str,
) -> None:
    """Replace the terms before the guardians' ceremony starts (or after it failed)."""
    action = _pb().AmendElection(
        election_id=election_id, organiser=organiser, terms=_terms(terms_path), reason=reason
    )
    _submit(server, key_paths, action, timeout)


@election.command()
@_tx_options
@_ID
@click.option("--authority", required=True, help="DID of the credential authority.")
@click.option("--keys", "keys_path", type=FILE_PATH, required=True,
              help="The credential public keys, hex, one per line.")  # fmt: skip
@click.option("--weights", "weights_path", type=FILE_PATH, help="Weighted elections: the "
              "register, a JSON list of [hex key, weight] pairs for these keys.")  # fmt: skip
def credentials(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    election_id: str,
    authority: str,
    keys_path: Path,
    weights_path: Path | None,
) -> None:
    """Publish the voters' credential keys before the opening, in batches (one JSON line
    each); with --weights also the register's root and total weight."""
    from tabularium.crypto import voting as crypto

    keys = [
        _hex(line.strip(), "--keys", 32)
        for line in keys_path.read_text().splitlines()
        if line.strip()
    ]
    if not keys:
        raise click.BadParameter("no key listed", param_hint="--keys")
    root, total = b"", 0
    if weights_path is not None:
        entries = _register(weights_path, "--weights")
        if sorted(k for k, _ in entries) != sorted(keys):
            raise click.BadParameter(
                "the register must list exactly the keys of --keys", param_hint="--weights"
            )
        try:
            root = crypto.weight_register(entries)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--weights") from exc
        total = sum(w for _, w in entries)
    pb = _pb()
    for start in range(0, len(keys), CREDENTIAL_BATCH):
        batch = keys[start : start + CREDENTIAL_BATCH]
        action = pb.PublishCredentials(
            election_id=election_id,
            credential_authority=authority,
            keys=batch,
            weight_root=root,
            total_weight=total,
        )
        receipt = transact(server, key_paths, action, timeout)
        out: dict[str, Any] = {**_receipt_fields(receipt), "first": start, "keys": len(batch)}
        if root:
            out |= {"weight_root": root.hex(), "total_weight": total}
        _emit(out)


@election.command(name="open")
@_ID
@_single_key_option("The guardian's signing key: it cosigns the checkpoint and the action.")
@_server_option
@_TIMEOUT
def open_election(election_id: str, key_path: Path, server: str, timeout: float) -> None:
    """Cosign the start of the ballot box (after the ceremony, before the first ballot; ballots
    are accepted once a quorum has): the earliest proposal that is the log's, else the latest."""
    from tabularium.chain.checkpoint import parse_checkpoint
    from tabularium.voting_client import cosign_checkpoint

    found = _election(server, election_id, timeout)
    note = _fixed_or_latest(
        server, bytes(found.opening_checkpoint), found.opening_votes, "opening", timeout
    )
    key = _load_keys([key_path])[0]
    action = cosign_checkpoint(election_id, key, note, _pb().CosignCheckpoint.PHASE_OPENING)
    fields = _receipt_fields(transact(server, [key_path], action, timeout))
    _emit({**fields, "tree_size": parse_checkpoint(note).size})


@election.command()
@_ID
@_CREDENTIAL
@click.option("--votes", required=True, help="One row per contest, e.g. [[1,0,1],[2,0]].")
@click.option("--weight", type=int, help="Weighted elections: this credential's weight.")
@click.option("--register", "register_path", type=FILE_PATH, help="Weighted elections: the "
              "register (JSON list of [hex key, weight]), for the weight proof.")  # fmt: skip
@click.option("--chaining", default="", help="The device's previous confirmation code (hex); "
              "default: the election's H_E (a first ballot).")  # fmt: skip
@click.option(
    "-o", "--output", "state_path", required=True, type=click.Path(path_type=Path, dir_okay=False),
    help="Where to keep the ballot's nonce and code (secret; mode 600).",
)  # fmt: skip
@_server_option
@_TIMEOUT
def vote(
    election_id: str,
    credential_path: Path,
    votes: str,
    weight: int | None,
    register_path: Path | None,
    chaining: str,
    state_path: Path,
    server: str,
    timeout: float,
) -> None:
    """Encrypt a ballot on this machine and submit it, pending: then `election cast` it or
    `election challenge` it. Prints its confirmation code and receipt."""
    from tabularium.crypto import voting as crypto
    from tabularium.voting_client import encrypt

    if state_path.exists():
        raise click.UsageError(f"{state_path} exists: it holds another ballot's nonce")
    if weight is not None and register_path is None:
        raise click.UsageError("--weight needs --register (the weight's proof comes from it)")
    rows = _votes(votes)
    credential = _public(credential_path)
    proof, given = None, 0
    if register_path is not None:
        entries = _register(register_path, "--register")
        try:
            proof = crypto.weight_proof(entries, credential)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--register") from exc
        given = dict(entries)[credential]
        if weight is not None and weight != given:
            raise click.BadParameter(
                f"the register gives this credential weight {given}", param_hint="--weight"
            )
    found = _election(server, election_id, timeout)
    if not found.extended_base_hash:
        raise click.UsageError("the guardians' key ceremony is not complete: no ballot yet")
    link = _hex(chaining, "--chaining", 32) if chaining else None
    try:
        ballot = encrypt(found, rows, chaining=link, weight=given, weight_proof=proof)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--votes") from exc
    receipt = transact(server, [credential_path], ballot.action, timeout)
    _save_state(
        state_path,
        {
            "election_id": election_id,
            "credential": credential.hex(),
            "code": ballot.code.hex(),
            "nonce": ballot.nonce.hex(),
            # The voter's receipt, for `election check-receipt` after the close.
            "receipt": json_format.MessageToDict(receipt),
        },
    )
    _emit({"code": ballot.code.hex(), **_receipt_fields(receipt)})


@election.command()
@_ID
@_CREDENTIAL
@_BALLOT_STATE
@_server_option
@_TIMEOUT
def cast(
    election_id: str, credential_path: Path, state_path: Path, server: str, timeout: float
) -> None:
    """Cast the pending ballot: it replaces any ballot this credential cast before."""
    state = _ballot_state(state_path, election_id)
    action = _pb().CastBallot(election_id=election_id, code=bytes.fromhex(state["code"]))
    _submit(server, [credential_path], action, timeout)


@election.command()
@_ID
@_CREDENTIAL
@_BALLOT_STATE
@_server_option
@_TIMEOUT
def challenge(
    election_id: str, credential_path: Path, state_path: Path, server: str, timeout: float
) -> None:
    """Challenge the pending ballot (Benaloh): reveal its nonce so anyone can decrypt it and
    check what this machine encrypted. It never counts; vote again."""
    state = _ballot_state(state_path, election_id)
    action = _pb().ChallengeBallot(
        election_id=election_id,
        code=bytes.fromhex(state["code"]),
        nonce=bytes.fromhex(state["nonce"]),
    )
    _submit(server, [credential_path], action, timeout)


@election.command()
@_ID
@_single_key_option("The guardian's signing key: it cosigns the checkpoint and the action.")
@_server_option
@_TIMEOUT
def close(election_id: str, key_path: Path, server: str, timeout: float) -> None:
    """After closes_at: check the log is consistent from the opening checkpoint and cosign the
    closing checkpoint (the one a quorum fixed, else the earliest proposal that is the log's,
    else the latest)."""
    from tabularium.chain.checkpoint import parse_checkpoint
    from tabularium.crypto import merkle
    from tabularium.errors import InvalidProof
    from tabularium.ledger.v1 import ledger_pb2
    from tabularium.voting_client import cosign_checkpoint

    found = _election(server, election_id, timeout)
    if not found.opening_checkpoint:
        raise click.UsageError("no guardian cosigned the opening: nothing to check the log from")
    opening = parse_checkpoint(bytes(found.opening_checkpoint) + b"\n")
    note = _fixed_or_latest(
        server, bytes(found.closing_checkpoint), found.closing_votes, "closing", timeout
    )
    closing = parse_checkpoint(note)
    if closing.origin != opening.origin:
        _refuse(
            "ORIGIN_MISMATCH", f"the checkpoint is {closing.origin!r}'s, not {opening.origin!r}"
        )
    request = ledger_pb2.GetConsistencyProofRequest(
        first_size=opening.size, second_size=closing.size
    )
    proof = _ledger(server, "GetConsistencyProof", request, timeout).hashes
    try:
        merkle.verify_consistency(
            opening.size, closing.size, list(proof), opening.root, closing.root
        )
    except InvalidProof as exc:
        _refuse(
            "LOG_INCONSISTENT",
            f"the log at size {closing.size} does not extend the opening checkpoint "
            f"(size {opening.size}): {exc}",
        )
    key = _load_keys([key_path])[0]
    action = cosign_checkpoint(election_id, key, note, _pb().CosignCheckpoint.PHASE_CLOSING)
    fields = _receipt_fields(transact(server, [key_path], action, timeout))
    _emit({**fields, "opening_size": opening.size, "tree_size": closing.size})


@election.command()
@_server_option
@_ID
@_TIMEOUT
def tally(server: str, election_id: str, timeout: float) -> None:
    """The tally: ciphertexts, partial decryptions posted, and the totals once decrypted."""
    got = _call(server, "GetTally", _pb().GetTallyRequest(election_id=election_id), timeout)
    _emit(_to_json(got))


@election.command()
@_server_option
@_ID
@_TIMEOUT
def show(server: str, election_id: str, timeout: float) -> None:
    """The election, as JSON."""
    _emit(_to_json(_election(server, election_id, timeout)))


@election.command()
@_server_option
@_ID
@click.option("--code", required=True, help="The confirmation code (hex).")
@_TIMEOUT
def ballot(server: str, election_id: str, code: str, timeout: float) -> None:
    """One ballot by confirmation code: its state (and a challenged ballot's votes)."""
    request = _pb().GetBallotRequest(election_id=election_id, code=_hex(code, "--code", 32))
    _emit(_to_json(_call(server, "GetBallot", request, timeout).ballot))


# ----- guardian --------------------------------------------------------------------------------


@election.group()
def guardian() -> None:
    """A guardian's own tool: key ceremony and tally decryption. Secrets stay in the state file
    on this machine; only public keys, proofs, sealed shares and partial decryptions go to the
    ledger."""


@guardian.command()
@_tx_options
@_ID
@click.option("--did", required=True, help="This guardian's DID.")
@click.option(
    "-o", "--output", "state_path", required=True, type=click.Path(path_type=Path, dir_okay=False),
    help="Where to keep this guardian's secrets (mode 600).",
)  # fmt: skip
def keygen(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    election_id: str,
    did: str,
    state_path: Path,
) -> None:
    """Round 1: draw this guardian's secrets and register its ceremony key."""
    from tabularium.voting_client import Guardian

    if state_path.exists():
        raise click.UsageError(f"{state_path} exists: it holds a guardian's secrets")
    found = _election(server, election_id, timeout)
    if did not in found.terms.guardians:
        raise click.UsageError(f"{did} is not a guardian of {election_id}")
    tool = Guardian.keygen(found, did)
    _save_state(state_path, tool.to_json())
    _submit(server, key_paths, tool.register(found), timeout)


@guardian.command()
@_tx_options
@_ID
@click.option("--state", "state_path", type=FILE_PATH, required=True)
@click.option("--check", is_flag=True, help="Round 3 instead: open and check every share "
              "dealt to this guardian; confirm the joint key or complain.")  # fmt: skip
def shares(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    election_id: str,
    state_path: Path,
    check: bool,
) -> None:
    """Round 2: deal this guardian's shares, sealed to each other guardian's key (once every
    key is registered). With --check, round 3 (once every guardian has dealt)."""
    from tabularium.crypto import threshold as th
    from tabularium.voting_client import Guardian

    tool = Guardian.from_json(_load_state(state_path))
    if tool.election_id != election_id:
        raise click.UsageError(f"{state_path} is a guardian's of {tool.election_id!r}")
    found = _election(server, election_id, timeout)
    count = len(found.terms.guardians)
    if not check:
        if len(found.guardian_keys) != count or not all(found.guardian_keys):
            raise click.UsageError("not every guardian has registered its key yet")
        _submit(server, key_paths, tool.deal(found), timeout)
        return
    if not all(c.commitments for c in found.commitments) or not found.joint_key:
        raise click.UsageError("not every guardian has dealt yet")
    request = _pb().GetCeremonyRequest(election_id=election_id, guardian=tool.index)
    dealt = _call(server, "GetCeremony", request, timeout)
    if len(dealt.shares) != count - 1:
        raise click.UsageError("not every guardian has dealt yet")
    answer = tool.check_shares(found, dealt)
    if isinstance(answer, _pb().ConfirmGuardianKey) and (
        th.commitments([tool.secret_share])[0] != found.share_keys[tool.index - 1]
    ):
        raise click.ClickException("the joint share does not match this guardian's share key")
    _save_state(state_path, tool.to_json())
    _submit(server, key_paths, answer, timeout)


@guardian.command()
@_tx_options
@_ID
@click.option("--state", "state_path", type=FILE_PATH, required=True)
def decrypt(
    server: str, key_paths: Sequence[Path], timeout: float, election_id: str, state_path: Path
) -> None:
    """After the close: post this guardian's partial decryption of every tallied selection."""
    from tabularium.voting_client import Guardian

    tool = Guardian.from_json(_load_state(state_path))
    if tool.election_id != election_id:
        raise click.UsageError(f"{state_path} is a guardian's of {tool.election_id!r}")
    if not tool.secret_share:
        raise click.UsageError(
            "run `election guardian shares --check` first: the joint share is not known"
        )
    found = _election(server, election_id, timeout)
    got = _call(server, "GetTally", _pb().GetTallyRequest(election_id=election_id), timeout)
    _submit(server, key_paths, tool.tally_shares(found, got), timeout)


# ----- the election record and its offline checks ----------------------------------------------


@election.command()
@_ID
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              required=True, help="Where to write the record.")  # fmt: skip
@_server_option
@click.option("--timeout", default=600.0, help="Deadline for the whole download, seconds.")
def record(election_id: str, output: Path, server: str, timeout: float) -> None:
    """Save the election record (every accepted entry with its inclusion proof, the log's
    closing and head checkpoints, the stated tally) for `election verify`."""
    from tabularium.voting.v1 import voting_pb2_grpc
    from tabularium.voting_verify import write_record

    with grpc.insecure_channel(
        server, options=[("grpc.max_receive_message_length", 64 << 20)]
    ) as channel:
        try:
            parts = list(
                voting_pb2_grpc.VotingServiceStub(channel).GetElectionRecord(
                    _pb().GetElectionRecordRequest(election_id=election_id), timeout=timeout
                )
            )
        except grpc.RpcError as exc:
            _fail(exc)
    write_record(output, parts)
    entries = sum(len(p.entries.entries) for p in parts if p.HasField("entries"))
    _emit({"record": str(output), "entries": entries})


def _log_key(path: Path) -> Any:
    from tabularium.chain.checkpoint import NoteVerifier
    from tabularium.errors import InvalidArgument

    try:
        return NoteVerifier.parse(path.read_text())
    except InvalidArgument as exc:
        raise click.BadParameter(exc.message, param_hint="--log-key") from exc


_LOG_KEY = click.option(
    "--log-key", "log_key", type=FILE_PATH, required=True,
    help="The log's verifier key (GetLogInfo verifier_key), pinned out of band.",
)  # fmt: skip


def _verified(record_path: Path, log_key: Path, reference: bool) -> Any:
    from tabularium.voting_verify import VerificationFailed, read_record, verify

    try:
        header, entries = read_record(record_path)
        return header, entries, verify(header, entries, _log_key(log_key), reference=reference)
    except VerificationFailed as exc:
        _emit({"verified": False, "failure": exc.code, "message": exc.message})
        raise SystemExit(1) from None


@election.command(name="verify")
@click.argument("record_path", metavar="RECORD", type=FILE_PATH)
@_LOG_KEY
@click.option("--reference", is_flag=True,
              help="Check ballots, challenges and the tally sum with the pure-Python reference "
              "instead of the extension (slow; the verdict must be the same; needs the "
              "`reference` extra: pip install 'tabularium[reference]').")  # fmt: skip
def verify_record(record_path: Path, log_key: Path, reference: bool) -> None:
    """Check an election record offline, from the log's key alone: checkpoints, every entry's
    inclusion and signatures, the guardians' proofs, every ballot, the cosigned close and the
    tally. Exits 1 naming the first failure."""
    _, _, report = _verified(record_path, log_key, reference)
    _emit(
        {
            "verified": True,
            "election_id": report.election_id,
            "entries": report.entries,
            "ballots": report.ballots,
            "counted": report.counted,
            "challenged": report.challenged,
            "totals": report.totals,
            "closing_size": report.closing_size,
        }
    )


@election.command(name="check-receipt")
@click.option("--state", "state_path", type=FILE_PATH, required=True,
              help="The voter's ballot state (from `election vote`): its receipt.")  # fmt: skip
@click.argument("record_path", metavar="RECORD", type=FILE_PATH)
@_LOG_KEY
@_server_option
@_TIMEOUT
def check_receipt(
    state_path: Path, record_path: Path, log_key: Path, server: str, timeout: float
) -> None:
    """Show a ballot was not dropped: its receipt verifies, the log is consistent from the
    receipt's checkpoint to the closing checkpoint (proof fetched from the server, checked
    locally), and the verified record holds the same entry, counted unless superseded or
    challenged."""
    from tabularium.chain.checkpoint import parse_checkpoint
    from tabularium.chain.receipt import verify_receipt
    from tabularium.crypto import merkle
    from tabularium.errors import InvalidArgument, InvalidProof, InvalidSignature
    from tabularium.ledger.v1 import ledger_pb2

    state = _load_state(state_path)
    if "receipt" not in state:
        raise click.UsageError(f"{state_path} holds no receipt")
    receipt = json_format.ParseDict(state["receipt"], ledger_pb2.Receipt())
    header, entries, _ = _verified(record_path, log_key, False)
    try:
        at = verify_receipt(receipt, _log_key(log_key), origin=header.origin)
    except (InvalidProof, InvalidSignature, InvalidArgument) as exc:
        _refuse("RECEIPT_INVALID", f"the receipt does not verify: {exc}")
    closing = parse_checkpoint(bytes(header.closing_checkpoint))
    request = ledger_pb2.GetConsistencyProofRequest(first_size=at.size, second_size=closing.size)
    proof = _ledger(server, "GetConsistencyProof", request, timeout).hashes
    try:
        merkle.verify_consistency(at.size, closing.size, list(proof), at.root, closing.root)
    except InvalidProof as exc:
        _refuse("LOG_INCONSISTENT", f"the closing checkpoint does not extend the receipt's: {exc}")
    logged = {e.index: bytes(e.transaction) for e in entries}
    if logged.get(receipt.entry_index) != bytes(receipt.transaction):
        _refuse(
            "BALLOT_DROPPED",
            f"entry {receipt.entry_index} is in the log but not in the election record",
        )
    ballot = _call(
        server,
        "GetBallot",
        _pb().GetBallotRequest(election_id=state["election_id"], code=bytes.fromhex(state["code"])),
        timeout,
    ).ballot
    _emit(
        {
            "checked": True,
            "entry_index": receipt.entry_index,
            "receipt_size": at.size,
            "closing_size": closing.size,
            "state": _pb().BallotState.Name(ballot.state),
        }
    )
