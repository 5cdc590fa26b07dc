//! Slow work, run off the UI thread.
//!
//! A [`Work`] owns everything it needs: the inputs (PINs and passphrases
//! in wiped buffers) and, when it touches the vault, the vault itself,
//! moved out of the app for the duration. So the UI thread never waits on
//! a lock held by Argon2id or the disk: while the work runs, the app keeps
//! answering `update` and `view` from its own state (a progress view), and
//! the vault comes back with [`crate::Event::WorkDone`].

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use ramz_core::{
    AccountId, AccountInfo, AddReport, BackupCheck, BackupExport, BackupImport, CoreError,
    ImportPreview, LockState, ManualEntry, PendingId, Scanned, UnlockResult,
};
use zeroize::Zeroizing;

use crate::port::{Added, Opened, Pick, Port, VaultPlace};

/// Slow work for a worker thread: call [`Work::run`] there, then send the
/// work back in [`crate::Event::WorkDone`].
///
/// Shared (`Arc`) between the effect, the shell and the event, so it can
/// cross the FFI as an object (`AppWork` in Kotlin and Swift, ADR 0061);
/// the mutex inside is only ever taken by `run` on the worker thread and,
/// after it, by the app on the UI thread.
#[cfg_attr(feature = "uniffi", derive(uniffi::Object), uniffi(name = "AppWork"))]
pub struct Work(Mutex<Inner>);

pub(crate) struct Inner {
    pub(crate) id: u64,
    pub(crate) place: VaultPlace,
    pub(crate) port: Option<Box<Port>>,
    pub(crate) job: Job,
    pub(crate) done: Option<Done>,
}

impl core::fmt::Debug for Work {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        // `try_lock`: formatting never waits for a running work.
        match self.0.try_lock() {
            Ok(inner) => f
                .debug_struct("Work")
                .field("id", &inner.id)
                .field("job", &inner.job.name())
                .field("done", &inner.done.is_some())
                .finish(),
            Err(_) => f.write_str("Work([running])"),
        }
    }
}

/// What to do. Secrets are in `Zeroizing` buffers.
pub(crate) enum Job {
    Open {
        unix: u64,
    },
    Create {
        pin: Zeroizing<Vec<u8>>,
        unix: u64,
    },
    Unlock {
        pin: Zeroizing<Vec<u8>>,
        unix: u64,
    },
    UnlockDevice,
    /// The wrong-PIN state of the locked vault (changes nothing).
    LockStatus {
        unix: u64,
    },
    SetDeviceUnlock {
        pin: Zeroizing<Vec<u8>>,
        on: bool,
        unix: u64,
    },
    ChangePin {
        current: Zeroizing<Vec<u8>>,
        new: Zeroizing<Vec<u8>>,
        unix: u64,
    },
    DecodeFrame {
        luma: Vec<u8>,
        width: u32,
        height: u32,
        row_stride: u32,
    },
    AddManual {
        entry: ManualEntry,
        secret: Zeroizing<Vec<u8>>,
        unix: u64,
    },
    AddScanned {
        pending: PendingId,
        pick: Pick,
        unix: u64,
    },
    SetManualOffset {
        offset: Option<i64>,
    },
    Rename {
        id: AccountId,
        issuer: String,
        account: String,
        unix: u64,
    },
    Delete {
        id: AccountId,
        pin: Option<Zeroizing<Vec<u8>>>,
        unix: u64,
    },
    Move {
        id: AccountId,
        position: u32,
        unix: u64,
    },
    HotpNext {
        id: AccountId,
        unix: u64,
    },
    CompleteActivation {
        status: u16,
        body: Vec<u8>,
        unix: u64,
    },
    Export {
        passphrase: Zeroizing<Vec<u8>>,
        pin: Option<Zeroizing<Vec<u8>>>,
        unix: u64,
    },
    Transfer {
        pin: Zeroizing<Vec<u8>>,
        batch_id: i32,
        unix: u64,
    },
    Verify {
        file: Vec<u8>,
        passphrase: Zeroizing<Vec<u8>>,
    },
    Restore {
        file: Vec<u8>,
        passphrase: Zeroizing<Vec<u8>>,
        unix: u64,
    },
    PreviewImport {
        file: Zeroizing<Vec<u8>>,
        passphrase: Option<Zeroizing<Vec<u8>>>,
    },
    CommitImport {
        preview: Box<ImportPreview>,
        selected: Vec<bool>,
        unix: u64,
    },
}

impl Job {
    fn name(&self) -> &'static str {
        match self {
            Self::Open { .. } => "open",
            Self::Create { .. } => "create",
            Self::Unlock { .. } => "unlock",
            Self::UnlockDevice => "unlock_device",
            Self::LockStatus { .. } => "lock_status",
            Self::SetDeviceUnlock { .. } => "set_device_unlock",
            Self::ChangePin { .. } => "change_pin",
            Self::DecodeFrame { .. } => "decode_frame",
            Self::AddManual { .. } => "add_manual",
            Self::AddScanned { .. } => "add_scanned",
            Self::SetManualOffset { .. } => "set_manual_offset",
            Self::Rename { .. } => "rename",
            Self::Delete { .. } => "delete",
            Self::Move { .. } => "move",
            Self::HotpNext { .. } => "hotp_next",
            Self::CompleteActivation { .. } => "complete_activation",
            Self::Export { .. } => "export",
            Self::Transfer { .. } => "transfer",
            Self::Verify { .. } => "verify",
            Self::Restore { .. } => "restore",
            Self::PreviewImport { .. } => "preview_import",
            Self::CommitImport { .. } => "commit_import",
        }
    }
}

/// What came of it.
#[derive(Debug)]
pub(crate) enum Done {
    Opened(Opened),
    Created(Result<Box<Port>, CoreError>),
    Unlock(Result<UnlockResult, CoreError>, Option<LockState>),
    UnlockDevice(Result<(), CoreError>),
    LockStatus(Result<LockState, CoreError>),
    DeviceUnlockSet(Result<UnlockResult, CoreError>),
    PinChanged(Result<UnlockResult, CoreError>),
    Frame(Result<Option<Scanned>, CoreError>),
    Added(Result<Added, CoreError>),
    ClockSet(Result<(), CoreError>),
    Renamed(Result<AccountInfo, CoreError>),
    Deleted(Result<UnlockResult, CoreError>),
    Moved(Result<(), CoreError>),
    Hotp(AccountId, Result<String, CoreError>),
    Activated(Result<AccountInfo, CoreError>),
    Exported(Result<(UnlockResult, Option<BackupExport>), CoreError>),
    Verified(Result<BackupCheck, CoreError>),
    Transfer(Result<(UnlockResult, Option<crate::screens::transfer::Codes>), CoreError>),
    Restored(Result<BackupImport, CoreError>),
    ImportPreviewed(Result<Box<ImportPreview>, CoreError>),
    Imported(Result<AddReport, CoreError>),
}

impl Work {
    pub(crate) fn new(id: u64, place: VaultPlace, port: Option<Box<Port>>, job: Job) -> Arc<Self> {
        Arc::new(Self(Mutex::new(Inner {
            id,
            place,
            port,
            job,
            done: None,
        })))
    }

    fn inner(&self) -> MutexGuard<'_, Inner> {
        // A panic inside a job leaves `done` unset, which the app treats
        // as "never run": carrying on is safe.
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn id(&self) -> u64 {
        self.inner().id
    }

    pub(crate) fn take_port(&self) -> Option<Box<Port>> {
        self.inner().port.take()
    }

    pub(crate) fn take_done(&self) -> Option<Done> {
        self.inner().done.take()
    }
}

#[cfg_attr(feature = "uniffi", uniffi::export(name = "AppWork"))]
impl Work {
    /// Does the work. Blocking (Argon2id, disk, QR decoding): never on the
    /// UI thread. Running it twice (or from two threads) does nothing the
    /// second time.
    pub fn run(&self) {
        self.inner().run();
    }
}

impl Inner {
    fn run(&mut self) {
        if self.done.is_some() {
            return;
        }
        let place = &self.place;
        let no_vault = || CoreError::Locked;
        let done = match (&self.job, self.port.as_deref_mut()) {
            (Job::Open { unix }, _) => Done::Opened(Port::open(place, *unix)),
            (Job::Create { pin, unix }, _) => Done::Created(Port::create(place, pin, *unix)),
            (Job::Unlock { pin, unix }, Some(p)) => {
                let r = p.unlock(pin, *unix);
                let state = p.lock_state(*unix).ok();
                Done::Unlock(r, state)
            }
            (Job::UnlockDevice, Some(p)) => Done::UnlockDevice(p.unlock_with_device()),
            (Job::LockStatus { unix }, Some(p)) => Done::LockStatus(p.lock_state(*unix)),
            (Job::SetDeviceUnlock { pin, on, unix }, Some(p)) => {
                Done::DeviceUnlockSet(p.set_device_unlock(*on, on.then_some(pin.as_slice()), *unix))
            }
            (Job::ChangePin { current, new, unix }, Some(p)) => {
                Done::PinChanged(p.change_pin(current, new, *unix))
            }
            (
                Job::DecodeFrame {
                    luma,
                    width,
                    height,
                    row_stride,
                },
                p,
            ) => Done::Frame(match p {
                Some(p) => p.scan_frame(luma, *width, *height, *row_stride),
                None => Err(no_vault()),
            }),
            (Job::SetManualOffset { offset }, Some(p)) => {
                Done::ClockSet(p.set_manual_offset(*offset))
            }
            (
                Job::AddManual {
                    entry,
                    secret,
                    unix,
                },
                Some(p),
            ) => Done::Added(p.add_manual(entry.clone(), secret, *unix).map(|a| Added {
                accounts: vec![a],
                duplicates: 0,
            })),
            (
                Job::AddScanned {
                    pending,
                    pick,
                    unix,
                },
                Some(p),
            ) => Done::Added(p.add_scanned(*pending, pick, *unix)),
            (
                Job::Rename {
                    id,
                    issuer,
                    account,
                    unix,
                },
                Some(p),
            ) => Done::Renamed(p.rename(*id, issuer, account, *unix)),
            (Job::Delete { id, pin, unix }, Some(p)) => {
                let verdict = match pin {
                    Some(pin) => p.verify_pin(pin, *unix),
                    None => Ok(UnlockResult::Unlocked),
                };
                Done::Deleted(verdict.and_then(|v| {
                    if v == UnlockResult::Unlocked {
                        p.delete(*id)?;
                    }
                    Ok(v)
                }))
            }
            (Job::Move { id, position, unix }, Some(p)) => {
                Done::Moved(p.move_account(*id, *position, *unix))
            }
            (Job::HotpNext { id, unix }, Some(p)) => Done::Hotp(*id, p.hotp_next(*id, *unix)),
            (Job::CompleteActivation { status, body, unix }, Some(p)) => {
                Done::Activated(p.complete_activation(*status, body, *unix))
            }
            (
                Job::Export {
                    passphrase,
                    pin,
                    unix,
                },
                Some(p),
            ) => Done::Exported(p.export_backup(
                passphrase,
                pin.as_ref().map(|p| p.as_slice()),
                *unix,
            )),
            (
                Job::Transfer {
                    pin,
                    batch_id,
                    unix,
                },
                Some(p),
            ) => Done::Transfer(p.verify_pin(pin, *unix).and_then(|v| {
                if v == UnlockResult::Unlocked {
                    Ok((v, Some(p.transfer_codes(*batch_id)?)))
                } else {
                    Ok((v, None))
                }
            })),
            (Job::Verify { file, passphrase }, Some(p)) => {
                Done::Verified(p.verify_backup(file, passphrase))
            }
            (
                Job::Restore {
                    file,
                    passphrase,
                    unix,
                },
                Some(p),
            ) => Done::Restored(p.import_backup(file, passphrase, *unix)),
            (Job::PreviewImport { file, passphrase }, Some(p)) => Done::ImportPreviewed(
                p.preview_import(file, passphrase.as_ref().map(|p| p.as_slice()))
                    .map(Box::new),
            ),
            (
                Job::CommitImport {
                    preview,
                    selected,
                    unix,
                },
                Some(p),
            ) => Done::Imported(p.commit_import((**preview).clone(), selected, *unix)),
            (job, None) => missing_vault(job),
        };
        self.done = Some(done);
    }
}

/// A job that needs the vault was built without it: a bug in the app,
/// answered as "locked" so the person is sent to the lock screen.
fn missing_vault(job: &Job) -> Done {
    match job {
        Job::UnlockDevice => Done::UnlockDevice(Err(CoreError::Locked)),
        Job::LockStatus { .. } => Done::LockStatus(Err(CoreError::Locked)),
        Job::Unlock { .. } => Done::Unlock(Err(CoreError::Locked), None),
        Job::SetDeviceUnlock { .. } => Done::DeviceUnlockSet(Err(CoreError::Locked)),
        Job::ChangePin { .. } => Done::PinChanged(Err(CoreError::Locked)),
        Job::Rename { .. } => Done::Renamed(Err(CoreError::Locked)),
        Job::SetManualOffset { .. } => Done::ClockSet(Err(CoreError::Locked)),
        Job::Delete { .. } => Done::Deleted(Err(CoreError::Locked)),
        Job::Move { .. } => Done::Moved(Err(CoreError::Locked)),
        Job::HotpNext { id, .. } => Done::Hotp(*id, Err(CoreError::Locked)),
        Job::CompleteActivation { .. } => Done::Activated(Err(CoreError::Locked)),
        Job::Export { .. } => Done::Exported(Err(CoreError::Locked)),
        Job::Verify { .. } => Done::Verified(Err(CoreError::Locked)),
        Job::Transfer { .. } => Done::Transfer(Err(CoreError::Locked)),
        Job::Restore { .. } => Done::Restored(Err(CoreError::Locked)),
        Job::PreviewImport { .. } => Done::ImportPreviewed(Err(CoreError::Locked)),
        Job::CommitImport { .. } => Done::Imported(Err(CoreError::Locked)),
        _ => Done::Added(Err(CoreError::Locked)),
    }
}
