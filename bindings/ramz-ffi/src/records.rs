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

/// Everything about an account but its secret.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct AccountInfo {
    /// Stable id within the vault.
    pub id: u64,
    /// Service name; may be empty.
    pub issuer: String,
    /// User's account at the service; may be empty.
    pub account: String,
    /// Kind and moving factor.
    pub kind: AccountKind,
    /// Hash algorithm.
    pub algorithm: HashAlgorithm,
    /// Code length.
    pub digits: u8,
    /// The secret is shorter than 128 bits: show a hint.
    pub weak_secret: bool,
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
    pub id: u64,
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

impl From<core::AccountInfo> for AccountInfo {
    fn from(a: core::AccountInfo) -> Self {
        Self {
            id: a.id.0,
            issuer: a.issuer,
            account: a.account,
            kind: match a.kind {
                core::AccountKind::Totp { period } => AccountKind::Totp { period },
                core::AccountKind::Hotp { counter } => AccountKind::Hotp { counter },
                core::AccountKind::Steam => AccountKind::Steam,
            },
            algorithm: a.algorithm.into(),
            digits: a.digits,
            weak_secret: a.weak_secret,
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
            id: c.id.0,
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
