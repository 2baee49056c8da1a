//! The static checks of `tabularium.chain.tx.decode_transaction`, in its order, up to (not
//! including) the action's own decoder, which only Python has.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hash};

use crate::messages::{decode_signed_transaction, decode_transaction_body};

/// Smallest nonce, in bytes.
pub const NONCE_MIN: usize = 16;
/// Largest nonce, in bytes.
pub const NONCE_MAX: usize = 32;
/// Largest memo, in bytes of UTF-8.
pub const MEMO_MAX_BYTES: usize = 256;
/// Length of a signer's Ed25519 public key.
pub const PUBLIC_KEY_SIZE: usize = tabularium_sigs::PUBLIC_KEY_SIZE;
/// Length of an Ed25519 signature.
pub const SIGNATURE_SIZE: usize = tabularium_sigs::SIGNATURE_SIZE;

/// Up to this many signers, duplicates and signature owners are found by scanning the list;
/// above, through a hash table (a bulk transaction may list thousands).
const SCAN_MAX_SIGNERS: usize = 16;

/// Why a transaction fails a static check: the `reason` of the Python error, whose exact
/// message Python builds itself by re-running `decode_transaction` on the transaction.
///
/// The discriminants are the codes the binding returns; [`Rejection::ALL`] lists them in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Rejection {
    /// Larger than the node's ceiling, or than its action's own limit.
    TxTooLarge = 0,
    /// Not an encoded `SignedTransaction`, or its `body` is empty.
    TxMalformed = 1,
    /// `body` is not an encoded `TransactionBody`.
    BodyMalformed = 2,
    /// `chain_id` is not the node's.
    WrongChainId = 3,
    /// The nonce is not 16 to 32 bytes.
    NonceInvalid = 4,
    /// `not_before` or `not_after` is absent.
    WindowMissing = 5,
    /// `not_after` is before `not_before`.
    WindowInvalid = 6,
    /// The window is longer than the node allows.
    WindowTooLong = 7,
    /// `signers` is empty.
    SignersMissing = 8,
    /// A signer is not 32 bytes.
    SignerInvalid = 9,
    /// A signer is listed twice.
    SignerDuplicated = 10,
    /// A signature's key is not 32 bytes or its signature not 64.
    SignatureMalformed = 11,
    /// A signature's key is not among the signers.
    SignerNotListed = 12,
    /// A key signed twice.
    SignatureDuplicated = 13,
    /// A signer did not sign.
    SignatureMissing = 14,
    /// The memo has more than 256 bytes.
    MemoTooLong = 15,
    /// There is no action.
    ActionMissing = 16,
    /// No action of this type URL is registered.
    UnknownActionType = 17,
}

impl Rejection {
    /// Every rejection, indexed by its code.
    pub const ALL: [Self; 18] = [
        Self::TxTooLarge,
        Self::TxMalformed,
        Self::BodyMalformed,
        Self::WrongChainId,
        Self::NonceInvalid,
        Self::WindowMissing,
        Self::WindowInvalid,
        Self::WindowTooLong,
        Self::SignersMissing,
        Self::SignerInvalid,
        Self::SignerDuplicated,
        Self::SignatureMalformed,
        Self::SignerNotListed,
        Self::SignatureDuplicated,
        Self::SignatureMissing,
        Self::MemoTooLong,
        Self::ActionMissing,
        Self::UnknownActionType,
    ];

    /// The code the binding returns (the discriminant).
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The `reason` Python's `decode_transaction` gives for this failure.
    pub fn reason(self) -> &'static str {
        match self {
            Self::TxTooLarge => "TX_TOO_LARGE",
            Self::TxMalformed => "TX_MALFORMED",
            Self::BodyMalformed => "BODY_MALFORMED",
            Self::WrongChainId => "WRONG_CHAIN_ID",
            Self::NonceInvalid => "NONCE_INVALID",
            Self::WindowMissing => "WINDOW_MISSING",
            Self::WindowInvalid => "WINDOW_INVALID",
            Self::WindowTooLong => "WINDOW_TOO_LONG",
            Self::SignersMissing => "SIGNERS_MISSING",
            Self::SignerInvalid => "SIGNER_INVALID",
            Self::SignerDuplicated => "SIGNER_DUPLICATED",
            Self::SignatureMalformed => "SIGNATURE_MALFORMED",
            Self::SignerNotListed => "SIGNER_NOT_LISTED",
            Self::SignatureDuplicated => "SIGNATURE_DUPLICATED",
            Self::SignatureMissing => "SIGNATURE_MISSING",
            Self::MemoTooLong => "MEMO_TOO_LONG",
            Self::ActionMissing => "ACTION_MISSING",
            Self::UnknownActionType => "UNKNOWN_ACTION_TYPE",
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}

impl std::error::Error for Rejection {}

/// The registered action types, as far as static checks need them.
pub trait ActionTable: Sync {
    /// `Some(limit)` when `type_url` is registered: the largest transaction carrying it, 0
    /// meaning the node's `max_tx_bytes`. `None` when it is not registered.
    fn max_bytes(&self, type_url: &str) -> Option<i64>;
}

impl<K, S> ActionTable for HashMap<K, i64, S>
where
    K: Borrow<str> + Hash + Eq + Sync,
    S: BuildHasher + Sync,
{
    fn max_bytes(&self, type_url: &str) -> Option<i64> {
        self.get(type_url).copied()
    }
}

/// The node's settings the static checks compare with.
#[derive(Clone, Copy)]
pub struct Policy<'a> {
    /// The node's chain id, as UTF-8 bytes (bytes, so that a `str` Python could not encode
    /// as UTF-8 simply matches nothing).
    pub chain_id: &'a [u8],
    /// Longest validity window, in microseconds.
    pub max_window_us: i128,
    /// The node's `max_tx_bytes`: the limit of actions without one of their own.
    pub max_tx_bytes: i64,
    /// No transaction may be larger: `max(max_tx_bytes, largest action limit)`.
    pub ceiling: i64,
    /// The registered action types.
    pub actions: &'a dyn ActionTable,
}

/// A transaction that passed every static check, borrowing from its encoded bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked<'a> {
    /// The encoded `TransactionBody` (a slice of the transaction): what is signed.
    pub body: &'a [u8],
    /// The body's chain id (equal to the policy's).
    pub chain_id: &'a str,
    /// 16 to 32 bytes.
    pub nonce: &'a [u8],
    /// Start of the validity window, µs since the epoch.
    pub not_before_us: i128,
    /// End of the validity window, µs since the epoch.
    pub not_after_us: i128,
    /// The signers' public keys, in body order.
    pub signers: Vec<&'a [u8; PUBLIC_KEY_SIZE]>,
    /// `signatures[i]` is the signature by `signers[i]`.
    pub signatures: Vec<&'a [u8; SIGNATURE_SIZE]>,
    /// The action's type URL (registered).
    pub type_url: &'a str,
    /// The action's encoded message, for the Python decoder of its type.
    pub value: &'a [u8],
    /// The memo, at most 256 bytes.
    pub memo: &'a str,
}

fn usize_over(len: usize, limit: i64) -> bool {
    // Lengths of in-memory buffers always fit in i64.
    i64::try_from(len).map_or(true, |len| len > limit)
}

/// Where each signer's signature sits: `slots[i]` for `signers[i]`.
struct Owners<'s, 'a> {
    signers: &'s [&'a [u8; PUBLIC_KEY_SIZE]],
    index: Option<HashMap<&'a [u8; PUBLIC_KEY_SIZE], usize>>,
}

impl<'s, 'a> Owners<'s, 'a> {
    /// `None` when a key is listed twice.
    fn new(signers: &'s [&'a [u8; PUBLIC_KEY_SIZE]]) -> Option<Self> {
        if signers.len() <= SCAN_MAX_SIGNERS {
            let unique = signers
                .iter()
                .enumerate()
                .all(|(i, k)| !signers[..i].contains(k));
            return unique.then_some(Self {
                signers,
                index: None,
            });
        }
        let mut index = HashMap::with_capacity(signers.len());
        for (i, &k) in signers.iter().enumerate() {
            if index.insert(k, i).is_some() {
                return None;
            }
        }
        Some(Self {
            signers,
            index: Some(index),
        })
    }

    fn position(&self, key: &[u8; PUBLIC_KEY_SIZE]) -> Option<usize> {
        match &self.index {
            Some(index) => index.get(key).copied(),
            None => self.signers.iter().position(|k| *k == key),
        }
    }
}

/// Runs every static check of `decode_transaction` on `raw` (except the action's decoder),
/// in its order; the first failure is the answer.
pub fn check<'a>(raw: &'a [u8], policy: &Policy<'_>) -> Result<Checked<'a>, Rejection> {
    use Rejection as R;
    if usize_over(raw.len(), policy.ceiling) {
        return Err(R::TxTooLarge);
    }
    let signed = decode_signed_transaction(raw).map_err(|_| R::TxMalformed)?;
    if signed.body.is_empty() {
        return Err(R::TxMalformed);
    }
    let body = decode_transaction_body(signed.body).map_err(|_| R::BodyMalformed)?;
    // The size limit is the action's own when its type is registered and has one.
    let registered = body
        .action
        .and_then(|a| policy.actions.max_bytes(a.type_url));
    let limit = match registered {
        Some(own) if own != 0 => own,
        _ => policy.max_tx_bytes,
    };
    if usize_over(raw.len(), limit) {
        return Err(R::TxTooLarge);
    }
    if body.chain_id.as_bytes() != policy.chain_id {
        return Err(R::WrongChainId);
    }
    if !(NONCE_MIN..=NONCE_MAX).contains(&body.nonce.len()) {
        return Err(R::NonceInvalid);
    }
    let (Some(not_before), Some(not_after)) = (body.not_before, body.not_after) else {
        return Err(R::WindowMissing);
    };
    let (not_before_us, not_after_us) = (not_before.micros(), not_after.micros());
    if not_after_us < not_before_us {
        return Err(R::WindowInvalid);
    }
    if not_after_us - not_before_us > policy.max_window_us {
        return Err(R::WindowTooLong);
    }
    if body.signers.is_empty() {
        return Err(R::SignersMissing);
    }
    let signers = body
        .signers
        .iter()
        .map(|k| <&[u8; PUBLIC_KEY_SIZE]>::try_from(*k))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| R::SignerInvalid)?;
    let owners = Owners::new(&signers).ok_or(R::SignerDuplicated)?;
    let mut slots: Vec<Option<&'a [u8; SIGNATURE_SIZE]>> = vec![None; signers.len()];
    for sig in &signed.signatures {
        let (Ok(key), Ok(value)) = (
            <&[u8; PUBLIC_KEY_SIZE]>::try_from(sig.public_key),
            <&[u8; SIGNATURE_SIZE]>::try_from(sig.signature),
        ) else {
            return Err(R::SignatureMalformed);
        };
        let slot = &mut slots[owners.position(key).ok_or(R::SignerNotListed)?];
        if slot.is_some() {
            return Err(R::SignatureDuplicated);
        }
        *slot = Some(value);
    }
    let signatures = slots
        .into_iter()
        .collect::<Option<Vec<_>>>()
        .ok_or(R::SignatureMissing)?;
    if body.memo.len() > MEMO_MAX_BYTES {
        return Err(R::MemoTooLong);
    }
    let action = body.action.ok_or(R::ActionMissing)?;
    if registered.is_none() {
        return Err(R::UnknownActionType);
    }
    Ok(Checked {
        body: signed.body,
        chain_id: body.chain_id,
        nonce: body.nonce,
        not_before_us,
        not_after_us,
        signers,
        signatures,
        type_url: action.type_url,
        value: action.value,
        memo: body.memo,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_reasons_are_in_order_and_distinct() {
        for (i, r) in Rejection::ALL.iter().enumerate() {
            assert_eq!(usize::from(r.code()), i);
        }
        let reasons: HashSet<_> = Rejection::ALL.iter().map(|r| r.reason()).collect();
        assert_eq!(reasons.len(), Rejection::ALL.len());
    }

    #[test]
    fn owners_agree_between_scan_and_index() {
        let keys: Vec<[u8; 32]> = (0..40u8).map(|i| [i; 32]).collect();
        for n in [1, 2, SCAN_MAX_SIGNERS, SCAN_MAX_SIGNERS + 1, 40] {
            let mut list: Vec<&[u8; 32]> = keys[..n].iter().collect();
            let owners = Owners::new(&list).expect("distinct");
            for (i, k) in list.iter().enumerate() {
                assert_eq!(owners.position(k), Some(i));
            }
            assert_eq!(owners.position(&[99; 32]), None);
            list.push(&keys[n / 2]);
            assert!(Owners::new(&list).is_none(), "{n} signers, one twice");
        }
    }
}
