"""The ballot-cryptography reference (``tests/reference/voting_ref.py``) against itself through
independent checks: honest ballots verify, every single-bit change anywhere is refused, the
ciphertexts are what the spec's nonces say, homomorphic sums decrypt to weighted sums, challenged
ballots open, and out-of-range / over-limit / over-budget votes are refused."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.reference import voting_ref as v
from tests.reference.threshold_ref import IDENTITY, L, add, base_mul, mul

H_E = hashlib.sha256(b"H_E of a test election").digest()
SECRET = 0x1234567890ABCDEF
K = base_mul(SECRET)
CHAIN = hashlib.sha256(b"previous confirmation code").digest()


def xi_b(n: int) -> bytes:
    return hashlib.sha256(b"ballot nonce %d" % n).digest()


# A plain contest, a value-2 selection (R = 2), and a budgeted contest (costs 0, 1, 2; B = 3).
MANIFEST = (
    v.ContestSpec(limit=1, maxima=(1, 1)),
    v.ContestSpec(limit=2, maxima=(2, 1)),
    v.ContestSpec(limit=3, maxima=(1, 1, 1), costs=(0, 1, 2), budget=3),
)
VOTES = ((0, 1), (2, 0), (1, 1, 1))


def flatten(x: object) -> list[bytes]:
    """Every byte string of a ballot, in a fixed order."""
    if isinstance(x, bytes):
        return [x]
    if x is None:
        return []
    if isinstance(x, tuple):
        return [b for item in x for b in flatten(item)]
    return [b for f in dataclasses.fields(x) for b in flatten(getattr(x, f.name))]  # type: ignore[arg-type]


def rebuild(x: object, parts: list[bytes]) -> object:
    """``x`` with its byte strings replaced, in ``flatten`` order, by ``parts`` (consumed)."""
    if isinstance(x, bytes):
        return parts.pop(0)
    if x is None:
        return None
    if isinstance(x, tuple):
        return tuple(rebuild(item, parts) for item in x)
    values = {f.name: rebuild(getattr(x, f.name), parts) for f in dataclasses.fields(x)}  # type: ignore[arg-type]
    return type(x)(**values)


def flip(ballot: v.EncryptedBallot, index: int, bit: int) -> v.EncryptedBallot:
    parts = flatten(ballot)
    b = bytearray(parts[index])
    b[bit // 8] ^= 1 << (bit % 8)
    parts[index] = bytes(b)
    out = rebuild(ballot, parts)
    assert isinstance(out, v.EncryptedBallot)
    return out


@pytest.fixture(scope="module")
def ballot() -> v.EncryptedBallot:
    return v.encrypt_ballot(H_E, K, MANIFEST, VOTES, xi_b(0), CHAIN)


def test_honest_ballot_verifies(ballot: v.EncryptedBallot) -> None:
    assert v.verify_ballot(H_E, K, MANIFEST, ballot, CHAIN)
    assert [len(c.proof) for c in ballot.contests] == [2, 3, 4]
    assert [len(s.proof) for s in ballot.contests[1].selections] == [3, 2]
    assert ballot.contests[0].budget is None and ballot.contests[1].budget is None
    budget = ballot.contests[2].budget
    assert budget is not None and len(budget.bits) == 2  # B = 3: two bits
    assert all(len(b) == 32 for b in flatten(ballot))
    # Deterministic in the ballot nonce, different under another one.
    assert v.encrypt_ballot(H_E, K, MANIFEST, VOTES, xi_b(0), CHAIN) == ballot
    other = v.encrypt_ballot(H_E, K, MANIFEST, VOTES, xi_b(1), CHAIN)
    assert other.code != ballot.code and v.verify_ballot(H_E, K, MANIFEST, other, CHAIN)


def test_ciphertexts_follow_the_nonces(ballot: v.EncryptedBallot) -> None:
    for i, (contest, row) in enumerate(zip(ballot.contests, VOTES, strict=True)):
        for j, (sel, sigma) in enumerate(zip(contest.selections, row, strict=True)):
            xi = v.selection_nonce(H_E, xi_b(0), i, j)
            assert sel.ciphertext.alpha == base_mul(xi)
            # beta = sigma*K + xi*K, and by the secret key: beta - SECRET*alpha = sigma*K.
            assert sel.ciphertext.beta == add(mul(sigma, K), mul(xi, K))
            assert v.dlog(v.sub(sel.ciphertext.beta, mul(SECRET, sel.ciphertext.alpha)), K, 5) == (
                sigma
            )


def test_confirmation_code_is_the_spec_hmac(ballot: v.EncryptedBallot) -> None:
    import hmac

    def mac(data: bytes) -> bytes:
        return hmac.new(H_E, data, hashlib.sha256).digest()

    chis = b""
    for i, contest in enumerate(ballot.contests):
        body = b"".join(s.ciphertext.alpha + s.ciphertext.beta for s in contest.selections)
        chis += mac(b"\x23" + i.to_bytes(4, "big") + K + body)
    assert ballot.code == mac(b"\x24" + chis + CHAIN)


def test_every_single_bit_flip_is_refused(ballot: v.EncryptedBallot) -> None:
    parts = flatten(ballot)
    assert len(parts) > 40
    for index in range(len(parts)):
        for bit in (0, (index * 37) % 252, 255):
            assert not v.verify_ballot(H_E, K, MANIFEST, flip(ballot, index, bit), CHAIN), (
                index,
                bit,
            )


@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_random_bit_flip_is_refused(ballot: v.EncryptedBallot, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(flatten(ballot)) - 1))
    bit = data.draw(st.integers(0, 255))
    assert not v.verify_ballot(H_E, K, MANIFEST, flip(ballot, index, bit), CHAIN)


def test_wrong_context_is_refused(ballot: v.EncryptedBallot) -> None:
    assert not v.verify_ballot(H_E, K, MANIFEST, ballot, bytes(32))
    assert not v.verify_ballot(bytes(32), K, MANIFEST, ballot, CHAIN)
    assert not v.verify_ballot(H_E, base_mul(SECRET + 1), MANIFEST, ballot, CHAIN)
    assert not v.verify_ballot(H_E, IDENTITY, MANIFEST, ballot, CHAIN)
    tighter = (MANIFEST[0], dataclasses.replace(MANIFEST[1], limit=1), MANIFEST[2])
    assert not v.verify_ballot(H_E, K, tighter, ballot, CHAIN)
    cheaper = (*MANIFEST[:2], dataclasses.replace(MANIFEST[2], budget=4))
    assert not v.verify_ballot(H_E, K, cheaper, ballot, CHAIN)


def test_malformed_shapes_are_refused_without_exceptions(ballot: v.EncryptedBallot) -> None:
    c0, c1, c2 = ballot.contests
    budget = c2.budget
    assert budget is not None
    bad = [
        dataclasses.replace(ballot, contests=(c0, c1)),
        dataclasses.replace(ballot, contests=(c0, c1, c2, c2)),
        dataclasses.replace(ballot, code=ballot.code[:31]),
        dataclasses.replace(ballot, contests=(dataclasses.replace(c0, proof=c0.proof[:1]), c1, c2)),
        dataclasses.replace(ballot, contests=(dataclasses.replace(c0, budget=budget), c1, c2)),
        dataclasses.replace(ballot, contests=(c0, c1, dataclasses.replace(c2, budget=None))),
        dataclasses.replace(
            ballot, contests=(dataclasses.replace(c0, selections=c0.selections[:1]), c1, c2)
        ),
        dataclasses.replace(
            ballot,
            contests=(
                c0,
                c1,
                dataclasses.replace(c2, budget=dataclasses.replace(budget, bits=budget.bits[:1])),
            ),
        ),
        dataclasses.replace(
            ballot,
            contests=(
                c0,
                c1,
                dataclasses.replace(
                    c2, budget=dataclasses.replace(budget, link=(budget.link[0], b"\xff" * 32))
                ),
            ),
        ),
    ]
    sel = c0.selections[0]
    for junk in (b"\x01" * 32, b"\xff" * 32, b"short", None):
        ct = v.Ciphertext(junk, sel.ciphertext.beta)  # type: ignore[arg-type]
        s = dataclasses.replace(sel, ciphertext=ct)
        c = dataclasses.replace(c0, selections=(s, c0.selections[1]))
        bad.append(dataclasses.replace(ballot, contests=(c, c1, c2)))
        pair = ((junk, sel.proof[0][1]), sel.proof[1])
        s = dataclasses.replace(sel, proof=pair)  # type: ignore[arg-type]
        c = dataclasses.replace(c0, selections=(s, c0.selections[1]))
        bad.append(dataclasses.replace(ballot, contests=(c, c1, c2)))
    for b in bad:
        assert not v.verify_ballot(H_E, K, MANIFEST, b, CHAIN)
    assert not v.verify_ballot(H_E, K, MANIFEST, None, CHAIN)  # type: ignore[arg-type]
    assert not v.verify_ballot(H_E, K, MANIFEST, ballot, b"short")


def test_non_canonical_scalar_is_refused(ballot: v.EncryptedBallot) -> None:
    c0 = ballot.contests[0]
    (c, s), rest = c0.proof[0], c0.proof[1:]
    bumped = ((int.from_bytes(c, "little") + L).to_bytes(32, "little"), s)
    c0 = dataclasses.replace(c0, proof=(bumped, *rest))
    assert not v.verify_ballot(
        H_E, K, MANIFEST, dataclasses.replace(ballot, contests=(c0, *ballot.contests[1:])), CHAIN
    )


@pytest.mark.parametrize("limit", [0, 1, 2, 3])
def test_range_proof_each_value(limit: int) -> None:
    for value in range(limit + 1):
        xi = 1000 + value
        ct = v.encrypt(K, value, xi)
        proof = v.range_proof(H_E, K, ct, value, xi, limit, xi_b(2), 7, 9)
        assert len(proof) == limit + 1
        assert v.verify_range(H_E, K, ct, proof, limit)
        assert not v.verify_range(H_E, K, ct, proof, limit + 1)
        assert not v.verify_range(H_E, K, v.encrypt(K, value + 1, xi), proof, limit)
    with pytest.raises(ValueError):
        v.range_proof(H_E, K, v.encrypt(K, limit + 1, 5), limit + 1, 5, limit, xi_b(2), 0, 0)


def test_proof_for_a_lie_does_not_verify() -> None:
    # Claim the encryption of 2 is in [0, 1] by running the prover with a wrong value.
    ct = v.encrypt(K, 2, 77)
    for claimed in (0, 1):
        assert not v.verify_range(
            H_E, K, ct, v.range_proof(H_E, K, ct, claimed, 77, 1, xi_b(3), 0, 0), 1
        )


def test_zero_and_identity() -> None:
    ct = v.encrypt(K, 0, 0)
    assert ct == v.Ciphertext(IDENTITY, IDENTITY)
    assert v.aggregate([]) == v.Ciphertext(IDENTITY, IDENTITY)
    assert v.dlog(IDENTITY, K, 0) == 0
    assert v.dlog(K, K, 0) is None
    assert mul(0, K) == IDENTITY and mul(5, IDENTITY) == IDENTITY
    assert v.neg(IDENTITY) == IDENTITY and add(K, v.neg(K)) == IDENTITY


@settings(max_examples=20, deadline=None)
@given(
    items=st.lists(
        st.tuples(st.integers(0, 3), st.integers(1, L - 1), st.integers(0, 4)),
        min_size=0,
        max_size=4,
    )
)
def test_aggregate_is_homomorphic(items: list[tuple[int, int, int]]) -> None:
    total = v.aggregate([(v.encrypt(K, s, xi), w) for s, xi, w in items])
    value = sum(w * s for s, _, w in items)
    nonce = sum(w * xi for _, xi, w in items) % L
    assert total.alpha == base_mul(nonce)
    assert v.dlog(v.sub(total.beta, mul(nonce, K)), K, 3 * 4 * 4) == value


def test_aggregate_rejects_negative_weights() -> None:
    with pytest.raises(ValueError):
        v.aggregate([(v.encrypt(K, 1, 2), -1)])


def test_decrypt_with_nonce_round_trip(ballot: v.EncryptedBallot) -> None:
    assert v.decrypt_with_nonce(H_E, K, MANIFEST, ballot, xi_b(0)) == [list(r) for r in VOTES]
    assert v.decrypt_with_nonce(H_E, K, MANIFEST, ballot, xi_b(1)) is None
    assert v.decrypt_with_nonce(H_E, K, MANIFEST[:2], ballot, xi_b(0)) is None
    assert v.decrypt_with_nonce(H_E, K, MANIFEST, flip(ballot, 1, 3), xi_b(0)) is None


@settings(max_examples=10, deadline=None)
@given(
    votes=st.tuples(
        st.tuples(st.integers(0, 1), st.integers(0, 1)).filter(lambda r: sum(r) <= 1),
        st.tuples(st.integers(0, 2), st.integers(0, 1)).filter(lambda r: sum(r) <= 2),
        st.tuples(st.integers(0, 1), st.integers(0, 1), st.integers(0, 1)).filter(
            lambda r: r[1] + 2 * r[2] <= 3
        ),
    ),
    seed=st.integers(0, 2**32 - 1),
)
def test_random_ballots_round_trip(votes: tuple[tuple[int, ...], ...], seed: int) -> None:
    b = v.encrypt_ballot(H_E, K, MANIFEST, votes, xi_b(seed), CHAIN)
    assert v.verify_ballot(H_E, K, MANIFEST, b, CHAIN)
    assert v.decrypt_with_nonce(H_E, K, MANIFEST, b, xi_b(seed)) == [list(r) for r in votes]


@pytest.mark.parametrize(
    "votes",
    [
        ((1, 1), (0, 0), (0, 0, 0)),  # over the limit of contest 0
        ((0, 0), (2, 1), (0, 0, 0)),  # over the limit of contest 1
        ((0, 0), (3, 0), (0, 0, 0)),  # above R = 2
        ((0, 2), (0, 0), (0, 0, 0)),  # above R = 1
        ((-1, 0), (0, 0), (0, 0, 0)),  # negative
        ((0, 0), (0, 0), (1, 0, 2)),  # above R = 1 in the budgeted contest
        ((0,), (0, 0), (0, 0, 0)),  # wrong shape
        ((0, 0), (0, 0)),  # wrong shape
    ],
)
def test_bad_votes_raise(votes: tuple[tuple[int, ...], ...]) -> None:
    with pytest.raises(ValueError):
        v.encrypt_ballot(H_E, K, MANIFEST, votes, xi_b(0), CHAIN)


@pytest.mark.parametrize("budget", [1, 4, 5, 8])
def test_spend_equal_to_budget_passes_and_one_more_raises(budget: int) -> None:
    # Costs (1, 3); votes (a, b) with a + 3b == budget exactly.
    spec = v.ContestSpec(limit=10, maxima=(8, 2), costs=(1, 3), budget=budget)
    b_votes = min(2, budget // 3)
    exact = (budget - 3 * b_votes, b_votes)
    ballot = v.encrypt_ballot(H_E, K, [spec], [exact], xi_b(4), CHAIN)
    assert v.verify_ballot(H_E, K, [spec], ballot, CHAIN)
    assert ballot.contests[0].budget is not None
    assert len(ballot.contests[0].budget.bits) == budget.bit_length()
    with pytest.raises(ValueError):
        v.encrypt_ballot(H_E, K, [spec], [(exact[0] + 1, exact[1])], xi_b(4), CHAIN)
    # The same ballot does not verify under a budget one lower.
    lower = dataclasses.replace(spec, budget=budget - 1)
    assert not v.verify_ballot(H_E, K, [lower], ballot, CHAIN)


def test_budget_zero_with_zero_spend() -> None:
    spec = v.ContestSpec(limit=2, maxima=(1, 1), costs=(0, 5), budget=0)
    ballot = v.encrypt_ballot(H_E, K, [spec], [(1, 0)], xi_b(5), CHAIN)
    assert v.verify_ballot(H_E, K, [spec], ballot, CHAIN)
    assert ballot.contests[0].budget is not None and len(ballot.contests[0].budget.bits) == 1
    assert v.decrypt_with_nonce(H_E, K, [spec], ballot, xi_b(5)) == [[1, 0]]
    with pytest.raises(ValueError):
        v.encrypt_ballot(H_E, K, [spec], [(0, 1)], xi_b(5), CHAIN)


def test_budget_bits_encrypt_the_slack() -> None:
    # D = B - S = 6 - 1 = 5 = 0b101 over m = 3 bits.
    spec = v.ContestSpec(limit=1, maxima=(1,), costs=(1,), budget=6)
    ballot = v.encrypt_ballot(H_E, K, [spec], [(1,)], xi_b(6), CHAIN)
    budget = ballot.contests[0].budget
    assert budget is not None
    for k, (bit, d_k) in enumerate(zip(budget.bits, (1, 0, 1), strict=True)):
        rho = v.derive_nonce(H_E, xi_b(6), 0x04, 0, k, 0)
        assert bit.ciphertext == v.encrypt(K, d_k, rho)
    assert v.verify_ballot(H_E, K, [spec], ballot, CHAIN)


def test_empty_ballot_and_bad_inputs() -> None:
    ballot = v.encrypt_ballot(H_E, K, [], [], xi_b(7), CHAIN)
    assert v.verify_ballot(H_E, K, [], ballot, CHAIN)
    with pytest.raises(ValueError):
        v.encrypt_ballot(H_E, K, [], [], b"short", CHAIN)
    with pytest.raises(ValueError):
        v.encrypt_ballot(H_E, IDENTITY, [], [], xi_b(7), CHAIN)
    for spec in (
        v.ContestSpec(limit=0, maxima=(1,)),
        v.ContestSpec(limit=1, maxima=(0,)),
        v.ContestSpec(limit=1, maxima=(1,), budget=3),  # a budget needs costs
        v.ContestSpec(limit=1, maxima=(1, 1), costs=(1,), budget=3),
        v.ContestSpec(limit=1, maxima=(1,), costs=(-1,), budget=3),
        v.ContestSpec(limit=1, maxima=(1,), costs=(1,), budget=-1),
    ):
        with pytest.raises(ValueError):
            v.encrypt_ballot(H_E, K, [spec], [(0,) * len(spec.maxima)], xi_b(7), CHAIN)
    plain = v.ContestSpec(limit=1, maxima=(1,))
    one = v.encrypt_ballot(H_E, K, [plain], [(1,)], xi_b(7), CHAIN)
    assert v.verify_ballot(H_E, K, [plain], one, CHAIN)
    assert v.decrypt_with_nonce(H_E, K, [plain], one, xi_b(7)) == [[1]]
    with_budget = dataclasses.replace(plain, budget=3)
    assert not v.verify_ballot(H_E, K, [with_budget], one, CHAIN)
    assert v.decrypt_with_nonce(H_E, K, [with_budget], one, xi_b(7)) is None


def test_nonces_are_the_spec_hmacs(ballot: v.EncryptedBallot) -> None:
    import hmac

    def ch(data: bytes) -> int:
        return int.from_bytes(hmac.new(H_E, data, hashlib.sha256).digest(), "little") % L

    def u32(x: int) -> bytes:
        return x.to_bytes(4, "big")

    assert v.selection_nonce(H_E, xi_b(0), 1, 0) == ch(b"\x20" + xi_b(0) + u32(1) + u32(0))
    # Selection (1, 0) encrypts 2 with R = 2: branches 0, 1 are simulated from nonce(C|V, 1, 0, j).
    proof = ballot.contests[1].selections[0].proof
    for j in (0, 1):
        for tag, got in ((2, proof[j][0]), (3, proof[j][1])):
            want = ch(b"\x22" + xi_b(0) + bytes([tag]) + u32(1) + u32(0) + u32(j))
            assert int.from_bytes(got, "little") == want
    # The limit proof of contest 0 (sum 1, R = 1) simulates branch 0 at index (0, 0xFFFFFFFF).
    c0, v0 = ballot.contests[0].proof[0]
    assert int.from_bytes(c0, "little") == ch(
        b"\x22" + xi_b(0) + b"\x02" + u32(0) + b"\xff" * 4 + u32(0)
    )
    assert int.from_bytes(v0, "little") == ch(
        b"\x22" + xi_b(0) + b"\x03" + u32(0) + b"\xff" * 4 + u32(0)
    )
