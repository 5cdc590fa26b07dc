//! Large codes sampled piece by piece between their alignment patterns.
//!
//! One homography from the finder patterns (and the bottom-right
//! alignment pattern) is exact only for a flat code seen through an ideal
//! lens. On version 7+ codes (45+ modules) paper curl, lens distortion
//! and a slightly misplaced corner add up to a module or more far from
//! the anchors. Such codes carry a grid of alignment patterns (up to 7×7);
//! each is looked for near where the global transform, corrected by the
//! offsets already measured at its neighbours, predicts it, and every
//! cell of that grid is sampled through its own homography (as
//! zxing-cpp's QR sampler and BoofCV's detector do).

use crate::alignment;
use crate::codewords::alignment_positions;
use crate::gray::Bits;
use crate::transform::{Homography, Point};

/// Search radius around a predicted alignment pattern, in modules.
const RADIUS: f32 = 3.0;
/// Search radius of the ring template (`alignment::find_by_template`),
/// in modules: on curved codes the middle column of patterns sits
/// further off its prediction than on flat ones. 3 rather than 2 read
/// two more curved codes on dev60 and three on dev2, and put the dev
/// set's slowest 640×480 frame (a curved code nothing reads) at +11 %;
/// medians and p95 unchanged.
const TEMPLATE_RADIUS: f32 = 3.0;
/// A found pattern further than this (modules) from its prediction is
/// taken for a data-region look-alike and ignored.
const MAX_SHIFT: f32 = 3.0;

/// Samples a `dim`×`dim` grid through per-cell homographies anchored at
/// the alignment patterns; `None` below version 7 (one alignment
/// pattern: the global transform already uses it), when too few
/// patterns are found to add anything, or when the grid leaves the image.
pub(crate) fn sample(bits: &Bits, h: &Homography, dim: usize, module: f32) -> Option<Vec<bool>> {
    let version = (dim.checked_sub(17)?) / 4;
    if version < 7 || dim != 17 + 4 * version {
        return None;
    }
    let (pos, n) = alignment_positions(version);
    let pos = &pos[..n];
    let nodes = locate_nodes(bits, h, pos, module)?;
    let mut cells_h = Vec::with_capacity((n - 1) * (n - 1));
    for cj in 0..n - 1 {
        for ci in 0..n - 1 {
            let g = |i: usize, j: usize| Point::new(pos[i] as f32 + 0.5, pos[j] as f32 + 0.5);
            cells_h.push(Homography::quad_to_quad(
                [g(ci, cj), g(ci + 1, cj), g(ci + 1, cj + 1), g(ci, cj + 1)],
                [
                    nodes[cj * n + ci],
                    nodes[cj * n + ci + 1],
                    nodes[(cj + 1) * n + ci + 1],
                    nodes[(cj + 1) * n + ci],
                ],
            ));
        }
    }
    // Which cell of the alignment grid a module row/column belongs to
    // (modules outside the outer patterns use the outermost cell).
    let cell_of = |m: usize| pos[1..n - 1].iter().filter(|&&p| p <= m).count();
    let (w, hgt) = (bits.width as f32, bits.height as f32);
    let mut cells = Vec::with_capacity(dim * dim);
    for y in 0..dim {
        let cj = cell_of(y);
        for x in 0..dim {
            let ci = cell_of(x);
            let p = cells_h[cj * (n - 1) + ci].map(x as f32 + 0.5, y as f32 + 0.5)?;
            if p.x < -2.0 || p.y < -2.0 || p.x > w + 2.0 || p.y > hgt + 2.0 {
                return None;
            }
            let px = p.x.clamp(0.0, w - 1.0) as usize;
            let py = p.y.clamp(0.0, hgt - 1.0) as usize;
            cells.push(bits.dark(px, py));
        }
    }
    Some(cells)
}

/// Image positions of the alignment grid's nodes (row-major, `n`×`n`),
/// visited outwards from the top-left finder so each prediction can
/// borrow the offset measured at already placed neighbours. The three
/// nodes under finder patterns have no pattern and keep the global
/// prediction. `None` if fewer than half of the patterns were found.
fn locate_nodes(bits: &Bits, h: &Homography, pos: &[usize], module: f32) -> Option<Vec<Point>> {
    let n = pos.len();
    let mut nodes = vec![Point::new(0.0, 0.0); n * n];
    let mut offsets: Vec<Option<(f32, f32)>> = vec![None; n * n];
    let mut found = 0usize;
    let mut missed = 0usize;
    for s in 0..2 * n - 1 {
        for j in 0..n {
            let Some(i) = s.checked_sub(j) else { continue };
            if i >= n {
                continue;
            }
            let predicted = h.map(pos[i] as f32 + 0.5, pos[j] as f32 + 0.5)?;
            let finder = (i == 0 && (j == 0 || j == n - 1)) || (i == n - 1 && j == 0);
            if finder {
                nodes[j * n + i] = predicted;
                offsets[j * n + i] = Some((0.0, 0.0));
                continue;
            }
            let mut sum = (0.0f32, 0.0f32);
            let mut k = 0.0f32;
            for (di, dj) in [(1usize, 0usize), (0, 1), (1, 1)] {
                if i >= di && j >= dj {
                    if let Some((ox, oy)) = offsets[(j - dj) * n + i - di] {
                        sum.0 += ox;
                        sum.1 += oy;
                        k += 1.0;
                    }
                }
            }
            let (ox, oy) = if k > 0.0 {
                (sum.0 / k, sum.1 / k)
            } else {
                (0.0, 0.0)
            };
            let mut guess = Point::new(predicted.x + ox, predicted.y + oy);
            // Along a row or column the patterns lie on a smooth curve:
            // extrapolate from the two placed before, where there are two.
            let mut ext = (0.0f32, 0.0f32, 0.0f32);
            if i >= 2 {
                let (a, b) = (nodes[j * n + i - 2], nodes[j * n + i - 1]);
                let r = (pos[i] - pos[i - 1]) as f32 / (pos[i - 1] - pos[i - 2]) as f32;
                ext = (
                    ext.0 + b.x + (b.x - a.x) * r,
                    ext.1 + b.y + (b.y - a.y) * r,
                    ext.2 + 1.0,
                );
            }
            if j >= 2 {
                let (a, b) = (nodes[(j - 2) * n + i], nodes[(j - 1) * n + i]);
                let r = (pos[j] - pos[j - 1]) as f32 / (pos[j - 1] - pos[j - 2]) as f32;
                ext = (
                    ext.0 + b.x + (b.x - a.x) * r,
                    ext.1 + b.y + (b.y - a.y) * r,
                    ext.2 + 1.0,
                );
            }
            if ext.2 > 0.0 {
                guess = Point::new(
                    (guess.x + ext.0) / (1.0 + ext.2),
                    (guess.y + ext.1) / (1.0 + ext.2),
                );
            }
            // Failing the run test, by the rings alone (blur greys the
            // centre module first), through the module axes there.
            let hit = alignment::find(bits, guess, module, RADIUS)
                .filter(|p| p.distance(guess) <= MAX_SHIFT * module)
                .or_else(|| {
                    let at = |u: f32, v: f32| h.map(u, v);
                    let (u, v) = (pos[i] as f32 + 0.5, pos[j] as f32 + 0.5);
                    let (o, px, py) = (at(u, v)?, at(u + 1.0, v)?, at(u, v + 1.0)?);
                    let ux = Point::new(px.x - o.x, px.y - o.y);
                    let uy = Point::new(py.x - o.x, py.y - o.y);
                    alignment::find_by_template(bits, guess, ux, uy, TEMPLATE_RADIUS)
                });
            match hit {
                Some(p) => {
                    found += 1;
                    nodes[j * n + i] = p;
                    offsets[j * n + i] = Some((p.x - predicted.x, p.y - predicted.y));
                }
                None => {
                    // Past half the patterns missed, the answer is `None`
                    // whatever the rest show.
                    missed += 1;
                    if 2 * missed > n * n - 3 {
                        return None;
                    }
                    nodes[j * n + i] = guess;
                    offsets[j * n + i] = Some((ox, oy));
                }
            }
        }
    }
    (2 * found >= n * n - 3).then_some(nodes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::{EcLevel, QrCode, Version};

    const M: f32 = 4.0;
    const QUIET: f32 = 4.0;

    /// A version-`v` code whose module grid is bent: module coordinate
    /// `u` lands at `u + bend * sin(pi * u / dim)` modules (both axes), so
    /// the middle is `bend` modules away from where a transform through
    /// the corners puts it.
    fn bent(v: i16, bend: f32) -> (Bits, Vec<bool>, usize) {
        let code = QrCode::with_version(
            b"local grid test".as_slice(),
            Version::Normal(v),
            EcLevel::M,
        )
        .unwrap();
        let dim = code.width();
        let truth: Vec<bool> = code
            .to_colors()
            .iter()
            .map(|c| *c == qrcode::Color::Dark)
            .collect();
        let side = ((dim as f32 + 2.0 * QUIET) * M) as usize;
        let d = dim as f32;
        // Pixel -> module coordinate on one axis (fixed-point inverse).
        let inv = |p: f32| {
            let t = p / M - QUIET;
            let mut u = t;
            for _ in 0..30 {
                u = t - bend * (std::f32::consts::PI * u / d).sin();
            }
            u
        };
        let mut cells = vec![0u8; side * side];
        for y in 0..side {
            let v = inv(y as f32 + 0.5);
            for x in 0..side {
                let u = inv(x as f32 + 0.5);
                if u >= 0.0 && v >= 0.0 && u < d && v < d {
                    cells[y * side + x] = u8::from(truth[v as usize * dim + u as usize]);
                }
            }
        }
        let bits = Bits {
            width: side,
            height: side,
            cells,
            invert: false,
        };
        (bits, truth, dim)
    }

    /// Where module coordinate `(u, v)` lands in the bent image.
    fn forward(u: f32, v: f32, d: f32, bend: f32) -> Point {
        let f = |t: f32| (t + bend * (std::f32::consts::PI * t / d).sin() + QUIET) * M;
        Point::new(f(u), f(v))
    }

    fn global(d: f32, bend: f32) -> Homography {
        let grid = [
            Point::new(3.5, 3.5),
            Point::new(d - 3.5, 3.5),
            Point::new(d - 6.5, d - 6.5),
            Point::new(3.5, d - 3.5),
        ];
        Homography::quad_to_quad(grid, grid.map(|p| forward(p.x, p.y, d, bend)))
    }

    fn errors(a: &[bool], b: &[bool]) -> usize {
        a.iter().zip(b).filter(|(x, y)| x != y).count()
    }

    #[test]
    fn bent_grid_is_recovered_where_one_transform_fails() {
        // The middle of the code 1.5 modules off a transform through its
        // corners.
        let (bits, truth, dim) = bent(15, 1.5);
        let h = global(dim as f32, 1.5);
        let one = crate::locate::sample(&bits, &h, dim).unwrap();
        assert!(
            errors(&one, &truth) > dim * dim / 10,
            "the bend should defeat one homography"
        );
        assert!(crate::locate::decode_cells(&one, dim).is_none());
        let piecewise = sample(&bits, &h, dim, M).unwrap();
        assert_eq!(errors(&piecewise, &truth), 0);
        assert_eq!(
            crate::locate::decode_cells(&piecewise, dim)
                .unwrap()
                .as_str(),
            "local grid test"
        );
    }

    #[test]
    fn small_versions_and_blank_images_are_declined() {
        let (bits, _, dim) = bent(5, 0.0);
        assert!(sample(&bits, &global(dim as f32, 0.0), dim, M).is_none());
        let blank = Bits {
            width: 400,
            height: 400,
            cells: vec![0; 400 * 400],
            invert: false,
        };
        assert!(sample(&blank, &global(57.0, 0.0), 57, M).is_none());
    }
}
