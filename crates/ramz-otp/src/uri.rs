//! `otpauth://` URIs (Google's "Key URI format"): parse and print.
//!
//! ```text
//! otpauth://totp/ACME%20Co:john@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30
//! ```
//!
//! # Policies
//!
//! Real QR codes are produced by many generators, some of them sloppy. What
//! is accepted, and what is refused with a typed [`UriError`]:
//!
//! - **Case.** The scheme, the type (`totp`, `hotp`) and parameter names
//!   are case-insensitive. Nothing else is ever case-folded: labels and the
//!   secret keep their case as written.
//! - **Label.** `issuer:account`, the separator written `:`, `%3A` or
//!   `%3a`. The label is split at the *first* separator only, so account
//!   names with further colons survive. Percent-decoding happens exactly
//!   once, after the split: a literal `%253A` stays the text `%3A`. Names
//!   are trimmed of surrounding white space (the spec allows spaces before
//!   the account name). An empty label is accepted.
//! - **Issuer.** If both the label prefix and the `issuer` parameter are
//!   present and differ (ignoring case), the *parameter* wins (it is what
//!   Google Authenticator displays) and [`UriWarning::IssuerMismatch`]
//!   keeps the label's issuer so an app can show it. An empty `issuer=` is
//!   treated as absent.
//! - **Query.** `+` in a parameter value is a space (form encoding, as
//!   Python's `urlencode` writes and Android's `Uri` reads); in the label it
//!   is a literal `+`. A `%` not followed by two hex digits, or bytes that
//!   are not UTF-8, are an [`UriError::InvalidEncoding`]. `#` has no special
//!   meaning (an otpauth URI is never fetched, so it has no fragment).
//!   Unknown parameters are ignored, `image` is kept. A known parameter
//!   given twice with different values is [`UriError::DuplicateParameter`].
//! - **Numbers.** `digits` (4..=10), `period` (1..=86400) and `counter`
//!   (u64) accept ASCII, Persian (`۶`) and Arabic-Indic (`٦`) digits, as QR
//!   generators in Iran emit them. Signs, fractions and out-of-range values
//!   are [`UriError::InvalidParameter`]. Only the parameters the type uses
//!   are checked (`period` is ignored for HOTP, `counter` for TOTP).
//! - **Required.** `secret` always; `counter` for HOTP. Missing ones are
//!   [`UriError::MissingParameter`]. A badly typed secret gives the base32
//!   error with the position of the wrong character.
//! - **Steam.** `otpauth://totp/...&encoder=steam` (KeePassXC's form) and
//!   `otpauth://steam/...` (Aegis' form) are Steam Guard accounts; their
//!   `algorithm`, `digits` and `period` are ignored (Steam is always SHA-1,
//!   five characters, 30 s). `encoder=steam` on an HOTP URI is refused.
//! - **Warnings, not errors.** A secret shorter than 128 bits (RFC 4226's
//!   minimum; many sites issue 80) gives [`UriWarning::WeakSecret`].
//! - **Size.** Input longer than [`MAX_URI_LEN`] bytes is
//!   [`UriError::TooLong`] before anything else is looked at. Names longer
//!   than [`MAX_NAME_BYTES`], secrets longer than [`MAX_SECRET_BYTES`] and
//!   images longer than [`MAX_IMAGE_BYTES`] are [`UriError::FieldTooLong`]:
//!   without these limits a URI just under the cap could print (every
//!   byte percent-encoded) to one over it, which would not parse again.
//!
//! # Printing
//!
//! [`to_uri`] writes one canonical form: lower-case `otpauth://totp` or
//! `hotp`, label `issuer:account` percent-encoded (everything but
//! unreserved characters and `@`), then `secret` (base32, upper case, no
//! padding), `issuer`, `algorithm`, `digits`, `period` or `counter`, always
//! all of them, even at their defaults: a reader never has to know the
//! defaults, and some readers get them wrong. Steam is written as
//! `otpauth://totp/...&digits=5&period=30&encoder=steam`. An issuer that
//! contains `:` cannot be put in the label and is written only as the
//! parameter; an account name with a `:` and no issuer gets a leading `:`
//! so it is not mistaken for an issuer. Parsing what [`to_uri`] printed
//! gives back the same account (for names without surrounding white space
//! and fields within the length limits).

mod percent;
mod query;

use core::fmt::Write;

use zeroize::Zeroizing;

use crate::{
    Algorithm, Digits, OtpAccount, OtpError, OtpKind, OtpParams, Period, Secret, UriError,
};
use percent::{Plus, decode_plain, encode, split_raw_label};
use query::{RawParams, number};

/// Longest accepted input in bytes. A QR code holds at most 2953 bytes, and
/// a real otpauth URI is a few hundred.
pub const MAX_URI_LEN: usize = 4096;

/// Longest issuer or account name, in bytes (UTF-8). Together with
/// [`MAX_SECRET_BYTES`] and [`MAX_IMAGE_BYTES`] this guarantees that the
/// canonical URI of any accepted account, with every byte percent-encoded,
/// stays within [`MAX_URI_LEN`] and so parses again.
pub const MAX_NAME_BYTES: usize = 256;

/// Longest secret in bytes (2048 bits; real secrets have 10 to 64).
pub const MAX_SECRET_BYTES: usize = 256;

/// Longest `image` URL in bytes.
pub const MAX_IMAGE_BYTES: usize = 384;

/// Number of code characters of a Steam Guard account.
pub(crate) const STEAM_DIGITS: u32 = 5;

/// A parsed `otpauth://` URI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedUri {
    /// The account the URI describes.
    pub account: OtpAccount,
    /// Things the user may want to know; the account is usable regardless.
    pub warnings: Vec<UriWarning>,
}

/// Something odd about a URI that is nonetheless accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(tag = "warning", rename_all = "snake_case"))]
#[non_exhaustive]
pub enum UriWarning {
    /// The label says one issuer, the `issuer` parameter another. The
    /// parameter was used; this is the label's.
    IssuerMismatch {
        /// The issuer written in the label.
        label_issuer: String,
    },
    /// The secret is shorter than the 128 bits RFC 4226 requires.
    WeakSecret {
        /// Length of the secret in bits.
        bits: usize,
    },
}

/// Parses an `otpauth://totp/...` or `otpauth://hotp/...` URI. See the
/// module documentation for what is accepted.
pub fn parse(text: &str) -> Result<ParsedUri, OtpError> {
    let text = text.trim();
    if text.len() > MAX_URI_LEN {
        return Err(UriError::TooLong(text.len()).into());
    }
    let rest = strip_prefix_ignore_case(text, "otpauth://").ok_or(UriError::UnknownScheme)?;
    let type_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (kind_name, rest) = rest
        .split_at_checked(type_end)
        .ok_or(UriError::UnknownType)?;
    let kind = UriType::from_name(kind_name)?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let (raw_label, raw_query) = rest.split_once('?').unwrap_or((rest, ""));

    let raw = RawParams::parse(raw_query)?;
    let secret = parse_secret(raw.secret.as_ref().map(|s| s.as_str()))?;
    let params = kind.params(&raw)?;

    let (raw_label_issuer, raw_account) = split_raw_label(raw_label);
    let label_issuer = match raw_label_issuer {
        Some(r) => decode_plain(r, Plus::Literal, "label")?.trim().to_owned(),
        None => String::new(),
    };
    let account_name = decode_plain(raw_account, Plus::Literal, "label")?
        .trim()
        .to_owned();
    let param_issuer = raw.issuer.as_deref().map(str::trim).unwrap_or("");

    let mut warnings = Vec::new();
    let issuer = match (label_issuer.is_empty(), param_issuer.is_empty()) {
        (_, true) => label_issuer,
        (true, false) => param_issuer.to_owned(),
        (false, false) => {
            if label_issuer.to_lowercase() != param_issuer.to_lowercase() {
                warnings.push(UriWarning::IssuerMismatch { label_issuer });
            }
            param_issuer.to_owned()
        }
    };
    if secret.is_weak() {
        warnings.push(UriWarning::WeakSecret {
            bits: secret.len() * 8,
        });
    }
    let image = raw.image.filter(|s| !s.is_empty());
    check_lengths(&issuer, &account_name, &secret, image.as_deref())?;
    Ok(ParsedUri {
        account: OtpAccount {
            issuer,
            account: account_name,
            secret,
            params,
            image,
        },
        warnings,
    })
}

/// Prints the canonical `otpauth://` URI of an account (see the module
/// documentation). The result holds the secret and is zeroized on drop.
pub fn to_uri(account: &OtpAccount) -> Zeroizing<String> {
    let secret = account.secret.to_base32();
    let names = account.issuer.len() * 2
        + account.account.len()
        + account.image.as_ref().map_or(0, String::len);
    // Reserved once, at the worst case (every byte percent-encoded), so the
    // secret is never left behind in a buffer freed by a reallocation.
    let mut out = Zeroizing::new(String::with_capacity(secret.len() + names * 3 + 160));
    let (scheme_type, steam) = match account.params.kind {
        OtpKind::Hotp { .. } => ("hotp", false),
        OtpKind::Totp { .. } => ("totp", false),
        OtpKind::Steam => ("totp", true),
    };
    let issuer = account.issuer.as_str();
    let name = account.account.as_str();
    // `write!` into a String cannot fail; the results are ignored.
    let _ = write!(out, "otpauth://{scheme_type}/");
    if !issuer.is_empty() && !issuer.contains(':') {
        let _ = write!(out, "{}:", encode(issuer));
    } else if name.contains(':') {
        out.push(':');
    }
    let _ = write!(out, "{}?secret={}", encode(name), secret.as_str());
    if !issuer.is_empty() {
        let _ = write!(out, "&issuer={}", encode(issuer));
    }
    let p = &account.params;
    match p.kind {
        OtpKind::Totp { period } => {
            let _ = write!(
                out,
                "&algorithm={}&digits={}&period={}",
                p.algorithm,
                p.digits.get(),
                period.get()
            );
        }
        OtpKind::Hotp { counter } => {
            let _ = write!(
                out,
                "&algorithm={}&digits={}&counter={counter}",
                p.algorithm,
                p.digits.get()
            );
        }
        OtpKind::Steam => {
            let _ = write!(out, "&algorithm=SHA1&digits={STEAM_DIGITS}&period=30");
        }
    }
    if steam {
        out.push_str("&encoder=steam");
    }
    if let Some(image) = account.image.as_deref().filter(|s| !s.is_empty()) {
        let _ = write!(out, "&image={}", encode(image));
    }
    out
}

/// Percent-decodes a component in which `+` is literal (base64 data).
pub(crate) fn decode_component(
    raw: &str,
    part: &'static str,
) -> Result<Zeroizing<String>, UriError> {
    percent::decode(raw, Plus::Literal, part)
}

/// The canonical parameters of a Steam Guard account.
pub(crate) fn steam_params() -> Result<OtpParams, OtpError> {
    Ok(OtpParams {
        kind: OtpKind::Steam,
        algorithm: Algorithm::Sha1,
        digits: Digits::new(STEAM_DIGITS)?,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UriType {
    Totp,
    Hotp,
    Steam,
}

impl UriType {
    fn from_name(name: &str) -> Result<Self, UriError> {
        if name.eq_ignore_ascii_case("totp") {
            Ok(Self::Totp)
        } else if name.eq_ignore_ascii_case("hotp") {
            Ok(Self::Hotp)
        } else if name.eq_ignore_ascii_case("steam") {
            Ok(Self::Steam)
        } else {
            Err(UriError::UnknownType)
        }
    }

    fn params(self, raw: &RawParams) -> Result<OtpParams, OtpError> {
        let steam_encoder = raw
            .encoder
            .as_deref()
            .is_some_and(|e| e.trim().eq_ignore_ascii_case("steam"));
        match (self, steam_encoder) {
            (Self::Steam, _) | (Self::Totp, true) => return steam_params(),
            (Self::Hotp, true) => return Err(UriError::InvalidParameter("encoder").into()),
            _ => {}
        }
        let algorithm = match raw.algorithm.as_deref() {
            Some(a) => a
                .trim()
                .parse::<Algorithm>()
                .map_err(|_| UriError::UnsupportedAlgorithm)?,
            None => Algorithm::Sha1,
        };
        let digits = match raw.digits.as_deref() {
            Some(d) => u32::try_from(number(d, "digits")?)
                .ok()
                .and_then(|n| Digits::new(n).ok())
                .ok_or(UriError::InvalidParameter("digits"))?,
            None => Digits::SIX,
        };
        let kind = if self == Self::Hotp {
            let counter = raw
                .counter
                .as_deref()
                .ok_or(UriError::MissingParameter("counter"))?;
            OtpKind::Hotp {
                counter: number(counter, "counter")?,
            }
        } else {
            let period = match raw.period.as_deref() {
                Some(p) => Period::new(number(p, "period")?)
                    .map_err(|_| UriError::InvalidParameter("period"))?,
                None => Period::THIRTY,
            };
            OtpKind::Totp { period }
        };
        Ok(OtpParams {
            kind,
            algorithm,
            digits,
        })
    }
}

/// Enforces the field limits ([`MAX_NAME_BYTES`] and friends).
pub(crate) fn check_lengths(
    issuer: &str,
    account: &str,
    secret: &Secret,
    image: Option<&str>,
) -> Result<(), UriError> {
    if issuer.len() > MAX_NAME_BYTES {
        return Err(UriError::FieldTooLong("issuer"));
    }
    if account.len() > MAX_NAME_BYTES {
        return Err(UriError::FieldTooLong("account name"));
    }
    if secret.len() > MAX_SECRET_BYTES {
        return Err(UriError::FieldTooLong("secret"));
    }
    if image.is_some_and(|i| i.len() > MAX_IMAGE_BYTES) {
        return Err(UriError::FieldTooLong("image"));
    }
    Ok(())
}

fn parse_secret(text: Option<&str>) -> Result<Secret, OtpError> {
    let text = text
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or(UriError::MissingParameter("secret"))?;
    let mut bytes = crate::base32::decode(text)?;
    Secret::from_bytes(core::mem::take(&mut *bytes))
}

/// `text` without `prefix`, compared ASCII case-insensitively.
pub(crate) fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| text.get(prefix.len()..))
        .flatten()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
