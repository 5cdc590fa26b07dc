//! QR rendering for export: SVG, PNG and terminal text.
//!
//! Every renderer draws the same [`Matrix`] with a 4-module quiet zone
//! (the size ISO/IEC 18004 asks for), so anything rendered here decodes
//! back through [`decode_frame`](crate::decode_frame); the round-trip
//! tests check that.

use core::fmt::Write as _;

use qrcode::{Color, EcLevel, QrCode};
use zeroize::Zeroizing;

use crate::QrError;

/// Light modules around the code.
pub const QUIET_ZONE: usize = 4;
/// Largest module size accepted by [`png`] and [`Matrix::to_luma`].
pub const MAX_MODULE_PX: usize = 64;

/// Error-correction level: more recovers more damage, at the cost of a
/// denser code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Correction {
    /// ~7% of the code can be lost.
    Low,
    /// ~15%: the default, as authenticator exports use.
    #[default]
    Medium,
    /// ~25%.
    Quartile,
    /// ~30%.
    High,
}

/// How [`terminal`] draws: terminals differ in background colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TerminalStyle {
    /// For dark terminal backgrounds (the usual default): light modules
    /// are printed as blocks, dark modules as blank cells.
    #[default]
    DarkBackground,
    /// For light backgrounds: dark modules are printed as blocks.
    LightBackground,
}

/// The module grid of an encoded payload, without quiet zone.
pub struct Matrix {
    size: usize,
    dark: Vec<bool>,
}

impl Matrix {
    /// Encodes `payload` (UTF-8, byte mode as needed) at `correction`.
    pub fn encode(payload: &str, correction: Correction) -> Result<Self, QrError> {
        let level = match correction {
            Correction::Low => EcLevel::L,
            Correction::Medium => EcLevel::M,
            Correction::Quartile => EcLevel::Q,
            Correction::High => EcLevel::H,
        };
        let code = QrCode::with_error_correction_level(payload.as_bytes(), level)
            .map_err(|_| QrError::PayloadTooLong { len: payload.len() })?;
        let size = code.width();
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        Ok(Self { size, dark })
    }

    /// Modules per side (21 for version 1 … 177 for version 40).
    pub fn size(&self) -> usize {
        self.size
    }

    /// Whether module `(x, y)` is dark; the quiet zone and beyond are light.
    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        x < self.size && y < self.size && self.dark[y * self.size + x]
    }

    /// Whether the module at `(x, y)` counted from the outer edge of the
    /// quiet zone is dark.
    fn dark_with_quiet(&self, x: usize, y: usize) -> bool {
        x >= QUIET_ZONE && y >= QUIET_ZONE && self.is_dark(x - QUIET_ZONE, y - QUIET_ZONE)
    }

    /// Side of the rendered square in modules, quiet zone included.
    pub fn side_with_quiet_zone(&self) -> usize {
        self.size + 2 * QUIET_ZONE
    }

    /// Rasterises to an 8-bit luma image (0 dark, 255 light) of side
    /// `side_with_quiet_zone() * module_px`; returns pixels and side.
    pub fn to_luma(&self, module_px: usize) -> Result<(Vec<u8>, usize), QrError> {
        check_module_px(module_px)?;
        let side = self.side_with_quiet_zone() * module_px;
        let mut out = vec![255u8; side * side];
        for (y, row) in out.chunks_exact_mut(side).enumerate() {
            for (x, px) in row.iter_mut().enumerate() {
                if self.dark_with_quiet(x / module_px, y / module_px) {
                    *px = 0;
                }
            }
        }
        Ok((out, side))
    }
}

/// `payload` as a standalone SVG document (one `<path>`, black on white,
/// 1 user unit per module, quiet zone included).
pub fn svg(payload: &str, correction: Correction) -> Result<Zeroizing<String>, QrError> {
    let m = Matrix::encode(payload, correction)?;
    let side = m.side_with_quiet_zone();
    let mut out = Zeroizing::new(String::with_capacity(64 + m.size * m.size * 4));
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" \
         viewBox=\"0 0 {side} {side}\" width=\"{w}\" height=\"{w}\" shape-rendering=\"crispEdges\">\n\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"",
        w = side * 8
    );
    for y in 0..m.size {
        let mut x = 0;
        while x < m.size {
            if m.is_dark(x, y) {
                let start = x;
                while x < m.size && m.is_dark(x, y) {
                    x += 1;
                }
                let _ = write!(
                    out,
                    "M{} {}h{}v1h-{}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE,
                    x - start,
                    x - start
                );
            } else {
                x += 1;
            }
        }
    }
    out.push_str("\"/>\n</svg>\n");
    Ok(out)
}

#[cfg(feature = "render")]
/// `payload` as a 1-bit greyscale PNG with `module_px` pixels per module
/// (1..=64), quiet zone included. Encoded with the small `png` crate so
/// that the mobile library and the server need not link `image`.
pub fn png(
    payload: &str,
    correction: Correction,
    module_px: usize,
) -> Result<Zeroizing<Vec<u8>>, QrError> {
    check_module_px(module_px)?;
    let m = Matrix::encode(payload, correction)?;
    let side = m.side_with_quiet_zone() * module_px;
    let row_bytes = side.div_ceil(8);
    let mut data = Zeroizing::new(vec![0u8; row_bytes * side]);
    for y in 0..side {
        for x in 0..side {
            // 1 is white in a 1-bit greyscale PNG.
            if !m.dark_with_quiet(x / module_px, y / module_px) {
                data[y * row_bytes + x / 8] |= 0x80 >> (x % 8);
            }
        }
    }
    let side32 = u32::try_from(side).map_err(|_| QrError::PngEncoding)?;
    let mut out = Zeroizing::new(Vec::new());
    {
        let mut encoder = png::Encoder::new(&mut *out, side32, side32);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::One);
        let mut writer = encoder.write_header().map_err(|_| QrError::PngEncoding)?;
        writer
            .write_image_data(&data)
            .map_err(|_| QrError::PngEncoding)?;
        writer.finish().map_err(|_| QrError::PngEncoding)?;
    }
    Ok(out)
}

/// `payload` as lines of Unicode half blocks (`▀`, `▄`, `█`, space): one
/// text row holds two module rows, so the code is about square in a
/// terminal font. The quiet zone is drawn too; without it phones fail to
/// read a code on a dark terminal.
pub fn terminal(
    payload: &str,
    correction: Correction,
    style: TerminalStyle,
) -> Result<Zeroizing<String>, QrError> {
    let m = Matrix::encode(payload, correction)?;
    let side = m.side_with_quiet_zone();
    let block = |x: usize, y: usize| {
        let dark = m.dark_with_quiet(x, y);
        match style {
            TerminalStyle::DarkBackground => !dark,
            TerminalStyle::LightBackground => dark,
        }
    };
    let mut out = Zeroizing::new(String::with_capacity((side + 1) * side.div_ceil(2) * 3));
    for row in 0..side.div_ceil(2) {
        let (top, bottom) = (row * 2, row * 2 + 1);
        for x in 0..side {
            let bottom_block = if bottom < side {
                block(x, bottom)
            } else {
                false
            };
            out.push(match (block(x, top), bottom_block) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        out.push('\n');
    }
    Ok(out)
}

fn check_module_px(module_px: usize) -> Result<(), QrError> {
    if module_px == 0 || module_px > MAX_MODULE_PX {
        return Err(QrError::InvalidRenderOption {
            reason: "module size must be 1..=64 pixels",
        });
    }
    Ok(())
}
