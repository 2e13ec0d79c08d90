//! The Yew UI's wasm (`dist/cookie-charter-ui.js`), loaded by a page with a charter table: the
//! `cookie-charter` crate's Yew UI, Yew's tracing compiled out.
//!
//! A bundle crate: it only declares the JavaScript surface `js/ui.js` hands to the first layer;
//! the drawing is the banner's ([`cookie_charter::yew_ui`]).

use wasm_bindgen::prelude::*;

/// `renderTables(snapshot)`: draws the charter page into every `[data-cookie-charter-table]`
/// element ([`cookie_charter::yew_ui::render_tables`]).
#[wasm_bindgen(js_name = renderTables)]
pub fn render_tables(snapshot: JsValue) {
    cookie_charter::yew_ui::render_tables(snapshot)
}
