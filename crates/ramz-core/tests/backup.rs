//! Backups through the facade: export, verify, import into a new vault,
//! and the errors an app shows.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::sync::Arc;

use ramz_core::{
    Authenticator, CoreError, InputProblem, ManualEntry, SoftwareKeystore, VaultConfig,
};

const NOW: u64 = 1_750_000_100;
const RFC_KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
const OTHER_KEY: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

fn vault(dir: &tempfile::TempDir, name: &str, key: u8) -> Authenticator {
    Authenticator::create_with(
        dir.path().join(name),
        b"480913",
        Arc::new(SoftwareKeystore::from_key([key; 32])),
        NOW,
        VaultConfig::insecure_for_tests(),
    )
    .unwrap()
}

#[test]
fn export_verify_import_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = vault(&dir, "a.ramz", 1);
    let x = a
        .add_manual(
            ManualEntry::totp("GitHub", "me", 30),
            RFC_KEY.as_bytes(),
            NOW,
        )
        .unwrap();
    let y = a
        .add_manual(
            ManualEntry::totp("Nobitex", "me", 30),
            OTHER_KEY.as_bytes(),
            NOW,
        )
        .unwrap();
    // Persian digits in a passphrase equal their ASCII twins.
    let export = a.export_backup("pass-۱۲۳۴".as_bytes(), None, NOW).unwrap();
    assert_eq!((export.included, export.left_out.len()), (2, 0));
    let shown = format!("{export:?}");
    let head = format!("{:?}", &export.file[..4]).replace(['[', ']'], "");
    assert!(
        !shown.contains(&head),
        "Debug shows the length, not the bytes: {shown}"
    );
    assert!(shown.contains(&format!("[{} bytes]", export.file.len())));

    let check = a.verify_backup(&export.file, b"pass-1234").unwrap();
    assert!(check.matches);
    assert_eq!(check.identical, 2);

    a.rename(y.id, "Nobitex", "other", NOW).unwrap();
    a.delete(x.id).unwrap();
    let check = a.verify_backup(&export.file, b"pass-1234").unwrap();
    assert!(!check.matches);
    assert_eq!(check.differing, vec![y.id]);
    assert_eq!(check.only_in_backup, vec![x.id]);

    // A new phone: another vault, another device key.
    let mut b = vault(&dir, "b.ramz", 2);
    b.add_manual(
        ManualEntry::totp("Dup", "me", 30),
        OTHER_KEY.as_bytes(),
        NOW,
    )
    .unwrap();
    let imported = b.import_backup(&export.file, b"pass-1234", NOW).unwrap();
    assert_eq!(imported.duplicates, 1, "same secret and parameters");
    assert_eq!(imported.added.len(), 1);
    assert_eq!(imported.added[0].id, x.id);
    assert_eq!(b.code(x.id, 59).unwrap().code, "287082");
    assert_eq!(b.accounts().unwrap().len(), 2);
    // Importing twice adds nothing.
    assert!(
        b.import_backup(&export.file, b"pass-1234", NOW)
            .unwrap()
            .added
            .is_empty()
    );
}

#[test]
fn backup_errors_name_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = vault(&dir, "a.ramz", 1);
    a.add_manual(
        ManualEntry::totp("GitHub", "me", 30),
        RFC_KEY.as_bytes(),
        NOW,
    )
    .unwrap();
    let passphrase = InputProblem::Passphrase;
    assert_eq!(
        a.export_backup(b"short", None, NOW).unwrap_err(),
        CoreError::InvalidInput(passphrase)
    );
    let file = a.export_backup(b"long enough", None, NOW).unwrap().file;
    assert_eq!(
        a.verify_backup(&file, b"not the one").unwrap_err(),
        CoreError::InvalidInput(passphrase)
    );
    let mut damaged = file.clone();
    let last = damaged.len() - 1;
    damaged[last] ^= 1;
    assert_eq!(
        a.import_backup(&damaged, b"long enough", NOW).unwrap_err(),
        CoreError::InvalidInput(InputProblem::Backup)
    );
    assert_eq!(
        a.verify_backup(b"not a backup at all", b"long enough")
            .unwrap_err(),
        CoreError::InvalidInput(InputProblem::Backup)
    );
    a.lock();
    assert_eq!(
        a.export_backup(b"long enough", None, NOW).unwrap_err(),
        CoreError::Locked
    );
}
