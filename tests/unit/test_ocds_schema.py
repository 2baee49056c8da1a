"""The offline OCDS 1.1.5 + bids/lots/award criteria schemas (``tests/reference/ocds_schema.py``):
RFC 7386 patching, package validation through the local registry, and ``ocdsmerge`` merging."""

from __future__ import annotations

import copy
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from jsonschema import Draft4Validator, ValidationError
from referencing.exceptions import Unresolvable

from tests.reference import ocds_schema as ocds

OCID = "ocds-213czf-1"
BUYER = {"id": "GB-LAC-E09000003", "name": "Barnet Council"}
SUPPLIER = {"id": "GB-COH-01234567", "name": "Roadworks Ltd"}


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail on any connection attempt: the schemas and merge rules must come from disk."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    yield


def _award_criteria(price_weight: int) -> dict[str, Any]:
    return {
        "weightingDescription": "Price and quality are scored out of 100 and weighted.",
        "criteria": [
            {
                "type": "price",
                "name": "Price",
                "numbers": [{"number": price_weight, "weight": "percentageExact"}],
            },
            {
                "type": "quality",
                "name": "Technical merit",
                "description": "Method statement and programme.",
                "numbers": [
                    {"number": 100 - price_weight, "weight": "percentageExact"},
                    {"number": 40, "threshold": "minimumScore"},
                ],
            },
        ],
    }


def _tender_release(title: str = "Road resurfacing 2024") -> dict[str, Any]:
    return {
        "ocid": OCID,
        "id": f"{OCID}-tender",
        "date": "2024-03-01T09:00:00Z",
        "tag": ["tender"],
        "initiationType": "tender",
        "parties": [{**BUYER, "roles": ["buyer", "procuringEntity"]}],
        "buyer": BUYER,
        "tender": {
            "id": "T-1",
            "title": title,
            "status": "active",
            "procuringEntity": BUYER,
            "awardCriteria": "ratedCriteria",
            "tenderPeriod": {
                "startDate": "2024-03-01T09:00:00Z",
                "endDate": "2024-04-01T12:00:00+01:00",
            },
            "items": [
                {"id": "1", "description": "Resurfacing, north", "relatedLot": "lot-1"},
                {"id": "2", "description": "Resurfacing, south", "relatedLot": "lot-2"},
            ],
            "lots": [
                {
                    "id": "lot-1",
                    "title": "North",
                    "status": "active",
                    "value": {"amount": 400000, "currency": "GBP"},
                    "awardCriteria": _award_criteria(60),
                },
                {
                    "id": "lot-2",
                    "title": "South",
                    "status": "active",
                    "value": {"amount": 250000, "currency": "GBP"},
                    "awardCriteria": _award_criteria(70),
                },
            ],
            "lotDetails": {"maximumLotsAwardedPerSupplier": 1},
        },
    }


def _award_release() -> dict[str, Any]:
    release = _tender_release(title="Road resurfacing 2024 (north and south)")
    release["id"] = f"{OCID}-award-1"
    release["date"] = "2024-05-02T10:30:00Z"
    release["tag"] = ["tenderUpdate", "award"]
    release["parties"].append({**SUPPLIER, "roles": ["tenderer", "supplier"]})
    release["bids"] = {
        "statistics": [
            {"id": "1", "measure": "bids", "value": 1, "relatedLot": "lot-1"},
            {"id": "2", "measure": "bids", "value": 0, "relatedLot": "lot-2"},
        ],
        "details": [
            {
                "id": "bid-1",
                "date": "2024-03-28T16:45:00Z",
                "status": "valid",
                "tenderers": [SUPPLIER],
                "value": {"amount": 385000, "currency": "GBP"},
                "relatedLots": ["lot-1"],
            }
        ],
    }
    release["awards"] = [
        {
            "id": "award-1",
            "title": "North lot",
            "status": "active",
            "date": "2024-05-02T10:00:00Z",
            "value": {"amount": 385000, "currency": "GBP"},
            "suppliers": [SUPPLIER],
            "relatedBid": "bid-1",
            "relatedLots": ["lot-1"],
        }
    ]
    return release


def _package(*releases: dict[str, Any]) -> dict[str, Any]:
    return {
        "uri": "https://ledger.example/ocds/packages/1.json",
        "version": "1.1",
        "publishedDate": "2024-05-02T11:00:00Z",
        "publisher": {"name": "Tabularium test publisher"},
        "extensions": [
            "https://raw.githubusercontent.com/open-contracting-extensions/"
            "ocds_bid_extension/v1.1.5/extension.json",
            "https://raw.githubusercontent.com/open-contracting-extensions/"
            "ocds_lots_extension/v1.1.5/extension.json",
            "https://raw.githubusercontent.com/open-contracting-extensions/"
            "ocds_awardCriteriaBreakdown_extension/master/extension.json",
        ],
        "releases": list(releases),
    }


# --- JSON Merge Patch ---------------------------------------------------------------------------

# RFC 7386 Appendix A, every example.
RFC7386_EXAMPLES = [
    ({"a": "b"}, {"a": "c"}, {"a": "c"}),
    ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
    ({"a": "b"}, {"a": None}, {}),
    ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
    ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
    ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
    ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
    ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
    (["a", "b"], ["c", "d"], ["c", "d"]),
    ({"a": "b"}, ["c"], ["c"]),
    ({"a": "foo"}, None, None),
    ({"a": "foo"}, "bar", "bar"),
    ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
    ([1, 2], {"a": "b", "c": None}, {"a": "b"}),
    ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
]


@pytest.mark.parametrize(("target", "patch", "want"), RFC7386_EXAMPLES)
def test_json_merge_patch_rfc7386_examples(target: Any, patch: Any, want: Any) -> None:
    before = copy.deepcopy((target, patch))
    assert ocds.json_merge_patch(target, patch) == want
    assert (target, patch) == before  # neither argument is modified


def test_json_merge_patch_keeps_null_inside_arrays() -> None:
    """Only object members set to null are deleted; an enum's null element is data."""
    got = ocds.json_merge_patch({"enum": ["a"]}, {"enum": ["a", "b", None]})
    assert got == {"enum": ["a", "b", None]}


# --- the patched schema -------------------------------------------------------------------------


def test_patched_release_schema_has_the_extension_fields() -> None:
    schema = ocds.patched_release_schema()
    defs = schema["definitions"]
    assert schema["id"] == ocds.RELEASE_SCHEMA_URI
    assert schema["properties"]["bids"] == {
        "title": "Bids",
        "description": schema["properties"]["bids"]["description"],
        "$ref": "#/definitions/Bids",
    }
    assert set(defs["Bids"]["properties"]) == {"statistics", "details"}
    assert {"relatedLots", "relatedBid"} <= set(defs["Award"]["properties"])
    assert "relatedLots" in defs["Bid"]["properties"]  # lots patches the bids extension's Bid
    assert "relatedLot" in defs["Item"]["properties"]
    assert {"lots", "lotDetails", "lotGroups"} <= set(defs["Tender"]["properties"])
    assert defs["Lot"]["properties"]["awardCriteria"]["$ref"] == "#/definitions/AwardCriteria"
    assert "awardCriteria" in defs["LotGroup"]["properties"]
    # The breakdown lives on lots (and lot groups), not on awards; tender.awardCriteria stays
    # the core string codelist field.
    assert "awardCriteria" not in defs["Award"]["properties"]
    assert defs["Tender"]["properties"]["awardCriteria"]["type"] == ["string", "null"]
    # A fresh copy each time.
    schema["definitions"].clear()
    assert ocds.patched_release_schema()["definitions"]


def test_every_reference_is_local_or_registered() -> None:
    seen: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                seen.add(ref)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(ocds.patched_release_schema())
    assert all(ref.startswith("#/definitions/") for ref in seen)
    walk(ocds.release_package_schema())
    walk(ocds.record_package_schema())
    external = {ref for ref in seen if not ref.startswith("#")}
    assert external == {ocds.RELEASE_SCHEMA_URI, ocds.VERSIONED_RELEASE_SCHEMA_URI}
    for uri in external:
        assert ocds.registry().get_or_retrieve(uri).value.contents["id"] == uri


def test_unknown_reference_is_not_fetched() -> None:
    validator = Draft4Validator(
        {"$ref": "https://standard.open-contracting.org/schema/1__1__4/release-schema.json"},
        registry=ocds.registry(),
    )
    with pytest.raises(Unresolvable):
        validator.validate({})


# --- validation ---------------------------------------------------------------------------------


def test_valid_release_package() -> None:
    ocds.validate_release_package(_package(_tender_release(), _award_release()))
    for release in (_tender_release(), _award_release()):
        ocds.validate_release(release)


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(release: dict[str, Any]) -> None:
        node: Any = release
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return apply


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda release: release.pop(key)


BROKEN = {
    "missing tag": (_drop("tag"), "$.releases[0]", "required", "'tag' is a required property"),
    "bad date": (
        _set(("date",), "2024-02-30T09:00:00Z"),
        "$.releases[0].date",
        "format",
        "is not a 'date-time'",
    ),
    "date without zone": (
        _set(("date",), "2024-05-02T10:30:00"),
        "$.releases[0].date",
        "format",
        "is not a 'date-time'",
    ),
    "unknown releaseTag": (
        _set(("tag",), ["award", "awardPublished"]),
        "$.releases[0].tag[1]",
        "enum",
        "'awardPublished' is not one of",
    ),
    "bid date (bids extension)": (
        _set(("bids", "details", 0, "date"), "28/03/2024"),
        "$.releases[0].bids.details[0].date",
        "format",
        "is not a 'date-time'",
    ),
    "bid without id (bids extension)": (
        lambda r: r["bids"]["details"][0].pop("id"),
        "$.releases[0].bids.details[0]",
        "required",
        "'id' is a required property",
    ),
    "relatedLots not an array (lots extension)": (
        _set(("awards", 0, "relatedLots"), "lot-1"),
        "$.releases[0].awards[0].relatedLots",
        "type",
        "is not of type 'array', 'null'",
    ),
    "unknown weight code (award criteria extension)": (
        _set(("tender", "lots", 0, "awardCriteria", "criteria", 0, "numbers", 0, "weight"), "%"),
        "$.releases[0].tender.lots[0].awardCriteria.criteria[0].numbers[0].weight",
        "enum",
        "'%' is not one of",
    ),
    "empty award criteria (award criteria extension)": (
        _set(("tender", "lots", 1, "awardCriteria"), {}),
        "$.releases[0].tender.lots[1].awardCriteria",
        "minProperties",
        "should be non-empty",
    ),
}


@pytest.mark.parametrize(("breakage", "path", "keyword", "message"), BROKEN.values(), ids=BROKEN)
def test_broken_release_package(
    breakage: Callable[[dict[str, Any]], None], path: str, keyword: str, message: str
) -> None:
    release = _award_release()
    breakage(release)
    with pytest.raises(ValidationError) as info:
        ocds.validate_release_package(_package(release))
    error = info.value
    assert error.json_path == path
    assert error.validator == keyword
    assert message in error.message
    assert str(error).startswith(f"{path}: ")


def test_all_errors_of_a_broken_package_are_reported() -> None:
    release = _tender_release()
    del release["tag"]
    release["date"] = "yesterday"
    release["tender"]["lots"][0]["status"] = "open"
    package = _package(release)
    package["publishedDate"] = "2024-05-02 11:00"
    errors = ocds.iter_release_package_errors(package)
    assert [(e.json_path, e.validator) for e in errors] == [
        ("$.publishedDate", "format"),
        ("$.releases[0]", "required"),
        ("$.releases[0].date", "format"),
        ("$.releases[0].tender.lots[0].status", "enum"),
    ]


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("2024-03-01T09:00:00Z", True),
        ("2024-03-01t09:00:00.123456z", True),
        ("2024-03-01T09:00:00-05:30", True),
        ("2016-12-31T23:59:60Z", True),
        (None, True),
        ("2024-03-01", False),
        ("2024-03-01T09:00Z", False),
        ("2024-03-01 09:00:00Z", False),
        ("2024-02-30T09:00:00Z", False),
        ("2024-03-01T24:00:00Z", False),
        ("2024-03-01T09:00:61Z", False),
        ("2024-03-01T09:00:00+24:00", False),
        ("2024-03-01T09:00:00+0100", False),
    ],
)
def test_date_time_format(value: Any, ok: bool) -> None:
    assert ocds.is_date_time(value) is ok


# --- merging ------------------------------------------------------------------------------------


def test_merge_compiled_and_versioned_release() -> None:
    first, second = _tender_release(), _award_release()
    # ocdsmerge sorts by date: the order given does not matter.
    compiled, versioned = ocds.merge([second, first])

    assert compiled["ocid"] == OCID
    assert compiled["id"] == f"{OCID}-{second['date']}"
    assert compiled["date"] == second["date"]
    assert compiled["tag"] == ["compiled"]
    assert compiled["tender"]["title"] == second["tender"]["title"]
    assert [lot["id"] for lot in compiled["tender"]["lots"]] == ["lot-1", "lot-2"]
    assert compiled["tender"]["lots"][0]["awardCriteria"] == _award_criteria(60)
    assert compiled["bids"]["details"][0]["relatedLots"] == ["lot-1"]
    assert compiled["awards"][0]["relatedBid"] == "bid-1"
    ocds.validate_release(compiled)

    assert versioned["ocid"] == OCID
    assert versioned["tender"]["title"] == [
        {
            "releaseID": first["id"],
            "releaseDate": first["date"],
            "releaseTag": ["tender"],
            "value": first["tender"]["title"],
        },
        {
            "releaseID": second["id"],
            "releaseDate": second["date"],
            "releaseTag": ["tenderUpdate", "award"],
            "value": second["tender"]["title"],
        },
    ]
    # Unchanged values keep one entry; wholeListMerge arrays are versioned as a whole.
    assert [v["value"] for v in versioned["tender"]["status"]] == ["active"]
    criteria = versioned["tender"]["lots"][0]["awardCriteria"]["criteria"]
    assert [v["value"] for v in criteria] == [_award_criteria(60)["criteria"]]

    record_package: dict[str, Any] = {
        "uri": "https://ledger.example/ocds/records/1.json",
        "version": "1.1",
        "publishedDate": "2024-05-02T11:00:00Z",
        "publisher": {"name": "Tabularium test publisher"},
        "records": [
            {
                "ocid": OCID,
                "releases": [first, second],
                "compiledRelease": compiled,
                "versionedRelease": versioned,
            }
        ],
    }
    ocds.validate_record_package(record_package)
    record_package["records"][0]["compiledRelease"]["tender"]["lots"][0]["status"] = "open"
    with pytest.raises(ValidationError) as info:
        ocds.validate_record_package(record_package)
    assert info.value.json_path == "$.records[0].compiledRelease.tender.lots[0].status"
