"""W3C Verifiable Credentials Data Model 2.0: building, structural checks, hashing, dates.

Credentials are plain JSON values (``dict``/``list``/``str``/``int``/``float``/``bool``/
``None``), exactly as they travel; nothing here does JSON-LD processing.

Credential hash
    The ledger records a credential by :func:`credential_hash`: SHA-256 of the RFC 8785
    (JCS) canonical form of the *secured* credential, i.e. the whole JSON object including
    its ``proof``. JCS makes the hash independent of key order and whitespace, so anyone
    holding the credential recomputes the same 32 bytes; including the proof means the
    hash names one issued artefact (re-signing gives a different hash).

Dates
    ``validFrom`` and ``validUntil`` are XML Schema ``dateTimeStamp`` strings (a
    ``dateTime`` with a time zone). :func:`format_datetime` writes UTC with a ``Z``;
    :func:`parse_datetime` reads any ``dateTime`` whose year is in 1..9999 (Python's range).

Structural validation (:func:`validate_credential`) checks what the data model says a
conforming document MUST have; it returns human-readable reasons, empty when the credential
is well formed. Left out: JSON-LD term definitions (undefined terms are not detected),
``credentialSchema`` validation, ``relatedResource`` digests, language-tagged value rules,
and verifiable presentations.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import rfc8785

from tabularium.errors import InvalidArgument
from tabularium.vc.contexts import CREDENTIALS_V2

__all__ = [
    "CREDENTIAL_MALFORMED",
    "MAX_STATUS_SIZE",
    "VERIFIABLE_CREDENTIAL",
    "as_list",
    "build_credential",
    "canonicalize",
    "credential_hash",
    "credential_types",
    "format_datetime",
    "is_url",
    "issuer_id",
    "parse_credential_json",
    "parse_datetime",
    "validate_credential",
]

CREDENTIAL_MALFORMED = "CREDENTIAL_MALFORMED"
"""``reason`` of the :class:`~tabularium.errors.InvalidArgument` raised for bad credentials."""
VERIFIABLE_CREDENTIAL = "VerifiableCredential"
MAX_STATUS_SIZE = 16
"""Largest ``statusSize`` accepted (its ``statusMessage`` list has ``2**statusSize`` items)."""

_DATETIME = re.compile(
    r"(?P<year>-?\d{4,})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"T(?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2})(?P<frac>\.\d+)?"
    r"(?P<tz>Z|[+-]\d{2}:\d{2})?"
)
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]+")
# v1 properties that VCDM 2.0 replaced; a v2 credential carrying them is a mistake.
_V1_PROPERTIES = {"issuanceDate": "validFrom", "expirationDate": "validUntil"}


def as_list(value: object) -> list[Any]:
    """Return ``value`` if it is a list, ``[]`` if it is ``None``, else ``[value]``."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def is_url(value: object) -> bool:
    """Return whether ``value`` is a string that looks like an absolute URL (``scheme:rest``)."""
    return isinstance(value, str) and _URL.fullmatch(value) is not None


# --- dates --------------------------------------------------------------------------------


def parse_datetime(value: str, *, require_timezone: bool = True) -> datetime:
    """Parse an XML Schema ``dateTime`` (``dateTimeStamp`` if ``require_timezone``).

    Returns an aware ``datetime``; a value without a time zone (only when
    ``require_timezone`` is false) is taken as UTC. Fractions beyond microseconds are
    truncated; ``24:00:00`` is the start of the next day.

    Raises:
        ValueError: not a ``dateTime``, a field out of range, a year outside 1..9999, or a
            missing time zone when one is required (the message says which).
    """
    if not isinstance(value, str):
        raise ValueError(f"got {type(value).__name__}, want an XML Schema dateTime string")
    m = _DATETIME.fullmatch(value)
    if m is None:
        raise ValueError(f"{value!r} is not an XML Schema dateTime (YYYY-MM-DDThh:mm:ss[Z])")
    year = int(m["year"])
    if len(m["year"]) != 4 or year < 1:  # a valid longer year is > 9999
        raise ValueError(f"{value!r}: year {m['year']} is outside 0001..9999")
    tz_text = m["tz"]
    if tz_text is None:
        if require_timezone:
            raise ValueError(f"{value!r} has no time zone (want e.g. a trailing 'Z')")
        tz = UTC
    elif tz_text == "Z":
        tz = UTC
    else:
        sign = -1 if tz_text[0] == "-" else 1
        hours, minutes = int(tz_text[1:3]), int(tz_text[4:6])
        if minutes > 59 or hours * 60 + minutes > 14 * 60:
            raise ValueError(f"{value!r}: time zone offset {tz_text} out of range")
        tz = timezone(sign * timedelta(hours=hours, minutes=minutes))
    hour, minute, second = int(m["hour"]), int(m["minute"]), int(m["second"])
    micro = int((m["frac"] or ".0")[1:7].ljust(6, "0"))
    end_of_day = hour == 24
    if end_of_day:
        if minute or second or micro:
            raise ValueError(f"{value!r}: hour 24 is only allowed as 24:00:00")
        hour = 0
    try:
        dt = datetime(year, int(m["month"]), int(m["day"]), hour, minute, second, micro, tz)
    except ValueError as exc:
        raise ValueError(f"{value!r}: {exc}") from None
    return dt + timedelta(days=1) if end_of_day else dt


def format_datetime(when: datetime) -> str:
    """Return ``when`` as an XML Schema ``dateTimeStamp`` in UTC, e.g. ``2024-05-01T12:00:00Z``.

    Microseconds are written only when non-zero (without trailing zeros).

    Raises:
        ValueError: ``when`` is naive (has no time zone).
    """
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"{when!r} is naive; give a time zone (e.g. datetime.now(UTC))")
    utc = when.astimezone(UTC)
    text = utc.strftime("%Y-%m-%dT%H:%M:%S")
    if len(text) != 19:  # strftime does not zero-pad years below 1000 everywhere
        text = f"{utc.year:04d}" + text[text.index("-") :]
    if utc.microsecond:
        text += f".{utc.microsecond:06d}".rstrip("0")
    return text + "Z"


# --- JSON and hashing ---------------------------------------------------------------------


def canonicalize(value: object) -> bytes:
    """Return the RFC 8785 (JCS) canonical UTF-8 serialization of a JSON value.

    Raises:
        tabularium.errors.InvalidArgument: reason ``CREDENTIAL_MALFORMED``: the value has an
            integer outside +-(2**53 - 1), a NaN or infinite float, a non-string key, a lone
            surrogate, or a non-JSON type.
    """
    try:
        return rfc8785.dumps(value)  # type: ignore[arg-type]
    except rfc8785.CanonicalizationError as exc:
        raise InvalidArgument(CREDENTIAL_MALFORMED, f"cannot canonicalize (JCS): {exc}") from None
    except (TypeError, RecursionError) as exc:
        raise InvalidArgument(CREDENTIAL_MALFORMED, f"cannot canonicalize (JCS): {exc}") from None


def credential_hash(credential: Mapping[str, Any]) -> bytes:
    """Return the ledger hash of a credential: ``SHA-256(JCS(credential))``, 32 bytes.

    ``credential`` is the secured credential, ``proof`` included (see the module docstring).

    Raises:
        tabularium.errors.InvalidArgument: reason ``CREDENTIAL_MALFORMED``, not canonicalizable.
    """
    return hashlib.sha256(canonicalize(credential)).digest()


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_credential_json(data: str | bytes) -> dict[str, Any]:
    """Parse a credential from JSON text, strictly.

    Duplicate keys, ``NaN``/``Infinity`` and a top level that is not an object are refused
    (Python's ``json`` accepts the first two, which would let two parties read different
    credentials from one file).

    Raises:
        tabularium.errors.InvalidArgument: reason ``CREDENTIAL_MALFORMED``.
    """
    try:
        value = json.loads(data, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError too
        raise InvalidArgument(CREDENTIAL_MALFORMED, f"not valid JSON: {exc}") from None
    if not isinstance(value, dict):
        raise InvalidArgument(
            CREDENTIAL_MALFORMED, f"top level is {type(value).__name__}, want a JSON object"
        )
    return value


# --- accessors ----------------------------------------------------------------------------


def issuer_id(credential: Mapping[str, Any]) -> str | None:
    """Return the issuer's id (``issuer`` or ``issuer.id``), ``None`` if absent or not a string."""
    issuer = credential.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def credential_types(credential: Mapping[str, Any]) -> tuple[str, ...]:
    """Return the credential's ``type`` values that are strings, in order."""
    return tuple(t for t in as_list(credential.get("type")) if isinstance(t, str))


# --- structural validation ----------------------------------------------------------------


def _check_typed_objects(name: str, value: object, reasons: list[str]) -> None:
    """credentialSchema, evidence, termsOfUse, refreshService: objects with a type."""
    items = as_list(value)
    if not items:
        reasons.append(f"{name} is empty")
    for i, item in enumerate(items):
        where = f"{name}[{i}]" if isinstance(value, list) else name
        if not isinstance(item, Mapping):
            reasons.append(f"{where} is {type(item).__name__}, want an object")
        elif not isinstance(item.get("type"), str | list) or not as_list(item.get("type")):
            reasons.append(f"{where} has no type")
        elif "id" in item and not is_url(item["id"]):
            reasons.append(f"{where}.id {item['id']!r} is not a URL")


def _check_status_entry(where: str, entry: Mapping[str, Any], reasons: list[str]) -> None:
    if "id" in entry and not is_url(entry["id"]):
        reasons.append(f"{where}.id {entry['id']!r} is not a URL")
    types = as_list(entry.get("type"))
    if not types or not all(isinstance(t, str) for t in types):
        reasons.append(f"{where} has no type")
        return
    if "BitstringStatusListEntry" not in types:
        return  # another status mechanism: its rules are not ours to check
    if not isinstance(entry.get("statusPurpose"), str) or not entry["statusPurpose"]:
        reasons.append(f"{where}.statusPurpose is missing or not a string")
    index = entry.get("statusListIndex")
    if not isinstance(index, str) or not index.isascii() or not index.isdigit():
        reasons.append(f"{where}.statusListIndex {index!r} is not a base-10 integer string")
    url = entry.get("statusListCredential")
    if not is_url(url):
        reasons.append(f"{where}.statusListCredential {url!r} is not a URL")
    elif entry.get("id") == url:
        reasons.append(f"{where}.id must not be the status list's URL")
    size = entry.get("statusSize", 1)
    if isinstance(size, bool) or not isinstance(size, int) or size < 1:
        reasons.append(f"{where}.statusSize {size!r} is not an integer > 0")
    elif size > MAX_STATUS_SIZE:
        reasons.append(f"{where}.statusSize {size} is above {MAX_STATUS_SIZE} (not supported)")
    elif size > 1 or "statusMessage" in entry:
        messages = entry.get("statusMessage")
        if not isinstance(messages, list) or len(messages) != 2**size:
            reasons.append(f"{where}.statusMessage must be a list of {2**size} entries")
        elif not all(
            isinstance(m, Mapping) and isinstance(m.get("status"), str) and "message" in m
            for m in messages
        ):
            reasons.append(f"{where}.statusMessage entries need 'status' and 'message'")


def validate_credential(credential: object) -> list[str]:
    """Return why ``credential`` is not a well-formed VC Data Model 2.0 credential.

    An empty list means well formed. ``proof`` is not examined here (see
    :mod:`tabularium.vc.dataintegrity`); a credential being built has none.
    Checks: a JSON object that JCS can canonicalize; ``@context`` a list whose first item
    is ``https://www.w3.org/ns/credentials/v2`` and whose items are URLs or objects;
    ``id`` a URL; ``type`` includes ``VerifiableCredential``; ``issuer`` a URL or an object
    with a URL ``id``; ``credentialSubject`` one or more non-empty objects with URL ``id``
    when present; ``validFrom``/``validUntil`` ``dateTimeStamp``s in order; each
    ``credentialStatus`` has a type (``BitstringStatusListEntry`` fields checked);
    ``credentialSchema``/``evidence``/``termsOfUse``/``refreshService`` items have a type;
    no VC 1.1 ``issuanceDate``/``expirationDate``.
    """
    if not isinstance(credential, Mapping):
        return [f"credential is {type(credential).__name__}, want a JSON object"]
    reasons: list[str] = []
    try:
        canonicalize(credential)
    except InvalidArgument as exc:
        reasons.append(exc.message)

    ctx = credential.get("@context")
    if not isinstance(ctx, list) or not ctx:
        reasons.append(f"@context must be a list starting with {CREDENTIALS_V2!r}")
    else:
        if ctx[0] != CREDENTIALS_V2:
            reasons.append(f"first @context is {ctx[0]!r}, want {CREDENTIALS_V2!r}")
        for i, item in enumerate(ctx):
            if not (is_url(item) or isinstance(item, Mapping)):
                reasons.append(f"@context[{i}] {item!r} is neither a URL nor an object")

    if "id" in credential and not is_url(credential["id"]):
        reasons.append(f"id {credential['id']!r} is not a URL")

    types = as_list(credential.get("type"))
    if not all(isinstance(t, str) for t in types):
        reasons.append("type values must be strings")
    if VERIFIABLE_CREDENTIAL not in types:
        reasons.append(f"type must include {VERIFIABLE_CREDENTIAL!r}")

    issuer = credential.get("issuer")
    if issuer is None:
        reasons.append("issuer is missing")
    elif isinstance(issuer, Mapping):
        if not is_url(issuer.get("id")):
            reasons.append(f"issuer.id {issuer.get('id')!r} is not a URL")
    elif not is_url(issuer):
        reasons.append(f"issuer {issuer!r} is not a URL")

    subjects = as_list(credential.get("credentialSubject"))
    if not subjects:
        reasons.append("credentialSubject is missing or empty")
    for i, subject in enumerate(subjects):
        where = f"credentialSubject[{i}]" if len(subjects) > 1 else "credentialSubject"
        if not isinstance(subject, Mapping) or not subject:
            reasons.append(f"{where} must be a non-empty object")
        elif "id" in subject and not is_url(subject["id"]):
            reasons.append(f"{where}.id {subject['id']!r} is not a URL")

    times: dict[str, datetime] = {}
    for name in ("validFrom", "validUntil"):
        if name in credential:
            try:
                times[name] = parse_datetime(credential[name])
            except ValueError as exc:
                reasons.append(f"{name}: {exc}")
    if len(times) == 2 and times["validFrom"] > times["validUntil"]:
        reasons.append("validFrom is later than validUntil")

    for old, new in _V1_PROPERTIES.items():
        if old in credential:
            reasons.append(f"{old} is a VC 1.1 property; VC 2.0 uses {new}")

    if "credentialStatus" in credential:
        entries = as_list(credential["credentialStatus"])
        if not entries:
            reasons.append("credentialStatus is empty")
        for i, entry in enumerate(entries):
            where = (
                f"credentialStatus[{i}]"
                if isinstance(credential["credentialStatus"], list)
                else "credentialStatus"
            )
            if not isinstance(entry, Mapping):
                reasons.append(f"{where} is {type(entry).__name__}, want an object")
            else:
                _check_status_entry(where, entry, reasons)

    for name in ("credentialSchema", "evidence", "termsOfUse", "refreshService"):
        if name in credential:
            _check_typed_objects(name, credential[name], reasons)
    return reasons


# --- building -----------------------------------------------------------------------------


def build_credential(
    *,
    issuer: str,
    subject: Mapping[str, Any] | Sequence[Mapping[str, Any]],
    types: Sequence[str] = (),
    valid_from: datetime,
    valid_until: datetime | None = None,
    credential_id: str | None = None,
    status: Sequence[Mapping[str, Any]] = (),
    contexts: Sequence[str | Mapping[str, Any]] = (),
    name: str | None = None,
    description: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Return an unsecured VC 2.0 credential (sign it with ``dataintegrity.add_proof``).

    ``@context`` is ``[https://www.w3.org/ns/credentials/v2, *contexts]``; ``type`` is
    ``["VerifiableCredential", *types]``; ``credentialStatus`` is one object for one entry,
    a list for several (see ``statuslist.build_status_list_entry``). ``extra`` adds other
    top-level properties (it may not replace the ones above).

    Raises:
        tabularium.errors.InvalidArgument: reason ``CREDENTIAL_MALFORMED``: the result would
            not pass :func:`validate_credential` (the message lists why), or ``extra``
            repeats a property set by the other arguments.
        ValueError: ``valid_from`` or ``valid_until`` is naive.
    """
    credential: dict[str, Any] = {
        "@context": [CREDENTIALS_V2, *(c for c in contexts if c != CREDENTIALS_V2)],
    }
    if credential_id is not None:
        credential["id"] = credential_id
    credential["type"] = [
        VERIFIABLE_CREDENTIAL,
        *(t for t in types if t != VERIFIABLE_CREDENTIAL),
    ]
    credential["issuer"] = issuer
    credential["validFrom"] = format_datetime(valid_from)
    if valid_until is not None:
        credential["validUntil"] = format_datetime(valid_until)
    if name is not None:
        credential["name"] = name
    if description is not None:
        credential["description"] = description
    if isinstance(subject, Mapping):
        credential["credentialSubject"] = dict(subject)
    else:
        credential["credentialSubject"] = [dict(s) for s in subject]
    if len(status) == 1:
        credential["credentialStatus"] = dict(status[0])
    elif status:
        credential["credentialStatus"] = [dict(s) for s in status]
    for key, value in (extra or {}).items():
        if key in credential or key == "proof":
            raise InvalidArgument(CREDENTIAL_MALFORMED, f"extra may not set {key!r}")
        credential[key] = value
    reasons = validate_credential(credential)
    if reasons:
        raise InvalidArgument(CREDENTIAL_MALFORMED, "; ".join(reasons))
    return credential
