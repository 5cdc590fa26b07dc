//! What the app asks its shell to do. The shell performs each effect and
//! reports the result, when there is one, as an [`crate::Event`].

use std::sync::Arc;

use crate::settings::Settings;
use crate::work::Work;

/// A request to the shell.
///
/// Every effect is fire-and-forget from the app's side: the app never
/// waits; a result comes back as an event (named on each variant).
/// `Debug` shows neither the copied code nor a file's bytes.
#[non_exhaustive]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum Effect {
    /// The view model changed: call [`crate::App::view`] and redraw.
    Render,
    /// Slow work (Argon2id, the vault file, a QR decode): run
    /// [`Work::run`] on a worker thread, then send
    /// [`crate::Event::WorkDone`] with it on the UI thread. The view shows
    /// progress meanwhile (`ViewModel::busy`), except for a camera frame's
    /// decode and the lock screen's status check.
    Work(Arc<Work>),
    /// Start (true) or stop (false) delivering camera frames as
    /// [`crate::Event::CameraFrame`]. The shell sends a new frame only
    /// after the previous one was answered.
    Camera {
        /// Frames wanted.
        on: bool,
    },
    /// Put `text` on the clipboard, marked sensitive (Android
    /// `EXTRA_IS_SENSITIVE`, iOS `localOnly`), and clear it after
    /// `clear_after_seconds` unless it was replaced since.
    CopyToClipboard {
        /// What to copy (ASCII digits: what web forms accept).
        text: String,
        /// Keep it off clipboard history and other devices.
        sensitive: bool,
        /// Seconds until the shell clears it.
        clear_after_seconds: u32,
    },
    /// Send an HTTP request; answer with [`crate::Event::HttpResponse`] or
    /// [`crate::Event::HttpFailed`].
    Http(HttpRequest),
    /// Ask the person to save a file (share sheet or document picker);
    /// answer with [`crate::Event::FileSaved`].
    SaveFile {
        /// A suggested file name.
        name: String,
        /// MIME type.
        mime: String,
        /// The contents (an encrypted backup: nothing secret in clear).
        bytes: Vec<u8>,
    },
    /// Ask the person to pick a file; answer with
    /// [`crate::Event::FilePicked`] (or [`crate::Event::Back`] when
    /// cancelled).
    PickFile {
        /// MIME types accepted.
        mime: String,
    },
    /// Show the platform's biometric prompt; answer with
    /// [`crate::Event::BiometricResult`].
    BiometricPrompt {
        /// Why the prompt appears (localised).
        reason: String,
    },
    /// Persist the app's settings (not secret; plain preferences storage)
    /// and give them back in [`crate::Event::Start`] next time.
    StoreSettings(Settings),
}

/// An HTTP request for the shell to send.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct HttpRequest {
    /// Absolute URL.
    pub url: String,
    /// Method, e.g. `POST`.
    pub method: String,
    /// `Content-Type` of the body.
    pub content_type: String,
    /// Body (a public key and a MAC for an activation: nothing secret).
    pub body: Vec<u8>,
}

impl core::fmt::Debug for Effect {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Self::Render => f.write_str("Render"),
            Self::Work(w) => f.debug_tuple("Work").field(w).finish(),
            Self::Camera { on } => f.debug_struct("Camera").field("on", on).finish(),
            Self::CopyToClipboard {
                sensitive,
                clear_after_seconds,
                ..
            } => f
                .debug_struct("CopyToClipboard")
                .field("text", &"[redacted]")
                .field("sensitive", sensitive)
                .field("clear_after_seconds", clear_after_seconds)
                .finish(),
            Self::Http(r) => f.debug_tuple("Http").field(r).finish(),
            Self::SaveFile { name, mime, bytes } => f
                .debug_struct("SaveFile")
                .field("name", name)
                .field("mime", mime)
                .field("bytes", &format_args!("[{} bytes]", bytes.len()))
                .finish(),
            Self::PickFile { mime } => f.debug_struct("PickFile").field("mime", mime).finish(),
            Self::BiometricPrompt { reason } => f
                .debug_struct("BiometricPrompt")
                .field("reason", reason)
                .finish(),
            Self::StoreSettings(s) => f.debug_tuple("StoreSettings").field(s).finish(),
        }
    }
}
