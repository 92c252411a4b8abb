//! The HTTP API (README, "Consent records service"): routes, CORS, statuses. Every answer
//! is JSON (`{"error": …}` on failure) except the JSON Lines export.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use futures_util::StreamExt;
use http_body_util::BodyExt;

use crate::config::Config;
use crate::limit::Limiter;
use crate::record;
use crate::store::Store;

/// Largest record body accepted, in bytes (chunked or not).
pub const MAX_BODY: usize = 16_384;

pub struct App {
    pub config: Config,
    pub store: Store,
    pub limiter: Limiter,
}

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/v1/records", post(post_record).options(preflight).delete(delete_records))
        .route("/v1/records/{consent_id}", get(get_records))
        .route("/v1/export", get(export))
        .route("/healthz", get(health))
        .fallback(not_found)
        .with_state(app)
}

fn json(status: StatusCode, body: serde_json::Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/json")), (header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        body.to_string(),
    )
        .into_response()
}

fn error(status: StatusCode, message: impl Into<String>) -> Response {
    json(status, serde_json::json!({ "error": message.into() }))
}

/// The request's `Origin` when it is one of `RECORDS_ORIGINS`.
fn allowed_origin<'h>(app: &App, headers: &'h HeaderMap) -> Option<&'h str> {
    headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()).filter(|o| app.config.allows(o))
}

/// CORS headers for an allowed origin (GET).
fn with_cors(mut response: Response, origin: Option<&str>) -> Response {
    let h = response.headers_mut();
    h.insert(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(value) = origin.and_then(|o| HeaderValue::from_str(o).ok()) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
    }
    response
}

/// CORS headers for posting a record. consentry's loader sends its JSON as `text/plain`: a
/// simple request, delivered without a preflight whatever the answer says. A client that sends
/// `application/json` with `sendBeacon` (credentials mode "include") is preflighted, and the
/// preflight must allow credentials or the browser drops the beacon (README, "Consent records
/// service", CORS). The service reads no cookie and sets none.
fn with_post_cors(response: Response, origin: &str) -> Response {
    let mut response = with_cors(response, Some(origin));
    response.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_CREDENTIALS, HeaderValue::from_static("true"));
    response
}

fn forbidden_origin(headers: &HeaderMap) -> Response {
    let message = if headers.contains_key(header::ORIGIN) {
        "origin not allowed (RECORDS_ORIGINS)"
    } else {
        "origin: missing (records are posted by browsers, which send one)"
    };
    with_cors(error(StatusCode::FORBIDDEN, message), None)
}

/// `OPTIONS /v1/records`: the CORS preflight of a `fetch` or `sendBeacon` whose body is sent
/// as `application/json` (not consentry's loader, which sends `text/plain`).
async fn preflight(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    let Some(origin) = allowed_origin(&app, &headers) else { return forbidden_origin(&headers) };
    let mut response = with_post_cors(StatusCode::NO_CONTENT.into_response(), origin);
    let h = response.headers_mut();
    h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("POST"));
    h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("content-type"));
    h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("86400"));
    response
}

/// `POST /v1/records`: one record. 201 stored, 200 already stored, 400 malformed (the
/// message names the field), 403 origin, 413 too large, 429 rate limit, 503 database.
async fn post_record(State(app): State<Arc<App>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, headers: HeaderMap, body: Body) -> Response {
    let Some(origin) = allowed_origin(&app, &headers) else { return forbidden_origin(&headers) };
    let origin = origin.to_owned();
    let answer = |r: Response| with_post_cors(r, &origin);
    if let Err(seconds) = app.limiter.take(peer.ip(), Instant::now()) {
        let mut r = error(StatusCode::TOO_MANY_REQUESTS, "too many records from this address; try again later");
        r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        return answer(r);
    }
    let too_large = || answer(error(StatusCode::PAYLOAD_TOO_LARGE, format!("body: larger than {MAX_BODY} bytes")));
    let declared = headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > MAX_BODY as u64) {
        return too_large();
    }
    let bytes = match read_body(body).await {
        Ok(bytes) => bytes,
        Err(BodyError::TooLarge) => return too_large(),
        Err(BodyError::Unreadable) => return answer(error(StatusCode::BAD_REQUEST, "body: could not be read")),
    };
    let valid = match record::read(&bytes) {
        Ok(v) => v,
        Err(message) => return answer(error(StatusCode::BAD_REQUEST, message)),
    };
    match app.store.insert(&valid, &crate::time::now()).await {
        Ok(true) => answer(json(StatusCode::CREATED, serde_json::json!({ "stored": true }))),
        Ok(false) => answer(json(StatusCode::OK, serde_json::json!({ "stored": true, "duplicate": true }))),
        Err(e) => {
            eprintln!("consentry-records: a record could not be stored: {e}");
            answer(error(StatusCode::SERVICE_UNAVAILABLE, "the database did not answer; the record was not stored"))
        }
    }
}

enum BodyError {
    TooLarge,
    Unreadable,
}

/// The body, up to [`MAX_BODY`] bytes. A larger one is read on (and dropped) up to
/// [`DRAIN`] bytes or [`DRAIN_TIME`], so that the client, still sending, can read the 413
/// instead of finding its connection reset; past that the connection is closed.
async fn read_body(body: Body) -> Result<Bytes, BodyError> {
    let mut body = body;
    let mut kept = Vec::new();
    let mut seen = 0usize;
    let deadline = tokio::time::Instant::now() + DRAIN_TIME;
    loop {
        let frame = if seen > MAX_BODY {
            match tokio::time::timeout_at(deadline, body.frame()).await {
                Ok(f) => f,
                Err(_) => return Err(BodyError::TooLarge),
            }
        } else {
            body.frame().await
        };
        match frame {
            None => break,
            Some(Err(_)) if seen > MAX_BODY => return Err(BodyError::TooLarge),
            Some(Err(_)) => return Err(BodyError::Unreadable),
            Some(Ok(frame)) => {
                if let Ok(data) = frame.into_data() {
                    seen = seen.saturating_add(data.len());
                    if seen <= MAX_BODY {
                        kept.extend_from_slice(&data);
                    } else if seen > DRAIN {
                        return Err(BodyError::TooLarge);
                    }
                }
            }
        }
    }
    if seen > MAX_BODY {
        return Err(BodyError::TooLarge);
    }
    Ok(Bytes::from(kept))
}

/// How much of a too-large body is read and dropped before the 413.
const DRAIN: usize = 256 * 1024;
const DRAIN_TIME: std::time::Duration = std::time::Duration::from_secs(2);

/// `GET /v1/records/{consentId}`: that consent id's records as a JSON array, oldest first.
async fn get_records(State(app): State<Arc<App>>, Path(consent_id): Path<String>, headers: HeaderMap) -> Response {
    let origin = allowed_origin(&app, &headers).map(str::to_owned);
    if !record::is_uuid(&consent_id) {
        return with_cors(error(StatusCode::BAD_REQUEST, "consentId: expected a UUID"), origin.as_deref());
    }
    match app.store.by_consent_id(&consent_id.to_ascii_lowercase()).await {
        Ok(bodies) => {
            let mut out = String::with_capacity(bodies.iter().map(|b| b.len() + 1).sum::<usize>() + 2);
            out.push('[');
            for (i, b) in bodies.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(b);
            }
            out.push(']');
            let r = (StatusCode::OK, [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], out).into_response();
            with_cors(r, origin.as_deref())
        }
        Err(e) => {
            eprintln!("consentry-records: records could not be read: {e}");
            with_cors(error(StatusCode::SERVICE_UNAVAILABLE, "the database did not answer"), origin.as_deref())
        }
    }
}

/// `None` when the request carries `Authorization: Bearer <RECORDS_TOKEN>`; else the 401.
fn unauthorized(app: &App, headers: &HeaderMap, what: &str) -> Option<Response> {
    let message = match &app.config.token {
        None => format!("{what} is disabled: no RECORDS_TOKEN is set"),
        Some(token) => {
            let given = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "));
            if given.is_some_and(|g| same(g.trim().as_bytes(), token.as_bytes())) {
                return None;
            }
            format!("{what} needs Authorization: Bearer <RECORDS_TOKEN>")
        }
    };
    let mut r = error(StatusCode::UNAUTHORIZED, message);
    r.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    Some(r)
}

/// Equal, in a time that does not depend on where the first difference is.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A query parameter read as a timestamp: `Ok(None)` when absent.
fn instant_param(query: &HashMap<String, String>, name: &str) -> Result<Option<String>, Response> {
    match query.get(name) {
        None => Ok(None),
        Some(text) => crate::time::canonical(text)
            .map(Some)
            .ok_or_else(|| error(StatusCode::BAD_REQUEST, format!("{name}: expected an RFC 3339 date-time with a zone (2026-12-01T00:00:00Z)"))),
    }
}

/// `GET /v1/export?from=&to=`: JSON Lines, one record a line, oldest first; `from`
/// inclusive, `to` exclusive, either may be left out. Streamed, without a cap.
async fn export(State(app): State<Arc<App>>, Query(query): Query<HashMap<String, String>>, headers: HeaderMap) -> Response {
    if let Some(r) = unauthorized(&app, &headers, "export") {
        return r;
    }
    let (from, to) = match (instant_param(&query, "from"), instant_param(&query, "to")) {
        (Ok(f), Ok(t)) => (f, t),
        (Err(r), _) | (_, Err(r)) => return r,
    };
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(64);
    tokio::spawn(async move {
        let mut rows = app.store.export(from.as_deref(), to.as_deref());
        while let Some(row) = rows.next().await {
            let item = match row {
                Ok(mut body) => {
                    body.push('\n');
                    Ok(Bytes::from(body))
                }
                Err(e) => {
                    eprintln!("consentry-records: the export stopped: {e}");
                    // An error ends the body abruptly: the client sees an incomplete transfer.
                    Err(std::io::Error::other("the database did not answer"))
                }
            };
            let failed = item.is_err();
            if tx.send(item).await.is_err() || failed {
                break; // the client went away, or the export failed
            }
        }
    });
    let body = Body::from_stream(tokio_stream::wrappers::ReceiverStream::new(rx));
    (StatusCode::OK, [(header::CONTENT_TYPE, "application/jsonl"), (header::CACHE_CONTROL, "no-store")], body).into_response()
}

/// `DELETE /v1/records?before=`: delete the records whose timestamp is before `before`.
async fn delete_records(State(app): State<Arc<App>>, Query(query): Query<HashMap<String, String>>, headers: HeaderMap) -> Response {
    if let Some(r) = unauthorized(&app, &headers, "delete") {
        return r;
    }
    let before = match instant_param(&query, "before") {
        Ok(Some(b)) => b,
        Ok(None) => return error(StatusCode::BAD_REQUEST, "before: missing (an RFC 3339 date-time with a zone)"),
        Err(r) => return r,
    };
    match app.store.delete_before(&before).await {
        Ok(n) => json(StatusCode::OK, serde_json::json!({ "deleted": n })),
        Err(e) => {
            eprintln!("consentry-records: delete failed: {e}");
            error(StatusCode::SERVICE_UNAVAILABLE, "the database did not answer; nothing was deleted")
        }
    }
}

/// `GET /healthz`: 200 `{"ok":true}` after a round trip to the database, else 503.
async fn health(State(app): State<Arc<App>>) -> Response {
    match app.store.ping().await {
        Ok(()) => json(StatusCode::OK, serde_json::json!({ "ok": true })),
        Err(e) => {
            eprintln!("consentry-records: health check: the database did not answer: {e}");
            json(StatusCode::SERVICE_UNAVAILABLE, serde_json::json!({ "ok": false, "error": "the database did not answer" }))
        }
    }
}

async fn not_found() -> Response {
    error(StatusCode::NOT_FOUND, "not found")
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn token_comparison() {
        assert!(same(b"0123456789abcdef", b"0123456789abcdef"));
        assert!(!same(b"0123456789abcdef", b"0123456789abcdeF"));
        assert!(!same(b"0123456789abcdef", b"0123456789abcde"));
        assert!(!same(b"", b"x"));
    }
}
