//! Card numbers and phone numbers as the back office sends them. Only
//! masked forms are ever stored or logged.

use ramz_activation::MaskedCard;
use zeroize::Zeroizing;

/// Checks a full card number (13 to 19 digits, Persian digits and
/// separators accepted) with the Luhn algorithm and returns its masked
/// form. The digits are wiped afterwards.
pub fn mask_card(number: &str) -> Option<MaskedCard> {
    let digits = Zeroizing::new(ramz_otp::normalize_digits(number)?);
    if !(13..=19).contains(&digits.len()) || !luhn(digits.as_bytes()) {
        return None;
    }
    MaskedCard::from_full_number(&digits).ok()
}

/// Validates a phone number (8 to 15 digits, optional leading `+`) and
/// returns it masked to its last four digits.
pub fn mask_phone(phone: &str) -> Option<String> {
    let trimmed = phone.trim();
    let (plus, rest) = trimmed
        .strip_prefix('+')
        .map_or(("", trimmed), |r| ("+", r));
    let digits = ramz_otp::normalize_digits(rest)?;
    if !(8..=15).contains(&digits.len()) {
        return None;
    }
    let tail = &digits[digits.len() - 4..];
    Some(format!("{plus}{}{tail}", "*".repeat(digits.len() - 4)))
}

/// The Luhn (mod 10) check of ISO/IEC 7812.
pub fn luhn(digits: &[u8]) -> bool {
    let mut sum = 0u32;
    for (i, d) in digits.iter().rev().enumerate() {
        let mut v = u32::from(d.wrapping_sub(b'0'));
        if v > 9 {
            return false;
        }
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    !digits.is_empty() && sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_known_numbers() {
        assert!(luhn(b"4111111111111111"));
        assert!(luhn(b"6037991199999990"));
        assert!(!luhn(b"4111111111111112"));
        assert!(!luhn(b"41111a1111111111"));
    }

    #[test]
    fn masking() {
        assert_eq!(
            mask_card("4111 1111 1111 1111").unwrap().as_str(),
            "4111-11**-****-1111"
        );
        assert_eq!(
            mask_card("۴۱۱۱۱۱۱۱۱۱۱۱۱۱۱۱").unwrap().as_str(),
            "4111-11**-****-1111"
        );
        assert!(mask_card("4111111111111112").is_none());
        assert!(mask_card("411111").is_none());
        assert_eq!(mask_phone("09121234567").as_deref(), Some("*******4567"));
        assert_eq!(
            mask_phone("+989121234567").as_deref(),
            Some("+********4567")
        );
        assert!(mask_phone("12345").is_none());
        assert!(mask_phone("0912abc4567").is_none());
    }
}
