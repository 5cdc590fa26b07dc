//! The lock screen: the PIN pad, attempts left, a live wait countdown,
//! and the biometric button when biometric unlock is on.

use ramz_core::{CoreError, LockState, UnlockResult};

use crate::app::{App, Fx};
use crate::effect::Effect;
use crate::event::Event;
use crate::pinpad::{PinPad, Typed};
use crate::screens::{Input, ScreenState, codes, notice};
use crate::text::Args;
use crate::view::{Button, LockView};
use crate::work::{Done, Job};

/// Below this many attempts left, the count is shown.
pub const SHOW_ATTEMPTS_BELOW: u32 = 10;

#[derive(Default)]
pub(crate) struct State {
    pad: PinPad,
    attempts_left: Option<u32>,
    /// Device time from which a PIN is accepted again.
    wait_until: u64,
    wrong: bool,
    biometric_failed: bool,
}

impl State {
    pub(crate) fn from_lock_state(app: &App, s: LockState) -> Self {
        Self {
            attempts_left: s.attempts_left.filter(|_| s.failures > 0),
            wait_until: app.now + s.wait_seconds,
            ..Self::default()
        }
    }
}

pub(crate) fn update(app: &mut App, mut s: State, input: Input, fx: &mut Fx) -> ScreenState {
    match input {
        Input::Ev(Event::UnlockWithBiometrics) if app.settings.biometrics => {
            fx.push(Effect::BiometricPrompt {
                reason: app.c.t("biometrics-reason"),
            });
        }
        Input::Ev(Event::BiometricResult { ok: true }) => {
            app.spawn(Job::UnlockDevice, true, "busy-unlocking", fx);
        }
        Input::Ev(Event::BiometricResult { ok: false }) => s.biometric_failed = true,
        Input::Ev(e) if app.working.is_none() && app.now >= s.wait_until => {
            if let Typed::Complete(pin) = s.pad.handle(&e) {
                let unix = app.now;
                app.spawn(Job::Unlock { pin, unix }, true, "busy-unlocking", fx);
            }
        }
        Input::Done(Done::Unlock(r, state)) => {
            s.wrong = false;
            match r {
                Ok(UnlockResult::Unlocked) => return unlocked(app),
                Ok(UnlockResult::WrongPin {
                    attempts_left,
                    wait_seconds,
                }) => {
                    s.wrong = true;
                    s.attempts_left = attempts_left;
                    s.wait_until = app.now + wait_seconds;
                }
                Ok(UnlockResult::TryLater { wait_seconds })
                | Err(CoreError::TryLater { wait_seconds }) => {
                    s.wait_until = app.now + wait_seconds;
                }
                Ok(UnlockResult::Wiped) | Err(CoreError::Wiped) => return notice::wiped(app),
                Err(CoreError::Damaged | CoreError::Unsupported) => return notice::damaged(app),
                Err(_) => s.wrong = true,
            }
            if let Some(st) = state {
                s.attempts_left = st.attempts_left.filter(|_| st.failures > 0);
                s.wait_until = s.wait_until.max(app.now + st.wait_seconds);
            }
        }
        Input::Done(Done::UnlockDevice(r)) => match r {
            Ok(()) => return unlocked(app),
            Err(_) => s.biometric_failed = true,
        },
        _ => {}
    }
    ScreenState::Lock(s)
}

fn unlocked(app: &mut App) -> ScreenState {
    app.last_activity = app.now;
    ScreenState::Codes(codes::State::default())
}

pub(crate) fn view(app: &App, s: &State) -> LockView {
    let c = &app.c;
    let wait = s.wait_until.saturating_sub(app.now);
    let error = if s.biometric_failed {
        Some(c.t("biometrics-failed"))
    } else {
        s.wrong.then(|| c.t("pin-wrong"))
    };
    LockView {
        pad: s
            .pad
            .view(c, "pin-enter", wait == 0 && app.working.is_none(), error),
        attempts: s
            .attempts_left
            .filter(|n| *n < SHOW_ATTEMPTS_BELOW)
            .map(|n| c.ta("lock-attempts-left", &Args::new().n("count", n))),
        wait: (wait > 0).then(|| c.ta("lock-wait", &Args::new().s("time", duration(c, wait)))),
        wait_seconds: u32::try_from(wait).unwrap_or(u32::MAX),
        biometrics: app
            .settings
            .biometrics
            .then(|| Button::new(c.t("lock-biometrics"), app.working.is_none())),
    }
}

/// A PIN re-checked before a sensitive step (PIN change, biometrics,
/// bank-card export or delete, transfer) was refused: the text to show
/// — "Wrong PIN." with the attempts left, or the wait — or, when that was
/// the last allowed wrong PIN, the "vault erased" notice to go to.
pub(crate) fn refused(app: &App, verdict: UnlockResult) -> Result<String, Box<ScreenState>> {
    let c = &app.c;
    let wrong = c.t("pin-wrong");
    match verdict {
        UnlockResult::Wiped => Err(Box::new(notice::wiped(app))),
        UnlockResult::WrongPin {
            attempts_left,
            wait_seconds,
        } => {
            let mut text = wrong;
            if let Some(n) = attempts_left.filter(|n| *n < SHOW_ATTEMPTS_BELOW) {
                text = format!(
                    "{text} {}",
                    c.ta("lock-attempts-left", &Args::new().n("count", n))
                );
            }
            if wait_seconds > 0 {
                text = format!(
                    "{text} {}",
                    c.ta(
                        "lock-wait",
                        &Args::new().s("time", duration(c, wait_seconds))
                    )
                );
            }
            Ok(text)
        }
        UnlockResult::TryLater { wait_seconds } => Ok(c.ta(
            "lock-wait",
            &Args::new().s("time", duration(c, wait_seconds)),
        )),
        UnlockResult::Unlocked => Ok(wrong),
    }
}

/// "m:ss" in the language's digits, isolated left to right.
pub(crate) fn duration(c: &crate::text::Catalog, seconds: u64) -> String {
    let text = format!("{}:{:02}", seconds / 60, seconds % 60);
    c.digits(&text)
}
