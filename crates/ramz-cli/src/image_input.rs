//! QR image files wherever a command takes a URI.

use std::path::Path;

use zeroize::Zeroizing;

use crate::failure::CliError;

/// Decodes every QR code in an image file (PNG, JPEG) and returns their
/// texts; an empty list when the image holds no code.
pub fn decode_file(path: &Path) -> Result<Vec<Zeroizing<String>>, CliError> {
    Ok(decode_codes(path)?.into_iter().map(|c| c.text).collect())
}

/// Decodes every QR code in an image file, each with the payload
/// `ramz-qr` classified it as.
pub fn decode_codes(path: &Path) -> Result<Vec<ramz_qr::DecodedCode>, CliError> {
    ramz_qr::decode_image_file(path)
        .map_err(|e| CliError::bad_input(format!("{}: {e}", path.display())))
}
