//! A look for the third finder pattern of a code whose other two the
//! first pass found: glare or uneven light over one corner of a code
//! leaves that finder's dark modules barely darker than its light ones
//! (and lighter than the scene beside the code), so the frame's
//! binariser breaks it up and no pass finds it.
//!
//! When the first pass read nothing and confirmed exactly two patterns
//! of one module size at a code's finder spacing, the third finder lies
//! at one of six places: beside either of them, perpendicular to the
//! pair and as far as they are apart (the pair is a side of the code),
//! or at either of the two other corners of the square the pair is the
//! diagonal of. At each, a window around the place is binarised again
//! with the midrange threshold (`binarize::midrange`: flat blocks left
//! out) and scanned for finder patterns; when one of the pair's size is
//! near the place, the part of the frame that holds the whole code is
//! binarised the same way and the two patterns with it are decoded.
//!
//! Made only when no pass read anything and the first pass saw such a
//! pair (first passes that did: 9 of 340 dev frames, 31 of 1,020
//! dev60). It
//! reads dev60 blur_002, clutter_059, glare_052, dev2 glare_003 and
//! glare_038, BoofCV glare image021 and image038, and 7 frames of the
//! untuned dev3 split (glare, screen, low contrast, blur). Its own
//! copies of the frame crop ([`gray`]) and of the finder scan
//! (`finder::find_third`): calling the passes' ones made the compiler
//! stop inlining them there, +0.5-1 % instructions on every frame.

use crate::LumaFrame;
use crate::finder::FinderPattern;
use crate::gray::{Gray, Region};
use crate::transform::Point;

/// Two firm patterns (frame pixels; module in frame pixels).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Pair {
    pub(crate) a: Point,
    pub(crate) b: Point,
    pub(crate) module: f32,
    /// Shrink factor of the pass that saw them.
    pub(crate) factor: usize,
}

/// Finder spacing of a code, in modules: version 1 (14) to version 40
/// on its diagonal (170 × √2).
const MIN_SPACING: f32 = 13.0;
const MAX_SPACING: f32 = 245.0;

/// The window around a predicted third finder in which patterns count,
/// as a share of the pair's distance (perspective, a predicted place off
/// by a tilt) plus modules.
const NEAR_SHARE: f32 = 0.2;
const NEAR_MODULES: f32 = 4.0;

/// Margin (modules) around the three finder centres of the crop: the
/// finder's own half width and the quiet zone.
const MARGIN_MODULES: f32 = 9.0;

/// The pair, in frame pixels, if exactly two of `centres` (position,
/// module, confirmed on two rows or more, in the pixels of a pass over
/// `region` taken `scale` frame pixels per pixel) are confirmed, of
/// modules within 1.5× of each other and at a code's finder spacing.
pub(crate) fn pair(centres: &[(Point, f32, bool)], region: Region, scale: f32) -> Option<Pair> {
    let (a, b, module) = firm_pair(centres)?;
    let to_frame =
        |p: Point| Point::new(p.x * scale + region.x as f32, p.y * scale + region.y as f32);
    Some(Pair {
        a: to_frame(a),
        b: to_frame(b),
        module: module * scale,
        factor: (scale as usize).max(1),
    })
}

fn firm_pair(centres: &[(Point, f32, bool)]) -> Option<(Point, Point, f32)> {
    let mut firm = centres.iter().filter(|c| c.2);
    let (&(a, ma, _), &(b, mb, _)) = (firm.next()?, firm.next()?);
    if firm.next().is_some() || ma >= 1.5 * mb || mb >= 1.5 * ma {
        return None;
    }
    let module = 0.5 * (ma + mb);
    let d = a.distance(b);
    (MIN_SPACING * module..=MAX_SPACING * module)
        .contains(&d)
        .then_some((a, b, module))
}

/// The six places the third finder of a code with finders `a` and `b`
/// can be: beside `a` or `b` on either side (a side), then the two
/// other corners of the square of diagonal `ab`; each with the code's
/// corner finder (the one whose neighbours the other two are).
pub(crate) fn places(pair: &Pair) -> [(Point, Point); 6] {
    let (a, b) = (pair.a, pair.b);
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let at = |p: Point, s: f32| Point::new(p.x - s * dy, p.y + s * dx);
    let mid = Point::new(0.5 * (a.x + b.x), 0.5 * (a.y + b.y));
    let (c, d) = (at(mid, 0.5), at(mid, -0.5));
    [
        (at(a, 1.0), a),
        (at(a, -1.0), a),
        (at(b, 1.0), b),
        (at(b, -1.0), b),
        (c, c),
        (d, d),
    ]
}

/// The part of a `width` × `height` frame holding the code whose finders
/// are `pair` and `c` (`corner` the corner one of the three); `None`
/// when `c` lies too far outside the frame (its finder cannot be seen).
pub(crate) fn crop(
    pair: &Pair,
    (c, corner): (Point, Point),
    width: usize,
    height: usize,
) -> Option<Region> {
    let margin = MARGIN_MODULES * pair.module;
    let (w, h) = (width as f32, height as f32);
    if c.x < -margin || c.y < -margin || c.x > w + margin || c.y > h + margin {
        return None;
    }
    // The fourth corner too: opposite the corner finder.
    let (a, b) = (pair.a, pair.b);
    let fourth = Point::new(
        a.x + b.x + c.x - 2.0 * corner.x,
        a.y + b.y + c.y - 2.0 * corner.y,
    );
    let pts = [a, b, c, fourth];
    let x0 = pts.iter().fold(f32::MAX, |m, p| m.min(p.x));
    let y0 = pts.iter().fold(f32::MAX, |m, p| m.min(p.y));
    let x1 = pts.iter().fold(f32::MIN, |m, p| m.max(p.x));
    let y1 = pts.iter().fold(f32::MIN, |m, p| m.max(p.y));
    let left = (x0 - margin).max(0.0) as usize;
    let top = (y0 - margin).max(0.0) as usize;
    let right = ((x1 + margin).max(0.0) as usize).min(width);
    let bottom = ((y1 + margin).max(0.0) as usize).min(height);
    // `then`, not `then_some`: the sizes exist only when the test holds.
    (right > left + 21 && bottom > top + 21).then(|| Region {
        x: left,
        y: top,
        width: right - left,
        height: bottom - top,
    })
}

/// Where to look for the third finder around the place `c`: the square
/// within which patterns count (see [`near`]) grown by the finder's half
/// width, inside the `width` × `height` frame.
pub(crate) fn window(pair: &Pair, c: Point, width: usize, height: usize) -> Option<Region> {
    let r = reach(pair) + FINDER_HALF_MODULES * pair.module;
    let left = (c.x - r).max(0.0) as usize;
    let top = (c.y - r).max(0.0) as usize;
    let right = ((c.x + r).max(0.0) as usize).min(width);
    let bottom = ((c.y + r).max(0.0) as usize).min(height);
    // `then`, not `then_some`: the sizes exist only when the test holds.
    (right > left + 21 && bottom > top + 21).then(|| Region {
        x: left,
        y: top,
        width: right - left,
        height: bottom - top,
    })
}

/// Half a finder pattern and its light border, in modules.
const FINDER_HALF_MODULES: f32 = 5.0;

fn reach(pair: &Pair) -> f32 {
    NEAR_SHARE * pair.a.distance(pair.b) + NEAR_MODULES * pair.module
}

/// Up to two of `found` (the patterns of `window`'s working image,
/// shrunk by the pair's factor, best-confirmed first) near the place
/// `c`, with a module within 1.5× of the pair's; in frame pixels.
pub(crate) fn near(
    pair: &Pair,
    c: Point,
    window: Region,
    found: &[FinderPattern],
) -> Vec<FinderPattern> {
    let f = pair.factor.max(1) as f32;
    let (ox, oy) = (window.x as f32, window.y as f32);
    let m = pair.module;
    let reach = reach(pair);
    found
        .iter()
        .map(|p| FinderPattern {
            x: p.x * f + ox,
            y: p.y * f + oy,
            module: p.module * f,
            count: p.count,
        })
        .filter(|p| {
            p.module < 1.5 * m && m < 1.5 * p.module && Point::new(p.x, p.y).distance(c) <= reach
        })
        .take(2)
        .collect()
}

/// The candidates to decode in `crop` (its working image, shrunk by the
/// pair's factor): the pair, then the patterns `near` the place.
pub(crate) fn candidates(pair: &Pair, near: &[FinderPattern], crop: Region) -> Vec<FinderPattern> {
    let f = pair.factor.max(1) as f32;
    let (ox, oy) = (crop.x as f32, crop.y as f32);
    let pair_patterns = [pair.a, pair.b].map(|p| FinderPattern {
        x: p.x,
        y: p.y,
        module: pair.module,
        count: 2,
    });
    pair_patterns
        .iter()
        .chain(near)
        .map(|p| FinderPattern {
            x: (p.x - ox) / f,
            y: (p.y - oy) / f,
            module: p.module / f,
            count: p.count,
        })
        .collect()
}

/// The pixels of `region` (inside `frame`) shrunk by `factor` (box
/// filter). Its own copy of [`Gray::from_frame`]: a second caller of
/// that function made the compiler stop inlining it into the passes,
/// +0.5-1 % instructions on every frame.
pub(crate) fn gray(frame: &LumaFrame<'_>, region: Region, factor: usize) -> Gray {
    let f = factor.max(1);
    let x0 = region.x.min(frame.width());
    let y0 = region.y.min(frame.height());
    let x1 = x0.saturating_add(region.width).min(frame.width());
    let y1 = y0.saturating_add(region.height).min(frame.height());
    let (width, height) = ((x1 - x0) / f, (y1 - y0) / f);
    let mut pixels = Vec::with_capacity(width * height);
    if f == 1 {
        for y in y0..y0 + height {
            match frame.row(y).get(x0..x0 + width) {
                Some(src) => pixels.extend_from_slice(src),
                None => pixels.resize(pixels.len() + width, 0),
            }
        }
        return Gray {
            width,
            height,
            pixels,
        };
    }
    let mut sums = vec![0u32; width];
    for y in 0..height {
        sums.fill(0);
        for dy in 0..f {
            let row = frame
                .row(y0 + y * f + dy)
                .get(x0..x0 + width * f)
                .unwrap_or(&[]);
            for (s, chunk) in sums.iter_mut().zip(row.chunks_exact(f)) {
                *s += chunk.iter().map(|&v| u32::from(v)).sum::<u32>();
            }
        }
        let n = (f * f) as u32;
        pixels.extend(sums.iter().map(|&s| (s / n) as u8));
    }
    Gray {
        width,
        height,
        pixels,
    }
}

/// Failed decoding attempts of the third look, all places together (its
/// own budget: the frame's is often spent by then).
pub(crate) const ATTEMPTS: usize = 3;

#[cfg(test)]
mod tests {
    use super::*;

    fn firm(x: f32, y: f32, module: f32) -> (Point, f32, bool) {
        (Point::new(x, y), module, true)
    }

    #[test]
    fn pair_needs_exactly_two_firm_patterns_at_finder_spacing() {
        let two = [
            firm(100.0, 100.0, 3.0),
            (Point::new(500.0, 10.0), 3.0, false),
            firm(100.0, 190.0, 3.2),
        ];
        let (a, b, m) = firm_pair(&two).expect("two firm patterns 30 modules apart");
        assert_eq!((a, b), (two[0].0, two[2].0));
        assert!((m - 3.1).abs() < 1e-6);
        // A third firm pattern: the finder scan saw the code's three.
        let three = [two[0], two[2], firm(190.0, 100.0, 3.0)];
        assert!(firm_pair(&three).is_none());
        // Too close (10 modules), too far (300), modules 2x apart.
        assert!(firm_pair(&[firm(0.0, 0.0, 3.0), firm(30.0, 0.0, 3.0)]).is_none());
        assert!(firm_pair(&[firm(0.0, 0.0, 3.0), firm(900.0, 0.0, 3.0)]).is_none());
        assert!(firm_pair(&[firm(0.0, 0.0, 2.0), firm(90.0, 0.0, 4.0)]).is_none());
        assert!(firm_pair(&[firm(0.0, 0.0, 3.0)]).is_none());
    }

    #[test]
    fn places_are_the_other_corners_of_a_side_or_a_diagonal() {
        let p = Pair {
            a: Point::new(100.0, 100.0),
            b: Point::new(100.0, 200.0),
            module: 3.0,
            factor: 1,
        };
        let got = places(&p).map(|(q, _)| (q.x.round(), q.y.round()));
        assert_eq!(
            got,
            [
                (0.0, 100.0),
                (200.0, 100.0),
                (0.0, 200.0),
                (200.0, 200.0),
                (50.0, 150.0),
                (150.0, 150.0),
            ]
        );
    }

    #[test]
    fn crop_holds_the_code_and_refuses_places_off_the_frame() {
        let p = Pair {
            a: Point::new(100.0, 100.0),
            b: Point::new(100.0, 200.0),
            module: 3.0,
            factor: 1,
        };
        let [_, beside_a, ..] = places(&p);
        let r = crop(&p, beside_a, 640, 480).expect("inside");
        // Finders and fourth corner (200, 200), 27 px margin.
        assert_eq!((r.x, r.y, r.width, r.height), (73, 73, 154, 154));
        let off = (Point::new(-100.0, 100.0), p.a);
        assert!(crop(&p, off, 640, 480).is_none());
    }

    #[test]
    fn near_keeps_patterns_near_the_place_of_the_pair_module() {
        let p = Pair {
            a: Point::new(100.0, 100.0),
            b: Point::new(100.0, 200.0),
            module: 3.0,
            factor: 1,
        };
        let c = Point::new(200.0, 100.0);
        let w = window(&p, c, 640, 480).expect("inside");
        // 20 + 12 + 15 px around the place.
        assert_eq!((w.x, w.y, w.width, w.height), (153, 53, 94, 94));
        let at = |x: f32, y: f32, module: f32| FinderPattern {
            x: x - w.x as f32,
            y: y - w.y as f32,
            module,
            count: 3,
        };
        // A pattern of another size at the place, the third finder a
        // little off the prediction, one too far off.
        let found = [
            at(200.0, 100.0, 6.0),
            at(205.0, 96.0, 3.1),
            at(240.0, 100.0, 3.0),
        ];
        let got = near(&p, c, w, &found);
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].x, got[0].y), (205.0, 96.0));
        let r = crop(&p, (c, p.a), 640, 480).expect("inside");
        let all = candidates(&p, &got, r);
        assert_eq!(all.len(), 3);
        assert_eq!(
            (all[0].x, all[2].x),
            (100.0 - r.x as f32, 205.0 - r.x as f32)
        );
    }
}
