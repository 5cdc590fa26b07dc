//! The one error type of this crate.

use thiserror::Error;

/// Why a frame, an image file or a payload to render was refused.
///
/// No variant carries decoded text or the payload itself: a QR code in this
/// app usually holds a secret.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum QrError {
    /// The frame has zero width or zero height.
    #[error("empty frame ({width}x{height})")]
    EmptyFrame {
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
    },
    /// The frame is larger than [`MAX_DIMENSION`](crate::MAX_DIMENSION) on
    /// one side.
    #[error("frame {width}x{height} is larger than the maximum {max}x{max}")]
    FrameTooLarge {
        /// Width in pixels.
        width: usize,
        /// Height in pixels.
        height: usize,
        /// The largest accepted side.
        max: usize,
    },
    /// The row stride is shorter than a row.
    #[error("row stride {stride} is shorter than the width {width}")]
    StrideTooSmall {
        /// Bytes from one row to the next.
        stride: usize,
        /// Width in pixels.
        width: usize,
    },
    /// The buffer ends before the last pixel of the last row.
    #[error("buffer of {len} bytes is shorter than the {needed} bytes the frame needs")]
    BufferTooShort {
        /// Bytes given.
        len: usize,
        /// Bytes needed: `stride * (height - 1) + width`.
        needed: usize,
    },
    /// `stride * height` does not fit in `usize`.
    #[error("frame dimensions overflow")]
    DimensionsOverflow,
    /// The text is too long for any QR code at the chosen error correction.
    #[error("payload of {len} bytes does not fit in a QR code")]
    PayloadTooLong {
        /// Bytes in the payload.
        len: usize,
    },
    /// A rendering option is out of range (module size 0 or above 64 px).
    #[error("invalid render option: {reason}")]
    InvalidRenderOption {
        /// Which option, and why.
        reason: &'static str,
    },
    /// The PNG encoder failed (it writes to memory, so this is a bug or
    /// an allocation failure).
    #[error("PNG encoding failed")]
    PngEncoding,
    /// The image file could not be read: unknown format, corrupt data or
    /// beyond the decoder's memory limits.
    #[error("unreadable image: {reason}")]
    UnreadableImage {
        /// The image decoder's reason (no pixel data in it).
        reason: String,
    },
}
