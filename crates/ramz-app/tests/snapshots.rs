//! Snapshots of the view model in Persian and English (`insta`). Review a
//! change with `cargo insta review`; isolates show as <LRI>, <FSI> and <PDI>.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::{Shell, set_up};
use ramz_app::{Destination, Event, Field, SecretField};

fn seeded(lang: &str) -> Shell {
    let mut s = set_up(lang);
    for (issuer, account, secret) in [
        ("GitHub", "alice", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"),
        ("نوبیتکس", "۰۹۱۲۳۴۵۶۷۸۹", "JBSWY3DPEHPK3PXP"),
    ] {
        s.send(Event::Navigate(Destination::ManualEntry));
        s.send(Event::Edit {
            field: Field::Issuer,
            text: issuer.into(),
        });
        s.send(Event::Edit {
            field: Field::Account,
            text: account.into(),
        });
        s.send(Event::EditSecret {
            field: SecretField::Secret,
            bytes: secret.into(),
        });
        s.send(Event::Submit);
    }
    // 3 s before a 30-s step ends: the next code shows.
    s.now = 1_800_000_027;
    s.tick(0);
    let now = s.now;
    s.send(Event::Tick { unix: now });
    s
}

fn snap(name: &str, s: &Shell) {
    // Account ids are random: replaced by their order of appearance.
    let raw = format!("{:#?}", s.view());
    let mut text = String::new();
    let mut rest = raw.as_str();
    let mut n = 0;
    while let Some(i) = rest.find("AccountId(") {
        let end = rest[i..].find(')').unwrap() + i;
        text.push_str(&rest[..i]);
        n += 1;
        text.push_str(&format!("AccountId(#{n})"));
        rest = &rest[end + 1..];
    }
    text.push_str(rest);
    let text = text
        .replace('\u{2066}', "<LRI>")
        .replace('\u{2068}', "<FSI>")
        .replace('\u{2069}', "<PDI>");
    insta::assert_snapshot!(name, text);
}

#[test]
fn screens_in_both_languages() {
    for lang in ["fa", "en"] {
        let mut s = Shell::new(lang);
        snap(&format!("{lang}-first-run-language"), &s);
        s.send(Event::Submit);
        s.pin("111111");
        snap(&format!("{lang}-first-run-weak-pin"), &s);

        let mut s = seeded(lang);
        snap(&format!("{lang}-codes"), &s);
        s.send(Event::Navigate(Destination::Scan));
        snap(&format!("{lang}-scan"), &s);
        s.send(Event::Navigate(Destination::ManualEntry));
        s.send(Event::Submit);
        snap(&format!("{lang}-manual-errors"), &s);
        s.send(Event::Paste {
            text:
                "otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub"
                    .into(),
        });
        snap(&format!("{lang}-confirm-duplicate"), &s);
        s.send(Event::Navigate(Destination::Backup));
        s.send(Event::EditSecret {
            field: SecretField::Passphrase,
            bytes: b"river-lamp".to_vec(),
        });
        snap(&format!("{lang}-backup"), &s);
        s.send(Event::Navigate(Destination::Settings));
        snap(&format!("{lang}-settings"), &s);
        let now = s.now;
        s.send(Event::Background { unix: now });
        for _ in 0..5 {
            s.pin("222223");
            let now = s.now + 120;
            s.now = now;
            s.send(Event::Tick { unix: now });
        }
        s.pin("222223");
        snap(&format!("{lang}-lock-waiting"), &s);
    }
}

#[test]
fn more_screens_in_both_languages() {
    for lang in ["fa", "en"] {
        let mut s = Shell::new(lang);
        s.send(Event::Submit);
        s.pin("480913");
        s.pin("480913");
        snap(&format!("{lang}-first-run-biometrics"), &s);
        s.send(Event::AcceptBiometrics { accept: false });
        snap(&format!("{lang}-codes-empty"), &s);

        let mut s = seeded(lang);
        let id = match s.view().screen {
            ramz_app::Screen::Codes(v) => v.rows[1].id,
            _ => panic!(),
        };
        s.send(Event::OpenAccount { id });
        snap(&format!("{lang}-account"), &s);
        s.send(Event::Choose(ramz_app::Choice::Delete));
        snap(&format!("{lang}-account-confirm-delete"), &s);

        s.send(Event::Paste {
            text: "WIFI:S:cafe;T:WPA;P:pw;;".into(),
        });
        snap(&format!("{lang}-foreign-wifi"), &s);
        s.send(Event::Submit); // "scan another code"

        let accounts: Vec<_> = [
            "otpauth://totp/GitHub:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GitHub",
            "otpauth://totp/Mail:bob?secret=KRSXG5CTMVRXEZLU&issuer=Mail",
        ]
        .iter()
        .map(|u| ramz_otp::uri::parse(u).unwrap().account)
        .collect();
        let report = ramz_otp::migration::encode(&accounts, 3);
        s.send(Event::Paste {
            text: report.uris[0].to_string().into(),
        });
        snap(&format!("{lang}-batch"), &s);
        s.send(Event::Back);

        let key = ramz_activation::ServerKey::generate().unwrap();
        let offer = ramz_activation::ActivationOffer {
            base_url: ramz_activation::BaseUrl::parse("https://otp.bank.example").unwrap(),
            id: ramz_activation::ActivationId::from_bytes(&[9; 16]).unwrap(),
            server_key: key.public(),
            issuer: "بانک ملی".into(),
            masked_card: ramz_activation::MaskedCard::parse("6037-99**-****-1234").unwrap(),
            algorithm: ramz_otp::Algorithm::Sha1,
            digits: ramz_otp::Digits::SIX,
            period: ramz_otp::Period::SIXTY,
            expires_at: s.now + 272,
        };
        s.send(Event::Paste {
            text: offer.to_uri().into(),
        });
        s.send(Event::EditSecret {
            field: SecretField::SmsCode,
            bytes: "۴۸۲".as_bytes().to_vec(),
        });
        s.send(Event::Submit);
        snap(&format!("{lang}-activation-sms-format"), &s);
        s.send(Event::EditSecret {
            field: SecretField::SmsCode,
            bytes: "۴۸۲۱".as_bytes().to_vec(),
        });
        s.send(Event::Submit);
        s.send(Event::HttpFailed);
        snap(&format!("{lang}-activation-network"), &s);
    }
}

#[test]
fn transfer_in_both_languages() {
    for lang in ["fa", "en"] {
        let mut s = seeded(lang);
        s.send(Event::Navigate(Destination::Transfer));
        snap(&format!("{lang}-transfer-pin"), &s);
        s.pin("480913");
        // The modules are not in the snapshot (Debug shows the size only);
        // the journey test scans them.
        snap(&format!("{lang}-transfer-code"), &s);
    }
}

#[test]
fn import_in_both_languages() {
    const AEGIS_ENCRYPTED: &[u8] =
        include_bytes!("../../ramz-import/tests/data/aegis_encrypted.json");
    for lang in ["fa", "en"] {
        let mut s = seeded(lang);
        s.send(Event::Navigate(Destination::Import));
        s.send(Event::FilePicked {
            bytes: AEGIS_ENCRYPTED.to_vec(),
        });
        s.send(Event::EditSecret {
            field: SecretField::Passphrase,
            bytes: b"wrong".to_vec(),
        });
        s.send(Event::Submit);
        snap(&format!("{lang}-import-wrong-passphrase"), &s);
        s.send(Event::EditSecret {
            field: SecretField::Passphrase,
            bytes: "correct horse ۱۲۳ battery".as_bytes().to_vec(),
        });
        s.send(Event::Submit);
        snap(&format!("{lang}-import-preview"), &s);
        s.send(Event::Submit);
        snap(&format!("{lang}-import-done"), &s);
        s.send(Event::Navigate(Destination::Import));
        s.send(Event::FilePicked {
            bytes: b"{\"not\": \"an export\"}".to_vec(),
        });
        snap(&format!("{lang}-import-unknown"), &s);
    }
}
