//! Choices made elsewhere: in another tab of the portal, or while this page sat in the
//! back/forward cache. The cookie is the truth; these are only the moments to read it again:
//! - `pageshow` with `persisted` (the page comes back from the back/forward cache);
//! - `storage` for the consent receipt's key (another tab made or forgot a choice, where
//!   `localStorage` works);
//! - `visibilitychange` to visible (the visitor comes back to this tab; also where storage is
//!   off).

use gloo_events::EventListener;
use js_sys::Reflect;

use super::receipts;

/// Calls `reread` at each of those moments, as long as the returned listeners live.
pub fn listen(reread: impl Fn() + Clone + 'static) -> Vec<EventListener> {
    let Some(window) = crate::window::window() else {
        return Vec::new();
    };
    let Some(document) = window.document() else {
        return Vec::new();
    };
    let field = |event: &web_sys::Event, name: &str| Reflect::get(event, &name.into()).ok();
    let on_show = reread.clone();
    let on_storage = reread.clone();
    let visible_document = document.clone();
    vec![
        EventListener::new(&window, "pageshow", move |event| {
            if field(event, "persisted").and_then(|v| v.as_bool()) == Some(true) {
                on_show();
            }
        }),
        EventListener::new(&window, "storage", move |event| {
            let key = field(event, "key").and_then(|v| v.as_string());
            // `null` when another tab cleared the whole storage.
            if key.is_none() || key.as_deref() == Some(receipts::STORAGE_KEY) {
                on_storage();
            }
        }),
        EventListener::new(&document, "visibilitychange", move |_| {
            if !visible_document.hidden() {
                reread();
            }
        }),
    ]
}
