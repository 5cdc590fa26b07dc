//! TOTP, RFC 6238.

use crate::algorithm::PreparedKey;
use crate::{Algorithm, Code, Digits, Period, Secret};
use subtle::ConstantTimeEq;

/// A TOTP generator. Callers pass the time (Unix seconds); nothing here
/// reads a clock.
#[derive(Debug, Clone)]
pub struct Totp {
    key: PreparedKey,
    digits: Digits,
    period: Period,
    t0: u64,
}

/// A code together with what an app shows beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TotpSnapshot {
    /// The code valid at the requested time.
    pub code: Code,
    /// The code of the following step (apps show it near the end of a step).
    pub next: Code,
    /// Seconds left until `code` expires (1 ..= period).
    pub remaining: u64,
    /// The time step `code` belongs to.
    pub step: u64,
    /// The step length in seconds.
    pub period: u64,
}

impl Totp {
    /// Prepares the key. `t0` is RFC 6238's T0 (0 for every real service).
    pub fn new(
        secret: &Secret,
        algorithm: Algorithm,
        digits: Digits,
        period: Period,
        t0: u64,
    ) -> Self {
        Self {
            key: PreparedKey::new(algorithm, secret),
            digits,
            period,
            t0,
        }
    }

    /// The time step of `unix` (0 for times before T0).
    #[inline]
    pub fn step_at(&self, unix: u64) -> u64 {
        unix.saturating_sub(self.t0) / self.period.get()
    }

    /// The code for a time step.
    #[inline]
    pub fn code_for_step(&self, step: u64) -> Code {
        Code::decimal(self.key.truncated(step), self.digits)
    }

    /// The code valid at `unix`.
    #[inline]
    pub fn code_at(&self, unix: u64) -> Code {
        self.code_for_step(self.step_at(unix))
    }

    /// Code, next code and seconds remaining at `unix`.
    pub fn snapshot(&self, unix: u64) -> TotpSnapshot {
        let step = self.step_at(unix);
        let period = self.period.get();
        let elapsed = unix.saturating_sub(self.t0) % period;
        TotpSnapshot {
            code: self.code_for_step(step),
            next: self.code_for_step(step.saturating_add(1)),
            remaining: period - elapsed,
            step,
            period,
        }
    }

    /// Issuer-side verification. Tries the current step first, then moves
    /// outward (-1, +1, -2, +2, ...) within `window_back` steps into the past
    /// and `window_forward` into the future. Each comparison is constant
    /// time. Returns the matched step so the caller can refuse its reuse
    /// (RFC 6238 §5.2). `typed` may use Persian or Arabic-Indic digits.
    pub fn verify(
        &self,
        typed: &str,
        unix: u64,
        window_back: u64,
        window_forward: u64,
    ) -> Option<u64> {
        let typed = self.digits.parse_typed(typed)?;
        let matches = |step: u64| {
            let value = u64::from(self.digits.reduce(self.key.truncated(step)));
            bool::from(value.ct_eq(&typed))
        };
        let now = self.step_at(unix);
        if matches(now) {
            return Some(now);
        }
        for d in 1..=window_back.max(window_forward) {
            if d <= window_back {
                if let Some(s) = now.checked_sub(d) {
                    if matches(s) {
                        return Some(s);
                    }
                }
            }
            if d <= window_forward {
                if let Some(s) = now.checked_add(d) {
                    if matches(s) {
                        return Some(s);
                    }
                }
            }
        }
        None
    }

    /// Number of digits.
    pub fn digits(&self) -> Digits {
        self.digits
    }

    /// Step length.
    pub fn period(&self) -> Period {
        self.period
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totp(alg: Algorithm, key: &[u8]) -> Totp {
        Totp::new(
            &Secret::from_slice(key).unwrap(),
            alg,
            Digits::EIGHT,
            Period::THIRTY,
            0,
        )
    }

    #[test]
    fn snapshot_and_window() {
        let t = totp(Algorithm::Sha1, b"12345678901234567890");
        let s = t.snapshot(59);
        assert_eq!(s.code.as_str(), "94287082");
        assert_eq!(s.remaining, 1);
        assert_eq!(s.next, t.code_at(60));
        let prev = t.code_at(59);
        assert_eq!(t.verify(prev.as_str(), 89, 1, 1), Some(1));
        assert_eq!(t.verify(prev.as_str(), 89, 0, 1), None);
        assert_eq!(t.verify(t.code_at(90).as_str(), 89, 0, 1), Some(3));
        assert_eq!(t.verify(t.code_at(120).as_str(), 89, 0, 1), None);
    }

    #[test]
    fn persian_digits_verify() {
        let t = totp(Algorithm::Sha1, b"12345678901234567890");
        assert_eq!(t.verify("۹۴۲۸۷۰۸۲", 59, 0, 0), Some(1));
        assert_eq!(t.verify("9428708", 59, 0, 0), None);
    }
}
