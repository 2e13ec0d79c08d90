//! Privacy signals the browser sends.

use js_sys::Reflect;

/// Whether `navigator.globalPrivacyControl` is `true`.
pub fn global_privacy_control() -> bool {
    crate::window::window()
        .and_then(|w| Reflect::get(&w.navigator(), &"globalPrivacyControl".into()).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
