//! The vault commands that read it: `ramz list`, `ramz codes`,
//! `ramz export uris|migration`.

use clap::{Args, Subcommand};
use ramz_otp::OtpKind;
use ramz_vault::{AccountKind, PlainExport, UnlockedVault, VaultAccount, label};
use serde_json::{Value, json};

use crate::code_cmd::unix_now;
use crate::failure::CliError;
use crate::input::typed_number;
use crate::vault_cmd::select;
use crate::vault_io::{SecretInput, VaultOpts, vault_error};

/// Arguments of `ramz list`.
#[derive(Args)]
pub struct ListArgs {
    /// One JSON array instead of tab-separated lines.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub opts: VaultOpts,
}

/// Arguments of `ramz codes`.
#[derive(Args)]
pub struct CodesArgs {
    /// Only these accounts (ids or unique prefixes). An HOTP account's
    /// counter is advanced only when it is named here.
    pub ids: Vec<String>,
    /// Unix time to compute the codes for (default: now).
    #[arg(long, value_name = "UNIX", value_parser = typed_number::<u64>)]
    pub time: Option<u64>,
    #[command(flatten)]
    pub opts: VaultOpts,
}

/// `ramz export ...`.
#[derive(Subcommand)]
pub enum ExportCommand {
    /// Print one otpauth:// URI per exportable account (secrets in clear).
    Uris {
        #[command(flatten)]
        opts: VaultOpts,
    },
    /// Print Google Authenticator migration URIs (otpauth-migration://),
    /// one per QR code, of the exportable accounts (secrets in clear).
    Migration {
        #[command(flatten)]
        opts: VaultOpts,
    },
}

/// Runs `ramz list`: id, kind, issuer, account (tab-separated), or JSON.
/// Never a secret.
pub fn list(args: ListArgs) -> Result<(), CliError> {
    let mut secrets = SecretInput::new(args.opts.pin_stdin, false);
    let vault = args.opts.unlock(&mut secrets)?;
    if args.json {
        let items: Vec<Value> = vault.accounts().iter().map(account_json).collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&items)
                .map_err(|e| CliError::new(crate::failure::Exit::Failure, e))?
        );
        return Ok(());
    }
    for a in vault.accounts() {
        println!(
            "{}\t{}\t{}\t{}",
            a.id,
            kind_name(a.kind()),
            a.otp.issuer,
            a.otp.account
        );
    }
    Ok(())
}

/// Runs `ramz codes`: `issuer<TAB>account<TAB>code` per account. HOTP
/// accounts show `-` unless named (naming one advances its counter).
pub fn codes(args: CodesArgs) -> Result<(), CliError> {
    let mut secrets = SecretInput::new(args.opts.pin_stdin, false);
    let mut vault = args.opts.unlock(&mut secrets)?;
    let now = args.time.map_or_else(unix_now, Ok)?;
    let chosen = if args.ids.is_empty() {
        vault.accounts().iter().map(|a| a.id).collect()
    } else {
        args.ids
            .iter()
            .map(|s| select(&vault, s))
            .collect::<Result<Vec<_>, _>>()?
    };
    for id in chosen {
        let code = match vault.account(id).map(|a| a.otp.params.kind) {
            Some(OtpKind::Hotp { .. }) if args.ids.is_empty() => "-".to_owned(),
            Some(OtpKind::Hotp { .. }) => {
                let counter = vault.increment_hotp(id, unix_now()?).map_err(vault_error)?;
                code_of(&vault, id, now, counter)
            }
            _ => code_of(&vault, id, now, 0),
        };
        if let Some(a) = vault.account(id) {
            println!("{}\t{}\t{code}", a.otp.issuer, a.otp.account);
        }
    }
    Ok(())
}

/// Runs `ramz export ...`: the texts on stdout, a warning per left-out
/// account on stderr.
pub fn export(command: ExportCommand) -> Result<(), CliError> {
    let (opts, migration) = match command {
        ExportCommand::Uris { opts } => (opts, false),
        ExportCommand::Migration { opts } => (opts, true),
    };
    let mut secrets = SecretInput::new(opts.pin_stdin, false);
    let vault = opts.unlock(&mut secrets)?;
    let export: PlainExport = if migration {
        vault.export_migration(batch_id())
    } else {
        vault.export_uris()
    };
    for text in &export.texts {
        println!("{}", text.as_str());
    }
    if !export.left_out.is_empty() {
        eprintln!(
            "warning: {} account(s) left out of the export:",
            export.left_out.len()
        );
        for l in &export.left_out {
            eprintln!("  {} ({}): {}", l.label, l.id, l.reason);
        }
    }
    Ok(())
}

fn code_of(vault: &UnlockedVault, id: ramz_vault::AccountId, now: u64, counter: u64) -> String {
    vault
        .account(id)
        .map(|a| a.otp.generator().view(now, counter).code.to_string())
        .unwrap_or_default()
}

/// The stable kind names of `list`.
fn kind_name(kind: AccountKind) -> &'static str {
    match kind {
        AccountKind::Totp => "totp",
        AccountKind::Hotp => "hotp",
        AccountKind::Steam => "steam",
        AccountKind::BankCard => "bank-card",
        _ => "other",
    }
}

/// One account for `list --json`; no secret.
fn account_json(a: &VaultAccount) -> Value {
    let p = &a.otp.params;
    let (period, counter) = match p.kind {
        OtpKind::Totp { period } => (Some(period.get()), None),
        OtpKind::Hotp { counter } => (None, Some(counter)),
        OtpKind::Steam => (Some(30), None),
    };
    json!({
        "id": a.id.to_string(),
        "kind": kind_name(a.kind()),
        "issuer": a.otp.issuer,
        "account": a.otp.account,
        "label": label(a),
        "algorithm": p.algorithm.to_string(),
        "digits": p.digits.get(),
        "period": period,
        "counter": counter,
        "group": a.group,
        "note": a.note,
        "bank_name": a.bank_card.as_ref().map(|c| c.bank_name.clone()),
        "masked_card": a.bank_card.as_ref().map(|c| c.masked_card.as_str().to_owned()),
        "exportable": a.exportable,
        "position": a.position,
        "created_unix": a.created_unix,
        "updated_unix": a.updated_unix,
    })
}

/// A batch id for a migration export: it only groups the QR codes of one
/// export (Google uses a random one), so the clock is enough.
fn batch_id() -> i32 {
    let mixed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos() ^ (d.as_secs() as u32))
        .unwrap_or(1);
    (mixed & 0x7fff_ffff) as i32
}
