//! Placeholders for blocked embeds: in place of an element with `data-cookie-service="…"` and
//! `data-src` (an `<iframe>`, `<img>`, `<video>`…), or of a `<template data-cookie-service="…">`,
//! whose service is not accepted, a box of its size says what it is, who provides it and why
//! it is blocked, with a button that accepts that service alone (and so loads it at once) and
//! a link to the preferences. Nothing is requested from the third party before consent: the
//! box is the page's own markup. Its size is set through the CSSOM, which a strict
//! `style-src 'self'` allows (no inline style attribute).

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::dom;
use crate::core::charter::Charter;
use crate::core::i18n::BannerTexts;
use crate::core::text::text;

/// On a placeholder: the id of the service it stands for.
pub const PLACEHOLDER_ATTRIBUTE: &str = "data-cookie-charter-placeholder";
/// On its button: the service to accept.
const ALLOW_ATTRIBUTE: &str = "data-allow-service";
/// On an element hidden while its placeholder shows.
const HIDDEN_MARKER: &str = "data-cookie-charter-hidden";

/// Shows a placeholder after each blocked element of a service of `charter` that `allowed`
/// does not contain and that has none yet, and hides the empty element.
pub fn show(charter: &Charter, texts: &BannerTexts, allowed: &[String]) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    // Not yet activated (`blocked_tags::ACTIVATED_MARKER`), not yet given a placeholder.
    let selector = "[data-cookie-service][data-src]:not(script):not([data-cookie-charter-activated]):not([data-cookie-charter-hidden]),template[data-cookie-service]:not([data-cookie-charter-activated]):not([data-cookie-charter-hidden])";
    let Ok(list) = document.query_selector_all(selector) else {
        return;
    };
    for i in 0..list.length() {
        let Some(frame) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let id = frame
            .get_attribute("data-cookie-service")
            .unwrap_or_default();
        let Some(service) = charter.service(&id) else {
            continue;
        };
        if allowed.contains(&id) {
            continue;
        }
        let name = service.name.get(texts.lang);
        let provider = if service.provider.is_empty() {
            name
        } else {
            &service.provider
        };
        let Some(parent) = frame.parent_element() else {
            continue;
        };
        let Some(boxed) = placeholder(&parent, &id, texts, name, provider) else {
            continue;
        };
        let _ = parent.insert_before(&boxed, frame.next_sibling().as_ref());
        size_like(&boxed, &frame);
        let _ = frame.set_attribute(HIDDEN_MARKER, "");
        let _ = frame.set_attribute("hidden", "");
    }
}

/// The placeholder's markup (appended to `parent`, then moved after its element by the caller).
fn placeholder(
    parent: &Element,
    id: &str,
    texts: &BannerTexts,
    name: &str,
    provider: &str,
) -> Option<Element> {
    let title_id = text!(
        "cookie-charter-placeholder-",
        id,
        "-",
        parent.child_element_count()
    );
    let boxed = dom::append(
        parent,
        "div",
        &[
            (PLACEHOLDER_ATTRIBUTE, id),
            ("class", "cookie-charter-placeholder"),
            ("role", "group"),
            ("aria-labelledby", &title_id),
            ("lang", texts.lang.tag()),
        ],
        None,
    )?;
    let title = fill(texts.placeholder_title(), name);
    dom::append(
        &boxed,
        "p",
        &[
            ("id", &title_id),
            ("class", "cookie-charter-placeholder__title"),
        ],
        Some(&title),
    )?;
    let text = fill(texts.placeholder_text(), provider);
    dom::append(&boxed, "p", &[], Some(&text))?;
    let actions = dom::append(
        &boxed,
        "p",
        &[("class", "cookie-charter-placeholder__actions")],
        None,
    )?;
    dom::append(
        &actions,
        "button",
        &[
            ("type", "button"),
            (ALLOW_ATTRIBUTE, id),
            ("class", "cookie-charter-placeholder__allow"),
        ],
        Some(texts.placeholder_allow()),
    )?;
    dom::append(
        &actions,
        "a",
        &[("href", "#"), ("data-cookie-charter-open", "")],
        Some(texts.manage_cookies()),
    )?;
    Some(boxed)
}

/// `template` with its one `{…}` slot replaced by `value` (a char search: no substring
/// searcher in the first layer for this).
fn fill(template: &str, value: &str) -> String {
    match (template.find('{'), template.find('}')) {
        (Some(open), Some(close)) if open < close => {
            text!(&template[..open], value, &template[close + 1..])
        }
        _ => template.to_owned(),
    }
}

/// Gives the placeholder the element's `width` and `height` (in pixels, when they are numbers).
fn size_like(boxed: &Element, frame: &Element) {
    let Some(style) = boxed.dyn_ref::<HtmlElement>().map(HtmlElement::style) else {
        return;
    };
    for side in ["width", "height"] {
        let pixels = frame
            .get_attribute(side)
            .and_then(|v| v.trim().parse::<u32>().ok());
        if let Some(pixels) = pixels {
            let _ = style.set_property(side, &text!(pixels, "px"));
        }
    }
}

/// Removes the placeholder shown for `frame` and shows the element again (once it loads).
pub fn remove_for(frame: &Element) {
    if frame.has_attribute(HIDDEN_MARKER) {
        let _ = frame.remove_attribute("hidden");
        if let Some(next) = frame.next_element_sibling() {
            if next.has_attribute(PLACEHOLDER_ATTRIBUTE) {
                next.remove();
            }
        }
    }
}

/// Calls `on_allow(service)` when the visitor presses a placeholder's button, anywhere on the
/// page. Listens until the returned listener is dropped.
pub fn listen(on_allow: impl Fn(String) + 'static) -> Option<EventListener> {
    dom::on_click_within("[data-allow-service]", false, move |button| {
        if let Some(service) = button.get_attribute(ALLOW_ATTRIBUTE) {
            on_allow(service);
        }
    })
}
