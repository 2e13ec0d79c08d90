//! The first layer's wasm (`dist/cookie-charter.js`), loaded by every page: the page runtime,
//! which has nothing of Yew (the size test holds this module to its figure), with the page
//! modules' small allocator.
//!
//! A bundle crate: it only declares the JavaScript surface `js/entry.js` calls (the start, from
//! the script tag or `mount(options)`, and the API it exposes as the module's functions and
//! `window.CookieCharter`); what each function does is the page runtime's
//! ([`cookie_charter_page::start`], [`cookie_charter_page::api`]).

use cookie_charter_page::{api, start};
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// Starts from the `<script>` tag's `data-*` attributes, or without one from `mount(options)`'s
/// options ([`start::mount`]).
#[wasm_bindgen]
pub fn mount(
    script: Option<Element>,
    options: JsValue,
    tables: Function,
    texts: Function,
    charter: Function,
    refused: Function,
) -> Promise {
    start::mount(script, options, tables, texts, charter, refused)
}

/// `getConsent()`: the choice as it is applied, or `null` ([`api::get_consent`]).
#[wasm_bindgen(js_name = getConsent)]
pub fn get_consent() -> JsValue {
    api::get_consent()
}

/// `getReceipt()`: the current choice's consent receipt, or `null` ([`api::get_receipt`]).
#[wasm_bindgen(js_name = getReceipt)]
pub fn get_receipt() -> JsValue {
    api::get_receipt()
}

/// `showPreferences()`: opens the preferences panel ([`api::show_preferences`]).
#[wasm_bindgen(js_name = showPreferences)]
pub fn show_preferences() {
    api::show_preferences()
}

/// `acceptAll()`: as "Tout accepter" ([`api::accept_all`]).
#[wasm_bindgen(js_name = acceptAll)]
pub fn accept_all() -> JsValue {
    api::accept_all()
}

/// `refuseAll()`: as "Tout refuser" ([`api::refuse_all`]).
#[wasm_bindgen(js_name = refuseAll)]
pub fn refuse_all() -> JsValue {
    api::refuse_all()
}

/// `reset()`: forgets the choice and shows the banner again ([`api::reset`]).
#[wasm_bindgen(js_name = reset)]
pub fn reset() {
    api::reset()
}
