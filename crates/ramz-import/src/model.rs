//! What an import produces: the accounts to add and the entries left out.

use core::fmt;

use ramz_otp::{OtpAccount, OtpError, uri::UriWarning};

/// The apps whose exports Ramz reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Aegis Authenticator vault (`aegis-*.json`), plain or encrypted.
    Aegis,
    /// 2FAS backup (`.2fas`), plain or encrypted.
    TwoFas,
    /// Bitwarden unencrypted export, JSON or CSV.
    Bitwarden,
    /// Ente Auth export: plain text of otpauth URIs, or encrypted JSON.
    Ente,
    /// Proton Authenticator export, plain or encrypted JSON.
    Proton,
    /// LastPass Authenticator JSON export.
    LastPass,
    /// andOTP plain JSON backup.
    AndOtp,
    /// A text file of `otpauth://` and `otpauth-migration://` URIs, one per
    /// line (what Google Authenticator's export QR codes hold).
    Otpauth,
}

impl Format {
    /// The name used on the command line (`--format NAME`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Aegis => "aegis",
            Self::TwoFas => "2fas",
            Self::Bitwarden => "bitwarden",
            Self::Ente => "ente",
            Self::Proton => "proton",
            Self::LastPass => "lastpass",
            Self::AndOtp => "andotp",
            Self::Otpauth => "otpauth",
        }
    }

    /// Every format, in the order a help text lists them.
    pub const ALL: [Format; 8] = [
        Self::Aegis,
        Self::TwoFas,
        Self::Bitwarden,
        Self::Ente,
        Self::Proton,
        Self::LastPass,
        Self::AndOtp,
        Self::Otpauth,
    ];

    /// Parses a `--format` name (case-insensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name.trim()))
    }

    /// Whether a file detected as `found` may be read as `self`. An Ente
    /// plain export is a list of otpauth URIs, so those two accept each
    /// other's plain files.
    pub(crate) fn accepts(self, found: Format, encrypted: bool) -> bool {
        self == found
            || (!encrypted
                && matches!(self, Self::Ente | Self::Otpauth)
                && matches!(found, Self::Ente | Self::Otpauth))
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The result of reading one export file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Import {
    /// The format the file was read as.
    pub format: Format,
    /// Whether the file was encrypted (and the passphrase opened it).
    pub encrypted: bool,
    /// Accounts to add, in the order of the file.
    pub accounts: Vec<ImportedAccount>,
    /// Entries that are not imported, each with its reason, in the order of
    /// the file. Every OTP entry of the file is either in `accounts` or
    /// here.
    pub skipped: Vec<Skipped>,
    /// Bitwarden only: login items without any TOTP field. They are not
    /// OTP entries, so they are counted rather than listed.
    pub without_otp: usize,
}

impl Import {
    /// The accounts alone, for an atomic `add_many`.
    pub fn into_accounts(self) -> Vec<OtpAccount> {
        self.accounts.into_iter().map(|a| a.account).collect()
    }
}

/// One account read from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ImportedAccount {
    /// 0-based position of the entry in the file (its index in the file's
    /// list, or its line for text files), to point the user at it.
    pub position: usize,
    /// The account, labels trimmed, ready for the vault.
    pub account: OtpAccount,
    /// Things worth telling the user (a weak secret, an issuer mismatch).
    pub warnings: Vec<UriWarning>,
}

/// One entry of the file that is not imported.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Skipped {
    /// 0-based position of the entry in the file (list index or line).
    pub position: usize,
    /// The entry's issuer as the file names it (may be empty). Never the
    /// secret.
    pub issuer: String,
    /// The entry's account name as the file names it (may be empty).
    pub name: String,
    /// Why it is not imported.
    pub reason: SkipReason,
}

/// Why an entry is not imported. Names the problem, never the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SkipReason {
    /// An OTP type Ramz does not compute (Yandex, mOTP, ...).
    #[error("unsupported OTP type {0:?}")]
    UnsupportedType(String),
    /// A hash other than SHA-1, SHA-256, SHA-512 (MD5, for instance).
    #[error("unsupported algorithm {0:?}")]
    UnsupportedAlgorithm(String),
    /// The entry has no secret.
    #[error("the entry has no secret")]
    MissingSecret,
    /// The secret is not valid base32 (or not valid for the entry's type).
    #[error("bad secret: {0}")]
    BadSecret(OtpError),
    /// Digits outside 4..=10.
    #[error("digits must be between 4 and 10, got {0}")]
    DigitsOutOfRange(i64),
    /// Period outside 1..=86400 seconds.
    #[error("period must be between 1 and 86400 seconds, got {0}")]
    PeriodOutOfRange(i64),
    /// HOTP counter that is negative or not a whole number.
    #[error("the HOTP counter is not a non-negative whole number")]
    BadCounter,
    /// An `otpauth://` or `otpauth-migration://` line that does not parse.
    #[error("invalid URI: {0}")]
    BadUri(OtpError),
    /// A line of a text file that is not a URI at all.
    #[error("the line is not an otpauth URI")]
    NotAUri,
    /// The entry is in the source app's trash (Ente Auth); imported
    /// nowhere so it does not come back from the dead unasked.
    #[error("the entry is in the app's trash")]
    Trashed,
    /// The entry's structure is wrong: a field has the wrong JSON type, or
    /// a required one is missing.
    #[error("malformed entry: field `{0}`")]
    Malformed(&'static str),
}
