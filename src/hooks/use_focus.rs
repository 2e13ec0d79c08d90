use wasm_bindgen::JsCast;
use web_sys::{HtmlDialogElement, HtmlElement};
use yew::prelude::*;

fn focused_element() -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into()
        .ok()
}

/// Gives focus back to `previous` if it is still in the page.
fn restore(previous: Option<HtmlElement>) {
    if let Some(element) = previous.filter(|e| e.is_connected()) {
        let _ = element.focus();
    }
}

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
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        if let Some(root) = &root {
            let _ = root.class_list().add_1(class);
        }
        move || {
            if let Some(root) = root {
                let _ = root.class_list().remove_1(class);
            }
        }
    });
}
