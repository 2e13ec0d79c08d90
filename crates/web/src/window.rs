//! The page's `window`, read from the global scope by its name. web-sys's own `window()` looks
//! for the global object four ways and checks its class at every call, code that every caller
//! would carry.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `window`, or `None` where the global scope has none (a worker).
    #[wasm_bindgen(thread_local_v2, js_name = window)]
    static WINDOW: Option<web_sys::Window>;
}

/// The page's window, or `None` where there is none (a worker): what each wrapper starts from.
pub fn window() -> Option<web_sys::Window> {
    WINDOW.with(Clone::clone)
}
