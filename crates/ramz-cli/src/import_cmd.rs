//! `ramz import FILE` (another authenticator's export into the vault) and
//! `ramz export aegis [FILE]` (the way out, as a plain Aegis vault).

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use ramz_core::{
    AccountKind, AccountPreview, Authenticator, CoreError, ImportFormat, ImportPreview,
    ImportProblem,
};
use serde_json::{Value, json};

use crate::code_cmd::unix_now;
use crate::failure::{CliError, Exit, core_error};
use crate::vault_io::{SecretInput, VaultOpts};

/// `--format` names.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatName {
    /// Aegis vault JSON (plain or encrypted).
    Aegis,
    /// 2FAS `.2fas` backup (plain or encrypted).
    #[value(name = "2fas")]
    TwoFas,
    /// Bitwarden unencrypted JSON or CSV export.
    Bitwarden,
    /// Ente Auth export (plain text or encrypted).
    Ente,
    /// LastPass Authenticator JSON.
    Lastpass,
    /// Proton Authenticator export (plain or encrypted).
    Proton,
    /// andOTP backup (plain JSON or `.json.aes`).
    Andotp,
    /// A text file of otpauth:// (and otpauth-migration://) URIs.
    Otpauth,
}

impl From<FormatName> for ImportFormat {
    fn from(f: FormatName) -> Self {
        match f {
            FormatName::Aegis => Self::Aegis,
            FormatName::TwoFas => Self::TwoFas,
            FormatName::Bitwarden => Self::Bitwarden,
            FormatName::Ente => Self::Ente,
            FormatName::Lastpass => Self::LastPass,
            FormatName::Proton => Self::Proton,
            FormatName::Andotp => Self::AndOtp,
            FormatName::Otpauth => Self::Otpauth,
        }
    }
}

/// `ramz import`.
#[derive(Args)]
pub struct ImportArgs {
    /// The export file of the other app.
    pub file: PathBuf,
    /// The app that wrote FILE (default: detected from its content; a
    /// file of another format is refused).
    #[arg(long, value_enum)]
    pub format: Option<FormatName>,
    /// Read the export's passphrase from stdin (after the PIN line when
    /// --pin-stdin is given too) instead of the terminal. Asked only when
    /// the file is encrypted.
    #[arg(long)]
    pub passphrase_stdin: bool,
    /// Show what would be imported; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print {"imported": [...], "duplicates": [...], "skipped": [...]}
    /// (no secrets).
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub opts: VaultOpts,
}

/// Runs `ramz import`: exit 0 when the file was read (even with entries
/// skipped), 3 when it cannot be read, is damaged, or the passphrase is
/// wrong; the vault is then unchanged.
pub fn import(args: ImportArgs) -> Result<(), CliError> {
    let bytes = std::fs::read(&args.file)
        .map_err(|e| CliError::bad_input(format!("cannot read {}: {e}", args.file.display())))?;
    // What the file is, before any PIN or passphrase is asked for.
    let detected = Authenticator::detect_import(&bytes).map_err(|e| file_error(&args.file, e))?;
    let mut secrets = SecretInput::new(args.opts.pin_stdin, args.passphrase_stdin);
    let mut auth = args.opts.unlock(&mut secrets)?;
    let passphrase = if detected.encrypted {
        Some(secrets.passphrase(
            &format!("Passphrase of the {} export: ", detected.format),
            false,
        )?)
    } else {
        None
    };
    let preview = auth
        .preview_import(
            &bytes,
            args.format.map(Into::into),
            passphrase.as_ref().map(|p| p.as_bytes()),
        )
        .map_err(|e| file_error(&args.file, e))?;
    drop(passphrase);
    for s in &preview.skipped {
        eprintln!(
            "skipped: entry {} ({}): {}",
            s.position + 1,
            entry_label(&s.issuer, &s.name),
            s.reason
        );
    }
    if args.dry_run {
        return print(&preview, None, &args);
    }
    let kept = preview.clone();
    let report = auth
        .commit_import(preview, unix_now()?)
        .map_err(core_error)?;
    let added: Vec<(String, AccountPreview)> = report
        .added
        .into_iter()
        .map(|a| (a.id.to_string(), a.preview))
        .collect();
    let duplicates: Vec<(Option<String>, AccountPreview)> = report
        .duplicates
        .into_iter()
        .map(|d| (Some(d.existing.to_string()), d.preview))
        .collect();
    print(&kept, Some((added, duplicates)), &args)
}

type Outcome = (
    Vec<(String, AccountPreview)>,
    Vec<(Option<String>, AccountPreview)>,
);

/// Prints what was (or, for a dry run, would be) imported.
fn print(
    preview: &ImportPreview,
    done: Option<Outcome>,
    args: &ImportArgs,
) -> Result<(), CliError> {
    let (added, duplicates): Outcome = match done {
        Some(o) => o,
        None => (
            preview
                .to_add
                .iter()
                .map(|p| (String::new(), p.clone()))
                .collect(),
            preview
                .duplicates
                .iter()
                .map(|d| (d.existing.map(|id| id.to_string()), d.preview.clone()))
                .collect(),
        ),
    };
    if args.json {
        let imported: Vec<Value> = added
            .iter()
            .map(|(id, p)| {
                let mut v = preview_json(p);
                if !id.is_empty() {
                    v["id"] = json!(id);
                }
                v
            })
            .collect();
        let dups: Vec<Value> = duplicates
            .iter()
            .map(|(existing, p)| {
                let mut v = preview_json(p);
                v["existing"] = json!(existing);
                v
            })
            .collect();
        let skipped: Vec<Value> = preview
            .skipped
            .iter()
            .map(|s| {
                json!({
                    "entry": {"position": s.position, "issuer": s.issuer, "name": s.name},
                    "reason": s.reason.to_string(),
                })
            })
            .collect();
        let out = json!({
            "format": preview.format.name(),
            "encrypted": preview.encrypted,
            "dry_run": args.dry_run,
            "imported": imported,
            "duplicates": dups,
            "skipped": skipped,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&out).map_err(|e| CliError::new(Exit::Failure, e))?
        );
        return Ok(());
    }
    for (id, p) in &added {
        let label = entry_label(&p.issuer, &p.account);
        if id.is_empty() {
            println!("would add\t{label}");
        } else {
            println!("{id}\t{label}");
        }
    }
    let verb = if args.dry_run {
        "Would import"
    } else {
        "Imported"
    };
    println!(
        "{verb} {} account(s) from the {} export; {} already in the vault; {} skipped",
        added.len(),
        preview.format,
        duplicates.len(),
        preview.skipped.len()
    );
    Ok(())
}

fn preview_json(p: &AccountPreview) -> Value {
    let (kind, period, counter) = match p.kind {
        AccountKind::Totp { period } => ("totp", Some(period), None),
        AccountKind::Hotp { counter } => ("hotp", None, Some(counter)),
        AccountKind::Steam => ("steam", Some(30), None),
    };
    json!({
        "kind": kind,
        "issuer": p.issuer,
        "account": p.account,
        "algorithm": p.algorithm.to_string(),
        "digits": p.digits,
        "period": period,
        "counter": counter,
    })
}

fn entry_label(issuer: &str, name: &str) -> String {
    match (issuer.is_empty(), name.is_empty()) {
        (false, false) => format!("{issuer}: {name}"),
        (false, true) => issuer.to_owned(),
        (true, false) => name.to_owned(),
        (true, true) => "unnamed".to_owned(),
    }
}

/// A file that cannot be imported: exit 3, one line naming the file.
fn file_error(file: &Path, e: CoreError) -> CliError {
    match e {
        CoreError::Import(p) => {
            let line = match p {
                ImportProblem::PassphraseRequired(f) => {
                    format!("the {f} export is encrypted; give its passphrase (--passphrase-stdin)")
                }
                other => other.to_string(),
            };
            CliError::bad_input(format!("{}: {line}", file.display()))
        }
        other => core_error(other),
    }
}

/// `ramz export aegis [FILE]`.
#[derive(Args)]
pub struct ExportAegisArgs {
    /// Write the Aegis JSON to FILE (mode 0600) instead of standard output.
    pub file: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub opts: VaultOpts,
}

/// Runs `ramz export aegis`: the exportable accounts as a plain Aegis
/// vault (secrets in clear), with a warning on stderr.
pub fn export_aegis(args: ExportAegisArgs) -> Result<(), CliError> {
    if let Some(f) = args.file.as_ref().filter(|f| !args.force && f.exists()) {
        return Err(CliError::new(
            Exit::Failure,
            format!(
                "{} already exists; not overwriting it (pass --force)",
                f.display()
            ),
        ));
    }
    let mut secrets = SecretInput::new(args.opts.pin_stdin, false);
    let auth = args.opts.unlock(&mut secrets)?;
    let export = auth.export_aegis().map_err(core_error)?;
    let Some(text) = export.texts.first() else {
        return Err(CliError::new(Exit::Failure, "internal: empty export"));
    };
    eprintln!(
        "warning: this Aegis export is NOT encrypted: it holds every secret in clear; delete it once imported"
    );
    match &args.file {
        Some(path) => crate::backup_cmd::write_private(path, text.as_bytes(), args.force)?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")?;
        }
    }
    crate::list_cmd::warn_left_out(&export);
    Ok(())
}
