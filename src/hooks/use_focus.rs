use web_sys::HtmlDialogElement;
use yew::prelude::*;

use crate::web::dom::{focused_element, restore_focus as restore};

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
