//! Adding a consented script to the page (the audience script, a service's own script), once,
//! and only with an http(s) URL.

use std::cell::OnceCell;

use wasm_bindgen::prelude::*;

use cookie_charter_core::quote::quoted;
use cookie_charter_core::text::{append, display_by_pieces, text, Piece};

use super::{console, events};

/// Marks the audience script this crate added.
pub const LOADED_MARKER: &str = "data-cookie-charter-audience";
/// Marks a service's script this crate added; its value is the service's id.
pub const SERVICE_MARKER: &str = "data-cookie-charter-service";

/// Why a script was not added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScriptError {
    /// No `window` or `document` (not in a browser page).
    NoDocument,
    /// The URL does not resolve against the page's base URL.
    Unresolvable(String),
    /// It resolves to a scheme other than http(s).
    Scheme(String),
    /// The DOM refused the element.
    Dom,
    /// The page requires Trusted Types and does not allow the `cookie-charter` policy.
    TrustedTypes,
}

impl Piece for ScriptError {
    fn push_to(&self, out: &mut String) {
        match self {
            ScriptError::NoDocument => out.push_str("no document to add the script to"),
            ScriptError::Unresolvable(u) => {
                append!(out, "the URL ", quoted(u), " is not a valid URL")
            }
            ScriptError::Scheme(p) => {
                append!(out, "the URL resolves to ", quoted(p), ", not http(s)")
            }
            ScriptError::Dom => out.push_str("the page refused the script element"),
            ScriptError::TrustedTypes => out.push_str(
                "the page requires Trusted Types but its Content-Security-Policy does not allow \
                 the policy \"cookie-charter\" (add it to trusted-types): no script is loaded",
            ),
        }
    }
}

display_by_pieces!(ScriptError);

impl ScriptError {
    /// The failure `scripts.js` reports as `[code, detail]`: 1 no URL, 2 another scheme, else
    /// the Trusted Types policy refused.
    pub(crate) fn from_js(failure: &JsValue) -> ScriptError {
        let code = js_sys::Reflect::get_u32(failure, 0)
            .ok()
            .and_then(|c| c.as_f64());
        let detail = || {
            js_sys::Reflect::get_u32(failure, 1)
                .ok()
                .and_then(|d| d.as_string())
                .unwrap_or_default()
        };
        match code {
            Some(1.0) => ScriptError::Unresolvable(detail()),
            Some(2.0) => ScriptError::Scheme(detail()),
            _ => ScriptError::TrustedTypes,
        }
    }
}

#[wasm_bindgen(module = "/src/scripts.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn http_url(src: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    fn add_script(
        src: &str,
        marker: &str,
        value: &str,
        nonce: Option<&str>,
        failed: &JsValue,
    ) -> Result<JsValue, JsValue>;
}

/// Resolves `src` against the page's base URL, keeping it only if it is http(s). The rule is
/// the one the Trusted Types policy and the blocked tags' activation apply (`scripts.js`).
pub fn resolve_http_url(src: &str) -> Result<String, ScriptError> {
    let resolved = http_url(src).map_err(|_| ScriptError::NoDocument)?;
    match resolved.as_string() {
        Some(href) => Ok(href),
        None => Err(ScriptError::from_js(&resolved)),
    }
}

/// What a script added by [`load_once`] is for: it marks the element, so that a page gets it
/// once (the mark is on the page, not in this wasm instance, so the first layer and the Yew
/// component never add it twice), and names it in a load failure.
#[derive(Clone, Copy, Debug)]
pub enum Loaded<'a> {
    /// `data-audience-src`.
    Audience,
    /// The `script` of the service with this id.
    Service(&'a str),
}

/// Appends `<script async src=…>` (with `nonce` if given) to `<head>` unless this page already
/// got the script for `what`. It is tried once: if it fails to load, a console error and a
/// `cookie-charter:error` event (`audience-script` or `service-script`) say so, and it is not
/// retried.
pub fn load_once(src: &str, nonce: Option<&str>, what: Loaded) -> Result<(), ScriptError> {
    let (attribute, value) = match what {
        Loaded::Audience => (LOADED_MARKER, ""),
        Loaded::Service(id) => (SERVICE_MARKER, id),
    };
    let outcome =
        add_script(src, attribute, value, nonce, &reporter()).map_err(|_| ScriptError::Dom)?;
    if outcome.is_object() {
        return Err(ScriptError::from_js(&outcome));
    }
    Ok(())
}

thread_local! {
    /// What `scripts.js` calls for each failure it meets later, made once a page: blocked tags
    /// go on being activated, and added scripts go on loading, after the call that began it.
    static REPORTER: OnceCell<JsValue> = const { OnceCell::new() };
}

/// The page's one reporter of what `scripts.js` could not do, as `[code, detail, what]`:
/// `what` 0 a blocked template, 1 a blocked script, 2 another blocked element (`code` and
/// `detail` as [`ScriptError::from_js`] reads them), 3 the audience script or 4 a service's
/// script that failed to load (`detail` its URL). Each becomes a console error; a script that
/// failed to load, a `cookie-charter:error` event too.
pub(crate) fn reporter() -> JsValue {
    REPORTER.with(|reporter| {
        reporter
            .get_or_init(|| {
                let report: Box<dyn Fn(JsValue)> = Box::new(|failure| {
                    let item = |at| js_sys::Reflect::get_u32(&failure, at).unwrap_or_default();
                    let why = || ScriptError::from_js(&failure);
                    let detail = item(1).as_string().unwrap_or_default();
                    let (message, kind) = match item(2).as_f64() {
                        Some(1.0) => (text!("blocked script not activated: ", why()), None),
                        Some(2.0) => (text!("blocked element not activated: ", why()), None),
                        Some(3.0) => (failed_to_load(&detail), Some("audience-script")),
                        Some(4.0) => (failed_to_load(&detail), Some("service-script")),
                        _ => (
                            text!("a blocked template could not be put in the page"),
                            None,
                        ),
                    };
                    console::error(&message);
                    if let Some(kind) = kind {
                        events::dispatch_error(kind, &detail);
                    }
                });
                super::callbacks::callback(report).into_js_value()
            })
            .clone()
    })
}

fn failed_to_load(src: &str) -> String {
    text!(
        "the script ",
        quoted(src),
        " failed to load; it is not retried"
    )
}
