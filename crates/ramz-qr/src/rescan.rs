//! The rows a pass skipped, scanned around finder patterns left over
//! beside codes read.
//!
//! Large frames are scanned every 2nd or 3rd row (`decoder.rs`,
//! `row_skip`). A code of 2 px modules turned by ~30° among others
//! read in the same frame then shows its finder patterns on one row each,
//! or not at all; once a code is read, triples of one-row hits are taken
//! for noise (`locate.rs`), so the code is never tried. Every row of the
//! same binarised image, only around such left-over patterns (their
//! modules like a read code's, two of them spaced like one code's
//! finders), confirms them and finds the missing ones. No new
//! binarisation: the cost is a few hundred rows of a window.

use crate::gray::Bits;
use crate::transform::Point;

/// Module ratio within which a left-over pattern counts as another code
/// of the same print as a read one.
const SAME_PRINT: f32 = 1.5;

/// Patterns left over (all of them, whatever their module) beyond which
/// the frame is taken for noisy and not scanned again: two codes' finders.
const MAX_LEFT: usize = 6;

/// The window (`[left, top, right, bottom]` in `bits`' pixels) worth
/// scanning again row by row: the box of the left-over patterns (`left`:
/// position and module) whose modules are within 1.5x of a read code's
/// (`read_modules`), grown on every side by the largest read code's side,
/// when two of them lie as far apart as one code's finders and at most
/// [`MAX_LEFT`] patterns are left over in all. `None` otherwise.
pub(crate) fn window(
    left: &[(Point, f32)],
    read_modules: &[f32],
    side: f32,
    width: usize,
    height: usize,
) -> Option<[usize; 4]> {
    // Noise and texture leave patterns over by the dozen (7 to 72 on the
    // dev sets' frames with a code read); a frame with one more code
    // among those read, its finders seen on one row or missed, 2 or 3.
    if left.len() > MAX_LEFT {
        return None;
    }
    let same: Vec<Point> = left
        .iter()
        .filter(|&&(_, m)| same_print(m, read_modules))
        .map(|&(p, _)| p)
        .collect();
    if !finder_pair(&same, side) {
        return None;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in &same {
        (x0, y0, x1, y1) = (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y));
    }
    let left = (x0 - side).max(0.0) as usize;
    let top = (y0 - side).max(0.0) as usize;
    let right = ((x1 + side).max(0.0) as usize).min(width);
    let bottom = ((y1 + side).max(0.0) as usize).min(height);
    (right >= left + 21 && bottom >= top + 21).then_some([left, top, right, bottom])
}

/// Whether a pattern of `module` px could be a finder of another code of
/// the same print as the codes read, whose patterns had `read_modules`:
/// within 1.5x of one of them.
pub(crate) fn same_print(module: f32, read_modules: &[f32]) -> bool {
    read_modules
        .iter()
        .any(|&r| module < SAME_PRINT * r && r < SAME_PRINT * module)
}

/// Whether two of `points` (finder patterns left over beside a code of
/// `side` pixels) lie as far apart as two finders of a code of about that
/// size: another code of the same print, not noise across the frame
/// (on the dev sets such noise pairs were 2.5x a side apart and more).
/// Also the gate of the card-of-two-codes pass (`decoder.rs`).
pub(crate) fn finder_pair(points: &[Point], side: f32) -> bool {
    points.iter().enumerate().any(|(i, a)| {
        points[i + 1..]
            .iter()
            .any(|b| (0.3 * side..=2.0 * side).contains(&a.distance(*b)))
    })
}

/// The part `window` of `bits` (same polarity).
pub(crate) fn crop(bits: &Bits, window: [usize; 4]) -> Option<Bits> {
    let [left, top, right, bottom] = window;
    if right > bits.width || bottom > bits.height || right <= left || bottom <= top {
        return None;
    }
    let mut cells = Vec::with_capacity((right - left) * (bottom - top));
    for y in top..bottom {
        cells.extend_from_slice(
            bits.cells
                .get(y * bits.width + left..y * bits.width + right)?,
        );
    }
    Some(Bits {
        width: right - left,
        height: bottom - top,
        cells,
        invert: bits.invert,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_of_same_print_patterns_gets_a_window() {
        // Two one-row patterns 61 px apart beside a read code of 110 px,
        // modules 2.5 px against the read code's 2.1 px.
        let left = [
            (Point::new(342.0, 522.0), 2.57),
            (Point::new(377.0, 572.0), 2.50),
        ];
        let w = window(&left, &[2.1], 110.0, 1920, 1080).expect("window");
        assert_eq!(w, [232, 412, 487, 682]);
        // Modules twice the read code's: another print, or noise.
        assert!(window(&left, &[1.2], 110.0, 1920, 1080).is_none());
        // One pattern is no pair; nor are two far apart.
        assert!(window(&left[..1], &[2.1], 110.0, 1920, 1080).is_none());
        assert!(window(&left, &[2.1], 20.0, 1920, 1080).is_none());
        // A noisy frame: too many patterns left over.
        let noisy = [left[0]; MAX_LEFT + 1];
        let mut noisy = noisy.to_vec();
        noisy[1] = left[1];
        assert!(window(&noisy, &[2.1], 110.0, 1920, 1080).is_none());
        assert!(window(&noisy[..MAX_LEFT], &[2.1], 110.0, 1920, 1080).is_some());
    }

    #[test]
    fn finder_pair_tells_a_second_code_from_noise() {
        // Two finders of a second code beside a read one of 102 px (a
        // BoofCV photo of two codes on a card): 71 px apart.
        let card = [Point::new(210.0, 115.0), Point::new(154.0, 71.3)];
        assert!(finder_pair(&card, 102.0));
        // Noise hits on a noisy frame beside a read code of 87 px: 222 px
        // apart, across the frame.
        let noise = [Point::new(526.0, 436.0), Point::new(306.0, 468.0)];
        assert!(!finder_pair(&noise, 87.0));
        // One pattern is no pair; nor are two on top of each other.
        assert!(!finder_pair(&card[..1], 102.0));
        assert!(!finder_pair(&[card[0], card[0]], 102.0));
    }

    #[test]
    fn crop_keeps_the_cells_of_the_window() {
        let bits = Bits {
            width: 4,
            height: 3,
            cells: (0..12).map(|i| (i % 2) as u8).collect(),
            invert: false,
        };
        let part = crop(&bits, [1, 1, 3, 3]).expect("crop");
        assert_eq!((part.width, part.height), (2, 2));
        assert_eq!(part.cells, vec![1, 0, 1, 0]);
        assert!(crop(&bits, [1, 1, 5, 3]).is_none());
    }
}
