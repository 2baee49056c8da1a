//! The tally: weighted sums of selection ciphertexts and the discrete logarithm of the result.

use std::collections::HashMap;

use curve25519_dalek::traits::{Identity, VartimeMultiscalarMul};
use rayon::prelude::*;
use tabularium_threshold::{Point, Scalar};

use crate::{Ciphertext, VotingError};

/// Ciphertexts summed per chunk before the chunks are added (parallel multiscalar sums).
const CHUNK: usize = 4096;

/// `(Σ w·α, Σ w·β)` over `(ciphertext, weight)` pairs, in parallel. Every input is public.
pub fn aggregate(items: &[(Ciphertext, u64)]) -> Ciphertext {
    let identity = Ciphertext {
        alpha: Point::identity(),
        beta: Point::identity(),
    };
    items
        .par_chunks(CHUNK)
        .map(|chunk| {
            let weights: Vec<Scalar> = chunk.iter().map(|(_, w)| Scalar::from(*w)).collect();
            Ciphertext {
                alpha: Point::vartime_multiscalar_mul(
                    &weights,
                    chunk.iter().map(|(ct, _)| ct.alpha),
                ),
                beta: Point::vartime_multiscalar_mul(&weights, chunk.iter().map(|(ct, _)| ct.beta)),
            }
        })
        .reduce(|| identity, |a, b| a + b)
}

/// The `t ∈ [0, maximum]` with `t·K = point`, by baby-step giant-step (about `2·√maximum` point
/// additions and a table of `√maximum` entries); `DlogOutOfRange` if there is none.
pub fn dlog(point: &Point, key: &Point, maximum: u64) -> Result<u64, VotingError> {
    // m baby steps j·K (j < m), then giant steps point − i·m·K (i ≤ maximum / m).
    let count = maximum.saturating_add(1);
    let root = count.isqrt();
    let m = if root * root < count { root + 1 } else { root };
    let mut table = HashMap::with_capacity(usize::try_from(m).unwrap_or(usize::MAX));
    let mut acc = Point::identity();
    for j in 0..m {
        table.entry(acc.compress().to_bytes()).or_insert(j);
        acc += key;
    }
    let giant = key * Scalar::from(m);
    let mut current = *point;
    for i in 0..=maximum / m {
        if let Some(j) = table.get(current.compress().as_bytes()) {
            let t = i * m + j;
            return if t <= maximum {
                Ok(t)
            } else {
                Err(VotingError::DlogOutOfRange)
            };
        }
        current -= giant;
    }
    Err(VotingError::DlogOutOfRange)
}

/// Each total `t` with `t·K = β − M`, where `M = s·α` is the guardians' combined decryption of
/// a tallied ciphertext `(α, β)`: `(β, M)` pairs in, in parallel; `DlogOutOfRange` per item
/// beyond `maximum`.
pub fn decrypt_totals(
    items: &[(Point, Point)],
    key: &Point,
    maximum: u64,
) -> Vec<Result<u64, VotingError>> {
    items
        .par_iter()
        .map(|(beta, shared)| dlog(&(beta - shared), key, maximum))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tabularium_threshold::{ChaumPedersen, Polynomial, combine, generator, share_commitment};

    #[test]
    fn decrypt_totals_removes_the_combined_share_and_bounds_each_total() {
        let secret = Scalar::from(987_654_321u64);
        let key = generator() * secret;
        let nonce = Scalar::from(4242u64);
        let make = |t: u64| {
            let alpha = generator() * nonce;
            let beta = key * (Scalar::from(t) + nonce);
            (beta, alpha * secret)
        };
        let got = decrypt_totals(&[make(0), make(7), make(11)], &key, 10);
        assert_eq!(got, vec![Ok(0), Ok(7), Err(VotingError::DlogOutOfRange)]);
    }

    #[test]
    fn dlog_finds_every_value_up_to_the_bound_and_nothing_beyond() {
        let key = generator() * Scalar::from(31_337u64);
        for maximum in [0u64, 1, 2, 15, 16, 17, 1000] {
            for t in [0, 1.min(maximum), maximum / 2, maximum] {
                assert_eq!(
                    dlog(&(key * Scalar::from(t)), &key, maximum),
                    Ok(t),
                    "{t} of {maximum}"
                );
            }
            let beyond = key * Scalar::from(maximum + 1);
            assert_eq!(
                dlog(&beyond, &key, maximum),
                Err(VotingError::DlogOutOfRange)
            );
        }
    }

    #[test]
    fn the_weighted_sum_is_homomorphic_and_any_quorum_decrypts_it_alike() {
        // A 3-of-5 joint key from one polynomial (the dealing itself is tested in threshold).
        let secret = [11u64, 22, 33].map(Scalar::from).to_vec();
        let polynomial = Polynomial::new(secret).unwrap();
        let commitments = polynomial.commitments();
        let key = commitments[0];
        let votes = [1u64, 0, 1, 1, 0, 1, 2, 0];
        let weights = [10u64, 3, 7, 1, 100, 5, 2, 9];
        let items: Vec<(Ciphertext, u64)> = votes
            .iter()
            .zip(weights)
            .enumerate()
            .map(|(n, (v, w))| {
                (
                    Ciphertext::encrypt(&key, &Scalar::from(*v), &Scalar::from(n as u64 + 5)),
                    w,
                )
            })
            .collect();
        let total = aggregate(&items);
        let expected: u64 = votes.iter().zip(weights).map(|(v, w)| v * w).sum();
        let h_e = [1u8; 32];
        let decrypt = |members: &[u32], threshold: usize| {
            let parts: Vec<(u32, Point)> = members
                .iter()
                .map(|&i| {
                    let z = polynomial.share(i).unwrap();
                    let m = total.alpha * z;
                    let public = share_commitment(&commitments, i);
                    let proof = ChaumPedersen::prove(
                        &h_e,
                        &z,
                        &public,
                        &total.alpha,
                        &m,
                        &Scalar::from(77u64),
                        b"t",
                    );
                    assert!(proof.verify(&h_e, &public, &total.alpha, &m, b"t"));
                    (i, m)
                })
                .collect();
            let combined = combine(&parts, threshold)?;
            dlog(&(total.beta - combined), &key, 1000)
                .map_err(|_| tabularium_threshold::ThresholdError::BadThreshold)
        };
        assert_eq!(decrypt(&[1, 2, 3], 3), Ok(expected));
        assert_eq!(decrypt(&[2, 4, 5], 3), Ok(expected));
        assert_eq!(decrypt(&[5, 1, 3, 4], 3), Ok(expected));
        // k - 1 shares: refused by combine, and interpolating them as if they were enough gives
        // no tally (the sum is far beyond any bound).
        assert!(decrypt(&[1, 2], 3).is_err());
        assert!(decrypt(&[1, 2], 2).is_err());
        assert!(decrypt(&[3, 5], 2).is_err());
    }
}
