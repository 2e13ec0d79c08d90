//! Small DOM helpers: building elements, and waiting for the page to be parsed
//! (the script tag may run in `<head>` before `<body>` exists).

use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

#[wasm_bindgen(inline_js = r#"
export function when_body(f) {
  if (document.body) return f();
  // The parser inserts <body> into <html>: watch for it, once.
  const watch = new MutationObserver(() => {
    if (document.body) { watch.disconnect(); f(); }
  });
  watch.observe(document.documentElement, { childList: true });
}
export function when_parsed(f) {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => f(), { once: true });
  else f();
}
export function when_added(selector, f) {
  // Once a task for any number of additions: a single-page application adds many nodes at once.
  let queued = false;
  const found = (node) => node.nodeType === 1 && (node.matches(selector) || node.querySelector(selector));
  new MutationObserver((records) => {
    if (queued || !records.some((r) => Array.prototype.some.call(r.addedNodes, found))) return;
    queued = true;
    setTimeout(() => { queued = false; f(); }, 0);
  }).observe(document.documentElement, { childList: true, subtree: true });
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = when_body)]
    fn when_body_js(f: JsValue);
    #[wasm_bindgen(js_name = when_parsed)]
    fn when_parsed_js(f: JsValue);
    #[wasm_bindgen(js_name = when_added, catch)]
    fn when_added_js(selector: &str, f: &JsValue) -> Result<(), JsValue>;
}

/// Calls `f` in a task after the page adds elements matching `selector` (or holding some), for
/// as long as the page lives: a single-page application inserts its content after the page
/// was parsed.
pub fn when_added(selector: &str, f: impl Fn() + 'static) {
    let f = crate::callbacks::callback(Box::new(move |_| f())).into_js_value();
    let _ = when_added_js(selector, &f);
}

/// Calls `f` with `<body>` now if the page has one, else as soon as the parser inserts it.
pub fn when_body(f: impl FnOnce(HtmlElement) + 'static) {
    // One instance of the glue for every caller: `f` goes behind a `Box<dyn …>`.
    let f: Box<dyn FnOnce(HtmlElement)> = Box::new(f);
    when_body_js(crate::callbacks::once(Box::new(move |_| {
        if let Some(body) = crate::window::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        {
            f(body);
        }
    })));
}

/// Calls `f` once the whole page is parsed: now if it is, else at `DOMContentLoaded`.
pub fn when_parsed(f: impl FnOnce() + 'static) {
    let f: Box<dyn FnOnce()> = Box::new(f);
    when_parsed_js(crate::callbacks::once(Box::new(move |_| f())));
}
