//! Delivery of the 4-digit activation code. The code is handed to the
//! gateway and nowhere else: never logged, never in an error.

use std::future::Future;
use std::io::Write;
use std::path::PathBuf;
use std::pin::Pin;

use serde::Serialize;

/// One SMS to send.
pub struct SmsMessage<'a> {
    /// Destination phone number as the back office gave it.
    pub phone: &'a str,
    /// The four-digit code.
    pub code: &'a str,
    /// The bank's display name, for the text.
    pub issuer: &'a str,
    /// Which activation (for the outbox; lets the demo pick its code).
    pub activation_id: &'a str,
}

impl core::fmt::Debug for SmsMessage<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("SmsMessage")
            .field("activation_id", &self.activation_id)
            .finish_non_exhaustive()
    }
}

/// Why an SMS could not be handed over.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SmsError {
    /// Writing the outbox failed.
    #[error("outbox write failed: {0}")]
    Outbox(#[from] std::io::Error),
    /// The webhook failed or answered with an error status.
    #[error("SMS webhook failed: {0}")]
    Webhook(String),
}

/// Boxed future of a send.
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<(), SmsError>> + Send + 'a>>;

/// Something that delivers activation codes to phones.
pub trait SmsGateway: Send + Sync {
    /// Sends one message.
    fn send<'a>(&'a self, message: SmsMessage<'a>) -> SendFuture<'a>;

    /// True when codes are kept somewhere readable (the development
    /// outbox): the server says so loudly at start.
    fn insecure(&self) -> bool {
        false
    }
}

/// Development gateway: appends one JSON line per message to a file
/// (`{"activation_id", "phone", "text", "code"}`), readable only by the
/// owner. The log line says where the message went, without the code.
#[derive(Debug, Clone)]
pub struct OutboxGateway {
    path: PathBuf,
}

#[derive(Serialize)]
struct OutboxLine<'a> {
    activation_id: &'a str,
    phone: &'a str,
    text: String,
    code: &'a str,
}

impl OutboxGateway {
    /// Writes to `path` (created if missing).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into() }
    }

    /// The outbox file.
    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// The latest code sent for `activation_id`, if any (demo and tests).
    pub fn code_for(&self, activation_id: &str) -> Option<zeroize::Zeroizing<String>> {
        let text = zeroize::Zeroizing::new(std::fs::read_to_string(&self.path).ok()?);
        text.lines()
            .rev()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| v.get("activation_id").and_then(|a| a.as_str()) == Some(activation_id))
            .filter_map(|v| {
                v.get("code")
                    .and_then(|c| c.as_str())
                    .map(|c| zeroize::Zeroizing::new(c.to_owned()))
            })
            .next()
    }
}

impl SmsGateway for OutboxGateway {
    fn insecure(&self) -> bool {
        true
    }

    fn send<'a>(&'a self, m: SmsMessage<'a>) -> SendFuture<'a> {
        Box::pin(async move {
            let line = OutboxLine {
                activation_id: m.activation_id,
                phone: m.phone,
                text: format!(
                    "{}: your card activation code is {}. Do not share it.",
                    m.issuer, m.code
                ),
                code: m.code,
            };
            let mut bytes = serde_json::to_vec(&line).map_err(|e| SmsError::Outbox(e.into()))?;
            bytes.push(b'\n');
            let path = self.path.clone();
            tokio::task::spawn_blocking(move || append_private(&path, &bytes))
                .await
                .map_err(|e| SmsError::Outbox(std::io::Error::other(e)))??;
            tracing::info!(outbox = %self.path.display(), "activation SMS written to the development outbox");
            Ok(())
        })
    }
}

fn append_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)?.write_all(bytes)
}

/// Production gateway: POSTs `{"to", "text"}` as JSON to an SMS provider's
/// webhook, with an optional bearer token.
#[derive(Clone)]
pub struct WebhookGateway {
    url: String,
    token: Option<String>,
}

impl WebhookGateway {
    /// Posts to `url` (https, or http to a local relay).
    pub fn new(url: impl Into<String>, token: Option<String>) -> Self {
        Self {
            url: url.into(),
            token,
        }
    }
}

impl core::fmt::Debug for WebhookGateway {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("WebhookGateway")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

impl SmsGateway for WebhookGateway {
    fn send<'a>(&'a self, m: SmsMessage<'a>) -> SendFuture<'a> {
        let body = serde_json::json!({
            "to": m.phone,
            "text": format!("{}: your card activation code is {}. Do not share it.", m.issuer, m.code),
        });
        let url = self.url.clone();
        let token = self.token.clone();
        Box::pin(async move {
            let status = tokio::task::spawn_blocking(move || {
                let mut req = ureq::post(&url);
                if let Some(t) = token {
                    req = req.header("Authorization", &format!("Bearer {t}"));
                }
                req.send_json(&body)
                    .map(|r| r.status().as_u16())
                    .map_err(|e| SmsError::Webhook(e.to_string()))
            })
            .await
            .map_err(|e| SmsError::Webhook(e.to_string()))??;
            if !(200..300).contains(&status) {
                return Err(SmsError::Webhook(format!("status {status}")));
            }
            tracing::info!("activation SMS handed to the webhook");
            Ok(())
        })
    }
}
