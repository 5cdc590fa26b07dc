//! The app's own preferences, stored by the shell (they are not secret).
//! The clock correction is not here: the vault keeps it (`ramz-core`).

use crate::text::Lang;

/// Auto-lock delays offered in settings, in seconds.
pub const AUTO_LOCK_CHOICES: [u32; 4] = [30, 60, 300, 900];

/// Preferences that survive a restart.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Settings {
    /// Language chosen (first run or settings).
    pub lang: Lang,
    /// Lock after this many seconds without a touch.
    pub auto_lock_seconds: u32,
    /// Biometric unlock was turned on.
    pub biometrics: bool,
    /// When the last backup was saved (Unix seconds).
    pub last_backup_unix: Option<u64>,
    /// Accounts in the vault at the last backup.
    pub accounts_at_last_backup: u32,
    /// Accounts added since the last backup (drives the reminder).
    pub added_since_backup: u32,
}

impl Settings {
    /// Defaults for a new install in `lang`.
    pub fn new(lang: Lang) -> Self {
        Self {
            lang,
            auto_lock_seconds: 60,
            biometrics: false,
            last_backup_unix: None,
            accounts_at_last_backup: 0,
            added_since_backup: 0,
        }
    }
}
