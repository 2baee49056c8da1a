//! Proof verification, following RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency)
//! step by step. Every input is untrusted: wrong lengths are [`CoreError::InvalidProof`].

use crate::error::{CoreError, CoreResult};
use crate::hash::{EMPTY_ROOT, HASH_SIZE, Hash, hex, node_hash};
use crate::proof::{consistency_proof_plan, inclusion_proof_plan};

fn hash_arg(bytes: &[u8], what: &str) -> CoreResult<Hash> {
    Hash::try_from(bytes).map_err(|_| {
        CoreError::invalid_proof(format!(
            "{what} has {} bytes, want {HASH_SIZE}",
            bytes.len()
        ))
    })
}

fn proof_hashes<P: AsRef<[u8]>>(proof: &[P], want: usize) -> CoreResult<Vec<Hash>> {
    if proof.len() != want {
        return Err(CoreError::invalid_proof(format!(
            "proof has {} hashes, want {want}",
            proof.len()
        )));
    }
    proof
        .iter()
        .enumerate()
        .map(|(i, p)| hash_arg(p.as_ref(), &format!("proof[{i}]")))
        .collect()
}

fn check_root(what: &str, calculated: &Hash, want: &Hash) -> CoreResult<()> {
    if calculated == want {
        Ok(())
    } else {
        Err(CoreError::invalid_proof(format!(
            "{what} mismatch: calculated {}, want {}",
            hex(calculated),
            hex(want)
        )))
    }
}

/// Shifts `fn` and `sn` right together until `LSB(fn)` is set or `fn` is 0.
fn shift_until_odd_or_zero(f: &mut u64, s: &mut u64) {
    while *f & 1 == 0 && *f != 0 {
        *f >>= 1;
        *s >>= 1;
    }
}

/// Checks that `leaf_hash` is leaf `index` of the tree of `size` leaves with root `root`.
///
/// Fails with [`CoreError::InvalidProof`] when `index >= size`, when the proof does not have
/// exactly the length RFC 9162 gives for `(index, size)`, when any hash is not 32 bytes, or
/// when the recomputed root differs (the message carries both roots in hex).
pub fn verify_inclusion<P: AsRef<[u8]>>(
    leaf_hash: &[u8],
    index: u64,
    size: u64,
    proof: &[P],
    root: &[u8],
) -> CoreResult<()> {
    if index >= size {
        return Err(CoreError::invalid_proof(format!(
            "index {index} out of range for size {size}"
        )));
    }
    let want = inclusion_proof_plan(index, size)?.len();
    let proof = proof_hashes(proof, want)?;
    let leaf = hash_arg(leaf_hash, "leaf_hash")?;
    let root = hash_arg(root, "root")?;

    // RFC 9162 §2.1.3.2, steps 2-5.
    let (mut f, mut s) = (index, size - 1);
    let mut r = leaf;
    for p in &proof {
        if s == 0 {
            return Err(CoreError::invalid_proof(
                "proof is longer than the path to the root",
            ));
        }
        if f & 1 == 1 || f == s {
            r = node_hash(p, &r);
            if f & 1 == 0 {
                shift_until_odd_or_zero(&mut f, &mut s);
            }
        } else {
            r = node_hash(&r, p);
        }
        f >>= 1;
        s >>= 1;
    }
    if s != 0 {
        return Err(CoreError::invalid_proof(
            "proof is shorter than the path to the root",
        ));
    }
    check_root("root", &r, &root)
}

/// Checks that the tree of `old_size` leaves with root `old_root` is a prefix of the tree of
/// `new_size` leaves with root `new_root`.
///
/// RFC 9162 §2.1.4.2 semantics: `old_size > new_size` is invalid; `old_size == new_size`
/// requires an empty proof and equal roots; `old_size == 0` requires an empty proof and
/// `old_root == SHA-256("")`. Otherwise the proof must have exactly the RFC length and
/// reproduce both roots. All failures are [`CoreError::InvalidProof`].
pub fn verify_consistency<P: AsRef<[u8]>>(
    old_size: u64,
    new_size: u64,
    proof: &[P],
    old_root: &[u8],
    new_root: &[u8],
) -> CoreResult<()> {
    if old_size > new_size {
        return Err(CoreError::invalid_proof(format!(
            "old_size {old_size} > new_size {new_size}"
        )));
    }
    let old_root = hash_arg(old_root, "old_root")?;
    let new_root = hash_arg(new_root, "new_root")?;
    if old_size == new_size {
        proof_hashes(proof, 0)?;
        return check_root("old_root vs new_root of equal sizes", &old_root, &new_root);
    }
    if old_size == 0 {
        proof_hashes(proof, 0)?;
        return check_root("old_root of the empty tree", &old_root, &EMPTY_ROOT);
    }
    let want = consistency_proof_plan(old_size, new_size)?.len();
    let mut path = proof_hashes(proof, want)?;

    // RFC 9162 §2.1.4.2, steps 2-7.
    if old_size.is_power_of_two() {
        path.insert(0, old_root);
    }
    let (mut f, mut s) = (old_size - 1, new_size - 1);
    while f & 1 == 1 {
        f >>= 1;
        s >>= 1;
    }
    let (mut fr, mut sr) = (path[0], path[0]);
    for c in &path[1..] {
        if s == 0 {
            return Err(CoreError::invalid_proof(
                "proof is longer than the path to the root",
            ));
        }
        if f & 1 == 1 || f == s {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if f & 1 == 0 {
                shift_until_odd_or_zero(&mut f, &mut s);
            }
        } else {
            sr = node_hash(&sr, c);
        }
        f >>= 1;
        s >>= 1;
    }
    if s != 0 {
        return Err(CoreError::invalid_proof(
            "proof is shorter than the path to the root",
        ));
    }
    check_root("old_root", &fr, &old_root)?;
    check_root("new_root", &sr, &new_root)
}
