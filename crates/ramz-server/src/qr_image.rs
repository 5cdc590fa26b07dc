//! QR images of the activation payload for the bank's web page, drawn by
//! `ramz-qr` (medium error correction, 8 px per module in the PNG).

use ramz_qr::render::{self, Correction};

use crate::ServerError;

/// PNG bytes.
pub fn png(payload: &str) -> Result<Vec<u8>, ServerError> {
    render::png(payload, Correction::Medium, 8)
        .map(|p| p.to_vec())
        .map_err(|_| ServerError::Config("QR payload too long"))
}

/// SVG text.
pub fn svg(payload: &str) -> Result<String, ServerError> {
    render::svg(payload, Correction::Medium)
        .map(|s| s.to_string())
        .map_err(|_| ServerError::Config("QR payload too long"))
}
