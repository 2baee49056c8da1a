//! `tabularium._core`: the thin pyo3 binding of the `merkle` and `sigs` crates.
//!
//! Private to `tabularium.crypto`, which wraps it in typed, documented functions. Each
//! concept has one file that converts arguments, releases the GIL around the pure crate and
//! registers its functions at the bottom; errors cross the boundary in `error.rs` only.

use pyo3::prelude::*;
use pyo3::types::PyDict;

mod ed25519;
mod error;
mod merkle;

/// Facts about this build, for bug reports: version, profile, target.
#[pyfunction]
fn build_info(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("version", env!("CARGO_PKG_VERSION"))?;
    d.set_item(
        "profile",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
    )?;
    d.set_item("target_arch", std::env::consts::ARCH)?;
    d.set_item("target_os", std::env::consts::OS)?;
    Ok(d)
}

/// The extension module `tabularium._core`.
#[pymodule(gil_used = false)]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(build_info, m)?)?;
    merkle::register(m)?;
    ed25519::register(m)?;
    Ok(())
}
