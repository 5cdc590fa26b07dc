//! What every vault command shares: where the vault and its key file are,
//! reading the PIN and the backup passphrase (hidden on the terminal or as
//! lines from stdin), and unlocking with the wrong-PIN answers. The vault
//! itself is driven through `ramz_core::Authenticator`, as the apps do.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;
use ramz_core::{Authenticator, CoreError, SoftwareKeystore, UnlockResult};
use zeroize::Zeroizing;

use crate::code_cmd::unix_now;
use crate::failure::{CliError, Exit, core_error, core_error_at};

/// Where the vault is and how its PIN arrives. Flattened into every vault
/// command.
#[derive(Args, Clone, Debug)]
pub struct VaultOpts {
    /// Vault file (default: $RAMZ_VAULT, else $RAMZ_HOME/vault.ramz, else
    /// <user data dir>/ramz/vault.ramz).
    #[arg(long, value_name = "FILE")]
    pub vault: Option<PathBuf>,
    /// The software device-key file (default: the vault's path with the
    /// extension `.key`). Keep it off backups: the vault file alone cannot
    /// be opened without it.
    #[arg(long, value_name = "FILE")]
    pub keystore: Option<PathBuf>,
    /// Read the PIN from the first line of stdin (a second line is the new
    /// PIN where one is needed) instead of the terminal.
    #[arg(long)]
    pub pin_stdin: bool,
}

impl VaultOpts {
    /// The vault file.
    pub fn vault_path(&self) -> Result<PathBuf, CliError> {
        self.vault.clone().map_or_else(default_vault_path, Ok)
    }

    /// The key file for `vault`.
    pub fn keystore_path(&self, vault: &Path) -> Result<PathBuf, CliError> {
        let key = self
            .keystore
            .clone()
            .unwrap_or_else(|| default_keystore_path(vault));
        if key == vault {
            return Err(CliError::usage(
                "the key file and the vault must be different files (pass --keystore FILE)",
            ));
        }
        Ok(key)
    }

    /// The existing vault with its existing key file, locked.
    pub fn existing(&self) -> Result<Authenticator, CliError> {
        let path = self.vault_path()?;
        if !path.exists() {
            return Err(no_vault(&path));
        }
        let key_path = self.keystore_path(&path)?;
        let keystore = SoftwareKeystore::open(&key_path).map_err(|e| match CoreError::from(e) {
            CoreError::NoVault => CliError::new(
                Exit::Vault,
                format!(
                    "the device key file {} is missing; the vault cannot be opened without it",
                    key_path.display()
                ),
            ),
            other => core_error_at(&key_path, other),
        })?;
        Authenticator::open(&path, Arc::new(keystore)).map_err(|e| core_error_at(&path, e))
    }

    /// Unlocks the existing vault, asking for the PIN once.
    pub fn unlock(&self, secrets: &mut SecretInput) -> Result<Authenticator, CliError> {
        Ok(self.unlock_keeping_pin(secrets, "Vault PIN: ")?.0)
    }

    /// Unlocks the existing vault and keeps the PIN typed (wiped on drop)
    /// for a call that re-authenticates with it (PIN change, exporting
    /// bank cards): the PIN typed for this command is the current PIN, so
    /// it is asked once, under `question`.
    pub fn unlock_keeping_pin(
        &self,
        secrets: &mut SecretInput,
        question: &str,
    ) -> Result<(Authenticator, Zeroizing<String>), CliError> {
        let mut auth = self.existing()?;
        let path = self.vault_path()?;
        let pin = unlock_once(&mut auth, &path, secrets, question)?;
        Ok((auth, pin))
    }
}

fn no_vault(path: &Path) -> CliError {
    CliError::new(
        Exit::Vault,
        format!(
            "no vault at {} (create one with `ramz init`)",
            path.display()
        ),
    )
}

/// Default vault location: `$RAMZ_VAULT`, else `$RAMZ_HOME/vault.ramz`,
/// else `<data dir>/ramz/vault.ramz`.
pub fn default_vault_path() -> Result<PathBuf, CliError> {
    if let Some(p) = std::env::var_os("RAMZ_VAULT").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    if let Some(home) = std::env::var_os("RAMZ_HOME").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(home).join("vault.ramz"));
    }
    let dir = dirs::data_dir()
        .ok_or_else(|| CliError::new(Exit::Vault, "no user data directory; pass --vault FILE"))?;
    Ok(dir.join("ramz").join("vault.ramz"))
}

/// The default key file beside a vault: same name, extension `.key`.
pub fn default_keystore_path(vault: &Path) -> PathBuf {
    vault.with_extension("key")
}

/// Tries the PIN once: checks the wait first (no PIN asked while locked
/// out), then unlocks or answers with the wrong-PIN error. Returns the
/// PIN (wiped on drop) for a re-authentication.
pub fn unlock_once(
    auth: &mut Authenticator,
    path: &Path,
    secrets: &mut SecretInput,
    question: &str,
) -> Result<Zeroizing<String>, CliError> {
    let now = unix_now()?;
    let state = auth.lock_state(now).map_err(|e| core_error_at(path, e))?;
    if state.wait_seconds > 0 {
        return Err(locked_out(state.wait_seconds));
    }
    let pin = secrets.pin(question)?;
    match auth
        .unlock(pin.as_bytes(), now)
        .map_err(|e| core_error_at(path, e))?
    {
        UnlockResult::Unlocked => Ok(pin),
        other => Err(refusal(&other)),
    }
}

/// The error for an unlock answer other than `Unlocked`: attempts left
/// and the wait, the lockout, or the wipe.
pub fn refusal(result: &UnlockResult) -> CliError {
    match result {
        UnlockResult::WrongPin {
            attempts_left,
            wait_seconds,
        } => CliError::new(
            Exit::WrongPin,
            wrong_pin_line(*attempts_left, *wait_seconds),
        ),
        UnlockResult::TryLater { wait_seconds } => locked_out(*wait_seconds),
        UnlockResult::Wiped => CliError::new(
            Exit::Wiped,
            "wrong PIN: too many wrong PINs in a row, the vault was erased",
        ),
        UnlockResult::Unlocked => CliError::new(Exit::Failure, "internal: unlocked"),
    }
}

/// "wrong PIN; N attempts left ...; wait S s ...".
pub fn wrong_pin_line(attempts_left: Option<u32>, wait_seconds: u64) -> String {
    let mut line = String::from("wrong PIN");
    if let Some(n) = attempts_left {
        line.push_str(&format!(
            "; {n} attempt{} left before the vault is erased",
            if n == 1 { "" } else { "s" }
        ));
    }
    if wait_seconds > 0 {
        line.push_str(&format!("; wait {wait_seconds} s before the next attempt"));
    }
    line
}

fn locked_out(wait_seconds: u64) -> CliError {
    CliError::new(
        Exit::LockedOut,
        format!("too many wrong PINs; wait {wait_seconds} s before the next attempt"),
    )
}

/// Where secrets come from: hidden terminal entry, or lines of stdin
/// (`--pin-stdin`, `--passphrase-stdin`; the PIN lines come first).
pub struct SecretInput {
    pin_stdin: bool,
    passphrase_stdin: bool,
}

impl SecretInput {
    /// Secrets as the flags say.
    pub fn new(pin_stdin: bool, passphrase_stdin: bool) -> Self {
        Self {
            pin_stdin,
            passphrase_stdin,
        }
    }

    /// A PIN (surrounding white space dropped).
    pub fn pin(&mut self, question: &str) -> Result<Zeroizing<String>, CliError> {
        let raw = if self.pin_stdin {
            stdin_line("the PIN")?
        } else {
            hidden(question, "--pin-stdin")?
        };
        Ok(Zeroizing::new(raw.trim().to_owned()))
    }

    /// A new PIN: on the terminal typed twice, from stdin one line.
    pub fn new_pin(&mut self, question: &str) -> Result<Zeroizing<String>, CliError> {
        let pin = self.pin(question)?;
        if !self.pin_stdin {
            let again = self.pin("Type the new PIN again: ")?;
            if !same_pin(&pin, &again) {
                return Err(CliError::bad_input("the two PINs differ"));
            }
        }
        Ok(pin)
    }

    /// A backup passphrase (only the line end is dropped). `confirm` asks
    /// twice on the terminal.
    pub fn passphrase(
        &mut self,
        question: &str,
        confirm: bool,
    ) -> Result<Zeroizing<String>, CliError> {
        if self.passphrase_stdin {
            return stdin_line("the backup passphrase");
        }
        let first = hidden(question, "--passphrase-stdin")?;
        if confirm {
            let again = hidden("Type the passphrase again: ", "--passphrase-stdin")?;
            if first.as_bytes() != again.as_bytes() {
                return Err(CliError::bad_input("the two passphrases differ"));
            }
        }
        Ok(first)
    }
}

/// True when two typed PINs are the same digits, whatever the script
/// each was typed in (`۴۸۰۹۱۳` and `480913` are one PIN).
fn same_pin(a: &str, b: &str) -> bool {
    let norm =
        |s: &str| Zeroizing::new(ramz_otp::normalize_digits(s).unwrap_or_else(|| s.to_owned()));
    *norm(a) == *norm(b)
}

/// One line of stdin without its line end.
fn stdin_line(what: &str) -> Result<Zeroizing<String>, CliError> {
    let mut line = Zeroizing::new(String::new());
    if std::io::stdin().lock().read_line(&mut line)? == 0 {
        return Err(CliError::bad_input(format!(
            "standard input ended before {what}"
        )));
    }
    let end = line.trim_end_matches(['\n', '\r']).len();
    line.truncate(end);
    Ok(line)
}

/// Hidden entry on the controlling terminal.
fn hidden(question: &str, flag: &str) -> Result<Zeroizing<String>, CliError> {
    rpassword::prompt_password(question)
        .map(|s| {
            let s = Zeroizing::new(s);
            Zeroizing::new(s.trim_end_matches(['\n', '\r']).to_owned())
        })
        .map_err(|_| CliError::usage(format!("no terminal to read a secret from; use {flag}")))
}

/// Creates the vault's directory and its key file (or reuses a key file
/// that is already there).
pub fn keystore_for_new_vault(vault: &Path, key_path: &Path) -> Result<SoftwareKeystore, CliError> {
    for file in [vault, key_path] {
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
    }
    SoftwareKeystore::open_or_create(key_path)
        .map_err(|e| core_error_at(key_path, CoreError::from(e)))
}

/// Opens (PIN once, again after a wrong PIN on a terminal) or creates
/// (PIN twice) the vault at `path`, its key file beside it. Used by the
/// activation flow and the demo.
pub fn open_or_create_vault(path: &Path, prompt: &mut Prompt) -> Result<Authenticator, CliError> {
    let key_path = default_keystore_path(path);
    let keystore = Arc::new(keystore_for_new_vault(path, &key_path)?);
    if !path.exists() {
        for _ in 0..3 {
            let pin = prompt.secret("Choose a 6-digit PIN for your vault: ")?;
            let again = prompt.secret("Type the PIN again: ")?;
            if !same_pin(&pin, &again) {
                eprintln!("The two PINs differ; try again.");
                continue;
            }
            match Authenticator::create(path, pin.as_bytes(), keystore.clone(), unix_now()?) {
                Ok(auth) => return Ok(auth),
                Err(e @ CoreError::InvalidInput(_)) => {
                    eprintln!("{}; choose another.", core_error(e).line())
                }
                Err(e) => return Err(core_error_at(path, e)),
            }
        }
        return Err(CliError::bad_input("no acceptable PIN chosen"));
    }
    let mut auth = Authenticator::open(path, keystore).map_err(|e| core_error_at(path, e))?;
    loop {
        let pin = prompt.secret("Vault PIN: ")?;
        match auth
            .unlock(pin.as_bytes(), unix_now()?)
            .map_err(|e| core_error_at(path, e))?
        {
            UnlockResult::Unlocked => return Ok(auth),
            UnlockResult::WrongPin {
                attempts_left,
                wait_seconds: 0,
            } if !prompt.scripted() => {
                let left = attempts_left.map_or_else(String::new, |n| {
                    format!(", {n} attempts before the vault is erased")
                });
                eprintln!("Wrong PIN{left}.");
            }
            other => return Err(refusal(&other)),
        }
    }
}

/// Hidden entry on a terminal; plain lines from stdin otherwise; or a
/// fixed answer (the demo's PIN).
pub struct Prompt {
    scripted: bool,
    fixed: Option<Zeroizing<String>>,
}

impl Prompt {
    /// Decides once whether stdin is a terminal.
    pub fn new() -> Self {
        Self {
            scripted: !std::io::stdin().is_terminal(),
            fixed: None,
        }
    }

    /// Answers every question with `answer`.
    pub fn fixed(answer: &str) -> Self {
        Self {
            scripted: true,
            fixed: Some(Zeroizing::new(answer.to_owned())),
        }
    }

    /// True when answers come from a pipe (no retry loops then).
    pub fn scripted(&self) -> bool {
        self.scripted
    }

    /// A secret (PIN): hidden on a terminal.
    pub fn secret(&mut self, question: &str) -> Result<Zeroizing<String>, CliError> {
        if self.scripted || self.fixed.is_some() {
            return self.line(question);
        }
        rpassword::prompt_password(question)
            .map(|s| Zeroizing::new(s.trim().to_owned()))
            .map_err(CliError::from)
    }

    /// A visible answer (the SMS code).
    pub fn line(&mut self, question: &str) -> Result<Zeroizing<String>, CliError> {
        if let Some(a) = &self.fixed {
            return Ok(a.clone());
        }
        if !self.scripted {
            print!("{question}");
            std::io::stdout().flush()?;
        }
        let mut s = Zeroizing::new(String::new());
        if std::io::stdin().lock().read_line(&mut s)? == 0 {
            return Err(CliError::bad_input(
                "input ended before the flow was complete",
            ));
        }
        Ok(Zeroizing::new(s.trim().to_owned()))
    }
}
