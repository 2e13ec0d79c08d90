//! The events the component dispatches on `document`: `cookie-charter:change` after each choice,
//! `cookie-charter:error` when something it added failed.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use cookie_charter_core::charter::Charter;
use cookie_charter_core::consent::Choice;

/// Name of the event dispatched on `document` after each choice.
pub const CHANGE_EVENT: &str = "cookie-charter:change";
/// Name of the event dispatched on `document` when something the component added failed.
pub const ERROR_EVENT: &str = "cookie-charter:error";

#[wasm_bindgen(inline_js = r#"
export function dispatch(name, detail) {
  document.dispatchEvent(new CustomEvent(name, { detail }));
}
"#)]
extern "C" {
    /// Dispatches `CustomEvent(name, { detail })` on `document`: one crossing instead of four.
    /// Whatever a listener throws stays with it.
    #[wasm_bindgen(catch)]
    fn dispatch(name: &str, detail: &JsValue) -> Result<(), JsValue>;
}

/// Dispatches `cookie-charter:error` with `{ type, src }` as `detail`.
pub fn dispatch_error(kind: &str, src: &str) {
    let detail = Object::new();
    let _ = Reflect::set(&detail, &"type".into(), &kind.into());
    let _ = Reflect::set(&detail, &"src".into(), &src.into());
    let _ = dispatch(ERROR_EVENT, &detail);
}

/// The choice as a plain JS object: one boolean per category, `categories`, for a charter with
/// services `services` (one boolean a service), `decidedAt` (Unix seconds) and `revision`.
pub fn choice_to_js(choice: &Choice, charter: &Charter) -> JsValue {
    let detail = Object::new();
    let categories = Object::new();
    let services = Object::new();
    for (id, on) in choice.categories.pairs() {
        let (name, on) = (JsValue::from_str(id), JsValue::from_bool(*on));
        if charter.service(id).is_some() {
            let _ = Reflect::set(&services, &name, &on);
        } else {
            let _ = Reflect::set(&detail, &name, &on);
            let _ = Reflect::set(&categories, &name, &on);
        }
    }
    if charter.has_services() {
        let _ = Reflect::set(&detail, &"services".into(), &services);
    }
    let _ = Reflect::set(&detail, &"categories".into(), &categories);
    let _ = Reflect::set(
        &detail,
        &"decidedAt".into(),
        &(choice.decided_at as f64).into(),
    );
    let _ = Reflect::set(
        &detail,
        &"revision".into(),
        &choice.revision.as_str().into(),
    );
    detail.into()
}

/// The choice as [`choice_to_js`] makes it, or `null` when there is none: what `getConsent()`
/// returns and `cookie-charter:change` carries.
pub fn consent_to_js(choice: Option<&Choice>, charter: &Charter) -> JsValue {
    choice.map_or(JsValue::NULL, |choice| choice_to_js(choice, charter))
}

/// Dispatches `cookie-charter:change` with the choice as `detail` (`null` after a reset).
pub fn dispatch_change(choice: Option<&Choice>, charter: &Charter) {
    let _ = dispatch(CHANGE_EVENT, &consent_to_js(choice, charter));
}
