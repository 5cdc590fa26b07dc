//! From finder patterns to decoded text: group three patterns into a
//! code, estimate its size, find the alignment pattern, sample the module
//! grid through a homography and decode the grid (format info,
//! unmasking, Reed–Solomon, segments: `codewords.rs`, `segments.rs`).

use zeroize::Zeroizing;

use crate::budget::Budget;
use crate::dimension::{self, Axes};
use crate::finder::FinderPattern;
use crate::gray::Bits;
use crate::perspective::Perspective;
use crate::stage_timing::{Stage, timed};
use crate::transform::{Homography, Point};
use crate::{alignment, codewords, corner_search, finder_edges, local_grid, segments};

/// A code read from one image: its text and its corners in that image's
/// pixels (top-left, top-right, bottom-right, bottom-left).
pub(crate) struct Found {
    pub(crate) text: Zeroizing<String>,
    pub(crate) corners: [Point; 4],
}

/// How many best-confirmed candidates enter the triple search (C(30,3) =
/// 4060 geometric checks at most, cheap; decoding attempts are capped
/// below). Enough for ten codes in one image.
const MAX_TRIPLE_CANDIDATES: usize = 60;
/// More candidates than that (sheets of codes), up to this many, enter a
/// search of each pattern with its nearest neighbours only.
const MAX_SHEET_CANDIDATES: usize = 192;
/// Nearest patterns paired with each one on a sheet.
const NEIGHBOURS: usize = 8;
/// Failed decoding attempts per image, whatever the number of candidate
/// triples: this bounds the work on cluttered frames. Attempts that read
/// a code do not count (each uses up three candidates, so they are
/// bounded by the candidates).
const MAX_ATTEMPTS: usize = 24;
/// Score added per module of the longer leg (see `triple_score`).
const SIZE_WEIGHT: f32 = 0.002;
/// Failed attempts granted again for each code read.
const ATTEMPTS_PER_CODE: usize = 12;
/// Sizes tried per triple.
const MAX_DIMENSIONS: usize = 6;
/// Of which chosen by the timing-pattern score.
const MAX_TIMED_DIMENSIONS: usize = 2;

/// Scan rows that make a finder candidate trustworthy.
const QUORUM: u32 = 2;
/// More candidates than this (six codes' worth) and one-row hits go.
const CROWDED: usize = 18;

/// Decodes every code whose finder patterns are among `candidates`
/// (best-confirmed first, as `finder::find` returns them).
pub(crate) fn decode_all(
    bits: &Bits,
    mut candidates: Vec<FinderPattern>,
    frame: &mut Budget,
) -> Vec<Found> {
    // Noise and texture make one-row hits by the dozen; a real finder
    // pattern is crossed by several scan rows. When hits crowd the list
    // and three or more patterns were confirmed twice, the one-row hits
    // are dropped (ZXing's quorum of two).
    if candidates.len() > CROWDED && candidates.iter().filter(|c| c.count >= QUORUM).count() >= 3 {
        candidates.retain(|c| c.count >= QUORUM);
    }
    candidates.truncate(MAX_SHEET_CANDIDATES);
    let mut out = Vec::new();
    if candidates.len() < 3 {
        return out;
    }
    timed(Stage::Locate, || {
        decode_candidates(bits, candidates, frame, &mut out)
    });
    out
}

/// Corner searches (`corner_search.rs`) per image: each costs about as
/// much as a few full decodes, so only the most plausible triples get one
/// (and only those whose format information read). One per pass: the
/// frame's budget (`budget.rs`) is shared by all passes.
const MAX_CORNER_SEARCHES: usize = 1;
/// Corner searches granted again for each code read (tilted photos of
/// several codes).
const CORNER_SEARCHES_PER_CODE: usize = 2;

fn decode_candidates(
    bits: &Bits,
    candidates: Vec<FinderPattern>,
    frame: &mut Budget,
    out: &mut Vec<Found>,
) {
    let granted = MAX_CORNER_SEARCHES.min(frame.searches);
    let mut searches = granted;
    let mut refunded = 0usize;
    let triples = rank_triples(&candidates);
    let mut used = vec![false; candidates.len()];
    let mut failures = 0usize;
    // Mean module of each code read here.
    let mut read_modules: Vec<f32> = Vec::new();
    // Crowded lists (noise, texture) get half the failed attempts.
    let budget = if candidates.len() > CROWDED {
        MAX_ATTEMPTS / 2
    } else {
        MAX_ATTEMPTS
    };
    for (_, [a, b, c]) in triples {
        if failures >= budget || frame.attempts == 0 {
            break;
        }
        if used[a] || used[b] || used[c] {
            continue;
        }
        // Once a code is read, triples made only of one-row hits are
        // noise or texture (on a sheet the other codes' finders are
        // crossed by several rows too), and so are triples whose module
        // is not within 1.5x of a code read (a sheet's codes are printed
        // at one scale): on noisy frames these were most of the
        // attempts, made after the code had already been read.
        let one_row = |i: usize| candidates[i].count < QUORUM;
        let module = (candidates[a].module + candidates[b].module + candidates[c].module) / 3.0;
        if !read_modules.is_empty()
            && ((one_row(a) && one_row(b) && one_row(c))
                || !read_modules
                    .iter()
                    .any(|&m| module < 1.5 * m && m < 1.5 * module))
        {
            continue;
        }
        failures += 1;
        frame.attempts -= 1;
        if let Some(found) = decode_triple(
            bits,
            [candidates[a], candidates[b], candidates[c]],
            &mut searches,
        ) {
            used[a] = true;
            used[b] = true;
            used[c] = true;
            read_modules.push(module);
            // A read code earns more attempts: on a sheet of codes the
            // triples that mix neighbouring codes' finders look as good as
            // the right ones.
            failures = failures.saturating_sub(1 + ATTEMPTS_PER_CODE);
            frame.attempts += 1 + ATTEMPTS_PER_CODE;
            searches += CORNER_SEARCHES_PER_CODE;
            refunded += CORNER_SEARCHES_PER_CODE;
            out.push(found);
        }
    }
    let spent = (granted + refunded).saturating_sub(searches);
    frame.searches = (frame.searches + refunded).saturating_sub(spent);
}

/// Triples that could be the three corners of one code, most plausible
/// (closest to an isosceles right triangle with equal module sizes) first.
/// Up to `MAX_TRIPLE_CANDIDATES` patterns every triple is scored; more
/// (a sheet of codes) and only triples of a pattern with two of its
/// `NEIGHBOURS` nearest are: a code's three finders are near each other.
fn rank_triples(c: &[FinderPattern]) -> Vec<(f32, [usize; 3])> {
    let mut out = Vec::new();
    if c.len() <= MAX_TRIPLE_CANDIDATES {
        for i in 0..c.len() {
            for j in i + 1..c.len() {
                for k in j + 1..c.len() {
                    if let Some(score) = triple_score(&c[i], &c[j], &c[k]) {
                        out.push((score, [i, j, k]));
                    }
                }
            }
        }
    } else {
        let mut near: Vec<(f32, usize)> = Vec::with_capacity(c.len());
        for (i, a) in c.iter().enumerate() {
            near.clear();
            near.extend(c.iter().enumerate().filter(|&(j, _)| j != i).map(|(j, b)| {
                let (dx, dy) = (a.x - b.x, a.y - b.y);
                (dx * dx + dy * dy, j)
            }));
            let k = NEIGHBOURS.min(near.len());
            if k < 2 {
                continue;
            }
            near.select_nth_unstable_by(k - 1, |p, q| p.0.total_cmp(&q.0));
            for x in 0..k {
                for y in x + 1..k {
                    let mut t = [i, near[x].1, near[y].1];
                    t.sort_unstable();
                    if let Some(score) = triple_score(&c[t[0]], &c[t[1]], &c[t[2]]) {
                        out.push((score, t));
                    }
                }
            }
        }
        out.sort_by_key(|a| a.1);
        out.dedup_by(|a, b| a.1 == b.1);
    }
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    out
}

fn triple_score(a: &FinderPattern, b: &FinderPattern, c: &FinderPattern) -> Option<f32> {
    let mods = [a.module, b.module, c.module];
    let max_m = mods.iter().copied().fold(f32::MIN, f32::max);
    let min_m = mods.iter().copied().fold(f32::MAX, f32::min);
    // Perspective makes the near finder's measured module up to 3 times
    // the far one's (a code whose far edge is 0.4 of its near one: the
    // far finders are foreshortened both ways and their runs blur
    // together); only patterns seen on several rows get that much room.
    let confirmed = a.count.min(b.count).min(c.count) >= QUORUM;
    if max_m > if confirmed { 3.0 } else { 2.0 } * min_m {
        return None;
    }
    let pa = Point::new(a.x, a.y);
    let pb = Point::new(b.x, b.y);
    let pc = Point::new(c.x, c.y);
    let mut d = [pa.distance(pb), pb.distance(pc), pa.distance(pc)];
    d.sort_by(f32::total_cmp);
    let [s1, s2, hyp] = d;
    let module = (a.module + b.module + c.module) / 3.0;
    // Legs span 14 (version 1) to 170 (version 40) modules; allow for
    // rotation inflating the measured module size.
    if s1 < 8.0 * module || s2 > 260.0 * module {
        return None;
    }
    let legs = (s2 - s1) / s2;
    let right = (hyp * hyp - s1 * s1 - s2 * s2).abs() / (s1 * s1 + s2 * s2);
    if legs > 0.5 || right > 0.6 {
        return None;
    }
    let support = 1.0 / (a.count.min(b.count).min(c.count) as f32).min(4.0);
    // Among equally good triangles the smaller one first: on a sheet of
    // codes, triangles made of neighbouring codes' finders are as right-
    // angled as the true ones but larger.
    let size = SIZE_WEIGHT * s2 / module;
    Some(legs + right + (max_m - min_m) / max_m + 0.2 * support + size)
}

/// Orders three patterns as top-left, top-right, bottom-left: the corner
/// opposite the longest side is top-left, and the turn from top-right to
/// bottom-left is clockwise in image coordinates.
fn order(p: [FinderPattern; 3]) -> [FinderPattern; 3] {
    let pt = |f: &FinderPattern| Point::new(f.x, f.y);
    let d01 = pt(&p[0]).distance(pt(&p[1]));
    let d12 = pt(&p[1]).distance(pt(&p[2]));
    let d02 = pt(&p[0]).distance(pt(&p[2]));
    let (tl, mut a, mut b) = if d12 >= d01 && d12 >= d02 {
        (p[0], p[1], p[2])
    } else if d02 >= d01 && d02 >= d12 {
        (p[1], p[0], p[2])
    } else {
        (p[2], p[0], p[1])
    };
    let cross = (a.x - tl.x) * (b.y - tl.y) - (a.y - tl.y) * (b.x - tl.x);
    if cross < 0.0 {
        core::mem::swap(&mut a, &mut b);
    }
    [tl, a, b]
}

/// Module size along the line from `from` towards `to`, from the width of
/// the finder pattern at `from` measured on that line (7 modules).
fn module_along(bits: &Bits, from: Point, to: Point, guess: f32) -> f32 {
    let len = from.distance(to);
    if len < 1.0 {
        return guess;
    }
    let (ux, uy) = ((to.x - from.x) / len, (to.y - from.y) / len);
    let half = |sign: f32| -> Option<f32> {
        // dark centre -> light ring -> dark ring -> light outside.
        let mut state = 0;
        let limit = (guess * 8.0).max(8.0);
        let mut t = 0.0f32;
        while t < limit {
            let x = from.x + sign * ux * t;
            let y = from.y + sign * uy * t;
            let dark = bits.dark_at(x, y);
            match (state, dark) {
                (0, false) | (2, true) => state += 1,
                (1, true) => state += 1,
                (3, true) => {}
                (3, false) => return Some(t),
                _ => {}
            }
            if state == 3 && !dark {
                return Some(t);
            }
            t += 0.5;
        }
        None
    };
    match (half(1.0), half(-1.0)) {
        (Some(a), Some(b)) => {
            let m = (a + b) / 7.0;
            if m > guess * 0.5 && m < guess * 1.6 {
                m
            } else {
                guess
            }
        }
        _ => guess,
    }
}

fn decode_triple(bits: &Bits, triple: [FinderPattern; 3], searches: &mut usize) -> Option<Found> {
    if let Some(found) = decode_ordered(bits, order(triple), searches) {
        return Some(found);
    }
    // Strong perspective can make the hypotenuse shorter than a leg: when
    // the two longest sides are within 15 %, the corner opposite the
    // second longest is tried as the top-left too.
    let second = second_order(triple)?;
    decode_ordered(bits, second, searches)
}

/// The ordering with the top-left finder opposite the second-longest
/// side, when that side is at least 85 % of the longest.
fn second_order(p: [FinderPattern; 3]) -> Option<[FinderPattern; 3]> {
    let pt = |f: &FinderPattern| Point::new(f.x, f.y);
    // Side i is opposite vertex i.
    let mut sides = [
        (pt(&p[1]).distance(pt(&p[2])), 0usize),
        (pt(&p[0]).distance(pt(&p[2])), 1),
        (pt(&p[0]).distance(pt(&p[1])), 2),
    ];
    sides.sort_by(|a, b| b.0.total_cmp(&a.0));
    if sides[1].0 < 0.85 * sides[0].0 {
        return None;
    }
    let t = sides[1].1;
    let tl = p[t];
    let (mut a, mut b) = (p[(t + 1) % 3], p[(t + 2) % 3]);
    let cross = (a.x - tl.x) * (b.y - tl.y) - (a.y - tl.y) * (b.x - tl.x);
    if cross < 0.0 {
        core::mem::swap(&mut a, &mut b);
    }
    Some([tl, a, b])
}

fn decode_ordered(
    bits: &Bits,
    [tl, tr, bl]: [FinderPattern; 3],
    searches: &mut usize,
) -> Option<Found> {
    let (ptl, ptr, pbl) = (
        Point::new(tl.x, tl.y),
        Point::new(tr.x, tr.y),
        Point::new(bl.x, bl.y),
    );
    // Module sizes along the top and left edges at both ends.
    let top = (
        module_along(bits, ptl, ptr, tl.module),
        module_along(bits, ptr, ptl, tr.module),
    );
    let left = (
        module_along(bits, ptl, pbl, tl.module),
        module_along(bits, pbl, ptl, bl.module),
    );
    let m_h = (top.0 + top.1) / 2.0;
    let m_v = (left.0 + left.1) / 2.0;
    let raw = (ptl.distance(ptr) / m_h + ptl.distance(pbl) / m_v) / 2.0 + 7.0;
    let axes = Axes::new([ptl, ptr, pbl], top, left);
    // Sizes the timing patterns support first, then the readings and
    // rounded estimates as before (perspective can spoil the timing
    // score, which assumes a parallelogram).
    let exact = dimension::candidates(bits, &axes, raw);
    let mut dims = dimension::rank_by_timing(bits, &axes, &exact, raw, MAX_TIMED_DIMENSIONS);
    for d in exact {
        if dims.len() < MAX_DIMENSIONS && !dims.contains(&d) {
            dims.push(d);
        }
    }
    // The bottom-right corner from the finders' outer edges (perspective).
    let edge_br = finder_edges::bottom_right(bits, ptl, ptr, pbl, (m_h + m_v) / 2.0);
    // Sizes at which the format information read (both copies agreeing).
    let mut format_seen: Vec<usize> = Vec::new();
    for &dim in &dims {
        // The module size this size implies, rather than the finders'
        // (which blur and the threshold bias).
        let between = (dim - 7) as f32;
        let module = (ptl.distance(ptr) + ptl.distance(pbl)) / (2.0 * between);
        let perspective = Perspective::slanted([ptl, ptr, pbl], between, top, left);
        if let Some(found) = decode_with_dimension(
            bits,
            [ptl, ptr, pbl],
            edge_br,
            perspective.as_ref(),
            module,
            dim,
            &mut format_seen,
        ) {
            return Some(found);
        }
    }
    // Strong perspective: search for the fourth corner at the sizes at
    // which the format information next to the top-left finder read (it
    // lies close to the three anchors, so it reads even when the fourth
    // corner is far off; noise triples almost never show it), best first.
    // (Nearest the rough size first: a small size's few timing modules
    // and its format copies match a larger code's by chance.)
    format_seen.sort_by(|&a, &b| (a as f32 - raw).abs().total_cmp(&(b as f32 - raw).abs()));
    for &dim in format_seen.iter().take(2) {
        if *searches == 0 {
            break;
        }
        *searches -= 1;
        let between = (dim - 7) as f32;
        let module = (ptl.distance(ptr) + ptl.distance(pbl)) / (2.0 * between);
        let d = dim as f32;
        let estimate = Point::new(ptr.x - ptl.x + pbl.x, ptr.y - ptl.y + pbl.y);
        for br in corner_search::candidates(bits, [ptl, ptr, pbl], estimate, module, dim) {
            let h = Homography::quad_to_quad(
                [
                    Point::new(3.5, 3.5),
                    Point::new(d - 3.5, 3.5),
                    Point::new(d - 3.5, d - 3.5),
                    Point::new(3.5, d - 3.5),
                ],
                [ptl, ptr, br, pbl],
            );
            if let Some(found) = sample_and_decode(bits, &h, dim) {
                return Some(found);
            }
        }
    }
    None
}

fn sample_and_decode(bits: &Bits, h: &Homography, dim: usize) -> Option<Found> {
    let d = dim as f32;
    let cells = sample_checked(bits, h, dim)?;
    let text = decode_cells(&cells, dim)?;
    let corner = |x: f32, y: f32| h.map(x, y).unwrap_or(Point::new(0.0, 0.0));
    Some(Found {
        text,
        corners: [
            corner(0.0, 0.0),
            corner(d, 0.0),
            corner(d, d),
            corner(0.0, d),
        ],
    })
}

fn decode_with_dimension(
    bits: &Bits,
    [tl, tr, bl]: [Point; 3],
    edge_br: Option<Point>,
    perspective: Option<&Perspective>,
    module: f32,
    dim: usize,
    format_seen: &mut Vec<usize>,
) -> Option<Found> {
    let d = dim as f32;
    let br_est = Point::new(tr.x - tl.x + bl.x, tr.y - tl.y + bl.y);
    let mut corners_try: Vec<(Point, Point)> = Vec::with_capacity(3);
    if dim > 21 {
        let between = d - 7.0;
        let corr = 1.0 - 3.0 / between;
        let est = Point::new(
            tl.x + corr * (br_est.x - tl.x),
            tl.y + corr * (br_est.y - tl.y),
        );
        for radius in [4.0, 8.0] {
            if let Some(ap) = alignment::find(bits, est, module, radius) {
                corners_try.push((ap, Point::new(d - 6.5, d - 6.5)));
                break;
            }
        }
        // Where the finders' sizes put it (`perspective.rs`), with the
        // module size there, unless the windows above covered that (a
        // pattern found there may be another of a large code's alignment
        // patterns, the parallelogram's estimate modules off).
        let span = d - 10.0;
        let near = perspective
            .and_then(|p| Some((p.map(span, span)?, p.module_at(span, span)?)))
            .filter(|&(p, _)| p.distance(est) > 4.0 * module);
        if let Some(ap) = near.and_then(|(est, m)| alignment::find(bits, est, m, 4.0)) {
            corners_try.push((ap, Point::new(d - 6.5, d - 6.5)));
        }
    }
    if let Some(br) = edge_br {
        corners_try.push((br, Point::new(d, d)));
    }
    corners_try.push((br_est, Point::new(d - 3.5, d - 3.5)));
    // The fourth corner where the finders' sizes put it, last.
    if let Some(br) = perspective.and_then(|p| p.map(d - 7.0, d - 7.0)) {
        corners_try.push((br, Point::new(d - 3.5, d - 3.5)));
    }
    for (image_br, grid_br) in corners_try {
        let h = Homography::quad_to_quad(
            [
                Point::new(3.5, 3.5),
                Point::new(d - 3.5, 3.5),
                grid_br,
                Point::new(3.5, d - 3.5),
            ],
            [tl, tr, image_br, bl],
        );
        let Some(cells) = sample_checked(bits, &h, dim) else {
            continue;
        };
        let mut text = decode_cells(&cells, dim);
        let format = text.is_some() || codewords::format_readable(&cells, dim);
        // The fourth-corner search is spent on grids that look like a
        // code near the three finders: both format copies agreeing
        // (random bits pass the one-copy test about half the time; with
        // "or the timing patterns alternate" too, the dev sets and
        // BoofCV's photos read the same codes at more cost).
        let plausible = format && codewords::format_confirmed(&cells, dim);
        if plausible && !format_seen.contains(&dim) {
            format_seen.push(dim);
        }
        // Large codes: the format reads, so size and anchors are right,
        // but one transform drifts far from them; sample piecewise.
        if text.is_none() && dim >= 45 && plausible {
            text = local_grid::sample(bits, &h, dim, module)
                .and_then(|cells| decode_cells(&cells, dim));
        }
        if let Some(text) = text {
            let corner = |x: f32, y: f32| h.map(x, y).unwrap_or(Point::new(0.0, 0.0));
            return Some(Found {
                text,
                corners: [
                    corner(0.0, 0.0),
                    corner(d, 0.0),
                    corner(d, d),
                    corner(0.0, d),
                ],
            });
        }
    }
    None
}

/// Like [`sample`], but reads the timing row and column and the format
/// information first; when the timing does not alternate or the format
/// reads in neither copy (a wrong triple or size, most attempts on a
/// noisy frame) only they are read: the decode rejects such a grid
/// anyway, and the format copies are all the caller still looks at. Same
/// answers, a fraction of the reads.
pub(crate) fn sample_checked(bits: &Bits, h: &Homography, dim: usize) -> Option<Vec<bool>> {
    let (w, hgt) = (bits.width as f32, bits.height as f32);
    let at = |x: usize, y: usize| -> Option<bool> {
        let p = h.map(x as f32 + 0.5, y as f32 + 0.5)?;
        if p.x < -2.0 || p.y < -2.0 || p.x > w + 2.0 || p.y > hgt + 2.0 {
            return None;
        }
        let px = p.x.clamp(0.0, w - 1.0) as usize;
        let py = p.y.clamp(0.0, hgt - 1.0) as usize;
        Some(bits.dark(px, py))
    };
    if dim < 21 {
        return None;
    }
    // The grid's extreme module centres are its corner modules (a
    // projective map keeps the square convex): all inside or `None`, as
    // the full read would decide.
    let last = dim - 1;
    for (x, y) in [(0, 0), (last, 0), (last, last), (0, last)] {
        at(x, y)?;
    }
    let mut cells = vec![false; dim * dim];
    for i in 8..dim - 8 {
        cells[6 * dim + i] = at(i, 6)?;
        cells[i * dim + 6] = at(6, i)?;
    }
    for i in 0..9 {
        cells[8 * dim + i] = at(i, 8)?;
        cells[i * dim + 8] = at(8, i)?;
    }
    for i in dim - 8..dim {
        cells[8 * dim + i] = at(i, 8)?;
        cells[i * dim + 8] = at(8, i)?;
    }
    // Neither does a grid whose format information reads in neither copy
    // (the decode needs one, and so does every other use of the grid).
    if !codewords::timing_plausible(&cells, dim) || !codewords::format_readable(&cells, dim) {
        return Some(cells);
    }
    sample(bits, h, dim)
}

/// Reads each module's centre; `None` if the grid leaves the image by more
/// than a module.
pub(crate) fn sample(bits: &Bits, h: &Homography, dim: usize) -> Option<Vec<bool>> {
    let mut cells = Vec::with_capacity(dim * dim);
    let (w, hgt) = (bits.width as f32, bits.height as f32);
    for y in 0..dim {
        for x in 0..dim {
            let p = h.map(x as f32 + 0.5, y as f32 + 0.5)?;
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

/// Decodes a sampled grid: format check, unmasking, Reed–Solomon,
/// segments (`codewords.rs`, `segments.rs`), then UTF-8.
pub(crate) fn decode_cells(cells: &[bool], dim: usize) -> Option<Zeroizing<String>> {
    let bytes = timed(Stage::GridDecode, || {
        let data = codewords::read(cells, dim)?;
        segments::decode(&data.bytes, data.version)
    })?;
    let text = core::str::from_utf8(&bytes).ok()?;
    Some(Zeroizing::new(text.to_owned()))
}
