//! Card numbers and phone numbers as the back office sends them. Only
//! masked forms are ever stored or logged.

use data_encoding::BASE64URL_NOPAD;
use hmac::{Hmac, KeyInit, Mac};
use ramz_activation::MaskedCard;
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::{MasterKey, ServerError};

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

/// The card's grouping key: HMAC-SHA256 of its full, normalised number
/// under a key derived from the master key (`card-grouping`), as
/// base64url. Rows of one card share it, so wrong SMS codes are counted
/// per card across activations; without the master key it reveals
/// nothing about the number (a plain hash of a 16-digit card number with
/// a known 6-digit prefix and a Luhn digit is brute-forced in minutes).
/// `None` when the number is not a valid card number.
pub fn card_key(master: &MasterKey, number: &str) -> Result<Option<String>, ServerError> {
    let Some(digits) = ramz_otp::normalize_digits(number).map(Zeroizing::new) else {
        return Ok(None);
    };
    if !(13..=19).contains(&digits.len()) || !luhn(digits.as_bytes()) {
        return Ok(None);
    }
    let key = master.derive(CARD_KEY_PURPOSE)?;
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key.as_ref())
        .map_err(|_| ServerError::Config("card key"))?;
    mac.update(digits.as_bytes());
    Ok(Some(
        BASE64URL_NOPAD.encode(mac.finalize().into_bytes().as_slice()),
    ))
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
