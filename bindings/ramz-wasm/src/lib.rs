#![doc = include_str!("../README.md")]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod effects;
mod input;

use std::sync::Arc;

use ramz_app::{App, Event, SecretField, Settings, VaultPlace, text::Lang};
use ramz_core::{SoftwareKeystore, VaultConfig};
use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

pub use input::InputError;

use effects::Works;

/// The app for one page: `ramz-app`'s [`App`] plus the works it handed
/// out. Every method that changes the app returns its effects as JSON
/// (see the README's table).
#[wasm_bindgen]
pub struct WebApp {
    app: App,
    works: Works,
}

impl core::fmt::Debug for WebApp {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("WebApp").finish_non_exhaustive()
    }
}

#[wasm_bindgen]
impl WebApp {
    /// The app on this browser profile. `device_key` is the 32-byte device
    /// secret the shell unwrapped with its non-extractable WebCrypto key
    /// (ADR 0065); it is copied into the keystore and the caller's copy
    /// should be wiped. `fast_kdf` picks the test-only KDF settings
    /// (`VaultConfig::insecure_for_tests`), for the screenshot script.
    #[wasm_bindgen(constructor)]
    pub fn new(device_key: &[u8], fast_kdf: bool) -> Result<WebApp, JsError> {
        let key: [u8; 32] = device_key
            .try_into()
            .map_err(|_| JsError::new("the device key is 32 bytes"))?;
        let config = if fast_kdf {
            VaultConfig::insecure_for_tests()
        } else {
            VaultConfig::default()
        };
        let place = VaultPlace::file(
            "/ramz/vault.ramz",
            Arc::new(SoftwareKeystore::from_key(key)),
            config,
        );
        Ok(WebApp {
            app: App::new(place),
            works: Works::default(),
        })
    }

    /// [`Event::Start`]. `settings` is what the last `StoreSettings`
    /// effect gave, as JSON, or empty on a fresh profile.
    pub fn start(
        &mut self,
        unix: f64,
        device_language: String,
        settings: &str,
        biometrics_available: bool,
    ) -> Result<String, JsError> {
        let settings: Option<Settings> = if settings.is_empty() {
            None
        } else {
            // Stored by this shell; unreadable ones start afresh.
            serde_json::from_str(settings).ok()
        };
        Ok(self.update(Event::Start {
            unix: unix_seconds(unix)?,
            device_language,
            settings,
            biometrics_available,
        }))
    }

    /// Any event without bytes, as JSON (`{"t": "Tick", "unix": 5}`; the
    /// README lists them).
    pub fn send(&mut self, input: &str) -> Result<String, JsError> {
        let event = input::parse(input).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(self.update(event))
    }

    /// A PIN typed on the keyboard (any digit script), UTF-8.
    pub fn pin_text(&mut self, bytes: Vec<u8>) -> String {
        self.update(Event::PinText { bytes })
    }

    /// A secret field changed: `field` is `Secret`, `Passphrase`,
    /// `PassphraseAgain` or `SmsCode`; `bytes` its whole text, UTF-8.
    pub fn edit_secret(&mut self, field: &str, bytes: Vec<u8>) -> Result<String, JsError> {
        let bytes = Zeroizing::new(bytes);
        let field = match field {
            "Secret" => SecretField::Secret,
            "Passphrase" => SecretField::Passphrase,
            "PassphraseAgain" => SecretField::PassphraseAgain,
            "SmsCode" => SecretField::SmsCode,
            _ => return Err(JsError::new("not a secret field")),
        };
        Ok(self.update(Event::EditSecret {
            field,
            bytes: bytes.to_vec(),
        }))
    }

    /// A camera frame's luma plane: `height` rows of `row_stride` bytes.
    pub fn camera_frame(
        &mut self,
        luma: Vec<u8>,
        width: u32,
        height: u32,
        row_stride: u32,
    ) -> String {
        self.update(Event::CameraFrame {
            luma,
            width,
            height,
            row_stride,
        })
    }

    /// The answer to an `Http` effect.
    pub fn http_response(
        &mut self,
        status: u16,
        body: Vec<u8>,
        unix: f64,
    ) -> Result<String, JsError> {
        Ok(self.update(Event::HttpResponse {
            status,
            body,
            unix: unix_seconds(unix)?,
        }))
    }

    /// The file the person picked for a `PickFile` effect.
    pub fn file_picked(&mut self, bytes: Vec<u8>) -> String {
        self.update(Event::FilePicked { bytes })
    }

    /// Runs the work numbered `id` (Argon2id, a QR decode, ...). Returns
    /// false when there is no such work.
    pub fn run_work(&mut self, id: u32) -> bool {
        match self.works.get_mut(id) {
            Some(w) => {
                w.run();
                true
            }
            None => false,
        }
    }

    /// Gives the work numbered `id` back to the app ([`Event::WorkDone`]),
    /// after [`WebApp::run_work`] and after the shell made what it wrote
    /// durable.
    pub fn work_done(&mut self, id: u32) -> Result<String, JsError> {
        let work = self
            .works
            .take(id)
            .ok_or_else(|| JsError::new("no such work"))?;
        Ok(self.update(Event::WorkDone(work)))
    }

    /// The view model as JSON (`ramz_app::ViewModel` with serde's
    /// default shapes: `{"screen": {"Lock": {...}}}`, `"screen":
    /// "Starting"`).
    pub fn view(&self) -> String {
        serde_json::to_string(&self.app.view()).unwrap_or_else(|_| String::from("null"))
    }
}

impl WebApp {
    fn update(&mut self, event: Event) -> String {
        let effects = self.app.update(event);
        effects::to_json(effects, &mut self.works)
    }
}

/// The language of a locale tag, the way the app picks it (for the page's
/// `lang` before the app's first view).
#[wasm_bindgen]
pub fn lang_of(tag: &str) -> String {
    Lang::from_device(tag).tag().into()
}

/// Seconds since 1970 from JavaScript's number (`Date.now() / 1000`).
fn unix_seconds(unix: f64) -> Result<u64, JsError> {
    if (0.0..1e15).contains(&unix) {
        // Whole seconds; in range by the check above.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(unix.floor() as u64)
    } else {
        Err(JsError::new("the time is not a number of seconds"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The whole crossing on the host: start, the effects as JSON, the
    /// view model as JSON, a PIN typed in Persian digits.
    #[test]
    fn first_run_crosses_as_json() {
        let mut app = WebApp::new(&[7; 32], true).unwrap();
        let effects = app
            .start(1_800_000_000.0, "fa-IR".into(), "", false)
            .unwrap();
        let effects: serde_json::Value = serde_json::from_str(&effects).unwrap();
        // Opening the vault is a work the shell runs.
        let work = effects
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["t"] == "Work")
            .expect("a work");
        let id = u32::try_from(work["id"].as_u64().unwrap()).unwrap();
        assert!(app.run_work(id));
        app.work_done(id).unwrap();
        let view: serde_json::Value = serde_json::from_str(&app.view()).unwrap();
        assert_eq!(view["rtl"], true);
        assert_eq!(view["lang"], "Fa");
        assert!(view["screen"]["FirstRun"]["languages"].is_array(), "{view}");
        // The same work cannot be delivered twice.
        assert!(!app.run_work(id));
    }
}
