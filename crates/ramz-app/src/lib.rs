#![doc = include_str!("../README.md")]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod app;
mod effect;
mod event;
mod pinpad;
mod port;
pub mod screens;
mod settings;
pub mod text;
mod view;
mod work;

pub use app::{App, TOAST_SECONDS};
pub use effect::{Effect, HttpRequest};
pub use event::{
    AccountId, BiometricOutcome, Choice, Destination, Event, Field, PastedText, SecretField,
};
pub use port::{PinRefusal, VaultPlace, check_new_pin};
pub use settings::{AUTO_LOCK_CHOICES, Settings};
pub use view::*;
pub use work::Work;

// One uniffi namespace, `ramz_app`, for the app's events, effects and view
// model (the `uniffi` feature, which only `bindings/ramz-ffi` turns on; ADR
// 0061). The core's two engine types inside them are the core's
// declarations, reused.
#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();
#[cfg(feature = "uniffi")]
use ramz_core::Algorithm;
#[cfg(feature = "uniffi")]
uniffi::use_remote_type!(ramz_core::Algorithm);
#[cfg(feature = "uniffi")]
uniffi::use_remote_type!(ramz_core::AccountId);

#[cfg(test)]
mod tests {
    /// The shell moves a `Work` to a worker thread and keeps the `App`
    /// behind a lock shared with the UI thread.
    #[test]
    fn work_and_app_cross_threads() {
        fn send<T: Send>() {}
        fn sync<T: Sync>() {}
        send::<crate::Work>();
        send::<crate::App>();
        sync::<crate::App>();
        send::<crate::Event>();
        send::<crate::Effect>();
    }
}
