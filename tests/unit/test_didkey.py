"""did:key for Ed25519: W3C CCG did:key test vectors, round trips and refusals."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import given
from hypothesis import strategies as st

from tabularium.crypto.didkey import (
    base58btc_decode,
    base58btc_encode,
    did_key,
    public_key_from_did_key,
    verification_method,
)
from tabularium.errors import InvalidArgument

# (seed, publicKeyBase58, did) from w3c-ccg/did-method-key test-vectors/ed25519-x25519.json
# at commit f5abee840c31e92cd1ac11737e0b62103ab99d21 (the four Ed25519VerificationKey2018
# entries; the fifth, seed ...05, gives its key only as a JWK and is checked separately).
CCG_VECTORS = [
    (
        "00" * 32,
        "4zvwRjXUKGfvwnParsHAS3HuSVzV5cA4McphgmoCtajS",
        "did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp",
    ),
    (
        "00" * 31 + "01",
        "6ASf5EcmmEHTgDJ4X4ZT5vT6iHVJBXPg5AN5YoTCpGWt",
        "did:key:z6MkjchhfUsD6mmvni8mCdXHw216Xrm9bQe2mBH1P5RDjVJG",
    ),
    (
        "00" * 31 + "02",
        "8pM1DN3RiT8vbom5u1sNryaNT1nyL8CTTW3b5PwWXRBH",
        "did:key:z6MknGc3ocHs3zdPiJbnaaqDi58NGb4pk1Sp9WxWufuXSdxf",
    ),
    (
        "00" * 31 + "03",
        "HPYVwAQmskwT1qEEeRzhoomyfyupJGASQQtCXSNG8XS2",
        "did:key:z6MkvqoYXQfDDJRv8L4wKzxYeuKyVZBfi9Qo6Ro8MiLH3kDQ",
    ),
]
# Seed ...05: publicKeyJwk "x" is base64url of the public key.
JWK_SEED = "00" * 31 + "05"
JWK_X_HEX = "fde4fba030ad002f7c2f7d4c331f49d13fb0ec747eceebec634f1ff4cbca9def"
JWK_DID = "did:key:z6MkwYMhwTvsq376YBAcJHy3vyRWzBgn5vKfVqqDCgm7XVKU"


def _pub(seed_hex: str) -> bytes:
    return (
        Ed25519PrivateKey.from_private_bytes(bytes.fromhex(seed_hex))
        .public_key()
        .public_bytes_raw()
    )


@pytest.mark.parametrize(("seed", "b58", "did"), CCG_VECTORS)
def test_ccg_vectors(seed: str, b58: str, did: str) -> None:
    pub = _pub(seed)
    assert base58btc_encode(pub) == b58
    assert base58btc_decode(b58) == pub
    assert did_key(pub) == did
    assert public_key_from_did_key(did) == pub
    msid = did.removeprefix("did:key:")
    assert verification_method(pub) == f"{did}#{msid}"
    assert public_key_from_did_key(verification_method(pub)) == pub


def test_ccg_jwk_vector() -> None:
    pub = _pub(JWK_SEED)
    assert pub.hex() == JWK_X_HEX
    assert did_key(pub) == JWK_DID
    assert public_key_from_did_key(JWK_DID + "#" + JWK_DID[8:]) == pub


@given(st.binary(max_size=64))
def test_base58_round_trip(data: bytes) -> None:
    assert base58btc_decode(base58btc_encode(data)) == data


def test_base58_leading_zeros() -> None:
    assert base58btc_encode(b"") == ""
    assert base58btc_encode(b"\x00\x00\x01") == "112"
    assert base58btc_decode("112") == b"\x00\x00\x01"
    with pytest.raises(ValueError, match="'0' is not in the base58btc alphabet"):
        base58btc_decode("10")


@given(st.binary(min_size=32, max_size=32))
def test_did_round_trip(pub: bytes) -> None:
    did = did_key(pub)
    assert did.startswith("did:key:z6Mk")
    assert public_key_from_did_key(did) == pub
    assert public_key_from_did_key(verification_method(pub)) == pub


GOOD = CCG_VECTORS[0][2]


@pytest.mark.parametrize(
    ("did", "why"),
    [
        ("did:web:example.com", "does not start with 'did:key:'"),
        ("", "does not start with"),
        ("did:key:", "must be multibase base58btc"),
        ("did:key:" + "u" + GOOD[9:], "must be multibase base58btc"),
        (GOOD[:-1] + "0", "not in the base58btc alphabet"),
        (GOOD[:-2], "multicodec|public key has"),
        ("did:key:z" + base58btc_encode(b"\xed\x01" + b"\x07" * 33), "public key has 33 bytes"),
        (GOOD + "#key-1", "fragment 'key-1' is not the key's verification method"),
        (GOOD + "/path", "paths and queries"),
        (GOOD + "?q=1", "paths and queries"),
        # An X25519 did:key from the same test vectors (multicodec 0xec01).
        ("did:key:z6LShs9GGnqk85isEBzzshkuVWrVKsRp24GnDuHk8QWkARMW", "want 0xed01"),
        # A leading '1' adds a zero byte in front of the multicodec.
        ("did:key:z1" + GOOD[9:], "want 0xed01"),
    ],
)
def test_refused(did: str, why: str) -> None:
    with pytest.raises(InvalidArgument, match=why) as info:
        public_key_from_did_key(did)
    assert info.value.reason == "DID_INVALID"
    assert info.value.code == "INVALID_ARGUMENT"


def test_wrong_key_length() -> None:
    with pytest.raises(InvalidArgument, match="31 bytes, want 32"):
        did_key(b"\x01" * 31)
    with pytest.raises(TypeError):
        did_key("ab" * 16)  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument, match="want str"):
        public_key_from_did_key(b"did:key:z")  # type: ignore[arg-type]
