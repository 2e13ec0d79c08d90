//! `fetch()` of a text resource (a portal's charter JSON), answered through a callback: no
//! async executor for one request. The fetching itself is `fetch_text.js`, which the script
//! tag's entry module calls as well.

use cookie_charter_core::text::{append, display_by_pieces, Piece};
use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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

#[wasm_bindgen(module = "/src/fetch_text.js")]
extern "C" {
    fn fetch_text(url: &str, done: JsValue);
}

/// Fetches `url` (same-origin credentials, the browser's cache rules) and calls `done` with
/// its body as text, or why it could not be had.
pub fn text(url: &str, done: impl FnOnce(Result<String, FetchError>) + 'static) {
    let done = super::callbacks::once(Box::new(move |answer: JsValue| done(answer_of(&answer))));
    fetch_text(url, done);
}

/// What `fetch_text.js` answered (the text, an error status, `null` or `[why]`), as a result:
/// the charter reader reads a fetch its entry module made the same way.
pub fn answer_of(answer: &JsValue) -> Result<String, FetchError> {
    if let Some(text) = answer.as_string() {
        Ok(text)
    } else if let Some(status) = answer.as_f64() {
        Err(FetchError::Status(status as u16))
    } else if let Some(why) = answer.dyn_ref::<Array>() {
        Err(FetchError::Network(
            why.get(0).as_string().unwrap_or_default(),
        ))
    } else {
        Err(FetchError::Body)
    }
}
