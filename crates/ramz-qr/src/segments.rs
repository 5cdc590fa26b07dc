//! The data bit stream of a QR code: mode segments (numeric,
//! alphanumeric, byte, kanji) into bytes. ECI designators, structured
//! append headers and FNC1 markers are skipped; kanji comes out as
//! Shift JIS bytes (and so fails the UTF-8 check upstream, like any
//! non-UTF-8 payload).

use zeroize::Zeroizing;

/// Reads `n` bits MSB first from a byte slice.
struct BitReader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl BitReader<'_> {
    fn remaining(&self) -> usize {
        (self.bytes.len() * 8).saturating_sub(self.pos)
    }

    fn take(&mut self, n: usize) -> Option<u32> {
        if n > 32 || self.remaining() < n {
            return None;
        }
        let mut v = 0u32;
        for _ in 0..n {
            let byte = *self.bytes.get(self.pos / 8)?;
            v = (v << 1) | u32::from(byte >> (7 - self.pos % 8) & 1);
            self.pos += 1;
        }
        Some(v)
    }
}

const ALPHANUMERIC: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// Decodes the segments in `data` (corrected data codewords of a
/// `version` code). `None` on a malformed stream.
pub(crate) fn decode(data: &[u8], version: usize) -> Option<Zeroizing<Vec<u8>>> {
    let mut r = BitReader {
        bytes: data,
        pos: 0,
    };
    let mut out = Zeroizing::new(Vec::with_capacity(data.len()));
    let class = match version {
        0..=9 => 0,
        10..=26 => 1,
        _ => 2,
    };
    while r.remaining() >= 4 {
        match r.take(4)? {
            0 => break,
            1 => {
                let mut count = r.take([10, 12, 14][class])? as usize;
                while count >= 3 {
                    let v = r.take(10)?;
                    if v > 999 {
                        return None;
                    }
                    push_digits(&mut out, v, 3);
                    count -= 3;
                }
                if count > 0 {
                    let v = r.take(if count == 2 { 7 } else { 4 })?;
                    if v >= [1, 10, 100][count] {
                        return None;
                    }
                    push_digits(&mut out, v, count);
                }
            }
            2 => {
                let mut count = r.take([9, 11, 13][class])? as usize;
                while count >= 2 {
                    let v = r.take(11)? as usize;
                    out.push(*ALPHANUMERIC.get(v / 45)?);
                    out.push(*ALPHANUMERIC.get(v % 45)?);
                    count -= 2;
                }
                if count == 1 {
                    out.push(*ALPHANUMERIC.get(r.take(6)? as usize)?);
                }
            }
            4 => {
                let count = r.take([8, 16, 16][class])? as usize;
                if r.remaining() < count * 8 {
                    return None;
                }
                for _ in 0..count {
                    out.push(r.take(8)? as u8);
                }
            }
            8 => {
                let count = r.take([8, 10, 12][class])? as usize;
                if r.remaining() < count * 13 {
                    return None;
                }
                for _ in 0..count {
                    let v = r.take(13)?;
                    let assembled = ((v / 0xC0) << 8) | (v % 0xC0);
                    let sjis = if assembled + 0x8140 <= 0x9FFC {
                        assembled + 0x8140
                    } else {
                        assembled + 0xC140
                    };
                    out.push((sjis >> 8) as u8);
                    out.push(sjis as u8);
                }
            }
            7 => {
                // ECI designator: 1, 2 or 3 bytes by its leading bits.
                let first = r.take(8)?;
                if first & 0x80 == 0x80 {
                    let extra = if first & 0xC0 == 0x80 { 8 } else { 16 };
                    r.take(extra)?;
                }
            }
            3 => {
                // Structured append: sequence and parity, 16 bits.
                r.take(16)?;
            }
            5 => {}
            9 => {
                r.take(8)?;
            }
            _ => return None,
        }
    }
    Some(out)
}

fn push_digits(out: &mut Vec<u8>, v: u32, digits: usize) {
    for i in (0..digits).rev() {
        out.push(b'0' + (v / 10u32.pow(i as u32) % 10) as u8);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(fields: &[(u32, usize)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut acc = 0u64;
        let mut n = 0;
        for &(v, len) in fields {
            acc = (acc << len) | u64::from(v);
            n += len;
            while n >= 8 {
                n -= 8;
                out.push((acc >> n) as u8);
            }
        }
        if n > 0 {
            out.push((acc << (8 - n)) as u8);
        }
        out
    }

    #[test]
    fn numeric_alphanumeric_byte_and_eci() {
        let data = bits(&[
            (7, 4),
            (26, 8), // ECI 26 (UTF-8)
            (1, 4),
            (5, 10),
            (123, 10),
            (45, 7),
            (2, 4),
            (3, 9),
            (10 * 45 + 11, 11), // "AB"
            (36, 6),            // " "
            (4, 4),
            (2, 8),
            (0xD8, 8),
            (0xB1, 8),
            (0, 4),
        ]);
        let out = decode(&data, 1).unwrap();
        assert_eq!(&out[..], "12345AB ر".as_bytes());
    }

    #[test]
    fn random_streams_never_panic_and_stay_bounded() {
        let mut seed = 7u64;
        for round in 0..3000 {
            let len = round % 300;
            let data: Vec<u8> = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6_364_136_223_846_793_005)
                        .wrapping_add(1_442_695_040_888_963_407);
                    (seed >> 33) as u8
                })
                .collect();
            for version in [1, 9, 10, 26, 27, 40] {
                if let Some(out) = decode(&data, version) {
                    // Kanji is the densest: 2 bytes per 13 bits.
                    assert!(out.len() <= data.len() * 2);
                }
            }
        }
    }

    #[test]
    fn truncated_and_bad_streams_are_refused() {
        // Byte mode claiming more bytes than present.
        assert!(decode(&bits(&[(4, 4), (200, 8), (65, 8)]), 1).is_none());
        // Numeric triple above 999.
        assert!(decode(&bits(&[(1, 4), (3, 10), (1000, 10)]), 1).is_none());
        // Unknown mode 6.
        assert!(decode(&bits(&[(6, 4), (0, 4)]), 1).is_none());
    }
}
