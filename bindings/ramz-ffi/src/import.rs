//! Importing another authenticator's export ("import from another app")
//! and exporting a plain Aegis vault. The passphrase crosses as bytes and
//! is wiped.

use std::sync::{Arc, Mutex, PoisonError};

use ramz_core as core;
use zeroize::Zeroizing;

use crate::authenticator::with_wiped;
use crate::{AccountInfo, AccountPreview, Authenticator, RamzError};

/// The apps whose exports Ramz reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ImportFormat {
    /// Aegis vault JSON, plain or encrypted.
    Aegis,
    /// 2FAS `.2fas`, plain or encrypted.
    TwoFas,
    /// Bitwarden unencrypted JSON or CSV.
    Bitwarden,
    /// Ente Auth, plain text or encrypted.
    Ente,
    /// Proton Authenticator, plain or encrypted.
    Proton,
    /// LastPass Authenticator JSON.
    LastPass,
    /// andOTP, plain JSON or `.json.aes`.
    AndOtp,
    /// A text file of `otpauth://` / `otpauth-migration://` URIs.
    Otpauth,
    /// A format added after this binding was written.
    Other,
}

impl From<core::ImportFormat> for ImportFormat {
    fn from(f: core::ImportFormat) -> Self {
        use core::ImportFormat as F;
        match f {
            F::Aegis => Self::Aegis,
            F::TwoFas => Self::TwoFas,
            F::Bitwarden => Self::Bitwarden,
            F::Ente => Self::Ente,
            F::Proton => Self::Proton,
            F::LastPass => Self::LastPass,
            F::AndOtp => Self::AndOtp,
            F::Otpauth => Self::Otpauth,
            _ => Self::Other,
        }
    }
}

impl ImportFormat {
    fn to_core(self) -> Option<core::ImportFormat> {
        use core::ImportFormat as F;
        Some(match self {
            Self::Aegis => F::Aegis,
            Self::TwoFas => F::TwoFas,
            Self::Bitwarden => F::Bitwarden,
            Self::Ente => F::Ente,
            Self::Proton => F::Proton,
            Self::LastPass => F::LastPass,
            Self::AndOtp => F::AndOtp,
            Self::Otpauth => F::Otpauth,
            Self::Other => return None,
        })
    }
}

/// Why a file cannot be imported at all (`RamzError.Import`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ImportReason {
    /// The file is encrypted: ask for its passphrase and call again.
    PassphraseRequired {
        /// The app that wrote it.
        format: ImportFormat,
    },
    /// The passphrase does not open the file.
    WrongPassphrase,
    /// The file is truncated, altered or broken.
    Damaged,
    /// The file is empty.
    Empty,
    /// Not an export Ramz reads.
    UnknownFormat,
    /// The chosen format is not the file's.
    NotThisFormat {
        /// The format chosen.
        expected: ImportFormat,
        /// The file's format.
        found: ImportFormat,
    },
    /// A version of the format Ramz does not know.
    UnsupportedVersion {
        /// The format.
        format: ImportFormat,
    },
    /// An Aegis vault with no password slot: export again from Aegis
    /// with a password or unencrypted.
    NoPasswordSlot,
    /// An encrypted Bitwarden export: export again as .json or .csv.
    EncryptedBitwarden,
    /// The file is over the size limit (16 MiB).
    TooLarge,
    /// The file has more entries than the limit (10,000).
    TooManyEntries,
    /// The file asks for an excessive key-derivation cost.
    KdfCostTooHigh,
    /// The file's key-derivation parameters are invalid.
    BadKdfParams,
    /// Some other problem.
    Other,
}

impl From<core::ImportProblem> for ImportReason {
    fn from(p: core::ImportProblem) -> Self {
        use core::ImportProblem as P;
        match p {
            P::PassphraseRequired(f) => Self::PassphraseRequired { format: f.into() },
            P::WrongPassphrase => Self::WrongPassphrase,
            P::Damaged => Self::Damaged,
            P::Empty => Self::Empty,
            P::UnknownFormat => Self::UnknownFormat,
            P::NotThisFormat { expected, found } => Self::NotThisFormat {
                expected: expected.into(),
                found: found.into(),
            },
            P::UnsupportedVersion(f) => Self::UnsupportedVersion { format: f.into() },
            P::NoPasswordSlot => Self::NoPasswordSlot,
            P::EncryptedBitwarden => Self::EncryptedBitwarden,
            P::TooLarge => Self::TooLarge,
            P::TooManyEntries => Self::TooManyEntries,
            P::KdfCostTooHigh => Self::KdfCostTooHigh,
            P::BadKdfParams => Self::BadKdfParams,
            _ => Self::Other,
        }
    }
}

/// Why an entry of the file is not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SkipReason {
    /// An OTP type Ramz does not compute (Yandex, mOTP, ...).
    UnsupportedType,
    /// A hash other than SHA-1/256/512.
    UnsupportedAlgorithm,
    /// No secret.
    MissingSecret,
    /// The secret is not valid base32.
    BadSecret,
    /// Digits outside 4..=10.
    DigitsOutOfRange,
    /// Period outside 1..=86400 s.
    PeriodOutOfRange,
    /// A bad HOTP counter.
    BadCounter,
    /// An otpauth URI that does not parse.
    BadUri,
    /// A line that is not a URI.
    NotAUri,
    /// In the other app's trash.
    Trashed,
    /// A field of the entry is missing or has the wrong type.
    Malformed,
    /// Some other reason.
    Other,
}

impl From<&core::ImportSkipReason> for SkipReason {
    fn from(r: &core::ImportSkipReason) -> Self {
        use core::ImportSkipReason as R;
        match r {
            R::UnsupportedType(_) => Self::UnsupportedType,
            R::UnsupportedAlgorithm(_) => Self::UnsupportedAlgorithm,
            R::MissingSecret => Self::MissingSecret,
            R::BadSecret(_) => Self::BadSecret,
            R::DigitsOutOfRange(_) => Self::DigitsOutOfRange,
            R::PeriodOutOfRange(_) => Self::PeriodOutOfRange,
            R::BadCounter => Self::BadCounter,
            R::BadUri(_) => Self::BadUri,
            R::NotAUri => Self::NotAUri,
            R::Trashed => Self::Trashed,
            R::Malformed(_) => Self::Malformed,
            _ => Self::Other,
        }
    }
}

/// An entry left out of the import.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ImportSkipped {
    /// 0-based position in the file (list index or line).
    pub position: u32,
    /// Issuer as the file names it (may be empty).
    pub issuer: String,
    /// Account name as the file names it (may be empty).
    pub name: String,
    /// Why, as a code to translate.
    pub reason: SkipReason,
    /// Why, in English (the unsupported type's name, say); no secret.
    pub detail: String,
}

/// An account of the file the vault already has.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ImportDuplicate {
    /// Id of the vault's account, or `None` when the file has the account
    /// twice.
    pub existing: Option<String>,
    /// The file's account.
    pub account: AccountPreview,
}

/// What a file is, before any passphrase is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct ImportDetected {
    /// The app that wrote it.
    pub format: ImportFormat,
    /// Ask for the passphrase.
    pub encrypted: bool,
}

/// The accounts read from a file, waiting for `commit_import`. Holds the
/// secrets until committed or dropped; usable once.
#[derive(uniffi::Object)]
pub struct PendingImport {
    preview: Mutex<Option<core::ImportPreview>>,
}

/// What importing a file would do.
#[derive(uniffi::Record)]
pub struct ImportPreview {
    /// The format the file was read as.
    pub format: ImportFormat,
    /// The file was encrypted.
    pub encrypted: bool,
    /// Accounts that would be added, in file order.
    pub to_add: Vec<AccountPreview>,
    /// Accounts the vault (or the file, earlier) already has.
    pub duplicates: Vec<ImportDuplicate>,
    /// Every entry left out, with its reason.
    pub skipped: Vec<ImportSkipped>,
    /// Bitwarden: login items without TOTP (not OTP entries).
    pub without_otp: u32,
    /// Pass to `commit_import`.
    pub pending: Arc<PendingImport>,
}

/// What `commit_import` did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ImportResult {
    /// The accounts added, at the end of the list.
    pub added: Vec<AccountInfo>,
    /// Accounts of the file the vault already had, not added again.
    pub duplicates: u32,
}

/// The plain Aegis vault of `export_aegis`: every secret in clear.
#[derive(Clone, PartialEq, Eq, uniffi::Record)]
pub struct AegisExport {
    /// The Aegis JSON (UTF-8); warn the user before saving or sharing it.
    pub file: Vec<u8>,
    /// Ids of the accounts left out (bank cards).
    pub left_out: Vec<String>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What the export `file` is (no vault needed): ask for a passphrase only
/// when `encrypted`.
#[uniffi::export]
pub fn detect_import(file: Vec<u8>) -> Result<ImportDetected, RamzError> {
    let d = core::Authenticator::detect_import(&file)?;
    Ok(ImportDetected {
        format: d.format.into(),
        encrypted: d.encrypted,
    })
}

#[uniffi::export]
impl Authenticator {
    /// Reads another app's export `file` (in `format`, or detected when
    /// `None`) and says what importing it would do; changes nothing.
    /// `passphrase` (UTF-8 bytes, wiped here; empty when the file is not
    /// encrypted) opens an encrypted file. Slow for encrypted files: off
    /// the main thread.
    pub fn preview_import(
        &self,
        file: Vec<u8>,
        format: Option<ImportFormat>,
        passphrase: Vec<u8>,
    ) -> Result<ImportPreview, RamzError> {
        let format = match format {
            Some(f) => Some(f.to_core().ok_or(RamzError::Import {
                reason: ImportReason::UnknownFormat,
            })?),
            None => None,
        };
        let preview = with_wiped(passphrase, |p| {
            let p = (!p.is_empty()).then_some(p);
            self.inner().preview_import(&file, format, p)
        })?;
        drop(Zeroizing::new(file));
        Ok(ImportPreview {
            format: preview.format.into(),
            encrypted: preview.encrypted,
            to_add: preview.to_add.to_vec(),
            duplicates: preview
                .duplicates
                .iter()
                .map(|d| ImportDuplicate {
                    existing: d.existing.map(|id| id.to_string()),
                    account: d.preview.clone(),
                })
                .collect(),
            skipped: preview
                .skipped
                .iter()
                .map(|s| ImportSkipped {
                    position: count(s.position),
                    issuer: s.issuer.clone(),
                    name: s.name.clone(),
                    reason: (&s.reason).into(),
                    detail: s.reason.to_string(),
                })
                .collect(),
            without_otp: count(preview.without_otp),
            pending: Arc::new(PendingImport {
                preview: Mutex::new(Some(preview)),
            }),
        })
    }

    /// Adds a previewed import in one atomic save (accounts the vault has
    /// by then are not added again). `NotFound` if it was committed
    /// already. On any error nothing is added.
    pub fn commit_import(
        &self,
        pending: Arc<PendingImport>,
        device_unix: u64,
    ) -> Result<ImportResult, RamzError> {
        let preview = pending
            .preview
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
            .ok_or(RamzError::NotFound)?;
        let report = self.inner().commit_import(preview, device_unix)?;
        Ok(ImportResult {
            added: report.added,
            duplicates: count(report.duplicates.len()),
        })
    }

    /// The exportable accounts as a plain Aegis vault JSON, which Aegis,
    /// 2FAS, Ente Auth and Proton Authenticator import. Secrets in clear.
    pub fn export_aegis(&self) -> Result<AegisExport, RamzError> {
        let export = self.inner().export_aegis()?;
        let file = export
            .texts
            .first()
            .map(|t| t.as_bytes().to_vec())
            .ok_or(RamzError::Internal)?;
        Ok(AegisExport {
            file,
            left_out: export.left_out.iter().map(|l| l.id.to_string()).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every import problem of the core reaches the app as its own reason.
    #[test]
    fn every_import_problem_has_a_reason() {
        use ramz_core::ImportFormat as F;
        use ramz_core::ImportProblem as P;
        let cases = [
            (
                P::PassphraseRequired(F::Ente),
                ImportReason::PassphraseRequired {
                    format: ImportFormat::Ente,
                },
            ),
            (P::WrongPassphrase, ImportReason::WrongPassphrase),
            (P::Damaged, ImportReason::Damaged),
            (P::Empty, ImportReason::Empty),
            (P::UnknownFormat, ImportReason::UnknownFormat),
            (
                P::NotThisFormat {
                    expected: F::TwoFas,
                    found: F::AndOtp,
                },
                ImportReason::NotThisFormat {
                    expected: ImportFormat::TwoFas,
                    found: ImportFormat::AndOtp,
                },
            ),
            (
                P::UnsupportedVersion(F::Proton),
                ImportReason::UnsupportedVersion {
                    format: ImportFormat::Proton,
                },
            ),
            (P::NoPasswordSlot, ImportReason::NoPasswordSlot),
            (P::EncryptedBitwarden, ImportReason::EncryptedBitwarden),
            (P::TooLarge, ImportReason::TooLarge),
            (P::TooManyEntries, ImportReason::TooManyEntries),
            (P::KdfCostTooHigh, ImportReason::KdfCostTooHigh),
            (P::BadKdfParams, ImportReason::BadKdfParams),
        ];
        for (p, want) in cases {
            assert_eq!(ImportReason::from(p), want);
            assert!(matches!(
                RamzError::from(ramz_core::CoreError::Import(p)),
                RamzError::Import { reason } if reason == want
            ));
        }
        for f in [
            F::Aegis,
            F::TwoFas,
            F::Bitwarden,
            F::Ente,
            F::Proton,
            F::LastPass,
            F::AndOtp,
            F::Otpauth,
        ] {
            let ours = ImportFormat::from(f);
            assert_ne!(ours, ImportFormat::Other);
            assert_eq!(ours.to_core(), Some(f));
        }
    }
}
