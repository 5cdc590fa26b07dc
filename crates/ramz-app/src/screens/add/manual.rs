//! Manual entry with field-level messages.

use super::*;
use crate::view::{AlgorithmChoice, Switch};

/// The hash algorithms manual entry offers, in this order.
pub const ALGORITHMS: [Algorithm; 3] = [Algorithm::Sha1, Algorithm::Sha256, Algorithm::Sha512];

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
            // The same secret and parameters are in the vault already
            // (core decides, whatever the labels): nothing was added.
            Err(CoreError::Duplicate { .. }) => {
                s.errors.secret = Some(app.c.t("already-in-vault"));
            }
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
        advanced: Switch {
            label: c.t("manual-advanced"),
            on: s.advanced,
        },
        digits: field(c, "field-digits", &s.digits, s.errors.digits.clone()),
        period: field(c, "field-period", &s.period, s.errors.period.clone()),
        counter: field(c, "field-counter", &s.counter, None),
        hotp: Switch {
            label: c.t("manual-hotp"),
            on: s.hotp,
        },
        algorithm_label: c.t("detail-algorithm"),
        algorithms: ALGORITHMS
            .iter()
            .map(|a| AlgorithmChoice {
                label: algorithm_name(*a).to_owned(),
                value: *a,
                selected: *a == s.algorithm,
            })
            .collect(),
        submit: Button::new(c.t("add"), app.working.is_none()),
    }
}
