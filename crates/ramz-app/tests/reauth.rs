//! Wrong PINs typed to confirm a sensitive step (PIN change, biometric
//! unlock, transfer) are checked by core on the unlocked vault in the
//! same call: each counts once, like a wrong PIN at the lock screen, the
//! waits apply across screens, and the last one erases the vault.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Shell, set_up};
use ramz_app::{Choice, Destination, Event, Screen};

const WRONG: &str = "999990";

fn transfer_error(s: &Shell) -> String {
    match s.view().screen {
        Screen::Transfer(v) => v.pin.unwrap().error.unwrap_or_default(),
        other => panic!("expected the transfer screen, got {other:?}"),
    }
}

fn settings_error(s: &Shell) -> String {
    match s.view().screen {
        Screen::Settings(v) => v.error.unwrap_or_default(),
        other => panic!("expected settings, got {other:?}"),
    }
}

/// Lets `seconds` pass with the person on the screen (a key press every
/// 20 s, so the idle lock does not strike).
fn wait_on_screen(s: &mut Shell, seconds: u64) {
    let mut left = seconds;
    while left > 0 {
        let step = left.min(20);
        s.tick(step);
        s.send(Event::PinBackspace);
        left -= step;
    }
}

#[test]
fn wrong_pins_on_sensitive_screens_count_once_wait_and_erase() {
    let mut s = set_up("en");

    // 1: the PIN change.
    s.send(Event::Navigate(Destination::Settings));
    s.send(Event::Choose(Choice::ChangePin));
    s.pin(WRONG);
    s.pin("271828");
    s.pin("271828");
    assert_eq!(
        settings_error(&s),
        "Wrong PIN. 9 attempts left before the vault is erased."
    );
    // 2: biometric unlock.
    s.send(Event::Choose(Choice::Biometrics(true)));
    s.pin(WRONG);
    assert_eq!(
        settings_error(&s),
        "Wrong PIN. 8 attempts left before the vault is erased."
    );
    assert!(!s.settings.as_ref().is_some_and(|st| st.biometrics));
    // 3: the transfer. The third wrong PIN starts the wait.
    s.send(Event::Navigate(Destination::Transfer));
    s.pin(WRONG);
    assert_eq!(
        transfer_error(&s),
        "Wrong PIN. 7 attempts left before the vault is erased. \
         Too many wrong PINs. Try again in \u{2066}0:30\u{2069}."
    );
    // During the wait even the right PIN is not tried, and nothing counts.
    s.pin("480913");
    assert!(transfer_error(&s).starts_with("Too many wrong PINs."));
    // The lock screen keeps the same count and wait: the right PIN is
    // not tried there either until the wait is over.
    let now = s.now;
    s.send(Event::Background { unix: now });
    s.pin("480913");
    let Screen::Lock(v) = s.view().screen else {
        panic!("{:?}", s.view().screen)
    };
    assert!(v.wait_seconds > 0 && v.wait_seconds <= 30, "{v:?}");
    s.tick(31);
    s.pin("480913");
    assert!(matches!(s.view().screen, Screen::Codes(_)));

    // The right PIN reset the count; ten wrong ones in a row through the
    // transfer screen (waiting out each wait) erase the vault.
    s.send(Event::Navigate(Destination::Transfer));
    for i in 1..=10u32 {
        s.pin(WRONG);
        if i == 10 {
            break;
        }
        let e = transfer_error(&s);
        let left = if i == 9 {
            "Wrong PIN. Last attempt".to_owned()
        } else {
            format!("Wrong PIN. {} attempts left", 10 - i)
        };
        assert!(e.starts_with(&left), "{i}: {e}");
        let wait = ramz_core::VaultConfig::insecure_for_tests()
            .lockout
            .wait_after(i);
        wait_on_screen(&mut s, wait + 1);
    }
    let Screen::Notice(v) = s.view().screen else {
        panic!("{:?}", s.view().screen)
    };
    assert_eq!(
        v.heading,
        "Your vault was erased after too many wrong PINs."
    );
}
