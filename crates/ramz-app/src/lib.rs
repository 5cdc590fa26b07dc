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
pub use event::{AccountId, Choice, Destination, Event, Field, SecretField};
pub use port::{PinRefusal, VaultPlace, check_new_pin};
pub use settings::{AUTO_LOCK_CHOICES, Settings};
pub use view::*;
pub use work::Work;
