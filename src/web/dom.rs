//! Small DOM helpers: building elements, focus, and classes on `<html>`.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The element that has focus, if it is an HTML element.
pub fn focused_element() -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into()
        .ok()
}

/// Gives focus back to `previous` if it is still in the page.
pub fn restore_focus(previous: Option<HtmlElement>) {
    if let Some(element) = previous.filter(|e| e.is_connected()) {
        let _ = element.focus();
    }
}

/// Adds (`on`) or removes `class` on `<html>`.
pub fn set_document_class(class: &str, on: bool) {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element());
    if let Some(root) = root {
        let classes = root.class_list();
        let _ = if on {
            classes.add_1(class)
        } else {
            classes.remove_1(class)
        };
    }
}

/// Appends to `parent` a new `<tag>` with `attributes` (in order) and, if given, `text` (as
/// text, never markup). `None` if the DOM refused it.
pub fn append(
    parent: &Element,
    tag: &str,
    attributes: &[(&str, &str)],
    text: Option<&str>,
) -> Option<Element> {
    let element = parent.owner_document()?.create_element(tag).ok()?;
    for (name, value) in attributes {
        element.set_attribute(name, value).ok()?;
    }
    if let Some(text) = text {
        element.set_text_content(Some(text));
    }
    parent.append_child(&element).ok()?;
    Some(element)
}
