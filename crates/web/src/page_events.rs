//! What the view hears from the page besides its own widgets: a click on a
//! `data-cookie-charter-open` element (a footer link that opens the preferences), a press on a
//! placeholder's "Autoriser et afficher", and the moments a choice made elsewhere may have
//! changed the cookie: another tab of the portal, or the time this page sat in the
//! back/forward cache. The cookie is the truth; those moments only say when to read it again.
//! The listening is done by the page's JavaScript (`page_events.js`, `placeholders.js`).

use js_sys::Function;
use wasm_bindgen::prelude::*;

use super::callbacks::{self, Callback};
use super::{placeholders, receipts};

#[wasm_bindgen(module = "/src/page_events.js")]
extern "C" {
    /// Calls `on` with "open" and "reread" (see `page_events.js`); returns what stops it.
    fn listen_page(key: &str, on: &Callback) -> Function;
}

/// What the page told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Heard {
    /// The visitor asked for the preferences (`data-cookie-charter-open`).
    Open,
    /// The visitor accepted this service from one of its placeholders.
    Allow(String),
    /// The stored choice may have changed elsewhere: read it again.
    Reread,
}

impl Heard {
    fn of(told: &str) -> Option<Heard> {
        match told {
            "open" => Some(Heard::Open),
            "reread" => Some(Heard::Reread),
            _ => told
                .strip_prefix("allow ")
                .map(|service| Heard::Allow(service.to_owned())),
        }
    }
}

/// The page listened to, as long as it lives.
#[must_use = "dropping it stops the listening"]
pub struct Listening {
    stops: [Function; 2],
    _on: Callback,
}

/// Calls `on` with what the page tells, until the returned [`Listening`] is dropped.
pub fn listen(on: impl Fn(Heard) + 'static) -> Listening {
    let on = callbacks::callback(Box::new(move |told: JsValue| {
        if let Some(heard) = told.as_string().as_deref().and_then(Heard::of) {
            on(heard)
        }
    }));
    Listening {
        stops: [
            listen_page(receipts::STORAGE_KEY, &on),
            placeholders::listen_allow(&on),
        ],
        _on: on,
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        for stop in &self.stops {
            let _ = stop.call0(&JsValue::NULL);
        }
    }
}
