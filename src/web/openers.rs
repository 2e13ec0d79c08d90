//! `data-cookie-charter-open` elements: anything on the page that opens the preferences panel
//! (a footer link `<a href="#" data-cookie-charter-open>Gérer mes cookies</a>`).

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Elements matching this selector open the preferences panel when clicked.
pub const OPEN_TRIGGER_SELECTOR: &str = "[data-cookie-charter-open]";

/// Calls `on_open` whenever the visitor clicks an element with `data-cookie-charter-open` (or
/// something inside one), anywhere on the page, including elements added later; the click's
/// navigation is cancelled. Listens until the returned listener is dropped.
pub fn listen(on_open: impl Fn() + 'static) -> Option<EventListener> {
    let document = web_sys::window()?.document()?;
    // Not passive: the opener is often `<a href="#">`, whose navigation is cancelled.
    let options = EventListenerOptions::enable_prevent_default();
    Some(EventListener::new_with_options(
        &document,
        "click",
        options,
        move |event| {
            let trigger = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|el| el.closest(OPEN_TRIGGER_SELECTOR).ok().flatten());
            if trigger.is_some() {
                event.prevent_default();
                on_open();
            }
        },
    ))
}
