//! First run: the language, a new PIN typed twice (weak PINs refused with
//! the reason), then the offer of biometric unlock.

use zeroize::Zeroizing;

use crate::app::{App, Fx};
use crate::event::Event;
use crate::pinpad::{PinPad, Typed, refusal_text};
use crate::port::check_new_pin;
use crate::screens::{Input, ScreenState, codes};
use crate::text::Lang;
use crate::view::{Button, FirstRunStep, FirstRunView, LanguageChoice, Offer};
use crate::work::{Done, Job};

#[derive(Default)]
pub(crate) struct State {
    step: Step,
    pad: PinPad,
    first: Option<Zeroizing<Vec<u8>>>,
    error: Option<String>,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Step {
    #[default]
    Language,
    Pin,
    PinAgain,
    Biometrics,
}

impl State {
    /// The PIN steps go back one step; the first and the last leave.
    pub(crate) fn has_back(&self) -> bool {
        matches!(self.step, Step::Pin | Step::PinAgain)
    }
}

pub(crate) fn back(_app: &mut App, mut s: State) -> ScreenState {
    s.pad.clear();
    s.error = None;
    s.step = match s.step {
        Step::Pin => Step::Language,
        Step::PinAgain => {
            s.first = None;
            Step::Pin
        }
        other => other,
    };
    ScreenState::FirstRun(s)
}

pub(crate) fn update(app: &mut App, mut s: State, input: Input, fx: &mut Fx) -> ScreenState {
    match (s.step, input) {
        (Step::Language, Input::Ev(Event::SetLanguage(lang))) => app.set_language(lang, fx),
        (Step::Language, Input::Ev(Event::Submit)) => s.step = Step::Pin,
        (Step::Pin | Step::PinAgain, Input::Ev(e)) if app.working.is_none() => {
            if let Typed::Complete(pin) = s.pad.handle(&e) {
                s.error = None;
                if s.step == Step::Pin {
                    match check_new_pin(&pin) {
                        Ok(()) => {
                            s.first = Some(pin);
                            s.step = Step::PinAgain;
                        }
                        Err(r) => s.error = Some(refusal_text(&app.c, r)),
                    }
                } else if s.first.as_ref().map(|f| f.as_slice()) == Some(pin.as_slice()) {
                    let unix = app.now;
                    app.spawn(Job::Create { pin, unix }, false, "busy-creating", fx);
                } else {
                    s.first = None;
                    s.step = Step::Pin;
                    s.error = Some(app.c.t("pin-mismatch"));
                }
            } else if matches!(e, Event::PinKey { .. } | Event::PinText { .. }) {
                s.error = None;
            }
        }
        (_, Input::Done(Done::Created(r))) => match r {
            Ok(port) => {
                s.first = None;
                app.port = Some(port);
                if app.biometrics_available {
                    s.step = Step::Biometrics;
                } else {
                    return ScreenState::Codes(codes::State::default());
                }
            }
            Err(_) => {
                s.first = None;
                s.step = Step::Pin;
                s.error = Some(app.c.t("error-storage"));
            }
        },
        (Step::Biometrics, Input::Ev(Event::AcceptBiometrics { accept })) => {
            if accept {
                // Turning biometrics on will need the PIN (issue 10); the
                // settings screen asks for it. Go there.
                return ScreenState::Settings(super::settings::State::asking_biometrics());
            }
            return ScreenState::Codes(codes::State::default());
        }
        _ => {}
    }
    ScreenState::FirstRun(s)
}

pub(crate) fn view(app: &App, s: &State) -> FirstRunView {
    let c = &app.c;
    let (step, heading) = match s.step {
        Step::Language => (FirstRunStep::Language, "first-run-welcome"),
        Step::Pin => (FirstRunStep::Pin, "first-run-pin-heading"),
        Step::PinAgain => (FirstRunStep::PinAgain, "first-run-pin-heading"),
        Step::Biometrics => (FirstRunStep::Biometrics, "first-run-biometrics-heading"),
    };
    let pad = match s.step {
        Step::Pin => Some(
            s.pad
                .view(c, "pin-new", app.working.is_none(), s.error.clone()),
        ),
        Step::PinAgain => Some(
            s.pad
                .view(c, "pin-again", app.working.is_none(), s.error.clone()),
        ),
        _ => None,
    };
    FirstRunView {
        step,
        heading: c.t(heading),
        languages: languages(app),
        pad,
        biometrics: (s.step == Step::Biometrics).then(|| Offer {
            text: c.t("biometrics-offer"),
            accept: Button::new(c.t("biometrics-accept"), true),
            decline: Button::new(c.t("biometrics-decline"), true),
        }),
        next: Button::new(c.t("next"), s.step == Step::Language),
    }
}

/// The language list: each language named in itself.
pub(crate) fn languages(app: &App) -> Vec<LanguageChoice> {
    [(Lang::Fa, "language-fa"), (Lang::En, "language-en")]
        .into_iter()
        .map(|(lang, name)| LanguageChoice {
            lang,
            name: app.c.t(name),
            selected: app.c.lang() == lang,
        })
        .collect()
}
