//! Whole image files (PNG, JPEG): screenshots of an exchange's QR code,
//! photos of an internet-bank page. Only with the `image` feature: the
//! mobile library gets frames from the camera and must not link `image`.

use std::io::Cursor;
use std::path::Path;

use crate::{DecodedCode, LumaFrame, MAX_DIMENSION, QrError, decode_frame};

/// Decoder memory limit: a small file can declare a huge image.
const MAX_ALLOC: u64 = 512 * 1024 * 1024;
/// Largest accepted side before shrinking to [`MAX_DIMENSION`].
const MAX_FILE_SIDE: u32 = 16_384;

/// Decodes every QR code in an encoded image (PNG or JPEG; the format is
/// sniffed from the bytes). Images larger than [`MAX_DIMENSION`] are
/// shrunk to fit first.
pub fn decode_image_bytes(bytes: &[u8]) -> Result<Vec<DecodedCode>, QrError> {
    let mut reader = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| unreadable(&e))?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_ALLOC);
    limits.max_image_width = Some(MAX_FILE_SIDE);
    limits.max_image_height = Some(MAX_FILE_SIDE);
    reader.limits(limits);
    let luma = reader.decode().map_err(|e| unreadable(&e))?.into_luma8();
    let (w, h) = (luma.width() as usize, luma.height() as usize);
    let pixels = luma.into_raw();
    let factor = w.max(h).div_ceil(MAX_DIMENSION).max(1);
    if factor == 1 {
        return Ok(decode_frame(&LumaFrame::packed(&pixels, w, h)?));
    }
    let (small, sw, sh) = shrink(&pixels, w, h, factor);
    let mut codes = decode_frame(&LumaFrame::packed(&small, sw, sh)?);
    for code in &mut codes {
        for p in &mut code.corners {
            p.x *= factor as f32;
            p.y *= factor as f32;
        }
    }
    Ok(codes)
}

/// Reads `path` and decodes it like [`decode_image_bytes`].
pub fn decode_image_file(path: &Path) -> Result<Vec<DecodedCode>, QrError> {
    let bytes = std::fs::read(path).map_err(|e| QrError::UnreadableImage {
        reason: e.kind().to_string(),
    })?;
    decode_image_bytes(&bytes)
}

fn unreadable(e: &dyn std::error::Error) -> QrError {
    QrError::UnreadableImage {
        reason: e.to_string(),
    }
}

/// Box-filter shrink by an integer factor.
fn shrink(pixels: &[u8], w: usize, h: usize, factor: usize) -> (Vec<u8>, usize, usize) {
    let (sw, sh) = (w / factor, h / factor);
    let mut out = vec![0u8; sw * sh];
    let area = (factor * factor) as u32;
    for y in 0..sh {
        for x in 0..sw {
            let mut sum = 0u32;
            for dy in 0..factor {
                let start = (y * factor + dy) * w + x * factor;
                sum += pixels[start..start + factor]
                    .iter()
                    .map(|&p| u32::from(p))
                    .sum::<u32>();
            }
            // A mean of u8 values fits in u8.
            out[y * sw + x] = (sum / area) as u8;
        }
    }
    (out, sw, sh)
}
