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
///
/// The items are not copied: each `PyBackedBytes` keeps a reference to an immutable `bytes`
/// object (a `bytearray` is copied once), so the chunks read them with the GIL released.
#[pyfunction]
fn ed25519_verify_batch(py: Python<'_>, items: &Bound<'_, PyAny>) -> PyResult<Vec<bool>> {
    let mut backed: Vec<(PyBackedBytes, PyBackedBytes, PyBackedBytes)> =
        Vec::with_capacity(items.len().unwrap_or(0));
    for item in items.try_iter()? {
        backed.push(item?.extract()?);
    }
    let work = backed.len() * VERIFY_WORK;
    Ok(run_maybe_detached(py, work, || sigs::verify_batch(&backed)))
}

/// Adds this file's functions to `tabularium._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(ed25519_verify, m)?)?;
    m.add_function(wrap_pyfunction!(ed25519_verify_batch, m)?)?;
    Ok(())
}
