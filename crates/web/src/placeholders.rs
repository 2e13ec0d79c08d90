//! Placeholders for blocked embeds: in place of an element with `data-cookie-service="…"` and
//! `data-src` (an `<iframe>`, `<img>`, `<video>`…), or of a `<template data-cookie-service="…">`,
//! whose service is not accepted, a box of its size says what it is, who provides it and why
//! it is blocked, with a button that accepts that service alone (and so loads it at once) and
//! a link to the preferences. Nothing is requested from the third party before consent: the
//! box is the page's own markup. Its size is set through the CSSOM, which a strict
//! `style-src 'self'` allows (no inline style attribute).

use std::cell::{Cell, RefCell};

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use super::dom;
use cookie_charter_core::charter::Charter;
use cookie_charter_core::i18n::BannerTexts;
use cookie_charter_core::text::text;

/// On a placeholder: the id of the service it stands for.
pub const PLACEHOLDER_ATTRIBUTE: &str = "data-cookie-charter-placeholder";
/// On its button: the service to accept.
const ALLOW_ATTRIBUTE: &str = "data-allow-service";
/// On an element hidden while its placeholder shows.
const HIDDEN_MARKER: &str = "data-cookie-charter-hidden";

thread_local! {
    /// The "Autoriser et afficher" buttons this component made and that are still in the page:
    /// the only elements whose activation grants consent (a page's own element carrying
    /// `data-allow-service`, say a link in a dataset's description, never does).
    static BUTTONS: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
    /// How many placeholders were made: each title's id is unique in the page.
    static MADE: Cell<u32> = const { Cell::new(0) };
}

/// Whether the page itself keeps `frame` out of sight: `hidden`, or 0 pixels wide or high (a
/// tracking pixel). It gets no placeholder, and stays as the page left it once allowed.
fn kept_out_of_sight(frame: &Element) -> bool {
    frame.has_attribute("hidden")
        || ["width", "height"].iter().any(|side| {
            frame
                .get_attribute(side)
                .is_some_and(|v| v.trim().parse::<u32>() == Ok(0))
        })
}

/// Shows a placeholder after each blocked element of a service of `charter` that `allowed`
/// does not contain and that has none yet (but those the page keeps out of sight), and hides
/// the empty element.
pub fn show(charter: &Charter, texts: &BannerTexts, allowed: &[String]) {
    let Some(document) = crate::window::window().and_then(|w| w.document()) else {
        return;
    };
    // Not yet activated (`blocked_tags::ACTIVATED_MARKER`), not yet given a placeholder.
    let selector = "[data-cookie-service][data-src]:not(script):not([data-cookie-charter-activated]):not([data-cookie-charter-hidden]),template[data-cookie-service]:not([data-cookie-charter-activated]):not([data-cookie-charter-hidden])";
    let Ok(list) = document.query_selector_all(selector) else {
        return;
    };
    for i in 0..list.length() {
        // `querySelectorAll` lists elements only: no class check.
        let Some(frame) = list.item(i).map(JsCast::unchecked_into::<Element>) else {
            continue;
        };
        let id = frame
            .get_attribute("data-cookie-service")
            .unwrap_or_default();
        let Some(service) = charter.service(&id) else {
            continue;
        };
        if allowed.contains(&id) || kept_out_of_sight(&frame) {
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
    let made = MADE.with(|m| m.replace(m.get() + 1));
    let title_id = text!("cookie-charter-placeholder-", made);
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
    let button = dom::append(
        &actions,
        "button",
        &[
            ("type", "button"),
            (ALLOW_ATTRIBUTE, id),
            ("class", "cookie-charter-placeholder__allow"),
        ],
        Some(texts.placeholder_allow()),
    )?;
    BUTTONS.with(|b| {
        let mut buttons = b.borrow_mut();
        buttons.retain(|made| made.is_connected());
        buttons.push(button);
    });
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
#[allow(clippy::disallowed_methods)] // ASCII char patterns only: memchr, no substring searcher
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

/// Calls `on_allow(service)` when the visitor presses a placeholder's button, anywhere on the
/// page: only a button this component made, and only a real press (not one the page's code
/// made). Listens until the returned listener is dropped.
pub fn listen(on_allow: impl Fn(String) + 'static) -> Option<EventListener> {
    dom::on_click_within("[data-allow-service]", false, true, move |button| {
        let made = BUTTONS.with(|b| b.borrow().contains(&button));
        if let Some(service) = button.get_attribute(ALLOW_ATTRIBUTE).filter(|_| made) {
            on_allow(service);
        }
    })
}
