"""A small, obviously-correct Python reference of ``core_ext/threshold``: scalars as Python
integers mod l, points through libsodium's ristretto255 (``rbcl``), the same statements and
domain bytes. The Rust crate must match it byte for byte on equal inputs."""

from __future__ import annotations

import hashlib
import hmac

import rbcl  # type: ignore[import-untyped]

L = 2**252 + 27742317777372353535851937790883648493
SCHNORR, CHAUM_PEDERSEN = 0x10, 0x30
IDENTITY = bytes(32)


def enc(x: int) -> bytes:
    return (x % L).to_bytes(32, "little")


def dec(b: bytes) -> int:
    return int.from_bytes(b, "little")


def base_mul(x: int) -> bytes:
    return bytes(rbcl.crypto_scalarmult_ristretto255_base_allow_scalar_zero(enc(x)))


def mul(x: int, point: bytes) -> bytes:
    return bytes(rbcl.crypto_scalarmult_ristretto255_allow_scalar_zero(enc(x), point))


def add(p: bytes, q: bytes) -> bytes:
    return bytes(rbcl.crypto_core_ristretto255_add(p, q))


def h(key: bytes, domain: int, *parts: bytes) -> int:
    digest = hmac.new(key, bytes([domain]) + b"".join(parts), hashlib.sha256).digest()
    return dec(digest) % L


def schnorr_prove(key: bytes, x: int, u: int, context: bytes) -> tuple[bytes, int, int]:
    public = base_mul(x)
    c = h(key, SCHNORR, context, public, base_mul(u))
    return public, c, (u - c * x) % L


def schnorr_verify(key: bytes, public: bytes, c: int, v: int, context: bytes) -> bool:
    commitment = add(base_mul(v), mul(c, public))
    return h(key, SCHNORR, context, public, commitment) == c


def chaum_pedersen_prove(
    key: bytes, x: int, base: bytes, u: int, context: bytes
) -> tuple[bytes, bytes, int, int]:
    public, result = base_mul(x), mul(x, base)
    c = h(key, CHAUM_PEDERSEN, context, public, base, result, base_mul(u), mul(u, base))
    return public, result, c, (u - c * x) % L


def commitments(coefficients: list[int]) -> list[bytes]:
    return [base_mul(a) for a in coefficients]


def share(coefficients: list[int], index: int) -> int:
    return int(sum(a * index**j for j, a in enumerate(coefficients)) % L)


def lagrange(index: int, indices: list[int]) -> int:
    out = 1
    for j in indices:
        if j != index:
            out = out * j * pow(j - index, -1, L) % L
    return out


def combine(parts: list[tuple[int, bytes]]) -> bytes:
    indices = [i for i, _ in parts]
    total = IDENTITY
    for i, m in parts:
        total = add(total, mul(lagrange(i, indices), m))
    return total


ELGAMAL_SESSION = 0x11
ELGAMAL_LABEL = b"tabularium/hashed-elgamal/v1"


def _hmac(key: bytes, data: bytes) -> bytes:
    return hmac.new(key, data, hashlib.sha256).digest()


def elgamal_encrypt(
    key: bytes, recipient: bytes, xi: int, plaintext: bytes, context: bytes
) -> tuple[bytes, bytes, bytes]:
    alpha, shared = base_mul(xi), mul(xi, recipient)
    session = _hmac(key, bytes([ELGAMAL_SESSION]) + context + recipient + alpha + shared)
    bits = (8 * len(plaintext)).to_bytes(4, "big")

    def block(j: int) -> bytes:
        return _hmac(session, j.to_bytes(4, "big") + ELGAMAL_LABEL + b"\x00" + context + bits)

    stream = b"".join(block(j) for j in range(1, (len(plaintext) + 31) // 32 + 1))
    ciphertext = bytes(m ^ k for m, k in zip(plaintext, stream, strict=False))
    return alpha, ciphertext, _hmac(block(0), alpha + ciphertext)
