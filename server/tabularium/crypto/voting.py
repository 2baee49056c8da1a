"""Ballot cryptography, ElectionGuard-style over ristretto255 (the ``voting`` crate): exponential
ElGamal selections ``(xi*G, (sigma + xi)*K)`` to the guardians' joint key K, a disjunctive
Chaum-Pedersen proof that each selection is in ``[0, R]`` and each contest's sum within its
limit, a participatory budget's proof that ``sum(cost*sigma) <= B`` by bit decomposition, a
confirmation code chained to the previous one, weighted sums and their discrete logarithm.

Not ElectionGuard 2.0 compliant: the group is ristretto255, nonces and proof nonces derive from
one 32-byte ballot nonce (so a challenged ballot is reproducible from it), selections are named
by position. Every challenge is HMAC-SHA-256 keyed by the election's extended base hash H_E,
over a domain byte and the full statement, mod l. Points and scalars are 32-byte ``bytes``.
The work runs in Rust with the GIL released; :func:`verify_ballots` checks a batch in parallel.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tabularium import _core
from tabularium.crypto import merkle

__all__ = [
    "BudgetProof",
    "Ciphertext",
    "ContestSpec",
    "EncryptedBallot",
    "EncryptedContest",
    "EncryptedSelection",
    "Proof",
    "Refusal",
    "WeightProof",
    "aggregate",
    "ballot_nonce",
    "decrypt_totals",
    "decrypt_with_nonce",
    "dlog",
    "encrypt_ballot",
    "verify_ballot",
    "verify_ballots",
    "verify_weight",
    "weight_leaf",
    "weight_proof",
    "weight_register",
]


@dataclass(frozen=True, slots=True)
class ContestSpec:
    """A contest: at most ``limit`` votes in all, at most ``maxima[j]`` for selection j; with
    ``costs``, a participatory budget: ``sum(costs[j] * votes[j]) <= budget``."""

    limit: int
    maxima: tuple[int, ...]
    costs: tuple[int, ...] = ()
    budget: int = 0


# ((c_0, v_0), ..., (c_R, v_R)): one pair per value the selection may take.
Proof = tuple[tuple[bytes, bytes], ...]


@dataclass(frozen=True, slots=True)
class Ciphertext:
    alpha: bytes
    beta: bytes


@dataclass(frozen=True, slots=True)
class EncryptedSelection:
    ciphertext: Ciphertext
    proof: Proof


@dataclass(frozen=True, slots=True)
class BudgetProof:
    """The bits of ``budget - spend``, each proved 0 or 1, and the proof linking them to it."""

    bits: tuple[EncryptedSelection, ...]
    link: tuple[bytes, bytes]


@dataclass(frozen=True, slots=True)
class EncryptedContest:
    selections: tuple[EncryptedSelection, ...]
    proof: Proof
    budget: BudgetProof | None


@dataclass(frozen=True, slots=True)
class EncryptedBallot:
    contests: tuple[EncryptedContest, ...]
    code: bytes


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a ballot does not verify: INVALID_GROUP_ELEMENT, INVALID_PROOF, MALFORMED or
    CODE_MISMATCH, with a message naming the part."""

    reason: str
    message: str


def ballot_nonce() -> bytes:
    """A fresh 32-byte ballot nonce (secret until the ballot is challenged)."""
    return secrets.token_bytes(32)


def _manifest(manifest: Sequence[ContestSpec]) -> list[tuple[int, list[int], list[int], int]]:
    return [(c.limit, list(c.maxima), list(c.costs), c.budget) for c in manifest]


def _proof(raw: Sequence[tuple[bytes, bytes]]) -> Proof:
    return tuple((c, v) for c, v in raw)


def _selection(raw: tuple[bytes, bytes, list[tuple[bytes, bytes]]]) -> EncryptedSelection:
    return EncryptedSelection(Ciphertext(raw[0], raw[1]), _proof(raw[2]))


def _from_core(raw: Any) -> EncryptedBallot:
    contests = []
    for selections, proof, budget in raw[0]:
        contests.append(
            EncryptedContest(
                tuple(_selection(s) for s in selections),
                _proof(proof),
                None
                if budget is None
                else BudgetProof(tuple(_selection(b) for b in budget[0]), budget[1]),
            )
        )
    return EncryptedBallot(tuple(contests), raw[1])


def _wire(s: EncryptedSelection) -> tuple[bytes, bytes, tuple[tuple[bytes, bytes], ...]]:
    return (s.ciphertext.alpha, s.ciphertext.beta, s.proof)


def _to_core(ballot: EncryptedBallot) -> tuple[object, bytes]:
    contests = tuple(
        (
            tuple(_wire(s) for s in c.selections),
            c.proof,
            None if c.budget is None else (tuple(_wire(b) for b in c.budget.bits), c.budget.link),
        )
        for c in ballot.contests
    )
    return (contests, ballot.code)


def encrypt_ballot(
    h_e: bytes,
    key: bytes,
    manifest: Sequence[ContestSpec],
    votes: Sequence[Sequence[int]],
    nonce: bytes,
    chaining: bytes,
) -> EncryptedBallot:
    """Encrypt ``votes`` (one row per contest) with every proof; all nonces derive from
    ``nonce``. Raises ValueError for votes out of range, over a limit or over a budget."""
    rows = [list(row) for row in votes]
    if any(v < 0 for row in rows for v in row):
        raise ValueError("votes are non-negative")
    raw = _core.voting_encrypt_ballot(h_e, key, _manifest(manifest), rows, nonce, chaining)
    return _from_core(raw)


def verify_ballots(
    h_e: bytes,
    key: bytes,
    manifest: Sequence[ContestSpec],
    ballots: Sequence[tuple[EncryptedBallot, bytes]],
) -> list[Refusal | None]:
    """Check ``(ballot, chaining)`` pairs in parallel: None for a valid ballot, else why not."""
    results = _core.voting_verify_ballots(
        h_e, key, _manifest(manifest), [(_to_core(b), chaining) for b, chaining in ballots]
    )
    return [None if r is None else Refusal(r[0], r[1]) for r in results]


def verify_ballot(
    h_e: bytes,
    key: bytes,
    manifest: Sequence[ContestSpec],
    ballot: EncryptedBallot,
    chaining: bytes,
) -> Refusal | None:
    return verify_ballots(h_e, key, manifest, [(ballot, chaining)])[0]


def decrypt_with_nonce(
    h_e: bytes,
    key: bytes,
    manifest: Sequence[ContestSpec],
    ballot: EncryptedBallot,
    nonce: bytes,
) -> list[list[int]] | None:
    """A challenged ballot's votes, from its revealed nonce; None if the nonce does not make
    this ballot's ciphertexts."""
    return _core.voting_decrypt_with_nonce(h_e, key, _manifest(manifest), _to_core(ballot), nonce)


def aggregate(items: Sequence[tuple[Ciphertext, int]]) -> Ciphertext:
    """The weighted sum ``(sum w*alpha, sum w*beta)``; weights are non-negative integers."""
    alpha, beta = _core.voting_aggregate([(ct.alpha, ct.beta, w) for ct, w in items])
    return Ciphertext(alpha, beta)


def dlog(point: bytes, key: bytes, maximum: int) -> int | None:
    """The t in ``[0, maximum]`` with ``t*K == point`` (baby-step giant-step), or None."""
    return _core.voting_dlog(point, key, maximum)


def decrypt_totals(
    items: Sequence[tuple[bytes, bytes]], key: bytes, maximum: int
) -> list[int | None]:
    """Each tallied total from ``(beta, shared)`` pairs, ``shared`` the guardians' combined
    decryption ``s*alpha`` of the tally ciphertext: the t in ``[0, maximum]`` with
    ``t*K == beta - shared``, or None beyond (DLOG_OUT_OF_RANGE)."""
    return _core.voting_decrypt_totals([(b, m) for b, m in items], key, maximum)


# ----- weights: the record-date register as an RFC 9162 Merkle tree ----------------------------

WEIGHT_LEAF_LABEL = b"tabularium/voting/weight/v1\x00"
MAX_WEIGHT = (1 << 63) - 1


@dataclass(frozen=True, slots=True)
class WeightProof:
    """Where a (credential key, weight) leaf sits in the register, and its inclusion path."""

    index: int
    size: int
    path: tuple[bytes, ...]


def weight_leaf(credential_key: bytes, weight: int) -> bytes:
    """A register leaf: label, the 32-byte credential key, the weight as u64 big-endian."""
    if len(credential_key) != 32:
        raise ValueError("a credential key is 32 bytes")
    if not 0 < weight <= MAX_WEIGHT:
        raise ValueError(f"a weight is 1 to {MAX_WEIGHT}")
    return WEIGHT_LEAF_LABEL + credential_key + weight.to_bytes(8, "big")


def _register_leaves(entries: Sequence[tuple[bytes, int]]) -> list[bytes]:
    ordered = sorted(entries)
    keys = [k for k, _ in ordered]
    if len(set(keys)) != len(keys):
        raise ValueError("a credential key appears twice in the register")
    return [weight_leaf(k, w) for k, w in ordered]


def weight_register(entries: Sequence[tuple[bytes, int]]) -> bytes:
    """The register's root: leaves ordered by credential key (so it does not depend on the
    order entries are given in); refuses a key listed twice."""
    return merkle.root(_register_leaves(entries))


def weight_proof(entries: Sequence[tuple[bytes, int]], credential_key: bytes) -> WeightProof:
    """The inclusion proof of ``credential_key``'s leaf; ValueError if it is not registered."""
    leaves = _register_leaves(entries)
    keys = sorted(k for k, _ in entries)
    if credential_key not in keys:
        raise ValueError("this credential key is not in the register")
    index = keys.index(credential_key)
    return WeightProof(index, len(leaves), tuple(merkle.inclusion_proof(leaves, index)))


def verify_weight(root: bytes, credential_key: bytes, weight: int, proof: WeightProof) -> None:
    """Check that (credential key, weight) is a leaf of the register with ``root``.

    Raises:
        tabularium.errors.InvalidProof: it is not (a forged weight, another key, a bad path).
        ValueError: the key or weight is malformed.
    """
    leaf = merkle.leaf_hash(weight_leaf(credential_key, weight))
    merkle.verify_inclusion(leaf, proof.index, proof.size, list(proof.path), root)
