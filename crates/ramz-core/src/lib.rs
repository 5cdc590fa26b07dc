#![doc = include_str!("../README.md")]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod account;
mod authenticator;
mod clock;
mod codes;
mod error;
mod session;

pub use account::{AccountId, AccountInfo, AccountKind, MAX_LABEL_LEN, ManualEntry};
pub use authenticator::Authenticator;
pub use clock::{CLOCK_WARNING_SECONDS, Clock, ClockStatus, ClockWarning, EARLIEST_PLAUSIBLE_UNIX};
pub use codes::CodeEntry;
pub use error::{ActivationProblem, CoreError, InputProblem};
pub use ramz_otp::Algorithm;
