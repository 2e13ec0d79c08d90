//! The charter reader's wasm (`dist/cookie-charter-reader.js`): a portal's own charter
//! (`data-charter`, or the page's `data-cookie-charter-config` block) checked in full, explained
//! in the console when it cannot be used, and turned into what the first layer reads
//! (`core::structure`).
//!
//! A crate of its own that only declares this JavaScript surface, so that the JSON reader, its
//! checks and their sentences travel in a module fetched alongside a portal's own charter: a
//! page on a built-in charter never loads them. The reading is the web layer's
//! ([`charter_source::read_own`]); a Rust application calls that in its own wasm.

use cookie_charter_core::i18n::Lang;
use cookie_charter_web::charter_source;
use cookie_charter_web::fetch;
use wasm_bindgen::prelude::*;

/// The charter of `data-charter` at `url` (or, with no URL, the inline block), from `answer`:
/// what `fetch_text.js` answered when fetching it (the inline block's text itself), with its
/// texts in the language `lang` (a tag; French for one the component does not speak). Gives
/// `[structure, json]`, or `null` when it cannot be used (why is written in the console), for
/// `js/entry.js`.
#[wasm_bindgen(js_name = readCharter)]
pub fn read_charter(url: Option<String>, answer: JsValue, lang: &str) -> JsValue {
    let lang = Lang::from_tag(lang).unwrap_or_default();
    match charter_source::read_own(url.as_deref(), fetch::answer_of(&answer), lang) {
        Some(read) => js_sys::Array::of2(&read.structure.into(), &read.json.into()).into(),
        None => JsValue::NULL,
    }
}
