//! Hash algorithms and the prepared (pre-keyed) HMAC state.

use core::fmt;
use core::str::FromStr;

use sha1::{Digest, Sha1};
use sha2::{Sha256, Sha512};
use zeroize::{Zeroize, Zeroizing};

use crate::{OtpError, Secret, block};

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

/// HMAC keyed once with the secret (RFC 2104 §4: "precompute the
/// intermediate results ... for each key").
///
/// Only the two chaining states after the `K ^ ipad` and `K ^ opad` blocks
/// are kept. A code then costs exactly two compression calls on one
/// stack block each: no allocation, no buffer bookkeeping, no key copy.
/// The compression functions are RustCrypto's (`sha1`, `sha2`); this file
/// only does the padding. `tests` cross-checks it against the `hmac` crate
/// and `tests/oracle.rs` against pyotp, stdlib HMAC and oathtool. The
/// states are key-equivalent, so they are wiped on drop. See ADR 0002.
#[derive(Clone)]
pub(crate) enum PreparedKey {
    Sha1 { inner: [u32; 5], outer: [u32; 5] },
    Sha256 { inner: [u32; 8], outer: [u32; 8] },
    Sha512 { inner: [u64; 8], outer: [u64; 8] },
}

const SHA1_IV: [u32; 5] = [
    0x6745_2301,
    0xEFCD_AB89,
    0x98BA_DCFE,
    0x1032_5476,
    0xC3D2_E1F0,
];
const SHA256_IV: [u32; 8] = [
    0x6a09_e667,
    0xbb67_ae85,
    0x3c6e_f372,
    0xa54f_f53a,
    0x510e_527f,
    0x9b05_688c,
    0x1f83_d9ab,
    0x5be0_cd19,
];
const SHA512_IV: [u64; 8] = [
    0x6a09_e667_f3bc_c908,
    0xbb67_ae85_84ca_a73b,
    0x3c6e_f372_fe94_f82b,
    0xa54f_f53a_5f1d_36f1,
    0x510e_527f_ade6_82d1,
    0x9b05_688c_2b3e_6c1f,
    0x1f83_d9ab_fb41_bd6b,
    0x5be0_cd19_137e_2179,
];

impl PreparedKey {
    pub(crate) fn new(algorithm: Algorithm, secret: &Secret) -> Self {
        let key = secret.expose_secret();
        match algorithm {
            Algorithm::Sha1 => {
                let (ipad, opad) = pads::<64>(key, |k| Sha1::digest(k).to_vec());
                let (mut inner, mut outer) = (SHA1_IV, SHA1_IV);
                sha1::block_api::compress(&mut inner, &[*ipad]);
                sha1::block_api::compress(&mut outer, &[*opad]);
                Self::Sha1 { inner, outer }
            }
            Algorithm::Sha256 => {
                let (ipad, opad) = pads::<64>(key, |k| Sha256::digest(k).to_vec());
                let (mut inner, mut outer) = (SHA256_IV, SHA256_IV);
                sha2::block_api::compress256(&mut inner, &[*ipad]);
                sha2::block_api::compress256(&mut outer, &[*opad]);
                Self::Sha256 { inner, outer }
            }
            Algorithm::Sha512 => {
                let (ipad, opad) = pads::<128>(key, |k| Sha512::digest(k).to_vec());
                let (mut inner, mut outer) = (SHA512_IV, SHA512_IV);
                sha2::block_api::compress512(&mut inner, &[*ipad]);
                sha2::block_api::compress512(&mut outer, &[*opad]);
                Self::Sha512 { inner, outer }
            }
        }
    }

    /// RFC 4226 dynamic truncation of HMAC(K, counter): a 31-bit integer.
    #[inline]
    pub(crate) fn truncated(&self, counter: u64) -> u32 {
        match self {
            Self::Sha1 { inner, outer } => dt_words32(&self.sha1(inner, outer, counter)),
            Self::Sha256 { inner, outer } => dt_words32(&self.sha256(inner, outer, counter)),
            Self::Sha512 { inner, outer } => dt_words64(&self.sha512(inner, outer, counter)),
        }
    }

    #[inline]
    fn sha1(&self, inner: &[u32; 5], outer: &[u32; 5], counter: u64) -> [u32; 5] {
        let mut h = *inner;
        sha1::block_api::compress(&mut h, &[block::counter64(counter)]);
        let d = block::digest64(&h);
        let mut h = *outer;
        sha1::block_api::compress(&mut h, &[d]);
        h
    }

    #[inline]
    fn sha256(&self, inner: &[u32; 8], outer: &[u32; 8], counter: u64) -> [u32; 8] {
        let mut h = *inner;
        sha2::block_api::compress256(&mut h, &[block::counter64(counter)]);
        let d = block::digest64(&h);
        let mut h = *outer;
        sha2::block_api::compress256(&mut h, &[d]);
        h
    }

    #[inline]
    fn sha512(&self, inner: &[u64; 8], outer: &[u64; 8], counter: u64) -> [u64; 8] {
        let mut h = *inner;
        sha2::block_api::compress512(&mut h, &[block::counter128(counter)]);
        let d = block::digest128(&h);
        let mut h = *outer;
        sha2::block_api::compress512(&mut h, &[d]);
        h
    }
}

impl Drop for PreparedKey {
    fn drop(&mut self) {
        match self {
            Self::Sha1 { inner, outer } => {
                inner.zeroize();
                outer.zeroize();
            }
            Self::Sha256 { inner, outer } => {
                inner.zeroize();
                outer.zeroize();
            }
            Self::Sha512 { inner, outer } => {
                inner.zeroize();
                outer.zeroize();
            }
        }
    }
}

impl fmt::Debug for PreparedKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PreparedKey([redacted])")
    }
}

/// `K ^ ipad` and `K ^ opad` blocks; keys longer than a block are hashed
/// first (RFC 2104 §2).
fn pads<const B: usize>(
    key: &[u8],
    hash: impl Fn(&[u8]) -> Vec<u8>,
) -> (Zeroizing<[u8; B]>, Zeroizing<[u8; B]>) {
    let hashed;
    let key = if key.len() > B {
        hashed = Zeroizing::new(hash(key));
        hashed.as_slice()
    } else {
        key
    };
    let mut ipad = Zeroizing::new([0x36u8; B]);
    let mut opad = Zeroizing::new([0x5cu8; B]);
    for ((i, o), k) in ipad.iter_mut().zip(opad.iter_mut()).zip(key) {
        *i ^= k;
        *o ^= k;
    }
    (ipad, opad)
}

/// Digest words as bytes (tests compare against byte-wise truncation).
#[cfg(test)]
fn be_bytes32<const N: usize, const W: usize>(h: &[u32; W]) -> [u8; N] {
    let mut out = [0u8; N];
    for (chunk, w) in out.chunks_exact_mut(4).zip(h) {
        chunk.copy_from_slice(&w.to_be_bytes());
    }
    out
}

#[cfg(test)]
fn be_bytes64(h: &[u64; 8]) -> [u8; 64] {
    let mut out = [0u8; 64];
    for (chunk, w) in out.chunks_exact_mut(8).zip(h) {
        chunk.copy_from_slice(&w.to_be_bytes());
    }
    out
}

/// RFC 4226 dynamic truncation read straight from the big-endian state
/// words of a SHA-1 or SHA-256 digest (no serialisation of the digest).
/// The offset is the low nibble of the last byte, at most 15, so the four
/// bytes span words `off / 4` and `off / 4 + 1` (< 5).
#[inline]
fn dt_words32<const W: usize>(h: &[u32; W]) -> u32 {
    let off = (h[W - 1] & 0x0f) as usize;
    let pair = (u64::from(h[off / 4]) << 32) | u64::from(h[off / 4 + 1]);
    ((pair >> (32 - 8 * (off % 4))) as u32) & 0x7fff_ffff
}

/// As [`dt_words32`] for SHA-512's 64-bit words (words `off / 8`, `+ 1`).
#[inline]
fn dt_words64(h: &[u64; 8]) -> u32 {
    let off = (h[7] & 0x0f) as usize;
    let pair = (u128::from(h[off / 8]) << 64) | u128::from(h[off / 8 + 1]);
    ((pair >> (96 - 8 * (off % 8))) as u32) & 0x7fff_ffff
}

/// The RFC 4226 §5.3 definition on digest bytes, kept as the reference
/// the word-based versions are tested against.
#[cfg(test)]
fn dt(hs: &[u8]) -> u32 {
    let off = usize::from(hs[hs.len() - 1] & 0x0f);
    u32::from_be_bytes([hs[off] & 0x7f, hs[off + 1], hs[off + 2], hs[off + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, KeyInit, Mac};

    fn reference<M: Mac + KeyInit>(key: &[u8], counter: u64) -> u32 {
        let mut m = <M as KeyInit>::new_from_slice(key).unwrap();
        m.update(&counter.to_be_bytes());
        dt(&m.finalize().into_bytes())
    }

    /// The precomputed-pad HMAC equals RustCrypto's `hmac` for keys
    /// shorter than, equal to and longer than the block, every algorithm.
    #[test]
    fn matches_hmac_crate() {
        let mut x = 0x1234_5678_9abc_def0u64;
        for len in [1usize, 10, 20, 32, 63, 64, 65, 100, 127, 128, 129, 300] {
            for _ in 0..8 {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let key: Vec<u8> = (0..len).map(|i| (x >> (i % 56)) as u8).collect();
                let s = Secret::from_slice(&key).unwrap();
                let c = x >> 7;
                assert_eq!(
                    PreparedKey::new(Algorithm::Sha1, &s).truncated(c),
                    reference::<Hmac<Sha1>>(&key, c)
                );
                assert_eq!(
                    PreparedKey::new(Algorithm::Sha256, &s).truncated(c),
                    reference::<Hmac<Sha256>>(&key, c)
                );
                assert_eq!(
                    PreparedKey::new(Algorithm::Sha512, &s).truncated(c),
                    reference::<Hmac<Sha512>>(&key, c)
                );
            }
        }
    }

    /// The word-based truncation equals the byte-based one at every offset.
    #[test]
    fn truncation_from_words_matches_bytes() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            x
        };
        for off in 0..16u64 {
            for _ in 0..16 {
                let mut h1 = [0u32; 5];
                h1.iter_mut().for_each(|w| *w = next() as u32);
                h1[4] = (h1[4] & !0x0f) | off as u32;
                assert_eq!(dt_words32(&h1), dt(&be_bytes32::<20, 5>(&h1)));
                let mut h2 = [0u32; 8];
                h2.iter_mut().for_each(|w| *w = (next() >> 13) as u32);
                h2[7] = (h2[7] & !0x0f) | off as u32;
                assert_eq!(dt_words32(&h2), dt(&be_bytes32::<32, 8>(&h2)));
                let mut h5 = [0u64; 8];
                h5.iter_mut().for_each(|w| *w = next());
                h5[7] = (h5[7] & !0x0f) | off;
                assert_eq!(dt_words64(&h5), dt(&be_bytes64(&h5)));
            }
        }
    }

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
