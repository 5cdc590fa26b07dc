//! Encrypted backups and plain exports.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use ramz_otp::{OtpKind, OtpParams, Period};
use ramz_vault::{BackupScope, KdfParams, LeftOutReason, VaultError, read_backup};

const PASS: &[u8] = b"correct horse battery";

#[test]
fn backup_round_trip_into_a_new_vault_on_another_device() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, mut v) = new_vault(dir.path());
    let a = v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    v.set_note(a, Some("note"), 2).unwrap();
    let card = v.add_bank_card(card(), 3).unwrap();
    let (bytes, report) = v
        .export_backup(PASS, BackupScope::ExportableOnly, 10)
        .unwrap();
    assert_eq!(report.included, 1);
    assert_eq!(report.left_out, [card]);

    // Another device (another keystore) with its own PIN imports it.
    let other_dir = tempfile::tempdir().unwrap();
    let other = ramz_vault::Vault::new(
        other_dir.path().join("v"),
        std::sync::Arc::new(ramz_vault::SoftwareKeystore::from_key([1; 32])),
        ramz_vault::VaultConfig::insecure_for_tests(),
    );
    let mut w = other.create(b"271828", 20).unwrap();
    let r = w.import_backup(&bytes, PASS, 21).unwrap();
    assert_eq!((r.added.as_slice(), r.duplicates), (&[a][..], 0));
    assert_eq!(w.account(a).unwrap().otp, v.account(a).unwrap().otp);
    assert_eq!(w.account(a).unwrap().note.as_deref(), Some("note"));
    // Importing again adds nothing.
    let again = w.import_backup(&bytes, PASS, 22).unwrap();
    assert_eq!((again.added.len(), again.duplicates), (0, 1));
    assert_eq!(w.accounts().len(), 1);

    // With bank cards included on request.
    let (all, report) = v
        .export_backup(PASS, BackupScope::IncludingNonExportable { pin: PIN }, 10)
        .unwrap();
    assert_eq!((report.included, report.left_out.len()), (2, 0));
    assert_eq!(
        read_backup(&all, PASS, &KdfParams::for_tests(), &KdfParams::DEFAULT_MAX)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn same_secret_under_another_id_is_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, mut v) = new_vault(dir.path());
    v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    let (bytes, _) = v
        .export_backup(PASS, BackupScope::ExportableOnly, 2)
        .unwrap();
    let dir2 = tempfile::tempdir().unwrap();
    let (_, _, mut w) = new_vault(dir2.path());
    w.add(totp("GitHub (renamed)", "ali", "JBSWY3DPEHPK3PXP"), 3)
        .unwrap();
    let r = w.import_backup(&bytes, PASS, 4).unwrap();
    assert_eq!((r.added.len(), r.duplicates), (0, 1));
}

#[test]
fn verify_reports_differences_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, mut v) = new_vault(dir.path());
    let a = v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    let b = v
        .add(totp("Nobitex", "ali", "GEZDGNBVGY3TQOJQ"), 1)
        .unwrap();
    v.add_bank_card(card(), 1).unwrap();
    let (bytes, _) = v
        .export_backup(PASS, BackupScope::ExportableOnly, 2)
        .unwrap();
    let cmp = v.verify_backup(&bytes, PASS).unwrap();
    assert!(cmp.matches(), "{cmp:?}");
    assert_eq!((cmp.identical, cmp.left_out_by_policy), (2, 1));

    v.rename(a, "GitHub", "ali-2", 3).unwrap();
    v.remove(b).unwrap();
    let c = v.add(totp("New", "x", "MFRGGZDFMZTWQ2LK"), 4).unwrap();
    let file_before = std::fs::read(&path).unwrap();
    let cmp = v.verify_backup(&bytes, PASS).unwrap();
    assert!(!cmp.matches());
    assert_eq!(
        (
            cmp.differing.as_slice(),
            cmp.only_in_backup.as_slice(),
            cmp.only_in_vault.as_slice()
        ),
        (&[a][..], &[b][..], &[c][..])
    );
    assert_eq!(std::fs::read(&path).unwrap(), file_before);
}

#[test]
fn wrong_passphrase_weak_passphrase_tamper_and_floor() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, mut v) = new_vault(dir.path());
    v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    assert!(matches!(
        v.export_backup(b"short", BackupScope::ExportableOnly, 1),
        Err(VaultError::WeakPassphrase { min: 8 })
    ));
    let (bytes, _) = v
        .export_backup("pass ۱۲۳۴۵۶".as_bytes(), BackupScope::ExportableOnly, 1)
        .unwrap();
    // Persian digits typed on another keyboard as ASCII still open it.
    assert_eq!(
        read_backup(
            &bytes,
            b"pass 123456",
            &KdfParams::for_tests(),
            &KdfParams::DEFAULT_MAX
        )
        .unwrap()
        .len(),
        1
    );
    assert!(matches!(
        read_backup(
            &bytes,
            b"pass 123457",
            &KdfParams::for_tests(),
            &KdfParams::DEFAULT_MAX
        ),
        Err(VaultError::WrongPassphrase)
    ));
    // The real floor refuses test-sized parameters before any Argon2 run.
    assert!(matches!(
        read_backup(
            &bytes,
            b"pass 123456",
            &KdfParams::FLOOR,
            &KdfParams::DEFAULT_MAX
        ),
        Err(VaultError::WeakKdf)
    ));
    for i in 0..bytes.len() {
        let mut bad = bytes.clone();
        bad[i] ^= 1;
        assert!(
            read_backup(
                &bad,
                b"pass 123456",
                &KdfParams::for_tests(),
                &KdfParams::DEFAULT_MAX
            )
            .is_err(),
            "byte {i}"
        );
    }
    assert!(matches!(
        read_backup(b"", PASS, &KdfParams::for_tests(), &KdfParams::DEFAULT_MAX),
        Err(VaultError::Empty)
    ));
    assert!(matches!(
        read_backup(
            b"RAMZVLT\0\x02\x00",
            PASS,
            &KdfParams::for_tests(),
            &KdfParams::DEFAULT_MAX
        ),
        Err(VaultError::Foreign)
    ));
}

#[test]
fn plain_exports_leave_out_bank_cards_and_unrepresentable_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, mut v) = new_vault(dir.path());
    v.add(totp("GitHub", "ali@example.com", "JBSWY3DPEHPK3PXP"), 1)
        .unwrap();
    let mut sixty = totp("Exchange", "ali", "GEZDGNBVGY3TQOJQ");
    sixty.params = OtpParams {
        kind: OtpKind::Totp {
            period: Period::SIXTY,
        },
        ..sixty.params
    };
    let sixty = v.add(sixty, 2).unwrap();
    let card = v.add_bank_card(card(), 3).unwrap();

    let uris = v.export_uris();
    assert_eq!(uris.texts.len(), 2);
    for text in &uris.texts {
        let parsed = ramz_otp::uri::parse(text).unwrap();
        assert!(v.accounts().iter().any(|a| a.otp == parsed.account));
    }
    assert_eq!(uris.left_out.len(), 1);
    assert_eq!(
        (uris.left_out[0].id, &uris.left_out[0].reason),
        (card, &LeftOutReason::NotExportable)
    );

    let migration = v.export_migration(7);
    assert_eq!(migration.texts.len(), 1);
    let batch = ramz_otp::migration::decode(&migration.texts[0]).unwrap();
    assert_eq!(batch.accounts.len(), 1);
    assert_eq!(batch.accounts[0].issuer, "GitHub");
    let ids: Vec<_> = migration.left_out.iter().map(|l| l.id).collect();
    assert_eq!(ids, [card, sixty]);
    assert!(
        matches!(&migration.left_out[1].reason, LeftOutReason::NotRepresentable(why) if why.contains("60"))
    );
    assert!(!format!("{uris:?}").contains("JBSW"));
}

/// Writes the seed corpus of the `backup` fuzz target: a backup made with
/// the test parameters under the passphrase the target tries, so that the
/// fuzzer starts from inputs that reach the body. Run with
/// `RAMZ_WRITE_FUZZ_SEEDS=1 cargo test -p ramz-vault --test backup -- --ignored`.
#[test]
#[ignore]
fn write_fuzz_seeds() {
    if std::env::var_os("RAMZ_WRITE_FUZZ_SEEDS").is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (_, _, mut v) = new_vault(dir.path());
    v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    v.add_bank_card(card(), 2).unwrap();
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/backup");
    std::fs::create_dir_all(&corpus).unwrap();
    let (one, _) = v
        .export_backup(b"fuzzing passphrase", BackupScope::ExportableOnly, 3)
        .unwrap();
    std::fs::write(corpus.join("one-account"), one).unwrap();
    let (both, _) = v
        .export_backup(
            b"fuzzing passphrase",
            BackupScope::IncludingNonExportable { pin: PIN },
            4,
        )
        .unwrap();
    std::fs::write(corpus.join("with-bank-card"), both).unwrap();
}

/// Issue 10: a crafted backup could ask for 4 slots of m = 1 GiB, t = 64.
/// Now costs above the maximum and any slot count but one are refused
/// before any Argon2id run.
#[test]
fn crafted_backups_cannot_ask_for_costly_work() {
    let dir = tempfile::tempdir().unwrap();
    let (_, _, mut v) = new_vault(dir.path());
    v.add(totp("GitHub", "ali", "JBSWY3DPEHPK3PXP"), 1).unwrap();
    let (bytes, _) = v
        .export_backup(PASS, BackupScope::ExportableOnly, 2)
        .unwrap();
    let read = |b: &[u8]| read_backup(b, PASS, &KdfParams::for_tests(), &KdfParams::DEFAULT_MAX);
    assert!(read(&bytes).is_ok());
    // KDF block at 14: algorithm, m at 15, t at 19.
    for (offset, value) in [
        (15, 1024 * 1024u32),
        (15, 128 * 1024 + 1),
        (19, 64),
        (19, 7),
    ] {
        let mut bad = bytes.clone();
        bad[offset..offset + 4].copy_from_slice(&value.to_le_bytes());
        let got = cpu::assert_little_cpu(&format!("{offset} {value}"), || read(&bad));
        assert!(
            matches!(got, Err(VaultError::Malformed(_))),
            "{offset} {value}"
        );
    }
    // Slot count at 27: four copies of the slot.
    let slot_len = 1 + 2 + 88;
    let slot = bytes[28..28 + slot_len].to_vec();
    let mut four = bytes[..27].to_vec();
    four.push(4);
    for _ in 0..4 {
        four.extend_from_slice(&slot);
    }
    four.extend_from_slice(&bytes[28 + slot_len..]);
    let h = u32::from_le_bytes(bytes[10..14].try_into().unwrap()) + 3 * slot_len as u32;
    four[10..14].copy_from_slice(&h.to_le_bytes());
    assert!(matches!(read(&four), Err(VaultError::Malformed(_))));
}
