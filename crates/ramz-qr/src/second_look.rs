//! A second look at codes the first pass saw but could not read: the
//! part of the image around its confirmed finder patterns binarised again
//! with flat blocks left out of the threshold's mean
//! (`binarize::hybrid_contrast`).
//!
//! Flat blocks (a range under 24 grey levels) get a guessed black point;
//! inside a faint code, or next to a glare spot that washes modules out,
//! those guesses drag the 5×5 mean below the dark modules, which then
//! read light. The first pass often still finds the finder patterns, so
//! the second look is made once per frame, after the first pass read
//! nothing, and only over a window around the patterns it confirmed.
//! Binarising the whole frame again on every pass that read nothing (the
//! form tried before) read as many codes but cost failing frames 20–40 M
//! instructions; this form costs them 1–8 M.
//!
//! Gating it on the patterns' own contrast (their centre against their
//! light ring) was tried: most of the codes it reads (glare, uneven light)
//! have finder patterns of full contrast, and the gate lost them.

use crate::finder::FinderPattern;
use crate::gray::Gray;

/// Confirmed patterns (seen on two scan rows or more) needed.
const MIN_PATTERNS: usize = 2;
/// Candidates looked at (the best-confirmed first, as the finder scan
/// sorts them): on crowded frames the window stays around the best.
const MAX_PATTERNS: usize = 24;
/// Failed decoding attempts of the second look (of the frame's budget);
/// no fourth-corner search.
pub(crate) const ATTEMPTS: usize = 2;
/// Scan rows of the second look's finder scan, as a multiple of the
/// first pass's row skip: the patterns were seen already, a quarter of
/// the rows still crosses each several times.
pub(crate) const ROW_SKIP_FACTOR: usize = 4;

/// The box `[left, top, right, bottom]` (in the pass's image pixels,
/// `width` × `height`) around the candidates confirmed on two or more
/// rows, grown on every side by 0.6 of its size (at least 20 modules)
/// and 6 modules; `None` when fewer than [`MIN_PATTERNS`] are confirmed.
pub(crate) fn window(
    candidates: &[FinderPattern],
    width: usize,
    height: usize,
) -> Option<[usize; 4]> {
    let mut bounds: Option<[f32; 4]> = None;
    let mut module = 0.0f32;
    let mut n = 0;
    for c in candidates
        .iter()
        .take(MAX_PATTERNS)
        .filter(|c| c.count >= 2)
    {
        n += 1;
        let b = bounds.get_or_insert([c.x, c.y, c.x, c.y]);
        *b = [b[0].min(c.x), b[1].min(c.y), b[2].max(c.x), b[3].max(c.y)];
        module = module.max(c.module);
    }
    if n < MIN_PATTERNS {
        return None;
    }
    let [x0, y0, x1, y1] = bounds?;
    let grow = 0.6 * (x1 - x0).max(y1 - y0).max(20.0 * module) + 6.0 * module;
    let left = (x0 - grow).max(0.0) as usize;
    let top = (y0 - grow).max(0.0) as usize;
    let right = ((x1 + grow).max(0.0) as usize).min(width);
    let bottom = ((y1 + grow).max(0.0) as usize).min(height);
    (right > left + 21 && bottom > top + 21).then_some([left, top, right, bottom])
}

/// The pixels of `window` (`[left, top, right, bottom]`) of `gray`;
/// `None` when it does not lie inside `gray` or is under 21 pixels.
pub(crate) fn crop(gray: &Gray, window: [usize; 4]) -> Option<Gray> {
    let [left, top, right, bottom] = window;
    if right > gray.width || bottom > gray.height || right < left + 21 || bottom < top + 21 {
        return None;
    }
    let width = right - left;
    let mut pixels = Vec::with_capacity(width * (bottom - top));
    for y in top..bottom {
        pixels.extend_from_slice(
            gray.pixels
                .get(y * gray.width + left..y * gray.width + right)?,
        );
    }
    Some(Gray {
        width,
        height: bottom - top,
        pixels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(x: f32, y: f32, count: u32) -> FinderPattern {
        FinderPattern {
            x,
            y,
            module: 2.0,
            count,
        }
    }

    #[test]
    fn window_needs_two_confirmed_patterns_and_stays_in_the_image() {
        let one = [pattern(100.0, 100.0, 3), pattern(200.0, 100.0, 1)];
        assert_eq!(window(&one, 640, 480), None);
        let two = [pattern(100.0, 100.0, 3), pattern(200.0, 100.0, 2)];
        let [l, t, r, b] = window(&two, 640, 480).expect("two confirmed patterns");
        // Grown by 0.6 × 100 + 12 = 72 px on every side.
        assert_eq!([l, t, r, b], [28, 28, 272, 172]);
        let edge = [pattern(5.0, 5.0, 2), pattern(630.0, 470.0, 2)];
        assert_eq!(window(&edge, 640, 480), Some([0, 0, 640, 480]));
        assert_eq!(window(&[], 640, 480), None);
    }

    #[test]
    fn crop_copies_the_window_and_refuses_what_is_outside() {
        let gray = Gray {
            width: 40,
            height: 30,
            pixels: (0..1200).map(|i| (i % 251) as u8).collect(),
        };
        let part = crop(&gray, [5, 3, 30, 28]).expect("inside");
        assert_eq!((part.width, part.height), (25, 25));
        assert_eq!(part.pixels[0], gray.pixels[3 * 40 + 5]);
        assert_eq!(part.pixels[24 * 25 + 24], gray.pixels[27 * 40 + 29]);
        assert!(crop(&gray, [5, 3, 41, 28]).is_none());
        assert!(crop(&gray, [5, 3, 20, 28]).is_none());
    }
}
