//! The register's HTTP interface: handlers are thin, reading the [`App`] and answering.
//!
//! - `POST /v1/portals/{portal}/receipts`: a banner's receipt (`text/plain` from `sendBeacon`,
//!   or `application/json`); 204 once kept, 4xx with a reason otherwise, 429 with
//!   `Retry-After` over a limit. `OPTIONS` answers `fetch`'s preflight.
//! - `GET /v1/receipts/{id}`: one receipt with its proof (admin).
//! - `GET /v1/export?format=csv|ndjson&portal=&revision=&from=YYYY-MM-DD&to=YYYY-MM-DD`: a
//!   streamed export (admin).
//! - `GET /healthz`.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures::StreamExt;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::app::App;
use crate::clock::parse_day;
use crate::config::Portal;
use crate::export::Format;
use crate::intake;
use crate::ratelimit::client_of;
use crate::store::{Arrival, Filter, Outcome};

/// The register's routes over `app`.
pub fn router(app: Arc<App>) -> Router {
    let limit = app.config.limits.max_body_bytes;
    Router::new()
        .route(
            "/v1/portals/{portal}/receipts",
            post(intake_receipt)
                .options(preflight)
                .layer(DefaultBodyLimit::max(limit)),
        )
        .route("/v1/receipts/{id}", get(lookup))
        .route("/v1/export", get(export))
        .route("/healthz", get(|| async { "ok" }))
        .with_state(app)
}

fn text(status: StatusCode, reason: impl Into<String>) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        reason.into(),
    )
        .into_response()
}

/// The request's `Origin` if it is one of `portal`'s.
fn allowed_origin<'a>(portal: &Portal, headers: &'a HeaderMap) -> Option<&'a str> {
    let origin = headers.get(header::ORIGIN)?.to_str().ok()?;
    portal.origins.iter().any(|o| o == origin).then_some(origin)
}

/// CORS headers for an allowed origin: the banner's `fetch` may read the answer (and, with
/// credentials, receive a cookie).
fn with_cors(mut response: Response, origin: &str) -> Response {
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(origin) {
        headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, value);
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
            HeaderValue::from_static("true"),
        );
        headers.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    response
}

async fn preflight(
    State(app): State<Arc<App>>,
    Path(portal): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(portal) = app.config.portal(&portal) else {
        return text(StatusCode::NOT_FOUND, "no such portal");
    };
    let Some(origin) = allowed_origin(portal, &headers) else {
        return text(StatusCode::FORBIDDEN, "origin not allowed for this portal");
    };
    let mut response = StatusCode::NO_CONTENT.into_response();
    let h = response.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_METHODS,
        HeaderValue::from_static("POST"),
    );
    h.insert(
        header::ACCESS_CONTROL_ALLOW_HEADERS,
        HeaderValue::from_static("Content-Type"),
    );
    h.insert(
        header::ACCESS_CONTROL_MAX_AGE,
        HeaderValue::from_static("86400"),
    );
    with_cors(response, origin)
}

async fn intake_receipt(
    State(app): State<Arc<App>>,
    Path(portal): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(portal) = app.config.portal(&portal) else {
        return text(StatusCode::NOT_FOUND, "no such portal");
    };
    let Some(origin) = allowed_origin(portal, &headers) else {
        return text(StatusCode::FORBIDDEN, "origin not allowed for this portal");
    };
    // The client's address keys the rate limit, in memory; it goes nowhere else.
    let client = client_of(peer.ip(), &headers, &app.config.trusted_proxies);
    if let Err(wait) = app.limiter.admit(client, app.clock.now()) {
        let mut response = text(
            StatusCode::TOO_MANY_REQUESTS,
            "too many receipts from this client: try again later",
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return with_cors(response, origin);
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence != "text/plain" && essence != "application/json" {
        return with_cors(
            text(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "a receipt is sent as text/plain or application/json",
            ),
            origin,
        );
    }
    let checked = match intake::check(&body, portal) {
        Ok(checked) => checked,
        Err(refusal) => return with_cors(text(refusal.status, refusal.reason), origin),
    };
    let arrival = Arrival {
        checked,
        received_at: app.clock.now(),
    };
    let response = match app.writer.submit(arrival).await {
        Ok(Outcome::Stored | Outcome::AlreadyKept) => StatusCode::NO_CONTENT.into_response(),
        Ok(Outcome::Conflict) => text(
            StatusCode::CONFLICT,
            "this receipt id was already kept with another body",
        ),
        Err(e) => {
            tracing::error!("receipt not kept: {e}");
            text(
                StatusCode::SERVICE_UNAVAILABLE,
                "the receipt could not be kept: send it again",
            )
        }
    };
    with_cors(response, origin)
}

/// Whether the request carries the admin token (compared by its SHA-256, in constant time).
fn is_admin(app: &App, headers: &HeaderMap) -> bool {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    let hash: [u8; 32] = Sha256::digest(token.as_bytes()).into();
    !token.is_empty() && bool::from(hash.ct_eq(&app.config.admin_token_sha256))
}

fn unauthorized() -> Response {
    let mut response = text(
        StatusCode::UNAUTHORIZED,
        "the admin token is needed (Authorization: Bearer …)",
    );
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

async fn lookup(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !is_admin(&app, &headers) {
        return unauthorized();
    }
    match app.proven(&id.to_ascii_lowercase()).await {
        Ok(Some(proven)) => Json(proven).into_response(),
        Ok(None) => text(StatusCode::NOT_FOUND, "no receipt of that id"),
        Err(e) => {
            tracing::error!("lookup: {e}");
            text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the receipt could not be read",
            )
        }
    }
}

/// An export's query.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportQuery {
    format: Option<String>,
    portal: Option<String>,
    revision: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

/// The filter a query asks for, or what is wrong with it.
fn filter_of(q: &ExportQuery) -> Result<Filter, String> {
    let day = |name: &str, value: &Option<String>| -> Result<Option<i64>, String> {
        value
            .as_deref()
            .map(|d| parse_day(d).ok_or(format!("{name}: expected YYYY-MM-DD")))
            .transpose()
    };
    Ok(Filter {
        portal: q.portal.clone(),
        revision: q.revision.clone(),
        from: day("from", &q.from)?,
        to: day("to", &q.to)?.map(|t| t + 86_400),
    })
}

async fn export(
    State(app): State<Arc<App>>,
    Query(q): Query<ExportQuery>,
    headers: HeaderMap,
) -> Response {
    if !is_admin(&app, &headers) {
        return unauthorized();
    }
    let Some(format) = Format::from_name(q.format.as_deref().unwrap_or("csv")) else {
        return text(StatusCode::BAD_REQUEST, "format: csv or ndjson");
    };
    let filter = match filter_of(&q) {
        Ok(f) => f,
        Err(e) => return text(StatusCode::BAD_REQUEST, e),
    };
    // Read by a task of its own and handed over through a short queue: the export streams,
    // whatever its size.
    let (chunks, received) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(64);
    let store = app.store.clone();
    tokio::spawn(async move {
        let _ = chunks.send(Ok(Bytes::from(format.header()))).await;
        let mut rows = store.export(filter);
        while let Some(row) = rows.next().await {
            let chunk = row
                .map(|(record, leaf)| Bytes::from(format.line(&record, &leaf)))
                .map_err(std::io::Error::other);
            if chunks.send(chunk).await.is_err() {
                break;
            }
        }
    });
    let body = Body::from_stream(futures::stream::unfold(received, |mut r| async move {
        r.recv().await.map(|chunk| (chunk, r))
    }));
    ([(header::CONTENT_TYPE, format.content_type())], body).into_response()
}
