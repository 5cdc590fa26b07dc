//! Adding accounts: scan (one decode per frame, stop on success), paste,
//! manual entry with field-level messages, the confirm screen ("already in
//! your vault"), migration batches "i of n" with checkboxes, and non-OTP
//! codes explained.

use ramz_core::{
    AccountKind, AccountPreview, Algorithm, CoreError, ForeignKind, InputProblem, ManualEntry,
    PendingId, Scanned,
};
use zeroize::Zeroizing;

use crate::app::{App, Fx};
use crate::event::{Choice, Event, Field, SecretField};
use crate::port::{Pick, is_input};
use crate::screens::{Input, ScreenState, activation, codes, notice};
use crate::text::{Args, Catalog, to_ascii_digits};
use crate::view::{BatchEntry, BatchView, Button, FieldView, ManualEntryView};
use crate::work::{Done, Job};

/// Classifies pasted text and goes where it leads.
pub(crate) fn read_pasted(app: &mut App, text: &str, _fx: &mut Fx) -> ScreenState {
    let Some(port) = app.port.as_mut() else {
        return ScreenState::Scan(ScanState::default());
    };
    match port.read_text(text) {
        Ok(scanned) => scanned_to_screen(app, scanned),
        Err(e) => ScreenState::Scan(ScanState {
            error: Some(problem_text(&app.c, &e)),
        }),
    }
}

fn scanned_to_screen(app: &mut App, scanned: Scanned) -> ScreenState {
    match scanned {
        Scanned::Account { pending, account } => {
            let duplicate = duplicates(app, pending).first().copied().unwrap_or(false);
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
            let mut duplicates = duplicates(app, pending);
            duplicates.resize(accounts.len(), false);
            let checked = duplicates.iter().map(|d| !d).collect();
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
            server,
            ..
        } => ScreenState::Activation(activation::State::new(
            pending,
            issuer,
            masked_card,
            expires_at,
            server,
        )),
        Scanned::Invalid { problem } => ScreenState::Scan(ScanState {
            error: Some(input_text(&app.c, problem)),
        }),
        Scanned::Foreign { kind } => foreign(app, &kind),
    }
}

/// "This QR code is not a two-step code: it is a web link to
/// example.com": what it is, never its text.
fn foreign(app: &App, kind: &ForeignKind) -> ScreenState {
    let c = &app.c;
    let body = match kind {
        ForeignKind::Link { host: Some(host) } => c.ta(
            "foreign-link-host",
            &Args::new().s("host", crate::text::ltr(host)),
        ),
        ForeignKind::Link { host: None } => c.t("foreign-link"),
        ForeignKind::Wifi => c.t("foreign-wifi"),
        ForeignKind::Email => c.t("foreign-email"),
        ForeignKind::Phone => c.t("foreign-phone"),
        ForeignKind::Sms => c.t("foreign-sms"),
        ForeignKind::Contact => c.t("foreign-contact"),
        ForeignKind::Place => c.t("foreign-place"),
        _ => c.t("foreign-other"),
    };
    ScreenState::Notice(notice::State::new(
        app,
        "foreign-title",
        "foreign-heading",
        body,
        "foreign-scan-again",
        notice::Then::Scan,
    ))
}

/// "Already in your vault", per account of a scan, as core decides it
/// (same secret and parameters, whatever the labels).
fn duplicates(app: &App, pending: PendingId) -> Vec<bool> {
    app.port
        .as_deref()
        .and_then(|p| p.scanned_duplicates(pending).ok())
        .unwrap_or_default()
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

fn added(
    app: &mut App,
    r: Result<crate::port::Added, ramz_core::CoreError>,
    fx: &mut Fx,
) -> Result<ScreenState, String> {
    match r {
        Ok(done) => {
            let n = u32::try_from(done.accounts.len()).unwrap_or(u32::MAX);
            app.settings.added_since_backup = app.settings.added_since_backup.saturating_add(n);
            app.store_settings(fx);
            let text = if done.duplicates == 0 {
                app.c.ta("added", &Args::new().n("count", n))
            } else {
                app.c.ta(
                    "added-with-duplicates",
                    &Args::new().n("count", n).n("duplicates", done.duplicates),
                )
            };
            app.toast(text);
            Ok(ScreenState::Codes(codes::State::default()))
        }
        Err(e) => Err(problem_text(&app.c, &e)),
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
        E::Import(p) => import::problem(c, *p),
        E::Locked => c.t("error-locked"),
        E::Storage => c.t("error-storage"),
        E::Damaged => c.t("notice-damaged-heading"),
        E::HostNotAllowed { host } => c.ta(
            "activation-host-not-allowed",
            &Args::new().s("host", crate::text::ltr(host)),
        ),
        _ => c.t("error-internal"),
    }
}

mod batch;
mod confirm;
mod import;
mod manual;
mod scan;

pub(crate) use batch::{BatchState, update_batch, view_batch};
pub(crate) use confirm::{ConfirmState, update_confirm, view_confirm};
pub(crate) use import::{ImportState, start_import, update_import, view_import};
pub(crate) use manual::{ManualState, update_manual, view_manual};
pub(crate) use scan::{ScanState, update_scan, view_scan};
