//! The shared secret (RFC 4226 "K").

use core::fmt;
use zeroize::{Zeroize, ZeroizeOnDrop, Zeroizing};

use crate::OtpError;

/// A shared OTP secret.
///
/// Zeroized on drop, redacted in `Debug`, no `Display`, no `Serialize`: the
/// only way to the bytes is [`Secret::expose_secret`], so every exposure is
/// visible in review.
#[derive(Clone, Zeroize, ZeroizeOnDrop, PartialEq, Eq)]
pub struct Secret {
    bytes: Vec<u8>,
}

/// RFC 4226 §4 asks for at least 128 bits and recommends 160; many real
/// services issue 80-bit secrets, which we accept but flag.
pub const RECOMMENDED_MIN_SECRET_BYTES: usize = 16;

impl Secret {
    /// Takes ownership of raw secret bytes. Any length of at least one byte
    /// is accepted; see [`Secret::is_weak`].
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self, OtpError> {
        if bytes.is_empty() {
            return Err(OtpError::EmptySecret);
        }
        Ok(Self { bytes })
    }

    /// Copies the secret out of a slice. Prefer [`Secret::from_bytes`] when
    /// the caller owns a buffer it would otherwise have to wipe.
    pub fn from_slice(bytes: &[u8]) -> Result<Self, OtpError> {
        Self::from_bytes(bytes.to_vec())
    }

    /// Decodes a base32 secret as people type and paste it (any case,
    /// spaces, hyphens, optional `=` padding).
    pub fn from_base32(text: &str) -> Result<Self, OtpError> {
        let bytes = crate::base32::decode(text)?;
        Self::from_bytes(bytes.to_vec())
    }

    /// Canonical base32: upper case, no padding.
    pub fn to_base32(&self) -> Zeroizing<String> {
        crate::base32::encode(&self.bytes)
    }

    /// The raw bytes. Every call site is a place where the secret leaves
    /// this type; keep them few.
    pub fn expose_secret(&self) -> &[u8] {
        &self.bytes
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Always false: a `Secret` has at least one byte.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// True when the secret is shorter than the 128 bits RFC 4226 requires.
    /// Callers show a warning; the secret still works.
    pub fn is_weak(&self) -> bool {
        self.bytes.len() < RECOMMENDED_MIN_SECRET_BYTES
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret([redacted; {} bytes])", self.bytes.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_is_redacted() {
        let s = Secret::from_slice(b"12345678901234567890").unwrap();
        let d = format!("{s:?}");
        assert!(!d.contains("1234"), "{d}");
        assert!(d.contains("redacted"));
    }

    #[test]
    fn empty_is_refused_and_short_is_weak() {
        assert_eq!(Secret::from_bytes(vec![]), Err(OtpError::EmptySecret));
        let short = Secret::from_slice(&[1; 10]).unwrap();
        assert!(short.is_weak());
        assert!(!Secret::from_slice(&[1; 20]).unwrap().is_weak());
    }
}
