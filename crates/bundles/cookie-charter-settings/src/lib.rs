//! The settings explainer's wasm (`dist/cookie-charter-settings.js`): why each setting the first
//! layer refused is refused, in the console.
//!
//! The first layer decides what is refused (a refused setting is never applied) and carries no
//! sentence for it: it only says that something was. This crate, which only declares this
//! JavaScript surface, carries the sentences of every configuration mistake, so that they weigh
//! on the pages that make one and on no other. The checks are the core's
//! ([`config::validate`]), run again on the settings read again from where the first layer read
//! them; a Rust application's component reports them itself.

use cookie_charter_core::config;
use cookie_charter_core::text::text;
use cookie_charter_web::{attributes, console, options};
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// Writes in the console why each setting of the page is refused: the `<script>` tag's
/// attributes when there is a tag, else `mount()`'s `options`, for `js/entry.js`.
#[wasm_bindgen(js_name = describeSettings)]
pub fn describe_settings(tag: Option<Element>, options: JsValue) {
    let raw = match &tag {
        Some(tag) => attributes::read_raw_config(Some(tag)),
        None => {
            for misnamed in options::misnamed(&options) {
                console::error(&text!(misnamed));
            }
            options::read_raw_config(&options)
        }
    };
    for error in config::validate(&raw).1 {
        console::error(&text!(error));
    }
}
