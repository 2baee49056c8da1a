//! ElectionGuard-style ballot cryptography over ristretto255 (not ElectionGuard-compliant: the
//! group, the encodings and some statements differ). `SPEC.md` beside this crate is the exact
//! contract, which the pure-Python reference `tests/reference/voting_ref.py` also follows.
//!
//! A selection's value `σ` is encrypted with nonce `ξ` as `(α, β) = (ξ·G, (σ + ξ)·K)`
//! (exponential ElGamal to the joint key `K`), so ciphertexts add. Each selection carries a
//! disjunctive Chaum–Pedersen proof that `σ ∈ [0, R]`, each contest one that its sum is at most
//! its limit, and a participatory-budget contest a proof that `Σ cost·σ ≤ B` by bit
//! decomposition (O(log B) size). Every challenge is HMAC-SHA-256 keyed by the election's
//! extended base hash `H_E`, over a domain byte and the full statement, reduced mod ℓ.
//!
//! All nonces derive from the 32-byte ballot nonce, so a ballot is reproducible from it: a
//! challenged ballot (Benaloh) reveals the nonce and anyone decrypts it, and the pure-Python
//! reference reproduces every byte. Secrets (the ballot nonce, selection nonces, votes) are
//! zeroized; multiplications by secrets are constant-time, verification (public data only) is
//! variable-time.

mod ballot;
mod proofs;
mod tally;

pub use ballot::{
    ContestSpec, WireBallot, WireBudget, WireContest, WireSelection, confirmation_code,
    decrypt_with_nonce, encrypt_ballot, verify_ballot, verify_ballots,
};
pub use proofs::{RangeProof, verify_range};
pub use tabularium_threshold::{Point, Scalar};
pub use tally::{aggregate, decrypt_totals, dlog};

/// Domain byte of the selection nonces `ξ_{i,j}`.
pub const DOMAIN_SELECTION_NONCE: u8 = 0x20;
/// Domain byte of range-proof challenges (selections and contest limits).
pub const DOMAIN_RANGE: u8 = 0x21;
/// Domain byte of the proof nonces derived from the ballot nonce.
pub const DOMAIN_PROOF_NONCE: u8 = 0x22;
/// Domain byte of a contest's hash in the confirmation code.
pub const DOMAIN_CONTEST_HASH: u8 = 0x23;
/// Domain byte of the confirmation code.
pub const DOMAIN_CONFIRMATION: u8 = 0x24;
/// Domain byte of the budget proof's link challenge.
pub const DOMAIN_LINK: u8 = 0x25;

/// Why a ballot or a tally step is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VotingError {
    /// A point or scalar is not canonical, or the identity where it is not allowed.
    InvalidGroupElement(String),
    /// A proof does not verify (which one, by position).
    InvalidProof(String),
    /// The ballot does not have the manifest's shape, or a vote is out of range.
    Malformed(String),
    /// The confirmation code is not the hash of the ballot's ciphertexts.
    CodeMismatch,
    /// The tally's discrete logarithm is beyond the bound searched.
    DlogOutOfRange,
}

impl std::fmt::Display for VotingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::InvalidGroupElement(what) => write!(f, "{what}: not a valid group element"),
            Self::InvalidProof(what) => write!(f, "{what} does not verify"),
            Self::Malformed(what) => f.write_str(what),
            Self::CodeMismatch => f.write_str("the confirmation code does not match the ballot"),
            Self::DlogOutOfRange => f.write_str("the tally is beyond the bound searched"),
        }
    }
}

impl std::error::Error for VotingError {}

/// The public context of an election: its extended base hash and joint key.
#[derive(Debug, Clone, Copy)]
pub struct Election {
    /// `H_E`, the key of every challenge.
    pub h_e: [u8; 32],
    /// The joint election public key `K`.
    pub key: Point,
}

impl Election {
    /// Refuses a non-canonical key or the identity.
    pub fn new(h_e: [u8; 32], key: &[u8]) -> Result<Self, VotingError> {
        let key = tabularium_threshold::decode_public_key(key)
            .map_err(|e| VotingError::InvalidGroupElement(format!("the election key ({e})")))?;
        Ok(Self { h_e, key })
    }
}

/// An exponential ElGamal ciphertext.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ciphertext {
    /// `ξ·G`.
    pub alpha: Point,
    /// `(σ + ξ)·K`.
    pub beta: Point,
}

impl Ciphertext {
    /// `(ξ·G, (σ + ξ)·K)`; constant-time in the nonce and value.
    pub fn encrypt(key: &Point, value: &Scalar, nonce: &Scalar) -> Self {
        Self {
            alpha: curve25519_dalek::constants::RISTRETTO_BASEPOINT_TABLE * nonce,
            beta: key * (value + nonce),
        }
    }
}

impl std::ops::Add for Ciphertext {
    type Output = Self;
    fn add(self, other: Self) -> Self {
        Self {
            alpha: self.alpha + other.alpha,
            beta: self.beta + other.beta,
        }
    }
}

impl std::ops::Mul<&Scalar> for Ciphertext {
    type Output = Self;
    fn mul(self, factor: &Scalar) -> Self {
        Self {
            alpha: self.alpha * factor,
            beta: self.beta * factor,
        }
    }
}
