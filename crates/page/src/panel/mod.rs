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
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlDialogElement, HtmlElement, HtmlInputElement};

use crate::core::charter::Charter;
use crate::core::i18n::BannerTexts;
use crate::web::dom;

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
        if let Some(modal) = dialog.dyn_ref::<HtmlDialogElement>() {
            if modal.show_modal().is_err() {
                modal.set_open(true);
            }
        }
        Some(Panel {
            dialog,
            focus_before,
            _listeners: listeners,
        })
    }

    /// Shows `draft` (the optional categories and services switched on) on the switches.
    pub fn update(&self, draft: &[String]) {
        let Ok(switches) = self.dialog.query_selector_all(".cookie-charter__switch") else {
            return;
        };
        for i in 0..switches.length() {
            // `querySelectorAll` lists elements only: no class check.
            let Some(switch) = switches.item(i).map(JsCast::unchecked_into::<Element>) else {
                continue;
            };
            if let Some(input) = switch.dyn_ref::<HtmlInputElement>() {
                let id = switch
                    .get_attribute("data-category")
                    .or_else(|| switch.get_attribute("data-service"))
                    .unwrap_or_default();
                if !input.disabled() {
                    input.set_checked(draft.contains(&id));
                }
            } else {
                let _ =
                    switch.set_attribute("aria-checked", markup::services_state(&switch, draft));
            }
        }
    }
}

impl Drop for Panel {
    fn drop(&mut self) {
        // Closed first: while the modal is open the rest of the page is inert.
        if let Some(modal) = self.dialog.dyn_ref::<HtmlDialogElement>() {
            modal.close();
        }
        let active = crate::web::window::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        let lost = active.as_ref().is_none_or(|a| {
            a.tag_name().eq_ignore_ascii_case("body") || self.dialog.contains(Some(a.as_ref()))
        });
        self.dialog.remove();
        // Focus goes back only if it was lost with the panel: whatever took it since keeps it.
        if lost {
            dom::restore_focus(self.focus_before.take());
        }
    }
}
