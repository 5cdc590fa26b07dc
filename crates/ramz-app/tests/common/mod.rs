//! A shell for tests: performs every effect at once (work inline, the
//! clipboard, files, HTTP through a closure) and records what it did.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::Arc;

use ramz_app::{App, Effect, Event, HttpRequest, Settings, VaultPlace, ViewModel};
use ramz_core::{SoftwareKeystore, VaultConfig};

pub const T0: u64 = 1_800_000_000;

pub struct Shell {
    pub app: App,
    pub now: u64,
    pub dir: tempfile::TempDir,
    pub clipboard: Option<(String, bool, u32)>,
    pub camera: bool,
    pub saved: Vec<(String, Vec<u8>)>,
    pub requests: Vec<HttpRequest>,
    pub settings: Option<Settings>,
    pub prompts: u32,
    pub picks: u32,
    /// Works held back instead of run (to test what happens meanwhile).
    pub hold_work: bool,
    pub held: Vec<std::sync::Arc<ramz_app::Work>>,
}

pub fn place(dir: &std::path::Path) -> VaultPlace {
    VaultPlace::file(
        PathBuf::from(dir).join("vault.ramz"),
        // A key file in the test's directory: the vault creates and deletes
        // device keys in it (format 3), so a restarted app must find them,
        // as an app finds its platform keystore.
        Arc::new(SoftwareKeystore::open_or_create(&dir.join("vault.key")).unwrap()),
        VaultConfig::insecure_for_tests(),
    )
}

impl Shell {
    pub fn new(lang: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        Self::in_dir(dir, lang, None)
    }

    pub fn in_dir(dir: tempfile::TempDir, lang: &str, settings: Option<Settings>) -> Self {
        let place = place(dir.path());
        Self::at(place, dir, lang, settings)
    }

    /// An app over `place` (its files in `dir`).
    pub fn at(
        place: VaultPlace,
        dir: tempfile::TempDir,
        lang: &str,
        settings: Option<Settings>,
    ) -> Self {
        let app = App::new(place);
        let mut me = Self {
            app,
            now: T0,
            dir,
            clipboard: None,
            camera: false,
            saved: Vec::new(),
            requests: Vec::new(),
            settings: None,
            prompts: 0,
            picks: 0,
            hold_work: false,
            held: Vec::new(),
        };
        me.send(Event::Start {
            unix: T0,
            device_language: lang.to_owned(),
            settings,
            biometrics_available: true,
        });
        me
    }

    /// Restarts the app process over the same files and stored settings.
    pub fn restart(self) -> Self {
        let settings = self.settings.clone();
        let now = self.now;
        let mut s = Self::in_dir(self.dir, "en-US", settings.clone());
        s.now = now;
        s.settings = settings;
        s
    }

    pub fn send(&mut self, event: Event) {
        let effects = self.app.update(event);
        for e in effects {
            self.perform(e);
        }
    }

    fn perform(&mut self, e: Effect) {
        match e {
            Effect::Render => {}
            Effect::Work(w) => {
                if self.hold_work {
                    self.held.push(w);
                } else {
                    w.run();
                    self.send(Event::WorkDone(w));
                }
            }
            Effect::Camera { on } => self.camera = on,
            Effect::CopyToClipboard {
                text,
                sensitive,
                clear_after_seconds,
            } => {
                self.clipboard = Some((text, sensitive, clear_after_seconds));
            }
            Effect::Http(r) => self.requests.push(r),
            Effect::SaveFile { name, bytes, .. } => {
                self.saved.push((name, bytes));
                self.send(Event::FileSaved { ok: true });
            }
            Effect::PickFile { .. } => self.picks += 1,
            Effect::BiometricPrompt { .. } => self.prompts += 1,
            Effect::StoreSettings(s) => self.settings = Some(s),
            _ => {}
        }
    }

    pub fn release_work(&mut self) {
        self.hold_work = false;
        for w in std::mem::take(&mut self.held) {
            w.run();
            self.send(Event::WorkDone(w));
        }
    }

    pub fn tick(&mut self, seconds: u64) {
        for _ in 0..seconds {
            self.now += 1;
            let now = self.now;
            self.send(Event::Tick { unix: now });
        }
    }

    pub fn pin(&mut self, pin: &str) {
        self.send(Event::PinText {
            bytes: pin.as_bytes().to_vec(),
        });
    }

    pub fn view(&self) -> ViewModel {
        self.app.view()
    }
}

/// An app through the first run with PIN 480913, in `lang`.
pub fn set_up(lang: &str) -> Shell {
    set_up_in(Shell::new(lang))
}

/// `s` (just started) through the first run with PIN 480913.
pub fn set_up_in(mut s: Shell) -> Shell {
    s.send(Event::Submit); // keep the language
    s.pin("۴۸۰۹۱۳");
    s.pin("٤٨٠٩١٣");
    s.send(Event::AcceptBiometrics { accept: false });
    s
}

/// [`set_up`] for an app that accepts bank activations only from `hosts`.
pub fn set_up_with_bank_hosts(lang: &str, hosts: &[&str]) -> Shell {
    let dir = tempfile::tempdir().unwrap();
    let place = place(dir.path()).with_bank_hosts(hosts.iter().map(|h| h.to_string()).collect());
    set_up_in(Shell::at(place, dir, lang, None))
}
