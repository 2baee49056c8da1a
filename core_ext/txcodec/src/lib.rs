//! Tabularium transactions without Python: decode, check, hash and verify a batch at once.
//!
//! * [`wire`]: a strict protobuf wire reader that accepts exactly what upb (Python's
//!   `ParseFromString`) accepts, rules listed there.
//! * [`messages`]: `SignedTransaction`, `TransactionBody`, `Signature`, `Timestamp` and
//!   `Any`, decoded with protobuf's last-one-wins and merge rules, borrowing from the input.
//! * [`checks`]: the static checks of `tabularium.chain.tx.decode_transaction`, in its order,
//!   answering the same `reason` ([`Rejection`]); the action's own decoder stays in Python.
//! * [`batch`]: [`decode_batch`] runs the checks and computes `tx_hash = SHA-256(raw)` and
//!   the RFC 9162 `leaf_hash = SHA-256(0x00 || raw)` in parallel, then verifies every
//!   signature over `"tabularium/tx/v1" || 0x00 || body` with `tabularium_sigs::verify_batch`
//!   (ZIP-215), so a verdict is exactly what `tabularium.crypto.ed25519.verify_batch` says.

pub mod batch;
pub mod checks;
pub mod messages;
pub mod wire;

pub use batch::{SIGNING_CONTEXT, Verified, decode_batch, signing_message};
pub use checks::{ActionTable, Checked, Policy, Rejection, check};
pub use messages::{
    Any, Signature, SignedTransaction, Timestamp, TransactionBody, decode_signed_transaction,
    decode_transaction_body,
};
pub use wire::{MAX_DEPTH, WireError};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::tests::{ld, vi};
    use ed25519_zebra::{SigningKey, VerificationKey};
    use sha2::{Digest, Sha256};
    use std::collections::HashMap;

    const URL: &str = "type.googleapis.com/test.v1.Small";
    const BIG: &str = "type.googleapis.com/test.v1.Big";
    const CHAIN: &str = "c-1";
    const HOUR_US: i128 = 3_600_000_000;

    fn key(i: u8) -> SigningKey {
        SigningKey::from([i; 32])
    }

    fn public(k: &SigningKey) -> [u8; 32] {
        VerificationKey::from(k).into()
    }

    /// The parts of a body, each field already encoded, so a test can drop or replace one.
    struct Body {
        chain_id: Vec<u8>,
        nonce: Vec<u8>,
        not_before: Vec<u8>,
        not_after: Vec<u8>,
        signers: Vec<u8>,
        action: Vec<u8>,
        memo: Vec<u8>,
    }

    impl Body {
        fn new(signers: &[&SigningKey]) -> Self {
            Self {
                chain_id: ld(1, CHAIN.as_bytes()),
                nonce: ld(2, &[7; 16]),
                not_before: ld(3, &vi(1, 1_800_000_000)),
                not_after: ld(4, &vi(1, 1_800_000_600)),
                signers: signers.iter().flat_map(|k| ld(5, &public(k))).collect(),
                action: ld(6, &[ld(1, URL.as_bytes()), ld(2, b"\x08\x01")].concat()),
                memo: ld(7, b"hello"),
            }
        }

        fn encode(&self) -> Vec<u8> {
            [
                &self.chain_id[..],
                &self.nonce,
                &self.not_before,
                &self.not_after,
                &self.signers,
                &self.action,
                &self.memo,
            ]
            .concat()
        }
    }

    fn sign(body: &[u8], keys: &[&SigningKey]) -> Vec<u8> {
        let message = signing_message(body);
        let sigs: Vec<u8> = keys
            .iter()
            .flat_map(|k| {
                let sig: [u8; 64] = k.sign(&message).into();
                ld(2, &[ld(1, &public(k)), ld(2, &sig)].concat())
            })
            .collect();
        [ld(1, body), sigs].concat()
    }

    fn table() -> HashMap<&'static str, i64> {
        HashMap::from([(URL, 0), (BIG, 4096)])
    }

    fn policy<'t>(table: &'t HashMap<&'static str, i64>) -> Policy<'t> {
        Policy {
            chain_id: CHAIN.as_bytes(),
            max_window_us: HOUR_US,
            max_tx_bytes: 1024,
            ceiling: 4096,
            actions: table,
        }
    }

    fn reject(raw: &[u8]) -> Option<Rejection> {
        let table = table();
        check(raw, &policy(&table)).err()
    }

    #[test]
    fn a_valid_transaction_decodes_hashes_and_verifies() {
        let (a, b) = (key(1), key(2));
        let body = Body::new(&[&a, &b]).encode();
        // Signatures in the other order than the signers: still aligned with the signers.
        let raw = sign(&body, &[&b, &a]);
        let table = table();
        let out = decode_batch(std::slice::from_ref(&raw), &policy(&table));
        let v = out[0].as_ref().unwrap();
        assert_eq!(v.tx.body, &body[..]);
        assert_eq!(v.tx.chain_id, CHAIN);
        assert_eq!(v.tx.not_before_us, 1_800_000_000_000_000);
        assert_eq!(v.tx.not_after_us, 1_800_000_600_000_000);
        assert_eq!(v.tx.signers, vec![&public(&a), &public(&b)]);
        let sig_a: [u8; 64] = a.sign(&signing_message(&body)).into();
        assert_eq!(v.tx.signatures[0], &sig_a);
        assert_eq!(
            (v.tx.type_url, v.tx.value, v.tx.memo),
            (URL, &b"\x08\x01"[..], "hello")
        );
        assert_eq!(v.tx_hash[..], Sha256::digest(&raw)[..]);
        let leaf: Vec<u8> = [&[0u8][..], &raw].concat();
        assert_eq!(v.leaf_hash[..], Sha256::digest(&leaf)[..]);
        assert!(v.sig_ok);
    }

    #[test]
    fn sig_ok_is_per_transaction_in_large_batches() {
        let keys: Vec<SigningKey> = (1..=3).map(key).collect();
        let mut raws = Vec::new();
        for i in 0..300usize {
            let signers: Vec<&SigningKey> = keys.iter().take(1 + i % 3).collect();
            let mut body = Body::new(&signers);
            body.nonce = ld(2, &(i as u128).to_le_bytes());
            let body = body.encode();
            let mut raw = sign(&body, &signers);
            if i % 7 == 0 {
                let last = raw.len() - 1;
                raw[last] ^= 1; // the last signature's last byte
            }
            if i % 11 == 0 {
                raw = b"\xff".to_vec(); // a rejection between valid ones
            }
            raws.push(raw);
        }
        let table = table();
        let out = decode_batch(&raws, &policy(&table));
        for (i, item) in out.iter().enumerate() {
            if i % 11 == 0 {
                assert_eq!(item.as_ref().err(), Some(&Rejection::TxMalformed));
            } else {
                assert_eq!(item.as_ref().unwrap().sig_ok, i % 7 != 0, "tx {i}");
            }
        }
    }

    #[test]
    fn each_static_check_answers_its_reason() {
        use Rejection as R;
        let (a, b) = (key(1), key(2));
        let with = |edit: &dyn Fn(&mut Body)| {
            let mut body = Body::new(&[&a]);
            edit(&mut body);
            sign(&body.encode(), &[&a])
        };
        assert_eq!(reject(&with(&|_| {})), None);
        assert_eq!(reject(&vec![0; 4097]), Some(R::TxTooLarge));
        // Over the node's 1024 bytes: too large for Small, fine for Big (4096).
        let padded = |url: &str| {
            with(&|b| b.action = ld(6, &[ld(1, url.as_bytes()), ld(2, &[0; 1100])].concat()))
        };
        assert_eq!(reject(&padded(URL)), Some(R::TxTooLarge));
        assert_eq!(reject(&padded(BIG)), None);
        assert_eq!(reject(&padded("unregistered")), Some(R::TxTooLarge));
        assert_eq!(reject(b"\x0a"), Some(R::TxMalformed));
        assert_eq!(reject(&ld(1, b"")), Some(R::TxMalformed));
        assert_eq!(reject(b""), Some(R::TxMalformed));
        assert_eq!(reject(&ld(1, b"\xff")), Some(R::BodyMalformed));
        assert_eq!(
            reject(&with(&|b| b.chain_id = ld(1, b"c-2"))),
            Some(R::WrongChainId)
        );
        assert_eq!(
            reject(&with(&|b| b.nonce = ld(2, &[0; 15]))),
            Some(R::NonceInvalid)
        );
        assert_eq!(
            reject(&with(&|b| b.nonce = ld(2, &[0; 33]))),
            Some(R::NonceInvalid)
        );
        assert_eq!(reject(&with(&|b| b.nonce = ld(2, &[0; 32]))), None);
        assert_eq!(
            reject(&with(&|b| b.not_after.clear())),
            Some(R::WindowMissing)
        );
        assert_eq!(
            reject(&with(&|b| b.not_after = ld(4, &vi(1, 1_799_999_999)))),
            Some(R::WindowInvalid)
        );
        assert_eq!(
            reject(&with(&|b| b.not_after = ld(4, &vi(1, 1_800_003_601)))),
            Some(R::WindowTooLong)
        );
        assert_eq!(
            reject(&with(&|b| b.not_after = ld(4, &vi(1, 1_800_003_600)))),
            None
        );
        assert_eq!(
            reject(&with(&|b| b.signers.clear())),
            Some(R::SignersMissing)
        );
        assert_eq!(
            reject(&with(&|b| b.signers.extend(ld(5, &[1; 31])))),
            Some(R::SignerInvalid)
        );
        assert_eq!(
            reject(&with(&|b| b.signers = b.signers.repeat(2))),
            Some(R::SignerDuplicated)
        );
        assert_eq!(
            reject(&with(&|b| b.memo = ld(7, &[b'm'; 257]))),
            Some(R::MemoTooLong)
        );
        assert_eq!(reject(&with(&|b| b.memo = ld(7, &[b'm'; 256]))), None);
        assert_eq!(reject(&with(&|b| b.action.clear())), Some(R::ActionMissing));
        assert_eq!(
            reject(&with(
                &|b| b.action = ld(6, &ld(1, b"type.googleapis.com/x.Y"))
            )),
            Some(R::UnknownActionType)
        );

        let body = Body::new(&[&a, &b]).encode();
        let two = sign(&body, &[&a, &b]);
        assert_eq!(reject(&two), None);
        assert_eq!(reject(&sign(&body, &[&a])), Some(R::SignatureMissing));
        assert_eq!(
            reject(&sign(&body, &[&a, &b, &a])),
            Some(R::SignatureDuplicated)
        );
        assert_eq!(
            reject(&sign(&body, &[&a, &key(3)])),
            Some(R::SignerNotListed)
        );
        let short_sig = [
            two.clone(),
            ld(2, &[ld(1, &public(&a)), ld(2, &[0; 63])].concat()),
        ]
        .concat();
        assert_eq!(reject(&short_sig), Some(R::SignatureMalformed));
        // The first failing signature decides: malformed before a later duplicate.
        let sigs = &two[ld(1, &body).len()..];
        let order = [ld(1, &body), ld(2, &ld(1, &[0; 32])), sigs.to_vec()].concat();
        assert_eq!(reject(&order), Some(R::SignatureMalformed));
    }

    #[test]
    fn the_checks_keep_python_order() {
        use Rejection as R;
        let a = key(1);
        // Wrong chain and short nonce: the chain id is checked first.
        let mut body = Body::new(&[&a]);
        body.chain_id = ld(1, b"other");
        body.nonce = ld(2, b"");
        assert_eq!(reject(&sign(&body.encode(), &[&a])), Some(R::WrongChainId));
        // No signers and a long memo: signers first. No action and a long memo: memo first.
        let mut body = Body::new(&[&a]);
        body.signers.clear();
        body.memo = ld(7, &[b'm'; 300]);
        assert_eq!(reject(&sign(&body.encode(), &[])), Some(R::SignersMissing));
        let mut body = Body::new(&[&a]);
        body.action.clear();
        body.memo = ld(7, &[b'm'; 300]);
        assert_eq!(reject(&sign(&body.encode(), &[&a])), Some(R::MemoTooLong));
    }

    #[test]
    fn every_truncation_is_rejected_or_checked_without_panicking() {
        let a = key(1);
        let raw = sign(&Body::new(&[&a]).encode(), &[&a]);
        let table = table();
        let policy = policy(&table);
        for cut in 0..raw.len() {
            assert!(check(&raw[..cut], &policy).is_err(), "cut at {cut}");
        }
        for i in 0..raw.len() * 8 {
            let mut flipped = raw.clone();
            flipped[i / 8] ^= 1 << (i % 8);
            let _ = check(&flipped, &policy);
        }
    }
}
