//! Packed grey and black-and-white working images, and the preprocessing
//! that makes them from a camera frame (crop, downscale, invert).

use crate::LumaFrame;

/// A packed 8-bit grey image owned by the decoder.
pub(crate) struct Gray {
    pub(crate) width: usize,
    pub(crate) height: usize,
    pub(crate) pixels: Vec<u8>,
}

/// A region of a frame, in frame pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// Left edge.
    pub x: usize,
    /// Top edge.
    pub y: usize,
    /// Width.
    pub width: usize,
    /// Height.
    pub height: usize,
}

impl Gray {
    /// Copies `region` of `frame` (clamped to the frame), shrinking it by
    /// an integer `factor` with a box filter.
    pub(crate) fn from_frame(frame: &LumaFrame<'_>, region: Region, factor: usize) -> Self {
        let factor = factor.max(1);
        let x0 = region.x.min(frame.width());
        let y0 = region.y.min(frame.height());
        let x1 = x0.saturating_add(region.width).min(frame.width());
        let y1 = y0.saturating_add(region.height).min(frame.height());
        let width = (x1 - x0) / factor;
        let height = (y1 - y0) / factor;
        if factor == 1 {
            // Copied row by row into uninitialised capacity: zeroing the
            // buffer first cost as much as the copy.
            let mut pixels = Vec::with_capacity(width * height);
            for y in 0..height {
                match frame.row(y0 + y).get(x0..x0 + width) {
                    Some(src) => pixels.extend_from_slice(src),
                    None => pixels.resize(pixels.len() + width, 0),
                }
            }
            return Self {
                width,
                height,
                pixels,
            };
        }
        let mut pixels = vec![0u8; width * height];
        let rows = Rows {
            frame,
            x0,
            y0,
            width,
        };
        match factor {
            2 => shrink::<2>(&rows, &mut pixels),
            3 => shrink::<3>(&rows, &mut pixels),
            4 => shrink::<4>(&rows, &mut pixels),
            f => shrink_any(&rows, f, &mut pixels),
        }
        Self {
            width,
            height,
            pixels,
        }
    }
}

impl Gray {
    /// The image at twice the size, bilinear (pixel centres kept): a
    /// code of 2 px modules gets 4 px ones, which the binariser's 8 px
    /// blocks and the finder's run checks hold much better.
    pub(crate) fn doubled(&self) -> Self {
        let (w, h) = (self.width, self.height);
        let (w2, h2) = (2 * w, 2 * h);
        let mut pixels = vec![0u8; w2 * h2];
        if w == 0 || h == 0 {
            return Self {
                width: w2,
                height: h2,
                pixels,
            };
        }
        // Output pixel 2i+d sits at source position i - 1/4 (d = 0) or
        // i + 1/4 (d = 1): weights 3/4 and 1/4 of the two nearest on each
        // axis. Per output row the vertical blend `3 near + far` is made
        // once per source column, then each output pixel is
        // `(3 blend[i] + blend[i ± 1] + 8) / 16` (the same sum as the
        // four-tap form); both loops run over whole rows and vectorise.
        let mut blend = vec![0u16; w];
        let px = |c: u16, o: u16| ((3 * c + o + 8) >> 4) as u8;
        for (y2, out) in pixels.chunks_exact_mut(w2).enumerate() {
            let (ya, yb) = pair(y2, h);
            let near = &self.pixels[ya * w..(ya + 1) * w];
            let far = &self.pixels[yb * w..(yb + 1) * w];
            for ((b, &n), &f) in blend.iter_mut().zip(near).zip(far) {
                *b = 3 * u16::from(n) + u16::from(f);
            }
            // Borders: the missing neighbour is the pixel itself.
            let last = w - 1;
            out[0] = px(blend[0], blend[0]);
            out[1] = px(blend[0], blend[1.min(last)]);
            out[2 * last] = px(blend[last], blend[last.saturating_sub(1)]);
            out[2 * last + 1] = px(blend[last], blend[last]);
            if w >= 3 {
                for (o, b) in out[2..2 * last].chunks_exact_mut(2).zip(blend.windows(3)) {
                    o[0] = px(b[1], b[0]);
                    o[1] = px(b[1], b[2]);
                }
            }
        }
        Self {
            width: w2,
            height: h2,
            pixels,
        }
    }
}

/// For output index `o` of a doubled axis of length `n`: the nearest
/// source index and the other neighbour (clamped at the borders).
fn pair(o: usize, n: usize) -> (usize, usize) {
    let i = o / 2;
    let other = if o % 2 == 0 {
        i.saturating_sub(1)
    } else {
        (i + 1).min(n - 1)
    };
    (i, other)
}

/// Where the working image's rows come from in the frame.
struct Rows<'f, 'a> {
    frame: &'f LumaFrame<'a>,
    x0: usize,
    y0: usize,
    width: usize,
}

/// Box-filter shrink by a constant factor. The `F` source rows of an
/// output row are first added column by column (whole-row loops that
/// vectorise), then each output pixel sums `F` adjacent column sums: the
/// per-pixel chunk loop over every source row had cost ~6 instructions
/// per source pixel, most of a 12 MP photo's decode. Same sums, same
/// truncating mean.
fn shrink<const F: usize>(rows: &Rows<'_, '_>, out: &mut [u8]) {
    let width = rows.width;
    let mut columns = vec![0u16; width * F];
    for (y, out_row) in out.chunks_exact_mut(width.max(1)).enumerate() {
        columns.fill(0);
        for dy in 0..F {
            let row = rows.frame.row(rows.y0 + y * F + dy);
            let Some(row) = row.get(rows.x0..rows.x0 + width * F) else {
                continue;
            };
            // A sum of F ≤ 4 u8 values fits in u16 (at most 4 * 255).
            for (c, &p) in columns.iter_mut().zip(row) {
                *c += u16::from(p);
            }
        }
        for (o, chunk) in out_row.iter_mut().zip(columns.chunks_exact(F)) {
            let mut sum = 0u16;
            for &c in chunk {
                sum += c;
            }
            // A mean of u8 values fits in u8 (F ≤ 4: sums ≤ 16 * 255).
            *o = (u32::from(sum) / (F * F) as u32) as u8;
        }
    }
}

fn shrink_any(rows: &Rows<'_, '_>, factor: usize, out: &mut [u8]) {
    let width = rows.width;
    let area = (factor * factor) as u32;
    let mut columns = vec![0u32; width * factor];
    for (y, out_row) in out.chunks_exact_mut(width.max(1)).enumerate() {
        columns.fill(0);
        for dy in 0..factor {
            let row = rows.frame.row(rows.y0 + y * factor + dy);
            let Some(row) = row.get(rows.x0..rows.x0 + width * factor) else {
                continue;
            };
            for (c, &p) in columns.iter_mut().zip(row) {
                *c += u32::from(p);
            }
        }
        for (o, chunk) in out_row.iter_mut().zip(columns.chunks_exact(factor)) {
            *o = (chunk.iter().sum::<u32>() / area) as u8;
        }
    }
}

/// A black-and-white image: `1` is dark, `0` light.
#[derive(Clone)]
pub(crate) struct Bits {
    pub(crate) width: usize,
    pub(crate) height: usize,
    pub(crate) cells: Vec<u8>,
    /// Read light cells as dark and dark as light (light-on-dark codes).
    pub(crate) invert: bool,
}

impl Bits {
    /// Whether `(x, y)` is dark; outside the image counts as light.
    #[inline]
    pub(crate) fn dark(&self, x: usize, y: usize) -> bool {
        x < self.width && y < self.height && (self.cells[y * self.width + x] != 0) != self.invert
    }

    /// Like [`Bits::dark`] for signed coordinates.
    #[inline]
    pub(crate) fn dark_i(&self, x: isize, y: isize) -> bool {
        x >= 0 && y >= 0 && self.dark(x as usize, y as usize)
    }

    /// Like [`Bits::dark`] at the pixel containing `(x, y)`. Truncation
    /// instead of `floor` (a library call on baseline x86-64, and the
    /// hottest instruction of the corner search): they differ only left
    /// of or above the image, where every pixel reads light anyway.
    ///
    /// The bounds are tested on the floats (`x < width` exactly when
    /// `trunc(x) < width`: sides are far below 2^24, so exact as `f32`)
    /// and the index made with `as u32`: a float-to-`usize` cast is a
    /// compare-and-branch sequence on x86-64, and this lookup runs
    /// ~100,000 times per corner search. Same pixels, NaN and infinities
    /// read light as before.
    #[inline]
    pub(crate) fn dark_at(&self, x: f32, y: f32) -> bool {
        if !(x >= 0.0 && y >= 0.0 && x < self.width as f32 && y < self.height as f32) {
            return false;
        }
        let i = y as u32 as usize * self.width + x as u32 as usize;
        self.cells.get(i).is_some_and(|&c| (c != 0) != self.invert)
    }

    /// Reads the image with dark and light swapped (or not) from now on.
    pub(crate) fn set_inverted(&mut self, on: bool) {
        self.invert = on;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubling_keeps_corners_and_interpolates_between() {
        let gray = Gray {
            width: 2,
            height: 1,
            pixels: vec![0, 160],
        };
        let big = gray.doubled();
        assert_eq!((big.width, big.height), (4, 2));
        // Source centres at 0.5 and 1.5 land between output pixels 0|1
        // and 2|3: 0, 40, 120, 160 on both rows.
        assert_eq!(big.pixels, vec![0, 40, 120, 160, 0, 40, 120, 160]);
    }

    /// The float bounds test reads the same pixels as truncating to
    /// `usize` first, at the edges and for NaN and infinities.
    #[test]
    fn dark_at_matches_truncation() {
        let (w, h) = (5usize, 3usize);
        let bits = Bits {
            width: w,
            height: h,
            cells: (0..w * h).map(|i| (i % 3 == 0) as u8).collect(),
            invert: false,
        };
        let old = |x: f32, y: f32| x >= 0.0 && y >= 0.0 && bits.dark(x as usize, y as usize);
        let values = [
            f32::NAN,
            f32::NEG_INFINITY,
            f32::INFINITY,
            -1.0,
            -0.5,
            -0.0,
            0.0,
            0.25,
            0.999,
            1.0,
            2.5,
            2.999_999_8,
            3.0,
            4.999_999_5,
            5.0,
            5.5,
            1e10,
        ];
        for &x in &values {
            for &y in &values {
                assert_eq!(bits.dark_at(x, y), old(x, y), "({x}, {y})");
            }
        }
    }

    /// The column-sum shrink gives each output pixel the truncated mean
    /// of its source block, for the unrolled and the general factors, on
    /// a strided frame and a region that is not a multiple of the factor.
    #[test]
    fn shrink_is_the_block_mean() {
        let (w, h, stride) = (61usize, 37usize, 64usize);
        let mut seed = 987u32;
        let data: Vec<u8> = (0..stride * h)
            .map(|_| {
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (seed >> 16) as u8
            })
            .collect();
        let frame = LumaFrame::new(&data, w, h, stride).expect("valid frame");
        let region = Region {
            x: 3,
            y: 2,
            width: 55,
            height: 33,
        };
        for factor in [2, 3, 4, 5, 6, 7] {
            let gray = Gray::from_frame(&frame, region, factor);
            assert_eq!((gray.width, gray.height), (55 / factor, 33 / factor));
            for oy in 0..gray.height {
                for ox in 0..gray.width {
                    let mut sum = 0u32;
                    for dy in 0..factor {
                        for dx in 0..factor {
                            let (x, y) = (3 + ox * factor + dx, 2 + oy * factor + dy);
                            sum += u32::from(data[y * stride + x]);
                        }
                    }
                    let want = (sum / (factor * factor) as u32) as u8;
                    assert_eq!(
                        gray.pixels[oy * gray.width + ox],
                        want,
                        "f{factor} ({ox}, {oy})"
                    );
                }
            }
        }
    }

    /// The row-blend form gives exactly the four-tap bilinear sum.
    #[test]
    fn doubling_matches_the_four_tap_sum() {
        let mut seed = 12345u32;
        for (w, h) in [(1, 1), (1, 3), (2, 2), (3, 1), (7, 5), (16, 9)] {
            let pixels = (0..w * h)
                .map(|_| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (seed >> 16) as u8
                })
                .collect();
            let gray = Gray {
                width: w,
                height: h,
                pixels,
            };
            let big = gray.doubled();
            for y2 in 0..2 * h {
                let (ya, yb) = pair(y2, h);
                for x2 in 0..2 * w {
                    let (xa, xb) = pair(x2, w);
                    let p = |x: usize, y: usize| u32::from(gray.pixels[y * w + x]);
                    let s = 9 * p(xa, ya) + 3 * (p(xb, ya) + p(xa, yb)) + p(xb, yb);
                    assert_eq!(u32::from(big.pixels[y2 * 2 * w + x2]), (s + 8) / 16);
                }
            }
        }
    }
}
