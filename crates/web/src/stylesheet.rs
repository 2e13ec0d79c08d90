//! Styles given as text, applied without a request and within a strict `style-src 'self'`: a
//! constructed stylesheet adopted by the document (what `js/carried.js` does for the script
//! tag's modules, here for a Rust application).

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::console;
use cookie_charter_core::text::text;

/// Adopts `css` as a constructed stylesheet of the document. Where constructed stylesheets are
/// missing (Safari before 16.4) it warns: the page then links the stylesheet files itself.
pub fn adopt(css: &str) {
    if let Err(e) = try_adopt(css) {
        // What was thrown: an Error's message, a string as it is; nothing else is read (the
        // value may be null, which has no message).
        let why = match e.dyn_ref::<js_sys::Error>() {
            Some(error) => error.message().as_string(),
            None => e.as_string(),
        }
        .unwrap_or_default();
        console::warn(&text!(
            "the styles could not be applied (",
            why,
            "); link cookie-charter.css and cookie-charter-ui.css"
        ));
    }
}

fn try_adopt(css: &str) -> Result<(), JsValue> {
    let document = crate::window::window()
        .and_then(|w| w.document())
        .ok_or(JsValue::NULL)?;
    let sheet = web_sys::CssStyleSheet::new()?;
    sheet.replace_sync(css)?;
    let adopted: Array = Reflect::get(&document, &"adoptedStyleSheets".into())?.dyn_into()?;
    let sheets = Array::from(&adopted);
    sheets.push(&sheet);
    Reflect::set(&document, &"adoptedStyleSheets".into(), &sheets)?;
    Ok(())
}
