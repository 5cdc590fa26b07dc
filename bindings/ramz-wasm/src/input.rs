//! What the web shell sends, as JSON: the events without bytes, mirrored
//! here so `ramz-app`'s event types need no serde.
//!
//! Events that carry bytes (a PIN, a secret field, a camera frame, an HTTP
//! body, a picked file) have their own methods on [`crate::WebApp`]: they
//! cross as `Uint8Array`s, never as JSON text.

use ramz_app::{BiometricOutcome, Choice, Destination, Event, Field, text::Lang};
use ramz_core::{AccountId, Algorithm};
use serde::Deserialize;

/// One event from the shell, `{"t": "Tick", "unix": 1800000000}`.
#[derive(Debug, Deserialize)]
#[serde(tag = "t", deny_unknown_fields)]
pub(crate) enum Input {
    Tick { unix: u64 },
    Background { unix: u64 },
    Foreground { unix: u64 },
    Back,
    Navigate { to: Destination_ },
    PinKey { digit: u8 },
    PinBackspace,
    Edit { field: Field_, text: String },
    Choose { choice: Choice_ },
    Submit,
    SetLanguage { lang: Lang },
    AcceptBiometrics { accept: bool },
    UnlockWithBiometrics,
    TapAccount { id: String },
    OpenAccount { id: String },
    MoveAccount { id: String, position: u32 },
    Paste { text: String },
    ToggleBatchEntry { index: u32 },
    BiometricResult { outcome: BiometricOutcome_ },
    HttpFailed,
    FileSaved { ok: bool },
}

/// [`BiometricOutcome`] by name, `"Cancelled"`.
#[derive(Debug, Clone, Copy, Deserialize)]
pub(crate) enum BiometricOutcome_ {
    Success,
    Cancelled,
    Failed,
    KeyInvalidated,
}

/// [`Destination`] by name.
#[derive(Debug, Clone, Copy, Deserialize)]
pub(crate) enum Destination_ {
    Codes,
    Scan,
    ManualEntry,
    Backup,
    Settings,
    Transfer,
    Import,
}

/// [`Field`] by name.
#[derive(Debug, Clone, Copy, Deserialize)]
pub(crate) enum Field_ {
    Search,
    Issuer,
    Account,
    Digits,
    Period,
    Counter,
    ClockOffset,
}

/// [`Choice`] by name, `{"Advanced": true}` or `"Export"`.
#[derive(Debug, Clone, Copy, Deserialize)]
pub(crate) enum Choice_ {
    Advanced(bool),
    Hotp(bool),
    Algorithm(Algorithm_),
    Biometrics(bool),
    AutoLock(u32),
    ChangePin,
    ManualClock(bool),
    Rename,
    Delete,
    ConfirmDelete,
    Export,
    IncludeBankCards(bool),
    Verify,
    Restore,
    Retry,
    AddAnother,
    NextCode,
    PreviousCode,
}

/// The hash by name.
#[derive(Debug, Clone, Copy, Deserialize)]
pub(crate) enum Algorithm_ {
    Sha1,
    Sha256,
    Sha512,
}

/// Why an input was not taken (nothing about its content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Not JSON of a known event (the serde message names the field).
    Malformed(String),
    /// An account id that is not 32 hex digits.
    BadAccountId,
}

impl core::fmt::Display for InputError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Malformed(why) => write!(f, "not a known event: {why}"),
            Self::BadAccountId => f.write_str("an account id is 32 hex digits"),
        }
    }
}

/// Parses one JSON input into the app's [`Event`].
///
/// A `Paste` and an `Edit` hold what the person typed or pasted: the
/// error message is serde's, which names the position and the expected
/// type, never the text.
pub(crate) fn parse(json: &str) -> Result<Event, InputError> {
    let input: Input = serde_json::from_str(json).map_err(|e| {
        InputError::Malformed(format!(
            "{} at line {} column {}",
            classify(&e),
            e.line(),
            e.column()
        ))
    })?;
    Ok(match input {
        Input::Tick { unix } => Event::Tick { unix },
        Input::Background { unix } => Event::Background { unix },
        Input::Foreground { unix } => Event::Foreground { unix },
        Input::Back => Event::Back,
        Input::Navigate { to } => Event::Navigate(destination(to)),
        Input::PinKey { digit } => Event::PinKey { digit },
        Input::PinBackspace => Event::PinBackspace,
        Input::Edit { field: f, text } => Event::Edit {
            field: field(f),
            text,
        },
        Input::Choose { choice: c } => Event::Choose(choice(c)),
        Input::Submit => Event::Submit,
        Input::SetLanguage { lang } => Event::SetLanguage(lang),
        Input::AcceptBiometrics { accept } => Event::AcceptBiometrics { accept },
        Input::UnlockWithBiometrics => Event::UnlockWithBiometrics,
        Input::TapAccount { id } => Event::TapAccount {
            id: account_id(&id)?,
        },
        Input::OpenAccount { id } => Event::OpenAccount {
            id: account_id(&id)?,
        },
        Input::MoveAccount { id, position } => Event::MoveAccount {
            id: account_id(&id)?,
            position,
        },
        Input::Paste { text } => Event::Paste { text: text.into() },
        Input::ToggleBatchEntry { index } => Event::ToggleBatchEntry { index },
        Input::BiometricResult { outcome } => Event::BiometricResult {
            outcome: match outcome {
                BiometricOutcome_::Success => BiometricOutcome::Success,
                BiometricOutcome_::Cancelled => BiometricOutcome::Cancelled,
                BiometricOutcome_::Failed => BiometricOutcome::Failed,
                BiometricOutcome_::KeyInvalidated => BiometricOutcome::KeyInvalidated,
            },
        },
        Input::HttpFailed => Event::HttpFailed,
        Input::FileSaved { ok } => Event::FileSaved { ok },
    })
}

/// serde's error category, without its message (which may quote input).
fn classify(e: &serde_json::Error) -> &'static str {
    use serde_json::error::Category;
    match e.classify() {
        Category::Io => "read error",
        Category::Syntax => "syntax error",
        Category::Data => "unexpected field or value",
        Category::Eof => "unexpected end",
    }
}

fn account_id(hex: &str) -> Result<AccountId, InputError> {
    let bytes = data_encoding::HEXLOWER_PERMISSIVE
        .decode(hex.as_bytes())
        .map_err(|_| InputError::BadAccountId)?;
    let bytes: [u8; 16] = bytes.try_into().map_err(|_| InputError::BadAccountId)?;
    Ok(AccountId::from_bytes(bytes))
}

fn destination(d: Destination_) -> Destination {
    match d {
        Destination_::Codes => Destination::Codes,
        Destination_::Scan => Destination::Scan,
        Destination_::ManualEntry => Destination::ManualEntry,
        Destination_::Backup => Destination::Backup,
        Destination_::Settings => Destination::Settings,
        Destination_::Transfer => Destination::Transfer,
        Destination_::Import => Destination::Import,
    }
}

fn field(f: Field_) -> Field {
    match f {
        Field_::Search => Field::Search,
        Field_::Issuer => Field::Issuer,
        Field_::Account => Field::Account,
        Field_::Digits => Field::Digits,
        Field_::Period => Field::Period,
        Field_::Counter => Field::Counter,
        Field_::ClockOffset => Field::ClockOffset,
    }
}

fn choice(c: Choice_) -> Choice {
    match c {
        Choice_::Advanced(b) => Choice::Advanced(b),
        Choice_::Hotp(b) => Choice::Hotp(b),
        Choice_::Algorithm(a) => Choice::Algorithm(match a {
            Algorithm_::Sha1 => Algorithm::Sha1,
            Algorithm_::Sha256 => Algorithm::Sha256,
            Algorithm_::Sha512 => Algorithm::Sha512,
        }),
        Choice_::Biometrics(b) => Choice::Biometrics(b),
        Choice_::AutoLock(s) => Choice::AutoLock(s),
        Choice_::ChangePin => Choice::ChangePin,
        Choice_::ManualClock(b) => Choice::ManualClock(b),
        Choice_::Rename => Choice::Rename,
        Choice_::Delete => Choice::Delete,
        Choice_::ConfirmDelete => Choice::ConfirmDelete,
        Choice_::Export => Choice::Export,
        Choice_::IncludeBankCards(b) => Choice::IncludeBankCards(b),
        Choice_::Verify => Choice::Verify,
        Choice_::Restore => Choice::Restore,
        Choice_::Retry => Choice::Retry,
        Choice_::AddAnother => Choice::AddAnother,
        Choice_::NextCode => Choice::NextCode,
        Choice_::PreviousCode => Choice::PreviousCode,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_parse() {
        assert!(matches!(
            parse(r#"{"t":"Tick","unix":5}"#),
            Ok(Event::Tick { unix: 5 })
        ));
        assert!(matches!(
            parse(r#"{"t":"Choose","choice":{"Advanced":true}}"#),
            Ok(Event::Choose(Choice::Advanced(true)))
        ));
        assert!(matches!(
            parse(r#"{"t":"Choose","choice":"Export"}"#),
            Ok(Event::Choose(Choice::Export))
        ));
        assert!(matches!(
            parse(r#"{"t":"SetLanguage","lang":"En"}"#),
            Ok(Event::SetLanguage(Lang::En))
        ));
        let id = "00112233445566778899aabbccddeeff";
        match parse(&format!(r#"{{"t":"TapAccount","id":"{id}"}}"#)) {
            Ok(Event::TapAccount { id: got }) => assert_eq!(got.to_bytes()[15], 0xff),
            other => panic!("{other:?}"),
        }
    }

    /// Bad input is a typed error that quotes nothing of what was sent.
    #[test]
    fn bad_input_is_refused_without_echo() {
        let e = parse(r#"{"t":"Paste","text":123456, "x": "sekret-654321"}"#).unwrap_err();
        assert!(!format!("{e}").contains("654321"), "{e}");
        let e = parse(r#"{"t":"Edit","field":"sekret-654321","text":""}"#).unwrap_err();
        assert!(!format!("{e}{e:?}").contains("654321"), "{e}");
        assert_eq!(
            parse(r#"{"t":"TapAccount","id":"0011"}"#).unwrap_err(),
            InputError::BadAccountId
        );
        assert!(matches!(parse("{"), Err(InputError::Malformed(_))));
        assert!(matches!(
            parse(r#"{"t":"Launch"}"#),
            Err(InputError::Malformed(_))
        ));
    }
}
