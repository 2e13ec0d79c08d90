//! `document.cookie`, read and written as strings: which cookies, with which attributes, is
//! decided here; the reading and writing are `cookies.js`'s, which never throws.

use wasm_bindgen::prelude::*;

use cookie_charter_core::cookie_codec;
use cookie_charter_core::cookie_patterns::Reach;
use cookie_charter_core::text::text;

use super::location;

#[wasm_bindgen(module = "/src/cookies.js")]
extern "C" {
    /// Assigns `assignment` (a `name=value; attributes` string) to `document.cookie`.
    /// Returns `false` when the page cannot write cookies (sandboxed, or cookies disabled).
    #[wasm_bindgen(js_name = write_cookie)]
    pub fn write(assignment: &str) -> bool;
    /// The whole `document.cookie` string (empty when cookies cannot be read).
    #[wasm_bindgen(js_name = read_cookies)]
    pub fn all() -> String;
}

/// The page's host and path: where its cookies can be set.
fn page_location() -> (String, String) {
    (location::host(), location::path())
}

/// Expires every cookie matching `patterns` but none of `kept` (never the consent cookie,
/// `keep`), in every form this page can reach: host-only and on its parent domains and
/// `configured_domain`, on every path along its URL.
pub fn erase_matching(
    patterns: &[&str],
    kept: &[&str],
    configured_domain: Option<&str>,
    keep: &str,
) {
    let (host, path) = page_location();
    let reach = Reach::new(&host, &path, configured_domain);
    for assignment in reach.erase_matching(&all(), patterns, kept, keep) {
        write(&assignment);
    }
}

/// Expires the cookie `name` in every form this page can reach (as [`erase_matching`] does).
pub fn expire_everywhere(name: &str, configured_domain: Option<&str>) {
    let (host, path) = page_location();
    for assignment in Reach::new(&host, &path, configured_domain).expire(name) {
        write(&assignment);
    }
}

/// Whether this page can keep a cookie: a probe cookie is written, read back and removed.
pub fn can_store() -> bool {
    const PROBE: &str = cookie_codec::PROBE_COOKIE;
    if !write(&text!(PROBE, "=1; Path=/; Max-Age=10; SameSite=Lax")) {
        return false;
    }
    let stored = !cookie_codec::find_all(&all(), PROBE).is_empty();
    write(&text!(PROBE, "=; Path=/; Max-Age=0"));
    stored
}
