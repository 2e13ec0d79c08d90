//! `data-cookie-charter-open` elements: anything on the page that opens the preferences panel
//! (a footer link `<a href="#" data-cookie-charter-open>Gérer mes cookies</a>`).

use gloo_events::EventListener;

use super::dom;

/// Elements matching this selector open the preferences panel when clicked.
pub const OPEN_TRIGGER_SELECTOR: &str = "[data-cookie-charter-open]";

/// Calls `on_open` whenever the visitor clicks an element with `data-cookie-charter-open` (or
/// something inside one), anywhere on the page, including elements added later; the click's
/// navigation is cancelled. Listens until the returned listener is dropped.
pub fn listen(on_open: impl Fn() + 'static) -> Option<EventListener> {
    dom::on_click_within(OPEN_TRIGGER_SELECTOR, true, false, move |_| on_open())
}
