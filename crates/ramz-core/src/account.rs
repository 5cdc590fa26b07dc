//! Account metadata: what the apps may see of a credential (never its
//! secret), and manual entry.

use ramz_otp::{Algorithm, Digits, OtpAccount, OtpKind, OtpParams, Period, Secret};
use ramz_vault::{AccountId, VaultAccount};

use crate::CoreError;

/// How an account's codes move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
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

/// What an account would be, before it is added (a scanned or pasted
/// payload): everything but the secret and the id.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AccountPreview {
    /// Service name ("Bank Melli", "GitHub"); may be empty.
    pub issuer: String,
    /// The user's account at the service; may be empty.
    pub account: String,
    /// Kind and moving factor.
    pub kind: AccountKind,
    /// Hash algorithm.
    pub algorithm: Algorithm,
    /// Code length (5 for Steam).
    pub digits: u8,
    /// True when the secret is shorter than RFC 4226's 128 bits.
    pub weak_secret: bool,
}

/// Everything about a stored account but its secret.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct AccountInfo {
    /// Stable id (survives renames, reorders and backups).
    pub id: AccountId,
    /// Labels and parameters.
    pub preview: AccountPreview,
    /// For a bank card's second password: the bank's name.
    pub bank_name: Option<String>,
    /// For a bank card's second password: the masked card number.
    pub masked_card: Option<String>,
    /// Whether plain exports may include the secret (false for bank cards).
    pub exportable: bool,
    /// The user's group, if any.
    pub group: Option<String>,
    /// The user's note, if any.
    pub note: Option<String>,
    /// When it was added (Unix seconds, device clock).
    pub created_unix: u64,
    /// When it last changed.
    pub updated_unix: u64,
}

impl AccountInfo {
    /// "Issuer: account", or whichever of the two is set: how lists and
    /// messages name the account.
    pub fn label(&self) -> String {
        let p = &self.preview;
        match (p.issuer.is_empty(), p.account.is_empty()) {
            (false, false) => format!("{}: {}", p.issuer, p.account),
            (false, true) => p.issuer.clone(),
            _ => p.account.clone(),
        }
    }
}

/// Manual entry, as the exchange or bank prints it: issuer, account,
/// base32 secret and (usually default) parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
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
    /// A 6-digit SHA-1 TOTP entry with the given period.
    pub fn totp(issuer: &str, account: &str, period: u64) -> Self {
        Self {
            issuer: issuer.to_owned(),
            account: account.to_owned(),
            hotp: false,
            period,
            digits: 6,
            algorithm: Algorithm::Sha1,
        }
    }

    /// Validates the entry and pairs it with the decoded secret. Labels are
    /// trimmed; the vault checks their length and characters.
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
            issuer: self.issuer.trim().to_owned(),
            account: self.account.trim().to_owned(),
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

pub(crate) fn preview_of(a: &OtpAccount) -> AccountPreview {
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
    AccountPreview {
        issuer: a.issuer.clone(),
        account: a.account.clone(),
        kind,
        algorithm: a.params.algorithm,
        digits,
        weak_secret: a.secret.is_weak(),
    }
}

pub(crate) fn info_of(a: &VaultAccount) -> AccountInfo {
    AccountInfo {
        id: a.id,
        preview: preview_of(&a.otp),
        bank_name: a.bank_card.as_ref().map(|c| c.bank_name.clone()),
        masked_card: a
            .bank_card
            .as_ref()
            .map(|c| c.masked_card.as_str().to_owned()),
        exportable: a.exportable,
        group: a.group.clone(),
        note: a.note.clone(),
        created_unix: a.created_unix,
        updated_unix: a.updated_unix,
    }
}
