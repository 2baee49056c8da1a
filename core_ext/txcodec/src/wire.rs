//! A strict protobuf wire-format reader that accepts exactly what upb (the decoder behind
//! Python's `ParseFromString`) accepts.
//!
//! Each rule below was checked against upb through Python (see `tests/unit/test_txcodec.py`):
//!
//! * A tag is a varint of at most 5 bytes whose value fits in 32 bits; the field number is
//!   `tag >> 3` and the wire type `tag & 7`. Wire types 6 and 7 are errors everywhere.
//! * A varint has at most 10 bytes; bits beyond 64 in the 10th byte are dropped (upb does not
//!   reject them). Non-minimal encodings (`0x85 0x00`) are fine.
//! * A length prefix must be below `i32::MAX` and fit in what is left of the enclosing
//!   message; fixed32/fixed64 values and varints must not run past it either.
//! * In a message, field number 0 is an error, and so is an end-group tag (these messages
//!   have no group fields). A known field number with another wire type than its own is an
//!   unknown field, skipped like any other.
//! * Unknown groups are skipped up to the end-group tag of the same number, which must come
//!   before the enclosing message ends. Inside a group anything with wire types 0 to 5
//!   goes, field number 0 included; an end-group tag of another number is an error.
//! * Each submessage and each group is one level of nesting; a parse allows
//!   [`MAX_DEPTH`] levels below its top message.

use std::fmt;

/// Nesting levels (submessages and groups) a parse allows below its top message: upb's
/// default, which Python's `ParseFromString` uses.
pub const MAX_DEPTH: u32 = 100;

/// The protobuf wire types.
pub const WIRE_VARINT: u8 = 0;
/// 8-byte little-endian value.
pub const WIRE_I64: u8 = 1;
/// Length-delimited: bytes, strings, submessages.
pub const WIRE_LEN: u8 = 2;
/// Start of a group.
pub const WIRE_SGROUP: u8 = 3;
/// End of a group.
pub const WIRE_EGROUP: u8 = 4;
/// 4-byte little-endian value.
pub const WIRE_I32: u8 = 5;

/// Why bytes are not an encoded message. Python only says "Error parsing message"; this
/// says what, for tests and debugging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireError {
    /// A tag, varint, length or fixed-size value runs past the end of its message.
    Truncated,
    /// A varint has more than 10 bytes.
    VarintTooLong,
    /// A tag has more than 5 bytes or does not fit in 32 bits.
    TagTooLong,
    /// Wire type 6 or 7.
    InvalidWireType,
    /// Field number 0 outside a group.
    FieldZero,
    /// An end-group tag outside a group, or for another group than the open one.
    UnexpectedEndGroup,
    /// A group is not closed before its enclosing message ends.
    UnterminatedGroup,
    /// A length prefix of `i32::MAX` or more.
    LengthTooLarge,
    /// More than [`MAX_DEPTH`] nested submessages and groups.
    TooDeep,
    /// A proto3 `string` field is not valid UTF-8.
    InvalidUtf8,
}

impl fmt::Display for WireError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Truncated => "a value runs past the end of its message",
            Self::VarintTooLong => "a varint has more than 10 bytes",
            Self::TagTooLong => "a tag has more than 5 bytes or exceeds 32 bits",
            Self::InvalidWireType => "wire type 6 or 7",
            Self::FieldZero => "field number 0",
            Self::UnexpectedEndGroup => "an end-group tag that closes no open group",
            Self::UnterminatedGroup => "a group is not closed before its message ends",
            Self::LengthTooLarge => "a length prefix of 2^31 - 1 or more",
            Self::TooDeep => "submessages and groups nest more than 100 levels deep",
            Self::InvalidUtf8 => "a string field is not valid UTF-8",
        })
    }
}

impl std::error::Error for WireError {}

/// Result alias of the wire reader.
pub type WireResult<T> = Result<T, WireError>;

/// Reads one message's bytes front to back. Borrowed slices point into the input.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// A reader over the encoded message `buf`.
    pub fn new(buf: &'a [u8]) -> Self {
        Self { buf, pos: 0 }
    }

    /// True once every byte was read.
    pub fn is_empty(&self) -> bool {
        self.pos == self.buf.len()
    }

    fn byte(&mut self) -> WireResult<u8> {
        let b = *self.buf.get(self.pos).ok_or(WireError::Truncated)?;
        self.pos += 1;
        Ok(b)
    }

    /// A varint of at most 10 bytes, modulo 2^64 (upb drops higher bits of the 10th byte).
    pub fn varint(&mut self) -> WireResult<u64> {
        let mut value = 0u64;
        for i in 0..10 {
            let b = self.byte()?;
            // Shifting by 63 keeps only the lowest bit of the 10th byte, as upb does.
            value |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(WireError::VarintTooLong)
    }

    /// A tag: `(field number, wire type)`. Rejects wire types 6 and 7.
    pub fn tag(&mut self) -> WireResult<(u32, u8)> {
        let start = self.pos;
        let tag = self.varint().map_err(|e| match e {
            WireError::VarintTooLong => WireError::TagTooLong,
            other => other,
        })?;
        let tag = u32::try_from(tag).map_err(|_| WireError::TagTooLong)?;
        if self.pos - start > 5 {
            return Err(WireError::TagTooLong);
        }
        let wire_type = (tag & 7) as u8;
        if wire_type > WIRE_I32 {
            return Err(WireError::InvalidWireType);
        }
        Ok((tag >> 3, wire_type))
    }

    /// The next `n` bytes.
    fn take(&mut self, n: usize) -> WireResult<&'a [u8]> {
        let end = self.pos.checked_add(n).ok_or(WireError::Truncated)?;
        let out = self.buf.get(self.pos..end).ok_or(WireError::Truncated)?;
        self.pos = end;
        Ok(out)
    }

    /// A length-delimited value (after its tag): its bytes.
    pub fn bytes(&mut self) -> WireResult<&'a [u8]> {
        let len = self.varint()?;
        if len >= i32::MAX as u64 {
            return Err(WireError::LengthTooLarge);
        }
        self.take(len as usize)
    }

    /// A length-delimited proto3 `string` (after its tag), validated as UTF-8.
    pub fn string(&mut self) -> WireResult<&'a str> {
        std::str::from_utf8(self.bytes()?).map_err(|_| WireError::InvalidUtf8)
    }

    /// Skips the value of a field this message does not know (or knows with another wire
    /// type), given its tag. `depth` is the nesting budget left below this message.
    pub fn skip_unknown(&mut self, field: u32, wire_type: u8, depth: u32) -> WireResult<()> {
        if wire_type == WIRE_EGROUP {
            return Err(WireError::UnexpectedEndGroup);
        }
        if field == 0 {
            return Err(WireError::FieldZero);
        }
        self.skip_value(field, wire_type, depth)
    }

    fn skip_value(&mut self, field: u32, wire_type: u8, depth: u32) -> WireResult<()> {
        match wire_type {
            WIRE_VARINT => self.varint().map(drop),
            WIRE_I64 => self.take(8).map(drop),
            WIRE_LEN => self.bytes().map(drop),
            WIRE_SGROUP => self.skip_group(field, depth),
            WIRE_I32 => self.take(4).map(drop),
            // End-group tags are handled by the callers; 6 and 7 never leave `tag`.
            _ => Err(WireError::UnexpectedEndGroup),
        }
    }

    /// Skips an unknown group `number` whose start tag was just read.
    fn skip_group(&mut self, number: u32, depth: u32) -> WireResult<()> {
        let depth = depth.checked_sub(1).ok_or(WireError::TooDeep)?;
        loop {
            if self.is_empty() {
                return Err(WireError::UnterminatedGroup);
            }
            let (field, wire_type) = self.tag()?;
            if wire_type == WIRE_EGROUP {
                return if field == number {
                    Ok(())
                } else {
                    Err(WireError::UnexpectedEndGroup)
                };
            }
            self.skip_value(field, wire_type, depth)?;
        }
    }
}

/// The nesting budget inside a submessage of a message whose budget is `depth`.
pub fn enter(depth: u32) -> WireResult<u32> {
    depth.checked_sub(1).ok_or(WireError::TooDeep)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Encodes `value` as a minimal varint.
    pub(crate) fn varint(mut value: u64) -> Vec<u8> {
        let mut out = Vec::new();
        loop {
            let b = (value & 0x7f) as u8;
            value >>= 7;
            if value == 0 {
                out.push(b);
                return out;
            }
            out.push(b | 0x80);
        }
    }

    pub(crate) fn tag(field: u32, wire_type: u8) -> Vec<u8> {
        varint((u64::from(field) << 3) | u64::from(wire_type))
    }

    /// A length-delimited field.
    pub(crate) fn ld(field: u32, payload: &[u8]) -> Vec<u8> {
        [
            tag(field, WIRE_LEN),
            varint(payload.len() as u64),
            payload.to_vec(),
        ]
        .concat()
    }

    /// A varint field.
    pub(crate) fn vi(field: u32, value: u64) -> Vec<u8> {
        [tag(field, WIRE_VARINT), varint(value)].concat()
    }

    fn skip_all(buf: &[u8]) -> WireResult<()> {
        let mut r = Reader::new(buf);
        while !r.is_empty() {
            let (field, wire_type) = r.tag()?;
            r.skip_unknown(field, wire_type, MAX_DEPTH)?;
        }
        Ok(())
    }

    #[test]
    fn varints_wrap_like_upb() {
        assert_eq!(Reader::new(&[0x85, 0x00]).varint(), Ok(5));
        let mut ten = vec![0xff; 9];
        ten.push(0x01);
        assert_eq!(Reader::new(&ten).varint(), Ok(u64::MAX));
        ten[9] = 0x7f; // bits beyond 64 are dropped, not rejected
        assert_eq!(Reader::new(&ten).varint(), Ok(u64::MAX));
        let mut eleven = vec![0xff; 10];
        eleven.push(0x01);
        assert_eq!(Reader::new(&eleven).varint(), Err(WireError::VarintTooLong));
        assert_eq!(Reader::new(&[0x80]).varint(), Err(WireError::Truncated));
    }

    #[test]
    fn tags_have_at_most_five_bytes_and_32_bits() {
        assert_eq!(
            Reader::new(&[0x88, 0x80, 0x80, 0x80, 0x00]).tag(),
            Ok((1, 0))
        );
        assert_eq!(
            Reader::new(&[0x88, 0x80, 0x80, 0x80, 0x80, 0x00]).tag(),
            Err(WireError::TagTooLong)
        );
        assert_eq!(
            Reader::new(&[0x80, 0x80, 0x80, 0x80, 0x10]).tag(),
            Err(WireError::TagTooLong)
        );
        assert_eq!(
            Reader::new(&tag(536_870_911, 0)).tag(),
            Ok((536_870_911, 0))
        );
        assert_eq!(Reader::new(&[0x0e]).tag(), Err(WireError::InvalidWireType));
        assert_eq!(Reader::new(&[0x0f]).tag(), Err(WireError::InvalidWireType));
    }

    #[test]
    fn unknown_fields_of_every_wire_type_are_skipped() {
        let mut buf = Vec::new();
        buf.extend(tag(9, WIRE_VARINT));
        buf.extend(varint(300));
        buf.extend(tag(9, WIRE_I64));
        buf.extend([0; 8]);
        buf.extend(tag(9, WIRE_LEN));
        buf.extend([2, 0xff, 0xff]); // not UTF-8, not a message: unknown, so never looked at
        buf.extend(tag(9, WIRE_I32));
        buf.extend([0; 4]);
        buf.extend(tag(9, WIRE_SGROUP));
        buf.extend(tag(9, WIRE_EGROUP));
        assert_eq!(skip_all(&buf), Ok(()));
        for cut in 0..buf.len() {
            let prefix = &buf[..cut];
            let ends_on_field = [0, 3, 12, 16, 21].contains(&cut);
            assert_eq!(skip_all(prefix).is_ok(), ends_on_field, "cut at {cut}");
        }
    }

    #[test]
    fn field_zero_and_end_groups_outside_groups_are_errors() {
        assert_eq!(skip_all(&[0x00, 0x00]), Err(WireError::FieldZero));
        assert_eq!(skip_all(&[0x02, 0x00]), Err(WireError::FieldZero));
        assert_eq!(skip_all(&[0x03, 0x04]), Err(WireError::FieldZero));
        assert_eq!(skip_all(&[0x0c]), Err(WireError::UnexpectedEndGroup));
        assert_eq!(skip_all(&[0x04]), Err(WireError::UnexpectedEndGroup));
    }

    #[test]
    fn groups_nest_match_and_allow_field_zero_inside() {
        let g = |inner: &[u8]| [&tag(3, WIRE_SGROUP)[..], inner, &tag(3, WIRE_EGROUP)].concat();
        assert_eq!(skip_all(&g(&[0x00, 0x00])), Ok(()));
        assert_eq!(skip_all(&g(&[0x03, 0x04])), Ok(())); // group 0 inside group 3
        assert_eq!(skip_all(&g(&[0x04])), Err(WireError::UnexpectedEndGroup));
        assert_eq!(skip_all(&g(&[0x0e])), Err(WireError::InvalidWireType));
        assert_eq!(
            skip_all(&[&tag(3, WIRE_SGROUP)[..], &tag(4, WIRE_EGROUP)].concat()),
            Err(WireError::UnexpectedEndGroup)
        );
        assert_eq!(
            skip_all(&tag(3, WIRE_SGROUP)),
            Err(WireError::UnterminatedGroup)
        );
        let nested = [
            &tag(3, WIRE_SGROUP)[..],
            &tag(5, WIRE_SGROUP),
            &tag(3, WIRE_EGROUP),
            &tag(5, WIRE_EGROUP),
        ]
        .concat();
        assert_eq!(skip_all(&nested), Err(WireError::UnexpectedEndGroup));
    }

    #[test]
    fn nesting_is_limited_to_100_levels() {
        let groups =
            |n: usize| [tag(9, WIRE_SGROUP).repeat(n), tag(9, WIRE_EGROUP).repeat(n)].concat();
        assert_eq!(skip_all(&groups(100)), Ok(()));
        assert_eq!(skip_all(&groups(101)), Err(WireError::TooDeep));
    }

    #[test]
    fn lengths_must_fit() {
        assert_eq!(Reader::new(&[3, 1, 2]).bytes(), Err(WireError::Truncated));
        let mut huge = varint(u64::from(u32::MAX));
        huge.push(0);
        assert_eq!(Reader::new(&huge).bytes(), Err(WireError::LengthTooLarge));
        assert_eq!(Reader::new(&[2, 0xc3, 0xa9]).string(), Ok("é"));
        assert_eq!(
            Reader::new(&[1, 0xff]).string(),
            Err(WireError::InvalidUtf8)
        );
        // Surrogates and code points above U+10FFFF are not UTF-8 (as for upb's utf8_range).
        assert_eq!(
            Reader::new(&[3, 0xed, 0xa0, 0x80]).string(),
            Err(WireError::InvalidUtf8)
        );
        assert_eq!(
            Reader::new(&[4, 0xf4, 0x90, 0x80, 0x80]).string(),
            Err(WireError::InvalidUtf8)
        );
    }
}
