//! The JavaScript API's link to the running component: `getConsent()`, `showPreferences()`,
//! `acceptAll()`, `refuseAll()`, `reset()` act on the mounted consent state. Calls made before
//! the component has rendered are queued and applied when it has.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use yew::UseReducerHandle;

use crate::core::consent::{Action, ConsentState};
use crate::web::{clock, events, receipts};

thread_local! {
    static HANDLE: RefCell<Option<UseReducerHandle<ConsentState>>> = const { RefCell::new(None) };
    static QUEUE: RefCell<Vec<Action>> = const { RefCell::new(Vec::new()) };
}

/// Called by the root component after each render: the API sees the latest state, and the
/// actions queued before the first render are applied.
pub fn register(handle: UseReducerHandle<ConsentState>) {
    for action in QUEUE.with(|q| q.take()) {
        handle.dispatch(action);
    }
    HANDLE.with(|h| *h.borrow_mut() = Some(handle));
}

fn dispatch(action: Action) {
    HANDLE.with(|h| match h.borrow().as_ref() {
        Some(handle) => handle.dispatch(action),
        None => QUEUE.with(|q| q.borrow_mut().push(action)),
    });
}

/// The current choice as `{ audience, necessary, …, categories, decidedAt, revision }`, or
/// `null` when the visitor has not chosen (or the component has not started).
#[wasm_bindgen(js_name = getConsent)]
pub fn get_consent() -> JsValue {
    HANDLE.with(|h| events::consent_to_js(h.borrow().as_ref().and_then(|s| s.choice.as_ref())))
}

/// The consent receipt of the current choice (`{ id, decidedAt, revision, choices, lang,
/// page }`), or `null`.
#[wasm_bindgen(js_name = getReceipt)]
pub fn get_receipt() -> JsValue {
    HANDLE.with(|h| receipts::kept_to_js(h.borrow().as_ref().and_then(|s| s.choice.as_ref())))
}

/// Opens the preferences panel.
#[wasm_bindgen(js_name = showPreferences)]
pub fn show_preferences() {
    dispatch(Action::OpenPreferences);
}

/// Accepts every optional category, as the banner's "Tout accepter" does.
#[wasm_bindgen(js_name = acceptAll)]
pub fn accept_all() {
    dispatch(Action::AcceptAll(clock::now()));
}

/// Refuses every optional category, as the banner's "Tout refuser" does.
#[wasm_bindgen(js_name = refuseAll)]
pub fn refuse_all() {
    dispatch(Action::RefuseAll(clock::now()));
}

/// Forgets the choice (its cookie and the withdrawn categories' cookies) and shows the banner.
#[wasm_bindgen(js_name = reset)]
pub fn reset() {
    dispatch(Action::Reset);
}
