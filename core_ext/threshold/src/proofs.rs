//! Non-interactive (Fiat–Shamir) proofs, each bound to a context key and a statement.
//!
//! Every proof is `(c, v)`: the verifier recomputes the prover's commitments from them and checks
//! that hashing the statement with those commitments gives `c` back. The `context` argument is
//! the rest of the statement the caller binds in (the prover's identity, a tender's ocid and lot,
//! a guardian's index...), so a proof copied into another statement fails.

use curve25519_dalek::traits::VartimeMultiscalarMul;
use subtle::ConstantTimeEq;

use crate::group::{Point, Scalar, challenge, generator};

/// Domain bytes of the challenges (kept apart from each other and from the caller's).
const DOMAIN_SCHNORR: u8 = 0x10;
const DOMAIN_CHAUM_PEDERSEN: u8 = 0x30;

/// Proof of knowledge of `x` with `K = x·G`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schnorr {
    /// The challenge.
    pub c: Scalar,
    /// The response `u − c·x`.
    pub v: Scalar,
}

impl Schnorr {
    /// Prove knowledge of `secret` for `public = secret·G` with the one-time `nonce` (uniform
    /// mod ℓ, never reused: reuse reveals the secret).
    pub fn prove(
        key: &[u8],
        secret: &Scalar,
        public: &Point,
        nonce: &Scalar,
        context: &[u8],
    ) -> Self {
        let h = nonce * generator();
        let c = Self::challenge_for(key, public, &h, context);
        Self {
            c,
            v: nonce - c * secret,
        }
    }

    /// Whether this proves knowledge of the discrete logarithm of `public`.
    pub fn verify(&self, key: &[u8], public: &Point, context: &[u8]) -> bool {
        // Every input is public, so the faster variable-time double multiplication is safe.
        let h = Point::vartime_double_scalar_mul_basepoint(&self.c, public, &self.v);
        let c = Self::challenge_for(key, public, &h, context);
        bool::from(c.ct_eq(&self.c))
    }

    fn challenge_for(key: &[u8], public: &Point, h: &Point, context: &[u8]) -> Scalar {
        challenge(
            key,
            DOMAIN_SCHNORR,
            &[
                context,
                public.compress().as_bytes(),
                h.compress().as_bytes(),
            ],
        )
    }
}

/// Proof that `log_G(K) = log_A(M)`: the same secret `x` made `K = x·G` and `M = x·A` (a partial
/// decryption of an ElGamal α = `A` by the holder of `K`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChaumPedersen {
    /// The challenge.
    pub c: Scalar,
    /// The response `u − c·x`.
    pub v: Scalar,
}

impl ChaumPedersen {
    /// Prove `M = secret·A` for `K = secret·G`, with the one-time `nonce`.
    pub fn prove(
        key: &[u8],
        secret: &Scalar,
        public: &Point,
        base: &Point,
        result: &Point,
        nonce: &Scalar,
        context: &[u8],
    ) -> Self {
        let a = nonce * generator();
        let b = nonce * base;
        let c = Self::challenge_for(key, public, base, result, &a, &b, context);
        Self {
            c,
            v: nonce - c * secret,
        }
    }

    /// Whether `result = x·base` for the `x` of `public = x·G`.
    pub fn verify(
        &self,
        key: &[u8],
        public: &Point,
        base: &Point,
        result: &Point,
        context: &[u8],
    ) -> bool {
        // Every input is public: variable-time multiplications are safe here.
        let a = Point::vartime_double_scalar_mul_basepoint(&self.c, public, &self.v);
        let b = Point::vartime_multiscalar_mul([self.v, self.c], [base, result]);
        let c = Self::challenge_for(key, public, base, result, &a, &b, context);
        bool::from(c.ct_eq(&self.c))
    }

    fn challenge_for(
        key: &[u8],
        public: &Point,
        base: &Point,
        result: &Point,
        a: &Point,
        b: &Point,
        context: &[u8],
    ) -> Scalar {
        challenge(
            key,
            DOMAIN_CHAUM_PEDERSEN,
            &[
                context,
                public.compress().as_bytes(),
                base.compress().as_bytes(),
                result.compress().as_bytes(),
                a.compress().as_bytes(),
                b.compress().as_bytes(),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(seed: u8) -> Scalar {
        Scalar::from_bytes_mod_order([seed; 32]) + Scalar::from(u64::from(seed) + 1)
    }

    #[test]
    fn schnorr_proves_knowledge_and_binds_key_context_and_key() {
        let x = scalar(7);
        let k = x * generator();
        let proof = Schnorr::prove(b"H_E", &x, &k, &scalar(9), b"bidder-1");
        assert!(proof.verify(b"H_E", &k, b"bidder-1"));
        assert!(
            !proof.verify(b"H_E", &k, b"bidder-2"),
            "a copied proof is useless to a rival"
        );
        assert!(!proof.verify(b"other", &k, b"bidder-1"));
        assert!(!proof.verify(b"H_E", &(k + generator()), b"bidder-1"));
        let forged = Schnorr {
            c: proof.c,
            v: proof.v + Scalar::ONE,
        };
        assert!(!forged.verify(b"H_E", &k, b"bidder-1"));
        // A wrong secret does not verify either.
        let wrong = Schnorr::prove(b"H_E", &scalar(8), &k, &scalar(9), b"bidder-1");
        assert!(!wrong.verify(b"H_E", &k, b"bidder-1"));
    }

    #[test]
    fn chaum_pedersen_proves_a_partial_decryption() {
        let x = scalar(3);
        let k = x * generator();
        let alpha = scalar(5) * generator();
        let m = x * alpha;
        let proof = ChaumPedersen::prove(b"H_E", &x, &k, &alpha, &m, &scalar(11), b"guardian-2");
        assert!(proof.verify(b"H_E", &k, &alpha, &m, b"guardian-2"));
        assert!(!proof.verify(b"H_E", &k, &alpha, &(m + generator()), b"guardian-2"));
        assert!(!proof.verify(b"H_E", &k, &(alpha + generator()), &m, b"guardian-2"));
        assert!(!proof.verify(b"H_E", &k, &alpha, &m, b"guardian-3"));
        // A share computed with another secret cannot be proven under k.
        let cheat = scalar(4) * alpha;
        let bad = ChaumPedersen::prove(b"H_E", &x, &k, &alpha, &cheat, &scalar(11), b"guardian-2");
        assert!(!bad.verify(b"H_E", &k, &alpha, &cheat, b"guardian-2"));
    }
}
