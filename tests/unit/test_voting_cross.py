"""The Rust ballot cryptography (``tabularium.crypto.voting``) against the pure-Python reference
(``tests.reference.voting_ref``): byte for byte on equal inputs (ballot nonce, key, manifest,
votes), the same verdict on honest and tampered ballots, the same challenged-ballot decryption,
weighted sums and discrete logarithms."""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tabularium.crypto import voting
from tests.reference import voting_ref as ref
from tests.reference.threshold_ref import L, base_mul

SETTINGS = settings(max_examples=25, deadline=None)


def plain(value: Any) -> Any:
    """A ballot of either implementation as nested tuples of bytes."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return tuple(plain(getattr(value, f.name)) for f in dataclasses.fields(value))
    if isinstance(value, (tuple, list)):
        return tuple(plain(v) for v in value)
    return value


@st.composite
def elections(draw: st.DrawFn) -> tuple[bytes, bytes, list[ref.ContestSpec], list[list[int]]]:
    h_e = draw(st.binary(min_size=32, max_size=32))
    key = base_mul(draw(st.integers(1, L - 1)))
    manifest, votes = [], []
    for _ in range(draw(st.integers(1, 2))):
        maxima = draw(st.lists(st.integers(1, 2), min_size=1, max_size=4))
        row = [draw(st.integers(0, m)) for m in maxima]
        limit = max(1, sum(row) + draw(st.integers(0, 1)))
        if draw(st.booleans()):
            costs = draw(st.lists(st.integers(0, 500), min_size=len(maxima), max_size=len(maxima)))
            spend = sum(c * v for c, v in zip(costs, row, strict=True))
            budget = spend + draw(st.integers(0, 300))
            manifest.append(ref.ContestSpec(limit, tuple(maxima), tuple(costs), budget))
        else:
            manifest.append(ref.ContestSpec(limit, tuple(maxima)))
        votes.append(row)
    return h_e, key, manifest, votes


def rust_manifest(manifest: list[ref.ContestSpec]) -> list[voting.ContestSpec]:
    return [voting.ContestSpec(c.limit, c.maxima, c.costs, c.budget) for c in manifest]


@SETTINGS
@given(elections(), st.binary(min_size=32, max_size=32), st.binary(min_size=32, max_size=32))
def test_rust_encrypts_byte_for_byte_as_the_reference(
    election: tuple[bytes, bytes, list[ref.ContestSpec], list[list[int]]],
    nonce: bytes,
    chaining: bytes,
) -> None:
    h_e, key, manifest, votes = election
    expected = ref.encrypt_ballot(h_e, key, manifest, votes, nonce, chaining)
    got = voting.encrypt_ballot(h_e, key, rust_manifest(manifest), votes, nonce, chaining)
    assert plain(got) == plain(expected)
    assert voting.verify_ballot(h_e, key, rust_manifest(manifest), got, chaining) is None
    assert ref.verify_ballot(h_e, key, manifest, expected, chaining)
    assert voting.decrypt_with_nonce(h_e, key, rust_manifest(manifest), got, nonce) == votes
    assert ref.decrypt_with_nonce(h_e, key, manifest, expected, nonce) == votes


def flip(value: Any, target: int, bit: int, counter: list[int]) -> Any:
    """``value`` with one bit flipped in its ``target``-th byte string (depth-first order)."""
    if isinstance(value, bytes):
        counter[0] += 1
        if counter[0] - 1 == target:
            changed = bytearray(value)
            changed[bit // 8 % len(changed)] ^= 1 << (bit % 8)
            return bytes(changed)
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return type(value)(
            *(flip(getattr(value, f.name), target, bit, counter) for f in dataclasses.fields(value))
        )
    if isinstance(value, tuple):
        return tuple(flip(v, target, bit, counter) for v in value)
    return value


def to_rust(value: Any) -> voting.EncryptedBallot:
    """A reference ballot as the wrapper's dataclasses (the same field layout)."""
    contests = []
    for c in value.contests:
        sels = tuple(
            voting.EncryptedSelection(
                voting.Ciphertext(s.ciphertext.alpha, s.ciphertext.beta), s.proof
            )
            for s in c.selections
        )
        budget = None
        if c.budget is not None:
            bits = tuple(
                voting.EncryptedSelection(
                    voting.Ciphertext(b.ciphertext.alpha, b.ciphertext.beta), b.proof
                )
                for b in c.budget.bits
            )
            budget = voting.BudgetProof(bits, c.budget.link)
        contests.append(voting.EncryptedContest(sels, c.proof, budget))
    return voting.EncryptedBallot(tuple(contests), value.code)


@SETTINGS
@given(
    elections(),
    st.binary(min_size=32, max_size=32),
    st.integers(0, 10_000),
    st.integers(0, 255),
)
def test_rust_and_reference_agree_on_every_tampered_ballot(
    election: tuple[bytes, bytes, list[ref.ContestSpec], list[list[int]]],
    nonce: bytes,
    target: int,
    bit: int,
) -> None:
    h_e, key, manifest, votes = election
    chaining = bytes(32)
    honest = ref.encrypt_ballot(h_e, key, manifest, votes, nonce, chaining)
    strings = len(plain_bytes(honest))
    tampered = flip(honest, target % strings, bit, [0])
    assert tampered != honest
    want = ref.verify_ballot(h_e, key, manifest, tampered, chaining)
    got = voting.verify_ballot(h_e, key, rust_manifest(manifest), to_rust(tampered), chaining)
    assert not want
    assert got is not None
    assert got.reason in ("INVALID_PROOF", "INVALID_GROUP_ELEMENT", "CODE_MISMATCH")


def plain_bytes(value: Any) -> list[bytes]:
    out: list[bytes] = []

    def walk(v: Any) -> None:
        if isinstance(v, bytes):
            out.append(v)
        elif isinstance(v, tuple):
            for item in v:
                walk(item)

    walk(plain(value))
    return out


@SETTINGS
@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(1, L - 1), st.integers(0, 1000)), max_size=8),
    st.integers(1, L - 1),
)
def test_weighted_sums_and_discrete_logs_agree(
    items: list[tuple[int, int, int]], secret: int
) -> None:
    key = base_mul(secret)
    cts = [(ref.encrypt(key, v, xi), w) for v, xi, w in items]
    expected = ref.aggregate(cts)
    got = voting.aggregate([(voting.Ciphertext(c.alpha, c.beta), w) for c, w in cts])
    assert (got.alpha, got.beta) == (expected.alpha, expected.beta)
    total = sum(v * w for v, _, w in items)
    point = ref.encrypt(key, total, 0).beta  # total*K
    assert voting.dlog(point, key, 24_000) == ref.dlog(point, key, 24_000) == total
    if total > 0:
        assert voting.dlog(point, key, total - 1) is None


def test_votes_the_rules_forbid_are_refused_alike() -> None:
    h_e, key = bytes(range(32)), base_mul(7)
    manifest = [ref.ContestSpec(2, (1, 1, 2), (300, 200, 100), 500)]
    for votes in ([[1, 1, 1]], [[0, 0, 3]], [[1, 0, 2]], [[1, 1]]):
        try:
            ref.encrypt_ballot(h_e, key, manifest, votes, bytes(32), bytes(32))
        except ValueError:
            pass
        else:
            raise AssertionError(f"the reference took {votes}")
        try:
            voting.encrypt_ballot(h_e, key, rust_manifest(manifest), votes, bytes(32), bytes(32))
        except ValueError:
            pass
        else:
            raise AssertionError(f"Rust took {votes}")
