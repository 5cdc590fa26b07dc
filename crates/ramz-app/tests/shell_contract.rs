//! What the shells no longer decide: every control they draw comes with
//! its label from the view model and does what it says when its event is
//! sent; "back" is told per screen; a lost biometric key is explained and
//! re-offered; camera frames decode without the progress overlay; the
//! lock screen shows a wait at once.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::Arc;

use common::{Shell, T0, set_up};
use ramz_app::{
    BackAction, BiometricOutcome, Choice, Destination, Event, Field, Screen, SecretField,
    VaultPlace,
};
use ramz_core::{DeviceKeystore, KeystoreKey, SoftwareKeystore, VaultConfig};

const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn codes(s: &Shell) -> ramz_app::CodesView {
    match s.view().screen {
        Screen::Codes(v) => v,
        other => panic!("expected the code list, got {other:?}"),
    }
}

fn lock(s: &Shell) -> ramz_app::LockView {
    match s.view().screen {
        Screen::Lock(v) => v,
        other => panic!("expected the lock screen, got {other:?}"),
    }
}

fn add_manual(s: &mut Shell, issuer: &str) {
    add_manual_with(s, issuer, RFC_SECRET);
}

fn add_manual_with(s: &mut Shell, issuer: &str, secret: &str) {
    s.send(Event::Navigate(Destination::ManualEntry));
    s.send(Event::Edit {
        field: Field::Issuer,
        text: issuer.into(),
    });
    s.send(Event::EditSecret {
        field: SecretField::Secret,
        bytes: secret.into(),
    });
    s.send(Event::Submit);
}

fn frame_of(text: &str) -> Event {
    let m = ramz_qr::render::Matrix::encode(text, ramz_qr::render::Correction::Medium).unwrap();
    let (luma, side) = m.to_luma(4).unwrap();
    let side = u32::try_from(side).unwrap();
    Event::CameraFrame {
        luma,
        width: side,
        height: side,
        row_stride: side,
    }
}

/// A camera frame without a QR code.
fn blank_frame() -> Event {
    Event::CameraFrame {
        luma: vec![200; 64 * 64],
        width: 64,
        height: 64,
        row_stride: 64,
    }
}

#[test]
fn code_list_labels_its_navigation_and_reorders_by_the_positions_it_gives() {
    let mut s = set_up("fa-IR");
    for (issuer, secret) in [
        ("الف", RFC_SECRET),
        ("ب", "JBSWY3DPEHPK3PXP"),
        ("پ", "KRSXG5CTMVRXEZLU"),
    ] {
        add_manual_with(&mut s, issuer, secret);
    }
    let v = codes(&s);
    assert_eq!(v.add.label, "افزودن حساب");
    assert_eq!(v.backup.label, "پشتیبان‌گیری");
    assert_eq!(v.transfer.label, "انتقال به گوشی تازه");
    assert_eq!(v.settings.label, "تنظیمات");
    assert_eq!(v.move_up.label, "بالا بردن");
    assert_eq!(v.move_down.label, "پایین بردن");
    assert_eq!(v.open_account.label, "جزئیات حساب");
    assert!(v.rows.iter().all(|r| r.tap == "کپی کردن کد"));
    assert_eq!(s.view().back, BackAction::LeaveApp);
    let order =
        |v: &ramz_app::CodesView| v.rows.iter().map(|r| r.issuer.clone()).collect::<Vec<_>>();
    assert_eq!(order(&v), ["الف", "ب", "پ"]);
    assert_eq!(
        v.rows
            .iter()
            .map(|r| (r.move_up, r.move_down))
            .collect::<Vec<_>>(),
        [(None, Some(1)), (Some(0), Some(2)), (Some(1), None)]
    );

    // "Move down" on the first row, with the position the row gives.
    let first = &v.rows[0];
    s.send(Event::MoveAccount {
        id: first.id,
        position: first.move_down.unwrap(),
    });
    assert_eq!(order(&codes(&s)), ["ب", "الف", "پ"]);
    // "Move up" on the last row.
    let last = codes(&s).rows[2].clone();
    s.send(Event::MoveAccount {
        id: last.id,
        position: last.move_up.unwrap(),
    });
    assert_eq!(order(&codes(&s)), ["ب", "پ", "الف"]);

    // In a search, rows do not offer moving: one up would jump over rows
    // that are not shown.
    s.send(Event::Edit {
        field: Field::Search,
        text: "پ".into(),
    });
    let v = codes(&s);
    assert_eq!(v.rows.len(), 1);
    assert_eq!((v.rows[0].move_up, v.rows[0].move_down), (None, None));

    // The navigation buttons lead where they say.
    for (dest, title) in [
        (Destination::Backup, "پشتیبان"),
        (Destination::Settings, "تنظیمات"),
        (Destination::Transfer, "انتقال به گوشی تازه"),
    ] {
        s.send(Event::Navigate(Destination::Codes));
        s.send(Event::Navigate(dest));
        assert!(
            s.view().title.contains(title),
            "{dest:?}: {}",
            s.view().title
        );
    }
}

#[test]
fn back_is_decided_per_screen() {
    let back = |s: &Shell| match s.view().back {
        BackAction::Back(b) => {
            assert!(b.enabled);
            b.label
        }
        other => panic!("expected a back button, got {other:?}"),
    };
    // First run: the language step leaves; the PIN steps go back a step.
    let mut s = Shell::new("en");
    assert_eq!(s.view().back, BackAction::LeaveApp);
    s.send(Event::Submit);
    assert_eq!(back(&s), "Back");
    s.pin("480913");
    assert_eq!(back(&s), "Back");
    s.send(Event::Back);
    s.send(Event::Back);
    let Screen::FirstRun(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(v.step, ramz_app::FirstRunStep::Language);

    // Every screen of the unlocked app goes back to the list.
    let mut s = set_up("en");
    for dest in [
        Destination::Scan,
        Destination::ManualEntry,
        Destination::Backup,
        Destination::Settings,
        Destination::Transfer,
        Destination::Import,
    ] {
        s.send(Event::Navigate(dest));
        assert_eq!(back(&s), "Back", "{dest:?}");
        s.send(Event::Back);
        codes(&s);
    }
    // A notice of the unlocked app (a Wi-Fi code) goes back to the list.
    s.send(Event::Paste {
        text: "WIFI:T:WPA;S:home;P:secret-password;;".into(),
    });
    assert!(matches!(s.view().screen, Screen::Notice(_)));
    assert_eq!(back(&s), "Back");
    s.send(Event::Back);
    codes(&s);

    // Locked: back leaves the app; while a PIN is being checked there is
    // no back at all on the screens that have one.
    let now = s.now;
    s.send(Event::Background { unix: now });
    assert_eq!(s.view().back, BackAction::LeaveApp);
    s.pin("480913");
    s.send(Event::Navigate(Destination::Settings));
    s.hold_work = true;
    s.send(Event::Choose(Choice::ChangePin));
    s.pin("480913");
    s.pin("271828");
    s.pin("271828");
    match s.view().back {
        BackAction::Back(b) => assert!(!b.enabled),
        other => panic!("{other:?}"),
    }
    s.release_work();
}

#[test]
fn manual_entry_offers_its_switches_and_algorithms() {
    let mut s = set_up("en");
    s.send(Event::Navigate(Destination::ManualEntry));
    let Screen::ManualEntry(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(v.advanced.label, "Advanced options");
    assert!(!v.advanced.on);
    assert_eq!(v.hotp.label, "Counter-based (HOTP)");
    assert!(!v.hotp.on);
    assert_eq!(v.algorithm_label, "Algorithm");
    assert_eq!(
        v.algorithms
            .iter()
            .map(|a| (a.label.as_str(), a.selected))
            .collect::<Vec<_>>(),
        [("SHA-1", true), ("SHA-256", false), ("SHA-512", false)]
    );
    // The shell sends the value of the choice tapped, never a parsed name.
    let sha512 = v.algorithms[2].value;
    s.send(Event::Choose(Choice::Advanced(!v.advanced.on)));
    s.send(Event::Choose(Choice::Algorithm(sha512)));
    let Screen::ManualEntry(v) = s.view().screen else {
        panic!()
    };
    assert!(v.advanced.on);
    assert!(v.algorithms[2].selected && !v.algorithms[0].selected);
    s.send(Event::Choose(Choice::Hotp(!v.hotp.on)));
    let Screen::ManualEntry(v) = s.view().screen else {
        panic!()
    };
    assert!(v.hotp.on);
    s.send(Event::Edit {
        field: Field::Issuer,
        text: "Lab".into(),
    });
    s.send(Event::EditSecret {
        field: SecretField::Secret,
        bytes: RFC_SECRET.into(),
    });
    s.send(Event::Submit);
    let row = codes(&s).rows[0].clone();
    assert_eq!(row.tap, "Make the next code");
    s.send(Event::TapAccount { id: row.id });
    assert_eq!(
        s.clipboard.as_ref().unwrap().0.len(),
        6,
        "a code was made and copied"
    );
    let id = row.id;
    s.send(Event::OpenAccount { id });
    let Screen::Account(v) = s.view().screen else {
        panic!()
    };
    let algorithm = v.details.iter().find(|d| d.label == "Algorithm").unwrap();
    assert_eq!(algorithm.value, "SHA-512");
    assert!(v.details[0].value.starts_with("Counter-based"), "{v:?}");
    // Deleting asks, then offers the labelled confirmation.
    assert!(v.confirm.is_none());
    s.send(Event::Choose(Choice::Delete));
    let Screen::Account(v) = s.view().screen else {
        panic!()
    };
    let confirm = v.confirm.unwrap();
    assert_eq!(confirm.label, "Yes, delete");
    s.send(Event::Choose(Choice::ConfirmDelete));
    assert!(codes(&s).rows.is_empty());
}

#[test]
fn settings_label_change_pin_and_the_clock_buttons() {
    let mut s = set_up("fa-IR");
    s.send(Event::Navigate(Destination::Settings));
    let settings = |s: &Shell| match s.view().screen {
        Screen::Settings(v) => v,
        other => panic!("{other:?}"),
    };
    let v = settings(&s);
    assert_eq!(v.language_label, "زبان");
    assert_eq!(v.auto_lock_label, "قفل شدن پس از");
    assert_eq!(v.change_pin.label, "تغییر رمز ورود");
    assert_eq!(v.clock_apply.label, "استفاده از این اصلاح");
    assert!(!v.clock_apply.enabled, "nothing typed yet");
    assert!(v.clock_clear.is_none(), "no manual offset yet");
    s.send(Event::Edit {
        field: Field::ClockOffset,
        text: "−۳۰".into(),
    });
    assert!(settings(&s).clock_apply.enabled);
    s.send(Event::Choose(Choice::ManualClock(true)));
    let v = settings(&s);
    assert!(v.clock.starts_with("رمزها با اصلاح دستی"), "{}", v.clock);
    assert!(v.clock.contains("۳۰"), "{}", v.clock);
    let clear = v.clock_clear.unwrap();
    assert_eq!(clear.label, "استفاده از زمان خودکار");
    s.send(Event::Choose(Choice::ManualClock(false)));
    let v = settings(&s);
    assert!(v.clock_clear.is_none());
    assert!(v.pad.is_none());
    s.send(Event::Choose(Choice::ChangePin));
    let pad = settings(&s).pad.unwrap();
    assert_eq!(pad.backspace.label, "پاک کردن رقم آخر");
    assert!(!pad.backspace.enabled, "nothing to delete");
    s.send(Event::PinKey { digit: 4 });
    assert!(settings(&s).pad.unwrap().backspace.enabled);
    s.send(Event::PinBackspace);
    assert_eq!(settings(&s).pad.unwrap().filled, 0);
}

#[test]
fn a_picked_backup_file_offers_its_submit_button() {
    let mut s = set_up("en");
    add_manual(&mut s, "GitHub");
    s.send(Event::Navigate(Destination::Backup));
    s.send(Event::EditSecret {
        field: SecretField::Passphrase,
        bytes: b"river-lamp-42".to_vec(),
    });
    s.send(Event::EditSecret {
        field: SecretField::PassphraseAgain,
        bytes: b"river-lamp-42".to_vec(),
    });
    s.send(Event::Choose(Choice::Export));
    let file = s.saved.last().unwrap().1.clone();
    let backup = |s: &Shell| match s.view().screen {
        Screen::Backup(v) => v,
        other => panic!("{other:?}"),
    };
    assert!(backup(&s).submit.is_none(), "no file picked");

    s.send(Event::Choose(Choice::Verify));
    s.send(Event::FilePicked {
        bytes: file.clone(),
    });
    let submit = backup(&s).submit.unwrap();
    assert_eq!(submit.label, "Check this backup");
    assert!(!submit.enabled, "no passphrase typed yet");
    s.send(Event::Submit); // ignored, as the button says
    assert!(backup(&s).report.is_empty());
    s.send(Event::EditSecret {
        field: SecretField::Passphrase,
        bytes: b"river-lamp-42".to_vec(),
    });
    assert!(backup(&s).submit.unwrap().enabled);
    s.send(Event::Submit);
    let v = backup(&s);
    assert_eq!(v.report[0], "This backup holds all your accounts.");
    assert!(v.submit.is_none(), "the file was used");

    s.send(Event::Choose(Choice::Restore));
    s.send(Event::FilePicked { bytes: file });
    assert_eq!(backup(&s).submit.unwrap().label, "Restore this backup");
}

/// A keystore whose biometric key the "platform" can invalidate, as a new
/// fingerprint does on Android and iOS.
fn shell_with_keystore(lang: &str) -> (Shell, Arc<SoftwareKeystore>) {
    let dir = tempfile::tempdir().unwrap();
    let keystore =
        Arc::new(SoftwareKeystore::open_or_create(&dir.path().join("vault.key")).unwrap());
    let place = VaultPlace::file(
        dir.path().join("vault.ramz"),
        keystore.clone(),
        VaultConfig::insecure_for_tests(),
    );
    (
        common::set_up_in(Shell::at(place, dir, lang, None)),
        keystore,
    )
}

fn turn_biometrics_on(s: &mut Shell) {
    s.send(Event::Navigate(Destination::Settings));
    s.send(Event::Choose(Choice::Biometrics(true)));
    s.pin("480913");
    assert!(s.settings.as_ref().unwrap().biometrics);
    let now = s.now;
    s.send(Event::Background { unix: now });
}

#[test]
fn biometric_outcomes_cancel_fail_and_an_invalidated_key_is_explained_and_reoffered() {
    let (mut s, _) = shell_with_keystore("en");
    turn_biometrics_on(&mut s);
    assert!(lock(&s).biometrics.is_some());

    // Cancelled: nothing to say.
    s.send(Event::UnlockWithBiometrics);
    s.send(Event::BiometricResult {
        outcome: BiometricOutcome::Cancelled,
    });
    assert_eq!(lock(&s).pad.error, None);
    // Failed: type the PIN.
    s.send(Event::UnlockWithBiometrics);
    s.send(Event::BiometricResult {
        outcome: BiometricOutcome::Failed,
    });
    assert_eq!(
        lock(&s).pad.error.as_deref(),
        Some("Biometric unlock did not work. Type your PIN.")
    );

    // The platform says the key is gone (a new fingerprint): biometric
    // unlock is turned off, stored, and explained; the PIN is needed.
    s.send(Event::UnlockWithBiometrics);
    s.send(Event::BiometricResult {
        outcome: BiometricOutcome::KeyInvalidated,
    });
    let v = lock(&s);
    assert_eq!(
        v.pad.error.as_deref(),
        Some(
            "The fingerprints or faces on this phone changed, so biometric unlock was turned off. \
             Type your PIN."
        )
    );
    assert!(v.biometrics.is_none(), "no biometric button any more");
    assert!(!s.settings.as_ref().unwrap().biometrics, "stored off");
    let prompts = s.prompts;
    s.send(Event::UnlockWithBiometrics);
    assert_eq!(s.prompts, prompts, "no prompt for a lost key");

    // After the PIN, the code list offers to turn it on again.
    s.pin("480913");
    let offer = codes(&s).biometrics_offer.unwrap();
    assert_eq!(
        offer.text,
        "Biometric unlock was turned off because the fingerprints or faces on this phone \
         changed. Turn it on again? You will need your PIN."
    );
    assert_eq!(offer.accept.label, "Turn on again");
    s.send(Event::AcceptBiometrics { accept: true });
    let Screen::Settings(v) = s.view().screen else {
        panic!("{:?}", s.view().screen)
    };
    assert_eq!(v.pad.unwrap().prompt, "Enter your PIN");
    s.pin("480913");
    assert!(s.settings.as_ref().unwrap().biometrics);
    s.send(Event::Navigate(Destination::Codes));
    assert!(codes(&s).biometrics_offer.is_none());
    // And it works again.
    let now = s.now;
    s.send(Event::Background { unix: now });
    s.send(Event::UnlockWithBiometrics);
    s.send(Event::BiometricResult {
        outcome: BiometricOutcome::Success,
    });
    codes(&s);
}

#[test]
fn a_biometric_key_found_gone_by_the_vault_is_the_same_invalidation_and_declining_removes_the_slot()
{
    let (mut s, keystore) = shell_with_keystore("fa-IR");
    turn_biometrics_on(&mut s);
    // The platform deleted the key (a new enrolment) but the prompt
    // passed: the vault finds the key gone when it unwraps.
    keystore.delete(KeystoreKey::Biometric).unwrap();
    s.send(Event::UnlockWithBiometrics);
    s.send(Event::BiometricResult {
        outcome: BiometricOutcome::Success,
    });
    let v = lock(&s);
    assert_eq!(
        v.pad.error.as_deref(),
        Some(
            "اثر انگشت‌ها یا چهره‌های این گوشی تغییر کرده است، برای همین باز کردن با \
             زیست‌سنجی خاموش شد. رمز ورود را وارد کنید."
        )
    );
    assert!(v.biometrics.is_none());
    assert!(!s.settings.as_ref().unwrap().biometrics);
    // A wrong PIN says so first.
    s.pin("111112");
    assert_eq!(lock(&s).pad.error.as_deref(), Some("رمز ورود نادرست است."));
    s.pin("480913");
    let offer = codes(&s).biometrics_offer.unwrap();
    assert_eq!(offer.decline.label, "فعلاً نه");
    s.send(Event::AcceptBiometrics { accept: false });
    assert!(codes(&s).biometrics_offer.is_none());
    assert!(!s.settings.as_ref().unwrap().biometrics);
    // The offer does not come back after the next unlock.
    let now = s.now;
    s.send(Event::Background { unix: now });
    s.pin("480913");
    assert!(codes(&s).biometrics_offer.is_none());
}

#[test]
fn camera_frames_decode_without_the_progress_overlay_one_at_a_time() {
    let mut s = set_up("en");
    s.send(Event::Navigate(Destination::Scan));
    assert!(s.camera);
    s.hold_work = true;
    s.send(blank_frame());
    assert_eq!(s.held.len(), 1, "one decode started");
    assert_eq!(s.view().busy, None, "no overlay for a frame");
    match s.view().back {
        BackAction::Back(b) => assert!(b.enabled, "back stays live during a decode"),
        other => panic!("{other:?}"),
    }
    s.send(blank_frame());
    assert_eq!(s.held.len(), 1, "a frame during a decode is dropped");
    // The person taps "Type a key" during the decode: it happens when the
    // decode returns, not never.
    s.send(Event::Navigate(Destination::ManualEntry));
    assert!(matches!(s.view().screen, Screen::Scan(_)));
    s.release_work();
    assert!(matches!(s.view().screen, Screen::ManualEntry(_)));
    assert!(!s.camera);

    // A frame with a code goes to the confirmation, still without the
    // overlay while it decodes.
    s.send(Event::Navigate(Destination::Scan));
    s.hold_work = true;
    s.send(frame_of(&format!(
        "otpauth://totp/GitHub:alice?secret={RFC_SECRET}&issuer=GitHub"
    )));
    assert_eq!(s.view().busy, None);
    s.release_work();
    assert!(matches!(s.view().screen, Screen::Confirm(_)));
    // Other slow work still shows its progress.
    s.hold_work = true;
    s.send(Event::Submit);
    assert_eq!(s.view().busy.as_deref(), Some("Saving…"));
    s.release_work();
    assert_eq!(codes(&s).rows.len(), 1);
}

#[test]
fn the_lock_screen_shows_a_wait_at_once_after_locking() {
    let mut s = set_up("en");
    // Three wrong PINs on the transfer screen start a wait.
    s.send(Event::Navigate(Destination::Transfer));
    for _ in 0..3 {
        s.pin("999990");
    }
    let now = s.now;
    s.send(Event::Background { unix: now });
    // Before any PIN is typed: the wait and the attempts left show, and
    // the pad waits.
    let v = lock(&s);
    assert!(v.wait_seconds > 0 && v.wait_seconds <= 30, "{v:?}");
    assert_eq!(
        v.wait.as_deref(),
        Some(
            format!(
                "Too many wrong PINs. Try again in \u{2066}0:{:02}\u{2069}.",
                v.wait_seconds
            )
            .as_str()
        )
    );
    assert_eq!(
        v.attempts.as_deref(),
        Some("7 attempts left before the vault is erased.")
    );
    assert!(!v.pad.enabled);
    assert_eq!(s.view().busy, None, "the status check is quiet");
    s.tick(u64::from(v.wait_seconds));
    assert!(lock(&s).pad.enabled);
    s.pin("480913");
    codes(&s);
    let _ = T0;
}

#[test]
fn a_pin_typed_during_the_lock_status_check_is_kept() {
    let mut s = set_up("en");
    s.hold_work = true;
    let now = s.now;
    s.send(Event::Background { unix: now });
    assert_eq!(s.held.len(), 1, "the status check runs");
    let v = lock(&s);
    assert!(v.pad.enabled, "the pad stays live during the check");
    assert_eq!(s.view().busy, None);
    s.pin("480913");
    assert!(matches!(s.view().screen, Screen::Lock(_)));
    // The check returns; the PIN typed meanwhile is tried then.
    s.release_work();
    codes(&s);
}
