//! The scan result as the apps see it: the core's `Scanned` with the
//! pending handle as a number and the actionable `InputReason`.

use ramz_core as core;

use crate::{AccountPreview, InputReason};

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
        /// The bank's activation server (host, and port if not the
        /// default): show it, so the customer can check where the SMS
        /// code's proof goes.
        server: String,
    },
    /// Looks like an OTP code but is damaged.
    Invalid {
        /// What is wrong.
        reason: InputReason,
    },
    /// Not something Ramz reads (the text is not returned).
    Unknown,
}

impl From<core::Scanned> for Scanned {
    fn from(s: core::Scanned) -> Self {
        match s {
            core::Scanned::Account { pending, account } => Self::Account {
                pending: pending.0,
                account,
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
                accounts,
                rejected,
            },
            core::Scanned::BankActivation {
                pending,
                issuer,
                masked_card,
                expires_at,
                server,
                ..
            } => Self::BankActivation {
                pending: pending.0,
                issuer,
                masked_card,
                expires_at,
                server,
            },
            core::Scanned::Invalid { problem } => Self::Invalid {
                reason: problem.into(),
            },
            // The kind is for the app's own screens (ramz-app); the
            // bindings keep `Unknown` until they are regenerated.
            core::Scanned::Foreign { .. } => Self::Unknown,
        }
    }
}
