//! Finding and erasing the cookies of a withdrawn category: name patterns with `*`, and the
//! `document.cookie` assignments that expire them on the host and its parent domains.

use super::text::text;

/// The name under which Opendatasoft's platform keeps its visitors' choice, and this
/// component's by default: never erased by a withdrawal, whatever a charter's patterns say.
pub const PLATFORM_CHOICE_COOKIE: &str = "cookies_preferences";

/// Whether `name` matches `pattern`, where `*` stands for any run of characters.
#[allow(clippy::disallowed_methods)] // ASCII char patterns only: memchr, no substring searcher
pub fn matches(pattern: &str, name: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = name.strip_prefix(first) else {
        return false;
    };
    let Some(mut part) = parts.next() else {
        return rest.is_empty(); // no `*`: the whole name must match
    };
    // Each part but the last is found in turn; the last must end the name.
    for next in parts {
        match find(rest, part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
        part = next;
    }
    rest.ends_with(part)
}

/// Where `part` first occurs in `text`: a plain scan, for names and patterns of at most 128
/// bytes (the standard library's `str::find` brings a searcher meant for long texts).
/// A match of a whole UTF-8 `part` starts and ends on character boundaries.
fn find(text: &str, part: &str) -> Option<usize> {
    let (text, part) = (text.as_bytes(), part.as_bytes());
    (0..=text.len().checked_sub(part.len())?).find(|&i| text[i..].starts_with(part))
}

/// The names of the cookies in a `document.cookie` string, in order.
#[allow(clippy::disallowed_methods)] // ASCII char patterns only: memchr, no substring searcher
pub fn cookie_names(cookie_header: &str) -> Vec<&str> {
    let mut names = Vec::new();
    for pair in cookie_header.split(';') {
        let name = pair.split_once('=').map_or(pair, |(k, _)| k).trim();
        if !name.is_empty() {
            names.push(name);
        }
    }
    names
}

/// Whether `host`, a URL's host name as the browser gives it (`location.hostname`), is an IP
/// address: IPv6 comes in brackets, and a host whose last label is a number is IPv4 (the URL
/// standard parses it as one, and the browser writes it in dotted decimal).
#[allow(clippy::disallowed_methods)] // ASCII char patterns only: memchr, no substring searcher
fn is_ip_address(host: &str) -> bool {
    // After the last dot (a byte scan: `rsplit` brings a reverse searcher).
    let last_label = &host[host
        .bytes()
        .rposition(|b| b == b'.')
        .map_or(0, |dot| dot + 1)..];
    host.starts_with('[')
        || host.contains(':')
        || (!last_label.is_empty() && last_label.bytes().all(|b| b.is_ascii_digit()))
}

/// The domains a script on `host` may have set cookies on: the host and each parent with at
/// least two labels (`a.b.example.fr` → `a.b.example.fr`, `b.example.fr`, `example.fr`), plus
/// the configured cookie domain. None for `localhost` or an IP address (host-only cookies).
#[allow(clippy::disallowed_methods)] // ASCII char patterns only: memchr, no substring searcher
pub fn candidate_domains(host: &str, configured: Option<&str>) -> Vec<String> {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    let is_ip = is_ip_address(&host);
    let mut domains = Vec::new();
    if !is_ip && host.as_bytes().contains(&b'.') {
        // Each suffix of the host that starts a label, but the last label alone.
        let mut from = 0;
        while let Some(dot) = host[from..].find('.') {
            domains.push(host[from..].to_owned());
            from += dot + 1;
        }
    }
    if let Some(domain) = configured {
        if !domains.iter().any(|d| d == domain) {
            domains.push(domain.to_owned());
        }
    }
    domains
}

/// The paths a cookie visible on a page at `path` may have been set on: `/`, each directory
/// along `path` with and without its trailing slash (a cookie set without `Path` gets the
/// latter), and `path` itself (`/t/a.html` → `/`, `/t`, `/t/`, `/t/a.html`).
#[allow(clippy::disallowed_methods)] // ASCII char patterns only: memchr, no substring searcher
pub fn cookie_paths(path: &str) -> Vec<&str> {
    let mut paths = vec!["/"];
    for (at, _) in path.match_indices('/').skip(1) {
        paths.push(&path[..at]);
        paths.push(&path[..=at]);
    }
    if path.len() > 1 && !path.ends_with('/') {
        paths.push(path);
    }
    paths
}

/// Where a page on `host` at `path` can reach cookies: every [`cookie_paths`], each host-only
/// and on each of [`candidate_domains`].
pub struct Reach<'a> {
    paths: Vec<&'a str>,
    domains: Vec<String>,
}

impl<'a> Reach<'a> {
    /// The reach of a page on `host` (`location.hostname`) at `path` (`location.pathname`),
    /// with the configured cookie domain.
    pub fn new(host: &str, path: &'a str, configured_domain: Option<&str>) -> Reach<'a> {
        Reach {
            paths: cookie_paths(path),
            domains: candidate_domains(host, configured_domain),
        }
    }

    /// The assignments to `document.cookie` that expire the cookie `name` in every form this
    /// page can reach.
    pub fn expire(&self, name: &str) -> Vec<String> {
        let mut assignments = Vec::new();
        for path in &self.paths {
            assignments.push(text!(name, "=; Path=", path, "; Max-Age=0"));
            for domain in &self.domains {
                assignments.push(text!(
                    name,
                    "=; Path=",
                    path,
                    "; Max-Age=0; Domain=",
                    domain
                ));
            }
        }
        assignments
    }

    /// The assignments that expire every cookie of `cookie_header` matching one of
    /// `patterns` and none of `kept` (the cookies of what is still accepted or required),
    /// everywhere this page can reach. The consent cookie (`keep`, its configured name) is
    /// never erased this way, nor one called `cookies_preferences` (Opendatasoft's platform
    /// keeps its own choice under that name where the portal renamed this one).
    pub fn erase_matching(
        &self,
        cookie_header: &str,
        patterns: &[&str],
        kept: &[&str],
        keep: &str,
    ) -> Vec<String> {
        let mut assignments = Vec::new();
        let mut seen = Vec::new();
        for name in cookie_names(cookie_header) {
            if name == PLATFORM_CHOICE_COOKIE
                || name == keep
                || seen.contains(&name)
                || !patterns.iter().any(|p| matches(p, name))
                || kept.iter().any(|p| matches(p, name))
            {
                continue;
            }
            seen.push(name);
            assignments.append(&mut self.expire(name));
        }
        assignments
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn glob_matching() {
        assert!(matches("_ga", "_ga"));
        assert!(!matches("_ga", "_gat"));
        assert!(!matches("_ga", "x_ga"));
        assert!(matches("_ga_*", "_ga_ABC123"));
        assert!(!matches("_ga_*", "_ga"));
        assert!(matches("_pk_id.*", "_pk_id.1.d3m0"));
        assert!(matches("_pk_*.*", "_pk_ses.1.d3m0"));
        assert!(matches("*_consent", "matomo_consent"));
        assert!(matches("a*b*c", "a-x-b-y-c"));
        assert!(!matches("a*b*c", "a-x-c-y-b"));
        assert!(matches("*", "anything"));
        assert!(matches("*", ""));
        assert!(matches("**", ""));
        assert!(!matches("", "a"));
        assert!(matches("a*a", "aa"));
        assert!(!matches("a*a", "a"));
        assert!(matches("*ab", "aab"));
        assert!(matches("é*ü", "éxü"));
        assert!(!matches("é*ü", "éxu"));
    }

    /// What `*` means, said the slow way: the pattern's first character against the name's,
    /// a `*` taking nothing or one more character.
    fn matches_by_definition(pattern: &[char], name: &[char]) -> bool {
        match (pattern.split_first(), name.split_first()) {
            (None, _) => name.is_empty(),
            (Some(('*', rest)), _) => {
                matches_by_definition(rest, name)
                    || (!name.is_empty() && matches_by_definition(pattern, &name[1..]))
            }
            (Some((c, rest)), Some((d, name_rest))) => {
                c == d && matches_by_definition(rest, name_rest)
            }
            (Some(_), None) => false,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn glob_matching_agrees_with_its_definition(
            pattern in "[ab*é]{0,8}",
            name in "[abé]{0,10}",
        ) {
            let chars = |s: &str| s.chars().collect::<Vec<_>>();
            proptest::prop_assert_eq!(
                matches(&pattern, &name),
                matches_by_definition(&chars(&pattern), &chars(&name)),
                "{} against {}", pattern, name
            );
        }
    }

    #[test]
    fn lists_cookie_names() {
        assert_eq!(
            cookie_names("a=1; _ga=GA1.1; b=; c"),
            ["a", "_ga", "b", "c"]
        );
        assert!(cookie_names("").is_empty());
    }

    #[test]
    fn candidate_domains_walk_up_to_two_labels() {
        assert_eq!(
            candidate_domains("data.saintnazaireagglo.fr", None),
            ["data.saintnazaireagglo.fr", "saintnazaireagglo.fr"]
        );
        assert_eq!(
            candidate_domains("a.b.example.fr", Some("example.fr")),
            ["a.b.example.fr", "b.example.fr", "example.fr"]
        );
        assert!(candidate_domains("localhost", None).is_empty());
        assert!(candidate_domains("127.0.0.1", None).is_empty());
        assert!(candidate_domains("192.168.10.20", None).is_empty());
        assert!(candidate_domains("[::1]", None).is_empty());
        assert!(candidate_domains("[2001:db8::1]", None).is_empty());
        assert_eq!(
            candidate_domains("stats.data.2024.example.fr", None),
            [
                "stats.data.2024.example.fr",
                "data.2024.example.fr",
                "2024.example.fr",
                "example.fr"
            ],
            "a numeric label that is not the last one is a name"
        );
        assert_eq!(
            candidate_domains("localhost", Some("localhost")),
            ["localhost"]
        );
    }

    #[test]
    fn erases_matching_cookies_everywhere_but_never_the_consent_cookie() {
        let header =
            "sessionid=1; _ga=GA1; _ga_XYZ=2; _pk_id.1.ab=3; cookies_preferences=x; other=4";
        let patterns = ["_ga", "_ga_*", "_pk_id.*", "*"];
        let got = Reach::new("data.example.fr", "/", None).erase_matching(
            header,
            &patterns,
            &[],
            PLATFORM_CHOICE_COOKIE,
        );
        assert!(got.contains(&"_ga=; Path=/; Max-Age=0".to_owned()));
        assert!(got.contains(&"_ga=; Path=/; Max-Age=0; Domain=example.fr".to_owned()));
        assert!(got.contains(&"_pk_id.1.ab=; Path=/; Max-Age=0; Domain=data.example.fr".to_owned()));
        assert!(!got.iter().any(|a| a.starts_with("cookies_preferences=")));
        let only_audience = Reach::new("localhost", "/", None).erase_matching(
            header,
            &["_ga", "_ga_*", "_pk_id.*"],
            &["sessionid"],
            PLATFORM_CHOICE_COOKIE,
        );
        assert_eq!(
            only_audience,
            [
                "_ga=; Path=/; Max-Age=0",
                "_ga_XYZ=; Path=/; Max-Age=0",
                "_pk_id.1.ab=; Path=/; Max-Age=0"
            ]
        );
    }

    #[test]
    fn cookie_paths_walk_down_the_page_path() {
        assert_eq!(cookie_paths("/"), ["/"]);
        assert_eq!(cookie_paths("/a.html"), ["/", "/a.html"]);
        assert_eq!(
            cookie_paths("/t/dup/page.html"),
            ["/", "/t", "/t/", "/t/dup", "/t/dup/", "/t/dup/page.html"]
        );
        assert_eq!(
            cookie_paths("/t/dup/"),
            ["/", "/t", "/t/", "/t/dup", "/t/dup/"]
        );
    }

    #[test]
    fn expires_a_cookie_host_only_and_on_every_domain_and_path() {
        let reach = Reach::new("www.portal.test", "/t/p.html", Some("portal.test"));
        let got = reach.expire("cookies_preferences");
        for path in ["/", "/t", "/t/", "/t/p.html"] {
            let host_only = format!("cookies_preferences=; Path={path}; Max-Age=0");
            assert!(got.contains(&host_only), "{host_only}");
            for domain in ["www.portal.test", "portal.test"] {
                let shared = format!("{host_only}; Domain={domain}");
                assert!(got.contains(&shared), "{shared}");
            }
        }
        assert_eq!(got.len(), 4 * 3);
    }
}
