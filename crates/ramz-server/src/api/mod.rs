//! HTTP routes. Three audiences: the app (completes activations, no
//! token), the bank's back office (creates activations, verifies codes,
//! revokes; bearer token) and operators (health).

mod activation;
mod backoffice;
mod cors;
mod error;
mod ids;
mod verify;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::{ConnectInfo, DefaultBodyLimit, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ramz_activation::wire::ErrorCode;
use subtle::ConstantTimeEq;

pub use error::{ApiError, ApiJson};
pub use ids::{ActivationPath, CredentialPath};

use crate::throttle::Throttle;
use crate::{Config, Store};

/// Sealing purposes (associated data).
pub const SEED_PURPOSE: &str = "seed";
pub const ACTIVATION_PURPOSE: &str = "activation";

/// Shared by every handler.
pub struct AppState {
    pub config: Config,
    pub store: Store,
    pub throttle: Throttle,
}

pub type Shared = Arc<AppState>;

/// The routers of the two audiences, each with `/health`, and both
/// together for a single listener.
pub struct Routers {
    /// The app's routes (no token; throttled per client address).
    pub app: Router,
    /// The bank's back-office routes (bearer token).
    pub backoffice: Router,
    /// Everything.
    pub all: Router,
}

/// The API, split by audience.
pub fn routers(config: Config, store: Store) -> Routers {
    let limit = config.max_body_bytes;
    let throttle = Throttle::new(config.throttle.clone());
    let state = Arc::new(AppState {
        config,
        store,
        throttle,
    });
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
    let app = Router::new()
        .route(
            "/v1/activations/{id}/complete",
            // OPTIONS: a CORS preflight, answered by the `cors` layer.
            post(activation::complete).options(method_not_allowed),
        )
        .route_layer(middleware::from_fn_with_state(state.clone(), throttled))
        // After the throttle: a preflight is answered without spending a
        // token, and a refused origin never reaches the route.
        .layer(middleware::from_fn_with_state(state.clone(), cors::cors));
    let finish = |r: Router<Shared>| {
        r.route("/health", get(health))
            .fallback(not_found)
            .method_not_allowed_fallback(method_not_allowed)
            .layer(DefaultBodyLimit::max(limit))
            .layer(middleware::from_fn_with_state(state.clone(), deadline))
            .with_state(state.clone())
    };
    Routers {
        all: finish(app.clone().merge(backoffice.clone())),
        app: finish(app),
        backoffice: finish(backoffice),
    }
}

/// Answers 408 when a request (reading its body included) takes longer
/// than `request_timeout`.
async fn deadline(State(s): State<Shared>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(s.config.request_timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => {
            tracing::warn!("request timed out");
            let mut r = ApiError::new(
                StatusCode::REQUEST_TIMEOUT,
                ErrorCode::RequestTimeout,
                "the request took too long",
            )
            .into_response();
            r.headers_mut().insert(
                header::CONNECTION,
                axum::http::HeaderValue::from_static("close"),
            );
            r
        }
    }
}

/// The per-client token bucket of the app API.
async fn throttled(State(s): State<Shared>, req: Request, next: Next) -> Response {
    if let Some(ConnectInfo(peer)) = req.extensions().get::<ConnectInfo<SocketAddr>>() {
        let client = s.throttle.client_of(peer.ip(), req.headers());
        if let Err(wait) = s.throttle.take(client) {
            tracing::info!(retry_after = wait, "app request throttled");
            return ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::TooManyRequests,
                "too many requests from this address",
            )
            .retry_after(wait)
            .into_response();
        }
    }
    next.run(req).await
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
