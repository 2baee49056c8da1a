"""Bitstring Status List v1.0: encoding, bit order, decoding limits, builders."""

from __future__ import annotations

import base64
import gzip
import zlib
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tabularium.errors import InvalidArgument
from tabularium.vc import validate_credential
from tabularium.vc.statuslist import (
    LIST_SIZE,
    build_status_list_credential,
    build_status_list_entry,
    decode_status_list,
    encode_status_list,
    random_index,
    read_status,
    set_indices,
)

# Bitstring Status List v1.0 (W3C Recommendation), section "BitstringStatusListCredential",
# the example status list credential: an all-zero list of 131,072 entries.
SPEC_EMPTY_LIST = "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"


def _encoded(raw: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def test_spec_example_decodes_to_empty_minimum_list() -> None:
    bits = decode_status_list(SPEC_EMPTY_LIST)
    assert bits == bytes(LIST_SIZE // 8)
    assert read_status(bits, 0) == 0
    assert read_status(bits, LIST_SIZE - 1) == 0


def test_empty_list_encodes_like_the_spec_example() -> None:
    # zlib's GZIP output with mtime 0 and the default level; other deflaters could differ
    # byte-wise, which is why decoding never depends on it.
    assert encode_status_list(()) == SPEC_EMPTY_LIST


@pytest.mark.parametrize(
    ("index", "byte", "value"),
    [
        (0, 0, 0x80),
        (1, 0, 0x40),
        (7, 0, 0x01),
        (8, 1, 0x80),
        (LIST_SIZE - 1, LIST_SIZE // 8 - 1, 0x01),
    ],
)
def test_bit_zero_is_left_most_bit_of_first_byte(index: int, byte: int, value: int) -> None:
    bits = decode_status_list(encode_status_list([index]))
    want = bytearray(LIST_SIZE // 8)
    want[byte] = value
    assert bits == bytes(want)
    assert read_status(bits, index) == 1
    assert set_indices(bits) == [index]


@settings(max_examples=40, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=LIST_SIZE - 1), max_size=200))
def test_round_trip(indices: set[int]) -> None:
    bits = decode_status_list(encode_status_list(indices))
    assert set_indices(bits) == sorted(indices)
    for i in list(indices)[:20]:
        assert read_status(bits, i) == 1


def test_larger_list_and_multi_bit_status() -> None:
    size = 2 * LIST_SIZE
    bits = decode_status_list(encode_status_list([0, 3, size - 1], size))
    assert len(bits) == size // 8
    # statusSize 2: entry i is bits 2i, 2i+1.
    assert read_status(bits, 0, 2) == 0b10
    assert read_status(bits, 1, 2) == 0b01
    assert read_status(bits, LIST_SIZE - 1, 2) == 0b01


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: encode_status_list([LIST_SIZE]), "outside"),
        (lambda: encode_status_list([-1]), "outside"),
        (lambda: encode_status_list([True]), "outside"),
        (lambda: encode_status_list([], LIST_SIZE - 8), "multiple of 8 and >= 131072"),
        (lambda: encode_status_list([], LIST_SIZE + 1), "multiple of 8"),
        (lambda: read_status(bytes(LIST_SIZE // 8), LIST_SIZE), "outside the list"),
        (lambda: read_status(bytes(LIST_SIZE // 8), -1), "outside the list"),
        (lambda: read_status(bytes(LIST_SIZE // 8 - 1), 0), "want at least 131072"),
        (lambda: read_status(bytes(LIST_SIZE // 8), 0, 2), "want at least 131072"),
        (lambda: read_status(bytes(LIST_SIZE // 8), 0, 0), "must be > 0"),
        (lambda: decode_status_list("H4sI"), "start with 'u'"),
        (lambda: decode_status_list(SPEC_EMPTY_LIST + "="), "without padding"),
        (lambda: decode_status_list("u" + SPEC_EMPTY_LIST[1:].replace("-", "+")), "base64url"),
        (lambda: decode_status_list("uA"), "base64url"),
        (lambda: decode_status_list(_encoded(b"not gzip at all")), "not GZIP"),
        (lambda: decode_status_list(_encoded(zlib.compress(bytes(100)))), "not GZIP"),
        (lambda: decode_status_list(_encoded(gzip.compress(bytes(16384))[:-12])), "truncated"),
        (
            lambda: decode_status_list(_encoded(gzip.compress(b"a") + gzip.compress(b"b"))),
            "after its GZIP member",
        ),
        (lambda: decode_status_list(SPEC_EMPTY_LIST, max_bytes=16383), "more than 16383"),
        (
            lambda: build_status_list_entry(
                status_list_credential="https://x", index=1, purpose="message"
            ),
            "purpose",
        ),
        (
            lambda: build_status_list_entry(
                status_list_credential="https://x", index=-1, purpose="revocation"
            ),
            "negative",
        ),
        (lambda: random_index(range(4), size=4), "all 4 indices"),
    ],
)
def test_refusals(call: object, match: str) -> None:
    with pytest.raises(InvalidArgument, match=match) as info:
        call()  # type: ignore[operator]
    assert info.value.reason == "STATUS_LIST_MALFORMED"


def test_gzip_bomb_is_bounded() -> None:
    bomb = _encoded(gzip.compress(bytes(64 * 1024 * 1024)))
    assert len(bomb) < 200_000
    with pytest.raises(InvalidArgument, match="more than"):
        decode_status_list(bomb)


def test_random_index_avoids_taken() -> None:
    taken = set(range(0, 1000, 2)) | {5}
    for _ in range(50):
        i = random_index(taken, size=1000)
        assert i not in taken and 0 <= i < 1000
    assert random_index(set(range(999)), size=1000) == 999


def test_builders_follow_the_spec_shapes() -> None:
    url = "https://ledger.example/status/1"
    entry = build_status_list_entry(status_list_credential=url, index=94567, purpose="revocation")
    assert entry == {
        "id": url + "#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": url,
    }
    when = datetime(2021, 4, 5, 14, 27, 40, tzinfo=UTC)
    cred = build_status_list_credential(
        list_id=url,
        issuer="did:example:12345",
        purpose="suspension",
        indices=[3],
        valid_from=when,
        ttl_ms=300000,
    )
    assert cred["@context"] == ["https://www.w3.org/ns/credentials/v2"]
    assert cred["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert cred["validFrom"] == "2021-04-05T14:27:40Z"
    assert cred["credentialSubject"]["id"] == url + "#list"
    assert cred["credentialSubject"]["type"] == "BitstringStatusList"
    assert cred["credentialSubject"]["statusPurpose"] == "suspension"
    assert cred["credentialSubject"]["ttl"] == 300000
    assert set_indices(decode_status_list(cred["credentialSubject"]["encodedList"])) == [3]
    assert validate_credential(cred) == []
    with pytest.raises(InvalidArgument, match="purpose"):
        build_status_list_credential(
            list_id=url, issuer="did:example:1", purpose="refresh", indices=[], valid_from=when
        )
