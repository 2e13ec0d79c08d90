//! The time, for dating choices.

use cookie_charter_core::consent::UnixSeconds;

/// Seconds since the Unix epoch, from the browser's clock.
pub fn now() -> UnixSeconds {
    (js_sys::Date::now() / 1000.0) as UnixSeconds
}
