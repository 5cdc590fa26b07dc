//! The vault in the browser: a [`MemoryStorage`] preloaded with what the
//! shell kept in IndexedDB, whose mirror hook records each new version
//! for the shell to persist before the work that wrote it is delivered
//! (ADR 0065).

use std::sync::{Arc, Mutex};

use ramz_core::{MemoryStorage, StorageError, StoredItem};

/// The vault's latest unpersisted change, shared with the mirror hook.
#[derive(Debug, Clone, Default)]
pub(crate) struct Persisted(Arc<Mutex<Option<Vec<u8>>>>);

impl Persisted {
    /// The change since the last call: `Some(empty)` when the vault was
    /// removed, `Some(bytes)` for a new version, `None` when unchanged.
    pub(crate) fn take(&self) -> Option<Vec<u8>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

/// A memory storage holding `vault` (none when empty) and the slot its
/// changes go to.
pub(crate) fn preloaded(vault: Vec<u8>) -> (MemoryStorage, Persisted) {
    let store = if vault.is_empty() {
        MemoryStorage::new()
    } else {
        MemoryStorage::with_items([(StoredItem::Vault, vault)])
    };
    let persisted = Persisted::default();
    let slot = persisted.0.clone();
    store.set_mirror(Arc::new(move |item, bytes: Option<&[u8]>| {
        match item {
            StoredItem::Vault => {
                let mut s = slot.lock().unwrap_or_else(|p| p.into_inner());
                *s = Some(bytes.map(<[u8]>::to_vec).unwrap_or_default());
                Ok(())
            }
            // Only vaults of formats 1 and 2 (files from before the
            // browser shell existed) have this item; a browser vault is
            // never one, so its removal is all that can come.
            StoredItem::LegacyAttempts if bytes.is_none() => Ok(()),
            StoredItem::LegacyAttempts => Err(StorageError::Io {
                op: "write",
                source: std::io::Error::other("no legacy attempts file in the browser"),
            }),
            // A new item kind this shell does not persist: refuse, so the
            // vault never goes on with something the profile did not keep.
            _ => Err(StorageError::Io {
                op: "write",
                source: std::io::Error::other("item not persisted by the web shell"),
            }),
        }
    }));
    (store, persisted)
}
