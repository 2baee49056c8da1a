"""Ed25519 tests: shared RFC 8032 / ZIP-215 vectors, batch == single, and `cryptography`."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidSignature as CryptographyInvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from hypothesis import given, settings
from hypothesis import strategies as st

from tabularium.crypto import ed25519
from tabularium.errors import InvalidSignature

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "ed25519"
Item = tuple[bytes, bytes, bytes]


def _cases() -> list[tuple[str, Item, bool]]:
    out = []
    for p in sorted(VECTORS.rglob("*.json")):
        case = json.loads(p.read_text())
        i = case["input"]
        item = (
            bytes.fromhex(i["public_key"]),
            bytes.fromhex(i["message"]),
            bytes.fromhex(i["signature"]),
        )
        out.append((str(p.relative_to(VECTORS)), item, case["want_err"] is None))
    assert len(out) > 200
    return out


CASES = _cases()


def _ours(item: Item) -> bool:
    try:
        ed25519.verify(*item)
    except InvalidSignature:
        return False
    return True


def _cryptography(item: Item) -> bool:
    pk, msg, sig = item
    try:
        Ed25519PublicKey.from_public_bytes(pk).verify(sig, msg)
    except (CryptographyInvalidSignature, ValueError):
        return False
    return True


@pytest.mark.parametrize(("item", "valid"), [pytest.param(c[1], c[2], id=c[0]) for c in CASES])
def test_single_vectors(item: Item, valid: bool) -> None:
    assert _ours(item) is valid


def test_batch_equals_single_on_all_vectors() -> None:
    items = [c[1] for c in CASES]
    want = [c[2] for c in CASES]
    assert ed25519.verify_batch(items) == want
    assert [_ours(i) for i in items] == want
    # Shuffled into a batch spanning several chunks, so failing chunks are bisected.
    rng = random.Random(215)
    order = [rng.randrange(len(items)) for _ in range(3000)]
    assert ed25519.verify_batch([items[k] for k in order]) == [want[k] for k in order]


def test_rfc8032_agrees_with_cryptography() -> None:
    rfc = [c for c in CASES if c[0].startswith("rfc8032/")]
    assert rfc
    for name, item, valid in rfc:
        assert _cryptography(item) is valid, name


def test_zip215_differs_from_strict_rfc8032_only_by_accepting_more() -> None:
    """ZIP-215 may accept small-order or non-canonical A, R that OpenSSL rejects; not vice versa."""
    stricter = 0
    for name, item, valid in CASES:
        theirs = _cryptography(item)
        if theirs:
            assert valid, f"{name}: cryptography accepts what ZIP-215 rejects"
        elif valid:
            assert name.startswith("zip215/small-order/"), name
            stricter += 1
    assert stricter > 0  # the crafted cases really exercise the difference


def test_wrong_lengths() -> None:
    with pytest.raises(InvalidSignature, match=r"public key has 31 bytes, want 32"):
        ed25519.verify(bytes(31), b"", bytes(64))
    with pytest.raises(InvalidSignature, match=r"signature has 63 bytes, want 64"):
        ed25519.verify(bytes(32), b"", bytes(63))
    assert ed25519.verify_batch([(bytes(31), b"", bytes(64)), (bytes(32), b"", bytes(65))]) == [
        False,
        False,
    ]
    assert ed25519.verify_batch([]) == []
    with pytest.raises(TypeError):
        ed25519.verify_batch([("k", b"", b"")])  # type: ignore[list-item]


_KEYS = [Ed25519PrivateKey.from_private_bytes(bytes([i]) * 32) for i in range(4)]


def _mutate(item: Item, kind: str, pos: int) -> Item:
    pk, msg, sig = item
    if kind == "sig":
        b = bytearray(sig)
        b[pos % 64] ^= 1 << (pos % 8)
        return pk, msg, bytes(b)
    if kind == "msg":
        return pk, msg + bytes([pos % 256]), sig
    if kind == "key":
        b = bytearray(pk)
        b[pos % 32] ^= 1 << (pos % 8)
        return bytes(b), msg, sig
    if kind == "truncate":
        return pk, msg, sig[: pos % 64]
    return item


@settings(max_examples=60, deadline=None)
@given(
    specs=st.lists(
        st.tuples(
            st.integers(0, 3),
            st.binary(max_size=64),
            st.sampled_from(["none", "none", "sig", "msg", "key", "truncate"]),
            st.integers(0, 1023),
        ),
        min_size=1,
        max_size=40,
    )
)
def test_random_corruptions(specs: list[tuple[int, bytes, str, int]]) -> None:
    items = []
    for key_i, msg, kind, pos in specs:
        key = _KEYS[key_i]
        honest = (key.public_key().public_bytes_raw(), msg, key.sign(msg))
        items.append(_mutate(honest, kind, pos))
    single = [_ours(i) for i in items]
    assert ed25519.verify_batch(items) == single
    # Mutations of honest signatures hit no ZIP-215 corner case: strict RFC 8032 agrees.
    assert single == [_cryptography(i) for i in items]


def test_large_batch_with_few_bad() -> None:
    rng = random.Random(8032)
    key = _KEYS[0]
    pk = key.public_key().public_bytes_raw()
    items = []
    for i in range(2500):
        msg = i.to_bytes(4, "big")
        items.append((pk, msg, key.sign(msg)))
    bad = set(rng.sample(range(2500), 5))
    for i in bad:
        items[i] = _mutate(items[i], "sig", i)
    assert ed25519.verify_batch(items) == [i not in bad for i in range(2500)]


@pytest.mark.parametrize("n", [33, 64, 1024, 1025])
def test_split_batches_with_one_bad_item(n: int) -> None:
    """Batches that are split into chunks of 64-1024 items (about two per thread): a bad item
    anywhere is False and every other item still True."""
    key = _KEYS[1]
    pk = key.public_key().public_bytes_raw()
    items = [(pk, i.to_bytes(4, "big"), key.sign(i.to_bytes(4, "big"))) for i in range(n)]
    for bad in (0, n // 2, n - 1):
        batch = list(items)
        batch[bad] = _mutate(batch[bad], "msg", bad)
        assert ed25519.verify_batch(batch) == [i != bad for i in range(n)]
