//! The activation QR payload: `ramz://activate?v=1&...`.
//!
//! It carries no secret. The server's per-activation public key (`key`)
//! is public; what keeps the exchange safe is the SMS code, which travels
//! on another channel, and the ephemeral keys, which never leave memory.

use core::fmt::Write as _;

use data_encoding::BASE64URL_NOPAD;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use ramz_otp::{Algorithm, Digits, Period};

use crate::{
    ActivationId, BaseUrl, MAX_ISSUER_CHARS, MaskedCard, OfferError, PROTOCOL_VERSION, ServerHost,
};

/// Every activation payload starts with this.
pub const SCHEME_PREFIX: &str = "ramz://activate?";

/// Longest payload accepted, in bytes.
pub const MAX_OFFER_LEN: usize = 1024;

/// Values are percent-encoded except for RFC 3986 unreserved characters.
const VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// What the QR code says: where to activate, which activation, for whom,
/// and the OTP parameters of the card's second password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivationOffer {
    /// The activation server.
    pub base_url: BaseUrl,
    /// Which activation (random, at least 128 bits).
    pub id: ActivationId,
    /// The server's X25519 public key for this activation.
    pub server_key: [u8; 32],
    /// The bank's display name ("Bank Melli").
    pub issuer: String,
    /// The card, masked.
    pub masked_card: MaskedCard,
    /// HMAC hash of the second password.
    pub algorithm: Algorithm,
    /// Digits of the second password (6 to 8).
    pub digits: Digits,
    /// Step length (60 s for card second passwords).
    pub period: Period,
    /// Unix time after which the server refuses the activation.
    pub expires_at: u64,
}

impl ActivationOffer {
    /// Parses a scanned payload.
    pub fn parse(text: &str) -> Result<Self, OfferError> {
        if text.len() > MAX_OFFER_LEN {
            return Err(OfferError::TooLong(text.len()));
        }
        let query = text
            .trim()
            .strip_prefix(SCHEME_PREFIX)
            .ok_or(OfferError::NotActivation)?;
        let mut f = Fields::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, raw) = pair.split_once('=').unwrap_or((pair, ""));
            let slot = match key {
                "v" => &mut f.v,
                "url" => &mut f.url,
                "id" => &mut f.id,
                "key" => &mut f.key,
                "iss" => &mut f.iss,
                "card" => &mut f.card,
                "alg" => &mut f.alg,
                "digits" => &mut f.digits,
                "period" => &mut f.period,
                "exp" => &mut f.exp,
                // Later versions may add fields; what is not in the
                // transcript cannot change the keys.
                _ => continue,
            };
            let value = percent_decode_str(raw)
                .decode_utf8()
                .map_err(|_| OfferError::Invalid(static_name(key)))?;
            if slot.replace(value.into_owned()).is_some() {
                return Err(OfferError::Duplicate(static_name(key)));
            }
        }
        let version: u32 = need(f.v, "v")?
            .parse()
            .map_err(|_| OfferError::Invalid("v"))?;
        if version != u32::from(PROTOCOL_VERSION) {
            return Err(OfferError::UnsupportedVersion(version));
        }
        let key_bytes = BASE64URL_NOPAD
            .decode(need(f.key, "key")?.as_bytes())
            .map_err(|_| OfferError::Invalid("key"))?;
        let server_key: [u8; 32] = key_bytes
            .try_into()
            .map_err(|_| OfferError::Invalid("key"))?;
        let issuer = need(f.iss, "iss")?;
        if issuer.trim().is_empty()
            || issuer.chars().count() > MAX_ISSUER_CHARS
            || issuer.chars().any(char::is_control)
        {
            return Err(OfferError::Invalid("iss"));
        }
        let algorithm = match f.alg {
            Some(a) => a
                .parse::<Algorithm>()
                .map_err(|_| OfferError::Invalid("alg"))?,
            None => Algorithm::Sha1,
        };
        let digits = match f.digits {
            Some(d) => d
                .parse::<u32>()
                .ok()
                .filter(|d| (6..=8).contains(d))
                .and_then(|d| Digits::new(d).ok()),
            None => Some(Digits::SIX),
        }
        .ok_or(OfferError::Invalid("digits"))?;
        let period = match f.period {
            Some(p) => p
                .parse::<u64>()
                .ok()
                .filter(|p| (10..=300).contains(p))
                .and_then(|p| Period::new(p).ok()),
            None => Some(Period::SIXTY),
        }
        .ok_or(OfferError::Invalid("period"))?;
        Ok(Self {
            base_url: BaseUrl::parse(&need(f.url, "url")?)?,
            id: ActivationId::parse(&need(f.id, "id")?)?,
            server_key,
            issuer,
            masked_card: MaskedCard::parse(&need(f.card, "card")?)?,
            algorithm,
            digits,
            period,
            expires_at: need(f.exp, "exp")?
                .parse()
                .map_err(|_| OfferError::Invalid("exp"))?,
        })
    }

    /// The payload text to put into the QR code. Every field is written,
    /// defaults included, in a fixed order.
    pub fn to_uri(&self) -> String {
        let mut s = String::with_capacity(256);
        let enc = |v: &str| utf8_percent_encode(v, VALUE).to_string();
        // Writing to a String cannot fail.
        let _ = write!(
            s,
            "{SCHEME_PREFIX}v={PROTOCOL_VERSION}&url={}&id={}&key={}&iss={}&card={}&alg={}&digits={}&period={}&exp={}",
            enc(self.base_url.as_str()),
            self.id.to_text(),
            BASE64URL_NOPAD.encode(&self.server_key),
            enc(&self.issuer),
            enc(self.masked_card.as_str()),
            self.algorithm.as_str(),
            self.digits.get(),
            self.period.get(),
            self.expires_at,
        );
        s
    }

    /// The activation server's host: what the app shows the customer
    /// ("you are activating with otp.bank.example") and checks against
    /// its allow-list of bank hosts ([`ServerHost::is_within`]).
    pub fn server_host(&self) -> &ServerHost {
        self.base_url.host()
    }

    /// Where the app sends its completion request.
    pub fn complete_url(&self) -> String {
        format!(
            "{}/v1/activations/{}/complete",
            self.base_url.as_str(),
            self.id.to_text()
        )
    }
}

#[derive(Default)]
struct Fields {
    v: Option<String>,
    url: Option<String>,
    id: Option<String>,
    key: Option<String>,
    iss: Option<String>,
    card: Option<String>,
    alg: Option<String>,
    digits: Option<String>,
    period: Option<String>,
    exp: Option<String>,
}

fn need(v: Option<String>, name: &'static str) -> Result<String, OfferError> {
    v.ok_or(OfferError::Missing(name))
}

fn static_name(key: &str) -> &'static str {
    match key {
        "v" => "v",
        "url" => "url",
        "id" => "id",
        "key" => "key",
        "iss" => "iss",
        "card" => "card",
        "alg" => "alg",
        "digits" => "digits",
        "period" => "period",
        "exp" => "exp",
        _ => "unknown",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ActivationOffer {
        ActivationOffer {
            base_url: BaseUrl::parse("https://otp.bank.example/api").unwrap(),
            id: ActivationId::from_bytes(&[0xA5; 16]).unwrap(),
            server_key: [9; 32],
            issuer: "بانک ملی & Co".into(),
            masked_card: MaskedCard::parse("6037-99**-****-1234").unwrap(),
            algorithm: Algorithm::Sha256,
            digits: Digits::new(8).unwrap(),
            period: Period::SIXTY,
            expires_at: 1_750_000_300,
        }
    }

    #[test]
    fn round_trip() {
        let o = sample();
        let uri = o.to_uri();
        assert!(
            uri.starts_with("ramz://activate?v=1&url=https%3A%2F%2Fotp.bank.example%2Fapi&"),
            "{uri}"
        );
        assert_eq!(ActivationOffer::parse(&uri).unwrap(), o);
        assert_eq!(
            ActivationOffer::parse(&uri).unwrap().server_host(),
            &ServerHost::Domain("otp.bank.example".into())
        );
        assert_eq!(
            o.complete_url(),
            "https://otp.bank.example/api/v1/activations/paWlpaWlpaWlpaWlpaWlpQ/complete"
        );
    }

    #[test]
    fn defaults_and_unknown_fields() {
        let o = sample();
        let uri = o.to_uri().replace("&alg=SHA256&digits=8&period=60", "") + "&future=1";
        let p = ActivationOffer::parse(&uri).unwrap();
        assert_eq!(
            (p.algorithm, p.digits, p.period),
            (Algorithm::Sha1, Digits::SIX, Period::SIXTY)
        );
    }

    #[test]
    fn refusals_name_the_field() {
        let uri = sample().to_uri();
        assert_eq!(
            ActivationOffer::parse("otpauth://totp/x?secret=AA"),
            Err(OfferError::NotActivation)
        );
        assert_eq!(
            ActivationOffer::parse(&uri.replace("v=1", "v=2")),
            Err(OfferError::UnsupportedVersion(2))
        );
        assert_eq!(
            ActivationOffer::parse(&uri.replace("digits=8", "digits=5")),
            Err(OfferError::Invalid("digits"))
        );
        assert_eq!(
            ActivationOffer::parse(&uri.replace("digits=8", "digits=9")),
            Err(OfferError::Invalid("digits"))
        );
        assert_eq!(
            ActivationOffer::parse(&(uri.clone() + "&id=AAAA")),
            Err(OfferError::Duplicate("id"))
        );
        assert_eq!(
            ActivationOffer::parse(&uri.replace("https%3A", "http%3A")),
            Err(OfferError::InsecureUrl)
        );
        // The attack of issue 10: a DNS name that starts like loopback.
        let evil = uri.replace(
            "https%3A%2F%2Fotp.bank.example%2Fapi",
            "http%3A%2F%2F127.x.evil.example",
        );
        assert_ne!(evil, uri);
        assert_eq!(ActivationOffer::parse(&evil), Err(OfferError::InsecureUrl));
        let no_exp = uri.split("&exp=").next().unwrap().to_owned();
        assert_eq!(
            ActivationOffer::parse(&no_exp),
            Err(OfferError::Missing("exp"))
        );
        assert!(matches!(
            ActivationOffer::parse(&"x".repeat(2000)),
            Err(OfferError::TooLong(2000))
        ));
        assert_eq!(
            ActivationOffer::parse(&uri.replace("iss=", "iss=%FF")),
            Err(OfferError::Invalid("iss"))
        );
    }
}
