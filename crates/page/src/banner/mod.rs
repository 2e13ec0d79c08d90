//! The one banner: the first layer a first visit sees, built with the DOM, and the small fixed
//! "Gérer mes cookies" button. Each is a widget: `show` puts it in the page and returns a
//! handle; dropping the handle removes it, detaches its listeners and (for the banner) gives
//! focus back to where it was and drops the `<html>` class. What the visitor does is reported;
//! the caller decides what it means.

mod markup;

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

use crate::core::i18n::BannerTexts;
use crate::web::{dom, tasks};

/// Class on `<html>` while the banner shows (the stylesheet keeps focused elements above it).
pub const BANNER_OPEN_CLASS: &str = "cookie-charter-banner-open";

/// What the visitor did on the banner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pressed {
    /// "Tout accepter".
    AcceptAll,
    /// "Tout refuser", the close button or Esc: closing is refusing (CNIL).
    RefuseAll,
    /// "Personnaliser".
    Customise,
}

/// What the banner says besides its fixed texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BannerContent<'a> {
    /// The texts, in the page's language.
    pub texts: &'a BannerTexts,
    /// Link to the portal's "Charte cookies" page, if any.
    pub policy_url: Option<&'a str>,
    /// Say that the browser's Global Privacy Control keeps audience measurement refused.
    pub gpc_notice: bool,
}

/// The banner on the page: a short text, the charter link, three buttons of equal weight and a
/// close button. It takes focus in the task after it is shown; dropping it removes it and gives
/// focus back.
pub struct Banner {
    element: Element,
    focus_before: Option<HtmlElement>,
    _listeners: [EventListener; 2],
}

impl Banner {
    /// Appends the banner to `parent`, moves focus to it in the next task and reports each press
    /// to `on`.
    /// `None` if the page refused an element.
    pub fn show(
        parent: &Element,
        content: BannerContent<'_>,
        on: impl Fn(Pressed) + 'static,
    ) -> Option<Banner> {
        let focus_before = dom::focused_element();
        let element = markup::banner(parent, content)?;
        let on = Rc::new(on);
        let on_click = on.clone();
        let listeners = [
            EventListener::new(&element, "click", move |event| {
                let pressed = match action_of(event).as_deref() {
                    Some("accept-all") => Pressed::AcceptAll,
                    Some("refuse-all" | "dismiss") => Pressed::RefuseAll,
                    Some("customise") => Pressed::Customise,
                    _ => return,
                };
                on_click(pressed);
            }),
            EventListener::new_with_options(
                &element,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let escape = event
                        .dyn_ref::<KeyboardEvent>()
                        .is_some_and(|key| key.key() == "Escape");
                    if escape {
                        event.prevent_default();
                        on(Pressed::RefuseAll);
                    }
                },
            ),
        ];
        dom::set_document_class(BANNER_OPEN_CLASS, true);
        // Focus moves in a task of its own: `focus()` makes the browser lay out the page with the
        // banner at once, which, in the task that built the banner, would make one long task of
        // both. Left to the frame that draws the banner, the layout costs the same but the page
        // stays responsive between the two. A banner removed
        // meanwhile is no longer in the page, so focusing it does nothing.
        if let Some(focusable) = element.dyn_ref::<HtmlElement>().cloned() {
            tasks::later(move || {
                let _ = focusable.focus();
            });
        }
        Some(Banner {
            element,
            focus_before,
            _listeners: listeners,
        })
    }
}

impl Drop for Banner {
    fn drop(&mut self) {
        self.element.remove();
        dom::set_document_class(BANNER_OPEN_CLASS, false);
        dom::restore_focus(self.focus_before.take());
    }
}

/// The floating "Gérer mes cookies" button; dropping it removes it.
pub struct FloatingButton {
    element: Element,
    _listener: EventListener,
}

impl FloatingButton {
    /// Appends the button to `parent`; `on_open` is called on each click.
    pub fn show(
        parent: &Element,
        texts: &BannerTexts,
        on_open: impl Fn() + 'static,
    ) -> Option<FloatingButton> {
        let element = markup::floating_button(parent, texts)?;
        let listener = EventListener::new(&element, "click", move |_| on_open());
        Some(FloatingButton {
            element,
            _listener: listener,
        })
    }
}

impl Drop for FloatingButton {
    fn drop(&mut self) {
        self.element.remove();
    }
}

/// The `data-action` of the button an event happened in, if any.
fn action_of(event: &web_sys::Event) -> Option<String> {
    event
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|el| el.closest("[data-action]").ok().flatten())
        .and_then(|el| el.get_attribute("data-action"))
}
