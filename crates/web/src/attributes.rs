//! The embed configuration as the page gives it: the script tag's `data-*` attributes.

use web_sys::Element;

use cookie_charter_core::config::{RawConfig, SETTINGS};

/// The page's inline charter block.
pub const INLINE_CHARTER_SELECTOR: &str =
    r#"script[type="application/json"][data-cookie-charter-config]"#;

/// Reads the configuration attributes of `script` (all absent when there is no script tag),
/// with the page's inline charter block, `<html lang>` and host name.
pub fn read_raw_config(script: Option<&Element>) -> RawConfig {
    let document = crate::window::window().and_then(|w| w.document());
    let mut raw = RawConfig {
        inline_charter: document
            .as_ref()
            .and_then(|d| d.query_selector(INLINE_CHARTER_SELECTOR).ok().flatten())
            .and_then(|block| block.text_content()),
        document_lang: document
            .and_then(|d| d.document_element())
            .and_then(|html| html.get_attribute("lang")),
        host: super::location::host(),
        ..RawConfig::default()
    };
    let Some(script) = script else { return raw };
    for setting in &SETTINGS {
        *(setting.field)(&mut raw) = script.get_attribute(setting.attribute);
    }
    // Browsers hide a parsed nonce attribute; the `nonce` property keeps it.
    if raw.nonce.is_none() {
        raw.nonce = js_sys::Reflect::get(script, &"nonce".into())
            .ok()
            .and_then(|n| n.as_string())
            .filter(|n| !n.is_empty());
    }
    raw
}
