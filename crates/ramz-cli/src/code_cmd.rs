//! `ramz code`: the code of one account, once or live.

use std::io::Write;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::Args;
use ramz_otp::{OtpAccount, OtpKind, OtpParams};

use crate::failure::CliError;
use crate::input::{OtpOverrides, resolve_account, typed_number};

/// Arguments of `ramz code`.
#[derive(Args)]
pub struct CodeArgs {
    /// An otpauth:// URI, a base32 secret, or a QR image file.
    pub input: String,
    /// Unix time to compute the code for (default: now).
    #[arg(long, value_name = "UNIX", value_parser = typed_number::<u64>)]
    pub time: Option<u64>,
    /// Parameters that override the URI's.
    #[command(flatten)]
    pub otp: OtpOverrides,
    /// Show the code live with a countdown until interrupted.
    #[arg(long, conflicts_with = "time")]
    pub watch: bool,
}

/// Runs `ramz code`.
pub fn run(args: CodeArgs) -> Result<(), CliError> {
    let mut account = resolve_account(&args.input, OtpParams::default_totp())?;
    args.otp.apply(&mut account.params)?;
    let generator = account.generator();
    let counter = match account.params.kind {
        OtpKind::Hotp { counter } => counter,
        _ => 0,
    };
    if !args.watch {
        let now = args.time.map_or_else(unix_now, Ok)?;
        println!("{}", generator.view(now, counter).code);
        return Ok(());
    }
    if matches!(account.params.kind, OtpKind::Hotp { .. }) {
        return Err(CliError::usage(
            "--watch needs a time-based account (HOTP codes change on demand)",
        ));
    }
    watch(&account, &generator)
}

/// Seconds since the Unix epoch from the system clock.
pub fn unix_now() -> Result<u64, CliError> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| {
            CliError::new(
                crate::failure::Exit::Failure,
                "the system clock is before 1970",
            )
        })
}

/// A countdown bar of `width` cells, full at the start of a step.
pub fn countdown_bar(remaining: u64, period: u64, width: usize) -> String {
    let filled = if period == 0 {
        0
    } else {
        (remaining as usize * width).div_ceil(period as usize)
    };
    let filled = filled.min(width);
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

fn watch(account: &OtpAccount, generator: &ramz_otp::Generator) -> Result<(), CliError> {
    let label = match (account.issuer.is_empty(), account.account.is_empty()) {
        (false, false) => format!("{} ({})", account.issuer, account.account),
        (false, true) => account.issuer.clone(),
        (true, false) => account.account.clone(),
        (true, true) => "code".to_owned(),
    };
    let mut out = std::io::stdout();
    loop {
        let view = generator.view(unix_now()?, 0);
        write!(
            out,
            "\r{label}: {}  {} {:>2}s  next {}   ",
            view.code,
            countdown_bar(view.remaining, view.period, 20),
            view.remaining,
            view.next
        )?;
        out.flush()?;
        std::thread::sleep(Duration::from_millis(250));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_shrinks_with_time() {
        assert_eq!(countdown_bar(60, 60, 10), "██████████");
        assert_eq!(countdown_bar(30, 60, 10), "█████░░░░░");
        assert_eq!(countdown_bar(1, 60, 10), "█░░░░░░░░░");
    }
}
