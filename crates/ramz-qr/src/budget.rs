//! One work budget per frame, shared by all of its passes.
//!
//! Each pass (a resolution, a polarity) caps its own failed decoding
//! attempts and fourth-corner searches, but a hard frame (noise, texture,
//! a photo with nothing readable) goes through every pass of the ladder
//! and used to pay each pass's cap in full: the slowest frames. The frame
//! budget bounds the sum. Reading a code refunds work, as the per-pass
//! caps do, so a sheet of many codes is not cut short; once it is spent,
//! the remaining passes are skipped (not even their pixels are read).
//!
//! 60 attempts (two and a half passes' worth) and 8 corner searches read
//! every code the unbounded ladder read on the BoofCV photos and the
//! independent dev split; 48 and 4 lost two photos. Corner searches are
//! now 3 per frame and one per pass (two codes' worth of refunds still
//! apply): of about 290 searches made after the first pass on those
//! sets, 8 read a code, and the curved frames that read nothing spent
//! most of their time in them; 3 and 1 read the same codes (2 and 2 lost
//! two photos).

/// Failed decoding attempts for the whole frame.
const FRAME_ATTEMPTS: usize = 60;
/// Fourth-corner searches for the whole frame.
const FRAME_SEARCHES: usize = 3;

/// What is left of a frame's work.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    /// Failed decoding attempts left.
    pub(crate) attempts: usize,
    /// Fourth-corner searches left.
    pub(crate) searches: usize,
}

impl Budget {
    /// A fresh frame's budget.
    pub(crate) fn per_frame() -> Self {
        Self {
            attempts: FRAME_ATTEMPTS,
            searches: FRAME_SEARCHES,
        }
    }

    /// Whether anything is left to try.
    pub(crate) fn exhausted(&self) -> bool {
        self.attempts == 0
    }
}
