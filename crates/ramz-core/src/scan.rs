//! Scanning: camera frames and pasted texts become pending payloads.
//!
//! A text is classified once: `ramz-qr` classifies what it decodes from a
//! frame, and that payload is kept as it is; a pasted text is classified
//! here. Decoding a frame takes tens of milliseconds, so
//! [`Authenticator::scan_frame`] does it without access to the
//! authenticator: a shell that keeps the authenticator behind a lock (the
//! FFI's mutex) holds it only for the two short steps around the decode.

use std::ops::DerefMut;

use ramz_otp::payload::classify;

use crate::{Authenticator, CoreError, InputProblem, Scanned};

impl Authenticator {
    /// Classifies a scanned or pasted text. Payloads that can be added are
    /// kept here (with their secrets) under the returned pending id.
    pub fn read_text(&mut self, text: &str) -> Result<Scanned, CoreError> {
        self.session()?;
        Ok(self.pending.accept(text, classify))
    }

    /// Keeps a QR code that `ramz-qr` already decoded and classified (from
    /// an image file, or a frame) without classifying its text again.
    pub fn read_code(&mut self, code: ramz_qr::DecodedCode) -> Result<Scanned, CoreError> {
        self.session()?;
        let payload = code.payload;
        Ok(self.pending.accept(&code.text, move |_| payload))
    }

    /// Reads the first QR code in a luma (Y plane) camera frame: `width` ×
    /// `height` pixels, `row_stride` bytes per row (≥ `width`).
    /// `Ok(None)` when the frame holds no readable code. Call it on the
    /// camera's analysis thread.
    ///
    /// `authenticator` gives access to the authenticator (`|| &mut auth`
    /// through a `RefCell`, or a mutex guard); it is called once before
    /// the decode (a locked vault scans nothing) and once after it, never
    /// during it, so the code list is not blocked by a slow frame.
    pub fn scan_frame<G>(
        authenticator: impl Fn() -> G,
        luma: &[u8],
        width: usize,
        height: usize,
        row_stride: usize,
    ) -> Result<Option<Scanned>, CoreError>
    where
        G: DerefMut<Target = Authenticator>,
    {
        if !authenticator().is_unlocked() {
            return Err(CoreError::Locked);
        }
        let codes = ramz_qr::decode_luma(luma, width, height, row_stride)
            .map_err(|_| CoreError::InvalidInput(InputProblem::Frame))?;
        let Some(code) = codes.into_iter().next() else {
            return Ok(None);
        };
        authenticator().read_code(code).map(Some)
    }
}
