//! Card numbers and phone numbers as the back office sends them. Only
//! masked forms are ever stored or logged.

use data_encoding::BASE64URL_NOPAD;
use hmac::{Hmac, KeyInit, Mac};
use ramz_activation::MaskedCard;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::{MasterKey, ServerError};

/// Length of a full card number: 12 (some Maestro cards) to 19 digits,
/// as `MaskedCard` accepts.
pub const CARD_DIGITS: core::ops::RangeInclusive<usize> = 12..=19;

/// Checks a full card number (12 to 19 digits, Persian digits and
/// separators accepted) with the Luhn algorithm and returns its masked
/// form. The digits are wiped afterwards.
pub fn mask_card(number: &str) -> Option<MaskedCard> {
    let digits = full_number(number)?;
    MaskedCard::from_full_number(&digits).ok()
}

/// The card's grouping key: HMAC-SHA256 of its full, normalised number
/// under a key derived from the master key (`card-grouping`), as
/// base64url. Rows of one card share it, so wrong SMS codes are counted
/// per card across activations; without the master key it reveals
/// nothing about the number (a plain hash of a 16-digit card number with
/// a known 6-digit prefix and a Luhn digit is brute-forced in minutes).
/// `None` when the number is not a valid card number.
pub fn card_key(master: &MasterKey, number: &str) -> Result<Option<String>, ServerError> {
    let Some(digits) = full_number(number) else {
        return Ok(None);
    };
    let key = master.derive(CARD_KEY_PURPOSE)?;
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key.as_ref())
        .map_err(|_| ServerError::Config("card key"))?;
    mac.update(digits.as_bytes());
    Ok(Some(
        BASE64URL_NOPAD.encode(mac.finalize().into_bytes().as_slice()),
    ))
}

/// The normalised digits of a valid card number (length and Luhn), wiped
/// on drop.
fn full_number(number: &str) -> Option<Zeroizing<String>> {
    let digits = Zeroizing::new(ramz_otp::normalize_digits(number)?);
    (CARD_DIGITS.contains(&digits.len()) && luhn(digits.as_bytes())).then_some(digits)
}

/// HKDF purpose of the card-grouping key.
const CARD_KEY_PURPOSE: &str = "card-grouping";

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
    fn card_keys_group_one_card_and_need_the_master_key() {
        let k = MasterKey::from_bytes([1; 32]);
        let a = card_key(&k, "6037991199999990").unwrap().unwrap();
        assert_eq!(
            card_key(&k, "6037 9911 ۹۹۹۹ 9990").unwrap().unwrap(),
            a,
            "same card, other spelling"
        );
        assert_ne!(card_key(&k, "4111111111111111").unwrap().unwrap(), a);
        assert_ne!(
            card_key(&MasterKey::from_bytes([2; 32]), "6037991199999990")
                .unwrap()
                .unwrap(),
            a
        );
        assert!(!a.contains("6037") && !a.contains("9990"));
        assert_eq!(card_key(&k, "6037991199999991").unwrap(), None);
        // 12-digit Maestro numbers are cards too, each its own.
        let maestro = card_key(&k, "675900000000").unwrap().unwrap();
        assert_eq!(card_key(&k, "۶۷۵۹-۰۰۰۰-۰۰۰۰").unwrap().unwrap(), maestro);
        assert_ne!(card_key(&k, "501800000017").unwrap().unwrap(), maestro);
        assert_eq!(card_key(&k, "67590000005").unwrap(), None);
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
        // A 12-digit Maestro number, and the lengths around the range.
        assert_eq!(
            mask_card("6759 0000 0000").unwrap().as_str(),
            "6759-00**-0000"
        );
        assert!(mask_card("675900000001").is_none(), "12 digits, bad Luhn");
        assert!(mask_card("67590000005").is_none(), "11 digits, good Luhn");
        assert!(mask_card("6759000000005").is_some(), "13 digits");
        assert!(mask_card("4000000000000000006").is_some(), "19 digits");
        assert!(
            mask_card("40000000000000000002").is_none(),
            "20 digits, good Luhn"
        );
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
