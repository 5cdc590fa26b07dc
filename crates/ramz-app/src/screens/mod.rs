//! One module per screen: its state, how events change it, and its view.

pub mod account;
pub mod activation;
pub mod add;
pub mod backup;
pub mod codes;
pub mod first_run;
pub mod lock;
pub mod notice;
pub mod settings;
pub mod transfer;

use crate::app::{App, Fx};
use crate::event::Event;
use crate::view::Screen;
use crate::work::Done;

/// What a screen reacts to.
pub(crate) enum Input {
    /// An event from the shell.
    Ev(Event),
    /// A second passed (`app.now` is the new time).
    Tick,
    /// Slow work finished; the vault is back in `app.port`.
    Done(Done),
}

/// The state of the screen shown.
pub(crate) enum ScreenState {
    Starting,
    FirstRun(first_run::State),
    Lock(lock::State),
    Codes(codes::State),
    Scan(add::ScanState),
    Manual(add::ManualState),
    Confirm(add::ConfirmState),
    Batch(add::BatchState),
    Import(add::ImportState),
    Activation(activation::State),
    Account(account::State),
    Backup(backup::State),
    Settings(settings::State),
    Transfer(transfer::State),
    Notice(notice::State),
}

impl ScreenState {
    /// Screens that show the vault's content (idle lock applies).
    pub(crate) fn is_unlocked_screen(&self) -> bool {
        !matches!(
            self,
            Self::Starting | Self::FirstRun(_) | Self::Lock(_) | Self::Notice(_)
        )
    }
}

pub(crate) fn update(app: &mut App, state: ScreenState, input: Input, fx: &mut Fx) -> ScreenState {
    // Back from any screen of the unlocked app returns to the list.
    if let Input::Ev(Event::Back) = &input {
        if app.working.is_none() {
            match state {
                ScreenState::Codes(_) | ScreenState::Lock(_) | ScreenState::Starting => {}
                ScreenState::FirstRun(s) => return first_run::back(app, s),
                ScreenState::Notice(s) => return ScreenState::Notice(s),
                other => {
                    add::forget_pending(app, &other);
                    return if app.is_open() {
                        ScreenState::Codes(codes::State::default())
                    } else {
                        other
                    };
                }
            }
            return state;
        }
    }
    // Pasting works from every screen of the unlocked app.
    if let Input::Ev(Event::Paste { text }) = &input {
        if app.is_open() && app.working.is_none() && state.is_unlocked_screen() {
            add::forget_pending(app, &state);
            return add::read_pasted(app, text, fx);
        }
    }
    match state {
        ScreenState::Starting => notice::starting(app, input, fx),
        ScreenState::FirstRun(s) => first_run::update(app, s, input, fx),
        ScreenState::Lock(s) => lock::update(app, s, input, fx),
        ScreenState::Codes(s) => codes::update(app, s, input, fx),
        ScreenState::Scan(s) => add::update_scan(app, s, input, fx),
        ScreenState::Manual(s) => add::update_manual(app, s, input, fx),
        ScreenState::Confirm(s) => add::update_confirm(app, s, input, fx),
        ScreenState::Batch(s) => add::update_batch(app, s, input, fx),
        ScreenState::Import(s) => add::update_import(app, s, input, fx),
        ScreenState::Activation(s) => activation::update(app, s, input, fx),
        ScreenState::Account(s) => account::update(app, s, input, fx),
        ScreenState::Backup(s) => backup::update(app, s, input, fx),
        ScreenState::Settings(s) => settings::update(app, s, input, fx),
        ScreenState::Transfer(s) => transfer::update(app, s, input, fx),
        ScreenState::Notice(s) => notice::update(app, s, input, fx),
    }
}

pub(crate) fn view(app: &App) -> (String, Screen) {
    let c = &app.c;
    match &app.screen {
        ScreenState::Starting => (c.t("app-name"), Screen::Starting),
        ScreenState::FirstRun(s) => (
            c.t("first-run-title"),
            Screen::FirstRun(first_run::view(app, s)),
        ),
        ScreenState::Lock(s) => (c.t("lock-title"), Screen::Lock(lock::view(app, s))),
        ScreenState::Codes(s) => (c.t("codes-title"), Screen::Codes(codes::view(app, s))),
        ScreenState::Scan(s) => (c.t("scan-title"), Screen::Scan(add::view_scan(app, s))),
        ScreenState::Manual(s) => (
            c.t("manual-title"),
            Screen::ManualEntry(add::view_manual(app, s)),
        ),
        ScreenState::Confirm(s) => (
            c.t("confirm-title"),
            Screen::Confirm(add::view_confirm(app, s)),
        ),
        ScreenState::Batch(s) => (c.t("batch-title"), Screen::Batch(add::view_batch(app, s))),
        ScreenState::Import(s) => (
            c.t("import-title"),
            Screen::Import(add::view_import(app, s)),
        ),
        ScreenState::Activation(s) => (
            c.t("activation-title"),
            Screen::Activation(activation::view(app, s)),
        ),
        ScreenState::Account(s) => (c.t("account-title"), Screen::Account(account::view(app, s))),
        ScreenState::Backup(s) => (c.t("backup-title"), Screen::Backup(backup::view(app, s))),
        ScreenState::Settings(s) => (
            c.t("settings-title"),
            Screen::Settings(settings::view(app, s)),
        ),
        ScreenState::Transfer(s) => (
            c.t("transfer-title"),
            Screen::Transfer(transfer::view(app, s)),
        ),
        ScreenState::Notice(s) => (c.t(s.title), Screen::Notice(notice::view(app, s))),
    }
}
