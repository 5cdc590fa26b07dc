//! Issue 13: importing another app's export from the add screen, with
//! the committed fixtures of `ramz-import` (made by its
//! `tests/make_fixtures.py`): the passphrase of an encrypted file, a
//! wrong one explained, the accounts ticked (duplicates marked), every
//! entry left out with its reason, one save, the report; unreadable files
//! explained, nothing lost.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Shell, set_up};
use ramz_app::{Choice, Destination, Event, Field, ImportView, Screen, SecretField};

const AEGIS_ENCRYPTED: &[u8] = include_bytes!("../../ramz-import/tests/data/aegis_encrypted.json");
const AEGIS_PLAIN: &[u8] = include_bytes!("../../ramz-import/tests/data/aegis_plain.json");
const TWOFAS_PLAIN: &[u8] = include_bytes!("../../ramz-import/tests/data/twofas_plain.2fas");
/// The fixtures' export password (Persian digits in it, as typed).
const PASSWORD: &str = "correct horse ۱۲۳ battery";

fn import_view(s: &Shell) -> ImportView {
    match s.view().screen {
        Screen::Import(v) => v,
        other => panic!("expected the import screen, got {other:?}"),
    }
}

fn rows(s: &Shell) -> usize {
    match s.view().screen {
        Screen::Codes(v) => v.rows.len(),
        other => panic!("expected the code list, got {other:?}"),
    }
}

/// The fixtures' GitHub account, typed in by hand before the import.
fn with_github(lang: &str) -> Shell {
    let mut s = set_up(lang);
    s.send(Event::Navigate(Destination::ManualEntry));
    s.send(Event::Edit {
        field: Field::Issuer,
        text: "GitHub (typed)".into(),
    });
    s.send(Event::EditSecret {
        field: SecretField::Secret,
        bytes: b"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ".to_vec(),
    });
    s.send(Event::Submit);
    assert_eq!(rows(&s), 1);
    s
}

/// Add → import → the encrypted Aegis file → password (a wrong one
/// first) → preview → untick one → add → report.
pub fn to_preview(lang: &str) -> Shell {
    let mut s = with_github(lang);
    s.send(Event::Navigate(Destination::Scan));
    let Screen::Scan(scan) = s.view().screen else {
        panic!()
    };
    assert!(scan.import.enabled);
    s.send(Event::Navigate(Destination::Import));
    assert_eq!(s.picks, 1, "the shell was asked for a file");
    s.send(Event::FilePicked {
        bytes: AEGIS_ENCRYPTED.to_vec(),
    });
    s
}

#[test]
fn an_encrypted_aegis_export_with_a_wrong_then_the_right_password() {
    let mut s = to_preview("en");
    let v = import_view(&s);
    assert_eq!(
        v.source.as_deref(),
        Some("From \u{2066}Aegis\u{2069}, encrypted")
    );
    assert!(v.passphrase.is_some() && v.entries.is_empty());
    assert!(!v.submit.as_ref().unwrap().enabled, "no password typed yet");

    s.send(Event::EditSecret {
        field: SecretField::Passphrase,
        bytes: b"not the password".to_vec(),
    });
    s.send(Event::Submit);
    let v = import_view(&s);
    assert_eq!(
        v.error.as_deref(),
        Some("Wrong password for this file. Nothing was added; try again.")
    );
    assert!(v.passphrase.is_some());

    s.send(Event::EditSecret {
        field: SecretField::Passphrase,
        bytes: PASSWORD.as_bytes().to_vec(),
    });
    s.send(Event::Submit);
    let v = import_view(&s);
    assert!(v.passphrase.is_none() && v.error.is_none(), "{v:?}");
    // The fixture: 6 accounts (GitHub already in the vault), 5 entries
    // Ramz cannot take, each with its reason.
    assert_eq!(v.entries.len(), 6);
    let dup: Vec<_> = v.entries.iter().filter(|e| e.duplicate.is_some()).collect();
    assert_eq!(dup.len(), 1);
    assert!(dup[0].label.contains("GitHub") && !dup[0].checked);
    assert_eq!(v.entries.iter().filter(|e| e.checked).count(), 5);
    assert_eq!(v.skipped.len(), 5);
    assert!(
        v.skipped.iter().any(|l| l
            == "\u{2068}Yandex — y\u{2069}: \u{2068}this kind of code is not supported\u{2069}"),
        "{:?}",
        v.skipped
    );
    assert!(
        v.skipped
            .iter()
            .any(|l| l.contains(": \u{2068}its key is not valid"))
    );
    assert_eq!(v.submit.as_ref().unwrap().label, "Add 5 accounts");
    // Nothing is added before the confirmation.
    assert_eq!(s.app.view().title, "Import from another app");

    s.send(Event::ToggleBatchEntry { index: 0 });
    assert_eq!(import_view(&s).submit.unwrap().label, "Add 4 accounts");
    s.send(Event::Submit);
    let Screen::Notice(n) = s.view().screen else {
        panic!("{:?}", s.view().screen)
    };
    assert_eq!(n.heading, "Import finished");
    assert_eq!(
        n.body,
        "4 accounts were added.\nOne was already in your vault.\n\
         5 entries of the file could not be imported."
    );
    s.send(Event::Submit);
    assert_eq!(rows(&s), 5);
    // The same file again: all of them are already there; nothing ticked.
    s.send(Event::Navigate(Destination::Import));
    s.send(Event::FilePicked {
        bytes: AEGIS_PLAIN.to_vec(),
    });
    let v = import_view(&s);
    assert_eq!(v.entries.iter().filter(|e| e.checked).count(), 1);
    assert_eq!(
        v.entries.iter().filter(|e| e.duplicate.is_some()).count(),
        5
    );
}

#[test]
fn unreadable_files_are_explained_and_change_nothing() {
    let mut s = with_github("en");
    s.send(Event::Navigate(Destination::Import));
    for (bytes, want) in [
        (
            b"hello, not an export".to_vec(),
            "Ramz cannot read this file.",
        ),
        (Vec::new(), "The file is empty."),
        (
            AEGIS_PLAIN[..AEGIS_PLAIN.len() / 2].to_vec(),
            "The file is damaged or incomplete.",
        ),
    ] {
        s.send(Event::FilePicked { bytes });
        let v = import_view(&s);
        let error = v.error.unwrap();
        assert!(error.starts_with(want), "{error}");
        assert!(v.entries.is_empty() && v.submit.is_none());
    }
    // Another file from the same screen, then back: nothing was added.
    s.send(Event::Choose(Choice::Retry));
    assert_eq!(s.picks, 2);
    s.send(Event::FilePicked {
        bytes: TWOFAS_PLAIN.to_vec(),
    });
    let v = import_view(&s);
    assert_eq!(v.source.as_deref(), Some("From \u{2066}2FAS\u{2069}"));
    assert!(!v.entries.is_empty());
    s.send(Event::Back);
    assert_eq!(rows(&s), 1);
}
