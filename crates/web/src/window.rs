//! The page's `window`, read from the global scope by its name. web-sys's own `window()` looks
//! for the global object four ways and checks its class at every call, code that every caller
//! would carry.

use wasm_bindgen::prelude::*;

// A function rather than a `static`: the attribute for statics differs across the wasm-bindgen
// versions the crate accepts (from 0.2.95).
#[wasm_bindgen(inline_js = r#"
export function page_window() {
  return typeof window === 'undefined' ? undefined : window;
}
"#)]
extern "C" {
    fn page_window() -> Option<web_sys::Window>;
}

/// The page's window, or `None` where there is none (a worker): what each wrapper starts from.
pub fn window() -> Option<web_sys::Window> {
    page_window()
}
