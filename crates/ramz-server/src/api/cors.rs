//! Cross-origin access to the app API, for the web app (`web/`): only the
//! origins in `Config::allowed_origins`, and only the app's route.
//!
//! Native apps send no `Origin` and are not affected. A browser page on
//! any other origin is refused *by the server* (403), not only by the
//! browser's reading rules: a "simple" cross-origin POST (one a browser
//! sends without asking first) would otherwise still reach the
//! completion route and spend one of the activation's SMS-code attempts.
//! The back-office routes never answer a cross-origin request: they are
//! for the bank's servers, with a bearer token.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use ramz_activation::wire::ErrorCode;

use super::{ApiError, Shared};

/// How long a browser may cache a preflight answer, seconds.
const PREFLIGHT_MAX_AGE: &str = "600";

/// The app router's CORS layer.
pub(crate) async fn cors(State(s): State<Shared>, req: Request, next: Next) -> Response {
    let Some(origin) = req.headers().get(header::ORIGIN).cloned() else {
        return next.run(req).await;
    };
    let allowed = origin
        .to_str()
        .is_ok_and(|o| s.config.allowed_origins.iter().any(|a| a == o));
    if !allowed {
        tracing::info!("cross-origin request refused");
        return ApiError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::Unauthorized,
            "this origin may not call the app API",
        )
        .into_response();
    }
    if req.method() == Method::OPTIONS && is_preflight(req.headers()) {
        let mut r = StatusCode::NO_CONTENT.into_response();
        let h = r.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        h.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("POST"),
        );
        h.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("content-type"),
        );
        h.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static(PREFLIGHT_MAX_AGE),
        );
        h.insert(header::VARY, HeaderValue::from_static("origin"));
        return r;
    }
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    h.insert(header::VARY, HeaderValue::from_static("origin"));
    r
}

fn is_preflight(h: &HeaderMap) -> bool {
    h.contains_key(header::ACCESS_CONTROL_REQUEST_METHOD)
}
