"""Type stubs of the private extension ``tabularium._core`` (built from ``core_ext/``).

Only ``tabularium.crypto`` imports it; see the wrappers there for documentation.
Checked against the binary by ``python -m mypy.stubtest tabularium._core``.
"""

from collections.abc import Iterable

__all__ = [
    "TXCODEC_REASONS",
    "__version__",
    "append",
    "build_info",
    "consistency_proof",
    "consistency_proof_plan",
    "ed25519_verify",
    "ed25519_verify_batch",
    "fold_groups",
    "inclusion_proof",
    "inclusion_proof_plan",
    "leaf_hash",
    "leaf_hashes",
    "node_hash",
    "range_nodes",
    "root",
    "root_from_frontier",
    "threshold_challenge",
    "threshold_chaum_pedersen_prove",
    "threshold_chaum_pedersen_verify",
    "threshold_combine",
    "threshold_commitments",
    "threshold_elgamal_decrypt",
    "threshold_elgamal_encrypt",
    "threshold_elgamal_open",
    "threshold_is_key",
    "threshold_joint_share_commitment",
    "threshold_lagrange",
    "threshold_prove_commitments",
    "threshold_schnorr_prove",
    "threshold_schnorr_verify",
    "threshold_share",
    "threshold_verify_commitments",
    "threshold_verify_share",
    "tx_decode_batch",
    "verify_consistency",
    "verify_inclusion",
    "voting_aggregate",
    "voting_decrypt_totals",
    "voting_decrypt_with_nonce",
    "voting_dlog",
    "voting_encrypt_ballot",
    "voting_verify_ballots",
]

__version__: str

def build_info() -> dict[str, str]: ...

# merkle.rs
def leaf_hash(data: bytes) -> bytes: ...
def leaf_hashes(datas: Iterable[bytes]) -> list[bytes]: ...
def node_hash(left: bytes, right: bytes) -> bytes: ...
def root(leaves: Iterable[bytes]) -> bytes: ...
def inclusion_proof(leaves: Iterable[bytes], index: int) -> list[bytes]: ...
def consistency_proof(leaves: Iterable[bytes], old_size: int) -> list[bytes]: ...
def verify_inclusion(
    leaf_hash: bytes, index: int, size: int, proof: Iterable[bytes], root: bytes
) -> None: ...
def verify_consistency(
    old_size: int, new_size: int, proof: Iterable[bytes], old_root: bytes, new_root: bytes
) -> None: ...
def append(
    size: int, frontier: Iterable[bytes], leaf_hashes: Iterable[bytes]
) -> tuple[list[bytes], list[tuple[int, int, bytes]], bytes]: ...
def range_nodes(begin: int, end: int) -> list[tuple[int, int]]: ...
def inclusion_proof_plan(index: int, size: int) -> list[list[tuple[int, int]]]: ...
def consistency_proof_plan(old_size: int, new_size: int) -> list[list[tuple[int, int]]]: ...
def fold_groups(groups: Iterable[Iterable[bytes]]) -> list[bytes]: ...
def root_from_frontier(frontier: Iterable[bytes]) -> bytes: ...

# ed25519.rs
def ed25519_verify(public_key: bytes, message: bytes, signature: bytes) -> None: ...
def ed25519_verify_batch(items: Iterable[tuple[bytes, bytes, bytes]]) -> list[bool]: ...

# txcodec.rs
TXCODEC_REASONS: tuple[str, ...]

def tx_decode_batch(
    raws: list[bytes],
    chain_id: bytes,
    max_window_us: int,
    max_tx_bytes: int,
    ceiling: int,
    action_max_bytes: dict[str, int],
) -> list[
    int
    | tuple[
        bytes,
        str,
        bytes,
        int,
        int,
        tuple[bytes, ...],
        tuple[bytes, ...],
        str,
        bytes,
        str,
        bytes,
        bytes,
        bool,
    ]
]: ...

# threshold.rs
def threshold_challenge(key: bytes, domain: int, parts: list[bytes]) -> bytes: ...
def threshold_schnorr_prove(
    context_key: bytes, secret: bytes, nonce: bytes, context: bytes
) -> tuple[bytes, bytes, bytes]: ...
def threshold_schnorr_verify(
    context_key: bytes, public: bytes, c: bytes, v: bytes, context: bytes
) -> bool: ...
def threshold_chaum_pedersen_prove(
    context_key: bytes, secret: bytes, base: bytes, nonce: bytes, context: bytes
) -> tuple[bytes, bytes, bytes, bytes]: ...
def threshold_chaum_pedersen_verify(
    context_key: bytes,
    public: bytes,
    base: bytes,
    result: bytes,
    c: bytes,
    v: bytes,
    context: bytes,
) -> bool: ...
def threshold_commitments(coefficients: list[bytes]) -> list[bytes]: ...
def threshold_share(coefficients: list[bytes], index: int) -> bytes: ...
def threshold_verify_share(commitments: list[bytes], index: int, share: bytes) -> bool: ...
def threshold_lagrange(index: int, indices: list[int]) -> bytes: ...
def threshold_combine(parts: list[tuple[int, bytes]], threshold: int) -> bytes: ...
def threshold_elgamal_encrypt(
    context_key: bytes, recipient: bytes, nonce: bytes, plaintext: bytes, context: bytes
) -> tuple[bytes, bytes, bytes]: ...
def threshold_elgamal_decrypt(
    context_key: bytes, secret: bytes, alpha: bytes, ciphertext: bytes, mac: bytes, context: bytes
) -> bytes: ...
def threshold_elgamal_open(
    context_key: bytes,
    recipient: bytes,
    shared: bytes,
    alpha: bytes,
    ciphertext: bytes,
    mac: bytes,
    context: bytes,
) -> bytes: ...
def threshold_is_key(bytes: bytes) -> bool: ...
def threshold_joint_share_commitment(dealers: list[list[bytes]], index: int) -> bytes: ...
def threshold_prove_commitments(
    context_key: bytes, coefficients: list[bytes], nonces: list[bytes], context: bytes
) -> tuple[list[bytes], list[tuple[bytes, bytes]]]: ...
def threshold_verify_commitments(
    context_key: bytes, commitments: list[bytes], proofs: list[tuple[bytes, bytes]], context: bytes
) -> bool: ...

_Pair = tuple[bytes, bytes]
_Selection = tuple[bytes, bytes, list[_Pair]]
_Contest = tuple[list[_Selection], list[_Pair], tuple[list[_Selection], _Pair] | None]
_Ballot = tuple[list[_Contest], bytes]
_Manifest = list[tuple[int, list[int], list[int], int]]

def voting_encrypt_ballot(
    h_e: bytes,
    key: bytes,
    manifest: _Manifest,
    votes: list[list[int]],
    ballot_nonce: bytes,
    chaining: bytes,
) -> _Ballot: ...
def voting_verify_ballots(
    h_e: bytes, key: bytes, manifest: _Manifest, ballots: Iterable[tuple[object, bytes]]
) -> list[tuple[str, str] | None]: ...
def voting_decrypt_with_nonce(
    h_e: bytes, key: bytes, manifest: _Manifest, ballot: object, ballot_nonce: bytes
) -> list[list[int]] | None: ...
def voting_aggregate(items: list[tuple[bytes, bytes, int]]) -> tuple[bytes, bytes]: ...
def voting_dlog(point: bytes, key: bytes, maximum: int) -> int | None: ...
def voting_decrypt_totals(
    items: list[tuple[bytes, bytes]], key: bytes, maximum: int
) -> list[int | None]: ...
