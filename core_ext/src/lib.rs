//! `tabularium._core`: the thin pyo3 binding of the `merkle`, `sigs`, `txcodec`, `threshold`
//! and `voting` crates.
//!
//! Private to `tabularium.crypto`, which wraps it in typed, documented functions. Each
//! concept has one file that converts arguments, releases the GIL around the pure crate and
//! registers its functions at the bottom; errors cross the boundary in `error.rs` only.

use pyo3::prelude::*;
use pyo3::types::PyDict;

mod ed25519;
mod error;
mod merkle;
mod threshold;
mod txcodec;
mod voting;

/// Work, in SHA-256 block compressions, below which a call keeps the GIL.
///
/// Giving the GIL up and taking it back costs a few microseconds when nobody else wants it,
/// and up to a whole switch interval (5 ms by default) when another thread is running Python:
/// a server's block writer that released the GIL around every single hash spent most of each
/// block waiting to get it back. About 100 µs of hashing is worth a release.
pub(crate) const DETACH_MIN_WORK: usize = 512;

/// Runs `f` with the GIL released when `work` (estimated compressions) makes it worthwhile,
/// else runs it holding the GIL. Arguments must already be owned (STYLE point 4).
pub(crate) fn run_maybe_detached<T, F>(py: Python<'_>, work: usize, f: F) -> T
where
    F: FnOnce() -> T + Send,
    T: Send,
{
    if work >= DETACH_MIN_WORK {
        py.detach(f)
    } else {
        f()
    }
}

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
    txcodec::register(m)?;
    threshold::register(m)?;
    voting::register(m)?;
    Ok(())
}
