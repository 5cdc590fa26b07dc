//! The web app's static files, from one directory, with a strict content
//! security policy: scripts and the `.wasm` from this origin only, network
//! calls to this origin and the API only.

use std::path::{Path, PathBuf};

use axum::Router;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

#[derive(Clone)]
struct Files {
    dir: PathBuf,
    csp: HeaderValue,
}

/// `GET /` and `GET /<name>` from `dir` (one level; names of letters,
/// digits, `.`, `-` and `_` only).
pub(crate) fn router(dir: PathBuf, api_url: &str) -> Router {
    let csp = format!(
        "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self' {api_url}; \
         base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    );
    let files = Files {
        dir,
        csp: HeaderValue::from_str(&csp).unwrap_or(HeaderValue::from_static("default-src 'none'")),
    };
    Router::new()
        .route("/", get(index))
        .route("/{name}", get(file))
        .with_state(files)
}

async fn index(State(f): State<Files>) -> Response {
    serve(&f, "index.html").await
}

async fn file(State(f): State<Files>, UrlPath(name): UrlPath<String>) -> Response {
    serve(&f, &name).await
}

async fn serve(f: &Files, name: &str) -> Response {
    let Some(mime) = plain_name(name).then(|| mime_of(name)).flatten() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match tokio::fs::read(Path::new(&f.dir).join(name)).await {
        Ok(bytes) => {
            let mut r = bytes.into_response();
            let h = r.headers_mut();
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
            h.insert(header::CONTENT_SECURITY_POLICY, f.csp.clone());
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            h.insert(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            );
            r
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// One path segment, no `..`, no hidden file.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'))
}

fn mime_of(name: &str) -> Option<&'static str> {
    let ext = name.rsplit_once('.')?.1;
    Some(match ext {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_are_served() {
        assert!(plain_name("ramz_wasm_bg.wasm"));
        assert!(!plain_name(".."));
        assert!(!plain_name(".env"));
        assert!(!plain_name("a/b"));
        assert!(!plain_name("a%2Fb"));
        assert!(!plain_name(""));
        assert_eq!(mime_of("x.wasm"), Some("application/wasm"));
        assert_eq!(mime_of("x.rs"), None);
    }
}
