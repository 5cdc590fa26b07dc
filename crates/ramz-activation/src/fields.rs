//! The typed fields of an activation offer. Each parser returns a value
//! that cannot be invalid afterwards.

use core::fmt;

use data_encoding::BASE64URL_NOPAD;
use zeroize::Zeroizing;

use crate::{OfferError, ServerHost};

/// Longest issuer display name, in characters.
pub const MAX_ISSUER_CHARS: usize = 64;

/// An activation id: 16 to 32 random bytes (at least 128 bits), written as
/// unpadded base64url.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct ActivationId(Vec<u8>);

impl ActivationId {
    /// Shortest id in bytes (128 bits).
    pub const MIN_BYTES: usize = 16;
    /// Longest id in bytes.
    pub const MAX_BYTES: usize = 32;

    /// Wraps raw id bytes (16 to 32 of them).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, OfferError> {
        if !(Self::MIN_BYTES..=Self::MAX_BYTES).contains(&bytes.len()) {
            return Err(OfferError::Invalid("id"));
        }
        Ok(Self(bytes.to_vec()))
    }

    /// Parses the base64url text form.
    pub fn parse(text: &str) -> Result<Self, OfferError> {
        if text.len() > 64 {
            return Err(OfferError::Invalid("id"));
        }
        let bytes = BASE64URL_NOPAD
            .decode(text.as_bytes())
            .map_err(|_| OfferError::Invalid("id"))?;
        Self::from_bytes(&bytes)
    }

    /// The raw bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The base64url text form (used in URLs and the QR payload).
    pub fn to_text(&self) -> String {
        BASE64URL_NOPAD.encode(&self.0)
    }
}

impl fmt::Debug for ActivationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ActivationId({})", self.to_text())
    }
}

impl fmt::Display for ActivationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

/// The server's base URL: `https://host[:port][/path]`, or plain `http`
/// to a loopback host (tests and the demo). No user info, query or
/// fragment; no trailing slash.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    text: String,
    host: ServerHost,
}

impl BaseUrl {
    /// Validates and normalises (drops one trailing `/`). Plain `http` is
    /// accepted only when the host is a loopback address or exactly
    /// `localhost` ([`ServerHost::is_loopback`]).
    pub fn parse(text: &str) -> Result<Self, OfferError> {
        let bad = OfferError::Invalid("url");
        if text.len() > 256 {
            return Err(bad);
        }
        let (https, rest) = if let Some(r) = text.strip_prefix("https://") {
            (true, r)
        } else if let Some(r) = text.strip_prefix("http://") {
            (false, r)
        } else {
            return Err(OfferError::InsecureUrl);
        };
        let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
        let host = ServerHost::parse(split_port(authority).ok_or(bad.clone())?)?;
        if !path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~'))
        {
            return Err(bad);
        }
        if !https && !host.is_loopback() {
            return Err(OfferError::InsecureUrl);
        }
        let trimmed = text.strip_suffix('/').unwrap_or(text);
        Ok(Self {
            text: trimmed.to_owned(),
            host,
        })
    }

    /// The URL text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The host (and port) part as written, for showing the user where
    /// the app is about to connect.
    pub fn authority(&self) -> &str {
        let rest = self
            .text
            .split_once("://")
            .map_or(self.text.as_str(), |(_, r)| r);
        rest.split('/').next().unwrap_or(rest)
    }

    /// The parsed host, to show and to check against an allow-list.
    pub fn host(&self) -> &ServerHost {
        &self.host
    }

    /// True for `https://` (false only for loopback `http://`).
    pub fn is_https(&self) -> bool {
        self.text.starts_with("https://")
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BaseUrl({})", self.text)
    }
}

/// `host[:port]` → host, checking the port is a number.
fn split_port(authority: &str) -> Option<&str> {
    if authority.contains('@') {
        return None;
    }
    if let Some(rest) = authority.strip_prefix('[') {
        let end = rest.find(']')?;
        let after = &rest[end + 1..];
        if !after.is_empty() {
            let port = after.strip_prefix(':')?;
            port.parse::<u16>().ok()?;
        }
        return Some(&authority[..end + 2]);
    }
    match authority.split_once(':') {
        Some((host, port)) => port.parse::<u16>().ok().map(|_| host),
        None => Some(authority),
    }
}

/// A masked card number as the bank prints it, e.g. `6037-99**-****-1234`.
///
/// At most ten digits may be visible (the six-digit bank prefix and the
/// last four), so a full card number can never end up in a QR code, a log
/// line or the vault's label.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct MaskedCard(String);

impl MaskedCard {
    /// Validates: 12 to 19 positions of digits and `*` (with optional
    /// spaces or hyphens), at most ten of them digits (the first six and
    /// the last four, as PCI DSS allows to show). The same lengths and
    /// visible-digit limit as the vault's `MaskedCard`: ISO/IEC 7812
    /// payment card numbers of 12 (Maestro) to 19 (UnionPay) digits.
    pub fn parse(text: &str) -> Result<Self, OfferError> {
        let bad = OfferError::Invalid("card");
        let (mut digits, mut stars) = (0usize, 0usize);
        for c in text.chars() {
            match c {
                '0'..='9' => digits += 1,
                '*' | '•' | 'X' | 'x' => stars += 1,
                ' ' | '-' => {}
                _ => return Err(bad),
            }
        }
        if !(12..=19).contains(&(digits + stars)) || digits > 10 {
            return Err(bad);
        }
        Ok(Self(text.to_owned()))
    }

    /// Masks a full card number: first six and last four digits visible,
    /// grouped by four.
    pub fn from_full_number(digits: &str) -> Result<Self, OfferError> {
        let d: Zeroizing<Vec<u8>> =
            Zeroizing::new(digits.bytes().filter(u8::is_ascii_digit).collect());
        if !(12..=19).contains(&d.len()) {
            return Err(OfferError::Invalid("card"));
        }
        let mut out = String::with_capacity(d.len() + 4);
        for (i, b) in d.iter().enumerate() {
            if i > 0 && i % 4 == 0 {
                out.push('-');
            }
            let visible = i < 6 || i >= d.len() - 4;
            out.push(if visible { char::from(*b) } else { '*' });
        }
        Self::parse(&out)
    }

    /// The masked text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for MaskedCard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MaskedCard({})", self.0)
    }
}

/// The SMS code as typed (Persian and Arabic-Indic digits accepted),
/// normalised to four ASCII digits.
pub(crate) fn sms_code(typed: &str) -> Option<Zeroizing<[u8; crate::SMS_CODE_LEN]>> {
    let mut out = Zeroizing::new([0u8; crate::SMS_CODE_LEN]);
    let mut n = 0;
    for c in typed.chars() {
        if c.is_whitespace() || c == '-' || ('\u{200E}'..='\u{200F}').contains(&c) {
            continue;
        }
        let d = ramz_otp::ascii_digit(c)?;
        *out.get_mut(n)? = d;
        n += 1;
    }
    (n == crate::SMS_CODE_LEN).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_rules() {
        assert_eq!(
            BaseUrl::parse("https://bank.example/otp/")
                .unwrap()
                .as_str(),
            "https://bank.example/otp"
        );
        assert_eq!(
            BaseUrl::parse("https://bank.example:8443")
                .unwrap()
                .authority(),
            "bank.example:8443"
        );
        assert!(BaseUrl::parse("http://127.0.0.1:3000").is_ok());
        assert!(BaseUrl::parse("http://[::1]:3000").is_ok());
        assert!(BaseUrl::parse("http://localhost").is_ok());
        assert_eq!(
            BaseUrl::parse("http://bank.example"),
            Err(OfferError::InsecureUrl)
        );
        // Loopback is parsed, not matched as text.
        for evil in [
            "http://127.0.0.1.evil.example",
            "http://127.x.evil.example",
            "http://127.0.0.1.nip.io:8080",
            "http://localhost.evil.example",
            "http://LOCALHOST.evil.example/otp",
            "http://[::ffff:7f00:1]",
            "http://10.0.0.1",
        ] {
            assert_eq!(BaseUrl::parse(evil), Err(OfferError::InsecureUrl), "{evil}");
        }
        for numeric in [
            "http://127.1",
            "https://127.1",
            "http://2130706433",
            "http://0x7f.1",
        ] {
            assert_eq!(
                BaseUrl::parse(numeric),
                Err(OfferError::Invalid("url")),
                "{numeric}"
            );
        }
        assert!(BaseUrl::parse("http://127.9.8.7:1").is_ok());
        assert!(BaseUrl::parse("https://127.x.evil.example").is_ok());
        assert_eq!(
            BaseUrl::parse("https://OTP.bank.example:8443/x")
                .unwrap()
                .host()
                .to_string(),
            "otp.bank.example"
        );
        assert_eq!(
            BaseUrl::parse("ftp://bank.example"),
            Err(OfferError::InsecureUrl)
        );
        assert!(BaseUrl::parse("https://user@bank.example").is_err());
        assert!(BaseUrl::parse("https://bank.example/a?b=c").is_err());
        assert!(BaseUrl::parse("https://bank.example:99999").is_err());
        assert!(BaseUrl::parse("https://").is_err());
    }

    #[test]
    fn masked_card_never_holds_a_full_number() {
        assert!(MaskedCard::parse("6037-99**-****-1234").is_ok());
        assert!(MaskedCard::parse("6037991234561234").is_err());
        assert!(MaskedCard::parse("6037-9912-3456-1234").is_err());
        assert!(MaskedCard::parse("6037 99** **** 1234 <script>").is_err());
        // A 12-digit (Maestro) number masks to six, two hidden, four.
        assert_eq!(
            MaskedCard::from_full_number("675912345678")
                .unwrap()
                .as_str(),
            "6759-12**-5678"
        );
        assert!(
            MaskedCard::parse("6759123456*8").is_err(),
            "11 digits shown"
        );
        assert!(MaskedCard::parse("6759 12** 567").is_err(), "11 positions");
        let m = MaskedCard::from_full_number("6037991234561234").unwrap();
        assert_eq!(m.as_str(), "6037-99**-****-1234");
    }

    #[test]
    fn ids_are_at_least_128_bits() {
        assert!(ActivationId::from_bytes(&[7; 15]).is_err());
        let id = ActivationId::from_bytes(&[7; 16]).unwrap();
        assert_eq!(ActivationId::parse(&id.to_text()).unwrap(), id);
        assert!(ActivationId::parse("not base64!").is_err());
    }

    #[test]
    fn sms_code_digits() {
        assert_eq!(sms_code("۱۲۳۴").map(|c| *c), Some(*b"1234"));
        assert_eq!(sms_code(" 12-34 ").map(|c| *c), Some(*b"1234"));
        assert!(sms_code("123").is_none());
        assert!(sms_code("12345").is_none());
        assert!(sms_code("12a4").is_none());
    }
}
