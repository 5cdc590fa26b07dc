//! Backups: export under a passphrase typed twice (with a strength meter
//! and the reason when refused; bank cards only with the PIN), the
//! save-file effect, verify a file against the vault, restore with a
//! report, and a reminder when accounts were added since the last backup.

use ramz_core::UnlockResult;
use zeroize::Zeroizing;

use crate::app::{App, Fx};
use crate::effect::Effect;
use crate::event::{Choice, Event, SecretField};
use crate::pinpad::{PinPad, Typed};
use crate::screens::{Input, ScreenState, add};
use crate::text::{Args, date_text};
use crate::view::{BackupView, Button, FieldView};
use crate::work::{Done, Job};

/// Shortest passphrase accepted (the vault's rule).
pub const MIN_PASSPHRASE: usize = 8;
/// MIME type of a backup file.
pub const BACKUP_MIME: &str = "application/octet-stream";

#[derive(Default)]
pub(crate) struct State {
    passphrase: Zeroizing<Vec<u8>>,
    again: Zeroizing<Vec<u8>>,
    include_cards: bool,
    pad: PinPad,
    /// A file picked for verify (false) or restore (true).
    picking: Option<bool>,
    file: Option<(Vec<u8>, bool)>,
    report: Vec<String>,
    error: Option<String>,
}

/// Why a passphrase is refused, or how strong it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Shorter than [`MIN_PASSPHRASE`] characters.
    TooShort,
    /// One character repeated, or only digits.
    TooSimple,
    /// Accepted, with a score 2–4.
    Ok(u8),
}

/// A small strength meter: length and variety of character classes.
/// (A dictionary estimator such as zxcvbn would add about a megabyte of
/// word lists to the mobile library.)
pub fn strength(p: &str) -> Strength {
    let n = p.chars().count();
    if n < MIN_PASSPHRASE {
        return Strength::TooShort;
    }
    let first = p.chars().next();
    if p.chars().all(|c| Some(c) == first) || p.chars().all(|c| c.is_numeric()) {
        return Strength::TooSimple;
    }
    let classes = [
        p.chars().any(char::is_lowercase),
        p.chars().any(char::is_uppercase),
        p.chars().any(char::is_numeric),
        p.chars().any(|c| !c.is_alphanumeric()),
        p.chars().any(|c| c.is_alphabetic() && !c.is_ascii()),
    ]
    .iter()
    .filter(|x| **x)
    .count();
    let score = match (n, classes) {
        (16.., _) | (12.., 3..) => 4,
        (12.., _) | (_, 3..) => 3,
        _ => 2,
    };
    Strength::Ok(score)
}

pub(crate) fn update(app: &mut App, mut s: State, input: Input, fx: &mut Fx) -> ScreenState {
    match input {
        Input::Ev(Event::EditSecret {
            field: SecretField::Passphrase,
            bytes,
        }) => s.passphrase = Zeroizing::new(bytes),
        Input::Ev(Event::EditSecret {
            field: SecretField::PassphraseAgain,
            bytes,
        }) => s.again = Zeroizing::new(bytes),
        Input::Ev(Event::Choose(Choice::IncludeBankCards(on))) => s.include_cards = on,
        Input::Ev(Event::Choose(Choice::Export)) if !s.include_cards => {
            export(app, &mut s, None, fx)
        }
        Input::Ev(Event::Choose(Choice::Verify)) => {
            s.picking = Some(false);
            fx.push(Effect::PickFile {
                mime: BACKUP_MIME.to_owned(),
            });
        }
        Input::Ev(Event::Choose(Choice::Restore)) => {
            s.picking = Some(true);
            fx.push(Effect::PickFile {
                mime: BACKUP_MIME.to_owned(),
            });
        }
        Input::Ev(Event::FilePicked { bytes }) => {
            if let Some(restore) = s.picking.take() {
                s.file = Some((bytes, restore));
                s.report.clear();
            }
        }
        Input::Ev(Event::Submit) if s.file.is_some() => {
            if let Some((file, restore)) = s.file.clone() {
                let passphrase = s.passphrase.clone();
                let job = if restore {
                    Job::Restore {
                        file,
                        passphrase,
                        unix: app.now,
                    }
                } else {
                    Job::Verify { file, passphrase }
                };
                app.spawn(
                    job,
                    true,
                    if restore {
                        "busy-restoring"
                    } else {
                        "busy-verifying"
                    },
                    fx,
                );
            }
        }
        Input::Ev(e) if s.include_cards => {
            if let Typed::Complete(pin) = s.pad.handle(&e) {
                export(app, &mut s, Some(pin), fx);
            }
        }
        Input::Ev(Event::FileSaved { ok: true }) => {
            app.settings.last_backup_unix = Some(app.now);
            app.settings.accounts_at_last_backup =
                u32::try_from(app.list.accounts.len()).unwrap_or(0);
            app.settings.added_since_backup = 0;
            app.store_settings(fx);
            app.toast(app.c.t("backup-saved"));
        }
        Input::Done(Done::Exported(r)) => match r {
            Ok((UnlockResult::Unlocked, Some(export))) => {
                s.passphrase = Zeroizing::default();
                s.again = Zeroizing::default();
                let name = format!("ramz-{}.ramzbak", date_text(app.now, false));
                fx.push(Effect::SaveFile {
                    name,
                    mime: BACKUP_MIME.to_owned(),
                    bytes: export.file,
                });
            }
            Ok((verdict, _)) => match super::lock::refused(app, verdict) {
                Ok(text) => s.error = Some(text),
                Err(wiped) => return *wiped,
            },
            Err(e) => s.error = Some(backup_error(app, &e)),
        },
        Input::Done(Done::Verified(r)) => match r {
            Ok(check) => {
                let c = &app.c;
                s.report = vec![
                    c.t(if check.matches {
                        "verify-matches"
                    } else {
                        "verify-differs"
                    }),
                    c.ta("verify-identical", &Args::new().n("count", check.identical)),
                ];
                if !check.only_in_vault.is_empty() {
                    s.report.push(c.ta(
                        "verify-only-in-vault",
                        &Args::new().n("count", check.only_in_vault.len() as i64),
                    ));
                }
                if !check.only_in_backup.is_empty() {
                    s.report.push(c.ta(
                        "verify-only-in-backup",
                        &Args::new().n("count", check.only_in_backup.len() as i64),
                    ));
                }
                if check.left_out_by_policy > 0 {
                    s.report.push(c.ta(
                        "verify-left-out",
                        &Args::new().n("count", check.left_out_by_policy),
                    ));
                }
                s.file = None;
            }
            Err(e) => s.error = Some(backup_error(app, &e)),
        },
        Input::Done(Done::Restored(r)) => match r {
            Ok(import) => {
                let c = &app.c;
                s.report = vec![
                    c.ta(
                        "restore-added",
                        &Args::new().n("count", import.added.len() as i64),
                    ),
                    c.ta(
                        "restore-already",
                        &Args::new().n("count", import.duplicates),
                    ),
                ];
                s.file = None;
            }
            Err(e) => s.error = Some(backup_error(app, &e)),
        },
        _ => {}
    }
    ScreenState::Backup(s)
}

fn export(app: &mut App, s: &mut State, pin: Option<Zeroizing<Vec<u8>>>, fx: &mut Fx) {
    s.error = None;
    let text = Zeroizing::new(String::from_utf8_lossy(&s.passphrase).into_owned());
    match strength(&text) {
        Strength::Ok(_) if s.passphrase == s.again => {
            let job = Job::Export {
                passphrase: s.passphrase.clone(),
                pin,
                unix: app.now,
            };
            app.spawn(job, true, "busy-exporting", fx);
        }
        Strength::Ok(_) => s.error = Some(app.c.t("passphrase-mismatch")),
        refused => s.error = Some(strength_text(app, refused)),
    }
}

fn strength_text(app: &App, st: Strength) -> String {
    let c = &app.c;
    match st {
        Strength::TooShort => c.ta(
            "passphrase-too-short",
            &Args::new().n("count", MIN_PASSPHRASE as i64),
        ),
        Strength::TooSimple => c.t("passphrase-too-simple"),
        Strength::Ok(n) => c.ta("passphrase-strength", &Args::new().n("score", n)),
    }
}

fn backup_error(app: &App, e: &ramz_core::CoreError) -> String {
    match crate::port::is_input(e) {
        Some(ramz_core::InputProblem::Passphrase) => app.c.t("backup-wrong-passphrase"),
        Some(ramz_core::InputProblem::Backup) => app.c.t("backup-bad-file"),
        _ => add::problem_text(&app.c, e),
    }
}

pub(crate) fn view(app: &App, s: &State) -> BackupView {
    let c = &app.c;
    let text = Zeroizing::new(String::from_utf8_lossy(&s.passphrase).into_owned());
    let st = (!text.is_empty() && s.file.is_none()).then(|| strength(&text));
    let last = match app.settings.last_backup_unix {
        Some(t) => c.ta(
            "backup-last",
            &Args::new().s(
                "date",
                c.digits(&date_text(t, c.lang() == crate::text::Lang::Fa)),
            ),
        ),
        None => c.t("backup-never"),
    };
    let idle = app.working.is_none();
    BackupView {
        last_backup: last,
        reminder: (app.settings.added_since_backup > 0).then(|| {
            c.ta(
                "banner-backup",
                &Args::new().n("count", app.settings.added_since_backup),
            )
        }),
        passphrase: FieldView {
            label: c.t("field-passphrase"),
            value: String::new(),
            error: None,
        },
        passphrase_again: s.file.is_none().then(|| FieldView {
            label: c.t("field-passphrase-again"),
            value: String::new(),
            error: None,
        }),
        strength: st.map(|x| match x {
            Strength::Ok(n) => n,
            _ => 1,
        }),
        strength_text: st.map(|x| strength_text(app, x)),
        include_bank_cards: app
            .list
            .accounts
            .iter()
            .any(|a| !a.exportable)
            .then(|| c.t("backup-include-cards")),
        pad: s
            .include_cards
            .then(|| s.pad.view(c, "pin-enter", idle, None)),
        export: Button::new(c.t("backup-export"), idle),
        verify: Button::new(c.t("backup-verify"), idle),
        restore: Button::new(c.t("backup-restore"), idle),
        report: s.report.clone(),
        error: s.error.clone(),
    }
}
