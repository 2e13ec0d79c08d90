//! The embed configuration given as a JS object to `mount(options)`: the same settings as the
//! `data-*` attributes, in camelCase (see `core::config::SETTINGS`).

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

use cookie_charter_core::config::{RawConfig, SETTINGS};
use cookie_charter_core::quote::quoted;
use cookie_charter_core::text::{text, Names};

use super::{attributes, console};

/// A value as the attribute text it stands for: strings as they are, numbers and booleans
/// written out; `undefined` and `null` as absent.
fn as_text(value: &JsValue) -> Option<String> {
    if value.is_undefined() || value.is_null() {
        None
    } else if let Some(s) = value.as_string() {
        Some(s)
    } else if let Some(b) = value.as_bool() {
        Some(String::from(if b { "true" } else { "false" }))
    } else {
        // Numbers are written by JavaScript (no float formatting in the wasm).
        JSON::stringify(value).ok().and_then(|s| s.as_string())
    }
}

/// Reads `options` into the raw configuration (with the page's language and host); unknown
/// option names are reported in the console. `charter` may be a URL or a charter object.
pub fn read_raw_config(options: &JsValue) -> RawConfig {
    let mut raw = attributes::read_raw_config(None);
    if options.is_undefined() || options.is_null() {
        return raw;
    }
    if !options.is_object() {
        console::error("mount(options): options must be an object; using the defaults");
        return raw;
    }
    let keys = Object::keys(options.unchecked_ref::<Object>());
    for i in 0..keys.length() {
        let key = keys.get(i).as_string().unwrap_or_default();
        if !SETTINGS.iter().any(|s| s.option == key) {
            console::error(&text!(
                "mount(options): unknown option ",
                quoted(&key),
                " (expected one of: ",
                Names(&SETTINGS, |s| s.option),
                ")"
            ));
        }
    }
    for setting in &SETTINGS {
        let value = Reflect::get(options, &setting.option.into()).unwrap_or(JsValue::UNDEFINED);
        *(setting.field)(&mut raw) = as_text(&value);
    }
    // `charter` may also be the charter itself rather than its URL.
    let charter = Reflect::get(options, &"charter".into()).unwrap_or(JsValue::UNDEFINED);
    if charter.is_object() {
        raw.charter_url = None;
        raw.inline_charter = as_text(&charter);
    }
    raw
}
