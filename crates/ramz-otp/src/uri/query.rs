//! The query string of an `otpauth://` URI: known parameters collected
//! once each, unknown ones skipped.

use zeroize::Zeroizing;

use super::percent::{Plus, decode, decode_plain};
use crate::{UriError, normalize_digits};

/// The known parameters, decoded but not yet validated.
#[derive(Default)]
pub(crate) struct RawParams {
    pub(crate) secret: Option<Zeroizing<String>>,
    pub(crate) issuer: Option<String>,
    pub(crate) algorithm: Option<String>,
    pub(crate) digits: Option<String>,
    pub(crate) period: Option<String>,
    pub(crate) counter: Option<String>,
    pub(crate) image: Option<String>,
    pub(crate) encoder: Option<String>,
}

impl RawParams {
    /// Reads `k=v&k=v`. Keys are ASCII case-insensitive. A known key given
    /// twice with the same value is fine; with different values it is an
    /// error, since either choice could be the wrong credential.
    pub(crate) fn parse(query: &str) -> Result<Self, UriError> {
        let mut p = Self::default();
        for pair in query.split('&').filter(|s| !s.is_empty()) {
            let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode_plain(raw_key, Plus::Space, "parameter name")?.to_ascii_lowercase();
            let (slot, name): (&mut Option<String>, &'static str) = match key.as_str() {
                "secret" => {
                    let value = decode(raw_value, Plus::Space, "secret")?;
                    set_once(&mut p.secret, value, "secret")?;
                    continue;
                }
                "issuer" => (&mut p.issuer, "issuer"),
                "algorithm" => (&mut p.algorithm, "algorithm"),
                "digits" => (&mut p.digits, "digits"),
                "period" => (&mut p.period, "period"),
                "counter" => (&mut p.counter, "counter"),
                "image" => (&mut p.image, "image"),
                "encoder" => (&mut p.encoder, "encoder"),
                _ => continue,
            };
            let value = decode_plain(raw_value, Plus::Space, "parameter value")?;
            set_once(slot, value, name)?;
        }
        Ok(p)
    }
}

fn set_once<T: PartialEq>(
    slot: &mut Option<T>,
    value: T,
    name: &'static str,
) -> Result<(), UriError> {
    match slot {
        Some(old) if *old != value => Err(UriError::DuplicateParameter(name)),
        Some(_) => Ok(()),
        None => {
            *slot = Some(value);
            Ok(())
        }
    }
}

/// A non-negative decimal number as typed: ASCII, Persian or Arabic-Indic
/// digits (`digits=۶`). Signs, fractions and overflow are refused.
pub(crate) fn number(value: &str, name: &'static str) -> Result<u64, UriError> {
    if value.contains(['-', '+']) {
        return Err(UriError::InvalidParameter(name));
    }
    let ascii = normalize_digits(value).ok_or(UriError::InvalidParameter(name))?;
    if ascii.is_empty() {
        return Err(UriError::InvalidParameter(name));
    }
    ascii
        .parse::<u64>()
        .map_err(|_| UriError::InvalidParameter(name))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_typed() {
        assert_eq!(number("30", "period"), Ok(30));
        assert_eq!(number("۶", "digits"), Ok(6));
        assert_eq!(number("٦٠", "period"), Ok(60));
        for bad in ["", "-1", "+5", "1.5", "x", "99999999999999999999999"] {
            assert_eq!(
                number(bad, "period"),
                Err(UriError::InvalidParameter("period")),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn duplicates() {
        assert!(RawParams::parse("digits=6&digits=6").is_ok());
        assert!(matches!(
            RawParams::parse("digits=6&Digits=8"),
            Err(UriError::DuplicateParameter("digits"))
        ));
        assert!(matches!(
            RawParams::parse("secret=AA&secret=AB"),
            Err(UriError::DuplicateParameter("secret"))
        ));
        assert!(RawParams::parse("foo=1&foo=2&&=").is_ok());
    }
}
