use web_sys::{HtmlDialogElement, HtmlElement};
use yew::prelude::*;

use crate::web::dom::{focused_element, restore_focus as restore, set_document_class};

/// Moves focus to `node` when the component appears, and back to where it was when it goes.
#[hook]
pub fn use_focus_while_shown(node: NodeRef) {
    use_effect_with((), move |_| {
        let previous = focused_element();
        if let Some(element) = node.cast::<HtmlElement>() {
            let _ = element.focus();
        }
        move || restore(previous)
    });
}

/// Opens the `<dialog>` in `node` as a modal (focus inside, the page inert, Esc sends `cancel`)
/// when the component appears; gives focus back to where it was when it goes.
#[hook]
pub fn use_modal_dialog(node: NodeRef) {
    use_effect_with((), move |_| {
        let previous = focused_element();
        let dialog = node.cast::<HtmlDialogElement>();
        if let Some(dialog) = &dialog {
            if dialog.show_modal().is_err() {
                dialog.set_open(true);
            }
        }
        move || {
            // Close first: while the modal is open the rest of the page is inert.
            if let Some(dialog) = dialog {
                dialog.close();
            }
            restore(previous)
        }
    });
}

/// Adds `class` to `<html>` while the component is shown.
#[hook]
pub fn use_document_class(class: &'static str) {
    use_effect_with((), move |_| {
        set_document_class(class, true);
        move || set_document_class(class, false)
    });
}
