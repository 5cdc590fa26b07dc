//! The Ramz app (`crates/ramz-app`) in the same library as the SDK facade:
//! [`RamzApp`], the app's state machine behind a mutex. Its events,
//! effects and view model are `ramz-app`'s own types, which derive the
//! uniffi traits in their namespace `ramz_app` (Kotlin package
//! `app.ramz.app`, Swift `RamzAppModel.swift`; ADR 0061); the slow work
//! they carry is the `AppWork` object.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use ramz_app::{App, Effect, Event, VaultPlace, ViewModel};
use ramz_core::VaultConfig;

use crate::DeviceKeystore;
use crate::keystore::ForeignKeystore;

/// The Ramz app: one per process, shared by the UI thread and the worker
/// threads. Send it `Event.Start`, then every event; perform the effects
/// `update` returns, in order, and redraw from `view` after each `Render`.
///
/// `update` and `view` are fast (no disk, no Argon2id: the app hands slow
/// work out as `Effect.Work`) and belong on the UI thread. The one slow
/// call is `AppWork.run`, on a worker thread; it does not take this
/// object's lock, so the UI keeps answering while it runs.
#[derive(uniffi::Object)]
pub struct RamzApp {
    app: Mutex<App>,
}

#[uniffi::export]
impl RamzApp {
    /// The app over the vault file at `vault_path` (created on the first
    /// run), protected by the platform `keystore`. Nothing happens until
    /// `Event.Start`. The vault uses the production Argon2id settings:
    /// there is no weaker setting in the shipped library.
    #[uniffi::constructor]
    pub fn new(vault_path: String, keystore: Arc<dyn DeviceKeystore>) -> Arc<Self> {
        let place = VaultPlace::file(
            vault_path,
            Arc::new(ForeignKeystore(keystore)),
            VaultConfig::default(),
        );
        Arc::new(Self {
            app: Mutex::new(App::new(place)),
        })
    }

    /// Handles one event; returns what the shell must do, in order.
    pub fn update(&self, event: Event) -> Vec<Effect> {
        self.app().update(event)
    }

    /// What to draw now.
    pub fn view(&self) -> ViewModel {
        self.app().view()
    }
}

impl RamzApp {
    fn app(&self) -> MutexGuard<'_, App> {
        // The app does not panic while holding the lock; if it ever did,
        // its state is still memory-safe, so carry on.
        self.app.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl core::fmt::Debug for RamzApp {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("RamzApp")
    }
}
