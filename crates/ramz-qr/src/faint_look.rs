//! A faint look at frames whose first pass saw a finder-like pattern but
//! too few to read or to start the second look (`second_look.rs` needs
//! two confirmed patterns): the part of the image around the best
//! pattern binarised again with zxing-cpp's newer block threshold
//! (`binarize::midrange`).
//!
//! A faint code (ink and paper 8–60 % of full scale apart) on a grey card
//! in front of a brighter or darker scene: [`crate::binarize::hybrid`]
//! gives flat blocks inside the code a guessed black point (half their
//! minimum, or the neighbours'), and the scene's own blocks enter each
//! 5×5 mean; the thresholds leave the code's two levels, the light rings
//! of its finder patterns close up, and the first pass finds one of the
//! three at most. The midrange threshold leaves flat blocks out. As the
//! first pass's binariser it reads those frames but fewer photos
//! (BoofCV 662 against 683), hence a retry, once per frame, gated on a
//! pattern having been seen: frames that show nothing (no code, plain
//! noise) never pay for it.

use crate::finder::FinderPattern;

/// The window reaches this many modules of the pattern past it on every
/// side: the pattern may be any of the three finders of a code up to
/// version 16 (81 modules) plus its quiet zone. 40 lost a 69-module
/// code seen by its top-left finder (dev split).
const REACH_MODULES: f32 = 90.0;
/// The binariser's block: the window's corner is put on the pass image's
/// block grid, so that away from the window's edges its thresholds are
/// those of the whole image (off the grid, reads came and went with the
/// window's size).
const BLOCK: usize = 8;

/// The window `[left, top, right, bottom]` (in the pass's image pixels,
/// `width` × `height`) around the most-confirmed candidate of either
/// polarity (each list is sorted most-confirmed first); `None` when there
/// is none or the window is under 21 pixels.
pub(crate) fn window(
    normal: &[FinderPattern],
    light_on_dark: &[FinderPattern],
    width: usize,
    height: usize,
) -> Option<[usize; 4]> {
    let best = match (normal.first(), light_on_dark.first()) {
        (Some(a), Some(b)) => {
            if b.count > a.count {
                b
            } else {
                a
            }
        }
        (a, b) => a.or(b)?,
    };
    let reach = REACH_MODULES * best.module;
    let left = (best.x - reach).max(0.0) as usize / BLOCK * BLOCK;
    let top = (best.y - reach).max(0.0) as usize / BLOCK * BLOCK;
    let right = ((best.x + reach).max(0.0) as usize).min(width);
    let bottom = ((best.y + reach).max(0.0) as usize).min(height);
    (right > left + 21 && bottom > top + 21).then_some([left, top, right, bottom])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(x: f32, y: f32, module: f32, count: u32) -> FinderPattern {
        FinderPattern {
            x,
            y,
            module,
            count,
        }
    }

    #[test]
    fn window_is_around_the_best_pattern_on_the_block_grid() {
        assert_eq!(window(&[], &[], 1920, 1080), None);
        // 90 modules of 2 px: 180 px each side; the corner rounded down
        // to the 8 px grid.
        let one = [pattern(1003.0, 605.0, 2.0, 3)];
        assert_eq!(window(&one, &[], 1920, 1080), Some([816, 424, 1183, 785]));
        // The better-confirmed light-on-dark one wins; clamped to the
        // image.
        let light = [pattern(100.0, 50.0, 4.0, 5)];
        assert_eq!(window(&one, &light, 640, 480), Some([0, 0, 460, 410]));
        // Ties go to the dark-on-light one.
        let tie = [pattern(100.0, 50.0, 4.0, 3)];
        assert_eq!(window(&one, &tie, 1920, 1080), Some([816, 424, 1183, 785]));
    }
}
