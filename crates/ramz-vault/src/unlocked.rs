//! The unlocked vault: the account list in memory and the keys to save it.
//! Every change is one atomic save; memory changes only after the save
//! succeeded, so memory and disk never disagree.

use core::fmt;

use ramz_otp::{OtpAccount, OtpKind};

use crate::account::{self, AccountId, NewBankCard, VaultAccount};
use crate::crypto::{self, Key};
use crate::format::{self, Attempts, Header, Slot};
use crate::vault::make_pin_slot;
use crate::{KeystoreKey, LabelField, Pin, Vault, VaultError, atomic, codec, lockout};

/// An unlocked vault. Dropping it (or [`UnlockedVault::lock`]) wipes the
/// master key, the device secret and every account secret from memory.
pub struct UnlockedVault {
    vault: Vault,
    master: Key,
    device_secret: Key,
    header: Header,
    accounts: Vec<VaultAccount>,
    clock: ClockOffsets,
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
        device_secret: Key,
        header: Header,
        mut accounts: Vec<VaultAccount>,
    ) -> Self {
        accounts.sort_by_key(|a| a.position);
        Self {
            vault,
            master,
            device_secret,
            header,
            accounts,
            clock: ClockOffsets::default(),
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
        let mut header = self.header.clone();
        self.write_with(&mut header, &self.accounts, &clock)?;
        self.header = header;
        self.clock = clock;
        Ok(())
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

    /// Replaces the PIN (strength rules apply). Only the PIN slot is
    /// rewrapped; the master key and the accounts stay.
    pub fn change_pin(&mut self, new_pin: &[u8]) -> Result<(), VaultError> {
        let pin = Pin::new_checked(new_pin)?;
        let kdf = self.vault.config.kdf;
        let slot = make_pin_slot(&kdf, &pin, &self.device_secret, &self.master)?;
        let mut header = self.header.clone();
        header.kdf = kdf;
        header.slots.retain(|s| !matches!(s, Slot::Pin { .. }));
        header.slots.insert(0, slot);
        self.write(&mut header, &self.accounts)?;
        self.header = header;
        Ok(())
    }

    /// Adds (or replaces) the biometric/device-only slot: the master key
    /// wrapped by the keystore's biometric key.
    pub fn enable_device_unlock(&mut self) -> Result<(), VaultError> {
        let wrapped = self
            .vault
            .keystore
            .wrap(KeystoreKey::Biometric, self.master.as_ref())?;
        let mut header = self.header.clone();
        header.slots.retain(|s| !matches!(s, Slot::Device { .. }));
        header.slots.push(Slot::Device { wrapped });
        self.write(&mut header, &self.accounts)?;
        self.header = header;
        Ok(())
    }

    /// Removes the biometric/device-only slot.
    pub fn disable_device_unlock(&mut self) -> Result<(), VaultError> {
        let mut header = self.header.clone();
        header.slots.retain(|s| !matches!(s, Slot::Device { .. }));
        self.write(&mut header, &self.accounts)?;
        self.header = header;
        Ok(())
    }

    /// True when the biometric slot exists.
    pub fn has_device_unlock(&self) -> bool {
        self.header.device_slot().is_some()
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
        let mut header = self.header.clone();
        self.write(&mut header, &next)?;
        self.header = header;
        self.accounts = next;
        Ok(())
    }

    /// Encrypts `accounts` with a fresh nonce under `header` and replaces
    /// the file. Updates `header.body_nonce`.
    fn write(&self, header: &mut Header, accounts: &[VaultAccount]) -> Result<(), VaultError> {
        self.write_with(header, accounts, &self.clock)
    }

    fn write_with(
        &self,
        header: &mut Header,
        accounts: &[VaultAccount],
        clock: &ClockOffsets,
    ) -> Result<(), VaultError> {
        let bytes = self.file_bytes(header, accounts, clock)?;
        atomic::replace(&self.vault.path, &bytes)
    }

    fn file_bytes(
        &self,
        header: &mut Header,
        accounts: &[VaultAccount],
        clock: &ClockOffsets,
    ) -> Result<Vec<u8>, VaultError> {
        header.body_nonce = crypto::random()?;
        let header_bytes = header.encode()?;
        let plain = codec::encode_body(accounts, clock)?;
        let body = crypto::seal(&self.master, &header.body_nonce, &header_bytes, &plain)?;
        Ok(format::assemble(
            &header_bytes,
            Attempts::default(),
            &format::lock_key(&self.device_secret),
            &body,
        ))
    }

    /// First save of a new vault: fails if a file appeared meanwhile.
    pub(crate) fn write_new(mut self) -> Result<Self, VaultError> {
        let mut header = self.header.clone();
        let bytes = self.file_bytes(&mut header, &self.accounts, &self.clock)?;
        atomic::create_new(&self.vault.path, &bytes)?;
        self.header = header;
        self.reset_attempts_file()?;
        Ok(self)
    }

    /// Save replacing whatever is there (the v1 upgrade).
    pub(crate) fn write_replacing(&self) -> Result<(), VaultError> {
        let mut header = self.header.clone();
        self.write(&mut header, &self.accounts)
    }

    pub(crate) fn reset_attempts_file(&self) -> Result<(), VaultError> {
        let key = format::lock_key(&self.device_secret);
        lockout::write_attempts_file(&self.vault.attempts_path(), &key, Attempts::default())
    }
}

impl fmt::Debug for UnlockedVault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnlockedVault")
            .field("path", &self.vault.path)
            .field("accounts", &self.accounts.len())
            .finish_non_exhaustive()
    }
}
