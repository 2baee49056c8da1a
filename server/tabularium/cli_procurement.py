"""`tabularium procurement ...` and `tabularium committee ...`: tenders, sealed bids, opening,
evaluation, award, contract and OCDS packages from the shell; a committee member's own
ceremony and decryption tool.

Each command prints JSON on stdout. A refused call prints
``{"error": "CODE: details", "reason": REASON, ...}`` and exits with status 1. Amounts are
integer minor units; hashes are hex. A member's secrets live only in its state file (mode
600, written by `committee keygen`), never on the server.
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
    _chain_id,
    _emit,
    _fail,
    _hex,
    _load_keys,
    _partial_file,
    _receipt_fields,
    _refuse,
    _server_option,
    _single_key_option,
    _to_json,
    _tx_options,
    transact,
)


def _pb() -> Any:
    from tabularium.procurement.v1 import procurement_pb2

    return procurement_pb2


def _stub(channel: grpc.Channel) -> Any:
    from tabularium.procurement.v1 import procurement_pb2_grpc

    return procurement_pb2_grpc.ProcurementServiceStub(channel)


def _call(server: str, method: str, request: Message, timeout: float) -> Any:
    with grpc.insecure_channel(server) as channel:
        try:
            return getattr(_stub(channel), method)(request, timeout=timeout)
        except grpc.RpcError as exc:
            _fail(exc)


def _tender(server: str, ocid: str, timeout: float) -> Any:
    return _call(server, "GetTender", _pb().GetTenderRequest(ocid=ocid), timeout).tender


def _submit(server: str, keys: Sequence[Path], action: Message, timeout: float) -> None:
    _emit(_receipt_fields(transact(server, keys, action, timeout)))


def _terms(path: Path) -> Any:
    """TenderTerms from a JSON file in the proto's JSON mapping."""
    try:
        return json_format.Parse(path.read_text(), _pb().TenderTerms())
    except json_format.ParseError as exc:
        raise click.BadParameter(str(exc), param_hint="--terms") from exc


def _eur(minor: int, currency: str) -> Any:
    return _pb().Amount(minor_units=minor, currency=currency)


# ----- procurement -----------------------------------------------------------------------------


@click.group()
def procurement() -> None:
    """Public procurement: frozen tender terms, bids sealed to the committee's key, threshold
    opening, scoring as code, award, standstill, contract, Art. 72 modifications, OCDS 1.1.

    The buyer's "admin" or "procurement" role holders act for it; bidders act through their
    own key or "bidder" role holders; committee members sign as themselves.
    """


@procurement.command()
@_tx_options
@click.option("--buyer", required=True, help="DID of the contracting authority.")
@click.option("--ocid", required=True, help="Open Contracting ID, ocds-<prefix>-<id>.")
@click.option("--title", required=True)
@click.option("--description", default="")
@click.option("--terms", "terms_path", type=FILE_PATH, required=True, help="TenderTerms JSON.")
def publish(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    buyer: str,
    ocid: str,
    title: str,
    description: str,
    terms_path: Path,
) -> None:
    """Publish a tender; its terms are frozen under a criteria hash."""
    pb = _pb()
    action = pb.PublishTender(
        buyer=buyer,
        ocid=ocid,
        details=pb.TenderDetails(title=title, description=description),
        terms=_terms(terms_path),
    )
    _submit(server, key_paths, action, timeout)


@procurement.command()
@_tx_options
@click.option("--buyer", required=True)
@click.option("--ocid", required=True)
@click.option("--terms", "terms_path", type=FILE_PATH, required=True, help="TenderTerms JSON.")
@click.option("--rationale", required=True)
def amend(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    buyer: str,
    ocid: str,
    terms_path: Path,
    rationale: str,
) -> None:
    """Replace the frozen terms before the deadline (the deadline must leave the minimum)."""
    action = _pb().AmendTender(
        ocid=ocid, buyer=buyer, terms=_terms(terms_path), rationale=rationale
    )
    _submit(server, key_paths, action, timeout)


@procurement.command()
@_tx_options
@click.option("--ocid", required=True)
@click.option("--lot", required=True)
@click.option("--bidder", required=True, help="DID the bid is for.")
@click.option(
    "--figure",
    "figures",
    multiple=True,
    required=True,
    help="criterion=minor_units for each price or cost criterion; repeat.",
)
@click.option("--documents", "documents_path", type=FILE_PATH, help="Bid documents to seal "
              "(one file; archive several). Their ciphertext is uploaded with the bid and kept "
              "off the log.")  # fmt: skip
@click.option("--out", "out_path", type=click.Path(path_type=Path), help="Also keep a copy of "
              "the sealed documents here.")  # fmt: skip
def bid(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    ocid: str,
    lot: str,
    bidder: str,
    figures: Sequence[str],
    documents_path: Path | None,
    out_path: Path | None,
) -> None:
    """Seal a bid to the committee's joint key on this machine and submit it (with
    --documents, through UploadBid, which checks the ciphertext against the bid's hash)."""
    import rfc8785

    from tabularium.crypto import sealedbid as sb

    values: dict[str, int] = {}
    for item in figures:
        name, _, amount = item.partition("=")
        if not name or not amount.isdigit():
            raise click.BadParameter(f"{item!r}: want criterion=minor_units", param_hint="--figure")
        values[name] = int(amount)
    joint = _tender(server, ocid, timeout).joint_key
    if not joint:
        raise click.UsageError("the committee's key is not ready: no bid can be sealed yet")
    documents = documents_path.read_bytes() if documents_path else None
    sealed, documents_ct = sb.seal_bid(
        ocid, lot, bidder, joint, rfc8785.dumps({"figures": values}), documents
    )
    if documents is not None and out_path:
        out_path.write_bytes(documents_ct)
    from tabularium.api.convert.procurement import sealed_to_pb

    action = _pb().SubmitBid(ocid=ocid, lot=lot, bidder=bidder, bid=sealed_to_pb(sealed))
    if documents is None:
        _submit(server, key_paths, action, timeout)
        return
    from tabularium import procurement_client
    from tabularium.txbuild import build_signed
    from tabularium.vault_client import now_us

    with grpc.insecure_channel(server) as channel:
        try:
            raw = build_signed(
                _chain_id(channel, timeout), action, _load_keys(key_paths), now_us=now_us()
            )
            response = procurement_client.upload_bid(channel, raw, documents_ct, timeout=timeout)
        except grpc.RpcError as exc:
            _fail(exc)
    _emit(
        {
            **_receipt_fields(response.receipt),
            "documents_sha256": sealed.documents_sha256.hex(),
            "documents_size": sealed.documents_size,
        }
    )


@procurement.command()
@_tx_options
@click.option("--ocid", required=True)
@click.option("--lot", required=True)
@click.option("--bidder", required=True)
def withdraw(
    server: str, key_paths: Sequence[Path], timeout: float, ocid: str, lot: str, bidder: str
) -> None:
    """Withdraw a bid before the deadline."""
    _submit(server, key_paths, _pb().WithdrawBid(ocid=ocid, lot=lot, bidder=bidder), timeout)


@procurement.command(name="open")
@_tx_options
@click.option("--state", "state_path", type=FILE_PATH, required=True, help="Member state file.")
def open_bids(server: str, key_paths: Sequence[Path], timeout: float, state_path: Path) -> None:
    """Post this member's partial decryptions of every live bid (after the deadline)."""
    from tabularium.crypto import sealedbid as sb

    state = _load_state(state_path)
    if not state.get("secret_share"):
        raise click.UsageError("run `committee decrypt` first: the joint share is not known")
    ocid = state["ocid"]
    pb = _pb()
    tender = _tender(server, ocid, timeout)
    listed = _call(server, "ListBids", pb.ListBidsRequest(ocid=ocid), timeout).bids
    shares = []
    for item in listed:
        if item.status != pb.BID_STATUS_SEALED:
            continue
        proof = sb.partial_decrypt(
            ocid,
            tender.joint_key,
            state["index"],
            bytes.fromhex(state["secret_share"]),
            item.lot,
            item.bidder,
            item.sealed.alpha,
        )
        shares.append(
            pb.DecryptionShare(
                lot=item.lot,
                bidder=item.bidder,
                share=proof.result,
                proof=pb.Proof(c=proof.c, v=proof.v),
            )
        )
    _submit(server, key_paths, pb.OpenBids(ocid=ocid, shares=shares), timeout)


@procurement.command()
@_tx_options
@click.option("--ocid", required=True)
@click.option("--declaration", "declaration", type=FILE_PATH, required=True,
              help="The signed Art. 24 declaration (hashed).")  # fmt: skip
def declare(
    server: str, key_paths: Sequence[Path], timeout: float, ocid: str, declaration: Path
) -> None:
    """Declare no conflict of interest (Article 24 of the Directive) before evaluating."""
    import hashlib

    digest = hashlib.sha256(declaration.read_bytes()).digest()
    _submit(
        server, key_paths, _pb().DeclareNoConflict(ocid=ocid, declaration_sha256=digest), timeout
    )


@procurement.command()
@_tx_options
@click.option("--ocid", required=True)
@click.option("--lot", required=True)
@click.option("--bidder", required=True)
@click.option("--mark", "marks", multiple=True, required=True, help="criterion=mark; repeat.")
def mark(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    ocid: str,
    lot: str,
    bidder: str,
    marks: Sequence[str],
) -> None:
    """Mark an opened bid on every quality criterion of its lot."""
    pb = _pb()
    given = []
    for item in marks:
        name, _, value = item.partition("=")
        if not name or not value.isdigit():
            raise click.BadParameter(f"{item!r}: want criterion=mark", param_hint="--mark")
        given.append(pb.Mark(criterion=name, mark=int(value)))
    _submit(server, key_paths, pb.MarkBid(ocid=ocid, lot=lot, bidder=bidder, marks=given), timeout)


_GROUNDS = ("art57_exclusion", "art69_abnormally_low", "non_compliant")


@procurement.command()
@_tx_options
@click.option("--ocid", required=True)
@click.option("--lot", required=True)
@click.option("--bidder", required=True)
@click.option("--ground", type=click.Choice(_GROUNDS), required=True)
@click.option("--reason", required=True)
def disqualify(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    ocid: str,
    lot: str,
    bidder: str,
    ground: str,
    reason: str,
) -> None:
    """Disqualify a bid; the quorum of declared members signs (repeat --key)."""
    pb = _pb()
    value = pb.ExclusionGround.Value("EXCLUSION_GROUND_" + ground.upper())
    action = pb.DisqualifyBid(ocid=ocid, lot=lot, bidder=bidder, ground=value, reason=reason)
    _submit(server, key_paths, action, timeout)


@procurement.command()
@_tx_options
@click.option("--ocid", required=True)
@click.option("--lot", required=True)
def close(server: str, key_paths: Sequence[Path], timeout: float, ocid: str, lot: str) -> None:
    """Close a lot's evaluation: the ledger scores and ranks the bids."""
    _submit(server, key_paths, _pb().CloseEvaluation(ocid=ocid, lot=lot), timeout)


@procurement.command()
@_tx_options
@click.option("--buyer", required=True)
@click.option("--ocid", required=True)
@click.option("--lot", required=True)
@click.option("--bidder", required=True)
@click.option("--value", type=int, required=True, help="The bid's price, minor units.")
@click.option("--currency", default="EUR", show_default=True)
def award(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    buyer: str,
    ocid: str,
    lot: str,
    bidder: str,
    value: int,
    currency: str,
) -> None:
    """Award a lot to its top valid bid, under the criteria hash in force."""
    criteria = _tender(server, ocid, timeout).criteria_hash
    action = _pb().AwardContract(
        ocid=ocid,
        buyer=buyer,
        lot=lot,
        bidder=bidder,
        value=_eur(value, currency),
        criteria_hash=criteria,
    )
    _submit(server, key_paths, action, timeout)


@procurement.command()
@_tx_options
@click.option("--ocid", required=True)
@click.option("--lot", required=True)
@click.option("--complainant", required=True)
@click.option("--grounds", type=FILE_PATH, required=True, help="The grounds (hashed).")
def complain(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    ocid: str,
    lot: str,
    complainant: str,
    grounds: Path,
) -> None:
    """Complain against a lot's award within the standstill."""
    import hashlib

    action = _pb().FileComplaint(
        ocid=ocid,
        lot=lot,
        complainant=complainant,
        grounds_sha256=hashlib.sha256(grounds.read_bytes()).digest(),
    )
    _submit(server, key_paths, action, timeout)


@procurement.command()
@_tx_options
@click.option("--ocid", required=True)
@click.option("--lot", required=True)
@click.option("--complaint", type=int, required=True, help="Its number, from 1.")
@click.option("--outcome", type=click.Choice(("dismissed", "upheld")), required=True)
@click.option("--decision", default="", help="SHA-256 of the decision (hex).")
def resolve(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    ocid: str,
    lot: str,
    complaint: int,
    outcome: str,
    decision: str,
) -> None:
    """The review body's ruling on a complaint."""
    pb = _pb()
    action = pb.ResolveComplaint(
        ocid=ocid,
        lot=lot,
        complaint=complaint,
        outcome=pb.ComplaintOutcome.Value("COMPLAINT_OUTCOME_" + outcome.upper()),
        decision_sha256=_hex(decision, "--decision", 32) if decision else b"",
    )
    _submit(server, key_paths, action, timeout)


@procurement.command()
@_tx_options
@click.option("--buyer", required=True)
@click.option("--ocid", required=True)
@click.option("--lot", required=True)
@click.option("--value", type=int, required=True)
@click.option("--currency", default="EUR", show_default=True)
def sign(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    buyer: str,
    ocid: str,
    lot: str,
    value: int,
    currency: str,
) -> None:
    """Sign the contract after the standstill, with no complaint pending."""
    action = _pb().SignContract(ocid=ocid, buyer=buyer, lot=lot, value=_eur(value, currency))
    _submit(server, key_paths, action, timeout)


_BASES = ("review_clause", "additional", "unforeseen", "de_minimis")


@procurement.command()
@_tx_options
@click.option("--buyer", required=True)
@click.option("--ocid", required=True)
@click.option("--lot", required=True)
@click.option("--basis", type=click.Choice(_BASES), required=True, help="Art. 72 basis.")
@click.option("--amount", type=int, required=True, help="Change of value, minor units (+/-).")
@click.option("--currency", default="EUR", show_default=True)
@click.option("--rationale", required=True)
@click.option("--review-clause", default="", help="SHA-256 (hex) of the clause's document.")
def modify(
    server: str,
    key_paths: Sequence[Path],
    timeout: float,
    buyer: str,
    ocid: str,
    lot: str,
    basis: str,
    amount: int,
    currency: str,
    rationale: str,
    review_clause: str,
) -> None:
    """Modify a signed contract under Article 72 of the Directive."""
    pb = _pb()
    action = pb.ModifyContract(
        ocid=ocid,
        buyer=buyer,
        lot=lot,
        basis=pb.ModificationBasis.Value("MODIFICATION_BASIS_" + basis.upper()),
        amount=_eur(amount, currency),
        rationale=rationale,
        review_clause_sha256=_hex(review_clause, "--review-clause", 32) if review_clause else b"",
    )
    _submit(server, key_paths, action, timeout)


@procurement.command()
@_server_option
@click.option("--ocid", required=True)
@click.option("--timeout", default=30.0, help="Deadline, seconds.")
def show(server: str, ocid: str, timeout: float) -> None:
    """The tender, as JSON."""
    _emit(_to_json(_tender(server, ocid, timeout)))


@procurement.command()
@_server_option
@click.option("--ocid", required=True)
@click.option("--record", is_flag=True, help="The record package (compiled and versioned).")
@click.option("--timeout", default=30.0, help="Deadline, seconds.")
def ocds(server: str, ocid: str, record: bool, timeout: float) -> None:
    """The tender's OCDS 1.1 release package (or record package) on stdout."""
    pb = _pb()
    if record:
        got = _call(server, "GetRecordPackage", pb.GetRecordPackageRequest(ocid=ocid), timeout)
    else:
        got = _call(server, "GetReleasePackage", pb.GetReleasePackageRequest(ocid=ocid), timeout)
    click.echo(got.package_json.decode())


# ----- committee -------------------------------------------------------------------------------


def _load_state(path: Path) -> dict[str, Any]:
    state: dict[str, Any] = json.loads(path.read_text())
    return state


def _save_state(path: Path, state: dict[str, Any]) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        json.dump(state, out, indent=1, sort_keys=True)


def _secrets(state: dict[str, Any]) -> Any:
    from tabularium.crypto import sealedbid as sb

    return sb.MemberSecrets(
        index=state["index"],
        key_secret=bytes.fromhex(state["key_secret"]),
        coefficients=tuple(bytes.fromhex(c) for c in state["coefficients"]),
        ocid=state["ocid"],
    )


@click.group()
def committee() -> None:
    """A committee member's own tool: key ceremony and joint share. Secrets stay in the state
    file on this machine; only public keys, proofs and sealed shares go to the ledger."""


_STATE = click.option(
    "--state", "state_path", type=click.Path(path_type=Path), required=True,
    help="This member's state file (secret; mode 600).",
)  # fmt: skip


@committee.command()
@_tx_options
@click.option("--ocid", required=True)
@click.option("--member", "did", required=True, help="This member's DID.")
@_STATE
def keygen(
    server: str, key_paths: Sequence[Path], timeout: float, ocid: str, did: str, state_path: Path
) -> None:
    """Round 1: draw this member's secrets and register its ceremony key."""
    from tabularium.crypto import sealedbid as sb

    if state_path.exists():
        raise click.UsageError(f"{state_path} exists: it holds this member's secrets")
    tender = _tender(server, ocid, timeout)
    members = list(tender.terms.committee.members)
    if did not in members:
        raise click.UsageError(f"{did} is not a member of {ocid}'s committee")
    index, quorum = members.index(did) + 1, tender.terms.committee.quorum
    secrets = sb.member_keygen(ocid, index, quorum)
    _save_state(
        state_path,
        {
            "ocid": ocid,
            "index": index,
            "did": did,
            "key_secret": secrets.key_secret.hex(),
            "coefficients": [c.hex() for c in secrets.coefficients],
        },
    )
    proof = sb.prove_member_key(secrets, did, members, quorum)
    pb = _pb()
    action = pb.RegisterCommitteeKey(
        ocid=ocid, public_key=secrets.public_key, proof=pb.Proof(c=proof.c, v=proof.v)
    )
    _submit(server, key_paths, action, timeout)


@committee.command()
@_tx_options
@click.option("--state", "state_path", type=FILE_PATH, required=True)
def shares(server: str, key_paths: Sequence[Path], timeout: float, state_path: Path) -> None:
    """Round 2: deal this member's shares, sealed to each other member's key."""
    from tabularium.crypto import sealedbid as sb

    state = _load_state(state_path)
    tender = _tender(server, state["ocid"], timeout)
    members = list(tender.terms.committee.members)
    keys = [m.public_key for m in tender.members]
    if not all(keys):
        raise click.UsageError("not every member has registered its key yet")
    dealing = sb.deal(_secrets(state), members, tender.terms.committee.quorum, keys)
    pb = _pb()
    action = pb.DealCommitteeShares(
        ocid=state["ocid"],
        commitments=list(dealing.commitments),
        proofs=[pb.Proof(c=c, v=v) for c, v in dealing.proofs],
        shares=[
            pb.EncryptedShare(recipient=j, alpha=s.alpha, ciphertext=s.ciphertext, mac=s.mac)
            for j, s in dealing.shares
        ],
    )
    _submit(server, key_paths, action, timeout)


@committee.command()
@_tx_options
@click.option("--state", "state_path", type=FILE_PATH, required=True)
def decrypt(server: str, key_paths: Sequence[Path], timeout: float, state_path: Path) -> None:
    """Round 3: open every share sealed to this member and check it; confirm the joint key and
    keep the joint share, or file a complaint with proof against the first bad dealer."""
    from tabularium.crypto import sealedbid as sb
    from tabularium.crypto import threshold as th

    state = _load_state(state_path)
    ocid, index = state["ocid"], state["index"]
    secrets = _secrets(state)
    tender = _tender(server, ocid, timeout)
    members, quorum = list(tender.terms.committee.members), tender.terms.committee.quorum
    pb = _pb()
    got = _call(server, "GetCeremony", pb.GetCeremonyRequest(ocid=ocid, member=index), timeout)
    if len(got.shares) != len(members) - 1:
        raise click.UsageError("not every member has dealt yet")
    received = []
    for dealt in got.shares:
        sealed = th.HashedElGamal(dealt.share.alpha, dealt.share.ciphertext, dealt.share.mac)
        commitments = list(tender.members[dealt.dealer - 1].commitments)
        value = sb.open_share(secrets, members, quorum, dealt.dealer, sealed, commitments)
        if value is None:
            proof = sb.prove_complaint(secrets, members, quorum, dealt.dealer, sealed)
            action = pb.ComplainShare(
                ocid=ocid,
                dealer=dealt.dealer,
                shared=proof.result,
                proof=pb.Proof(c=proof.c, v=proof.v),
            )
            _submit(server, key_paths, action, timeout)
            return
        received.append(value)
    share = sb.joint_secret_share(th.share(secrets.coefficients, index), received)
    if th.commitments([share])[0] != tender.members[index - 1].share_key:
        raise click.ClickException("the joint share does not match this member's share key")
    state["secret_share"] = share.hex()
    _save_state(state_path, state)
    _submit(
        server, key_paths, pb.ConfirmCommitteeKey(ocid=ocid, joint_key=tender.joint_key), timeout
    )


@committee.command()
@click.option("--ocid", required=True)
@click.option("--lot", required=True)
@click.option("--bidder", required=True, help="DID of the bidder whose documents to read.")
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the decrypted documents (put in place only once they authenticate).",
)  # fmt: skip
@_single_key_option("This member's signing key: it signs the logged download.")
@_server_option
@click.option("--timeout", default=600.0, show_default=True, help="Deadline, seconds.")
def documents(
    ocid: str, lot: str, bidder: str, output: Path, key_path: Path, server: str, timeout: float
) -> None:
    """Download a bid's documents after the opening and decrypt them here.

    The node logs the download (AccessBidDocuments) before it sends a byte; the ciphertext is
    checked against the bid's logged SHA-256 and decrypted with the data key the opening
    recovered. Prints the download's receipt.
    """
    import hashlib

    from tabularium import procurement_client
    from tabularium.crypto import sealedbid as sb

    key = _load_keys([key_path])[0]
    target = output.resolve()
    with grpc.insecure_channel(server) as channel, _partial_file(target) as (sink, tmp_path):
        try:
            access = procurement_client.access_transaction(
                _chain_id(channel, 30.0), key, ocid, lot, bidder
            )
            header, chunks = procurement_client.bid_documents(channel, key, access, timeout=timeout)
            ciphertext = b"".join(chunks)
        except grpc.RpcError as exc:
            _fail(exc)
        if hashlib.sha256(ciphertext).digest() != header.documents_sha256:
            _refuse("CIPHERTEXT_MISMATCH", "the documents received do not match the bid's hash")
        plain = sb.decrypt_part(header.data_key, ocid, lot, bidder, sb.DOCUMENTS, ciphertext)
        if plain is None:
            _refuse("DECRYPTION_FAILED", "the documents do not decrypt under the bid's data key")
        sink.write(plain)
        sink.flush()
        os.fsync(sink.fileno())
        sink.close()
        os.replace(tmp_path, target)
    _emit(
        {
            "output": str(target),
            "size": len(plain),
            "documents_sha256": header.documents_sha256.hex(),
            "access": _receipt_fields(header.access_receipt),
        }
    )
