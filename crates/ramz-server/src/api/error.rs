//! JSON errors for every bad request, and the JSON body extractor that
//! produces them.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, Request};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ramz_activation::wire::{ErrorBody, ErrorCode};
use serde::de::DeserializeOwned;

use crate::ServerError;

/// An error answer: status and JSON body.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    body: ErrorBody,
}

impl ApiError {
    /// A plain error.
    pub fn new(status: StatusCode, error: ErrorCode, detail: impl Into<String>) -> Self {
        Self {
            status,
            body: ErrorBody {
                error,
                detail: detail.into(),
                attempts_left: None,
                retry_after: None,
            },
        }
    }

    /// With `attempts_left`.
    pub fn attempts(mut self, left: u32) -> Self {
        self.body.attempts_left = Some(left);
        self
    }

    /// With `retry_after` (also sent as the `Retry-After` header).
    pub fn retry_after(mut self, seconds: u64) -> Self {
        self.body.retry_after = Some(seconds);
        self
    }

    pub fn not_found(error: ErrorCode, what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, error, format!("no such {what}"))
    }

    pub fn invalid(detail: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::InvalidField,
            detail,
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let retry = self.body.retry_after;
        let mut resp = (self.status, Json(self.body)).into_response();
        if let Some(r) = retry.and_then(|r| axum::http::HeaderValue::from_str(&r.to_string()).ok())
        {
            resp.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, r);
        }
        resp
    }
}

impl From<ServerError> for ApiError {
    fn from(e: ServerError) -> Self {
        // The error names no secret (see ServerError); the client gets
        // nothing but "internal".
        tracing::error!(error = %e, "request failed");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "internal error",
        )
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ServerError::Database(e).into()
    }
}

/// `Json<T>` whose rejections are [`ApiError`]s. Serde's messages are not
/// passed on as they are, because "invalid type" messages quote the value,
/// which may be a code.
pub struct ApiJson<T>(pub T);

impl<S, T> FromRequest<S> for ApiJson<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        if !json_content_type(req.headers()) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                ErrorCode::UnsupportedMediaType,
                "Content-Type must be application/json",
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|_| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                "request body too large",
            )
        })?;
        // Serde reads a struct from a JSON array too (`["123456"]` as
        // `{"code": "123456"}`): every body of this API is an object, so
        // anything else is refused before it is read as one.
        match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => {}
            Some(_) if serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).is_ok() => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    ErrorCode::MalformedRequest,
                    "the body must be a JSON object",
                ));
            }
            _ => {
                return Err(ApiError::new(
                    StatusCode::BAD_REQUEST,
                    ErrorCode::MalformedRequest,
                    "body is not valid JSON",
                ));
            }
        }
        match Json::<T>::from_bytes(&bytes) {
            Ok(Json(v)) => Ok(Self(v)),
            Err(rejection) => Err(rejection_to_error(rejection)),
        }
    }
}

/// `application/json` or `application/<x>+json`, parameters ignored.
fn json_content_type(headers: &HeaderMap) -> bool {
    let Some(value) = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence
        .strip_prefix("application/")
        .is_some_and(|sub| sub == "json" || sub.ends_with("+json"))
}

fn rejection_to_error(r: JsonRejection) -> ApiError {
    match r {
        JsonRejection::JsonDataError(e) => {
            let text = e.body_text();
            // "missing field `x`" and "unknown field `x`" name fields only.
            let detail = if let Some(i) = text
                .find("missing field")
                .or_else(|| text.find("unknown field"))
            {
                let tail = &text[i..];
                tail.split(" at line")
                    .next()
                    .unwrap_or(tail)
                    .split(", expected")
                    .next()
                    .unwrap_or(tail)
                    .to_owned()
            } else {
                "a field has the wrong type or value".to_owned()
            };
            ApiError::new(
                StatusCode::BAD_REQUEST,
                ErrorCode::MalformedRequest,
                format!("JSON body does not match: {detail}"),
            )
        }
        JsonRejection::JsonSyntaxError(_) => ApiError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::MalformedRequest,
            "body is not valid JSON",
        ),
        JsonRejection::MissingJsonContentType(_) => ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "Content-Type must be application/json",
        ),
        JsonRejection::BytesRejection(_) => ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            "request body too large",
        ),
        _ => ApiError::new(
            StatusCode::BAD_REQUEST,
            ErrorCode::MalformedRequest,
            "unreadable request body",
        ),
    }
}
