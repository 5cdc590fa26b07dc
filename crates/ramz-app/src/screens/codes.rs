//! The code list: grouped codes, seconds left, the next code near the end
//! of a step, HOTP on request, search in Persian and Latin, reorder, copy,
//! and the banners (clock off, backup reminder).

use std::collections::HashMap;

use ramz_core::{AccountId, AccountInfo, AccountKind, ClockWarning, CodeEntry};

use crate::app::{App, Fx};
use crate::effect::Effect;
use crate::event::{Event, Field};
use crate::port::Port;
use crate::screens::{Input, ScreenState, account};
use crate::text::{Args, Catalog, to_ascii_digits};
use crate::view::{Button, CodeRow, CodesView, Offer};
use crate::work::{Done, Job};

/// The next code is shown in a step's last this many seconds.
pub const NEXT_CODE_SECONDS: u64 = 5;
/// A copied code is cleared from the clipboard after this many seconds.
pub const CLIPBOARD_SECONDS: u32 = 30;

/// Next codes computed per tick at most (see [`ListCache::refresh`]).
pub const NEXT_CODES_PER_TICK: usize = 20;

/// Accounts and their codes, kept between ticks so that a tick costs
/// little: at a step's end each row's current code becomes the next code
/// computed earlier, and the following next codes are computed a few rows
/// per tick. All 100 rows of a list are ready again seconds later, long
/// before a next code is shown (the last [`NEXT_CODE_SECONDS`]).
#[derive(Default)]
pub(crate) struct ListCache {
    pub(crate) accounts: Vec<AccountInfo>,
    pub(crate) rows: Vec<RowCodes>,
    stale: bool,
    last_now: u64,
    /// Clock warning at the last refresh.
    pub(crate) clock_warning: Option<ClockWarning>,
}

/// One account's codes in device time.
#[derive(Default)]
pub(crate) struct RowCodes {
    pub(crate) code: String,
    pub(crate) next: String,
    /// Device time at which `code` stops being valid (0 for HOTP).
    pub(crate) step_end: u64,
    pub(crate) period: u64,
    /// `next` is the code of the step after `code`'s.
    pub(crate) next_ready: bool,
}

impl ListCache {
    pub(crate) fn clear(&mut self) {
        *self = Self::default();
    }

    pub(crate) fn invalidate(&mut self) {
        self.stale = true;
    }

    /// Brings the cache to device time `now`.
    pub(crate) fn refresh(&mut self, port: &Port, now: u64) {
        if !port.is_unlocked() {
            self.clear();
            return;
        }
        self.clock_warning = port.clock_status(now).warning;
        let went_back = now < self.last_now;
        self.last_now = now;
        if self.stale || went_back || self.accounts.len() != self.rows.len() {
            self.recompute(port, now);
            return;
        }
        for r in self
            .rows
            .iter_mut()
            .filter(|r| r.period > 0 && now >= r.step_end)
        {
            if r.next_ready && now < r.step_end + r.period {
                r.code = core::mem::take(&mut r.next);
                r.step_end += r.period;
                r.next_ready = false;
            } else {
                // Asleep for more than a step: everything anew.
                self.recompute(port, now);
                return;
            }
        }
        let mut budget = NEXT_CODES_PER_TICK;
        for (a, r) in self.accounts.iter().zip(self.rows.iter_mut()) {
            if budget == 0 {
                break;
            }
            if r.period > 0 && !r.next_ready {
                budget -= 1;
                if let Ok(e) = port.code(a.id, now) {
                    *r = RowCodes::at(e, now);
                }
            }
        }
    }

    fn recompute(&mut self, port: &Port, now: u64) {
        self.accounts = port.accounts().unwrap_or_default();
        self.rows = port
            .codes(now)
            .unwrap_or_default()
            .into_iter()
            .map(|e| RowCodes::at(e, now))
            .collect();
        self.stale = false;
    }

    /// Seconds left of `r` at `now`.
    fn seconds_left(r: &RowCodes, now: u64) -> u64 {
        r.step_end.saturating_sub(now)
    }
}

impl RowCodes {
    fn at(e: CodeEntry, now: u64) -> Self {
        Self {
            step_end: if e.period > 0 {
                now + e.seconds_left
            } else {
                0
            },
            period: e.period,
            next_ready: e.period > 0,
            code: e.code,
            next: e.next,
        }
    }
}

#[derive(Default)]
pub(crate) struct State {
    search: String,
    /// HOTP codes made this session: (code, counter used).
    hotp: HashMap<AccountId, (String, u64)>,
    error: Option<String>,
}

pub(crate) fn update(app: &mut App, mut s: State, input: Input, fx: &mut Fx) -> ScreenState {
    match input {
        Input::Ev(Event::Edit {
            field: Field::Search,
            text,
        }) => s.search = text,
        Input::Ev(Event::TapAccount { id }) if app.working.is_none() => {
            let row = app.list.accounts.iter().position(|a| a.id == id);
            match row.map(|i| (&app.list.accounts[i], app.list.rows.get(i))) {
                Some((a, _)) if matches!(a.preview.kind, AccountKind::Hotp { .. }) => {
                    let unix = app.now;
                    app.spawn(Job::HotpNext { id, unix }, true, "busy-saving", fx);
                }
                Some((_, Some(entry))) => {
                    let text = entry.code.clone();
                    copy(app, text, fx);
                }
                _ => {}
            }
        }
        Input::Ev(Event::OpenAccount { id }) => {
            if let Some(a) = app.list.accounts.iter().find(|a| a.id == id) {
                return ScreenState::Account(account::State::new(a.clone()));
            }
        }
        Input::Ev(Event::MoveAccount { id, position }) if app.working.is_none() => {
            let unix = app.now;
            app.spawn(Job::Move { id, position, unix }, true, "busy-saving", fx);
        }
        Input::Ev(Event::Paste { text }) if app.is_open() => {
            return super::add::read_pasted(app, &text, fx);
        }
        Input::Ev(Event::AcceptBiometrics { accept })
            if app.biometrics_invalidated && app.working.is_none() =>
        {
            app.biometrics_invalidated = false;
            if accept && app.biometrics_available {
                return ScreenState::Settings(super::settings::State::asking_biometrics());
            }
            // Declined: the vault's biometric slot, whose key is gone,
            // goes too.
            app.spawn(
                Job::SetDeviceUnlock {
                    pin: zeroize::Zeroizing::default(),
                    on: false,
                    unix: app.now,
                },
                true,
                "busy-saving",
                fx,
            );
        }
        Input::Done(Done::Hotp(id, r)) => match r {
            Ok(code) => {
                let counter = app
                    .list
                    .accounts
                    .iter()
                    .find(|a| a.id == id)
                    .and_then(|a| match a.preview.kind {
                        AccountKind::Hotp { counter } => Some(counter),
                        _ => None,
                    })
                    .unwrap_or_default();
                s.hotp.insert(id, (code.clone(), counter));
                copy(app, code, fx);
            }
            Err(_) => s.error = Some(app.c.t("error-storage")),
        },
        Input::Done(Done::Moved(r)) if r.is_err() => s.error = Some(app.c.t("error-storage")),
        _ => {}
    }
    ScreenState::Codes(s)
}

fn copy(app: &mut App, code: String, fx: &mut Fx) {
    fx.push(Effect::CopyToClipboard {
        text: code,
        sensitive: true,
        clear_after_seconds: CLIPBOARD_SECONDS,
    });
    let text = app
        .c
        .ta("copied", &Args::new().n("seconds", CLIPBOARD_SECONDS));
    app.toast(text);
}

pub(crate) fn view(app: &App, s: &State) -> CodesView {
    let c = &app.c;
    let query = normalize(&s.search);
    let taps = (c.t("codes-copy"), c.t("codes-next-hotp"));
    let rows: Vec<CodeRow> = app
        .list
        .accounts
        .iter()
        .zip(&app.list.rows)
        .enumerate()
        .filter(|(_, (a, _))| query.is_empty() || matches(a, &query))
        .map(|(i, (a, e))| {
            let mut r = row(app, s, a, e, &taps);
            // Moving is offered on the whole list only: in a search, "one
            // up" would jump over rows that are not shown.
            if query.is_empty() {
                let position = |i: usize| u32::try_from(i).ok();
                r.move_up = i.checked_sub(1).and_then(position);
                r.move_down = Some(i + 1)
                    .filter(|n| *n < app.list.accounts.len())
                    .and_then(position);
            }
            r
        })
        .collect();
    let mut banners = Vec::new();
    match app.list.clock_warning {
        Some(ClockWarning::DriftFromServer { offset }) => banners.push(c.ta(
            "banner-clock-drift",
            &Args::new().n("seconds", offset.abs()),
        )),
        Some(ClockWarning::Implausible) => banners.push(c.t("banner-clock-wrong")),
        None => {}
    }
    if app.settings.added_since_backup > 0 {
        banners.push(c.ta(
            "banner-backup",
            &Args::new().n("count", app.settings.added_since_backup),
        ));
    }
    if let Some(e) = &s.error {
        banners.push(e.clone());
    }
    let idle = app.working.is_none();
    let empty = if app.list.accounts.is_empty() {
        Some(c.t("codes-empty"))
    } else if rows.is_empty() {
        Some(c.t("codes-no-match"))
    } else {
        None
    };
    CodesView {
        rows,
        search: s.search.clone(),
        search_hint: c.t("codes-search"),
        empty,
        banners,
        add: Button::new(c.t("codes-add"), idle),
        backup: Button::new(c.t("codes-backup"), idle),
        transfer: Button::new(c.t("codes-transfer"), idle),
        settings: Button::new(c.t("codes-settings"), idle),
        open_account: Button::new(c.t("codes-open"), idle),
        move_up: Button::new(c.t("codes-move-up"), idle),
        move_down: Button::new(c.t("codes-move-down"), idle),
        biometrics_offer: (app.biometrics_invalidated && app.biometrics_available).then(|| Offer {
            text: c.t("biometrics-invalidated-offer"),
            accept: Button::new(c.t("biometrics-turn-on-again"), idle),
            decline: Button::new(c.t("biometrics-decline"), idle),
        }),
    }
}

/// `taps`: what a tap on a time-based and on a counter-based row does.
fn row(app: &App, s: &State, a: &AccountInfo, e: &RowCodes, taps: &(String, String)) -> CodeRow {
    let c = &app.c;
    let is_card = a.bank_name.is_some();
    let account = if is_card {
        c.digits(&a.preview.account)
    } else {
        a.preview.account.clone()
    };
    let (code, next, seconds_left, period, counter, a11y) = match a.preview.kind {
        AccountKind::Hotp { counter } => {
            let shown = s.hotp.get(&a.id);
            let code = shown.map_or_else(|| c.t("hotp-tap"), |(code, _)| c.digits(&group(code)));
            let a11y = match shown {
                Some((code, _)) => c.ta(
                    "a11y-hotp",
                    &Args::new()
                        .s("issuer", a.preview.issuer.clone())
                        .s("code", spell(c, code)),
                ),
                None => c.ta(
                    "a11y-hotp-none",
                    &Args::new().s("issuer", a.preview.issuer.clone()),
                ),
            };
            (
                code,
                None,
                0,
                0,
                Some(c.ta("hotp-counter", &Args::new().n("counter", clamp(counter)))),
                a11y,
            )
        }
        _ => {
            let left = ListCache::seconds_left(e, app.now);
            let next = (left <= NEXT_CODE_SECONDS && e.next_ready && !e.next.is_empty())
                .then(|| c.digits(&group(&e.next)));
            let a11y = c.ta(
                "a11y-code",
                &Args::new()
                    .s("issuer", a.preview.issuer.clone())
                    .s("code", spell(c, &e.code))
                    .n("seconds", clamp(left)),
            );
            (c.digits(&group(&e.code)), next, left, e.period, None, a11y)
        }
    };
    CodeRow {
        id: a.id,
        issuer: a.preview.issuer.clone(),
        account,
        badge: is_card.then(|| c.t("badge-bank-card")),
        code,
        next,
        seconds_left: u32::try_from(seconds_left).unwrap_or(u32::MAX),
        period: u32::try_from(period).unwrap_or(u32::MAX),
        seconds_text: c.number(clamp(seconds_left)),
        counter,
        a11y,
        tap: if matches!(a.preview.kind, AccountKind::Hotp { .. }) {
            taps.1.clone()
        } else {
            taps.0.clone()
        },
        move_up: None,
        move_down: None,
    }
}

fn clamp(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A code in groups for reading: 6 → 3+3, 8 → 4+4, 5 → as is, 7 → 3+4.
pub fn group(code: &str) -> String {
    let n = code.chars().count();
    let split = match n {
        6 => 3,
        7 => 3,
        8 => 4,
        9 => 3,
        10 => 5,
        _ => return code.to_owned(),
    };
    let mut out = String::with_capacity(code.len() + 2);
    for (i, ch) in code.chars().enumerate() {
        if i > 0 && (i == split || (n == 9 && i == 6)) {
            out.push(' ');
        }
        out.push(ch);
    }
    out
}

/// A code spelled for a screen reader: one digit at a time.
fn spell(c: &Catalog, code: &str) -> String {
    let mut spaced = String::with_capacity(code.len() * 2);
    for (i, d) in code.chars().enumerate() {
        if i > 0 {
            spaced.push(' ');
        }
        spaced.push(d);
    }
    c.digits(&spaced)
}

/// Search key: lower case, ASCII digits, Arabic letters folded to their
/// Persian forms, no zero-width non-joiners.
pub fn normalize(s: &str) -> String {
    to_ascii_digits(s.trim())
        .chars()
        .filter(|c| *c != '\u{200c}')
        .map(|c| match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            'ة' => 'ه',
            'أ' | 'إ' => 'ا',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn matches(a: &AccountInfo, query: &str) -> bool {
    normalize(&a.preview.issuer).contains(query)
        || normalize(&a.preview.account).contains(query)
        || a.bank_name
            .as_deref()
            .is_some_and(|b| normalize(b).contains(query))
}
