//! HOTP, RFC 4226.

use subtle::ConstantTimeEq;

use crate::algorithm::PreparedKey;
use crate::{Algorithm, Code, Digits, Secret};

/// An HOTP generator: the key is prepared once, each code costs two hash
/// compressions and no allocation.
#[derive(Debug, Clone)]
pub struct Hotp {
    key: PreparedKey,
    digits: Digits,
}

impl Hotp {
    /// Prepares the key.
    pub fn new(secret: &Secret, algorithm: Algorithm, digits: Digits) -> Self {
        Self {
            key: PreparedKey::new(algorithm, secret),
            digits,
        }
    }

    /// The code for `counter`.
    #[inline]
    pub fn code(&self, counter: u64) -> Code {
        Code::decimal(self.key.truncated(counter), self.digits)
    }

    /// Number of digits.
    pub fn digits(&self) -> Digits {
        self.digits
    }

    /// Issuer-side check of `typed` against counters `counter ..= counter +
    /// look_ahead` (RFC 4226 §7.4 resynchronisation). Returns the matching
    /// counter; the caller stores `matched + 1`. Every candidate is
    /// compared in constant time.
    pub fn verify(&self, typed: &str, counter: u64, look_ahead: u64) -> Option<u64> {
        let typed = self.digits.parse_typed(typed)?;
        (0..=look_ahead)
            .filter_map(|i| counter.checked_add(i))
            .find(|c| {
                let value = u64::from(self.digits.reduce(self.key.truncated(*c)));
                bool::from(value.ct_eq(&typed))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4226 Appendix D.
    #[test]
    fn rfc4226_appendix_d() {
        let secret = Secret::from_slice(b"12345678901234567890").unwrap();
        let hotp = Hotp::new(&secret, Algorithm::Sha1, Digits::SIX);
        let expected = [
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
            "399871", "520489",
        ];
        for (c, e) in expected.iter().enumerate() {
            assert_eq!(hotp.code(c as u64).as_str(), *e, "counter {c}");
        }
        assert_eq!(hotp.verify("969429", 1, 5), Some(3));
        assert_eq!(hotp.verify("969429", 4, 5), None);
        // Typed with Persian digits and a space, as a phone keyboard gives it.
        assert_eq!(hotp.verify("۹۶۹ ۴۲۹", 1, 5), Some(3));
        assert_eq!(hotp.verify("96942", 1, 5), None);
        assert_eq!(hotp.verify("96942A", 1, 5), None);
    }
}
