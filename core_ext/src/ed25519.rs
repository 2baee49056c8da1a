//! Binding of the `sigs` crate: Ed25519 verification under ZIP-215 rules.
//!
//! Single verification raises `tabularium.errors.InvalidSignature` (never returns `False`);
//! batch verification returns one `bool` per item.

use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use tabularium_sigs as sigs;

use crate::error::CoreResult;
use crate::run_maybe_detached;

/// One verification costs about as much as this many SHA-256 compressions (~50 µs).
const VERIFY_WORK: usize = 256;

/// Verifies one signature; raises `InvalidSignature`.
#[pyfunction]
fn ed25519_verify(
    py: Python<'_>,
    public_key: &[u8],
    message: &[u8],
    signature: &[u8],
) -> PyResult<()> {
    let (pk, msg, sig) = (public_key.to_vec(), message.to_vec(), signature.to_vec());
    let work = VERIFY_WORK + msg.len() / 64;
    run_maybe_detached(py, work, || -> CoreResult<()> {
        Ok(sigs::verify(&pk, &msg, &sig)?)
    })?;
    Ok(())
}

/// Verifies `(public_key, message, signature)` items; one `bool` per item.
#[pyfunction]
fn ed25519_verify_batch(py: Python<'_>, items: &Bound<'_, PyAny>) -> PyResult<Vec<bool>> {
    let mut owned: Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> = Vec::with_capacity(items.len().unwrap_or(0));
    for item in items.try_iter()? {
        let (pk, msg, sig) = item?.extract::<(PyBackedBytes, PyBackedBytes, PyBackedBytes)>()?;
        owned.push((pk.to_vec(), msg.to_vec(), sig.to_vec()));
    }
    let work = owned.len() * VERIFY_WORK;
    Ok(run_maybe_detached(py, work, || sigs::verify_batch(&owned)))
}

/// Adds this file's functions to `tabularium._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(ed25519_verify, m)?)?;
    m.add_function(wrap_pyfunction!(ed25519_verify_batch, m)?)?;
    Ok(())
}
