//! The messages of `proto/tabularium/ledger/v1/transaction.proto` (and the two well-known
//! types they use), decoded with protobuf's merge rules:
//!
//! * a singular scalar, string or bytes field given more than once keeps the last value;
//! * a singular message field given more than once is *merged* field by field (each field
//!   again last-one-wins), and is present as soon as it appears once, even empty;
//! * a repeated field appends every occurrence;
//! * everything else (unknown numbers, known numbers with another wire type) is skipped.
//!
//! Slices borrow from the input; nothing is copied.

use crate::wire::{MAX_DEPTH, Reader, WIRE_LEN, WIRE_VARINT, WireResult, enter};

/// `tabularium.ledger.v1.Signature`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Signature<'a> {
    /// Field 1, `bytes public_key`.
    pub public_key: &'a [u8],
    /// Field 2, `bytes signature`.
    pub signature: &'a [u8],
}

/// `tabularium.ledger.v1.SignedTransaction`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignedTransaction<'a> {
    /// Field 1, `bytes body`: the encoded `TransactionBody`.
    pub body: &'a [u8],
    /// Field 2, `repeated Signature signatures`.
    pub signatures: Vec<Signature<'a>>,
}

/// `google.protobuf.Timestamp`, unvalidated (as Python reads it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timestamp {
    /// Field 1, `int64 seconds`.
    pub seconds: i64,
    /// Field 2, `int32 nanos` (the low 32 bits of the varint, as protobuf reads `int32`).
    pub nanos: i32,
}

impl Timestamp {
    /// Microseconds since the epoch, sub-µs part dropped: `seconds * 10^6 + ⌊nanos / 1000⌋`
    /// with floor division, exactly as Python's `us_from_timestamp` computes it.
    pub fn micros(self) -> i128 {
        i128::from(self.seconds) * 1_000_000 + i128::from(self.nanos).div_euclid(1000)
    }
}

/// `google.protobuf.Any`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Any<'a> {
    /// Field 1, `string type_url`.
    pub type_url: &'a str,
    /// Field 2, `bytes value`.
    pub value: &'a [u8],
}

/// `tabularium.ledger.v1.TransactionBody`. `None` is an absent message field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransactionBody<'a> {
    /// Field 1, `string chain_id`.
    pub chain_id: &'a str,
    /// Field 2, `bytes nonce`.
    pub nonce: &'a [u8],
    /// Field 3, `Timestamp not_before`.
    pub not_before: Option<Timestamp>,
    /// Field 4, `Timestamp not_after`.
    pub not_after: Option<Timestamp>,
    /// Field 5, `repeated bytes signers`.
    pub signers: Vec<&'a [u8]>,
    /// Field 6, `Any action`.
    pub action: Option<Any<'a>>,
    /// Field 7, `string memo`.
    pub memo: &'a str,
}

/// Decodes an encoded `SignedTransaction` (what `ParseFromString` accepts).
pub fn decode_signed_transaction(buf: &[u8]) -> WireResult<SignedTransaction<'_>> {
    let mut out = SignedTransaction::default();
    let mut r = Reader::new(buf);
    while !r.is_empty() {
        match r.tag()? {
            (1, WIRE_LEN) => out.body = r.bytes()?,
            (2, WIRE_LEN) => out
                .signatures
                .push(decode_signature(r.bytes()?, enter(MAX_DEPTH)?)?),
            (field, wire_type) => r.skip_unknown(field, wire_type, MAX_DEPTH)?,
        }
    }
    Ok(out)
}

fn decode_signature(buf: &[u8], depth: u32) -> WireResult<Signature<'_>> {
    let mut out = Signature::default();
    let mut r = Reader::new(buf);
    while !r.is_empty() {
        match r.tag()? {
            (1, WIRE_LEN) => out.public_key = r.bytes()?,
            (2, WIRE_LEN) => out.signature = r.bytes()?,
            (field, wire_type) => r.skip_unknown(field, wire_type, depth)?,
        }
    }
    Ok(out)
}

/// Decodes an encoded `TransactionBody` (what `ParseFromString` accepts).
pub fn decode_transaction_body(buf: &[u8]) -> WireResult<TransactionBody<'_>> {
    let mut out = TransactionBody::default();
    let mut r = Reader::new(buf);
    while !r.is_empty() {
        match r.tag()? {
            (1, WIRE_LEN) => out.chain_id = r.string()?,
            (2, WIRE_LEN) => out.nonce = r.bytes()?,
            (3, WIRE_LEN) => merge_timestamp(r.bytes()?, &mut out.not_before)?,
            (4, WIRE_LEN) => merge_timestamp(r.bytes()?, &mut out.not_after)?,
            (5, WIRE_LEN) => out.signers.push(r.bytes()?),
            (6, WIRE_LEN) => merge_any(r.bytes()?, &mut out.action)?,
            (7, WIRE_LEN) => out.memo = r.string()?,
            (field, wire_type) => r.skip_unknown(field, wire_type, MAX_DEPTH)?,
        }
    }
    Ok(out)
}

/// Merges an encoded `Timestamp` into `into` (creating it if absent).
fn merge_timestamp(buf: &[u8], into: &mut Option<Timestamp>) -> WireResult<()> {
    let depth = enter(MAX_DEPTH)?;
    let ts = into.get_or_insert_with(Timestamp::default);
    let mut r = Reader::new(buf);
    while !r.is_empty() {
        match r.tag()? {
            // int64 is the varint's two's complement; int32 its low 32 bits.
            (1, WIRE_VARINT) => ts.seconds = r.varint()?.cast_signed(),
            (2, WIRE_VARINT) => ts.nanos = (r.varint()? as u32).cast_signed(),
            (field, wire_type) => r.skip_unknown(field, wire_type, depth)?,
        }
    }
    Ok(())
}

/// Merges an encoded `Any` into `into` (creating it if absent).
fn merge_any<'a>(buf: &'a [u8], into: &mut Option<Any<'a>>) -> WireResult<()> {
    let depth = enter(MAX_DEPTH)?;
    let any = into.get_or_insert_with(Any::default);
    let mut r = Reader::new(buf);
    while !r.is_empty() {
        match r.tag()? {
            (1, WIRE_LEN) => any.type_url = r.string()?,
            (2, WIRE_LEN) => any.value = r.bytes()?,
            (field, wire_type) => r.skip_unknown(field, wire_type, depth)?,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::tests::{ld, tag, vi};
    use crate::wire::{WIRE_EGROUP, WIRE_I32, WIRE_I64, WIRE_SGROUP, WireError};

    #[test]
    fn singular_fields_keep_the_last_value_and_repeated_ones_append() {
        let buf = [
            ld(1, b"chain-a"),
            ld(5, b"k1"),
            ld(2, b"n1"),
            ld(1, b"chain-b"),
            ld(5, b"k2"),
            ld(2, b"n2"),
            ld(7, "mémo".as_bytes()),
        ]
        .concat();
        let body = decode_transaction_body(&buf).unwrap();
        assert_eq!(body.chain_id, "chain-b");
        assert_eq!(body.nonce, b"n2");
        assert_eq!(body.signers, vec![&b"k1"[..], b"k2"]);
        assert_eq!(body.memo, "mémo");
        assert_eq!((body.not_before, body.action), (None, None));
    }

    #[test]
    fn message_fields_merge_and_are_present_even_empty() {
        let buf = [
            ld(3, &[vi(1, 5), vi(2, 7)].concat()),
            ld(3, &vi(1, 9)),
            ld(4, b""),
            ld(6, &[ld(1, b"t/a"), ld(2, b"x")].concat()),
            ld(6, &ld(2, b"y")),
        ]
        .concat();
        let body = decode_transaction_body(&buf).unwrap();
        assert_eq!(
            body.not_before,
            Some(Timestamp {
                seconds: 9,
                nanos: 7
            })
        );
        assert_eq!(body.not_after, Some(Timestamp::default()));
        assert_eq!(
            body.action,
            Some(Any {
                type_url: "t/a",
                value: b"y"
            })
        );
    }

    #[test]
    fn known_numbers_with_another_wire_type_are_unknown_fields() {
        let buf = [
            vi(1, 1),                                            // chain_id as a varint
            [tag(3, WIRE_I64), vec![0; 8]].concat(),             // not_before as fixed64
            [tag(6, WIRE_SGROUP), tag(6, WIRE_EGROUP)].concat(), // action as a group
            [tag(5, WIRE_I32), vec![0; 4]].concat(),
        ]
        .concat();
        assert_eq!(
            decode_transaction_body(&buf).unwrap(),
            TransactionBody::default()
        );
        let ts = ld(3, &[ld(1, b"x"), ld(2, b"")].concat());
        assert_eq!(
            decode_transaction_body(&ts).unwrap().not_before,
            Some(Timestamp::default())
        );
        let signed = [vi(1, 3), vi(2, 3)].concat();
        assert_eq!(
            decode_signed_transaction(&signed).unwrap(),
            SignedTransaction::default()
        );
    }

    #[test]
    fn timestamp_integers_wrap_like_protobuf() {
        let buf = ld(3, &[vi(1, u64::MAX), vi(2, (1 << 40) + 5)].concat());
        let ts = decode_transaction_body(&buf).unwrap().not_before.unwrap();
        assert_eq!((ts.seconds, ts.nanos), (-1, 5));
        let neg = ld(3, &vi(2, (-5i64).cast_unsigned()));
        assert_eq!(
            decode_transaction_body(&neg)
                .unwrap()
                .not_before
                .unwrap()
                .nanos,
            -5
        );
    }

    #[test]
    fn micros_floor_like_python() {
        let us = |seconds, nanos| Timestamp { seconds, nanos }.micros();
        assert_eq!(us(1, 999), 1_000_000);
        assert_eq!(us(1, 1000), 1_000_001);
        assert_eq!(us(0, -1), -1); // -1 // 1000 == -1 in Python
        assert_eq!(us(0, -1000), -1);
        assert_eq!(us(0, -1001), -2);
        assert_eq!(
            us(i64::MIN, i32::MIN),
            i128::from(i64::MIN) * 1_000_000 - 2_147_484
        );
    }

    #[test]
    fn strings_must_be_utf8_even_when_overwritten_later() {
        let bad = [ld(1, b"\xff"), ld(1, b"ok")].concat();
        assert_eq!(decode_transaction_body(&bad), Err(WireError::InvalidUtf8));
        let memo = ld(7, b"\xc0\x80");
        assert_eq!(decode_transaction_body(&memo), Err(WireError::InvalidUtf8));
        let type_url = ld(6, &ld(1, b"\xed\xa0\x80"));
        assert_eq!(
            decode_transaction_body(&type_url),
            Err(WireError::InvalidUtf8)
        );
        // Unknown fields are never validated, even with a string's number inside a group.
        let hidden = [tag(9, WIRE_SGROUP), ld(1, b"\xff"), tag(9, WIRE_EGROUP)].concat();
        assert!(decode_transaction_body(&hidden).is_ok());
    }

    #[test]
    fn submessages_count_towards_the_depth_limit() {
        let groups =
            |n: usize| [tag(9, WIRE_SGROUP).repeat(n), tag(9, WIRE_EGROUP).repeat(n)].concat();
        for field in [3, 4, 6] {
            assert!(decode_transaction_body(&ld(field, &groups(99))).is_ok());
            assert_eq!(
                decode_transaction_body(&ld(field, &groups(100))),
                Err(WireError::TooDeep)
            );
        }
        assert!(decode_transaction_body(&groups(100)).is_ok());
        assert!(decode_signed_transaction(&ld(2, &groups(99))).is_ok());
        assert_eq!(
            decode_signed_transaction(&ld(2, &groups(100))),
            Err(WireError::TooDeep)
        );
    }

    #[test]
    fn submessages_end_at_their_length() {
        // A group opened in a Timestamp cannot be closed after it.
        let crossing = [ld(3, &tag(9, WIRE_SGROUP)), tag(9, WIRE_EGROUP)].concat();
        assert_eq!(
            decode_transaction_body(&crossing),
            Err(WireError::UnterminatedGroup)
        );
        // A varint cannot run on past the end of its Timestamp.
        let runs_on = [tag(3, WIRE_LEN), vec![2, 0x08, 0x80, 0x01]].concat();
        assert_eq!(decode_transaction_body(&runs_on), Err(WireError::Truncated));
        // Field 0 inside a submessage is an error, inside a group there it is not.
        assert_eq!(
            decode_transaction_body(&ld(3, &[0, 0])),
            Err(WireError::FieldZero)
        );
        let zero_in_group = [tag(9, WIRE_SGROUP), vec![0, 0], tag(9, WIRE_EGROUP)].concat();
        assert!(decode_transaction_body(&ld(3, &zero_in_group)).is_ok());
    }

    #[test]
    fn signatures_are_submessages_with_last_one_wins_fields() {
        let buf = [
            ld(2, &[ld(1, b"k"), ld(1, b"K")].concat()),
            ld(1, b"b1"),
            ld(2, &ld(2, b"s")),
            ld(1, b""),
        ]
        .concat();
        let signed = decode_signed_transaction(&buf).unwrap();
        assert_eq!(signed.body, b"");
        assert_eq!(
            signed.signatures,
            vec![
                Signature {
                    public_key: b"K",
                    signature: b""
                },
                Signature {
                    public_key: b"",
                    signature: b"s"
                }
            ]
        );
    }
}
