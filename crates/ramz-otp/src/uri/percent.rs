//! Percent-encoding as provisioning URIs use it: strict decoding (once),
//! conservative encoding.

use core::fmt;

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use zeroize::{Zeroize, Zeroizing};

use crate::UriError;

/// Everything but RFC 3986 "unreserved" characters and `@` is encoded, so
/// a printed URI survives any reader (labels with `:`, `&`, `=`, `#`, `%`,
/// `+`, spaces, Persian text). `@` stays readable in e-mail accounts.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'@');

/// How a `+` is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Plus {
    /// `+` is itself (label, base64 data).
    Literal,
    /// `+` is a space (query values, as form encoders and Android's
    /// `Uri.getQueryParameter` treat it).
    Space,
}

/// Percent-encodes one URI component.
pub(crate) fn encode(text: &str) -> impl fmt::Display + '_ {
    utf8_percent_encode(text, COMPONENT)
}

/// Decodes `%XX` escapes exactly once. A `%` not followed by two hex
/// digits, or bytes that are not UTF-8, are an error naming `part`.
///
/// The output may be a secret, so it is zeroized; its buffer is allocated
/// once at full size, so no partial copy is left behind by a reallocation.
pub(crate) fn decode(
    raw: &str,
    plus: Plus,
    part: &'static str,
) -> Result<Zeroizing<String>, UriError> {
    let bytes = raw.as_bytes();
    let mut out = Zeroizing::new(Vec::with_capacity(bytes.len()));
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'%' => {
                let hi = bytes.get(i + 1).copied().and_then(hex);
                let lo = bytes.get(i + 2).copied().and_then(hex);
                let (Some(hi), Some(lo)) = (hi, lo) else {
                    return Err(UriError::InvalidEncoding(part));
                };
                out.push(hi << 4 | lo);
                i += 3;
            }
            b'+' if plus == Plus::Space => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    match String::from_utf8(core::mem::take(&mut *out)) {
        Ok(s) => Ok(Zeroizing::new(s)),
        Err(e) => {
            e.into_bytes().zeroize();
            Err(UriError::InvalidEncoding(part))
        }
    }
}

/// Decodes a component that is not secret (labels, issuer, image).
pub(crate) fn decode_plain(raw: &str, plus: Plus, part: &'static str) -> Result<String, UriError> {
    let mut z = decode(raw, plus, part)?;
    Ok(core::mem::take(&mut *z))
}

/// Splits a raw (still encoded) label at its first separator, a literal
/// `:` or an encoded `%3A`/`%3a`. Splitting before decoding is what keeps
/// a doubly encoded `%253A` a literal `%3A` in the name.
pub(crate) fn split_raw_label(raw: &str) -> (Option<&str>, &str) {
    let bytes = raw.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b':' => return (raw.get(..i), raw.get(i + 1..).unwrap_or("")),
            b'%' if bytes.get(i + 1) == Some(&b'3')
                && matches!(bytes.get(i + 2), Some(b'A' | b'a')) =>
            {
                return (raw.get(..i), raw.get(i + 3..).unwrap_or(""));
            }
            // Skip the escape as a unit so `%25` + `3A` is not mistaken
            // for a separator.
            b'%' => i += 3,
            _ => i += 1,
        }
    }
    (None, raw)
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn decodes_once_and_strictly() {
        assert_eq!(
            &*decode("a%253Ab", Plus::Literal, "label").unwrap(),
            "a%3Ab"
        );
        assert_eq!(
            &*decode("a+b%2B", Plus::Space, "parameter").unwrap(),
            "a b+"
        );
        assert_eq!(&*decode("a+b", Plus::Literal, "label").unwrap(), "a+b");
        assert_eq!(
            &*decode("%D8%B1%D9%85%D8%B2", Plus::Literal, "label").unwrap(),
            "رمز"
        );
        for bad in ["%", "%4", "%G0", "abc%", "%FF"] {
            assert_eq!(
                decode(bad, Plus::Literal, "label"),
                Err(UriError::InvalidEncoding("label")),
                "{bad}"
            );
        }
    }

    #[test]
    fn splits_at_the_first_separator_only() {
        assert_eq!(split_raw_label("A:b:c"), (Some("A"), "b:c"));
        assert_eq!(split_raw_label("A%3ab%3Ac"), (Some("A"), "b%3Ac"));
        assert_eq!(split_raw_label("A%253Ab"), (None, "A%253Ab"));
        assert_eq!(split_raw_label("plain"), (None, "plain"));
        assert_eq!(split_raw_label(":x"), (Some(""), "x"));
        assert_eq!(split_raw_label("%"), (None, "%"));
    }

    #[test]
    fn encodes_every_delimiter() {
        let s = encode("a:b&c=d#e%f+g h/i?j@k.l-m_n~o").to_string();
        assert_eq!(s, "a%3Ab%26c%3Dd%23e%25f%2Bg%20h%2Fi%3Fj@k.l-m_n~o");
    }
}
