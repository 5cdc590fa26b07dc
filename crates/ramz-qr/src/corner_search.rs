//! Searching for the fourth corner of a code under strong perspective.
//!
//! Three finder centres fix an affine frame; the fourth corner of a tilted
//! code can sit many modules away from where that frame puts it, and then
//! the alignment-pattern search window misses too. Here candidate
//! corners on a coarse-then-fine grid around the estimate are scored by
//! what the code must show wherever the corner is right: every alignment
//! pattern (dark centre, light ring, dark ring) and a light quiet zone
//! past the bottom and right edges. The best few go to the full decode,
//! whose Reed–Solomon check is the real test. Bounded: a fixed number of
//! candidates, each scoring at most a few hundred modules.

use crate::codewords::alignment_positions;
use crate::gray::Bits;
use crate::transform::{Homography, Point};

/// Corners returned for a full decode.
pub(crate) const KEEP: usize = 3;
/// Coarse search: ± this many modules, in steps of `COARSE_STEP`.
const REACH: i32 = 12;
const COARSE_STEP: f32 = 2.0;
/// Fine search around the coarse winners: ± 1.5 modules in half steps
/// (the coarse points are 2 modules apart; ± 2 read the same codes at
/// more cost, ± 1 lost one on the dev set).
const FINE_REACH: i32 = 3;
const FINE_STEP: f32 = 0.5;
/// Fine steps per coarse step.
const STRIDE: i32 = (COARSE_STEP / FINE_STEP) as i32;

/// Candidate bottom-right corners (image position of grid point
/// `(d - 3.5, d - 3.5)`), best first.
pub(crate) fn candidates(
    bits: &Bits,
    finders: [Point; 3],
    estimate: Point,
    module: f32,
    dim: usize,
) -> Vec<Point> {
    let full = checks(dim, false);
    // The coarse grid only ranks regions for the fine search: half the
    // cells (a checkerboard of each alignment pattern, every other
    // module of the quiet zone and the finders' edges) rank them as well
    // (same reads on the dev sets and BoofCV's photos).
    let sparse = checks(dim, true);
    let steps = (REACH as f32 / COARSE_STEP) as i32;
    // Scores already taken, on the lattice of fine steps around the
    // estimate (a coarse step is `STRIDE` fine steps): the fine windows of
    // neighbouring coarse winners overlap.
    let reach = steps * STRIDE + FINE_REACH;
    let side = (2 * reach + 1) as usize;
    let mut scored = vec![false; side * side];
    let key = |i: i32, j: i32| (i + reach) as usize * side + (j + reach) as usize;
    let mut coarse: Vec<(u32, Point, i32, i32)> =
        Vec::with_capacity(((2 * steps + 1) * (2 * steps + 1)) as usize);
    for i in -steps..=steps {
        for j in -steps..=steps {
            let p = Point::new(
                estimate.x + i as f32 * COARSE_STEP * module,
                estimate.y + j as f32 * COARSE_STEP * module,
            );
            coarse.push((
                score(bits, finders, p, dim, &sparse),
                p,
                i * STRIDE,
                j * STRIDE,
            ));
        }
    }
    coarse.sort_by_key(|c| core::cmp::Reverse(c.0));
    let mut fine: Vec<(u32, Point)> = Vec::new();
    for &(_, c, ci, cj) in coarse.iter().take(KEEP) {
        for i in -FINE_REACH..=FINE_REACH {
            for j in -FINE_REACH..=FINE_REACH {
                let k = key(ci + i, cj + j);
                if scored[k] {
                    continue;
                }
                scored[k] = true;
                let p = Point::new(
                    c.x + i as f32 * FINE_STEP * module,
                    c.y + j as f32 * FINE_STEP * module,
                );
                fine.push((score(bits, finders, p, dim, &full), p));
            }
        }
    }
    fine.sort_by_key(|c| core::cmp::Reverse(c.0));
    let mut out: Vec<Point> = Vec::with_capacity(KEEP);
    for (_, p) in fine {
        if out.len() == KEEP {
            break;
        }
        if out.iter().all(|q| q.distance(p) > module) {
            out.push(p);
        }
    }
    out
}

/// Grid cells to check and whether each should be dark; `sparse`: about
/// half of them, spread evenly.
fn checks(dim: usize, sparse: bool) -> Vec<(f32, f32, bool)> {
    let keep = |k: i32| !sparse || k % 2 == 0;
    let d = dim as f32;
    let mut out = Vec::with_capacity(4 * dim + 25 * 8);
    let (pos, n) = alignment_positions((dim - 17) / 4);
    for (i, &ay) in pos.iter().take(n).enumerate() {
        for (j, &ax) in pos.iter().take(n).enumerate() {
            let corner = (i == 0 && (j == 0 || j == n - 1)) || (i == n - 1 && j == 0);
            // Patterns on the top row and left column do not move with
            // the fourth corner; skip them.
            if corner || i == 0 || j == 0 {
                continue;
            }
            for dy in -2i32..=2 {
                for dx in -2i32..=2 {
                    if !keep(dx + dy) {
                        continue;
                    }
                    let dark = dx.abs().max(dy.abs()) != 1;
                    out.push((
                        ax as f32 + dx as f32 + 0.5,
                        ay as f32 + dy as f32 + 0.5,
                        dark,
                    ));
                }
            }
        }
    }
    for k in (0..dim).filter(|&k| keep(k as i32)) {
        let t = k as f32 + 0.5;
        out.push((t, d + 0.5, false));
        out.push((d + 0.5, t, false));
    }
    // The last row and column of the bottom-left and top-right finders'
    // outer rings are dark (the code's edge is there).
    for k in (0..7).filter(|&k| keep(k)) {
        let t = k as f32 + 0.5;
        out.push((t, d - 0.5, true));
        out.push((d - 0.5, t, true));
    }
    out
}

fn score(
    bits: &Bits,
    finders: [Point; 3],
    br: Point,
    dim: usize,
    checks: &[(f32, f32, bool)],
) -> u32 {
    let d = dim as f32;
    let h = Homography::quad_to_quad(
        [
            Point::new(3.5, 3.5),
            Point::new(d - 3.5, 3.5),
            Point::new(d - 3.5, d - 3.5),
            Point::new(3.5, d - 3.5),
        ],
        [finders[0], finders[1], br, finders[2]],
    );
    let mut hits = 0u32;
    for &(x, y, dark) in checks {
        if let Some(p) = h.map(x, y) {
            if bits.dark_at(p.x, p.y) == dark {
                hits += 1;
            }
        }
    }
    hits
}
