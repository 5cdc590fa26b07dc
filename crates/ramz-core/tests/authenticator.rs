//! The facade end to end: vault on disk, URIs, migration batches, camera
//! frames, bank activation, lockout.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::sync::Arc;

use ramz_activation::{
    ActivationId, ActivationOffer, BaseUrl, MaskedCard, ServerKey, VerifiedRequest,
};
use ramz_core::{
    AccountKind, ActivationProblem, Authenticator, CoreError, InputProblem, ManualEntry, Scanned,
    SoftwareKeystore, UnlockResult, VaultConfig,
};
use ramz_otp::{Algorithm, Digits, Period};
use ramz_qr::render::{Correction, Matrix};

const NOW: u64 = 1_750_000_100;
const PIN: &[u8] = b"480913";
/// RFC 6238's SHA-1 key, "12345678901234567890", in base32.
const RFC_KEY: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

/// The key file beside the test's vault. The vault creates and deletes
/// device keys in it (a new generation on every wrong PIN), so a reopened
/// vault must use the same file, as an app uses the same platform
/// keystore.
fn keystore(dir: impl AsRef<std::path::Path>) -> Arc<SoftwareKeystore> {
    Arc::new(SoftwareKeystore::open_or_create(&dir.as_ref().join("v.key")).unwrap())
}

fn new_auth(dir: &tempfile::TempDir) -> Authenticator {
    Authenticator::create_with(
        dir.path().join("v.ramz"),
        PIN,
        keystore(dir.path()),
        NOW,
        VaultConfig::insecure_for_tests(),
    )
    .unwrap()
}

#[test]
fn accounts_survive_lock_and_reopen_and_codes_match_rfc6238() {
    let dir = tempfile::tempdir().unwrap();
    let mut auth = new_auth(&dir);
    let entry = ManualEntry {
        digits: 8,
        ..ManualEntry::totp("RFC", "sha1", 30)
    };
    let a = auth.add_manual(entry, RFC_KEY.as_bytes(), NOW).unwrap();
    assert_eq!(auth.code(a.id, 59).unwrap().code, "94287082");
    auth.lock();
    assert_eq!(auth.codes(59).unwrap_err(), CoreError::Locked);
    drop(auth);
    let mut again = Authenticator::open_with(
        dir.path().join("v.ramz"),
        keystore(dir.path()),
        VaultConfig::insecure_for_tests(),
    )
    .unwrap();
    assert!(!again.is_unlocked());
    assert_eq!(again.unlock(PIN, NOW).unwrap(), UnlockResult::Unlocked);
    let codes = again.codes(1_111_111_109).unwrap();
    assert_eq!(codes[0].code, "07081804");
    assert_eq!(codes[0].id, a.id);
}

#[test]
fn uri_and_migration_go_through_pending_ids() {
    let dir = tempfile::tempdir().unwrap();
    let mut auth = new_auth(&dir);
    let uri = format!("otpauth://totp/GitHub:me?secret={RFC_KEY}&issuer=GitHub&digits=8");
    let Scanned::Account { pending, account } = auth.read_text(&uri).unwrap() else {
        panic!()
    };
    assert_eq!(account.issuer, "GitHub");
    // The same text again (a camera sees a code many times) gives the same id.
    assert_eq!(
        auth.read_text(&uri).unwrap(),
        Scanned::Account { pending, account }
    );
    let added = auth.add_scanned(pending, NOW).unwrap().added;
    assert_eq!(auth.code(added[0].id, 59).unwrap().code, "94287082");
    assert_eq!(
        auth.add_scanned(pending, NOW).unwrap_err(),
        CoreError::NoSuchPending
    );

    let accounts = distinct_accounts(3);
    // A small size limit splits the export over several QR codes.
    let batches = ramz_otp::migration::encode_with_limit(&accounts, 7, 160).uris;
    let n = u32::try_from(batches.len()).unwrap();
    assert!(n >= 2);
    let Scanned::Migration {
        pending,
        index,
        count,
        accounts: previews,
        rejected,
    } = auth.read_text(batches.last().unwrap()).unwrap()
    else {
        panic!()
    };
    assert_eq!((index, count, rejected), (n, n, 0));
    let added = auth.add_scanned(pending, NOW).unwrap().added;
    assert_eq!(added.len(), previews.len());
    assert_eq!(added.last().unwrap().preview.issuer, "I2");
    assert_eq!(auth.accounts().unwrap().len(), 1 + previews.len());

    assert_eq!(
        auth.read_text("hello").unwrap(),
        Scanned::Foreign {
            kind: ramz_core::ForeignKind::Text
        }
    );
    assert!(matches!(
        auth.read_text("otpauth://totp/x?secret=0000").unwrap(),
        Scanned::Invalid { .. }
    ));
}

#[test]
fn a_rendered_qr_frame_with_row_padding_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let auth = new_auth(&dir);
    let uri = format!("otpauth://hotp/Bank:card?secret={RFC_KEY}&counter=0");
    let (pixels, side) = Matrix::encode(&uri, Correction::Medium)
        .unwrap()
        .to_luma(4)
        .unwrap();
    let stride = side + 13;
    let mut frame = vec![128u8; stride * side];
    for (row, src) in frame
        .chunks_exact_mut(stride)
        .zip(pixels.chunks_exact(side))
    {
        row[..side].copy_from_slice(src);
    }
    // The shell's lock: a RefCell here, a mutex in the FFI.
    let cell = std::cell::RefCell::new(auth);
    let shared = || cell.borrow_mut();
    assert_eq!(
        Authenticator::scan_frame(shared, &vec![200u8; 64 * 64], 64, 64, 64).unwrap(),
        None
    );
    let Some(Scanned::Account { pending, account }) =
        Authenticator::scan_frame(shared, &frame, side, side, stride).unwrap()
    else {
        panic!()
    };
    assert_eq!(account.kind, AccountKind::Hotp { counter: 0 });
    let mut auth = cell.into_inner();
    let id = auth.add_scanned(pending, NOW).unwrap().added[0].id;
    assert_eq!(auth.hotp_next(id, NOW).unwrap(), "755224");
    assert_eq!(auth.hotp_next(id, NOW).unwrap(), "287082");
    let cell = std::cell::RefCell::new(auth);
    let shared = || cell.borrow_mut();
    assert_eq!(
        Authenticator::scan_frame(shared, &frame, side, side, side - 1).unwrap_err(),
        CoreError::InvalidInput(InputProblem::Frame)
    );
    cell.borrow_mut().lock();
    assert_eq!(
        Authenticator::scan_frame(shared, &frame, side, side, stride).unwrap_err(),
        CoreError::Locked
    );
}

#[test]
fn wrong_pins_wait_then_wipe() {
    let dir = tempfile::tempdir().unwrap();
    let mut auth = new_auth(&dir);
    auth.lock();
    let mut t = NOW;
    let mut saw_wait = false;
    for _ in 0..20 {
        match auth.unlock(b"111111", t).unwrap() {
            UnlockResult::WrongPin { wait_seconds, .. } => {
                if wait_seconds > 0 {
                    saw_wait = true;
                    assert!(matches!(
                        auth.unlock(PIN, t).unwrap(),
                        UnlockResult::TryLater { .. }
                    ));
                }
                t += wait_seconds;
            }
            UnlockResult::Wiped => {
                assert!(saw_wait);
                assert_eq!(auth.unlock(PIN, t).unwrap_err(), CoreError::NoVault);
                return;
            }
            other => panic!("{other:?}"),
        }
    }
    panic!("never wiped");
}

#[test]
fn bank_activation_adds_a_card_and_learns_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let mut auth = new_auth(&dir);
    let key = ServerKey::generate().unwrap();
    let offer = ActivationOffer {
        base_url: BaseUrl::parse("https://otp.bank.example").unwrap(),
        id: ActivationId::from_bytes(&[9; 16]).unwrap(),
        server_key: key.public(),
        issuer: "Bank Melli".into(),
        masked_card: MaskedCard::parse("6037-99**-****-1234").unwrap(),
        algorithm: Algorithm::Sha1,
        digits: Digits::SIX,
        period: Period::SIXTY,
        expires_at: NOW + 300,
    };
    let Scanned::BankActivation {
        pending, issuer, ..
    } = auth.read_text(&offer.to_uri()).unwrap()
    else {
        panic!()
    };
    assert_eq!(issuer, "Bank Melli");
    assert_eq!(
        auth.complete_activation(200, b"{}", NOW).unwrap_err(),
        CoreError::Activation(ActivationProblem::NotStarted)
    );
    let req = auth.begin_activation(pending, "۴۸۲۱".as_bytes()).unwrap();
    assert!(req.url.starts_with("https://otp.bank.example/"));
    let verified = VerifiedRequest::check(
        &offer,
        &key,
        "4821",
        &serde_json::from_slice(&req.body).unwrap(),
    )
    .unwrap();
    let done = verified
        .respond(&ramz_activation::random_bytes::<32>().unwrap(), NOW + 40)
        .unwrap();
    let body = serde_json::to_vec(&done.response).unwrap();
    let card = auth.complete_activation(200, &body, NOW).unwrap();
    assert_eq!(card.bank_name.as_deref(), Some("Bank Melli"));
    assert!(!card.exportable);
    assert_eq!(auth.clock_status(NOW).server_offset, Some(40));
    let server = ramz_otp::Totp::new(&done.seed, Algorithm::Sha1, Digits::SIX, Period::SIXTY, 0);
    assert_eq!(
        auth.code(card.id, NOW).unwrap().code,
        server.code_at(NOW + 40).as_str()
    );
    // The bank's offset is saved in the vault: a later session (another
    // app start, or `ramz codes`) computes the codes in the bank's time.
    drop(auth);
    let again = reopen(&dir);
    assert_eq!(again.clock_status(NOW).server_offset, Some(40));
    assert_eq!(
        again.code(card.id, NOW + 100).unwrap().code,
        server.code_at(NOW + 140).as_str()
    );
}

/// `n` TOTP accounts I0, I1, ... with different secrets.
fn distinct_accounts(n: u8) -> Vec<ramz_otp::OtpAccount> {
    (0..n)
        .map(|i| ramz_otp::OtpAccount {
            issuer: format!("I{i}"),
            account: "a".into(),
            secret: ramz_otp::Secret::from_slice(&[i + 1; 20]).unwrap(),
            params: ramz_otp::OtpParams::default_totp(),
            image: None,
        })
        .collect()
}

fn reopen(dir: &tempfile::TempDir) -> Authenticator {
    let mut auth = Authenticator::open_with(
        dir.path().join("v.ramz"),
        keystore(dir.path()),
        VaultConfig::insecure_for_tests(),
    )
    .unwrap();
    assert_eq!(auth.unlock(PIN, NOW).unwrap(), UnlockResult::Unlocked);
    auth
}

#[test]
fn rescanning_the_same_qr_reports_a_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let mut auth = new_auth(&dir);
    let uri = format!("otpauth://totp/GitHub:me?secret={RFC_KEY}&issuer=GitHub");
    let Scanned::Account { pending, .. } = auth.read_text(&uri).unwrap() else {
        panic!()
    };
    let first = auth.add_scanned(pending, NOW).unwrap();
    assert_eq!(first.added.len(), 1);
    assert!(first.duplicates.is_empty());
    // The same QR code again, and the same secret under another label.
    for text in [
        uri.clone(),
        format!("otpauth://totp/Other:label?secret={RFC_KEY}"),
    ] {
        let Scanned::Account { pending, .. } = auth.read_text(&text).unwrap() else {
            panic!()
        };
        let again = auth.add_scanned(pending, NOW).unwrap();
        assert!(again.added.is_empty(), "{text}");
        assert_eq!(again.duplicates.len(), 1);
        assert_eq!(again.duplicates[0].existing, first.added[0].id);
    }
    // Typed in by hand: refused as a duplicate too.
    assert_eq!(
        auth.add_manual(
            ManualEntry::totp("GitHub", "me", 30),
            RFC_KEY.as_bytes(),
            NOW
        )
        .unwrap_err(),
        CoreError::Duplicate {
            existing: first.added[0].id
        }
    );
    // Another period is another credential.
    auth.add_manual(
        ManualEntry::totp("GitHub", "me", 60),
        RFC_KEY.as_bytes(),
        NOW,
    )
    .unwrap();
    assert_eq!(auth.accounts().unwrap().len(), 2);
}

#[test]
fn a_failed_batch_adds_nothing_and_keeps_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    let vault_dir = dir.path().join("vault");
    std::fs::create_dir(&vault_dir).unwrap();
    let mut auth = Authenticator::create_with(
        vault_dir.join("v.ramz"),
        PIN,
        keystore(dir.path()),
        NOW,
        VaultConfig::insecure_for_tests(),
    )
    .unwrap();
    let accounts = distinct_accounts(4);
    let batch = ramz_otp::migration::encode_with_limit(&accounts, 7, 2000).uris;
    assert_eq!(batch.len(), 1);
    let Scanned::Migration { pending, .. } = auth.read_text(&batch[0]).unwrap() else {
        panic!()
    };
    // The storage fails: the directory of the vault is gone (as root, a
    // read-only directory would not stop the write).
    std::fs::rename(&vault_dir, dir.path().join("away")).unwrap();
    // A save first re-reads the file's wrong-PIN state (format 3), so the
    // missing file is what it meets.
    assert_eq!(
        auth.add_scanned(pending, NOW).unwrap_err(),
        CoreError::NoVault
    );
    assert!(auth.accounts().unwrap().is_empty(), "nothing added");
    // The storage is back: the same scan adds the whole batch.
    std::fs::rename(dir.path().join("away"), &vault_dir).unwrap();
    let report = auth.add_scanned(pending, NOW).unwrap();
    assert_eq!(report.added.len(), 4);
    drop(auth);
    let again = Authenticator::open_with(
        vault_dir.join("v.ramz"),
        keystore(dir.path()),
        VaultConfig::insecure_for_tests(),
    );
    let mut again = again.unwrap();
    again.unlock(PIN, NOW).unwrap();
    assert_eq!(again.accounts().unwrap().len(), 4);
}

#[test]
fn the_manual_clock_offset_is_saved_in_the_vault() {
    let dir = tempfile::tempdir().unwrap();
    let mut auth = new_auth(&dir);
    let a = auth
        .add_manual(
            ManualEntry {
                digits: 8,
                ..ManualEntry::totp("RFC", "sha1", 30)
            },
            RFC_KEY.as_bytes(),
            NOW,
        )
        .unwrap();
    auth.set_manual_offset(Some(59 - 1_000)).unwrap();
    assert_eq!(auth.code(a.id, 1_000).unwrap().code, "94287082");
    drop(auth);
    let mut again = reopen(&dir);
    assert_eq!(again.clock_status(NOW).manual_offset, Some(-941));
    assert_eq!(again.code(a.id, 1_000).unwrap().code, "94287082");
    again.set_manual_offset(None).unwrap();
    again.lock();
    assert_eq!(
        again.set_manual_offset(Some(1)).unwrap_err(),
        CoreError::Locked
    );
    drop(again);
    assert_eq!(reopen(&dir).clock_status(NOW).offset, 0);
}
