//! The JSON messages of the completion call, shared by app and server.
//!
//! `POST {base_url}/v1/activations/{id}/complete` with a
//! [`CompleteRequest`]; `200` with a [`CompleteResponse`], or an error
//! status with an [`ErrorBody`]. Binary values are unpadded base64url.

use serde::{Deserialize, Serialize};

/// The app's completion request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompleteRequest {
    /// Protocol version (1).
    pub version: u8,
    /// The app's ephemeral X25519 public key (32 bytes).
    pub client_key: String,
    /// HMAC proving knowledge of the SMS code (32 bytes).
    pub mac: String,
}

/// The server's answer when the SMS code was right.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompleteResponse {
    /// Protocol version (1).
    pub version: u8,
    /// The server's ephemeral X25519 public key (32 bytes).
    pub server_key: String,
    /// The server's clock (Unix seconds) when it answered.
    pub server_time: u64,
    /// HMAC proving the server derived the same keys (32 bytes).
    pub confirmation: String,
}

/// Every error answer of the server (activation, verification and
/// back-office APIs alike).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// Machine-readable reason.
    pub error: ErrorCode,
    /// A sentence for developers and logs (never shown as is to customers,
    /// never holding a secret).
    pub detail: String,
    /// For `wrong_code`: attempts left before the activation is burned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempts_left: Option<u32>,
    /// For `rate_limited`: seconds to wait before the next attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

/// Machine-readable error reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorCode {
    /// The SMS code (activation) or the OTP (verification) is wrong.
    WrongCode,
    /// The activation is burned after too many wrong SMS codes.
    AttemptsExhausted,
    /// The activation expired.
    Expired,
    /// The activation was already completed.
    AlreadyUsed,
    /// No activation with this id.
    UnknownActivation,
    /// No credential with this id.
    UnknownCredential,
    /// The code's time step was already accepted once (RFC 6238 §5.2).
    Replayed,
    /// Too many failures in a row: wait `retry_after` seconds.
    RateLimited,
    /// The credential is disabled (revoked or too many failures).
    Disabled,
    /// The request body is not valid JSON or has wrong field types.
    MalformedRequest,
    /// A field has a valid type but an unacceptable value.
    InvalidField,
    /// The request body is too large.
    PayloadTooLarge,
    /// Missing or wrong bearer token.
    Unauthorized,
    /// No such route.
    NotFound,
    /// Wrong HTTP method for the route.
    MethodNotAllowed,
    /// Content-Type is not application/json.
    UnsupportedMediaType,
    /// The server failed; nothing about the request is known to be wrong.
    Internal,
    /// The back office's SMS gateway did not take the activation code
    /// (HTTP 502); the activation cannot be completed, create a new one.
    SmsNotSent,
    /// Too many wrong SMS codes for this card across its activations
    /// (HTTP 429, with `retry_after`): the bank can start no activation
    /// for the card until then, and pending ones are burned.
    CardLocked,
    /// A newer activation for the same card replaced this one (HTTP 410).
    Cancelled,
    /// This client sent too many requests (HTTP 429, with `retry_after`).
    TooManyRequests,
    /// The request took longer than the server allows (HTTP 408).
    RequestTimeout,
    /// A reason this build does not know (a newer server).
    #[serde(other)]
    Unknown,
}

impl ErrorCode {
    /// The snake_case name used on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WrongCode => "wrong_code",
            Self::AttemptsExhausted => "attempts_exhausted",
            Self::Expired => "expired",
            Self::AlreadyUsed => "already_used",
            Self::UnknownActivation => "unknown_activation",
            Self::UnknownCredential => "unknown_credential",
            Self::Replayed => "replayed",
            Self::RateLimited => "rate_limited",
            Self::Disabled => "disabled",
            Self::MalformedRequest => "malformed_request",
            Self::InvalidField => "invalid_field",
            Self::PayloadTooLarge => "payload_too_large",
            Self::Unauthorized => "unauthorized",
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::UnsupportedMediaType => "unsupported_media_type",
            Self::Internal => "internal",
            Self::SmsNotSent => "sms_not_sent",
            Self::CardLocked => "card_locked",
            Self::Cancelled => "cancelled",
            Self::TooManyRequests => "too_many_requests",
            Self::RequestTimeout => "request_timeout",
            Self::Unknown => "unknown",
        }
    }
}
