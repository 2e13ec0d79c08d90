//! Consent receipts: a random id, kept in `localStorage` with the choice and, when
//! `data-receipt-url` is set, sent with `navigator.sendBeacon`.

use std::cell::Cell;

use cookie_charter_core::config::Config;
use cookie_charter_core::consent::Choice;
use cookie_charter_core::i18n::Lang;
use cookie_charter_core::quote::quoted;
use cookie_charter_core::receipt::Receipt;
use cookie_charter_core::text::{text, Hex, Piece};

use super::{console, json, local_storage};

/// `localStorage` key of the last receipt.
pub const STORAGE_KEY: &str = "cookie-charter:receipt";

thread_local! {
    /// The language the page's texts are shown in, once known: French when the configured
    /// language's texts could not be loaded.
    static SHOWN_IN: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// Records that the texts are shown in `lang`: receipts say what the visitor read, which may be
/// the French fallback rather than the configured language.
pub fn texts_shown_in(lang: Lang) {
    SHOWN_IN.with(|s| s.set(Some(lang)));
}

/// A random UUID (version 4) from the browser's cryptographic generator, or `None` if the
/// page has none.
pub fn random_id() -> Option<String> {
    let crypto = web_sys::window()?.crypto().ok()?;
    let mut bytes = [0u8; 16];
    crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    // 8-4-4-4-12 hexadecimal digits.
    let mut id = String::with_capacity(36);
    for (i, &byte) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            id.push('-');
        }
        Hex {
            value: u64::from(byte),
            digits: 2,
        }
        .push_to(&mut id);
    }
    Some(id)
}

/// Makes the receipt of `choice` under `id`, keeps it, and sends it if configured.
pub fn record(id: &str, choice: &Choice, config: &Config) {
    let page = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    let lang = SHOWN_IN.with(Cell::get).unwrap_or(config.lang);
    let receipt = Receipt::new(id, choice, lang, &page);
    if local_storage::set(STORAGE_KEY, &receipt.to_json()).is_err() {
        console::warn("the consent receipt could not be kept in localStorage");
    }
    if let Some(url) = &config.receipt_url {
        let sent = web_sys::window()
            .and_then(|w| {
                w.navigator()
                    .send_beacon_with_opt_str(url, Some(&receipt.to_json()))
                    .ok()
            })
            .unwrap_or(false);
        if !sent {
            console::error(&text!(
                "the consent receipt could not be sent to ",
                quoted(url)
            ));
        }
    }
}

/// The kept receipt of `choice` (same time, revision and choices), if any.
pub fn kept_for(choice: &Choice) -> Option<Receipt> {
    let kept = local_storage::get(STORAGE_KEY).ok().flatten()?;
    Receipt::from_json(&kept, json::parse).filter(|r| {
        r.decided_at == choice.decided_at
            && r.revision == choice.revision
            && r.choices == choice.categories
    })
}

/// The kept receipt of `choice` as a JS object (`{ id, decidedAt, revision, choices, lang,
/// page }`), or `null`: what `getReceipt()` returns.
pub fn kept_to_js(choice: Option<&Choice>) -> wasm_bindgen::JsValue {
    choice
        .and_then(kept_for)
        .and_then(|r| js_sys::JSON::parse(&r.to_json()).ok())
        .unwrap_or(wasm_bindgen::JsValue::NULL)
}

/// Forgets the kept receipt (`reset()`); a console warning if storage refuses.
pub fn forget() {
    if local_storage::remove(STORAGE_KEY).is_err() {
        console::warn("the consent receipt could not be removed from localStorage");
    }
}
