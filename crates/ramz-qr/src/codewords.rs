//! From a sampled module grid to corrected data codewords: format
//! information, the function-pattern layout, unmasking, the zigzag
//! codeword order, block de-interleaving and Reed–Solomon correction.
//!
//! The format information (15 bits, two copies) is checked first: a grid
//! sampled at the wrong size or place almost never reads as a valid
//! format word within 3 bit errors, so it is rejected before any
//! Reed–Solomon work.

use zeroize::Zeroizing;

use crate::reed_solomon;

/// Error correction level, in the order of the format bits' meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Level {
    L,
    M,
    Q,
    H,
}

impl Level {
    fn index(self) -> usize {
        match self {
            Level::L => 0,
            Level::M => 1,
            Level::Q => 2,
            Level::H => 3,
        }
    }
}

/// Format information: error correction level and mask pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Format {
    pub(crate) level: Level,
    pub(crate) mask: u8,
}

/// Corrected data codewords of one grid, with its version.
pub(crate) struct DataCodewords {
    pub(crate) version: usize,
    pub(crate) bytes: Zeroizing<Vec<u8>>,
}

/// Error-correction codewords per block, by level (L, M, Q, H) and
/// version (index 0 unused). ISO/IEC 18004 table 9.
const EC_PER_BLOCK: [[u8; 41]; 4] = [
    [
        0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28,
        30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28,
        28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
    ],
    [
        0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30,
        30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
    [
        0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24,
        30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
    ],
];

/// Number of blocks, same indexing.
const BLOCKS: [[u8; 41]; 4] = [
    [
        0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13,
        14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
    ],
    [
        0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21,
        23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
    ],
    [
        0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29,
        34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
    ],
    [
        0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32,
        35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
    ],
];

/// Reads, corrects and returns the data codewords of a `dim`×`dim` grid
/// (`cells[y * dim + x]`, true = dark), or `None` if it is not a valid
/// code. Bounded work: one pass over the grid plus Reed–Solomon on at
/// most 81 blocks.
pub(crate) fn read(cells: &[bool], dim: usize) -> Option<DataCodewords> {
    let version = version_of(dim)?;
    if cells.len() != dim * dim {
        return None;
    }
    if !timing_plausible(cells, dim) {
        return None;
    }
    let format = read_format(cells, dim)?;
    let raw = raw_codewords(cells, dim, version, format)?;
    let level = format.level.index();
    let ec = usize::from(*EC_PER_BLOCK.get(level)?.get(version)?);
    let blocks = usize::from(*BLOCKS.get(level)?.get(version)?);
    let total = raw.len();
    if blocks == 0 || total < blocks * (ec + 1) {
        return None;
    }
    let short_len = total / blocks;
    let long_count = total % blocks;
    let short_count = blocks - long_count;
    let short_data = short_len.checked_sub(ec)?;
    let data_total: usize = total - blocks * ec;
    let mut data = Zeroizing::new(vec![0u8; data_total]);
    let mut block = Zeroizing::new(Vec::with_capacity(short_len + 1));
    let mut out_pos = 0usize;
    for b in 0..blocks {
        let data_len = short_data + usize::from(b >= short_count);
        block.clear();
        // Data codewords are interleaved column by column; long blocks
        // carry one extra data codeword after all short blocks' columns.
        for j in 0..short_data {
            block.push(*raw.get(j * blocks + b)?);
        }
        if data_len > short_data {
            block.push(*raw.get(short_data * blocks + (b - short_count))?);
        }
        let ec_start = data_total;
        for j in 0..ec {
            block.push(*raw.get(ec_start + j * blocks + b)?);
        }
        reed_solomon::correct(&mut block, ec).ok()?;
        data.get_mut(out_pos..out_pos + data_len)?
            .copy_from_slice(block.get(..data_len)?);
        out_pos += data_len;
    }
    Some(DataCodewords {
        version,
        bytes: data,
    })
}

/// Most modules of the timing row and column (between the finders) that
/// may disagree with the alternating pattern, as a fraction: a grid
/// sampled at the wrong size or from the wrong triple loses the rhythm
/// after a few modules and disagrees about half the time.
const MAX_TIMING_ERRORS: f32 = 0.3;

/// Checks the timing patterns before any other work on the grid.
pub(crate) fn timing_plausible(cells: &[bool], dim: usize) -> bool {
    let mut errors = 0usize;
    let mut total = 0usize;
    for i in 8..dim.saturating_sub(8) {
        let expected = i % 2 == 0;
        for idx in [6 * dim + i, i * dim + 6] {
            total += 1;
            errors += usize::from(cells.get(idx).copied() != Some(expected));
        }
    }
    (errors as f32) <= MAX_TIMING_ERRORS * total as f32
}

/// Whether either copy of the format information reads (within 3 bit
/// errors): a cheap sign that the grid is a code seen at the right size,
/// before more expensive sampling.
pub(crate) fn format_readable(cells: &[bool], dim: usize) -> bool {
    cells.len() == dim * dim && read_format(cells, dim).is_some()
}

/// Whether both copies of the format information read (each within 3
/// bit errors) as the same word. Noise passes the one-copy test about
/// half the time, this one about once in a hundred.
pub(crate) fn format_confirmed(cells: &[bool], dim: usize) -> bool {
    if cells.len() != dim * dim {
        return false;
    }
    let [first, second] = format_bits(cells, dim);
    let nearest = |read: u16| {
        FORMAT_WORDS
            .iter()
            .enumerate()
            .map(|(d, &w)| ((w ^ read).count_ones(), d))
            .min()
            .filter(|&(dist, _)| dist <= 3)
            .map(|(_, d)| d)
    };
    matches!((nearest(first), nearest(second)), (Some(a), Some(b)) if a == b)
}

/// `dim = 17 + 4 * version`.
fn version_of(dim: usize) -> Option<usize> {
    ((21..=177).contains(&dim) && dim % 4 == 1).then(|| (dim - 17) / 4)
}

/// The 32 valid format words (before the 0x5412 mask) indexed by their
/// 5 data bits.
const fn format_words() -> [u16; 32] {
    let mut t = [0u16; 32];
    let mut d = 0;
    while d < 32 {
        let mut r = (d as u32) << 10;
        let mut bit = 14;
        while bit >= 10 {
            if r & (1 << bit) != 0 {
                r ^= 0x537 << (bit - 10);
            }
            bit -= 1;
        }
        t[d] = (((d as u32) << 10) | r) as u16 ^ 0x5412;
        d += 1;
    }
    t
}

const FORMAT_WORDS: [u16; 32] = format_words();

/// Both copies of the format information, nearest valid word within 3
/// bit errors (the code's guaranteed correction).
fn read_format(cells: &[bool], dim: usize) -> Option<Format> {
    let [first, second] = format_bits(cells, dim);
    let mut best = (u32::MAX, 0usize);
    for (d, &word) in FORMAT_WORDS.iter().enumerate() {
        for read in [first, second] {
            let dist = (word ^ read).count_ones();
            if dist < best.0 {
                best = (dist, d);
            }
        }
    }
    if best.0 > 3 {
        return None;
    }
    let d = best.1;
    let level = match d >> 3 {
        0 => Level::M,
        1 => Level::L,
        2 => Level::H,
        _ => Level::Q,
    };
    Some(Format {
        level,
        mask: (d & 7) as u8,
    })
}

/// The two 15-bit copies of the format information as sampled.
fn format_bits(cells: &[bool], dim: usize) -> [u16; 2] {
    let at = |x: usize, y: usize| u16::from(cells.get(y * dim + x).copied().unwrap_or(false));
    let mut first = 0u16;
    let mut second = 0u16;
    for i in 0..15usize {
        let (x1, y1) = match i {
            0..=5 => (8, i),
            6 => (8, 7),
            7 => (8, 8),
            8 => (7, 8),
            _ => (14 - i, 8),
        };
        first |= at(x1, y1) << i;
        let (x2, y2) = if i < 8 {
            (dim - 1 - i, 8)
        } else {
            (8, dim - 15 + i)
        };
        second |= at(x2, y2) << i;
    }
    [first, second]
}

/// Row/column centres of the alignment patterns of `version`.
pub(crate) fn alignment_positions(version: usize) -> ([usize; 7], usize) {
    let mut out = [0usize; 7];
    if version < 2 {
        return (out, 0);
    }
    let count = version / 7 + 2;
    let dim = 17 + 4 * version;
    let step = if version == 32 {
        26
    } else {
        (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2
    };
    out[0] = 6;
    for i in 1..count {
        out[count - i] = dim - 7 - (i - 1) * step;
    }
    (out, count)
}

/// Marks every function module (finders, separators, format and version
/// information, timing, alignment, the dark module).
fn function_mask(dim: usize, version: usize) -> Vec<bool> {
    let mut f = vec![false; dim * dim];
    let mut fill = |x0: usize, y0: usize, w: usize, h: usize| {
        for y in y0..(y0 + h).min(dim) {
            for x in x0..(x0 + w).min(dim) {
                if let Some(c) = f.get_mut(y * dim + x) {
                    *c = true;
                }
            }
        }
    };
    fill(0, 0, 9, 9);
    fill(dim - 8, 0, 8, 9);
    fill(0, dim - 8, 9, 8);
    fill(6, 0, 1, dim);
    fill(0, 6, dim, 1);
    let (pos, n) = alignment_positions(version);
    for (i, &ay) in pos.iter().take(n).enumerate() {
        for (j, &ax) in pos.iter().take(n).enumerate() {
            let corner = (i == 0 && (j == 0 || j == n - 1)) || (i == n - 1 && j == 0);
            if !corner {
                fill(ax - 2, ay - 2, 5, 5);
            }
        }
    }
    if version >= 7 {
        fill(dim - 11, 0, 3, 6);
        fill(0, dim - 11, 6, 3);
    }
    f
}

fn mask_bit(mask: u8, x: usize, y: usize) -> bool {
    match mask {
        0 => (x + y) % 2 == 0,
        1 => y % 2 == 0,
        2 => x % 3 == 0,
        3 => (x + y) % 3 == 0,
        4 => (x / 3 + y / 2) % 2 == 0,
        5 => (x * y) % 2 + (x * y) % 3 == 0,
        6 => ((x * y) % 2 + (x * y) % 3) % 2 == 0,
        _ => ((x + y) % 2 + (x * y) % 3) % 2 == 0,
    }
}

/// The codewords in placement order (still interleaved), unmasked.
fn raw_codewords(
    cells: &[bool],
    dim: usize,
    version: usize,
    format: Format,
) -> Option<Zeroizing<Vec<u8>>> {
    let function = function_mask(dim, version);
    let data_modules = function.iter().filter(|&&f| !f).count();
    let total = data_modules / 8;
    let mut out = Zeroizing::new(vec![0u8; total]);
    let mut bit = 0usize;
    let mut right = dim - 1;
    loop {
        if right == 6 {
            right = 5;
        }
        let upward = (right + 1) & 2 == 0;
        for vert in 0..dim {
            let y = if upward { dim - 1 - vert } else { vert };
            for x in [right, right - 1] {
                let idx = y * dim + x;
                if function.get(idx).copied().unwrap_or(true) {
                    continue;
                }
                if bit < total * 8 {
                    let dark = cells.get(idx).copied().unwrap_or(false);
                    if dark != mask_bit(format.mask, x, y) {
                        let byte = out.get_mut(bit / 8)?;
                        *byte |= 0x80 >> (bit % 8);
                    }
                }
                bit += 1;
            }
        }
        if right < 2 {
            break;
        }
        right -= 2;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::{EcLevel, QrCode, Version};

    fn grid(code: &QrCode) -> Vec<bool> {
        code.to_colors()
            .iter()
            .map(|c| *c == qrcode::Color::Dark)
            .collect()
    }

    #[test]
    fn function_mask_matches_the_encoder() {
        for v in 1..=40usize {
            let dim = 17 + 4 * v;
            let f = function_mask(dim, v);
            for y in 0..dim {
                for x in 0..dim {
                    let theirs = qrcode::canvas::is_functional(
                        Version::Normal(v as i16),
                        dim as i16,
                        x as i16,
                        y as i16,
                    );
                    // The encoder's helper leaves out the version blocks.
                    let version_block = v >= 7
                        && ((x + 11 >= dim && x + 8 < dim && y < 6)
                            || (y + 11 >= dim && y + 8 < dim && x < 6));
                    assert_eq!(f[y * dim + x], theirs || version_block, "v{v} ({x},{y})");
                }
            }
        }
    }

    #[test]
    fn every_version_and_level_reads_back() {
        let levels = [
            (EcLevel::L, Level::L),
            (EcLevel::M, Level::M),
            (EcLevel::Q, Level::Q),
            (EcLevel::H, Level::H),
        ];
        for v in 1..=40i16 {
            for (theirs, ours) in levels {
                let payload = format!("v{v}{ours:?}");
                let code =
                    QrCode::with_version(payload.as_bytes(), Version::Normal(v), theirs).unwrap();
                let dim = code.width();
                let read = read(&grid(&code), dim).expect("decodes");
                assert_eq!(read.version, v as usize);
                let text = crate::segments::decode(&read.bytes, read.version).unwrap();
                assert_eq!(&text[..], payload.as_bytes(), "v{v} {ours:?}");
            }
        }
    }

    #[test]
    fn damaged_format_and_data_still_read() {
        let code =
            QrCode::with_error_correction_level(b"otpauth://totp/x?secret=JBSWY3DP", EcLevel::M)
                .unwrap();
        let dim = code.width();
        let mut cells = grid(&code);
        // Three bits of the first format copy and a few data modules.
        for (x, y) in [
            (8, 0),
            (8, 1),
            (2, 8),
            (dim - 1, dim - 1),
            (dim - 3, dim - 5),
        ] {
            cells[y * dim + x] ^= true;
        }
        assert!(read(&cells, dim).is_some());
    }

    /// Differential check against rqrr's grid decoder (an independent
    /// implementation): on damaged grids both must agree.
    #[test]
    fn agrees_with_rqrr_on_damaged_grids() {
        let mut seed = 11u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        let mut both_ok = 0;
        for case in 0..150 {
            let len = 10 + next() % 300;
            let payload: String = (0..len)
                .map(|_| char::from(b' ' + (next() % 95) as u8))
                .collect();
            let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).unwrap();
            let dim = code.width();
            let mut cells = grid(&code);
            let flips = case % 40 * dim * dim / 1000;
            for _ in 0..flips {
                let x = next() % dim;
                let y = next() % dim;
                cells[y * dim + x] ^= true;
            }
            let ours = read(&cells, dim)
                .and_then(|d| crate::segments::decode(&d.bytes, d.version))
                .map(|b| b.to_vec());
            let simple = rqrr::SimpleGrid::from_func(dim, |x, y| cells[y * dim + x]);
            let mut theirs = Vec::new();
            let theirs = rqrr::Grid::new(simple)
                .decode_to(&mut theirs)
                .ok()
                .map(|_| theirs);
            if let (Some(a), Some(b)) = (&ours, &theirs) {
                assert_eq!(a, b, "case {case}");
                both_ok += 1;
            } else {
                assert_eq!(
                    ours.is_some(),
                    theirs.is_some(),
                    "case {case}, {flips} flips"
                );
            }
        }
        assert!(both_ok > 50, "{both_ok}");
    }

    #[test]
    fn noise_is_rejected() {
        let mut s = 99u32;
        for dim in [21usize, 25, 57, 101] {
            let cells: Vec<bool> = (0..dim * dim)
                .map(|_| {
                    s = s.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    s >> 16 & 1 == 1
                })
                .collect();
            assert!(read(&cells, dim).is_none());
        }
        assert!(read(&[true; 10], 3).is_none());
        assert!(read(&[true; 21 * 20], 21).is_none());
    }
}
