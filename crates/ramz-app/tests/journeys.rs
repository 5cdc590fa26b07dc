//! User journeys, as the issue lists them, through events only.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Shell, T0, set_up};
use ramz_activation::{
    ActivationId, ActivationOffer, BaseUrl, MaskedCard, ServerKey, VerifiedRequest,
};
use ramz_app::{
    BiometricOutcome, Choice, Destination, Event, Field, FirstRunStep, Screen, SecretField,
};
use ramz_otp::{Algorithm, Digits, Period};

const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

fn codes(s: &Shell) -> ramz_app::CodesView {
    match s.view().screen {
        Screen::Codes(v) => v,
        other => panic!("expected the code list, got {other:?}"),
    }
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

#[test]
fn first_run_refuses_weak_and_mismatched_pins_then_offers_biometrics() {
    let mut s = Shell::new("fa-IR");
    let Screen::FirstRun(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(v.step, FirstRunStep::Language);
    assert!(s.view().rtl);
    s.send(Event::SetLanguage(ramz_app::text::Lang::En));
    assert!(!s.view().rtl);
    s.send(Event::Submit);
    s.pin("123456");
    let Screen::FirstRun(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(v.step, FirstRunStep::Pin);
    assert_eq!(
        v.pad.unwrap().error.unwrap(),
        "A run like 123456 is too easy to guess."
    );
    s.pin("۴۸۰۹۱۳");
    s.pin("480914");
    let Screen::FirstRun(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(v.step, FirstRunStep::Pin, "a mismatch starts over");
    assert!(v.pad.unwrap().error.unwrap().contains("different"));
    for d in [4, 8, 0, 9, 1, 3] {
        s.send(Event::PinKey { digit: d });
    }
    s.pin("٤٨٠٩١٣");
    let Screen::FirstRun(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(v.step, FirstRunStep::Biometrics);
    s.send(Event::AcceptBiometrics { accept: false });
    let v = codes(&s);
    assert!(v.empty.unwrap().contains("Add account"));
    assert_eq!(s.settings.as_ref().unwrap().lang, ramz_app::text::Lang::En);
}

#[test]
fn scan_confirm_copy_lock_wrong_pins_unlock() {
    let mut s = set_up("en-US");
    s.send(Event::Navigate(Destination::Scan));
    assert!(s.camera, "the camera runs on the scan screen");
    s.send(frame_of(&format!(
        "otpauth://totp/RFC:alice?secret={RFC_SECRET}&digits=8&issuer=RFC"
    )));
    assert!(!s.camera, "the camera stops on success");
    let Screen::Confirm(v) = s.view().screen else {
        panic!("{:?}", s.view().screen)
    };
    assert_eq!(v.issuer.value, "RFC");
    assert!(v.duplicate.is_none());
    assert!(v.details.contains("8 digits"));
    s.send(Event::Edit {
        field: Field::Account,
        text: "alice@example.com".into(),
    });
    s.send(Event::Submit);

    // The code equals RFC 6238's value at the tick's time (T = 59 s).
    s.now = 58;
    s.tick(1);
    let v = codes(&s);
    assert_eq!(v.rows.len(), 1);
    assert_eq!(v.rows[0].account, "alice@example.com");
    assert_eq!(v.rows[0].code, "\u{2066}9428 7082\u{2069}");
    assert_eq!(v.rows[0].seconds_left, 1);
    assert!(
        v.rows[0].next.is_some(),
        "the next code shows in the last seconds"
    );
    assert_eq!(
        v.rows[0].a11y,
        "\u{2068}RFC\u{2069}: code \u{2066}9 4 2 8 7 0 8 2\u{2069}, expires in 1 second"
    );
    assert!(
        v.banners
            .iter()
            .any(|b| b.contains("since your last backup"))
    );

    // Tap: copied, marked sensitive, cleared after 30 s.
    let id = v.rows[0].id;
    s.send(Event::TapAccount { id });
    assert_eq!(s.clipboard, Some(("94287082".into(), true, 30)));
    assert!(s.view().toast.unwrap().contains("30"));

    // Rescanning the same QR says it is already there.
    s.send(Event::Navigate(Destination::Scan));
    s.send(frame_of(&format!(
        "otpauth://totp/RFC:alice?secret={RFC_SECRET}&digits=8&issuer=RFC"
    )));
    let Screen::Confirm(v) = s.view().screen else {
        panic!()
    };
    // Core compares secrets and parameters, so the label the QR carries
    // does not matter: it is the same account.
    assert_eq!(
        v.duplicate.as_deref(),
        Some("Already in your vault"),
        "same secret and parameters"
    );
    // Adding it anyway adds nothing and says so.
    s.send(Event::Submit);
    assert_eq!(
        s.view().toast.as_deref(),
        Some("Nothing added; one was already in your vault.")
    );
    assert_eq!(codes(&s).rows.len(), 1);

    // Background locks at once.
    s.now = T0;
    s.send(Event::Background { unix: T0 });
    assert!(matches!(s.view().screen, Screen::Lock(_)));
    // Wrong PINs: the counter and the wait show, the pad waits.
    s.send(Event::Foreground { unix: T0 });
    for _ in 0..3 {
        s.pin("111112");
        let wait = match s.view().screen {
            Screen::Lock(v) => v.wait_seconds,
            _ => panic!(),
        };
        s.tick(u64::from(wait));
    }
    let Screen::Lock(v) = s.view().screen else {
        panic!()
    };
    assert!(
        v.attempts
            .as_deref()
            .unwrap_or("")
            .contains("attempts left"),
        "{v:?}"
    );
    s.pin("111112");
    let Screen::Lock(v) = s.view().screen else {
        panic!()
    };
    assert!(
        v.wait_seconds > 0 && v.wait.is_some() && !v.pad.enabled,
        "{v:?}"
    );
    s.pin("480913"); // refused while waiting: not even tried
    assert!(matches!(s.view().screen, Screen::Lock(_)));
    let before = v.wait_seconds;
    s.tick(1);
    let Screen::Lock(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(
        v.wait_seconds,
        before - 1,
        "the wait counts down with the ticks"
    );
    s.tick(u64::from(v.wait_seconds));
    s.pin("480913");
    assert_eq!(codes(&s).rows.len(), 1);
}

#[test]
fn idle_timeout_locks_and_restart_keeps_settings() {
    let mut s = set_up("fa-IR");
    s.send(Event::Navigate(Destination::Settings));
    s.send(Event::Choose(Choice::AutoLock(30)));
    s.send(Event::Navigate(Destination::Codes));
    s.tick(29);
    codes(&s);
    s.tick(1);
    assert!(matches!(s.view().screen, Screen::Lock(_)));
    let mut s = s.restart();
    assert!(matches!(s.view().screen, Screen::Lock(_)));
    assert!(s.view().rtl, "the stored language wins over the device's");
    s.pin("480913");
    codes(&s);
    assert_eq!(s.settings.as_ref().unwrap().auto_lock_seconds, 30);
}

#[test]
fn manual_entry_validates_fields_and_hotp_makes_next_codes() {
    let mut s = set_up("en");
    s.send(Event::Navigate(Destination::ManualEntry));
    s.send(Event::Submit);
    let Screen::ManualEntry(v) = s.view().screen else {
        panic!()
    };
    assert!(v.secret.error.is_some() && v.account.error.is_some());
    s.send(Event::Edit {
        field: Field::Issuer,
        text: "Nobitex".into(),
    });
    s.send(Event::EditSecret {
        field: SecretField::Secret,
        bytes: b"not base32 !!".to_vec(),
    });
    s.send(Event::Edit {
        field: Field::Digits,
        text: "۹".into(),
    });
    s.send(Event::Submit);
    let Screen::ManualEntry(v) = s.view().screen else {
        panic!()
    };
    assert!(v.digits.error.is_some());
    s.send(Event::Edit {
        field: Field::Digits,
        text: "۶".into(),
    });
    s.send(Event::Submit);
    let Screen::ManualEntry(v) = s.view().screen else {
        panic!()
    };
    assert!(
        v.secret
            .error
            .as_deref()
            .unwrap()
            .contains("not a valid key"),
        "{v:?}"
    );
    s.send(Event::EditSecret {
        field: SecretField::Secret,
        bytes: b"gezd gnbv gy3t qojq gezd gnbv gy3t qojq".to_vec(),
    });
    s.send(Event::Choose(Choice::Hotp(true)));
    s.send(Event::Submit);
    let v = codes(&s);
    assert_eq!(v.rows[0].code, "Tap for a code");
    let id = v.rows[0].id;
    s.send(Event::TapAccount { id });
    // RFC 4226 Appendix D: counter 0 → 755224, counter 1 → 287082.
    assert_eq!(codes(&s).rows[0].code, "\u{2066}755 224\u{2069}");
    assert_eq!(s.clipboard.as_ref().unwrap().0, "755224");
    s.send(Event::TapAccount { id });
    assert_eq!(codes(&s).rows[0].code, "\u{2066}287 082\u{2069}");
}

#[test]
fn search_matches_persian_and_latin() {
    let mut s = set_up("fa");
    for (issuer, secret) in [
        ("بانك ملي", "JBSWY3DPEHPK3PXP"),
        ("GitHub", "KRSXG5CTMVRXEZLU"),
    ] {
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
    s.send(Event::Edit {
        field: Field::Search,
        text: "ملی".into(),
    });
    let v = codes(&s);
    assert_eq!(v.rows.len(), 1, "Arabic ي/ك match Persian ی/ک");
    s.send(Event::Edit {
        field: Field::Search,
        text: "github".into(),
    });
    assert_eq!(codes(&s).rows[0].issuer, "GitHub");
    s.send(Event::Edit {
        field: Field::Search,
        text: "xyz".into(),
    });
    assert!(codes(&s).empty.is_some());
}

#[test]
fn non_otp_qr_is_explained_and_adds_nothing() {
    let mut s = set_up("en");
    s.send(Event::Navigate(Destination::Scan));
    // From the camera, core's one classification names the kind (it
    // does not hand back the text, which may be a password).
    s.send(frame_of("WIFI:S:cafe;T:WPA;P:secret;;"));
    let Screen::Notice(v) = s.view().screen else {
        panic!()
    };
    assert!(v.body.contains("Wi-Fi"), "{}", v.body);
    s.send(Event::Submit);
    assert!(matches!(s.view().screen, Screen::Scan(_)));
    // Pasted, the same.
    s.send(Event::Paste {
        text: "WIFI:S:cafe;T:WPA;P:secret;;".into(),
    });
    let Screen::Notice(v) = s.view().screen else {
        panic!()
    };
    assert!(v.body.contains("Wi-Fi"));
    s.send(Event::Submit);
    s.send(Event::Paste {
        text: "https://example.com/login".into(),
    });
    let Screen::Notice(v) = s.view().screen else {
        panic!()
    };
    assert!(v.body.contains("link to the website"), "{}", v.body);
    s.send(Event::Navigate(Destination::Codes));
    assert!(codes(&s).rows.is_empty());
}

fn offer(key: &ServerKey) -> ActivationOffer {
    ActivationOffer {
        base_url: BaseUrl::parse("https://otp.bank.example").unwrap(),
        id: ActivationId::from_bytes(&[9; 16]).unwrap(),
        server_key: key.public(),
        issuer: "Bank Melli".into(),
        masked_card: MaskedCard::parse("6037-99**-****-1234").unwrap(),
        algorithm: Algorithm::Sha1,
        digits: Digits::SIX,
        period: Period::SIXTY,
        expires_at: T0 + 300,
    }
}

#[test]
fn bank_activation_maps_answers_and_learns_the_clock() {
    let mut s = set_up("fa");
    let key = ServerKey::generate().unwrap();
    let offer = offer(&key);
    s.send(Event::Navigate(Destination::Scan));
    s.send(frame_of(&offer.to_uri()));
    let Screen::Activation(v) = s.view().screen else {
        panic!("{:?}", s.view().screen)
    };
    assert_eq!(v.bank, "Bank Melli");
    assert!(v.card.starts_with('\u{2066}') && v.card.contains("۶۰۳۷"));
    assert!(v.expires.contains("۵:۰۰"), "{}", v.expires);
    // The host comes from the scanned code, before any request is made.
    assert_eq!(v.server, "\u{2066}otp.bank.example\u{2069}");
    s.tick(2);
    let Screen::Activation(v) = s.view().screen else {
        panic!()
    };
    assert!(v.expires.contains("۴:۵۸"));

    // Three digits: refused before any request.
    s.send(Event::EditSecret {
        field: SecretField::SmsCode,
        bytes: "۴۸۲".as_bytes().to_vec(),
    });
    s.send(Event::Submit);
    assert!(s.requests.is_empty());
    // Network failure, then retry of the same request.
    s.send(Event::EditSecret {
        field: SecretField::SmsCode,
        bytes: "۴۸۲۱".as_bytes().to_vec(),
    });
    s.send(Event::Submit);
    assert_eq!(s.requests.len(), 1);
    s.send(Event::HttpFailed);
    let Screen::Activation(v) = s.view().screen else {
        panic!()
    };
    assert!(v.retry.is_some() && v.error.is_some());
    s.send(Event::Choose(Choice::Retry));
    assert_eq!(s.requests.len(), 2);
    assert_eq!(s.requests[0], s.requests[1]);

    // The bank answers (its clock 40 s ahead).
    let req = s.requests.last().unwrap().clone();
    let verified = VerifiedRequest::check(
        &offer,
        &key,
        "4821",
        &serde_json::from_slice(&req.body).unwrap(),
    )
    .unwrap();
    let done = verified
        .respond(&ramz_activation::random_bytes::<32>().unwrap(), s.now + 40)
        .unwrap();
    let body = serde_json::to_vec(&done.response).unwrap();
    let now = s.now;
    s.send(Event::HttpResponse {
        status: 200,
        body,
        unix: now,
    });
    let Screen::Notice(v) = s.view().screen else {
        panic!("{:?}", s.view().screen)
    };
    assert!(v.body.contains("Bank Melli"));
    s.send(Event::Submit);
    let v = codes(&s);
    assert_eq!(v.rows[0].badge.as_deref(), Some("کارت بانکی"));
    let server = ramz_otp::Totp::new(&done.seed, Algorithm::Sha1, Digits::SIX, Period::SIXTY, 0);
    let expect = server.code_at(s.now + 40);
    let digits: String = ramz_app::text::to_ascii_digits(&v.rows[0].code)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    assert_eq!(digits, expect.as_str(), "codes use the bank's time");

    // The learned offset is in the vault, not in the app's settings: a
    // restart (settings as stored) still computes codes in the bank's time.
    let mut s = s.restart();
    s.pin("480913");
    let v = codes(&s);
    let digits: String = ramz_app::text::to_ascii_digits(&v.rows[0].code)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    assert_eq!(digits, server.code_at(s.now + 40).as_str());
}

#[test]
fn activation_wrong_code_and_expiry() {
    let mut s = set_up("en");
    let key = ServerKey::generate().unwrap();
    let offer = offer(&key);
    s.send(Event::Paste {
        text: offer.to_uri().into(),
    });
    s.send(Event::EditSecret {
        field: SecretField::SmsCode,
        bytes: b"1111".to_vec(),
    });
    s.send(Event::Submit);
    let body = br#"{"error":"wrong_code","detail":"wrong code","attempts_left":2}"#.to_vec();
    let now = s.now;
    s.send(Event::HttpResponse {
        status: 400,
        body,
        unix: now,
    });
    let Screen::Activation(v) = s.view().screen else {
        panic!("{:?}", s.view().screen)
    };
    let err = v.error.unwrap_or_default();
    assert_eq!(err, "Wrong code. 2 attempts left.");
    // A new SMS code may be tried: a new request goes out.
    s.send(Event::EditSecret {
        field: SecretField::SmsCode,
        bytes: b"2222".to_vec(),
    });
    s.send(Event::Submit);
    assert_eq!(s.requests.len(), 2);
    let now = s.now;
    s.send(Event::HttpResponse {
        status: 410,
        body: br#"{"error":"expired","detail":"x"}"#.to_vec(),
        unix: now,
    });
    let Screen::Notice(v) = s.view().screen else {
        panic!("{:?}", s.view().screen)
    };
    assert!(v.heading.contains("expired"), "{v:?}");
    // A second activation that simply runs out of time.
    s.send(Event::Submit);
    s.send(Event::Paste {
        text: offer.to_uri().into(),
    });
    for _ in 0..10 {
        s.tick(30); // typing keeps the idle lock away
        s.send(Event::EditSecret {
            field: SecretField::SmsCode,
            bytes: b"3".to_vec(),
        });
    }
    let Screen::Notice(v) = s.view().screen else {
        panic!("{:?}", s.view().screen)
    };
    assert!(v.heading.contains("expired"));
}

#[test]
fn backup_export_verify_and_restore_into_a_fresh_app() {
    let mut s = set_up("en");
    s.send(Event::Navigate(Destination::ManualEntry));
    s.send(Event::Edit {
        field: Field::Issuer,
        text: "GitHub".into(),
    });
    s.send(Event::EditSecret {
        field: SecretField::Secret,
        bytes: b"JBSWY3DPEHPK3PXP".to_vec(),
    });
    s.send(Event::Submit);
    s.send(Event::Navigate(Destination::Backup));
    s.send(Event::EditSecret {
        field: SecretField::Passphrase,
        bytes: b"short".to_vec(),
    });
    s.send(Event::Choose(Choice::Export));
    let Screen::Backup(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(v.error.as_deref(), Some("Use at least 8 characters."));
    s.send(Event::EditSecret {
        field: SecretField::Passphrase,
        bytes: b"river-Lamp-42".to_vec(),
    });
    s.send(Event::EditSecret {
        field: SecretField::PassphraseAgain,
        bytes: b"river-Lamp-43".to_vec(),
    });
    s.send(Event::Choose(Choice::Export));
    let Screen::Backup(v) = s.view().screen else {
        panic!()
    };
    assert!(v.error.unwrap().contains("different"));
    s.send(Event::EditSecret {
        field: SecretField::PassphraseAgain,
        bytes: b"river-Lamp-42".to_vec(),
    });
    s.send(Event::Choose(Choice::Export));
    assert_eq!(s.saved.len(), 1);
    let file = s.saved[0].1.clone();
    assert_eq!(s.settings.as_ref().unwrap().added_since_backup, 0);
    let Screen::Backup(v) = s.view().screen else {
        panic!()
    };
    assert!(v.last_backup.contains("2027-01-15"), "{}", v.last_backup);

    s.send(Event::Choose(Choice::Verify));
    s.send(Event::FilePicked {
        bytes: file.clone(),
    });
    s.send(Event::EditSecret {
        field: SecretField::Passphrase,
        bytes: b"river-Lamp-42".to_vec(),
    });
    s.send(Event::Submit);
    let Screen::Backup(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(v.report[0], "This backup holds all your accounts.", "{v:?}");

    // A fresh app restores it.
    let mut fresh = set_up("en");
    fresh.send(Event::Navigate(Destination::Backup));
    fresh.send(Event::Choose(Choice::Restore));
    fresh.send(Event::FilePicked {
        bytes: file.clone(),
    });
    fresh.send(Event::EditSecret {
        field: SecretField::Passphrase,
        bytes: b"wrong-pass-1".to_vec(),
    });
    fresh.send(Event::Submit);
    let Screen::Backup(v) = fresh.view().screen else {
        panic!()
    };
    assert_eq!(
        v.error.as_deref(),
        Some("Wrong passphrase for this backup.")
    );
    fresh.send(Event::EditSecret {
        field: SecretField::Passphrase,
        bytes: b"river-Lamp-42".to_vec(),
    });
    fresh.send(Event::Submit);
    let Screen::Backup(v) = fresh.view().screen else {
        panic!()
    };
    assert_eq!(
        v.report,
        vec!["One account restored.", "0 accounts were already there."]
    );
    fresh.send(Event::Navigate(Destination::Codes));
    assert_eq!(codes(&fresh).rows[0].issuer, "GitHub");
}

#[test]
fn background_during_slow_work_locks_when_it_returns() {
    let mut s = set_up("en");
    s.send(Event::Navigate(Destination::ManualEntry));
    s.send(Event::Edit {
        field: Field::Issuer,
        text: "GitHub".into(),
    });
    s.send(Event::EditSecret {
        field: SecretField::Secret,
        bytes: b"JBSWY3DPEHPK3PXP".to_vec(),
    });
    s.hold_work = true;
    s.send(Event::Submit);
    assert!(s.view().busy.is_some(), "progress while the work runs");
    let now = s.now;
    s.send(Event::Background { unix: now });
    s.release_work();
    assert!(matches!(s.view().screen, Screen::Lock(_)));
    s.pin("480913");
    assert_eq!(codes(&s).rows.len(), 1, "the add finished");
}

#[test]
fn settings_change_pin_needs_the_current_one() {
    let mut s = set_up("en");
    s.send(Event::Navigate(Destination::Settings));
    s.send(Event::Choose(Choice::ChangePin));
    s.pin("999990"); // wrong current PIN
    s.pin("271828");
    s.pin("271828");
    let Screen::Settings(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(
        v.error.as_deref(),
        Some("Wrong PIN. 9 attempts left before the vault is erased.")
    );
    s.send(Event::Choose(Choice::ChangePin));
    s.pin("480913");
    s.pin("000000");
    let Screen::Settings(v) = s.view().screen else {
        panic!()
    };
    assert!(v.error.unwrap().contains("repeated digit"));
    s.pin("271828");
    s.pin("271828");
    assert_eq!(s.view().toast.as_deref(), Some("Your PIN was changed."));
    let now = s.now;
    s.send(Event::Background { unix: now });
    s.pin("271828");
    codes(&s);
}

#[test]
fn biometrics_need_the_pin_to_turn_on_and_unlock_through_the_prompt() {
    let mut s = set_up("en");
    s.send(Event::Navigate(Destination::Settings));
    s.send(Event::Choose(Choice::Biometrics(true)));
    s.pin("480913");
    assert!(s.settings.as_ref().unwrap().biometrics);
    let now = s.now;
    s.send(Event::Background { unix: now });
    let Screen::Lock(v) = s.view().screen else {
        panic!()
    };
    assert!(v.biometrics.is_some());
    s.send(Event::UnlockWithBiometrics);
    assert_eq!(s.prompts, 1);
    s.send(Event::BiometricResult {
        outcome: BiometricOutcome::Success,
    });
    codes(&s);
}

/// Activates a Bank Melli card through the events; returns nothing but
/// leaves the app on the code list with the card.
fn activate_card(s: &mut Shell) {
    let key = ServerKey::generate().unwrap();
    let offer = offer(&key);
    s.send(Event::Paste {
        text: offer.to_uri().into(),
    });
    s.send(Event::EditSecret {
        field: SecretField::SmsCode,
        bytes: b"4821".to_vec(),
    });
    s.send(Event::Submit);
    let req = s.requests.last().unwrap().clone();
    let verified = VerifiedRequest::check(
        &offer,
        &key,
        "4821",
        &serde_json::from_slice(&req.body).unwrap(),
    )
    .unwrap();
    let done = verified
        .respond(&ramz_activation::random_bytes::<32>().unwrap(), s.now)
        .unwrap();
    let now = s.now;
    s.send(Event::HttpResponse {
        status: 200,
        body: serde_json::to_vec(&done.response).unwrap(),
        unix: now,
    });
    s.send(Event::Submit);
    codes(s);
}

#[test]
fn bank_cards_leave_backups_only_with_the_pin_and_deleting_one_needs_it() {
    let mut s = set_up("en");
    activate_card(&mut s);
    s.send(Event::Navigate(Destination::ManualEntry));
    s.send(Event::Edit {
        field: Field::Issuer,
        text: "GitHub".into(),
    });
    s.send(Event::EditSecret {
        field: SecretField::Secret,
        bytes: b"JBSWY3DPEHPK3PXP".to_vec(),
    });
    s.send(Event::Submit);

    // A plain export leaves the card out.
    s.send(Event::Navigate(Destination::Backup));
    let Screen::Backup(v) = s.view().screen else {
        panic!()
    };
    assert!(v.include_bank_cards.is_some());
    for field in [SecretField::Passphrase, SecretField::PassphraseAgain] {
        s.send(Event::EditSecret {
            field,
            bytes: b"river-Lamp-42".to_vec(),
        });
    }
    s.send(Event::Choose(Choice::Export));
    let plain = s.saved.last().unwrap().1.clone();
    s.send(Event::Choose(Choice::Verify));
    s.send(Event::FilePicked { bytes: plain });
    s.send(Event::EditSecret {
        field: SecretField::Passphrase,
        bytes: b"river-Lamp-42".to_vec(),
    });
    s.send(Event::Submit);
    let Screen::Backup(v) = s.view().screen else {
        panic!()
    };
    assert!(
        v.report
            .iter()
            .any(|l| l == "One bank card was left out on purpose."),
        "{v:?}"
    );

    // With the card: the PIN is asked; a wrong one exports nothing.
    for field in [SecretField::Passphrase, SecretField::PassphraseAgain] {
        s.send(Event::EditSecret {
            field,
            bytes: b"river-Lamp-42".to_vec(),
        });
    }
    s.send(Event::Choose(Choice::IncludeBankCards(true)));
    let saved = s.saved.len();
    s.pin("999990");
    let Screen::Backup(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(
        v.error.as_deref(),
        Some("Wrong PIN. 9 attempts left before the vault is erased.")
    );
    assert_eq!(s.saved.len(), saved);
    s.pin("480913");
    assert_eq!(s.saved.len(), saved + 1);
    let full = s.saved.last().unwrap().1.clone();

    // Deleting the card asks for the PIN.
    s.send(Event::Navigate(Destination::Codes));
    let card = codes(&s)
        .rows
        .iter()
        .find(|r| r.badge.is_some())
        .unwrap()
        .id;
    s.send(Event::OpenAccount { id: card });
    s.send(Event::Choose(Choice::Delete));
    let Screen::Account(v) = s.view().screen else {
        panic!()
    };
    assert!(v.pad.is_some() && v.confirm_delete.unwrap().contains("activate it again"));
    assert!(v.details.iter().any(|d| d.value.contains("never shown")));
    s.send(Event::Choose(Choice::ConfirmDelete)); // not enough for a card
    assert!(matches!(s.view().screen, Screen::Account(_)));
    s.pin("480913");
    assert_eq!(codes(&s).rows.len(), 1);

    // The full backup brings the card back into a fresh app.
    let mut fresh = set_up("en");
    fresh.send(Event::Navigate(Destination::Backup));
    fresh.send(Event::Choose(Choice::Restore));
    fresh.send(Event::FilePicked { bytes: full });
    fresh.send(Event::EditSecret {
        field: SecretField::Passphrase,
        bytes: b"river-Lamp-42".to_vec(),
    });
    fresh.send(Event::Submit);
    fresh.send(Event::Navigate(Destination::Codes));
    assert!(codes(&fresh).rows.iter().any(|r| r.badge.is_some()));
}

/// Every answer of the bank's server the protocol defines, as the
/// customer reads it.
#[test]
fn every_activation_answer_is_explained() {
    let cases: [(u16, &[u8], &str); 6] = [
        (
            400,
            br#"{"error":"wrong_code","detail":"x","attempts_left":1}"#,
            "Wrong code. One attempt left.",
        ),
        (
            403,
            br#"{"error":"attempts_exhausted","detail":"x"}"#,
            "Too many wrong codes, or this activation was already used.",
        ),
        (
            409,
            br#"{"error":"already_used","detail":"x"}"#,
            "Too many wrong codes, or this activation was already used.",
        ),
        (
            404,
            br#"{"error":"unknown_activation","detail":"x"}"#,
            "Too many wrong codes, or this activation was already used.",
        ),
        (
            410,
            br#"{"error":"expired","detail":"x"}"#,
            "Start a new activation at your bank's website or branch.",
        ),
        (
            503,
            b"<html>maintenance</html>",
            "The bank's server answered with error 503. Try again later.",
        ),
    ];
    for (status, body, expect) in cases {
        let mut s = set_up("en");
        let key = ServerKey::generate().unwrap();
        s.send(Event::Paste {
            text: offer(&key).to_uri().into(),
        });
        s.send(Event::EditSecret {
            field: SecretField::SmsCode,
            bytes: b"1234".to_vec(),
        });
        s.send(Event::Submit);
        let now = s.now;
        s.send(Event::HttpResponse {
            status,
            body: body.to_vec(),
            unix: now,
        });
        let shown = match s.view().screen {
            Screen::Activation(v) => v.error.unwrap_or_default(),
            Screen::Notice(v) => v.body,
            other => panic!("{other:?}"),
        };
        assert!(shown.starts_with(expect), "{status}: {shown}");
    }
}

/// The issue's journey in one go: first run → scan a frame → confirm →
/// the code equals RFC 6238's at the tick's time → background → locked →
/// wrong PINs with the wait → unlock → bank activation against the
/// protocol's server side → backup → restore into a fresh app.
#[test]
fn the_whole_journey() {
    let mut s = Shell::new("fa-IR");
    s.send(Event::Submit);
    s.pin("۴۸۰۹۱۳");
    s.pin("۴۸۰۹۱۳");
    s.send(Event::AcceptBiometrics { accept: false });

    s.send(Event::Navigate(Destination::Scan));
    s.send(frame_of(&format!(
        "otpauth://totp/RFC:alice?secret={RFC_SECRET}&digits=8&issuer=RFC"
    )));
    s.send(Event::Submit);
    s.now = 58;
    s.tick(1);
    assert_eq!(codes(&s).rows[0].code, "\u{2066}۹۴۲۸ ۷۰۸۲\u{2069}");

    s.now = T0;
    s.send(Event::Background { unix: T0 });
    s.send(Event::Foreground { unix: T0 });
    assert!(matches!(s.view().screen, Screen::Lock(_)));
    let mut waited = 0;
    for _ in 0..5 {
        s.pin("111112");
        let Screen::Lock(v) = s.view().screen else {
            panic!()
        };
        waited += v.wait_seconds;
        s.tick(u64::from(v.wait_seconds));
    }
    assert!(waited > 0, "wrong PINs made the person wait");
    s.pin("480913");
    codes(&s);

    activate_card(&mut s);
    assert_eq!(codes(&s).rows.len(), 2);

    s.send(Event::Navigate(Destination::Backup));
    for field in [SecretField::Passphrase, SecretField::PassphraseAgain] {
        s.send(Event::EditSecret {
            field,
            bytes: "رود-چراغ-۴۲".as_bytes().to_vec(),
        });
    }
    s.send(Event::Choose(Choice::Export));
    let file = s.saved.last().unwrap().1.clone();

    let mut fresh = set_up("fa");
    fresh.send(Event::Navigate(Destination::Backup));
    fresh.send(Event::Choose(Choice::Restore));
    fresh.send(Event::FilePicked { bytes: file });
    fresh.send(Event::EditSecret {
        field: SecretField::Passphrase,
        bytes: "رود-چراغ-۴۲".as_bytes().to_vec(),
    });
    fresh.send(Event::Submit);
    let Screen::Backup(v) = fresh.view().screen else {
        panic!()
    };
    assert_eq!(
        v.report[0], "۱ حساب بازگردانده شد.",
        "the bank card stays out of a plain backup"
    );
    fresh.send(Event::Navigate(Destination::Codes));
    assert_eq!(codes(&fresh).rows[0].issuer, "RFC");
}

/// The modules of a transfer code drawn the way a shell would: 4 px a
/// module, 4 light modules around it.
fn frame_of_modules(m: &ramz_app::QrModules) -> Event {
    let (n, px, quiet) = (m.size as usize, 4, 4);
    let side = (n + 2 * quiet) * px;
    let mut luma = vec![255u8; side * side];
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = ((x / px).wrapping_sub(quiet), (y / px).wrapping_sub(quiet));
            if mx < n && my < n && m.dark[my * n + mx] == 1 {
                luma[y * side + x] = 0;
            }
        }
    }
    let side = u32::try_from(side).unwrap();
    Event::CameraFrame {
        luma,
        width: side,
        height: side,
        row_stride: side,
    }
}

fn transfer(s: &Shell) -> ramz_app::TransferView {
    match s.view().screen {
        Screen::Transfer(v) => v,
        other => panic!("expected the transfer screen, got {other:?}"),
    }
}

#[test]
fn transfer_to_a_new_phone_after_the_pin_bank_cards_stay() {
    let mut old = set_up("en");
    // 30 accounts (one migration paste), then a bank card.
    let accounts: Vec<ramz_otp::OtpAccount> = (0..30u8)
        .map(|i| ramz_otp::OtpAccount {
            issuer: format!("Service number {i}"),
            account: format!("person{i}@example.com"),
            secret: ramz_otp::Secret::from_slice(&[i.wrapping_mul(7).wrapping_add(1); 20]).unwrap(),
            params: ramz_otp::OtpParams::default_totp(),
            image: None,
        })
        .collect();
    let one = ramz_otp::migration::encode_with_limit(&accounts, 1, 100_000);
    old.send(Event::Paste {
        text: one.uris[0].to_string().into(),
    });
    old.send(Event::Submit);
    assert_eq!(codes(&old).rows.len(), 30);
    activate_card(&mut old);
    assert_eq!(codes(&old).rows.len(), 31);

    // The PIN first; a wrong one shows nothing.
    old.send(Event::Navigate(Destination::Transfer));
    let v = transfer(&old);
    assert!(v.pin.is_some() && v.code.is_none());
    old.pin("111222");
    let v = transfer(&old);
    assert!(v.code.is_none());
    let error = v.pin.unwrap().error.unwrap();
    assert!(error.starts_with("Wrong PIN."), "{error}");
    assert!(error.contains("attempts left"), "{error}");
    old.pin("480913");
    let v = transfer(&old);
    assert!(v.pin.is_none());
    let part = v.part.clone().unwrap();
    let count: usize = part.rsplit(' ').next().unwrap().parse().unwrap();
    assert!(count >= 2, "30 accounts need several codes: {part}");
    assert_eq!(part, format!("Code 1 of {count}"));
    assert!(
        v.stay_title
            .unwrap()
            .contains("activate it again at your bank")
    );
    assert_eq!(v.stay.len(), 1);
    assert!(v.stay[0].contains("Bank Melli"), "{:?}", v.stay);
    assert!(!v.previous.as_ref().unwrap().enabled);
    // The matrix holds secrets: Debug shows its size only.
    let debug = format!("{:?}", old.view());
    assert!(!debug.contains("dark"), "{debug}");

    // The new phone scans every code from the old phone's screen.
    let mut new = Shell::new("en");
    new.send(Event::Submit);
    new.pin("۷۳۹۲۵۱");
    new.pin("۷۳۹۲۵۱");
    new.send(Event::AcceptBiometrics { accept: false });
    new.now = old.now;
    new.send(Event::Navigate(Destination::Scan));
    for i in 0..count {
        let v = transfer(&old);
        assert_eq!(
            v.part.as_deref(),
            Some(format!("Code {} of {count}", i + 1).as_str())
        );
        new.send(frame_of_modules(v.code.as_ref().unwrap()));
        let Screen::Batch(b) = new.view().screen else {
            panic!("{:?}", new.view().screen)
        };
        assert_eq!(b.part, format!("Code {} of {count}", i + 1));
        new.send(Event::Submit);
        old.send(Event::Choose(Choice::NextCode));
    }
    assert!(!transfer(&old).next.unwrap().enabled, "the last code");
    old.send(Event::Choose(Choice::PreviousCode));
    assert_eq!(
        transfer(&old).part.as_deref(),
        Some(format!("Code {} of {count}", count - 1).as_str())
    );

    // Same 30 accounts, same codes; the bank card did not move.
    old.send(Event::Navigate(Destination::Codes));
    let (a, b) = (codes(&old), codes(&new));
    assert_eq!(b.rows.len(), 30);
    for row in &b.rows {
        let twin = a.rows.iter().find(|r| r.issuer == row.issuer).unwrap();
        assert_eq!(twin.code, row.code, "{}", row.issuer);
    }
    assert!(b.rows.iter().all(|r| r.badge.is_none()));

    // Leaving the screen forgets the codes: coming back asks the PIN again.
    old.send(Event::Navigate(Destination::Transfer));
    assert!(transfer(&old).pin.is_some());
}

/// An app for known banks refuses an activation code for another server,
/// says which server it named (from a pasted code and from the camera),
/// and keeps nothing; a code for an allowed bank goes through.
#[test]
fn an_activation_code_for_a_server_not_allowed_is_explained() {
    let key = ServerKey::generate().unwrap();
    let offer = offer(&key); // https://otp.bank.example
    for (lang, want) in [
        (
            "en",
            "This activation code sends your SMS code to \u{2066}otp.bank.example\u{2069}, \
             which is not a server of the banks Ramz works with.",
        ),
        (
            "fa",
            "این کد فعال‌سازی، کد پیامکی شما را به \u{2066}otp.bank.example\u{2069} می‌فرستد",
        ),
    ] {
        let mut s = common::set_up_with_bank_hosts(lang, &["bank.ir"]);
        s.send(Event::Paste {
            text: offer.to_uri().into(),
        });
        let Screen::Scan(v) = s.view().screen else {
            panic!("{:?}", s.view().screen)
        };
        let error = v.error.unwrap();
        assert!(error.starts_with(want), "{error}");
        s.send(Event::Navigate(Destination::Scan));
        s.send(frame_of(&offer.to_uri()));
        let Screen::Scan(v) = s.view().screen else {
            panic!("{:?}", s.view().screen)
        };
        assert!(v.error.unwrap().starts_with(want));
        assert!(s.requests.is_empty());
    }
    let mut s = common::set_up_with_bank_hosts("en", &["bank.example"]);
    s.send(Event::Paste {
        text: offer.to_uri().into(),
    });
    assert!(matches!(s.view().screen, Screen::Activation(_)));
}

/// Camera frames of QR codes that are not for Ramz: each says what it is
/// (a link with its site, never its path or query; a Wi-Fi network,
/// never its password), adds nothing, and leads back to the scanner.
#[test]
fn foreign_qr_codes_from_the_camera_say_what_they_are() {
    for (lang, text, want) in [
        (
            "en",
            "https://Shop.Example.com/cart?token=s3cr3t",
            "It is a link to the website \u{2066}shop.example.com\u{2069}. \
             Ramz adds nothing from it.",
        ),
        (
            "en",
            "WIFI:T:WPA;S:Home;P:hunter2-s3cr3t;;",
            "It is a Wi-Fi network. Ramz adds nothing from it.",
        ),
        (
            "en",
            "just some s3cr3t words",
            "It holds text that Ramz cannot use. Nothing was added.",
        ),
        (
            "en",
            "tel:+982112345678",
            "It is a phone number. Ramz adds nothing from it.",
        ),
        (
            "fa",
            "https://bank.example.ir/login?s3cr3t",
            "پیوندی به وب‌سایت \u{2066}bank.example.ir\u{2069} است. رمز چیزی از آن نمی‌افزاید.",
        ),
    ] {
        let mut s = set_up(lang);
        s.send(Event::Navigate(Destination::Scan));
        s.send(frame_of(text));
        let view = s.view();
        let Screen::Notice(v) = &view.screen else {
            panic!("{text}: {:?}", view.screen)
        };
        assert_eq!(v.body, want, "{text}");
        assert!(!format!("{view:?}").contains("s3cr3t"), "{text}");
        s.send(Event::Submit);
        assert!(matches!(s.view().screen, Screen::Scan(_)), "{text}");
        s.send(Event::Navigate(Destination::Codes));
        assert!(codes(&s).rows.is_empty(), "{text}: nothing added");
    }
}
