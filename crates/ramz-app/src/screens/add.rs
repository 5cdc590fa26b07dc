//! Adding accounts: scan (one decode per frame, stop on success), paste,
//! manual entry with field-level messages, the confirm screen ("already in
//! your vault"), migration batches "i of n" with checkboxes, and non-OTP
//! codes explained.

use ramz_core::{
    AccountKind, AccountPreview, Algorithm, InputProblem, ManualEntry, PendingId, Scanned,
};
use zeroize::Zeroizing;

use crate::app::{App, Fx};
use crate::event::{Choice, Event, Field, SecretField};
use crate::port::is_input;
use crate::screens::{Input, ScreenState, activation, codes, notice};
use crate::text::{Args, Catalog, to_ascii_digits};
use crate::view::{
    BatchEntry, BatchView, Button, ConfirmView, FieldView, ManualEntryView, ScanView,
};
use crate::work::{Done, Job};

/// What a non-OTP text is, for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foreign {
    /// A web address.
    Link,
    /// A Wi-Fi network.
    Wifi,
    /// Something else.
    Other,
}

/// Names what a text that is not an OTP code is (only its scheme is
/// looked at; the text is not kept).
pub(crate) fn describe_foreign(text: &str) -> Option<String> {
    let t = text.trim_start().to_ascii_lowercase();
    let kind = if t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.") {
        "link"
    } else if t.starts_with("wifi:") {
        "wifi"
    } else {
        "other"
    };
    Some(kind.to_owned())
}

// ----- scan -----

#[derive(Default)]
pub(crate) struct ScanState {
    error: Option<String>,
}

pub(crate) fn update_scan(
    app: &mut App,
    mut s: ScanState,
    input: Input,
    fx: &mut Fx,
) -> ScreenState {
    match input {
        Input::Ev(Event::CameraFrame {
            luma,
            width,
            height,
            row_stride,
        }) => {
            // One decode at a time; frames arriving meanwhile are dropped.
            app.spawn(
                Job::DecodeFrame {
                    luma,
                    width,
                    height,
                    row_stride,
                },
                true,
                "busy-reading",
                fx,
            );
        }
        Input::Ev(Event::Paste { text }) => return read_pasted(app, &text, fx),
        Input::Done(Done::Frame(r, foreign)) => match r {
            Ok(Some(scanned)) => return scanned_to_screen(app, scanned, foreign),
            Ok(None) => {}
            Err(e) => s.error = Some(problem_text(&app.c, &e)),
        },
        _ => {}
    }
    ScreenState::Scan(s)
}

pub(crate) fn view_scan(app: &App, s: &ScanState) -> ScanView {
    let c = &app.c;
    ScanView {
        hint: c.t("scan-hint"),
        progress: app.batch_progress().map(|(seen, count)| {
            c.ta(
                "scan-batch-progress",
                &Args::new().n("seen", seen).n("count", count),
            )
        }),
        error: s.error.clone(),
        paste: Button::new(c.t("scan-paste"), true),
        manual: Button::new(c.t("scan-manual"), true),
    }
}

/// Classifies pasted text and goes where it leads.
pub(crate) fn read_pasted(app: &mut App, text: &str, _fx: &mut Fx) -> ScreenState {
    let foreign = describe_foreign(text);
    let Some(port) = app.port.as_mut() else {
        return ScreenState::Scan(ScanState::default());
    };
    match port.read_text(text) {
        Ok(scanned) => scanned_to_screen(app, scanned, foreign),
        Err(e) => ScreenState::Scan(ScanState {
            error: Some(problem_text(&app.c, &e)),
        }),
    }
}

fn scanned_to_screen(app: &mut App, scanned: Scanned, foreign: Option<String>) -> ScreenState {
    match scanned {
        Scanned::Account { pending, account } => {
            let duplicate = is_duplicate(app, &account);
            ScreenState::Confirm(ConfirmState {
                pending,
                issuer: account.issuer.clone(),
                account: account.account.clone(),
                preview: account,
                duplicate,
                error: None,
            })
        }
        Scanned::Migration {
            pending,
            index,
            count,
            accounts,
            rejected,
        } => {
            let checked = accounts.iter().map(|a| !is_duplicate(app, a)).collect();
            let duplicates = accounts.iter().map(|a| is_duplicate(app, a)).collect();
            ScreenState::Batch(BatchState {
                pending,
                index,
                count,
                accounts,
                checked,
                duplicates,
                rejected,
                error: None,
            })
        }
        Scanned::BankActivation {
            pending,
            issuer,
            masked_card,
            expires_at,
        } => ScreenState::Activation(activation::State::new(
            pending,
            issuer,
            masked_card,
            expires_at,
        )),
        Scanned::Invalid { problem } => ScreenState::Scan(ScanState {
            error: Some(input_text(&app.c, problem)),
        }),
        _ => {
            let kind = foreign.unwrap_or_else(|| "other".to_owned());
            let body = app.c.t(&format!("foreign-{kind}"));
            ScreenState::Notice(notice::State::new(
                app,
                "foreign-title",
                "foreign-heading",
                body,
                "foreign-scan-again",
                notice::Then::Scan,
            ))
        }
    }
}

/// "Already in your vault": same issuer, account and kind as a stored one.
/// (ramz-core will report duplicates by secret; requested core API.)
fn is_duplicate(app: &App, p: &AccountPreview) -> bool {
    app.list.accounts.iter().any(|a| {
        a.preview.issuer == p.issuer
            && a.preview.account == p.account
            && std::mem::discriminant(&a.preview.kind) == std::mem::discriminant(&p.kind)
    })
}

/// Forgets the pending scan of a screen being left.
pub(crate) fn forget_pending(app: &mut App, state: &ScreenState) {
    let pending = match state {
        ScreenState::Confirm(s) => Some(s.pending),
        ScreenState::Batch(s) => Some(s.pending),
        ScreenState::Activation(s) => Some(s.pending()),
        _ => None,
    };
    if let (Some(p), Some(port)) = (pending, app.port.as_mut()) {
        port.discard(p);
    }
}

// ----- confirm -----

pub(crate) struct ConfirmState {
    pending: PendingId,
    preview: AccountPreview,
    issuer: String,
    account: String,
    duplicate: bool,
    error: Option<String>,
}

pub(crate) fn update_confirm(
    app: &mut App,
    mut s: ConfirmState,
    input: Input,
    fx: &mut Fx,
) -> ScreenState {
    match input {
        Input::Ev(Event::Edit {
            field: Field::Issuer,
            text,
        }) => s.issuer = text,
        Input::Ev(Event::Edit {
            field: Field::Account,
            text,
        }) => s.account = text,
        Input::Ev(Event::Submit) => {
            let job = Job::AddScanned {
                pending: s.pending,
                keep: vec![true],
                labels: Some((s.issuer.trim().to_owned(), s.account.trim().to_owned())),
                unix: app.now,
            };
            app.spawn(job, true, "busy-saving", fx);
        }
        Input::Done(Done::Added(r)) => {
            return added(app, r, fx).unwrap_or_else(|e| {
                s.error = Some(e);
                ScreenState::Confirm(s)
            });
        }
        _ => {}
    }
    ScreenState::Confirm(s)
}

fn added(
    app: &mut App,
    r: Result<Vec<ramz_core::AccountInfo>, ramz_core::CoreError>,
    fx: &mut Fx,
) -> Result<ScreenState, String> {
    match r {
        Ok(list) => {
            let n = u32::try_from(list.len()).unwrap_or(u32::MAX);
            app.settings.added_since_backup = app.settings.added_since_backup.saturating_add(n);
            app.store_settings(fx);
            let text = app.c.ta("added", &Args::new().n("count", n));
            app.toast(text);
            Ok(ScreenState::Codes(codes::State::default()))
        }
        Err(e) => Err(problem_text(&app.c, &e)),
    }
}

pub(crate) fn view_confirm(app: &App, s: &ConfirmState) -> ConfirmView {
    let c = &app.c;
    ConfirmView {
        issuer: field(c, "field-issuer", &s.issuer, None),
        account: field(c, "field-account", &s.account, s.error.clone()),
        details: details(c, &s.preview),
        duplicate: s.duplicate.then(|| c.t("already-in-vault")),
        warning: s.preview.weak_secret.then(|| c.t("weak-secret")),
        submit: Button::new(c.t("add"), app.working.is_none()),
    }
}

/// "TOTP · 6 digits · 30 s · SHA-1".
pub(crate) fn details(c: &Catalog, p: &AccountPreview) -> String {
    let kind = match p.kind {
        AccountKind::Totp { period } => c.ta(
            "kind-totp",
            &Args::new().n("period", i64::try_from(period).unwrap_or(0)),
        ),
        AccountKind::Hotp { counter } => c.ta(
            "kind-hotp",
            &Args::new().n("counter", i64::try_from(counter).unwrap_or(0)),
        ),
        AccountKind::Steam => c.t("kind-steam"),
    };
    let digits = c.ta("digits-count", &Args::new().n("count", i64::from(p.digits)));
    format!("{kind} · {digits} · {}", algorithm_name(p.algorithm))
}

pub(crate) fn algorithm_name(a: Algorithm) -> &'static str {
    match a {
        Algorithm::Sha256 => "SHA-256",
        Algorithm::Sha512 => "SHA-512",
        _ => "SHA-1",
    }
}

// ----- migration batch -----

pub(crate) struct BatchState {
    pending: PendingId,
    index: u32,
    count: u32,
    accounts: Vec<AccountPreview>,
    checked: Vec<bool>,
    duplicates: Vec<bool>,
    rejected: u32,
    error: Option<String>,
}

pub(crate) fn update_batch(
    app: &mut App,
    mut s: BatchState,
    input: Input,
    fx: &mut Fx,
) -> ScreenState {
    match input {
        Input::Ev(Event::ToggleBatchEntry { index }) => {
            if let Some(c) = s.checked.get_mut(index as usize) {
                *c = !*c;
            }
        }
        Input::Ev(Event::Submit) if s.checked.iter().any(|c| *c) => {
            let job = Job::AddScanned {
                pending: s.pending,
                keep: s.checked.clone(),
                labels: None,
                unix: app.now,
            };
            app.spawn(job, true, "busy-saving", fx);
        }
        Input::Done(Done::Added(r)) => {
            app.mark_batch_part(s.index, s.count);
            return match added(app, r, fx) {
                Ok(next)
                    if app
                        .batch_progress()
                        .is_some_and(|(seen, count)| seen < count) =>
                {
                    let _ = next;
                    ScreenState::Scan(ScanState::default())
                }
                Ok(next) => {
                    app.clear_batch();
                    next
                }
                Err(e) => {
                    s.error = Some(e);
                    ScreenState::Batch(s)
                }
            };
        }
        _ => {}
    }
    ScreenState::Batch(s)
}

pub(crate) fn view_batch(app: &App, s: &BatchState) -> BatchView {
    let c = &app.c;
    BatchView {
        part: c.ta(
            "batch-part",
            &Args::new().n("index", s.index).n("count", s.count),
        ),
        entries: s
            .accounts
            .iter()
            .zip(&s.checked)
            .zip(&s.duplicates)
            .map(|((a, checked), dup)| BatchEntry {
                label: label(a),
                checked: *checked,
                duplicate: dup.then(|| c.t("already-in-vault")),
            })
            .collect(),
        rejected: (s.rejected > 0)
            .then(|| c.ta("batch-rejected", &Args::new().n("count", s.rejected))),
        submit: Button::new(
            c.ta(
                "batch-add",
                &Args::new().n("count", s.checked.iter().filter(|x| **x).count() as i64),
            ),
            app.working.is_none() && s.checked.iter().any(|x| *x),
        ),
    }
}

fn label(a: &AccountPreview) -> String {
    match (a.issuer.is_empty(), a.account.is_empty()) {
        (false, false) => format!("{} — {}", a.issuer, a.account),
        (false, true) => a.issuer.clone(),
        _ => a.account.clone(),
    }
}

// ----- manual entry -----

pub(crate) struct ManualState {
    issuer: String,
    account: String,
    secret: Zeroizing<Vec<u8>>,
    advanced: bool,
    hotp: bool,
    algorithm: Algorithm,
    digits: String,
    period: String,
    counter: String,
    errors: ManualErrors,
}

#[derive(Default)]
struct ManualErrors {
    secret: Option<String>,
    digits: Option<String>,
    period: Option<String>,
    label: Option<String>,
}

impl Default for ManualState {
    fn default() -> Self {
        Self {
            issuer: String::new(),
            account: String::new(),
            secret: Zeroizing::default(),
            advanced: false,
            hotp: false,
            algorithm: Algorithm::Sha1,
            digits: "6".to_owned(),
            period: "30".to_owned(),
            counter: "0".to_owned(),
            errors: ManualErrors::default(),
        }
    }
}

pub(crate) fn update_manual(
    app: &mut App,
    mut s: ManualState,
    input: Input,
    fx: &mut Fx,
) -> ScreenState {
    match input {
        Input::Ev(Event::Edit { field, text }) => match field {
            Field::Issuer => s.issuer = text,
            Field::Account => s.account = text,
            Field::Digits => s.digits = to_ascii_digits(&text),
            Field::Period => s.period = to_ascii_digits(&text),
            Field::Counter => s.counter = to_ascii_digits(&text),
            _ => {}
        },
        Input::Ev(Event::EditSecret {
            field: SecretField::Secret,
            bytes,
        }) => {
            s.secret = Zeroizing::new(bytes);
            s.errors.secret = None;
        }
        Input::Ev(Event::Choose(Choice::Advanced(on))) => s.advanced = on,
        Input::Ev(Event::Choose(Choice::Hotp(on))) => s.hotp = on,
        Input::Ev(Event::Choose(Choice::Algorithm(a))) => s.algorithm = a,
        Input::Ev(Event::Submit) => {
            s.errors = ManualErrors::default();
            let c = &app.c;
            let digits = s
                .digits
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|d| (6..=8).contains(d));
            let period = s
                .period
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|p| (1..=86_400).contains(p));
            if digits.is_none() {
                s.errors.digits = Some(c.t("field-digits-error"));
            }
            if period.is_none() && !s.hotp {
                s.errors.period = Some(c.t("field-period-error"));
            }
            if s.secret.iter().all(u8::is_ascii_whitespace) {
                s.errors.secret = Some(c.t("field-secret-empty"));
            }
            if s.issuer.trim().is_empty() && s.account.trim().is_empty() {
                s.errors.label = Some(c.t("field-label-empty"));
            }
            let ok = s.errors.secret.is_none()
                && s.errors.digits.is_none()
                && s.errors.period.is_none()
                && s.errors.label.is_none();
            if ok {
                let entry = ManualEntry {
                    issuer: s.issuer.trim().to_owned(),
                    account: s.account.trim().to_owned(),
                    hotp: s.hotp,
                    period: period.unwrap_or(30),
                    digits: digits.unwrap_or(6),
                    algorithm: s.algorithm,
                };
                let job = Job::AddManual {
                    entry,
                    secret: s.secret.clone(),
                    unix: app.now,
                };
                app.spawn(job, true, "busy-saving", fx);
            }
        }
        Input::Done(Done::Added(r)) => match r {
            Err(e) => match is_input(&e) {
                Some(InputProblem::Secret) => s.errors.secret = Some(app.c.t("field-secret-error")),
                Some(InputProblem::Digits) => s.errors.digits = Some(app.c.t("field-digits-error")),
                Some(InputProblem::Period) => s.errors.period = Some(app.c.t("field-period-error")),
                Some(InputProblem::Label) => s.errors.label = Some(app.c.t("field-label-error")),
                _ => s.errors.label = Some(problem_text(&app.c, &e)),
            },
            ok => {
                return added(app, ok, fx)
                    .unwrap_or_else(|_| ScreenState::Manual(ManualState::default()));
            }
        },
        _ => {}
    }
    ScreenState::Manual(s)
}

pub(crate) fn view_manual(app: &App, s: &ManualState) -> ManualEntryView {
    let c = &app.c;
    ManualEntryView {
        issuer: field(c, "field-issuer", &s.issuer, None),
        account: field(c, "field-account", &s.account, s.errors.label.clone()),
        secret: field(c, "field-secret", "", s.errors.secret.clone()),
        advanced: s.advanced,
        digits: field(c, "field-digits", &s.digits, s.errors.digits.clone()),
        period: field(c, "field-period", &s.period, s.errors.period.clone()),
        counter: field(c, "field-counter", &s.counter, None),
        hotp: s.hotp,
        algorithm: algorithm_name(s.algorithm).to_owned(),
        submit: Button::new(c.t("add"), app.working.is_none()),
    }
}

pub(crate) fn field(c: &Catalog, label: &str, value: &str, error: Option<String>) -> FieldView {
    FieldView {
        label: c.t(label),
        value: value.to_owned(),
        error,
    }
}

/// The message for a problem with what was scanned or typed.
pub(crate) fn input_text(c: &Catalog, p: InputProblem) -> String {
    let id = match p {
        InputProblem::Secret => "field-secret-error",
        InputProblem::Digits => "field-digits-error",
        InputProblem::Period => "field-period-error",
        InputProblem::Algorithm => "input-algorithm",
        InputProblem::Uri => "input-uri",
        InputProblem::Migration => "input-migration",
        InputProblem::Label => "field-label-error",
        InputProblem::Activation => "input-activation",
        InputProblem::Frame => "input-frame",
        _ => "input-other",
    };
    c.t(id)
}

/// The message for any problem from the vault.
pub(crate) fn problem_text(c: &Catalog, e: &ramz_core::CoreError) -> String {
    use ramz_core::CoreError as E;
    match e {
        E::InvalidInput(p) => input_text(c, *p),
        E::Locked => c.t("error-locked"),
        E::Storage => c.t("error-storage"),
        E::Corrupted => c.t("notice-damaged-heading"),
        _ => c.t("error-internal"),
    }
}
