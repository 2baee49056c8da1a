//! Binding of the `merkle` crate: RFC 9162 hashing, roots, proofs, plans and verification.
//!
//! Each function takes its arguments out of Python objects, runs the pure crate (with the GIL
//! released when the work is worth it, see `DETACH_MIN_WORK`), then builds Python objects.
//! Lists of leaf data are not copied: a `PyBackedBytes` keeps a reference to its `bytes`
//! object, whose buffer is immutable, and may be read from any thread; small fixed-size
//! arguments (hashes) are copied. Precondition failures raise `ValueError` and proof failures
//! `tabularium.errors.InvalidProof` (see `error.rs`).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedBytes;
use pyo3::types::{PyBytes, PyList, PyTuple};
use tabularium_merkle as core;
use tabularium_merkle::{HASH_SIZE, Hash, NodeId};

use crate::error::CoreResult;
use crate::run_maybe_detached;

/// Every item of an iterable of `bytes` (`TypeError` for anything else, `bytearray`
/// included), borrowed without copying, and the compressions their leaf hashes cost.
fn backed_leaves(obj: &Bound<'_, PyAny>) -> PyResult<(Vec<PyBackedBytes>, usize)> {
    let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
    let mut work = 0;
    for item in obj.try_iter()? {
        let data = PyBackedBytes::from(item?.cast_into::<PyBytes>()?);
        work += core::hash::compressions(1 + data.len());
        out.push(data);
    }
    Ok((out, work))
}

/// [`backed_leaves`] without the cost, for proofs (lists of hashes the core checks).
fn backed_bytes(obj: &Bound<'_, PyAny>) -> PyResult<Vec<PyBackedBytes>> {
    Ok(backed_leaves(obj)?.0)
}

fn hash_of(bytes: &[u8], what: impl FnOnce() -> String) -> PyResult<Hash> {
    Hash::try_from(bytes).map_err(|_| {
        PyValueError::new_err(format!(
            "{} has {} bytes, want {HASH_SIZE}",
            what(),
            bytes.len()
        ))
    })
}

/// Copies an iterable of 32-byte `bytes`; `ValueError` names the first wrong one.
fn owned_hashes(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<Hash>> {
    let mut out = Vec::with_capacity(obj.len().unwrap_or(0));
    for (i, item) in obj.try_iter()?.enumerate() {
        let item = item?.cast_into::<PyBytes>()?;
        out.push(hash_of(item.as_bytes(), || format!("{what}[{i}]"))?);
    }
    Ok(out)
}

fn hash_list<'py>(py: Python<'py>, hashes: &[Hash]) -> PyResult<Bound<'py, PyList>> {
    PyList::new(py, hashes.iter().map(|h| PyBytes::new(py, h)))
}

fn id_pair(id: NodeId) -> (u32, u64) {
    (id.level, id.index)
}

fn plan_list(plan: Vec<Vec<NodeId>>) -> Vec<Vec<(u32, u64)>> {
    plan.into_iter()
        .map(|g| g.into_iter().map(id_pair).collect())
        .collect()
}

/// `SHA-256(0x00 || data)`.
#[pyfunction]
fn leaf_hash<'py>(py: Python<'py>, data: Bound<'py, PyBytes>) -> Bound<'py, PyBytes> {
    let data = PyBackedBytes::from(data);
    let work = core::hash::compressions(1 + data.len());
    let h = run_maybe_detached(py, work, || core::leaf_hash(&data));
    PyBytes::new(py, &h)
}

/// `leaf_hash` of each item.
#[pyfunction]
fn leaf_hashes<'py>(py: Python<'py>, datas: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let (datas, work) = backed_leaves(datas)?;
    let hashes = run_maybe_detached(py, work, || core::leaf_hashes(&datas));
    hash_list(py, &hashes)
}

/// `SHA-256(0x01 || left || right)`; `ValueError` unless both are 32 bytes.
#[pyfunction]
fn node_hash<'py>(py: Python<'py>, left: &[u8], right: &[u8]) -> PyResult<Bound<'py, PyBytes>> {
    let left = hash_of(left, || "left".into())?;
    let right = hash_of(right, || "right".into())?;
    Ok(PyBytes::new(py, &core::node_hash(&left, &right)))
}

/// RFC 9162 `MTH` of raw leaf data.
#[pyfunction]
fn root<'py>(py: Python<'py>, leaves: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyBytes>> {
    let (leaves, work) = backed_leaves(leaves)?;
    // About one interior node (two compressions) per leaf on top of the leaf hashes.
    let work = work + 2 * leaves.len();
    let h = run_maybe_detached(py, work, || core::root(&leaves));
    Ok(PyBytes::new(py, &h))
}

/// RFC 9162 `PATH(index, D[n])` of raw leaf data.
#[pyfunction]
fn inclusion_proof<'py>(
    py: Python<'py>,
    leaves: &Bound<'py, PyAny>,
    index: u64,
) -> PyResult<Bound<'py, PyList>> {
    let (leaves, work) = backed_leaves(leaves)?;
    let work = work + 2 * leaves.len();
    let proof = run_maybe_detached(py, work, || -> CoreResult<_> {
        Ok(core::inclusion_proof(&leaves, index)?)
    })?;
    hash_list(py, &proof)
}

/// RFC 9162 `PROOF(old_size, D[n])` of raw leaf data.
#[pyfunction]
fn consistency_proof<'py>(
    py: Python<'py>,
    leaves: &Bound<'py, PyAny>,
    old_size: u64,
) -> PyResult<Bound<'py, PyList>> {
    let (leaves, work) = backed_leaves(leaves)?;
    let work = work + 2 * leaves.len();
    let proof = run_maybe_detached(py, work, || -> CoreResult<_> {
        Ok(core::consistency_proof(&leaves, old_size)?)
    })?;
    hash_list(py, &proof)
}

/// RFC 9162 §2.1.3.2; raises `InvalidProof`.
#[pyfunction]
fn verify_inclusion(
    py: Python<'_>,
    leaf_hash: &[u8],
    index: u64,
    size: u64,
    proof: &Bound<'_, PyAny>,
    root: &[u8],
) -> PyResult<()> {
    let (leaf_hash, root, proof) = (leaf_hash.to_vec(), root.to_vec(), backed_bytes(proof)?);
    run_maybe_detached(py, 2 * proof.len(), || -> CoreResult<()> {
        Ok(core::verify_inclusion(
            &leaf_hash, index, size, &proof, &root,
        )?)
    })?;
    Ok(())
}

/// RFC 9162 §2.1.4.2; raises `InvalidProof`.
#[pyfunction]
fn verify_consistency(
    py: Python<'_>,
    old_size: u64,
    new_size: u64,
    proof: &Bound<'_, PyAny>,
    old_root: &[u8],
    new_root: &[u8],
) -> PyResult<()> {
    let (old_root, new_root, proof) = (old_root.to_vec(), new_root.to_vec(), backed_bytes(proof)?);
    run_maybe_detached(py, 4 * proof.len(), || -> CoreResult<()> {
        Ok(core::verify_consistency(
            old_size, new_size, &proof, &old_root, &new_root,
        )?)
    })?;
    Ok(())
}

/// Appends leaf hashes to a compact range: `(frontier, completed nodes, root)`.
#[pyfunction]
fn append<'py>(
    py: Python<'py>,
    size: u64,
    frontier: &Bound<'py, PyAny>,
    leaf_hashes: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyTuple>> {
    let frontier = owned_hashes(frontier, "frontier")?;
    let leaves = owned_hashes(leaf_hashes, "leaf_hashes")?;
    let work = 2 * (leaves.len() + frontier.len());
    let r = run_maybe_detached(py, work, || -> CoreResult<_> {
        Ok(core::append(size, &frontier, &leaves)?)
    })?;
    let nodes = PyList::new(
        py,
        r.nodes
            .iter()
            .map(|(id, h)| (id.level, id.index, PyBytes::new(py, h))),
    )?;
    let tuple_items: [Bound<'py, PyAny>; 3] = [
        hash_list(py, &r.frontier)?.into_any(),
        nodes.into_any(),
        PyBytes::new(py, &r.root).into_any(),
    ];
    PyTuple::new(py, tuple_items)
}

/// Maximal aligned complete subtrees of `[begin, end)`, left to right.
#[pyfunction]
fn range_nodes(begin: u64, end: u64) -> PyResult<Vec<(u32, u64)>> {
    let nodes = core::range_nodes(begin, end).map_err(crate::error::CoreError::from)?;
    Ok(nodes.into_iter().map(id_pair).collect())
}

/// Node groups whose folds are `PATH(index, D[size])`.
#[pyfunction]
fn inclusion_proof_plan(index: u64, size: u64) -> PyResult<Vec<Vec<(u32, u64)>>> {
    let plan = core::inclusion_proof_plan(index, size).map_err(crate::error::CoreError::from)?;
    Ok(plan_list(plan))
}

/// Node groups whose folds are `PROOF(old_size, D[new_size])`.
#[pyfunction]
fn consistency_proof_plan(old_size: u64, new_size: u64) -> PyResult<Vec<Vec<(u32, u64)>>> {
    let plan =
        core::consistency_proof_plan(old_size, new_size).map_err(crate::error::CoreError::from)?;
    Ok(plan_list(plan))
}

/// Folds each group of hashes right-to-left.
#[pyfunction]
fn fold_groups<'py>(py: Python<'py>, groups: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyList>> {
    let mut owned = Vec::with_capacity(groups.len().unwrap_or(0));
    for (i, group) in groups.try_iter()?.enumerate() {
        owned.push(owned_hashes(&group?, &format!("groups[{i}]"))?);
    }
    let work = 2 * owned.iter().map(Vec::len).sum::<usize>();
    let folded = run_maybe_detached(py, work, || -> CoreResult<_> {
        Ok(core::fold_groups(&owned)?)
    })?;
    hash_list(py, &folded)
}

/// Root from a compact range (right-to-left fold; empty tree root when empty).
#[pyfunction]
fn root_from_frontier<'py>(
    py: Python<'py>,
    frontier: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyBytes>> {
    let frontier = owned_hashes(frontier, "frontier")?;
    let h = run_maybe_detached(py, 2 * frontier.len(), || {
        core::root_from_frontier(&frontier)
    });
    Ok(PyBytes::new(py, &h))
}

/// Adds this file's functions to `tabularium._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(leaf_hash, m)?)?;
    m.add_function(wrap_pyfunction!(leaf_hashes, m)?)?;
    m.add_function(wrap_pyfunction!(node_hash, m)?)?;
    m.add_function(wrap_pyfunction!(root, m)?)?;
    m.add_function(wrap_pyfunction!(inclusion_proof, m)?)?;
    m.add_function(wrap_pyfunction!(consistency_proof, m)?)?;
    m.add_function(wrap_pyfunction!(verify_inclusion, m)?)?;
    m.add_function(wrap_pyfunction!(verify_consistency, m)?)?;
    m.add_function(wrap_pyfunction!(append, m)?)?;
    m.add_function(wrap_pyfunction!(range_nodes, m)?)?;
    m.add_function(wrap_pyfunction!(inclusion_proof_plan, m)?)?;
    m.add_function(wrap_pyfunction!(consistency_proof_plan, m)?)?;
    m.add_function(wrap_pyfunction!(fold_groups, m)?)?;
    m.add_function(wrap_pyfunction!(root_from_frontier, m)?)?;
    Ok(())
}
