//! `ramz backup export|import|verify`: encrypted backups under their own
//! passphrase (format in `docs/vault-format.md`).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use ramz_vault::{AccountId, BackupOptions, UnlockedVault, VaultError, label};

use crate::code_cmd::unix_now;
use crate::failure::{CliError, Exit};
use crate::vault_io::{SecretInput, VaultOpts, vault_error, vault_error_at};

/// Options of every backup command.
#[derive(Args)]
pub struct BackupOpts {
    /// The backup file.
    pub file: PathBuf,
    /// Read the backup passphrase from stdin (after the PIN line when
    /// --pin-stdin is given too) instead of the terminal.
    #[arg(long)]
    pub passphrase_stdin: bool,
    #[command(flatten)]
    pub opts: VaultOpts,
}

/// `ramz backup ...`.
#[derive(Subcommand)]
pub enum BackupCommand {
    /// Write an encrypted backup of the vault's accounts to FILE.
    Export {
        #[command(flatten)]
        backup: BackupOpts,
        /// Also back up accounts marked not exportable (bank cards).
        #[arg(long)]
        include_bank_cards: bool,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Add the backup's accounts that the vault does not have yet.
    Import {
        #[command(flatten)]
        backup: BackupOpts,
    },
    /// Decrypt FILE and compare it with the vault; changes nothing. Exit
    /// code 9 when they differ.
    Verify {
        #[command(flatten)]
        backup: BackupOpts,
    },
}

/// Runs `ramz backup ...`.
pub fn run(command: BackupCommand) -> Result<(), CliError> {
    match command {
        BackupCommand::Export {
            backup,
            include_bank_cards,
            force,
        } => export(&backup, include_bank_cards, force),
        BackupCommand::Import { backup } => import(&backup),
        BackupCommand::Verify { backup } => verify(&backup),
    }
}

fn export(b: &BackupOpts, include_bank_cards: bool, force: bool) -> Result<(), CliError> {
    if !force && b.file.exists() {
        return Err(CliError::new(
            Exit::Failure,
            format!(
                "{} already exists; not overwriting it (pass --force)",
                b.file.display()
            ),
        ));
    }
    let (vault, mut secrets) = unlock(b)?;
    let passphrase = secrets.passphrase("Backup passphrase (8 characters or more): ", true)?;
    let options = BackupOptions {
        include_non_exportable: include_bank_cards,
    };
    let (bytes, report) = vault
        .export_backup(passphrase.as_bytes(), options, unix_now()?)
        .map_err(vault_error)?;
    write_file(&b.file, &bytes, force)?;
    println!(
        "Backed up {} account(s) to {}",
        report.included,
        b.file.display()
    );
    if !report.left_out.is_empty() {
        eprintln!(
            "warning: {} account(s) not exportable were left out (--include-bank-cards adds them):",
            report.left_out.len()
        );
        list_ids(&vault, &report.left_out);
    }
    Ok(())
}

fn import(b: &BackupOpts) -> Result<(), CliError> {
    let bytes = read_file(&b.file)?;
    let (mut vault, mut secrets) = unlock(b)?;
    let passphrase = secrets.passphrase("Backup passphrase: ", false)?;
    let report = vault
        .import_backup(&bytes, passphrase.as_bytes(), unix_now()?)
        .map_err(|e| backup_error(&b.file, e))?;
    for id in &report.added {
        if let Some(a) = vault.account(*id) {
            println!("{id}\t{}", label(a));
        }
    }
    println!(
        "Imported {} account(s); {} already in the vault",
        report.added.len(),
        report.duplicates
    );
    Ok(())
}

fn verify(b: &BackupOpts) -> Result<(), CliError> {
    let bytes = read_file(&b.file)?;
    let (vault, mut secrets) = unlock(b)?;
    let passphrase = secrets.passphrase("Backup passphrase: ", false)?;
    let cmp = vault
        .verify_backup(&bytes, passphrase.as_bytes())
        .map_err(|e| backup_error(&b.file, e))?;
    println!("identical:\t{}", cmp.identical);
    println!("differing:\t{}", cmp.differing.len());
    println!("only in backup:\t{}", cmp.only_in_backup.len());
    println!("only in vault:\t{}", cmp.only_in_vault.len());
    println!("left out by policy:\t{}", cmp.left_out_by_policy);
    if cmp.matches() {
        println!("The backup matches the vault.");
        return Ok(());
    }
    if !cmp.differing.is_empty() {
        eprintln!("differ between backup and vault:");
        list_ids(&vault, &cmp.differing);
    }
    if !cmp.only_in_vault.is_empty() {
        eprintln!("missing from the backup:");
        list_ids(&vault, &cmp.only_in_vault);
    }
    if !cmp.only_in_backup.is_empty() {
        eprintln!("in the backup but no longer in the vault:");
        for id in &cmp.only_in_backup {
            eprintln!("  {id}");
        }
    }
    Err(CliError::new(
        Exit::Mismatch,
        "the backup does not match the vault",
    ))
}

fn unlock(b: &BackupOpts) -> Result<(UnlockedVault, SecretInput), CliError> {
    let mut secrets = SecretInput::new(b.opts.pin_stdin, b.passphrase_stdin);
    let vault = b.opts.unlock(&mut secrets)?;
    Ok((vault, secrets))
}

fn list_ids(vault: &UnlockedVault, ids: &[AccountId]) {
    for id in ids {
        let shown = vault.account(*id).map(label).unwrap_or_default();
        eprintln!("  {shown} ({id})");
    }
}

/// File-level problems name the backup file; a wrong passphrase does not
/// need to.
fn backup_error(file: &Path, e: VaultError) -> CliError {
    match e {
        VaultError::WrongPassphrase | VaultError::WeakPassphrase { .. } => vault_error(e),
        other => vault_error_at(file, other),
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|e| {
        CliError::new(
            Exit::Failure,
            format!("cannot read {}: {e}", path.display()),
        )
    })
}

/// Writes the backup through a temporary file in the same directory
/// (mode 0600), so a crash never leaves half a backup under the name.
fn write_file(path: &Path, bytes: &[u8], replace: bool) -> Result<(), CliError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |e: std::io::Error| {
        CliError::new(
            Exit::Failure,
            format!("cannot write {}: {e}", path.display()),
        )
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    if replace {
        tmp.persist(path).map_err(|e| fail(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| fail(e.error))?;
    }
    Ok(())
}
