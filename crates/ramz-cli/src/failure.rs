//! One error type for every command: one clear line on stderr and a
//! documented exit code. Never a panic, never a backtrace, never a secret.

use std::fmt::Display;
use std::path::Path;
use std::process::ExitCode;

use ramz_core::{ActivationProblem, CoreError, InputProblem};

/// Documented exit codes (see the crate README).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// Something failed that is not the user's input (I/O, internal).
    Failure = 1,
    /// Command-line usage error (clap uses 2 too).
    Usage = 2,
    /// The input (URI, secret, image, code) is invalid.
    BadInput = 3,
    /// Wrong PIN; attempts remain.
    WrongPin = 4,
    /// Locked out: must wait before the next attempt.
    LockedOut = 5,
    /// The vault was wiped after too many wrong PINs.
    Wiped = 6,
    /// The vault file is missing, corrupt, tampered or foreign.
    Vault = 7,
    /// The server could not be reached or answered with an error.
    Server = 8,
    /// A verification (code, backup) did not match.
    Mismatch = 9,
}

/// An error on its way to stderr.
#[derive(Debug)]
pub struct CliError {
    exit: Exit,
    line: String,
}

impl CliError {
    /// An error with an explicit exit code. `line` must not contain a
    /// secret, a PIN or a whole URI.
    pub fn new(exit: Exit, line: impl Display) -> Self {
        Self {
            exit,
            line: line.to_string(),
        }
    }

    /// A command-line usage error (options that do not go together).
    pub fn usage(line: impl Display) -> Self {
        Self::new(Exit::Usage, line)
    }

    /// The user's input (URI, secret, image, code) is invalid.
    pub fn bad_input(line: impl Display) -> Self {
        Self::new(Exit::BadInput, line)
    }

    /// The line, without the `ramz: ` prefix.
    pub fn line(&self) -> &str {
        &self.line
    }

    /// Prints the line and returns the exit code.
    pub fn report(&self) -> ExitCode {
        eprintln!("ramz: {}", self.line);
        ExitCode::from(self.exit as u8)
    }
}

impl From<ramz_otp::OtpError> for CliError {
    fn from(e: ramz_otp::OtpError) -> Self {
        Self::bad_input(e)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        Self::new(Exit::Failure, format!("I/O error: {e}"))
    }
}

/// One line and an exit code for an error of the core.
pub fn core_error(e: CoreError) -> CliError {
    let (exit, line) = describe(&e);
    CliError::new(exit, line)
}

/// [`core_error`] naming the file for the errors that are about it.
pub fn core_error_at(path: &Path, e: CoreError) -> CliError {
    let (exit, line) = describe(&e);
    match e {
        CoreError::NoVault => CliError::new(
            exit,
            format!(
                "no vault at {} (create one with `ramz init`)",
                path.display()
            ),
        ),
        CoreError::AlreadyExists
        | CoreError::Damaged
        | CoreError::Storage
        | CoreError::Keystore(_)
        | CoreError::Unsupported
        | CoreError::InvalidInput(InputProblem::Backup) => {
            CliError::new(exit, format!("{}: {line}", path.display()))
        }
        _ => CliError::new(exit, line),
    }
}

/// The documented exit code and the English line of a core error. The
/// line never holds a secret: core errors carry none.
fn describe(e: &CoreError) -> (Exit, String) {
    match e {
        CoreError::Locked => (Exit::Failure, "internal: the vault is locked".into()),
        CoreError::TryLater { wait_seconds } => (
            Exit::LockedOut,
            format!("too many wrong PINs; wait {wait_seconds} s before the next attempt"),
        ),
        CoreError::Wiped => (
            Exit::Wiped,
            "too many wrong PINs in a row, the vault was erased".into(),
        ),
        CoreError::WrongPin {
            attempts_left,
            wait_seconds,
        } => (
            Exit::WrongPin,
            crate::vault_io::wrong_pin_line(*attempts_left, *wait_seconds),
        ),
        CoreError::NoSuchAccount => (Exit::BadInput, "no such account".into()),
        CoreError::NoSuchPending => (Exit::Failure, "internal: no such pending scan".into()),
        // A damaged backup file is a damaged file (exit 7, as the vault).
        CoreError::InvalidInput(InputProblem::Backup) => {
            (Exit::Vault, input_line(InputProblem::Backup).into())
        }
        CoreError::InvalidInput(p) => (Exit::BadInput, input_line(*p).into()),
        CoreError::AlreadyExists => (
            Exit::Vault,
            "a file already exists at this path; not overwriting it".into(),
        ),
        CoreError::NoVault => (Exit::Vault, "no vault at this path".into()),
        CoreError::Damaged => (
            Exit::Vault,
            "the vault file was modified or damaged, or is not a Ramz vault".into(),
        ),
        CoreError::Storage => (
            Exit::Failure,
            "could not read or write the vault file".into(),
        ),
        CoreError::Keystore(k) => (Exit::Vault, format!("device key: {k}")),
        CoreError::Activation(p) => activation_line(*p),
        CoreError::Unsupported => (
            Exit::Vault,
            "not supported by this vault (made by a newer version?)".into(),
        ),
        CoreError::Duplicate { existing } => (
            Exit::BadInput,
            format!("already in the vault as {existing}"),
        ),
        CoreError::TooManyAccounts => (
            Exit::BadInput,
            "the vault cannot hold more accounts (10,000 at most)".into(),
        ),
        CoreError::CounterExhausted => (
            Exit::BadInput,
            "this HOTP account's counter cannot move further".into(),
        ),
        // A file of another app that cannot be read: bad input (exit 3).
        CoreError::Import(p) => (Exit::BadInput, p.to_string()),
        CoreError::HostNotAllowed { host } => (
            Exit::BadInput,
            format!(
                "the activation code's server {host} is not an allowed bank host (--allow-host); nothing was sent, the code may be forged"
            ),
        ),
        _ => (Exit::Failure, "internal error".into()),
    }
}

fn input_line(p: InputProblem) -> &'static str {
    match p {
        InputProblem::Secret => "the secret is empty, not base32, or of an impossible length",
        InputProblem::Digits => "the number of digits must be 4 to 10",
        InputProblem::Period => "the period must be 1 to 86400 seconds",
        InputProblem::Algorithm => "unsupported algorithm (SHA1, SHA256 or SHA512)",
        InputProblem::Uri => "not a valid otpauth:// URI",
        InputProblem::Migration => "not a valid otpauth-migration:// export",
        InputProblem::Label => "a label is longer than 256 characters or has control characters",
        InputProblem::Note => "the note is longer than 4096 characters or has control characters",
        InputProblem::TooLong => "a field of the account is too long to store",
        InputProblem::Pin => "the PIN must be 6 digits (ASCII, Persian or Arabic-Indic)",
        InputProblem::WeakPin => {
            "the PIN is too easy to guess (one digit repeated, an ascending or descending sequence, or a common PIN)"
        }
        InputProblem::CardNumber => "the card number must have 12 to 19 digits",
        InputProblem::Frame => "the image frame does not match its size",
        InputProblem::Backup => "not a Ramz backup, damaged, or made by a newer version",
        InputProblem::Passphrase => {
            "wrong backup passphrase (or, for an export, one shorter than 8 characters)"
        }
        InputProblem::Activation => "not a valid Ramz activation code",
        InputProblem::NotAnAccount => "not an OTP account",
        InputProblem::Order => "not every account exactly once",
        InputProblem::NotHotp => "not an HOTP account",
        InputProblem::BankHost => {
            "an allowed bank host must be a host name or an IP address (no scheme, port or path)"
        }
        _ => "invalid input",
    }
}

fn activation_line(p: ActivationProblem) -> (Exit, String) {
    match p {
        ActivationProblem::BadRequest => (
            Exit::BadInput,
            "the activation code is malformed or of an unsupported version".into(),
        ),
        ActivationProblem::SmsCodeFormat => (Exit::BadInput, "the SMS code has four digits".into()),
        ActivationProblem::WrongCode { attempts_left } => (
            Exit::Mismatch,
            format!("wrong SMS code ({attempts_left} attempts left)"),
        ),
        ActivationProblem::Burned => (
            Exit::Mismatch,
            "the activation can no longer be completed (too many wrong codes, already used, or unknown to the bank); start a new one at the bank".into(),
        ),
        ActivationProblem::Expired => (
            Exit::Server,
            "the activation expired; start a new one at the bank".into(),
        ),
        ActivationProblem::ServerError { status } => (
            Exit::Server,
            format!("the bank's server answered with status {status}"),
        ),
        ActivationProblem::BadResponse => (
            Exit::Server,
            "the bank's answer is malformed or not authentic".into(),
        ),
        ActivationProblem::NotStarted => (
            Exit::Failure,
            "internal: no activation in progress".into(),
        ),
        _ => (Exit::Server, "the activation failed".into()),
    }
}
