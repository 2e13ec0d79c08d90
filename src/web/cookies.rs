//! `document.cookie`, read and written as strings.

use wasm_bindgen::JsCast;
use web_sys::HtmlDocument;

use crate::core::cookie_codec;

fn html_document() -> Option<HtmlDocument> {
    web_sys::window()?
        .document()?
        .dyn_into::<HtmlDocument>()
        .ok()
}

/// The value of the cookie `name`, if the page can read cookies and has one.
pub fn read(name: &str) -> Option<String> {
    cookie_codec::find(&all(), name).map(str::to_owned)
}

/// Assigns `assignment` (a `name=value; attributes` string) to `document.cookie`.
/// Returns `false` when the page cannot write cookies (sandboxed, or cookies disabled).
pub fn write(assignment: &str) -> bool {
    html_document().is_some_and(|doc| doc.set_cookie(assignment).is_ok())
}

/// Whether the page is served over https, so that cookies get the `Secure` attribute.
pub fn page_is_secure() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "https:")
}

/// The whole `document.cookie` string (empty when cookies cannot be read).
pub fn all() -> String {
    html_document()
        .and_then(|doc| doc.cookie().ok())
        .unwrap_or_default()
}

/// Expires every cookie matching `patterns` (never the consent cookie), host-only and on
/// the host's parent domains and `configured_domain`.
pub fn erase_matching(patterns: &[&str], configured_domain: Option<&str>) {
    let host = web_sys::window()
        .and_then(|w| w.location().hostname().ok())
        .unwrap_or_default();
    for assignment in
        crate::core::cookie_patterns::erase_assignments(&all(), patterns, &host, configured_domain)
    {
        write(&assignment);
    }
}

/// Whether this page can keep a cookie: a probe cookie is written, read back and removed.
pub fn can_store() -> bool {
    const PROBE: &str = "cookie_charter_probe";
    if !write(&format!("{PROBE}=1; Path=/; Max-Age=10; SameSite=Lax")) {
        return false;
    }
    let stored = read(PROBE).is_some();
    write(&format!("{PROBE}=; Path=/; Max-Age=0"));
    stored
}
