//! The two shapes of callback the wasm hands the page's JavaScript: called once, or called any
//! number of times, each with one value. Every callback goes through one of these two
//! conversions, so that the wasm holds one copy of the glue's wrapper for each rather than one
//! for each closure type (docs/size.md).

use wasm_bindgen::prelude::*;

/// A callback the page may call any number of times, as long as it lives.
pub type Callback = Closure<dyn Fn(JsValue)>;

/// `f` as a JavaScript function the page calls once, with one value.
pub fn once(f: Box<dyn FnOnce(JsValue)>) -> JsValue {
    Closure::once_into_js(f)
}

/// `f` as a JavaScript function the page may call any number of times, with one value, until
/// the returned [`Callback`] is dropped.
pub fn callback(f: Box<dyn Fn(JsValue)>) -> Callback {
    Closure::wrap(f)
}
