//! The ballot proofs: a disjunctive Chaum–Pedersen range proof and the budget's link proof, with
//! their nonces derived from the ballot nonce.

use curve25519_dalek::constants::RISTRETTO_BASEPOINT_TABLE;
use curve25519_dalek::traits::VartimeMultiscalarMul;
use subtle::ConstantTimeEq;
use tabularium_threshold::{Point, Scalar, challenge};
use zeroize::Zeroizing;

use crate::{Ciphertext, DOMAIN_LINK, DOMAIN_PROOF_NONCE, DOMAIN_RANGE, Election};

pub(crate) const TAG_U: u8 = 0x01;
pub(crate) const TAG_C: u8 = 0x02;
pub(crate) const TAG_V: u8 = 0x03;
pub(crate) const TAG_RHO: u8 = 0x04;
pub(crate) const TAG_W: u8 = 0x05;

/// One `(c_j, v_j)` pair per value `j ∈ [0, R]`.
pub type RangeProof = Vec<(Scalar, Scalar)>;

/// Proof nonces, all derived from one secret ballot nonce.
pub(crate) struct Nonces<'a> {
    pub(crate) h_e: &'a [u8; 32],
    pub(crate) ballot_nonce: &'a [u8; 32],
}

impl Nonces<'_> {
    /// `ch(H_E, 0x22, ξ_B ‖ tag ‖ u32(a) ‖ u32(b) ‖ u32(c))`.
    pub(crate) fn get(&self, tag: u8, a: u32, b: u32, c: u32) -> Zeroizing<Scalar> {
        Zeroizing::new(challenge(
            self.h_e,
            DOMAIN_PROOF_NONCE,
            &[
                self.ballot_nonce,
                &[tag],
                &a.to_be_bytes(),
                &b.to_be_bytes(),
                &c.to_be_bytes(),
            ],
        ))
    }
}

fn range_challenge(election: &Election, ct: &Ciphertext, commitments: &[(Point, Point)]) -> Scalar {
    let mut statement = Vec::with_capacity(32 * (3 + 2 * commitments.len()));
    for point in [&election.key, &ct.alpha, &ct.beta] {
        statement.extend_from_slice(point.compress().as_bytes());
    }
    for (a, b) in commitments {
        statement.extend_from_slice(a.compress().as_bytes());
        statement.extend_from_slice(b.compress().as_bytes());
    }
    challenge(&election.h_e, DOMAIN_RANGE, &[&statement])
}

/// Prove that `ct` (made with `nonce`) encrypts `value ∈ [0, limit]`, with proof nonces at index
/// `(a, b)`. The caller checks `value ≤ limit`.
#[allow(clippy::many_single_char_names)] // the proof's own notation
pub(crate) fn prove_range(
    election: &Election,
    nonces: &Nonces<'_>,
    ct: &Ciphertext,
    value: u32,
    nonce: &Scalar,
    limit: u32,
    index: (u32, u32),
) -> RangeProof {
    debug_assert!(value <= limit);
    let (a, b) = index;
    let key = election.key;
    let mut simulated: Vec<(Scalar, Scalar)> = Vec::with_capacity(limit as usize + 1);
    let mut commitments = Vec::with_capacity(limit as usize + 1);
    let u = nonces.get(TAG_U, a, b, value);
    for j in 0..=limit {
        if j == value {
            simulated.push((Scalar::ZERO, Scalar::ZERO));
            commitments.push((RISTRETTO_BASEPOINT_TABLE * &*u, key * *u));
        } else {
            let c = *nonces.get(TAG_C, a, b, j);
            let v = *nonces.get(TAG_V, a, b, j);
            simulated.push((c, v));
            commitments.push(commitment(&key, ct, j, &c, &v));
        }
    }
    let c = range_challenge(election, ct, &commitments);
    let others: Scalar = simulated.iter().map(|(c, _)| c).sum();
    let c_true = c - others;
    simulated[value as usize] = (c_true, *u - c_true * nonce);
    simulated
}

/// `(v·G + c·α, v·K + c·(β − j·K))`, the commitments a branch `j` must reproduce.
#[allow(clippy::many_single_char_names)] // the proof's own notation
fn commitment(key: &Point, ct: &Ciphertext, j: u32, c: &Scalar, v: &Scalar) -> (Point, Point) {
    let a = Point::vartime_double_scalar_mul_basepoint(c, &ct.alpha, v);
    let b = Point::vartime_multiscalar_mul([v - c * Scalar::from(j), *c], [key, &ct.beta]);
    (a, b)
}

/// Whether `proof` shows that `ct` encrypts a value in `[0, limit]`.
pub fn verify_range(
    election: &Election,
    ct: &Ciphertext,
    proof: &[(Scalar, Scalar)],
    limit: u32,
) -> bool {
    if proof.len() != limit as usize + 1 {
        return false;
    }
    let commitments: Vec<(Point, Point)> = (0..=limit)
        .zip(proof)
        .map(|(j, (c, v))| commitment(&election.key, ct, j, c, v))
        .collect();
    let sum: Scalar = proof.iter().map(|(c, _)| c).sum();
    bool::from(range_challenge(election, ct, &commitments).ct_eq(&sum))
}

fn link_challenge(election: &Election, delta: &Ciphertext, a: &Point, b: &Point) -> Scalar {
    let mut statement = Vec::with_capacity(32 * 5);
    for point in [&election.key, &delta.alpha, &delta.beta, a, b] {
        statement.extend_from_slice(point.compress().as_bytes());
    }
    challenge(&election.h_e, DOMAIN_LINK, &[&statement])
}

/// Prove `delta = (ν·G, ν·K)`: it encrypts 0.
pub(crate) fn prove_link(
    election: &Election,
    delta: &Ciphertext,
    nu: &Scalar,
    w: &Scalar,
) -> (Scalar, Scalar) {
    let a = RISTRETTO_BASEPOINT_TABLE * w;
    let b = election.key * w;
    let c = link_challenge(election, delta, &a, &b);
    (c, w - c * nu)
}

/// Whether `(c, v)` shows `delta` encrypts 0.
pub(crate) fn verify_link(
    election: &Election,
    delta: &Ciphertext,
    proof: &(Scalar, Scalar),
) -> bool {
    let (c, v) = proof;
    let a = Point::vartime_double_scalar_mul_basepoint(c, &delta.alpha, v);
    let b = Point::vartime_multiscalar_mul([*v, *c], [&election.key, &delta.beta]);
    bool::from(link_challenge(election, delta, &a, &b).ct_eq(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tabularium_threshold::generator;

    fn election() -> Election {
        Election {
            h_e: [7; 32],
            key: generator() * Scalar::from(123_456_789u64),
        }
    }

    #[test]
    fn every_value_in_range_proves_and_verifies_and_one_flip_breaks_it() {
        let e = election();
        let ballot_nonce = [9u8; 32];
        let nonces = Nonces {
            h_e: &e.h_e,
            ballot_nonce: &ballot_nonce,
        };
        for value in 0..=3u32 {
            let xi = Scalar::from(1000u64 + u64::from(value));
            let ct = Ciphertext::encrypt(&e.key, &Scalar::from(value), &xi);
            let proof = prove_range(&e, &nonces, &ct, value, &xi, 3, (0, value));
            assert!(verify_range(&e, &ct, &proof, 3), "value {value}");
            assert!(!verify_range(&e, &ct, &proof, 4), "wrong limit");
            for j in 0..proof.len() {
                let mut bad = proof.clone();
                bad[j].1 += Scalar::ONE;
                assert!(!verify_range(&e, &ct, &bad, 3));
                let mut bad = proof.clone();
                bad[j].0 += Scalar::ONE;
                assert!(!verify_range(&e, &ct, &bad, 3));
            }
        }
    }

    #[test]
    fn a_value_out_of_range_cannot_be_proved() {
        // The honest prover's branch for 4 does not exist in [0, 3]: forge one by proving 3 on
        // an encryption of 4.
        let e = election();
        let ballot_nonce = [1u8; 32];
        let nonces = Nonces {
            h_e: &e.h_e,
            ballot_nonce: &ballot_nonce,
        };
        let xi = Scalar::from(77u64);
        let ct = Ciphertext::encrypt(&e.key, &Scalar::from(4u64), &xi);
        let proof = prove_range(&e, &nonces, &ct, 3, &xi, 3, (0, 0));
        assert!(!verify_range(&e, &ct, &proof, 3));
    }

    #[test]
    fn the_link_proof_holds_only_for_an_encryption_of_zero() {
        let e = election();
        let nu = Scalar::from(4242u64);
        let w = Scalar::from(99u64);
        let zero = Ciphertext::encrypt(&e.key, &Scalar::ZERO, &nu);
        let proof = prove_link(&e, &zero, &nu, &w);
        assert!(verify_link(&e, &zero, &proof));
        let one = Ciphertext::encrypt(&e.key, &Scalar::ONE, &nu);
        assert!(!verify_link(&e, &one, &prove_link(&e, &one, &nu, &w)));
    }
}
