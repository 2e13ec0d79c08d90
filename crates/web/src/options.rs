//! The embed configuration given as a JS object to `mount(options)`: the same settings as the
//! `data-*` attributes, in camelCase (see `core::config::SETTINGS`).

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

use cookie_charter_core::config::{RawConfig, SETTINGS};
use cookie_charter_core::quote::quoted;
use cookie_charter_core::text::{append, Names, Piece};

use super::attributes;

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

/// A name in `mount(options)` that is none of the settings: the setting meant is not applied.
#[derive(Debug, PartialEq, Eq)]
pub enum Misnamed {
    /// `options` is neither an object nor absent: the defaults are used.
    NotAnObject,
    /// An option none of the settings is called.
    Unknown(String),
}

impl Piece for Misnamed {
    fn push_to(&self, out: &mut String) {
        match self {
            Misnamed::NotAnObject => {
                out.push_str("mount(options): options must be an object; using the defaults")
            }
            Misnamed::Unknown(key) => append!(
                out,
                "mount(options): unknown option ",
                quoted(key),
                " (expected one of: ",
                Names(&SETTINGS, |s| s.option),
                ")"
            ),
        }
    }
}

/// What in `options` names no setting. Only the finding travels in the first layer; its
/// wording ([`Piece`]) is written by the module that describes refused settings.
pub fn misnamed(options: &JsValue) -> Vec<Misnamed> {
    if options.is_undefined() || options.is_null() {
        return Vec::new();
    }
    if !options.is_object() {
        return vec![Misnamed::NotAnObject];
    }
    let keys = Object::keys(options.unchecked_ref::<Object>());
    let mut found = Vec::new();
    for i in 0..keys.length() {
        let key = keys.get(i).as_string().unwrap_or_default();
        if !SETTINGS.iter().any(|s| s.option == key) {
            found.push(Misnamed::Unknown(key));
        }
    }
    found
}

/// Reads `options` into the raw configuration (with the page's language and host), without a
/// word: what names no setting is [`misnamed`]. `charter` may be a URL or a charter object.
pub fn read_raw_config(options: &JsValue) -> RawConfig {
    let mut raw = attributes::read_raw_config(None);
    if !options.is_object() {
        return raw;
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
