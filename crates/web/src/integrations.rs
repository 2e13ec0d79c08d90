//! Pushing consent to the page's tag managers: Google's `dataLayer` (Consent Mode v2),
//! Matomo's `_paq` and Piano Analytics' `pdl` / `pa.consent`. What to push is decided in
//! `core::integrations`.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use cookie_charter_core::config::Config;
use cookie_charter_core::consent::Choice;
use cookie_charter_core::integrations::{self, MatomoCommand, GOOGLE_WAIT_FOR_UPDATE_MS};

use super::console;

#[wasm_bindgen(inline_js = r#"
export function gtag_consent(kind, settings) {
  window.dataLayer = window.dataLayer || [];
  // gtag() pushes its `arguments` object, not an array: Google's tags expect exactly that.
  (function () { window.dataLayer.push(arguments); })('consent', kind, settings);
}
export function piano_mode(mode) {
  // Read by Piano's SDK when it starts (consent required, this default mode), and applied at
  // once by an SDK already running.
  var pdl = (window.pdl = window.pdl || {});
  if (!pdl.requireConsent) pdl.requireConsent = true;
  pdl.consent = pdl.consent || {};
  pdl.consent.defaultPreset = Object.assign({}, pdl.consent.defaultPreset, { PA: mode });
  var pa = window.pa;
  if (pa && pa.consent && typeof pa.consent.setMode === 'function') pa.consent.setMode(mode);
}
export function paq_push(command, first) {
  var paq = (window._paq = window._paq || []);
  // Before matomo.js has loaded, _paq is a plain array: a command that must precede the
  // page's own trackPageView goes to its front.
  if (first && Array.isArray(paq)) paq.unshift([command]); else paq.push([command]);
}
"#)]
extern "C" {
    // `catch`: a page's own `dataLayer.push` or Matomo's `_paq.push` may throw; that is
    // reported and the rest of the choice's effects still happen.
    #[wasm_bindgen(catch)]
    fn gtag_consent(kind: &str, settings: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(catch)]
    fn paq_push(command: &str, first: bool) -> Result<(), JsValue>;
    #[wasm_bindgen(catch)]
    fn piano_mode(mode: &str) -> Result<(), JsValue>;
}

/// Tells Google Consent Mode `kind` with `settings`; a console warning if the page's
/// `dataLayer` throws.
fn google(kind: &str, settings: &JsValue) {
    if gtag_consent(kind, settings).is_err() {
        console::warn("window.dataLayer.push threw: Google Consent Mode was not told");
    }
}

/// Pushes `command` to Matomo's `_paq`; a console warning if it throws.
fn matomo(command: &str, first: bool) {
    if paq_push(command, first).is_err() {
        console::warn("window._paq.push threw: Matomo was not told");
    }
}

/// Sets Piano Analytics' consent mode; a console warning if the page's `pdl` or `pa` throws.
fn piano(mode: &str) {
    if piano_mode(mode).is_err() {
        console::warn("window.pdl or pa.consent.setMode threw: Piano Analytics was not told");
    }
}

fn settings(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &(*key).into(), &(*value).into());
    }
    object
}

/// Before anything else on the page, whatever is stored: Google's `default` (all denied),
/// Matomo's `requireCookieConsent` and Piano's `opt-out`, so that a tag that runs next never
/// finds its tool without them. `js/entry.js` pushes the same for the script tag and `mount()`
/// before its module yields to the page's next script (without waiting for this wasm); a
/// Rust application's component pushes them through this.
pub fn defaults(config: &Config) {
    if config.google_consent_mode {
        let default = settings(&integrations::google_default());
        let _ = Reflect::set(
            &default,
            &"wait_for_update".into(),
            &GOOGLE_WAIT_FOR_UPDATE_MS.into(),
        );
        google("default", &default);
    }
    if config.matomo {
        matomo(MatomoCommand::RequireCookieConsent.name(), true);
    }
    if config.piano {
        piano(integrations::piano_mode(None));
    }
}

/// Once the stored choice is known (the choice in force, see
/// `ConsentState::choice_in_force`): Google's `update`, Matomo's consent for this page, Piano's
/// mode. Nothing when there is no choice: the defaults hold.
pub fn on_stored(config: &Config, stored: Option<&Choice>) {
    if stored.is_none() {
        return;
    }
    if config.google_consent_mode {
        google("update", &settings(&integrations::google_update(stored)));
    }
    if let Some(command) = integrations::matomo_on_stored(stored).filter(|_| config.matomo) {
        matomo(command.name(), false);
    }
    if config.piano {
        piano(integrations::piano_mode(stored));
    }
}

/// After the visitor makes (or resets) a choice.
pub fn on_decision(config: &Config, choice: Option<&Choice>) {
    if config.google_consent_mode {
        google("update", &settings(&integrations::google_update(choice)));
    }
    if config.matomo {
        matomo(integrations::matomo_on_decision(choice).name(), false);
    }
    if config.piano {
        piano(integrations::piano_mode(choice));
    }
}
