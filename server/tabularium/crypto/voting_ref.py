"""A small, obviously-correct Python reference of ``core_ext/voting`` (ballot cryptography v1,
ElectionGuard-style over ristretto255, ``core_ext/voting/SPEC.md``): scalars as Python integers
mod l, points through libsodium's ristretto255 (``rbcl``), the same statements, nonces and
domain bytes. The Rust crate must match it byte for byte on equal inputs. Tally partial
decryption is the threshold Chaum-Pedersen of ``threshold_ref``."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass

import rbcl  # type: ignore[import-untyped]

from tabularium.crypto.threshold_ref import IDENTITY, L, add, base_mul, dec, enc, mul
from tabularium.crypto.threshold_ref import h as ch

SELECTION_NONCE, RANGE_CHALLENGE, NONCE = 0x20, 0x21, 0x22
CONTEST_HASH, BALLOT_CODE, LINK_CHALLENGE = 0x23, 0x24, 0x25
TAG_U, TAG_C, TAG_V, TAG_RHO, TAG_W = 0x01, 0x02, 0x03, 0x04, 0x05
LIMIT_INDEX = 0xFFFFFFFF
BIT_INDEX = 0xFFFFFFFE  # budget bit k of a contest uses nonce index b = BIT_INDEX - k


@dataclass(frozen=True)
class ContestSpec:
    limit: int  # L_i >= 1
    maxima: tuple[int, ...]  # R_{i,j} >= 1 per selection
    costs: tuple[int, ...] = ()  # empty: no budget
    budget: int = 0


Proof = tuple[tuple[bytes, bytes], ...]  # ((c_0, v_0), ..., (c_R, v_R)), 32-byte scalars


@dataclass(frozen=True)
class Ciphertext:
    alpha: bytes
    beta: bytes


@dataclass(frozen=True)
class EncryptedSelection:
    ciphertext: Ciphertext
    proof: Proof


@dataclass(frozen=True)
class BudgetProof:
    bits: tuple[EncryptedSelection, ...]
    link: tuple[bytes, bytes]


@dataclass(frozen=True)
class EncryptedContest:
    selections: tuple[EncryptedSelection, ...]
    proof: Proof
    budget: BudgetProof | None


@dataclass(frozen=True)
class EncryptedBallot:
    contests: tuple[EncryptedContest, ...]
    code: bytes


# ---------------------------------------------------------------- encodings and group helpers


def u32(x: int) -> bytes:
    return x.to_bytes(4, "big")


def sub(p: bytes, q: bytes) -> bytes:
    out: bytes = rbcl.crypto_core_ristretto255_sub(p, q)
    return out


def neg(p: bytes) -> bytes:
    return sub(IDENTITY, p)


def is_point(p: object) -> bool:
    return (
        isinstance(p, bytes)
        and len(p) == 32
        and bool(rbcl.crypto_core_ristretto255_is_valid_point(p))
    )


def is_scalar(s: object) -> bool:
    return isinstance(s, bytes) and len(s) == 32 and dec(s) < L


def _is_bytes32(x: object) -> bool:
    return isinstance(x, bytes) and len(x) == 32


def _need32(name: str, x: bytes) -> None:
    # Ambiguity: H_E, xi_B and B_C are "32 bytes" in the spec; other lengths are refused.
    if not _is_bytes32(x):
        raise ValueError(f"{name} must be 32 bytes")


def _hmac(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest()


def _ct_add(x: Ciphertext, y: Ciphertext) -> Ciphertext:
    return Ciphertext(add(x.alpha, y.alpha), add(x.beta, y.beta))


def _ct_sub(x: Ciphertext, y: Ciphertext) -> Ciphertext:
    return Ciphertext(sub(x.alpha, y.alpha), sub(x.beta, y.beta))


def _ct_mul(w: int, x: Ciphertext) -> Ciphertext:
    return Ciphertext(mul(w, x.alpha), mul(w, x.beta))


ZERO = Ciphertext(IDENTITY, IDENTITY)


# ---------------------------------------------------------------- nonces


def derive_nonce(h_e: bytes, ballot_nonce: bytes, tag: int, a: int, b: int, c: int) -> int:
    """nonce(tag, a, b, c) of the spec."""
    return ch(h_e, NONCE, ballot_nonce, bytes([tag]), u32(a), u32(b), u32(c))


def selection_nonce(h_e: bytes, ballot_nonce: bytes, i: int, j: int) -> int:
    _need32("H_E", h_e)
    _need32("ballot nonce", ballot_nonce)
    return ch(h_e, SELECTION_NONCE, ballot_nonce, u32(i), u32(j))


# ---------------------------------------------------------------- encryption and range proofs


def encrypt(key: bytes, value: int, nonce: int) -> Ciphertext:
    return Ciphertext(base_mul(nonce), mul(value + nonce, key))


def _commitments(key: bytes, ct: Ciphertext, j: int, c: int, v: int) -> tuple[bytes, bytes]:
    """A_j = v*G + c*alpha, B_j = v*K + c*(beta - j*K)."""
    big_a = add(base_mul(v), mul(c, ct.alpha))
    big_b = add(mul(v, key), mul(c, sub(ct.beta, mul(j, key))))
    return big_a, big_b


def _range_challenge(h_e: bytes, key: bytes, ct: Ciphertext, pairs: list[bytes]) -> int:
    return ch(h_e, RANGE_CHALLENGE, key, ct.alpha, ct.beta, *pairs)


def range_proof(
    h_e: bytes,
    key: bytes,
    ct: Ciphertext,
    value: int,
    nonce: int,
    limit: int,
    ballot_nonce: bytes,
    a: int,
    b: int,
) -> Proof:
    """Disjunctive Chaum-Pedersen proof that ``ct`` encrypts some sigma in [0, limit]."""
    _need32("H_E", h_e)
    _need32("ballot nonce", ballot_nonce)
    if not 0 <= value <= limit:
        raise ValueError("value out of range")
    # Ambiguity: the spec does not ask the prover to check ct == encrypt(key, value, nonce).
    cs: list[int] = [0] * (limit + 1)
    vs: list[int] = [0] * (limit + 1)
    commits: list[bytes] = []
    u = derive_nonce(h_e, ballot_nonce, TAG_U, a, b, value)
    for j in range(limit + 1):
        if j == value:
            commits += [base_mul(u), mul(u, key)]
        else:
            cs[j] = derive_nonce(h_e, ballot_nonce, TAG_C, a, b, j)
            vs[j] = derive_nonce(h_e, ballot_nonce, TAG_V, a, b, j)
            commits += _commitments(key, ct, j, cs[j], vs[j])
    c = _range_challenge(h_e, key, ct, commits)
    cs[value] = (c - sum(cs[j] for j in range(limit + 1) if j != value)) % L
    vs[value] = (u - cs[value] * nonce) % L
    return tuple((enc(cj), enc(vj)) for cj, vj in zip(cs, vs, strict=True))


def _well_formed_proof(proof: object, limit: int) -> bool:
    return (
        isinstance(proof, tuple)
        and len(proof) == limit + 1
        and all(
            isinstance(pair, tuple) and len(pair) == 2 and is_scalar(pair[0]) and is_scalar(pair[1])
            for pair in proof
        )
    )


def _well_formed_ct(ct: object) -> bool:
    # alpha = xi*G is never the identity for an honest nonce: refused, as in the Rust crate.
    return (
        isinstance(ct, Ciphertext)
        and is_point(ct.alpha)
        and ct.alpha != IDENTITY
        and is_point(ct.beta)
    )


def _is_key(key: object) -> bool:
    # Ambiguity: K is "a point, not the identity": an identity key is refused everywhere.
    return is_point(key) and key != IDENTITY


def verify_range(h_e: bytes, key: bytes, ct: Ciphertext, proof: Proof, limit: int) -> bool:
    if not (_is_bytes32(h_e) and _is_key(key) and _well_formed_ct(ct)):
        return False
    if not (isinstance(limit, int) and limit >= 0 and _well_formed_proof(proof, limit)):
        return False
    commits: list[bytes] = []
    total = 0
    for j, (c_bytes, v_bytes) in enumerate(proof):
        c, v = dec(c_bytes), dec(v_bytes)
        commits += _commitments(key, ct, j, c, v)
        total += c
    return total % L == _range_challenge(h_e, key, ct, commits)


# ---------------------------------------------------------------- budget proof


def _budget_bits(budget: int) -> int:
    return max(1, budget.bit_length())


def _cost_ciphertext(costs: Sequence[int], cts: Sequence[Ciphertext]) -> Ciphertext:
    total = ZERO
    for cost, ct in zip(costs, cts, strict=True):
        total = _ct_add(total, _ct_mul(cost, ct))
    return total


def _delta(key: bytes, budget: int, c: Ciphertext, bits: Sequence[Ciphertext]) -> Ciphertext:
    """Delta = C_D - sum_k 2^k E_k with C_D = (-C.alpha, B*K - C.beta)."""
    delta = Ciphertext(neg(c.alpha), sub(mul(budget, key), c.beta))
    for k, e in enumerate(bits):
        delta = _ct_sub(delta, _ct_mul(2**k, e))
    return delta


def _link_challenge(h_e: bytes, key: bytes, delta: Ciphertext, a: bytes, bp: bytes) -> int:
    return ch(h_e, LINK_CHALLENGE, key, delta.alpha, delta.beta, a, bp)


def _budget_proof(
    h_e: bytes,
    key: bytes,
    ballot_nonce: bytes,
    i: int,
    spec: ContestSpec,
    cts: Sequence[Ciphertext],
    values: Sequence[int],
    nonces: Sequence[int],
) -> BudgetProof:
    spend = sum(cost * v for cost, v in zip(spec.costs, values, strict=True))
    xi_c = sum(cost * x for cost, x in zip(spec.costs, nonces, strict=True)) % L
    d = spec.budget - spend
    bits: list[EncryptedSelection] = []
    rhos: list[int] = []
    for k in range(_budget_bits(spec.budget)):
        d_k = (d >> k) & 1
        rho = derive_nonce(h_e, ballot_nonce, TAG_RHO, i, k, 0)
        e = encrypt(key, d_k, rho)
        proof = range_proof(h_e, key, e, d_k, rho, 1, ballot_nonce, i, BIT_INDEX - k)
        bits.append(EncryptedSelection(e, proof))
        rhos.append(rho)
    delta = _delta(
        key, spec.budget, _cost_ciphertext(spec.costs, cts), [s.ciphertext for s in bits]
    )
    nu = (-xi_c - sum(2**k * rho for k, rho in enumerate(rhos))) % L
    w = derive_nonce(h_e, ballot_nonce, TAG_W, i, 0, 0)
    c = _link_challenge(h_e, key, delta, base_mul(w), mul(w, key))
    return BudgetProof(tuple(bits), (enc(c), enc(w - c * nu)))


def _verify_budget(
    h_e: bytes, key: bytes, spec: ContestSpec, cts: Sequence[Ciphertext], proof: object
) -> bool:
    if not isinstance(proof, BudgetProof) or not isinstance(proof.bits, tuple):
        return False
    if len(proof.bits) != _budget_bits(spec.budget):
        return False
    for bit in proof.bits:
        if not isinstance(bit, EncryptedSelection):
            return False
        if not verify_range(h_e, key, bit.ciphertext, bit.proof, 1):
            return False
    link = proof.link
    if not (isinstance(link, tuple) and len(link) == 2 and all(is_scalar(s) for s in link)):
        return False
    c, v = dec(link[0]), dec(link[1])
    c_cost = _cost_ciphertext(spec.costs, cts)
    delta = _delta(key, spec.budget, c_cost, [bit.ciphertext for bit in proof.bits])
    a = add(base_mul(v), mul(c, delta.alpha))
    bp = add(mul(v, key), mul(c, delta.beta))
    return c == _link_challenge(h_e, key, delta, a, bp)


# ---------------------------------------------------------------- ballots


def _has_budget(spec: ContestSpec) -> bool:
    return len(spec.costs) > 0


def _valid_spec(spec: object) -> bool:
    # Ambiguity: the spec sets no upper bounds and no minimum number of selections; none here.
    if not isinstance(spec, ContestSpec):
        return False
    if not (isinstance(spec.limit, int) and spec.limit >= 1):
        return False
    if not (isinstance(spec.maxima, tuple) and all(isinstance(r, int) for r in spec.maxima)):
        return False
    if not all(r >= 1 for r in spec.maxima):
        return False
    if not (isinstance(spec.costs, tuple) and all(isinstance(x, int) for x in spec.costs)):
        return False
    if not (isinstance(spec.budget, int) and spec.budget >= 0):
        return False
    # Ambiguity: "budget present iff costs given" is a rule: a budget without costs is malformed.
    if not _has_budget(spec):
        return spec.budget == 0
    return len(spec.costs) == len(spec.maxima) and all(x >= 0 for x in spec.costs)


def _contest_hash(h_e: bytes, key: bytes, i: int, cts: Sequence[Ciphertext]) -> bytes:
    body = b"".join(ct.alpha + ct.beta for ct in cts)
    return _hmac(h_e, bytes([CONTEST_HASH]) + u32(i) + key + body)


def confirmation_code(
    h_e: bytes, key: bytes, contests: Sequence[Sequence[Ciphertext]], chaining: bytes
) -> bytes:
    _need32("H_E", h_e)
    _need32("chaining value", chaining)
    chis = b"".join(_contest_hash(h_e, key, i, cts) for i, cts in enumerate(contests))
    return _hmac(h_e, bytes([BALLOT_CODE]) + chis + chaining)


def _sum(cts: Sequence[Ciphertext]) -> Ciphertext:
    total = ZERO
    for ct in cts:
        total = _ct_add(total, ct)
    return total


def _check_votes(manifest: Sequence[ContestSpec], votes: Sequence[Sequence[int]]) -> None:
    if len(votes) != len(manifest):
        raise ValueError("votes do not match the manifest's contests")
    for spec, row in zip(manifest, votes, strict=True):
        if not _valid_spec(spec):
            raise ValueError("malformed contest in the manifest")
        if len(row) != len(spec.maxima):
            raise ValueError("votes do not match the contest's selections")
        for sigma, r in zip(row, spec.maxima, strict=True):
            if not (isinstance(sigma, int) and 0 <= sigma <= r):
                raise ValueError("vote out of range")
        if sum(row) > spec.limit:
            raise ValueError("over the contest limit")
        spend = sum(x * s for x, s in zip(spec.costs, row, strict=False))
        if _has_budget(spec) and spend > spec.budget:
            raise ValueError("over the contest budget")


def encrypt_ballot(
    h_e: bytes,
    key: bytes,
    manifest: Sequence[ContestSpec],
    votes: Sequence[Sequence[int]],
    ballot_nonce: bytes,
    chaining: bytes,
) -> EncryptedBallot:
    _need32("H_E", h_e)
    _need32("ballot nonce", ballot_nonce)
    _need32("chaining value", chaining)
    if not _is_key(key):
        raise ValueError("the election key must be a valid point, not the identity")
    _check_votes(manifest, votes)
    contests: list[EncryptedContest] = []
    for i, (spec, row) in enumerate(zip(manifest, votes, strict=True)):
        nonces = [selection_nonce(h_e, ballot_nonce, i, j) for j in range(len(row))]
        cts = [encrypt(key, sigma, xi) for sigma, xi in zip(row, nonces, strict=True)]
        selections = tuple(
            EncryptedSelection(ct, range_proof(h_e, key, ct, s, xi, r, ballot_nonce, i, j))
            for j, (ct, s, xi, r) in enumerate(zip(cts, row, nonces, spec.maxima, strict=True))
        )
        total, total_nonce = _sum(cts), sum(nonces) % L
        proof = range_proof(
            h_e, key, total, sum(row), total_nonce, spec.limit, ballot_nonce, i, LIMIT_INDEX
        )
        budget = None
        if _has_budget(spec):
            budget = _budget_proof(h_e, key, ballot_nonce, i, spec, cts, row, nonces)
        contests.append(EncryptedContest(selections, proof, budget))
    code = confirmation_code(
        h_e, key, [[s.ciphertext for s in c.selections] for c in contests], chaining
    )
    return EncryptedBallot(tuple(contests), code)


def _well_formed_shape(manifest: Sequence[ContestSpec], ballot: object) -> bool:
    if not (isinstance(ballot, EncryptedBallot) and isinstance(ballot.contests, tuple)):
        return False
    if len(ballot.contests) != len(manifest):
        return False
    for spec, contest in zip(manifest, ballot.contests, strict=True):
        if not (_valid_spec(spec) and isinstance(contest, EncryptedContest)):
            return False
        if not isinstance(contest.selections, tuple):
            return False
        if len(contest.selections) != len(spec.maxima):
            return False
        if not all(isinstance(s, EncryptedSelection) for s in contest.selections):
            return False
        if (contest.budget is not None) != _has_budget(spec):
            return False
    return True


def verify_ballot(
    h_e: bytes,
    key: bytes,
    manifest: Sequence[ContestSpec],
    ballot: EncryptedBallot,
    chaining: bytes,
) -> bool:
    if not (_is_bytes32(h_e) and _is_bytes32(chaining) and _is_key(key)):
        return False
    if not _well_formed_shape(manifest, ballot):
        return False
    for spec, contest in zip(manifest, ballot.contests, strict=True):
        for sel, r in zip(contest.selections, spec.maxima, strict=True):
            if not verify_range(h_e, key, sel.ciphertext, sel.proof, r):
                return False
        cts = [sel.ciphertext for sel in contest.selections]
        if not verify_range(h_e, key, _sum(cts), contest.proof, spec.limit):
            return False
        if _has_budget(spec) and not _verify_budget(h_e, key, spec, cts, contest.budget):
            return False
    contests = [[s.ciphertext for s in c.selections] for c in ballot.contests]
    return ballot.code == confirmation_code(h_e, key, contests, chaining)


def decrypt_with_nonce(
    h_e: bytes,
    key: bytes,
    manifest: Sequence[ContestSpec],
    ballot: EncryptedBallot,
    ballot_nonce: bytes,
) -> list[list[int]] | None:
    """A challenged ballot: each selection must be (xi*G, (sigma + xi)*K) with the recomputed
    xi and some sigma in [0, R]. The proofs and the code are not checked here."""
    if not (_is_bytes32(h_e) and _is_bytes32(ballot_nonce) and _is_key(key)):
        return None
    if not _well_formed_shape(manifest, ballot):
        return None
    out: list[list[int]] = []
    for i, (spec, contest) in enumerate(zip(manifest, ballot.contests, strict=True)):
        row: list[int] = []
        for j, (sel, r) in enumerate(zip(contest.selections, spec.maxima, strict=True)):
            if not _well_formed_ct(sel.ciphertext):
                return None
            xi = selection_nonce(h_e, ballot_nonce, i, j)
            if sel.ciphertext.alpha != base_mul(xi):
                return None
            sigma = next((s for s in range(r + 1) if sel.ciphertext.beta == mul(s + xi, key)), None)
            if sigma is None:
                return None
            row.append(sigma)
        out.append(row)
    return out


# ---------------------------------------------------------------- tally helpers


def aggregate(ciphertexts: Sequence[tuple[Ciphertext, int]]) -> Ciphertext:
    total = ZERO
    for ct, w in ciphertexts:
        if w < 0:
            raise ValueError("weights must be >= 0")
        if not _well_formed_ct(ct):
            raise ValueError("malformed ciphertext")
        total = _ct_add(total, _ct_mul(w, ct))
    return total


def dlog(point: bytes, key: bytes, maximum: int) -> int | None:
    acc = IDENTITY
    for t in range(maximum + 1):
        if acc == point:
            return t
        acc = add(acc, key)
    return None
