//! Ed25519 signature verification under ZIP-215 rules, single and batch, with no Python.
//!
//! ZIP-215 (<https://zips.z.cash/zip-0215>) fixes the validation criteria that RFC 8032
//! leaves open: `A` and `R` may be any point encoding that decodes (non-canonical and
//! small-order encodings included), `s` must be canonical (`s < ℓ`), and the *cofactored*
//! equation `[8][s]B = [8]R + [8][k]A` is checked. Because single and batch verification use
//! the same equation, they agree on every input; `ed25519-zebra` implements these rules.
//!
//! [`verify_batch`] splits the input into chunks verified in parallel (see [`chunk_size`]);
//! a chunk that fails is bisected (each half batch-verified again) down to single items, so a few
//! bad signatures cost `O(bad * log chunk)` batch checks instead of one check per item.

use ed25519_zebra::{Signature, VerificationKey, VerificationKeyBytes, batch};
use rayon::prelude::*;
use std::fmt;

/// Length of an Ed25519 public key, in bytes.
pub const PUBLIC_KEY_SIZE: usize = 32;
/// Length of an Ed25519 signature, in bytes.
pub const SIGNATURE_SIZE: usize = 64;
/// Most items per batch-verification chunk; chunks run in parallel.
pub const CHUNK_SIZE: usize = 1024;
/// Fewest items per chunk when a batch is split: below this a batch check saves too little over
/// single checks to be worth a task of its own (a verification is ~50 µs, a task hand-off ~µs).
pub const MIN_CHUNK_SIZE: usize = 64;

/// Everything that can go wrong in this crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CoreError {
    /// The public key is not 32 bytes.
    PublicKeyLength {
        /// Length received.
        got: usize,
    },
    /// The signature is not 64 bytes.
    SignatureLength {
        /// Length received.
        got: usize,
    },
    /// The signature does not verify (including undecodable points and `s >= ℓ`).
    BadSignature,
}

/// Result alias for this crate.
pub type CoreResult<T> = Result<T, CoreError>;

impl fmt::Display for CoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::PublicKeyLength { got } => {
                write!(f, "public key has {got} bytes, want {PUBLIC_KEY_SIZE}")
            }
            Self::SignatureLength { got } => {
                write!(f, "signature has {got} bytes, want {SIGNATURE_SIZE}")
            }
            Self::BadSignature => f.write_str("signature does not verify under the public key"),
        }
    }
}

impl std::error::Error for CoreError {}

impl From<ed25519_zebra::Error> for CoreError {
    fn from(_: ed25519_zebra::Error) -> Self {
        Self::BadSignature
    }
}

/// One `(public key, message, signature)` triple for [`verify_batch`].
pub trait Item: Sync {
    /// The public key bytes (any length; only 32 can verify).
    fn public_key(&self) -> &[u8];
    /// The signed message.
    fn message(&self) -> &[u8];
    /// The signature bytes (any length; only 64 can verify).
    fn signature(&self) -> &[u8];
}

impl<K: AsRef<[u8]> + Sync, M: AsRef<[u8]> + Sync, S: AsRef<[u8]> + Sync> Item for (K, M, S) {
    fn public_key(&self) -> &[u8] {
        self.0.as_ref()
    }
    fn message(&self) -> &[u8] {
        self.1.as_ref()
    }
    fn signature(&self) -> &[u8] {
        self.2.as_ref()
    }
}

fn parse(public_key: &[u8], signature: &[u8]) -> CoreResult<(VerificationKeyBytes, Signature)> {
    let vk =
        <[u8; PUBLIC_KEY_SIZE]>::try_from(public_key).map_err(|_| CoreError::PublicKeyLength {
            got: public_key.len(),
        })?;
    let sig =
        <[u8; SIGNATURE_SIZE]>::try_from(signature).map_err(|_| CoreError::SignatureLength {
            got: signature.len(),
        })?;
    Ok((VerificationKeyBytes::from(vk), Signature::from_bytes(&sig)))
}

/// Verifies one signature under ZIP-215 rules.
pub fn verify(public_key: &[u8], message: &[u8], signature: &[u8]) -> CoreResult<()> {
    let (vk, sig) = parse(public_key, signature)?;
    VerificationKey::try_from(vk)?.verify(&sig, message)?;
    Ok(())
}

/// Batch-verifies the parsed items listed by `idx`; `true` when every one is valid.
fn batch_ok(
    parsed: &[Option<(VerificationKeyBytes, Signature)>],
    msgs: &[&[u8]],
    idx: &[usize],
) -> bool {
    let mut verifier = batch::Verifier::new();
    for &i in idx {
        let (vk, sig) = parsed[i].expect("only well-formed items are batched");
        verifier.queue((vk, sig, msgs[i]));
    }
    verifier.verify(rand::rng()).is_ok()
}

/// Sets `out[i]` for every `i` in `idx`, given that the batch over `idx` already failed.
fn bisect(
    parsed: &[Option<(VerificationKeyBytes, Signature)>],
    msgs: &[&[u8]],
    idx: &[usize],
    out: &mut [bool],
) {
    if let [i] = idx {
        let (vk, sig) = parsed[*i].expect("only well-formed items are batched");
        out[*i] = VerificationKey::try_from(vk)
            .and_then(|k| k.verify(&sig, msgs[*i]))
            .is_ok();
        return;
    }
    let (left, right) = idx.split_at(idx.len() / 2);
    for half in [left, right] {
        if batch_ok(parsed, msgs, half) {
            for &i in half {
                out[i] = true;
            }
        } else {
            bisect(parsed, msgs, half, out);
        }
    }
}

/// Verifies one chunk; the result has one entry per item.
fn verify_chunk<I: Item>(items: &[I]) -> Vec<bool> {
    let parsed: Vec<_> = items
        .iter()
        .map(|it| parse(it.public_key(), it.signature()).ok())
        .collect();
    let msgs: Vec<&[u8]> = items.iter().map(Item::message).collect();
    let idx: Vec<usize> = (0..items.len()).filter(|&i| parsed[i].is_some()).collect();
    let mut out = vec![false; items.len()];
    if idx.is_empty() {
        return out;
    }
    if batch_ok(&parsed, &msgs, &idx) {
        for &i in &idx {
            out[i] = true;
        }
    } else {
        bisect(&parsed, &msgs, &idx, &mut out);
    }
    out
}

/// Items per chunk for a batch of `n` on a pool of `threads`: about two chunks per thread,
/// so a busy core's share can be stolen, within [`MIN_CHUNK_SIZE`, `CHUNK_SIZE`]; one thread
/// gets the largest chunks, which verify fastest.
pub fn chunk_size(n: usize, threads: usize) -> usize {
    if threads <= 1 {
        return CHUNK_SIZE;
    }
    n.div_ceil(2 * threads).clamp(MIN_CHUNK_SIZE, CHUNK_SIZE)
}

/// `[verify(item).is_ok() for item in items]`, computed with parallel batch verification.
///
/// Wrong-length keys or signatures are `false`. Batch and single verification check the same
/// cofactored equation, so the result equals per-item [`verify`] on every input (up to the
/// 2^-128 chance a random batch coefficient hides an invalid item). Chunks ([`chunk_size`])
/// run on rayon's current pool; a batch of one chunk, or a pool of one thread, stays on the
/// calling thread.
pub fn verify_batch<I: Item>(items: &[I]) -> Vec<bool> {
    let threads = rayon::current_num_threads();
    let chunk = chunk_size(items.len(), threads);
    if items.len() <= chunk {
        return verify_chunk(items);
    }
    if threads <= 1 {
        return items.chunks(chunk).flat_map(verify_chunk).collect();
    }
    items
        .par_chunks(chunk)
        .map(verify_chunk)
        .collect::<Vec<_>>()
        .concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_are_about_two_per_thread_within_bounds() {
        assert_eq!(chunk_size(10_000, 1), CHUNK_SIZE);
        assert_eq!(chunk_size(64, 2), MIN_CHUNK_SIZE);
        assert_eq!(chunk_size(1024, 2), 256);
        assert_eq!(chunk_size(1000, 3), 167);
        assert_eq!(chunk_size(10_000, 2), CHUNK_SIZE);
        assert_eq!(chunk_size(10, 8), MIN_CHUNK_SIZE);
    }
}
