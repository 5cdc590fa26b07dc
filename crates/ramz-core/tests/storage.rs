//! The facade over a storage that is not a file: the browser shell's
//! [`MemoryStorage`]. The vault crate's `tests/storage.rs` runs the crash
//! and counting suite against every storage; this shows the facade uses
//! the storage it is given, and keeps its answer (`Storage`, no verdict)
//! when the count cannot be saved.
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

use std::sync::Arc;

use ramz_core::{
    Authenticator, CoreError, CrashPoint, DeviceKeystore, ManualEntry, MemoryStorage,
    SoftwareKeystore, StoredItem, UnlockResult, VaultConfig, VaultStorage,
};

const NOW: u64 = 1_750_000_100;
const PIN: &[u8] = b"480913";

fn keystore() -> Arc<dyn DeviceKeystore> {
    Arc::new(SoftwareKeystore::from_key([3; 32]))
}

#[test]
fn a_vault_in_memory_storage_survives_a_restart() {
    let storage = MemoryStorage::new();
    let ks = keystore();
    let config = VaultConfig::insecure_for_tests();
    assert!(matches!(
        Authenticator::open_in(Arc::new(storage.clone()), ks.clone(), config),
        Err(CoreError::NoVault)
    ));
    let mut auth =
        Authenticator::create_in(Arc::new(storage.clone()), PIN, ks.clone(), NOW, config).unwrap();
    auth.add_manual(
        ManualEntry::totp("Example", "ali", 30),
        b"JBSWY3DPEHPK3PXP",
        NOW,
    )
    .unwrap();
    drop(auth);
    // What a shell keeps is the vault file's bytes, and nothing in clear.
    let stored = storage.read(StoredItem::Vault).unwrap().unwrap();
    assert!(!stored.windows(7).any(|w| w == b"Example"));

    let restarted = MemoryStorage::with_items([(StoredItem::Vault, stored)]);
    let mut auth = Authenticator::open_in(Arc::new(restarted), ks, config).unwrap();
    assert_eq!(auth.unlock(PIN, NOW).unwrap(), UnlockResult::Unlocked);
    assert_eq!(auth.accounts().unwrap()[0].preview.issuer, "Example");
}

/// The count cannot be saved: the facade answers `Storage` for the right
/// PIN and for a wrong one alike, and stays locked.
#[test]
fn a_failed_count_is_a_storage_error_not_a_verdict() {
    let ks = keystore();
    let config = VaultConfig::insecure_for_tests();
    for pin in [PIN, b"000000"] {
        let storage = MemoryStorage::new();
        drop(
            Authenticator::create_in(Arc::new(storage.clone()), PIN, ks.clone(), NOW, config)
                .unwrap(),
        );
        let mut auth =
            Authenticator::open_in(Arc::new(storage.clone()), ks.clone(), config).unwrap();
        storage.crash_after(0, CrashPoint::BeforeWrite);
        assert!(matches!(auth.unlock(pin, NOW), Err(CoreError::Storage)));
        assert!(!auth.is_unlocked());
    }
}

/// The web shell's path: every change goes through the mirror (the
/// browser's storage) before it is made. When the browser refuses the
/// write that counts an attempt (quota, a closed database), the unlock
/// fails for the right and a wrong PIN alike, and what the browser kept
/// still opens with the right PIN.
#[test]
fn a_refusing_mirror_stops_the_unlock_before_the_pin_is_tried() {
    use std::sync::Mutex;

    use ramz_core::{Mirror, StorageError};

    let ks = keystore();
    let config = VaultConfig::insecure_for_tests();
    let kept: Arc<Mutex<Option<Vec<u8>>>> = Arc::default();
    let refuse = Arc::new(Mutex::new(false));
    let mirror: Arc<Mirror> = {
        let (kept, refuse) = (kept.clone(), refuse.clone());
        Arc::new(move |item, bytes: Option<&[u8]>| {
            if *refuse.lock().unwrap() {
                return Err(StorageError::Io {
                    op: "write",
                    source: std::io::Error::other("quota exceeded"),
                });
            }
            if item == StoredItem::Vault {
                *kept.lock().unwrap() = bytes.map(<[u8]>::to_vec);
            }
            Ok(())
        })
    };
    let storage = MemoryStorage::new();
    storage.set_mirror(mirror);
    drop(
        Authenticator::create_in(Arc::new(storage.clone()), PIN, ks.clone(), NOW, config).unwrap(),
    );
    *refuse.lock().unwrap() = true;
    for pin in [PIN, b"000000"] {
        let mut auth =
            Authenticator::open_in(Arc::new(storage.clone()), ks.clone(), config).unwrap();
        assert!(matches!(auth.unlock(pin, NOW), Err(CoreError::Storage)));
    }
    let browser = kept.lock().unwrap().clone().unwrap();
    let reloaded = MemoryStorage::with_items([(StoredItem::Vault, browser)]);
    let mut auth = Authenticator::open_in(Arc::new(reloaded), ks, config).unwrap();
    assert_eq!(auth.lock_state(NOW).unwrap().failures, 0);
    assert_eq!(auth.unlock(PIN, NOW).unwrap(), UnlockResult::Unlocked);
}
