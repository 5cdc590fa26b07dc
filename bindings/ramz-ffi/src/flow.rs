//! Records and enums of the unlock, scan and activation flows.

use ramz_core as core;

use crate::{AccountPreview, InputReason};

/// The verdict on a PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum UnlockResult {
    /// Unlocked.
    Unlocked,
    /// Wrong PIN; show the attempts left and disable the pad for
    /// `wait_seconds`.
    WrongPin {
        /// Attempts before the vault is wiped (null: never wiped).
        attempts_left: Option<u32>,
        /// Seconds before the next attempt is accepted (0: at once).
        wait_seconds: u64,
    },
    /// Too soon after a wrong PIN: the PIN was not even tried.
    TryLater {
        /// Seconds left.
        wait_seconds: u64,
    },
    /// Too many wrong PINs: the vault was destroyed. Start over or restore.
    Wiped,
}

/// The lock screen's state before a PIN is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct LockState {
    /// Consecutive wrong PINs.
    pub failures: u32,
    /// Attempts before the wipe (null: never wiped).
    pub attempts_left: Option<u32>,
    /// Seconds before a PIN is accepted.
    pub wait_seconds: u64,
}

/// A scanned or pasted text, classified. The secret stays in Rust under
/// `pending`: pass it to `add_scanned` (or `begin_activation`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum Scanned {
    /// One `otpauth://` account.
    Account {
        /// Pass to `add_scanned`.
        pending: u64,
        /// The account as it would be added.
        account: AccountPreview,
    },
    /// One QR code of a Google Authenticator export ("i of n").
    Migration {
        /// Pass to `add_scanned`.
        pending: u64,
        /// 1-based position of this code in the export.
        index: u32,
        /// Number of codes in the export.
        count: u32,
        /// The usable accounts of this code.
        accounts: Vec<AccountPreview>,
        /// Entries of this code that cannot be imported.
        rejected: u32,
    },
    /// A bank's activation code: ask for the SMS code, then
    /// `begin_activation`.
    BankActivation {
        /// Pass to `begin_activation`.
        pending: u64,
        /// The bank's display name.
        issuer: String,
        /// The card, masked.
        masked_card: String,
        /// Unix time after which the bank refuses the activation.
        expires_at: u64,
    },
    /// Looks like an OTP code but is damaged.
    Invalid {
        /// What is wrong.
        reason: InputReason,
    },
    /// Not something Ramz reads (the text is not returned).
    Unknown,
}

/// The HTTP request to send to complete a bank activation; give the
/// answer's status and body to `complete_activation`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ActivationRequest {
    /// Absolute https URL.
    pub url: String,
    /// HTTP method (`POST`).
    pub method: String,
    /// Content type (`application/json`).
    pub content_type: String,
    /// Request body (a public key and a MAC, no secret).
    pub body: Vec<u8>,
}

impl From<core::UnlockResult> for UnlockResult {
    fn from(r: core::UnlockResult) -> Self {
        match r {
            core::UnlockResult::Unlocked => Self::Unlocked,
            core::UnlockResult::WrongPin {
                attempts_left,
                wait_seconds,
            } => Self::WrongPin {
                attempts_left,
                wait_seconds,
            },
            core::UnlockResult::TryLater { wait_seconds } => Self::TryLater { wait_seconds },
            core::UnlockResult::Wiped => Self::Wiped,
        }
    }
}

impl From<core::LockState> for LockState {
    fn from(s: core::LockState) -> Self {
        Self {
            failures: s.failures,
            attempts_left: s.attempts_left,
            wait_seconds: s.wait_seconds,
        }
    }
}

impl From<core::Scanned> for Scanned {
    fn from(s: core::Scanned) -> Self {
        match s {
            core::Scanned::Account { pending, account } => Self::Account {
                pending: pending.0,
                account: account.into(),
            },
            core::Scanned::Migration {
                pending,
                index,
                count,
                accounts,
                rejected,
            } => Self::Migration {
                pending: pending.0,
                index,
                count,
                accounts: accounts.into_iter().map(Into::into).collect(),
                rejected,
            },
            core::Scanned::BankActivation {
                pending,
                issuer,
                masked_card,
                expires_at,
                ..
            } => Self::BankActivation {
                pending: pending.0,
                issuer,
                masked_card,
                expires_at,
            },
            core::Scanned::Invalid { problem } => Self::Invalid {
                reason: problem.into(),
            },
            core::Scanned::Unknown => Self::Unknown,
        }
    }
}

impl From<core::ActivationRequest> for ActivationRequest {
    fn from(r: core::ActivationRequest) -> Self {
        Self {
            url: r.url,
            method: r.method,
            content_type: r.content_type,
            body: r.body,
        }
    }
}
