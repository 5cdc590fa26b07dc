//! Confirm one scanned account: editable labels, "already in your vault".

use super::*;
use crate::view::ConfirmView;

pub(crate) struct ConfirmState {
    pub(crate) pending: PendingId,
    pub(crate) preview: AccountPreview,
    pub(crate) issuer: String,
    pub(crate) account: String,
    pub(crate) duplicate: bool,
    pub(crate) error: Option<String>,
}

pub(crate) fn update_confirm(
    app: &mut App,
    mut s: ConfirmState,
    input: Input,
    fx: &mut Fx,
) -> ScreenState {
    match input {
        Input::Ev(Event::Edit {
            field: Field::Issuer,
            text,
        }) => s.issuer = text,
        Input::Ev(Event::Edit {
            field: Field::Account,
            text,
        }) => s.account = text,
        Input::Ev(Event::Submit) => {
            let job = Job::AddScanned {
                pending: s.pending,
                pick: Pick::Labels(s.issuer.trim().to_owned(), s.account.trim().to_owned()),
                unix: app.now,
            };
            app.spawn(job, true, "busy-saving", fx);
        }
        Input::Done(Done::Added(r)) => {
            return added(app, r, fx).unwrap_or_else(|e| {
                s.error = Some(e);
                ScreenState::Confirm(s)
            });
        }
        _ => {}
    }
    ScreenState::Confirm(s)
}

pub(crate) fn view_confirm(app: &App, s: &ConfirmState) -> ConfirmView {
    let c = &app.c;
    ConfirmView {
        issuer: field(c, "field-issuer", &s.issuer, None),
        account: field(c, "field-account", &s.account, s.error.clone()),
        details: details(c, &s.preview),
        duplicate: s.duplicate.then(|| c.t("already-in-vault")),
        warning: s.preview.weak_secret.then(|| c.t("weak-secret")),
        submit: Button::new(c.t("add"), app.working.is_none()),
    }
}
