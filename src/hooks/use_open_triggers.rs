use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

/// Elements matching this selector open the preferences panel when clicked.
pub const OPEN_TRIGGER_SELECTOR: &str = "[data-cookie-charter-open]";

/// Calls `on_open` whenever the visitor clicks an element with `data-cookie-charter-open`
/// (or something inside one), anywhere on the page, including elements added later.
#[hook]
pub fn use_open_triggers(on_open: Callback<()>) {
    use_effect_with(on_open, |on_open| {
        let on_open = on_open.clone();
        let document = web_sys::window().and_then(|w| w.document());
        let listener = document.map(|document| {
            // Not passive: the opener is often `<a href="#">`, whose navigation is cancelled.
            let options = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&document, "click", options, move |event| {
                let trigger = event
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .and_then(|el| el.closest(OPEN_TRIGGER_SELECTOR).ok().flatten());
                if trigger.is_some() {
                    event.prevent_default();
                    on_open.emit(());
                }
            })
        });
        move || drop(listener)
    });
}
