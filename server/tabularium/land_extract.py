"""Land registry extracts: built by the node, verified offline by anyone.

An extract (RFC 8785 JSON) states a parcel, its geometry hash, the rights in force with party
ids, every restriction ever registered on it or on the parcels it came from with its release,
and the entries it rests on. The node sends the receipt of each entry against one signed
checkpoint. ``verify`` needs only the pinned log key: it checks the checkpoint signature, each
receipt's inclusion proof and accepted result, then replays the title from the logged
transactions themselves (registration, subdivision, merger, proposals, finalisations,
mortgages, restrictions) and requires the extract to say exactly what the replay says.

What it cannot prove (and says so in ``cannot_prove``): that no other entry touched the parcel.
An omitted restriction would need a proof of absence, which waits for the authenticated state
map.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import rfc8785

from tabularium.domains.landregistry import queries
from tabularium.domains.landregistry.model import MORTGAGE, OWNERSHIP, ParcelEvent, share_text

FORMAT = "tabularium/land-extract/v1"
CANNOT_PROVE = (
    "absence: that no entry other than those listed touched the parcel (an unlisted restriction "
    "needs a proof of absence from the authenticated state map, not yet available)",
    "identity: who the parties are beyond their ids (names are in the vault, read only by "
    "authenticated, logged reads)",
    "survey accuracy: the geometry is what the registrar registered, not a field measurement",
)
_REGISTERED = ("mortgage_registered", "restriction_registered")
_RELEASED = ("mortgage_released", "restriction_released")

Get = Callable[[bytes], bytes | None]
Scan = Callable[[bytes], Iterator[tuple[bytes, bytes]]]


def encode(document: dict[str, Any]) -> bytes:
    return bytes(rfc8785.dumps(document))


def _lineage(get: Get, parcel_id: str) -> list[str]:
    """The parcel and every parcel it descends from, each once, ancestors first."""
    order: list[str] = []
    stack = [parcel_id]
    seen: set[str] = set()
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.add(current)
        order.append(current)
        stack.extend(sorted(queries.parcel(get, current).parents, reverse=True))
    return list(reversed(order))


def build(get: Get, scan: Scan, parcel_id: str, height: int) -> tuple[dict[str, Any], list[int]]:
    """The extract document (without ``tree_size``) and the entry indices it rests on."""
    parcel = queries.parcel(get, parcel_id)
    lineage = _lineage(get, parcel_id)
    events: list[ParcelEvent] = []
    for member in lineage:
        events.extend(queries.events(scan, member))
    entries = sorted({e.at.entry for e in events})
    registered: dict[bytes, int] = {}
    released: dict[bytes, int] = {}
    for event in events:
        if event.kind in _REGISTERED:
            registered[event.subject_id] = event.at.entry
        elif event.kind in _RELEASED:
            released[event.subject_id] = event.at.entry
    # On the parcel itself its own version decides (a sibling may have released its copy).
    for rrr in queries.versions(get, scan, parcel_id):
        if rrr.kind == "restriction":
            if rrr.released is not None:
                released[rrr.lineage] = rrr.released.entry
            else:
                released.pop(rrr.lineage, None)
    restrictions: dict[bytes, dict[str, Any]] = {}
    for member in lineage:
        for rrr in queries.versions(get, scan, member):
            if rrr.kind != "restriction" or rrr.lineage in restrictions:
                continue
            restrictions[rrr.lineage] = {
                "id": rrr.lineage.hex(),
                "type": rrr.rtype,
                "party": rrr.party,
                "description": rrr.description,
                "principal_minor_units": rrr.principal_minor_units,
                "currency": rrr.currency,
                "registered_entry": registered[rrr.lineage],
                "released_entry": released.get(rrr.lineage),
            }
    rights = [
        {
            "type": r.rtype,
            "party": r.party,
            "share": share_text(r.share) if r.share is not None else None,
            "since_entry": r.begin.entry,
        }
        for r in queries.in_force(get, scan, parcel_id, height)
        if r.kind == "right"
    ]
    rights.sort(key=lambda r: (r["type"], r["party"]))
    document: dict[str, Any] = {
        "format": FORMAT,
        "parcel": {
            "id": parcel.parcel_id,
            "label": parcel.label,
            "level": parcel.level,
            "office": parcel.office,
            "geometry_hash": parcel.geometry_hash.hex(),
            "doubled_area": str(parcel.doubled_area),
            "retired": parcel.retired,
            "parents": list(parcel.parents),
            "children": list(parcel.children),
        },
        "height": height,
        "rights": rights,
        "restrictions": [restrictions[k] for k in sorted(restrictions)],
        "entries": entries,
        "cannot_prove": list(CANNOT_PROVE),
    }
    return document, entries


# ----- offline verification --------------------------------------------------------------------


class ExtractInvalid(Exception):
    """The extract does not verify; the message says which check failed."""


@dataclass
class _Title:
    """What the logged transactions say about one parcel."""

    rights: dict[tuple[str, str], Fraction | None] = field(default_factory=dict)
    restrictions: dict[bytes, dict[str, Any]] = field(default_factory=dict)
    geometry_hash: bytes = b""


@dataclass
class Verified:
    parcel_id: str
    tree_size: int
    root: bytes
    entries: int
    document: dict[str, Any]


def verify(extract: bytes, receipts: Sequence[Any], checkpoint: bytes, verifier: Any) -> Verified:
    """Verify an extract offline; ``verifier`` is the pinned NoteVerifier. Raises
    ExtractInvalid saying which check failed."""
    import json

    from tabularium.api.convert import landregistry as convert
    from tabularium.chain.checkpoint import verify_checkpoint
    from tabularium.chain.receipt import verify_receipt
    from tabularium.errors import TabulariumError
    from tabularium.ledger.v1 import ledger_pb2, transaction_pb2

    try:
        document = json.loads(extract)
    except ValueError as exc:
        raise ExtractInvalid(f"the extract is not JSON: {exc}") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExtractInvalid(f"the extract's format is not {FORMAT}")
    if encode(document) != extract:
        raise ExtractInvalid("the extract is not in its canonical (RFC 8785) form")
    try:
        signed = verify_checkpoint(checkpoint, verifier)
    except TabulariumError as exc:
        raise ExtractInvalid(f"checkpoint: {exc}") from exc
    if document.get("tree_size") != signed.size:
        raise ExtractInvalid(
            f"the extract is of tree size {document.get('tree_size')}, the checkpoint {signed.size}"
        )
    indices = [int(r.entry_index) for r in receipts]
    if indices != document.get("entries") or indices != sorted(set(indices)):
        raise ExtractInvalid("the receipts are not exactly the extract's entries, in order")
    actions = []
    for receipt in receipts:
        if receipt.checkpoint != checkpoint:
            raise ExtractInvalid(f"entry {receipt.entry_index}: receipt of another checkpoint")
        try:
            verify_receipt(receipt, verifier)
        except TabulariumError as exc:
            raise ExtractInvalid(f"entry {receipt.entry_index}: {exc}") from exc
        if receipt.result.status != ledger_pb2.TRANSACTION_STATUS_ACCEPTED:
            raise ExtractInvalid(f"entry {receipt.entry_index} was not accepted")
        signed_tx = transaction_pb2.SignedTransaction.FromString(receipt.transaction)
        body = transaction_pb2.TransactionBody.FromString(signed_tx.body)
        decoder = dict(convert.ACTIONS).get(body.action.type_url)
        if decoder is None:
            raise ExtractInvalid(f"entry {receipt.entry_index} is not a land registry action")
        try:
            action = decoder(body.action.value)
        except (TabulariumError, ValueError) as exc:
            raise ExtractInvalid(f"entry {receipt.entry_index}: {exc}") from exc
        actions.append((int(receipt.entry_index), bytes(receipt.tx_hash), action))
    parcel_id = str(document["parcel"]["id"])
    title = _replay(actions).get(parcel_id)
    if title is None:
        raise ExtractInvalid(f"no listed entry registers or creates parcel {parcel_id}")
    _compare(document, title)
    return Verified(parcel_id, signed.size, signed.root, len(receipts), document)


def _replay(actions: Sequence[tuple[int, bytes, Any]]) -> dict[str, _Title]:
    from tabularium.domains.landregistry import geometry
    from tabularium.domains.landregistry import model as m

    titles: dict[str, _Title] = {}
    transfers: dict[bytes, m.ProposeTransfer] = {}

    def restriction(entry: int, rid: bytes, **fields: Any) -> dict[str, Any]:
        return {"id": rid.hex(), "registered_entry": entry, "released_entry": None, **fields}

    for entry, tx_hash, action in actions:
        if isinstance(action, m.RegisterParcel):
            title = titles[action.parcel_id] = _Title(
                geometry_hash=geometry.geometry_hash(action.geometry)
            )
            for right in action.rights:
                title.rights[(right.right_type, right.party)] = right.share
        elif isinstance(action, m.SubdivideParcel):
            parent = titles[action.parcel_id]
            for child in action.children:
                titles[child.parcel_id] = _Title(
                    dict(parent.rights),
                    {k: dict(v) for k, v in parent.restrictions.items()},
                    geometry.geometry_hash(child.geometry),
                )
            parent.rights = {}  # retired: its rights moved to the children
        elif isinstance(action, m.MergeParcels):
            merged = _Title(
                dict(titles[action.parcel_ids[0]].rights),
                geometry_hash=geometry.geometry_hash(action.merged.geometry),
            )
            for parent_id in action.parcel_ids:
                for key, value in titles[parent_id].restrictions.items():
                    known = merged.restrictions.get(key)
                    if known is None or (known["released_entry"] and not value["released_entry"]):
                        merged.restrictions[key] = dict(value)
            titles[action.merged.parcel_id] = merged
            for parent_id in action.parcel_ids:
                titles[parent_id].rights = {}
        elif isinstance(action, m.ProposeTransfer):
            transfers[tx_hash[:16]] = action
        elif isinstance(action, m.FinalizeTransfer):
            proposal = transfers[action.transfer_id]
            rights = titles[proposal.parcel_id].rights
            for party, share in proposal.transferors:
                left = (rights.pop((OWNERSHIP, party)) or Fraction(0)) - share
                if left:
                    rights[(OWNERSHIP, party)] = left
            for party, share in proposal.transferees:
                rights[(OWNERSHIP, party)] = (rights.get((OWNERSHIP, party)) or 0) + share
        elif isinstance(action, m.RegisterMortgage):
            titles[action.parcel_id].restrictions[tx_hash[:16]] = restriction(
                entry,
                tx_hash[:16],
                type=MORTGAGE,
                party=action.lender,
                description="",
                principal_minor_units=action.principal_minor_units,
                currency=action.currency,
            )
        elif isinstance(action, m.RegisterRestriction):
            titles[action.parcel_id].restrictions[tx_hash[:16]] = restriction(
                entry,
                tx_hash[:16],
                type=action.restriction_type,
                party=action.beneficiary,
                description=action.description,
                principal_minor_units=0,
                currency="",
            )
        elif isinstance(action, m.ReleaseMortgage | m.ReleaseRestriction):
            rid = (
                action.mortgage_id
                if isinstance(action, m.ReleaseMortgage)
                else (action.restriction_id)
            )
            titles[action.parcel_id].restrictions[rid]["released_entry"] = entry
    return titles


def _compare(document: dict[str, Any], title: _Title) -> None:
    parcel = document["parcel"]
    if parcel.get("geometry_hash") != title.geometry_hash.hex():
        raise ExtractInvalid("the geometry hash is not that of the registered geometry")
    claimed = sorted((r["type"], r["party"], r["share"]) for r in document["rights"])
    replayed = sorted(
        (rtype, party, share_text(share) if share is not None else None)
        for (rtype, party), share in title.rights.items()
    )
    if claimed != replayed:
        raise ExtractInvalid(f"the rights stated {claimed} are not those logged {replayed}")
    stated = {r["id"]: {k: v for k, v in r.items()} for r in document["restrictions"]}
    logged = {v["id"]: v for v in title.restrictions.values()}
    for rid, value in logged.items():
        if stated.get(rid) != value:
            raise ExtractInvalid(
                f"restriction {rid} is stated as {stated.get(rid)}, logged {value}"
            )
    extra = sorted(set(stated) - set(logged))
    if extra:
        raise ExtractInvalid(f"restrictions {extra} are stated but not in the listed entries")
    total = sum((Fraction(s) for t, _, s in claimed if t == OWNERSHIP and s), Fraction(0))
    if total != 1 and not parcel.get("retired"):
        raise ExtractInvalid(f"ownership shares sum to {total}, not 1")
