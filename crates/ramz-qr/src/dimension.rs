//! How many modules wide a code is, from what the image shows.
//!
//! The finder patterns alone give a rough estimate (distance over module
//! size), which is off by ±4 modules on large, tilted or blurred codes.
//! Two readings are exact when they succeed: the version information
//! blocks of version 7+ codes (18 bits, BCH-protected, next to the
//! top-right and bottom-left finders), and the timing patterns (the
//! alternating row and column between the finders). Candidates are
//! tried in that order, so the expensive grid decode runs on a wrong size
//! only when every reading failed.

use crate::gray::Bits;
use crate::perspective::Perspective;
use crate::transform::{Homography, Point};

/// How far (in modules) from the rough estimate sizes are scored.
const SCAN: f32 = 16.0;
/// Sizes whose timing row and column disagree with the alternating
/// pattern more often than this are not tried at all.
const MAX_TIMING_ERRORS: f32 = 0.35;

/// The local frame of a code: the finder centres, one module step along
/// each axis, and the module sizes at both ends of the top and left edges.
pub(crate) struct Axes {
    pub(crate) tl: Point,
    pub(crate) tr: Point,
    pub(crate) bl: Point,
    /// One module along the top edge (the mean of both ends).
    pub(crate) ux: Point,
    /// One module along the left edge (the mean of both ends).
    pub(crate) uy: Point,
    /// The module sizes along the top edge at `tl` and `tr`.
    top: (f32, f32),
    /// The module sizes along the left edge at `tl` and `bl`.
    left: (f32, f32),
}

impl Axes {
    /// From the finder centres and the module sizes along the top edge at
    /// `tl` and `tr` (`top`) and along the left edge at `tl` and `bl`
    /// (`left`).
    pub(crate) fn new([tl, tr, bl]: [Point; 3], top: (f32, f32), left: (f32, f32)) -> Self {
        let unit = |a: Point, b: Point, m: f32| {
            let d = a.distance(b).max(1.0);
            Point::new((b.x - a.x) / d * m, (b.y - a.y) / d * m)
        };
        Self {
            tl,
            tr,
            bl,
            ux: unit(tl, tr, (top.0 + top.1) / 2.0),
            uy: unit(tl, bl, (left.0 + left.1) / 2.0),
            top,
            left,
        }
    }

    /// The perspective the finders' module sizes show, for a code whose
    /// finder centres lie `span` modules apart; `None` when it is too
    /// weak to differ from the parallelogram.
    fn perspective(&self, span: f32) -> Option<Perspective> {
        Perspective::slanted([self.tl, self.tr, self.bl], span, self.top, self.left)
    }

    fn at(&self, origin: Point, dx: f32, dy: f32) -> Point {
        Point::new(
            origin.x + dx * self.ux.x + dy * self.uy.x,
            origin.y + dx * self.ux.y + dy * self.uy.y,
        )
    }
}

/// Candidate sizes, most trustworthy first, without duplicates; all 4k+1
/// in 21..=177.
pub(crate) fn candidates(bits: &Bits, axes: &Axes, rough: f32) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::with_capacity(5);
    let mut push = |d: usize| {
        if (21..=177).contains(&d) && d % 4 == 1 && !out.contains(&d) {
            out.push(d);
        }
    };
    if rough >= 40.0 {
        if let Some(d) = version_dimension(bits, axes) {
            push(d);
        }
    }
    let h = timing_count(bits, axes, true);
    let v = timing_count(bits, axes, false);
    for d in [h, v].into_iter().flatten() {
        if (d as f32 - rough).abs() <= 12.0 {
            push(d);
        }
    }
    let nearest = (((rough - 1.0) / 4.0).round() * 4.0 + 1.0).max(21.0) as usize;
    push(nearest);
    if rough > nearest as f32 {
        push(nearest + 4)
    } else {
        push(nearest.saturating_sub(4))
    }
    out
}

/// Orders sizes by how well the timing row and column read at that size:
/// the exact readings of [`candidates`] plus every size within ±16
/// modules of `rough` (the rough estimate is biased by blur, threshold
/// and perspective, by up to 8 modules on large codes). Each score
/// samples only the 2×(dim−16) timing modules through the parallelogram
/// the three finders span, so scanning sizes costs less than one full
/// grid. Best first; sizes that clearly fail are dropped.
pub(crate) fn rank_by_timing(
    bits: &Bits,
    axes: &Axes,
    exact: &[usize],
    rough: f32,
    limit: usize,
) -> Vec<usize> {
    let mut scored: Vec<(f32, usize)> = Vec::with_capacity(12);
    let lo = (rough - SCAN).max(21.0) as usize;
    let hi = (rough + SCAN).min(177.0) as usize;
    let scan = (lo..=hi).filter(|d| d % 4 == 1);
    for dim in exact.iter().copied().chain(scan) {
        if scored.iter().any(|&(_, d)| d == dim) {
            continue;
        }
        if let Some(errors) = timing_errors(bits, axes, dim) {
            if errors <= MAX_TIMING_ERRORS {
                scored.push((errors, dim));
            }
        }
    }
    // Stable: among equal scores the exact readings stay first.
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    scored.into_iter().take(limit).map(|(_, d)| d).collect()
}

/// Fraction of timing modules that disagree with the alternating pattern
/// when the code is taken to be `dim` modules wide.
fn timing_errors(bits: &Bits, axes: &Axes, dim: usize) -> Option<f32> {
    let d = dim as f32;
    let br = Point::new(
        axes.tr.x - axes.tl.x + axes.bl.x,
        axes.tr.y - axes.tl.y + axes.bl.y,
    );
    let h = Homography::quad_to_quad(
        [
            Point::new(3.5, 3.5),
            Point::new(d - 3.5, 3.5),
            Point::new(d - 3.5, d - 3.5),
            Point::new(3.5, d - 3.5),
        ],
        [axes.tl, axes.tr, br, axes.bl],
    );
    let affine = timing_share(bits, dim, |x, y| h.map(x, y))?;
    // Under perspective the parallelogram drifts off the timing row
    // towards the far finders; the map the finders' sizes show follows it
    // (its grid is relative to the top-left finder centre).
    match axes.perspective(d - 7.0) {
        Some(p) => Some(affine.min(timing_share(bits, dim, |x, y| p.map(x - 3.5, y - 3.5))?)),
        None => Some(affine),
    }
}

/// The share of the timing row's and column's modules (grid coordinates,
/// mapped to the image by `map`) that disagree with the alternating
/// pattern; `None` when a module maps nowhere or there are none.
fn timing_share(bits: &Bits, dim: usize, map: impl Fn(f32, f32) -> Option<Point>) -> Option<f32> {
    let mut errors = 0usize;
    let mut total = 0usize;
    for i in 8..dim.saturating_sub(8) {
        let expected = i % 2 == 0;
        let t = i as f32 + 0.5;
        for (x, y) in [(t, 6.5), (6.5, t)] {
            let p = map(x, y)?;
            total += 1;
            errors += usize::from(bits.dark_at(p.x, p.y) != expected);
        }
    }
    (total > 0).then(|| errors as f32 / total as f32)
}

/// Counts the runs along the horizontal (or vertical) timing pattern,
/// from the top-left finder's centre to the other finder's centre. The
/// runs are: finder edge (dark), then `dim - 14` alternating modules, then
/// the other finder's edge, so `dim = runs + 12`.
fn timing_count(bits: &Bits, axes: &Axes, horizontal: bool) -> Option<usize> {
    let (start, end) = if horizontal {
        (axes.at(axes.tl, 0.0, 3.0), axes.at(axes.tr, 0.0, 3.0))
    } else {
        (axes.at(axes.tl, 3.0, 0.0), axes.at(axes.bl, 3.0, 0.0))
    };
    let module = if horizontal { axes.ux } else { axes.uy };
    let module_len = (module.x * module.x + module.y * module.y).sqrt();
    let len = start.distance(end);
    if module_len < 1.0 || len < module_len * 10.0 {
        return None;
    }
    let steps = (len * 2.0) as usize;
    let min_run = (module_len * 2.0 * 0.4).max(1.0) as usize; // in half-pixel steps
    let mut runs = 0usize;
    let mut current: Option<bool> = None;
    let mut pending: Option<bool> = None;
    let mut pending_len = 0usize;
    for i in 0..=steps {
        let t = i as f32 / steps as f32;
        let x = start.x + (end.x - start.x) * t;
        let y = start.y + (end.y - start.y) * t;
        let dark = bits.dark_at(x, y);
        if Some(dark) == current {
            pending = None;
            pending_len = 0;
            continue;
        }
        if pending == Some(dark) {
            pending_len += 1;
        } else {
            pending = Some(dark);
            pending_len = 1;
        }
        // A colour change counts once it has lasted long enough to be a
        // module, not a speck of noise.
        if pending_len >= min_run || current.is_none() {
            current = Some(dark);
            runs += 1;
            pending = None;
            pending_len = 0;
        }
    }
    (runs >= 9).then_some(runs + 12)
}

/// Reads the version blocks (top-right copy, then bottom-left copy) and
/// returns `17 + 4 * version` for the nearest valid codeword within 3 bit
/// errors.
fn version_dimension(bits: &Bits, axes: &Axes) -> Option<usize> {
    for top_right in [true, false] {
        let mut word = 0u32;
        for k in 0..18u32 {
            let (a, b) = ((k % 3) as f32, (k / 3) as f32);
            let p = if top_right {
                axes.at(axes.tr, -7.0 + a, b - 3.0)
            } else {
                axes.at(axes.bl, b - 3.0, -7.0 + a)
            };
            if bits.dark_at(p.x, p.y) {
                word |= 1 << k;
            }
        }
        let best = (7..=40u32)
            .map(|v| (((v << 12) | bch_remainder(v)) ^ word).count_ones())
            .enumerate()
            .min_by_key(|&(_, d)| d);
        if let Some((i, d)) = best {
            if d <= 3 {
                return Some(17 + 4 * (i + 7));
            }
        }
    }
    None
}

/// BCH(18,6) remainder of the version number (generator 0x1F25).
fn bch_remainder(version: u32) -> u32 {
    let mut r = version << 12;
    for bit in (12..18).rev() {
        if r & (1 << bit) != 0 {
            r ^= 0x1F25 << (bit - 12);
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_codewords_match_the_standard() {
        // ISO/IEC 18004 Annex D: version 7 is 0x07C94, version 40 0x28C69.
        assert_eq!((7 << 12) | bch_remainder(7), 0x07C94);
        assert_eq!((40 << 12) | bch_remainder(40), 0x28C69);
    }
}
