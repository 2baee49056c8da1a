//! Hashed ElGamal: a short byte string (a guardian's share, a bid's data key) encrypted to a
//! public key, authenticated.
//!
//! With recipient key `K`, context key `H` and nonce `ξ`: `α = ξ·G`, `β = ξ·K`, the session
//! key `k = HMAC(H, 0x11 ‖ context ‖ K ‖ α ‖ β)`, then a counter-mode KDF (NIST SP 800-108, as
//! ElectionGuard 2.0 does): block `j` is `HMAC(k, j ‖ label ‖ 0x00 ‖ context ‖ bits)` with `j`
//! and `bits` (the plaintext's length in bits) as big-endian u32. Block 0 keys the MAC, blocks
//! 1… are the keystream. The ciphertext is `(α, c = m ⊕ keystream, t = HMAC(block 0, α ‖ c))`.
//! Decryption recomputes `β = x·α`, checks `t` in constant time, then unmasks.

use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::group::{Point, Scalar, ThresholdError, generator, hmac_sha256};

const DOMAIN_SESSION: u8 = 0x11;
const LABEL: &[u8] = b"tabularium/hashed-elgamal/v1";
/// Longest plaintext: 255 keystream blocks of 32 bytes.
pub const MAX_PLAINTEXT: usize = 255 * 32;

/// A hashed-ElGamal ciphertext.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashedElGamal {
    /// `α = ξ·G`.
    pub alpha: Point,
    /// The masked plaintext.
    pub ciphertext: Vec<u8>,
    /// The MAC over `α ‖ ciphertext`.
    pub mac: [u8; 32],
}

/// The MAC key and keystream for a shared point, zeroized by the caller.
fn keys(
    key: &[u8],
    recipient: &Point,
    alpha: &Point,
    shared: &Point,
    context: &[u8],
    length: usize,
) -> ([u8; 32], Vec<u8>) {
    let mut session = hmac_sha256(
        key,
        &[
            &[DOMAIN_SESSION],
            context,
            recipient.compress().as_bytes(),
            alpha.compress().as_bytes(),
            shared.compress().as_bytes(),
        ],
    );
    let bits = u32::try_from(length * 8).unwrap_or(u32::MAX).to_be_bytes();
    let block = |j: u32| hmac_sha256(&session, &[&j.to_be_bytes(), LABEL, &[0], context, &bits]);
    let mac_key = block(0);
    let mut stream = Vec::with_capacity(length.div_ceil(32) * 32);
    for j in 1..=length.div_ceil(32) {
        stream.extend_from_slice(&block(j as u32));
    }
    stream.truncate(length);
    session.zeroize();
    (mac_key, stream)
}

impl HashedElGamal {
    /// Encrypt `plaintext` (at most [`MAX_PLAINTEXT`] bytes) to `recipient` with the one-time
    /// `nonce`, binding `context`.
    pub fn encrypt(
        key: &[u8],
        recipient: &Point,
        nonce: &Scalar,
        plaintext: &[u8],
        context: &[u8],
    ) -> Result<Self, ThresholdError> {
        if plaintext.len() > MAX_PLAINTEXT {
            return Err(ThresholdError::PlaintextTooLong);
        }
        let alpha = nonce * generator();
        let shared = nonce * recipient;
        let (mut mac_key, mut stream) =
            keys(key, recipient, &alpha, &shared, context, plaintext.len());
        let ciphertext: Vec<u8> = plaintext.iter().zip(&stream).map(|(m, k)| m ^ k).collect();
        let mac = hmac_sha256(&mac_key, &[alpha.compress().as_bytes(), &ciphertext]);
        mac_key.zeroize();
        stream.zeroize();
        Ok(Self {
            alpha,
            ciphertext,
            mac,
        })
    }

    /// Decrypt with the recipient's `secret` (`recipient = secret·G`). Fails with
    /// `MacMismatch` for a ciphertext changed in any bit, under another key or context.
    pub fn decrypt(
        &self,
        key: &[u8],
        secret: &Scalar,
        context: &[u8],
    ) -> Result<Vec<u8>, ThresholdError> {
        self.open(
            key,
            &(secret * generator()),
            &(secret * self.alpha),
            context,
        )
    }

    /// Decrypt with the shared point `β = x·α` instead of the secret `x`: a threshold of
    /// key holders computes `β` from their partial decryptions (each with a Chaum-Pedersen
    /// proof), so no one ever holds `x`. Fails with `MacMismatch` for a wrong `β`.
    pub fn open(
        &self,
        key: &[u8],
        recipient: &Point,
        shared: &Point,
        context: &[u8],
    ) -> Result<Vec<u8>, ThresholdError> {
        let (mut mac_key, mut stream) = keys(
            key,
            recipient,
            &self.alpha,
            shared,
            context,
            self.ciphertext.len(),
        );
        let mac = hmac_sha256(
            &mac_key,
            &[self.alpha.compress().as_bytes(), &self.ciphertext],
        );
        mac_key.zeroize();
        if !bool::from(mac.ct_eq(&self.mac)) {
            stream.zeroize();
            return Err(ThresholdError::MacMismatch);
        }
        let plaintext = self
            .ciphertext
            .iter()
            .zip(&stream)
            .map(|(c, k)| c ^ k)
            .collect();
        stream.zeroize();
        Ok(plaintext)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_any_change() {
        let x = Scalar::from(987_654_321u64);
        let k = x * generator();
        let share = [7u8; 32];
        let ct = HashedElGamal::encrypt(b"H_E", &k, &Scalar::from(55u64), &share, b"to 3").unwrap();
        assert_ne!(ct.ciphertext, share.to_vec());
        assert_eq!(ct.decrypt(b"H_E", &x, b"to 3").unwrap(), share.to_vec());
        assert_eq!(
            ct.decrypt(b"H_E", &x, b"to 4"),
            Err(ThresholdError::MacMismatch)
        );
        assert_eq!(
            ct.decrypt(b"other", &x, b"to 3"),
            Err(ThresholdError::MacMismatch)
        );
        assert_eq!(
            ct.decrypt(b"H_E", &(x + Scalar::ONE), b"to 3"),
            Err(ThresholdError::MacMismatch)
        );
        let mut flipped = ct.clone();
        flipped.ciphertext[0] ^= 1;
        assert_eq!(
            flipped.decrypt(b"H_E", &x, b"to 3"),
            Err(ThresholdError::MacMismatch)
        );
        let mut moved = ct.clone();
        moved.alpha += generator();
        assert_eq!(
            moved.decrypt(b"H_E", &x, b"to 3"),
            Err(ThresholdError::MacMismatch)
        );
        // Lengths that are not a whole number of blocks, and the empty string.
        for length in [0usize, 1, 31, 33, 100] {
            let m = vec![0xa5u8; length];
            let c = HashedElGamal::encrypt(b"H", &k, &Scalar::from(9u64), &m, b"").unwrap();
            assert_eq!(c.decrypt(b"H", &x, b"").unwrap(), m);
        }
        // Opening with the shared point alone (a threshold's combined partial decryptions).
        assert_eq!(
            ct.open(b"H_E", &k, &(x * ct.alpha), b"to 3").unwrap(),
            share.to_vec()
        );
        assert_eq!(
            ct.open(b"H_E", &k, &(x * ct.alpha + generator()), b"to 3"),
            Err(ThresholdError::MacMismatch)
        );
        assert_eq!(
            HashedElGamal::encrypt(b"H", &k, &Scalar::ONE, &vec![0; MAX_PLAINTEXT + 1], b""),
            Err(ThresholdError::PlaintextTooLong)
        );
    }
}
