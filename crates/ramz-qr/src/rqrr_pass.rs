//! rqrr's own detector as a last resort.
//!
//! rqrr's finder search misses many camera frames that the locator in
//! `locate.rs` reads, but it traces whole capstone regions and so can
//! catch some that ours misses. Two hazards are contained here: it can
//! panic on malformed grids (its issue #54), hence `catch_unwind`; and
//! its alignment-pattern spiral (`identify/grid.rs`, bounded only by the
//! square of an estimate derived from capstone geometry) plus a full image
//! clone per candidate group make its cost grow with clutter. So it runs
//! only on a small image (at most [`MAX_SIDE`] px) and only when our
//! finder scan saw few candidates (a code-like frame, not noise).

use std::panic::{AssertUnwindSafe, catch_unwind};

use zeroize::{Zeroize, Zeroizing};

use crate::gray::Gray;
use crate::locate::Found;
use crate::transform::Point;

/// Longest side given to rqrr.
pub(crate) const MAX_SIDE: usize = 800;
/// Finder candidates above which rqrr is not run (clutter).
pub(crate) const MAX_CANDIDATES: usize = 12;
/// Grids decoded at most.
const MAX_GRIDS: usize = 8;

/// Runs rqrr on `gray`; corners in `gray`'s pixels.
pub(crate) fn decode(gray: &Gray) -> Vec<Found> {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut img =
            rqrr::PreparedImage::prepare_from_greyscale(gray.width, gray.height, |x, y| {
                gray.pixels.get(y * gray.width + x).copied().unwrap_or(255)
            });
        let mut out = Vec::new();
        for grid in img.detect_grids().into_iter().take(MAX_GRIDS) {
            let mut bytes = Vec::new();
            if grid.decode_to(&mut bytes).is_ok() {
                let corners = grid.bounds.map(|p| Point::new(p.x as f32, p.y as f32));
                match String::from_utf8(bytes) {
                    Ok(text) => out.push(Found {
                        text: Zeroizing::new(text),
                        corners,
                    }),
                    Err(e) => e.into_bytes().zeroize(),
                }
            } else {
                bytes.zeroize();
            }
        }
        out
    }));
    result.unwrap_or_default()
}
