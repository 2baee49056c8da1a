//! Binding of the `txcodec` crate: a batch of submitted transactions decoded, statically
//! checked, hashed and signature-verified in one call.
//!
//! Each result is either a tuple of the decoded fields or the code of the first failing
//! check (`TXCODEC_REASONS[code]` is its Python `reason`; Python builds the message).

use std::collections::HashMap;

use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use tabularium_txcodec as txcodec;

use crate::run_maybe_detached;

/// One verification costs about as much as this many SHA-256 compressions (~50 µs); each
/// valid transaction has at least one signature.
const VERIFY_WORK: usize = 256;

/// The registered type URLs, borrowed from the dict's `str` keys: `(max_bytes, key index)`.
struct Table<'a>(HashMap<&'a str, (i64, usize)>);

impl txcodec::ActionTable for Table<'_> {
    fn max_bytes(&self, type_url: &str) -> Option<i64> {
        self.0.get(type_url).map(|&(limit, _)| limit)
    }
}

/// A Python `int` of a microsecond count (an `i64` when it fits, the common case).
fn micros(py: Python<'_>, us: i128) -> PyResult<Bound<'_, PyAny>> {
    Ok(match i64::try_from(us) {
        Ok(small) => small.into_pyobject(py)?.into_any(),
        Err(_) => us.into_pyobject(py)?.into_any(),
    })
}

fn decoded<'py>(
    py: Python<'py>,
    v: &txcodec::Verified<'_>,
    type_url: &Py<PyString>,
) -> PyResult<Bound<'py, PyTuple>> {
    let tx = &v.tx;
    let fields: [Bound<'py, PyAny>; 13] = [
        PyBytes::new(py, tx.body).into_any(),
        PyString::new(py, tx.chain_id).into_any(),
        PyBytes::new(py, tx.nonce).into_any(),
        micros(py, tx.not_before_us)?,
        micros(py, tx.not_after_us)?,
        PyTuple::new(py, tx.signers.iter().map(|k| PyBytes::new(py, &k[..])))?.into_any(),
        PyTuple::new(py, tx.signatures.iter().map(|s| PyBytes::new(py, &s[..])))?.into_any(),
        type_url.bind(py).clone().into_any(),
        PyBytes::new(py, tx.value).into_any(),
        PyString::new(py, tx.memo).into_any(),
        PyBytes::new(py, &v.tx_hash).into_any(),
        PyBytes::new(py, &v.leaf_hash).into_any(),
        pyo3::types::PyBool::new(py, v.sig_ok).to_owned().into_any(),
    ];
    PyTuple::new(py, fields)
}

/// Decodes and checks each transaction of `raws` like `decode_transaction` (short of the
/// action's decoder), hashes it and verifies its signatures; one result per item.
///
/// Requires `chain_id` as UTF-8 bytes and `action_max_bytes` mapping every registered type
/// URL to its size limit (0: `max_tx_bytes`). The transactions are borrowed, not copied:
/// `bytes` are immutable, so they cannot change while the GIL is released.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn tx_decode_batch<'py>(
    py: Python<'py>,
    raws: &Bound<'py, PyAny>,
    chain_id: &[u8],
    max_window_us: i128,
    max_tx_bytes: i64,
    ceiling: i64,
    action_max_bytes: &Bound<'py, PyDict>,
) -> PyResult<Bound<'py, PyList>> {
    let mut owned: Vec<PyBackedBytes> = Vec::with_capacity(raws.len().unwrap_or(0));
    for item in raws.try_iter()? {
        owned.push(item?.extract::<PyBackedBytes>()?);
    }
    let mut keys: Vec<(PyBackedStr, i64)> = Vec::with_capacity(action_max_bytes.len());
    for (url, limit) in action_max_bytes.iter() {
        keys.push((url.extract()?, limit.extract()?));
    }
    let table = Table(
        keys.iter()
            .enumerate()
            .map(|(i, (url, limit))| (&**url, (*limit, i)))
            .collect(),
    );
    let chain_id = chain_id.to_vec();
    let policy = txcodec::Policy {
        chain_id: &chain_id,
        max_window_us,
        max_tx_bytes,
        ceiling,
        actions: &table,
    };
    let bytes: usize = owned.iter().map(|r| r.len()).sum();
    let work = owned.len() * VERIFY_WORK + bytes / 32;
    let results = run_maybe_detached(py, work, || txcodec::decode_batch(&owned, &policy));
    let out = PyList::empty(py);
    for result in &results {
        match result {
            Ok(v) => {
                let (_, index) = table.0[v.tx.type_url];
                out.append(decoded(py, v, keys[index].0.as_py_str())?)?;
            }
            Err(rejection) => out.append(rejection.code())?,
        }
    }
    Ok(out)
}

/// Adds this file's function and `TXCODEC_REASONS` to `tabularium._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let reasons = txcodec::Rejection::ALL.map(txcodec::Rejection::reason);
    m.add("TXCODEC_REASONS", PyTuple::new(m.py(), reasons)?)?;
    m.add_function(wrap_pyfunction!(tx_decode_batch, m)?)?;
    Ok(())
}
