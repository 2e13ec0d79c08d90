//! The charter reader's wasm (`dist/cookie-charter-reader.js`): a portal's own charter
//! (`data-charter`, or the page's `data-cookie-charter-config` block) checked in full and turned
//! into what the first layer reads (`core::structure`).
//!
//! A crate of its own that only declares this JavaScript surface, so that the JSON reader and
//! its checks travel in a module fetched alongside a portal's own charter: a page on a built-in
//! charter never loads them. The reading is the core's ([`structure::from_json`]); a Rust
//! application calls that in its own wasm.

use cookie_charter_core::i18n::Lang;
use cookie_charter_core::structure;
use wasm_bindgen::prelude::*;

/// The charter `json` as the first layer reads it (a string), with its texts in the language
/// `lang` (a tag; French for one the component does not speak), or an array of the problems'
/// messages, for `js/entry.js`.
#[wasm_bindgen(js_name = readCharter)]
pub fn read_charter(json: &str, lang: &str) -> JsValue {
    let lang = Lang::from_tag(lang).unwrap_or_default();
    match structure::from_json(json, lang, cookie_charter_web::json::parse) {
        Ok(structure) => structure.into(),
        Err(problems) => {
            let list = js_sys::Array::new();
            for problem in &problems {
                list.push(&JsValue::from_str(problem));
            }
            list.into()
        }
    }
}
