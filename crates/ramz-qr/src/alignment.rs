//! Alignment-pattern search near where the finder patterns predict it.
//!
//! A version 2+ code has a 5×5 alignment pattern three modules in from the
//! bottom-right corner; finding it corrects for perspective, which three
//! finder patterns alone cannot. The search is bounded: a window of a few
//! modules around the prediction, scanned once (rqrr spirals outward with
//! no bound tied to the image, which is where it can spin).

use crate::gray::Bits;
use crate::transform::Point;

/// Looks for a dark module surrounded by a light ring, about `module`
/// pixels wide, within `radius_modules` of `estimate`.
pub(crate) fn find(
    bits: &Bits,
    estimate: Point,
    module: f32,
    radius_modules: f32,
) -> Option<Point> {
    let radius = (radius_modules * module).max(4.0);
    let x0 = (estimate.x - radius).max(0.0) as usize;
    let x1 = ((estimate.x + radius) as usize).min(bits.width.saturating_sub(1));
    let y0 = (estimate.y - radius).max(0.0) as usize;
    let y1 = ((estimate.y + radius) as usize).min(bits.height.saturating_sub(1));
    if x1 <= x0 + 3 || y1 <= y0 + 3 {
        return None;
    }
    let mut best: Option<(f32, Point)> = None;
    let cy_mid = (y0 + y1) / 2;
    // Scan rows from the middle outwards, as ZXing does: the estimate is
    // usually close.
    for i in 0..=(y1 - y0) {
        let offset = i.div_ceil(2);
        let y = if i % 2 == 0 {
            cy_mid + offset
        } else {
            cy_mid.wrapping_sub(offset)
        };
        if y < y0 || y > y1 {
            continue;
        }
        // The window's part of row `y` (inside the image: x1 < width,
        // y <= y1 < height), read directly rather than through
        // `Bits::dark`'s bounds checks.
        let Some(row) = bits.cells.get(y * bits.width + x0..=y * bits.width + x1) else {
            continue;
        };
        let dark_at = |x: usize| (row[x - x0] != 0) != bits.invert;
        let mut x = x0;
        // Skip a leading dark run: the pattern starts on a light cell.
        while x <= x1 && dark_at(x) {
            x += 1;
        }
        let mut runs = [0usize; 3];
        let mut state = 0usize; // 0 light, 1 dark, 2 light
        while x <= x1 {
            let dark = dark_at(x);
            match (state, dark) {
                (0, false) | (1, true) | (2, false) => runs[state] += 1,
                (0, true) | (1, false) => {
                    state += 1;
                    runs[state] += 1;
                }
                _ => {
                    if let Some(p) = confirm(bits, &runs, x, y, module) {
                        let d = p.distance(estimate);
                        if best.is_none_or(|(bd, _)| d < bd) {
                            best = Some((d, p));
                        }
                    }
                    runs = [runs[2], 1, 0];
                    state = 1;
                }
            }
            x += 1;
        }
        if best.is_some_and(|(d, _)| d < 2.0 * module) {
            break;
        }
    }
    best.map(|(_, p)| p)
}

/// Of the 24 cells of an alignment pattern's rings that
/// [`find_by_template`] checks (dark outer ring 16, light inner ring 8;
/// the 1-module centre is left out, blur greys it first), how many must
/// read as expected.
const MIN_RING_MATCHES: u32 = 23;
const RING_CELLS: u32 = 24;

/// Looks for an alignment pattern by its rings, sampled through the local
/// module axes `ux`, `uy` at half-module steps within `radius_modules`
/// of `estimate`: blur that greys the centre module away leaves the
/// rings, which [`find`]'s run test needs whole. Best match, if good
/// enough; ties keep the point nearest the estimate.
#[inline(never)]
pub(crate) fn find_by_template(
    bits: &Bits,
    estimate: Point,
    ux: Point,
    uy: Point,
    radius_modules: f32,
) -> Option<Point> {
    let steps = (2.0 * radius_modules) as i32;
    let mut best: Option<(u32, i32, Point)> = None;
    for b in -steps..=steps {
        for a in -steps..=steps {
            let (fa, fb) = (a as f32 * 0.5, b as f32 * 0.5);
            let c = Point::new(
                estimate.x + fa * ux.x + fb * uy.x,
                estimate.y + fa * ux.y + fb * uy.y,
            );
            // Stops at the second miss: only near-perfect matches count,
            // and most window points miss at once (same answer, a
            // fraction of the reads).
            let mut misses = 0u32;
            'cells: for dy in -2i32..=2 {
                for dx in -2i32..=2 {
                    let ring = dx.abs().max(dy.abs());
                    if ring == 0 {
                        continue;
                    }
                    let x = c.x + dx as f32 * ux.x + dy as f32 * uy.x;
                    let y = c.y + dx as f32 * ux.y + dy as f32 * uy.y;
                    misses += u32::from(bits.dark_at(x, y) != (ring == 2));
                    if misses > RING_CELLS - MIN_RING_MATCHES {
                        break 'cells;
                    }
                }
            }
            if misses > RING_CELLS - MIN_RING_MATCHES {
                continue;
            }
            let hits = RING_CELLS - misses;
            let far = a * a + b * b;
            if best.is_none_or(|(h, f, _)| hits > h || (hits == h && far < f)) {
                best = Some((hits, far, c));
            }
        }
    }
    best.map(|(_, _, p)| p)
}

fn runs_ok(runs: &[usize; 3], module: f32) -> bool {
    let max_var = module / 2.0;
    runs.iter()
        .all(|&r| (module - r as f32).abs() < max_var.max(1.0) + 0.5)
}

fn confirm(bits: &Bits, runs: &[usize; 3], end_x: usize, y: usize, module: f32) -> Option<Point> {
    if !runs_ok(runs, module) {
        return None;
    }
    let cx = (end_x - runs[2]) as f32 - runs[1] as f32 / 2.0;
    let x = cx as usize;
    // Vertical runs through the centre.
    let limit = (2.0 * module).ceil() as usize + 1;
    let mut up = 0usize;
    while up <= limit && y >= up && bits.dark(x, y - up) {
        up += 1;
    }
    let mut down = 1usize;
    while down <= limit && bits.dark(x, y + down) {
        down += 1;
    }
    let dark_run = up + down - 1;
    if (dark_run as f32 - module).abs() >= module / 2.0 + 1.0 {
        return None;
    }
    let top = y.checked_sub(up)?;
    let mut light_up = 0usize;
    while light_up <= limit && top >= light_up && !bits.dark(x, top - light_up) {
        light_up += 1;
    }
    let bottom = y + down;
    let mut light_down = 0usize;
    while light_down <= limit
        && !bits.dark(x, bottom + light_down)
        && bottom + light_down < bits.height
    {
        light_down += 1;
    }
    let near = |r: usize| (r as f32 - module).abs() < module / 2.0 + 1.0;
    if !near(light_up) || !near(light_down) {
        return None;
    }
    let cy = top as f32 + 1.0 + dark_run as f32 / 2.0 - 0.5;
    Some(Point::new(cx, cy + 0.5))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An alignment pattern of 6 px modules centred at (60, 60) on a light
    /// field, its centre module drawn light (blur greys it away), with
    /// the module axes tilted by `(0.3, 0.1)` per module of the other.
    fn greyed_centre() -> (Bits, Point, Point) {
        let side = 120usize;
        let ux = Point::new(6.0, 0.6);
        let uy = Point::new(-0.6, 6.0);
        let mut cells = vec![0u8; side * side];
        for y in 0..side {
            for x in 0..side {
                // Module coordinates (inverse of the axes about the centre).
                let (px, py) = (x as f32 + 0.5 - 60.0, y as f32 + 0.5 - 60.0);
                let det = ux.x * uy.y - ux.y * uy.x;
                let u = (px * uy.y - py * uy.x) / det;
                let v = (py * ux.x - px * ux.y) / det;
                let ring = u.abs().max(v.abs());
                cells[y * side + x] = u8::from((1.5..2.5).contains(&ring));
            }
        }
        let bits = Bits {
            width: side,
            height: side,
            cells,
            invert: false,
        };
        (bits, ux, uy)
    }

    #[test]
    fn rings_find_a_pattern_whose_centre_is_grey() {
        let (bits, ux, uy) = greyed_centre();
        let estimate = Point::new(67.0, 55.0);
        assert!(find(&bits, estimate, 6.0, 3.0).is_none());
        let p = find_by_template(&bits, estimate, ux, uy, 2.0).expect("found by its rings");
        assert!(p.distance(Point::new(60.0, 60.0)) < 3.0, "{p:?}");
        // Nothing on a blank field.
        let blank = Bits {
            width: 120,
            height: 120,
            cells: vec![0; 120 * 120],
            invert: false,
        };
        assert!(find_by_template(&blank, estimate, ux, uy, 2.0).is_none());
    }
}
