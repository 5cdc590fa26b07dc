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
    /// Width of one module: the mean of the horizontal and vertical
    /// measures (a tilt foreshortens one of them; the horizontal one alone
    /// made a tilted code's near and far finders differ by more than the
    /// 2× that the triple search accepts).
    pub(crate) module: f32,
    /// How many scan rows confirmed it.
    pub(crate) count: u32,
}

/// Upper bound on kept candidates: a noisy frame can produce many
/// one-row hits, and later stages are quadratic/cubic in this number.
const MAX_CANDIDATES: usize = 192;

/// Candidates of both polarities from one scan: `[0]` dark-on-light
/// (as `bits` reads), `[1]` light-on-dark (inverted codes).
pub(crate) struct Candidates {
    pub(crate) by_polarity: [Vec<FinderPattern>; 2],
}

/// Scans `bits` every `skip` rows and returns the merged candidates,
/// best-confirmed first; light-on-dark ones too if `inverted`. One scan
/// serves both polarities: each row is cut into runs once, and a
/// 1:1:3:1:1 window starting on a light run is an inverted pattern.
pub(crate) fn find(bits: &Bits, skip: usize, inverted: bool) -> Candidates {
    find_copy::<0>(bits, skip, inverted)
}

/// [`find`] for a second caller (`second_look.rs`). The scan is generic
/// over `COPY` only so that each caller gets its own copy of it: with
/// two callers of one function, the compiler stopped inlining the scan
/// into the first pass, which cost 2–5 % of every frame's instructions.
pub(crate) fn find_again(bits: &Bits, skip: usize, inverted: bool) -> Candidates {
    find_copy::<1>(bits, skip, inverted)
}

/// [`find`] for a third caller (`third_look.rs`), as [`find_again`].
pub(crate) fn find_third(bits: &Bits, skip: usize, inverted: bool) -> Candidates {
    find_copy::<2>(bits, skip, inverted)
}

/// [`find`] for a fourth caller (`rescan.rs`), as [`find_again`].
pub(crate) fn find_local(bits: &Bits, skip: usize, inverted: bool) -> Candidates {
    find_copy::<3>(bits, skip, inverted)
}

fn find_copy<const COPY: u8>(bits: &Bits, skip: usize, inverted: bool) -> Candidates {
    let mut found = [Vec::new(), Vec::new()];
    let skip = skip.max(1);
    let mut bounds = Vec::with_capacity(bits.width + 1);
    let mut y = skip - 1;
    while y < bits.height {
        scan_row::<COPY>(bits, y, inverted, &mut bounds, &mut found);
        y += skip;
    }
    for f in &mut found {
        f.sort_by_key(|f| core::cmp::Reverse(f.count));
    }
    Candidates { by_polarity: found }
}

fn scan_row<const COPY: u8>(
    bits: &Bits,
    y: usize,
    inverted: bool,
    bounds: &mut Vec<usize>,
    found: &mut [Vec<FinderPattern>; 2],
) {
    let Some(row) = bits.cells.get(y * bits.width..(y + 1) * bits.width) else {
        return;
    };
    if row.is_empty() {
        return;
    }
    // The buffer keeps its length from row to row (every entry read
    // below is written first): clearing it was a row-sized `memset` per
    // scanned row.
    if bounds.len() < row.len() + 1 {
        bounds.resize(row.len() + 1, 0);
    }
    let n = run_starts(row, bounds);
    let bounds = &bounds[..=n];
    // Polarity of run 0: false if it is dark as `bits` reads.
    let first_dark = bits.dark(0, y);
    // The window of five runs slides one run at a time; `c` holds the
    // lengths of runs `start..start + 5` (a window test per run: 100,000
    // on a noisy 640×480 frame).
    let (Some(head), Some(rest)) = (bounds.first_chunk::<5>(), bounds.get(5..)) else {
        return;
    };
    let mut c = [
        0,
        head[1] - head[0],
        head[2] - head[1],
        head[3] - head[2],
        head[4] - head[3],
    ];
    let mut end = head[4];
    for (start, &next) in rest.iter().enumerate() {
        c = [c[1], c[2], c[3], c[4], next - end];
        end = next;
        // Run `start` is dark (as read) when it has the parity of run 0
        // and run 0 is dark, or the other parity and run 0 is light.
        let start_dark = (start % 2 == 0) == first_dark;
        // Both window tests need the centre run strictly longest (per
        // run: the 1-runs are under 1.5 modules, the centre over; edge to
        // edge: the centre beats each outer run by more than a module,
        // and its neighbours as required). Most windows end here, on one
        // comparison with the longest of the other four (found without
        // branches): on a noisy frame run lengths are random, and a
        // branch per comparison was mispredicted about once a window.
        let others = c[0].max(c[1]).max(c[3]).max(c[4]);
        if c[2] > others && (start_dark || inverted) && cross_ratio_ok(&c) {
            let polarity = usize::from(!start_dark);
            handle_candidate::<COPY>(bits, !start_dark, &c, end, y, &mut found[polarity]);
        }
    }
}

/// Writes where the runs of `row` start (`bounds[0] = 0`, then every `x`
/// whose cell differs from the one before) and the row's end after them;
/// returns the number of runs. `bounds` holds at least `row.len() + 1`.
///
/// Eight cells at a time: cells are 0 or 1, so the XOR of a word with the
/// same word one cell on has a 1 in byte `k` exactly where a run starts
/// at `x + k + 1`. A word without a change (most of a frame) costs a few
/// instructions for eight cells; a word with changes is written without
/// a branch per cell (on a noisy frame the colour changes every pixel or
/// two, and a mispredicted branch per change cost more than the rest of
/// the scan).
#[inline(always)]
fn run_starts(row: &[u8], bounds: &mut [usize]) -> usize {
    bounds[0] = 0;
    let mut n = 1;
    let mut x = 0;
    while let (Some(here), Some(next)) = (
        row.get(x..).and_then(<[u8]>::first_chunk::<8>),
        row.get(x + 1..).and_then(<[u8]>::first_chunk::<8>),
    ) {
        let changes = u64::from_le_bytes(*here) ^ u64::from_le_bytes(*next);
        if changes != 0 {
            for k in 0..8 {
                bounds[n] = x + k + 1;
                n += ((changes >> (8 * k)) & 1) as usize;
            }
        }
        x += 8;
    }
    for (k, pair) in row.get(x..).unwrap_or_default().windows(2).enumerate() {
        bounds[n] = x + k + 1;
        n += usize::from(pair[0] != pair[1]);
    }
    bounds[n] = row.len();
    n
}

/// 1:1:3:1:1 within half a module per 1-run: [`ratio_ok`] with
/// tolerance 2, its per-run test in integers. This runs on every window
/// of five runs (100,000 on a noisy 640×480 frame), so it first rejects
/// windows whose centre run is not longer than both its neighbours, which
/// neither test accepts (per run: the 1-runs are under 1.5 modules and
/// the centre over; edge to edge: required).
#[inline(always)]
fn cross_ratio_ok(c: &[usize; 5]) -> bool {
    if c[2] <= c[1] || c[2] <= c[3] || c.contains(&0) {
        return false;
    }
    run_ratio_ok_2(c) || edge_to_edge_ok(c)
}

/// [`run_ratio_ok`] at tolerance 2 in exact integer arithmetic:
/// `|module - c| < module / 2` with `module = total / 7` is
/// `2 |total - 7c| < total`, and `3 total` for the centre. The float
/// form agrees: the two sides are multiples of 1/14 that are either
/// equal (then `total` is a multiple of 7 and the floats are exact) or
/// 1/14 apart, far beyond rounding.
fn run_ratio_ok_2(c: &[usize; 5]) -> bool {
    let total: usize = c.iter().sum();
    if total < 7 {
        return false;
    }
    let off = |k: usize, ci: usize| (k * total).abs_diff(7 * ci);
    2 * off(1, c[0]) < total
        && 2 * off(1, c[1]) < total
        && 2 * off(3, c[2]) < 3 * total
        && 2 * off(1, c[3]) < total
        && 2 * off(1, c[4]) < total
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

fn handle_candidate<const COPY: u8>(
    bits: &Bits,
    inv: bool,
    c: &[usize; 5],
    end_x: usize,
    y: usize,
    found: &mut Vec<FinderPattern>,
) {
    let total: usize = c.iter().sum();
    let cx = center_from_end(c, end_x);
    let Some((cy, vertical)) = cross_check(bits, inv, cx as usize, y, c[2], total, Axis::Vertical)
    else {
        return;
    };
    // The centre again horizontally, through the refined centre row; if
    // that row fails (a notch or a light speck in the middle of the
    // centre: BoofCV's `pathological` photos), a module above it and a
    // module below it. Only for modules of 4 px or more: at 2 px the
    // retry also rescued patterns of data modules in faint and noisy
    // frames, whose extra triples doubled their decode work (a 640×480
    // low-contrast frame 11.6 -> 24 M instructions).
    let across = |row: f32| {
        cross_check(
            bits,
            inv,
            cx as usize,
            row as usize,
            c[2],
            total,
            Axis::Horizontal,
        )
    };
    let step = total as f32 / 7.0;
    let retry = total >= 4 * 7;
    let Some((cx, _)) = across(cy)
        .or_else(|| retry.then(|| across(cy - step)).flatten())
        .or_else(|| retry.then(|| across(cy + step)).flatten())
    else {
        return;
    };
    if !cross_check_diagonal::<COPY>(bits, inv, cx as usize, cy as usize) {
        return;
    }
    let module = (total + vertical) as f32 / 14.0;
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
/// returns the refined centre coordinate on that axis and the pattern's
/// length along it.
fn cross_check(
    bits: &Bits,
    inv: bool,
    x: usize,
    y: usize,
    max_count: usize,
    original_total: usize,
    axis: Axis,
) -> Option<(f32, usize)> {
    if x >= bits.width || y >= bits.height {
        // Every cell of the line reads light: no pattern.
        return None;
    }
    // The line through (x, y) along `axis`: cell `p` of it is
    // `cells[first + p * step]`, and every `p` read below is in
    // `0..len` (so inside the image).
    let (pos, len, first, step) = match axis {
        Axis::Vertical => (y, bits.height, x, bits.width),
        Axis::Horizontal => (x, bits.width, y * bits.width, 1),
    };
    let flip = inv != bits.invert;
    let cells = bits.cells.as_slice();
    let dark = |p: usize| {
        cells
            .get(first + p * step)
            .is_some_and(|&c| (c != 0) != flip)
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
    // A tilted code is foreshortened along one axis: the pattern may be
    // up to 2.5 times as long one way as the other (an affine view keeps
    // the 1:1:3:1:1 ratios along any line, which `ratio_ok` checks).
    let total: usize = c.iter().sum();
    if 2 * total > 5 * original_total || 5 * total < 2 * original_total {
        return None;
    }
    ratio_ok(&c, 2.0).then(|| (center_from_end(&c, j), total))
}

/// The same pattern along the down-right diagonal, with a looser ratio.
fn cross_check_diagonal<const COPY: u8>(bits: &Bits, inv: bool, x: usize, y: usize) -> bool {
    let (x, y) = (x as isize, y as isize);
    // Outside the image counts as light whatever the polarity.
    let dark = |x: isize, y: isize| {
        x >= 0
            && y >= 0
            && (x as usize) < bits.width
            && (y as usize) < bits.height
            && bits.dark_i(x, y) != inv
    };
    let mut c = [0usize; 5];
    let mut i = 0isize;
    while dark(x - i, y - i) {
        c[2] += 1;
        i += 1;
    }
    if c[2] == 0 {
        return false;
    }
    while x - i >= 0 && y - i >= 0 && !dark(x - i, y - i) {
        c[1] += 1;
        i += 1;
    }
    if c[1] == 0 {
        return false;
    }
    while dark(x - i, y - i) {
        c[0] += 1;
        i += 1;
    }
    if c[0] == 0 {
        return false;
    }
    let mut i = 1isize;
    while dark(x + i, y + i) {
        c[2] += 1;
        i += 1;
    }
    let (w, h) = (bits.width as isize, bits.height as isize);
    while x + i < w && y + i < h && !dark(x + i, y + i) {
        c[3] += 1;
        i += 1;
    }
    if c[3] == 0 {
        return false;
    }
    while dark(x + i, y + i) {
        c[4] += 1;
        i += 1;
    }
    if c[4] == 0 {
        return false;
    }
    ratio_ok(&c, 1.333)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A finder pattern whose centre has a light notch across its middle
    /// row (BoofCV's `pathological` photos): the horizontal re-check
    /// through the centre row fails, the rows a module above and below
    /// it pass.
    #[test]
    fn a_notch_in_the_centre_row_is_still_a_finder_pattern() {
        const M: usize = 6;
        let (w, h) = (14 * M, 14 * M);
        let mut cells = vec![0u8; w * h];
        let (x0, y0) = (3 * M, 3 * M);
        for my in 0..7 {
            for mx in 0..7 {
                let ring = mx == 0 || mx == 6 || my == 0 || my == 6;
                let centre = (2..=4).contains(&mx) && (2..=4).contains(&my);
                // The notch: the centre's left module on its middle row.
                let notch = mx == 2 && my == 3;
                if (ring || centre) && !notch {
                    for y in 0..M {
                        for x in 0..M {
                            cells[(y0 + my * M + y) * w + x0 + mx * M + x] = 1;
                        }
                    }
                }
            }
        }
        let bits = Bits {
            width: w,
            height: h,
            cells,
            invert: false,
        };
        let found = find(&bits, 1, false).by_polarity[0].clone();
        let centre = (x0 + 7 * M / 2) as f32;
        assert!(
            found
                .iter()
                .any(|f| (f.x - centre).abs() < 2.0 && (f.y - centre).abs() < 2.0 && f.count >= 3),
            "{found:?}"
        );
    }

    /// The word-at-a-time run starts are the cell-by-cell ones, on rows
    /// of every length up to 40 and every density of changes.
    #[test]
    fn run_starts_match_the_cell_by_cell_scan() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for len in 1..=40usize {
            for density in [0u64, 1, 4, 16, 32, 64] {
                let row: Vec<u8> = (0..len)
                    .map(|_| {
                        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                        u8::from((seed >> 33) % 64 < density)
                    })
                    .collect();
                let mut expected = vec![0];
                expected.extend((1..len).filter(|&x| row[x] != row[x - 1]));
                expected.push(len);
                let mut bounds = vec![usize::MAX; len + 1];
                let n = run_starts(&row, &mut bounds);
                assert_eq!(bounds[..=n], expected[..], "{row:?}");
            }
        }
    }

    /// The fast window test accepts exactly what the float test does.
    #[test]
    fn fast_window_test_matches_the_float_one() {
        let mut accepted = 0;
        let mut c = [1usize; 5];
        loop {
            assert_eq!(cross_ratio_ok(&c), ratio_ok(&c, 2.0), "{c:?}");
            assert_eq!(run_ratio_ok_2(&c), run_ratio_ok(&c, 2.0), "{c:?}");
            accepted += usize::from(cross_ratio_ok(&c));
            // Next window, runs 1..=16 pixels each.
            let mut k = 0;
            while k < 5 && c[k] == 16 {
                c[k] = 1;
                k += 1;
            }
            if k == 5 {
                break;
            }
            c[k] += 1;
        }
        assert!(accepted > 1000, "{accepted}");
    }
}
