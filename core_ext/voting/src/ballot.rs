//! Ballots: encryption with every proof, verification (one or many, in parallel), confirmation
//! codes and decryption of a challenged ballot with its revealed nonce.
//!
//! Ballots cross the crate boundary as "wire" values (byte strings, exactly as they sit on the
//! ledger), decoded and checked here: a non-canonical point or scalar is a refusal, never a
//! panic.

use curve25519_dalek::traits::Identity;
use hmac::{Hmac, KeyInit, Mac};
use rayon::prelude::*;
use sha2::Sha256;
use subtle::ConstantTimeEq;
use tabularium_threshold::{Point, Scalar, challenge, decode_point, decode_scalar};
use zeroize::Zeroizing;

use crate::proofs::{Nonces, TAG_RHO, TAG_W, prove_link, prove_range, verify_link, verify_range};
use crate::{
    Ciphertext, DOMAIN_CONFIRMATION, DOMAIN_CONTEST_HASH, DOMAIN_SELECTION_NONCE, Election,
    VotingError,
};

/// Nonce index `b` of a contest's limit proof.
const CONTEST_PROOF: u32 = u32::MAX;
/// Nonce index `b` of budget bit `k` is `BUDGET_BITS - k`.
const BUDGET_BITS: u32 = u32::MAX - 1;
/// Most selections in a contest, and the largest per-selection maximum or contest limit: keeps
/// proofs (one pair per value) and every sum far below ℓ.
pub const MAX_SELECTIONS: usize = 1024;
/// Largest limit of a selection or contest.
pub const MAX_LIMIT: u32 = 1024;

/// One contest of the manifest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContestSpec {
    /// Most votes in the contest (sum of its selections), at least 1.
    pub limit: u32,
    /// Most votes per selection (each at least 1).
    pub maxima: Vec<u32>,
    /// Per-selection costs of a participatory budget; empty: no budget.
    pub costs: Vec<u64>,
    /// The budget `B` (with costs).
    pub budget: u64,
}

impl ContestSpec {
    fn check(&self, index: usize) -> Result<(), VotingError> {
        let bad = |what: &str| Err(VotingError::Malformed(format!("contest {index}: {what}")));
        if self.maxima.is_empty() || self.maxima.len() > MAX_SELECTIONS {
            return bad("a contest has 1 to 1024 selections");
        }
        if !(1..=MAX_LIMIT).contains(&self.limit)
            || self.maxima.iter().any(|m| !(1..=MAX_LIMIT).contains(m))
        {
            return bad("limits and maxima are 1 to 1024");
        }
        if !self.costs.is_empty() && self.costs.len() != self.maxima.len() {
            return bad("one cost per selection, or none");
        }
        if self.costs.is_empty() && self.budget != 0 {
            return bad("a budget needs costs");
        }
        if self.costs.iter().any(|c| *c >= 1 << 40) || self.budget >= 1 << 40 {
            return bad("costs and budget are below 2^40");
        }
        Ok(())
    }

    fn budgeted(&self) -> bool {
        !self.costs.is_empty()
    }
}

/// A selection on the wire: `α`, `β` (32 bytes each) and its range proof's `(c, v)` pairs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireSelection {
    /// `ξ·G`.
    pub alpha: Vec<u8>,
    /// `(σ + ξ)·K`.
    pub beta: Vec<u8>,
    /// `(c_j, v_j)` for `j ∈ [0, R]`.
    pub proof: Vec<(Vec<u8>, Vec<u8>)>,
}

/// A budget proof on the wire: the bits of `B − Σ cost·σ`, each proved 0 or 1, and the link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireBudget {
    /// `E_k` with its 0/1 proof, lowest bit first.
    pub bits: Vec<WireSelection>,
    /// `(c, v)` of the link proof.
    pub link: (Vec<u8>, Vec<u8>),
}

/// A contest on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireContest {
    /// One per selection of the manifest's contest, in order.
    pub selections: Vec<WireSelection>,
    /// The range proof of the selections' sum against the contest's limit.
    pub proof: Vec<(Vec<u8>, Vec<u8>)>,
    /// With a budget: its proof.
    pub budget: Option<WireBudget>,
}

/// A ballot on the wire: its contests and confirmation code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireBallot {
    /// One per contest of the manifest, in order.
    pub contests: Vec<WireContest>,
    /// The confirmation code (32 bytes).
    pub code: Vec<u8>,
}

fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        unreachable!("HMAC takes a key of any length")
    };
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn u32_of(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The confirmation code of a ballot's ciphertexts (contest by contest), chained to `chaining`.
pub fn confirmation_code(
    election: &Election,
    contests: &[Vec<Ciphertext>],
    chaining: &[u8; 32],
) -> [u8; 32] {
    let key = election.key.compress();
    let hashes: Vec<[u8; 32]> = contests
        .iter()
        .enumerate()
        .map(|(i, cts)| {
            let mut statement = Vec::with_capacity(32 * (1 + 2 * cts.len()));
            statement.extend_from_slice(key.as_bytes());
            for ct in cts {
                statement.extend_from_slice(ct.alpha.compress().as_bytes());
                statement.extend_from_slice(ct.beta.compress().as_bytes());
            }
            hmac(
                &election.h_e,
                &[&[DOMAIN_CONTEST_HASH], &u32_of(i).to_be_bytes(), &statement],
            )
        })
        .collect();
    let mut parts: Vec<&[u8]> = vec![&[DOMAIN_CONFIRMATION]];
    parts.extend(hashes.iter().map(<[u8; 32]>::as_slice));
    parts.push(chaining);
    hmac(&election.h_e, &parts)
}

fn selection_nonce(
    election: &Election,
    ballot_nonce: &[u8; 32],
    i: usize,
    j: usize,
) -> Zeroizing<Scalar> {
    Zeroizing::new(challenge(
        &election.h_e,
        DOMAIN_SELECTION_NONCE,
        &[
            ballot_nonce,
            &u32_of(i).to_be_bytes(),
            &u32_of(j).to_be_bytes(),
        ],
    ))
}

fn to_wire(ct: &Ciphertext, proof: &[(Scalar, Scalar)]) -> WireSelection {
    WireSelection {
        alpha: ct.alpha.compress().to_bytes().to_vec(),
        beta: ct.beta.compress().to_bytes().to_vec(),
        proof: proof
            .iter()
            .map(|(c, v)| (c.to_bytes().to_vec(), v.to_bytes().to_vec()))
            .collect(),
    }
}

fn check_votes(manifest: &[ContestSpec], votes: &[Vec<u32>]) -> Result<(), VotingError> {
    if votes.len() != manifest.len() {
        return Err(VotingError::Malformed(format!(
            "{} contests voted, the manifest has {}",
            votes.len(),
            manifest.len()
        )));
    }
    for (i, (spec, row)) in manifest.iter().zip(votes).enumerate() {
        spec.check(i)?;
        if row.len() != spec.maxima.len() {
            return Err(VotingError::Malformed(format!(
                "contest {i}: one vote per selection"
            )));
        }
        if row.iter().zip(&spec.maxima).any(|(v, m)| v > m) {
            return Err(VotingError::Malformed(format!(
                "contest {i}: a vote above its maximum"
            )));
        }
        if row.iter().map(|v| u64::from(*v)).sum::<u64>() > u64::from(spec.limit) {
            return Err(VotingError::Malformed(format!(
                "contest {i}: over the contest's limit"
            )));
        }
        if spec.budgeted() && spend(spec, row) > u128::from(spec.budget) {
            return Err(VotingError::Malformed(format!(
                "contest {i}: over the budget"
            )));
        }
    }
    Ok(())
}

fn spend(spec: &ContestSpec, row: &[u32]) -> u128 {
    row.iter()
        .zip(&spec.costs)
        .map(|(v, c)| u128::from(*v) * u128::from(*c))
        .sum()
}

fn bits_of(budget: u64) -> u32 {
    (u64::BITS - budget.leading_zeros()).max(1)
}

/// The budget statement's ciphertext `C_D = (−Σ cost·α, B·K − Σ cost·β)`, encrypting
/// `B − Σ cost·σ`.
fn remainder(election: &Election, spec: &ContestSpec, cts: &[Ciphertext]) -> Ciphertext {
    let mut spent = Ciphertext {
        alpha: Point::identity(),
        beta: Point::identity(),
    };
    for (ct, cost) in cts.iter().zip(&spec.costs) {
        spent = spent + *ct * &Scalar::from(*cost);
    }
    Ciphertext {
        alpha: -spent.alpha,
        beta: election.key * Scalar::from(spec.budget) - spent.beta,
    }
}

fn bits_sum(bits: &[Ciphertext]) -> Ciphertext {
    let mut sum = Ciphertext {
        alpha: Point::identity(),
        beta: Point::identity(),
    };
    // Horner: highest bit first, doubling as it goes.
    for ct in bits.iter().rev() {
        sum = sum * &Scalar::from(2u8) + *ct;
    }
    sum
}

/// Encrypt a ballot: every selection with its range proof, each contest's limit proof and budget
/// proof, and the confirmation code chained to `chaining`. Refuses votes out of range, over a
/// limit or over a budget.
pub fn encrypt_ballot(
    election: &Election,
    manifest: &[ContestSpec],
    votes: &[Vec<u32>],
    ballot_nonce: &[u8; 32],
    chaining: &[u8; 32],
) -> Result<WireBallot, VotingError> {
    check_votes(manifest, votes)?;
    let nonces = Nonces {
        h_e: &election.h_e,
        ballot_nonce,
    };
    let mut contests = Vec::with_capacity(manifest.len());
    let mut all_cts = Vec::with_capacity(manifest.len());
    for (i, (spec, row)) in manifest.iter().zip(votes).enumerate() {
        let i32_ = u32_of(i);
        let mut selections = Vec::with_capacity(row.len());
        let mut cts = Vec::with_capacity(row.len());
        let mut sum_nonce = Zeroizing::new(Scalar::ZERO);
        for (j, (vote, maximum)) in row.iter().zip(&spec.maxima).enumerate() {
            let xi = selection_nonce(election, ballot_nonce, i, j);
            let ct = Ciphertext::encrypt(&election.key, &Scalar::from(*vote), &xi);
            let proof = prove_range(
                election,
                &nonces,
                &ct,
                *vote,
                &xi,
                *maximum,
                (i32_, u32_of(j)),
            );
            *sum_nonce += *xi;
            selections.push(to_wire(&ct, &proof));
            cts.push(ct);
        }
        let total: u32 = row.iter().sum();
        let sum = cts
            .iter()
            .copied()
            .reduce(|a, b| a + b)
            .unwrap_or(Ciphertext {
                alpha: Point::identity(),
                beta: Point::identity(),
            });
        let proof = prove_range(
            election,
            &nonces,
            &sum,
            total,
            &sum_nonce,
            spec.limit,
            (i32_, CONTEST_PROOF),
        );
        let budget = spec
            .budgeted()
            .then(|| prove_budget(election, &nonces, spec, row, &cts, ballot_nonce, i));
        contests.push(WireContest {
            selections,
            proof: to_wire(&sum, &proof).proof,
            budget,
        });
        all_cts.push(cts);
    }
    let code = confirmation_code(election, &all_cts, chaining).to_vec();
    Ok(WireBallot { contests, code })
}

#[allow(clippy::many_single_char_names)] // the proof's own notation
fn prove_budget(
    election: &Election,
    nonces: &Nonces<'_>,
    spec: &ContestSpec,
    row: &[u32],
    cts: &[Ciphertext],
    ballot_nonce: &[u8; 32],
    i: usize,
) -> WireBudget {
    let i32_ = u32_of(i);
    // D = B − Σ cost·σ ≥ 0 (checked by check_votes) fits in 40 bits.
    let remaining = u64::try_from(u128::from(spec.budget) - spend(spec, row)).unwrap_or(0);
    let mut xi_c = Zeroizing::new(Scalar::ZERO);
    for (j, cost) in spec.costs.iter().enumerate() {
        *xi_c += *selection_nonce(election, ballot_nonce, i, j) * Scalar::from(*cost);
    }
    let mut bits = Vec::new();
    let mut bit_cts = Vec::new();
    let mut rho_sum = Zeroizing::new(Scalar::ZERO);
    for k in 0..bits_of(spec.budget) {
        let bit = u32::from((remaining >> k) & 1 == 1);
        let rho = nonces.get(TAG_RHO, i32_, k, 0);
        let ct = Ciphertext::encrypt(&election.key, &Scalar::from(bit), &rho);
        let proof = prove_range(election, nonces, &ct, bit, &rho, 1, (i32_, BUDGET_BITS - k));
        *rho_sum += *rho * Scalar::from(1u64 << k);
        bits.push(to_wire(&ct, &proof));
        bit_cts.push(ct);
    }
    let r = remainder(election, spec, cts);
    let s = bits_sum(&bit_cts);
    let delta = Ciphertext {
        alpha: r.alpha - s.alpha,
        beta: r.beta - s.beta,
    };
    let nu = Zeroizing::new(-*xi_c - *rho_sum);
    let w = nonces.get(TAG_W, i32_, 0, 0);
    let (c, v) = prove_link(election, &delta, &nu, &w);
    WireBudget {
        bits,
        link: (c.to_bytes().to_vec(), v.to_bytes().to_vec()),
    }
}

fn point(bytes: &[u8], what: &dyn Fn() -> String, nonzero: bool) -> Result<Point, VotingError> {
    let p = decode_point(bytes).map_err(|_| VotingError::InvalidGroupElement(what()))?;
    if nonzero && p == Point::identity() {
        return Err(VotingError::InvalidGroupElement(what()));
    }
    Ok(p)
}

fn proof_of(
    raw: &[(Vec<u8>, Vec<u8>)],
    what: &dyn Fn() -> String,
) -> Result<Vec<(Scalar, Scalar)>, VotingError> {
    raw.iter()
        .map(|(c, v)| {
            let c = decode_scalar(c).map_err(|_| VotingError::InvalidGroupElement(what()))?;
            let v = decode_scalar(v).map_err(|_| VotingError::InvalidGroupElement(what()))?;
            Ok((c, v))
        })
        .collect()
}

fn selection_of(
    wire: &WireSelection,
    what: &dyn Fn() -> String,
) -> Result<(Ciphertext, Vec<(Scalar, Scalar)>), VotingError> {
    let ct = Ciphertext {
        alpha: point(&wire.alpha, what, true)?,
        beta: point(&wire.beta, what, false)?,
    };
    Ok((ct, proof_of(&wire.proof, what)?))
}

/// Verify a ballot against the manifest: shape, every group element, every selection's range
/// proof, each contest's limit and budget proofs, and the confirmation code. The first failure
/// is returned.
pub fn verify_ballot(
    election: &Election,
    manifest: &[ContestSpec],
    ballot: &WireBallot,
    chaining: &[u8; 32],
) -> Result<(), VotingError> {
    if ballot.contests.len() != manifest.len() {
        return Err(VotingError::Malformed(
            "the ballot does not have the manifest's contests".into(),
        ));
    }
    let mut all_cts = Vec::with_capacity(manifest.len());
    for (i, (spec, contest)) in manifest.iter().zip(&ballot.contests).enumerate() {
        spec.check(i)?;
        if contest.selections.len() != spec.maxima.len()
            || contest.budget.is_some() != spec.budgeted()
        {
            return Err(VotingError::Malformed(format!(
                "contest {i} does not have the manifest's shape"
            )));
        }
        let mut cts = Vec::with_capacity(contest.selections.len());
        for (j, (wire, maximum)) in contest.selections.iter().zip(&spec.maxima).enumerate() {
            let what = || format!("contest {i} selection {j}");
            let (ct, proof) = selection_of(wire, &what)?;
            if !verify_range(election, &ct, &proof, *maximum) {
                return Err(VotingError::InvalidProof(format!(
                    "the range proof of {}",
                    what()
                )));
            }
            cts.push(ct);
        }
        let what = || format!("contest {i}'s limit proof");
        let proof = proof_of(&contest.proof, &what)?;
        let sum = cts
            .iter()
            .copied()
            .reduce(|a, b| a + b)
            .unwrap_or(Ciphertext {
                alpha: Point::identity(),
                beta: Point::identity(),
            });
        if !verify_range(election, &sum, &proof, spec.limit) {
            return Err(VotingError::InvalidProof(what()));
        }
        if let Some(budget) = &contest.budget {
            verify_budget(election, spec, &cts, budget, i)?;
        }
        all_cts.push(cts);
    }
    let code = confirmation_code(election, &all_cts, chaining);
    if !bool::from(code.as_slice().ct_eq(ballot.code.as_slice())) {
        return Err(VotingError::CodeMismatch);
    }
    Ok(())
}

fn verify_budget(
    election: &Election,
    spec: &ContestSpec,
    cts: &[Ciphertext],
    budget: &WireBudget,
    i: usize,
) -> Result<(), VotingError> {
    if budget.bits.len() != bits_of(spec.budget) as usize {
        return Err(VotingError::Malformed(format!(
            "contest {i}'s budget proof has the wrong number of bits"
        )));
    }
    let mut bit_cts = Vec::with_capacity(budget.bits.len());
    for (k, wire) in budget.bits.iter().enumerate() {
        let what = || format!("contest {i}'s budget bit {k}");
        let (ct, proof) = selection_of(wire, &what)?;
        if !verify_range(election, &ct, &proof, 1) {
            return Err(VotingError::InvalidProof(what()));
        }
        bit_cts.push(ct);
    }
    let what = || format!("contest {i}'s budget link proof");
    let link = proof_of(std::slice::from_ref(&budget.link), &what)?[0];
    let r = remainder(election, spec, cts);
    let s = bits_sum(&bit_cts);
    let delta = Ciphertext {
        alpha: r.alpha - s.alpha,
        beta: r.beta - s.beta,
    };
    if !verify_link(election, &delta, &link) {
        return Err(VotingError::InvalidProof(what()));
    }
    Ok(())
}

/// Verify many ballots (each with its chaining value) in parallel; one result per ballot.
pub fn verify_ballots(
    election: &Election,
    manifest: &[ContestSpec],
    ballots: &[(WireBallot, [u8; 32])],
) -> Vec<Result<(), VotingError>> {
    ballots
        .par_iter()
        .map(|(ballot, chaining)| verify_ballot(election, manifest, ballot, chaining))
        .collect()
}

/// The votes of a ballot whose nonce was revealed (a challenged ballot); `None` if the ballot's
/// ciphertexts are not what that nonce makes for any votes within the maxima.
pub fn decrypt_with_nonce(
    election: &Election,
    manifest: &[ContestSpec],
    ballot: &WireBallot,
    ballot_nonce: &[u8; 32],
) -> Option<Vec<Vec<u32>>> {
    if ballot.contests.len() != manifest.len() {
        return None;
    }
    let mut out = Vec::with_capacity(manifest.len());
    for (i, (spec, contest)) in manifest.iter().zip(&ballot.contests).enumerate() {
        if contest.selections.len() != spec.maxima.len() {
            return None;
        }
        let mut row = Vec::with_capacity(spec.maxima.len());
        for (j, (wire, maximum)) in contest.selections.iter().zip(&spec.maxima).enumerate() {
            let xi = selection_nonce(election, ballot_nonce, i, j);
            let alpha = decode_point(&wire.alpha).ok()?;
            let beta = decode_point(&wire.beta).ok()?;
            if alpha != curve25519_dalek::constants::RISTRETTO_BASEPOINT_TABLE * &*xi {
                return None;
            }
            let value_point = beta - election.key * *xi;
            let mut acc = Point::identity();
            let mut found = None;
            for value in 0..=*maximum {
                if acc == value_point {
                    found = Some(value);
                    break;
                }
                acc += election.key;
            }
            row.push(found?);
        }
        out.push(row);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tabularium_threshold::generator;

    fn election() -> Election {
        Election {
            h_e: [3; 32],
            key: generator() * Scalar::from(987_654_321u64),
        }
    }

    fn budget_manifest() -> Vec<ContestSpec> {
        vec![
            ContestSpec {
                limit: 1,
                maxima: vec![1, 1, 1],
                costs: vec![],
                budget: 0,
            },
            ContestSpec {
                limit: 5,
                maxima: vec![1, 1, 1, 1, 2],
                costs: vec![300, 250, 400, 100, 50],
                budget: 700,
            },
        ]
    }

    #[test]
    fn a_ballot_round_trips_and_each_flipped_bit_is_caught() {
        let e = election();
        let manifest = budget_manifest();
        let votes = vec![vec![0, 1, 0], vec![1, 0, 0, 1, 2]]; // spend 300 + 100 + 100 = 500
        let ballot = encrypt_ballot(&e, &manifest, &votes, &[5; 32], &[0; 32]).unwrap();
        assert_eq!(verify_ballot(&e, &manifest, &ballot, &[0; 32]), Ok(()));
        assert_eq!(
            verify_ballot(&e, &manifest, &ballot, &[1; 32]),
            Err(VotingError::CodeMismatch)
        );
        assert_eq!(
            decrypt_with_nonce(&e, &manifest, &ballot, &[5; 32]),
            Some(votes)
        );
        assert_eq!(decrypt_with_nonce(&e, &manifest, &ballot, &[6; 32]), None);
        // Flip one bit of every proof scalar, in turn: each is refused.
        let contest = &ballot.contests[1];
        for (j, sel) in contest.selections.iter().enumerate() {
            for k in 0..sel.proof.len() {
                let mut bad = ballot.clone();
                bad.contests[1].selections[j].proof[k].1[0] ^= 1;
                assert!(verify_ballot(&e, &manifest, &bad, &[0; 32]).is_err());
            }
        }
        let mut bad = ballot.clone();
        bad.contests[1].budget.as_mut().unwrap().link.1[0] ^= 1;
        assert!(matches!(
            verify_ballot(&e, &manifest, &bad, &[0; 32]),
            Err(VotingError::InvalidProof(_))
        ));
        let mut bad = ballot.clone();
        bad.contests[1].budget.as_mut().unwrap().bits[2].proof[0].0[0] ^= 1;
        assert!(verify_ballot(&e, &manifest, &bad, &[0; 32]).is_err());
        let mut bad = ballot.clone();
        bad.contests[0].selections[1].beta[0] ^= 1;
        assert!(verify_ballot(&e, &manifest, &bad, &[0; 32]).is_err());
    }

    #[test]
    fn over_budget_over_limit_and_out_of_range_votes_are_refused() {
        let e = election();
        let manifest = budget_manifest();
        let at_budget = vec![vec![1, 0, 0], vec![1, 0, 1, 0, 0]]; // 700
        let ballot = encrypt_ballot(&e, &manifest, &at_budget, &[1; 32], &[0; 32]).unwrap();
        assert_eq!(verify_ballot(&e, &manifest, &ballot, &[0; 32]), Ok(()));
        let over = vec![vec![1, 0, 0], vec![1, 0, 1, 0, 1]]; // 750
        assert!(matches!(
            encrypt_ballot(&e, &manifest, &over, &[1; 32], &[0; 32]),
            Err(VotingError::Malformed(_))
        ));
        let over_limit = vec![vec![1, 1, 0], vec![0; 5]];
        assert!(encrypt_ballot(&e, &manifest, &over_limit, &[1; 32], &[0; 32]).is_err());
        let out_of_range = vec![vec![2, 0, 0], vec![0; 5]];
        assert!(encrypt_ballot(&e, &manifest, &out_of_range, &[1; 32], &[0; 32]).is_err());
    }

    #[test]
    fn an_over_budget_ballot_forged_with_honest_pieces_fails_the_budget_proof() {
        // A voter who spends 750 > 700: take the honest proofs for a 700 ballot and swap in the
        // encryption of the over-budget vote; the range proofs still hold per selection only if
        // re-proved, and the budget's link no longer matches.
        let e = election();
        let manifest = budget_manifest();
        let loose = vec![
            ContestSpec {
                limit: 1,
                maxima: vec![1, 1, 1],
                costs: vec![],
                budget: 0,
            },
            ContestSpec {
                budget: 800,
                ..manifest[1].clone()
            },
        ];
        let votes = vec![vec![1, 0, 0], vec![1, 0, 1, 0, 1]]; // 750: fine under 800
        let ballot = encrypt_ballot(&e, &loose, &votes, &[2; 32], &[0; 32]).unwrap();
        // Against the real manifest (700) the same ballot does not verify.
        assert!(verify_ballot(&e, &manifest, &ballot, &[0; 32]).is_err());
    }

    #[test]
    fn non_canonical_points_and_the_identity_are_refused() {
        let e = election();
        let manifest = budget_manifest();
        let votes = vec![vec![0, 0, 1], vec![0; 5]];
        let ballot = encrypt_ballot(&e, &manifest, &votes, &[4; 32], &[0; 32]).unwrap();
        let mut bad = ballot.clone();
        bad.contests[0].selections[0].alpha = vec![0; 32];
        assert!(matches!(
            verify_ballot(&e, &manifest, &bad, &[0; 32]),
            Err(VotingError::InvalidGroupElement(_))
        ));
        let mut bad = ballot.clone();
        bad.contests[0].selections[0].alpha = vec![0xff; 32];
        assert!(matches!(
            verify_ballot(&e, &manifest, &bad, &[0; 32]),
            Err(VotingError::InvalidGroupElement(_))
        ));
        let mut bad = ballot;
        bad.contests[0].proof[0].0 = vec![0xff; 32];
        assert!(matches!(
            verify_ballot(&e, &manifest, &bad, &[0; 32]),
            Err(VotingError::InvalidGroupElement(_))
        ));
    }
}
