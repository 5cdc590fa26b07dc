//! Digits as people type them: ASCII, Persian (U+06F0..U+06F9) and
//! Arabic-Indic (U+0660..U+0669), with spaces and hyphens tolerated.

use crate::MAX_CODE_LEN;

/// Maps one typed character to an ASCII digit, if it is a digit in any of
/// the three scripts.
pub fn ascii_digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8),
        '\u{06F0}'..='\u{06F9}' => Some(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{0660}'..='\u{0669}' => Some(b'0' + (c as u32 - 0x0660) as u8),
        _ => None,
    }
}

/// Normalises a typed digit string to ASCII digits, dropping spaces,
/// hyphens and bidi marks. Returns `None` if anything else is present.
pub fn normalize_digits(typed: &str) -> Option<String> {
    let mut out = String::with_capacity(typed.len());
    for c in typed.chars() {
        if is_separator(c) {
            continue;
        }
        out.push(char::from(ascii_digit(c)?));
    }
    Some(out)
}

/// Stack-only variant for codes (at most [`MAX_CODE_LEN`] digits).
pub(crate) fn normalize_code(typed: &str) -> Option<([u8; MAX_CODE_LEN], usize)> {
    let mut buf = [0u8; MAX_CODE_LEN];
    let mut n = 0;
    for c in typed.chars() {
        if is_separator(c) {
            continue;
        }
        let d = ascii_digit(c).or_else(|| c.is_ascii_alphanumeric().then_some(c as u8))?;
        *buf.get_mut(n)? = d.to_ascii_uppercase();
        n += 1;
    }
    Some((buf, n))
}

fn is_separator(c: char) -> bool {
    // Spaces, hyphens and the invisible direction marks that right-to-left
    // keyboards and copy-paste insert.
    matches!(c, ' ' | '-' | '\u{00A0}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_and_arabic_indic() {
        assert_eq!(normalize_digits("۱۲۳ ۴۵۶").as_deref(), Some("123456"));
        assert_eq!(
            normalize_digits("٠١٢٣٤٥٦٧٨٩").as_deref(),
            Some("0123456789")
        );
        assert_eq!(normalize_digits("\u{200F}12-34"), Some("1234".into()));
        assert_eq!(normalize_digits("12a4"), None);
    }

    #[test]
    fn code_buffer_is_bounded() {
        assert!(normalize_code("12345678901").is_none());
        assert_eq!(
            normalize_code("۹۸۷").map(|(b, n)| b[..n].to_vec()),
            Some(b"987".to_vec())
        );
    }
}
