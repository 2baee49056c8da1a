//! Roots and proofs (RFC 9162 §2.1.1, §2.1.3.1, §2.1.4.1), as node plans and from raw leaves.
//!
//! A *plan* lists, for each proof hash in RFC order (bottom-up), the group of complete nodes
//! whose hashes folded right-to-left ([`fold_group`]) give that proof hash. A group has one
//! node when the RFC's subtree is complete, and several when it is the ephemeral right-border
//! subtree of a tree whose size is not a power of two. Storage fetches the listed nodes;
//! the algorithms never touch storage.

use rayon::prelude::*;

use crate::compact::root_from_frontier;
use crate::error::{CoreError, CoreResult};
use crate::hash::{Hash, leaf_cost, leaf_hash, leaf_hashes, node_hash, task_len};
use crate::node::{NodeId, decompose};

/// Largest power of two strictly smaller than `n`. Requires `n >= 2`.
fn split_point(n: u64) -> u64 {
    debug_assert!(n >= 2);
    1 << (n - 1).ilog2()
}

/// `MTH(D[leaves])` of raw leaf data (RFC 9162 §2.1.1); `SHA-256("")` for no leaves.
///
/// No list of leaf hashes is built: [`subtree_root`] keeps one hash per level. A large tree is
/// cut into runs of `2^k` leaves, rooted by rayon tasks in parallel and then combined; a small
/// tree (under two tasks' worth, see `TASK_WORK`) or a pool of one thread stays on the
/// calling thread.
pub fn root<D: AsRef<[u8]> + Sync>(leaves: &[D]) -> Hash {
    // A leaf costs its own hash and about one interior node (a tree has n - 1 of them).
    let cost = |i: usize| leaf_cost(leaves[i].as_ref()) + 2;
    match task_len(leaves.len(), cost) {
        None => subtree_root(leaves),
        Some(len) => {
            // A run of `2^k` leaves starts at a multiple of `2^k`, so every run but the last is
            // the complete node `(k, i)`, and RFC 9162 splits a range of more than `2^k` leaves
            // at a power of two >= `2^k`, on a run boundary. So the tree over the runs' roots
            // (the last one the root of whatever leaves it has) has the same root.
            let run = 1 << len.ilog2();
            root_of_leaf_hashes(leaves.par_chunks(run).map(subtree_root).collect())
        }
    }
}

/// `MTH` of `leaves` on the calling thread, keeping only the compact range (one hash per
/// completed level, largest subtree first), as [`crate::append`] does.
fn subtree_root<D: AsRef<[u8]>>(leaves: &[D]) -> Hash {
    let mut range: Vec<Hash> = Vec::with_capacity(usize::BITS as usize);
    for (i, leaf) in leaves.iter().enumerate() {
        let mut h = leaf_hash(leaf.as_ref());
        // Leaf i completes one node per trailing one bit of i: a carry chain.
        for _ in 0..i.trailing_ones() {
            let left = range.pop().expect("a carry at leaf i has a left sibling");
            h = node_hash(&left, &h);
        }
        range.push(h);
    }
    root_from_frontier(&range)
}

/// Root over leaf hashes (or over any level of equal complete subtrees but a last, smaller
/// one), hashing level by level. A lone last node moves up unchanged, which is exactly how
/// RFC 9162's split at the largest power of two shapes the tree.
pub fn root_of_leaf_hashes(mut level: Vec<Hash>) -> Hash {
    if level.is_empty() {
        return crate::hash::EMPTY_ROOT;
    }
    while level.len() > 1 {
        let pair = |p: &[Hash]| {
            if p.len() == 2 {
                node_hash(&p[0], &p[1])
            } else {
                p[0]
            }
        };
        // Two hashes (one pair) cost two compressions: one per hash.
        level = match task_len(level.len(), |_| 1) {
            None => level.chunks(2).map(pair).collect(),
            Some(len) => level
                .par_chunks(2)
                .with_min_len(len / 2)
                .map(pair)
                .collect(),
        };
    }
    level[0]
}

/// The complete nodes of a tree: `levels[l][i]` is the hash of node `(l, i)`.
struct CompleteNodes {
    levels: Vec<Vec<Hash>>,
}

impl CompleteNodes {
    fn new<D: AsRef<[u8]> + Sync>(leaves: &[D]) -> Self {
        let mut levels = vec![leaf_hashes(leaves)];
        while let Some(below) = levels.last().filter(|l| l.len() >= 2) {
            let above = below
                .chunks_exact(2)
                .map(|p| node_hash(&p[0], &p[1]))
                .collect();
            levels.push(above);
        }
        Self { levels }
    }

    fn get(&self, id: NodeId) -> Hash {
        self.levels[id.level as usize][id.index as usize]
    }

    fn fold_plan(&self, plan: &[Vec<NodeId>]) -> Vec<Hash> {
        plan.iter()
            .map(|group| {
                let hashes: Vec<Hash> = group.iter().map(|&id| self.get(id)).collect();
                fold_group(&hashes).expect("plans have no empty groups")
            })
            .collect()
    }
}

/// Folds a group right-to-left: `h = g[last]; for x in g[..last].rev(): h = node_hash(x, h)`.
/// An empty group is an [`CoreError::InvalidArgument`].
pub fn fold_group(group: &[Hash]) -> CoreResult<Hash> {
    let mut it = group.iter().rev();
    let last = it
        .next()
        .ok_or_else(|| CoreError::invalid_argument("group is empty, want at least 1 hash"))?;
    Ok(it.fold(*last, |acc, h| node_hash(h, &acc)))
}

/// [`fold_group`] of each group, in order: turns hashes fetched for a plan into a proof.
pub fn fold_groups<G: AsRef<[Hash]>>(groups: &[G]) -> CoreResult<Vec<Hash>> {
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| {
            fold_group(g.as_ref()).map_err(|_| {
                CoreError::invalid_argument(format!("group {i} is empty, want at least 1 hash"))
            })
        })
        .collect()
}

/// The nodes whose right fold is `MTH(D[begin:end])`; a single node when that is complete.
fn subtree(begin: u64, end: u64) -> Vec<NodeId> {
    decompose(begin, end)
}

/// Plan of `PATH(index, D[size])` (RFC 9162 §2.1.3.1). Requires `index < size`.
pub fn inclusion_proof_plan(index: u64, size: u64) -> CoreResult<Vec<Vec<NodeId>>> {
    if index >= size {
        return Err(CoreError::invalid_argument(format!(
            "index {index} out of range for size {size}"
        )));
    }
    // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])      if m < k
    //               = PATH(m - k, D[k:n]) : MTH(D[0:k])  if m >= k
    // The recursion appends after recursing, so collect top-down and reverse.
    let (mut m, mut start, mut n) = (index, 0u64, size);
    let mut top_down = Vec::new();
    while n > 1 {
        let k = split_point(n);
        if m < k {
            top_down.push(subtree(start + k, start + n));
            n = k;
        } else {
            top_down.push(subtree(start, start + k));
            m -= k;
            start += k;
            n -= k;
        }
    }
    top_down.reverse();
    Ok(top_down)
}

/// Plan of `PROOF(old_size, D[new_size])` (RFC 9162 §2.1.4.1). Requires
/// `old_size <= new_size`; empty when `old_size` is 0 or equals `new_size`.
pub fn consistency_proof_plan(old_size: u64, new_size: u64) -> CoreResult<Vec<Vec<NodeId>>> {
    if old_size > new_size {
        return Err(CoreError::invalid_argument(format!(
            "old_size {old_size} > new_size {new_size}, want old_size <= new_size"
        )));
    }
    if old_size == 0 || old_size == new_size {
        return Ok(Vec::new());
    }
    // SUBPROOF(m, D[n], b): m == n: [] if b else [MTH(D[n])]
    //   m <= k: SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
    //   m > k:  SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
    let (mut m, mut start, mut n, mut b) = (old_size, 0u64, new_size, true);
    let mut top_down = Vec::new();
    loop {
        if m == n {
            if !b {
                top_down.push(subtree(start, start + n));
            }
            break;
        }
        let k = split_point(n);
        if m <= k {
            top_down.push(subtree(start + k, start + n));
            n = k;
        } else {
            top_down.push(subtree(start, start + k));
            m -= k;
            start += k;
            n -= k;
            b = false;
        }
    }
    top_down.reverse();
    Ok(top_down)
}

/// `PATH(index, D[leaves])` over raw leaf data. Requires `index < leaves.len()`.
pub fn inclusion_proof<D: AsRef<[u8]> + Sync>(leaves: &[D], index: u64) -> CoreResult<Vec<Hash>> {
    let plan = inclusion_proof_plan(index, leaves.len() as u64)?;
    Ok(CompleteNodes::new(leaves).fold_plan(&plan))
}

/// `PROOF(old_size, D[leaves])` over raw leaf data. Requires `old_size <= leaves.len()`.
pub fn consistency_proof<D: AsRef<[u8]> + Sync>(
    leaves: &[D],
    old_size: u64,
) -> CoreResult<Vec<Hash>> {
    let plan = consistency_proof_plan(old_size, leaves.len() as u64)?;
    Ok(CompleteNodes::new(leaves).fold_plan(&plan))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&[(u32, u64)]]) -> Vec<Vec<NodeId>> {
        v.iter()
            .map(|g| g.iter().map(|&(l, i)| NodeId::new(l, i)).collect())
            .collect()
    }

    #[test]
    fn inclusion_plans() {
        assert_eq!(inclusion_proof_plan(0, 1).unwrap(), ids(&[]));
        assert_eq!(
            inclusion_proof_plan(1, 3).unwrap(),
            ids(&[&[(0, 0)], &[(0, 2)]])
        );
        assert_eq!(
            inclusion_proof_plan(3, 5).unwrap(),
            ids(&[&[(0, 2)], &[(1, 0)], &[(0, 4)]])
        );
        assert_eq!(
            inclusion_proof_plan(0, 7).unwrap(),
            ids(&[&[(0, 1)], &[(1, 1)], &[(1, 2), (0, 6)]])
        );
        assert_eq!(
            inclusion_proof_plan(6, 7).unwrap(),
            ids(&[&[(1, 2)], &[(2, 0)]])
        );
        assert!(inclusion_proof_plan(7, 7).is_err());
        assert!(inclusion_proof_plan(0, 0).is_err());
    }

    #[test]
    fn consistency_plans() {
        assert_eq!(consistency_proof_plan(0, 5).unwrap(), ids(&[]));
        assert_eq!(consistency_proof_plan(5, 5).unwrap(), ids(&[]));
        assert_eq!(
            consistency_proof_plan(3, 7).unwrap(),
            ids(&[&[(0, 2)], &[(0, 3)], &[(1, 0)], &[(1, 2), (0, 6)]])
        );
        assert_eq!(
            consistency_proof_plan(4, 7).unwrap(),
            ids(&[&[(1, 2), (0, 6)]])
        );
        assert!(consistency_proof_plan(6, 5).is_err());
    }

    /// RFC 9162 §2.1.1 as written: split at the largest power of two below `n`.
    fn mth(leaves: &[Vec<u8>]) -> Hash {
        match leaves.len() {
            0 => crate::hash::EMPTY_ROOT,
            1 => leaf_hash(&leaves[0]),
            n => {
                let k = split_point(n as u64) as usize;
                node_hash(&mth(&leaves[..k]), &mth(&leaves[k..]))
            }
        }
    }

    /// Sizes around the run length (1024 leaves of 8 bytes) and past several runs, on pools of
    /// 1, 2 and 3 threads (one thread never splits; three gives uneven stealing).
    #[test]
    fn parallel_root_equals_recursive_definition() {
        let leaves: Vec<Vec<u8>> = (0u64..20_000).map(|i| i.to_le_bytes().to_vec()).collect();
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            for n in [
                0, 1, 1023, 1024, 1025, 2047, 2048, 2049, 4097, 6000, 16_384, 20_000,
            ] {
                let tree = &leaves[..n];
                let want = mth(tree);
                assert_eq!(
                    pool.install(|| root(tree)),
                    want,
                    "n {n}, {threads} threads"
                );
                let hashes = pool.install(|| leaf_hashes(tree));
                assert_eq!(pool.install(|| root_of_leaf_hashes(hashes)), want, "n {n}");
            }
        }
    }

    #[test]
    fn fold_rejects_empty_group() {
        let err = fold_groups(&[vec![[0u8; 32]], vec![]]).unwrap_err();
        assert_eq!(
            err,
            CoreError::invalid_argument("group 1 is empty, want at least 1 hash")
        );
    }
}
