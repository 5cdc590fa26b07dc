//! Base32 (RFC 4648) secrets as people type and paste them.

use data_encoding::BASE32_NOPAD;
use zeroize::Zeroizing;

use crate::OtpError;

/// Decodes a base32 secret: any case, spaces, hyphens and `=` padding are
/// tolerated. An error names the first wrong character and its 1-based
/// position in the text as typed (so a Persian digit or a `0`/`1`/`8`
/// mistaken for a letter is pointed at).
pub fn decode(text: &str) -> Result<Zeroizing<Vec<u8>>, OtpError> {
    let mut clean = Zeroizing::new(Vec::with_capacity(text.len()));
    let mut padding_seen = false;
    for (i, c) in text.chars().enumerate() {
        match c {
            ' ' | '-' | '\t' | '\n' | '\r' | '\u{00A0}' => {}
            '=' => padding_seen = true,
            'a'..='z' | 'A'..='Z' | '2'..='7' if !padding_seen => {
                clean.push(c.to_ascii_uppercase() as u8)
            }
            _ => {
                return Err(OtpError::InvalidBase32Char {
                    found: c,
                    position: i + 1,
                });
            }
        }
    }
    if clean.is_empty() {
        return Err(OtpError::EmptySecret);
    }
    // Lengths 1, 3 and 6 (mod 8) never come out of an encoder.
    if matches!(clean.len() % 8, 1 | 3 | 6) {
        return Err(OtpError::InvalidBase32Length {
            symbols: clean.len(),
        });
    }
    let len = BASE32_NOPAD
        .decode_len(clean.len())
        .map_err(|_| OtpError::InvalidBase32Length {
            symbols: clean.len(),
        })?;
    let mut out = Zeroizing::new(vec![0u8; len]);
    // data-encoding is strict about trailing bits; many real secrets (and
    // our users' typing) leave them non-zero, so those are masked here.
    let n = BASE32_NOPAD
        .decode_mut(&clean, &mut out)
        .or_else(|_| decode_lenient(&clean, &mut out))
        .map_err(|_| OtpError::InvalidBase32Length {
            symbols: clean.len(),
        })?;
    out.truncate(n);
    Ok(out)
}

/// Canonical form: upper case, no padding.
pub fn encode(bytes: &[u8]) -> Zeroizing<String> {
    Zeroizing::new(BASE32_NOPAD.encode(bytes))
}

/// Canonical form grouped by four characters for reading aloud or copying
/// by hand: `JBSW Y3DP EHPK 3PXP`.
pub fn encode_grouped(bytes: &[u8]) -> Zeroizing<String> {
    let plain = encode(bytes);
    let mut out = String::with_capacity(plain.len() + plain.len() / 4);
    for (i, c) in plain.chars().enumerate() {
        if i > 0 && i % 4 == 0 {
            out.push(' ');
        }
        out.push(c);
    }
    Zeroizing::new(out)
}

/// Bit-by-bit decode that ignores non-zero trailing bits.
fn decode_lenient(symbols: &[u8], out: &mut [u8]) -> Result<usize, ()> {
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut n = 0;
    for &s in symbols {
        let v = match s {
            b'A'..=b'Z' => s - b'A',
            b'2'..=b'7' => s - b'2' + 26,
            _ => return Err(()),
        };
        acc = (acc << 5) | u32::from(v);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            *out.get_mut(n).ok_or(())? = (acc >> bits) as u8;
            n += 1;
        }
        acc &= (1 << bits) - 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_forms() {
        let want = b"Hello!\xde\xad\xbe\xef".to_vec();
        for t in [
            "JBSWY3DPEHPK3PXP",
            "jbsw y3dp ehpk 3pxp",
            "JBSW-Y3DP-EHPK-3PXP",
            "JBSWY3DPEHPK3PXP====",
        ] {
            assert_eq!(*decode(t).unwrap(), want, "{t}");
        }
        assert_eq!(&*encode_grouped(&want), "JBSW Y3DP EHPK 3PXP");
    }

    #[test]
    fn errors_point_at_the_character() {
        assert_eq!(
            decode("JBSW0Y3DP"),
            Err(OtpError::InvalidBase32Char {
                found: '0',
                position: 5
            })
        );
        assert_eq!(
            decode("JB۲SW"),
            Err(OtpError::InvalidBase32Char {
                found: '۲',
                position: 3
            })
        );
        assert!(matches!(
            decode("A"),
            Err(OtpError::InvalidBase32Length { .. })
        ));
        assert_eq!(decode("  "), Err(OtpError::EmptySecret));
        assert!(decode("AB=CD").is_err());
    }

    #[test]
    fn nonzero_trailing_bits_accepted() {
        // "AB" -> 0x00 with 2 leftover bits; "AD" has them set.
        assert_eq!(*decode("AD").unwrap(), vec![0x00]);
    }
}
