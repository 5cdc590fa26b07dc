//! A faint look at frames whose first pass saw finder-like patterns of
//! low contrast but read nothing, not even in the second look
//! (`second_look.rs`, which needs two confirmed patterns and whose window
//! around them often misses the third finder): the part of the image
//! around the best pattern binarised again with zxing-cpp's newer block
//! threshold (`binarize::midrange`).
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
//! pattern having been seen (frames that show nothing, no code or plain
//! noise, never pay for it) and on that pattern's contrast: the codes
//! it reads had finder patterns of 32–92 grey levels ([`contrast`]); of
//! the frames that fail the second look for other reasons (curved,
//! blurred, small codes) most had 100–220 (dev, dev60) and skip it.

use crate::finder::FinderPattern;
use crate::gray::Gray;

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

/// Contrast (grey levels, [`contrast`]) of the best pattern under which
/// the faint look is made.
pub(crate) const MAX_CONTRAST: u8 = 100;

/// The most-confirmed candidate of either polarity (each list is sorted
/// most-confirmed first; ties go to dark-on-light).
pub(crate) fn best(
    normal: &[FinderPattern],
    light_on_dark: &[FinderPattern],
) -> Option<FinderPattern> {
    match (normal.first(), light_on_dark.first()) {
        (Some(a), Some(b)) if b.count > a.count => Some(*b),
        (a, b) => a.or(b).copied(),
    }
}

/// The window `[left, top, right, bottom]` (in the pass's image pixels,
/// `width` × `height`) around `best`; within the second look's window
/// `second` grown to twice its size when there was one (the code is
/// around the two patterns it was made for: same reads on dev60, its
/// failing frames 0.4 M instructions cheaper; grown to 1.5 times,
/// dev60 −1); `None` when it is under 21 pixels.
pub(crate) fn window(
    best: &FinderPattern,
    second: Option<[usize; 4]>,
    width: usize,
    height: usize,
) -> Option<[usize; 4]> {
    let reach = REACH_MODULES * best.module;
    let mut left = (best.x - reach).max(0.0) as usize;
    let mut top = (best.y - reach).max(0.0) as usize;
    let mut right = ((best.x + reach).max(0.0) as usize).min(width);
    let mut bottom = ((best.y + reach).max(0.0) as usize).min(height);
    if let Some([l, t, r, b]) = second {
        let (gw, gh) = (r.saturating_sub(l) / 2, b.saturating_sub(t) / 2);
        left = left.max(l.saturating_sub(gw));
        top = top.max(t.saturating_sub(gh));
        right = right.min(r + gw);
        bottom = bottom.min(b + gh);
    }
    let (left, top) = (left / BLOCK * BLOCK, top / BLOCK * BLOCK);
    (right > left + 21 && bottom > top + 21).then_some([left, top, right, bottom])
}

/// How far apart the dark and light of a finder pattern are in `gray`
/// (grey levels): the 90th minus the 10th percentile of 13 × 13 samples
/// half a module apart over ±3 modules around its centre (a third of a
/// finder is its light ring), so that sensor noise moves it little.
/// (One sample per module centre, 7 × 7, put blurred and moiré frames
/// that it reads and that it does not within 3 levels of each other.)
pub(crate) fn contrast(gray: &Gray, pattern: &FinderPattern) -> u8 {
    if gray.width == 0 || gray.height == 0 {
        return 0;
    }
    let mut samples = [0u8; 169];
    let step = pattern.module / 2.0;
    for (i, s) in samples.iter_mut().enumerate() {
        let x = pattern.x + ((i % 13) as f32 - 6.0) * step;
        let y = pattern.y + ((i / 13) as f32 - 6.0) * step;
        let x = (x.max(0.0) as usize).min(gray.width - 1);
        let y = (y.max(0.0) as usize).min(gray.height - 1);
        *s = gray.pixels.get(y * gray.width + x).copied().unwrap_or(0);
    }
    let (_, &mut light, _) = samples.select_nth_unstable(152);
    let (_, &mut dark, _) = samples[..152].select_nth_unstable(16);
    light - dark
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
        assert!(best(&[], &[]).is_none());
        // 90 modules of 2 px: 180 px each side; the corner rounded down
        // to the 8 px grid.
        let one = [pattern(1003.0, 605.0, 2.0, 3)];
        let b = best(&one, &[]).expect("one pattern");
        assert_eq!(window(&b, None, 1920, 1080), Some([816, 424, 1183, 785]));
        // The better-confirmed light-on-dark one wins; clamped to the
        // image. Ties go to the dark-on-light one.
        let light = [pattern(100.0, 50.0, 4.0, 5)];
        let b = best(&one, &light).expect("two lists");
        assert_eq!(window(&b, None, 640, 480), Some([0, 0, 460, 410]));
        let tie = [pattern(100.0, 50.0, 4.0, 3)];
        assert_eq!(best(&one, &tie), Some(one[0]));
        assert_eq!(best(&[], &tie), Some(tie[0]));
        assert_eq!(window(&pattern(5.0, 5.0, 0.1, 2), None, 640, 480), None);
        // Within the second look's window grown to twice its size.
        let b = best(&one, &[]).expect("one pattern");
        let second = Some([950, 560, 1050, 660]);
        assert_eq!(window(&b, second, 1920, 1080), Some([896, 504, 1100, 710]));
        // The corner on the grid (900 -> 896), the far side not past the
        // image; the first window still bounds it.
        assert_eq!(
            window(&b, Some([0, 0, 2000, 900]), 1920, 1080),
            Some([816, 424, 1183, 785])
        );
    }

    /// A finder pattern drawn with modules of 4 px at a given ink and
    /// paper level, on paper, with a little noise.
    fn finder(ink: u8, paper: u8) -> Gray {
        let mut pixels = Vec::new();
        for y in 0..60usize {
            for x in 0..60usize {
                let (mx, my) = ((x / 4) as i32 - 7, (y / 4) as i32 - 7);
                let ring = mx.abs().max(my.abs());
                let dark = ring == 3 || ring <= 1;
                let noise = ((x * 7 + y * 13) % 5) as u8;
                pixels.push(if dark { ink } else { paper } + noise);
            }
        }
        Gray {
            width: 60,
            height: 60,
            pixels,
        }
    }

    #[test]
    fn contrast_tells_a_faint_finder_from_a_printed_one() {
        let p = pattern(30.0, 30.0, 4.0, 3);
        let faint = contrast(&finder(90, 120), &p);
        assert!((28..=34).contains(&faint), "{faint}");
        assert!(faint < MAX_CONTRAST);
        let printed = contrast(&finder(30, 220), &p);
        assert!(printed >= 186, "{printed}");
        assert!(printed >= MAX_CONTRAST);
        let empty = Gray {
            width: 0,
            height: 0,
            pixels: Vec::new(),
        };
        assert_eq!(contrast(&empty, &p), 0);
    }
}
