//! ristretto255 points and scalars with strict decoding, and the challenge hash.

use curve25519_dalek::constants::RISTRETTO_BASEPOINT_POINT;
use curve25519_dalek::ristretto::{CompressedRistretto, RistrettoPoint};
use curve25519_dalek::traits::Identity;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// A group element (RFC 9496 ristretto255).
pub type Point = RistrettoPoint;
/// An integer mod ℓ = 2^252 + 27742317777372353535851937790883648493.
pub type Scalar = curve25519_dalek::scalar::Scalar;

/// What this crate refuses, each with the input it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThresholdError {
    /// Not 32 bytes, or not the canonical encoding of a ristretto255 point.
    PointNotCanonical,
    /// The identity where a key (or an ElGamal α) is required.
    PointIsIdentity,
    /// Not 32 bytes, or not a canonical scalar (below ℓ).
    ScalarNotCanonical,
    /// A share index of 0 (the secret itself) or repeated indices.
    BadIndex,
    /// Fewer shares than the threshold, or a threshold of 0 or above the member count.
    BadThreshold,
    /// A hashed-ElGamal plaintext over the length limit.
    PlaintextTooLong,
    /// A hashed-ElGamal ciphertext whose MAC does not verify: changed, or another key or context.
    MacMismatch,
}

impl std::fmt::Display for ThresholdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Self::PointNotCanonical => "not a canonical ristretto255 point encoding",
            Self::PointIsIdentity => "the identity element is not allowed here",
            Self::ScalarNotCanonical => "not a canonical scalar (32 bytes, little-endian, below l)",
            Self::BadIndex => "share indices must be distinct and non-zero",
            Self::BadThreshold => "the threshold must be between 1 and the number of members",
            Self::PlaintextTooLong => "a hashed ElGamal plaintext has at most 8160 bytes",
            Self::MacMismatch => {
                "the ciphertext does not authenticate: changed, or for another key or context"
            }
        };
        f.write_str(text)
    }
}

impl std::error::Error for ThresholdError {}

/// The standard generator G.
pub fn generator() -> Point {
    RISTRETTO_BASEPOINT_POINT
}

/// A point from its 32-byte encoding; anything but a canonical encoding is refused.
pub fn decode_point(bytes: &[u8]) -> Result<Point, ThresholdError> {
    let compressed =
        CompressedRistretto::from_slice(bytes).map_err(|_| ThresholdError::PointNotCanonical)?;
    // `decompress` implements RFC 9496's decoding, which rejects every non-canonical string.
    compressed
        .decompress()
        .ok_or(ThresholdError::PointNotCanonical)
}

/// A public key (or ElGamal α): a canonical point other than the identity.
pub fn decode_public_key(bytes: &[u8]) -> Result<Point, ThresholdError> {
    let point = decode_point(bytes)?;
    if point == Point::identity() {
        return Err(ThresholdError::PointIsIdentity);
    }
    Ok(point)
}

/// A scalar from 32 little-endian bytes; a value of ℓ or more is refused, never reduced.
pub fn decode_scalar(bytes: &[u8]) -> Result<Scalar, ThresholdError> {
    let array: [u8; 32] = bytes
        .try_into()
        .map_err(|_| ThresholdError::ScalarNotCanonical)?;
    Option::from(Scalar::from_canonical_bytes(array)).ok_or(ThresholdError::ScalarNotCanonical)
}

/// `H(key; domain, parts...)` mod ℓ: HMAC-SHA-256 keyed by `key` (the context hash) over the
/// domain byte and the concatenated parts, read little-endian and reduced mod ℓ. Callers pass
/// fixed-length encodings (32-byte points and scalars, fixed-width integers), so the
/// concatenation is unambiguous.
pub fn challenge(key: &[u8], domain: u8, parts: &[&[u8]]) -> Scalar {
    let mut all = Vec::with_capacity(parts.len() + 1);
    all.push(std::slice::from_ref(&domain));
    all.extend_from_slice(parts);
    Scalar::from_bytes_mod_order(hmac_sha256(key, &all))
}

/// HMAC-SHA-256 of the concatenated `parts` under `key`.
pub(crate) fn hmac_sha256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        unreachable!("HMAC takes a key of any length")
    };
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_encodes_as_rfc_9496_says() {
        // RFC 9496, A.1: the encoding of the generator (multiple 1 of B).
        let want = "e2f2ae0a6abc4e71a884a961c500515f58e30b6aa582dd8db6a65945e08d2d76";
        assert_eq!(hex(&generator().compress().to_bytes()), want);
    }

    #[test]
    fn non_canonical_and_identity_encodings_are_refused() {
        // Field elements of p or more (non-canonical) and a negative one (odd s), which RFC 9496
        // decoding refuses.
        for bad in [
            "00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p itself
        ] {
            assert_eq!(
                decode_point(&unhex(bad)),
                Err(ThresholdError::PointNotCanonical),
                "{bad}"
            );
        }
        assert_eq!(
            decode_point(&[0u8; 31]),
            Err(ThresholdError::PointNotCanonical)
        );
        let identity = [0u8; 32];
        assert!(decode_point(&identity).is_ok());
        assert_eq!(
            decode_public_key(&identity),
            Err(ThresholdError::PointIsIdentity)
        );
        let g = generator().compress().to_bytes();
        assert_eq!(decode_public_key(&g), Ok(generator()));
    }

    #[test]
    fn scalars_of_l_or_more_are_refused() {
        let l_bytes = unhex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
        assert_eq!(
            decode_scalar(&l_bytes),
            Err(ThresholdError::ScalarNotCanonical)
        );
        let mut below = l_bytes.clone();
        below[0] -= 1;
        assert_eq!(decode_scalar(&below), Ok(-Scalar::ONE));
        assert_eq!(
            decode_scalar(&[1u8; 31]),
            Err(ThresholdError::ScalarNotCanonical)
        );
    }

    #[test]
    fn challenges_separate_keys_domains_and_statements() {
        let base = challenge(b"key", 0x10, &[b"ab", b"c"]);
        assert_eq!(base, challenge(b"key", 0x10, &[b"a", b"bc"])); // callers fix the lengths
        assert_ne!(base, challenge(b"key", 0x11, &[b"ab", b"c"]));
        assert_ne!(base, challenge(b"other", 0x10, &[b"ab", b"c"]));
        assert_ne!(base, challenge(b"key", 0x10, &[b"ab", b"d"]));
    }

    pub(crate) fn hex(bytes: &[u8]) -> String {
        use std::fmt::Write;
        bytes.iter().fold(String::new(), |mut out, b| {
            let _ = write!(out, "{b:02x}");
            out
        })
    }

    pub(crate) fn unhex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }
}
