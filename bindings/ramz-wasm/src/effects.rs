//! The app's effects as JSON for the web shell. A [`Work`] stays on the
//! Rust side (it owns the vault): the shell gets its number and asks
//! [`crate::WebApp::run_work`] to run it.

use std::collections::BTreeMap;
use std::sync::Arc;

use ramz_app::{Effect, Work};
use serde_json::{Value, json};

/// Works handed out and not yet delivered back, by number.
#[derive(Debug, Default)]
pub(crate) struct Works {
    next: u32,
    pending: BTreeMap<u32, Arc<Work>>,
}

impl Works {
    pub(crate) fn insert(&mut self, work: Arc<Work>) -> u32 {
        self.next = self.next.wrapping_add(1);
        self.pending.insert(self.next, work);
        self.next
    }

    pub(crate) fn get(&self, id: u32) -> Option<&Work> {
        self.pending.get(&id).map(|w| &**w)
    }

    pub(crate) fn take(&mut self, id: u32) -> Option<Arc<Work>> {
        self.pending.remove(&id)
    }
}

/// Effects as a JSON array, `[{"t": "Render"}, {"t": "Work", "id": 3}]`.
/// Bytes (an HTTP body, a backup file) are base64.
pub(crate) fn to_json(effects: Vec<Effect>, works: &mut Works) -> String {
    let list: Vec<Value> = effects.into_iter().filter_map(|e| one(e, works)).collect();
    Value::Array(list).to_string()
}

fn one(effect: Effect, works: &mut Works) -> Option<Value> {
    let b64 = |b: &[u8]| data_encoding::BASE64.encode(b);
    Some(match effect {
        Effect::Render => json!({"t": "Render"}),
        Effect::Work(w) => json!({"t": "Work", "id": works.insert(w)}),
        Effect::Camera { on } => json!({"t": "Camera", "on": on}),
        Effect::CopyToClipboard {
            text,
            sensitive,
            clear_after_seconds,
        } => json!({
            "t": "CopyToClipboard",
            "text": text,
            "sensitive": sensitive,
            "clear_after_seconds": clear_after_seconds,
        }),
        Effect::Http(r) => json!({
            "t": "Http",
            "url": r.url,
            "method": r.method,
            "content_type": r.content_type,
            "body": b64(&r.body),
        }),
        Effect::SaveFile { name, mime, bytes } => json!({
            "t": "SaveFile",
            "name": name,
            "mime": mime,
            "bytes": b64(&bytes),
        }),
        Effect::PickFile { mime } => json!({"t": "PickFile", "mime": mime}),
        Effect::BiometricPrompt { reason } => json!({"t": "BiometricPrompt", "reason": reason}),
        Effect::StoreSettings(s) => json!({"t": "StoreSettings", "settings": s}),
        // A new effect this shell does not know yet: left out, so the app
        // is never told it happened (the README lists what is handled).
        _ => return None,
    })
}
