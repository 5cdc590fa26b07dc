//! A migration export: "code i of n", checkboxes, duplicates marked, and
//! the parts already scanned remembered.

use super::*;

pub(crate) struct BatchState {
    pub(crate) pending: PendingId,
    pub(crate) index: u32,
    pub(crate) count: u32,
    pub(crate) accounts: Vec<AccountPreview>,
    pub(crate) checked: Vec<bool>,
    pub(crate) duplicates: Vec<bool>,
    pub(crate) rejected: u32,
    pub(crate) error: Option<String>,
}

pub(crate) fn update_batch(
    app: &mut App,
    mut s: BatchState,
    input: Input,
    fx: &mut Fx,
) -> ScreenState {
    match input {
        Input::Ev(Event::ToggleBatchEntry { index }) => {
            if let Some(c) = s.checked.get_mut(index as usize) {
                *c = !*c;
            }
        }
        Input::Ev(Event::Submit) if s.checked.iter().any(|c| *c) => {
            let job = Job::AddScanned {
                pending: s.pending,
                pick: Pick::Selected(s.checked.clone()),
                unix: app.now,
            };
            app.spawn(job, true, "busy-saving", fx);
        }
        Input::Done(Done::Added(r)) => {
            return match added(app, r, fx) {
                Ok(next) => {
                    // Only a part that was added counts as scanned.
                    app.mark_batch_part(s.index, s.count);
                    if app
                        .batch_progress()
                        .is_some_and(|(seen, count)| seen < count)
                    {
                        ScreenState::Scan(ScanState::default())
                    } else {
                        app.clear_batch();
                        next
                    }
                }
                Err(e) => {
                    s.error = Some(e);
                    ScreenState::Batch(s)
                }
            };
        }
        _ => {}
    }
    ScreenState::Batch(s)
}

pub(crate) fn view_batch(app: &App, s: &BatchState) -> BatchView {
    let c = &app.c;
    BatchView {
        part: c.ta(
            "batch-part",
            &Args::new().n("index", s.index).n("count", s.count),
        ),
        entries: s
            .accounts
            .iter()
            .zip(&s.checked)
            .zip(&s.duplicates)
            .map(|((a, checked), dup)| BatchEntry {
                label: label(a),
                checked: *checked,
                duplicate: dup.then(|| c.t("already-in-vault")),
            })
            .collect(),
        rejected: (s.rejected > 0)
            .then(|| c.ta("batch-rejected", &Args::new().n("count", s.rejected))),
        submit: Button::new(
            c.ta(
                "batch-add",
                &Args::new().n("count", s.checked.iter().filter(|x| **x).count() as i64),
            ),
            app.working.is_none() && s.checked.iter().any(|x| *x),
        ),
    }
}

fn label(a: &AccountPreview) -> String {
    match (a.issuer.is_empty(), a.account.is_empty()) {
        (false, false) => format!("{} — {}", a.issuer, a.account),
        (false, true) => a.issuer.clone(),
        _ => a.account.clone(),
    }
}
