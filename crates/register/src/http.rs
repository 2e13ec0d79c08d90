//! The register's HTTP interface: handlers are thin, reading the [`App`] and answering.
//!
//! - `POST /v1/portals/{portal}/receipts`: a banner's receipt (`text/plain` from `sendBeacon`,
//!   or `application/json`); 204 once kept, 4xx with a reason otherwise, 429 with
//!   `Retry-After` over a limit. `OPTIONS` answers `fetch`'s preflight.
//! - `POST /v1/portals/{portal}/impressions`: a banner shown (`{"revision","lang"}`, no id),
//!   counted by day; 204.
//! - `POST /v1/portals/{portal}/choice`: the choice cookie's value, answered with `Set-Cookie`
//!   for it (`data-server-cookie`); 204.
//! - `GET /v1/receipts/{id}`: one receipt with its proof (admin).
//! - `GET /dashboard?portal=&from=&to=`: the DPO's dashboard, an HTML page (admin: HTTP Basic,
//!   the token as password, which a browser asks for without JavaScript).
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
use crate::dashboard;
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
        .route(
            "/v1/portals/{portal}/impressions",
            post(impression)
                .options(preflight)
                .layer(DefaultBodyLimit::max(limit)),
        )
        .route(
            "/v1/portals/{portal}/choice",
            post(choice)
                .options(preflight)
                .layer(DefaultBodyLimit::max(limit)),
        )
        .route("/dashboard", get(dashboard))
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
    let (portal, origin) = match admit(&app, &portal, peer, &headers) {
        Ok(admitted) => admitted,
        Err(response) => return response,
    };
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

/// The portal and origin of a request to one of a portal's write endpoints, its client admitted
/// by the rate limit, its body of an accepted type; or the answer refusing it.
fn admit<'a>(
    app: &'a App,
    portal: &str,
    peer: SocketAddr,
    headers: &'a HeaderMap,
) -> Result<(&'a Portal, &'a str), Response> {
    let Some(portal) = app.config.portal(portal) else {
        return Err(text(StatusCode::NOT_FOUND, "no such portal"));
    };
    let Some(origin) = allowed_origin(portal, headers) else {
        return Err(text(
            StatusCode::FORBIDDEN,
            "origin not allowed for this portal",
        ));
    };
    // The client's address keys the rate limit, in memory; it goes nowhere else.
    let client = client_of(peer.ip(), headers, &app.config.trusted_proxies);
    if let Err(wait) = app.limiter.admit(client, app.clock.now()) {
        let mut response = text(
            StatusCode::TOO_MANY_REQUESTS,
            "too many requests from this client: try again later",
        );
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(wait));
        return Err(with_cors(response, origin));
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
        return Err(with_cors(
            text(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "sent as text/plain or application/json",
            ),
            origin,
        ));
    }
    Ok((portal, origin))
}

async fn impression(
    State(app): State<Arc<App>>,
    Path(portal): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (portal, origin) = match admit(&app, &portal, peer, &headers) {
        Ok(admitted) => admitted,
        Err(response) => return response,
    };
    let (revision, lang) = match intake::check_impression(&body, portal) {
        Ok(shown) => shown,
        Err(refusal) => return with_cors(text(refusal.status, refusal.reason), origin),
    };
    let day = crate::clock::rfc3339(app.clock.now())[..10].to_owned();
    let response = match app
        .store
        .count_impression(&portal.id, &revision, &lang, &day)
        .await
    {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => {
            tracing::error!("impression not counted: {e}");
            text(StatusCode::SERVICE_UNAVAILABLE, "not counted")
        }
    };
    with_cors(response, origin)
}

async fn choice(
    State(app): State<Arc<App>>,
    Path(portal): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (portal, origin) = match admit(&app, &portal, peer, &headers) {
        Ok(admitted) => admitted,
        Err(response) => return response,
    };
    let value = String::from_utf8_lossy(&body);
    let secure = origin.starts_with("https://");
    let response = match app.choice_cookie(portal, value.trim(), secure) {
        Ok(cookie) => match HeaderValue::from_str(&cookie) {
            Ok(cookie) => {
                let mut response = StatusCode::NO_CONTENT.into_response();
                response.headers_mut().insert(header::SET_COOKIE, cookie);
                response
            }
            Err(_) => text(StatusCode::UNPROCESSABLE_ENTITY, "not a cookie value"),
        },
        Err(reason) => text(StatusCode::UNPROCESSABLE_ENTITY, reason),
    };
    with_cors(response, origin)
}

/// Whether the request carries the admin token (compared by its SHA-256, in constant time):
/// `Authorization: Bearer <token>`, or HTTP Basic with the token as password (a browser's own
/// prompt, for the dashboard).
fn is_admin(app: &App, headers: &HeaderMap) -> bool {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let basic = authorization
        .strip_prefix("Basic ")
        .and_then(|b| base64_decode(b.trim()))
        .and_then(|pair| {
            pair.split_once(':')
                .map(|(_, password)| password.to_owned())
        });
    let token = match basic {
        Some(password) => password,
        None => authorization
            .strip_prefix("Bearer ")
            .unwrap_or("")
            .to_owned(),
    };
    let hash: [u8; 32] = Sha256::digest(token.as_bytes()).into();
    !token.is_empty() && bool::from(hash.ct_eq(&app.config.admin_token_sha256))
}

/// The admin token is missing or wrong: a browser asks for it itself (HTTP Basic, any user name,
/// the token as password); scripts send it as a bearer token.
fn unauthorized() -> Response {
    let mut response = text(
        StatusCode::UNAUTHORIZED,
        "the admin token is needed (Authorization: Bearer …, or Basic with it as password)",
    );
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Basic realm=\"cookie-charter register\", charset=\"UTF-8\""),
    );
    response
}

/// A Basic credential's `user:password`, if it decodes to UTF-8.
fn base64_decode(encoded: &str) -> Option<String> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .ok()?;
    String::from_utf8(bytes).ok()
}

/// A dashboard's query: the portal (the first configured if none) and period (the last 30 days
/// if none).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DashboardQuery {
    portal: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

async fn dashboard(
    State(app): State<Arc<App>>,
    Query(q): Query<DashboardQuery>,
    headers: HeaderMap,
) -> Response {
    if !is_admin(&app, &headers) {
        return unauthorized();
    }
    let portals = &app.config.portals;
    let portal = match q.portal.as_deref().filter(|p| !p.is_empty()) {
        Some(id) => match app.config.portal(id) {
            Some(p) => p,
            None => return text(StatusCode::NOT_FOUND, "no such portal"),
        },
        None => match portals.first() {
            Some(p) => p,
            None => return text(StatusCode::NOT_FOUND, "no portal configured"),
        },
    };
    let default = dashboard::Period::last_30_days(app.clock.now());
    let day = |name: &str, value: Option<&str>, fallback: &str| -> Result<String, String> {
        match value.filter(|v| !v.is_empty()) {
            None => Ok(fallback.to_owned()),
            Some(v) if parse_day(v).is_some() => Ok(v.to_owned()),
            Some(_) => Err(format!("{name}: expected YYYY-MM-DD")),
        }
    };
    let period = match (
        day("from", q.from.as_deref(), &default.from),
        day("to", q.to.as_deref(), &default.to),
    ) {
        (Ok(from), Ok(to)) if from <= to => dashboard::Period { from, to },
        (Ok(_), Ok(_)) => return text(StatusCode::BAD_REQUEST, "from: after to"),
        (Err(e), _) | (_, Err(e)) => return text(StatusCode::BAD_REQUEST, e),
    };
    match dashboard::summary(&*app.store, portal, &period).await {
        Ok(summary) => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            dashboard::page(portals, portal, &period, &summary),
        )
            .into_response(),
        Err(e) => {
            tracing::error!("dashboard: {e}");
            text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the dashboard could not be read",
            )
        }
    }
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
