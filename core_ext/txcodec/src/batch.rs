//! A whole batch at once: static checks and hashes in parallel, then every signature of
//! every statically valid transaction in one parallel batch verification.

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::checks::{Checked, Policy, Rejection, check};

/// What every signer signs: this context, then the encoded body.
pub const SIGNING_CONTEXT: &[u8] = b"tabularium/tx/v1\x00";

/// Transactions below this many are checked on the calling thread (rayon's hand-off costs
/// more than a few microseconds of decoding and hashing save).
const PARALLEL_MIN_TXS: usize = 32;

/// A statically valid transaction with its hashes and signature verdict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified<'a> {
    /// What the static checks decoded.
    pub tx: Checked<'a>,
    /// SHA-256 of the transaction bytes.
    pub tx_hash: [u8; 32],
    /// RFC 9162 leaf hash of the transaction bytes: SHA-256(0x00 || raw).
    pub leaf_hash: [u8; 32],
    /// Every signature verifies (ZIP-215 rules) over `SIGNING_CONTEXT || body`.
    pub sig_ok: bool,
}

/// `SIGNING_CONTEXT || body`.
pub fn signing_message(body: &[u8]) -> Vec<u8> {
    [SIGNING_CONTEXT, body].concat()
}

struct Stage<'a> {
    tx: Checked<'a>,
    tx_hash: [u8; 32],
    leaf_hash: [u8; 32],
    message: Vec<u8>,
}

fn stage<'a>(raw: &'a [u8], policy: &Policy<'_>) -> Result<Stage<'a>, Rejection> {
    let tx = check(raw, policy)?;
    let tx_hash = Sha256::digest(raw).into();
    let leaf_hash = tabularium_merkle::leaf_hash(raw);
    let message = signing_message(tx.body);
    Ok(Stage {
        tx,
        tx_hash,
        leaf_hash,
        message,
    })
}

/// Checks, hashes and verifies each of `raws`: one result per transaction, in order.
pub fn decode_batch<'a, R>(
    raws: &'a [R],
    policy: &Policy<'_>,
) -> Vec<Result<Verified<'a>, Rejection>>
where
    R: AsRef<[u8]> + Sync,
{
    let staged: Vec<Result<Stage<'a>, Rejection>> = if raws.len() >= PARALLEL_MIN_TXS {
        raws.par_iter().map(|r| stage(r.as_ref(), policy)).collect()
    } else {
        raws.iter().map(|r| stage(r.as_ref(), policy)).collect()
    };
    let items: Vec<(&[u8], &[u8], &[u8])> = staged
        .iter()
        .flatten()
        .flat_map(|s| {
            s.tx.signers
                .iter()
                .zip(&s.tx.signatures)
                .map(|(key, sig)| (&key[..], &s.message[..], &sig[..]))
        })
        .collect();
    // Split over rayon's threads by the sigs crate itself (`chunk_size`).
    let verdicts = tabularium_sigs::verify_batch(&items);
    drop(items);
    let mut verdicts = verdicts.into_iter();
    staged
        .into_iter()
        .map(|s| {
            let s = s?;
            // `all` must consume exactly this transaction's verdicts, so no short-circuit.
            let sig_ok = verdicts
                .by_ref()
                .take(s.tx.signers.len())
                .fold(true, |ok, v| ok & v);
            Ok(Verified {
                tx: s.tx,
                tx_hash: s.tx_hash,
                leaf_hash: s.leaf_hash,
                sig_ok,
            })
        })
        .collect()
}
