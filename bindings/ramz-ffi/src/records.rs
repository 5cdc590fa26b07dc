//! Plain metadata records that cross the boundary by value, with their
//! conversions. Nothing here holds a secret: records are copied freely by
//! the foreign side, so secrets never become records.

use ramz_core as core;

/// HMAC hash of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum HashAlgorithm {
    /// SHA-1 (most services).
    Sha1,
    /// SHA-256.
    Sha256,
    /// SHA-512.
    Sha512,
}

/// How an account's codes move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AccountKind {
    /// Time-based.
    Totp {
        /// Step length in seconds.
        period: u64,
    },
    /// Counter-based.
    Hotp {
        /// Counter of the next code.
        counter: u64,
    },
    /// Steam Guard.
    Steam,
}

/// What an account would be before it is added (a scan), or the labels
/// and parameters of a stored one. Never the secret.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccountPreview {
    /// Service name; may be empty.
    pub issuer: String,
    /// User's account at the service; may be empty.
    pub account: String,
    /// Kind and moving factor.
    pub kind: AccountKind,
    /// Hash algorithm.
    pub algorithm: HashAlgorithm,
    /// Code length (5 for Steam).
    pub digits: u8,
    /// The secret is shorter than 128 bits: show a hint.
    pub weak_secret: bool,
}

/// Everything about a stored account but its secret.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccountInfo {
    /// Stable id (32 hex characters); survives renames and backups.
    pub id: String,
    /// Service name; may be empty.
    pub issuer: String,
    /// User's account at the service (the masked card for bank cards).
    pub account: String,
    /// Kind and moving factor.
    pub kind: AccountKind,
    /// Hash algorithm.
    pub algorithm: HashAlgorithm,
    /// Code length (5 for Steam).
    pub digits: u8,
    /// The secret is shorter than 128 bits: show a hint.
    pub weak_secret: bool,
    /// The bank's name when this is a card's second password.
    pub bank_name: Option<String>,
    /// Whether plain exports may include the secret (false for cards).
    pub exportable: bool,
}

/// A manually typed account (the secret is passed separately, as bytes).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ManualEntry {
    /// Service name.
    pub issuer: String,
    /// Account name.
    pub account: String,
    /// Counter-based instead of time-based.
    pub hotp: bool,
    /// TOTP step in seconds (30 or 60); ignored for HOTP.
    pub period: u64,
    /// Code length (usually 6).
    pub digits: u32,
    /// Hash algorithm.
    pub algorithm: HashAlgorithm,
}

/// One row of the code list.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct CodeEntry {
    /// The account.
    pub id: String,
    /// Current code (empty for HOTP: use `hotp_next`).
    pub code: String,
    /// Code of the next step (empty for HOTP).
    pub next: String,
    /// Seconds until `code` changes (0 for HOTP).
    pub seconds_left: u64,
    /// Step length in seconds (0 for HOTP).
    pub period: u64,
}

/// Why the device clock looks wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ClockWarning {
    /// A server's time differs from the device's by more than 30 s.
    DriftFromServer {
        /// Server minus device, seconds.
        offset: i64,
    },
    /// The device clock is before 2025: certainly wrong.
    Implausible,
}

/// Clock correction and warning, for the settings screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct ClockStatus {
    /// Seconds added to device time for codes.
    pub offset: i64,
    /// Manual offset, if set (wins over the server's).
    pub manual_offset: Option<i64>,
    /// Offset learned from a server, if any.
    pub server_offset: Option<i64>,
    /// Set when the device clock looks wrong.
    pub warning: Option<ClockWarning>,
}

impl From<HashAlgorithm> for core::Algorithm {
    fn from(a: HashAlgorithm) -> Self {
        match a {
            HashAlgorithm::Sha1 => Self::Sha1,
            HashAlgorithm::Sha256 => Self::Sha256,
            HashAlgorithm::Sha512 => Self::Sha512,
        }
    }
}

impl From<core::Algorithm> for HashAlgorithm {
    fn from(a: core::Algorithm) -> Self {
        match a {
            core::Algorithm::Sha1 => Self::Sha1,
            core::Algorithm::Sha256 => Self::Sha256,
            core::Algorithm::Sha512 => Self::Sha512,
        }
    }
}

impl From<core::AccountKind> for AccountKind {
    fn from(k: core::AccountKind) -> Self {
        match k {
            core::AccountKind::Totp { period } => Self::Totp { period },
            core::AccountKind::Hotp { counter } => Self::Hotp { counter },
            core::AccountKind::Steam => Self::Steam,
        }
    }
}

impl From<core::AccountPreview> for AccountPreview {
    fn from(p: core::AccountPreview) -> Self {
        Self {
            issuer: p.issuer,
            account: p.account,
            kind: p.kind.into(),
            algorithm: p.algorithm.into(),
            digits: p.digits,
            weak_secret: p.weak_secret,
        }
    }
}

impl From<core::AccountInfo> for AccountInfo {
    fn from(a: core::AccountInfo) -> Self {
        let p = a.preview;
        Self {
            id: a.id.to_string(),
            issuer: p.issuer,
            account: p.account,
            kind: p.kind.into(),
            algorithm: p.algorithm.into(),
            digits: p.digits,
            weak_secret: p.weak_secret,
            bank_name: a.bank_name,
            exportable: a.exportable,
        }
    }
}

impl From<ManualEntry> for core::ManualEntry {
    fn from(m: ManualEntry) -> Self {
        Self {
            issuer: m.issuer,
            account: m.account,
            hotp: m.hotp,
            period: m.period,
            digits: m.digits,
            algorithm: m.algorithm.into(),
        }
    }
}

impl From<core::CodeEntry> for CodeEntry {
    fn from(c: core::CodeEntry) -> Self {
        Self {
            id: c.id.to_string(),
            code: c.code,
            next: c.next,
            seconds_left: c.seconds_left,
            period: c.period,
        }
    }
}

impl From<core::ClockStatus> for ClockStatus {
    fn from(s: core::ClockStatus) -> Self {
        Self {
            offset: s.offset,
            manual_offset: s.manual_offset,
            server_offset: s.server_offset,
            warning: s.warning.map(|w| match w {
                core::ClockWarning::DriftFromServer { offset } => {
                    ClockWarning::DriftFromServer { offset }
                }
                core::ClockWarning::Implausible => ClockWarning::Implausible,
            }),
        }
    }
}
