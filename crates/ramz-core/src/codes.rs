//! Codes as the list screen shows them.

use ramz_otp::{CodeView, Generator};
use ramz_vault::AccountId;

/// One row of the code list at one moment.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct CodeEntry {
    /// The account.
    pub id: AccountId,
    /// The current code. Empty for HOTP accounts: their code is made on
    /// request ([`crate::Authenticator::hotp_next`]) because making it uses
    /// up a counter value.
    pub code: String,
    /// The code of the next step (empty for HOTP).
    pub next: String,
    /// Seconds until `code` changes (0 for HOTP).
    pub seconds_left: u64,
    /// Step length in seconds (0 for HOTP).
    pub period: u64,
}

pub(crate) fn entry(id: AccountId, generator: &Generator, unix: u64) -> CodeEntry {
    match generator {
        Generator::Hotp(_) => CodeEntry {
            id,
            code: String::new(),
            next: String::new(),
            seconds_left: 0,
            period: 0,
        },
        g => {
            let CodeView {
                code,
                next,
                remaining,
                period,
            } = g.view(unix, 0);
            CodeEntry {
                id,
                code: code.as_str().to_owned(),
                next: next.as_str().to_owned(),
                seconds_left: remaining,
                period,
            }
        }
    }
}
