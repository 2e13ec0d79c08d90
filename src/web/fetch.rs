//! `fetch()` of a text resource (a portal's charter JSON).

use std::fmt;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// Why a resource could not be fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// Not in a browser window.
    NoWindow,
    /// The request failed (network, CORS, blocked by CSP).
    Network(String),
    /// The server answered with an error status.
    Status(u16),
    /// The body is not text.
    Body,
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::NoWindow => f.write_str("no window to fetch from"),
            FetchError::Network(why) => write!(f, "the request failed ({why})"),
            FetchError::Status(code) => write!(f, "the server answered HTTP {code}"),
            FetchError::Body => f.write_str("the response body is not text"),
        }
    }
}

/// The body of `url` as text (same-origin credentials, the browser's cache rules).
pub async fn text(url: &str) -> Result<String, FetchError> {
    let window = web_sys::window().ok_or(FetchError::NoWindow)?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| {
            FetchError::Network(e.as_string().unwrap_or_else(|| "network error".into()))
        })?;
    let response: Response = response.dyn_into().map_err(|_| FetchError::Body)?;
    if !response.ok() {
        return Err(FetchError::Status(response.status()));
    }
    let body = response.text().map_err(|_| FetchError::Body)?;
    JsFuture::from(body)
        .await
        .ok()
        .and_then(|v| v.as_string())
        .ok_or(FetchError::Body)
}
