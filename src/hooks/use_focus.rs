use web_sys::HtmlDialogElement;
use yew::prelude::*;

use crate::web::dom::{focused_element, restore_focus as restore};

/// Opens the `<dialog>` in `node` as a modal (focus inside, the page inert, Esc sends `cancel`)
/// when the component appears; when it goes, gives focus back to where it was, unless
/// something else has taken it meanwhile.
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
            let Some(dialog) = dialog else {
                return restore(previous);
            };
            dialog.close();
            // Give focus back only if it was lost with the dialog: whatever took it since (the
            // banner, shown again when the panel closed without a choice) keeps it.
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element());
            let lost = active.as_ref().is_none_or(|a| {
                a.tag_name().eq_ignore_ascii_case("body") || dialog.contains(Some(a.as_ref()))
            });
            if lost {
                restore(previous)
            }
        }
    });
}
