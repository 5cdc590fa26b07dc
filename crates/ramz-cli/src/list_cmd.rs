//! The vault commands that read it: `ramz list`, `ramz codes`,
//! `ramz export uris|migration`.

use clap::{Args, Subcommand};
use ramz_core::{AccountInfo, AccountKind, PlainExport};
use serde_json::{Value, json};

use crate::code_cmd::unix_now;
use crate::failure::{CliError, core_error};
use crate::input::typed_number;
use crate::vault_cmd::select;
use crate::vault_io::{SecretInput, VaultOpts};

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
    /// Device time (Unix seconds) to compute the codes for (default: now);
    /// the vault's clock offset (`ramz clock`) is added to it.
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
    /// Write the exportable accounts as a plain Aegis vault JSON (secrets
    /// in clear), which Aegis, 2FAS, Ente Auth and Proton import.
    Aegis(crate::import_cmd::ExportAegisArgs),
}

/// Runs `ramz list`: id, kind, issuer, account (tab-separated), or JSON.
/// Never a secret.
pub fn list(args: ListArgs) -> Result<(), CliError> {
    let mut secrets = SecretInput::new(args.opts.pin_stdin, false);
    let auth = args.opts.unlock(&mut secrets)?;
    let accounts = auth.accounts().map_err(core_error)?;
    if args.json {
        let items: Vec<Value> = accounts
            .iter()
            .enumerate()
            .map(|(i, a)| account_json(a, i))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&items)
                .map_err(|e| CliError::new(crate::failure::Exit::Failure, e))?
        );
        return Ok(());
    }
    for a in &accounts {
        println!(
            "{}\t{}\t{}\t{}",
            a.id,
            kind_name(a),
            a.preview.issuer,
            a.preview.account
        );
    }
    Ok(())
}

/// Runs `ramz codes`: `issuer<TAB>account<TAB>code` per account, at the
/// device time corrected by the vault's clock offset (the bank's, after
/// `ramz activate`). HOTP accounts show `-` unless named (naming one
/// advances its counter).
pub fn codes(args: CodesArgs) -> Result<(), CliError> {
    let mut secrets = SecretInput::new(args.opts.pin_stdin, false);
    let mut auth = args.opts.unlock(&mut secrets)?;
    let now = args.time.map_or_else(unix_now, Ok)?;
    let accounts = if args.ids.is_empty() {
        auth.accounts().map_err(core_error)?
    } else {
        args.ids
            .iter()
            .map(|s| select(&auth, s))
            .collect::<Result<Vec<_>, _>>()?
    };
    for a in accounts {
        let code = match a.preview.kind {
            AccountKind::Hotp { .. } if args.ids.is_empty() => "-".to_owned(),
            AccountKind::Hotp { .. } => auth.hotp_next(a.id, unix_now()?).map_err(core_error)?,
            _ => auth.code(a.id, now).map_err(core_error)?.code,
        };
        println!("{}\t{}\t{code}", a.preview.issuer, a.preview.account);
    }
    Ok(())
}

/// Runs `ramz export ...`: the texts on stdout, a warning per left-out
/// account on stderr.
pub fn export(command: ExportCommand) -> Result<(), CliError> {
    let (opts, migration) = match command {
        ExportCommand::Uris { opts } => (opts, false),
        ExportCommand::Migration { opts } => (opts, true),
        ExportCommand::Aegis(args) => return crate::import_cmd::export_aegis(args),
    };
    let mut secrets = SecretInput::new(opts.pin_stdin, false);
    let auth = opts.unlock(&mut secrets)?;
    let export: PlainExport = if migration {
        auth.export_migration(batch_id())
    } else {
        auth.export_uris()
    }
    .map_err(core_error)?;
    for text in &export.texts {
        println!("{}", text.as_str());
    }
    warn_left_out(&export);
    Ok(())
}

/// One stderr warning line per account an export left out (bank cards):
/// its label, id and why; never a secret.
pub(crate) fn warn_left_out(export: &PlainExport) {
    if export.left_out.is_empty() {
        return;
    }
    eprintln!(
        "warning: {} account(s) left out of the export:",
        export.left_out.len()
    );
    for l in &export.left_out {
        eprintln!("  {} ({}): {}", l.label, l.id, l.reason);
    }
}

/// The stable kind names of `list`.
fn kind_name(a: &AccountInfo) -> &'static str {
    match a.preview.kind {
        _ if a.masked_card.is_some() => "bank-card",
        AccountKind::Totp { .. } => "totp",
        AccountKind::Hotp { .. } => "hotp",
        AccountKind::Steam => "steam",
    }
}

/// One account for `list --json`; no secret.
fn account_json(a: &AccountInfo, position: usize) -> Value {
    let p = &a.preview;
    let (period, counter) = match p.kind {
        AccountKind::Totp { period } => (Some(period), None),
        AccountKind::Hotp { counter } => (None, Some(counter)),
        AccountKind::Steam => (Some(30), None),
    };
    json!({
        "id": a.id.to_string(),
        "kind": kind_name(a),
        "issuer": p.issuer,
        "account": p.account,
        "label": a.label(),
        "algorithm": p.algorithm.to_string(),
        "digits": p.digits,
        "period": period,
        "counter": counter,
        "group": a.group,
        "note": a.note,
        "bank_name": a.bank_name,
        "masked_card": a.masked_card,
        "exportable": a.exportable,
        "position": position,
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
