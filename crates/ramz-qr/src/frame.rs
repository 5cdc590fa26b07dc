//! A validated view of one camera luma plane.

use crate::QrError;

/// The largest accepted frame side in pixels. Camera preview frames are at
/// most 1920×1080 in practice; 4096 leaves room for still photos while
/// keeping the work per frame bounded (at most 16 Mpx).
pub const MAX_DIMENSION: usize = 4096;

/// An 8-bit luma plane: Android `ImageProxy` plane 0 (Y), iOS
/// `CVPixelBuffer` plane 0 of a bi-planar YUV buffer, or any grey image.
///
/// Building one checks every bound, so the decoder never reads outside
/// `data`. Pixel `(x, y)` is `data[y * stride + x]`; bytes between `width`
/// and `stride` (row padding) are ignored.
#[derive(Clone, Copy)]
pub struct LumaFrame<'a> {
    data: &'a [u8],
    width: usize,
    height: usize,
    stride: usize,
}

impl<'a> LumaFrame<'a> {
    /// Checks the geometry of a luma plane.
    ///
    /// The last row needs only `width` bytes (Android often omits the last
    /// row's padding), so `data` must hold `stride * (height - 1) + width`
    /// bytes.
    pub fn new(
        data: &'a [u8],
        width: usize,
        height: usize,
        stride: usize,
    ) -> Result<Self, QrError> {
        if width == 0 || height == 0 {
            return Err(QrError::EmptyFrame { width, height });
        }
        if width > MAX_DIMENSION || height > MAX_DIMENSION {
            return Err(QrError::FrameTooLarge {
                width,
                height,
                max: MAX_DIMENSION,
            });
        }
        if stride < width {
            return Err(QrError::StrideTooSmall { stride, width });
        }
        let needed = stride
            .checked_mul(height - 1)
            .and_then(|n| n.checked_add(width))
            .ok_or(QrError::DimensionsOverflow)?;
        if data.len() < needed {
            return Err(QrError::BufferTooShort {
                len: data.len(),
                needed,
            });
        }
        Ok(Self {
            data,
            width,
            height,
            stride,
        })
    }

    /// A tightly packed plane (`stride == width`).
    pub fn packed(data: &'a [u8], width: usize, height: usize) -> Result<Self, QrError> {
        Self::new(data, width, height, width)
    }

    /// Width in pixels.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Height in pixels.
    pub fn height(&self) -> usize {
        self.height
    }

    /// Row `y` (exactly `width` bytes), or an empty slice past the end.
    pub(crate) fn row(&self, y: usize) -> &'a [u8] {
        let start = y * self.stride;
        self.data.get(start..start + self.width).unwrap_or(&[])
    }
}

impl core::fmt::Debug for LumaFrame<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("LumaFrame")
            .field("width", &self.width)
            .field("height", &self.height)
            .field("stride", &self.stride)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_geometry() {
        let buf = [0u8; 100];
        assert!(matches!(
            LumaFrame::new(&buf, 0, 10, 10),
            Err(QrError::EmptyFrame { .. })
        ));
        assert!(matches!(
            LumaFrame::new(&buf, 10, 0, 10),
            Err(QrError::EmptyFrame { .. })
        ));
        assert!(matches!(
            LumaFrame::new(&buf, 10, 10, 9),
            Err(QrError::StrideTooSmall { .. })
        ));
        assert!(matches!(
            LumaFrame::new(&buf, 10, 11, 10),
            Err(QrError::BufferTooShort { .. })
        ));
        assert!(matches!(
            LumaFrame::new(&buf, 4097, 1, 5000),
            Err(QrError::FrameTooLarge { .. })
        ));
        assert!(matches!(
            LumaFrame::new(&buf, 10, 10, usize::MAX),
            Err(QrError::DimensionsOverflow)
        ));
        // Last row without padding is accepted.
        assert!(LumaFrame::new(&buf, 10, 10, 10).is_ok());
        assert!(LumaFrame::new(&buf[..46], 10, 4, 12).is_ok());
        assert!(LumaFrame::new(&buf[..45], 10, 4, 12).is_err());
    }
}
