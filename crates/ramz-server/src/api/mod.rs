//! HTTP routes. Three audiences: the app (completes activations, no
//! token), the bank's back office (creates activations, verifies codes,
//! revokes; bearer token) and operators (health).

mod activation;
mod backoffice;
mod error;
mod verify;

use std::sync::Arc;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ramz_activation::wire::ErrorCode;
use subtle::ConstantTimeEq;

pub use error::{ApiError, ApiJson};

use crate::{Config, Store};

/// Sealing purposes (associated data).
pub const SEED_PURPOSE: &str = "seed";
pub const ACTIVATION_PURPOSE: &str = "activation";

/// Shared by every handler.
pub struct AppState {
    pub config: Config,
    pub store: Store,
}

pub type Shared = Arc<AppState>;

/// The whole API.
pub fn router(config: Config, store: Store) -> Router {
    let limit = config.max_body_bytes;
    let state = Arc::new(AppState { config, store });
    let backoffice = Router::new()
        .route("/v1/backoffice/activations", post(backoffice::create))
        .route("/v1/backoffice/activations/{id}", get(backoffice::status))
        .route(
            "/v1/backoffice/credentials/{id}/verify",
            post(verify::verify),
        )
        .route(
            "/v1/backoffice/credentials/{id}/revoke",
            post(backoffice::revoke),
        )
        .route_layer(middleware::from_fn_with_state(state.clone(), bearer));
    Router::new()
        .route("/health", get(health))
        .route("/v1/activations/{id}/complete", post(activation::complete))
        .merge(backoffice)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}

async fn health(State(s): State<Shared>) -> Response {
    if s.store.healthy().await {
        axum::Json(serde_json::json!({"status": "ok", "database": "ok"})).into_response()
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            axum::Json(serde_json::json!({"status": "degraded", "database": "unreachable"})),
        )
            .into_response()
    }
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, "no such route")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::MethodNotAllowed,
        "method not allowed on this route",
    )
}

/// Constant-time bearer token check for the back-office routes.
async fn bearer(State(s): State<Shared>, req: Request, next: Next) -> Response {
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    let expected = s.config.backoffice_token.as_bytes();
    if expected.is_empty() || !bool::from(presented.as_bytes().ct_eq(expected)) {
        return ApiError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Unauthorized,
            "missing or wrong bearer token",
        )
        .into_response();
    }
    next.run(req).await
}

/// 16 random bytes as base64url: activation and credential ids.
pub fn random_id() -> Result<String, crate::ServerError> {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b).map_err(|_| crate::ServerError::Randomness)?;
    Ok(data_encoding::BASE64URL_NOPAD.encode(&b))
}

/// A short, non-secret prefix of an id for log lines.
pub fn log_id(id: &str) -> &str {
    id.get(..6).unwrap_or(id)
}
