//! [`MemoryStorage`]: the vault's items in memory, with crash injection
//! for tests and a mirror hook for a shell that keeps them elsewhere (the
//! browser's storage).

use core::fmt;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use crate::storage::{StorageError, StoredItem, VaultStorage};

/// Where an injected crash strikes a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrashPoint {
    /// The process dies before the write took effect: the old bytes stay.
    BeforeWrite,
    /// The process dies after the write took effect but before the caller
    /// heard of it: the new bytes stay.
    AfterWrite,
}

/// Called with every change before it is made in memory (`None`: the
/// item is removed). An error fails the write and leaves memory as it
/// was, so what the shell stored and what the vault believes agree.
pub type Mirror = dyn Fn(StoredItem, Option<&[u8]>) -> Result<(), StorageError> + Send + Sync;

/// The vault's items in memory. Clones share the same items (a test keeps
/// one to look at them, or to crash them, while the vault uses another).
///
/// Each write is atomic (a whole value is swapped under a lock). For
/// tests, [`MemoryStorage::crash_after`] makes a later write "kill the
/// process": that write fails (having taken effect or not, per
/// [`CrashPoint`]) and so does every call after it, until
/// [`MemoryStorage::restart`] hands out what a new process would find.
#[derive(Clone, Default)]
pub struct MemoryStorage {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Default)]
struct Inner {
    items: HashMap<StoredItem, Vec<u8>>,
    writes: u64,
    crash: Option<(u64, CrashPoint)>,
    crashed: bool,
    mirror: Option<Arc<Mirror>>,
}

impl MemoryStorage {
    /// An empty storage (no vault yet).
    pub fn new() -> Self {
        Self::default()
    }

    /// A storage holding `items` (a shell loading what it kept).
    pub fn with_items(items: impl IntoIterator<Item = (StoredItem, Vec<u8>)>) -> Self {
        let me = Self::default();
        me.lock().items.extend(items);
        me
    }

    /// Calls `mirror` with every later change, before it is made (see
    /// [`Mirror`]).
    pub fn set_mirror(&self, mirror: Arc<Mirror>) {
        self.lock().mirror = Some(mirror);
    }

    /// Writes (replace, create, remove) attempted so far.
    pub fn writes(&self) -> u64 {
        self.lock().writes
    }

    /// Makes the write `n` writes from now (0: the next one) crash at
    /// `point`. Tests only.
    pub fn crash_after(&self, n: u64, point: CrashPoint) {
        let mut inner = self.lock();
        inner.crash = Some((inner.writes.saturating_add(n), point));
    }

    /// True once an injected crash struck.
    pub fn crashed(&self) -> bool {
        self.lock().crashed
    }

    /// What a new process finds after a crash (or at any time): a new,
    /// unshared storage with the items as they are, no crash pending.
    pub fn restart(&self) -> Self {
        let items = self.lock().items.clone();
        Self::with_items(items)
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic while the lock was held left the items whole (every
        // change is one map operation), so a poisoned lock is usable.
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Applies one write under the crash rules.
    fn write(
        &self,
        op: &'static str,
        change: impl FnOnce(&mut HashMap<StoredItem, Vec<u8>>) -> Result<(), StorageError>,
    ) -> Result<(), StorageError> {
        let mut inner = self.lock();
        inner.alive(op)?;
        let index = inner.writes;
        inner.writes = index.saturating_add(1);
        let crash = match inner.crash {
            Some((at, point)) if at == index => Some(point),
            _ => None,
        };
        if crash == Some(CrashPoint::BeforeWrite) {
            inner.crashed = true;
            return Err(crashed(op));
        }
        let mut next = inner.items.clone();
        change(&mut next)?;
        if let Some(mirror) = inner.mirror.clone() {
            for item in [StoredItem::Vault, StoredItem::LegacyAttempts] {
                let new = next.get(&item);
                if new != inner.items.get(&item) {
                    mirror(item, new.map(Vec::as_slice))?;
                }
            }
        }
        inner.items = next;
        if crash == Some(CrashPoint::AfterWrite) {
            inner.crashed = true;
            return Err(crashed(op));
        }
        Ok(())
    }
}

impl Inner {
    fn alive(&self, op: &'static str) -> Result<(), StorageError> {
        if self.crashed {
            Err(crashed(op))
        } else {
            Ok(())
        }
    }
}

fn crashed(op: &'static str) -> StorageError {
    StorageError::Io {
        op,
        source: std::io::Error::other("crash injected by a test"),
    }
}

impl VaultStorage for MemoryStorage {
    fn read(&self, item: StoredItem) -> Result<Option<Vec<u8>>, StorageError> {
        let inner = self.lock();
        inner.alive("read")?;
        Ok(inner.items.get(&item).cloned())
    }

    fn replace(&self, item: StoredItem, bytes: &[u8]) -> Result<(), StorageError> {
        self.write("write", |items| {
            items.insert(item, bytes.to_vec());
            Ok(())
        })
    }

    fn create_new(&self, item: StoredItem, bytes: &[u8]) -> Result<(), StorageError> {
        self.write("create", |items| {
            if items.contains_key(&item) {
                return Err(StorageError::AlreadyExists);
            }
            items.insert(item, bytes.to_vec());
            Ok(())
        })
    }

    fn exists(&self, item: StoredItem) -> Result<bool, StorageError> {
        let inner = self.lock();
        inner.alive("read")?;
        Ok(inner.items.contains_key(&item))
    }

    fn remove(&self, item: StoredItem) -> Result<(), StorageError> {
        self.write("remove", |items| {
            items.remove(&item);
            Ok(())
        })
    }
}

impl fmt::Debug for MemoryStorage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = self.lock();
        let mut sizes: Vec<_> = inner.items.iter().map(|(k, v)| (*k, v.len())).collect();
        sizes.sort();
        f.debug_struct("MemoryStorage")
            .field("item_sizes", &sizes)
            .field("writes", &inner.writes)
            .field("crashed", &inner.crashed)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_crash_before_keeps_the_old_bytes_and_stops_everything() {
        let s = MemoryStorage::new();
        s.create_new(StoredItem::Vault, b"old").unwrap();
        s.crash_after(0, CrashPoint::BeforeWrite);
        assert!(s.replace(StoredItem::Vault, b"new").is_err());
        assert!(s.crashed());
        assert!(s.read(StoredItem::Vault).is_err());
        let after = s.restart();
        assert_eq!(after.read(StoredItem::Vault).unwrap().unwrap(), b"old");
        after.replace(StoredItem::Vault, b"newer").unwrap();
    }

    #[test]
    fn a_crash_after_keeps_the_new_bytes() {
        let s = MemoryStorage::new();
        s.crash_after(1, CrashPoint::AfterWrite);
        s.replace(StoredItem::Vault, b"one").unwrap();
        assert!(s.replace(StoredItem::Vault, b"two").is_err());
        assert_eq!(
            s.restart().read(StoredItem::Vault).unwrap().unwrap(),
            b"two"
        );
    }

    #[test]
    fn a_failing_mirror_fails_the_write_and_changes_nothing() {
        let s = MemoryStorage::new();
        s.replace(StoredItem::Vault, b"one").unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        s.set_mirror(Arc::new(move |item, bytes: Option<&[u8]>| {
            if bytes == Some(b"bad") {
                return Err(StorageError::Io {
                    op: "write",
                    source: std::io::Error::other("quota"),
                });
            }
            log.lock().unwrap().push((item, bytes.map(<[u8]>::to_vec)));
            Ok(())
        }));
        assert!(s.replace(StoredItem::Vault, b"bad").is_err());
        assert_eq!(s.read(StoredItem::Vault).unwrap().unwrap(), b"one");
        s.replace(StoredItem::LegacyAttempts, b"a").unwrap();
        s.remove(StoredItem::LegacyAttempts).unwrap();
        assert_eq!(
            *seen.lock().unwrap(),
            [
                (StoredItem::LegacyAttempts, Some(b"a".to_vec())),
                (StoredItem::LegacyAttempts, None)
            ]
        );
    }
}
