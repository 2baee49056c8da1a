//! Feldman verifiable secret sharing and Lagrange combination at 0.
//!
//! A member with a secret polynomial `f(x) = a_0 + a_1·x + … + a_{k−1}·x^{k−1}` publishes the
//! commitments `C_j = a_j·G` (each with a Schnorr proof of `a_j`) and sends member `i` its share
//! `f(i)`. Anyone checks a share against the commitments: `f(i)·G = Σ_j i^j·C_j`. The joint key
//! is the sum of the members' `C_0`, and any `k` shares of the summed polynomial recover
//! `x·A` for an ElGamal α `A` without anyone holding `x`.

use curve25519_dalek::traits::VartimeMultiscalarMul;
use zeroize::Zeroize;

use crate::group::{Point, Scalar, ThresholdError, generator};
use crate::proofs::Schnorr;

/// A member's secret polynomial of degree `k − 1` (its constant term is the member's secret).
/// Zeroized on drop.
pub struct Polynomial {
    coefficients: Vec<Scalar>,
}

impl Drop for Polynomial {
    fn drop(&mut self) {
        self.coefficients.zeroize();
    }
}

impl Polynomial {
    /// The polynomial with these coefficients (`a_0` first). `k = coefficients.len() ≥ 1`.
    pub fn new(coefficients: Vec<Scalar>) -> Result<Self, ThresholdError> {
        if coefficients.is_empty() {
            return Err(ThresholdError::BadThreshold);
        }
        Ok(Self { coefficients })
    }

    /// The threshold `k`: how many shares recover the secret.
    pub fn threshold(&self) -> usize {
        self.coefficients.len()
    }

    /// The public commitments `C_j = a_j·G`.
    pub fn commitments(&self) -> Vec<Point> {
        self.coefficients.iter().map(|a| a * generator()).collect()
    }

    /// A Schnorr proof of each coefficient, `nonces[j]` for `a_j`, with `context` followed by
    /// the coefficient's index `j` (u32, big-endian) bound into each.
    ///
    /// # Panics
    /// If `nonces` does not hold one nonce per coefficient.
    pub fn prove_commitments(&self, key: &[u8], nonces: &[Scalar], context: &[u8]) -> Vec<Schnorr> {
        assert_eq!(
            nonces.len(),
            self.coefficients.len(),
            "one nonce per coefficient"
        );
        self.coefficients
            .iter()
            .zip(nonces)
            .enumerate()
            .map(|(j, (a, u))| {
                Schnorr::prove(
                    key,
                    a,
                    &(a * generator()),
                    u,
                    &coefficient_context(context, j),
                )
            })
            .collect()
    }

    /// The share `f(i)` for member `i ≥ 1` (Horner's rule).
    pub fn share(&self, index: u32) -> Result<Scalar, ThresholdError> {
        if index == 0 {
            return Err(ThresholdError::BadIndex);
        }
        let x = Scalar::from(index);
        Ok(self
            .coefficients
            .iter()
            .rev()
            .fold(Scalar::ZERO, |acc, a| acc * x + a))
    }
}

/// The statement of coefficient `j`'s proof: `context` then `j` as a big-endian u32.
fn coefficient_context(context: &[u8], j: usize) -> Vec<u8> {
    let mut statement = context.to_vec();
    statement.extend_from_slice(&(j as u32).to_be_bytes());
    statement
}

/// Whether every `proofs[j]` proves knowledge of the coefficient behind `commitments[j]` (as
/// [`Polynomial::prove_commitments`] makes them), and there is one proof per commitment.
pub fn verify_commitments(
    key: &[u8],
    commitments: &[Point],
    proofs: &[Schnorr],
    context: &[u8],
) -> bool {
    commitments.len() == proofs.len()
        && !commitments.is_empty()
        && commitments
            .iter()
            .zip(proofs)
            .enumerate()
            .all(|(j, (c, proof))| proof.verify(key, c, &coefficient_context(context, j)))
}

/// `Σ_j i^j·C_j`: what `f(i)·G` must equal.
pub fn share_commitment(commitments: &[Point], index: u32) -> Point {
    let x = Scalar::from(index);
    // Collected: dalek needs exact lengths up front.
    let powers: Vec<Scalar> = std::iter::successors(Some(Scalar::ONE), |p| Some(p * x))
        .take(commitments.len())
        .collect();
    // Commitments and index are public: variable time is safe.
    Point::vartime_multiscalar_mul(powers, commitments)
}

/// `Σ_d Σ_j i^j·C_dj` over every dealer's commitments: the public key of member `i`'s joint
/// share `Σ_d f_d(i)` for `i ≥ 1`, and the joint public key `Σ_d C_d0` for `i = 0`.
pub fn joint_share_commitment(dealers: &[Vec<Point>], index: u32) -> Point {
    dealers
        .iter()
        .map(|commitments| share_commitment(commitments, index))
        .sum()
}

/// Whether `share` is member `index`'s value of the committed polynomial (false for index 0).
pub fn verify_share(commitments: &[Point], index: u32, share: &Scalar) -> bool {
    index != 0
        && !commitments.is_empty()
        && share * generator() == share_commitment(commitments, index)
}

/// The Lagrange coefficient of `index` for interpolating at 0 from the set `indices`:
/// `Π_{j ≠ i} j / (j − i)` mod ℓ.
pub fn lagrange_at_zero(index: u32, indices: &[u32]) -> Result<Scalar, ThresholdError> {
    if index == 0 || !indices.contains(&index) {
        return Err(ThresholdError::BadIndex);
    }
    let mut seen = indices.to_vec();
    seen.sort_unstable();
    seen.dedup();
    if seen.len() != indices.len() || seen.first() == Some(&0) {
        return Err(ThresholdError::BadIndex);
    }
    let i = Scalar::from(index);
    let (mut numerator, mut denominator) = (Scalar::ONE, Scalar::ONE);
    for &other in indices.iter().filter(|&&j| j != index) {
        let j = Scalar::from(other);
        numerator *= j;
        denominator *= j - i;
    }
    Ok(numerator * denominator.invert())
}

/// `Σ w_i·M_i` over the given `(index, M_i)` parts, `M_i = f(i)·A`: `f(0)·A` once there are at
/// least `threshold` distinct parts.
pub fn combine(parts: &[(u32, Point)], threshold: usize) -> Result<Point, ThresholdError> {
    if threshold == 0 || parts.len() < threshold {
        return Err(ThresholdError::BadThreshold);
    }
    let indices: Vec<u32> = parts.iter().map(|(i, _)| *i).collect();
    let weights = indices
        .iter()
        .map(|i| lagrange_at_zero(*i, &indices))
        .collect::<Result<Vec<_>, _>>()?;
    // Parts and weights are public (posted with their proofs): variable time is safe.
    Ok(Point::vartime_multiscalar_mul(
        weights,
        parts.iter().map(|(_, part)| part),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proofs::ChaumPedersen;

    fn scalars(seed: u64, count: usize) -> Vec<Scalar> {
        (0..count as u64)
            .map(|j| Scalar::from(seed * 1_000_003 + j * 7919 + 1).invert())
            .collect()
    }

    #[test]
    fn shares_verify_against_commitments_and_wrong_ones_do_not() {
        let f = Polynomial::new(scalars(1, 3)).unwrap();
        let c = f.commitments();
        for i in 1..=5 {
            let s = f.share(i).unwrap();
            assert!(verify_share(&c, i, &s));
            assert!(!verify_share(&c, i, &(s + Scalar::ONE)));
            assert!(!verify_share(&c, i + 1, &s));
        }
        assert_eq!(f.share(0), Err(ThresholdError::BadIndex));
        assert!(!verify_share(&c, 0, &Scalar::ZERO));
        let proofs = f.prove_commitments(b"H", &scalars(9, 3), b"member-1");
        assert!(verify_commitments(b"H", &c, &proofs, b"member-1"));
        assert!(!verify_commitments(b"H", &c, &proofs, b"member-2"));
        assert!(!verify_commitments(b"H", &c[..2], &proofs, b"member-1"));
        let mut swapped = proofs.clone();
        swapped.swap(0, 1);
        assert!(!verify_commitments(b"H", &c, &swapped, b"member-1"));
    }

    #[test]
    fn any_k_of_n_joint_shares_decrypt_and_k_minus_1_do_not() {
        // Three members (n = 3, k = 2): each deals a polynomial; member i's joint share is the
        // sum of what it received; the joint key is the sum of the constant commitments.
        let (n, k) = (3u32, 2usize);
        let polys: Vec<Polynomial> = (0..n)
            .map(|m| Polynomial::new(scalars(u64::from(m) + 10, k)).unwrap())
            .collect();
        let joint_key: Point = polys.iter().map(|p| p.commitments()[0]).sum();
        let joint_share = |i: u32| -> Scalar { polys.iter().map(|p| p.share(i).unwrap()).sum() };
        let secret: Scalar = polys.iter().map(|p| p.coefficients[0]).sum();
        assert_eq!(secret * generator(), joint_key);

        // An ElGamal ciphertext of m·G under the joint key, decrypted by any two members.
        let (m, xi) = (Scalar::from(42u64), Scalar::from(1234u64));
        let (alpha, beta) = (xi * generator(), m * generator() + xi * joint_key);
        for pair in [[1u32, 2], [1, 3], [2, 3]] {
            let parts: Vec<(u32, Point)> = pair
                .iter()
                .map(|&i| {
                    let z = joint_share(i);
                    let part = z * alpha;
                    let proof = ChaumPedersen::prove(
                        b"H",
                        &z,
                        &(z * generator()),
                        &alpha,
                        &part,
                        &Scalar::from(77u64),
                        b"",
                    );
                    assert!(proof.verify(b"H", &(z * generator()), &alpha, &part, b""));
                    (i, part)
                })
                .collect();
            assert_eq!(
                beta - combine(&parts, k).unwrap(),
                m * generator(),
                "{pair:?}"
            );
        }
        let one = [(1u32, joint_share(1) * alpha)];
        assert_eq!(combine(&one, k), Err(ThresholdError::BadThreshold));
        // A lone share treated as if the threshold were 1 gives the wrong point.
        assert_ne!(beta - combine(&one, 1).unwrap(), m * generator());
    }

    #[test]
    fn lagrange_refuses_zero_missing_and_repeated_indices() {
        assert_eq!(lagrange_at_zero(0, &[0, 1]), Err(ThresholdError::BadIndex));
        assert_eq!(lagrange_at_zero(2, &[1, 3]), Err(ThresholdError::BadIndex));
        assert_eq!(
            lagrange_at_zero(1, &[1, 1, 2]),
            Err(ThresholdError::BadIndex)
        );
        // For {1, 2}: w_1 = 2/(2-1) = 2, w_2 = 1/(1-2) = -1.
        assert_eq!(lagrange_at_zero(1, &[1, 2]), Ok(Scalar::from(2u64)));
        assert_eq!(lagrange_at_zero(2, &[1, 2]), Ok(-Scalar::ONE));
        assert!(Polynomial::new(vec![]).is_err());
    }
}
