//! Markup the banner and the preferences panel share, so that both dialogs open the same way
//! and read the same to a screen reader: a head (title and close button) and rows of buttons of
//! equal weight. Elements, attributes and texts only; `cookie-charter.css` styles them.

use web_sys::Element;

use crate::web::dom::append;

/// Appends a dialog's head to `dialog`: its title (`title_id` labels the dialog) and the close
/// button, whose `data-action` is `close_action` and whose accessible name is `close_label`.
pub fn head(
    dialog: &Element,
    title_id: &str,
    title: &str,
    close_action: &str,
    close_label: &str,
) -> Option<()> {
    let head = append(
        dialog,
        "div",
        &[("class", "cookie-charter__panel-head")],
        None,
    )?;
    append(
        &head,
        "h2",
        &[("id", title_id), ("class", "cookie-charter__title")],
        Some(title),
    )?;
    append(
        &head,
        "button",
        &[
            ("type", "button"),
            ("data-action", close_action),
            ("aria-label", close_label),
            ("title", close_label),
            ("class", "cookie-charter__close"),
        ],
        Some("×"),
    )?;
    Some(())
}

/// Appends a row of buttons of equal weight to `parent`, each `(data-action, label)`.
pub fn actions(parent: &Element, buttons: &[(&str, &str)]) -> Option<()> {
    let row = append(parent, "div", &[("class", "cookie-charter__actions")], None)?;
    for (action, label) in buttons {
        append(
            &row,
            "button",
            &[
                ("type", "button"),
                ("data-action", action),
                ("class", "cookie-charter__button"),
            ],
            Some(label),
        )?;
    }
    Some(())
}
