//! The wrong-PIN state, anchored in the device keystore.
//!
//! Files can be copied and put back; keystore keys cannot be brought back
//! once deleted. So the device secret is wrapped by one *generation* of
//! the device key, and every counted attempt moves to the next generation:
//! create the new key, write the file wrapped under it (with the higher
//! count), delete the old key — and only then try the PIN. A copy of the
//! file from before names a deleted key and never opens again; a wipe
//! deletes the current key first. A SIGKILL anywhere leaves a file whose
//! key exists (the rename is atomic and the new key is created before it),
//! and at most one stale key, which the next open deletes before any PIN
//! is tried (the state block names it).

use crate::account::VaultAccount;
use crate::crypto::{self, Key};
use crate::format::{self, Attempts, Cleanup, Header, State, V3File};
use crate::keys::{self, to_key};
use crate::lockout::Gate;
use crate::storage::StoredItem;
use crate::{ClockOffsets, KeystoreKey, Pin, PinRefusal, Vault, VaultError, codec};

/// The parts of a version-3 file that change only with the master key.
#[derive(Clone)]
pub(crate) struct Sealed {
    pub(crate) header: Header,
    pub(crate) header_bytes: Vec<u8>,
    pub(crate) body: Vec<u8>,
}

impl Sealed {
    /// Encrypts `accounts` under `master` with a fresh body nonce.
    pub(crate) fn seal(
        mut header: Header,
        master: &Key,
        accounts: &[VaultAccount],
        clock: &ClockOffsets,
    ) -> Result<Self, VaultError> {
        header.body_nonce = crypto::random()?;
        let header_bytes = header.encode()?;
        let plain = codec::encode_body(accounts, clock)?;
        let body = crypto::seal(master, &header.body_nonce, &header_bytes, &plain)?;
        Ok(Self {
            header,
            header_bytes,
            body,
        })
    }

    /// Decrypts the account list and clock offsets;
    /// [`VaultError::Tampered`] if the body (or the master key) does not
    /// match.
    pub(crate) fn open(
        &self,
        master: &Key,
    ) -> Result<(Vec<VaultAccount>, ClockOffsets), VaultError> {
        let plain = crypto::open(
            master,
            &self.header.body_nonce,
            &self.header_bytes,
            &self.body,
        )
        .ok_or(VaultError::Tampered)?;
        codec::decode_body(&plain)
    }
}

/// A version-3 file whose every byte before the body has been checked.
pub(crate) struct Locked {
    pub(crate) sealed: Sealed,
    pub(crate) state: State,
    pub(crate) device_secret: Key,
}

/// Everything that can be checked before the PIN, cheapest first: KDF
/// bounds (before any keystore call or Argon2), the device key, the header
/// MAC. Nothing here counts an attempt or writes anything.
pub(crate) fn open_v3(vault: &Vault, file: V3File) -> Result<Locked, VaultError> {
    file.header
        .kdf
        .check(&vault.config.kdf_floor, &vault.config.kdf_max)?;
    let device_secret = to_key(&vault.keystore.unwrap(
        KeystoreKey::Device(file.state.key),
        &file.state.wrapped_device_secret,
    )?)?;
    file.verify(&keys::header_key(&device_secret))?;
    Ok(Locked {
        sealed: Sealed {
            header: file.header,
            header_bytes: file.header_bytes,
            body: file.body,
        },
        state: file.state,
        device_secret,
    })
}

/// The file's bytes for `state`.
pub(crate) fn file_bytes(
    sealed: &Sealed,
    state: &State,
    device_secret: &Key,
) -> Result<Vec<u8>, VaultError> {
    format::assemble(
        &sealed.header_bytes,
        state,
        &keys::header_key(device_secret),
        &sealed.body,
    )
}

/// Replaces the vault file.
pub(crate) fn write(
    vault: &Vault,
    sealed: &Sealed,
    state: &State,
    device_secret: &Key,
) -> Result<(), VaultError> {
    let bytes = file_bytes(sealed, state, device_secret)?;
    Ok(vault.storage.replace(StoredItem::Vault, &bytes)?)
}

/// Deletes what an interrupted rotation, re-key or migration left behind
/// (idempotent: the file keeps naming it until the next save).
pub(crate) fn clean_up(vault: &Vault, state: &mut State) -> Result<(), VaultError> {
    match state.cleanup {
        Cleanup::None => {}
        Cleanup::Device(id) => vault.keystore.delete(KeystoreKey::Device(id))?,
        Cleanup::Legacy => {
            vault.storage.remove(StoredItem::LegacyAttempts)?;
            vault.keystore.delete(KeystoreKey::LegacyDevice)?;
        }
    }
    state.cleanup = Cleanup::None;
    Ok(())
}

/// Records `attempts` under the next generation of the device key: create
/// it, write the file wrapped under it, delete the old key.
pub(crate) fn rotate(
    vault: &Vault,
    sealed: &Sealed,
    device_secret: &Key,
    state: &State,
    attempts: Attempts,
) -> Result<State, VaultError> {
    let next = keys::next_key_id(device_secret, &state.key);
    vault.keystore.create(KeystoreKey::Device(next))?;
    let wrapped_device_secret = vault
        .keystore
        .wrap(KeystoreKey::Device(next), device_secret.as_ref())?;
    let new = State {
        key: next,
        cleanup: Cleanup::Device(state.key),
        attempts,
        wrapped_device_secret,
    };
    write(vault, sealed, &new, device_secret)?;
    vault.keystore.delete(KeystoreKey::Device(state.key))?;
    Ok(State {
        cleanup: Cleanup::None,
        ..new
    })
}

/// What a PIN check found.
pub(crate) enum Verdict {
    /// The PIN was right: the master key. The counter is back at zero.
    Right(Key),
    /// Not tried (too early), wrong, or wrong for the last time.
    Refused(PinRefusal),
}

/// Checks `pin` against an opened file: the wait, then the count (under a
/// new key generation), then Argon2id, then the reset to zero.
pub(crate) fn check_pin(
    vault: &Vault,
    locked: &mut Locked,
    pin: &Pin,
    now: u64,
) -> Result<Verdict, VaultError> {
    clean_up(vault, &mut locked.state)?;
    let policy = &vault.config.lockout;
    let attempts = locked.state.attempts;
    match policy.gate(attempts, now) {
        Gate::Go => {}
        Gate::Wait(wait_seconds) => {
            return Ok(Verdict::Refused(PinRefusal::LockedOut { wait_seconds }));
        }
        Gate::ClockWentBack(wait_seconds) => {
            let moved = Attempts {
                last_unix: now,
                ..attempts
            };
            locked.state = rotate(
                vault,
                &locked.sealed,
                &locked.device_secret,
                &locked.state,
                moved,
            )?;
            return Ok(Verdict::Refused(PinRefusal::LockedOut { wait_seconds }));
        }
        Gate::Wipe => {
            wipe(vault, Some(&locked.state))?;
            return Ok(Verdict::Refused(PinRefusal::Wiped));
        }
    }
    let failed = Attempts {
        failures: attempts.failures.saturating_add(1),
        last_unix: now,
    };
    locked.state = rotate(
        vault,
        &locked.sealed,
        &locked.device_secret,
        &locked.state,
        failed,
    )?;

    let header = &locked.sealed.header;
    let (salt, nonce, wrapped) = header.pin_slot()?;
    let kek = keys::pin_kek(&header.kdf, pin, salt, &locked.device_secret)?;
    let aad = format::pin_slot_aad(&header.kdf, salt);
    match crypto::open(&kek, nonce, &aad, wrapped) {
        None if policy.must_wipe(failed.failures) => {
            wipe(vault, Some(&locked.state))?;
            Ok(Verdict::Refused(PinRefusal::Wiped))
        }
        None => Ok(Verdict::Refused(PinRefusal::Wrong {
            attempts_left: policy.attempts_left(failed.failures),
            wait_seconds: policy.wait_after(failed.failures),
        })),
        Some(master) => {
            let master = to_key(&master)?;
            reset(vault, locked)?;
            Ok(Verdict::Right(master))
        }
    }
}

/// Puts the counter back to zero (after a right PIN or a biometric
/// unlock). Rolling this write back can only restore a higher count.
pub(crate) fn reset(vault: &Vault, locked: &mut Locked) -> Result<(), VaultError> {
    locked.state.attempts = Attempts::default();
    write(vault, &locked.sealed, &locked.state, &locked.device_secret)
}

/// Destroys the vault: first every keystore key that could open a copy of
/// it (so a copy taken before never opens again), then the files. Goes on
/// after a failed step and reports the first failure.
pub(crate) fn wipe(vault: &Vault, state: Option<&State>) -> Result<(), VaultError> {
    let mut keys = vec![KeystoreKey::Biometric, KeystoreKey::LegacyDevice];
    if let Some(state) = state {
        keys.push(KeystoreKey::Device(state.key));
        if let Cleanup::Device(id) = state.cleanup {
            keys.push(KeystoreKey::Device(id));
        }
    }
    let mut first_error = None;
    for key in keys {
        if let Err(e) = vault.keystore.delete(key) {
            first_error.get_or_insert(VaultError::Keystore(e));
        }
    }
    for item in [StoredItem::Vault, StoredItem::LegacyAttempts] {
        if let Err(e) = vault.storage.remove(item) {
            first_error.get_or_insert(e.into());
        }
    }
    first_error.map_or(Ok(()), Err)
}

/// A new device secret wrapped by a new device key named `key`, a PIN
/// slot for `pin`, and `accounts` sealed under `master`. Creates the key;
/// writes no file.
// Every argument is a distinct part of the new file.
#[allow(clippy::too_many_arguments)]
pub(crate) fn fresh(
    vault: &Vault,
    key: crate::KeyId,
    cleanup: Cleanup,
    pin: &Pin,
    master: &Key,
    device_slot: Option<Vec<u8>>,
    accounts: &[VaultAccount],
    clock: &ClockOffsets,
) -> Result<Locked, VaultError> {
    let device_secret = crypto::random_key()?;
    vault.keystore.create(KeystoreKey::Device(key))?;
    let wrapped_device_secret = vault
        .keystore
        .wrap(KeystoreKey::Device(key), device_secret.as_ref())?;
    let mut slots = vec![keys::make_pin_slot(
        &vault.config.kdf,
        pin,
        &device_secret,
        master,
    )?];
    if let Some(wrapped) = device_slot {
        slots.push(format::Slot::Device { wrapped });
    }
    let header = Header {
        kdf: vault.config.kdf,
        slots,
        body_nonce: [0; 24],
    };
    Ok(Locked {
        sealed: Sealed::seal(header, master, accounts, clock)?,
        state: State {
            key,
            cleanup,
            attempts: Attempts::default(),
            wrapped_device_secret,
        },
        device_secret,
    })
}
