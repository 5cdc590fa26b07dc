//! `ramz clock`: the correction added to this machine's clock for codes,
//! as saved in the vault: learned from the bank at `ramz activate`, or set
//! by hand. The same setting the app shows on its settings screen.

use clap::Subcommand;
use ramz_core::{Authenticator, ClockWarning};

use crate::code_cmd::unix_now;
use crate::failure::{CliError, core_error};
use crate::input::typed_number;
use crate::vault_io::{SecretInput, VaultOpts};

/// `ramz clock ...`.
#[derive(Subcommand)]
pub enum ClockCommand {
    /// Show the offset in force, where it comes from, and a warning when
    /// this machine's clock looks wrong.
    Show {
        #[command(flatten)]
        opts: VaultOpts,
    },
    /// Set a manual offset in seconds (wins over the bank's), e.g.
    /// `ramz clock set -- -30`.
    Set {
        /// Seconds added to this machine's clock (negative: behind).
        #[arg(value_parser = typed_offset, allow_hyphen_values = true)]
        seconds: i64,
        #[command(flatten)]
        opts: VaultOpts,
    },
    /// Remove the manual offset (the bank's, if any, applies again).
    Clear {
        #[command(flatten)]
        opts: VaultOpts,
    },
}

/// Runs `ramz clock ...`.
pub fn run(command: ClockCommand) -> Result<(), CliError> {
    let (opts, change) = match command {
        ClockCommand::Show { opts } => (opts, None),
        ClockCommand::Set { seconds, opts } => (opts, Some(Some(seconds))),
        ClockCommand::Clear { opts } => (opts, Some(None)),
    };
    let mut secrets = SecretInput::new(opts.pin_stdin, false);
    let mut auth = opts.unlock(&mut secrets)?;
    if let Some(offset) = change {
        auth.set_manual_offset(offset).map_err(core_error)?;
    }
    show(&auth)
}

fn show(auth: &Authenticator) -> Result<(), CliError> {
    let status = auth.clock_status(unix_now()?);
    let source = match (status.manual_offset, status.server_offset) {
        (Some(_), _) => "manual",
        (None, Some(_)) => "bank",
        (None, None) => "none",
    };
    let opt = |o: Option<i64>| o.map_or_else(|| "-".to_owned(), |s| s.to_string());
    println!("offset:\t{}", status.offset);
    println!("source:\t{source}");
    println!("manual:\t{}", opt(status.manual_offset));
    println!("bank:\t{}", opt(status.server_offset));
    match status.warning {
        Some(ClockWarning::DriftFromServer { offset }) => eprintln!(
            "warning: this machine's clock is {offset} s off the bank's; codes use the bank's time"
        ),
        Some(ClockWarning::Implausible) => {
            eprintln!("warning: this machine's clock is before 2025; set the date")
        }
        _ => {}
    }
    Ok(())
}

/// A signed number of seconds, in any digit script.
fn typed_offset(text: &str) -> Result<i64, String> {
    match text.trim().strip_prefix('-') {
        Some(rest) => typed_number::<i64>(rest).map(|n| -n),
        None => typed_number::<i64>(text.trim().trim_start_matches('+')),
    }
}
