//! The camera viewfinder: one decode per frame, stop on success.

use super::*;
use crate::view::ScanView;

#[derive(Default)]
pub(crate) struct ScanState {
    pub(crate) error: Option<String>,
}

pub(crate) fn update_scan(
    app: &mut App,
    mut s: ScanState,
    input: Input,
    fx: &mut Fx,
) -> ScreenState {
    match input {
        Input::Ev(Event::CameraFrame {
            luma,
            width,
            height,
            row_stride,
        }) => {
            // One decode at a time; frames arriving meanwhile are dropped.
            app.spawn(
                Job::DecodeFrame {
                    luma,
                    width,
                    height,
                    row_stride,
                },
                true,
                "busy-reading",
                fx,
            );
        }
        Input::Ev(Event::Paste { text }) => return read_pasted(app, &text, fx),
        Input::Done(Done::Frame(r)) => match r {
            Ok(Some(scanned)) => return scanned_to_screen(app, scanned),
            Ok(None) => {}
            Err(e) => s.error = Some(problem_text(&app.c, &e)),
        },
        _ => {}
    }
    ScreenState::Scan(s)
}

pub(crate) fn view_scan(app: &App, s: &ScanState) -> ScanView {
    let c = &app.c;
    ScanView {
        hint: c.t("scan-hint"),
        progress: app.batch_progress().map(|(seen, count)| {
            c.ta(
                "scan-batch-progress",
                &Args::new().n("seen", seen).n("count", count),
            )
        }),
        error: s.error.clone(),
        paste: Button::new(c.t("scan-paste"), true),
        manual: Button::new(c.t("scan-manual"), true),
        import: Button::new(c.t("scan-import"), true),
    }
}
