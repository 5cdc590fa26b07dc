//! Hash algorithms and the prepared (pre-keyed) HMAC state.

use core::fmt;
use core::str::FromStr;

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;
use sha2::{Sha256, Sha512};

use crate::{OtpError, Secret};

/// The HMAC hash function of an OTP credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Algorithm {
    /// HMAC-SHA-1, the RFC 4226 default and what most services use.
    #[default]
    Sha1,
    /// HMAC-SHA-256.
    Sha256,
    /// HMAC-SHA-512.
    Sha512,
}

impl Algorithm {
    /// The name as it appears in `otpauth://` URIs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA1",
            Self::Sha256 => "SHA256",
            Self::Sha512 => "SHA512",
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Algorithm {
    type Err = OtpError;

    /// Accepts `SHA1`, `SHA-1`, `sha256`, ... in any case.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut buf = [0u8; 8];
        let mut n = 0;
        for b in s.bytes().filter(|b| *b != b'-' && *b != b'_') {
            if n == buf.len() {
                return Err(OtpError::UnsupportedAlgorithm);
            }
            buf[n] = b.to_ascii_uppercase();
            n += 1;
        }
        match &buf[..n] {
            b"SHA1" => Ok(Self::Sha1),
            b"SHA256" => Ok(Self::Sha256),
            b"SHA512" => Ok(Self::Sha512),
            _ => Err(OtpError::UnsupportedAlgorithm),
        }
    }
}

/// HMAC keyed once with the secret.
///
/// Keying HMAC hashes the padded key into an inner and outer state; doing it
/// once and cloning that state per code is what makes a code cost two
/// compression calls, no allocation and no key copy. The state is zeroized
/// on drop (`hmac`'s `zeroize` feature).
#[derive(Clone)]
pub(crate) enum PreparedKey {
    Sha1(Hmac<Sha1>),
    Sha256(Hmac<Sha256>),
    Sha512(Hmac<Sha512>),
}

impl PreparedKey {
    pub(crate) fn new(algorithm: Algorithm, secret: &Secret) -> Self {
        let key = secret.expose_secret();
        // HMAC accepts keys of any length, so `new_from_slice` cannot fail;
        // fall back to an empty-key state rather than panic if it ever did.
        match algorithm {
            Algorithm::Sha1 => Self::Sha1(
                Hmac::<Sha1>::new_from_slice(key).unwrap_or_else(|_| Hmac::<Sha1>::new(&Default::default())),
            ),
            Algorithm::Sha256 => Self::Sha256(
                Hmac::<Sha256>::new_from_slice(key)
                    .unwrap_or_else(|_| Hmac::<Sha256>::new(&Default::default())),
            ),
            Algorithm::Sha512 => Self::Sha512(
                Hmac::<Sha512>::new_from_slice(key)
                    .unwrap_or_else(|_| Hmac::<Sha512>::new(&Default::default())),
            ),
        }
    }

    /// RFC 4226 dynamic truncation of HMAC(K, counter): a 31-bit integer.
    #[inline]
    pub(crate) fn truncated(&self, counter: u64) -> u32 {
        let msg = counter.to_be_bytes();
        match self {
            Self::Sha1(m) => dt(&mac(m, &msg)),
            Self::Sha256(m) => dt(&mac(m, &msg)),
            Self::Sha512(m) => dt(&mac(m, &msg)),
        }
    }
}

impl fmt::Debug for PreparedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PreparedKey([redacted])")
    }
}

#[inline]
fn mac<M: Mac + Clone>(m: &M, msg: &[u8]) -> hmac::digest::Output<M> {
    let mut m = m.clone();
    m.update(msg);
    m.finalize().into_bytes()
}

#[inline]
fn dt(hs: &[u8]) -> u32 {
    // The offset is the low nibble of the last byte; offset + 3 < 20 for
    // every supported hash, so the indexing below is in bounds.
    let off = usize::from(hs[hs.len() - 1] & 0x0f);
    u32::from_be_bytes([hs[off] & 0x7f, hs[off + 1], hs[off + 2], hs[off + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_leniently() {
        for (s, a) in [
            ("SHA1", Algorithm::Sha1),
            ("sha-256", Algorithm::Sha256),
            ("Sha512", Algorithm::Sha512),
        ] {
            assert_eq!(s.parse::<Algorithm>().unwrap(), a);
        }
        assert!("MD5".parse::<Algorithm>().is_err());
        assert!("SHA1SHA1SHA1".parse::<Algorithm>().is_err());
    }
}
