//! Local (block-adaptive) thresholding.
//!
//! The scheme is ZXing's `HybridBinarizer`: the image is cut into 8×8
//! blocks, each block gets a black point from its own contrast, and each
//! pixel is compared with the mean black point of the 5×5 blocks around
//! its block. It copes with uneven light and shadows at a cost of one pass
//! over the pixels, where a single global threshold loses half the code
//! under a gradient.

use crate::gray::{Bits, Gray};

const BLOCK: usize = 8;
/// Blocks whose range is below this are flat (all light or all dark).
const MIN_DYNAMIC_RANGE: u32 = 24;

/// Thresholds `gray` block by block. Always inlined into the pass (its
/// one caller): out of line it cost ~0.5 M more instructions per
/// 640×480 image (seen when the second look's code changed the
/// compiler's inlining of the pass).
#[inline(always)]
pub(crate) fn hybrid(gray: &Gray) -> Bits {
    let (w, h) = (gray.width, gray.height);
    if w == 0 || h == 0 {
        return Bits {
            width: w,
            height: h,
            cells: vec![0u8; w * h],
            invert: false,
        };
    }
    let bw = w.div_ceil(BLOCK);
    let bh = h.div_ceil(BLOCK);
    let black_points = black_points(gray, bw, bh);
    let mut cells = Vec::with_capacity(w * h);
    // One threshold per column for the current block row, then whole
    // rows compared at once (a loop the compiler vectorises). The 5×5
    // window sums are separable: five block rows added column by column,
    // then five of those column sums per block.
    let mut thresholds = vec![0u8; w];
    let mut column = vec![0u32; bw];
    for by in 0..bh {
        column.fill(0);
        for dy in 0..5 {
            let yy = (by + dy).saturating_sub(2).min(bh - 1);
            let row = &black_points[yy * bw..(yy + 1) * bw];
            for (c, &p) in column.iter_mut().zip(row) {
                *c += p;
            }
        }
        for (bx, out) in thresholds.chunks_mut(BLOCK).enumerate() {
            let mut sum = 0u32;
            for dx in 0..5 {
                sum += column[(bx + dx).saturating_sub(2).min(bw - 1)];
            }
            // The mean of 25 block means of u8 pixels fits in u8.
            fill_block(out, (sum / 25) as u8);
        }
        threshold_rows(gray, by, &thresholds, &mut cells);
    }
    Bits {
        width: w,
        height: h,
        cells,
        invert: false,
    }
}

/// The second look for faint codes: like [`hybrid`], but a block with
/// contrast is compared with the mean black point of the blocks with
/// contrast among its 5×5 (flat blocks left out, as zxing-cpp's newer
/// binariser does). Flat blocks' black points are guesses (half their
/// minimum, or the neighbours'); inside a faint code they drag the mean
/// below the dark modules, which then read light. Flat blocks keep the
/// plain 5×5 mean.
pub(crate) fn hybrid_contrast(gray: &Gray) -> Bits {
    let (w, h) = (gray.width, gray.height);
    if w == 0 || h == 0 {
        return hybrid(gray);
    }
    let bw = w.div_ceil(BLOCK);
    let bh = h.div_ceil(BLOCK);
    let mut contrast = Vec::new();
    let black_points = black_points_flat::<true>(gray, bw, bh, &mut contrast);
    let mut cells = Vec::with_capacity(w * h);
    let mut thresholds = vec![0u8; w];
    let mut column = vec![0u32; bw];
    let mut column_c = vec![0u32; bw];
    let mut count_c = vec![0u32; bw];
    for by in 0..bh {
        column.fill(0);
        column_c.fill(0);
        count_c.fill(0);
        for dy in 0..5 {
            let yy = (by + dy).saturating_sub(2).min(bh - 1);
            let row = &black_points[yy * bw..(yy + 1) * bw];
            let flags = &contrast[yy * bw..(yy + 1) * bw];
            for (((c, cc), n), (&p, &f)) in column
                .iter_mut()
                .zip(column_c.iter_mut())
                .zip(count_c.iter_mut())
                .zip(row.iter().zip(flags))
            {
                *c += p;
                *cc += p * u32::from(f);
                *n += u32::from(f);
            }
        }
        for (bx, out) in thresholds.chunks_mut(BLOCK).enumerate() {
            let (mut sum, mut sum_c, mut n_c) = (0u32, 0u32, 0u32);
            for dx in 0..5 {
                let x = (bx + dx).saturating_sub(2).min(bw - 1);
                sum += column[x];
                sum_c += column_c[x];
                n_c += count_c[x];
            }
            let t = if contrast[by * bw + bx] != 0 && n_c > 0 {
                (sum_c / n_c) as u8
            } else {
                (sum / 25) as u8
            };
            fill_block(out, t);
        }
        threshold_rows(gray, by, &thresholds, &mut cells);
    }
    Bits {
        width: w,
        height: h,
        cells,
        invert: false,
    }
}

/// One block's columns of the row of thresholds: a whole block as one
/// 8-byte store (a slice fill became a `memset` call per block).
#[inline(always)]
fn fill_block(out: &mut [u8], t: u8) {
    if let Ok(block) = <&mut [u8; BLOCK]>::try_from(&mut *out) {
        *block = [t; BLOCK];
    } else {
        out.fill(t);
    }
}

/// Appends block row `by` of `gray` to `cells`: dark (`1`) where a pixel
/// is at or below its column's threshold.
#[inline(always)]
fn threshold_rows(gray: &Gray, by: usize, thresholds: &[u8], cells: &mut Vec<u8>) {
    let w = gray.width;
    let y0 = by * BLOCK;
    let y1 = (y0 + BLOCK).min(gray.height);
    for y in y0..y1 {
        let row = &gray.pixels[y * w..(y + 1) * w];
        cells.extend(row.iter().zip(thresholds).map(|(&p, &t)| u8::from(p <= t)));
    }
}

/// One black point per block: its mean, or for a flat block a guess that
/// continues the neighbours' black point (a flat block inside a dark
/// module stays dark, one in the quiet zone stays light).
fn black_points(gray: &Gray, bw: usize, bh: usize) -> Vec<u32> {
    black_points_flat::<false>(gray, bw, bh, &mut Vec::new())
}

/// [`black_points`], also marking each block that had contrast (`1`) in
/// `contrast` when given.
fn black_points_flat<const MARK: bool>(
    gray: &Gray,
    bw: usize,
    bh: usize,
    contrast: &mut Vec<u8>,
) -> Vec<u32> {
    let (w, h) = (gray.width, gray.height);
    let mut points = vec![0u32; bw * bh];
    if MARK {
        contrast.clear();
        contrast.resize(bw * bh, 0);
    }
    // Column-wise sum/min/max over the block row's 8 pixel rows first
    // (whole-row loops that vectorise), then 8 columns per block.
    let mut col_sum = vec![0u16; w];
    let mut col_min = vec![0u8; w];
    let mut col_max = vec![0u8; w];
    for by in 0..bh {
        let y0 = (by * BLOCK).min(h.saturating_sub(BLOCK));
        let y1 = (y0 + BLOCK).min(h);
        col_sum.fill(0);
        col_min.fill(u8::MAX);
        col_max.fill(0);
        for y in y0..y1 {
            let row = &gray.pixels[y * w..(y + 1) * w];
            for (((s, lo), hi), &p) in col_sum
                .iter_mut()
                .zip(col_min.iter_mut())
                .zip(col_max.iter_mut())
                .zip(row)
            {
                *s += u16::from(p);
                *lo = (*lo).min(p);
                *hi = (*hi).max(p);
            }
        }
        for bx in 0..bw {
            let x0 = (bx * BLOCK).min(w.saturating_sub(BLOCK));
            let x1 = (x0 + BLOCK).min(w);
            let (sum, min, max) = block_stats(&col_sum[x0..x1], &col_min[x0..x1], &col_max[x0..x1]);
            let count = ((y1 - y0) * (x1 - x0)).max(1) as u32;
            let mut average = sum / count;
            if max - min <= MIN_DYNAMIC_RANGE {
                average = min / 2;
                if by > 0 && bx > 0 {
                    let neighbours = (points[(by - 1) * bw + bx]
                        + 2 * points[by * bw + bx - 1]
                        + points[(by - 1) * bw + bx - 1])
                        / 4;
                    if min < neighbours {
                        average = neighbours;
                    }
                }
            } else if MARK {
                if let Some(c) = contrast.get_mut(by * bw + bx) {
                    *c = 1;
                }
            }
            points[by * bw + bx] = average;
        }
    }
    points
}

/// Sum, minimum and maximum of a block from its columns' sums, minima and
/// maxima. Full blocks (all but those of images narrower than a block)
/// take fixed-size arrays, which the compiler unrolls: the iterator
/// version cost ~200 instructions per block, more than the pixel loops.
fn block_stats(sums: &[u16], mins: &[u8], maxs: &[u8]) -> (u32, u32, u32) {
    if let (Ok(s), Ok(lo), Ok(hi)) = (
        <&[u16; BLOCK]>::try_from(sums),
        <&[u8; BLOCK]>::try_from(mins),
        <&[u8; BLOCK]>::try_from(maxs),
    ) {
        let sum = s.iter().fold(0u32, |a, &v| a + u32::from(v));
        let min = lo.iter().fold(u8::MAX, |a, &v| a.min(v));
        let max = hi.iter().fold(0u8, |a, &v| a.max(v));
        return (sum, u32::from(min), u32::from(max));
    }
    let sum = sums.iter().map(|&s| u32::from(s)).sum();
    let min = u32::from(mins.iter().copied().min().unwrap_or(0));
    let max = u32::from(maxs.iter().copied().max().unwrap_or(0));
    (sum, min, max)
}

/// The faint look's threshold (`faint_look.rs`), zxing-cpp's newer block
/// threshold: a block with contrast (range over 24 grey levels) gets the
/// middle of its range; each block's threshold is the mean of those of
/// the blocks with contrast among its 5×5 (its own counted twice); flat
/// blocks count for nothing, and a block with none around takes the next
/// threshold in reading order. Unlike [`hybrid`], no flat block's guessed
/// black point (half its minimum, or the neighbours') enters the mean:
/// on a faint code printed on a grey card beside a bright or dark
/// background those guesses and the background's own blocks pull the
/// mean off the code's two levels, and its finder patterns break up.
/// On the first pass it would read fewer photos (BoofCV 662 against
/// 683: washed-out close-ups), hence only as a retry.
pub(crate) fn midrange(gray: &Gray) -> Bits {
    let (w, h) = (gray.width, gray.height);
    if w == 0 || h == 0 {
        return hybrid(gray);
    }
    let bw = w.div_ceil(BLOCK);
    let bh = h.div_ceil(BLOCK);
    let mids = block_midranges(gray, bw, bh);
    // Smoothed thresholds; 0 where no block with contrast is near.
    let mut smooth = vec![0u32; bw * bh];
    let mut column = vec![0u32; bw];
    let mut count = vec![0u32; bw];
    for by in 0..bh {
        column.fill(0);
        count.fill(0);
        for dy in 0..5 {
            let yy = (by + dy).saturating_sub(2).min(bh - 1);
            let row = &mids[yy * bw..(yy + 1) * bw];
            for ((c, n), &m) in column.iter_mut().zip(count.iter_mut()).zip(row) {
                *c += m;
                *n += u32::from(m > 0);
            }
        }
        for bx in 0..bw {
            let own = mids[by * bw + bx];
            let (mut sum, mut n) = (own, u32::from(own > 0));
            for dx in 0..5 {
                let x = (bx + dx).saturating_sub(2).min(bw - 1);
                sum += column[x];
                n += count[x];
            }
            smooth[by * bw + bx] = sum.checked_div(n).unwrap_or(0);
        }
    }
    // Gaps (large flat areas): the next threshold in reading order, the
    // last one after it.
    let mut next = smooth.iter().rev().copied().find(|&t| t > 0).unwrap_or(0);
    for t in smooth.iter_mut().rev() {
        if *t > 0 {
            next = *t;
        } else {
            *t = next;
        }
    }
    let mut cells = Vec::with_capacity(w * h);
    let mut thresholds = vec![0u8; w];
    for by in 0..bh {
        for (bx, out) in thresholds.chunks_mut(BLOCK).enumerate() {
            // A mean of u8 midranges fits in u8.
            fill_block(out, smooth[by * bw + bx] as u8);
        }
        threshold_rows(gray, by, &thresholds, &mut cells);
    }
    Bits {
        width: w,
        height: h,
        cells,
        invert: false,
    }
}

/// Per block the middle of its range when the range exceeds
/// [`MIN_DYNAMIC_RANGE`], else 0 (flat). Blocks as in [`black_points`].
fn block_midranges(gray: &Gray, bw: usize, bh: usize) -> Vec<u32> {
    let (w, h) = (gray.width, gray.height);
    let mut mids = vec![0u32; bw * bh];
    let mut col_min = vec![0u8; w];
    let mut col_max = vec![0u8; w];
    for by in 0..bh {
        let y0 = (by * BLOCK).min(h.saturating_sub(BLOCK));
        let y1 = (y0 + BLOCK).min(h);
        col_min.fill(u8::MAX);
        col_max.fill(0);
        for y in y0..y1 {
            let row = &gray.pixels[y * w..(y + 1) * w];
            for ((lo, hi), &p) in col_min.iter_mut().zip(col_max.iter_mut()).zip(row) {
                *lo = (*lo).min(p);
                *hi = (*hi).max(p);
            }
        }
        for bx in 0..bw {
            let x0 = (bx * BLOCK).min(w.saturating_sub(BLOCK));
            let x1 = (x0 + BLOCK).min(w);
            let (min, max) = block_range(&col_min[x0..x1], &col_max[x0..x1]);
            if max - min > MIN_DYNAMIC_RANGE {
                mids[by * bw + bx] = (max + min) / 2;
            }
        }
    }
    mids
}

/// Minimum and maximum of a block from its columns' (as [`block_stats`]).
fn block_range(mins: &[u8], maxs: &[u8]) -> (u32, u32) {
    if let (Ok(lo), Ok(hi)) = (
        <&[u8; BLOCK]>::try_from(mins),
        <&[u8; BLOCK]>::try_from(maxs),
    ) {
        let min = lo.iter().fold(u8::MAX, |a, &v| a.min(v));
        let max = hi.iter().fold(0u8, |a, &v| a.max(v));
        return (u32::from(min), u32::from(max));
    }
    let min = mins.iter().copied().min().unwrap_or(0);
    let max = maxs.iter().copied().max().unwrap_or(0);
    (u32::from(min), u32::from(max))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gray(width: usize, height: usize, f: impl Fn(usize, usize) -> u8) -> Gray {
        let mut pixels = Vec::with_capacity(width * height);
        for y in 0..height {
            for x in 0..width {
                pixels.push(f(x, y));
            }
        }
        Gray {
            width,
            height,
            pixels,
        }
    }

    #[test]
    fn contrast_threshold_handles_tiny_and_flat_images() {
        for (w, h) in [(0, 0), (1, 1), (5, 3), (9, 17)] {
            let g = gray(w, h, |_, _| 200);
            let bits = hybrid_contrast(&g);
            assert_eq!(bits.cells.len(), w * h);
            assert!(bits.cells.iter().all(|&c| c == 0), "{w}x{h} flat light");
        }
    }

    /// A faint checkerboard (30 grey levels) of 24 px squares, offset so
    /// that some blocks straddle an edge (contrast) and others lie inside
    /// one square (flat), on a wide flat light margin: in the blocks with
    /// contrast the second look reads every pixel right.
    #[test]
    fn contrast_threshold_reads_a_faint_pattern_among_flat_blocks() {
        let inside = |x: usize, y: usize| (44..204).contains(&x) && (44..204).contains(&y);
        let dark = |x: usize, y: usize| inside(x, y) && ((x - 44) / 24 + (y - 44) / 24) % 2 == 0;
        let g = gray(240, 240, |x, y| if dark(x, y) { 150 } else { 180 });
        let bits = hybrid_contrast(&g);
        let (bw, bh) = (240 / BLOCK, 240 / BLOCK);
        let mut flags = Vec::new();
        black_points_flat::<true>(&g, bw, bh, &mut flags);
        let mut checked = 0;
        for y in 44..204 {
            for x in 44..204 {
                if flags[(y / BLOCK) * bw + x / BLOCK] == 1 {
                    checked += 1;
                    assert_eq!(bits.cells[y * 240 + x] == 1, dark(x, y), "({x}, {y})");
                }
            }
        }
        assert!(checked > 5000, "{checked} pixels in blocks with contrast");
    }

    /// A faint code's levels (85 and 117, 32 apart) in squares of 12 px,
    /// on a grey card beside a bright scene (190) and in a large flat
    /// margin: the midrange threshold reads every pixel of the squares
    /// right; flat images read light.
    #[test]
    fn midrange_reads_a_faint_card_beside_a_bright_scene() {
        let on_card = |x: usize, y: usize| (76..220).contains(&x) && (16..220).contains(&y);
        let dark = |x: usize, y: usize| on_card(x, y) && ((x - 76) / 12 + (y - 16) / 12) % 2 == 0;
        let g = gray(320, 240, |x, y| {
            if x < 60 {
                190
            } else if dark(x, y) {
                85
            } else {
                117
            }
        });
        // Pixels three blocks or more from the scene's edge (the blocks
        // across that edge have contrast too, and their midrange, 153,
        // enters the thresholds of the blocks next to them).
        let bits = midrange(&g);
        let hybrid_bits = hybrid(&g);
        let mut hybrid_wrong = 0;
        for y in 16..220 {
            for x in 84..220 {
                assert_eq!(bits.cells[y * 320 + x] == 1, dark(x, y), "({x}, {y})");
                hybrid_wrong += usize::from((hybrid_bits.cells[y * 320 + x] == 1) != dark(x, y));
            }
        }
        assert!(hybrid_wrong > 1000, "hybrid misread {hybrid_wrong} pixels");
        for (w, h) in [(0, 0), (1, 1), (5, 3), (9, 17), (64, 48)] {
            let bits = midrange(&gray(w, h, |_, _| 200));
            assert_eq!(bits.cells.len(), w * h);
            assert!(bits.cells.iter().all(|&c| c == 0), "{w}x{h} flat light");
        }
    }
}
