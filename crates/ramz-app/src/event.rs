//! What happens to the app: the person's actions, time, and the results of
//! effects. The shell sends each one to [`crate::App::update`].

use std::sync::Arc;

use zeroize::{Zeroize, Zeroizing};

use crate::settings::Settings;
use crate::text::Lang;
use crate::work::Work;

pub use ramz_core::AccountId;

/// An event for [`crate::App::update`].
///
/// Time only ever arrives in events (`unix`: the device clock, Unix
/// seconds): the app reads no clock.
///
/// `Debug` never shows a PIN digit, a secret field, pasted text or a
/// file's bytes (see the impl below).
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Event {
    // ----- life cycle -----
    /// The app started. `settings` is what the last
    /// [`crate::Effect::StoreSettings`] stored (`None` on a fresh install).
    Start {
        /// Device time.
        unix: u64,
        /// The device's locale tag (`fa-IR`, `en-US`, ...).
        device_language: String,
        /// Stored preferences.
        settings: Option<Settings>,
        /// The device can do biometric unlock.
        biometrics_available: bool,
    },
    /// Once a second while the app is in the foreground.
    Tick {
        /// Device time.
        unix: u64,
    },
    /// The app went to the background: the vault locks at once.
    Background {
        /// Device time.
        unix: u64,
    },
    /// The app came back to the foreground.
    Foreground {
        /// Device time.
        unix: u64,
    },
    /// A [`crate::Effect::Work`] finished on its worker thread.
    WorkDone(Arc<Work>),
    /// The system back button, or "cancel".
    Back,
    /// Navigate to a top-level screen.
    Navigate(Destination),

    // ----- typing -----
    /// A digit key of the PIN pad (0–9).
    PinKey {
        /// The digit.
        digit: u8,
    },
    /// The PIN pad's delete key.
    PinBackspace,
    /// A PIN typed on the system keyboard (any digit script), replacing
    /// what the pad holds.
    PinText {
        /// UTF-8 bytes; wiped after use.
        bytes: Vec<u8>,
    },
    /// A plain text field changed.
    Edit {
        /// Which field.
        field: Field,
        /// Its whole new text.
        text: String,
    },
    /// A secret text field changed (passphrase, base32 secret, SMS code).
    EditSecret {
        /// Which field.
        field: SecretField,
        /// Its whole new text, UTF-8; wiped when no longer needed.
        bytes: Vec<u8>,
    },
    /// A switch or choice on the current screen.
    Choose(Choice),
    /// The screen's main button (create, add, activate, export, ...).
    Submit,

    // ----- first run and lock -----
    /// The person picked a language.
    SetLanguage(Lang),
    /// The person answered the "use biometric unlock?" offer.
    AcceptBiometrics {
        /// Yes or no.
        accept: bool,
    },
    /// Tap on the lock screen's biometric button.
    UnlockWithBiometrics,

    // ----- codes -----
    /// Tap on an account's row: copy its current code (TOTP) or make the
    /// next code (HOTP).
    TapAccount {
        /// The account.
        id: AccountId,
    },
    /// Long press on a row: open the account's details.
    OpenAccount {
        /// The account.
        id: AccountId,
    },
    /// The person dragged an account to a new place.
    MoveAccount {
        /// The account.
        id: AccountId,
        /// New position, 0 first.
        position: u32,
    },

    // ----- add -----
    /// A camera frame (the luma plane).
    CameraFrame {
        /// `height` rows of `row_stride` bytes.
        luma: Vec<u8>,
        /// Pixels per row.
        width: u32,
        /// Rows.
        height: u32,
        /// Bytes per row (≥ width).
        row_stride: u32,
    },
    /// Text pasted from the clipboard into "add".
    Paste {
        /// The text (may hold a secret; not kept after classification).
        text: PastedText,
    },
    /// A checkbox of a migration batch or of an import was toggled.
    ToggleBatchEntry {
        /// Position in the list shown.
        index: u32,
    },

    // ----- results of effects -----
    /// The biometric prompt's answer.
    BiometricResult {
        /// How it ended.
        outcome: BiometricOutcome,
    },
    /// The answer to a [`crate::Effect::Http`].
    HttpResponse {
        /// HTTP status.
        status: u16,
        /// Body.
        body: Vec<u8>,
        /// Device time when it arrived.
        unix: u64,
    },
    /// The request of a [`crate::Effect::Http`] never got an answer.
    HttpFailed,
    /// The answer to a [`crate::Effect::SaveFile`].
    FileSaved {
        /// Saved (false: cancelled or failed).
        ok: bool,
    },
    /// The answer to a [`crate::Effect::PickFile`].
    FilePicked {
        /// The file's contents.
        bytes: Vec<u8>,
    },
}

/// How the platform's biometric prompt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum BiometricOutcome {
    /// Passed.
    Success,
    /// Closed by the person (or "use PIN").
    Cancelled,
    /// Not recognised, locked out, or the prompt failed.
    Failed,
    /// The biometric key is gone (a new fingerprint or face).
    KeyInvalidated,
}

/// Text pasted into the app. It may hold a secret (an `otpauth://` URI),
/// so it crosses the FFI as UTF-8 bytes the shell can wipe, is wiped here
/// when dropped, and its `Debug` shows its length only.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct PastedText(Zeroizing<String>);

impl PastedText {
    /// Takes UTF-8 bytes (invalid sequences become U+FFFD, which no code
    /// contains); the bytes given are wiped.
    pub fn from_utf8(bytes: Vec<u8>) -> Self {
        match String::from_utf8(bytes) {
            Ok(text) => Self(Zeroizing::new(text)),
            Err(e) => {
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                Zeroizing::new(e.into_bytes()).zeroize();
                Self(Zeroizing::new(text))
            }
        }
    }
}

impl core::ops::Deref for PastedText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<String> for PastedText {
    fn from(text: String) -> Self {
        Self(Zeroizing::new(text))
    }
}

impl From<&str> for PastedText {
    fn from(text: &str) -> Self {
        Self(Zeroizing::new(text.to_owned()))
    }
}

impl core::fmt::Debug for PastedText {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "PastedText([{} bytes redacted])", self.0.len())
    }
}

#[cfg(feature = "uniffi")]
uniffi::custom_type!(PastedText, Vec<u8>, {
    lower: |text| text.as_bytes().to_vec(),
    try_lift: |bytes| Ok(PastedText::from_utf8(bytes)),
});

/// Top-level places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Destination {
    /// The code list.
    Codes,
    /// Add an account: scan.
    Scan,
    /// Add an account: type it in.
    ManualEntry,
    /// Backups.
    Backup,
    /// Settings.
    Settings,
    /// Transfer to a new phone (asks the PIN first).
    Transfer,
    /// Add accounts from another app's export: the shell is asked to
    /// pick the file ([`crate::Effect::PickFile`]).
    Import,
}

/// Plain text fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Field {
    /// Search on the code list.
    Search,
    /// Issuer (manual entry, confirm, rename).
    Issuer,
    /// Account name (manual entry, confirm, rename).
    Account,
    /// Digits (manual entry, advanced).
    Digits,
    /// Period in seconds (manual entry, advanced).
    Period,
    /// Starting HOTP counter (manual entry, advanced).
    Counter,
    /// Manual clock offset in seconds (settings).
    ClockOffset,
}

/// Secret text fields: their text is never echoed in the view model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SecretField {
    /// The base32 secret (manual entry).
    Secret,
    /// A backup passphrase.
    Passphrase,
    /// The backup passphrase again.
    PassphraseAgain,
    /// The bank's SMS code.
    SmsCode,
}

/// Switches and choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Choice {
    /// Manual entry: show or hide the advanced fields.
    Advanced(bool),
    /// Manual entry: counter-based (HOTP) instead of time-based.
    Hotp(bool),
    /// Manual entry: the hash algorithm.
    Algorithm(ramz_core::Algorithm),
    /// Settings: biometric unlock on or off.
    Biometrics(bool),
    /// Settings: the auto-lock delay in seconds.
    AutoLock(u32),
    /// Settings: start changing the PIN.
    ChangePin,
    /// Settings: use the clock offset typed in [`Field::ClockOffset`];
    /// `false` clears the manual offset.
    ManualClock(bool),
    /// Account: rename with the labels typed.
    Rename,
    /// Account: ask to delete; [`Choice::ConfirmDelete`] does it.
    Delete,
    /// Account: the deletion is confirmed.
    ConfirmDelete,
    /// Backup: export.
    Export,
    /// Backup: include bank cards (needs the PIN).
    IncludeBankCards(bool),
    /// Backup: verify a backup file.
    Verify,
    /// Backup: restore a backup file.
    Restore,
    /// Activation or any failure: try the same thing again.
    Retry,
    /// Paste from the clipboard on the add screen (the shell then sends
    /// [`Event::Paste`]).
    AddAnother,
    /// Transfer: show the next QR code.
    NextCode,
    /// Transfer: show the previous QR code.
    PreviousCode,
}

impl core::fmt::Debug for Event {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Start {
                unix,
                device_language,
                settings,
                biometrics_available,
            } => f
                .debug_struct("Start")
                .field("unix", unix)
                .field("device_language", device_language)
                .field("settings", settings)
                .field("biometrics_available", biometrics_available)
                .finish(),
            Self::Tick { unix } => f.debug_struct("Tick").field("unix", unix).finish(),
            Self::Background { unix } => f.debug_struct("Background").field("unix", unix).finish(),
            Self::Foreground { unix } => f.debug_struct("Foreground").field("unix", unix).finish(),
            Self::WorkDone(w) => f.debug_tuple("WorkDone").field(w).finish(),
            Self::Back => f.write_str("Back"),
            Self::Navigate(d) => f.debug_tuple("Navigate").field(d).finish(),
            Self::PinKey { .. } => f.write_str("PinKey([redacted])"),
            Self::PinBackspace => f.write_str("PinBackspace"),
            Self::PinText { .. } => f.write_str("PinText([redacted])"),
            Self::Edit { field, text } => f
                .debug_struct("Edit")
                .field("field", field)
                .field("text", text)
                .finish(),
            Self::EditSecret { field, .. } => f
                .debug_struct("EditSecret")
                .field("field", field)
                .finish_non_exhaustive(),
            Self::Choose(c) => f.debug_tuple("Choose").field(c).finish(),
            Self::Submit => f.write_str("Submit"),
            Self::SetLanguage(l) => f.debug_tuple("SetLanguage").field(l).finish(),
            Self::AcceptBiometrics { accept } => f
                .debug_struct("AcceptBiometrics")
                .field("accept", accept)
                .finish(),
            Self::UnlockWithBiometrics => f.write_str("UnlockWithBiometrics"),
            Self::TapAccount { id } => f.debug_struct("TapAccount").field("id", id).finish(),
            Self::OpenAccount { id } => f.debug_struct("OpenAccount").field("id", id).finish(),
            Self::MoveAccount { id, position } => f
                .debug_struct("MoveAccount")
                .field("id", id)
                .field("position", position)
                .finish(),
            Self::CameraFrame { width, height, .. } => f
                .debug_struct("CameraFrame")
                .field("width", width)
                .field("height", height)
                .finish_non_exhaustive(),
            Self::Paste { text } => write!(f, "Paste([{} bytes redacted])", text.len()),
            Self::ToggleBatchEntry { index } => f
                .debug_struct("ToggleBatchEntry")
                .field("index", index)
                .finish(),
            Self::BiometricResult { outcome } => f
                .debug_struct("BiometricResult")
                .field("outcome", outcome)
                .finish(),
            Self::HttpResponse { status, body, unix } => f
                .debug_struct("HttpResponse")
                .field("status", status)
                .field("body", &format_args!("[{} bytes]", body.len()))
                .field("unix", unix)
                .finish(),
            Self::HttpFailed => f.write_str("HttpFailed"),
            Self::FileSaved { ok } => f.debug_struct("FileSaved").field("ok", ok).finish(),
            Self::FilePicked { bytes } => write!(f, "FilePicked([{} bytes])", bytes.len()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::PastedText;

    #[test]
    fn pasted_bytes_never_fail_and_never_show() {
        let uri = "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP";
        let text = PastedText::from_utf8(uri.as_bytes().to_vec());
        assert_eq!(&*text, uri);
        assert!(!format!("{text:?}").contains("JBSWY3DP"));
        // Not UTF-8 (a shell's bug or a binary clipboard): replaced, kept
        // as text the classifier then refuses, never a failed call.
        let text = PastedText::from_utf8(vec![b'a', 0xc3, 0x28, b'b']);
        assert_eq!(&*text, "a\u{fffd}(b");
    }
}
