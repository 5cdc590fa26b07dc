//! Transfer to a new phone: after the PIN, the exportable accounts as
//! Google-Authenticator-compatible migration QR codes ("code 2 of 3"),
//! each given as a module matrix the shell draws; bank cards are listed as
//! "activate again at your bank" (their seeds never leave this phone).
//!
//! The codes hold secrets: they live only while this screen is shown
//! (leaving it, backgrounding or locking drops them, wiped) and the
//! matrix's `Debug` shows its size only.

use ramz_core::UnlockResult;
use zeroize::Zeroizing;

use crate::app::{App, Fx};
use crate::event::{Choice, Event};
use crate::pinpad::{PinPad, Typed};
use crate::screens::{Input, ScreenState, add, lock};
use crate::text::Args;
use crate::view::{Button, QrModules, TransferView};
use crate::work::{Done, Job};

/// One QR code of the transfer: modules, row by row (1 dark, 0 light),
/// `size` × `size`, without the quiet zone.
pub(crate) struct Code {
    pub(crate) size: u32,
    pub(crate) dark: Zeroizing<Vec<u8>>,
}

/// What the work hands back after the PIN.
pub(crate) struct Codes {
    pub(crate) codes: Vec<Code>,
    /// Labels of the accounts that do not move (bank cards).
    pub(crate) stay: Vec<String>,
}

impl core::fmt::Debug for Codes {
    /// Counts only: the modules hold secrets.
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Codes")
            .field("codes", &self.codes.len())
            .field("stay", &self.stay.len())
            .finish()
    }
}

#[derive(Default)]
pub(crate) struct State {
    pad: PinPad,
    error: Option<String>,
    shown: Option<(Codes, usize)>,
}

pub(crate) fn update(app: &mut App, mut s: State, input: Input, fx: &mut Fx) -> ScreenState {
    match input {
        Input::Ev(e) if s.shown.is_none() && app.working.is_none() => {
            if let Typed::Complete(pin) = s.pad.handle(&e) {
                s.error = None;
                let job = Job::Transfer {
                    pin,
                    // Groups the codes of one export; Google uses a random
                    // number, any value works.
                    batch_id: (app.now & 0x7fff_ffff) as i32,
                    unix: app.now,
                };
                app.spawn(job, true, "busy-checking-pin", fx);
            }
        }
        Input::Ev(Event::Choose(Choice::NextCode)) => {
            if let Some((codes, i)) = s.shown.as_mut() {
                if *i + 1 < codes.codes.len() {
                    *i += 1;
                }
            }
        }
        Input::Ev(Event::Choose(Choice::PreviousCode)) => {
            if let Some((_, i)) = s.shown.as_mut() {
                *i = i.saturating_sub(1);
            }
        }
        Input::Done(Done::Transfer(r)) => match r {
            Ok((UnlockResult::Unlocked, Some(codes))) => s.shown = Some((codes, 0)),
            Ok((verdict, _)) => match lock::refused(app, verdict) {
                Ok(text) => s.error = Some(text),
                Err(wiped) => return *wiped,
            },
            Err(e) => s.error = Some(add::problem_text(&app.c, &e)),
        },
        _ => {}
    }
    ScreenState::Transfer(s)
}

pub(crate) fn view(app: &App, s: &State) -> TransferView {
    let c = &app.c;
    let Some((codes, i)) = &s.shown else {
        return TransferView {
            pin: Some(
                s.pad
                    .view(c, "transfer-pin", app.working.is_none(), s.error.clone()),
            ),
            part: None,
            code: None,
            hint: c.t("transfer-intro"),
            stay_title: None,
            stay: Vec::new(),
            previous: None,
            next: None,
        };
    };
    let n = codes.codes.len();
    let code = codes.codes.get(*i).map(|m| QrModules {
        size: m.size,
        dark: m.dark.to_vec(),
    });
    TransferView {
        pin: None,
        part: (n > 0).then(|| {
            c.ta(
                "transfer-part",
                &Args::new()
                    .n("index", i64::try_from(i + 1).unwrap_or(0))
                    .n("count", i64::try_from(n).unwrap_or(0)),
            )
        }),
        code,
        hint: c.t(if n == 0 {
            "transfer-nothing"
        } else if i + 1 == n {
            "transfer-hint-last"
        } else {
            "transfer-hint"
        }),
        stay_title: (!codes.stay.is_empty()).then(|| {
            c.ta(
                "transfer-bank-cards",
                &Args::new().n("count", i64::try_from(codes.stay.len()).unwrap_or(0)),
            )
        }),
        stay: codes
            .stay
            .iter()
            .map(|l| format!("\u{2068}{l}\u{2069}"))
            .collect(),
        previous: (n > 1).then(|| Button::new(c.t("transfer-previous"), *i > 0)),
        next: (n > 1).then(|| Button::new(c.t("transfer-next"), *i + 1 < n)),
    }
}
