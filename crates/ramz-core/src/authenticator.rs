//! The facade: one object per vault that the app shell drives.

use ramz_otp::Algorithm;
use zeroize::Zeroizing;

use crate::account::ManualEntry;
use crate::clock::{Clock, ClockStatus};
use crate::codes::{self, CodeEntry};
use crate::session::Session;
use crate::{AccountId, AccountInfo, CoreError, InputProblem};

/// The authenticator an app drives.
///
/// Synchronous and free of I/O except the vault file: the caller passes the
/// device time (Unix seconds) to every call that needs it. Calls that derive
/// keys from the PIN (`create`, `unlock`, `change_pin`) take a noticeable
/// fraction of a second on purpose; **call them off the main thread**.
pub struct Authenticator {
    session: Option<Session>,
    clock: Clock,
}

impl Authenticator {
    /// An unlocked authenticator that keeps nothing on disk: for previews,
    /// demos and tests. Locking it discards its accounts.
    pub fn in_memory() -> Self {
        Self {
            session: Some(Session::default()),
            clock: Clock::default(),
        }
    }

    /// True while the vault is unlocked.
    pub fn is_unlocked(&self) -> bool {
        self.session.is_some()
    }

    /// Locks at once: every secret and key in memory is wiped before this
    /// returns. Call it when the app goes to the background.
    pub fn lock(&mut self) {
        self.session = None;
    }

    /// Metadata of every account, in the user's order. Never secrets.
    pub fn accounts(&self) -> Result<Vec<AccountInfo>, CoreError> {
        Ok(self.session()?.infos())
    }

    /// Adds an account typed in by hand. `secret_base32` is the secret as
    /// typed (UTF-8 bytes; spaces, hyphens and any case are accepted); the
    /// caller should wipe its copy afterwards.
    pub fn add_manual(
        &mut self,
        entry: ManualEntry,
        secret_base32: &[u8],
    ) -> Result<AccountInfo, CoreError> {
        let text = Zeroizing::new(
            String::from_utf8(secret_base32.to_vec())
                .map_err(|_| CoreError::InvalidInput(InputProblem::Secret))?,
        );
        let account = entry.into_account(&text)?;
        let session = self.session_mut()?;
        Ok(session.add(account))
    }

    /// Changes the labels of an account.
    pub fn rename(
        &mut self,
        id: AccountId,
        issuer: &str,
        account: &str,
    ) -> Result<AccountInfo, CoreError> {
        self.session_mut()?.rename(id, issuer, account)
    }

    /// Puts the accounts in the given order (a permutation of all ids).
    pub fn reorder(&mut self, order: &[AccountId]) -> Result<(), CoreError> {
        self.session_mut()?.reorder(order)
    }

    /// Deletes an account and its secret.
    pub fn delete(&mut self, id: AccountId) -> Result<(), CoreError> {
        self.session_mut()?.delete(id)
    }

    /// Makes the next HOTP code of an account and advances its counter.
    pub fn hotp_next(&mut self, id: AccountId) -> Result<String, CoreError> {
        let (code, _) = self.session_mut()?.hotp_next(id)?;
        Ok(code)
    }

    /// Codes for every account at device time `device_unix` (corrected by
    /// the clock offset), in list order.
    pub fn codes(&self, device_unix: u64) -> Result<Vec<CodeEntry>, CoreError> {
        let now = self.clock.now(device_unix);
        Ok(self
            .session()?
            .entries()
            .iter()
            .map(|e| codes::entry(e.id, &e.generator, now))
            .collect())
    }

    /// The code of one account at device time `device_unix`.
    pub fn code(&self, id: AccountId, device_unix: u64) -> Result<CodeEntry, CoreError> {
        let e = self.session()?.get(id)?;
        Ok(codes::entry(
            e.id,
            &e.generator,
            self.clock.now(device_unix),
        ))
    }

    /// Sets or clears a manual clock offset (seconds added to device time).
    pub fn set_manual_offset(&mut self, offset: Option<i64>) {
        self.clock.set_manual_offset(offset);
    }

    /// Records a trusted server time read at device time `device_unix`;
    /// returns the learned offset.
    pub fn learn_server_time(&mut self, server_unix: u64, device_unix: u64) -> i64 {
        self.clock.learn_server_time(server_unix, device_unix)
    }

    /// Clock offset and a warning when the device clock looks wrong.
    pub fn clock_status(&self, device_unix: u64) -> ClockStatus {
        self.clock.status(device_unix)
    }

    fn session(&self) -> Result<&Session, CoreError> {
        self.session.as_ref().ok_or(CoreError::Locked)
    }

    fn session_mut(&mut self) -> Result<&mut Session, CoreError> {
        self.session.as_mut().ok_or(CoreError::Locked)
    }
}

impl ManualEntry {
    /// A 6-digit SHA-1 TOTP entry with the given period.
    pub fn totp(issuer: &str, account: &str, period: u64) -> Self {
        Self {
            issuer: issuer.to_owned(),
            account: account.to_owned(),
            hotp: false,
            period,
            digits: 6,
            algorithm: Algorithm::Sha1,
        }
    }
}
