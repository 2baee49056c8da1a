//! Threshold cryptography over ristretto255 (RFC 9496) for the procurement committees and the
//! voting guardians: the group, strictly decoded; Fiat–Shamir challenges as HMAC-SHA-256 reduced
//! mod ℓ; Schnorr proofs of knowledge; Chaum–Pedersen proofs of equal discrete logarithms; Feldman
//! verifiable secret sharing with one Schnorr proof per commitment; Lagrange combination at 0;
//! hashed ElGamal for shares and data keys sent to one member.
//!
//! Pure: no Python, no I/O, no randomness of its own. Every nonce is an argument, so callers draw
//! it from a CSPRNG (or derive it, as ballot encryption will) and tests are reproducible.
//! Secrets (`Scalar`s held in [`Polynomial`]) are zeroized on drop; scalar arithmetic and point
//! multiplication in curve25519-dalek are constant-time, and verification compares with
//! `subtle`.
//!
//! The challenge convention follows ElectionGuard 2.0's `H(key; domain byte, statement...)`:
//! HMAC-SHA-256 keyed by the context hash (an election's or tender's `H_E`), over one domain
//! byte and the full statement (every public input, fixed-length encodings), reduced mod ℓ.
//! "ElectionGuard-style", not ElectionGuard: its group is a 4096-bit prime field, ours
//! ristretto255.

mod elgamal;
mod group;
mod proofs;
mod sharing;

pub use elgamal::{HashedElGamal, MAX_PLAINTEXT};
pub use group::{
    Point, Scalar, ThresholdError, challenge, decode_point, decode_public_key, decode_scalar,
    generator,
};
pub use proofs::{ChaumPedersen, Schnorr};
pub use sharing::{
    Polynomial, combine, joint_share_commitment, lagrange_at_zero, share_commitment,
    verify_commitments, verify_share,
};
