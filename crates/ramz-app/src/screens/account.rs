//! One account: its details (never the secret), rename, delete with a
//! confirmation (a bank card also needs the PIN).

use ramz_core::{AccountInfo, AccountKind, UnlockResult};

use crate::app::{App, Fx};
use crate::event::{Choice, Event, Field};
use crate::pinpad::{PinPad, Typed};
use crate::screens::{Input, ScreenState, add, codes};
use crate::text::Args;
use crate::view::{AccountView, Button, Detail};
use crate::work::{Done, Job};

pub(crate) struct State {
    info: AccountInfo,
    issuer: String,
    account: String,
    confirming: bool,
    pad: PinPad,
    error: Option<String>,
}

impl State {
    pub(crate) fn new(info: AccountInfo) -> Self {
        Self {
            issuer: info.preview.issuer.clone(),
            account: info.preview.account.clone(),
            info,
            confirming: false,
            pad: PinPad::default(),
            error: None,
        }
    }
}

pub(crate) fn update(app: &mut App, mut s: State, input: Input, fx: &mut Fx) -> ScreenState {
    let card = s.info.bank_name.is_some();
    match input {
        Input::Ev(Event::Edit {
            field: Field::Issuer,
            text,
        }) => s.issuer = text,
        Input::Ev(Event::Edit {
            field: Field::Account,
            text,
        }) if !card => s.account = text,
        Input::Ev(Event::Choose(Choice::Rename)) => {
            let job = Job::Rename {
                id: s.info.id,
                issuer: s.issuer.trim().to_owned(),
                account: s.account.trim().to_owned(),
                unix: app.now,
            };
            app.spawn(job, true, "busy-saving", fx);
        }
        Input::Ev(Event::Choose(Choice::Delete)) => s.confirming = true,
        Input::Ev(Event::Choose(Choice::ConfirmDelete)) if s.confirming && !card => {
            app.spawn(
                Job::Delete {
                    id: s.info.id,
                    pin: None,
                    unix: app.now,
                },
                true,
                "busy-saving",
                fx,
            );
        }
        Input::Ev(e) if s.confirming && card => {
            if let Typed::Complete(pin) = s.pad.handle(&e) {
                app.spawn(
                    Job::Delete {
                        id: s.info.id,
                        pin: Some(pin),
                        unix: app.now,
                    },
                    true,
                    "busy-checking-pin",
                    fx,
                );
            }
        }
        Input::Done(Done::Renamed(r)) => match r {
            Ok(info) => {
                s = State::new(info);
                app.toast(app.c.t("saved"));
            }
            Err(e) => s.error = Some(add::problem_text(&app.c, &e)),
        },
        Input::Done(Done::Deleted(r)) => match r {
            Ok(UnlockResult::Unlocked) => {
                app.toast(app.c.t("deleted"));
                return ScreenState::Codes(codes::State::default());
            }
            Ok(verdict) => match super::lock::refused(app, verdict) {
                Ok(text) => s.error = Some(text),
                Err(wiped) => return *wiped,
            },
            Err(e) => s.error = Some(add::problem_text(&app.c, &e)),
        },
        _ => {}
    }
    ScreenState::Account(s)
}

pub(crate) fn view(app: &App, s: &State) -> AccountView {
    let c = &app.c;
    let p = &s.info.preview;
    let mut details = vec![Detail {
        label: c.t("detail-kind"),
        value: add::details(c, p),
    }];
    if let AccountKind::Totp { period } = p.kind {
        details.push(Detail {
            label: c.t("detail-period"),
            value: c.ta(
                "seconds",
                &Args::new().n("count", i64::try_from(period).unwrap_or(0)),
            ),
        });
    }
    details.push(Detail {
        label: c.t("detail-algorithm"),
        value: add::algorithm_name(p.algorithm).to_owned(),
    });
    if let Some(bank) = &s.info.bank_name {
        details.push(Detail {
            label: c.t("detail-bank"),
            value: bank.clone(),
        });
    }
    if !s.info.exportable {
        details.push(Detail {
            label: c.t("detail-secret"),
            value: c.t("detail-secret-hidden"),
        });
    }
    let card = s.info.bank_name.is_some();
    AccountView {
        issuer: add::field(c, "field-issuer", &s.issuer, None),
        account: add::field(
            c,
            "field-account",
            &if card {
                c.digits(&s.account)
            } else {
                s.account.clone()
            },
            s.error.clone(),
        ),
        details,
        rename: Button::new(c.t("rename"), app.working.is_none()),
        delete: Button::new(c.t("delete"), app.working.is_none()),
        confirm_delete: s.confirming.then(|| {
            c.ta(
                if card {
                    "delete-confirm-card"
                } else {
                    "delete-confirm"
                },
                &Args::new().s("issuer", p.issuer.clone()),
            )
        }),
        pad: (s.confirming && card)
            .then(|| s.pad.view(c, "pin-enter", app.working.is_none(), None)),
    }
}
