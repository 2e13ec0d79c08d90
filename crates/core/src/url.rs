//! The URLs a portal configures (audience script, policy page, receipts, charter): absolute
//! http(s) or relative, nothing a browser would rewrite.

use super::text::{display_by_pieces, Piece};

/// Why a URL is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlError {
    /// Nothing but spaces.
    Empty,
    /// Contains white space, a control character or a backslash, which browsers rewrite.
    UnsafeCharacter,
    /// Has a scheme other than `http:` or `https:` (e.g. `javascript:`, `data:`).
    Scheme,
    /// The browser cannot resolve it against the page's address to an http(s) URL.
    Unresolvable,
}

impl Piece for UrlError {
    fn push_to(&self, out: &mut String) {
        out.push_str(match self {
            UrlError::Empty => "it is empty",
            UrlError::UnsafeCharacter => {
                "it contains white space, a control character or a backslash"
            }
            UrlError::Scheme => "its scheme is not http or https",
            UrlError::Unresolvable => "it does not resolve to an http(s) URL from this page",
        })
    }
}

display_by_pieces!(UrlError);

/// Checks that `url` is an absolute http(s) URL or a relative one (path, `?query`, `#hash`,
/// or protocol-relative). White space anywhere, leading and trailing included, is refused:
/// what docs/embedding.md promises, and never a guess at what was meant.
#[allow(clippy::disallowed_methods)] // ASCII char patterns only: memchr, no substring searcher
pub fn check_url(url: &str) -> Result<&str, UrlError> {
    if url.trim().is_empty() {
        return Err(UrlError::Empty);
    }
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return Err(UrlError::UnsafeCharacter);
    }
    match url.find([':', '/', '?', '#']) {
        Some(i) if url.as_bytes()[i] == b':' => {
            let scheme = &url[..i];
            if scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https") {
                Ok(url)
            } else {
                Err(UrlError::Scheme)
            }
        }
        _ => Ok(url),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn accepts_http_https_and_relative_urls() {
        for ok in [
            "https://example.org/matomo.js",
            "HTTP://example.org/a.js",
            "/stats/a.js",
            "stats/a.js",
            "./a.js",
            "?x=1",
            "//cdn.example.org/a.js",
            "a.js?x=http:y",
        ] {
            assert_eq!(check_url(ok), Ok(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_other_schemes_and_rewritable_characters() {
        for (bad, why) in [
            ("javascript:alert(1)", UrlError::Scheme),
            ("JavaScript:alert(1)", UrlError::Scheme),
            ("data:text/javascript,alert(1)", UrlError::Scheme),
            ("vbscript:x", UrlError::Scheme),
            ("blob:https://x/1", UrlError::Scheme),
            ("java\tscript:alert(1)", UrlError::UnsafeCharacter),
            ("java\nscript:alert(1)", UrlError::UnsafeCharacter),
            ("/a b.js", UrlError::UnsafeCharacter),
            (" /a.js", UrlError::UnsafeCharacter),
            ("/a.js ", UrlError::UnsafeCharacter),
            ("\thttps://example.org/a.js", UrlError::UnsafeCharacter),
            ("https://example.org/a.js\n", UrlError::UnsafeCharacter),
            ("\\\\evil.example/a.js", UrlError::UnsafeCharacter),
            ("   ", UrlError::Empty),
            ("", UrlError::Empty),
        ] {
            assert_eq!(check_url(bad), Err(why), "{bad:?}");
        }
    }
}
