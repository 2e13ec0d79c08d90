//! The browser's JSON parser for the core's readers ([`cookie_charter_core::json::Parser`]): text goes
//! through `JSON.parse`, so the component ships no JSON parser of its own.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use cookie_charter_core::json::{Json, MAX_DEPTH};
use cookie_charter_core::text::text;

/// Parses JSON text with the browser's `JSON.parse` into the core's [`Json`] tree.
pub fn parse(text: &str) -> Result<Json, String> {
    let value =
        js_sys::JSON::parse(text).map_err(|e| String::from(js_sys::Error::from(e).message()))?;
    from_js(&value, 0)
}

fn from_js(value: &JsValue, depth: usize) -> Result<Json, String> {
    if depth > MAX_DEPTH {
        return Err(text!("nested more than ", MAX_DEPTH, " levels deep"));
    }
    Ok(if value.is_null() {
        Json::Null
    } else if let Some(b) = value.as_bool() {
        Json::Bool(b)
    } else if let Some(n) = value.as_f64() {
        Json::Number(n)
    } else if let Some(s) = value.as_string() {
        Json::String(s)
    } else if let Some(array) = value.dyn_ref::<Array>() {
        // Plain loops: an iterator chain here costs the first layer more code.
        let mut items = Vec::with_capacity(array.length() as usize);
        for i in 0..array.length() {
            items.push(from_js(&array.get(i), depth + 1)?);
        }
        Json::Array(items)
    } else {
        let keys = Object::keys(value.unchecked_ref::<Object>());
        let mut members = Vec::with_capacity(keys.length() as usize);
        for i in 0..keys.length() {
            let key = keys.get(i);
            let item = Reflect::get(value, &key).map_err(|_| "unreadable member".to_owned())?;
            members.push((
                key.as_string().unwrap_or_default(),
                from_js(&item, depth + 1)?,
            ));
        }
        Json::Object(members)
    })
}
