//! The 6-digit PIN: parsing what was typed (any of the three digit
//! scripts) and refusing trivial choices.

use core::fmt;

use thiserror::Error;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

/// Number of digits of a PIN.
pub const PIN_LEN: usize = 6;

/// Common 6-digit PINs refused on top of the pattern rules (from published
/// PIN-frequency studies; the all-equal and sequential ones are caught by
/// the rules and not repeated here).
const BLOCKLIST: [&[u8; PIN_LEN]; 16] = [
    b"121212", b"123123", b"112233", b"123321", b"159753", b"147258", b"258369", b"101010",
    b"696969", b"789456", b"111222", b"102030", b"520520", b"131313", b"202020", b"654654",
];

/// A PIN normalised to six ASCII digits. Wiped on drop; `Debug` is
/// redacted; the digits are reachable only inside this crate.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub struct Pin {
    digits: [u8; PIN_LEN],
}

/// Why a typed PIN is not acceptable. Never contains the PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PinProblem {
    /// The bytes are not UTF-8 text.
    #[error("the PIN is not text")]
    NotText,
    /// Something other than a digit (Persian, Arabic-Indic and ASCII digits
    /// are all accepted).
    #[error("the PIN may contain digits only")]
    NotDigits,
    /// Not exactly six digits.
    #[error("the PIN must have exactly 6 digits, got {0}")]
    WrongLength(usize),
    /// All six digits are the same.
    #[error("the PIN must not repeat one digit")]
    AllSame,
    /// Each digit is one more than the last (wrapping 9 to 0).
    #[error("the PIN must not be an ascending sequence")]
    Ascending,
    /// Each digit is one less than the last (wrapping 0 to 9).
    #[error("the PIN must not be a descending sequence")]
    Descending,
    /// On the list of most common PINs.
    #[error("the PIN is one of the most common PINs")]
    Common,
}

impl Pin {
    /// Parses a PIN as typed, for unlocking: six digits in any of the
    /// three scripts, nothing else. The strength rules are not applied
    /// (see [`Pin::new_checked`]).
    pub fn parse(typed: &[u8]) -> Result<Self, PinProblem> {
        let text = core::str::from_utf8(typed).map_err(|_| PinProblem::NotText)?;
        let normal = Zeroizing::new(ramz_otp::normalize_digits(text).ok_or(PinProblem::NotDigits)?);
        let bytes = normal.as_bytes();
        if bytes.len() != PIN_LEN {
            return Err(PinProblem::WrongLength(bytes.len()));
        }
        let mut digits = [0u8; PIN_LEN];
        digits.copy_from_slice(bytes);
        Ok(Self { digits })
    }

    /// Parses a new PIN and applies the strength rules: not all equal, not
    /// an ascending or descending run, not on the common-PIN list.
    pub fn new_checked(typed: &[u8]) -> Result<Self, PinProblem> {
        let pin = Self::parse(typed)?;
        pin.check_strength()?;
        Ok(pin)
    }

    fn check_strength(&self) -> Result<(), PinProblem> {
        let d = &self.digits;
        let steps = |delta: u8| {
            d.windows(2)
                .all(|w| (w[0] - b'0' + delta) % 10 == w[1] - b'0')
        };
        if steps(0) {
            return Err(PinProblem::AllSame);
        }
        if steps(1) {
            return Err(PinProblem::Ascending);
        }
        if steps(9) {
            return Err(PinProblem::Descending);
        }
        if BLOCKLIST.contains(&d) {
            return Err(PinProblem::Common);
        }
        Ok(())
    }

    /// The six ASCII digits.
    pub(crate) fn expose(&self) -> &[u8; PIN_LEN] {
        &self.digits
    }
}

impl fmt::Debug for Pin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Pin([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_scripts_normalise_to_the_same_pin() {
        let ascii = Pin::parse(b"480913").unwrap();
        let persian = Pin::parse("۴۸۰۹۱۳".as_bytes()).unwrap();
        let arabic = Pin::parse("٤٨٠٩١٣".as_bytes()).unwrap();
        assert_eq!(ascii.expose(), persian.expose());
        assert_eq!(ascii.expose(), arabic.expose());
        assert_eq!(ascii.expose(), b"480913");
    }

    #[test]
    fn shape_errors() {
        assert_eq!(
            Pin::parse(b"12345").unwrap_err(),
            PinProblem::WrongLength(5)
        );
        assert_eq!(
            Pin::parse(b"1234567").unwrap_err(),
            PinProblem::WrongLength(7)
        );
        assert_eq!(Pin::parse(b"12a456").unwrap_err(), PinProblem::NotDigits);
        assert_eq!(Pin::parse(&[0xff, 0x31]).unwrap_err(), PinProblem::NotText);
        assert_eq!(Pin::parse(b"").unwrap_err(), PinProblem::WrongLength(0));
    }

    #[test]
    fn trivial_pins_are_refused_with_a_reason() {
        assert_eq!(
            Pin::new_checked(b"000000").unwrap_err(),
            PinProblem::AllSame
        );
        assert_eq!(
            Pin::new_checked("۷۷۷۷۷۷".as_bytes()).unwrap_err(),
            PinProblem::AllSame
        );
        assert_eq!(
            Pin::new_checked(b"123456").unwrap_err(),
            PinProblem::Ascending
        );
        assert_eq!(
            Pin::new_checked(b"789012").unwrap_err(),
            PinProblem::Ascending
        );
        assert_eq!(
            Pin::new_checked(b"654321").unwrap_err(),
            PinProblem::Descending
        );
        assert_eq!(
            Pin::new_checked(b"210987").unwrap_err(),
            PinProblem::Descending
        );
        for common in BLOCKLIST {
            assert_eq!(Pin::new_checked(common).unwrap_err(), PinProblem::Common);
        }
        // Unlocking still accepts any six digits (an old vault may use one).
        assert!(Pin::parse(b"123456").is_ok());
        assert!(Pin::new_checked(b"480913").is_ok());
        assert!(Pin::new_checked(b"124578").is_ok());
    }

    #[test]
    fn debug_is_redacted() {
        let pin = Pin::parse(b"480913").unwrap();
        assert_eq!(format!("{pin:?}"), "Pin([redacted])");
    }
}
