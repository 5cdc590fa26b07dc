//! Journeys of the add, account and notice screens that the main list
//! does not cover: migration batches, wiped and damaged vaults, the clock
//! banner, rename, delete, reorder.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Shell, set_up};
use ramz_app::{Choice, Destination, Event, Field, Screen, SecretField};

fn codes(s: &Shell) -> ramz_app::CodesView {
    match s.view().screen {
        Screen::Codes(v) => v,
        other => panic!("expected the code list, got {other:?}"),
    }
}

fn account(uri: &str) -> ramz_otp::OtpAccount {
    ramz_otp::uri::parse(uri).unwrap().account
}

fn add_manual(s: &mut Shell, issuer: &str, secret: &str) {
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

#[test]
fn migration_batch_in_parts_with_checkboxes_and_duplicates() {
    let mut s = set_up("en");
    add_manual(&mut s, "GitHub", "JBSWY3DPEHPK3PXP");
    let accounts = [
        // The vault's GitHub account under another name: a duplicate by
        // its secret, which core decides, not by its labels.
        account("otpauth://totp/Old%20name:me?secret=JBSWY3DPEHPK3PXP&issuer=Old%20name"),
        account("otpauth://totp/Nobitex:bob?secret=KRSXG5CTMVRXEZLU&issuer=Nobitex"),
        account("otpauth://totp/Mail:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Mail"),
        account("otpauth://totp/Bank:bob?secret=MFRGGZDFMZTWQ2LK&issuer=Bank"),
    ];
    let report = ramz_otp::migration::encode_with_limit(&accounts, 7, 170);
    assert!(report.uris.len() >= 2, "the export needs several codes");
    assert!(report.skipped.is_empty(), "{:?}", report.skipped);
    let parts = report.uris.len() as u32;

    s.send(Event::Paste {
        text: report.uris[0].to_string().into(),
    });
    let Screen::Batch(v) = s.view().screen else {
        panic!("{:?}", s.view().screen)
    };
    assert_eq!(v.part, format!("Code 1 of {parts}"));
    assert_eq!(
        v.entries[0].duplicate.as_deref(),
        Some("Already in your vault")
    );
    assert!(!v.entries[0].checked, "duplicates start unticked");
    let first_count = v.entries.len();
    // Untick everything but the last entry of this part.
    for i in 1..first_count.saturating_sub(1) {
        s.send(Event::ToggleBatchEntry { index: i as u32 });
    }
    s.send(Event::Submit);
    // Back to the scanner, which remembers what was scanned.
    let Screen::Scan(v) = s.view().screen else {
        panic!("{:?}", s.view().screen)
    };
    assert_eq!(
        v.progress.as_deref(),
        Some(format!("Scanned 1 of {parts} codes. Scan the next one.").as_str())
    );
    for uri in &report.uris[1..] {
        s.send(Event::Paste {
            text: uri.to_string().into(),
        });
        s.send(Event::Submit);
    }
    let v = codes(&s);
    let kept = if first_count > 1 { 1 } else { 0 };
    let rest: usize = accounts.len() - first_count;
    assert_eq!(
        v.rows.len(),
        1 + kept + rest,
        "{:?}",
        v.rows.iter().map(|r| &r.issuer).collect::<Vec<_>>()
    );
}

#[test]
fn ten_wrong_pins_wipe_and_the_notice_leads_to_a_new_vault() {
    let mut s = set_up("en");
    let now = s.now;
    s.send(Event::Background { unix: now });
    for _ in 0..30 {
        if let Screen::Notice(_) = s.view().screen {
            break;
        }
        s.pin("111112");
        let wait = match s.view().screen {
            Screen::Lock(v) => v.wait_seconds,
            _ => 0,
        };
        s.now += u64::from(wait);
        let now = s.now;
        s.send(Event::Tick { unix: now });
    }
    let Screen::Notice(v) = s.view().screen else {
        panic!("{:?}", s.view().screen)
    };
    assert!(v.heading.contains("erased"));
    assert!(v.body.contains("activate them again at your bank"));
    s.send(Event::Submit);
    assert!(matches!(s.view().screen, Screen::FirstRun(_)));
}

#[test]
fn a_damaged_vault_is_explained_and_not_erased() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vault.ramz");
    std::fs::write(&path, b"not a vault at all, just bytes").unwrap();
    let s = Shell::in_dir(dir, "en", None);
    let Screen::Notice(v) = s.view().screen else {
        panic!("{:?}", s.view().screen)
    };
    assert!(v.heading.contains("cannot be read"));
    assert!(v.body.contains("Nothing was erased"));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"not a vault at all, just bytes"
    );
}

#[test]
fn manual_clock_offset_shows_a_banner_free_list_and_corrected_codes() {
    let mut s = set_up("en");
    s.send(Event::Navigate(Destination::ManualEntry));
    s.send(Event::Edit {
        field: Field::Issuer,
        text: "RFC".into(),
    });
    s.send(Event::Edit {
        field: Field::Digits,
        text: "8".into(),
    });
    s.send(Event::EditSecret {
        field: SecretField::Secret,
        bytes: b"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ".to_vec(),
    });
    s.send(Event::Submit);
    s.send(Event::Navigate(Destination::Settings));
    s.send(Event::Edit {
        field: Field::ClockOffset,
        text: "abc".into(),
    });
    s.send(Event::Choose(Choice::ManualClock(true)));
    let Screen::Settings(v) = s.view().screen else {
        panic!()
    };
    assert!(v.error.is_some());
    // Device clock at 49 s, 10 s slow: codes are made at T = 59 s.
    s.send(Event::Edit {
        field: Field::ClockOffset,
        text: "۱۰".into(),
    });
    s.send(Event::Choose(Choice::ManualClock(true)));
    let Screen::Settings(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(v.clock, "Codes use a manual correction of 10 s.");
    s.send(Event::Navigate(Destination::Codes));
    s.now = 48;
    s.tick(1);
    assert_eq!(codes(&s).rows[0].code, "\u{2066}9428 7082\u{2069}");
    // Kept in the vault: a restart computes the same corrected code.
    let mut s = s.restart();
    s.pin("480913");
    s.now = 48;
    s.tick(1);
    assert_eq!(codes(&s).rows[0].code, "\u{2066}9428 7082\u{2069}");
}

#[test]
fn implausible_device_clock_shows_a_banner() {
    let mut s = set_up("fa");
    add_manual(&mut s, "GitHub", "JBSWY3DPEHPK3PXP");
    s.now = 1_000;
    s.tick(1);
    let v = codes(&s);
    assert!(
        v.banners.iter().any(|b| b.contains("تاریخ گوشی")),
        "{:?}",
        v.banners
    );
}

#[test]
fn rename_reorder_and_delete() {
    let mut s = set_up("en");
    add_manual(&mut s, "GitHub", "JBSWY3DPEHPK3PXP");
    add_manual(&mut s, "Mail", "KRSXG5CTMVRXEZLU");
    let v = codes(&s);
    let (first, second) = (v.rows[0].id, v.rows[1].id);
    s.send(Event::MoveAccount {
        id: second,
        position: 0,
    });
    assert_eq!(codes(&s).rows[0].issuer, "Mail");
    s.send(Event::OpenAccount { id: first });
    let Screen::Account(v) = s.view().screen else {
        panic!()
    };
    assert!(v.details.iter().any(|d| d.value.contains("SHA-1")));
    assert!(
        v.details.iter().all(|d| !d.value.contains("JBSW")),
        "never the secret"
    );
    s.send(Event::Edit {
        field: Field::Issuer,
        text: "GitHub (work)".into(),
    });
    s.send(Event::Choose(Choice::Rename));
    assert_eq!(s.view().toast.as_deref(), Some("Saved"));
    s.send(Event::Choose(Choice::Delete));
    let Screen::Account(v) = s.view().screen else {
        panic!()
    };
    assert!(v.confirm_delete.unwrap().contains("GitHub (work)"));
    s.send(Event::Choose(Choice::ConfirmDelete));
    let v = codes(&s);
    assert_eq!(v.rows.len(), 1);
    assert_eq!(v.rows[0].issuer, "Mail");
}

#[test]
fn debug_output_never_shows_pins_secrets_or_pasted_text() {
    let events = [
        Event::PinText {
            bytes: b"480913".to_vec(),
        },
        Event::PinKey { digit: 7 },
        Event::EditSecret {
            field: SecretField::Secret,
            bytes: b"JBSWY3DPEHPK3PXP".to_vec(),
        },
        Event::EditSecret {
            field: SecretField::SmsCode,
            bytes: b"4821".to_vec(),
        },
        Event::Paste {
            text: "otpauth://totp/x?secret=JBSWY3DPEHPK3PXP".into(),
        },
    ];
    for e in events {
        let text = format!("{e:?}");
        for secret in ["480913", "7", "JBSWY3DPEHPK3PXP", "4821", "otpauth"] {
            assert!(!text.contains(secret), "{text} shows {secret}");
        }
    }
    let mut s = set_up("en");
    add_manual(&mut s, "GitHub", "JBSWY3DPEHPK3PXP");
    let id = codes(&s).rows[0].id;
    let effects = s.app.update(Event::TapAccount { id });
    let copied = s.clipboard.clone();
    for e in &effects {
        if let ramz_app::Effect::CopyToClipboard { text, .. } = e {
            assert!(!format!("{e:?}").contains(text.as_str()));
        }
    }
    let _ = copied;
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, ramz_app::Effect::CopyToClipboard { .. }))
    );
}

fn digits_of(shown: &str) -> String {
    ramz_app::text::to_ascii_digits(shown)
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

/// The list's cache reuses next codes at step ends and fills the new next
/// codes a few rows per tick: at every second for 200 s, every shown code
/// and next code equals an independent TOTP computation.
#[test]
fn list_codes_match_rfc_totp_at_every_tick() {
    let mut s = set_up("fa");
    s.send(Event::Navigate(Destination::Settings));
    s.send(Event::Choose(Choice::AutoLock(900)));
    let secrets = [
        "JBSWY3DPEHPK3PXP",
        "KRSXG5CTMVRXEZLU",
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
    ];
    let periods = [30_u64, 60, 30];
    for (i, (secret, period)) in secrets.iter().zip(periods).enumerate() {
        s.send(Event::Navigate(Destination::ManualEntry));
        s.send(Event::Edit {
            field: Field::Issuer,
            text: format!("S{i}"),
        });
        s.send(Event::Edit {
            field: Field::Period,
            text: period.to_string(),
        });
        s.send(Event::EditSecret {
            field: SecretField::Secret,
            bytes: secret.as_bytes().to_vec(),
        });
        s.send(Event::Submit);
    }
    let reference: Vec<_> = secrets
        .iter()
        .zip(periods)
        .map(|(secret, period)| {
            let key = ramz_otp::Secret::from_base32(secret).unwrap();
            ramz_otp::Totp::new(
                &key,
                ramz_otp::Algorithm::Sha1,
                ramz_otp::Digits::SIX,
                ramz_otp::Period::new(period).unwrap(),
                0,
            )
        })
        .collect();
    let mut nexts_seen = 0;
    for _ in 0..200 {
        s.tick(1);
        s.send(Event::Edit {
            field: Field::Search,
            text: String::new(),
        }); // a touch
        let now = s.now;
        let v = codes(&s);
        for (row, (totp, period)) in v.rows.iter().zip(reference.iter().zip(periods)) {
            assert_eq!(digits_of(&row.code), totp.code_at(now).as_str(), "at {now}");
            assert_eq!(u64::from(row.seconds_left), period - now % period);
            if let Some(next) = &row.next {
                nexts_seen += 1;
                assert_eq!(digits_of(next), totp.code_at(now + period).as_str());
            }
        }
    }
    assert!(nexts_seen > 50, "next codes were shown {nexts_seen} times");
}

#[test]
fn biometrics_off_twice_stays_off_and_on_needs_the_right_pin() {
    let mut s = set_up("en");
    s.send(Event::Navigate(Destination::Settings));
    s.send(Event::Choose(Choice::Biometrics(false)));
    assert!(!s.settings.as_ref().unwrap().biometrics);
    s.send(Event::Choose(Choice::Biometrics(true)));
    s.pin("999990");
    let Screen::Settings(v) = s.view().screen else {
        panic!()
    };
    assert_eq!(
        v.error.as_deref(),
        Some("Wrong PIN. 9 attempts left before the vault is erased.")
    );
    assert!(!s.settings.as_ref().unwrap().biometrics);
    s.send(Event::Choose(Choice::Biometrics(true)));
    s.pin("480913");
    assert!(s.settings.as_ref().unwrap().biometrics);
    s.send(Event::Choose(Choice::Biometrics(false)));
    assert!(!s.settings.as_ref().unwrap().biometrics);
    s.send(Event::Choose(Choice::Biometrics(false)));
    assert!(!s.settings.as_ref().unwrap().biometrics);
}

#[test]
fn a_tampered_idle_delay_in_stored_settings_is_not_taken() {
    let s = set_up("en");
    let mut settings = s.settings.clone().unwrap();
    settings.auto_lock_seconds = u32::MAX;
    let mut s = Shell::in_dir(s.dir, "en", Some(settings));
    s.pin("480913");
    codes(&s);
    assert_eq!(s.app.settings().auto_lock_seconds, 60);
    s.tick(60);
    assert!(matches!(s.view().screen, Screen::Lock(_)));
}

/// The web shell's place: a vault in a [`ramz_core::MemoryStorage`] (which
/// the shell mirrors to the browser). First run, an account, a restart
/// over what was stored, the PIN: the account is there.
#[test]
fn a_vault_in_memory_storage_through_first_run_and_a_restart() {
    use std::sync::Arc;

    use ramz_app::{App, Effect, VaultPlace};
    use ramz_core::{MemoryStorage, SoftwareKeystore, StoredItem, VaultConfig, VaultStorage};

    fn drive(app: &mut App, event: Event) {
        let mut queue = vec![event];
        while let Some(e) = queue.pop() {
            for effect in app.update(e) {
                if let Effect::Work(w) = effect {
                    w.run();
                    queue.push(Event::WorkDone(w));
                }
            }
        }
    }
    let start = || Event::Start {
        unix: common::T0,
        device_language: "en".into(),
        settings: None,
        biometrics_available: false,
    };
    let storage = MemoryStorage::new();
    let keystore = Arc::new(SoftwareKeystore::from_key([5; 32]));
    let config = VaultConfig::insecure_for_tests();
    let mut app = App::new(VaultPlace::new(
        Arc::new(storage.clone()),
        keystore.clone(),
        config,
    ));
    drive(&mut app, start());
    drive(&mut app, Event::Submit);
    for _ in 0..2 {
        drive(
            &mut app,
            Event::PinText {
                bytes: b"480913".to_vec(),
            },
        );
    }
    drive(&mut app, Event::Navigate(Destination::ManualEntry));
    drive(
        &mut app,
        Event::Edit {
            field: Field::Issuer,
            text: "GitHub".into(),
        },
    );
    drive(
        &mut app,
        Event::EditSecret {
            field: SecretField::Secret,
            bytes: b"JBSWY3DPEHPK3PXP".to_vec(),
        },
    );
    drive(&mut app, Event::Submit);
    assert!(
        matches!(app.view().screen, Screen::Codes(_)),
        "{:?}",
        app.view().screen
    );
    drop(app);

    let kept = storage.read(StoredItem::Vault).unwrap().unwrap();
    let restarted = MemoryStorage::with_items([(StoredItem::Vault, kept)]);
    let mut app = App::new(VaultPlace::new(Arc::new(restarted), keystore, config));
    drive(&mut app, start());
    assert!(
        matches!(app.view().screen, Screen::Lock(_)),
        "{:?}",
        app.view().screen
    );
    drive(
        &mut app,
        Event::PinText {
            bytes: b"480913".to_vec(),
        },
    );
    let Screen::Codes(v) = app.view().screen else {
        panic!("{:?}", app.view().screen)
    };
    assert_eq!(v.rows.len(), 1);
}

#[test]
fn manual_entry_of_an_account_already_in_the_vault_says_so_and_adds_nothing() {
    let mut s = set_up("en");
    add_manual(&mut s, "GitHub", "JBSWY3DPEHPK3PXP");
    // The same secret under another issuer: a duplicate by its secret.
    add_manual(&mut s, "Old name", "JBSWY3DPEHPK3PXP");
    let Screen::ManualEntry(v) = s.view().screen else {
        panic!("stays on manual entry")
    };
    assert_eq!(v.secret.error.as_deref(), Some("Already in your vault"));
    s.send(Event::Back);
    let Screen::Codes(codes) = s.view().screen else {
        panic!("back to the code list")
    };
    assert_eq!(codes.rows.len(), 1);
}
