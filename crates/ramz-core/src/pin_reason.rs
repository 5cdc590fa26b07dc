//! Why a new PIN is refused as weak, for the sentence a set-up or
//! change-PIN screen shows. `InputProblem::WeakPin` says only "weak".

use crate::Authenticator;

/// Why a six-digit PIN is too easy to guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WeakPinReason {
    /// One digit six times (111111).
    AllSame,
    /// Each digit one more than the last (123456, 890123).
    Ascending,
    /// Each digit one less than the last (654321).
    Descending,
    /// On the list of the most common PINs.
    Common,
}

impl Authenticator {
    /// The reason a new PIN is refused as weak; `None` when it is not
    /// weak (it may still be refused for its format:
    /// [`Authenticator::check_new_pin`] says so).
    pub fn weak_pin_reason(pin: &[u8]) -> Option<WeakPinReason> {
        use ramz_vault::PinProblem as P;
        match ramz_vault::Pin::new_checked(pin) {
            Err(P::AllSame) => Some(WeakPinReason::AllSame),
            Err(P::Ascending) => Some(WeakPinReason::Ascending),
            Err(P::Descending) => Some(WeakPinReason::Descending),
            Err(P::Common) => Some(WeakPinReason::Common),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CoreError, InputProblem};

    #[test]
    fn each_weak_pin_has_its_reason_and_check_agrees() {
        let cases: [(&[u8], Option<WeakPinReason>); 6] = [
            ("۱۱۱۱۱۱".as_bytes(), Some(WeakPinReason::AllSame)),
            (b"345678", Some(WeakPinReason::Ascending)),
            (b"987654", Some(WeakPinReason::Descending)),
            (b"480913", None),
            (b"12345", None),
            (b"12a456", None),
        ];
        for (pin, reason) in cases {
            assert_eq!(Authenticator::weak_pin_reason(pin), reason);
            if reason.is_some() {
                assert_eq!(
                    Authenticator::check_new_pin(pin),
                    Err(CoreError::InvalidInput(InputProblem::WeakPin))
                );
            }
        }
        let common = (0..1_000_000u32)
            .map(|n| format!("{n:06}"))
            .find(|p| Authenticator::weak_pin_reason(p.as_bytes()) == Some(WeakPinReason::Common));
        assert!(common.is_some(), "the common-PIN list is consulted");
    }
}
