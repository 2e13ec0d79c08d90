//! The embed configuration given as a JS object to `mount(options)`: the same settings as the
//! `data-*` attributes, in camelCase.

use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

use crate::core::config::RawConfig;

use super::{attributes, console};

/// The option names `mount()` knows, each with the attribute it stands for.
pub const OPTIONS: [(&str, &str); 13] = [
    ("audienceSrc", "data-audience-src"),
    ("policyUrl", "data-policy-url"),
    ("lang", "data-lang"),
    ("consentDays", "data-consent-days"),
    ("cookieDomain", "data-cookie-domain"),
    ("preset", "data-preset"),
    ("charter", "data-charter"),
    ("floatingButton", "data-floating-button"),
    ("reloadOnWithdraw", "data-reload-on-withdraw"),
    ("googleConsentMode", "data-google-consent-mode"),
    ("matomo", "data-matomo"),
    ("receiptUrl", "data-receipt-url"),
    ("nonce", "data-nonce"),
];

/// A value as the attribute text it stands for: strings as they are, numbers and booleans
/// written out; `undefined` and `null` as absent.
fn as_text(value: &JsValue) -> Option<String> {
    if value.is_undefined() || value.is_null() {
        None
    } else if let Some(s) = value.as_string() {
        Some(s)
    } else if let Some(b) = value.as_bool() {
        Some(b.to_string())
    } else if let Some(n) = value.as_f64() {
        Some(n.to_string())
    } else {
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
    for key in Object::keys(options.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()) {
        if !OPTIONS.iter().any(|(name, _)| *name == key) {
            let known: Vec<_> = OPTIONS.iter().map(|(name, _)| *name).collect();
            console::error(&format!("mount(options): unknown option {key:?} (expected one of: {})", known.join(", ")));
        }
    }
    let get = |name: &str| Reflect::get(options, &name.into()).ok().as_ref().and_then(as_text);
    raw.audience_src = get("audienceSrc");
    raw.policy_url = get("policyUrl");
    raw.lang = get("lang");
    raw.consent_days = get("consentDays");
    raw.cookie_domain = get("cookieDomain");
    raw.preset = get("preset");
    raw.floating_button = get("floatingButton");
    raw.reload_on_withdraw = get("reloadOnWithdraw");
    raw.google_consent_mode = get("googleConsentMode");
    raw.matomo = get("matomo");
    raw.receipt_url = get("receiptUrl");
    raw.nonce = get("nonce");
    let charter = Reflect::get(options, &"charter".into()).unwrap_or(JsValue::UNDEFINED);
    if charter.is_object() {
        raw.inline_charter = as_text(&charter);
    } else {
        raw.charter_url = as_text(&charter);
    }
    raw
}
