#![doc = include_str!("../README.md")]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod account;
mod activation;
mod add;
mod authenticator;
mod backup;
mod bank_hosts;
mod clock;
mod codes;
mod error;
mod export;
#[cfg(feature = "uniffi")]
mod ffi;
mod foreign;
mod import;
mod pending;
mod pin_reason;
mod scan;
mod session;

pub use account::{AccountInfo, AccountKind, AccountPreview, ManualEntry};
pub use activation::ActivationRequest;
pub use add::{AddReport, Duplicate, Relabel};
pub use authenticator::{Authenticator, LockState, UnlockResult};
pub use backup::{BackupCheck, BackupExport, BackupImport};
pub use clock::{CLOCK_WARNING_SECONDS, Clock, ClockStatus, ClockWarning, EARLIEST_PLAUSIBLE_UNIX};
pub use codes::CodeEntry;
pub use error::{ActivationProblem, CoreError, InputProblem};
pub use export::{LeftOut, LeftOutReason, PlainExport};
pub use foreign::ForeignKind;
pub use import::{
    ImportDetected, ImportDuplicate, ImportFormat, ImportPreview, ImportProblem, ImportSkipReason,
    ImportSkipped,
};
pub use pending::{MAX_PENDING, PendingId, Scanned};
pub use pin_reason::WeakPinReason;
pub use ramz_otp::Algorithm;
pub use ramz_vault::{
    AccountId, CrashPoint, DeviceKeystore, FileStorage, KeyId, KeystoreError, KeystoreKey,
    MemoryStorage, Mirror, SoftwareKeystore, StorageError, StoredItem, VaultConfig, VaultStorage,
};

// One uniffi namespace, `ramz_core`, for the records (ADR 0054).
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();
