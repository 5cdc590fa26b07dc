//! The final message blocks of the two HMAC hashes, built from words.
//!
//! Each code hashes one short message block per side: the counter (inner)
//! and the inner digest (outer), each followed by the padding for a
//! message that comes after one key block. The compression functions read
//! a block in 16-byte loads. When the block was just written with narrower
//! stores (bytes, words), those loads cannot be forwarded from the store
//! buffer and stall until the stores retire: measured here, 23 ns of a
//! 75 ns HMAC-SHA-1. On x86_64 each 16-byte lane is therefore put together
//! in a vector register and stored at once (`safe_arch`: safe wrappers over
//! SSE2, which every x86_64 has); elsewhere the words are written as bytes.

/// The words of a 64-byte block (SHA-1, SHA-256), big-endian values.
pub(crate) type Words32 = [u32; 16];
/// The words of a 128-byte block (SHA-512), big-endian values.
pub(crate) type Words64 = [u64; 16];

/// Block of an 8-byte counter after one 64-byte key block.
#[inline]
pub(crate) fn counter64(counter: u64) -> [u8; 64] {
    let mut w: Words32 = [0; 16];
    w[0] = (counter >> 32) as u32;
    w[1] = counter as u32;
    w[2] = 0x8000_0000;
    w[15] = (64 + 8) * 8;
    bytes32(&w)
}

/// Block of a `4 * N`-byte digest (N = 5 or 8) after one 64-byte key block.
#[inline]
pub(crate) fn digest64<const N: usize>(h: &[u32; N]) -> [u8; 64] {
    let mut w: Words32 = [0; 16];
    w[..N].copy_from_slice(h);
    w[N] = 0x8000_0000;
    w[15] = ((64 + 4 * N) * 8) as u32;
    bytes32(&w)
}

/// Block of an 8-byte counter after one 128-byte key block (SHA-512).
#[inline]
pub(crate) fn counter128(counter: u64) -> [u8; 128] {
    let mut w: Words64 = [0; 16];
    w[0] = counter;
    w[1] = 0x8000_0000_0000_0000;
    w[15] = (128 + 8) * 8;
    bytes64(&w)
}

/// Block of a 64-byte SHA-512 digest after one 128-byte key block.
#[inline]
pub(crate) fn digest128(h: &[u64; 8]) -> [u8; 128] {
    let mut w: Words64 = [0; 16];
    w[..8].copy_from_slice(h);
    w[8] = 0x8000_0000_0000_0000;
    w[15] = (128 + 64) * 8;
    bytes64(&w)
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn bytes32(w: &Words32) -> [u8; 64] {
    use safe_arch::set_i32_m128i;
    let be = |i: usize| w[i].swap_bytes() as i32;
    let mut b = [0u8; 64];
    for (k, lane) in b.chunks_exact_mut(16).enumerate() {
        let i = 4 * k;
        let v: [u8; 16] = set_i32_m128i(be(i + 3), be(i + 2), be(i + 1), be(i)).into();
        lane.copy_from_slice(&v);
    }
    b
}

#[cfg(target_arch = "x86_64")]
#[inline]
fn bytes64(w: &Words64) -> [u8; 128] {
    use safe_arch::set_i64_m128i;
    let be = |i: usize| w[i].swap_bytes() as i64;
    let mut b = [0u8; 128];
    for (k, lane) in b.chunks_exact_mut(16).enumerate() {
        let v: [u8; 16] = set_i64_m128i(be(2 * k + 1), be(2 * k)).into();
        lane.copy_from_slice(&v);
    }
    b
}

#[cfg(not(target_arch = "x86_64"))]
use portable::{bytes32, bytes64};

/// Word by word: the path of every other architecture, and the reference
/// the x86_64 lanes are tested against.
#[cfg(any(test, not(target_arch = "x86_64")))]
mod portable {
    use super::{Words32, Words64};

    #[inline]
    pub(super) fn bytes32(w: &Words32) -> [u8; 64] {
        let mut b = [0u8; 64];
        for (chunk, x) in b.chunks_exact_mut(4).zip(w) {
            chunk.copy_from_slice(&x.to_be_bytes());
        }
        b
    }

    #[inline]
    pub(super) fn bytes64(w: &Words64) -> [u8; 128] {
        let mut b = [0u8; 128];
        for (chunk, x) in b.chunks_exact_mut(8).zip(w) {
            chunk.copy_from_slice(&x.to_be_bytes());
        }
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The padding of RFC 3174 §4 / FIPS 180-4 §5.1, written byte by byte.
    fn reference<const B: usize>(msg: &[u8], len_bytes: usize) -> [u8; B] {
        let mut b = [0u8; B];
        b[..msg.len()].copy_from_slice(msg);
        b[msg.len()] = 0x80;
        let bits = ((B + msg.len()) as u128 * 8).to_be_bytes();
        b[B - len_bytes..].copy_from_slice(&bits[16 - len_bytes..]);
        b
    }

    #[test]
    fn lanes_match_the_portable_path() {
        let mut x = 0x243f_6a88_85a3_08d3u64;
        for _ in 0..64 {
            let mut w32 = [0u32; 16];
            let mut w64 = [0u64; 16];
            for (a, b) in w32.iter_mut().zip(w64.iter_mut()) {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                *a = (x >> 17) as u32;
                *b = x;
            }
            assert_eq!(bytes32(&w32), portable::bytes32(&w32));
            assert_eq!(bytes64(&w64), portable::bytes64(&w64));
        }
    }

    #[test]
    fn blocks_match_the_padding_rule() {
        for c in [0u64, 1, 0x0123_4567_89ab_cdef, u64::MAX] {
            assert_eq!(counter64(c), reference::<64>(&c.to_be_bytes(), 8));
            assert_eq!(counter128(c), reference::<128>(&c.to_be_bytes(), 16));
        }
        let h5 = [
            0x0102_0304u32,
            0x0506_0708,
            0x090a_0b0c,
            0x0d0e_0f10,
            0x1112_1314,
        ];
        let bytes5: Vec<u8> = h5.iter().flat_map(|w| w.to_be_bytes()).collect();
        assert_eq!(digest64(&h5), reference::<64>(&bytes5, 8));
        let h8 = [0xdead_beefu32, 1, 2, 3, 4, 5, 6, 0xffff_ffff];
        let bytes8: Vec<u8> = h8.iter().flat_map(|w| w.to_be_bytes()).collect();
        assert_eq!(digest64(&h8), reference::<64>(&bytes8, 8));
        let h64 = [0x0102_0304_0506_0708u64, 9, 10, 11, 12, 13, 14, u64::MAX];
        let bytes64: Vec<u8> = h64.iter().flat_map(|w| w.to_be_bytes()).collect();
        assert_eq!(digest128(&h64), reference::<128>(&bytes64, 16));
    }
}
