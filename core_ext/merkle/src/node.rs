//! Node IDs and range decomposition (see the crate docs for the numbering).

use crate::error::{CoreError, CoreResult};

/// A complete subtree: leaves `[index * 2^level, (index + 1) * 2^level)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId {
    /// Height above the leaves; 0 for a leaf hash.
    pub level: u32,
    /// Position among the nodes of this level, from the left.
    pub index: u64,
}

impl NodeId {
    /// The node `(level, index)`.
    pub const fn new(level: u32, index: u64) -> Self {
        Self { level, index }
    }

    /// First leaf covered by this node.
    pub const fn begin(self) -> u64 {
        self.index << self.level
    }

    /// One past the last leaf covered by this node.
    pub const fn end(self) -> u64 {
        (self.index + 1) << self.level
    }
}

/// Splits `[begin, end)` into maximal aligned complete subtrees, left to right.
///
/// Sizes first grow (while `begin` is poorly aligned) and then shrink (following the set
/// bits of what is left). `[0, size)` gives one node per set bit of `size`, largest first:
/// the compact range whose hashes are the "frontier". Empty when `begin == end`; requires
/// `begin <= end`, else [`CoreError::InvalidArgument`].
pub fn range_nodes(begin: u64, end: u64) -> CoreResult<Vec<NodeId>> {
    if begin > end {
        return Err(CoreError::invalid_argument(format!(
            "begin {begin} > end {end}, want begin <= end"
        )));
    }
    Ok(decompose(begin, end))
}

/// [`range_nodes`] for callers that already know `begin <= end` (empty otherwise).
pub(crate) fn decompose(mut begin: u64, end: u64) -> Vec<NodeId> {
    let mut out = Vec::new();
    while begin < end {
        let align = if begin == 0 {
            u32::MAX
        } else {
            begin.trailing_zeros()
        };
        let fit = (end - begin).ilog2();
        let level = align.min(fit);
        out.push(NodeId::new(level, begin >> level));
        begin += 1 << level;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[(u32, u64)]) -> Vec<NodeId> {
        v.iter().map(|&(l, i)| NodeId::new(l, i)).collect()
    }

    #[test]
    fn decomposes_ranges() {
        assert!(range_nodes(2, 1).is_err());
        assert_eq!(range_nodes(0, 0).unwrap(), ids(&[]));
        assert_eq!(decompose(0, 7), ids(&[(2, 0), (1, 2), (0, 6)]));
        assert_eq!(decompose(0, 8), ids(&[(3, 0)]));
        assert_eq!(decompose(3, 13), ids(&[(0, 3), (2, 1), (2, 2), (0, 12)]));
        assert_eq!(decompose(5, 5), ids(&[]));
        assert_eq!(decompose(0, u64::MAX).len(), 64);
    }

    #[test]
    fn covers_range_exactly() {
        for begin in 0..40u64 {
            for end in begin..80u64 {
                let mut at = begin;
                for n in decompose(begin, end) {
                    assert_eq!(n.begin(), at);
                    at = n.end();
                }
                assert_eq!(at, end);
            }
        }
    }
}
