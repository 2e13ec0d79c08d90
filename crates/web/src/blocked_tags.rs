//! Tags a portal blocks until consent: `<script type="text/plain" data-cookie-category="…">`
//! (with `src` or inline), any other element with `data-src` (`<iframe>`, `<img>`, `<video>`,
//! `<audio>`, `<embed>`: `data-src` becomes `src`) and `<template data-cookie-category="…">`
//! (its content is put in the page after it: any markup, which the browser leaves inert until
//! then), or the same with `data-cookie-service="…"` for one service of a category.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlScriptElement};

use super::{console, placeholders, scripts};
use cookie_charter_core::text::text;

/// Set on a blocked tag once it has been activated, so that it never runs twice.
pub const ACTIVATED_MARKER: &str = "data-cookie-charter-activated";

#[wasm_bindgen(inline_js = r#"
export function after_load(script, next) {
  const go = () => {
    script.removeEventListener('load', go);
    script.removeEventListener('error', go);
    next();
  };
  script.addEventListener('load', go);
  script.addEventListener('error', go);
}
export function unpack(template) {
  template.after(document.importNode(template.content, true));
}
"#)]
extern "C" {
    /// Calls `next` once `script` has loaded or failed to.
    fn after_load(script: &Element, next: JsValue);
    /// Puts a copy of `template`'s content in the page right after it.
    #[wasm_bindgen(catch)]
    fn unpack(template: &Element) -> Result<(), JsValue>;
}

/// Activates, in document order and once each, the blocked tags of the category or service
/// `id` (`attribute` is `data-cookie-category` or `data-cookie-service`): an external script
/// runs (or fails) before the tags after it are activated. Scripts get `nonce` (their own, else
/// the configured one).
pub fn activate(attribute: &str, id: &str, nonce: Option<String>) {
    let Some(document) = crate::window::window().and_then(|w| w.document()) else {
        return;
    };
    // `[data-cookie-category="audience"]`, and "not activated yet".
    let marked = text!("[", attribute, "=\"", id, "\"]");
    let waiting = text!(":not([", ACTIVATED_MARKER, "])");
    let selector = text!(
        "script[type=\"text/plain\"]",
        marked,
        waiting,
        ",",
        marked,
        "[data-src]:not(script)",
        waiting,
        ",template",
        marked,
        waiting
    );
    let Ok(list) = document.query_selector_all(&selector) else {
        return;
    };
    let mut tags: Vec<Element> = Vec::with_capacity(list.length() as usize);
    for i in 0..list.length() {
        // `querySelectorAll` lists elements only: no class check.
        if let Some(tag) = list.item(i).map(JsCast::unchecked_into) {
            tags.push(tag);
        }
    }
    // Claim them all first, so that a second activation never runs one of them again.
    for tag in &tags {
        let _ = tag.set_attribute(ACTIVATED_MARKER, "");
    }
    activate_from(document, tags, 0, nonce);
}

/// Activates `tags` from `at` on, until an external script: the rest waits for it to load.
fn activate_from(document: Document, tags: Vec<Element>, at: usize, nonce: Option<String>) {
    for (i, tag) in tags.iter().enumerate().skip(at) {
        let name = tag.tag_name();
        if name.eq_ignore_ascii_case("template") {
            let focused = placeholders::remove_for(tag);
            if unpack(tag).is_err() {
                console::error("a blocked template could not be put in the page");
            } else if let Some(copy) = tag.next_element_sibling().filter(|_| focused) {
                placeholders::take_focus(&copy);
            }
        } else if name.eq_ignore_ascii_case("script") {
            if let Some(external) = activate_script(&document, tag, nonce.as_deref()) {
                let next =
                    Closure::once_into_js(move || activate_from(document, tags, i + 1, nonce));
                after_load(&external, next);
                return;
            }
        } else if let Some(src) = tag.get_attribute("data-src") {
            match scripts::resolve_http_url(&src) {
                Ok(href) => {
                    let _ = tag.set_attribute("src", &href);
                    if placeholders::remove_for(tag) {
                        placeholders::take_focus(tag);
                    }
                }
                Err(e) => console::error(&text!("blocked element not activated: ", e)),
            }
        }
    }
}

/// Inserts a live copy of a blocked script after it: same attributes but `type` (taken from
/// `data-type` if given), same inline text. Returns the copy when it is external (to wait for).
fn activate_script(document: &Document, blocked: &Element, nonce: Option<&str>) -> Option<Element> {
    let live = document.create_element("script").ok()?;
    // A parsed nonce attribute reads as empty; the property keeps it.
    let own_nonce = js_sys::Reflect::get(blocked, &"nonce".into())
        .ok()
        .and_then(|n| n.as_string());
    if let Some(nonce) = own_nonce.filter(|n| !n.is_empty()).as_deref().or(nonce) {
        let _ = live.set_attribute("nonce", nonce);
    }
    let names = blocked.get_attribute_names();
    for i in 0..names.length() {
        let name = names.get(i).as_string().unwrap_or_default();
        if matches!(name.as_str(), "type" | "src" | "data-type" | "nonce") {
            continue;
        }
        if let Some(value) = blocked.get_attribute(&name) {
            let _ = live.set_attribute(&name, &value);
        }
    }
    if let Some(kind) = blocked.get_attribute("data-type") {
        let _ = live.set_attribute("type", &kind);
    }
    let filled = match blocked.get_attribute("src") {
        Some(src) => {
            scripts::resolve_http_url(&src).and_then(|href| scripts::set_src(&live, &href))
        }
        None => scripts::set_text(&live, &blocked.text_content().unwrap_or_default()),
    };
    if let Err(e) = filled {
        console::error(&text!("blocked script not activated: ", e));
        return None;
    }
    // Made by `createElement("script")`: a script element, unchecked. Not async, so that the
    // portal's scripts run in the order of its page.
    live.unchecked_ref::<HtmlScriptElement>().set_async(false);
    let parent = blocked.parent_node()?;
    parent
        .insert_before(&live, blocked.next_sibling().as_ref())
        .ok()?;
    live.has_attribute("src").then_some(live)
}
