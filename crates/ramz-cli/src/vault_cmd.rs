//! The vault commands that change it: `ramz init`, `ramz add`,
//! `ramz rename`, `ramz remove`, `ramz pin change`.

use std::sync::Arc;

use clap::{Args, Subcommand};
use ramz_core::{AccountId, AccountInfo, AddReport, Authenticator, CoreError, Relabel, Scanned};
use ramz_otp::OtpParams;

use crate::code_cmd::unix_now;
use crate::failure::{CliError, core_error, core_error_at};
use crate::input::{Input, OtpOverrides};
use crate::vault_io::{SecretInput, VaultOpts, keystore_for_new_vault};

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
        return Err(core_error_at(&path, CoreError::AlreadyExists));
    }
    let key_path = args.opts.keystore_path(&path)?;
    let mut secrets = SecretInput::new(args.opts.pin_stdin, false);
    // Ask before creating anything, so a refused PIN leaves no files.
    let pin = secrets.new_pin("Choose a 6-digit PIN: ")?;
    Authenticator::check_new_pin(pin.as_bytes()).map_err(core_error)?;
    let key_existed = key_path.exists();
    let keystore = keystore_for_new_vault(&path, &key_path)?;
    Authenticator::create(&path, pin.as_bytes(), Arc::new(keystore), unix_now()?)
        .map_err(|e| core_error_at(&path, e))?;
    println!("Created the vault {}", path.display());
    println!(
        "Device key {} {}: keep it on this machine and out of backups.",
        key_path.display(),
        if key_existed { "(reused)" } else { "created" }
    );
    Ok(())
}

/// Runs `ramz add`: every text goes through the app's scan path
/// (`read_text`, then `add_scanned`): one classification, one duplicate
/// rule, one atomic save per QR code.
pub fn add(args: AddArgs) -> Result<(), CliError> {
    let input = crate::input::resolve_input(&args.input)?;
    let relabel = Relabel {
        issuer: args.issuer.clone(),
        account: args.account.clone(),
    };
    let mut secrets = SecretInput::new(args.opts.pin_stdin, false);
    let mut auth = args.opts.unlock(&mut secrets)?;
    let now = unix_now()?;
    // Each QR code of an image keeps the payload ramz-qr classified; a
    // text is classified by the core. A lone text the core does not know
    // may be a base32 secret.
    let (scans, lone_text) = match input {
        Input::Image(codes) => {
            let lone = match codes.as_slice() {
                [one] => Some(one.text.clone()),
                _ => None,
            };
            let scans = codes
                .into_iter()
                .map(|c| auth.read_code(c))
                .collect::<Result<Vec<_>, _>>()
                .map_err(core_error)?;
            (scans, lone)
        }
        Input::Text(text) => (vec![auth.read_text(&text).map_err(core_error)?], Some(text)),
    };
    let single = scans.len() == 1;
    let mut pendings = Vec::new();
    let mut bare_secret = None;
    for scanned in scans {
        match scanned {
            Scanned::Account { pending, .. } => pendings.push((pending, 1)),
            Scanned::Migration {
                pending, accounts, ..
            } => pendings.push((pending, accounts.len())),
            Scanned::Invalid { problem } => {
                return Err(core_error(CoreError::InvalidInput(problem)));
            }
            Scanned::BankActivation { .. } => {
                return Err(CliError::bad_input(
                    "this is a bank card activation; use `ramz activate`",
                ));
            }
            _ if single => bare_secret = lone_text.clone().filter(|t| !t.contains("://")),
            _ => {}
        }
    }
    if args.otp.any() && bare_secret.is_none() {
        return Err(CliError::usage(
            "--algorithm, --digits, --period and --counter apply to a base32 secret; a URI sets its own",
        ));
    }
    let relabelled = relabel != Relabel::default();
    if let Some(text) = bare_secret {
        if !relabelled {
            return Err(CliError::usage(
                "a base32 secret needs --issuer or --account (or both)",
            ));
        }
        let mut params = OtpParams::default_totp();
        args.otp.apply(&mut params)?;
        let mut account = crate::input::account_from_base32(&text, params)?;
        account.issuer = relabel.issuer.unwrap_or_default().trim().to_owned();
        account.account = relabel.account.unwrap_or_default().trim().to_owned();
        let report = auth.add_accounts(vec![account], now).map_err(core_error)?;
        return show(&report);
    }
    match pendings.as_slice() {
        [] => Err(CliError::bad_input(
            "input is neither an otpauth URI, a migration export nor a base32 secret",
        )),
        [(one, 1)] if relabelled => show(
            &auth
                .add_scanned_as(*one, relabel, now)
                .map_err(core_error)?,
        ),
        _ if relabelled => Err(CliError::usage(
            "--issuer and --account need an input with exactly one account",
        )),
        many => {
            for (pending, _) in many {
                show(&auth.add_scanned(*pending, now).map_err(core_error)?)?;
            }
            Ok(())
        }
    }
}

fn show(report: &AddReport) -> Result<(), CliError> {
    for a in &report.added {
        println!("{}\t{}", a.id, a.label());
    }
    for d in &report.duplicates {
        let shown = match (d.preview.issuer.is_empty(), d.preview.account.is_empty()) {
            (false, false) => format!("{}: {}", d.preview.issuer, d.preview.account),
            (false, true) => d.preview.issuer.clone(),
            _ => d.preview.account.clone(),
        };
        eprintln!(
            "already in the vault as {}: {shown}; not added again",
            d.existing
        );
    }
    Ok(())
}

/// Runs `ramz rename`.
pub fn rename(args: RenameArgs) -> Result<(), CliError> {
    if args.issuer.is_none() && args.account.is_none() {
        return Err(CliError::usage("give --issuer, --account or both"));
    }
    let mut secrets = SecretInput::new(args.opts.pin_stdin, false);
    let mut auth = args.opts.unlock(&mut secrets)?;
    let current = select(&auth, &args.id)?;
    let issuer = args.issuer.unwrap_or(current.preview.issuer);
    let account = args.account.unwrap_or(current.preview.account);
    let renamed = auth
        .rename(current.id, &issuer, &account, unix_now()?)
        .map_err(core_error)?;
    println!("{}\t{}", renamed.id, renamed.label());
    Ok(())
}

/// Runs `ramz remove`.
pub fn remove(args: RemoveArgs) -> Result<(), CliError> {
    let mut secrets = SecretInput::new(args.opts.pin_stdin, false);
    let mut auth = args.opts.unlock(&mut secrets)?;
    let chosen = select(&auth, &args.id)?;
    auth.delete(chosen.id).map_err(core_error)?;
    println!("Removed {}\t{}", chosen.id, chosen.label());
    Ok(())
}

/// Runs `ramz pin ...`.
pub fn pin(command: PinCommand) -> Result<(), CliError> {
    match command {
        PinCommand::Change { opts } => {
            // The PIN typed to open the vault is the current PIN the
            // change re-authenticates with (checked again, counted).
            let mut secrets = SecretInput::new(opts.pin_stdin, false);
            let (mut auth, current) = opts.unlock_keeping_pin(&mut secrets, "Current PIN: ")?;
            let new_pin = secrets.new_pin("New 6-digit PIN: ")?;
            auth.change_pin(current.as_bytes(), new_pin.as_bytes(), unix_now()?)
                .map_err(core_error)?;
            println!("PIN changed.");
            Ok(())
        }
    }
}

/// The account an id argument names: the whole id or a unique prefix of
/// at least four hex digits.
pub fn select(auth: &Authenticator, arg: &str) -> Result<AccountInfo, CliError> {
    let wanted = arg.trim().to_ascii_lowercase();
    let accounts = auth.accounts().map_err(core_error)?;
    if let Some(id) = AccountId::parse_hex(&wanted) {
        return accounts
            .into_iter()
            .find(|a| a.id == id)
            .ok_or_else(|| CliError::bad_input(format!("no account with id {wanted}")));
    }
    if wanted.len() < 4 || !wanted.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(CliError::bad_input(
            "an account id is 32 hex digits (a unique prefix of 4 or more will do)",
        ));
    }
    let mut matching: Vec<AccountInfo> = accounts
        .into_iter()
        .filter(|a| a.id.to_string().starts_with(&wanted))
        .collect();
    match matching.len() {
        1 => Ok(matching.remove(0)),
        0 => Err(CliError::bad_input(format!("no account with id {wanted}"))),
        n => Err(CliError::bad_input(format!(
            "{n} accounts have ids starting with {wanted}; give more digits"
        ))),
    }
}
