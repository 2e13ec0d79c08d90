//! `fetch()` of a text resource (a portal's charter JSON), answered through a callback: the
//! first layer ships no async executor for its one request.

use cookie_charter_core::text::{append, display_by_pieces, Piece};
use wasm_bindgen::prelude::*;

/// Why a resource could not be fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// The request failed (network, CORS, blocked by CSP).
    Network(String),
    /// The server answered with an error status.
    Status(u16),
    /// The body is not text.
    Body,
}

impl Piece for FetchError {
    fn push_to(&self, out: &mut String) {
        match self {
            FetchError::Network(why) => append!(out, "the request failed (", why, ")"),
            FetchError::Status(code) => append!(out, "the server answered HTTP ", code),
            FetchError::Body => out.push_str("the response body is not text"),
        }
    }
}

display_by_pieces!(FetchError);

#[wasm_bindgen(inline_js = r#"
export function fetch_text(url, done) {
  // done(0, text) | done(1, why) for a failed request | done(2, status) | done(3) for a body
  // that is not text.
  fetch(url).then(
    (r) => (r.ok ? r.text().then((t) => done(0, t), () => done(3)) : done(2, r.status)),
    (e) => done(1, String((e && e.message) || e)),
  );
}
"#)]
extern "C" {
    fn fetch_text(url: &str, done: JsValue);
}

/// Fetches `url` (same-origin credentials, the browser's cache rules) and calls `done` with
/// its body as text, or why it could not be had.
pub fn text(url: &str, done: impl FnOnce(Result<String, FetchError>) + 'static) {
    let done = Closure::once_into_js(move |kind: u32, value: JsValue| {
        done(match kind {
            0 => value.as_string().ok_or(FetchError::Body),
            1 => Err(FetchError::Network(value.as_string().unwrap_or_default())),
            2 => Err(FetchError::Status(value.as_f64().unwrap_or_default() as u16)),
            _ => Err(FetchError::Body),
        })
    });
    fetch_text(url, done);
}
