//! The charter reader: a portal's own charter (`data-charter`, or the page's
//! `data-cookie-charter-config` block) checked in full and turned into what the first layer
//! reads (`core::structure`). For the script tag it is a module of its own
//! (`cookie-charter-reader.js`, built with the `js-charter-reader` feature), fetched only by a
//! page that gives its own charter, alongside that charter: a page on a built-in charter never
//! loads the JSON reader or its checks. A Rust application calls [`read`] in its own wasm.

use wasm_bindgen::prelude::*;

use crate::core::charter_json;
use crate::core::i18n::Lang;
use crate::core::json::Parser;
use crate::core::structure;
use crate::core::text::text;

/// The charter `json` as the first layer reads it, with its texts in `lang`; or each problem
/// found, with its path (`categories[2].id: …`).
pub fn read(json: &str, lang: Lang, parse: Parser) -> Result<String, Vec<String>> {
    match charter_json::parse(json, parse) {
        Ok(charter) => Ok(structure::write(&charter, lang)),
        Err(problems) => {
            let mut messages = Vec::with_capacity(problems.len());
            for problem in &problems {
                messages.push(text!(problem));
            }
            Err(messages)
        }
    }
}

/// [`read`] for `js/entry.js`: the structure (a string), or an array of the problems' messages.
/// `lang` is a language tag (French for one the component does not speak).
#[cfg_attr(feature = "js-charter-reader", wasm_bindgen(js_name = readCharter))]
pub fn read_charter(json: &str, lang: &str) -> JsValue {
    let lang = Lang::from_tag(lang).unwrap_or_default();
    match read(json, lang, crate::web::json::parse) {
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
