//! Adding the audience-measurement script to the page, once, and only with an http(s) URL.

use std::fmt;

use crate::core::quote::quoted;
use web_sys::Url;

use super::{console, events};

/// Marks the script element this crate added.
pub const LOADED_MARKER: &str = "data-cookie-charter-audience";

/// Why the audience script was not added.
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
}

impl fmt::Display for ScriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScriptError::NoDocument => f.write_str("no document to add the audience script to"),
            ScriptError::Unresolvable(u) => write!(
                f,
                "audience script URL {u} is not a valid URL",
                u = quoted(u)
            ),
            ScriptError::Scheme(p) => write!(
                f,
                "audience script URL resolves to {p}, not http(s)",
                p = quoted(p)
            ),
            ScriptError::Dom => f.write_str("the page refused the audience script element"),
        }
    }
}

/// Resolves `src` against the page's base URL, keeping it only if it is http(s).
pub fn resolve_http_url(src: &str) -> Result<String, ScriptError> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(ScriptError::NoDocument)?;
    let base = document.base_uri().ok().flatten().unwrap_or_default();
    let url =
        Url::new_with_base(src, &base).map_err(|_| ScriptError::Unresolvable(src.to_owned()))?;
    match url.protocol().as_str() {
        "http:" | "https:" => Ok(url.href()),
        other => Err(ScriptError::Scheme(other.to_owned())),
    }
}

/// Appends `<script async src=…>` (with `nonce` if given) to `<head>` unless this page already
/// got it (a script marked [`LOADED_MARKER`] is in the document: the mark is on the page, not in
/// this wasm instance, so the first layer and the Yew component never add it twice). It is tried once: if it fails to load, a console error and a `cookie-charter:error`
/// event say so, and it is not retried. Returns whether a script was added by this call.
pub fn load_audience_once(src: &str, nonce: Option<&str>) -> Result<bool, ScriptError> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(ScriptError::NoDocument)?;
    let marked = format!("script[{LOADED_MARKER}]");
    if document.query_selector(&marked).ok().flatten().is_some() {
        return Ok(false);
    }
    let href = resolve_http_url(src)?;
    let script = document
        .create_element("script")
        .map_err(|_| ScriptError::Dom)?;
    script
        .set_attribute("src", &href)
        .map_err(|_| ScriptError::Dom)?;
    script
        .set_attribute("async", "")
        .map_err(|_| ScriptError::Dom)?;
    script
        .set_attribute(LOADED_MARKER, "")
        .map_err(|_| ScriptError::Dom)?;
    if let Some(nonce) = nonce {
        script
            .set_attribute("nonce", nonce)
            .map_err(|_| ScriptError::Dom)?;
    }
    let failed_src = href.clone();
    gloo_events::EventListener::once(&script, "error", move |_| {
        console::error(&format!(
            "the audience script {failed_src} failed to load; it is not retried",
            failed_src = quoted(&failed_src)
        ));
        events::dispatch_error("audience-script", &failed_src);
    })
    .forget();
    let parent = document
        .head()
        .map(Into::into)
        .or_else(|| document.document_element());
    parent
        .ok_or(ScriptError::Dom)?
        .append_child(&script)
        .map_err(|_| ScriptError::Dom)?;
    Ok(true)
}
