//! Importing another authenticator's export (Aegis, 2FAS, Bitwarden, Ente
//! Auth, Proton Authenticator, LastPass, andOTP, otpauth lists) and
//! exporting the way out (a plain Aegis vault).
//!
//! Two steps, so the user sees everything before anything changes:
//! [`Authenticator::preview_import`] reads the file (bytes, an optional
//! format, an optional passphrase) and lists the accounts to add, the ones
//! the vault already has and every entry left out with its reason;
//! [`Authenticator::commit_import`] adds them in one atomic save
//! ([`Authenticator::add_accounts`]). A file that cannot be read as a whole
//! is a [`CoreError::Import`] with an [`ImportProblem`], and nothing is
//! added.

use core::fmt;

use ramz_otp::OtpAccount;
use ramz_vault::{AccountId, same_credential};
use zeroize::Zeroizing;

pub use ramz_import::{Format as ImportFormat, SkipReason as ImportSkipReason};

use crate::account::{AccountPreview, info_of, preview_of};
use crate::add::AddReport;
use crate::export::{LeftOut, LeftOutReason, PlainExport};
use crate::{Authenticator, CoreError};

/// Why a file cannot be imported at all. Names the problem, never the
/// passphrase or the file's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportProblem {
    /// The file is encrypted and no passphrase was given: ask for one and
    /// call again.
    #[error("the {0} export is encrypted; a passphrase is needed")]
    PassphraseRequired(ImportFormat),
    /// The passphrase does not open the file (for Ente Auth and Proton
    /// exports, an altered ciphertext reads the same way).
    #[error("wrong passphrase for the export")]
    WrongPassphrase,
    /// The file is truncated, altered or otherwise broken.
    #[error("the export is damaged or truncated")]
    Damaged,
    /// The file is empty.
    #[error("the file is empty")]
    Empty,
    /// Not an export of any app Ramz reads.
    #[error(
        "not an export Ramz knows (Aegis, 2FAS, Bitwarden, Ente Auth, Proton Authenticator, LastPass, andOTP, otpauth URIs)"
    )]
    UnknownFormat,
    /// The caller named one format and the file is another.
    #[error("the file is a {found} export, not {expected}")]
    NotThisFormat {
        /// The format asked for.
        expected: ImportFormat,
        /// The format the file is.
        found: ImportFormat,
    },
    /// The export's format version is one Ramz does not know.
    #[error("unsupported version of the {0} export")]
    UnsupportedVersion(ImportFormat),
    /// An encrypted Aegis vault with only biometric or raw-key slots: it
    /// opens only on the phone that made it.
    #[error("the Aegis vault has no password slot; export it again with a password or unencrypted")]
    NoPasswordSlot,
    /// An encrypted Bitwarden export: export again unencrypted (Tools →
    /// Export vault, file format .json or .csv).
    #[error(
        "this Bitwarden export is encrypted; in Bitwarden use Tools → Export vault with file format .json or .csv and import that file"
    )]
    EncryptedBitwarden,
    /// Larger than the size limit (16 MiB).
    #[error("the file is too large")]
    TooLarge,
    /// More entries than the limit (10,000).
    #[error("the file has too many entries")]
    TooManyEntries,
    /// The file asks for a key-derivation cost above the limits (refused
    /// before any work).
    #[error("the file asks for an excessive key-derivation cost")]
    KdfCostTooHigh,
    /// The file's key-derivation parameters are invalid.
    #[error("invalid key-derivation parameters in the file")]
    BadKdfParams,
}

impl From<ramz_import::ImportError> for CoreError {
    fn from(e: ramz_import::ImportError) -> Self {
        use ramz_import::ImportError as E;
        Self::Import(match e {
            E::PassphraseRequired(f) => ImportProblem::PassphraseRequired(f),
            E::WrongPassphrase => ImportProblem::WrongPassphrase,
            E::Damaged(_) => ImportProblem::Damaged,
            E::Empty => ImportProblem::Empty,
            E::UnknownFormat => ImportProblem::UnknownFormat,
            E::NotThisFormat { expected, found } => {
                ImportProblem::NotThisFormat { expected, found }
            }
            E::UnsupportedVersion { format, .. } => ImportProblem::UnsupportedVersion(format),
            E::NoPasswordSlot => ImportProblem::NoPasswordSlot,
            E::EncryptedBitwarden => ImportProblem::EncryptedBitwarden,
            E::TooLarge(_) => ImportProblem::TooLarge,
            E::TooManyEntries(_) => ImportProblem::TooManyEntries,
            E::KdfCostTooHigh(_) => ImportProblem::KdfCostTooHigh,
            E::BadKdfParams(_) => ImportProblem::BadKdfParams,
            // A variant added to ramz-import after this mapping was
            // written (`tests::every_import_error_has_a_problem` lists
            // every variant mapped here).
            _ => return Self::Internal,
        })
    }
}

/// What a file is, before any passphrase is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportDetected {
    /// The app that wrote it.
    pub format: ImportFormat,
    /// Whether it is encrypted (ask for the passphrase).
    pub encrypted: bool,
}

/// An account of the file that the vault already has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportDuplicate {
    /// The account in the vault with the same secret and parameters, or
    /// `None` when the file itself has it earlier.
    pub existing: Option<AccountId>,
    /// The file's account.
    pub preview: AccountPreview,
}

/// An entry of the file that is not imported, with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSkipped {
    /// 0-based position of the entry in the file (list index or line).
    pub position: usize,
    /// Its issuer as the file names it (may be empty).
    pub issuer: String,
    /// Its account name as the file names it (may be empty).
    pub name: String,
    /// Why it is left out.
    pub reason: ImportSkipReason,
}

/// What importing a file would do. Holds the accounts (secrets) until
/// [`Authenticator::commit_import`] or drop; `Debug` shows no secret.
#[derive(Clone)]
pub struct ImportPreview {
    /// The format the file was read as.
    pub format: ImportFormat,
    /// Whether the file was encrypted.
    pub encrypted: bool,
    /// Accounts that would be added, in file order.
    pub to_add: Vec<AccountPreview>,
    /// Accounts of the file the vault (or the file, earlier) already has.
    pub duplicates: Vec<ImportDuplicate>,
    /// Entries left out, each with its reason. With `to_add` and
    /// `duplicates`, every OTP entry of the file appears once.
    pub skipped: Vec<ImportSkipped>,
    /// Bitwarden: login items without a TOTP field (not OTP entries).
    pub without_otp: usize,
    /// Every account read, in file order (duplicates too: the commit
    /// sorts them again against the vault as it is then).
    accounts: Vec<OtpAccount>,
    /// For each entry of `to_add`, its place in `accounts`.
    to_add_at: Vec<usize>,
}

impl fmt::Debug for ImportPreview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImportPreview")
            .field("format", &self.format)
            .field("encrypted", &self.encrypted)
            .field("to_add", &self.to_add)
            .field("duplicates", &self.duplicates)
            .field("skipped", &self.skipped)
            .field("without_otp", &self.without_otp)
            .finish_non_exhaustive()
    }
}

impl Authenticator {
    /// What `bytes` is: the app that wrote it and whether it is encrypted.
    /// Needs no vault; lets the shell ask for a passphrase only when one
    /// is needed.
    pub fn detect_import(bytes: &[u8]) -> Result<ImportDetected, CoreError> {
        let d = ramz_import::detect(bytes)?;
        Ok(ImportDetected {
            format: d.format,
            encrypted: d.encrypted,
        })
    }

    /// Reads an export (in `format`, or detected from its content when
    /// `None`; a file of another format is refused) and says what
    /// importing it would do. Changes nothing. `passphrase` is used only
    /// for an encrypted file and copied only into wiped buffers. Slow for
    /// encrypted files (the exporting app's key derivation): off the main
    /// thread.
    pub fn preview_import(
        &self,
        bytes: &[u8],
        format: Option<ImportFormat>,
        passphrase: Option<&[u8]>,
    ) -> Result<ImportPreview, CoreError> {
        let session = self.session()?;
        let read = match format {
            Some(f) => ramz_import::import_as(f, bytes, passphrase)?,
            None => ramz_import::import(bytes, passphrase)?,
        };
        let stored = session.vault().accounts();
        let mut to_add: Vec<AccountPreview> = Vec::new();
        let mut fresh: Vec<&OtpAccount> = Vec::new();
        let mut duplicates = Vec::new();
        let mut to_add_at = Vec::new();
        for (at, a) in read.accounts.iter().enumerate() {
            let account = &a.account;
            let existing = stored
                .iter()
                .find(|v| same_credential(&v.otp, account))
                .map(|v| v.id);
            if existing.is_some() || fresh.iter().any(|f| same_credential(f, account)) {
                duplicates.push(ImportDuplicate {
                    existing,
                    preview: preview_of(account),
                });
            } else {
                fresh.push(account);
                to_add.push(preview_of(account));
                to_add_at.push(at);
            }
        }
        let skipped = read
            .skipped
            .iter()
            .map(|s| ImportSkipped {
                position: s.position,
                issuer: s.issuer.clone(),
                name: s.name.clone(),
                reason: s.reason.clone(),
            })
            .collect();
        Ok(ImportPreview {
            format: read.format,
            encrypted: read.encrypted,
            to_add,
            duplicates,
            skipped,
            without_otp: read.without_otp,
            accounts: read.into_accounts(),
            to_add_at,
        })
    }

    /// Adds a previewed import in one atomic save: the accounts the vault
    /// does not have at this moment (see [`Self::add_accounts`]). On any
    /// error nothing is added.
    pub fn commit_import(
        &mut self,
        preview: ImportPreview,
        device_unix: u64,
    ) -> Result<AddReport, CoreError> {
        self.add_accounts(preview.accounts, device_unix)
    }

    /// Adds the entries of `preview.to_add` whose flag in `selected` is
    /// set (one flag per entry, in order; missing flags count as unset),
    /// in one atomic save. The file's duplicates are not added. On any
    /// error nothing is added.
    pub fn commit_import_selected(
        &mut self,
        preview: ImportPreview,
        selected: &[bool],
        device_unix: u64,
    ) -> Result<AddReport, CoreError> {
        let mut accounts: Vec<Option<OtpAccount>> =
            preview.accounts.into_iter().map(Some).collect();
        let chosen = preview
            .to_add_at
            .iter()
            .zip(selected)
            .filter(|(_, on)| **on)
            .filter_map(|(at, _)| accounts.get_mut(*at).and_then(Option::take))
            .collect();
        self.add_accounts(chosen, device_unix)
    }

    /// The exportable accounts as a plain (unencrypted) Aegis vault JSON,
    /// which Aegis, 2FAS, Ente Auth, Proton Authenticator and others
    /// import: `texts` holds that one file (every secret in clear; warn
    /// the user), `left_out` the accounts not in it (bank cards).
    pub fn export_aegis(&self) -> Result<PlainExport, CoreError> {
        let session = self.session()?;
        let mut accounts = Vec::new();
        let mut left_out = Vec::new();
        for a in session.vault().accounts() {
            if a.exportable {
                accounts.push(a.otp.clone());
            } else {
                left_out.push(LeftOut {
                    id: a.id,
                    label: info_of(a).label(),
                    reason: LeftOutReason::NotExportable,
                });
            }
        }
        let json: Zeroizing<String> = ramz_import::to_aegis_json(&accounts);
        Ok(PlainExport {
            texts: vec![json],
            left_out,
        })
    }
}

#[cfg(test)]
mod tests {
    use ramz_import::{Format, ImportError as E, Kdf};

    use super::*;

    /// Every variant of ramz-import's error (all of them, as of this
    /// writing) with the problem the app gets; none becomes `Internal`.
    #[test]
    fn every_import_error_has_a_problem() {
        use ImportProblem as P;
        let cases = [
            (
                E::PassphraseRequired(Format::Aegis),
                P::PassphraseRequired(Format::Aegis),
            ),
            (E::WrongPassphrase, P::WrongPassphrase),
            (E::Damaged("x"), P::Damaged),
            (E::Empty, P::Empty),
            (E::UnknownFormat, P::UnknownFormat),
            (
                E::NotThisFormat {
                    expected: Format::TwoFas,
                    found: Format::Aegis,
                },
                P::NotThisFormat {
                    expected: Format::TwoFas,
                    found: Format::Aegis,
                },
            ),
            (
                E::UnsupportedVersion {
                    format: Format::Proton,
                    version: 9,
                },
                P::UnsupportedVersion(Format::Proton),
            ),
            (E::NoPasswordSlot, P::NoPasswordSlot),
            (E::EncryptedBitwarden, P::EncryptedBitwarden),
            (E::TooLarge(1 << 30), P::TooLarge),
            (E::TooManyEntries(20_000), P::TooManyEntries),
            (E::KdfCostTooHigh(Kdf::Scrypt), P::KdfCostTooHigh),
            (E::BadKdfParams(Kdf::Argon2id), P::BadKdfParams),
        ];
        for (e, want) in cases {
            let shown = format!("{e:?}");
            assert_eq!(CoreError::from(e), CoreError::Import(want), "{shown}");
        }
    }

    fn vault(dir: &std::path::Path) -> Authenticator {
        Authenticator::create_with(
            dir.join("v.ramz"),
            b"480913",
            std::sync::Arc::new(crate::SoftwareKeystore::from_key([7; 32])),
            1_750_000_000,
            crate::VaultConfig::insecure_for_tests(),
        )
        .unwrap()
    }

    const AEGIS_PLAIN: &[u8] = include_bytes!("../../ramz-import/tests/data/aegis_plain.json");
    const AEGIS_ENCRYPTED: &[u8] =
        include_bytes!("../../ramz-import/tests/data/aegis_encrypted.json");
    const PASSPHRASE: &[u8] = "correct horse ۱۲۳ battery".as_bytes();

    #[test]
    fn preview_lists_everything_and_commit_adds_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut auth = vault(dir.path());
        let preview = auth.preview_import(AEGIS_PLAIN, None, None).unwrap();
        assert_eq!(preview.format, Format::Aegis);
        assert!(!preview.encrypted);
        // The fixture: 6 accounts, 5 entries Ramz cannot take.
        assert_eq!(preview.to_add.len(), 6);
        assert_eq!(preview.skipped.len(), 5);
        assert!(preview.duplicates.is_empty());
        assert!(!format!("{preview:?}").contains("GEZDGNBV"));
        // Preview changes nothing.
        assert!(auth.accounts().unwrap().is_empty());
        let report = auth.commit_import(preview, 1_750_000_100).unwrap();
        assert_eq!(report.added.len(), 6);
        // The same file again: every account is a duplicate of a stored one.
        let again = auth.preview_import(AEGIS_PLAIN, None, None).unwrap();
        assert!(again.to_add.is_empty());
        assert_eq!(again.duplicates.len(), 6);
        assert!(again.duplicates.iter().all(|d| d.existing.is_some()));
        let report = auth.commit_import(again, 1_750_000_200).unwrap();
        assert!(report.added.is_empty());
        assert_eq!(auth.accounts().unwrap().len(), 6);
    }

    #[test]
    fn commit_selected_adds_only_the_ticked_entries() {
        let dir = tempfile::tempdir().unwrap();
        let mut auth = vault(dir.path());
        let preview = auth.preview_import(AEGIS_PLAIN, None, None).unwrap();
        let want: Vec<String> = preview
            .to_add
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, p)| p.issuer.clone())
            .collect();
        let ticks: Vec<bool> = (0..preview.to_add.len()).map(|i| i % 2 == 0).collect();
        let report = auth.commit_import_selected(preview, &ticks, 1).unwrap();
        let got: Vec<String> = report
            .added
            .iter()
            .map(|a| a.preview.issuer.clone())
            .collect();
        assert_eq!(got, want);
        assert_eq!(auth.accounts().unwrap().len(), 3);
    }

    #[test]
    fn encrypted_files_need_the_right_passphrase() {
        let dir = tempfile::tempdir().unwrap();
        let auth = vault(dir.path());
        let d = Authenticator::detect_import(AEGIS_ENCRYPTED).unwrap();
        assert!(d.encrypted);
        assert_eq!(
            auth.preview_import(AEGIS_ENCRYPTED, None, None)
                .unwrap_err(),
            CoreError::Import(ImportProblem::PassphraseRequired(Format::Aegis))
        );
        assert_eq!(
            auth.preview_import(AEGIS_ENCRYPTED, None, Some(b"wrong"))
                .unwrap_err(),
            CoreError::Import(ImportProblem::WrongPassphrase)
        );
        let p = auth
            .preview_import(AEGIS_ENCRYPTED, Some(Format::Aegis), Some(PASSPHRASE))
            .unwrap();
        assert_eq!(p.to_add.len(), 6);
        assert_eq!(
            auth.preview_import(AEGIS_PLAIN, Some(Format::TwoFas), None)
                .unwrap_err(),
            CoreError::Import(ImportProblem::NotThisFormat {
                expected: Format::TwoFas,
                found: Format::Aegis
            })
        );
        let cut = &AEGIS_PLAIN[..AEGIS_PLAIN.len() / 2];
        assert_eq!(
            auth.preview_import(cut, None, None).unwrap_err(),
            CoreError::Import(ImportProblem::Damaged)
        );
    }

    #[test]
    fn a_locked_vault_reads_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut auth = vault(dir.path());
        auth.lock();
        assert_eq!(
            auth.preview_import(AEGIS_PLAIN, None, None).unwrap_err(),
            CoreError::Locked
        );
    }

    #[test]
    fn aegis_export_round_trips_and_leaves_out_nothing_exportable() {
        let dir = tempfile::tempdir().unwrap();
        let mut auth = vault(dir.path());
        let p = auth.preview_import(AEGIS_PLAIN, None, None).unwrap();
        auth.commit_import(p, 1).unwrap();
        let export = auth.export_aegis().unwrap();
        assert!(export.left_out.is_empty());
        let dir2 = tempfile::tempdir().unwrap();
        let mut other = vault(dir2.path());
        let p = other
            .preview_import(export.texts[0].as_bytes(), Some(Format::Aegis), None)
            .unwrap();
        assert!(p.skipped.is_empty());
        other.commit_import(p, 1).unwrap();
        let strip = |a: &Authenticator| -> Vec<_> {
            a.accounts()
                .unwrap()
                .into_iter()
                .map(|i| i.preview)
                .collect()
        };
        assert_eq!(strip(&auth), strip(&other));
        // Same credentials, not just labels: importing back adds nothing.
        let back = auth
            .preview_import(export.texts[0].as_bytes(), None, None)
            .unwrap();
        assert!(back.to_add.is_empty());
    }
}
