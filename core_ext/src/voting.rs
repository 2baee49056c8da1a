//! Binding of the `voting` crate: ballot encryption and verification, challenged-ballot
//! decryption, weighted tallies and their discrete logarithm.
//!
//! Ballots cross as nested tuples of `bytes` (see `tabularium.crypto.voting`): a selection is
//! `(alpha, beta, [(c, v), ...])`, a budget proof `([selection, ...], (c, v))`, a contest
//! `([selection, ...], [(c, v), ...], budget | None)`, a ballot `([contest, ...], code)`; a
//! manifest is `[(limit, [maximum, ...], [cost, ...], budget), ...]`. Arguments are copied out
//! of Python first; the work runs with the GIL released.

// pyo3 hands list arguments over as owned `Vec`s; taking them by value is its convention.
#![allow(clippy::needless_pass_by_value)]

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyTuple};
use rayon::prelude::*;
use tabularium_voting as v;

use crate::run_maybe_detached;

type Pair = (Vec<u8>, Vec<u8>);
type SelectionTuple = (Vec<u8>, Vec<u8>, Vec<Pair>);
type BudgetTuple = (Vec<SelectionTuple>, Pair);
type ContestTuple = (Vec<SelectionTuple>, Vec<Pair>, Option<BudgetTuple>);
type BallotTuple = (Vec<ContestTuple>, Vec<u8>);
type ManifestTuple = (u32, Vec<u32>, Vec<u64>, u64);

/// One proof branch costs about this many SHA-256 compressions (two multiscalar products).
const BRANCH_WORK: usize = 256;

fn bytes_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<u8>> {
    Ok(obj.cast::<PyBytes>()?.as_bytes().to_vec())
}

fn pair_of(obj: &Bound<'_, PyAny>) -> PyResult<Pair> {
    let tuple = obj.cast::<PyTuple>()?;
    if tuple.len() != 2 {
        return Err(PyValueError::new_err("a proof pair is (c, v)"));
    }
    Ok((
        bytes_of(&tuple.get_item(0)?)?,
        bytes_of(&tuple.get_item(1)?)?,
    ))
}

fn pairs_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Pair>> {
    obj.try_iter()?.map(|item| pair_of(&item?)).collect()
}

fn selection_of(obj: &Bound<'_, PyAny>) -> PyResult<v::WireSelection> {
    let tuple = obj.cast::<PyTuple>()?;
    if tuple.len() != 3 {
        return Err(PyValueError::new_err("a selection is (alpha, beta, proof)"));
    }
    Ok(v::WireSelection {
        alpha: bytes_of(&tuple.get_item(0)?)?,
        beta: bytes_of(&tuple.get_item(1)?)?,
        proof: pairs_of(&tuple.get_item(2)?)?,
    })
}

fn selections_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<v::WireSelection>> {
    obj.try_iter()?.map(|item| selection_of(&item?)).collect()
}

fn ballot_of(obj: &Bound<'_, PyAny>) -> PyResult<v::WireBallot> {
    let tuple = obj.cast::<PyTuple>()?;
    if tuple.len() != 2 {
        return Err(PyValueError::new_err("a ballot is (contests, code)"));
    }
    let mut contests = Vec::new();
    for item in tuple.get_item(0)?.try_iter()? {
        let item = item?;
        let contest = item.cast::<PyTuple>()?;
        if contest.len() != 3 {
            return Err(PyValueError::new_err(
                "a contest is (selections, proof, budget)",
            ));
        }
        let budget = contest.get_item(2)?;
        let budget = if budget.is_none() {
            None
        } else {
            let parts = budget.cast::<PyTuple>()?;
            if parts.len() != 2 {
                return Err(PyValueError::new_err("a budget proof is (bits, link)"));
            }
            Some(v::WireBudget {
                bits: selections_of(&parts.get_item(0)?)?,
                link: pair_of(&parts.get_item(1)?)?,
            })
        };
        contests.push(v::WireContest {
            selections: selections_of(&contest.get_item(0)?)?,
            proof: pairs_of(&contest.get_item(1)?)?,
            budget,
        });
    }
    Ok(v::WireBallot {
        contests,
        code: bytes_of(&tuple.get_item(1)?)?,
    })
}

fn to_tuple(ballot: v::WireBallot) -> BallotTuple {
    let selection = |s: v::WireSelection| (s.alpha, s.beta, s.proof);
    let contests = ballot
        .contests
        .into_iter()
        .map(|c| {
            let budget = c
                .budget
                .map(|b| (b.bits.into_iter().map(selection).collect(), b.link));
            (
                c.selections.into_iter().map(selection).collect(),
                c.proof,
                budget,
            )
        })
        .collect();
    (contests, ballot.code)
}

fn manifest_of(manifest: Vec<ManifestTuple>) -> Vec<v::ContestSpec> {
    manifest
        .into_iter()
        .map(|(limit, maxima, costs, budget)| v::ContestSpec {
            limit,
            maxima,
            costs,
            budget,
        })
        .collect()
}

fn election(h_e: &[u8], key: &[u8]) -> PyResult<v::Election> {
    let h_e: [u8; 32] = h_e
        .try_into()
        .map_err(|_| PyValueError::new_err("H_E is 32 bytes"))?;
    v::Election::new(h_e, key).map_err(|e| PyValueError::new_err(e.to_string()))
}

fn array32(bytes: &[u8], what: &str) -> PyResult<[u8; 32]> {
    bytes
        .try_into()
        .map_err(|_| PyValueError::new_err(format!("{what} is 32 bytes")))
}

fn work(manifest: &[v::ContestSpec]) -> usize {
    manifest
        .iter()
        .map(|c| c.maxima.iter().map(|m| *m as usize + 1).sum::<usize>() + c.limit as usize + 1)
        .sum::<usize>()
        * BRANCH_WORK
}

fn reason(e: &v::VotingError) -> &'static str {
    match e {
        v::VotingError::InvalidGroupElement(_) => "INVALID_GROUP_ELEMENT",
        v::VotingError::InvalidProof(_) => "INVALID_PROOF",
        v::VotingError::Malformed(_) => "MALFORMED",
        v::VotingError::CodeMismatch => "CODE_MISMATCH",
        v::VotingError::DlogOutOfRange => "DLOG_OUT_OF_RANGE",
    }
}

/// Encrypt a ballot (every nonce derived from `ballot_nonce`); `ValueError` for votes out of
/// range, over a limit or over a budget.
#[pyfunction]
fn voting_encrypt_ballot(
    py: Python<'_>,
    h_e: &[u8],
    key: &[u8],
    manifest: Vec<ManifestTuple>,
    votes: Vec<Vec<u32>>,
    ballot_nonce: &[u8],
    chaining: &[u8],
) -> PyResult<BallotTuple> {
    let e = election(h_e, key)?;
    let manifest = manifest_of(manifest);
    let nonce = zeroize::Zeroizing::new(array32(ballot_nonce, "the ballot nonce")?);
    let chaining = array32(chaining, "the chaining value")?;
    let cost = 2 * work(&manifest);
    let ballot = run_maybe_detached(py, cost, move || {
        v::encrypt_ballot(&e, &manifest, &votes, &nonce, &chaining)
    })
    .map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(to_tuple(ballot))
}

/// Verify ballots `[(ballot, chaining), ...]` in parallel: one `None` (valid) or
/// `(reason, message)` per ballot. A ballot that is not even shaped as tuples of bytes raises
/// `TypeError`/`ValueError`.
#[pyfunction]
fn voting_verify_ballots<'py>(
    py: Python<'py>,
    h_e: &[u8],
    key: &[u8],
    manifest: Vec<ManifestTuple>,
    ballots: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyList>> {
    let e = election(h_e, key)?;
    let manifest = manifest_of(manifest);
    let mut owned = Vec::new();
    for item in ballots.try_iter()? {
        let item = item?;
        let pair = item.cast::<PyTuple>()?;
        if pair.len() != 2 {
            return Err(PyValueError::new_err("each item is (ballot, chaining)"));
        }
        let chaining = array32(&bytes_of(&pair.get_item(1)?)?, "the chaining value")?;
        owned.push((ballot_of(&pair.get_item(0)?)?, chaining));
    }
    let cost = owned.len() * work(&manifest);
    let results = run_maybe_detached(py, cost, move || v::verify_ballots(&e, &manifest, &owned));
    let items: Vec<Option<(&str, String)>> = results
        .iter()
        .map(|r| r.as_ref().err().map(|e| (reason(e), e.to_string())))
        .collect();
    PyList::new(py, items)
}

/// The votes of a ballot with its revealed nonce, or `None` if the nonce does not open it.
#[pyfunction]
fn voting_decrypt_with_nonce(
    py: Python<'_>,
    h_e: &[u8],
    key: &[u8],
    manifest: Vec<ManifestTuple>,
    ballot: &Bound<'_, PyAny>,
    ballot_nonce: &[u8],
) -> PyResult<Option<Vec<Vec<u32>>>> {
    let e = election(h_e, key)?;
    let manifest = manifest_of(manifest);
    let ballot = ballot_of(ballot)?;
    let nonce = zeroize::Zeroizing::new(array32(ballot_nonce, "the ballot nonce")?);
    let cost = work(&manifest);
    Ok(run_maybe_detached(py, cost, move || {
        v::decrypt_with_nonce(&e, &manifest, &ballot, &nonce)
    }))
}

/// `(Σ w·α, Σ w·β)` over `[(alpha, beta, weight), ...]`: points decoded and summed in
/// parallel with the GIL released.
#[pyfunction]
fn voting_aggregate(py: Python<'_>, items: &Bound<'_, PyAny>) -> PyResult<(Vec<u8>, Vec<u8>)> {
    let mut raw: Vec<([u8; 32], [u8; 32], u64)> = Vec::new();
    for (n, item) in items.try_iter()?.enumerate() {
        let item = item?;
        let tuple = item.cast::<PyTuple>()?;
        if tuple.len() != 3 {
            return Err(PyValueError::new_err(format!(
                "item {n} is not (alpha, beta, weight)"
            )));
        }
        let point = |k: usize| -> PyResult<[u8; 32]> {
            array32(
                tuple.get_item(k)?.cast::<PyBytes>()?.as_bytes(),
                &format!("item {n}'s point"),
            )
        };
        raw.push((point(0)?, point(1)?, tuple.get_item(2)?.extract()?));
    }
    let cost = raw.len() * 16;
    let sum = run_maybe_detached(py, cost, move || {
        let cts = raw
            .par_iter()
            .enumerate()
            .map(|(n, (alpha, beta, weight))| {
                let decode = |b: &[u8]| {
                    tabularium_threshold::decode_point(b).map_err(|e| format!("item {n}: {e}"))
                };
                Ok((
                    v::Ciphertext {
                        alpha: decode(alpha)?,
                        beta: decode(beta)?,
                    },
                    *weight,
                ))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok::<_, String>(v::aggregate(&cts))
    })
    .map_err(PyValueError::new_err)?;
    Ok((
        sum.alpha.compress().to_bytes().to_vec(),
        sum.beta.compress().to_bytes().to_vec(),
    ))
}

/// The `t ∈ [0, maximum]` with `t·K = point`, or `None` (`DLOG_OUT_OF_RANGE`).
#[pyfunction]
fn voting_dlog(py: Python<'_>, point: &[u8], key: &[u8], maximum: u64) -> PyResult<Option<u64>> {
    let p = tabularium_threshold::decode_point(point)
        .map_err(|e| PyValueError::new_err(format!("point: {e}")))?;
    let k = tabularium_threshold::decode_public_key(key)
        .map_err(|e| PyValueError::new_err(format!("key: {e}")))?;
    let cost = usize::try_from(maximum.isqrt())
        .unwrap_or(usize::MAX)
        .saturating_mul(8);
    Ok(run_maybe_detached(py, cost, move || {
        v::dlog(&p, &k, maximum).ok()
    }))
}

/// Each tallied total from `[(beta, shared), ...]`: the `t ∈ [0, maximum]` with
/// `t·K = beta − shared` (`shared` the guardians' combined `s·α`), or `None` beyond it; in
/// parallel with the GIL released.
#[pyfunction]
fn voting_decrypt_totals(
    py: Python<'_>,
    items: Vec<(Vec<u8>, Vec<u8>)>,
    key: &[u8],
    maximum: u64,
) -> PyResult<Vec<Option<u64>>> {
    let k = tabularium_threshold::decode_public_key(key)
        .map_err(|e| PyValueError::new_err(format!("key: {e}")))?;
    let mut points = Vec::with_capacity(items.len());
    for (n, (beta, shared)) in items.iter().enumerate() {
        let decode = |b: &[u8], what: &str| {
            tabularium_threshold::decode_point(b)
                .map_err(|e| PyValueError::new_err(format!("item {n}'s {what}: {e}")))
        };
        points.push((decode(beta, "beta")?, decode(shared, "shared")?));
    }
    let cost = usize::try_from(maximum.isqrt())
        .unwrap_or(usize::MAX)
        .saturating_mul(8)
        .saturating_mul(points.len());
    Ok(run_maybe_detached(py, cost, move || {
        v::decrypt_totals(&points, &k, maximum)
            .into_iter()
            .map(Result::ok)
            .collect()
    }))
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(voting_decrypt_totals, m)?)?;
    m.add_function(wrap_pyfunction!(voting_encrypt_ballot, m)?)?;
    m.add_function(wrap_pyfunction!(voting_verify_ballots, m)?)?;
    m.add_function(wrap_pyfunction!(voting_decrypt_with_nonce, m)?)?;
    m.add_function(wrap_pyfunction!(voting_aggregate, m)?)?;
    m.add_function(wrap_pyfunction!(voting_dlog, m)?)?;
    Ok(())
}
