//! "No KDF work was done", checked by this thread's CPU time. Shared with
//! `ramz-import`'s attack tests (included there by path).
#![allow(dead_code, clippy::panic)]

/// Runs `f` and checks that this thread spent under 300 ms of CPU in it: a
/// KDF cost over the cap must be refused before the KDF runs (Argon2 at
/// 1 GiB is seconds of CPU). CPU time of this thread, not wall time, so a
/// loaded machine running other tests cannot fail the check. Linux only
/// (`/proc/thread-self/schedstat`); elsewhere the check is skipped.
pub fn assert_little_cpu<T>(what: &str, f: impl FnOnce() -> T) -> T {
    fn thread_cpu() -> Option<std::time::Duration> {
        let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        let ns = stat.split_whitespace().next()?.parse().ok()?;
        Some(std::time::Duration::from_nanos(ns))
    }
    let before = thread_cpu();
    assert!(
        before.is_some() || !cfg!(target_os = "linux"),
        "no /proc/thread-self/schedstat"
    );
    let out = f();
    if let (Some(before), Some(after)) = (before, thread_cpu()) {
        let spent = after - before;
        assert!(
            spent < std::time::Duration::from_millis(300),
            "{what}: {spent:?} of CPU, work was done"
        );
    }
    out
}
