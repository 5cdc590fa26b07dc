//! The frame decoder: preprocessing passes around the locator.

use ramz_otp::payload::{Payload, classify};
use zeroize::Zeroizing;

use crate::budget::Budget;
use crate::finder::FinderPattern;
use crate::gray::{Bits, Gray, Region};
use crate::locate::{self, Found};
#[cfg(feature = "rqrr-fallback")]
use crate::rqrr_pass;
use crate::stage_timing::{Stage, timed};
use crate::transform::Point;
use crate::{LumaFrame, QrError, binarize, faint_look, finder, rescan, second_look, third_look};

/// One QR code read from a frame.
pub struct DecodedCode {
    /// The text in the code, exactly as encoded. Often a secret.
    pub text: Zeroizing<String>,
    /// What the text is (otpauth account, migration batch, bank
    /// activation, unknown, or a known format that does not parse).
    pub payload: Payload,
    /// The code's corners in frame pixels: top-left, top-right,
    /// bottom-right, bottom-left as the code reads (not as the frame is
    /// oriented).
    pub corners: [Point; 4],
}

impl core::fmt::Debug for DecodedCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("DecodedCode")
            .field(
                "text",
                &format_args!("[redacted, {} bytes]", self.text.len()),
            )
            .field("payload", &self.payload)
            .field("corners", &self.corners)
            .finish()
    }
}

/// Tuning of [`decode_frame_with`]. [`DecodeOptions::default`] is what
/// the benchmark in the README measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecodeOptions {
    /// Only look inside this part of the frame (the viewfinder's window).
    /// Clamped to the frame.
    pub region: Option<Region>,
    /// Frames whose longer side (of the region) exceeds this are shrunk by
    /// an integer factor first; the full-resolution image is tried too
    /// when the shrunk one shows at least two finder-like patterns but
    /// yields no code.
    pub downscale_above: usize,
    /// Also try the image with dark and light swapped (light-on-dark
    /// codes), when the normal image yields nothing.
    pub try_inverted: bool,
    /// Run rqrr's own detector on a small copy when the locator saw a few
    /// finder patterns (3 to 12) but read nothing. Off by default: it
    /// reads a few more rotated and tilted frames (crate README), but its
    /// alignment search is bounded only by an estimate derived from the
    /// image content, and fuzzing found 320×240 frames on which it spends
    /// 0.6–1.8 s. Turn it on only where a slow frame is acceptable.
    /// Only with the `rqrr-fallback` cargo feature.
    #[cfg(feature = "rqrr-fallback")]
    pub rqrr_fallback: bool,
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self {
            region: None,
            downscale_above: 1920,
            try_inverted: true,
            #[cfg(feature = "rqrr-fallback")]
            rqrr_fallback: false,
        }
    }
}

impl DecodeOptions {
    /// Options restricted to `region`.
    pub fn with_region(mut self, region: Region) -> Self {
        self.region = Some(region);
        self
    }
}

/// Decodes every QR code in a luma plane with default options.
///
/// ```
/// let frame = ramz_qr::LumaFrame::packed(&[255u8; 64 * 48], 64, 48)?;
/// assert!(ramz_qr::decode_frame(&frame).is_empty());
/// # Ok::<(), ramz_qr::QrError>(())
/// ```
pub fn decode_frame(frame: &LumaFrame<'_>) -> Vec<DecodedCode> {
    decode_frame_with(frame, &DecodeOptions::default())
}

/// Checks the buffer geometry, then decodes; see [`LumaFrame::new`].
pub fn decode_luma(
    data: &[u8],
    width: usize,
    height: usize,
    stride: usize,
) -> Result<Vec<DecodedCode>, QrError> {
    Ok(decode_frame(&LumaFrame::new(data, width, height, stride)?))
}

/// Decodes every QR code in a luma plane.
pub fn decode_frame_with(frame: &LumaFrame<'_>, options: &DecodeOptions) -> Vec<DecodedCode> {
    let region = options.region.unwrap_or(Region {
        x: 0,
        y: 0,
        width: frame.width(),
        height: frame.height(),
    });
    let longer = region
        .width
        .min(frame.width())
        .max(region.height.min(frame.height()));
    let limit = options.downscale_above.max(64);
    let factor = longer.div_ceil(limit).max(1);
    let mut ladder = Ladder {
        frame,
        region,
        inverted: options.try_inverted,
        budget: Budget::per_frame(),
        found: Vec::new(),
        looked_again: false,
    };
    if longer <= MAX_SIDE_FOR_DOUBLE {
        ladder.budget.searches = ladder.budget.searches.min(SMALL_FRAME_SEARCHES);
    }
    let first = ladder.pass(factor);
    let (mut seen, mut leftover) = (first.seen, first.leftover);
    let mut spread = first.spread;
    let mut left_spread = first.left_spread;
    let mut f = factor;
    // Close-ups in stills: the most-confirmed pattern's modules are so
    // large at the first size that its centre is wider than the
    // binariser's window; finer sizes only make that worse (none of them
    // read such a photo on the BoofCV set, and the full-resolution pass
    // of a 12 MP photo is its costliest), the coarser copies below are
    // what read them. Those first, then, if they read nothing, the rest.
    let close_up = factor >= PHOTO_FACTOR && first.top_module >= CLOSE_UP_MODULE;
    if close_up && ladder.found.is_empty() {
        ladder.coarse_passes(longer, factor, seen);
        if !ladder.found.is_empty() {
            return ladder.found;
        }
    }
    // Still photos (shrunk by 3 or more): a code that fills a tenth of
    // the picture has modules under a pixel at the first size and shows
    // no finder pattern at all. Half the shrink factor, whatever was seen.
    let mut half_shrink = None;
    if ladder.found.is_empty() && factor >= PHOTO_FACTOR {
        f = factor.div_ceil(2);
        half_shrink = Some(f);
        let p = ladder.pass(f);
        seen = seen.max(p.seen);
        leftover = p.leftover;
        spread.merge(p.spread);
        left_spread = p.left_spread;
    }
    // Codes were read but finder patterns are left over that no read code
    // explains: more (smaller) codes in the frame, as on a sheet of
    // labels or a page of account codes. Read again at twice the detail,
    // as long as that leaves patterns over.
    // Large photos: only around the left-over patterns.
    while !ladder.found.is_empty() && f > 1 && leftover >= MIN_LEFTOVER {
        f = (f / 2).max(1);
        let p = match left_spread.window(region) {
            Some(window) if factor >= PHOTO_FACTOR => ladder.pass_within(window, f),
            _ => ladder.pass(f),
        };
        leftover = p.leftover;
        left_spread = p.left_spread;
    }
    // Full resolution only when the shrunk image showed at least two
    // finder-like patterns: a single ring in clutter is common on frames
    // with no code, and the full-resolution pass is 4-9x the cost. On
    // large photos only around the patterns seen, however much of the
    // photo that is (windows over half of it: same BoofCV reads, the
    // slowest photos -3 %).
    if ladder.found.is_empty() && factor > 1 && seen >= 2 {
        match spread.window_any(region) {
            Some(window) if factor >= PHOTO_FACTOR => {
                ladder.pass_within(window, 1);
            }
            _ => {
                ladder.pass(1);
            }
        }
    }
    // A frame read at full size can also be read at half size: the box
    // filter averages sensor noise away, and blurred large modules still
    // span 2+ pixels (zxing-cpp's pyramid does the same). Same gate.
    // Frames that also get the double-size pass below keep their
    // fourth-corner search for it: at half size their codes' modules
    // are 1-2 px, and of 35 searches made here on the dev sets none read
    // a code (each costs as much as the whole first pass).
    if ladder.found.is_empty() && factor == 1 && seen >= 2 && longer >= MIN_SIDE_FOR_HALF {
        if longer <= MAX_SIDE_FOR_DOUBLE {
            ladder.pass_without_search(2);
        } else {
            ladder.pass(2);
        }
    }
    // Frames shrunk by 3 or more (1080p and up) that showed patterns at
    // neither size: the middle size, for noisy small-module codes
    // (unless that was their half-shrink pass: the same image, triples
    // and order, so the same failures, and a 12 MP photo's most costly
    // pass).
    if ladder.found.is_empty() && factor >= 3 && seen >= 2 && half_shrink != Some(2) {
        ladder.pass(2);
    }
    // Small frames with small codes (2 px modules, a dense code seen
    // from afar): the frame at twice the size, when patterns were seen.
    // Only around the patterns the first pass saw (the window the
    // full-resolution pass of a still uses, whatever its share of the
    // frame): the codes this pass reads had their finders seen there.
    if ladder.found.is_empty() && factor == 1 && seen >= 2 && longer <= MAX_SIDE_FOR_DOUBLE {
        let window = spread
            .window_any(region)
            .map_or(region, |w| on_block_grid(w, region));
        ladder.pass_scaled(window, 1, true);
    }
    // The same for small frames whose codes were read but left finder
    // patterns over (a card of two codes, one read): twice the size,
    // around the patterns left.
    if !ladder.found.is_empty()
        && factor == 1
        && longer <= MAX_SIDE_FOR_DOUBLE
        && first.firm_leftover >= 2
    {
        if let Some(window) = first.firm_spread.window_any(region) {
            ladder.pass_scaled(on_block_grid(window, region), 1, true);
        }
    }
    // Larger frames (over 800 px) with a dense code (modules of 3 px or
    // less) whose third finder pattern the first pass missed (the moiré
    // of a photographed screen): twice the size, only around the first
    // pass's firm patterns when two lie at a code's finder spacing.
    if ladder.found.is_empty()
        && factor == 1
        && longer > MAX_SIDE_FOR_DOUBLE
        && first.firm_leftover >= 2
    {
        if let Some(window) = first.firm_spread.window_any(region) {
            ladder.pass_scaled(on_block_grid(window, region), 1, true);
        }
    }
    // Very large modules (a close-up): finder patterns wider than the
    // binariser's window lose their centres; a coarser copy is cheap
    // (a quarter of the first pass).
    // (Full-size frames had their half-size pass above.)
    if !close_up {
        ladder.coarse_passes(longer, factor, seen);
    }
    // Two finder patterns and nothing read: the third one looked for
    // where it must be (`third_look.rs`).
    if let Some(pair) = first.pair.filter(|_| ladder.found.is_empty()) {
        ladder.third_look(pair);
    }
    #[cfg(feature = "rqrr-fallback")]
    if ladder.found.is_empty()
        && options.rqrr_fallback
        && (3..=rqrr_pass::MAX_CANDIDATES).contains(&seen)
    {
        let f = longer.div_ceil(rqrr_pass::MAX_SIDE).max(1);
        let codes = timed(Stage::RqrrPass, || {
            rqrr_pass::decode(&Gray::from_frame(frame, region, f))
        });
        push_codes(codes, region, f as f32, &mut ladder.found);
    }
    ladder.found
}

/// The firm left-over patterns of a pass (`centres`: position, module,
/// seen on two rows or more; `read`: inside a code read), when two of
/// them are spaced like a code's finders: seen on two rows, the module
/// within 1.5x of a pattern of a code read (another code of the same
/// print, not noise). Empty otherwise.
fn firm_leftovers(
    centres: &[(Point, f32, bool)],
    read: &[bool],
    codes: &[Found],
) -> Vec<(Point, f32)> {
    let (read_modules, side) = read_print(centres, read, codes);
    let firm: Vec<(Point, f32)> = centres
        .iter()
        .zip(read)
        .filter(|&(&(_, module, twice), &r)| {
            twice && !r && rescan::same_print(module, &read_modules)
        })
        .map(|(&(p, m, _), _)| (p, m))
        .collect();
    let points: Vec<Point> = firm.iter().map(|&(p, _)| p).collect();
    if rescan::finder_pair(&points, side) {
        firm
    } else {
        Vec::new()
    }
}

/// The first pass of a frame over `MAX_SIDE_FOR_DOUBLE` px read nothing:
/// its firm patterns (seen on two or more rows) with modules of at most
/// `DENSE_MODULE` px, if two of them are as far apart as two finders of
/// one code (14 to 240 modules) — a dense code whose third finder the
/// pass missed.
fn dense_pair(centres: &[(Point, f32, bool)]) -> Vec<(Point, f32)> {
    let firm: Vec<(Point, f32)> = centres
        .iter()
        .filter(|&&(_, module, twice)| twice && module <= DENSE_MODULE)
        .map(|&(p, m, _)| (p, m))
        .collect();
    let pair = firm.iter().enumerate().any(|(i, &(a, ma))| {
        firm[i + 1..].iter().any(|&(b, mb)| {
            let m = 0.5 * (ma + mb);
            let d = a.distance(b);
            ma < 1.5 * mb && mb < 1.5 * ma && (14.0 * m..=240.0 * m).contains(&d)
        })
    });
    if pair { firm } else { Vec::new() }
}

/// Modules of a dense code at full size, in px: at most this for the
/// double-size window of larger frames.
const DENSE_MODULE: f32 = 3.0;

/// The print of the codes a pass read: the modules of its candidates
/// inside them (`centres`: position, module, seen twice; `read`: inside a
/// code read) and the largest read code's side, in the pass's pixels.
fn read_print(centres: &[(Point, f32, bool)], read: &[bool], codes: &[Found]) -> (Vec<f32>, f32) {
    let modules = centres
        .iter()
        .zip(read)
        .filter(|(_, r)| **r)
        .map(|(&(_, m, _), _)| m)
        .collect();
    let side = codes
        .iter()
        .map(|c| c.corners[0].distance(c.corners[1]))
        .fold(0.0, f32::max);
    (modules, side)
}

/// Module (working-image pixels at the first size, of the pattern seen
/// on most rows) from which a still is taken for a close-up: a 3-module
/// centre of 84 px against the binariser's 40 px window. On the BoofCV
/// photos the full-resolution pass read codes whose patterns showed up
/// to 23 px at the first size; close-ups that only coarse copies read,
/// 28-44 px.
const CLOSE_UP_MODULE: f32 = 28.0;

/// Shrink factors from which a frame is taken for a still photo.
const PHOTO_FACTOR: usize = 3;
/// Smallest longer side of a coarse copy worth reading.
const MIN_COARSE_SIDE: usize = 160;

/// Finder-pattern candidates outside every read code that make a finer
/// pass worth it (three could be one more code).
const MIN_LEFTOVER: usize = 3;

/// What one pass saw.
#[derive(Default)]
struct Pass {
    /// Finder-pattern candidates (the larger polarity count).
    seen: usize,
    /// Dark-on-light candidates inside none of the codes read in this pass.
    leftover: usize,
    /// Where the candidates of both polarities lie, in frame pixels.
    spread: Spread,
    /// Where the left-over ones lie.
    left_spread: Spread,
    /// Left-over candidates seen on two or more scan rows, and where
    /// (first pass only: of a small frame after a read, `firm_leftovers`;
    /// of a larger frame that read nothing, `dense_pair`).
    firm_leftover: usize,
    firm_spread: Spread,
    /// First pass that read nothing: its two confirmed patterns, when
    /// exactly two lie at a code's finder spacing (`third_look.rs`).
    pair: Option<third_look::Pair>,
    /// Module, in working-image pixels, of the candidate seen on most
    /// scan rows (either polarity); 0 when none was.
    top_module: f32,
}

/// The bounding box of finder candidates in frame pixels, and the largest
/// module among them.
#[derive(Clone, Copy, Default)]
struct Spread {
    bounds: Option<[f32; 4]>,
    module: f32,
}

impl Spread {
    fn add(&mut self, x: f32, y: f32, module: f32) {
        let b = self.bounds.get_or_insert([x, y, x, y]);
        *b = [b[0].min(x), b[1].min(y), b[2].max(x), b[3].max(y)];
        self.module = self.module.max(module);
    }

    fn merge(&mut self, other: Spread) {
        if let Some([x0, y0, x1, y1]) = other.bounds {
            self.add(x0, y0, other.module);
            self.add(x1, y1, other.module);
        }
    }

    /// The part of `region` worth a full-resolution look: the candidates'
    /// box grown on every side by its own size (a code reaches past its
    /// finder centres by up to its width; the fourth corner of a rotated
    /// one lies outside their box) and by 10 modules. `None` when that is
    /// most of the region anyway, or nothing was seen.
    fn window(&self, region: Region) -> Option<Region> {
        self.window_any(region)
            .filter(|w| 2 * w.width * w.height < region.width * region.height)
    }

    /// [`Spread::window`] whatever its share of `region` (`None` only when
    /// nothing was seen).
    fn window_any(&self, region: Region) -> Option<Region> {
        let [x0, y0, x1, y1] = self.bounds?;
        let grow = (x1 - x0).max(y1 - y0).max(20.0 * self.module) + 10.0 * self.module;
        let left = ((x0 - grow).max(region.x as f32)) as usize;
        let top = ((y0 - grow).max(region.y as f32)) as usize;
        let right = ((x1 + grow).max(0.0) as usize).min(region.x + region.width);
        let bottom = ((y1 + grow).max(0.0) as usize).min(region.y + region.height);
        let (w, h) = (right.saturating_sub(left), bottom.saturating_sub(top));
        Some(Region {
            x: left,
            y: top,
            width: w,
            height: h,
        })
    }
}

/// `window` grown left and up to the binariser's block grid of the
/// doubled `region` (4 frame pixels): the blocks, hence the thresholds
/// away from the window's edges, are those of the whole doubled frame.
fn on_block_grid(window: Region, region: Region) -> Region {
    let x = region.x + (window.x - region.x.min(window.x)) / 4 * 4;
    let y = region.y + (window.y - region.y.min(window.y)) / 4 * 4;
    Region {
        x,
        y,
        width: window.width + (window.x - x.min(window.x)),
        height: window.height + (window.y - y.min(window.y)),
    }
}

/// Fourth-corner searches for a frame of at most `MAX_SIDE_FOR_DOUBLE`
/// px (refunds for codes read still apply): the first pass's, or, when
/// that pass made none, one for a later pass. Its later passes look at
/// the same few finder patterns again (half, double size): of 35
/// searches made there after the first pass had made one (dev, dev60,
/// BoofCV), none read a code, and each cost about as much as the whole
/// first pass of a 640×480 frame.
const SMALL_FRAME_SEARCHES: usize = 1;

/// Frames (or regions) at most this long get a double-size pass.
const MAX_SIDE_FOR_DOUBLE: usize = 800;

/// Frames (or regions) at least this long also get a half-size pass.
const MIN_SIDE_FOR_HALF: usize = 480;

/// The passes of one frame: what they share.
struct Ladder<'a, 'f> {
    frame: &'a LumaFrame<'f>,
    region: Region,
    inverted: bool,
    /// The frame's work budget, shared by all passes.
    budget: Budget,
    found: Vec<DecodedCode>,
    /// Whether the first pass is over (the second look of
    /// `second_look.rs` is only made after it).
    looked_again: bool,
}

impl Ladder<'_, '_> {
    /// One resolution: normal, then inverted. Returns what it saw.
    fn pass(&mut self, factor: usize) -> Pass {
        self.pass_within(self.region, factor)
    }

    /// Coarser copies (2, 4, ... times the first shrink, down to
    /// `MIN_COARSE_SIDE`) while nothing is read, when any pattern was seen.
    fn coarse_passes(&mut self, longer: usize, factor: usize, seen: usize) {
        let mut coarse = if factor == 1 { 4 } else { 2 * factor };
        while self.found.is_empty() && seen >= 1 && longer / coarse >= MIN_COARSE_SIDE {
            self.pass(coarse);
            coarse *= 2;
        }
    }

    /// [`Ladder::pass`] with no fourth-corner search; the frame's
    /// searches are kept for later passes.
    fn pass_without_search(&mut self, factor: usize) -> Pass {
        let kept = core::mem::replace(&mut self.budget.searches, 0);
        let pass = self.pass(factor);
        self.budget.searches += kept;
        pass
    }

    /// One pass over part of the region.
    fn pass_within(&mut self, region: Region, factor: usize) -> Pass {
        self.pass_scaled(region, factor, false)
    }

    /// One pass; `up` doubles the working image (bilinear) after the
    /// shrink by `factor`.
    fn pass_scaled(&mut self, region: Region, factor: usize, up: bool) -> Pass {
        let nothing = Pass::default();
        // The frame's work is spent: no pass is worth its pixels any more.
        if self.budget.exhausted() {
            return nothing;
        }
        let frame = self.frame;
        let gray = timed(Stage::Gray, || {
            let gray = Gray::from_frame(frame, region, factor);
            if up { gray.doubled() } else { gray }
        });
        if gray.width < 21 || gray.height < 21 {
            return nothing;
        }
        let mut bits = timed(Stage::Binarize, || binarize::hybrid(&gray));
        // A doubled window: the skip of the whole doubled frame (the
        // window's own, smaller height would halve it), plus one row: its
        // modules are at least 4 px, so a finder pattern is still crossed
        // 9+ times (same reads on dev, dev60 and BoofCV; failing 640×480
        // frames -6 % instructions; one more row: +1 photo, a changed
        // candidate order, not kept).
        let skip = if up {
            row_skip(2 * (self.region.height / factor)) + 1
        } else {
            row_skip(gray.height)
        };
        let inverted = self.inverted;
        let [normal, light_on_dark] = timed(Stage::Finder, || {
            finder::find(&bits, skip, inverted).by_polarity
        });
        let seen = normal.len().max(light_on_dark.len());
        // Each list is sorted most-confirmed first.
        let top_module = normal
            .first()
            .into_iter()
            .chain(light_on_dark.first())
            .max_by_key(|c| c.count)
            .map_or(0.0, |c| c.module);
        let scale = if up {
            factor as f32 / 2.0
        } else {
            factor as f32
        };
        let f = scale;
        let to_frame = |x: f32, y: f32| (x * f + region.x as f32, y * f + region.y as f32);
        let mut spread = Spread::default();
        for c in normal.iter().chain(&light_on_dark) {
            let (x, y) = to_frame(c.x, c.y);
            spread.add(x, y, c.module * f);
        }
        let centres: Vec<(Point, f32, bool)> = normal
            .iter()
            .map(|c| (Point::new(c.x, c.y), c.module, c.count >= 2))
            .collect();
        let window_pending = !self.looked_again;
        let window = if window_pending {
            second_look::window(&normal, gray.width, gray.height)
        } else {
            None
        };
        // The best pattern, for the faint look.
        let faint = if window_pending {
            faint_look::best(&normal, &light_on_dark)
        } else {
            None
        };
        self.looked_again = true;
        // Only the first pass of a frame at full size drives the
        // card-of-two-codes pass (small frames) and the dense-pair pass
        // (larger ones) of `decode_frame_with`.
        let first_at_full = window_pending && factor == 1 && !up;
        let small = region
            .width
            .min(frame.width())
            .max(region.height.min(frame.height()))
            <= MAX_SIDE_FOR_DOUBLE;
        let (first_of_small, first_of_large) = (first_at_full && small, first_at_full && !small);
        let codes = locate::decode_all(&bits, normal, &mut self.budget);
        let read: Vec<bool> = centres
            .iter()
            .map(|&(p, _, _)| codes.iter().any(|c| inside(&c.corners, p)))
            .collect();
        let mut left_spread = Spread::default();
        let mut leftover = 0;
        for (&(p, module, _), _) in centres.iter().zip(&read).filter(|(_, r)| !**r) {
            leftover += 1;
            let (x, y) = to_frame(p.x, p.y);
            left_spread.add(x, y, module * f);
        }
        // Codes read, patterns of the same print left over: the rows the
        // scan skipped, around them (`rescan.rs`). Only in a frame's first
        // pass, at full size: in any pass, 32 of BoofCV's 536 photos
        // rescanned (shrunk ones, and the windows of their full-resolution
        // passes), none read more, +6.6 % instructions on them.
        let more = if first_at_full && skip > 1 && !codes.is_empty() {
            self.rescan(&bits, &centres, &read, &codes)
        } else {
            Vec::new()
        };
        let mut firm_spread = Spread::default();
        let mut firm_leftover = 0;
        if first_of_large && codes.is_empty() {
            let firm = dense_pair(&centres);
            for &(p, module) in &firm {
                let (x, y) = to_frame(p.x, p.y);
                firm_spread.add(x, y, module * f);
            }
            firm_leftover = firm.len();
        }
        if first_of_small && !codes.is_empty() {
            let firm = firm_leftovers(&centres, &read, &codes);
            for &(p, module) in &firm {
                let (x, y) = to_frame(p.x, p.y);
                firm_spread.add(x, y, module * f);
            }
            firm_leftover = firm.len();
        }
        let pair = (window_pending && codes.is_empty())
            .then(|| third_look::pair(&centres, region, scale))
            .flatten();
        push_codes(codes, region, scale, &mut self.found);
        push_codes(more, region, scale, &mut self.found);
        if self.found.is_empty() && inverted {
            bits.set_inverted(true);
            let codes = locate::decode_all(&bits, light_on_dark, &mut self.budget);
            push_codes(codes, region, scale, &mut self.found);
        }
        // The first pass saw patterns but read nothing: the part around
        // them binarised again for faint and washed-out codes.
        if let Some(window) = window.filter(|_| self.found.is_empty()) {
            self.second_look(&gray, window, region, scale, binarize::hybrid_contrast);
        }
        // Still nothing: the faint look (`faint_look.rs`).
        if let Some(best) = faint.filter(|_| self.found.is_empty()) {
            self.faint_look(&gray, best, window, region, scale);
        }
        Pass {
            seen,
            leftover,
            spread,
            left_spread,
            firm_leftover,
            firm_spread,
            pair,
            top_module,
        }
    }
}

impl Ladder<'_, '_> {
    /// The second look (`second_look.rs`) over `window` of the pass's
    /// image `gray` (taken `scale` frame pixels per pixel from `region`):
    /// binarised by `threshold` (flat blocks left out of the threshold's
    /// mean; the faint look's midrange, `faint_look.rs`), dark-on-light
    /// codes only, [`second_look::ATTEMPTS`] failed attempts at most and no
    /// corner search. The window is cut from the pass's image, not read
    /// again from the frame (on shrunk photos that read cost more than the
    /// look). Kept out of line: a second caller of the finder scan inlined
    /// into [`Ladder::pass_scaled`] made the compiler stop inlining it
    /// there (`finder::find_again`).
    #[inline(never)]
    fn second_look(
        &mut self,
        gray: &Gray,
        window: [usize; 4],
        region: Region,
        scale: f32,
        threshold: fn(&Gray) -> Bits,
    ) {
        let Some(part) = second_look::crop(gray, window) else {
            return;
        };
        let bits = timed(Stage::Binarize, || threshold(&part));
        let skip = row_skip(part.height) * second_look::ROW_SKIP_FACTOR;
        let [normal, _] = timed(Stage::Finder, || {
            finder::find_again(&bits, skip, false).by_polarity
        });
        let codes = self.decode_part(&bits, normal, second_look::ATTEMPTS, window);
        push_codes(codes, region, scale, &mut self.found);
    }

    /// Decodes `candidates` in `bits`, the part of a pass's image whose
    /// top-left corner is at `window`'s, with at most `attempts` failed
    /// attempts taken from the frame's budget and no corner search; the
    /// codes' corners in the pass's image (second look, faint look,
    /// rescan).
    fn decode_part(
        &mut self,
        bits: &Bits,
        candidates: Vec<FinderPattern>,
        attempts: usize,
        window: [usize; 4],
    ) -> Vec<Found> {
        let granted = self.budget.attempts.min(attempts);
        let mut budget = Budget {
            attempts: granted,
            searches: 0,
        };
        let mut codes = locate::decode_all(bits, candidates, &mut budget);
        self.budget.attempts -= granted.saturating_sub(budget.attempts);
        let (dx, dy) = (window[0] as f32, window[1] as f32);
        for code in &mut codes {
            for p in &mut code.corners {
                p.x += dx;
                p.y += dy;
            }
        }
        codes
    }
}

impl Ladder<'_, '_> {
    /// The rows the pass skipped, every one, over the window of
    /// `rescan.rs` in the pass's image `bits` (the pass read `codes`,
    /// `read` tells which of its candidates `centres` lie inside them):
    /// the codes read from the patterns found there outside the codes
    /// read, with [`RESCAN_ATTEMPTS`] failed attempts at most and no
    /// corner search. Out of line, as [`Ladder::second_look`]: inlined,
    /// it made the first pass's row scan 1 % dearer on every frame.
    #[inline(never)]
    fn rescan(
        &mut self,
        bits: &Bits,
        centres: &[(Point, f32, bool)],
        read: &[bool],
        codes: &[Found],
    ) -> Vec<Found> {
        let Some(window) = rescan_window(centres, read, codes, bits.width, bits.height) else {
            return Vec::new();
        };
        let Some(part) = rescan::crop(bits, window) else {
            return Vec::new();
        };
        let (dx, dy) = (window[0] as f32, window[1] as f32);
        let [mut normal, _] = timed(Stage::Finder, || {
            finder::find_local(&part, 1, false).by_polarity
        });
        normal.retain(|c| {
            let p = Point::new(c.x + dx, c.y + dy);
            !codes.iter().any(|code| inside(&code.corners, p))
        });
        self.decode_part(&part, normal, RESCAN_ATTEMPTS, window)
    }
}

/// Failed decode attempts granted to a rescan (`rescan.rs`).
const RESCAN_ATTEMPTS: usize = 4;

/// The window of [`Ladder::rescan`] for a pass that read `codes`, from its
/// candidates (`centres`: position, module, seen twice) and which of them
/// lie inside a code read (`read`).
fn rescan_window(
    centres: &[(Point, f32, bool)],
    read: &[bool],
    codes: &[Found],
    width: usize,
    height: usize,
) -> Option<[usize; 4]> {
    let (read_modules, side) = read_print(centres, read, codes);
    let left: Vec<(Point, f32)> = centres
        .iter()
        .zip(read)
        .filter(|(_, r)| !**r)
        .map(|(&(p, m, _), _)| (p, m))
        .collect();
    rescan::window(&left, &read_modules, side, width, height)
}

impl Ladder<'_, '_> {
    /// The faint look (`faint_look.rs`) of the pass's image `gray`: when
    /// the best pattern seen is faint, the part around it (within the
    /// second look's window grown to twice its size, if there was one)
    /// binarised with the midrange threshold, as a second look. Out of
    /// line, as [`Ladder::second_look`].
    #[inline(never)]
    fn faint_look(
        &mut self,
        gray: &Gray,
        best: FinderPattern,
        second: Option<[usize; 4]>,
        region: Region,
        scale: f32,
    ) {
        if faint_look::contrast(gray, &best) >= faint_look::MAX_CONTRAST {
            return;
        }
        if let Some(window) = faint_look::window(&best, second, gray.width, gray.height) {
            self.second_look(gray, window, region, scale, binarize::midrange);
        }
    }
}

impl Ladder<'_, '_> {
    /// The third look (`third_look.rs`): at each place the third finder
    /// of `pair` can be, the part of the frame holding the code binarised
    /// with the midrange threshold, the patterns found near that place
    /// decoded with the pair ([`third_look::ATTEMPTS`] failed attempts
    /// in all, taken from the frame's budget; no corner search), until a
    /// code is read.
    #[inline(never)]
    fn third_look(&mut self, pair: third_look::Pair) {
        let frame = self.frame;
        // Its attempts come out of the frame's budget: a frame whose
        // passes spent it gets no third look.
        let granted = third_look::ATTEMPTS.min(self.budget.attempts);
        let mut budget = Budget {
            attempts: granted,
            searches: 0,
        };
        // The part `r` of the frame at the pair's shrink, binarised with
        // the midrange threshold; `None` when too small for a finder.
        let midrange_of = |r: Region| {
            let gray = third_look::gray(frame, r, pair.factor);
            (gray.width >= 21 && gray.height >= 21)
                .then(|| timed(Stage::Binarize, || binarize::midrange(&gray)))
        };
        for place in third_look::places(&pair) {
            if budget.exhausted() {
                break;
            }
            let c = place.0;
            // The finder scan around the place first; the whole code only
            // when a pattern is there.
            let Some(window) = third_look::window(&pair, c, frame.width(), frame.height()) else {
                continue;
            };
            let Some(bits) = midrange_of(window) else {
                continue;
            };
            let skip = row_skip(bits.height);
            let [normal, _] = timed(Stage::Finder, || {
                finder::find_third(&bits, skip, false).by_polarity
            });
            let near = third_look::near(&pair, c, window, &normal);
            if near.is_empty() {
                continue;
            }
            let Some(crop) = third_look::crop(&pair, place, frame.width(), frame.height()) else {
                continue;
            };
            let Some(bits) = midrange_of(crop) else {
                continue;
            };
            let candidates = third_look::candidates(&pair, &near, crop);
            let codes = locate::decode_all(&bits, candidates, &mut budget);
            push_codes(codes, crop, pair.factor as f32, &mut self.found);
            if !self.found.is_empty() {
                break;
            }
        }
        self.budget.attempts -= granted.saturating_sub(budget.attempts);
    }
}

/// Whether `p` lies inside the convex quadrilateral `q` (either winding).
fn inside(q: &[Point; 4], p: Point) -> bool {
    let mut sign = 0i8;
    for i in 0..4 {
        let (a, b) = (q[i], q[(i + 1) % 4]);
        let cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
        let s = if cross > 0.0 { 1 } else { -1 };
        if sign != 0 && s != sign {
            return false;
        }
        sign = s;
    }
    true
}

/// Rows skipped between finder scans: a finder pattern is at least 7
/// modules of at least ~2 px, so every 2nd row on small images and a
/// little more on large ones still crosses it several times.
fn row_skip(height: usize) -> usize {
    (height / 360).clamp(1, 3)
}

/// Adds the codes not read yet, their corners taken from a working image
/// `scale` frame pixels per pixel to the frame.
fn push_codes(codes: Vec<Found>, region: Region, scale: f32, out: &mut Vec<DecodedCode>) {
    let f = scale;
    for code in codes {
        if out.iter().any(|c| *c.text == *code.text) {
            continue;
        }
        let corners = code.corners.map(|p| Point {
            x: p.x * f + region.x as f32,
            y: p.y * f + region.y as f32,
        });
        let payload = classify(&code.text);
        out.push(DecodedCode {
            text: code.text,
            payload,
            corners,
        });
    }
}
