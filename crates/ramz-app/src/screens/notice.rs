//! Full-screen explanations with one way forward, and the start-up screen
//! that opens the vault.

use crate::app::{App, Fx};
use crate::event::Event;
use crate::port::Opened;
use crate::screens::{Input, ScreenState, codes, first_run, lock};
use crate::view::{Button, NoticeView};
use crate::work::Done;

/// A notice: texts already localised when it was raised (the language
/// cannot change while it shows).
pub(crate) struct State {
    pub(crate) title: &'static str,
    pub(crate) heading: String,
    pub(crate) body: String,
    pub(crate) action: &'static str,
    pub(crate) then: Then,
}

/// Where the action leads.
#[derive(Clone, Copy)]
pub(crate) enum Then {
    /// Set up a new vault (after a wipe).
    FirstRun,
    /// The code list.
    Codes,
    /// The scanner again.
    Scan,
    /// Retry opening the vault.
    Reopen,
}

impl State {
    /// "Back" returns to the code list (a notice of the unlocked app);
    /// otherwise the action is the only way on.
    pub(crate) fn back_to_codes(&self) -> bool {
        matches!(self.then, Then::Codes | Then::Scan)
    }

    pub(crate) fn new(
        app: &App,
        title: &'static str,
        heading: &str,
        body: String,
        action: &'static str,
        then: Then,
    ) -> Self {
        Self {
            title,
            heading: app.c.t(heading),
            body,
            action,
            then,
        }
    }
}

pub(crate) fn wiped(app: &App) -> ScreenState {
    ScreenState::Notice(State::new(
        app,
        "notice-wiped-title",
        "notice-wiped-heading",
        app.c.t("notice-wiped-body"),
        "notice-start-over",
        Then::FirstRun,
    ))
}

pub(crate) fn damaged(app: &App) -> ScreenState {
    ScreenState::Notice(State::new(
        app,
        "notice-damaged-title",
        "notice-damaged-heading",
        app.c.t("notice-damaged-body"),
        "notice-try-again",
        Then::Reopen,
    ))
}

/// The start-up screen: waits for the vault to open.
pub(crate) fn starting(app: &mut App, input: Input, fx: &mut Fx) -> ScreenState {
    match input {
        Input::Done(Done::Opened(opened)) => match opened {
            Opened::Locked(port, state) => {
                app.port = Some(port);
                if state.attempts_left == Some(0) {
                    return wiped(app);
                }
                ScreenState::Lock(lock::State::from_lock_state(app, state))
            }
            Opened::NoVault => ScreenState::FirstRun(first_run::State::default()),
            Opened::Damaged => damaged(app),
        },
        _ => {
            let _ = fx;
            ScreenState::Starting
        }
    }
}

pub(crate) fn update(app: &mut App, s: State, input: Input, fx: &mut Fx) -> ScreenState {
    match input {
        Input::Ev(Event::Submit) => match s.then {
            Then::FirstRun => ScreenState::FirstRun(first_run::State::default()),
            Then::Codes if app.is_open() => ScreenState::Codes(codes::State::default()),
            Then::Scan if app.is_open() => ScreenState::Scan(Default::default()),
            Then::Reopen => {
                let unix = app.now;
                app.spawn(crate::work::Job::Open { unix }, false, "busy-opening", fx);
                ScreenState::Starting
            }
            _ => ScreenState::Notice(s),
        },
        _ => ScreenState::Notice(s),
    }
}

pub(crate) fn view(app: &App, s: &State) -> NoticeView {
    NoticeView {
        heading: s.heading.clone(),
        body: s.body.clone(),
        action: Button::new(app.c.t(s.action), app.working.is_none()),
    }
}
