//! Settings: language, biometric unlock (the PIN to turn it on),
//! auto-lock delay, the clock (offset, source, manual setting), change
//! PIN (current, new twice), about.

use ramz_core::UnlockResult;
use zeroize::Zeroizing;

use crate::app::{App, Fx};
use crate::event::{Choice, Event, Field};
use crate::pinpad::{PinPad, Typed, refusal_text};
use crate::port::check_new_pin;
use crate::screens::{Input, ScreenState, first_run};
use crate::settings::AUTO_LOCK_CHOICES;
use crate::text::{Args, to_ascii_digits};
use crate::view::{AutoLockChoice, SettingsView, Switch};
use crate::work::{Done, Job};

#[derive(Default)]
pub(crate) struct State {
    asking: Option<Asking>,
    pad: PinPad,
    current: Option<Zeroizing<Vec<u8>>>,
    new: Option<Zeroizing<Vec<u8>>>,
    offset: String,
    error: Option<String>,
    /// The biometric setting asked for, applied when the vault confirms.
    want_biometrics: bool,
}

/// Which PIN the pad asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Asking {
    /// The PIN to turn biometric unlock on.
    Biometrics,
    /// Change PIN: the current one, the new one, the new one again.
    Current,
    New,
    NewAgain,
}

impl State {
    /// Opened from the first run's biometrics offer: asks the PIN at once.
    pub(crate) fn asking_biometrics() -> Self {
        Self {
            asking: Some(Asking::Biometrics),
            ..Self::default()
        }
    }
}

pub(crate) fn update(app: &mut App, mut s: State, input: Input, fx: &mut Fx) -> ScreenState {
    match input {
        Input::Ev(Event::SetLanguage(lang)) => app.set_language(lang, fx),
        Input::Ev(Event::Choose(Choice::AutoLock(secs))) if AUTO_LOCK_CHOICES.contains(&secs) => {
            app.settings.auto_lock_seconds = secs;
            app.store_settings(fx);
        }
        Input::Ev(Event::Choose(Choice::Biometrics(true))) if app.biometrics_available => {
            s.asking = Some(Asking::Biometrics);
        }
        Input::Ev(Event::Choose(Choice::Biometrics(false))) if app.settings.biometrics => {
            s.want_biometrics = false;
            app.spawn(
                Job::SetDeviceUnlock {
                    pin: Zeroizing::default(),
                    on: false,
                    unix: app.now,
                },
                true,
                "busy-saving",
                fx,
            );
        }
        Input::Ev(Event::Choose(Choice::ChangePin)) => {
            s.asking = Some(Asking::Current);
            s.error = None;
        }
        Input::Ev(Event::Edit {
            field: Field::ClockOffset,
            text,
        }) => s.offset = text,
        Input::Ev(Event::Choose(Choice::ManualClock(on))) => {
            let value = to_ascii_digits(s.offset.trim()).replace('−', "-");
            let offset = if on { value.parse::<i64>().ok() } else { None };
            if on && offset.is_none() {
                s.error = Some(app.c.t("clock-offset-error"));
            } else {
                s.error = None;
                app.spawn(Job::SetManualOffset { offset }, true, "busy-saving", fx);
            }
        }
        Input::Done(Done::ClockSet(r)) => {
            app.list.invalidate();
            if let Err(e) = r {
                s.error = Some(super::add::problem_text(&app.c, &e));
            }
        }
        Input::Ev(e) if s.asking.is_some() && app.working.is_none() => {
            if let Typed::Complete(pin) = s.pad.handle(&e) {
                s.error = None;
                match s.asking {
                    Some(Asking::Biometrics) => {
                        s.want_biometrics = true;
                        app.spawn(
                            Job::SetDeviceUnlock {
                                pin,
                                on: true,
                                unix: app.now,
                            },
                            true,
                            "busy-checking-pin",
                            fx,
                        );
                    }
                    Some(Asking::Current) => {
                        s.current = Some(pin);
                        s.asking = Some(Asking::New);
                    }
                    Some(Asking::New) => match check_new_pin(&pin) {
                        Ok(()) => {
                            s.new = Some(pin);
                            s.asking = Some(Asking::NewAgain);
                        }
                        Err(r) => s.error = Some(refusal_text(&app.c, r)),
                    },
                    Some(Asking::NewAgain) => {
                        if s.new.as_ref().map(|f| f.as_slice()) == Some(pin.as_slice()) {
                            let current = s.current.take().unwrap_or_default();
                            app.spawn(
                                Job::ChangePin {
                                    current,
                                    new: pin,
                                    unix: app.now,
                                },
                                true,
                                "busy-changing-pin",
                                fx,
                            );
                        } else {
                            s.new = None;
                            s.asking = Some(Asking::New);
                            s.error = Some(app.c.t("pin-mismatch"));
                        }
                    }
                    None => {}
                }
            }
        }
        Input::Done(Done::DeviceUnlockSet(r)) => {
            s.asking = None;
            match r {
                Ok(UnlockResult::Unlocked) => {
                    app.settings.biometrics = s.want_biometrics;
                    app.store_settings(fx);
                }
                Ok(verdict) => match super::lock::refused(app, verdict) {
                    Ok(text) => s.error = Some(text),
                    Err(wiped) => return *wiped,
                },
                Err(e) => s.error = Some(super::add::problem_text(&app.c, &e)),
            }
        }
        Input::Done(Done::PinChanged(r)) => {
            s.asking = None;
            s.new = None;
            match r {
                Ok(UnlockResult::Unlocked) => app.toast(app.c.t("pin-changed")),
                Ok(verdict) => match super::lock::refused(app, verdict) {
                    Ok(text) => s.error = Some(text),
                    Err(wiped) => return *wiped,
                },
                Err(e) => s.error = Some(super::add::problem_text(&app.c, &e)),
            }
        }
        _ => {}
    }
    ScreenState::Settings(s)
}

pub(crate) fn view(app: &App, s: &State) -> SettingsView {
    let c = &app.c;
    let status = app.port.as_deref().map(|p| p.clock_status(app.now));
    let clock = match status {
        Some(st) if st.manual_offset.is_some() => {
            c.ta("clock-manual", &Args::new().n("seconds", st.offset))
        }
        Some(st) if st.server_offset.is_some() => {
            c.ta("clock-server", &Args::new().n("seconds", st.offset))
        }
        _ => c.t("clock-device"),
    };
    let prompt = match s.asking {
        Some(Asking::New) => "pin-new",
        Some(Asking::NewAgain) => "pin-again",
        Some(Asking::Current) => "pin-current",
        _ => "pin-enter",
    };
    SettingsView {
        languages: first_run::languages(app),
        biometrics: app.biometrics_available.then(|| Switch {
            label: c.t("settings-biometrics"),
            on: app.settings.biometrics,
        }),
        auto_lock: AUTO_LOCK_CHOICES
            .iter()
            .map(|secs| AutoLockChoice {
                label: if *secs < 60 {
                    c.ta("seconds", &Args::new().n("count", *secs))
                } else {
                    c.ta("minutes", &Args::new().n("count", secs / 60))
                },
                seconds: *secs,
                selected: app.settings.auto_lock_seconds == *secs,
            })
            .collect(),
        clock,
        clock_offset: super::add::field(c, "field-clock-offset", &s.offset, None),
        pad: s
            .asking
            .map(|_| s.pad.view(c, prompt, app.working.is_none(), None)),
        about: c.ta(
            "about",
            &Args::new().s("version", env!("CARGO_PKG_VERSION")),
        ),
        error: s.error.clone(),
    }
}
