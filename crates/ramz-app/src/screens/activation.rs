//! Bank card activation: the bank, the masked card and the server for the
//! customer to check, an expiry countdown, the SMS code (four digits, any
//! script), the HTTP exchange, and every answer of the server explained.

use ramz_core::{ActivationProblem, CoreError, PendingId};
use zeroize::Zeroizing;

use crate::app::{App, Fx};
use crate::effect::{Effect, HttpRequest};
use crate::event::{Choice, Event, SecretField};
use crate::port::activation_problem;
use crate::screens::{Input, ScreenState, codes, lock::duration, notice};
use crate::text::{Args, to_ascii_digits};
use crate::view::{ActivationView, Button, FieldView};
use crate::work::{Done, Job};

/// Digits of the bank's SMS code.
pub const SMS_CODE_LEN: usize = 4;

pub(crate) struct State {
    pending: PendingId,
    bank: String,
    card: String,
    expires_at: u64,
    server: String,
    sms: Zeroizing<Vec<u8>>,
    error: Option<String>,
    /// The request in flight or to retry after a network failure.
    request: Option<HttpRequest>,
    sending: bool,
    can_retry: bool,
}

impl State {
    pub(crate) fn new(
        pending: PendingId,
        bank: String,
        card: String,
        expires_at: u64,
        server: String,
    ) -> Self {
        Self {
            pending,
            bank,
            card,
            expires_at,
            server,
            sms: Zeroizing::default(),
            error: None,
            request: None,
            sending: false,
            can_retry: false,
        }
    }

    pub(crate) fn pending(&self) -> PendingId {
        self.pending
    }
}

pub(crate) fn update(app: &mut App, mut s: State, input: Input, fx: &mut Fx) -> ScreenState {
    match input {
        Input::Ev(Event::EditSecret {
            field: SecretField::SmsCode,
            bytes,
        }) => {
            s.sms = Zeroizing::new(bytes);
            s.error = None;
        }
        Input::Ev(Event::Submit) if !s.sending && app.working.is_none() => {
            if app.now >= s.expires_at {
                return expired(app);
            }
            let typed = Zeroizing::new(String::from_utf8_lossy(&s.sms).into_owned());
            let ascii = Zeroizing::new(to_ascii_digits(typed.trim()));
            if ascii.len() != SMS_CODE_LEN || !ascii.bytes().all(|b| b.is_ascii_digit()) {
                s.error = Some(app.c.ta(
                    "sms-code-format",
                    &Args::new().n("count", SMS_CODE_LEN as i64),
                ));
            } else if let Some(port) = app.port.as_mut() {
                match port.begin_activation(s.pending, ascii.as_bytes()) {
                    Ok(req) => {
                        s.request = Some(req.clone());
                        s.sending = true;
                        s.can_retry = false;
                        fx.push(Effect::Http(req));
                    }
                    Err(e) => s.error = Some(error_text(app, &e)),
                }
            }
        }
        Input::Ev(Event::Choose(Choice::Retry)) if s.can_retry => {
            if let Some(req) = s.request.clone() {
                s.sending = true;
                s.can_retry = false;
                s.error = None;
                fx.push(Effect::Http(req));
            }
        }
        Input::Ev(Event::HttpResponse { status, body, unix }) if s.sending => {
            s.sending = false;
            app.now = app.now.max(unix);
            app.spawn(
                Job::CompleteActivation { status, body, unix },
                true,
                "busy-activating",
                fx,
            );
        }
        Input::Ev(Event::HttpFailed) if s.sending => {
            s.sending = false;
            s.can_retry = true;
            s.error = Some(app.c.t("activation-network"));
        }
        Input::Done(Done::Activated(r)) => match r {
            Ok(info) => {
                app.settings.added_since_backup = app.settings.added_since_backup.saturating_add(1);
                app.store_settings(fx);
                let body = app.c.ta(
                    "activation-done-body",
                    &Args::new().s("bank", info.bank_name.unwrap_or_default()),
                );
                return ScreenState::Notice(notice::State::new(
                    app,
                    "activation-title",
                    "activation-done",
                    body,
                    "to-codes",
                    notice::Then::Codes,
                ));
            }
            Err(e) => match activation_problem(&e) {
                Some(ActivationProblem::WrongCode { .. }) => {
                    s.sms = Zeroizing::default();
                    s.error = Some(error_text(app, &e));
                }
                Some(ActivationProblem::Expired) => return expired(app),
                Some(ActivationProblem::Burned) => {
                    let body = app.c.t("activation-burned-body");
                    return ScreenState::Notice(notice::State::new(
                        app,
                        "activation-title",
                        "activation-failed",
                        body,
                        "to-codes",
                        notice::Then::Codes,
                    ));
                }
                _ => {
                    s.error = Some(error_text(app, &e));
                    s.can_retry = false;
                }
            },
        },
        Input::Tick if app.now >= s.expires_at && !s.sending && app.working.is_none() => {
            return expired(app);
        }
        _ => {}
    }
    ScreenState::Activation(s)
}

fn expired(app: &mut App) -> ScreenState {
    let body = app.c.t("activation-expired-body");
    let _ = codes::NEXT_CODE_SECONDS;
    ScreenState::Notice(notice::State::new(
        app,
        "activation-title",
        "activation-expired",
        body,
        "to-codes",
        notice::Then::Codes,
    ))
}

fn error_text(app: &App, e: &CoreError) -> String {
    let c = &app.c;
    match activation_problem(e) {
        Some(ActivationProblem::WrongCode { attempts_left }) => c.ta(
            "activation-wrong-code",
            &Args::new().n("count", attempts_left),
        ),
        Some(ActivationProblem::SmsCodeFormat) => c.ta(
            "sms-code-format",
            &Args::new().n("count", SMS_CODE_LEN as i64),
        ),
        Some(ActivationProblem::Expired) => c.t("activation-expired"),
        Some(ActivationProblem::Burned) => c.t("activation-burned-body"),
        Some(ActivationProblem::ServerError { status }) => {
            c.ta("activation-server-error", &Args::new().n("status", status))
        }
        Some(ActivationProblem::BadResponse | ActivationProblem::BadRequest) => {
            c.t("activation-bad-response")
        }
        _ => super::add::problem_text(c, e),
    }
}

/// The host of an `https://host[:port]/...` URL.
pub(crate) fn view(app: &App, s: &State) -> ActivationView {
    let c = &app.c;
    let left = s.expires_at.saturating_sub(app.now);
    ActivationView {
        bank: s.bank.clone(),
        card: c.digits(&s.card),
        server: crate::text::ltr(&s.server),
        expires: c.ta(
            "activation-expires",
            &Args::new().s("time", duration(c, left)),
        ),
        sms_code: FieldView {
            label: c.t("field-sms-code"),
            value: String::new(),
            error: None,
        },
        error: s.error.clone(),
        submit: Button::new(
            c.t("activation-submit"),
            !s.sending && app.working.is_none() && left > 0,
        ),
        retry: s.can_retry.then(|| Button::new(c.t("retry"), true)),
    }
}
