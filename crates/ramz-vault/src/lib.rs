#![doc = include_str!("../README.md")]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod account;
mod anchor;
mod atomic;
mod backup;
mod codec;
mod crypto;
mod error;
mod export;
mod format;
#[doc(hidden)]
pub mod fuzzing;
mod kdf;
mod keys;
mod keystore;
mod legacy;
mod lockout;
mod memory_storage;
mod migrate;
mod pin;
mod soft_keystore;
mod storage;
mod unlocked;
mod vault;

pub use account::{
    AccountId, AccountKind, BankCard, MAX_LABEL_CHARS, MAX_NOTE_CHARS, MaskedCard, NewBankCard,
    VaultAccount, same_credential,
};
pub use backup::{
    BACKUP_MAGIC, BACKUP_VERSION, BackupComparison, BackupReport, BackupScope, ImportReport,
    MIN_PASSPHRASE_CHARS, read_backup,
};
pub use error::{LabelField, VaultError};
pub use export::{LeftOut, LeftOutReason, PlainExport, label};
pub use format::{CURRENT_VERSION, VAULT_MAGIC};
pub use kdf::KdfParams;
pub use keystore::{DeviceKeystore, KeyId, KeystoreError, KeystoreKey};
pub use lockout::{LockStatus, LockoutPolicy, PinRefusal};
pub use memory_storage::{CrashPoint, MemoryStorage, Mirror};
pub use pin::{PIN_LEN, Pin, PinProblem};
pub use soft_keystore::{KEY_FILE_MAGIC, LEGACY_KEY_FILE_MAGIC, SoftwareKeystore};
pub use storage::{FileStorage, StorageError, StoredItem, VaultStorage};
pub use unlocked::{ClockOffsets, UnlockedVault};
pub use vault::{UnlockOutcome, Vault, VaultConfig};
