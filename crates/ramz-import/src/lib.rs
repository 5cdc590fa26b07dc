#![doc = include_str!("../README.md")]

mod account;
mod crypto;
mod detect;
mod error;
mod export;
mod formats;
mod json;
mod model;

pub use detect::{Detected, detect};
pub use error::{ImportError, Kdf};
pub use export::to_aegis_json;
pub use model::{Format, Import, ImportedAccount, SkipReason, Skipped};

/// Largest file accepted, in bytes. Real exports are kilobytes; 2FAS
/// refuses files over 10 MiB.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Most entries accepted in one file. A file with more is refused whole
/// ([`ImportError::TooManyEntries`]) rather than cut short.
pub const MAX_ENTRIES: usize = 10_000;

/// Reads an export, detecting its format from its content.
///
/// `passphrase` is used only when the file is encrypted; it is not
/// copied except into zeroized buffers. Returns every account that can be
/// added and every entry that cannot, with its reason; an error means the
/// file as a whole could not be read (and nothing should be imported).
pub fn import(bytes: &[u8], passphrase: Option<&[u8]>) -> Result<Import, ImportError> {
    let detected = detect(bytes)?;
    formats::read(detected, bytes, passphrase)
}

/// Reads an export that the user says is in `format`. A file in another
/// format is refused with [`ImportError::NotThisFormat`].
pub fn import_as(
    format: Format,
    bytes: &[u8],
    passphrase: Option<&[u8]>,
) -> Result<Import, ImportError> {
    let detected = detect(bytes)?;
    if !format.accepts(detected.format, detected.encrypted) {
        return Err(ImportError::NotThisFormat {
            expected: format,
            found: detected.format,
        });
    }
    formats::read(detected, bytes, passphrase)
}
