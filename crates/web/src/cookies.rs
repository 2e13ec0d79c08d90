//! `document.cookie`, read and written as strings.

use wasm_bindgen::JsCast;
use web_sys::HtmlDocument;

use cookie_charter_core::cookie_codec;
use cookie_charter_core::cookie_patterns::Reach;
use cookie_charter_core::text::text;

fn html_document() -> Option<HtmlDocument> {
    crate::window::window()?
        .document()?
        .dyn_into::<HtmlDocument>()
        .ok()
}

/// Assigns `assignment` (a `name=value; attributes` string) to `document.cookie`.
/// Returns `false` when the page cannot write cookies (sandboxed, or cookies disabled).
pub fn write(assignment: &str) -> bool {
    html_document().is_some_and(|doc| doc.set_cookie(assignment).is_ok())
}

/// Whether the page is served over https, so that cookies get the `Secure` attribute.
pub fn page_is_secure() -> bool {
    crate::window::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "https:")
}

/// The whole `document.cookie` string (empty when cookies cannot be read).
pub fn all() -> String {
    html_document()
        .and_then(|doc| doc.cookie().ok())
        .unwrap_or_default()
}

/// The page's host and path (`location.hostname`, `location.pathname`): where its cookies
/// can be set.
fn page_location() -> (String, String) {
    let location = crate::window::window().map(|w| w.location());
    let host = location.as_ref().and_then(|l| l.hostname().ok());
    let path = location.as_ref().and_then(|l| l.pathname().ok());
    (
        host.unwrap_or_default(),
        path.unwrap_or_else(|| "/".to_owned()),
    )
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
