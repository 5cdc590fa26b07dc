//! Importing another app's export (Aegis, 2FAS, Bitwarden, Ente Auth,
//! Proton Authenticator, LastPass, andOTP, otpauth lists): pick the file,
//! type its passphrase when it is encrypted, see every account (those
//! already in the vault marked) and every entry left out with its reason,
//! tick, add in one atomic save, and a report. A wrong passphrase or an
//! unreadable file is explained and changes nothing.

use ramz_core::{CoreError, ImportFormat, ImportPreview, ImportProblem, ImportSkipReason};

use super::*;
use crate::effect::Effect;
use crate::view::ImportView;

/// The document picker's filter: exports come as JSON, CSV, text or an
/// app's own extension, so any file.
const IMPORT_MIME: &str = "*/*";

#[derive(Default)]
pub(crate) struct ImportState {
    /// The file's bytes (they may hold secrets in clear).
    file: Zeroizing<Vec<u8>>,
    /// What the file is, once picked and recognised.
    source: Option<(ImportFormat, bool)>,
    /// An encrypted file waits for its passphrase.
    asking: bool,
    passphrase: Zeroizing<Vec<u8>>,
    /// What the file holds, with a tick per account to add.
    preview: Option<Box<ImportPreview>>,
    checked: Vec<bool>,
    error: Option<String>,
}

/// The import screen, with the shell asked for the file.
pub(crate) fn start_import(fx: &mut Fx) -> ScreenState {
    fx.push(Effect::PickFile {
        mime: IMPORT_MIME.to_owned(),
    });
    ScreenState::Import(ImportState::default())
}

pub(crate) fn update_import(
    app: &mut App,
    mut s: ImportState,
    input: Input,
    fx: &mut Fx,
) -> ScreenState {
    match input {
        Input::Ev(Event::Choose(Choice::Retry)) if app.working.is_none() => {
            return start_import(fx);
        }
        Input::Ev(Event::FilePicked { bytes }) => {
            s = ImportState {
                file: Zeroizing::new(bytes),
                ..ImportState::default()
            };
            match crate::port::Port::detect_import(&s.file) {
                Ok(d) => {
                    s.source = Some((d.format, d.encrypted));
                    if d.encrypted {
                        s.asking = true;
                    } else {
                        read(app, &mut s, fx);
                    }
                }
                Err(e) => s.error = Some(problem_text(&app.c, &e)),
            }
        }
        Input::Ev(Event::EditSecret {
            field: SecretField::Passphrase,
            bytes,
        }) if s.asking => {
            s.passphrase = Zeroizing::new(bytes);
            s.error = None;
        }
        Input::Ev(Event::ToggleBatchEntry { index }) => {
            if let Some(c) = s.checked.get_mut(index as usize) {
                *c = !*c;
            }
        }
        Input::Ev(Event::Submit) if app.working.is_none() => {
            if let Some(preview) = &s.preview {
                let job = Job::CommitImport {
                    preview: preview.clone(),
                    selected: s.checked.clone(),
                    unix: app.now,
                };
                app.spawn(job, true, "busy-saving", fx);
            } else if s.asking && !s.passphrase.is_empty() {
                read(app, &mut s, fx);
            }
        }
        Input::Done(Done::ImportPreviewed(r)) => {
            s.passphrase = Zeroizing::default();
            match r {
                Ok(preview) => {
                    s.asking = false;
                    s.checked = vec![true; preview.to_add.len()];
                    s.source = Some((preview.format, preview.encrypted));
                    s.preview = Some(preview);
                }
                Err(CoreError::Import(
                    p @ (ImportProblem::WrongPassphrase | ImportProblem::PassphraseRequired(_)),
                )) => {
                    s.asking = true;
                    if p == ImportProblem::WrongPassphrase {
                        s.error = Some(problem(&app.c, p));
                    }
                }
                Err(e) => {
                    s.asking = false;
                    s.error = Some(problem_text(&app.c, &e));
                }
            }
        }
        Input::Done(Done::Imported(r)) => match r {
            Ok(report) => {
                let added = u32::try_from(report.added.len()).unwrap_or(u32::MAX);
                // The file's accounts the vault had when previewed (not
                // sent to the commit), and any it gained meanwhile.
                let had = s.preview.as_ref().map_or(0, |p| p.duplicates.len());
                let duplicates = u32::try_from(report.duplicates.len() + had).unwrap_or(u32::MAX);
                let skipped = s.preview.as_ref().map_or(0, |p| p.skipped.len());
                app.settings.added_since_backup =
                    app.settings.added_since_backup.saturating_add(added);
                app.store_settings(fx);
                let c = &app.c;
                let mut body = c.ta("import-done-added", &Args::new().n("count", added));
                if duplicates > 0 {
                    body.push('\n');
                    body.push_str(&c.ta(
                        "import-done-duplicates",
                        &Args::new().n("count", duplicates),
                    ));
                }
                if skipped > 0 {
                    body.push('\n');
                    body.push_str(&c.ta(
                        "import-done-skipped",
                        &Args::new().n("count", i64::try_from(skipped).unwrap_or(i64::MAX)),
                    ));
                }
                return ScreenState::Notice(notice::State::new(
                    app,
                    "import-title",
                    "import-done",
                    body,
                    "to-codes",
                    notice::Then::Codes,
                ));
            }
            Err(e) => s.error = Some(problem_text(&app.c, &e)),
        },
        _ => {}
    }
    ScreenState::Import(s)
}

/// Reads the file (with the passphrase typed, if any) off the UI thread.
fn read(app: &mut App, s: &mut ImportState, fx: &mut Fx) {
    let passphrase = s.asking.then(|| s.passphrase.clone());
    let job = Job::PreviewImport {
        file: s.file.clone(),
        passphrase,
    };
    app.spawn(job, true, "busy-reading-file", fx);
}

pub(crate) fn view_import(app: &App, s: &ImportState) -> ImportView {
    let c = &app.c;
    let ready = app.working.is_none();
    let hint = if s.preview.is_some() {
        "import-hint-choose"
    } else if s.asking {
        "import-hint-passphrase"
    } else {
        "import-hint-pick"
    };
    let mut entries = Vec::new();
    let mut skipped = Vec::new();
    if let Some(p) = &s.preview {
        for (preview, checked) in p.to_add.iter().zip(&s.checked) {
            entries.push(BatchEntry {
                label: label(preview.issuer.as_str(), preview.account.as_str()),
                checked: *checked,
                duplicate: None,
            });
        }
        for d in &p.duplicates {
            entries.push(BatchEntry {
                label: label(&d.preview.issuer, &d.preview.account),
                checked: false,
                duplicate: Some(c.t("already-in-vault")),
            });
        }
        for k in &p.skipped {
            let who = if k.issuer.is_empty() && k.name.is_empty() {
                c.ta(
                    "import-entry-number",
                    &Args::new().n("index", i64::try_from(k.position + 1).unwrap_or(0)),
                )
            } else {
                label(&k.issuer, &k.name)
            };
            skipped.push(
                c.ta(
                    "import-skipped",
                    &Args::new()
                        .s("entry", who)
                        .s("reason", skip_reason(c, &k.reason)),
                ),
            );
        }
    }
    let submit = if s.preview.is_some() {
        let n = s.checked.iter().filter(|c| **c).count();
        Some(Button::new(
            c.ta(
                "batch-add",
                &Args::new().n("count", i64::try_from(n).unwrap_or(0)),
            ),
            ready && n > 0,
        ))
    } else if s.asking {
        Some(Button::new(
            c.t("import-open"),
            ready && !s.passphrase.is_empty(),
        ))
    } else {
        None
    };
    ImportView {
        hint: c.t(hint),
        source: s.source.map(|(format, encrypted)| {
            c.ta(
                if encrypted {
                    "import-source-encrypted"
                } else {
                    "import-source"
                },
                &Args::new().s("app", app_name(c, format)),
            )
        }),
        passphrase: s.asking.then(|| FieldView {
            label: c.t("import-passphrase"),
            value: String::new(),
            error: None,
        }),
        entries,
        skipped,
        error: s.error.clone(),
        submit,
        pick: Button::new(c.t("import-pick"), ready),
    }
}

/// "Issuer — account" (either may be empty), as the batch screen shows it.
fn label(issuer: &str, account: &str) -> String {
    match (issuer.is_empty(), account.is_empty()) {
        (false, false) => format!("{issuer} — {account}"),
        (false, true) => issuer.to_owned(),
        _ => account.to_owned(),
    }
}

/// The app's name as the person knows it (a proper name, the same in
/// every language, isolated left to right), or "a list of otpauth links".
fn app_name(c: &Catalog, format: ImportFormat) -> String {
    let name = match format {
        ImportFormat::Aegis => "Aegis",
        ImportFormat::TwoFas => "2FAS",
        ImportFormat::Bitwarden => "Bitwarden",
        ImportFormat::Ente => "Ente Auth",
        ImportFormat::Proton => "Proton Authenticator",
        ImportFormat::LastPass => "LastPass",
        ImportFormat::AndOtp => "andOTP",
        _ => return c.t("import-app-otpauth"),
    };
    crate::text::ltr(name)
}

/// Why an entry of the file is left out.
fn skip_reason(c: &Catalog, r: &ImportSkipReason) -> String {
    use ImportSkipReason as R;
    let id = match r {
        R::UnsupportedType(_) => "skip-unsupported-type",
        R::UnsupportedAlgorithm(_) => "skip-unsupported-algorithm",
        R::MissingSecret => "skip-missing-secret",
        R::BadSecret(_) => "skip-bad-secret",
        R::DigitsOutOfRange(_) => "skip-digits",
        R::PeriodOutOfRange(_) => "skip-period",
        R::BadCounter => "skip-counter",
        R::BadUri(_) | R::NotAUri => "skip-not-a-code",
        R::Trashed => "skip-trashed",
        _ => "skip-malformed",
    };
    c.t(id)
}

/// Why a file cannot be imported at all (nothing was changed).
pub(crate) fn problem(c: &Catalog, p: ImportProblem) -> String {
    use ImportProblem as P;
    let id = match p {
        P::PassphraseRequired(_) => "import-passphrase-needed",
        P::WrongPassphrase => "import-wrong-passphrase",
        P::Damaged => "import-damaged",
        P::Empty => "import-empty",
        P::UnknownFormat => "import-unknown",
        P::NotThisFormat { .. } | P::UnsupportedVersion(_) => "import-unsupported-version",
        P::NoPasswordSlot => "import-no-password-slot",
        P::EncryptedBitwarden => "import-encrypted-bitwarden",
        P::TooLarge | P::TooManyEntries => "import-too-large",
        P::KdfCostTooHigh | P::BadKdfParams => "import-bad-kdf",
        _ => "import-damaged",
    };
    c.t(id)
}
