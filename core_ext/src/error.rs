//! The one place where core errors become Python exceptions.
//!
//! Exception classes live in `tabularium.errors` (pure Python) and are imported here, so
//! Python code catches exactly the classes it defines.

use pyo3::PyErr;
use pyo3::exceptions::PyValueError;

pyo3::import_exception!(tabularium.errors, InvalidProof);
pyo3::import_exception!(tabularium.errors, InvalidSignature);

/// An error from either pure crate, on its way to Python.
pub enum CoreError {
    /// From the `merkle` crate.
    Merkle(tabularium_merkle::CoreError),
    /// From the `sigs` crate.
    Sigs(tabularium_sigs::CoreError),
}

impl From<tabularium_merkle::CoreError> for CoreError {
    fn from(e: tabularium_merkle::CoreError) -> Self {
        Self::Merkle(e)
    }
}

impl From<tabularium_sigs::CoreError> for CoreError {
    fn from(e: tabularium_sigs::CoreError) -> Self {
        Self::Sigs(e)
    }
}

impl From<CoreError> for PyErr {
    fn from(e: CoreError) -> Self {
        use tabularium_merkle::CoreError as M;
        match e {
            CoreError::Merkle(M::InvalidArgument(msg)) => PyValueError::new_err(msg),
            CoreError::Merkle(M::InvalidProof(msg)) => InvalidProof::new_err(msg),
            // Every signature failure, malformed lengths included, is InvalidSignature.
            CoreError::Sigs(err) => InvalidSignature::new_err(err.to_string()),
        }
    }
}

/// Result of a binding function that can fail in a pure crate.
pub type CoreResult<T> = Result<T, CoreError>;
