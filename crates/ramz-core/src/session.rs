//! The unlocked state: the unlocked vault plus a prepared generator per
//! account, so a code costs two hash compressions and no key setup.
//!
//! Dropping a `Session` zeroizes the vault keys, every secret and every
//! keyed HMAC state (they all wipe themselves on drop).

use ramz_otp::Generator;
use ramz_vault::{AccountId, UnlockedVault, VaultAccount};

use crate::CoreError;

pub(crate) struct Session {
    vault: UnlockedVault,
    /// Parallel to `vault.accounts()`.
    generators: Vec<Generator>,
    /// How many times the generators were rebuilt (a batch is one).
    #[cfg_attr(not(test), allow(dead_code))]
    rebuilds: u64,
}

impl Session {
    pub(crate) fn new(vault: UnlockedVault) -> Self {
        let mut s = Self {
            vault,
            generators: Vec::new(),
            rebuilds: 0,
        };
        s.refresh();
        s
    }

    /// Rebuilds the generators after the account list changed.
    fn refresh(&mut self) {
        self.generators = self
            .vault
            .accounts()
            .iter()
            .map(|a| a.otp.generator())
            .collect();
        self.rebuilds += 1;
    }

    pub(crate) fn vault(&self) -> &UnlockedVault {
        &self.vault
    }

    /// Runs a change on the vault, then rebuilds the generators. A failed
    /// change left the vault as it was (memory changes only after a
    /// successful save), so nothing is rebuilt then.
    pub(crate) fn change<T, E>(
        &mut self,
        f: impl FnOnce(&mut UnlockedVault) -> Result<T, E>,
    ) -> Result<T, CoreError>
    where
        CoreError: From<E>,
    {
        let r = f(&mut self.vault)?;
        self.refresh();
        Ok(r)
    }

    /// Runs a change that does not touch the accounts (settings, slots).
    pub(crate) fn change_settings<T>(
        &mut self,
        f: impl FnOnce(&mut UnlockedVault) -> Result<T, ramz_vault::VaultError>,
    ) -> Result<T, CoreError> {
        Ok(f(&mut self.vault)?)
    }

    pub(crate) fn rows(&self) -> impl Iterator<Item = (&VaultAccount, &Generator)> {
        self.vault.accounts().iter().zip(&self.generators)
    }

    pub(crate) fn row(&self, id: AccountId) -> Result<(&VaultAccount, &Generator), CoreError> {
        self.rows()
            .find(|(a, _)| a.id == id)
            .ok_or(CoreError::NoSuchAccount)
    }

    #[cfg(test)]
    pub(crate) fn rebuilds(&self) -> u64 {
        self.rebuilds
    }
}
