//! The PIN pad every PIN screen shares: digits in, six at most, wiped on
//! drop. Persian and Arabic-Indic digits typed on a keyboard are accepted.

use zeroize::Zeroizing;

use crate::event::Event;
use crate::text::{Args, Catalog, to_ascii_digits};
use crate::view::{Button, PinPadView};

/// Digits in a PIN.
pub const PIN_LEN: usize = 6;

/// What typing did.
pub(crate) enum Typed {
    /// Not a pad event.
    Ignored,
    /// The pad changed.
    Changed,
    /// Six digits: here they are (ASCII), and the pad is empty again.
    Complete(Zeroizing<Vec<u8>>),
}

#[derive(Default)]
pub(crate) struct PinPad {
    digits: Zeroizing<Vec<u8>>,
}

impl PinPad {
    pub(crate) fn clear(&mut self) {
        self.digits.clear();
    }

    pub(crate) fn handle(&mut self, event: &Event) -> Typed {
        match event {
            Event::PinKey { digit } if *digit <= 9 => {
                if self.digits.len() < PIN_LEN {
                    self.digits.push(b'0' + digit);
                }
            }
            Event::PinBackspace => {
                self.digits.pop();
            }
            Event::PinText { bytes } => {
                self.digits.clear();
                let text = Zeroizing::new(String::from_utf8_lossy(bytes).into_owned());
                let ascii = Zeroizing::new(to_ascii_digits(&text));
                self.digits
                    .extend(ascii.bytes().filter(u8::is_ascii_digit).take(PIN_LEN));
            }
            _ => return Typed::Ignored,
        }
        if self.digits.len() == PIN_LEN {
            let pin = Zeroizing::new(self.digits.to_vec());
            self.digits.clear();
            Typed::Complete(pin)
        } else {
            Typed::Changed
        }
    }

    pub(crate) fn view(
        &self,
        c: &Catalog,
        prompt_id: &str,
        enabled: bool,
        error: Option<String>,
    ) -> PinPadView {
        PinPadView {
            prompt: c.t(prompt_id),
            filled: self.digits.len() as u32,
            length: PIN_LEN as u32,
            keys: (0..10_i64).map(|d| c.number(d)).collect(),
            enabled,
            error,
            backspace: Button::new(c.t("pin-backspace"), enabled && !self.digits.is_empty()),
        }
    }
}

/// The message for a refused new PIN.
pub(crate) fn refusal_text(c: &Catalog, r: crate::port::PinRefusal) -> String {
    use crate::port::PinRefusal as R;
    let id = match r {
        R::NotSixDigits => "pin-not-six-digits",
        R::AllSame => "pin-weak-same",
        R::Ascending => "pin-weak-ascending",
        R::Descending => "pin-weak-descending",
        R::Common => "pin-weak-common",
    };
    c.ta(id, &Args::new().n("length", PIN_LEN as i64))
}
