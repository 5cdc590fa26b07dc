//! One place where an entry's fields, as any format names them, become an
//! [`OtpAccount`] or a [`SkipReason`]: every format gets the same checks.

use ramz_otp::uri::{MAX_NAME_BYTES, MAX_SECRET_BYTES, UriWarning};
use ramz_otp::{Algorithm, Digits, OtpAccount, OtpKind, OtpParams, Period, Secret, UriError};

use crate::{ImportedAccount, SkipReason, Skipped};

/// The OTP type of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OtpType<'a> {
    Totp,
    Hotp,
    Steam,
    /// Anything else, by the name the file gives it.
    Other(&'a str),
}

impl<'a> OtpType<'a> {
    /// `totp`, `hotp`, `steam` in any case; anything else is `Other`.
    pub(crate) fn from_name(name: &'a str) -> Self {
        let n = name.trim();
        if n.eq_ignore_ascii_case("totp") {
            Self::Totp
        } else if n.eq_ignore_ascii_case("hotp") {
            Self::Hotp
        } else if n.eq_ignore_ascii_case("steam") {
            Self::Steam
        } else {
            Self::Other(n)
        }
    }
}

/// An entry's fields before validation. `None` means "absent": the
/// format's documented default applies (SHA-1, 6 digits, 30 s, counter 0).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields<'a> {
    pub kind: OtpType<'a>,
    /// Base32 text as the file holds it.
    pub secret: Option<&'a str>,
    pub algorithm: Option<&'a str>,
    pub digits: Option<i64>,
    pub period: Option<i64>,
    pub counter: Option<i64>,
    pub issuer: &'a str,
    pub name: &'a str,
}

impl<'a> Fields<'a> {
    /// A TOTP entry with every optional field absent.
    pub(crate) fn new(kind: OtpType<'a>, issuer: &'a str, name: &'a str) -> Self {
        Self {
            kind,
            secret: None,
            algorithm: None,
            digits: None,
            period: None,
            counter: None,
            issuer,
            name,
        }
    }
}

/// Collects accounts and skips in file order.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    pub accounts: Vec<ImportedAccount>,
    pub skipped: Vec<Skipped>,
}

impl Collector {
    /// Validates `fields` and files the entry as an account or a skip.
    pub(crate) fn entry(&mut self, position: usize, fields: &Fields<'_>) {
        match build(fields) {
            Ok((account, warnings)) => self.accounts.push(ImportedAccount {
                position,
                account,
                warnings,
            }),
            Err(reason) => self.skip(position, fields.issuer, fields.name, reason),
        }
    }

    /// Files a ready account (from an otpauth URI).
    pub(crate) fn account(
        &mut self,
        position: usize,
        account: OtpAccount,
        warnings: Vec<UriWarning>,
    ) {
        self.accounts.push(ImportedAccount {
            position,
            account,
            warnings,
        });
    }

    /// Files an entry that is not imported.
    pub(crate) fn skip(&mut self, position: usize, issuer: &str, name: &str, reason: SkipReason) {
        self.skipped.push(Skipped {
            position,
            issuer: clip(issuer.trim()),
            name: clip(name.trim()),
            reason,
        });
    }
}

/// Names in skip reports are for display; a hostile file must not make
/// them huge.
fn clip(s: &str) -> String {
    if s.len() <= MAX_NAME_BYTES {
        return s.to_owned();
    }
    let mut end = MAX_NAME_BYTES;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

/// Validates the fields of one entry.
pub(crate) fn build(f: &Fields<'_>) -> Result<(OtpAccount, Vec<UriWarning>), SkipReason> {
    let (issuer, name) = labels(f.issuer, f.name);
    let kind = match f.kind {
        OtpType::Other(t) => return Err(SkipReason::UnsupportedType(clip(t))),
        k => k,
    };
    let text = f
        .secret
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or(SkipReason::MissingSecret)?;
    let secret = Secret::from_base32(text).map_err(SkipReason::BadSecret)?;
    if secret.len() > MAX_SECRET_BYTES {
        return Err(SkipReason::BadSecret(
            UriError::FieldTooLong("secret").into(),
        ));
    }
    if issuer.len() > MAX_NAME_BYTES {
        return Err(SkipReason::BadUri(UriError::FieldTooLong("issuer").into()));
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(SkipReason::BadUri(
            UriError::FieldTooLong("account name").into(),
        ));
    }
    let params = match kind {
        OtpType::Steam => steam_params(),
        OtpType::Totp | OtpType::Hotp => {
            let algorithm = match f.algorithm.map(str::trim).filter(|a| !a.is_empty()) {
                None => Algorithm::Sha1,
                Some(a) => a
                    .parse::<Algorithm>()
                    .map_err(|_| SkipReason::UnsupportedAlgorithm(clip(a)))?,
            };
            let d = f.digits.unwrap_or(6);
            let digits = u32::try_from(d)
                .ok()
                .and_then(|d| Digits::new(d).ok())
                .ok_or(SkipReason::DigitsOutOfRange(d))?;
            let kind = if kind == OtpType::Hotp {
                let c = f.counter.unwrap_or(0);
                OtpKind::Hotp {
                    counter: u64::try_from(c).map_err(|_| SkipReason::BadCounter)?,
                }
            } else {
                let p = f.period.unwrap_or(30);
                let period = u64::try_from(p)
                    .ok()
                    .and_then(|p| Period::new(p).ok())
                    .ok_or(SkipReason::PeriodOutOfRange(p))?;
                OtpKind::Totp { period }
            };
            OtpParams {
                kind,
                algorithm,
                digits,
            }
        }
        OtpType::Other(_) => return Err(SkipReason::UnsupportedType(String::new())),
    };
    let mut warnings = Vec::new();
    if secret.is_weak() {
        warnings.push(UriWarning::WeakSecret {
            bits: secret.len() * 8,
        });
    }
    Ok((
        OtpAccount {
            issuer: issuer.to_owned(),
            account: name.to_owned(),
            secret,
            params,
            image: None,
        },
        warnings,
    ))
}

/// Trims the labels and removes a repeated issuer, as ramz-otp's
/// migration decoder does: a name `Issuer:account` whose prefix is the
/// issuer (ASCII case-insensitively) loses the prefix; with no issuer, a
/// name `Issuer:account` is split at its first `:` like an otpauth label.
/// A name with some other prefix is kept whole, so nothing is lost.
pub(crate) fn labels<'a>(issuer: &'a str, name: &'a str) -> (&'a str, &'a str) {
    let issuer = issuer.trim();
    let name = name.trim();
    match name.split_once(':') {
        Some((prefix, rest)) if issuer.is_empty() && !prefix.trim().is_empty() => {
            (prefix.trim(), rest.trim())
        }
        Some((prefix, rest)) if prefix.trim().eq_ignore_ascii_case(issuer) => (issuer, rest.trim()),
        _ => (issuer, name),
    }
}

/// Steam Guard: SHA-1, five characters, 30 s, whatever the file says.
pub(crate) fn steam_params() -> OtpParams {
    OtpParams {
        kind: OtpKind::Steam,
        algorithm: Algorithm::Sha1,
        // Five is within Digits' 4..=10, so this is the constant it reads.
        digits: Digits::new(5).unwrap_or(Digits::SIX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_trimmed_and_a_repeated_issuer_removed() {
        assert_eq!(labels(" GitHub ", " alice "), ("GitHub", "alice"));
        assert_eq!(labels("GitHub", "github: alice"), ("GitHub", "alice"));
        assert_eq!(labels("", "GitHub:alice"), ("GitHub", "alice"));
        assert_eq!(labels("GitHub", "work:alice"), ("GitHub", "work:alice"));
        assert_eq!(labels("بانک", "بانک:کارت"), ("بانک", "کارت"));
        assert_eq!(labels("", ":a:b"), ("", "a:b"));
    }

    #[test]
    fn hotp_keeps_its_counter_and_bad_values_are_typed() {
        let mut f = Fields::new(OtpType::Hotp, "I", "n");
        f.secret = Some("JBSWY3DPEHPK3PXP");
        f.counter = Some(7);
        let (a, w) = build(&f).unwrap();
        assert_eq!(a.params.kind, OtpKind::Hotp { counter: 7 });
        assert!(matches!(w[..], [UriWarning::WeakSecret { bits: 80 }]));
        f.counter = Some(-1);
        assert_eq!(build(&f).unwrap_err(), SkipReason::BadCounter);
        f.kind = OtpType::Totp;
        f.period = Some(86_401);
        assert_eq!(build(&f).unwrap_err(), SkipReason::PeriodOutOfRange(86_401));
        f.period = None;
        f.digits = Some(3);
        assert_eq!(build(&f).unwrap_err(), SkipReason::DigitsOutOfRange(3));
        f.digits = Some(10);
        assert!(build(&f).is_ok());
        f.algorithm = Some("md5");
        assert_eq!(
            build(&f).unwrap_err(),
            SkipReason::UnsupportedAlgorithm("md5".into())
        );
        f.algorithm = Some("sha-512");
        assert!(build(&f).is_ok());
        f.secret = Some("  ");
        assert_eq!(build(&f).unwrap_err(), SkipReason::MissingSecret);
        f.kind = OtpType::Other("yandex");
        assert_eq!(
            build(&f).unwrap_err(),
            SkipReason::UnsupportedType("yandex".into())
        );
    }
}
