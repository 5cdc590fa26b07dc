//! The little of protobuf's wire format that a migration payload uses:
//! varints and length-delimited fields, read with a bounds check on every
//! byte, unknown fields skipped. See ADR 0011 for why this is not `prost`.

use zeroize::Zeroizing;

use crate::UriError;

/// Wire type of a varint field.
pub(crate) const VARINT: u8 = 0;
/// Wire type of a length-delimited field (bytes, strings, messages).
pub(crate) const LEN: u8 = 2;
const I64: u8 = 1;
const I32: u8 = 5;

/// One field as read from the wire.
pub(crate) enum Value<'a> {
    Varint(u64),
    Bytes(&'a [u8]),
    /// A fixed-width field; none is used, they are skipped.
    Fixed,
}

/// Reads fields from a message, front to back.
pub(crate) struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    pub(crate) fn new(buf: &'a [u8]) -> Self {
        Self { buf }
    }

    /// The next `(field number, value)`, `None` at the end of the message.
    pub(crate) fn next_field(&mut self) -> Result<Option<(u64, Value<'a>)>, UriError> {
        if self.buf.is_empty() {
            return Ok(None);
        }
        let key = self.varint()?;
        let field = key >> 3;
        if field == 0 {
            return Err(UriError::InvalidMigration("protobuf field number 0"));
        }
        let value = match (key & 7) as u8 {
            VARINT => Value::Varint(self.varint()?),
            LEN => {
                let len = usize::try_from(self.varint()?).map_err(|_| TRUNCATED)?;
                Value::Bytes(self.take(len)?)
            }
            I64 => {
                self.take(8)?;
                Value::Fixed
            }
            I32 => {
                self.take(4)?;
                Value::Fixed
            }
            // Groups (3, 4) are deprecated and never used here; 6, 7 do not
            // exist.
            _ => return Err(UriError::InvalidMigration("unsupported protobuf wire type")),
        };
        Ok(Some((field, value)))
    }

    fn varint(&mut self) -> Result<u64, UriError> {
        let mut value = 0u64;
        for i in 0..10u32 {
            let (&b, rest) = self.buf.split_first().ok_or(TRUNCATED)?;
            self.buf = rest;
            // The tenth byte may only carry the top bit of a u64.
            if i == 9 && b > 1 {
                return Err(UriError::InvalidMigration(
                    "protobuf varint overflows 64 bits",
                ));
            }
            value |= u64::from(b & 0x7f) << (7 * i);
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(UriError::InvalidMigration(
            "protobuf varint overflows 64 bits",
        ))
    }

    fn take(&mut self, len: usize) -> Result<&'a [u8], UriError> {
        let (head, rest) = self.buf.split_at_checked(len).ok_or(TRUNCATED)?;
        self.buf = rest;
        Ok(head)
    }
}

const TRUNCATED: UriError = UriError::InvalidMigration("protobuf message is truncated");

/// Interprets a varint as protobuf `int32` (the low 32 bits, two's
/// complement, as every protobuf runtime does).
pub(crate) fn int32(v: u64) -> i32 {
    v as u32 as i32
}

/// Writes a message. The buffer may hold a secret, so it is zeroized; the
/// caller sizes it with [`Writer::with_capacity`] so it never reallocates.
pub(crate) struct Writer {
    pub(crate) buf: Zeroizing<Vec<u8>>,
}

impl Writer {
    pub(crate) fn with_capacity(n: usize) -> Self {
        Self {
            buf: Zeroizing::new(Vec::with_capacity(n)),
        }
    }

    pub(crate) fn varint_field(&mut self, field: u64, v: u64) {
        self.varint(field << 3 | u64::from(VARINT));
        self.varint(v);
    }

    /// An `int32`/`int64`/enum field; negative values take ten bytes, as
    /// protobuf specifies.
    pub(crate) fn int_field(&mut self, field: u64, v: i64) {
        self.varint_field(field, v as u64);
    }

    pub(crate) fn bytes_field(&mut self, field: u64, bytes: &[u8]) {
        self.varint(field << 3 | u64::from(LEN));
        self.varint(bytes.len() as u64);
        self.buf.extend_from_slice(bytes);
    }

    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8 & 0x7f) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }
}

/// Bytes a length-delimited field of `len` bytes takes, key included
/// (field numbers here are below 16, so the key is one byte).
pub(crate) fn bytes_field_len(len: usize) -> usize {
    1 + varint_len(len as u64) + len
}

/// Bytes a varint field takes, key included.
pub(crate) fn int_field_len(v: i64) -> usize {
    1 + varint_len(v as u64)
}

fn varint_len(v: u64) -> usize {
    (64 - (v | 1).leading_zeros() as usize).div_ceil(7)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    type Field = (u64, Option<u64>, Option<Vec<u8>>);

    fn fields(buf: &[u8]) -> Result<Vec<Field>, UriError> {
        let mut r = Reader::new(buf);
        let mut out = Vec::new();
        while let Some((f, v)) = r.next_field()? {
            out.push(match v {
                Value::Varint(n) => (f, Some(n), None),
                Value::Bytes(b) => (f, None, Some(b.to_vec())),
                Value::Fixed => (f, None, None),
            });
        }
        Ok(out)
    }

    #[test]
    fn round_trip_and_lengths() {
        let mut w = Writer::with_capacity(64);
        w.int_field(2, -1);
        w.varint_field(3, 300);
        w.bytes_field(1, b"abc");
        w.int_field(7, i64::MAX);
        assert_eq!(
            w.buf.len(),
            int_field_len(-1) + int_field_len(300) + bytes_field_len(3) + int_field_len(i64::MAX)
        );
        assert_eq!(&w.buf[..4], &[0x10, 0xff, 0xff, 0xff]);
        let f = fields(&w.buf).unwrap();
        assert_eq!(int32(f[0].1.unwrap()), -1);
        assert_eq!(f[1], (3, Some(300), None));
        assert_eq!(f[2], (1, None, Some(b"abc".to_vec())));
        assert_eq!(f[3].1, Some(i64::MAX as u64));
        for v in [0u64, 1, 127, 128, 16_383, 16_384, u64::MAX] {
            let mut w = Writer::with_capacity(11);
            w.varint(v);
            assert_eq!(w.buf.len(), varint_len(v), "{v}");
        }
    }

    #[test]
    fn skips_fixed_and_refuses_malformed() {
        // field 9 fixed64, field 10 fixed32, then field 2 varint 5.
        let buf = [0x49, 1, 2, 3, 4, 5, 6, 7, 8, 0x55, 1, 2, 3, 4, 0x10, 5];
        assert_eq!(
            fields(&buf).unwrap(),
            vec![(9, None, None), (10, None, None), (2, Some(5), None)]
        );
        for bad in [
            &[0x0a, 5, 1, 2][..], // length past the end
            &[0x10][..],          // missing value
            &[0x10, 0x80][..],    // unfinished varint
            &[
                0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
            ][..], // > 64 bits
            &[0x0b][..],          // group
            &[0x00, 1][..],       // field 0
            &[
                0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01,
            ][..], // huge length
        ] {
            assert!(fields(bad).is_err(), "{bad:?}");
        }
    }
}
