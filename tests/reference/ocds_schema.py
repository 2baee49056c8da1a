"""OCDS 1.1.5 schemas patched with the bids, lots and award criteria breakdown extensions, offline.

Everything is read from ``tests/vectors/ocds/`` (see its ``PROVENANCE.md``); nothing here may
touch the network. The release schema is patched with each extension's ``release-schema.json``
as a JSON Merge Patch (RFC 7386: objects merge member by member, ``null`` deletes a member, any
other value, arrays included, replaces). The package schemas are kept as published: their
``$ref`` to ``https://standard.open-contracting.org/schema/1__1__5/release-schema.json`` resolves,
through a ``referencing`` registry with no retrieval, to the patched release schema.

The versioned release schema (``record.versionedRelease``) is the unpatched upstream one: OCDS
does not publish a versioned form of an extended schema. Core schemas set no
``additionalProperties: false``, so extension fields in a versioned release pass unchecked.

``merge`` wraps ``ocdsmerge.Merger`` (0.8.0), handing it the patched schema as a dict: its merge
rules then come from ``jsonref.replace_refs`` over local ``#/definitions/...`` references only,
so it never fetches (``Merger()`` with no schema would download the latest OCDS schema).
"""

from __future__ import annotations

import copy
import json
import re
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, FormatChecker, ValidationError
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from referencing import Registry
from referencing.jsonschema import DRAFT4

OCDS = Path(__file__).resolve().parents[1] / "vectors" / "ocds"
SCHEMA_DIR = OCDS / "schema"
EXTENSIONS_DIR = OCDS / "extensions"
# Applied in this order (the result does not depend on it: no two patch the same member).
EXTENSIONS = ("bids", "lots", "awardCriteria")

BASE_URI = "https://standard.open-contracting.org/schema/1__1__5/"
RELEASE_SCHEMA_URI = BASE_URI + "release-schema.json"
RELEASE_PACKAGE_SCHEMA_URI = BASE_URI + "release-package-schema.json"
RECORD_PACKAGE_SCHEMA_URI = BASE_URI + "record-package-schema.json"
VERSIONED_RELEASE_SCHEMA_URI = BASE_URI + "versioned-release-validation-schema.json"

Json = dict[str, Any]


def _load(path: Path) -> Json:
    data: Json = json.loads(path.read_text(encoding="utf-8"))
    return data


def json_merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 MergePatch(target, patch); returns a new value, neither argument is changed."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = json_merge_patch(result.get(key), value)
    return result


@cache
def _patched() -> Json:
    schema = _load(SCHEMA_DIR / "release-schema.json")
    for name in EXTENSIONS:
        schema = json_merge_patch(schema, _load(EXTENSIONS_DIR / name / "release-schema.json"))
    return schema


def extension_metadata(name: str) -> Json:
    """The vendored ``extension.json`` of one of ``EXTENSIONS``."""
    return _load(EXTENSIONS_DIR / name / "extension.json")


def patched_release_schema() -> Json:
    """The OCDS 1.1.5 release schema with the three extensions merged in (a fresh copy)."""
    return copy.deepcopy(_patched())


def release_package_schema() -> Json:
    """The release package schema; its release ``$ref`` resolves in ``registry()`` to the patch."""
    return _load(SCHEMA_DIR / "release-package-schema.json")


def record_package_schema() -> Json:
    """The record package schema; its release ``$ref`` resolves in ``registry()`` to the patch."""
    return _load(SCHEMA_DIR / "record-package-schema.json")


def versioned_release_schema() -> Json:
    """The upstream (unpatched) versioned release validation schema."""
    return _load(SCHEMA_DIR / "versioned-release-validation-schema.json")


@cache
def registry() -> Registry[Any]:
    """Every OCDS schema URI mapped to the local copy, the release schema to the patched one.

    The registry has no ``retrieve``: an unknown URI raises ``referencing.exceptions.Unresolvable``
    instead of being fetched.
    """
    resources = [
        (RELEASE_SCHEMA_URI, _patched()),
        (RELEASE_PACKAGE_SCHEMA_URI, release_package_schema()),
        (RECORD_PACKAGE_SCHEMA_URI, record_package_schema()),
        (VERSIONED_RELEASE_SCHEMA_URI, versioned_release_schema()),
    ]
    return Registry().with_resources(
        (uri, DRAFT4.create_resource(contents)) for uri, contents in resources
    )


# RFC 3339 section 5.6 date-time. jsonschema only checks "date-time" when the third-party
# rfc3339-validator is installed, so it is checked here with the standard library instead.
_DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))"
)
# RFC 3986 absolute URI: a scheme, then no whitespace or control characters.
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s\x00-\x1f\x7f]*")


def is_date_time(value: object) -> bool:
    """Whether ``value`` is an RFC 3339 date-time (non-strings pass, as JSON Schema requires)."""
    if not isinstance(value, str):
        return True
    m = _DATE_TIME.fullmatch(value)
    if m is None:
        return False
    year, month, day, hour, minute, second = (int(g) for g in m.groups()[:6])
    if m.group(8) is not None and (int(m.group(9)) > 23 or int(m.group(10)) > 59):
        return False
    try:
        # RFC 3339 allows a leap second (:60); the rest of the instant is checked with :59.
        datetime(year, month, day, hour, minute, 59 if second == 60 else second)
    except ValueError:
        return False
    return True


def is_uri(value: object) -> bool:
    """Whether ``value`` is an absolute URI (non-strings pass)."""
    return not isinstance(value, str) or _URI.fullmatch(value) is not None


def format_checker() -> FormatChecker:
    """Draft 4's format checks plus stdlib ``date-time`` and ``uri``."""
    checker = FormatChecker(formats=())
    checker.checkers.update(Draft4Validator.FORMAT_CHECKER.checkers)
    checker.checks("date-time")(is_date_time)
    checker.checks("uri")(is_uri)
    return checker


def _validator(schema: Json) -> Validator:
    cls = validator_for(schema, default=Draft4Validator)
    if cls is not Draft4Validator:
        raise AssertionError(f"OCDS 1.1 schemas declare draft-04, got {schema.get('$schema')}")
    return cls(schema, registry=registry(), format_checker=format_checker())


@cache
def release_validator() -> Validator:
    return _validator(_patched())


@cache
def release_package_validator() -> Validator:
    return _validator(release_package_schema())


@cache
def record_package_validator() -> Validator:
    return _validator(record_package_schema())


def _raise_first(validator: Validator, doc: Any) -> None:
    error = best_match(validator.iter_errors(doc))
    if error is not None:
        error.message = f"{error.json_path}: {error.message}"
        raise error


def validate_release(doc: Any) -> None:
    """Raise ``jsonschema.ValidationError`` (message prefixed with its JSON path) if invalid."""
    _raise_first(release_validator(), doc)


def validate_release_package(doc: Any) -> None:
    """Raise ``jsonschema.ValidationError`` (message prefixed with its JSON path) if invalid."""
    _raise_first(release_package_validator(), doc)


def validate_record_package(doc: Any) -> None:
    """Raise ``jsonschema.ValidationError`` (message prefixed with its JSON path) if invalid."""
    _raise_first(record_package_validator(), doc)


def iter_release_package_errors(doc: Any) -> list[ValidationError]:
    """Every validation error of a release package, sorted by path."""
    errors = release_package_validator().iter_errors(doc)
    return sorted(
        errors, key=lambda e: [(0, p, "") if isinstance(p, int) else (1, 0, p) for p in e.path]
    )


@cache
def _merger() -> Any:
    # A dev-only dependency: imported on first merge, so validation works without it.
    import ocdsmerge  # type: ignore[import-untyped]

    return ocdsmerge.Merger(schema=patched_release_schema())


def merge(releases: list[Json]) -> tuple[Json, Json]:
    """``(compiledRelease, versionedRelease)`` of releases of one ocid, by ``ocdsmerge``.

    Releases are sorted by ``date`` (ocdsmerge does it); the compiled release gets
    ``tag: ["compiled"]`` and ``id: "<ocid>-<date of the latest release>"``.
    """
    merger = _merger()
    compiled: Json = merger.create_compiled_release(copy.deepcopy(releases))
    versioned: Json = merger.create_versioned_release(copy.deepcopy(releases))
    return compiled, versioned
