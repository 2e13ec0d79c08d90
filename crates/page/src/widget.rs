//! What the banner, the floating button and the panel have in common: an element the page's
//! JavaScript drew (`widgets.js`), and the callback its listeners call with what the visitor did,
//! which lives as long as the element is in the page. Dropping the handle removes the element
//! and gives the focus back to where it was if it was lost with it.

use wasm_bindgen::prelude::*;
use web_sys::Element;

use crate::web::callbacks::{self, Callback};

#[wasm_bindgen(module = "/src/widgets.js")]
extern "C" {
    /// Removes a widget, giving the focus back if it was lost with it.
    fn remove_widget(widget: &Element);
}

/// A widget in the page.
pub struct Widget {
    /// Its outermost element.
    pub element: Element,
    _on: Callback,
}

impl Widget {
    /// Draws a widget with `draw`, whose listeners report strings: `on` is called with what
    /// `read` makes of each (what the visitor did), and never with what it does not know.
    /// `None` when `draw` gives no element (the page's DOM threw).
    pub fn new<T: 'static>(
        draw: impl FnOnce(&Callback) -> Option<Element>,
        read: fn(&str) -> Option<T>,
        on: impl Fn(T) + 'static,
    ) -> Option<Widget> {
        let on = callbacks::callback(Box::new(move |action: JsValue| {
            if let Some(done) = action.as_string().as_deref().and_then(read) {
                on(done)
            }
        }));
        Some(Widget {
            element: draw(&on)?,
            _on: on,
        })
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        remove_widget(&self.element);
    }
}
