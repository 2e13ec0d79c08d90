//! The preferences panel, built with the DOM by the view: a modal `<dialog>` with "Tout
//! accepter" and "Tout refuser" (refusing in detail is never more steps than accepting), one
//! switch per optional category or service, each category's cookies, and a save button. It is
//! a widget like the banner: `show` opens it and returns a handle; [`Panel::update`] shows new
//! switches' states; dropping the handle closes and removes it, detaches its listeners and gives
//! focus back to where it was. What the visitor does is reported; the caller decides what it
//! means.

mod markup;

use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::prelude::*;
use web_sys::{Element, HtmlElement};

use crate::core::charter::Charter;
use crate::core::i18n::BannerTexts;
use crate::web::dom;

#[wasm_bindgen(module = "/src/panel/panel.js")]
extern "C" {
    /// Opens the dialog as a modal (see `panel.js`).
    fn open_panel(dialog: &Element);
    /// Shows the draft (ids, space-separated) on the switches.
    fn show_draft(dialog: &Element, draft: &str);
    /// Closes and removes the dialog, giving the focus back if it was lost with it.
    fn close_panel(dialog: &Element, before: Option<&HtmlElement>);
}

/// What the visitor did in the panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PanelAct {
    /// A switch was flipped: the category's or the service's id.
    Toggle(String),
    /// "Enregistrer mes choix".
    Save,
    /// "Tout accepter".
    AcceptAll,
    /// "Tout refuser".
    RefuseAll,
    /// The close button or Esc: closed without saving.
    Close,
}

/// What the panel shows.
#[derive(Clone, Copy, Debug)]
pub struct PanelContent<'a> {
    /// The sentences, in the page's language.
    pub texts: &'a BannerTexts,
    /// The charter whose categories and services get a switch.
    pub charter: &'a Charter,
    /// The optional categories and services switched on.
    pub draft: &'a [String],
    /// The id of the visitor's last consent receipt, if one is kept: what to quote to the
    /// portal about this choice.
    pub receipt: Option<&'a str>,
}

/// The open panel.
pub struct Panel {
    dialog: Element,
    focus_before: Option<HtmlElement>,
    _listeners: [EventListener; 3],
}

impl Panel {
    /// Appends the panel to `parent`, opens it as a modal dialog (focus inside, the page inert)
    /// and reports each act to `on`. `None` if the page refused an element.
    pub fn show(
        parent: &Element,
        content: PanelContent<'_>,
        on: impl Fn(PanelAct) + 'static,
    ) -> Option<Panel> {
        let focus_before = dom::focused_element();
        let dialog = markup::panel(parent, content)?;
        let on = Rc::new(on);
        let (on_click, on_change) = (on.clone(), on.clone());
        let listeners = [
            EventListener::new(&dialog, "click", move |event| {
                let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
                let Some(control) = target.and_then(|t| t.closest("button").ok().flatten()) else {
                    return;
                };
                let act = match control.get_attribute("data-action").as_deref() {
                    Some("close") => PanelAct::Close,
                    Some("accept-all") => PanelAct::AcceptAll,
                    Some("refuse-all") => PanelAct::RefuseAll,
                    Some("save") => PanelAct::Save,
                    // A category of services' switch is a button (it may be mixed).
                    _ => match control.get_attribute("data-category") {
                        Some(id) => PanelAct::Toggle(id),
                        None => return,
                    },
                };
                on_click(act);
            }),
            EventListener::new(&dialog, "change", move |event| {
                let input = event.target().and_then(|t| t.dyn_into::<Element>().ok());
                let id = input.and_then(|i| {
                    i.get_attribute("data-category")
                        .or_else(|| i.get_attribute("data-service"))
                });
                if let Some(id) = id {
                    on_change(PanelAct::Toggle(id));
                }
            }),
            // Esc: the dialog's `cancel`, which would close it without telling anyone.
            EventListener::new_with_options(
                &dialog,
                "cancel",
                EventListenerOptions::enable_prevent_default(),
                move |event| {
                    event.prevent_default();
                    on(PanelAct::Close);
                },
            ),
        ];
        show_draft(&dialog, &spaced(content.draft));
        open_panel(&dialog);
        Some(Panel {
            dialog,
            focus_before,
            _listeners: listeners,
        })
    }

    /// Shows `draft` (the optional categories and services switched on) on the switches.
    pub fn update(&self, draft: &[String]) {
        show_draft(&self.dialog, &spaced(draft));
    }
}

/// The ids of `draft`, space-separated (ids hold no space), as `panel.js` reads them.
fn spaced(draft: &[String]) -> String {
    let mut ids = String::new();
    for id in draft {
        ids.push_str(id);
        ids.push(' ');
    }
    ids
}

impl Drop for Panel {
    fn drop(&mut self) {
        close_panel(&self.dialog, self.focus_before.as_ref());
    }
}
