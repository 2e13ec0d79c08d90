//! The embed configuration as the page gives it: the script tag's `data-*` attributes.

use web_sys::Element;

use crate::core::config::RawConfig;

/// The page's inline charter block.
pub const INLINE_CHARTER_SELECTOR: &str = r#"script[type="application/json"][data-cookie-charter-config]"#;

/// Reads the configuration attributes of `script` (all absent when there is no script tag),
/// with the page's inline charter block, `<html lang>` and host name.
pub fn read_raw_config(script: Option<&Element>) -> RawConfig {
    let attr = |name: &str| script.and_then(|s| s.get_attribute(name));
    let window = web_sys::window();
    let document = window.as_ref().and_then(|w| w.document());
    RawConfig {
        audience_src: attr("data-audience-src"),
        policy_url: attr("data-policy-url"),
        lang: attr("data-lang"),
        consent_days: attr("data-consent-days"),
        cookie_domain: attr("data-cookie-domain"),
        floating_button: attr("data-floating-button"),
        reload_on_withdraw: attr("data-reload-on-withdraw"),
        google_consent_mode: attr("data-google-consent-mode"),
        matomo: attr("data-matomo"),
        receipt_url: attr("data-receipt-url"),
        // Browsers hide a parsed nonce attribute; the `nonce` property keeps it.
        nonce: attr("data-nonce").or_else(|| {
            script
                .and_then(|s| js_sys::Reflect::get(s, &"nonce".into()).ok())
                .and_then(|n| n.as_string())
                .filter(|n| !n.is_empty())
        }),
        preset: attr("data-preset"),
        charter_url: attr("data-charter"),
        inline_charter: document
            .as_ref()
            .and_then(|d| d.query_selector(INLINE_CHARTER_SELECTOR).ok().flatten())
            .and_then(|block| block.text_content()),
        document_lang: document
            .and_then(|d| d.document_element())
            .and_then(|html| html.get_attribute("lang")),
        host: window.and_then(|w| w.location().hostname().ok()).unwrap_or_default(),
    }
}
