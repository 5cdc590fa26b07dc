//! The demo's internet bank: a page and two calls of its own origin. Its
//! backend holds the back-office token and calls the back-office router
//! in-process, the way a bank's servers call the real one.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::extract::State;
use axum::http::{HeaderValue, Method, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::sms::OutboxGateway;

const PAGE: &str = include_str!("bank.html");
const SCRIPT: &str = include_str!("bank.js");
const STYLE: &str = include_str!("bank.css");
/// The demo customer's phone (the SMS goes to the outbox).
const DEMO_PHONE: &str = "09120000000";
/// Largest answer read from the back office.
const MAX_ANSWER: usize = 64 * 1024;

#[derive(Clone)]
struct Bank {
    backoffice: Router,
    token: String,
    outbox: OutboxGateway,
}

pub(crate) fn router(backoffice: Router, token: String, outbox: OutboxGateway) -> Router {
    Router::new()
        .route(
            "/",
            get(|| async { page(PAGE, "text/html; charset=utf-8") }),
        )
        .route(
            "/bank.js",
            get(|| async { page(SCRIPT, "text/javascript; charset=utf-8") }),
        )
        .route(
            "/bank.css",
            get(|| async { page(STYLE, "text/css; charset=utf-8") }),
        )
        .route("/bank/activations", post(activate))
        .route("/bank/verify", post(verify))
        .with_state(Bank {
            backoffice,
            token,
            outbox,
        })
}

fn page(text: &'static str, mime: &'static str) -> Response {
    let mut r = text.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ),
    );
    r
}

#[derive(Deserialize)]
struct ActivateForm {
    card_number: String,
}

/// Creates the activation; answers the QR code, the masked card and the
/// SMS the customer's phone got (demo only: read from the outbox).
async fn activate(State(b): State<Bank>, axum::Json(form): axum::Json<ActivateForm>) -> Response {
    let (status, created) = b
        .call(
            Method::POST,
            "/v1/backoffice/activations",
            Some(json!({"card_number": form.card_number, "phone": DEMO_PHONE})),
        )
        .await;
    if status != StatusCode::CREATED {
        return (status, axum::Json(created)).into_response();
    }
    let id = created["activation_id"].as_str().unwrap_or_default();
    let sms = b.outbox.code_for(id).map(|c| c.to_string());
    axum::Json(json!({
        "activation_id": id,
        "masked_card": created["masked_card"],
        "qr_svg": created["qr_svg"],
        "qr_payload": created["qr_payload"],
        "expires_at": created["expires_at"],
        "sms_code": sms,
        "phone": "0912*****00",
    }))
    .into_response()
}

#[derive(Deserialize)]
struct VerifyForm {
    activation_id: String,
    code: String,
}

/// Verifies the code the customer typed, for the card of the activation.
async fn verify(State(b): State<Bank>, axum::Json(form): axum::Json<VerifyForm>) -> Response {
    if !form
        .activation_id
        .bytes()
        .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
    {
        return (StatusCode::UNPROCESSABLE_ENTITY, "bad activation id").into_response();
    }
    let (status, state) = b
        .call(
            Method::GET,
            &format!("/v1/backoffice/activations/{}", form.activation_id),
            None,
        )
        .await;
    let Some(credential) = state["credential_id"]
        .as_str()
        .filter(|_| status.is_success())
    else {
        return (
            StatusCode::CONFLICT,
            axum::Json(json!({"valid": false, "reason": "not_activated"})),
        )
            .into_response();
    };
    let (status, answer) = b
        .call(
            Method::POST,
            &format!("/v1/backoffice/credentials/{credential}/verify"),
            Some(json!({"code": form.code})),
        )
        .await;
    (status, axum::Json(answer)).into_response()
}

impl Bank {
    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {}", self.token));
        let body = match body {
            Some(b) => {
                req = req.header(header::CONTENT_TYPE, "application/json");
                Body::from(b.to_string())
            }
            None => Body::empty(),
        };
        let Ok(req) = req.body(body) else {
            return (StatusCode::INTERNAL_SERVER_ERROR, Value::Null);
        };
        let Ok(resp) = self.backoffice.clone().oneshot(req).await;
        let status = resp.status();
        let bytes = to_bytes(resp.into_body(), MAX_ANSWER)
            .await
            .unwrap_or_default();
        (
            status,
            serde_json::from_slice(&bytes).unwrap_or(Value::Null),
        )
    }
}
