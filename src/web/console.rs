//! Messages for the portal's web team, in the browser console, prefixed `[cookie-charter]`.

/// Logs an error: a misconfiguration or a refused input.
pub fn error(message: &str) {
    if muted() {
        return;
    }
    web_sys::console::error_1(&format!("[cookie-charter] {message}").into());
}

/// Logs a warning: something ignored that the page may want to know about.
pub fn warn(message: &str) {
    if muted() {
        return;
    }
    web_sys::console::warn_1(&format!("[cookie-charter] {message}").into());
}

thread_local! {
    static MUTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Silences (or restores) [`error`] and [`warn`]: while the Yew UI takes over from the first
/// layer, which has already reported the same configuration's problems.
pub fn set_muted(muted: bool) {
    MUTED.with(|m| m.set(muted));
}

fn muted() -> bool {
    MUTED.with(std::cell::Cell::get)
}
