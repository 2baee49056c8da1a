//! RFC 9162 §2.1.1 hashing: `MTH({d}) = SHA-256(0x00 || d)` for leaves and
//! `SHA-256(0x01 || left || right)` for interior nodes.

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::error::{CoreError, CoreResult};

/// Size of every hash in this crate, in bytes.
pub const HASH_SIZE: usize = 32;
/// A SHA-256 digest.
pub type Hash = [u8; HASH_SIZE];
/// Domain-separation prefix of leaf hashes.
pub const LEAF_PREFIX: u8 = 0x00;
/// Domain-separation prefix of interior node hashes.
pub const NODE_PREFIX: u8 = 0x01;
/// Root of the empty tree: `SHA-256("")`.
pub const EMPTY_ROOT: Hash = [
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
];

/// Below this many items, batch hashing stays on the calling thread.
pub(crate) const PARALLEL_MIN: usize = 4096;

/// `SHA-256(0x00 || data)`.
pub fn leaf_hash(data: &[u8]) -> Hash {
    Sha256::new()
        .chain_update([LEAF_PREFIX])
        .chain_update(data)
        .finalize()
        .into()
}

/// `SHA-256(0x01 || left || right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut buf = [0u8; 1 + 2 * HASH_SIZE];
    buf[0] = NODE_PREFIX;
    buf[1..=HASH_SIZE].copy_from_slice(left);
    buf[1 + HASH_SIZE..].copy_from_slice(right);
    Sha256::digest(buf).into()
}

/// [`leaf_hash`] of every item, in order; large inputs are hashed on all cores.
pub fn leaf_hashes<D: AsRef<[u8]> + Sync>(datas: &[D]) -> Vec<Hash> {
    if datas.len() < PARALLEL_MIN {
        datas.iter().map(|d| leaf_hash(d.as_ref())).collect()
    } else {
        datas.par_iter().map(|d| leaf_hash(d.as_ref())).collect()
    }
}

/// Reads a 32-byte hash; `what` names the argument in the got/want message.
pub fn to_hash(bytes: &[u8], what: impl FnOnce() -> String) -> CoreResult<Hash> {
    Hash::try_from(bytes).map_err(|_| {
        CoreError::invalid_argument(format!(
            "{} has {} bytes, want {HASH_SIZE}",
            what(),
            bytes.len()
        ))
    })
}

/// Lower-case hex of a byte string, for error messages.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}
