//! Steam Guard codes: HMAC-SHA1 TOTP with a 30-second step, rendered as
//! five characters from Steam's 26-symbol alphabet.

use crate::algorithm::PreparedKey;
use crate::code::MAX_CODE_LEN;
use crate::digits_input::normalize_code;
use crate::{Algorithm, Code, Secret};

const ALPHABET: &[u8; 26] = b"23456789BCDFGHJKMNPQRTVWXY";
const STEAM_PERIOD: u64 = 30;
const STEAM_LEN: usize = 5;

/// A Steam Guard generator.
#[derive(Debug, Clone)]
pub struct Steam {
    key: PreparedKey,
}

impl Steam {
    /// Prepares the key.
    pub fn new(secret: &Secret) -> Self {
        Self {
            key: PreparedKey::new(Algorithm::Sha1, secret),
        }
    }

    /// The code for a 30-second step.
    pub fn code_for_step(&self, step: u64) -> Code {
        let mut v = self.key.truncated(step);
        let mut buf = [0u8; MAX_CODE_LEN];
        for slot in buf.iter_mut().take(STEAM_LEN) {
            *slot = ALPHABET[(v % 26) as usize];
            v /= 26;
        }
        Code::from_ascii(buf, STEAM_LEN as u8)
    }

    /// The code valid at `unix`.
    pub fn code_at(&self, unix: u64) -> Code {
        self.code_for_step(unix / STEAM_PERIOD)
    }

    /// The step length, always 30 s.
    pub fn period(&self) -> u64 {
        STEAM_PERIOD
    }

    /// Checks a typed code (any case) against the current step and `window`
    /// steps either side; returns the matched step.
    pub fn verify(&self, typed: &str, unix: u64, window: u64) -> Option<u64> {
        let (buf, n) = normalize_code(typed)?;
        let now = unix / STEAM_PERIOD;
        core::iter::once(now)
            .chain((1..=window).flat_map(|d| {
                [now.checked_sub(d), now.checked_add(d)]
                    .into_iter()
                    .flatten()
            }))
            .find(|s| self.code_for_step(*s).ct_eq_str(&buf[..n]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Shape of a code; known answers against an independent
    /// implementation live in `tests/oracle.rs`.
    #[test]
    fn alphabet_and_length() {
        let s = Steam::new(&Secret::from_slice(&[0u8; 20]).unwrap());
        let c = s.code_at(1_700_000_000);
        assert_eq!(c.len(), 5);
        assert!(c.as_str().bytes().all(|b| ALPHABET.contains(&b)));
        assert_eq!(
            s.verify(&c.as_str().to_lowercase(), 1_700_000_000, 0),
            Some(1_700_000_000 / 30)
        );
    }
}
