//! Messages for the portal's web team, in the browser console, prefixed `[cookie-charter]`.

use cookie_charter_core::text::text;

/// Logs an error: a misconfiguration or a refused input.
pub fn error(message: &str) {
    web_sys::console::error_1(&text!("[cookie-charter] ", message).into());
}

/// Logs a warning: something ignored that the page may want to know about.
pub fn warn(message: &str) {
    web_sys::console::warn_1(&text!("[cookie-charter] ", message).into());
}
