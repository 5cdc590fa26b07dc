//! Digit scripts and direction isolates.

const PERSIAN: [char; 10] = ['۰', '۱', '۲', '۳', '۴', '۵', '۶', '۷', '۸', '۹'];

/// Left-to-right isolate (U+2066).
pub const LRI: char = '\u{2066}';
/// Pop directional isolate (U+2069).
pub const PDI: char = '\u{2069}';

/// `s` with its ASCII digits written as Persian digits.
pub fn to_persian_digits(s: &str) -> String {
    s.chars().map(persian_digit).collect()
}

/// `c` as a Persian digit when it is an ASCII digit, else `c`.
pub(crate) fn persian_digit(c: char) -> char {
    match c.to_digit(10) {
        Some(d) if c.is_ascii_digit() => PERSIAN[d as usize],
        _ => c,
    }
}

/// `s` with Persian (۰–۹) and Arabic-Indic (٠–٩) digits written as ASCII
/// digits; everything else unchanged.
pub fn to_ascii_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '۰'..='۹' => char::from(b'0' + (c as u32 - '۰' as u32) as u8),
            '٠'..='٩' => char::from(b'0' + (c as u32 - '٠' as u32) as u8),
            _ => c,
        })
        .collect()
}

/// `s` isolated left to right: LRI, `s`, PDI.
pub fn ltr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 6);
    out.push(LRI);
    out.push_str(s);
    out.push(PDI);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_round_trip() {
        assert_eq!(to_persian_digits("06-29 x"), "۰۶-۲۹ x");
        assert_eq!(to_ascii_digits("۴۸۰٩١٣ab"), "480913ab");
        assert_eq!(
            to_ascii_digits(&to_persian_digits("0123456789")),
            "0123456789"
        );
        assert_eq!(ltr("12"), "\u{2066}12\u{2069}");
    }
}
