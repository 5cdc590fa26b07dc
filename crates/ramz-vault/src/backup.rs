//! Encrypted backups: the account list under a random backup key, wrapped
//! by one or more passphrase slots (Argon2id + XChaCha20-Poly1305). No
//! device binding: a backup must open on a new phone. Layout in
//! `docs/vault-format.md`.

use crate::account::{AccountId, VaultAccount};
use crate::codec::{self, Reader, Writer};
use crate::crypto::{self, NONCE_LEN, SALT_LEN};
use crate::format::{self, WRAPPED_KEY_LEN};
use crate::keys::to_key;
use crate::{KdfParams, UnlockedVault, VaultError};

/// First eight bytes of a backup file.
pub const BACKUP_MAGIC: &[u8; 8] = b"RAMZBAK\0";
/// The backup format version this build writes.
pub const BACKUP_VERSION: u16 = 1;
/// Shortest accepted backup passphrase, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;
const SLOT_PASSPHRASE: u8 = 3;
/// A backup has exactly one passphrase slot (a crafted file must not make
/// the reader run Argon2 more than once).
const BACKUP_SLOTS: u8 = 1;

/// What goes into a backup.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum BackupScope<'a> {
    /// The exportable accounts only (bank cards are left out). The
    /// default: a bank's OTP seed should not be cloned.
    #[default]
    ExportableOnly,
    /// Every account, bank cards included. Takes the current PIN in the
    /// same call, counted like an unlock (see
    /// [`UnlockedVault::verify_pin`]).
    IncludingNonExportable {
        /// The vault's PIN as typed.
        pin: &'a [u8],
    },
}

impl core::fmt::Debug for BackupScope<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::ExportableOnly => f.write_str("ExportableOnly"),
            Self::IncludingNonExportable { .. } => {
                f.write_str("IncludingNonExportable { pin: [redacted] }")
            }
        }
    }
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    /// Accounts in the backup.
    pub included: usize,
    /// Accounts left out because they are not exportable.
    pub left_out: Vec<AccountId>,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Accounts added.
    pub added: Vec<AccountId>,
    /// Backup accounts already in the vault (same id, or same secret and
    /// parameters under another id), left as they are.
    pub duplicates: usize,
}

/// How a backup compares with the vault.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BackupComparison {
    /// Accounts identical in both (labels, secret, parameters, group,
    /// note, card data).
    pub identical: usize,
    /// Accounts whose id is in both but whose content differs.
    pub differing: Vec<AccountId>,
    /// In the backup only (deleted from the vault since).
    pub only_in_backup: Vec<AccountId>,
    /// Exportable vault accounts missing from the backup.
    pub only_in_vault: Vec<AccountId>,
    /// Non-exportable vault accounts missing from a backup made without
    /// them (expected; not a mismatch).
    pub left_out_by_policy: usize,
}

impl BackupComparison {
    /// True when restoring the backup would give back exactly the vault's
    /// accounts (apart from those left out by policy).
    pub fn matches(&self) -> bool {
        self.differing.is_empty() && self.only_in_backup.is_empty() && self.only_in_vault.is_empty()
    }
}

/// Decrypts a backup file and returns its accounts. Refuses KDF
/// parameters below `floor` ([`VaultError::WeakKdf`]) or above `max`
/// (capped at [`KdfParams::HARD_MAX`]; [`VaultError::Malformed`]) before
/// any Argon2 run, and any slot count but one.
pub fn read_backup(
    bytes: &[u8],
    passphrase: &[u8],
    floor: &KdfParams,
    max: &KdfParams,
) -> Result<Vec<VaultAccount>, VaultError> {
    let version = format::check_magic(bytes, BACKUP_MAGIC)?;
    if version != BACKUP_VERSION {
        return Err(VaultError::UnsupportedVersion(version));
    }
    let passphrase = normalize_passphrase(passphrase)?;
    let mut r = Reader::new(bytes);
    r.take(BACKUP_MAGIC.len() + 2)?;
    let header_len = r.u32()? as usize;
    let header = bytes.get(..header_len).ok_or(VaultError::Truncated)?;
    let mut h = Reader::new(header);
    h.take(BACKUP_MAGIC.len() + 2 + 4)?;
    let kdf = format::read_kdf(&mut h)?;
    kdf.check(floor, max)?;
    let count = h.u8()?;
    if count != BACKUP_SLOTS {
        return Err(VaultError::Malformed("backup slot count"));
    }
    let mut slots = Vec::with_capacity(usize::from(count));
    for _ in 0..count {
        if h.u8()? != SLOT_PASSPHRASE {
            return Err(VaultError::Malformed("backup slot kind"));
        }
        let mut s = Reader::new(h.short_bytes()?);
        let slot: ([u8; SALT_LEN], [u8; NONCE_LEN], [u8; WRAPPED_KEY_LEN]) =
            (s.array()?, s.array()?, s.array()?);
        s.expect_end("backup slot")?;
        slots.push(slot);
    }
    let _created_unix = h.u64()?;
    let body_nonce: [u8; NONCE_LEN] = h.array()?;
    h.expect_end("backup header")?;
    let body = bytes.get(header_len..).ok_or(VaultError::Truncated)?;

    for (salt, nonce, wrapped) in &slots {
        let kek = kdf.derive(&passphrase, salt)?;
        if let Some(key) = crypto::open(&kek, nonce, &slot_aad(&kdf, salt), wrapped) {
            let key = to_key(&key)?;
            let plain =
                crypto::open(&key, &body_nonce, header, body).ok_or(VaultError::Tampered)?;
            return codec::decode_accounts(&plain);
        }
    }
    Err(VaultError::WrongPassphrase)
}

impl UnlockedVault {
    /// Writes an encrypted backup under `passphrase` (at least eight
    /// characters). Returns the file's bytes; the caller stores them.
    /// Including non-exportable accounts takes the PIN (see
    /// [`BackupScope`]).
    pub fn export_backup(
        &mut self,
        passphrase: &[u8],
        scope: BackupScope<'_>,
        now: u64,
    ) -> Result<(Vec<u8>, BackupReport), VaultError> {
        let passphrase = normalize_passphrase(passphrase)?;
        let include_non_exportable = match scope {
            BackupScope::ExportableOnly => false,
            BackupScope::IncludingNonExportable { pin } => {
                self.verify_pin(pin, now)?;
                true
            }
        };
        let (included, left_out): (Vec<&VaultAccount>, Vec<&VaultAccount>) = self
            .accounts()
            .iter()
            .partition(|a| a.exportable || include_non_exportable);
        let kdf = self.vault().config.kdf;
        let key = crypto::random_key()?;
        let salt = crypto::random()?;
        let slot_nonce = crypto::random()?;
        let kek = kdf.derive(&passphrase, &salt)?;
        let wrapped = crypto::seal(&kek, &slot_nonce, &slot_aad(&kdf, &salt), key.as_ref())?;

        let mut w = Writer::new();
        w.bytes(BACKUP_MAGIC);
        w.u16(BACKUP_VERSION);
        w.u32(0);
        format::write_kdf(&mut w, &kdf);
        w.u8(1);
        w.u8(SLOT_PASSPHRASE);
        let mut slot = salt.to_vec();
        slot.extend_from_slice(&slot_nonce);
        slot.extend_from_slice(&wrapped);
        w.short_bytes(&slot)?;
        w.u64(now);
        let body_nonce: [u8; NONCE_LEN] = crypto::random()?;
        w.bytes(&body_nonce);
        let mut header = w.finish().to_vec();
        let len =
            u32::try_from(header.len()).map_err(|_| VaultError::Internal("header too long"))?;
        header[10..14].copy_from_slice(&len.to_le_bytes());

        let accounts: Vec<VaultAccount> = included.into_iter().cloned().collect();
        let plain = codec::encode_accounts(&accounts)?;
        let body = crypto::seal(&key, &body_nonce, &header, &plain)?;
        let mut out = header;
        out.extend_from_slice(&body);
        let report = BackupReport {
            included: accounts.len(),
            left_out: left_out.iter().map(|a| a.id).collect(),
        };
        Ok((out, report))
    }

    /// Adds the backup's accounts that the vault does not have yet, in one
    /// atomic save. Existing accounts are never changed.
    pub fn import_backup(
        &mut self,
        bytes: &[u8],
        passphrase: &[u8],
        now: u64,
    ) -> Result<ImportReport, VaultError> {
        let config = self.vault().config;
        let incoming = read_backup(bytes, passphrase, &config.kdf_floor, &config.kdf_max)?;
        let mut next = self.accounts().to_vec();
        let mut report = ImportReport::default();
        let mut position = next
            .iter()
            .map(|a| a.position.saturating_add(1))
            .max()
            .unwrap_or(0);
        for mut account in incoming {
            if next
                .iter()
                .any(|a| a.id == account.id || a.same_credential(&account))
            {
                report.duplicates += 1;
                continue;
            }
            account.position = position;
            account.updated_unix = now;
            position = position.saturating_add(1);
            report.added.push(account.id);
            next.push(account);
        }
        if !report.added.is_empty() {
            self.commit(next)?;
        }
        Ok(report)
    }

    /// Decrypts a backup and compares it with the vault. Changes nothing.
    pub fn verify_backup(
        &self,
        bytes: &[u8],
        passphrase: &[u8],
    ) -> Result<BackupComparison, VaultError> {
        let config = self.vault().config;
        let backup = read_backup(bytes, passphrase, &config.kdf_floor, &config.kdf_max)?;
        let mut cmp = BackupComparison::default();
        let has_non_exportable = backup.iter().any(|a| !a.exportable);
        for b in &backup {
            match self.account(b.id) {
                Some(v) if same_content(v, b) => cmp.identical += 1,
                Some(_) => cmp.differing.push(b.id),
                None => cmp.only_in_backup.push(b.id),
            }
        }
        for v in self.accounts() {
            if backup.iter().any(|b| b.id == v.id) {
                continue;
            }
            if v.exportable || has_non_exportable {
                cmp.only_in_vault.push(v.id);
            } else {
                cmp.left_out_by_policy += 1;
            }
        }
        Ok(cmp)
    }
}

fn same_content(a: &VaultAccount, b: &VaultAccount) -> bool {
    a.same_credential(b)
        && a.otp.issuer == b.otp.issuer
        && a.otp.account == b.otp.account
        && a.otp.params == b.otp.params
        && a.bank_card == b.bank_card
        && a.group == b.group
        && a.note == b.note
}

fn slot_aad(kdf: &KdfParams, salt: &[u8; SALT_LEN]) -> Vec<u8> {
    let mut w = Writer::new();
    w.bytes(b"ramz-backup-v1 passphrase slot");
    format::write_kdf(&mut w, kdf);
    w.bytes(salt);
    w.finish().to_vec()
}

/// UTF-8, Persian and Arabic-Indic digits mapped to ASCII (so the same
/// passphrase typed on another keyboard still works), at least
/// [`MIN_PASSPHRASE_CHARS`] characters.
fn normalize_passphrase(passphrase: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, VaultError> {
    let weak = VaultError::WeakPassphrase {
        min: MIN_PASSPHRASE_CHARS,
    };
    let text = core::str::from_utf8(passphrase).map_err(|_| VaultError::WeakPassphrase {
        min: MIN_PASSPHRASE_CHARS,
    })?;
    if text.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(weak);
    }
    let mut out = zeroize::Zeroizing::new(Vec::with_capacity(passphrase.len()));
    let mut buf = [0u8; 4];
    for c in text.chars() {
        let mapped = ramz_otp::ascii_digit(c).map(char::from).unwrap_or(c);
        out.extend_from_slice(mapped.encode_utf8(&mut buf).as_bytes());
    }
    Ok(out)
}
