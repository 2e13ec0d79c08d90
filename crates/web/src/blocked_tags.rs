//! Tags a portal blocks until consent: `<script type="text/plain" data-cookie-category="…">`
//! (with `src` or inline), any other element with `data-src` (`<iframe>`, `<img>`, `<video>`,
//! `<audio>`, `<embed>`: `data-src` becomes `src`) and `<template data-cookie-category="…">`
//! (its content is put in the page after it: any markup, which the browser leaves inert until
//! then), or the same with `data-cookie-service="…"` for one service of a category.

use wasm_bindgen::prelude::*;

use cookie_charter_core::text::text;

/// Set on a blocked tag once it has been activated, so that it never runs twice.
pub const ACTIVATED_MARKER: &str = "data-cookie-charter-activated";

#[wasm_bindgen(module = "/src/scripts.js")]
extern "C" {
    /// Activates the tags `selector` lists (see `scripts.js`); `failed` hears of each tag left
    /// blocked.
    #[wasm_bindgen(catch)]
    fn activate_tags(
        selector: &str,
        nonce: Option<String>,
        failed: &JsValue,
    ) -> Result<(), JsValue>;
}

/// Activates, in document order and once each, the blocked tags of the category or service
/// `id` (`attribute` is `data-cookie-category` or `data-cookie-service`): an external script
/// runs (or fails) before the tags after it are activated. Scripts get `nonce` (their own, else
/// the configured one). A tag left blocked (a URL that is not http(s), a script the page's
/// Trusted Types refuse, a template the page refuses) is a console error.
pub fn activate(attribute: &str, id: &str, nonce: Option<String>) {
    // `[data-cookie-category="audience"]`, and "not activated yet".
    let marked = text!("[", attribute, "=\"", id, "\"]");
    let waiting = text!(":not([", ACTIVATED_MARKER, "])");
    let selector = text!(
        "script[type=\"text/plain\"]",
        marked,
        waiting,
        ",",
        marked,
        "[data-src]:not(script)",
        waiting,
        ",template",
        marked,
        waiting
    );
    // Whatever the page's DOM throws midway leaves the tags after it blocked (each was marked
    // activated first, so none runs later), and must not stop the choice's other effects.
    let _ = activate_tags(&selector, nonce, &super::scripts::reporter());
}
