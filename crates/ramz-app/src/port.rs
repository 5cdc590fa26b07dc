//! The one place that calls `ramz-core`: every call into the
//! [`Authenticator`] facade, and the translation of its answers into the
//! app's terms. When the facade changes, this file is what adapts.
//!
//! Nothing here decides what the person sees; the screens do.

use std::cell::{RefCell, RefMut};
use std::path::PathBuf;

use std::sync::Arc;
use zeroize::Zeroizing;

use ramz_core::{
    AccountId, AccountInfo, ActivationProblem, AddReport, Authenticator, BackupCheck, BackupImport,
    ClockStatus, CodeEntry, CoreError, DeviceKeystore, FileStorage, ImportDetected, ImportPreview,
    InputProblem, LockState, ManualEntry, PendingId, Relabel, Scanned, UnlockResult, VaultConfig,
    VaultStorage,
};

/// Which accounts of a scan to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// The single account, under these labels (issuer, account).
    Labels(String, String),
    /// The entries of a batch whose flag is set.
    Selected(Vec<bool>),
}

/// What an add did.
#[derive(Debug)]
pub struct Added {
    /// The accounts added, in order.
    pub accounts: Vec<AccountInfo>,
    /// Accounts that were in the vault already (not added again).
    pub duplicates: u32,
}

/// Where the vault lives and how it is protected: given by the shell when
/// it builds the [`crate::App`].
#[derive(Clone)]
pub struct VaultPlace {
    /// Where the vault's bytes are kept (a file, or the browser shell's
    /// storage).
    pub storage: Arc<dyn VaultStorage>,
    /// The platform keystore.
    pub keystore: Arc<dyn DeviceKeystore>,
    /// KDF settings (`VaultConfig::default()` in the apps).
    pub config: VaultConfig,
    /// The bank servers activation codes may name (`None`: any; see
    /// `Authenticator::set_bank_hosts`). A code for another server is
    /// refused, and the person is told which server it named.
    pub bank_hosts: Option<Vec<String>>,
}

impl VaultPlace {
    /// The vault in a file at `path` (Android, iOS, desktop), protected by
    /// the platform `keystore`.
    pub fn file(
        path: impl Into<PathBuf>,
        keystore: Arc<dyn DeviceKeystore>,
        config: VaultConfig,
    ) -> Self {
        Self::new(Arc::new(FileStorage::new(path)), keystore, config)
    }

    /// The vault in `storage` (the web shell: a
    /// [`ramz_core::MemoryStorage`] it mirrors to the browser's storage),
    /// protected by `keystore`.
    pub fn new(
        storage: Arc<dyn VaultStorage>,
        keystore: Arc<dyn DeviceKeystore>,
        config: VaultConfig,
    ) -> Self {
        Self {
            storage,
            keystore,
            config,
            bank_hosts: None,
        }
    }

    /// The same place, accepting bank activations only from servers
    /// within `hosts` (host names, matched on whole labels, or IP
    /// addresses).
    pub fn with_bank_hosts(mut self, hosts: Vec<String>) -> Self {
        self.bank_hosts = Some(hosts);
        self
    }
}

impl core::fmt::Debug for VaultPlace {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("VaultPlace")
            .field("storage", &self.storage)
            .finish_non_exhaustive()
    }
}

/// Why a new PIN is refused, with the reason the person is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinRefusal {
    /// Not six digits.
    NotSixDigits,
    /// One digit six times.
    AllSame,
    /// 123456-like.
    Ascending,
    /// 654321-like.
    Descending,
    /// On the list of the most common PINs.
    Common,
}

/// Checks a new PIN the way the vault will, keeping the reason.
pub fn check_new_pin(pin: &[u8]) -> Result<(), PinRefusal> {
    use ramz_core::WeakPinReason as W;
    match Authenticator::weak_pin_reason(pin) {
        Some(W::AllSame) => Err(PinRefusal::AllSame),
        Some(W::Ascending) => Err(PinRefusal::Ascending),
        Some(W::Descending) => Err(PinRefusal::Descending),
        Some(_) => Err(PinRefusal::Common),
        None => match Authenticator::check_new_pin(pin) {
            Ok(()) => Ok(()),
            Err(_) => Err(PinRefusal::NotSixDigits),
        },
    }
}

/// The vault and its facade, owned by the app or, while slow work runs,
/// by that work.
pub struct Port {
    auth: Authenticator,
}

impl core::fmt::Debug for Port {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Port { .. }")
    }
}

/// Outcome of opening the vault.
#[derive(Debug)]
pub enum Opened {
    /// There is a vault (locked), with its wrong-PIN state.
    Locked(Box<Port>, LockState),
    /// No vault yet: first run.
    NoVault,
    /// The vault exists but cannot be read.
    Damaged,
}

impl Port {
    /// Opens the vault if there is one (slow: disk).
    pub fn open(place: &VaultPlace, unix: u64) -> Opened {
        match Authenticator::open_in(place.storage.clone(), place.keystore.clone(), place.config) {
            Ok(auth) => match auth.lock_state(unix) {
                Ok(state) => Opened::Locked(Box::new(Self::with_hosts(auth, place)), state),
                Err(_) => Opened::Damaged,
            },
            Err(CoreError::NoVault) => Opened::NoVault,
            Err(_) => Opened::Damaged,
        }
    }

    /// Creates the vault (slow: Argon2id and disk).
    pub fn create(place: &VaultPlace, pin: &[u8], unix: u64) -> Result<Box<Self>, CoreError> {
        Authenticator::create_in(
            place.storage.clone(),
            pin,
            place.keystore.clone(),
            unix,
            place.config,
        )
        .map(|auth| Box::new(Self::with_hosts(auth, place)))
    }

    /// The facade with the place's bank allow-list. A malformed entry
    /// (the app's own configuration) allows no server rather than any.
    fn with_hosts(mut auth: Authenticator, place: &VaultPlace) -> Self {
        if auth.set_bank_hosts(place.bank_hosts.clone()).is_err() {
            let _ = auth.set_bank_hosts(Some(Vec::new()));
        }
        Self { auth }
    }

    /// Tries a PIN (slow).
    pub fn unlock(&mut self, pin: &[u8], unix: u64) -> Result<UnlockResult, CoreError> {
        self.auth.unlock(pin, unix)
    }

    /// The wrong-PIN state (disk).
    pub fn lock_state(&self, unix: u64) -> Result<LockState, CoreError> {
        self.auth.lock_state(unix)
    }

    /// Unlocks with the biometric slot (slow).
    pub fn unlock_with_device(&mut self) -> Result<(), CoreError> {
        self.auth.unlock_with_device()
    }

    /// Adds or removes the biometric slot (disk). Turning it on takes the
    /// current PIN, checked by core in the same call and counted once.
    pub fn set_device_unlock(
        &mut self,
        on: bool,
        pin: Option<&[u8]>,
        unix: u64,
    ) -> Result<UnlockResult, CoreError> {
        verdict(self.auth.set_device_unlock(on, pin, unix)).map(|(v, _)| v)
    }

    /// Locks at once.
    pub fn lock(&mut self) {
        self.auth.lock();
    }

    /// True while unlocked.
    pub fn is_unlocked(&self) -> bool {
        self.auth.is_unlocked()
    }

    /// Sets a new PIN; core checks the current one in the same call and
    /// counts it once, like an unlock (slow: two Argon2id runs).
    pub fn change_pin(
        &mut self,
        current: &[u8],
        new: &[u8],
        unix: u64,
    ) -> Result<UnlockResult, CoreError> {
        verdict(self.auth.change_pin(current, new, unix)).map(|(v, _)| v)
    }

    /// Checks the current PIN on this vault (counted once, like an
    /// unlock) before a step core has no PIN-taking call for (slow).
    pub fn verify_pin(&mut self, pin: &[u8], unix: u64) -> Result<UnlockResult, CoreError> {
        verdict(self.auth.verify_pin(pin, unix)).map(|(v, _)| v)
    }

    /// Metadata of every account, in list order.
    pub fn accounts(&self) -> Result<Vec<AccountInfo>, CoreError> {
        self.auth.accounts()
    }

    /// Codes at device time `unix` (clock-corrected inside).
    pub fn codes(&self, unix: u64) -> Result<Vec<CodeEntry>, CoreError> {
        self.auth.codes(unix)
    }

    /// The code (and next code) of one account at device time `unix`.
    pub fn code(&self, id: AccountId, unix: u64) -> Result<CodeEntry, CoreError> {
        self.auth.code(id, unix)
    }

    /// The next HOTP code (disk: the counter is saved first).
    pub fn hotp_next(&mut self, id: AccountId, unix: u64) -> Result<String, CoreError> {
        self.auth.hotp_next(id, unix)
    }

    /// Reads a camera frame (slow: tens of ms): one decode, one
    /// classification (`ramz-core`'s `scan_frame`). The work running this
    /// owns the port, so the facade's short accesses before and after the
    /// decode go through a cell.
    pub fn scan_frame(
        &mut self,
        luma: &[u8],
        width: u32,
        height: u32,
        row_stride: u32,
    ) -> Result<Option<Scanned>, CoreError> {
        let cell = RefCell::new(&mut self.auth);
        Authenticator::scan_frame(
            || RefMut::map(cell.borrow_mut(), |a| &mut **a),
            luma,
            width as usize,
            height as usize,
            row_stride as usize,
        )
    }

    /// Classifies a scanned or pasted text.
    pub fn read_text(&mut self, text: &str) -> Result<Scanned, CoreError> {
        self.auth.read_text(text)
    }

    /// Adds a typed-in account (disk).
    pub fn add_manual(
        &mut self,
        entry: ManualEntry,
        secret: &[u8],
        unix: u64,
    ) -> Result<AccountInfo, CoreError> {
        self.auth.add_manual(entry, secret, unix)
    }

    /// For each account of a pending scan, whether the vault already has
    /// it (same secret and parameters, as core decides).
    pub fn scanned_duplicates(&self, pending: PendingId) -> Result<Vec<bool>, CoreError> {
        Ok(self
            .auth
            .scanned_duplicates(pending)?
            .iter()
            .map(Option::is_some)
            .collect())
    }

    /// Adds a pending payload in one atomic save: a single account with
    /// the labels the person edited, or the ticked entries of a batch.
    /// Accounts the vault already has are counted, not added again.
    pub fn add_scanned(
        &mut self,
        pending: PendingId,
        pick: &Pick,
        unix: u64,
    ) -> Result<Added, CoreError> {
        let report = match pick {
            Pick::Labels(issuer, account) => self.auth.add_scanned_as(
                pending,
                Relabel {
                    issuer: Some(issuer.clone()),
                    account: Some(account.clone()),
                },
                unix,
            )?,
            Pick::Selected(selected) => self.auth.add_scanned_selected(pending, selected, unix)?,
        };
        Ok(Added {
            accounts: report.added,
            duplicates: u32::try_from(report.duplicates.len()).unwrap_or(u32::MAX),
        })
    }

    /// Forgets a pending payload.
    pub fn discard(&mut self, pending: PendingId) {
        self.auth.discard_scanned(pending);
    }

    /// Renames an account (disk).
    pub fn rename(
        &mut self,
        id: AccountId,
        issuer: &str,
        account: &str,
        unix: u64,
    ) -> Result<AccountInfo, CoreError> {
        self.auth.rename(id, issuer, account, unix)
    }

    /// Deletes an account (disk).
    pub fn delete(&mut self, id: AccountId) -> Result<(), CoreError> {
        self.auth.delete(id)
    }

    /// Moves an account (disk).
    pub fn move_account(
        &mut self,
        id: AccountId,
        position: u32,
        unix: u64,
    ) -> Result<(), CoreError> {
        self.auth.move_account(id, position, unix)
    }

    /// Sets (or clears) the manual clock offset, saved in the vault (disk).
    pub fn set_manual_offset(&mut self, offset: Option<i64>) -> Result<(), CoreError> {
        self.auth.set_manual_offset(offset)
    }

    /// The clock status.
    pub fn clock_status(&self, unix: u64) -> ClockStatus {
        self.auth.clock_status(unix)
    }

    /// Starts a bank activation with the typed SMS code.
    pub fn begin_activation(
        &mut self,
        pending: PendingId,
        sms_code: &[u8],
    ) -> Result<crate::effect::HttpRequest, CoreError> {
        self.auth
            .begin_activation(pending, sms_code)
            .map(|r| crate::effect::HttpRequest {
                url: r.url,
                method: r.method,
                content_type: r.content_type,
                body: r.body,
            })
    }

    /// Finishes a bank activation with the server's answer (disk).
    pub fn complete_activation(
        &mut self,
        status: u16,
        body: &[u8],
        unix: u64,
    ) -> Result<AccountInfo, CoreError> {
        self.auth.complete_activation(status, body, unix)
    }

    /// Exports a backup (slow). Bank cards only with the PIN
    /// (`pin_for_bank_cards`, checked by core in the same call and
    /// counted once): the PIN's verdict, and the file when it was right.
    pub fn export_backup(
        &mut self,
        passphrase: &[u8],
        pin_for_bank_cards: Option<&[u8]>,
        unix: u64,
    ) -> Result<(UnlockResult, Option<ramz_core::BackupExport>), CoreError> {
        verdict(
            self.auth
                .export_backup(passphrase, pin_for_bank_cards, unix),
        )
    }

    /// The exportable accounts as Google Authenticator migration QR codes
    /// (module matrices), and the labels of the accounts left out (bank
    /// cards). Slow-ish: one QR encoding per code.
    pub fn transfer_codes(
        &self,
        batch_id: i32,
    ) -> Result<crate::screens::transfer::Codes, CoreError> {
        use ramz_qr::render::{Correction, Matrix};
        let export = self.auth.export_migration(batch_id)?;
        let mut codes = Vec::with_capacity(export.texts.len());
        for text in &export.texts {
            let m = Matrix::encode(text, Correction::Medium).map_err(|_| CoreError::Internal)?;
            let size = m.size();
            let mut dark = Zeroizing::new(Vec::with_capacity(size * size));
            for y in 0..size {
                for x in 0..size {
                    dark.push(u8::from(m.is_dark(x, y)));
                }
            }
            codes.push(crate::screens::transfer::Code {
                size: u32::try_from(size).map_err(|_| CoreError::Internal)?,
                dark,
            });
        }
        Ok(crate::screens::transfer::Codes {
            codes,
            stay: export.left_out.into_iter().map(|l| l.label).collect(),
        })
    }

    /// What an export of another app is: its format and whether it is
    /// encrypted (fast; needs no vault).
    pub fn detect_import(bytes: &[u8]) -> Result<ImportDetected, CoreError> {
        Authenticator::detect_import(bytes)
    }

    /// Reads another app's export and says what importing it would do
    /// (slow for an encrypted file: the other app's key derivation).
    pub fn preview_import(
        &self,
        bytes: &[u8],
        passphrase: Option<&[u8]>,
    ) -> Result<ImportPreview, CoreError> {
        self.auth.preview_import(bytes, None, passphrase)
    }

    /// Adds the ticked accounts of a previewed import in one atomic save.
    pub fn commit_import(
        &mut self,
        preview: ImportPreview,
        selected: &[bool],
        unix: u64,
    ) -> Result<AddReport, CoreError> {
        self.auth.commit_import_selected(preview, selected, unix)
    }

    /// Compares a backup with the vault (slow).
    pub fn verify_backup(&self, file: &[u8], passphrase: &[u8]) -> Result<BackupCheck, CoreError> {
        self.auth.verify_backup(file, passphrase)
    }

    /// Restores a backup into the vault (slow).
    pub fn import_backup(
        &mut self,
        file: &[u8],
        passphrase: &[u8],
        unix: u64,
    ) -> Result<BackupImport, CoreError> {
        self.auth.import_backup(file, passphrase, unix)
    }
}

/// Splits the answer of a call that re-checked the PIN into the PIN's
/// verdict and the call's result: a wrong PIN, a wait or a wipe become
/// the verdict the screens show (as at unlock), with no result.
pub fn verdict<T>(r: Result<T, CoreError>) -> Result<(UnlockResult, Option<T>), CoreError> {
    match r {
        Ok(t) => Ok((UnlockResult::Unlocked, Some(t))),
        Err(CoreError::WrongPin {
            attempts_left,
            wait_seconds,
        }) => Ok((
            UnlockResult::WrongPin {
                attempts_left,
                wait_seconds,
            },
            None,
        )),
        Err(CoreError::TryLater { wait_seconds }) => {
            Ok((UnlockResult::TryLater { wait_seconds }, None))
        }
        Err(CoreError::Wiped) => Ok((UnlockResult::Wiped, None)),
        Err(e) => Err(e),
    }
}

/// True for the input problems a form shows next to a field.
pub fn is_input(e: &CoreError) -> Option<InputProblem> {
    match e {
        CoreError::InvalidInput(p) => Some(*p),
        _ => None,
    }
}

/// The activation problem of an error, if it is one.
pub fn activation_problem(e: &CoreError) -> Option<ActivationProblem> {
    match e {
        CoreError::Activation(p) => Some(*p),
        _ => None,
    }
}
