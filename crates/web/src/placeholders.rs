//! Placeholders for blocked embeds: in place of an element with `data-cookie-service="…"` and
//! `data-src` (an `<iframe>`, `<img>`, `<video>`…), or of a `<template data-cookie-service="…">`,
//! whose service is not accepted, a box of its size says what it is, who provides it and why
//! it is blocked, with a button that accepts that service alone (and so loads it at once) and
//! a link to the preferences. Nothing is requested from the third party before consent: the
//! box is the page's own markup. Its size is set through the CSSOM, which a strict
//! `style-src 'self'` allows (no inline style attribute).

use js_sys::Array;
use wasm_bindgen::prelude::*;

use cookie_charter_core::charter::Charter;
use cookie_charter_core::i18n::BannerTexts;
use cookie_charter_core::text::text;

#[wasm_bindgen(module = "/src/placeholders.js")]
extern "C" {
    /// Draws the placeholders (see `placeholders.js`).
    #[wasm_bindgen(catch)]
    fn show_placeholders(
        services: &Array,
        allow: &str,
        manage: &str,
        lang: &str,
    ) -> Result<(), JsValue>;
    /// Calls `on("allow <service>")` at each real press of a placeholder's button made
    /// there; returns what stops it (see `placeholders.js`).
    pub(crate) fn listen_allow(on: &super::callbacks::Callback) -> js_sys::Function;
}

/// Shows a placeholder after each blocked element of a service of `charter` that `allowed`
/// does not contain and that has none yet (but those the page keeps out of sight), and hides
/// the empty element. What each says is decided here; `placeholders.js` draws them.
pub fn show(charter: &Charter, texts: &BannerTexts, allowed: &[String]) {
    // `[id, title, text]` for each service not allowed.
    let services = Array::new();
    for category in &charter.categories {
        for service in &category.services {
            if allowed.contains(&service.id) {
                continue;
            }
            let name = service.name.get(texts.lang);
            let provider = if service.provider.is_empty() {
                name
            } else {
                &service.provider
            };
            let row = Array::new();
            row.push(&JsValue::from_str(&service.id));
            row.push(&JsValue::from_str(&fill(texts.placeholder_title(), name)));
            row.push(&JsValue::from_str(&fill(
                texts.placeholder_text(),
                provider,
            )));
            services.push(&row);
        }
    }
    if services.length() > 0 {
        // A DOM that throws midway leaves the embeds after it without a placeholder: still
        // blocked, and nothing else of the page's consent stops for it.
        let _ = show_placeholders(
            &services,
            texts.placeholder_allow(),
            texts.manage_cookies(),
            texts.lang.tag(),
        );
    }
}

/// `template` with its one `{…}` slot replaced by `value` (a char search: no substring
/// searcher in the first layer for this).
#[allow(clippy::disallowed_methods)] // ASCII char patterns only: memchr, no substring searcher
fn fill(template: &str, value: &str) -> String {
    match (template.find('{'), template.find('}')) {
        (Some(open), Some(close)) if open < close => {
            text!(&template[..open], value, &template[close + 1..])
        }
        _ => template.to_owned(),
    }
}
