//! `ramz activate`: the bank customer's activation flow in the terminal,
//! through the same core calls as the app (`read_text`,
//! `begin_activation`, `complete_activation`); this file only moves the
//! request over HTTP and talks to the user.
//!
//! PIN for the vault (new vault: twice, hidden) → the scanned offer (QR
//! image file or pasted payload) → SMS code (Persian digits accepted) →
//! the server confirms → the card's second password is stored
//! (non-exportable), the bank's clock offset saved in the vault, and the
//! code shown live. When stdin is not a terminal, the PIN(s) and the SMS
//! code are read as lines from stdin (scripts and tests).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use ramz_core::{
    AccountId, AccountInfo, ActivationProblem, ActivationRequest, Authenticator, CoreError,
    PendingId, Scanned,
};

use ramz_otp::payload::Payload;

use crate::code_cmd::{countdown_bar, unix_now};
use crate::failure::{CliError, Exit, core_error};
use crate::input::Input;
pub use crate::vault_io::{Prompt, default_vault_path, open_or_create_vault};

/// Arguments of `ramz activate`.
#[derive(Args)]
pub struct ActivateArgs {
    /// The activation QR: an image file or the `ramz://activate?...` text.
    pub input: String,
    /// Vault file (default: $RAMZ_VAULT, else $RAMZ_HOME/vault.ramz, else the
    /// user data directory); its key file is beside it (`.key`).
    #[arg(long, value_name = "FILE")]
    pub vault: Option<PathBuf>,
    /// Keep the live code on screen until interrupted.
    #[arg(long)]
    pub watch: bool,
}

/// A scanned activation offer waiting for its SMS code.
pub struct Offer {
    /// Pass to `begin_activation`.
    pub pending: PendingId,
    /// The bank's name.
    pub issuer: String,
    /// The card, masked.
    pub masked_card: String,
}

/// Runs `ramz activate`.
pub fn run(args: ActivateArgs) -> Result<(), CliError> {
    let not_activation =
        || CliError::bad_input("not a Ramz activation code (expected ramz://activate?...)");
    // The payload is checked before the PIN is asked; an image's code
    // keeps the payload ramz-qr classified it as.
    let code = match crate::input::resolve_input(&args.input)? {
        Input::Image(codes) => Offered::Code(
            codes
                .into_iter()
                .find(|c| matches!(c.payload, Payload::BankActivation(_)))
                .ok_or_else(not_activation)?,
        ),
        Input::Text(t) if t.trim_start().starts_with("ramz://") => Offered::Text(t),
        Input::Text(_) => return Err(not_activation()),
    };
    let mut prompt = Prompt::new();
    let path = args.vault.clone().map_or_else(default_vault_path, Ok)?;
    let mut auth = open_or_create_vault(&path, &mut prompt)?;
    let scanned = match code {
        Offered::Code(c) => auth.read_code(c),
        Offered::Text(t) => auth.read_text(&t),
    };
    let offer = show_offer(scanned.map_err(core_error)?)?;
    let card = complete_with_retries(&mut auth, &offer, &mut prompt)?;
    println!(
        "Saved {} {} to {} (not exportable).",
        offer.issuer,
        offer.masked_card,
        path.display()
    );
    let offset = auth.clock_status(unix_now()?).offset;
    if offset != 0 {
        println!(
            "Your clock is {offset} s off the bank's; codes are shown in the bank's time (`ramz clock`)."
        );
    }
    show_live(
        &auth,
        &card,
        if args.watch {
            None
        } else {
            Some(Duration::ZERO)
        },
    )
}

/// Where the activation payload came from.
enum Offered {
    Code(ramz_qr::DecodedCode),
    Text(zeroize::Zeroizing<String>),
}

/// Shows what a scanned activation offers.
pub fn show_offer(scanned: Scanned) -> Result<Offer, CliError> {
    match scanned {
        Scanned::BankActivation {
            pending,
            issuer,
            masked_card,
            expires_at,
            server,
            digits,
            period,
            algorithm,
        } => {
            let now = unix_now()?;
            println!("Activate the card second password");
            println!("  bank:    {issuer}");
            println!("  card:    {masked_card}");
            println!("  server:  {server}");
            println!("  code:    {digits} digits every {period} s ({algorithm})");
            if expires_at > now {
                println!("  expires: in {} s", expires_at - now);
            } else {
                println!(
                    "  expires: already expired by this device's clock (the bank's clock decides)"
                );
            }
            Ok(Offer {
                pending,
                issuer,
                masked_card,
            })
        }
        Scanned::Invalid { problem } => Err(core_error(CoreError::InvalidInput(problem))),
        _ => Err(CliError::bad_input(
            "not a Ramz activation code (expected ramz://activate?...)",
        )),
    }
}

/// Asks for the SMS code and completes, asking again after a wrong code
/// while attempts remain (on a terminal).
fn complete_with_retries(
    auth: &mut Authenticator,
    offer: &Offer,
    prompt: &mut Prompt,
) -> Result<AccountInfo, CliError> {
    loop {
        let code = prompt.line("SMS code (4 digits): ")?;
        match complete(auth, offer.pending, &code) {
            Err(Failed::Core(CoreError::Activation(ActivationProblem::WrongCode {
                attempts_left,
            }))) if attempts_left > 0 && !prompt.scripted() => {
                eprintln!("Wrong code; {attempts_left} attempts left.");
            }
            Err(Failed::Core(CoreError::Activation(ActivationProblem::SmsCodeFormat)))
                if !prompt.scripted() =>
            {
                eprintln!("The SMS code has four digits.")
            }
            other => return other.map_err(CliError::from),
        }
    }
}

/// Why a completion exchange failed.
pub enum Failed {
    /// The core refused (wrong code, expired, bad answer, ...).
    Core(CoreError),
    /// The request got no answer.
    Unreachable,
    /// Something on this machine (the clock) failed.
    Cli(CliError),
}

impl From<Failed> for CliError {
    fn from(f: Failed) -> Self {
        match f {
            Failed::Core(e) => core_error(e),
            Failed::Unreachable => {
                CliError::new(Exit::Server, "the bank's server could not be reached")
            }
            Failed::Cli(e) => e,
        }
    }
}

/// One completion exchange: the core makes the request, this sends it,
/// the core reads the answer (and saves the card and the bank's clock).
pub fn complete(
    auth: &mut Authenticator,
    pending: PendingId,
    typed_code: &str,
) -> Result<AccountInfo, Failed> {
    let request = auth
        .begin_activation(pending, typed_code.as_bytes())
        .map_err(Failed::Core)?;
    let (status, body) = send(&request).ok_or(Failed::Unreachable)?;
    let now = unix_now().map_err(Failed::Cli)?;
    auth.complete_activation(status, &body, now)
        .map_err(Failed::Core)
}

/// Sends one protocol request; `None` when it got no answer.
fn send(request: &ActivationRequest) -> Option<(u16, Vec<u8>)> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into();
    let resp = agent
        .post(&request.url)
        .header("Content-Type", &request.content_type)
        .send(&request.body[..])
        .ok()?;
    let status = resp.status().as_u16();
    let body = resp
        .into_body()
        .with_config()
        .limit(64 * 1024)
        .read_to_vec()
        .ok()?;
    Some((status, body))
}

/// Shows the card's live code from the vault, in the time the core uses
/// (the bank's, after an activation). `None`: until interrupted;
/// `Some(d)`: for `d` (zero: one line).
pub fn show_live(
    auth: &Authenticator,
    card: &AccountInfo,
    duration: Option<Duration>,
) -> Result<(), CliError> {
    let tty = std::io::stdout().is_terminal();
    let start = std::time::Instant::now();
    let mut out = std::io::stdout();
    let label = card.masked_card.clone().unwrap_or_else(|| card.label());
    loop {
        let entry = auth.code(card.id, unix_now()?).map_err(core_error)?;
        let line = format!(
            "{label}  {}  {} {:>2}s",
            entry.code,
            countdown_bar(entry.seconds_left, entry.period, 20),
            entry.seconds_left
        );
        let done = duration.is_some_and(|d| start.elapsed() >= d);
        if tty && !done {
            write!(out, "\r{line}   ")?;
            out.flush()?;
        } else if done {
            if tty {
                write!(out, "\r")?;
            }
            writeln!(out, "{line}   ")?;
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// Seconds until the code of `id` changes.
pub fn seconds_left(auth: &Authenticator, id: AccountId) -> Result<u64, CliError> {
    Ok(auth.code(id, unix_now()?).map_err(core_error)?.seconds_left)
}

/// Draws a QR code with half-block characters for a dark terminal.
pub fn terminal_qr(payload: &str) -> Result<String, CliError> {
    ramz_qr::render::terminal(
        payload,
        ramz_qr::render::Correction::Medium,
        ramz_qr::render::TerminalStyle::DarkBackground,
    )
    .map(|s| s.to_string())
    .map_err(|e| CliError::new(Exit::Failure, e))
}
