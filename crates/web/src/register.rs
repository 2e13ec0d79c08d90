//! The consent register beside the receipts: a banner shown is counted there (no id, no
//! cookie), and with `data-server-cookie` the register sets the choice cookie, so that WebKit
//! keeps it as a cookie of the portal's own server rather than capping it as a script's.
//!
//! Neither can change what the visitor sees or what loads: the banner has already written its
//! own cookie and acted on the choice when it asks. A register that is down, slow or failing is
//! one console warning a page. What is sent, and where, is decided here; the requests, their
//! order and the warning are `register.js`'s.

use wasm_bindgen::prelude::*;

use cookie_charter_core::config::Config;
use cookie_charter_core::i18n::Lang;
use cookie_charter_core::receipt::impression_json;

use super::cookies;

#[wasm_bindgen(module = "/src/register.js")]
extern "C" {
    fn count_banner(url: &str, body: &str);
    #[wasm_bindgen(js_name = keep_choice)]
    fn send_choice(url: &str, value: &str);
    #[wasm_bindgen(js_name = choice_forgotten)]
    fn forget_after_answer(forget: JsValue);
}

/// Counts the banner shown, over `revision` in `lang`, if a register is configured. Sent
/// without cookies.
pub fn banner_shown(config: &Config, revision: &str, lang: Lang) {
    if let Some(url) = &config.impression_url {
        count_banner(url, &impression_json(revision, lang));
    }
}

/// Asks the register to set the choice cookie to `value` (what the banner just wrote), if
/// `data-server-cookie` is on. The banner's own copy stays when it fails.
pub fn keep_choice(value: &str, config: &Config) {
    if let Some(url) = &config.choice_url {
        send_choice(url, value);
    }
}

/// The choice was deleted (`reset()`): a register's answer still in flight must not bring it
/// back.
pub fn choice_forgotten(config: &Config) {
    if config.choice_url.is_none() {
        return;
    }
    let (name, domain) = (config.cookie_name.clone(), config.cookie_domain.clone());
    forget_after_answer(super::callbacks::once(Box::new(move |_| {
        cookies::expire_everywhere(&name, domain.as_deref())
    })));
}
