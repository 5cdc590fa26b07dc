//! QR image files wherever a command takes a URI.

use std::path::Path;

use crate::failure::CliError;

/// Decodes every QR code in an image file (PNG, JPEG), each with the
/// payload `ramz-qr` classified it as; an empty list when there is none.
pub fn decode_codes(path: &Path) -> Result<Vec<ramz_qr::DecodedCode>, CliError> {
    ramz_qr::decode_image_file(path)
        .map_err(|e| CliError::bad_input(format!("{}: {e}", path.display())))
}
