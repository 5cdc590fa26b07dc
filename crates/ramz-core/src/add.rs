//! Adding accounts: one rule for duplicates and one atomic save per batch.
//!
//! A scan, a Google Authenticator migration batch, a typed-in secret and an
//! import all end in [`Authenticator::add_accounts`]: accounts the vault
//! already has (same secret and parameters, `ramz_vault::same_credential`)
//! are reported, not added again; the rest are saved together (one vault
//! write, one generator rebuild) or, on any error, not at all.

use ramz_otp::OtpAccount;
use ramz_vault::{AccountId, same_credential};

use crate::account::{AccountInfo, AccountPreview, preview_of};
use crate::authenticator::info_by_id;
use crate::pending::{Item, PendingId};
use crate::{Authenticator, CoreError, InputProblem};

/// What an add did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddReport {
    /// The accounts added, in input order, at the end of the list.
    pub added: Vec<AccountInfo>,
    /// Input accounts that were already in the vault (or earlier in the
    /// same input), not added again.
    pub duplicates: Vec<Duplicate>,
}

/// An input account the vault already has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// The account in the vault with the same secret and parameters.
    pub existing: AccountId,
    /// The input account, as it would have been added.
    pub preview: AccountPreview,
}

/// New labels for a scanned account (`None` keeps the scanned one).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Relabel {
    /// Service name.
    pub issuer: Option<String>,
    /// Account name.
    pub account: Option<String>,
}

impl Authenticator {
    /// Adds accounts in one atomic save: the ones the vault does not have
    /// yet, in order, at the end of the list. On any error (a bad label,
    /// storage) nothing is added.
    pub fn add_accounts(
        &mut self,
        accounts: Vec<OtpAccount>,
        device_unix: u64,
    ) -> Result<AddReport, CoreError> {
        let session = self.session_mut()?;
        let mut fresh: Vec<OtpAccount> = Vec::with_capacity(accounts.len());
        // A duplicate of an account already stored, or of the n-th fresh one.
        let mut duplicates: Vec<(Result<AccountId, usize>, AccountPreview)> = Vec::new();
        for account in accounts {
            let stored = session
                .vault()
                .accounts()
                .iter()
                .find(|v| same_credential(&v.otp, &account))
                .map(|v| v.id);
            let earlier = fresh.iter().position(|f| same_credential(f, &account));
            match (stored, earlier) {
                (Some(id), _) => duplicates.push((Ok(id), preview_of(&account))),
                (None, Some(i)) => duplicates.push((Err(i), preview_of(&account))),
                (None, None) => fresh.push(account),
            }
        }
        let ids = if fresh.is_empty() {
            Vec::new()
        } else {
            session.change(|v| v.add_many(fresh, device_unix))?
        };
        let duplicates = duplicates
            .into_iter()
            .map(|(existing, preview)| {
                let existing = match existing {
                    Ok(id) => id,
                    Err(i) => *ids.get(i).ok_or(CoreError::Internal)?,
                };
                Ok(Duplicate { existing, preview })
            })
            .collect::<Result<_, CoreError>>()?;
        let added = ids
            .iter()
            .map(|id| info_by_id(session, *id))
            .collect::<Result<_, _>>()?;
        Ok(AddReport { added, duplicates })
    }

    /// Adds what a pending account or migration payload holds (see
    /// [`Self::add_accounts`]). The pending entry is used up when the add
    /// succeeds; when it fails, nothing is added and the scan stays, so
    /// the user can try again.
    pub fn add_scanned(
        &mut self,
        pending: PendingId,
        device_unix: u64,
    ) -> Result<AddReport, CoreError> {
        self.add_scanned_as(pending, Relabel::default(), device_unix)
    }

    /// [`Self::add_scanned`] with other labels for a single account (the
    /// user edited them before adding). Refused for a migration batch
    /// with more than one account when a label is given.
    pub fn add_scanned_as(
        &mut self,
        pending: PendingId,
        labels: Relabel,
        device_unix: u64,
    ) -> Result<AddReport, CoreError> {
        self.session()?;
        let mut accounts = match self.pending.get(pending)? {
            Item::Account(a) => vec![a.clone()],
            Item::Migration(b) => b.accounts.clone(),
            Item::Activation(_) => return Err(CoreError::InvalidInput(InputProblem::NotAnAccount)),
        };
        if labels != Relabel::default() {
            let [one] = accounts.as_mut_slice() else {
                return Err(CoreError::InvalidInput(InputProblem::Label));
            };
            if let Some(issuer) = labels.issuer {
                one.issuer = issuer.trim().to_owned();
            }
            if let Some(account) = labels.account {
                one.account = account.trim().to_owned();
            }
        }
        let report = self.add_accounts(accounts, device_unix)?;
        self.pending.remove(pending);
        Ok(report)
    }
}

impl Authenticator {
    /// For each account of a pending scan (one for an `otpauth://` code,
    /// several for a migration code), the vault's account with the same
    /// secret and parameters, if there is one: what a confirm screen marks
    /// "already in your vault" before anything is added.
    pub fn scanned_duplicates(
        &self,
        pending: PendingId,
    ) -> Result<Vec<Option<AccountId>>, CoreError> {
        let session = self.session()?;
        let accounts: &[OtpAccount] = match self.pending.get(pending)? {
            Item::Account(a) => std::slice::from_ref(a),
            Item::Migration(b) => &b.accounts,
            Item::Activation(_) => return Err(CoreError::InvalidInput(InputProblem::NotAnAccount)),
        };
        Ok(accounts
            .iter()
            .map(|a| {
                session
                    .vault()
                    .accounts()
                    .iter()
                    .find(|v| same_credential(&v.otp, a))
                    .map(|v| v.id)
            })
            .collect())
    }

    /// [`Self::add_scanned`] with only the entries whose `selected` flag
    /// is set (the ticked rows of a migration batch; `selected[i]` is the
    /// i-th account of the scan, a missing flag counts as not selected),
    /// in the same one atomic save. Nothing selected is refused with
    /// `InvalidInput(NotAnAccount)`; the scan then stays.
    pub fn add_scanned_selected(
        &mut self,
        pending: PendingId,
        selected: &[bool],
        device_unix: u64,
    ) -> Result<AddReport, CoreError> {
        self.session()?;
        let accounts: Vec<OtpAccount> = match self.pending.get(pending)? {
            Item::Account(a) => vec![a.clone()],
            Item::Migration(b) => b.accounts.clone(),
            Item::Activation(_) => return Err(CoreError::InvalidInput(InputProblem::NotAnAccount)),
        };
        let chosen: Vec<OtpAccount> = accounts
            .into_iter()
            .zip(selected)
            .filter_map(|(a, keep)| keep.then_some(a))
            .collect();
        if chosen.is_empty() {
            return Err(CoreError::InvalidInput(InputProblem::NotAnAccount));
        }
        let report = self.add_accounts(chosen, device_unix)?;
        self.pending.remove(pending);
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use ramz_vault::{SoftwareKeystore, VaultConfig};

    use super::*;
    use crate::Scanned;

    /// A fresh unlocked vault (test KDF) and the directory that holds it.
    fn unlocked() -> (tempfile::TempDir, Authenticator) {
        let dir = tempfile::tempdir().unwrap();
        let auth = Authenticator::create_with(
            dir.path().join("v.ramz"),
            b"480913",
            Arc::new(SoftwareKeystore::from_key([7; 32])),
            1_750_000_000,
            VaultConfig::insecure_for_tests(),
        )
        .unwrap();
        (dir, auth)
    }

    /// `n` TOTP accounts with distinct secrets, issuers `I0`, `I1`, ...
    fn distinct_accounts(n: u8) -> Vec<OtpAccount> {
        (0..n)
            .map(|i| OtpAccount {
                issuer: format!("I{i}"),
                account: "a".into(),
                secret: ramz_otp::Secret::from_slice(&[i + 1; 20]).unwrap(),
                params: ramz_otp::OtpParams::default_totp(),
                image: None,
            })
            .collect()
    }

    #[test]
    fn a_migration_batch_is_one_generator_rebuild() {
        let (_dir, mut auth) = unlocked();
        let accounts = distinct_accounts(5);
        let uri = ramz_otp::migration::encode_with_limit(&accounts, 1, 4000).uris;
        let Scanned::Migration { pending, .. } = auth.read_text(&uri[0]).unwrap() else {
            panic!()
        };
        let before = auth.session().unwrap().rebuilds();
        assert_eq!(auth.add_scanned(pending, 1).unwrap().added.len(), 5);
        assert_eq!(auth.session().unwrap().rebuilds(), before + 1);
    }

    #[test]
    fn only_the_selected_entries_are_added_and_duplicates_are_known_before() {
        let (_dir, mut auth) = unlocked();
        let accounts = distinct_accounts(3);
        // The first one is in the vault already, under another label.
        let mut first = accounts[0].clone();
        first.issuer = "Renamed".into();
        let existing = auth.add_accounts(vec![first], 1).unwrap().added[0].id;
        let uri = ramz_otp::migration::encode_with_limit(&accounts, 1, 4000).uris;
        let Scanned::Migration { pending, .. } = auth.read_text(&uri[0]).unwrap() else {
            panic!()
        };
        assert_eq!(
            auth.scanned_duplicates(pending).unwrap(),
            vec![Some(existing), None, None]
        );
        let err = auth.add_scanned_selected(pending, &[false, false], 2);
        assert_eq!(
            err,
            Err(CoreError::InvalidInput(InputProblem::NotAnAccount))
        );
        let before = auth.session().unwrap().rebuilds();
        let report = auth
            .add_scanned_selected(pending, &[true, false, true], 2)
            .unwrap();
        assert_eq!(auth.session().unwrap().rebuilds(), before + 1, "one save");
        let added: Vec<_> = report
            .added
            .iter()
            .map(|a| a.preview.issuer.clone())
            .collect();
        assert_eq!(added, ["I2"], "the unticked I1 is not added");
        assert_eq!(report.duplicates.len(), 1);
        assert_eq!(report.duplicates[0].existing, existing);
        let issuers: Vec<_> = auth
            .accounts()
            .unwrap()
            .into_iter()
            .map(|a| a.preview.issuer)
            .collect();
        assert_eq!(issuers, ["Renamed", "I2"]);
        assert_eq!(
            auth.add_scanned_selected(pending, &[true], 3),
            Err(CoreError::NoSuchPending),
            "the scan is used up"
        );
    }
}
