"""Values of the land registry: actions (decoded from protobuf by the API layer) and records.

LADM (ISO 19152-1:2024) names: a party is an ``LA_Party`` (an identity of the identity domain:
its DID is the party id) or an ``LA_GroupParty``; a parcel is an ``LA_BAUnit`` with one
``LA_SpatialUnit``; ``RrrRecord`` is an ``LA_RRR`` version (``LA_Right``, ``LA_Restriction``
incl. ``LA_Mortgage``, ``LA_Responsibility``); every ``source_sha256`` is an
``LA_AdministrativeSource`` registered in the documents domain.

Records are stored as canonical JSON (sorted keys, no spaces). Shares are ``Fraction``s written
``"n/d"`` in lowest terms; nothing here is a float.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from tabularium.domains.checks import check_text_bytes
from tabularium.domains.landregistry.geometry import MultiPolygon
from tabularium.errors import InvalidArgument

MAX_DENOMINATOR = 10**12
MAX_PORTIONS = 64
MAX_RIGHTS = 256
MAX_CHILDREN = 64
TEXT_MAX_BYTES = 256
LABEL_MAX_BYTES = 64
DIGEST_SIZE = 32
ID_SIZE = 16
DEFAULT_COOLING_OFF_US = 72 * 3600 * 1_000_000
DEFAULT_PROPOSAL_TTL_US = 30 * 86400 * 1_000_000
MAX_COOLING_OFF_US = 90 * 86400 * 1_000_000
MAX_PROPOSAL_TTL_US = 365 * 86400 * 1_000_000

GROUP_PREFIX = "urn:tabularium:group:"
_PARCEL_ID = re.compile(r"^[A-Za-z0-9\-./:_]{1,64}$")
_GROUP_ID = re.compile(r"^urn:tabularium:group:[0-9a-f]{32}$")

# Right types (LA_RightType) and whether their shares must sum to exactly 1.
OWNERSHIP, USUFRUCT, LEASE = "ownership", "usufruct", "lease"
RIGHT_TYPES = (OWNERSHIP, USUFRUCT, LEASE)
SHARE_CHECKED = (OWNERSHIP, USUFRUCT)
# Restriction types (LA_RestrictionType; "responsibility" is an LA_Responsibility).
MORTGAGE, LIS_PENDENS, SEIZURE, EASEMENT, RESPONSIBILITY = (
    "mortgage",
    "lis_pendens",
    "seizure",
    "easement",
    "responsibility",
)
RESTRICTION_TYPES = (MORTGAGE, LIS_PENDENS, SEIZURE, EASEMENT, RESPONSIBILITY)
COURT_RESTRICTIONS = (LIS_PENDENS, SEIZURE)
PARTY_TYPES = ("natural_person", "non_natural_person")
GROUP_TYPES = ("joint_tenancy", "association")
PENDING, FROZEN, FINALIZED, REJECTED = "pending", "frozen", "finalized", "rejected"


def canonical(value: object) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


# ----- checks shared by actions ----------------------------------------------------------------


def check_share(numerator: int, denominator: int, name: str) -> Fraction:
    """A share as given on the wire: positive, at most 1, in lowest terms, bounded."""
    if denominator <= 0 or numerator <= 0:
        raise InvalidArgument(
            "BAD_SHARE", f"{name} is {numerator}/{denominator}: shares are positive", field=name
        )
    if denominator > MAX_DENOMINATOR or numerator > denominator:
        raise InvalidArgument(
            "BAD_SHARE",
            f"{name} is {numerator}/{denominator}: want 0 < n <= d <= {MAX_DENOMINATOR}",
            field=name,
        )
    share = Fraction(numerator, denominator)
    if share.denominator != denominator:
        raise InvalidArgument(
            "BAD_SHARE",
            f"{name} is {numerator}/{denominator}, not in lowest terms "
            f"(write {share.numerator}/{share.denominator})",
            field=name,
        )
    return share


def share_text(share: Fraction) -> str:
    return f"{share.numerator}/{share.denominator}"


def parse_share_text(text: str) -> Fraction:
    numerator, _, denominator = text.partition("/")
    return Fraction(int(numerator), int(denominator))


def check_parcel_id(value: str, name: str = "parcel_id") -> str:
    if not _PARCEL_ID.match(value):
        raise InvalidArgument(
            "BAD_PARCEL_ID",
            f"{name} {value!r} is not a cadastral reference: 1 to 64 of A-Z a-z 0-9 - . / : _",
            field=name,
        )
    return value


def check_party_id(value: str, name: str) -> str:
    if not (value.startswith("did:") or _GROUP_ID.match(value)) or len(value) > 256:
        raise InvalidArgument(
            "BAD_PARTY_ID",
            f"{name} {value!r} is neither a DID nor a group id urn:tabularium:group:<32 hex>",
            field=name,
        )
    return value


def check_digest(value: bytes, name: str, *, required: bool = True) -> bytes:
    if (value or required) and len(value) != DIGEST_SIZE:
        raise InvalidArgument(
            "SHA256_INVALID", f"{name} has {len(value)} bytes, want 32 (SHA-256)", field=name
        )
    return value


def check_id(value: bytes, name: str) -> bytes:
    if len(value) != ID_SIZE:
        raise InvalidArgument("BAD_ID", f"{name} has {len(value)} bytes, want 16", field=name)
    return value


def check_text(value: str, name: str, limit: int = TEXT_MAX_BYTES) -> str:
    return check_text_bytes(value, name, limit)


def check_did(value: str, name: str) -> str:
    if not value.startswith("did:") or len(value) > 256:
        raise InvalidArgument("BAD_DID", f"{name} {value!r} is not a DID", field=name)
    return value


def _portions(items: tuple[tuple[str, Fraction], ...], name: str) -> None:
    if not items:
        raise InvalidArgument("PORTIONS_MISSING", f"{name} is empty", field=name)
    if len(items) > MAX_PORTIONS:
        raise InvalidArgument(
            "TOO_MANY_PORTIONS", f"{name} has more than {MAX_PORTIONS} parties", field=name
        )
    parties = [party for party, _ in items]
    if len(set(parties)) != len(parties):
        raise InvalidArgument("DUPLICATE_PARTY", f"{name} names a party twice", field=name)


# ----- actions ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConfigureOffice:
    office: str
    cooling_off_us: int
    proposal_ttl_us: int

    def __post_init__(self) -> None:
        check_did(self.office, "office")
        if self.cooling_off_us > MAX_COOLING_OFF_US:
            raise InvalidArgument(
                "BAD_PERIOD", "cooling_off_seconds exceeds 90 days", field="cooling_off_seconds"
            )
        if not self.cooling_off_us <= self.proposal_ttl_us <= MAX_PROPOSAL_TTL_US:
            raise InvalidArgument(
                "BAD_PERIOD",
                "proposal_ttl_seconds must be at least the cooling-off period and at most 365 days",
                field="proposal_ttl_seconds",
            )


@dataclass(frozen=True, slots=True)
class RegisterParty:
    office: str
    party: str
    party_type: str
    commitment: bytes
    vault_document_id: bytes

    def __post_init__(self) -> None:
        check_did(self.office, "office")
        check_did(self.party, "party")
        if self.party_type not in PARTY_TYPES:
            raise InvalidArgument("BAD_PARTY_TYPE", "type is required", field="type")
        check_digest(self.commitment, "commitment")
        if self.vault_document_id:
            check_id(self.vault_document_id, "vault_document_id")


@dataclass(frozen=True, slots=True)
class RegisterGroupParty:
    office: str
    group: str
    group_type: str
    members: tuple[str, ...]

    def __post_init__(self) -> None:
        check_did(self.office, "office")
        if not _GROUP_ID.match(self.group):
            raise InvalidArgument(
                "BAD_PARTY_ID", "group must be urn:tabularium:group:<32 hex>", field="group"
            )
        if self.group_type not in GROUP_TYPES:
            raise InvalidArgument("BAD_GROUP", "type is required", field="type")
        if len(self.members) < 2 or len(set(self.members)) != len(self.members):
            raise InvalidArgument(
                "BAD_GROUP", "a group has at least 2 distinct members", field="members"
            )
        if len(self.members) > MAX_PORTIONS:
            raise InvalidArgument(
                "BAD_GROUP", f"a group has at most {MAX_PORTIONS} members", field="members"
            )
        for member in self.members:
            check_did(member, "members")


@dataclass(frozen=True, slots=True)
class InitialRight:
    right_type: str
    party: str
    share: Fraction


@dataclass(frozen=True, slots=True)
class RegisterParcel:
    office: str
    parcel_id: str
    label: str
    level: int
    geometry: MultiPolygon
    source_sha256: bytes
    rights: tuple[InitialRight, ...]

    def __post_init__(self) -> None:
        check_did(self.office, "office")
        check_parcel_id(self.parcel_id)
        check_text(self.label, "label", LABEL_MAX_BYTES)
        check_digest(self.source_sha256, "source_sha256")
        if not self.rights:
            raise InvalidArgument(
                "RIGHTS_MISSING", "a parcel is registered with its rights", field="rights"
            )
        if len(self.rights) > MAX_RIGHTS:
            raise InvalidArgument("TOO_MANY_RIGHTS", f"at most {MAX_RIGHTS}", field="rights")
        seen = {(r.right_type, r.party) for r in self.rights}
        if len(seen) != len(self.rights):
            raise InvalidArgument(
                "DUPLICATE_PARTY", "a party holds each right type once", field="rights"
            )


@dataclass(frozen=True, slots=True)
class NewParcel:
    parcel_id: str
    label: str
    geometry: MultiPolygon

    def __post_init__(self) -> None:
        check_parcel_id(self.parcel_id)
        check_text(self.label, "label", LABEL_MAX_BYTES)


@dataclass(frozen=True, slots=True)
class SubdivideParcel:
    office: str
    parcel_id: str
    children: tuple[NewParcel, ...]
    source_sha256: bytes

    def __post_init__(self) -> None:
        check_did(self.office, "office")
        check_parcel_id(self.parcel_id)
        check_digest(self.source_sha256, "source_sha256")
        if not 2 <= len(self.children) <= MAX_CHILDREN:
            raise InvalidArgument("BAD_CHILDREN", f"2 to {MAX_CHILDREN} children", field="children")
        ids = [c.parcel_id for c in self.children]
        if len(set(ids)) != len(ids) or self.parcel_id in ids:
            raise InvalidArgument(
                "BAD_CHILDREN", "children need distinct new parcel ids", field="children"
            )


@dataclass(frozen=True, slots=True)
class MergeParcels:
    office: str
    parcel_ids: tuple[str, ...]
    merged: NewParcel
    source_sha256: bytes

    def __post_init__(self) -> None:
        check_did(self.office, "office")
        for parcel_id in self.parcel_ids:
            check_parcel_id(parcel_id, "parcel_ids")
        check_digest(self.source_sha256, "source_sha256")
        if not 2 <= len(self.parcel_ids) <= MAX_CHILDREN or len(set(self.parcel_ids)) != len(
            self.parcel_ids
        ):
            raise InvalidArgument(
                "BAD_PARENTS", f"2 to {MAX_CHILDREN} distinct parcels", field="parcel_ids"
            )
        if self.merged.parcel_id in self.parcel_ids:
            raise InvalidArgument("BAD_PARENTS", "the merged parcel needs a new id", field="merged")


@dataclass(frozen=True, slots=True)
class ProposeTransfer:
    parcel_id: str
    deed_sha256: bytes
    transferors: tuple[tuple[str, Fraction], ...]
    transferees: tuple[tuple[str, Fraction], ...]

    def __post_init__(self) -> None:
        check_parcel_id(self.parcel_id)
        check_digest(self.deed_sha256, "deed_sha256")
        _portions(self.transferors, "transferors")
        _portions(self.transferees, "transferees")


@dataclass(frozen=True, slots=True)
class ConsentTransfer:
    transfer_id: bytes
    deed_sha256: bytes

    def __post_init__(self) -> None:
        check_id(self.transfer_id, "transfer_id")
        check_digest(self.deed_sha256, "deed_sha256")


@dataclass(frozen=True, slots=True)
class ApproveTransfer:
    office: str
    transfer_id: bytes
    deed_sha256: bytes

    def __post_init__(self) -> None:
        check_did(self.office, "office")
        check_id(self.transfer_id, "transfer_id")
        check_digest(self.deed_sha256, "deed_sha256")


@dataclass(frozen=True, slots=True)
class FreezeTransfer:
    transfer_id: bytes
    reason: str

    def __post_init__(self) -> None:
        check_id(self.transfer_id, "transfer_id")
        check_text(self.reason, "reason")


@dataclass(frozen=True, slots=True)
class ResolveFreeze:
    office: str
    transfer_id: bytes
    lift: bool

    def __post_init__(self) -> None:
        check_did(self.office, "office")
        check_id(self.transfer_id, "transfer_id")


@dataclass(frozen=True, slots=True)
class FinalizeTransfer:
    transfer_id: bytes

    def __post_init__(self) -> None:
        check_id(self.transfer_id, "transfer_id")


@dataclass(frozen=True, slots=True)
class RegisterMortgage:
    parcel_id: str
    lender: str
    principal_minor_units: int
    currency: str
    deed_sha256: bytes

    def __post_init__(self) -> None:
        check_parcel_id(self.parcel_id)
        check_did(self.lender, "lender")
        check_digest(self.deed_sha256, "deed_sha256")
        if self.principal_minor_units <= 0:
            raise InvalidArgument(
                "BAD_AMOUNT", "principal must be positive", field="principal_minor_units"
            )
        if not re.fullmatch(r"[A-Z]{3}", self.currency):
            raise InvalidArgument(
                "BAD_CURRENCY", "currency is an ISO 4217 code (3 letters)", field="currency"
            )


@dataclass(frozen=True, slots=True)
class ReleaseMortgage:
    parcel_id: str
    mortgage_id: bytes

    def __post_init__(self) -> None:
        check_parcel_id(self.parcel_id)
        check_id(self.mortgage_id, "mortgage_id")


@dataclass(frozen=True, slots=True)
class RegisterRestriction:
    office: str
    parcel_id: str
    restriction_type: str
    beneficiary: str
    description: str
    source_sha256: bytes

    def __post_init__(self) -> None:
        check_did(self.office, "office")
        check_parcel_id(self.parcel_id)
        if self.restriction_type not in RESTRICTION_TYPES or self.restriction_type == MORTGAGE:
            raise InvalidArgument(
                "BAD_RESTRICTION_TYPE",
                "type is lis pendens, seizure, easement or responsibility; "
                "a mortgage is registered with RegisterMortgage",
                field="type",
            )
        if self.beneficiary:
            check_party_id(self.beneficiary, "beneficiary")
        check_text(self.description, "description")
        check_digest(self.source_sha256, "source_sha256")


@dataclass(frozen=True, slots=True)
class ReleaseRestriction:
    office: str
    parcel_id: str
    restriction_id: bytes
    source_sha256: bytes

    def __post_init__(self) -> None:
        check_did(self.office, "office")
        check_parcel_id(self.parcel_id)
        check_id(self.restriction_id, "restriction_id")
        check_digest(self.source_sha256, "source_sha256")


# ----- records ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Stamp:
    """Where a version begins or ends: block height, block time, entry index."""

    height: int
    time_us: int
    entry: int

    def to_json(self) -> list[int]:
        return [self.height, self.time_us, self.entry]

    @classmethod
    def from_json(cls, value: Any) -> Stamp | None:
        return None if value is None else cls(int(value[0]), int(value[1]), int(value[2]))


def _stamp(value: Stamp | None) -> list[int] | None:
    return None if value is None else value.to_json()


@dataclass(frozen=True, slots=True)
class OfficeSettings:
    cooling_off_us: int = DEFAULT_COOLING_OFF_US
    proposal_ttl_us: int = DEFAULT_PROPOSAL_TTL_US

    def encode(self) -> bytes:
        return canonical({"cooling_off_us": self.cooling_off_us, "ttl_us": self.proposal_ttl_us})

    @classmethod
    def decode(cls, raw: bytes) -> OfficeSettings:
        doc = json.loads(raw)
        return cls(int(doc["cooling_off_us"]), int(doc["ttl_us"]))


@dataclass(frozen=True, slots=True)
class PartyRecord:
    """An LA_Party (``members`` empty) or an LA_GroupParty."""

    party_id: str
    party_type: str
    office: str
    commitment: bytes
    vault_document_id: bytes
    members: tuple[str, ...]
    registered: Stamp

    @property
    def is_group(self) -> bool:
        return bool(self.members)

    def encode(self) -> bytes:
        return canonical(
            {
                "id": self.party_id,
                "type": self.party_type,
                "office": self.office,
                "commitment": self.commitment.hex(),
                "vault_document_id": self.vault_document_id.hex(),
                "members": list(self.members),
                "registered": self.registered.to_json(),
            }
        )

    @classmethod
    def decode(cls, raw: bytes) -> PartyRecord:
        doc = json.loads(raw)
        registered = Stamp.from_json(doc["registered"])
        assert registered is not None
        return cls(
            party_id=doc["id"],
            party_type=doc["type"],
            office=doc["office"],
            commitment=bytes.fromhex(doc["commitment"]),
            vault_document_id=bytes.fromhex(doc["vault_document_id"]),
            members=tuple(doc["members"]),
            registered=registered,
        )


@dataclass(frozen=True, slots=True)
class ParcelRecord:
    """One version of an LA_BAUnit and its LA_SpatialUnit."""

    parcel_id: str
    label: str
    level: int
    office: str
    geometry: MultiPolygon
    geometry_hash: bytes
    doubled_area: int
    bbox: tuple[int, int, int, int]
    source_sha256: bytes
    begin: Stamp
    end: Stamp | None = None
    parents: tuple[str, ...] = ()
    children: tuple[str, ...] = ()
    version: int = 1

    @property
    def retired(self) -> bool:
        return self.end is not None

    def encode(self) -> bytes:
        return canonical(
            {
                "id": self.parcel_id,
                "label": self.label,
                "level": self.level,
                "office": self.office,
                "geometry": [[list(map(list, ring)) for ring in poly] for poly in self.geometry],
                "geometry_hash": self.geometry_hash.hex(),
                "doubled_area": str(self.doubled_area),
                "bbox": list(self.bbox),
                "source": self.source_sha256.hex(),
                "begin": self.begin.to_json(),
                "end": _stamp(self.end),
                "parents": list(self.parents),
                "children": list(self.children),
                "version": self.version,
            }
        )

    @classmethod
    def decode(cls, raw: bytes) -> ParcelRecord:
        doc = json.loads(raw)
        begin = Stamp.from_json(doc["begin"])
        assert begin is not None
        minx, miny, maxx, maxy = (int(v) for v in doc["bbox"])
        return cls(
            parcel_id=doc["id"],
            label=doc["label"],
            level=int(doc["level"]),
            office=doc["office"],
            geometry=tuple(
                tuple(tuple((int(x), int(y)) for x, y in ring) for ring in poly)
                for poly in doc["geometry"]
            ),
            geometry_hash=bytes.fromhex(doc["geometry_hash"]),
            doubled_area=int(doc["doubled_area"]),
            bbox=(minx, miny, maxx, maxy),
            source_sha256=bytes.fromhex(doc["source"]),
            begin=begin,
            end=Stamp.from_json(doc["end"]),
            parents=tuple(doc["parents"]),
            children=tuple(doc["children"]),
            version=int(doc["version"]),
        )


@dataclass(frozen=True, slots=True)
class RrrRecord:
    """One version of an LA_RRR on a parcel. ``kind`` is "right" (``rtype`` a right type, with a
    share) or "restriction" (``rtype`` a restriction type). ``lineage`` is the restriction id
    kept across carry-overs, or for a right the version it replaced."""

    rrr_id: bytes
    parcel_id: str
    kind: str
    rtype: str
    party: str
    share: Fraction | None
    source_sha256: bytes
    begin: Stamp
    end: Stamp | None = None
    lineage: bytes = b""
    description: str = ""
    principal_minor_units: int = 0
    currency: str = ""
    # For a restriction, the entry that released it (not a carry-over).
    released: Stamp | None = None

    @property
    def active(self) -> bool:
        return self.end is None

    def in_force_at(self, height: int) -> bool:
        return self.begin.height <= height and (self.end is None or self.end.height > height)

    def encode(self) -> bytes:
        return canonical(
            {
                "id": self.rrr_id.hex(),
                "parcel": self.parcel_id,
                "kind": self.kind,
                "type": self.rtype,
                "party": self.party,
                "share": None if self.share is None else share_text(self.share),
                "source": self.source_sha256.hex(),
                "begin": self.begin.to_json(),
                "end": _stamp(self.end),
                "lineage": self.lineage.hex(),
                "description": self.description,
                "principal": self.principal_minor_units,
                "currency": self.currency,
                "released": _stamp(self.released),
            }
        )

    @classmethod
    def decode(cls, raw: bytes) -> RrrRecord:
        doc = json.loads(raw)
        begin = Stamp.from_json(doc["begin"])
        assert begin is not None
        return cls(
            rrr_id=bytes.fromhex(doc["id"]),
            parcel_id=doc["parcel"],
            kind=doc["kind"],
            rtype=doc["type"],
            party=doc["party"],
            share=None if doc["share"] is None else parse_share_text(doc["share"]),
            source_sha256=bytes.fromhex(doc["source"]),
            begin=begin,
            end=Stamp.from_json(doc["end"]),
            lineage=bytes.fromhex(doc["lineage"]),
            description=doc["description"],
            principal_minor_units=int(doc["principal"]),
            currency=doc["currency"],
            released=Stamp.from_json(doc["released"]),
        )


@dataclass(frozen=True, slots=True)
class TransferRecord:
    transfer_id: bytes
    parcel_id: str
    office: str
    deed_sha256: bytes
    transferors: tuple[tuple[str, Fraction], ...]
    transferees: tuple[tuple[str, Fraction], ...]
    # The transferors' ownership version ids when proposed (STALE_PROPOSAL if they changed).
    holdings: tuple[bytes, ...]
    # Sorted DIDs that must consent (parties and group members; mortgagees are checked apart).
    required: tuple[str, ...]
    proposed: Stamp
    cooling_off_until_us: int
    expires_at_us: int
    status: str = PENDING
    consents: tuple[str, ...] = ()
    approved_entry: int | None = None
    closed: Stamp | None = None
    freeze_reason: str = ""
    frozen_by: str = ""

    def encode(self) -> bytes:
        return canonical(
            {
                "id": self.transfer_id.hex(),
                "parcel": self.parcel_id,
                "office": self.office,
                "deed": self.deed_sha256.hex(),
                "out": [[p, share_text(s)] for p, s in self.transferors],
                "in": [[p, share_text(s)] for p, s in self.transferees],
                "holdings": [h.hex() for h in self.holdings],
                "required": list(self.required),
                "proposed": self.proposed.to_json(),
                "cooling_off_until_us": self.cooling_off_until_us,
                "expires_at_us": self.expires_at_us,
                "status": self.status,
                "consents": list(self.consents),
                "approved_entry": self.approved_entry,
                "closed": _stamp(self.closed),
                "freeze_reason": self.freeze_reason,
                "frozen_by": self.frozen_by,
            }
        )

    @classmethod
    def decode(cls, raw: bytes) -> TransferRecord:
        doc = json.loads(raw)
        proposed = Stamp.from_json(doc["proposed"])
        assert proposed is not None
        return cls(
            transfer_id=bytes.fromhex(doc["id"]),
            parcel_id=doc["parcel"],
            office=doc["office"],
            deed_sha256=bytes.fromhex(doc["deed"]),
            transferors=tuple((p, parse_share_text(s)) for p, s in doc["out"]),
            transferees=tuple((p, parse_share_text(s)) for p, s in doc["in"]),
            holdings=tuple(bytes.fromhex(h) for h in doc["holdings"]),
            required=tuple(doc["required"]),
            proposed=proposed,
            cooling_off_until_us=int(doc["cooling_off_until_us"]),
            expires_at_us=int(doc["expires_at_us"]),
            status=doc["status"],
            consents=tuple(doc["consents"]),
            approved_entry=doc["approved_entry"],
            closed=Stamp.from_json(doc["closed"]),
            freeze_reason=doc["freeze_reason"],
            frozen_by=doc["frozen_by"],
        )


@dataclass(frozen=True, slots=True)
class ParcelEvent:
    """An entry that touched a parcel: the extract's receipts and the parcel's history."""

    kind: str
    at: Stamp
    subject_id: bytes = b""
    source_sha256: bytes = b""
    detail: dict[str, Any] = field(default_factory=dict)

    def encode(self) -> bytes:
        return canonical(
            {
                "kind": self.kind,
                "at": self.at.to_json(),
                "subject": self.subject_id.hex(),
                "source": self.source_sha256.hex(),
                "detail": self.detail,
            }
        )

    @classmethod
    def decode(cls, raw: bytes) -> ParcelEvent:
        doc = json.loads(raw)
        at = Stamp.from_json(doc["at"])
        assert at is not None
        return cls(
            kind=doc["kind"],
            at=at,
            subject_id=bytes.fromhex(doc["subject"]),
            source_sha256=bytes.fromhex(doc["source"]),
            detail=dict(doc["detail"]),
        )
