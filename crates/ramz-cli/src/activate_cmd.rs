//! `ramz activate`: the bank customer's activation flow in the terminal.
//!
//! Scan (QR image file or pasted payload) → PIN for the vault (new vault:
//! twice, hidden) → SMS code (Persian digits accepted) → the server
//! confirms → the card's second password is stored (non-exportable) and
//! shown live. When stdin is not a terminal, the PIN(s) and the SMS code
//! are read as lines from stdin (scripts and tests).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;
use ramz_activation::{
    ActivatedCard, ActivationError, ActivationOffer, ClientActivation, HttpRequest,
};
use ramz_vault::{NewBankCard, UnlockedVault, VaultConfig};

use crate::code_cmd::{countdown_bar, unix_now};
use crate::failure::{CliError, Exit};
use crate::vault_io::vault_error;
// The vault helpers moved to `vault_io`; re-exported for `ramz demo`.
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

/// Runs `ramz activate`.
pub fn run(args: ActivateArgs) -> Result<(), CliError> {
    let offer = offer_from(&args.input)?;
    let mut prompt = Prompt::new();
    show_offer(&offer)?;
    let path = args.vault.clone().map_or_else(default_vault_path, Ok)?;
    let mut vault = open_or_create_vault(&path, VaultConfig::default(), &mut prompt)?;
    let card = complete_with_retries(&offer, &mut prompt)?;
    let now = unix_now()?;
    store_card(&mut vault, &card, now)?;
    println!(
        "Saved {} {} to {} (not exportable).",
        card.issuer,
        card.masked_card.as_str(),
        path.display()
    );
    if card.clock_offset != 0 {
        println!(
            "Your clock is {} s off the bank's; codes are shown in the bank's time.",
            card.clock_offset
        );
    }
    show_live(
        &card,
        if args.watch {
            None
        } else {
            Some(Duration::ZERO)
        },
    )
}

/// The activation offer in an argument: a payload, or a QR image file.
pub fn offer_from(input: &str) -> Result<ActivationOffer, CliError> {
    let texts = crate::input::resolve_texts(input)?;
    let text = texts
        .iter()
        .find(|t| t.trim_start().starts_with(ramz_activation::SCHEME_PREFIX))
        .ok_or_else(|| {
            CliError::bad_input("not a Ramz activation code (expected ramz://activate?...)")
        })?;
    ActivationOffer::parse(text).map_err(CliError::bad_input)
}

fn show_offer(offer: &ActivationOffer) -> Result<(), CliError> {
    let now = unix_now()?;
    println!("Activate the card second password");
    println!("  bank:    {}", offer.issuer);
    println!("  card:    {}", offer.masked_card.as_str());
    println!("  server:  {}", offer.base_url.authority());
    println!(
        "  code:    {} digits every {} s ({})",
        offer.digits.get(),
        offer.period.get(),
        offer.algorithm
    );
    if offer.expires_at > now {
        println!("  expires: in {} s", offer.expires_at - now);
    } else {
        println!("  expires: already expired by this device's clock (the bank's clock decides)");
    }
    Ok(())
}

/// Asks for the SMS code and completes, asking again after a wrong code
/// while attempts remain.
fn complete_with_retries(
    offer: &ActivationOffer,
    prompt: &mut Prompt,
) -> Result<ActivatedCard, CliError> {
    loop {
        let code = prompt.line("SMS code (4 digits): ")?;
        match complete(offer, &code) {
            Err(ActivationError::WrongCode { attempts_left })
                if attempts_left > 0 && !prompt.scripted() =>
            {
                eprintln!("Wrong code; {attempts_left} attempts left.");
            }
            Err(ActivationError::InvalidSmsCode) if !prompt.scripted() => {
                eprintln!("The SMS code has four digits.")
            }
            other => return other.map_err(activation_error),
        }
    }
}

/// One completion exchange over HTTP.
pub fn complete(
    offer: &ActivationOffer,
    typed_code: &str,
) -> Result<ActivatedCard, ActivationError> {
    let (pending, request) = ClientActivation::start_random(offer.clone(), typed_code)?;
    let (status, body) = send(&request)?;
    pending.finish(
        status,
        &body,
        unix_now().map_err(|_| ActivationError::NoRandomness)?,
    )
}

/// Sends one protocol request; any transport failure is "unreachable".
pub fn send(request: &HttpRequest) -> Result<(u16, Vec<u8>), ActivationError> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into();
    let resp = agent
        .post(&request.url)
        .header("Content-Type", request.content_type)
        .send(&request.body[..])
        .map_err(|_| ActivationError::ServerUnreachable)?;
    let status = resp.status().as_u16();
    let body = resp
        .into_body()
        .with_config()
        .limit(64 * 1024)
        .read_to_vec()
        .map_err(|_| ActivationError::ServerUnreachable)?;
    Ok((status, body))
}

/// Stores the card in the vault (bank cards are never exportable).
pub fn store_card(
    vault: &mut UnlockedVault,
    card: &ActivatedCard,
    now: u64,
) -> Result<(), CliError> {
    let masked = ramz_vault::MaskedCard::parse(card.masked_card.as_str()).map_err(vault_error)?;
    vault
        .add_bank_card(
            NewBankCard {
                secret: card.secret.clone(),
                issuer: card.issuer.clone(),
                bank_name: card.issuer.clone(),
                masked_card: masked,
                algorithm: card.algorithm,
                digits: card.digits,
                period: card.period,
            },
            now,
        )
        .map_err(vault_error)?;
    Ok(())
}

/// Shows the live code with a countdown, in the bank's time. `None`: until
/// interrupted; `Some(d)`: for `d` (zero: one line).
pub fn show_live(card: &ActivatedCard, duration: Option<Duration>) -> Result<(), CliError> {
    let totp = ramz_otp::Totp::new(&card.secret, card.algorithm, card.digits, card.period, 0);
    let tty = std::io::stdout().is_terminal();
    let start = std::time::Instant::now();
    let mut out = std::io::stdout();
    loop {
        let now = bank_time(card)?;
        let s = totp.snapshot(now);
        let line = format!(
            "{}  {}  {} {:>2}s",
            card.masked_card.as_str(),
            s.code,
            countdown_bar(s.remaining, s.period, 20),
            s.remaining
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

/// The device clock corrected by the offset the server reported.
pub fn bank_time(card: &ActivatedCard) -> Result<u64, CliError> {
    Ok(unix_now()?.saturating_add_signed(card.clock_offset))
}

/// Maps protocol errors to one line and an exit code.
pub fn activation_error(e: ActivationError) -> CliError {
    let exit = match e {
        ActivationError::WrongCode { .. } | ActivationError::AttemptsExhausted => Exit::Mismatch,
        ActivationError::InvalidOffer(_) | ActivationError::InvalidSmsCode => Exit::BadInput,
        _ => Exit::Server,
    };
    CliError::new(exit, e)
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
