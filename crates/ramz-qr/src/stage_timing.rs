//! Per-stage time counters for the benchmark example (cargo feature
//! `stage-timing`, off by default). Without the feature [`timed`] is the
//! bare call, so the library carries no timing code.

/// Stages of one frame decode.
#[derive(Debug, Clone, Copy)]
#[doc(hidden)]
pub enum Stage {
    /// Copying / shrinking the frame into the working image.
    Gray = 0,
    /// Block-adaptive thresholding.
    Binarize,
    /// The 1:1:3:1:1 finder scan.
    Finder,
    /// Triple ranking, size estimation, alignment, sampling.
    Locate,
    /// rqrr's grid decoder (format, RS, segments).
    GridDecode,
    /// The rqrr fallback pass.
    RqrrPass,
}

/// Number of [`Stage`]s.
#[doc(hidden)]
pub const STAGES: usize = 6;

#[cfg(feature = "stage-timing")]
mod imp {
    use std::cell::Cell;

    thread_local! {
        static NANOS: Cell<[u64; super::STAGES]> = const { Cell::new([0; super::STAGES]) };
        static CALLS: Cell<[u64; super::STAGES]> = const { Cell::new([0; super::STAGES]) };
    }

    pub(crate) fn timed<T>(stage: super::Stage, f: impl FnOnce() -> T) -> T {
        let t = std::time::Instant::now();
        let out = f();
        let dt = t.elapsed().as_nanos() as u64;
        NANOS.with(|n| {
            let mut a = n.get();
            a[stage as usize] += dt;
            n.set(a);
        });
        CALLS.with(|n| {
            let mut a = n.get();
            a[stage as usize] += 1;
            n.set(a);
        });
        out
    }

    /// Takes (and resets) this thread's counters: nanoseconds and calls
    /// per stage.
    pub fn take() -> ([u64; super::STAGES], [u64; super::STAGES]) {
        (
            NANOS.with(|n| n.replace([0; super::STAGES])),
            CALLS.with(|n| n.replace([0; super::STAGES])),
        )
    }
}

#[cfg(feature = "stage-timing")]
#[doc(hidden)]
pub use imp::take;
#[cfg(feature = "stage-timing")]
pub(crate) use imp::timed;

#[cfg(not(feature = "stage-timing"))]
#[inline(always)]
pub(crate) fn timed<T>(_stage: Stage, f: impl FnOnce() -> T) -> T {
    f()
}
