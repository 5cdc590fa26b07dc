//! The unlocked state: accounts with their prepared generators.
//!
//! Dropping a `Session` zeroizes every secret and keyed HMAC state
//! (`Secret` and the generators wipe themselves on drop).

use ramz_otp::{Generator, OtpAccount, OtpKind};

use crate::account::{clean_label, info_of};
use crate::{AccountId, AccountInfo, CoreError, InputProblem};

pub(crate) struct Entry {
    pub(crate) id: AccountId,
    pub(crate) account: OtpAccount,
    pub(crate) generator: Generator,
}

#[derive(Default)]
pub(crate) struct Session {
    entries: Vec<Entry>,
    next_id: u64,
}

impl Session {
    pub(crate) fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub(crate) fn infos(&self) -> Vec<AccountInfo> {
        self.entries
            .iter()
            .map(|e| info_of(e.id, &e.account))
            .collect()
    }

    pub(crate) fn get(&self, id: AccountId) -> Result<&Entry, CoreError> {
        self.entries
            .iter()
            .find(|e| e.id == id)
            .ok_or(CoreError::NoSuchAccount)
    }

    fn get_mut(&mut self, id: AccountId) -> Result<&mut Entry, CoreError> {
        self.entries
            .iter_mut()
            .find(|e| e.id == id)
            .ok_or(CoreError::NoSuchAccount)
    }

    pub(crate) fn add(&mut self, account: OtpAccount) -> AccountInfo {
        self.next_id = self
            .next_id
            .max(self.entries.iter().map(|e| e.id.0 + 1).max().unwrap_or(0));
        let id = AccountId(self.next_id);
        self.next_id += 1;
        let info = info_of(id, &account);
        self.entries.push(Entry {
            id,
            generator: account.generator(),
            account,
        });
        info
    }

    pub(crate) fn rename(
        &mut self,
        id: AccountId,
        issuer: &str,
        account: &str,
    ) -> Result<AccountInfo, CoreError> {
        let (issuer, account) = (clean_label(issuer)?, clean_label(account)?);
        let e = self.get_mut(id)?;
        e.account.issuer = issuer;
        e.account.account = account;
        Ok(info_of(e.id, &e.account))
    }

    pub(crate) fn reorder(&mut self, order: &[AccountId]) -> Result<(), CoreError> {
        let mut sorted: Vec<AccountId> = order.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let mut current: Vec<AccountId> = self.entries.iter().map(|e| e.id).collect();
        current.sort_unstable();
        if sorted.len() != order.len() || sorted != current {
            return Err(CoreError::InvalidInput(InputProblem::Order));
        }
        let position = |id: AccountId| order.iter().position(|o| *o == id).unwrap_or(usize::MAX);
        self.entries.sort_by_key(|e| position(e.id));
        Ok(())
    }

    pub(crate) fn delete(&mut self, id: AccountId) -> Result<(), CoreError> {
        let before = self.entries.len();
        self.entries.retain(|e| e.id != id);
        if self.entries.len() == before {
            Err(CoreError::NoSuchAccount)
        } else {
            Ok(())
        }
    }

    /// Makes the HOTP code for the stored counter and advances it.
    pub(crate) fn hotp_next(&mut self, id: AccountId) -> Result<(String, AccountInfo), CoreError> {
        let e = self.get_mut(id)?;
        let (OtpKind::Hotp { counter }, Generator::Hotp(h)) =
            (&mut e.account.params.kind, &e.generator)
        else {
            return Err(CoreError::InvalidInput(InputProblem::NotHotp));
        };
        let code = h.code(*counter).as_str().to_owned();
        *counter = counter.saturating_add(1);
        Ok((code, info_of(e.id, &e.account)))
    }
}
