//! The unlocked vault: the account list in memory and the keys to save it.
//! Every change is one atomic save; memory changes only after the save
//! succeeded, so memory and disk never disagree. Changes that weaken the
//! vault's protection (PIN change, biometric unlock, exporting bank cards)
//! take the current PIN again, counted like an unlock.

use core::fmt;

use ramz_otp::{OtpAccount, OtpKind};

use crate::account::{self, AccountId, NewBankCard, VaultAccount};
use crate::anchor::{self, Locked, Sealed, Verdict};
use crate::crypto::{self, Key};
use crate::format::{self, Cleanup, Slot, VaultFile};
use crate::keys;
use crate::{KeystoreError, KeystoreKey, LabelField, Pin, Vault, VaultError};

/// An unlocked vault. Dropping it (or [`UnlockedVault::lock`]) wipes the
/// master key, the device secret and every account secret from memory.
pub struct UnlockedVault {
    vault: Vault,
    master: Key,
    locked: Locked,
    accounts: Vec<VaultAccount>,
    clock: ClockOffsets,
    wiped: bool,
}

/// Clock corrections kept in the vault body (not in backups: they belong
/// to this device's clock). Seconds added to the device time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ClockOffsets {
    /// Set by the user; wins over the server's.
    pub manual_offset: Option<i64>,
    /// Learned from a trusted server (the bank at activation).
    pub server_offset: Option<i64>,
}

impl UnlockedVault {
    pub(crate) fn new(
        vault: Vault,
        master: Key,
        locked: Locked,
        mut accounts: Vec<VaultAccount>,
    ) -> Self {
        accounts.sort_by_key(|a| a.position);
        Self {
            vault,
            master,
            locked,
            accounts,
            clock: ClockOffsets::default(),
            wiped: false,
        }
    }

    /// The same vault with the clock offsets read from its body.
    pub(crate) fn with_clock(mut self, clock: ClockOffsets) -> Self {
        self.clock = clock;
        self
    }

    /// The accounts, in list order.
    pub fn accounts(&self) -> &[VaultAccount] {
        &self.accounts
    }

    /// One account.
    pub fn account(&self, id: AccountId) -> Option<&VaultAccount> {
        self.accounts.iter().find(|a| a.id == id)
    }

    /// The vault handle this was unlocked from.
    pub fn vault(&self) -> &Vault {
        &self.vault
    }

    /// Adds an ordinary account (TOTP, HOTP or Steam) at the end of the
    /// list. Exportable.
    pub fn add(&mut self, otp: OtpAccount, now: u64) -> Result<AccountId, VaultError> {
        let ids = self.add_many(vec![otp], now)?;
        ids.first()
            .copied()
            .ok_or(VaultError::Internal("one account added, no id"))
    }

    /// Adds ordinary accounts at the end of the list, in order, in one
    /// atomic save: all of them or (on any error) none. Returns their ids.
    pub fn add_many(
        &mut self,
        otps: Vec<OtpAccount>,
        now: u64,
    ) -> Result<Vec<AccountId>, VaultError> {
        let mut next = self.accounts.clone();
        let mut position = self.next_position();
        let mut ids = Vec::with_capacity(otps.len());
        for otp in otps {
            let id = AccountId(crypto::random()?);
            next.push(VaultAccount::new_otp(id, otp, now, position)?);
            position = position.saturating_add(1);
            ids.push(id);
        }
        if !ids.is_empty() {
            self.commit(next)?;
        }
        Ok(ids)
    }

    /// The clock offsets saved in the vault.
    pub fn clock_offsets(&self) -> ClockOffsets {
        self.clock
    }

    /// Saves new clock offsets (one atomic save).
    pub fn set_clock_offsets(&mut self, clock: ClockOffsets) -> Result<(), VaultError> {
        if clock == self.clock {
            return Ok(());
        }
        let header = self.locked.sealed.header.clone();
        self.save(header, self.accounts.clone(), clock)
    }

    /// Adds a bank-card account (the activation flow's result) at the end
    /// of the list. Not exportable in plain form.
    pub fn add_bank_card(&mut self, card: NewBankCard, now: u64) -> Result<AccountId, VaultError> {
        let id = AccountId(crypto::random()?);
        let account = VaultAccount::new_bank_card(id, card, now, self.next_position())?;
        self.push(account)?;
        Ok(id)
    }

    /// Changes the issuer and account labels.
    pub fn rename(
        &mut self,
        id: AccountId,
        issuer: &str,
        account_name: &str,
        now: u64,
    ) -> Result<(), VaultError> {
        account::check_label(issuer, LabelField::Issuer)?;
        account::check_label(account_name, LabelField::AccountName)?;
        self.edit(id, now, |a| {
            a.otp.issuer = issuer.to_owned();
            a.otp.account = account_name.to_owned();
            Ok(())
        })
    }

    /// Sets or clears the group.
    pub fn set_group(
        &mut self,
        id: AccountId,
        group: Option<&str>,
        now: u64,
    ) -> Result<(), VaultError> {
        if let Some(g) = group {
            account::check_label(g, LabelField::Group)?;
        }
        self.edit(id, now, |a| {
            a.group = group.map(str::to_owned);
            Ok(())
        })
    }

    /// Sets or clears the note.
    pub fn set_note(
        &mut self,
        id: AccountId,
        note: Option<&str>,
        now: u64,
    ) -> Result<(), VaultError> {
        if let Some(n) = note {
            account::check_note(n)?;
        }
        self.edit(id, now, |a| {
            a.note = note.map(str::to_owned);
            Ok(())
        })
    }

    /// Allows or forbids plain export of this account's secret.
    pub fn set_exportable(
        &mut self,
        id: AccountId,
        exportable: bool,
        now: u64,
    ) -> Result<(), VaultError> {
        self.edit(id, now, |a| {
            a.exportable = exportable;
            Ok(())
        })
    }

    /// Moves an account to `position` (0 first; past the end means last).
    pub fn move_to(&mut self, id: AccountId, position: usize, now: u64) -> Result<(), VaultError> {
        let mut next = self.accounts.clone();
        let from = next
            .iter()
            .position(|a| a.id == id)
            .ok_or(VaultError::NoSuchAccount)?;
        let moved = next.remove(from);
        next.insert(position.min(next.len()), moved);
        for (i, a) in next.iter_mut().enumerate() {
            let p = u32::try_from(i).unwrap_or(u32::MAX);
            if a.position != p || a.id == id {
                a.position = p;
                a.updated_unix = now;
            }
        }
        self.commit(next)
    }

    /// Deletes an account.
    pub fn remove(&mut self, id: AccountId) -> Result<(), VaultError> {
        let mut next = self.accounts.clone();
        let before = next.len();
        next.retain(|a| a.id != id);
        if next.len() == before {
            return Err(VaultError::NoSuchAccount);
        }
        for (i, a) in next.iter_mut().enumerate() {
            a.position = u32::try_from(i).unwrap_or(u32::MAX);
        }
        self.commit(next)
    }

    /// Advances an HOTP account's counter and returns the counter to use
    /// now (the one before the increment). Saved before the code is shown,
    /// so a code is never shown twice.
    pub fn increment_hotp(&mut self, id: AccountId, now: u64) -> Result<u64, VaultError> {
        let mut used = 0;
        self.edit(id, now, |a| match &mut a.otp.params.kind {
            OtpKind::Hotp { counter } => {
                used = *counter;
                *counter = counter.checked_add(1).ok_or(VaultError::CounterExhausted)?;
                Ok(())
            }
            _ => Err(VaultError::NotHotp),
        })?;
        Ok(used)
    }

    /// Checks `pin` as a re-authentication, with the same counting,
    /// waits and wipe as an unlock. A wrong PIN is
    /// [`VaultError::PinRefused`]; after [`crate::PinRefusal::Wiped`] this
    /// handle can no longer save.
    pub fn verify_pin(&mut self, pin: &[u8], now: u64) -> Result<(), VaultError> {
        let pin = Pin::parse(pin)?;
        self.check_writable()?;
        self.refresh_state()?;
        match anchor::check_pin(&self.vault, &mut self.locked, &pin, now)? {
            Verdict::Right(master) if crypto::ct_eq(master.as_ref(), self.master.as_ref()) => {
                Ok(())
            }
            Verdict::Right(_) => Err(VaultError::Internal("PIN slot opened another master key")),
            Verdict::Refused(refusal) => {
                if refusal == crate::PinRefusal::Wiped {
                    self.wiped = true;
                    self.accounts.clear();
                }
                Err(VaultError::PinRefused(refusal))
            }
        }
    }

    /// Replaces the PIN (strength rules apply) after checking the current
    /// one, and re-keys the vault: a new master key (the body re-encrypted
    /// under it), a new device secret under a new device key, a new PIN
    /// slot. The old device key is deleted last, so an old copy of the
    /// file opens neither with the old PIN nor at all. Biometric unlock is
    /// turned off (its slot held the old master key); turn it on again
    /// with [`UnlockedVault::enable_device_unlock`].
    pub fn change_pin(
        &mut self,
        current_pin: &[u8],
        new_pin: &[u8],
        now: u64,
    ) -> Result<(), VaultError> {
        let new_pin = Pin::new_checked(new_pin)?;
        self.verify_pin(current_pin, now)?;
        let had_device_slot = self.has_device_unlock();
        let old_key = self.locked.state.key;
        let key = keys::successor_key_id(
            &self.locked.device_secret,
            b"ramz-vault-v3 re-key id",
            &old_key,
        );
        let master = crypto::random_key()?;
        let mut locked = anchor::fresh(
            &self.vault,
            key,
            Cleanup::Device(old_key),
            &new_pin,
            &master,
            None,
            &self.accounts,
            &self.clock,
        )?;
        anchor::write(
            &self.vault,
            &locked.sealed,
            &locked.state,
            &locked.device_secret,
        )?;
        self.master = master;
        anchor::clean_up(&self.vault, &mut locked.state)?;
        self.locked = locked;
        if had_device_slot {
            self.vault.keystore.delete(KeystoreKey::Biometric)?;
        }
        Ok(())
    }

    /// Adds (or replaces) the biometric/device-only slot: the master key
    /// wrapped by a new biometric keystore key. Takes the current PIN.
    pub fn enable_device_unlock(&mut self, pin: &[u8], now: u64) -> Result<(), VaultError> {
        self.verify_pin(pin, now)?;
        self.vault.keystore.create(KeystoreKey::Biometric)?;
        let wrapped = self
            .vault
            .keystore
            .wrap(KeystoreKey::Biometric, self.master.as_ref())?;
        let mut header = self.locked.sealed.header.clone();
        header.slots.retain(|s| !matches!(s, Slot::Device { .. }));
        header.slots.push(Slot::Device { wrapped });
        self.save(header, self.accounts.clone(), self.clock)
    }

    /// Removes the biometric/device-only slot and deletes its key.
    pub fn disable_device_unlock(&mut self) -> Result<(), VaultError> {
        let mut header = self.locked.sealed.header.clone();
        header.slots.retain(|s| !matches!(s, Slot::Device { .. }));
        self.save(header, self.accounts.clone(), self.clock)?;
        self.vault.keystore.delete(KeystoreKey::Biometric)?;
        Ok(())
    }

    /// True when the biometric slot exists.
    pub fn has_device_unlock(&self) -> bool {
        self.locked.sealed.header.device_slot().is_some()
    }

    /// Wipes the keys and secrets from memory now.
    pub fn lock(self) {
        drop(self);
    }

    // ---- internals ----

    fn next_position(&self) -> u32 {
        self.accounts
            .iter()
            .map(|a| a.position.saturating_add(1))
            .max()
            .unwrap_or(0)
    }

    fn push(&mut self, account: VaultAccount) -> Result<(), VaultError> {
        let mut next = self.accounts.clone();
        next.push(account);
        self.commit(next)
    }

    fn edit(
        &mut self,
        id: AccountId,
        now: u64,
        change: impl FnOnce(&mut VaultAccount) -> Result<(), VaultError>,
    ) -> Result<(), VaultError> {
        let mut next = self.accounts.clone();
        let a = next
            .iter_mut()
            .find(|a| a.id == id)
            .ok_or(VaultError::NoSuchAccount)?;
        change(a)?;
        a.updated_unix = now;
        self.commit(next)
    }

    /// Saves `next` and adopts it.
    pub(crate) fn commit(&mut self, next: Vec<VaultAccount>) -> Result<(), VaultError> {
        let header = self.locked.sealed.header.clone();
        self.save(header, next, self.clock)
    }

    /// Encrypts `accounts` and `clock` with a fresh nonce under `header`,
    /// replaces the file, and adopts all three.
    fn save(
        &mut self,
        header: crate::format::Header,
        accounts: Vec<VaultAccount>,
        clock: ClockOffsets,
    ) -> Result<(), VaultError> {
        self.check_writable()?;
        // Never write a state naming a key that another handle rotated away.
        self.refresh_state()?;
        let sealed = Sealed::seal(header, &self.master, &accounts, &clock)?;
        anchor::write(
            &self.vault,
            &sealed,
            &self.locked.state,
            &self.locked.device_secret,
        )?;
        self.locked.sealed = sealed;
        self.accounts = accounts;
        self.clock = clock;
        Ok(())
    }

    /// Adopts the wrong-PIN state on disk (another handle may have
    /// counted attempts since this one was unlocked), so a re-authentication
    /// counts on top of the real count. A file that no longer opens with
    /// this handle's device secret (wiped, re-keyed elsewhere, replaced)
    /// refuses the re-authentication.
    fn refresh_state(&mut self) -> Result<(), VaultError> {
        let bytes = self.vault.read()?;
        let VaultFile::V3(file) = format::parse(&bytes)? else {
            return Err(VaultError::Keystore(KeystoreError::KeyInvalidated));
        };
        let disk = anchor::open_v3(&self.vault, file)?;
        if !crypto::ct_eq(
            disk.device_secret.as_ref(),
            self.locked.device_secret.as_ref(),
        ) {
            return Err(VaultError::Keystore(KeystoreError::KeyInvalidated));
        }
        self.locked.state = disk.state;
        Ok(())
    }

    fn check_writable(&self) -> Result<(), VaultError> {
        if self.wiped {
            Err(VaultError::NotFound)
        } else {
            Ok(())
        }
    }
}

impl fmt::Debug for UnlockedVault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnlockedVault")
            .field("storage", &self.vault.storage)
            .field("wiped", &self.wiped)
            .field("accounts", &self.accounts.len())
            .finish_non_exhaustive()
    }
}
