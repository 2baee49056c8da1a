//! Binding of the `threshold` crate: ristretto255 proofs, Feldman sharing, Lagrange combination.
//!
//! Points and scalars cross as 32-byte `bytes` (RFC 9496 encodings; scalars little-endian,
//! canonical). A malformed encoding raises `ValueError` naming it; a proof or share that does
//! not verify returns `False`. Nonces are arguments: the Python side draws them from
//! `secrets` (or derives them), so this code has no randomness of its own.

// pyo3 hands list arguments over as owned `Vec`s; taking them by value is its convention.
#![allow(clippy::needless_pass_by_value)]

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use tabularium_threshold as th;

use crate::run_maybe_detached;

/// A 32-byte encoding (point or scalar) on its way to Python.
type Bytes = Vec<u8>;
/// A proof's `(c, v)`.
type ProofBytes = (Bytes, Bytes);

/// One scalar multiplication costs about as much as this many SHA-256 compressions (~25 µs).
const MULT_WORK: usize = 128;

fn point(bytes: &[u8], what: &str) -> PyResult<th::Point> {
    th::decode_point(bytes).map_err(|e| PyValueError::new_err(format!("{what}: {e}")))
}

fn key(bytes: &[u8], what: &str) -> PyResult<th::Point> {
    th::decode_public_key(bytes).map_err(|e| PyValueError::new_err(format!("{what}: {e}")))
}

fn scalar(bytes: &[u8], what: &str) -> PyResult<th::Scalar> {
    th::decode_scalar(bytes).map_err(|e| PyValueError::new_err(format!("{what}: {e}")))
}

fn enc(p: &th::Point) -> Vec<u8> {
    p.compress().to_bytes().to_vec()
}

fn threshold_error(e: &th::ThresholdError) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// `H(key; domain, parts...)` mod ℓ, as 32 bytes.
#[pyfunction]
fn threshold_challenge(key: &[u8], domain: u8, parts: Vec<Vec<u8>>) -> Vec<u8> {
    let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    th::challenge(key, domain, &parts).to_bytes().to_vec()
}

/// Schnorr proof of `secret` for `public = secret·G`: `(public, c, v)`.
#[pyfunction]
fn threshold_schnorr_prove(
    py: Python<'_>,
    context_key: &[u8],
    secret: &[u8],
    nonce: &[u8],
    context: &[u8],
) -> PyResult<(Bytes, Bytes, Bytes)> {
    let (x, u) = (scalar(secret, "secret")?, scalar(nonce, "nonce")?);
    let (k, ctx) = (context_key.to_vec(), context.to_vec());
    Ok(run_maybe_detached(py, 2 * MULT_WORK, move || {
        let public = x * th::generator();
        let proof = th::Schnorr::prove(&k, &x, &public, &u, &ctx);
        (
            enc(&public),
            proof.c.to_bytes().to_vec(),
            proof.v.to_bytes().to_vec(),
        )
    }))
}

/// Whether `(c, v)` proves knowledge of the discrete logarithm of `public` (a key: the
/// identity is refused with `ValueError`).
#[pyfunction]
fn threshold_schnorr_verify(
    py: Python<'_>,
    context_key: &[u8],
    public: &[u8],
    c: &[u8],
    v: &[u8],
    context: &[u8],
) -> PyResult<bool> {
    let public = key(public, "public key")?;
    let proof = th::Schnorr {
        c: scalar(c, "c")?,
        v: scalar(v, "v")?,
    };
    let (k, ctx) = (context_key.to_vec(), context.to_vec());
    Ok(run_maybe_detached(py, 2 * MULT_WORK, move || {
        proof.verify(&k, &public, &ctx)
    }))
}

/// Chaum–Pedersen proof that `result = secret·base` for `public = secret·G`:
/// `(public, result, c, v)`.
#[pyfunction]
fn threshold_chaum_pedersen_prove(
    py: Python<'_>,
    context_key: &[u8],
    secret: &[u8],
    base: &[u8],
    nonce: &[u8],
    context: &[u8],
) -> PyResult<(Bytes, Bytes, Bytes, Bytes)> {
    let (x, u) = (scalar(secret, "secret")?, scalar(nonce, "nonce")?);
    let base = key(base, "base")?;
    let (k, ctx) = (context_key.to_vec(), context.to_vec());
    Ok(run_maybe_detached(py, 4 * MULT_WORK, move || {
        let (public, result) = (x * th::generator(), x * base);
        let proof = th::ChaumPedersen::prove(&k, &x, &public, &base, &result, &u, &ctx);
        (
            enc(&public),
            enc(&result),
            proof.c.to_bytes().to_vec(),
            proof.v.to_bytes().to_vec(),
        )
    }))
}

/// Whether `(c, v)` proves `result = x·base` for the `x` of `public = x·G`.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn threshold_chaum_pedersen_verify(
    py: Python<'_>,
    context_key: &[u8],
    public: &[u8],
    base: &[u8],
    result: &[u8],
    c: &[u8],
    v: &[u8],
    context: &[u8],
) -> PyResult<bool> {
    let (public, base) = (key(public, "public key")?, key(base, "base")?);
    let result = point(result, "result")?;
    let proof = th::ChaumPedersen {
        c: scalar(c, "c")?,
        v: scalar(v, "v")?,
    };
    let (k, ctx) = (context_key.to_vec(), context.to_vec());
    Ok(run_maybe_detached(py, 4 * MULT_WORK, move || {
        proof.verify(&k, &public, &base, &result, &ctx)
    }))
}

fn polynomial(coefficients: &[Vec<u8>]) -> PyResult<th::Polynomial> {
    let scalars = coefficients
        .iter()
        .enumerate()
        .map(|(j, a)| scalar(a, &format!("coefficient {j}")))
        .collect::<PyResult<Vec<_>>>()?;
    th::Polynomial::new(scalars).map_err(|e| threshold_error(&e))
}

/// Feldman commitments `a_j·G` of a polynomial's coefficients (`a_0` first).
#[pyfunction]
fn threshold_commitments(py: Python<'_>, coefficients: Vec<Vec<u8>>) -> PyResult<Vec<Vec<u8>>> {
    let f = polynomial(&coefficients)?;
    let work = f.threshold() * MULT_WORK;
    Ok(run_maybe_detached(py, work, move || {
        f.commitments().iter().map(enc).collect()
    }))
}

/// Commitments and one Schnorr proof per coefficient (`context` then `j` as a big-endian u32
/// in proof `j`'s statement): `(commitments, [(c, v)...])`.
#[pyfunction]
fn threshold_prove_commitments(
    py: Python<'_>,
    context_key: &[u8],
    coefficients: Vec<Vec<u8>>,
    nonces: Vec<Vec<u8>>,
    context: &[u8],
) -> PyResult<(Vec<Bytes>, Vec<ProofBytes>)> {
    let f = polynomial(&coefficients)?;
    if nonces.len() != f.threshold() {
        return Err(PyValueError::new_err("give one nonce per coefficient"));
    }
    let nonces = nonces
        .iter()
        .enumerate()
        .map(|(j, u)| scalar(u, &format!("nonce {j}")))
        .collect::<PyResult<Vec<_>>>()?;
    let (k, ctx) = (context_key.to_vec(), context.to_vec());
    let work = 3 * f.threshold() * MULT_WORK;
    Ok(run_maybe_detached(py, work, move || {
        let proofs = f.prove_commitments(&k, &nonces, &ctx);
        let commitments = f.commitments().iter().map(enc).collect();
        let proofs = proofs
            .iter()
            .map(|p| (p.c.to_bytes().to_vec(), p.v.to_bytes().to_vec()))
            .collect();
        (commitments, proofs)
    }))
}

/// Whether each commitment's proof verifies (one per commitment, in order).
#[pyfunction]
fn threshold_verify_commitments(
    py: Python<'_>,
    context_key: &[u8],
    commitments: Vec<Vec<u8>>,
    proofs: Vec<(Vec<u8>, Vec<u8>)>,
    context: &[u8],
) -> PyResult<bool> {
    let points = commitments
        .iter()
        .enumerate()
        .map(|(j, c)| key(c, &format!("commitment {j}")))
        .collect::<PyResult<Vec<_>>>()?;
    let proofs = proofs
        .iter()
        .map(|(c, v)| {
            Ok(th::Schnorr {
                c: scalar(c, "c")?,
                v: scalar(v, "v")?,
            })
        })
        .collect::<PyResult<Vec<_>>>()?;
    let (k, ctx) = (context_key.to_vec(), context.to_vec());
    let work = 2 * points.len() * MULT_WORK;
    Ok(run_maybe_detached(py, work, move || {
        th::verify_commitments(&k, &points, &proofs, &ctx)
    }))
}

/// The share `f(index)` of member `index ≥ 1`.
#[pyfunction]
fn threshold_share(coefficients: Vec<Vec<u8>>, index: u32) -> PyResult<Vec<u8>> {
    let f = polynomial(&coefficients)?;
    let share = f.share(index).map_err(|e| threshold_error(&e))?;
    Ok(share.to_bytes().to_vec())
}

/// Whether `share` is member `index`'s value of the polynomial committed to.
#[pyfunction]
fn threshold_verify_share(
    py: Python<'_>,
    commitments: Vec<Vec<u8>>,
    index: u32,
    share: &[u8],
) -> PyResult<bool> {
    let points = commitments
        .iter()
        .enumerate()
        .map(|(j, c)| point(c, &format!("commitment {j}")))
        .collect::<PyResult<Vec<_>>>()?;
    let share = scalar(share, "share")?;
    let work = (points.len() + 1) * MULT_WORK;
    Ok(run_maybe_detached(py, work, move || {
        th::verify_share(&points, index, &share)
    }))
}

/// Whether `bytes` is a canonical ristretto255 encoding of a point other than the identity
/// (a usable public key or ElGamal `alpha`).
#[pyfunction]
fn threshold_is_key(bytes: &[u8]) -> bool {
    th::decode_public_key(bytes).is_ok()
}

/// The joint public key (`index` 0) or member `index`'s public share key, from every
/// dealer's Feldman commitments.
#[pyfunction]
fn threshold_joint_share_commitment(
    py: Python<'_>,
    dealers: Vec<Vec<Vec<u8>>>,
    index: u32,
) -> PyResult<Bytes> {
    let decoded = dealers
        .iter()
        .enumerate()
        .map(|(d, commitments)| {
            commitments
                .iter()
                .enumerate()
                .map(|(j, c)| point(c, &format!("dealer {d} commitment {j}")))
                .collect::<PyResult<Vec<_>>>()
        })
        .collect::<PyResult<Vec<_>>>()?;
    let work = decoded.iter().map(Vec::len).sum::<usize>() * MULT_WORK;
    Ok(enc(&run_maybe_detached(py, work, move || {
        th::joint_share_commitment(&decoded, index)
    })))
}

/// The Lagrange coefficient of `index` at 0 over `indices`.
#[pyfunction]
fn threshold_lagrange(index: u32, indices: Vec<u32>) -> PyResult<Vec<u8>> {
    let w = th::lagrange_at_zero(index, &indices).map_err(|e| threshold_error(&e))?;
    Ok(w.to_bytes().to_vec())
}

/// `Σ w_i·M_i` over `(index, M_i)` parts: `f(0)·A` from at least `threshold` of them.
#[pyfunction]
fn threshold_combine(
    py: Python<'_>,
    parts: Vec<(u32, Vec<u8>)>,
    threshold: usize,
) -> PyResult<Vec<u8>> {
    let decoded = parts
        .iter()
        .map(|(i, m)| Ok((*i, point(m, &format!("part {i}"))?)))
        .collect::<PyResult<Vec<_>>>()?;
    let work = decoded.len() * MULT_WORK;
    let combined = run_maybe_detached(py, work, move || th::combine(&decoded, threshold));
    Ok(enc(&combined.map_err(|e| threshold_error(&e))?))
}

/// Hashed ElGamal of `plaintext` to `recipient` with the one-time `nonce`:
/// `(alpha, ciphertext, mac)`.
#[pyfunction]
fn threshold_elgamal_encrypt(
    py: Python<'_>,
    context_key: &[u8],
    recipient: &[u8],
    nonce: &[u8],
    plaintext: &[u8],
    context: &[u8],
) -> PyResult<(Bytes, Bytes, Bytes)> {
    let recipient = key(recipient, "recipient key")?;
    let nonce = scalar(nonce, "nonce")?;
    let (k, m, ctx) = (context_key.to_vec(), plaintext.to_vec(), context.to_vec());
    let sealed = run_maybe_detached(py, 2 * MULT_WORK, move || {
        th::HashedElGamal::encrypt(&k, &recipient, &nonce, &m, &ctx)
    })
    .map_err(|e| threshold_error(&e))?;
    Ok((enc(&sealed.alpha), sealed.ciphertext, sealed.mac.to_vec()))
}

/// The plaintext of a hashed-ElGamal ciphertext for `secret`; `ValueError` if it does not
/// authenticate (changed, or another key or context).
#[pyfunction]
fn threshold_elgamal_decrypt(
    py: Python<'_>,
    context_key: &[u8],
    secret: &[u8],
    alpha: &[u8],
    ciphertext: &[u8],
    mac: &[u8],
    context: &[u8],
) -> PyResult<Bytes> {
    let secret = scalar(secret, "secret")?;
    let sealed = th::HashedElGamal {
        alpha: key(alpha, "alpha")?,
        ciphertext: ciphertext.to_vec(),
        mac: mac
            .try_into()
            .map_err(|_| PyValueError::new_err("mac: not 32 bytes"))?,
    };
    let (k, ctx) = (context_key.to_vec(), context.to_vec());
    run_maybe_detached(py, 2 * MULT_WORK, move || sealed.decrypt(&k, &secret, &ctx))
        .map_err(|e| threshold_error(&e))
}

/// The plaintext of a hashed-ElGamal ciphertext to `recipient`, from the shared point
/// `shared = x·alpha` (combined partial decryptions); `ValueError` if it does not
/// authenticate.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn threshold_elgamal_open(
    py: Python<'_>,
    context_key: &[u8],
    recipient: &[u8],
    shared: &[u8],
    alpha: &[u8],
    ciphertext: &[u8],
    mac: &[u8],
    context: &[u8],
) -> PyResult<Bytes> {
    let recipient = key(recipient, "recipient key")?;
    let shared = point(shared, "shared point")?;
    let sealed = th::HashedElGamal {
        alpha: key(alpha, "alpha")?,
        ciphertext: ciphertext.to_vec(),
        mac: mac
            .try_into()
            .map_err(|_| PyValueError::new_err("mac: not 32 bytes"))?,
    };
    let (k, ctx) = (context_key.to_vec(), context.to_vec());
    run_maybe_detached(py, MULT_WORK, move || {
        sealed.open(&k, &recipient, &shared, &ctx)
    })
    .map_err(|e| threshold_error(&e))
}

/// Adds this file's functions to `tabularium._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(threshold_challenge, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_schnorr_prove, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_schnorr_verify, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_chaum_pedersen_prove, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_chaum_pedersen_verify, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_commitments, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_share, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_prove_commitments, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_verify_commitments, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_verify_share, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_lagrange, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_combine, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_elgamal_encrypt, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_elgamal_decrypt, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_elgamal_open, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_joint_share_commitment, m)?)?;
    m.add_function(wrap_pyfunction!(threshold_is_key, m)?)?;
    Ok(())
}
