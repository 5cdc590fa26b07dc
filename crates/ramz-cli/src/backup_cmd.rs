//! `ramz backup export|import|verify`: encrypted backups under their own
//! passphrase (format in `docs/vault-format.md`).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use ramz_core::{AccountId, Authenticator, CoreError, InputProblem};

use crate::code_cmd::unix_now;
use crate::failure::{CliError, Exit, core_error, core_error_at};
use crate::vault_io::{SecretInput, VaultOpts};

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
    // Bank cards go out only with the current PIN, given in the same call:
    // the PIN typed to open the vault for this command.
    let mut secrets = SecretInput::new(b.opts.pin_stdin, b.passphrase_stdin);
    let (mut auth, pin) = b.opts.unlock_keeping_pin(&mut secrets, "Vault PIN: ")?;
    let passphrase = secrets.passphrase("Backup passphrase (8 characters or more): ", true)?;
    let pin_for_cards = include_bank_cards.then_some(pin.as_bytes());
    let report = auth
        .export_backup(passphrase.as_bytes(), pin_for_cards, unix_now()?)
        .map_err(|e| match e {
            CoreError::InvalidInput(InputProblem::Passphrase) => {
                CliError::bad_input("the backup passphrase must have at least 8 characters")
            }
            other => core_error(other),
        })?;
    write_private(&b.file, &report.file, force)?;
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
        list_ids(&auth, &report.left_out);
    }
    Ok(())
}

fn import(b: &BackupOpts) -> Result<(), CliError> {
    let bytes = read_file(&b.file)?;
    let (mut auth, mut secrets) = unlock(b)?;
    let passphrase = secrets.passphrase("Backup passphrase: ", false)?;
    let report = auth
        .import_backup(&bytes, passphrase.as_bytes(), unix_now()?)
        .map_err(|e| backup_error(&b.file, e))?;
    for a in &report.added {
        println!("{}\t{}", a.id, a.label());
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
    let (auth, mut secrets) = unlock(b)?;
    let passphrase = secrets.passphrase("Backup passphrase: ", false)?;
    let cmp = auth
        .verify_backup(&bytes, passphrase.as_bytes())
        .map_err(|e| backup_error(&b.file, e))?;
    println!("identical:\t{}", cmp.identical);
    println!("differing:\t{}", cmp.differing.len());
    println!("only in backup:\t{}", cmp.only_in_backup.len());
    println!("only in vault:\t{}", cmp.only_in_vault.len());
    println!("left out by policy:\t{}", cmp.left_out_by_policy);
    if cmp.matches {
        println!("The backup matches the vault.");
        return Ok(());
    }
    if !cmp.differing.is_empty() {
        eprintln!("differ between backup and vault:");
        list_ids(&auth, &cmp.differing);
    }
    if !cmp.only_in_vault.is_empty() {
        eprintln!("missing from the backup:");
        list_ids(&auth, &cmp.only_in_vault);
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

fn unlock(b: &BackupOpts) -> Result<(Authenticator, SecretInput), CliError> {
    let mut secrets = SecretInput::new(b.opts.pin_stdin, b.passphrase_stdin);
    let auth = b.opts.unlock(&mut secrets)?;
    Ok((auth, secrets))
}

fn list_ids(auth: &Authenticator, ids: &[AccountId]) {
    let accounts = auth.accounts().unwrap_or_default();
    for id in ids {
        let shown = accounts
            .iter()
            .find(|a| a.id == *id)
            .map(|a| a.label())
            .unwrap_or_default();
        eprintln!("  {shown} ({id})");
    }
}

/// A damaged or foreign backup names the file; a wrong passphrase does
/// not need to.
fn backup_error(file: &Path, e: CoreError) -> CliError {
    match e {
        CoreError::InvalidInput(InputProblem::Passphrase) => {
            CliError::bad_input("wrong backup passphrase")
        }
        other => core_error_at(file, other),
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

/// Writes a file of secrets (a backup, a plain export) through a
/// temporary file in the same directory (mode 0600), so a crash never
/// leaves half a file under the name.
pub(crate) fn write_private(path: &Path, bytes: &[u8], replace: bool) -> Result<(), CliError> {
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
