//! The `cookies_preferences` cookie: its value format, version 1, and the `document.cookie`
//! strings that read and write it.
//!
//! The value is URI-encoded (as `encodeURIComponent` does) JSON:
//! `{"v":1,"t":<unix seconds>,"r":"<charter revision>","c":{"<category>":<bool>,…},"i":"<receipt id>"}`
//! (`i` optional).
//! Anything else — not UTF-8, not that JSON, another version, too old, from the future or for
//! another charter revision — is an error, which the component treats as "no choice".

use std::fmt;

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::consent::{Choice, Decisions, UnixSeconds};
use super::json::{self, FieldError, Json, Reader, ROOT};

/// Name of the cookie that records the visitor's choice.
pub const COOKIE_NAME: &str = "cookies_preferences";
/// The format version this code writes and the only one it reads.
pub const FORMAT_VERSION: u32 = 1;
/// Longest value accepted; anything longer is rejected unread.
pub const MAX_VALUE_LEN: usize = 1024;
/// How far in the future a timestamp may be (clock adjustments) before it is rejected.
pub const FUTURE_TOLERANCE_SECS: u64 = 3600;

/// Like `encodeURIComponent`: everything but letters, digits and `-_.!~*'()` is escaped.
const URI_COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

/// Why a stored value does not count as a choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Longer than [`MAX_VALUE_LEN`].
    TooLong(usize),
    /// The percent-decoding is not UTF-8.
    NotUtf8,
    /// Not the JSON object of the format.
    Malformed(String),
    /// A `v` other than [`FORMAT_VERSION`].
    UnknownVersion(u64),
    /// Made more than the consent lifetime ago.
    Expired,
    /// Dated in the future.
    FromTheFuture,
    /// Made for another revision of the charter.
    RevisionChanged,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::TooLong(n) => write!(
                f,
                "value is {n} characters long, at most {MAX_VALUE_LEN} are read"
            ),
            DecodeError::NotUtf8 => f.write_str("value is not URI-encoded UTF-8"),
            DecodeError::Malformed(why) => write!(f, "value is not the expected JSON ({why})"),
            DecodeError::UnknownVersion(v) => write!(
                f,
                "format version {v} is unknown (expected {FORMAT_VERSION})"
            ),
            DecodeError::Expired => f.write_str("the choice is older than the consent lifetime"),
            DecodeError::FromTheFuture => f.write_str("the choice is dated in the future"),
            DecodeError::RevisionChanged => {
                f.write_str("the charter changed since the choice was made")
            }
        }
    }
}

/// Whether `id` can be a receipt id: 1 to 64 letters, digits or hyphens.
pub fn is_receipt_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The cookie value for `choice`.
pub fn encode(choice: &Choice) -> String {
    let receipt = choice
        .receipt
        .as_ref()
        .map(|id| ("i", Json::String(id.clone())));
    let wire = json::object(
        [
            ("v", Json::Number(f64::from(FORMAT_VERSION))),
            ("t", Json::Number(choice.decided_at as f64)),
            ("r", Json::String(choice.revision.clone())),
            ("c", json::boolean_map(choice.categories.iter())),
        ]
        .into_iter()
        .chain(receipt),
    );
    utf8_percent_encode(&wire.to_text(), URI_COMPONENT).to_string()
}

/// What a stored value must agree with to count as a choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expectations<'a> {
    /// The time now.
    pub now: UnixSeconds,
    /// The consent lifetime, in days.
    pub lifetime_days: u32,
    /// The revision of the charter in force.
    pub revision: &'a str,
}

/// The choice a cookie value records, if it is valid now.
pub fn decode(value: &str, expect: &Expectations<'_>) -> Result<Choice, DecodeError> {
    if value.len() > MAX_VALUE_LEN {
        return Err(DecodeError::TooLong(value.len()));
    }
    let json = percent_decode_str(value)
        .decode_utf8()
        .map_err(|_| DecodeError::NotUtf8)?;
    let value = json::parse(&json).map_err(DecodeError::Malformed)?;
    let wire = read_wire(&value)?;
    if wire.t > expect.now.saturating_add(FUTURE_TOLERANCE_SECS) {
        return Err(DecodeError::FromTheFuture);
    }
    if expect.now.saturating_sub(wire.t) > u64::from(expect.lifetime_days) * 86_400 {
        return Err(DecodeError::Expired);
    }
    if wire.r != expect.revision {
        return Err(DecodeError::RevisionChanged);
    }
    if wire.i.as_deref().is_some_and(|id| !is_receipt_id(id)) {
        return Err(DecodeError::Malformed(
            "the receipt id is not 1 to 64 letters, digits or hyphens".into(),
        ));
    }
    Ok(Choice {
        categories: wire.c,
        decided_at: wire.t,
        revision: wire.r,
        receipt: wire.i,
    })
}

/// The fields of a version 1 value.
struct WireV1 {
    t: UnixSeconds,
    r: String,
    c: Decisions,
    i: Option<String>,
}

/// Reads the version first (another version may have other fields), then the v1 fields.
fn read_wire(value: &Json) -> Result<WireV1, DecodeError> {
    let mut r = Reader::default();
    let malformed = |problems: Vec<FieldError>| {
        DecodeError::Malformed(
            problems
                .first()
                .map(ToString::to_string)
                .unwrap_or_default(),
        )
    };
    let Some(o) = r.object(value, ROOT, &["v", "t", "r", "c", "i"]) else {
        return Err(malformed(r.problems));
    };
    let version = r.field(&o, "v", true, Reader::whole_number);
    match version {
        Some(v) if v == u64::from(FORMAT_VERSION) => {}
        Some(v) => return Err(DecodeError::UnknownVersion(v)),
        None => return Err(malformed(r.problems)),
    }
    let wire = WireV1 {
        t: r.field(&o, "t", true, Reader::whole_number)
            .unwrap_or_default(),
        r: r.required_string(&o, "r").unwrap_or_default(),
        c: r.field(&o, "c", true, Reader::boolean_map)
            .unwrap_or_default()
            .into_iter()
            .collect(),
        i: r.optional_string(&o, "i"),
    };
    r.finish(Some(wire)).map_err(malformed)
}

/// The value of the first cookie called `name` in a `document.cookie` string.
pub fn find<'a>(cookie_header: &'a str, name: &str) -> Option<&'a str> {
    cookie_header.split(';').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key.trim() == name).then(|| value.trim())
    })
}

/// Attributes of the written cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CookieAttributes<'a> {
    /// `Max-Age`, in seconds.
    pub max_age_secs: u64,
    /// `Domain`, to share the cookie across subdomains; host-only when `None`.
    pub domain: Option<&'a str>,
    /// Add `Secure` (the page is served over https).
    pub secure: bool,
}

/// The string to assign to `document.cookie` to store `value` under `name`.
pub fn assignment(name: &str, value: &str, attrs: &CookieAttributes<'_>) -> String {
    let mut s = format!(
        "{name}={value}; Path=/; Max-Age={}; SameSite=Lax",
        attrs.max_age_secs
    );
    if let Some(domain) = attrs.domain {
        s.push_str("; Domain=");
        s.push_str(domain);
    }
    if attrs.secure {
        s.push_str("; Secure");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::charter::Charter;

    const NOW: UnixSeconds = 1_790_000_000;

    fn expect(revision: &str) -> Expectations<'_> {
        Expectations {
            now: NOW,
            lifetime_days: 182,
            revision,
        }
    }

    fn sample(audience: bool) -> Choice {
        Choice::new(&Charter::opendatasoft_default(), NOW - 10, |_| audience)
    }

    #[test]
    fn round_trip() {
        for audience in [true, false] {
            let choice = sample(audience);
            let value = encode(&choice);
            assert_eq!(decode(&value, &expect(&choice.revision)), Ok(choice));
        }
    }

    #[test]
    fn value_is_uri_encoded_json_of_the_documented_shape() {
        let choice = sample(false);
        let value = encode(&choice);
        assert!(!value.contains([';', ',', ' ', '"', '{']), "{value}");
        let json = percent_decode_str(&value).decode_utf8().unwrap();
        assert_eq!(
            json,
            format!(
                r#"{{"v":1,"t":{},"r":"{}","c":{{"audience":false,"necessary":true}}}}"#,
                NOW - 10,
                choice.revision
            )
        );
    }

    #[test]
    fn rejects_values_that_do_not_parse() {
        let rev = "00000000";
        for bad in [
            "", "true", "%7B", "%7B%7D", "hello", "%FF%FE", "null", "%5B1%5D",
        ] {
            assert!(decode(bad, &expect(rev)).is_err(), "accepted {bad:?}");
        }
        assert_eq!(decode("%FF", &expect(rev)), Err(DecodeError::NotUtf8));
    }

    fn encode_json(json: &str) -> String {
        utf8_percent_encode(json, URI_COMPONENT).to_string()
    }

    #[test]
    fn rejects_other_versions_and_extra_or_wrong_fields() {
        let t = NOW;
        let v2 = encode_json(&format!(r#"{{"v":2,"t":{t},"r":"x","c":{{}}}}"#));
        assert_eq!(
            decode(&v2, &expect("x")),
            Err(DecodeError::UnknownVersion(2))
        );
        let extra = encode_json(&format!(r#"{{"v":1,"t":{t},"r":"x","c":{{}},"z":1}}"#));
        assert!(matches!(
            decode(&extra, &expect("x")),
            Err(DecodeError::Malformed(_))
        ));
        let not_bool = encode_json(&format!(
            r#"{{"v":1,"t":{t},"r":"x","c":{{"audience":"yes"}}}}"#
        ));
        assert!(matches!(
            decode(&not_bool, &expect("x")),
            Err(DecodeError::Malformed(_))
        ));
        let negative_time = encode_json(r#"{"v":1,"t":-5,"r":"x","c":{}}"#);
        assert!(matches!(
            decode(&negative_time, &expect("x")),
            Err(DecodeError::Malformed(_))
        ));
    }

    #[test]
    fn rejects_expired_future_and_other_revisions() {
        let mut choice = sample(true);
        let rev = choice.revision.clone();
        choice.decided_at = NOW - 183 * 86_400;
        assert_eq!(
            decode(&encode(&choice), &expect(&rev)),
            Err(DecodeError::Expired)
        );
        choice.decided_at = NOW - 181 * 86_400;
        assert!(decode(&encode(&choice), &expect(&rev)).is_ok());
        choice.decided_at = NOW + 2 * FUTURE_TOLERANCE_SECS;
        assert_eq!(
            decode(&encode(&choice), &expect(&rev)),
            Err(DecodeError::FromTheFuture)
        );
        choice.decided_at = NOW;
        assert_eq!(
            decode(&encode(&choice), &expect("deadbeef")),
            Err(DecodeError::RevisionChanged)
        );
    }

    #[test]
    fn carries_the_receipt_id() {
        let mut choice = sample(true);
        choice.receipt = Some("3f2a9c1e-77b0-4d2e-9a51-0c6e5d4b3a21".into());
        let value = encode(&choice);
        assert_eq!(
            decode(&value, &expect(&choice.revision)),
            Ok(choice.clone())
        );
        choice.receipt = Some("bad id;".into());
        assert!(matches!(
            decode(&encode(&choice), &expect(&choice.revision)),
            Err(DecodeError::Malformed(_))
        ));
    }

    #[test]
    fn rejects_long_values_unread() {
        let long = "a".repeat(MAX_VALUE_LEN + 1);
        assert_eq!(
            decode(&long, &expect("x")),
            Err(DecodeError::TooLong(MAX_VALUE_LEN + 1))
        );
    }

    #[test]
    fn truncated_values_are_rejected() {
        let choice = sample(true);
        let value = encode(&choice);
        for cut in 1..value.len() {
            assert!(
                decode(&value[..cut], &expect(&choice.revision)).is_err(),
                "accepted prefix {cut}"
            );
        }
    }

    #[test]
    fn finds_a_cookie_among_others() {
        let header = "a=1; cookies_preferences=xyz; cookies_preferences_old=2";
        assert_eq!(find(header, COOKIE_NAME), Some("xyz"));
        assert_eq!(find("cookies_preferences_old=2", COOKIE_NAME), None);
        assert_eq!(find("", COOKIE_NAME), None);
        assert_eq!(find("x=cookies_preferences=1", COOKIE_NAME), None);
    }

    #[test]
    fn writes_the_cookie_attributes() {
        let plain = CookieAttributes {
            max_age_secs: 60,
            domain: None,
            secure: false,
        };
        assert_eq!(
            assignment("n", "v", &plain),
            "n=v; Path=/; Max-Age=60; SameSite=Lax"
        );
        let shared = CookieAttributes {
            max_age_secs: 1,
            domain: Some("example.org"),
            secure: true,
        };
        assert_eq!(
            assignment("n", "v", &shared),
            "n=v; Path=/; Max-Age=1; SameSite=Lax; Domain=example.org; Secure"
        );
    }
}
