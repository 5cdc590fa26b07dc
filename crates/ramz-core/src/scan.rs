//! Camera frames to text. Runs without the authenticator's lock so a slow
//! frame never blocks the code list.

use zeroize::Zeroizing;

use crate::{CoreError, InputProblem};

/// Decodes the first QR code in a luma (Y plane) frame: `width` × `height`
/// pixels, `row_stride` bytes per row (≥ `width`). `Ok(None)` when the
/// frame holds no readable code. Takes tens of milliseconds on a phone
/// frame: call it on the camera's analysis thread.
pub fn decode_frame(
    luma: &[u8],
    width: usize,
    height: usize,
    row_stride: usize,
) -> Result<Option<Zeroizing<String>>, CoreError> {
    let codes = ramz_qr::decode_luma(luma, width, height, row_stride)
        .map_err(|_| CoreError::InvalidInput(InputProblem::Frame))?;
    Ok(codes.into_iter().next().map(|c| c.text))
}
