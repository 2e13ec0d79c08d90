//! The JavaScript API's wasm side, the same in both builds: `getConsent()`, `getReceipt()`,
//! `acceptAll()`, `refuseAll()`, `reset()` (and, in the Yew UI, `showPreferences()`) act on the
//! running front end's consent state through its `dispatch` and `with_choice`: the Yew
//! component's (below, with calls made before it has rendered queued and applied when it has)
//! or the first layer's.

use wasm_bindgen::prelude::*;

use crate::core::consent::Action;
#[cfg(not(feature = "ui"))]
use crate::first_layer::{dispatch, with_choice};
use crate::web::{clock, events, receipts};
#[cfg(feature = "ui")]
pub use yew_link::register;
#[cfg(feature = "ui")]
use yew_link::{dispatch, with_choice};

/// The link to the mounted Yew component's state.
#[cfg(feature = "ui")]
mod yew_link {
    use std::cell::RefCell;

    use yew::UseReducerHandle;

    use crate::core::consent::{Action, Choice, ConsentState};

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

    /// Applies `action` to the component's state, or queues it until the first render.
    pub fn dispatch(action: Action) {
        HANDLE.with(|h| match h.borrow().as_ref() {
            Some(handle) => handle.dispatch(action),
            None => QUEUE.with(|q| q.borrow_mut().push(action)),
        });
    }

    /// `f` of the current choice (`None` before a choice, or before the component rendered).
    pub fn with_choice<R>(f: impl FnOnce(Option<&Choice>) -> R) -> R {
        HANDLE.with(|h| f(h.borrow().as_ref().and_then(|s| s.choice.as_ref())))
    }
}

/// The current choice as `{ audience, necessary, …, categories, decidedAt, revision }`, or
/// `null` when the visitor has not chosen (or the component has not started).
#[wasm_bindgen(js_name = getConsent)]
pub fn get_consent() -> JsValue {
    with_choice(events::consent_to_js)
}

/// The consent receipt of the current choice (`{ id, decidedAt, revision, choices, lang,
/// page }`), or `null`.
#[wasm_bindgen(js_name = getReceipt)]
pub fn get_receipt() -> JsValue {
    with_choice(receipts::kept_to_js)
}

/// Opens the preferences panel. (In the first layer, the page hands over to the Yew UI instead.)
#[cfg(feature = "ui")]
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
