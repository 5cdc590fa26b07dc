//! Code values and the validated parameters `Digits` and `Period`.

use core::fmt;

use subtle::ConstantTimeEq;
use zeroize::Zeroize;

use crate::OtpError;

/// Longest code any supported kind produces (10 digits).
pub const MAX_CODE_LEN: usize = 10;

/// 10^d for d = 0..=9. A 31-bit truncated value is already below 10^10,
/// so 10 digits need no reduction.
const POW10: [u32; 10] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
];

/// A one-time code, kept on the stack: producing one allocates nothing.
///
/// `Debug` shows it (a code is short-lived and meant to be shown), but it is
/// wiped on drop all the same.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Code {
    buf: [u8; MAX_CODE_LEN],
    len: u8,
}

impl Code {
    pub(crate) fn decimal(value: u32, digits: Digits) -> Self {
        let n = usize::from(digits.get());
        let mut buf = [b'0'; MAX_CODE_LEN];
        let mut v = digits.reduce(value);
        for slot in buf[..n].iter_mut().rev() {
            *slot = b'0' + (v % 10) as u8;
            v /= 10;
        }
        Self {
            buf,
            len: digits.get(),
        }
    }

    pub(crate) fn from_ascii(buf: [u8; MAX_CODE_LEN], len: u8) -> Self {
        Self { buf, len }
    }

    /// The code as text (ASCII digits, or Steam's letters).
    pub fn as_str(&self) -> &str {
        // Only ASCII is ever written into `buf`.
        core::str::from_utf8(&self.buf[..usize::from(self.len)]).unwrap_or("")
    }

    /// Number of characters.
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Always false.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Constant-time comparison with what a user typed (already normalised
    /// to ASCII). The lengths are public; the contents are not.
    pub fn ct_eq_str(&self, typed: &[u8]) -> bool {
        let mine = &self.buf[..usize::from(self.len)];
        mine.len() == typed.len() && bool::from(mine.ct_eq(typed))
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Code({})", self.as_str())
    }
}

impl Zeroize for Code {
    fn zeroize(&mut self) {
        self.buf.zeroize();
    }
}

/// Number of decimal digits of a code: 4 to 10.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u32", into = "u32"))]
pub struct Digits(u8);

impl Digits {
    /// Six digits, the default of RFC 4226 and of most services.
    pub const SIX: Self = Self(6);
    /// Eight digits.
    pub const EIGHT: Self = Self(8);

    /// Validates 4..=10.
    pub fn new(n: u32) -> Result<Self, OtpError> {
        match n {
            4..=10 => Ok(Self(n as u8)),
            _ => Err(OtpError::InvalidDigits(n)),
        }
    }

    /// The number of digits.
    pub fn get(self) -> u8 {
        self.0
    }

    /// A 31-bit truncated HMAC value reduced to this many decimal digits
    /// (RFC 4226 §5.3 `Snum mod 10^Digit`).
    #[inline]
    pub(crate) fn reduce(self, value: u32) -> u32 {
        match POW10.get(usize::from(self.0)) {
            Some(m) => value % m,
            None => value,
        }
    }

    /// What a user typed, as the number a decimal code of this length
    /// stands for: separators dropped, Persian and Arabic-Indic digits
    /// accepted. `None` when it is not exactly this many digits (such a
    /// code can match nothing). Comparing numbers instead of formatted
    /// codes spares formatting every candidate step in a verify window.
    pub(crate) fn parse_typed(self, typed: &str) -> Option<u64> {
        let (buf, n) = crate::digits_input::normalize_code(typed)?;
        if n != usize::from(self.0) {
            return None;
        }
        buf[..n].iter().try_fold(0u64, |acc, b| {
            b.is_ascii_digit().then(|| acc * 10 + u64::from(b - b'0'))
        })
    }
}

impl Default for Digits {
    fn default() -> Self {
        Self::SIX
    }
}

impl TryFrom<u32> for Digits {
    type Error = OtpError;
    fn try_from(n: u32) -> Result<Self, OtpError> {
        Self::new(n)
    }
}

impl From<Digits> for u32 {
    fn from(d: Digits) -> u32 {
        u32::from(d.0)
    }
}

/// Length of a TOTP time step in seconds: 1 to 86 400.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "u64", into = "u64"))]
pub struct Period(u32);

impl Period {
    /// 30 seconds, RFC 6238's default.
    pub const THIRTY: Self = Self(30);
    /// 60 seconds, the card second-password period.
    pub const SIXTY: Self = Self(60);
    /// The longest period accepted: one day. Longer values are typos.
    pub const MAX_SECONDS: u64 = 86_400;

    /// Validates 1..=86400.
    pub fn new(seconds: u64) -> Result<Self, OtpError> {
        match seconds {
            1..=Self::MAX_SECONDS => Ok(Self(seconds as u32)),
            _ => Err(OtpError::InvalidPeriod(seconds)),
        }
    }

    /// Seconds.
    pub fn get(self) -> u64 {
        u64::from(self.0)
    }
}

impl Default for Period {
    fn default() -> Self {
        Self::THIRTY
    }
}

impl TryFrom<u64> for Period {
    type Error = OtpError;
    fn try_from(n: u64) -> Result<Self, OtpError> {
        Self::new(n)
    }
}

impl From<Period> for u64 {
    fn from(p: Period) -> u64 {
        p.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_padding_and_ten_digits() {
        assert_eq!(Code::decimal(42, Digits::SIX).as_str(), "000042");
        let ten = Digits::new(10).unwrap();
        assert_eq!(Code::decimal(0x7fff_ffff, ten).as_str(), "2147483647");
        assert_eq!(Code::decimal(5, Digits::new(4).unwrap()).as_str(), "0005");
    }

    #[test]
    fn bounds() {
        assert!(Digits::new(3).is_err() && Digits::new(11).is_err());
        assert!(Period::new(0).is_err() && Period::new(86_401).is_err());
        assert_eq!(Period::new(1).unwrap().get(), 1);
    }

    #[test]
    fn constant_time_compare() {
        let c = Code::decimal(123456, Digits::SIX);
        assert!(c.ct_eq_str(b"123456"));
        assert!(!c.ct_eq_str(b"123457"));
        assert!(!c.ct_eq_str(b"12345"));
    }
}
