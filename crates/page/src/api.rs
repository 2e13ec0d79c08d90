//! The JavaScript API's wasm side (`js/entry.js` exposes it as the module's functions and
//! `window.CookieCharter`): each function reads the [`state_loop`] or dispatches to it, so the
//! API does what the banner's buttons do, with the same effects.

use wasm_bindgen::prelude::*;

use crate::core::consent::Action;
use crate::state_loop;
use crate::web::{clock, events, receipts};

/// The current choice as `{ audience, necessary, …, categories, decidedAt, revision }`, as it
/// is applied (every optional category refused when nothing optional may load), or `null`
/// when the visitor has not chosen (or the component has not started).
pub fn get_consent() -> JsValue {
    state_loop::with_state(|s| events::consent_to_js(s.choice_in_force().as_ref(), &s.charter))
        .unwrap_or(JsValue::NULL)
}

/// The consent receipt of the current choice (`{ id, decidedAt, revision, choices, lang,
/// page }`), or `null`.
pub fn get_receipt() -> JsValue {
    state_loop::with_state(|s| receipts::kept_to_js(s.choice.as_ref())).unwrap_or(JsValue::NULL)
}

/// Opens the preferences panel.
pub fn show_preferences() {
    state_loop::dispatch(Action::OpenPreferences);
}

/// Accepts every optional category, as the banner's "Tout accepter" does; returns the new
/// choice (as [`get_consent`]).
pub fn accept_all() -> JsValue {
    state_loop::dispatch(Action::AcceptAll(clock::now()));
    get_consent()
}

/// Refuses every optional category, as the banner's "Tout refuser" does; returns the new choice.
pub fn refuse_all() -> JsValue {
    state_loop::dispatch(Action::RefuseAll(clock::now()));
    get_consent()
}

/// Forgets the choice (every copy of its cookie and the accepted categories' cookies) and shows
/// the banner again.
pub fn reset() {
    state_loop::dispatch(Action::Reset);
}
