#![doc = include_str!("../README.md")]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used, clippy::panic))]

mod effects;
mod input;
mod keystore;
mod storage;

use std::sync::Arc;

use keystore::WebKeystore;
use ramz_app::{App, Event, SecretField, Settings, VaultPlace, text::Lang};
use ramz_core::VaultConfig;
use storage::Persisted;
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
    persisted: Persisted,
    keystore: Arc<WebKeystore>,
}

impl core::fmt::Debug for WebApp {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("WebApp").finish_non_exhaustive()
    }
}

#[wasm_bindgen]
impl WebApp {
    /// The app on this browser profile. `keys` is the device keystore's
    /// key blob the shell unwrapped with the profile's non-extractable
    /// WebCrypto key (ADR 0065), empty on a fresh profile; the caller
    /// wipes its copy. `vault` is the vault's current version as the shell
    /// kept it (IndexedDB), or empty on a fresh profile. `fast_kdf` picks
    /// the test-only KDF settings (`VaultConfig::insecure_for_tests`), for
    /// the screenshot script only.
    #[wasm_bindgen(constructor)]
    pub fn new(keys: &[u8], vault: Vec<u8>, fast_kdf: bool) -> Result<WebApp, JsError> {
        let keystore = Arc::new(
            WebKeystore::load(keys)
                .map_err(|_| JsError::new("the kept device keys are damaged"))?,
        );
        let config = if fast_kdf {
            VaultConfig::insecure_for_tests()
        } else {
            VaultConfig::default()
        };
        let (store, persisted) = storage::preloaded(vault);
        let place = VaultPlace::new(Arc::new(store), keystore.clone(), config);
        Ok(WebApp {
            app: App::new(place),
            works: Works::default(),
            persisted,
            keystore,
        })
    }

    /// The device keystore's whole key blob when a key was made or
    /// deleted since the last call (`undefined` otherwise). Secret: the
    /// shell wraps it with its WebCrypto key at once, keeps only the
    /// wrapped form, and wipes this copy. Kept in the same IndexedDB
    /// transaction as [`WebApp::take_vault_change`].
    pub fn take_keys_change(&mut self) -> Option<Vec<u8>> {
        self.keystore.take_change().map(|k| k.to_vec())
    }

    /// What the vault wrote since the last call, for the shell to make
    /// durable (one IndexedDB transaction) before it delivers the work
    /// that wrote it: `undefined` when nothing changed, an empty array
    /// when the vault was removed (erased after too many wrong PINs),
    /// else the vault's new bytes (encrypted; nothing secret in clear).
    pub fn take_vault_change(&mut self) -> Option<Vec<u8>> {
        self.persisted.take()
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
        match self.works.get(id) {
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

/// The catalog's text `id` in `lang` ("Fa" or "En"), for the few labels
/// the shell draws around the view model (the navigation's screen
/// titles). Empty when there is no such message.
#[wasm_bindgen]
pub fn catalog_text(lang: &str, id: &str) -> String {
    let lang = if lang == "En" { Lang::En } else { Lang::Fa };
    let catalog = ramz_app::text::Catalog::new(lang);
    if catalog.has(id) {
        catalog.t(id)
    } else {
        String::new()
    }
}

/// Decodes one camera frame's luma plane with the decoder the app's scan
/// uses; returns how many QR codes it read (none on bad geometry). For
/// the browser benchmark (`web/tests/bench.mjs`), timed by the page.
#[wasm_bindgen]
pub fn decode_frame(luma: &[u8], width: u32, height: u32, row_stride: u32) -> u32 {
    let size = |n: u32| usize::try_from(n).unwrap_or(usize::MAX);
    ramz_qr::decode_luma(luma, size(width), size(height), size(row_stride))
        .map_or(0, |codes| u32::try_from(codes.len()).unwrap_or(u32::MAX))
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
    use serde_json::Value;

    /// Runs every work the effects hand out (as the shell does), returns
    /// the vault changes seen after each work, in order.
    fn drive(app: &mut WebApp, effects: String) -> Vec<Vec<u8>> {
        drive_keys(app, effects, &mut Vec::new())
    }

    /// [`drive`], also keeping the key blob's latest version in `keys`.
    fn drive_keys(app: &mut WebApp, effects: String, keys: &mut Vec<u8>) -> Vec<Vec<u8>> {
        let mut changes = Vec::new();
        let mut queue: Vec<Value> = serde_json::from_str::<Vec<Value>>(&effects).unwrap();
        while let Some(e) = queue.pop() {
            if e["t"] == "Work" {
                let id = u32::try_from(e["id"].as_u64().unwrap()).unwrap();
                assert!(app.run_work(id));
                if let Some(c) = app.take_vault_change() {
                    changes.push(c);
                }
                if let Some(k) = app.take_keys_change() {
                    *keys = k;
                }
                let more = app.work_done(id).unwrap();
                queue.extend(serde_json::from_str::<Vec<Value>>(&more).unwrap());
            }
        }
        changes
    }

    fn view(app: &WebApp) -> Value {
        serde_json::from_str(&app.view()).unwrap()
    }

    fn type_pin(app: &mut WebApp, pin: &str) -> Vec<Vec<u8>> {
        type_pin_keys(app, pin, &mut Vec::new())
    }

    fn type_pin_keys(app: &mut WebApp, pin: &str, keys: &mut Vec<u8>) -> Vec<Vec<u8>> {
        let effects = app.pin_text(pin.as_bytes().to_vec());
        drive_keys(app, effects, keys)
    }

    /// The whole crossing on the host: start, the effects as JSON, the
    /// view model as JSON, a PIN typed in Persian digits; the vault's
    /// bytes handed out for the profile and loaded again in a new page.
    #[test]
    fn first_run_then_reload_from_the_kept_bytes() {
        let mut app = WebApp::new(&[], Vec::new(), true).unwrap();
        let mut keys = Vec::new();
        let effects = app
            .start(1_800_000_000.0, "fa-IR".into(), "", false)
            .unwrap();
        assert!(
            drive(&mut app, effects).is_empty(),
            "opening writes nothing"
        );
        let v = view(&app);
        assert_eq!(v["rtl"], true);
        assert_eq!(v["lang"], "Fa");
        assert!(v["screen"]["FirstRun"]["languages"].is_array(), "{v}");
        let effects = app.send(r#"{"t":"Submit"}"#).unwrap();
        drive(&mut app, effects);
        type_pin_keys(&mut app, "۲۵۸۰۳۶", &mut keys);
        let written = type_pin_keys(&mut app, "۲۵۸۰۳۶", &mut keys);
        assert!(!keys.is_empty(), "creating the vault made a device key");
        let vault = written.last().expect("creating the vault wrote it").clone();
        assert!(!vault.is_empty());
        // A second page on the same profile: the kept bytes, the PIN pad.
        let mut again = WebApp::new(&keys, vault.clone(), true).unwrap();
        let effects = again
            .start(1_800_000_100.0, "fa-IR".into(), "", false)
            .unwrap();
        drive(&mut again, effects);
        assert!(
            view(&again)["screen"]["Lock"].is_object(),
            "{}",
            view(&again)
        );
        // A wrong PIN is counted in the vault: a new version to keep,
        // handed out before the work is delivered.
        let counted = type_pin(&mut again, "111222");
        assert_eq!(counted.len(), 1);
        assert_ne!(counted[0], vault);
        let v = view(&again);
        assert!(v["screen"]["Lock"]["pad"]["error"].is_string(), "{v}");
        // Without the profile's device keys the kept vault does not open.
        let mut other = WebApp::new(&[], counted[0].clone(), true).unwrap();
        let effects = other
            .start(1_800_000_200.0, "en".into(), "", false)
            .unwrap();
        drive(&mut other, effects);
        type_pin(&mut other, "258036");
        assert!(
            view(&other)["screen"]["Codes"].is_null(),
            "{}",
            view(&other)
        );
        // The right PIN with the right key opens it.
        type_pin(&mut again, "258036");
        assert!(
            view(&again)["screen"]["Codes"].is_object(),
            "{}",
            view(&again)
        );
    }
}
