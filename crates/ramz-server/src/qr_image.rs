//! QR images of the activation payload for the bank's web page: PNG and
//! SVG. (To be replaced by `ramz_qr::render` once that module lands.)

use qrcode::{Color, EcLevel, QrCode};

use crate::ServerError;

/// Pixels per module in the PNG.
const SCALE: usize = 8;
/// Quiet zone in modules (ISO/IEC 18004 asks for 4).
const QUIET: usize = 4;

/// The module matrix (true = dark), row-major, with its width.
pub fn modules(payload: &str) -> Result<(Vec<bool>, usize), ServerError> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|_| ServerError::Config("QR payload too long"))?;
    let width = code.width();
    Ok((
        code.to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
        width,
    ))
}

/// An 8-bit grayscale PNG, 8 pixels per module, 4-module quiet zone.
pub fn png(payload: &str) -> Result<Vec<u8>, ServerError> {
    let (dark, width) = modules(payload)?;
    let side = (width + 2 * QUIET) * SCALE;
    let mut pixels = vec![255u8; side * side];
    for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
        let (mx, my) = (i % width + QUIET, i / width + QUIET);
        for y in my * SCALE..(my + 1) * SCALE {
            pixels[y * side + mx * SCALE..y * side + (mx + 1) * SCALE].fill(0);
        }
    }
    let mut out = Vec::new();
    let side32 = u32::try_from(side).map_err(|_| ServerError::Config("QR too large"))?;
    let mut enc = png::Encoder::new(&mut out, side32, side32);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc
        .write_header()
        .map_err(|e| ServerError::Io(std::io::Error::other(e)))?;
    w.write_image_data(&pixels)
        .map_err(|e| ServerError::Io(std::io::Error::other(e)))?;
    w.finish()
        .map_err(|e| ServerError::Io(std::io::Error::other(e)))?;
    Ok(out)
}

/// A scalable SVG (one path, one unit per module).
pub fn svg(payload: &str) -> Result<String, ServerError> {
    let (dark, width) = modules(payload)?;
    let side = width + 2 * QUIET;
    let mut path = String::new();
    for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
        path.push_str(&format!(
            "M{} {}h1v1h-1z",
            i % width + QUIET,
            i / width + QUIET
        ));
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}
