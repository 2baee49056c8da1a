//! Compact ranges: the hashes of the maximal complete subtrees of `[0, size)`.
//!
//! A log of `size` leaves is summarised by one hash per set bit of `size` (the "frontier",
//! largest subtree first). Appending leaves only ever merges equal-sized neighbours at the
//! right end, like a binary counter's carries; each merge completes one node.

use crate::error::{CoreError, CoreResult};
use crate::hash::{EMPTY_ROOT, Hash, node_hash};
use crate::node::NodeId;

/// What [`append`] produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppendResult {
    /// Compact range of `[0, new size)`, largest subtree first.
    pub frontier: Vec<Hash>,
    /// Every node completed by the append, the new leaves included, sorted by `(level, index)`.
    pub nodes: Vec<(NodeId, Hash)>,
    /// Root of the tree of the new size.
    pub root: Hash,
}

/// Appends `leaf_hashes` to the tree of `size` leaves summarised by `frontier`.
///
/// Requires `frontier.len() == size.count_ones()` and `size + leaf_hashes.len()` to fit
/// in a `u64`; otherwise returns [`CoreError::InvalidArgument`].
///
/// # Panics
///
/// Never: a carry at leaf `i` pops the two nodes that the set low bits of `i` guarantee.
pub fn append(size: u64, frontier: &[Hash], leaf_hashes: &[Hash]) -> CoreResult<AppendResult> {
    let want = size.count_ones() as usize;
    if frontier.len() != want {
        return Err(CoreError::invalid_argument(format!(
            "frontier has {} hashes, want {want} (one per set bit of size {size})",
            frontier.len()
        )));
    }
    let added = leaf_hashes.len() as u64;
    let Some(new_size) = size.checked_add(added) else {
        return Err(CoreError::invalid_argument(format!(
            "size {size} + {added} leaves overflows u64"
        )));
    };

    // `stack` holds (level, hash) of the current compact range; levels strictly decrease.
    let mut stack: Vec<(u32, Hash)> = frontier
        .iter()
        .zip((0..64u32).rev().filter(|l| size >> l & 1 == 1))
        .map(|(h, l)| (l, *h))
        .collect();
    let mut nodes = Vec::with_capacity(leaf_hashes.len() * 2);
    for (i, leaf) in (size..new_size).zip(leaf_hashes) {
        stack.push((0, *leaf));
        nodes.push((NodeId::new(0, i), *leaf));
        // Leaf i completes one node per trailing one bit of i: a carry chain.
        let mut level = 0u32;
        while i >> level & 1 == 1 {
            let (_, right) = stack.pop().expect("carry implies two stack entries");
            let (_, left) = stack.pop().expect("carry implies two stack entries");
            let parent = node_hash(&left, &right);
            level += 1;
            stack.push((level, parent));
            nodes.push((NodeId::new(level, i >> level), parent));
        }
    }
    nodes.sort_unstable_by_key(|(id, _)| *id);
    let frontier: Vec<Hash> = stack.into_iter().map(|(_, h)| h).collect();
    let root = root_from_frontier(&frontier);
    Ok(AppendResult {
        frontier,
        nodes,
        root,
    })
}

/// Root of a tree from its compact range: right-to-left fold, `EMPTY_ROOT` when empty.
pub fn root_from_frontier(frontier: &[Hash]) -> Hash {
    let mut it = frontier.iter().rev();
    let Some(last) = it.next() else {
        return EMPTY_ROOT;
    };
    it.fold(*last, |acc, h| node_hash(h, &acc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::leaf_hash;
    use crate::proof::root;

    #[test]
    fn append_in_chunks_matches_root() {
        let leaves: Vec<Vec<u8>> = (0u32..300).map(|i| i.to_be_bytes().to_vec()).collect();
        let hashes: Vec<Hash> = leaves.iter().map(|l| leaf_hash(l)).collect();
        for chunk in [1usize, 2, 3, 7, 64, 300] {
            let mut frontier = Vec::new();
            let mut size = 0u64;
            let mut all = Vec::new();
            for part in hashes.chunks(chunk) {
                let r = append(size, &frontier, part).unwrap();
                size += part.len() as u64;
                assert_eq!(r.root, root(&leaves[..size as usize]));
                frontier = r.frontier;
                all.extend(r.nodes);
            }
            // Every complete node appears exactly once: 2n - popcount(n) of them.
            assert_eq!(all.len() as u64, 2 * size - u64::from(size.count_ones()));
        }
    }

    #[test]
    fn rejects_bad_frontier() {
        let err = append(3, &[[0; 32]], &[]).unwrap_err();
        assert_eq!(
            err,
            CoreError::invalid_argument(
                "frontier has 1 hashes, want 2 (one per set bit of size 3)"
            )
        );
        assert!(append(u64::MAX, &[[0; 32]; 64], &[[0; 32]]).is_err());
    }
}
