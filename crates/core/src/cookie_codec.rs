//! The `cookies_preferences` cookie: its value format, versions 1 and 3, and the
//! `document.cookie` strings that read and write it.
//!
//! The value is URI-encoded (as `encodeURIComponent` does) JSON:
//! `{"v":1,"t":<unix seconds>,"r":"<charter revision>","c":{"<category>":<bool>,…},"i":"<receipt id>"}`
//! (`i` optional). A charter with services writes version 3, whose `c` gives a category of
//! services as a string of one digit a service, in the charter's order (`1` accepted, `0`
//! refused): `"c":{"embeds":"10",…}` for YouTube accepted and uMap refused. Its ids are the
//! charter's, never a service's, so that every charter the schema accepts keeps its choice
//! within [`MAX_VALUE_LEN`] (version 2 named each service and could not). Anything else — not
//! UTF-8, not that JSON, another version, too old, from the future, for another charter
//! revision, or whose `c` is not exactly the charter's categories in the shape written for
//! them with the required ones accepted — is an error, which the component treats as "no
//! choice".
//!
//! A page may see several copies of the cookie (set on a longer path, or host-only beside a
//! `Domain=` one): [`resolve`] says what they decide together.

use super::charter::Charter;
use super::consent::{Choice, Decisions, UnixSeconds};
use super::json::{self, Json};
use super::text::{append, display_by_pieces, text, Piece};

/// Name of the cookie that records the visitor's choice, unless the portal renames it: the
/// platform's own name, so that a portal's choice is where Opendatasoft keeps it.
pub const COOKIE_NAME: &str = super::cookie_patterns::PLATFORM_CHOICE_COOKIE;
/// Name of the short-lived cookie written to learn whether the page can keep cookies at all.
pub const PROBE_COOKIE: &str = "cookie_charter_probe";
/// The format version written for a charter without services (and read).
pub const FORMAT_VERSION: u32 = 1;
/// The format version written for a charter with services (and read): a category of services
/// records one digit a service, `"c": {"embeds": "10"}`.
pub const FORMAT_VERSION_SERVICES: u32 = 3;
/// Longest value accepted; anything longer is rejected unread. Every charter the schema
/// accepts (16 categories of 16 services, ids of 32 characters) writes less (a test builds the
/// largest), and with the longest name a cookie stays within the 4,096 bytes browsers keep.
pub const MAX_VALUE_LEN: usize = 2048;
/// How far in the future a timestamp may be (clock adjustments) before it is rejected.
pub const FUTURE_TOLERANCE_SECS: u64 = 3600;

/// `text` as `encodeURIComponent` writes it: every byte but letters, digits and `-_.!~*'()`
/// as `%XX`.
fn percent_encode(text: &str) -> String {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(text.len());
    for &b in text.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(DIGITS[usize::from(b >> 4)]));
            out.push(char::from(DIGITS[usize::from(b & 15)]));
        }
    }
    out
}

/// `value` with each `%XX` decoded (any other `%` kept as it is), if that is UTF-8.
fn percent_decode(value: &str) -> Option<String> {
    fn digit(b: u8) -> Option<u8> {
        char::from(b).to_digit(16).map(|d| d as u8)
    }
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i + 1..i + 3) {
            Some(&[high, low]) if bytes[i] == b'%' => digit(high).zip(digit(low)),
            _ => None,
        };
        match escaped {
            Some((high, low)) => {
                out.push(high << 4 | low);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok()
}

/// Why a stored value does not count as a choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Longer than [`MAX_VALUE_LEN`].
    TooLong(usize),
    /// The percent-decoding is not UTF-8.
    NotUtf8,
    /// Not the JSON object of the format.
    Malformed(String),
    /// A `v` other than the charter's: [`FORMAT_VERSION`] without services,
    /// [`FORMAT_VERSION_SERVICES`] with.
    UnknownVersion(u64),
    /// Made more than the consent lifetime ago.
    Expired,
    /// Dated in the future.
    FromTheFuture,
    /// Made for another revision of the charter.
    RevisionChanged,
    /// `c` lacks one of the charter's categories, names another, gives one in another shape
    /// than it is written in, or refuses a required one.
    CategoriesMismatch,
}

impl Piece for DecodeError {
    fn push_to(&self, out: &mut String) {
        match self {
            DecodeError::TooLong(n) => append!(
                out,
                "value is ",
                n,
                " characters long, at most ",
                MAX_VALUE_LEN,
                " are read"
            ),
            DecodeError::NotUtf8 => out.push_str("value is not URI-encoded UTF-8"),
            DecodeError::Malformed(why) => {
                append!(out, "value is not the expected JSON (", why, ")")
            }
            DecodeError::UnknownVersion(v) => append!(
                out,
                "format version ",
                v,
                " is not read for this charter (version ",
                FORMAT_VERSION,
                " without services, ",
                FORMAT_VERSION_SERVICES,
                " with)"
            ),
            DecodeError::Expired => out.push_str("the choice is older than the consent lifetime"),
            DecodeError::FromTheFuture => out.push_str("the choice is dated in the future"),
            DecodeError::RevisionChanged => {
                out.push_str("the charter changed since the choice was made")
            }
            DecodeError::CategoriesMismatch => out.push_str(
                "its categories are not exactly the charter's as written, with the required ones accepted",
            ),
        }
    }
}

display_by_pieces!(DecodeError);

/// `c` as it is written for `charter`: exactly its categories, each a boolean, or for a
/// category of services a string of one `0` or `1` a service in charter order (the category
/// counts as accepted when all its services are); the required ones accepted.
fn read_choices(c: &Json, charter: &Charter) -> Result<Decisions, DecodeError> {
    let Json::Object(members) = c else {
        return Err(DecodeError::Malformed("c: expected an object".into()));
    };
    if members.len() != charter.categories.len() {
        return Err(DecodeError::CategoriesMismatch);
    }
    let mut decisions = Decisions::new();
    for category in &charter.categories {
        let mut given = None;
        for (id, value) in members {
            if *id == category.id {
                given = Some(value);
            }
        }
        let on = match (given, category.services.is_empty()) {
            (Some(Json::Bool(on)), true) => *on,
            (Some(Json::String(digits)), false) if digits.len() == category.services.len() => {
                let mut all = true;
                for (service, digit) in category.services.iter().zip(digits.bytes()) {
                    let on = match digit {
                        b'1' => true,
                        b'0' => false,
                        _ => return Err(DecodeError::CategoriesMismatch),
                    };
                    all &= on;
                    decisions.insert(service.id.clone(), on);
                }
                all
            }
            _ => return Err(DecodeError::CategoriesMismatch),
        };
        if category.required && !on {
            return Err(DecodeError::CategoriesMismatch);
        }
        decisions.insert(category.id.clone(), on);
    }
    Ok(decisions)
}

/// Whether `id` can be a receipt id: 1 to 64 letters, digits or hyphens.
pub fn is_receipt_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The cookie value for `choice`, made over `charter`: version 1 when it has no services,
/// version 3 when it has.
pub fn encode(choice: &Choice, charter: &Charter) -> String {
    let (version, c) = if charter.has_services() {
        let mut c = Vec::new();
        for category in &charter.categories {
            let value = if category.services.is_empty() {
                Json::Bool(choice.allows(&category.id))
            } else {
                let mut digits = String::new();
                for s in &category.services {
                    digits.push(if choice.allows(&s.id) { '1' } else { '0' });
                }
                Json::String(digits)
            };
            c.push((category.id.clone(), value));
        }
        (FORMAT_VERSION_SERVICES, Json::Object(c))
    } else {
        (FORMAT_VERSION, json::boolean_map(choice.categories.pairs()))
    };
    let mut members = vec![
        ("v", Json::Number(f64::from(version))),
        ("t", Json::Number(choice.decided_at as f64)),
        ("r", Json::String(choice.revision.clone())),
        ("c", c),
    ];
    if let Some(id) = &choice.receipt {
        members.push(("i", Json::String(id.clone())));
    }
    let wire = json::object(members);
    percent_encode(&wire.to_text())
}

/// What a stored value must agree with to count as a choice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expectations<'a> {
    /// The time now.
    pub now: UnixSeconds,
    /// The consent lifetime, in days.
    pub lifetime_days: u32,
    /// The charter in force: its revision and categories.
    pub charter: &'a Charter,
}

/// The choice a cookie value records, if it is valid now (its JSON read with `parse_json`, the
/// platform's parser).
pub fn decode(
    value: &str,
    expect: &Expectations<'_>,
    parse_json: json::Parser,
) -> Result<Choice, DecodeError> {
    if value.len() > MAX_VALUE_LEN {
        return Err(DecodeError::TooLong(value.len()));
    }
    let json = percent_decode(value).ok_or(DecodeError::NotUtf8)?;
    let value = parse_json(&json).map_err(DecodeError::Malformed)?;
    let wire = read_wire(&value, expect.charter.has_services())?;
    if wire.t > expect.now.saturating_add(FUTURE_TOLERANCE_SECS) {
        return Err(DecodeError::FromTheFuture);
    }
    if expect.now.saturating_sub(wire.t) > u64::from(expect.lifetime_days) * 86_400 {
        return Err(DecodeError::Expired);
    }
    if wire.r != expect.charter.revision() {
        return Err(DecodeError::RevisionChanged);
    }
    let categories = read_choices(wire.c, expect.charter)?;
    if wire.i.as_deref().is_some_and(|id| !is_receipt_id(id)) {
        return Err(DecodeError::Malformed(
            "the receipt id is not 1 to 64 letters, digits or hyphens".into(),
        ));
    }
    Ok(Choice {
        categories,
        decided_at: wire.t,
        revision: wire.r,
        receipt: wire.i,
    })
}

/// The fields of a value (version 1 or 3; `c` as it is, read against the charter once the
/// revision matches).
struct Wire<'j> {
    t: UnixSeconds,
    r: String,
    c: &'j Json,
    i: Option<String>,
}

/// Member `name` of the value, if it is given.
fn required<'j>(name: &str, value: Option<&'j Json>) -> Result<&'j Json, DecodeError> {
    value.ok_or_else(|| DecodeError::Malformed(json::missing_field(name)))
}

/// The members of the value, in this order.
const WIRE_MEMBERS: [&str; 5] = ["v", "t", "r", "c", "i"];

/// Reads the version first (another version may have other fields), then the fields. Reads a
/// value of the version the charter is written in: 3 when it has `services`, else 1. Written for
/// this one small object rather than with [`json::Reader`], whose general paths and messages
/// every first visit would otherwise carry for it alone.
fn read_wire(value: &Json, services: bool) -> Result<Wire<'_>, DecodeError> {
    use DecodeError::Malformed;
    let Json::Object(members) = value else {
        return Err(Malformed(json::expected("an object", value)));
    };
    let mut given: [Option<&Json>; 5] = [None; 5];
    let mut unknown = None;
    for (name, value) in members {
        match WIRE_MEMBERS.iter().position(|known| known == name) {
            Some(at) => given[at] = Some(value),
            None => unknown = unknown.or(Some(name)),
        }
    }
    let [v, t, r, c, i] = given;
    let whole_number = |name: &str, value: Option<&Json>| {
        let value = required(name, value)?;
        json::whole_number(value)
            .ok_or_else(|| Malformed(text!(name, ": ", json::not_a_whole_number(value))))
    };
    let string = |name: &str, value: &Json| match value {
        Json::String(s) => Ok(s.clone()),
        other => Err(Malformed(text!(
            name,
            ": ",
            json::expected("a string", other)
        ))),
    };
    let version = whole_number("v", v)?;
    let expected = if services {
        FORMAT_VERSION_SERVICES
    } else {
        FORMAT_VERSION
    };
    if version != u64::from(expected) {
        return Err(DecodeError::UnknownVersion(version));
    }
    if let Some(name) = unknown {
        return Err(Malformed(text!("unknown field `", name, "`")));
    }
    Ok(Wire {
        t: whole_number("t", t)?,
        r: string("r", required("r", r)?)?,
        c: required("c", c)?,
        i: match i {
            Some(id) => Some(string("i", id)?),
            None => None,
        },
    })
}

/// The values of every cookie called `name` in a `document.cookie` string, in its order (the
/// browser lists a cookie of a longer path first; host-only and `Domain=` copies both show).
#[allow(clippy::disallowed_methods)] // ASCII char patterns only: memchr, no substring searcher
pub fn find_all<'a>(cookie_header: &'a str, name: &str) -> Vec<&'a str> {
    let mut values = Vec::new();
    for pair in cookie_header.split(';') {
        if let Some((key, value)) = pair.split_once('=') {
            if key.trim() == name {
                values.push(value.trim());
            }
        }
    }
    values
}

/// What the visible copies of the cookie decide together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// The choice in force, if any copy is valid.
    pub choice: Option<Choice>,
    /// How many copies were seen.
    pub copies: usize,
    /// Why each copy that does not count was set aside.
    pub set_aside: Vec<DecodeError>,
}

/// The choice several stored `values` make together: the valid one with the newest `t` decides.
/// In doubt — several valid copies share the newest `t`, or some copy is not valid — each
/// optional category is allowed only if every valid copy allows it; the receipt id is kept
/// only when that leaves the deciding copy's choices as they were.
pub fn resolve(values: &[&str], expect: &Expectations<'_>, parse_json: json::Parser) -> Resolved {
    let mut valid: Vec<Choice> = Vec::new();
    let mut set_aside = Vec::new();
    for value in values {
        match decode(value, expect, parse_json) {
            Ok(choice) => valid.push(choice),
            Err(why) => set_aside.push(why),
        }
    }
    let newest = valid.iter().max_by_key(|c| c.decided_at).cloned();
    let choice = newest.map(|mut choice| {
        let mut tied = 0;
        for c in &valid {
            tied += usize::from(c.decided_at == choice.decided_at);
        }
        if tied > 1 || !set_aside.is_empty() {
            let mut strictest = Decisions::new();
            for (id, on) in choice.categories.pairs() {
                let mut on = *on;
                for c in &valid {
                    on &= c.allows(id);
                }
                strictest.insert(id.clone(), on);
            }
            if strictest != choice.categories {
                choice.categories = strictest;
                choice.receipt = None;
            }
        }
        choice
    });
    Resolved {
        choice,
        copies: values.len(),
        set_aside,
    }
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
    let mut s = text!(
        name,
        "=",
        value,
        "; Path=/; Max-Age=",
        attrs.max_age_secs,
        "; SameSite=Lax"
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::presets::Preset;
    // The percent-encoding crate is the oracle the hand-written codec is checked against.
    use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

    /// What `encodeURIComponent` leaves as it is: letters, digits and `-_.!~*'()`.
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn percent_encoding_agrees_with_the_percent_encoding_crate(
            text in "[a-zA-Z0-9 %\"{}:,.!~*'()_\\-é€😀\u{0}-\u{1f}]{0,24}",
        ) {
            proptest::prop_assert_eq!(
                percent_encode(&text),
                utf8_percent_encode(&text, URI_COMPONENT).to_string()
            );
            proptest::prop_assert_eq!(
                percent_decode(&text),
                percent_decode_str(&text).decode_utf8().ok().map(|s| s.into_owned())
            );
            proptest::prop_assert_eq!(percent_decode(&percent_encode(&text)), Some(text));
        }
    }

    #[test]
    fn percent_decoding_keeps_a_stray_percent_and_refuses_what_is_not_utf8() {
        assert_eq!(percent_decode("%7B%22a%22%7d").as_deref(), Some("{\"a\"}"));
        assert_eq!(percent_decode("100%").as_deref(), Some("100%"));
        assert_eq!(percent_decode("%zz%4").as_deref(), Some("%zz%4"));
        assert_eq!(percent_decode("%C3%A9").as_deref(), Some("é"));
        assert_eq!(percent_decode("%C3"), None);
        assert_eq!(percent_encode("é {\"}"), "%C3%A9%20%7B%22%7D");
    }

    const NOW: UnixSeconds = 1_790_000_000;

    fn charter() -> Charter {
        crate::presets::Preset::Default.charter(crate::json::parse)
    }

    fn expect(charter: &Charter) -> Expectations<'_> {
        Expectations {
            now: NOW,
            lifetime_days: 182,
            charter,
        }
    }

    fn sample(audience: bool) -> Choice {
        Choice::new(&charter(), NOW - 10, |_| audience)
    }

    fn encode_json(json: &str) -> String {
        utf8_percent_encode(json, URI_COMPONENT).to_string()
    }

    /// Encodes over the test charter (no services: version 1).
    fn encode(choice: &Choice) -> String {
        super::encode(choice, &charter())
    }

    /// Decodes with serde_json, as every native test does.
    fn decode(value: &str, expect: &Expectations<'_>) -> Result<Choice, DecodeError> {
        super::decode(value, expect, json::parse)
    }

    fn resolve(values: &[&str], expect: &Expectations<'_>) -> Resolved {
        super::resolve(values, expect, json::parse)
    }

    #[test]
    fn round_trip() {
        let charter = charter();
        for audience in [true, false] {
            let choice = sample(audience);
            let value = encode(&choice);
            assert_eq!(decode(&value, &expect(&charter)), Ok(choice));
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
        let charter = charter();
        for bad in [
            "", "true", "%7B", "%7B%7D", "hello", "%FF%FE", "null", "%5B1%5D",
        ] {
            assert!(decode(bad, &expect(&charter)).is_err(), "accepted {bad:?}");
        }
        assert_eq!(decode("%FF", &expect(&charter)), Err(DecodeError::NotUtf8));
    }

    #[test]
    fn rejects_other_versions_and_extra_or_wrong_fields() {
        let charter = charter();
        let t = NOW;
        for v in [2, 3] {
            // Version 3 is written for a charter with services only; version 2 no more.
            let other = encode_json(&format!(r#"{{"v":{v},"t":{t},"r":"x","c":{{}}}}"#));
            assert_eq!(
                decode(&other, &expect(&charter)),
                Err(DecodeError::UnknownVersion(v))
            );
        }
        let extra = encode_json(&format!(r#"{{"v":1,"t":{t},"r":"x","c":{{}},"z":1}}"#));
        assert!(matches!(
            decode(&extra, &expect(&charter)),
            Err(DecodeError::Malformed(_))
        ));
        let r = charter.revision();
        let not_bool = encode_json(&format!(
            r#"{{"v":1,"t":{t},"r":"{r}","c":{{"audience":"yes","necessary":true}}}}"#
        ));
        assert_eq!(
            decode(&not_bool, &expect(&charter)),
            Err(DecodeError::CategoriesMismatch)
        );
        let not_an_object = encode_json(&format!(r#"{{"v":1,"t":{t},"r":"{r}","c":[true]}}"#));
        assert!(matches!(
            decode(&not_an_object, &expect(&charter)),
            Err(DecodeError::Malformed(_))
        ));
        let negative_time = encode_json(r#"{"v":1,"t":-5,"r":"x","c":{}}"#);
        assert!(matches!(
            decode(&negative_time, &expect(&charter)),
            Err(DecodeError::Malformed(_))
        ));
    }

    #[test]
    fn missing_extra_or_refused_required_categories_are_no_choice() {
        // docs/cookie-format.md: `c` holds every category of the charter, `necessary` always true.
        let charter = charter();
        let r = charter.revision();
        let t = NOW - 10;
        for c in [
            r#"{"necessary":true}"#,
            r#"{"audience":true}"#,
            r#"{}"#,
            r#"{"audience":true,"necessary":false}"#,
            r#"{"audience":false,"necessary":false}"#,
            r#"{"ads":true,"audience":false,"necessary":true}"#,
        ] {
            let value = encode_json(&format!(r#"{{"v":1,"t":{t},"r":"{r}","c":{c}}}"#));
            assert_eq!(
                decode(&value, &expect(&charter)),
                Err(DecodeError::CategoriesMismatch),
                "{c}"
            );
        }
        let exact = encode_json(&format!(
            r#"{{"v":1,"t":{t},"r":"{r}","c":{{"audience":true,"necessary":true}}}}"#
        ));
        assert!(decode(&exact, &expect(&charter)).is_ok());
    }

    #[test]
    fn rejects_expired_future_and_other_revisions() {
        let charter = charter();
        let mut choice = sample(true);
        choice.decided_at = NOW - 183 * 86_400;
        assert_eq!(
            decode(&encode(&choice), &expect(&charter)),
            Err(DecodeError::Expired)
        );
        choice.decided_at = NOW - 181 * 86_400;
        assert!(decode(&encode(&choice), &expect(&charter)).is_ok());
        choice.decided_at = NOW + 2 * FUTURE_TOLERANCE_SECS;
        assert_eq!(
            decode(&encode(&choice), &expect(&charter)),
            Err(DecodeError::FromTheFuture)
        );
        choice.decided_at = NOW;
        let other = Preset::Soregies.charter(json::parse);
        assert_ne!(other.revision(), charter.revision());
        assert_eq!(
            decode(&encode(&choice), &expect(&other)),
            Err(DecodeError::RevisionChanged)
        );
    }

    #[test]
    fn carries_the_receipt_id() {
        let charter = charter();
        let mut choice = sample(true);
        choice.receipt = Some("3f2a9c1e-77b0-4d2e-9a51-0c6e5d4b3a21".into());
        let value = encode(&choice);
        assert_eq!(decode(&value, &expect(&charter)), Ok(choice.clone()));
        choice.receipt = Some("bad id;".into());
        assert!(matches!(
            decode(&encode(&choice), &expect(&charter)),
            Err(DecodeError::Malformed(_))
        ));
    }

    #[test]
    fn rejects_long_values_unread() {
        let long = "a".repeat(MAX_VALUE_LEN + 1);
        assert_eq!(
            decode(&long, &expect(&charter())),
            Err(DecodeError::TooLong(MAX_VALUE_LEN + 1))
        );
    }

    #[test]
    fn truncated_values_are_rejected() {
        let charter = charter();
        let value = encode(&sample(true));
        for cut in 1..value.len() {
            assert!(
                decode(&value[..cut], &expect(&charter)).is_err(),
                "accepted prefix {cut}"
            );
        }
    }

    #[test]
    fn finds_every_copy_of_a_cookie() {
        let header = "a=1; cookies_preferences=xyz; cookies_preferences_old=2";
        assert_eq!(find_all(header, COOKIE_NAME), ["xyz"]);
        let two = "cookies_preferences=long-path; a=1; cookies_preferences=root";
        assert_eq!(find_all(two, COOKIE_NAME), ["long-path", "root"]);
        assert!(find_all("cookies_preferences_old=2", COOKIE_NAME).is_empty());
        assert!(find_all("", COOKIE_NAME).is_empty());
        assert!(find_all("x=cookies_preferences=1", COOKIE_NAME).is_empty());
    }

    fn decided(audience: bool, at: UnixSeconds, receipt: &str) -> Choice {
        let mut choice = Choice::new(&charter(), at, |_| audience);
        choice.receipt = Some(receipt.into());
        choice
    }

    fn resolve_choices(values: &[String]) -> Resolved {
        let charter = charter();
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        resolve(&values, &expect(&charter))
    }

    #[test]
    fn one_copy_decides_alone() {
        let accepted = decided(true, NOW - 100, "a");
        let got = resolve_choices(&[encode(&accepted)]);
        assert_eq!(got.choice, Some(accepted));
        assert_eq!((got.copies, got.set_aside.len()), (1, 0));
        let none = resolve_choices(&[]);
        assert_eq!((none.choice, none.copies), (None, 0));
    }

    #[test]
    fn the_newest_copy_decides_whichever_the_browser_lists_first() {
        let stale_accept = encode(&decided(true, NOW - 100, "a"));
        let new_refusal = decided(false, NOW - 50, "b");
        for values in [
            [stale_accept.clone(), encode(&new_refusal)],
            [encode(&new_refusal), stale_accept.clone()],
        ] {
            assert_eq!(resolve_choices(&values).choice, Some(new_refusal.clone()));
        }
        // A newer acceptance wins over an older refusal too: the visitor changed their mind.
        let new_accept = decided(true, NOW - 10, "c");
        let got = resolve_choices(&[encode(&new_refusal), encode(&new_accept)]);
        assert_eq!(got.choice, Some(new_accept));
        assert_eq!(got.copies, 2);
    }

    #[test]
    fn equal_times_or_an_unreadable_copy_make_the_strictest_choice() {
        let accept = decided(true, NOW - 100, "a");
        let refuse = decided(false, NOW - 100, "b");
        let tied = resolve_choices(&[encode(&accept), encode(&refuse)])
            .choice
            .unwrap();
        assert!(!tied.allows(crate::charter::AUDIENCE));
        assert!(tied.allows(crate::charter::NECESSARY));

        let older_refusal = decided(false, NOW - 500, "r");
        let newer_accept = decided(true, NOW - 10, "n");
        let with_garbage = [
            encode(&newer_accept),
            "garbage".to_owned(),
            encode(&older_refusal),
        ];
        let got = resolve_choices(&with_garbage);
        let choice = got.choice.unwrap();
        assert!(
            !choice.allows(crate::charter::AUDIENCE),
            "in doubt, refused"
        );
        assert_eq!(
            choice.receipt, None,
            "not the deciding copy's choice any more"
        );
        assert_eq!(got.set_aside.len(), 1);

        // In doubt but all readable copies agree: that choice, with its receipt.
        let got = resolve_choices(&[encode(&newer_accept), "garbage".to_owned()]);
        assert_eq!(got.choice, Some(newer_accept));
    }

    #[test]
    fn no_valid_copy_is_no_choice() {
        let mut expired = decided(true, NOW - 400 * 86_400, "a");
        expired.receipt = None;
        let got = resolve_choices(&[encode(&expired), "%7B".to_owned()]);
        assert_eq!(got.choice, None);
        assert_eq!(got.set_aside.len(), 2);
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

    /// The test charter with an "embeds" category of two built-in services.
    fn with_services() -> Charter {
        let json = Preset::Default.json().replacen(
            r#""categories": ["#,
            r#""categories": [{"id": "embeds", "title": {"fr": "Contenus intégrés"}, "services": ["youtube", "umap"]},"#,
            1,
        );
        crate::charter_json::parse(&json, json::parse).unwrap()
    }

    #[test]
    fn a_charter_with_services_writes_version_3_one_digit_a_service() {
        let charter = with_services();
        let choice = Choice::new(&charter, NOW - 10, |id| id == "youtube");
        assert!(choice.allows("youtube") && !choice.allows("umap"));
        assert!(
            !choice.allows("embeds"),
            "a category is on only when all its services are"
        );
        let value = super::encode(&choice, &charter);
        let json = percent_decode_str(&value).decode_utf8().unwrap();
        assert_eq!(
            json,
            format!(
                r#"{{"v":3,"t":{},"r":"{}","c":{{"embeds":"10","necessary":true,"audience":false}}}}"#,
                NOW - 10,
                charter.revision()
            )
        );
        assert_eq!(decode(&value, &expect(&charter)), Ok(choice));
        let all = Choice::new(&charter, NOW - 10, |_| true);
        let back = decode(&super::encode(&all, &charter), &expect(&charter)).unwrap();
        assert!(back.allows("embeds") && back.allows("youtube") && back.allows("umap"));
    }

    #[test]
    fn only_the_shape_written_is_read() {
        let charter = with_services();
        let revision = charter.revision();
        let value = |v: u32, c: &str| {
            encode_json(&format!(
                r#"{{"v":{v},"t":{},"r":"{revision}","c":{c}}}"#,
                NOW - 10
            ))
        };
        let ok = value(3, r#"{"necessary":true,"audience":false,"embeds":"01"}"#);
        let read = decode(&ok, &expect(&charter)).unwrap();
        assert!(read.allows("umap") && !read.allows("youtube") && !read.allows("embeds"));
        for bad in [
            // Flat: the category as one boolean beside its services', which would run the
            // category's own tags with every service refused.
            r#"{"necessary":true,"audience":false,"embeds":true,"youtube":false,"umap":false}"#,
            r#"{"necessary":true,"audience":false,"embeds":true}"#,
            // Services filed under another category.
            r#"{"necessary":true,"audience":"10","embeds":false}"#,
            // Version 2's object of services, a digit missing, one too many, not a digit.
            r#"{"necessary":true,"audience":false,"embeds":{"youtube":true,"umap":true}}"#,
            r#"{"necessary":true,"audience":false,"embeds":"1"}"#,
            r#"{"necessary":true,"audience":false,"embeds":"101"}"#,
            r#"{"necessary":true,"audience":false,"embeds":"1x"}"#,
            // A category twice, a category missing, one the charter lacks, a required one refused.
            r#"{"necessary":true,"audience":false,"audience":true}"#,
            r#"{"necessary":true,"audience":false}"#,
            r#"{"necessary":true,"audience":false,"embeds":"11","ads":false}"#,
            r#"{"necessary":false,"audience":false,"embeds":"11"}"#,
        ] {
            assert!(decode(&value(3, bad), &expect(&charter)).is_err(), "{bad}");
        }
        // A charter with services reads version 3 only: version 2's values are asked again.
        for v in [1, 2] {
            let other = value(
                v,
                r#"{"necessary":true,"audience":false,"embeds":{"youtube":true,"umap":true}}"#,
            );
            assert_eq!(
                decode(&other, &expect(&charter)),
                Err(DecodeError::UnknownVersion(u64::from(v)))
            );
        }
    }

    /// The largest charter the schema accepts: 16 categories, each of 16 services (so none is
    /// required: a required category has no services), every id 32 characters long.
    fn largest_charter() -> Charter {
        use crate::charter::{Category, Service, Text};
        let id = |kind: char, n: usize| format!("{kind}{n:0>31}");
        let mut charter = charter();
        charter.categories.clear();
        for c in 0..16 {
            let mut services = Vec::new();
            for s in 0..16 {
                services.push(Service {
                    id: id('s', c * 16 + s),
                    name: Text::default(),
                    provider: String::new(),
                    cookies: Vec::new(),
                    script: None,
                });
            }
            charter.categories.push(Category {
                id: id('c', c),
                required: false,
                title: Text::default(),
                heading: None,
                description: Text::default(),
                erase: Vec::new(),
                services,
            });
        }
        charter
    }

    #[test]
    fn every_charter_the_schema_accepts_keeps_its_choice() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../../docs/charter.schema.json")).unwrap();
        let categories = &schema["properties"]["categories"];
        assert_eq!(categories["maxItems"], 16);
        assert_eq!(
            categories["items"]["properties"]["services"]["maxItems"],
            16
        );
        let largest = largest_charter();
        let mut with_one_service = largest.clone();
        for c in &mut with_one_service.categories {
            c.services.truncate(1);
        }
        let mut without_services = largest.clone();
        for c in &mut without_services.categories {
            c.services.clear();
            c.required = c.id.ends_with('0');
        }
        for charter in [largest, with_one_service, without_services] {
            for accept in [true, false] {
                let mut choice = Choice::new(&charter, NOW - 10, |_| accept);
                choice.receipt = Some("f".repeat(64));
                let value = super::encode(&choice, &charter);
                assert!(value.len() <= MAX_VALUE_LEN, "{} characters", value.len());
                // The browser keeps a cookie of up to 4,096 bytes, its name (at most 64) included.
                assert!(64 + 1 + value.len() <= 4096);
                assert_eq!(decode(&value, &expect(&charter)), Ok(choice));
            }
        }
    }

    #[test]
    fn version_1_values_are_still_read_for_a_charter_without_services() {
        let charter = charter();
        let v1 = encode_json(&format!(
            r#"{{"v":1,"t":{},"r":"{}","c":{{"audience":true,"necessary":true}}}}"#,
            NOW - 10,
            charter.revision()
        ));
        assert!(decode(&v1, &expect(&charter)).unwrap().allows("audience"));
        // Services change the revision: a choice made before them is asked again.
        assert_ne!(with_services().revision(), charter.revision());
    }
}
