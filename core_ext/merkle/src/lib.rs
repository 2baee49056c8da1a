//! RFC 9162 (Certificate Transparency v2) Merkle trees over SHA-256, with no Python in sight.
//!
//! * [`hash`]: the two domain-separated hashes, `leaf_hash` and `node_hash`.
//! * [`node`]: node IDs and the decomposition of a leaf range into complete subtrees.
//! * [`compact`]: appending leaves to a compact range (the "frontier") and reporting every
//!   node that became complete, so storage can persist it.
//! * [`proof`]: tree roots and proofs from raw leaves, and proof *plans*: which stored node
//!   hashes to fetch and how to fold them into RFC 9162 proof hashes.
//! * [`verify`]: the verification algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2.
//!
//! Node numbering used throughout: node `(level, index)` is the complete (perfect) subtree
//! over leaves `[index * 2^level, (index + 1) * 2^level)`; level 0 nodes are leaf hashes.
//!
//! ```text
//!  level 2                 (2,0)
//!                   /                 \
//!  level 1      (1,0)                 (1,1)              (1,2)
//!              /     \               /     \            /     \
//!  level 0  (0,0)   (0,1)         (0,2)   (0,3)      (0,4)   (0,5)   (0,6)
//!  leaves     0       1             2       3          4       5       6
//! ```
//!
//! In a tree of size 7 the root is `H((2,0), H((1,2), (0,6)))`: the right border
//! node over leaves `[4, 7)` is not complete, so it is never stored; it is recomputed
//! ("ephemeral") from the complete nodes `(1,2)` and `(0,6)`.

pub mod compact;
pub mod error;
pub mod hash;
pub mod node;
pub mod proof;
pub mod verify;

pub use compact::{AppendResult, append, root_from_frontier};
pub use error::{CoreError, CoreResult};
pub use hash::{
    EMPTY_ROOT, HASH_SIZE, Hash, LEAF_PREFIX, NODE_PREFIX, leaf_hash, leaf_hashes, node_hash,
};
pub use node::{NodeId, range_nodes};
pub use proof::{
    consistency_proof, consistency_proof_plan, fold_group, fold_groups, inclusion_proof,
    inclusion_proof_plan, root,
};
pub use verify::{verify_consistency, verify_inclusion};
