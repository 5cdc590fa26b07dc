//! Account metadata: what the apps may see of a credential (never its
//! secret), and manual entry.

use ramz_otp::{Algorithm, Digits, OtpAccount, OtpKind, OtpParams, Period, Secret};

use crate::{CoreError, InputProblem};

/// Longest issuer or account label accepted, in bytes.
pub const MAX_LABEL_LEN: usize = 256;

/// Stable identifier of an account in one vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AccountId(pub u64);

/// How an account's codes move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountKind {
    /// Time-based, with its period in seconds.
    Totp {
        /// Step length in seconds.
        period: u64,
    },
    /// Counter-based, with the next counter.
    Hotp {
        /// The counter the next code will use.
        counter: u64,
    },
    /// Steam Guard (30 s, five characters).
    Steam,
}

/// Everything about an account but its secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountInfo {
    /// Stable id.
    pub id: AccountId,
    /// Service name ("Bank Melli", "GitHub"); may be empty.
    pub issuer: String,
    /// The user's account at the service; may be empty.
    pub account: String,
    /// Kind and moving factor.
    pub kind: AccountKind,
    /// Hash algorithm.
    pub algorithm: Algorithm,
    /// Code length.
    pub digits: u8,
    /// True when the secret is shorter than RFC 4226's 128 bits.
    pub weak_secret: bool,
}

/// Manual entry, as the exchange or bank prints it: issuer, account,
/// base32 secret and (usually default) parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualEntry {
    /// Service name.
    pub issuer: String,
    /// Account name.
    pub account: String,
    /// Counter-based instead of time-based.
    pub hotp: bool,
    /// Step length for TOTP (30 or 60 usually); ignored for HOTP.
    pub period: u64,
    /// Code length (6 usually).
    pub digits: u32,
    /// Hash algorithm.
    pub algorithm: Algorithm,
}

impl ManualEntry {
    /// Validates the entry and pairs it with the decoded secret.
    pub(crate) fn into_account(self, secret_base32: &str) -> Result<OtpAccount, CoreError> {
        let secret = Secret::from_base32(secret_base32)?;
        let digits = Digits::new(self.digits)?;
        let kind = if self.hotp {
            OtpKind::Hotp { counter: 0 }
        } else {
            OtpKind::Totp {
                period: Period::new(self.period)?,
            }
        };
        Ok(OtpAccount {
            issuer: clean_label(&self.issuer)?,
            account: clean_label(&self.account)?,
            secret,
            params: OtpParams {
                kind,
                algorithm: self.algorithm,
                digits,
            },
            image: None,
        })
    }
}

/// Trims a label and refuses control characters and absurd lengths.
pub(crate) fn clean_label(label: &str) -> Result<String, CoreError> {
    let t = label.trim();
    if t.len() > MAX_LABEL_LEN || t.chars().any(char::is_control) {
        return Err(CoreError::InvalidInput(InputProblem::Label));
    }
    Ok(t.to_owned())
}

pub(crate) fn info_of(id: AccountId, a: &OtpAccount) -> AccountInfo {
    let kind = match a.params.kind {
        OtpKind::Totp { period } => AccountKind::Totp {
            period: period.get(),
        },
        OtpKind::Hotp { counter } => AccountKind::Hotp { counter },
        OtpKind::Steam => AccountKind::Steam,
    };
    let digits = if matches!(kind, AccountKind::Steam) {
        5
    } else {
        a.params.digits.get()
    };
    AccountInfo {
        id,
        issuer: a.issuer.clone(),
        account: a.account.clone(),
        kind,
        algorithm: a.params.algorithm,
        digits,
        weak_secret: a.secret.is_weak(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_trimmed_and_control_chars_refused() {
        assert_eq!(clean_label("  بانک ملی ").unwrap(), "بانک ملی");
        assert!(clean_label("a\nb").is_err());
        assert!(clean_label(&"x".repeat(MAX_LABEL_LEN + 1)).is_err());
    }
}
