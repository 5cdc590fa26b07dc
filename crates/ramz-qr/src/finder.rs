//! Finder-pattern search: the three 7×7 "eyes" of a QR code.
//!
//! A row scan looks for dark-light-dark-light-dark runs in the ratio
//! 1:1:3:1:1 and confirms each hit by the same ratio vertically,
//! horizontally again through the refined centre, and diagonally (ZXing's
//! `FinderPatternFinder`). Hits close to each other are merged; a pattern
//! seen on several rows gets a higher count, which ranks it above noise.

use crate::gray::Bits;

/// A confirmed finder pattern centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FinderPattern {
    pub(crate) x: f32,
    pub(crate) y: f32,
    /// Width of one module, from the horizontal run.
    pub(crate) module: f32,
    /// How many scan rows confirmed it.
    pub(crate) count: u32,
}

/// Upper bound on kept candidates: a noisy frame can produce many
/// one-row hits, and later stages are quadratic/cubic in this number.
const MAX_CANDIDATES: usize = 64;

/// Scans `bits` every `skip` rows and returns the merged candidates,
/// best-confirmed first.
pub(crate) fn find(bits: &Bits, skip: usize) -> Vec<FinderPattern> {
    let mut found: Vec<FinderPattern> = Vec::new();
    let skip = skip.max(1);
    let mut y = skip - 1;
    while y < bits.height {
        scan_row(bits, y, &mut found);
        y += skip;
    }
    found.sort_by_key(|f| core::cmp::Reverse(f.count));
    found
}

fn scan_row(bits: &Bits, y: usize, found: &mut Vec<FinderPattern>) {
    let row = &bits.cells[y * bits.width..(y + 1) * bits.width];
    let mut counts = [0usize; 5];
    let mut state = 0usize;
    for (x, &cell) in row.iter().enumerate() {
        if cell != 0 {
            if state & 1 == 1 {
                state += 1;
            }
            counts[state] += 1;
        } else if state & 1 == 0 {
            if state == 4 {
                if cross_ratio_ok(&counts) {
                    handle_candidate(bits, &counts, x, y, found);
                }
                counts = [counts[2], counts[3], counts[4], 1, 0];
                state = 3;
            } else {
                state += 1;
                counts[state] += 1;
            }
        } else {
            counts[state] += 1;
        }
    }
    if state == 4 && cross_ratio_ok(&counts) {
        handle_candidate(bits, &counts, bits.width, y, found);
    }
}

/// 1:1:3:1:1 within half a module per 1-run.
fn cross_ratio_ok(c: &[usize; 5]) -> bool {
    ratio_ok(c, 2.0)
}

fn ratio_ok(c: &[usize; 5], tolerance: f32) -> bool {
    if c.contains(&0) {
        return false;
    }
    run_ratio_ok(c, tolerance) || edge_to_edge_ok(c)
}

/// The same pattern measured edge to edge (zxing-cpp's "E2E"): sums of
/// neighbouring runs, 2:4:4:2 modules, do not change when the threshold
/// makes every dark run wider (blur, dim light), which squeezes the thin
/// light ring below the per-run tolerance.
fn edge_to_edge_ok(c: &[usize; 5]) -> bool {
    let e = [c[0] + c[1], c[1] + c[2], c[2] + c[3], c[3] + c[4]];
    let sum: usize = e.iter().sum();
    if sum < 12 {
        return false;
    }
    let module = sum as f32 / 12.0;
    let tol = module * 0.5;
    (e[0] as f32 - 2.0 * module).abs() < tol
        && (e[1] as f32 - 4.0 * module).abs() < tol
        && (e[2] as f32 - 4.0 * module).abs() < tol
        && (e[3] as f32 - 2.0 * module).abs() < tol
        // The centre still has to be the widest run.
        && c[2] > c[1]
        && c[2] > c[3]
}

fn run_ratio_ok(c: &[usize; 5], tolerance: f32) -> bool {
    let total: usize = c.iter().sum();
    if total < 7 {
        return false;
    }
    let module = total as f32 / 7.0;
    let max_var = module / tolerance;
    (module - c[0] as f32).abs() < max_var
        && (module - c[1] as f32).abs() < max_var
        && (3.0 * module - c[2] as f32).abs() < 3.0 * max_var
        && (module - c[3] as f32).abs() < max_var
        && (module - c[4] as f32).abs() < max_var
}

fn center_from_end(c: &[usize; 5], end: usize) -> f32 {
    (end - c[4] - c[3]) as f32 - c[2] as f32 / 2.0
}

fn handle_candidate(
    bits: &Bits,
    c: &[usize; 5],
    end_x: usize,
    y: usize,
    found: &mut Vec<FinderPattern>,
) {
    let total: usize = c.iter().sum();
    let cx = center_from_end(c, end_x);
    let Some(cy) = cross_check(bits, cx as usize, y, c[2], total, Axis::Vertical) else {
        return;
    };
    let Some(cx) = cross_check(
        bits,
        cx as usize,
        cy as usize,
        c[2],
        total,
        Axis::Horizontal,
    ) else {
        return;
    };
    if !cross_check_diagonal(bits, cx as usize, cy as usize) {
        return;
    }
    let module = total as f32 / 7.0;
    for f in found.iter_mut() {
        if (f.x - cx).abs() <= module && (f.y - cy).abs() <= module {
            let d = (module - f.module).abs();
            if d <= 1.0 || d <= f.module {
                let n = f.count as f32;
                f.x = (f.x * n + cx) / (n + 1.0);
                f.y = (f.y * n + cy) / (n + 1.0);
                f.module = (f.module * n + module) / (n + 1.0);
                f.count += 1;
                return;
            }
        }
    }
    if found.len() < MAX_CANDIDATES {
        found.push(FinderPattern {
            x: cx,
            y: cy,
            module,
            count: 1,
        });
    }
}

#[derive(Clone, Copy)]
enum Axis {
    Vertical,
    Horizontal,
}

/// Re-measures the 1:1:3:1:1 runs through `(x, y)` along `axis` and
/// returns the refined centre coordinate on that axis.
fn cross_check(
    bits: &Bits,
    x: usize,
    y: usize,
    max_count: usize,
    original_total: usize,
    axis: Axis,
) -> Option<f32> {
    let (pos, len) = match axis {
        Axis::Vertical => (y, bits.height),
        Axis::Horizontal => (x, bits.width),
    };
    let dark = |p: usize| match axis {
        Axis::Vertical => bits.dark(x, p),
        Axis::Horizontal => bits.dark(p, y),
    };
    let mut c = [0usize; 5];
    // Upwards / leftwards from the centre.
    let mut i = pos as isize;
    while i >= 0 && dark(i as usize) {
        c[2] += 1;
        i -= 1;
    }
    if i < 0 {
        return None;
    }
    while i >= 0 && !dark(i as usize) && c[1] <= max_count {
        c[1] += 1;
        i -= 1;
    }
    if i < 0 || c[1] > max_count {
        return None;
    }
    while i >= 0 && dark(i as usize) && c[0] <= max_count {
        c[0] += 1;
        i -= 1;
    }
    if c[0] > max_count {
        return None;
    }
    // Downwards / rightwards.
    let mut j = pos + 1;
    while j < len && dark(j) {
        c[2] += 1;
        j += 1;
    }
    if j == len {
        return None;
    }
    while j < len && !dark(j) && c[3] < max_count {
        c[3] += 1;
        j += 1;
    }
    if j == len || c[3] >= max_count {
        return None;
    }
    while j < len && dark(j) && c[4] < max_count {
        c[4] += 1;
        j += 1;
    }
    if c[4] >= max_count {
        return None;
    }
    let total: usize = c.iter().sum();
    if 5 * total.abs_diff(original_total) >= 2 * original_total {
        return None;
    }
    ratio_ok(&c, 2.0).then(|| center_from_end(&c, j))
}

/// The same pattern along the down-right diagonal, with a looser ratio.
fn cross_check_diagonal(bits: &Bits, x: usize, y: usize) -> bool {
    let (x, y) = (x as isize, y as isize);
    let mut c = [0usize; 5];
    let mut i = 0isize;
    while bits.dark_i(x - i, y - i) {
        c[2] += 1;
        i += 1;
    }
    if c[2] == 0 {
        return false;
    }
    while x - i >= 0 && y - i >= 0 && !bits.dark_i(x - i, y - i) {
        c[1] += 1;
        i += 1;
    }
    if c[1] == 0 {
        return false;
    }
    while bits.dark_i(x - i, y - i) {
        c[0] += 1;
        i += 1;
    }
    if c[0] == 0 {
        return false;
    }
    let mut i = 1isize;
    while bits.dark_i(x + i, y + i) {
        c[2] += 1;
        i += 1;
    }
    let (w, h) = (bits.width as isize, bits.height as isize);
    while x + i < w && y + i < h && !bits.dark_i(x + i, y + i) {
        c[3] += 1;
        i += 1;
    }
    if c[3] == 0 {
        return false;
    }
    while bits.dark_i(x + i, y + i) {
        c[4] += 1;
        i += 1;
    }
    if c[4] == 0 {
        return false;
    }
    ratio_ok(&c, 1.333)
}
