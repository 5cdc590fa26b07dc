//! The vault commands that change it: `ramz init`, `ramz add`,
//! `ramz rename`, `ramz remove`, `ramz pin change`.

use std::sync::Arc;

use clap::{Args, Subcommand};
use ramz_otp::payload::{Payload, classify};
use ramz_otp::{OtpAccount, OtpKind, OtpParams};
use ramz_vault::{AccountId, UnlockedVault, Vault, VaultAccount, VaultConfig, VaultError, label};

use crate::code_cmd::unix_now;
use crate::failure::CliError;
use crate::input::OtpOverrides;
use crate::vault_io::{
    SecretInput, VaultOpts, keystore_for_new_vault, vault_error, vault_error_at,
};

/// Arguments of `ramz init`.
#[derive(Args)]
pub struct InitArgs {
    #[command(flatten)]
    pub opts: VaultOpts,
}

/// Arguments of `ramz add`.
#[derive(Args)]
pub struct AddArgs {
    /// An otpauth:// URI, an otpauth-migration:// export (every account in
    /// it is added), a QR image file, or a base32 secret.
    pub input: String,
    /// Issuer label (overrides the URI's; needed with a base32 secret
    /// unless --account is given).
    #[arg(long, value_name = "I")]
    pub issuer: Option<String>,
    /// Account label (overrides the URI's).
    #[arg(long, value_name = "A")]
    pub account: Option<String>,
    /// Parameters of a base32 secret (a URI sets its own).
    #[command(flatten)]
    pub otp: OtpOverrides,
    #[command(flatten)]
    pub opts: VaultOpts,
}

/// Arguments of `ramz rename`.
#[derive(Args)]
pub struct RenameArgs {
    /// The account's id (as `ramz list` shows it) or a unique prefix of it.
    pub id: String,
    /// New issuer label (default: unchanged).
    #[arg(long, value_name = "I")]
    pub issuer: Option<String>,
    /// New account label (default: unchanged).
    #[arg(long, value_name = "A")]
    pub account: Option<String>,
    #[command(flatten)]
    pub opts: VaultOpts,
}

/// Arguments of `ramz remove`.
#[derive(Args)]
pub struct RemoveArgs {
    /// The account's id (as `ramz list` shows it) or a unique prefix of it.
    pub id: String,
    #[command(flatten)]
    pub opts: VaultOpts,
}

/// `ramz pin ...`.
#[derive(Subcommand)]
pub enum PinCommand {
    /// Change the vault PIN (current PIN, then the new one).
    Change {
        #[command(flatten)]
        opts: VaultOpts,
    },
}

/// Runs `ramz init`: a new empty vault and its key file.
pub fn init(args: InitArgs) -> Result<(), CliError> {
    let path = args.opts.vault_path()?;
    if path.exists() {
        return Err(vault_error_at(&path, VaultError::AlreadyExists));
    }
    let key_path = args.opts.keystore_path(&path)?;
    let mut secrets = SecretInput::new(args.opts.pin_stdin, false);
    // Ask before creating anything, so a refused PIN leaves no files.
    let pin = secrets.new_pin("Choose a 6-digit PIN: ")?;
    ramz_vault::Pin::new_checked(pin.as_bytes()).map_err(|p| vault_error(p.into()))?;
    let key_existed = key_path.exists();
    let keystore = keystore_for_new_vault(&path, &key_path)?;
    let vault = Vault::new(&path, Arc::new(keystore), VaultConfig::default());
    vault
        .create(pin.as_bytes(), unix_now()?)
        .map_err(|e| vault_error_at(&path, e))?;
    println!("Created the vault {}", path.display());
    println!(
        "Device key {} {}: keep it on this machine and out of backups.",
        key_path.display(),
        if key_existed { "(reused)" } else { "created" }
    );
    Ok(())
}

/// Runs `ramz add`.
pub fn add(args: AddArgs) -> Result<(), CliError> {
    let accounts = accounts_to_add(&args)?;
    let mut secrets = SecretInput::new(args.opts.pin_stdin, false);
    let mut vault = args.opts.unlock(&mut secrets)?;
    let now = unix_now()?;
    for otp in accounts {
        let shown = label_of(&otp);
        if let Some(existing) = find_same(&vault, &otp) {
            eprintln!("already in the vault as {existing}: {shown}; not added again");
            continue;
        }
        let id = vault.add(otp, now).map_err(vault_error)?;
        println!("{id}\t{shown}");
    }
    Ok(())
}

/// Runs `ramz rename`.
pub fn rename(args: RenameArgs) -> Result<(), CliError> {
    if args.issuer.is_none() && args.account.is_none() {
        return Err(CliError::usage("give --issuer, --account or both"));
    }
    let mut secrets = SecretInput::new(args.opts.pin_stdin, false);
    let mut vault = args.opts.unlock(&mut secrets)?;
    let id = select(&vault, &args.id)?;
    let current = vault
        .account(id)
        .ok_or_else(|| vault_error(VaultError::NoSuchAccount))?;
    let issuer = args.issuer.unwrap_or_else(|| current.otp.issuer.clone());
    let account = args.account.unwrap_or_else(|| current.otp.account.clone());
    vault
        .rename(id, &issuer, &account, unix_now()?)
        .map_err(vault_error)?;
    let renamed = vault
        .account(id)
        .ok_or_else(|| vault_error(VaultError::NoSuchAccount))?;
    println!("{id}\t{}", label(renamed));
    Ok(())
}

/// Runs `ramz remove`.
pub fn remove(args: RemoveArgs) -> Result<(), CliError> {
    let mut secrets = SecretInput::new(args.opts.pin_stdin, false);
    let mut vault = args.opts.unlock(&mut secrets)?;
    let id = select(&vault, &args.id)?;
    let shown = vault.account(id).map(label).unwrap_or_default();
    vault.remove(id).map_err(vault_error)?;
    println!("Removed {id}\t{shown}");
    Ok(())
}

/// Runs `ramz pin ...`.
pub fn pin(command: PinCommand) -> Result<(), CliError> {
    match command {
        PinCommand::Change { opts } => {
            let mut secrets = SecretInput::new(opts.pin_stdin, false);
            let mut vault = opts.unlock(&mut secrets)?;
            let new_pin = secrets.new_pin("New 6-digit PIN: ")?;
            vault.change_pin(new_pin.as_bytes()).map_err(vault_error)?;
            println!("PIN changed.");
            Ok(())
        }
    }
}

/// The account an id argument names: the whole id or a unique prefix of
/// at least four hex digits.
pub fn select(vault: &UnlockedVault, arg: &str) -> Result<AccountId, CliError> {
    let wanted = arg.trim().to_ascii_lowercase();
    if let Some(id) = AccountId::parse_hex(&wanted) {
        return vault
            .account(id)
            .map(|a| a.id)
            .ok_or_else(|| CliError::bad_input(format!("no account with id {wanted}")));
    }
    if wanted.len() < 4 || !wanted.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(CliError::bad_input(
            "an account id is 32 hex digits (a unique prefix of 4 or more will do)",
        ));
    }
    let matching: Vec<&VaultAccount> = vault
        .accounts()
        .iter()
        .filter(|a| a.id.to_string().starts_with(&wanted))
        .collect();
    match matching.as_slice() {
        [one] => Ok(one.id),
        [] => Err(CliError::bad_input(format!("no account with id {wanted}"))),
        _ => Err(CliError::bad_input(format!(
            "{} accounts have ids starting with {wanted}; give more digits",
            matching.len()
        ))),
    }
}

/// Parses `ramz add`'s input into the accounts to add, labels applied.
fn accounts_to_add(args: &AddArgs) -> Result<Vec<OtpAccount>, CliError> {
    let texts = crate::input::resolve_texts(&args.input)?;
    let mut found: Vec<OtpAccount> = Vec::new();
    let mut bare_secret = false;
    for text in texts.iter() {
        match classify(text) {
            Payload::Account(parsed) => found.push(parsed.account),
            Payload::Migration(batch) => found.extend(batch.accounts),
            Payload::Invalid { error, .. } => return Err(error.into()),
            Payload::BankActivation(_) => {
                return Err(CliError::bad_input(
                    "this is a bank card activation; use `ramz activate`",
                ));
            }
            _ if texts.len() == 1 && !text.contains("://") => {
                found.push(crate::input::account_from_base32(text, {
                    let mut params = OtpParams::default_totp();
                    args.otp.apply(&mut params)?;
                    params
                })?);
                bare_secret = true;
            }
            _ => {}
        }
    }
    if args.otp.any() && !bare_secret {
        return Err(CliError::usage(
            "--algorithm, --digits, --period and --counter apply to a base32 secret; a URI sets its own",
        ));
    }
    if found.is_empty() {
        return Err(CliError::bad_input(
            "input is neither an otpauth URI, a migration export nor a base32 secret",
        ));
    }
    if args.issuer.is_some() || args.account.is_some() {
        if found.len() > 1 {
            return Err(CliError::usage(
                "--issuer and --account need an input with exactly one account",
            ));
        }
        for a in &mut found {
            if let Some(i) = &args.issuer {
                a.issuer.clone_from(i);
            }
            if let Some(n) = &args.account {
                a.account.clone_from(n);
            }
        }
    } else if bare_secret {
        return Err(CliError::usage(
            "a base32 secret needs --issuer or --account (or both)",
        ));
    }
    Ok(found)
}

/// The id of an account with the same secret and parameters, if any.
fn find_same(vault: &UnlockedVault, otp: &OtpAccount) -> Option<AccountId> {
    let norm = |k: OtpKind| match k {
        OtpKind::Hotp { .. } => OtpKind::Hotp { counter: 0 },
        other => other,
    };
    vault
        .accounts()
        .iter()
        .find(|a| {
            a.otp.secret == otp.secret
                && a.otp.params.algorithm == otp.params.algorithm
                && a.otp.params.digits == otp.params.digits
                && norm(a.otp.params.kind) == norm(otp.params.kind)
        })
        .map(|a| a.id)
}

fn label_of(otp: &OtpAccount) -> String {
    match (otp.issuer.is_empty(), otp.account.is_empty()) {
        (false, false) => format!("{}: {}", otp.issuer, otp.account),
        (false, true) => otp.issuer.clone(),
        _ => otp.account.clone(),
    }
}
