//! The view model: everything a shell draws, already decided and
//! localised. A shell maps each field to a widget and each widget back to
//! an [`crate::Event`]; it chooses nothing.

use ramz_core::AccountId;

use crate::text::Lang;

/// What the shell draws now.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ViewModel {
    /// Language of every text below.
    pub lang: Lang,
    /// Lay out right to left.
    pub rtl: bool,
    /// The screen's title.
    pub title: String,
    /// The screen.
    pub screen: Screen,
    /// What "back" does here.
    pub back: BackAction,
    /// Slow work in progress: show this text with a spinner and take no
    /// input but "back".
    pub busy: Option<String>,
    /// A short message (copied, saved, ...).
    pub toast: Option<String>,
}

/// One screen's content.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum Screen {
    /// Opening the vault.
    Starting,
    /// First run: language, PIN twice, biometrics offer.
    FirstRun(FirstRunView),
    /// The PIN pad.
    Lock(LockView),
    /// The code list.
    Codes(CodesView),
    /// The camera viewfinder.
    Scan(ScanView),
    /// Manual entry.
    ManualEntry(ManualEntryView),
    /// Confirm one account before adding it.
    Confirm(ConfirmView),
    /// A Google Authenticator export batch.
    Batch(BatchView),
    /// Another app's export: its passphrase, then what it holds.
    Import(ImportView),
    /// A bank card activation.
    Activation(ActivationView),
    /// One account's details.
    Account(AccountView),
    /// Backups.
    Backup(BackupView),
    /// Settings.
    Settings(SettingsView),
    /// Transfer to a new phone: the PIN, then migration QR codes.
    Transfer(TransferView),
    /// A full-screen explanation (wiped, damaged, not a code, done) with
    /// the way forward.
    Notice(NoticeView),
}

/// What "back" does on the screen shown.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum BackAction {
    /// A back arrow with this label; it and the system back send `Back`.
    Back(Button),
    /// No arrow; the system back leaves the app.
    LeaveApp,
}

/// A labelled button: the shell sends the event documented where the
/// button appears (an icon's accessibility label).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Button {
    /// Its text.
    pub label: String,
    /// Tappable now.
    pub enabled: bool,
}

/// Transfer to a new phone. First `pin` (the PIN pad; the other fields
/// empty); after the PIN, one code at a time with previous/next
/// (`Choice::PreviousCode`, `Choice::NextCode`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct TransferView {
    /// The PIN pad, until the PIN is checked.
    pub pin: Option<PinPadView>,
    /// "Code 2 of 3".
    pub part: Option<String>,
    /// The QR code to draw.
    pub code: Option<QrModules>,
    /// What to do (before the PIN: what this screen does; after: scan this
    /// with the new phone; or that there is nothing to transfer).
    pub hint: String,
    /// "Bank cards do not move: activate them again at your bank".
    pub stay_title: Option<String>,
    /// The bank cards (labels) that stay on this phone.
    pub stay: Vec<String>,
    /// Previous code (when there are several).
    pub previous: Option<Button>,
    /// Next code (when there are several).
    pub next: Option<Button>,
}

/// A QR code as modules for the shell to draw (dark on light, with a
/// light margin of 4 modules around it). It holds secrets: its `Debug`
/// shows the size only.
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct QrModules {
    /// Modules per side.
    pub size: u32,
    /// `size * size` modules, row after row from the top left: 1 dark,
    /// 0 light.
    pub dark: Vec<u8>,
}

impl core::fmt::Debug for QrModules {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("QrModules")
            .field("size", &self.size)
            .finish_non_exhaustive()
    }
}

impl Button {
    pub(crate) fn new(label: String, enabled: bool) -> Self {
        Self { label, enabled }
    }
}

/// A PIN pad.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PinPadView {
    /// What to type ("Enter your PIN", "Repeat the PIN").
    pub prompt: String,
    /// Digits typed so far (drawn as dots).
    pub filled: u32,
    /// Digits in a PIN.
    pub length: u32,
    /// The ten key labels, 0 to 9, in the language's digits.
    pub keys: Vec<String>,
    /// Accepts keys now (false while waiting or working).
    pub enabled: bool,
    /// Why the last PIN was refused, if it was.
    pub error: Option<String>,
    /// The delete key (`PinBackspace`).
    pub backspace: Button,
}

/// First run.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FirstRunView {
    /// Which step.
    pub step: FirstRunStep,
    /// Welcome text of the step.
    pub heading: String,
    /// Language choices (step `Language`): each with its own name.
    pub languages: Vec<LanguageChoice>,
    /// The pad (steps `Pin` and `PinAgain`).
    pub pad: Option<PinPadView>,
    /// Biometrics offer text and its two answers (step `Biometrics`).
    pub biometrics: Option<Offer>,
    /// Continue (step `Language`).
    pub next: Button,
}

/// A yes/no offer.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Offer {
    /// The question.
    pub text: String,
    /// "Yes".
    pub accept: Button,
    /// "Not now".
    pub decline: Button,
}

/// A language in the language list.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LanguageChoice {
    /// The language.
    pub lang: Lang,
    /// Its name in itself.
    pub name: String,
    /// Selected now.
    pub selected: bool,
}

/// Steps of the first run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub enum FirstRunStep {
    /// Choose the language.
    Language,
    /// Type a new PIN.
    Pin,
    /// Type it again.
    PinAgain,
    /// Offer biometric unlock.
    Biometrics,
}

/// The lock screen.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct LockView {
    /// The pad.
    pub pad: PinPadView,
    /// "3 attempts left before the vault is erased", when it matters.
    pub attempts: Option<String>,
    /// "Try again in 0:42", counting down with the ticks.
    pub wait: Option<String>,
    /// Seconds of that wait (0: none).
    pub wait_seconds: u32,
    /// The biometric button, when biometric unlock is on.
    pub biometrics: Option<Button>,
}

/// The code list.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CodesView {
    /// Rows matching the search, in list order.
    pub rows: Vec<CodeRow>,
    /// The search text as typed.
    pub search: String,
    /// Search field hint.
    pub search_hint: String,
    /// Shown instead of rows when there are none (leads to "add").
    pub empty: Option<String>,
    /// Warnings above the list (clock off, backup reminder).
    pub banners: Vec<String>,
    /// The add button (`Navigate(Destination::Scan)`).
    pub add: Button,
    /// Backups (`Navigate(Destination::Backup)`).
    pub backup: Button,
    /// Transfer to a new phone (`Navigate(Destination::Transfer)`).
    pub transfer: Button,
    /// Settings (`Navigate(Destination::Settings)`).
    pub settings: Button,
    /// Rows' long press (`OpenAccount`).
    pub open_account: Button,
    /// Rows' "move up" (`MoveAccount` to `row.move_up`).
    pub move_up: Button,
    /// Rows' "move down" (`MoveAccount` to `row.move_down`).
    pub move_down: Button,
    /// Turn biometric unlock on again after its key was invalidated
    /// (`AcceptBiometrics`).
    pub biometrics_offer: Option<Offer>,
}

/// One account on the code list.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CodeRow {
    /// The account (for tap, long press, move). As JSON: 32 hex digits.
    #[cfg_attr(feature = "serde", serde(serialize_with = "id_hex"))]
    pub id: AccountId,
    /// Service or bank name.
    pub issuer: String,
    /// Account name, or the masked card (isolated left to right).
    pub account: String,
    /// "Bank card" badge for a bank's second password.
    pub badge: Option<String>,
    /// The code in groups ("۴۸۰ ۹۱۳"), isolated left to right; for HOTP the
    /// last code made, or a prompt to make one.
    pub code: String,
    /// The next code, shown in the last seconds of a step.
    pub next: Option<String>,
    /// Seconds until the code changes (0 for HOTP).
    pub seconds_left: u32,
    /// Step length (0 for HOTP).
    pub period: u32,
    /// The seconds, written out ("۱۲").
    pub seconds_text: String,
    /// HOTP: "Counter 5".
    pub counter: Option<String>,
    /// What a screen reader says: issuer, account, the code digit by
    /// digit, and "expires in N seconds".
    pub a11y: String,
    /// What a tap does ("Copy the code").
    pub tap: String,
    /// `MoveAccount` position one up; none at the top or in a search.
    pub move_up: Option<u32>,
    /// `MoveAccount` position one down; none at the end or in a search.
    pub move_down: Option<u32>,
}

/// The camera viewfinder.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ScanView {
    /// "Point the camera at the QR code".
    pub hint: String,
    /// A migration export in progress: "Scanned 1 of 3".
    pub progress: Option<String>,
    /// Why the last code was not taken.
    pub error: Option<String>,
    /// Paste instead.
    pub paste: Button,
    /// Type it in instead.
    pub manual: Button,
    /// Import from another app's export file
    /// (`Navigate(Destination::Import)`).
    pub import: Button,
}

/// A form field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FieldView {
    /// Label.
    pub label: String,
    /// Current text (empty for secret fields: the shell keeps what was
    /// typed).
    pub value: String,
    /// The field's problem, shown under it.
    pub error: Option<String>,
}

/// Manual entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ManualEntryView {
    /// Issuer.
    pub issuer: FieldView,
    /// Account.
    pub account: FieldView,
    /// Base32 secret (secret field).
    pub secret: FieldView,
    /// Advanced fields shown (`Advanced`).
    pub advanced: Switch,
    /// Digits.
    pub digits: FieldView,
    /// Period (TOTP).
    pub period: FieldView,
    /// Starting counter (HOTP).
    pub counter: FieldView,
    /// Counter-based (`Hotp`).
    pub hotp: Switch,
    /// "Algorithm".
    pub algorithm_label: String,
    /// The algorithms (`Algorithm(value)`).
    pub algorithms: Vec<AlgorithmChoice>,
    /// Add.
    pub submit: Button,
}

/// One hash algorithm of manual entry.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AlgorithmChoice {
    /// "SHA-1".
    pub label: String,
    /// Its value (JSON: "Sha256").
    #[cfg_attr(feature = "serde", serde(serialize_with = "algorithm_name"))]
    pub value: ramz_core::Algorithm,
    /// Selected now.
    pub selected: bool,
}

/// Confirm one account.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ConfirmView {
    /// Editable issuer.
    pub issuer: FieldView,
    /// Editable account name.
    pub account: FieldView,
    /// "TOTP · 6 digits · 30 s · SHA-1".
    pub details: String,
    /// "Already in your vault" when it is.
    pub duplicate: Option<String>,
    /// "Short secret" warning.
    pub warning: Option<String>,
    /// Add.
    pub submit: Button,
}

/// A migration export batch.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BatchView {
    /// "Code 1 of 3".
    pub part: String,
    /// The accounts, with checkboxes.
    pub entries: Vec<BatchEntry>,
    /// "2 entries cannot be imported".
    pub rejected: Option<String>,
    /// Add the ticked ones.
    pub submit: Button,
}

/// Importing another app's export: pick the file, type its passphrase
/// if it is encrypted, then tick the accounts to add.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ImportView {
    /// What to do now ("Choose the export file", "Type its password",
    /// "Choose the accounts to add").
    pub hint: String,
    /// The app the file is from ("From Aegis, encrypted"), once known.
    pub source: Option<String>,
    /// The passphrase field (secret: the value is never echoed), while
    /// an encrypted file waits for it.
    pub passphrase: Option<FieldView>,
    /// The accounts of the file, with checkboxes; those already in the
    /// vault are marked and not ticked (toggle with
    /// `ToggleBatchEntry { index }`).
    pub entries: Vec<BatchEntry>,
    /// Every entry left out, with its reason ("Yandex — alice: this kind
    /// of code is not supported").
    pub skipped: Vec<String>,
    /// What went wrong, with what to do; nothing was changed.
    pub error: Option<String>,
    /// Open the file with the passphrase, or add the ticked accounts
    /// (`Submit`).
    pub submit: Option<Button>,
    /// Choose another file (`Choose(Retry)`).
    pub pick: Button,
}

/// One account of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BatchEntry {
    /// "Issuer — account".
    pub label: String,
    /// Ticked.
    pub checked: bool,
    /// "Already in your vault".
    pub duplicate: Option<String>,
}

/// A bank card activation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ActivationView {
    /// The bank.
    pub bank: String,
    /// The masked card, isolated left to right.
    pub card: String,
    /// The server's host (and port), from the scanned code, for the
    /// customer to check before typing the SMS code.
    pub server: String,
    /// "Expires in 4:32", counting down.
    pub expires: String,
    /// The SMS code field (secret).
    pub sms_code: FieldView,
    /// What went wrong last, with what to do.
    pub error: Option<String>,
    /// Activate.
    pub submit: Button,
    /// Try again after a network failure.
    pub retry: Option<Button>,
}

/// One account's details.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AccountView {
    /// Issuer field (rename).
    pub issuer: FieldView,
    /// Account field (rename).
    pub account: FieldView,
    /// Label–value lines: kind, algorithm, digits, period; never a secret.
    pub details: Vec<Detail>,
    /// Rename.
    pub rename: Button,
    /// Delete.
    pub delete: Button,
    /// Deletion asked: the confirmation text.
    pub confirm_delete: Option<String>,
    /// Delete now (`ConfirmDelete`); a bank card takes the PIN instead.
    pub confirm: Option<Button>,
    /// A bank card's deletion needs the PIN.
    pub pad: Option<PinPadView>,
}

/// Backups.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct BackupView {
    /// "Last backup: ۱۴۰۵/۰۹/۰۹" or "never".
    pub last_backup: String,
    /// "3 accounts added since".
    pub reminder: Option<String>,
    /// Passphrase field (secret).
    pub passphrase: FieldView,
    /// Passphrase again (export only).
    pub passphrase_again: Option<FieldView>,
    /// Strength, 0–4 (export only).
    pub strength: Option<u8>,
    /// Strength in words, with the reason when refused.
    pub strength_text: Option<String>,
    /// Include bank cards (`IncludeBankCards`; needs the PIN).
    pub include_bank_cards: Option<Switch>,
    /// The PIN pad, when bank cards are included.
    pub pad: Option<PinPadView>,
    /// Export; with bank cards, the PIN on `pad` exports.
    pub export: Button,
    /// Verify a file.
    pub verify: Button,
    /// Restore a file.
    pub restore: Button,
    /// Check or restore the file picked (`Submit`).
    pub submit: Option<Button>,
    /// The report of the last verify or restore, one line each.
    pub report: Vec<String>,
    /// Error of the last attempt.
    pub error: Option<String>,
}

/// Settings.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SettingsView {
    /// "Language".
    pub language_label: String,
    /// Language choices.
    pub languages: Vec<LanguageChoice>,
    /// Biometric unlock switch label and state, when the device has it.
    pub biometrics: Option<Switch>,
    /// "Lock after".
    pub auto_lock_label: String,
    /// Auto-lock choices: label, seconds, selected.
    pub auto_lock: Vec<AutoLockChoice>,
    /// `ChangePin`.
    pub change_pin: Button,
    /// Clock: offset in force and where it comes from.
    pub clock: String,
    /// Manual offset field.
    pub clock_offset: FieldView,
    /// `ManualClock(true)`.
    pub clock_apply: Button,
    /// `ManualClock(false)`, while a manual offset is in force.
    pub clock_clear: Option<Button>,
    /// The PIN pad while the PIN is asked (biometrics on, change PIN).
    pub pad: Option<PinPadView>,
    /// Version and licences.
    pub about: String,
    /// Error of the last action.
    pub error: Option<String>,
}

/// A full-screen explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct NoticeView {
    /// What happened.
    pub heading: String,
    /// What it means and what to do.
    pub body: String,
    /// The way forward (Event::Submit).
    pub action: Button,
}

/// A label and a value.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Detail {
    /// Label.
    pub label: String,
    /// Value.
    pub value: String,
}

/// An on/off switch.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Switch {
    /// Label.
    pub label: String,
    /// On.
    pub on: bool,
}

/// One auto-lock delay.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AutoLockChoice {
    /// "1 minute".
    pub label: String,
    /// Send with `Choice::AutoLock`.
    pub seconds: u32,
    /// Selected now.
    pub selected: bool,
}

/// An algorithm by its name in the JSON view model ("Sha256").
#[cfg(feature = "serde")]
fn algorithm_name<S: serde::Serializer>(a: &ramz_core::Algorithm, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(match a {
        ramz_core::Algorithm::Sha256 => "Sha256",
        ramz_core::Algorithm::Sha512 => "Sha512",
        _ => "Sha1",
    })
}

/// An account id as its 32 hex digits (the JSON view model).
#[cfg(feature = "serde")]
fn id_hex<S: serde::Serializer>(id: &AccountId, s: S) -> Result<S::Ok, S::Error> {
    use core::fmt::Write as _;
    let mut hex = String::with_capacity(32);
    for b in id.to_bytes() {
        let _ = write!(hex, "{b:02x}");
    }
    s.serialize_str(&hex)
}
