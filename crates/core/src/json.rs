//! JSON: the charter, the `cookies_preferences` value and the consent receipt are read from and
//! written as JSON.
//!
//! Text is parsed by the platform's own parser into a [`Json`] tree: the browser's `JSON.parse`
//! in the wasm (so the component ships no JSON parser; it lives on the web side, and the core's
//! readers take it as a [`Parser`]), `serde_json` natively, where the pure core is tested. [`Reader`] then reads typed fields out of the tree, naming the path of every
//! problem (`cookies[2].name`); [`Json::to_text`] writes a tree back.

use super::text::{display_by_pieces, text, Hex, Names, Piece};

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number (JSON numbers are read as `f64`, as JavaScript does).
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Json>),
    /// An object, its members in document order.
    Object(Vec<(String, Json)>),
}

/// Deepest nesting read; deeper documents are refused (no charter comes close).
pub const MAX_DEPTH: usize = 32;

/// Turns JSON text into a [`Json`] tree: the platform's own parser, which the caller passes in
/// (`crate::web::json::parse`, the browser's `JSON.parse`, in the wasm; [`parse`], serde_json,
/// natively). Parsers refuse documents nested deeper than [`MAX_DEPTH`].
pub type Parser = fn(&str) -> Result<Json, String>;

/// Parses JSON text with `serde_json` (native builds: the tests).
#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::disallowed_methods)] // native only: never in a page
pub fn parse(text: &str) -> Result<Json, String> {
    fn convert(value: serde_json::Value, depth: usize) -> Result<Json, String> {
        use serde_json::Value;
        if depth > MAX_DEPTH {
            return Err(text!("nested more than ", MAX_DEPTH, " levels deep"));
        }
        Ok(match value {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(b),
            Value::Number(n) => Json::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Json::String(s),
            Value::Array(items) => Json::Array(
                items
                    .into_iter()
                    .map(|v| convert(v, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Object(members) => Json::Object(
                members
                    .into_iter()
                    .map(|(k, v)| Ok((k, convert(v, depth + 1)?)))
                    .collect::<Result<_, String>>()?,
            ),
        })
    }
    convert(serde_json::from_str(text).map_err(|e| e.to_string())?, 0)
}

impl Json {
    /// What kind of value this is, for messages ("a string", "an object"…).
    pub fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool(_) => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }

    /// The value as compact JSON text. Numbers are written as integers: the values this
    /// component writes have no others, and a number that is not a safe integer is written as
    /// `null` (this keeps float formatting out of the wasm).
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => match as_safe_integer(*n) {
                Some(i) => {
                    if i < 0 {
                        out.push('-');
                    }
                    i.unsigned_abs().push_to(out);
                }
                None => out.push_str("null"),
            },
            Json::String(s) => write_string(s, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// Largest integer a JSON number (an `f64`) holds exactly: 2^53 − 1.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

fn as_safe_integer(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER).then_some(n as i64)
}

/// `value` as a whole number (an integer from 0 to 2^53 − 1, which JavaScript holds exactly), if
/// it is one.
pub fn whole_number(value: &Json) -> Option<u64> {
    match value {
        Json::Number(n) if *n >= 0.0 => as_safe_integer(*n).map(|i| i as u64),
        _ => None,
    }
}

/// Why `found` is not `what` was expected (`expected a string, found a number`): the wording
/// of [`Reader`] and of the cookie's own reader.
pub fn expected(what: &str, found: &Json) -> String {
    text!("expected ", what, ", found ", found.kind())
}

/// Why an object lacks its member `name`, in the same wording.
pub fn missing_field(name: &str) -> String {
    text!("missing field `", name, "`")
}

/// Why `value` is not a whole number, in the same wording.
pub fn not_a_whole_number(value: &Json) -> String {
    match value {
        Json::Number(_) => "expected a whole number".into(),
        other => expected("a whole number", other),
    }
}

fn write_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if u32::from(c) < 0x20 => {
                out.push_str("\\u00");
                Hex {
                    value: u64::from(u32::from(c)),
                    digits: 2,
                }
                .push_to(out);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// One problem in a JSON document: where (`cookies[2].category`, `$` for the whole document)
/// and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// Path of the field, `$` for the whole document.
    pub path: String,
    /// What is wrong and what was expected.
    pub problem: String,
}

impl Piece for FieldError {
    fn push_to(&self, out: &mut String) {
        out.push_str(&self.path);
        out.push_str(": ");
        out.push_str(&self.problem);
    }
}

display_by_pieces!(FieldError);

/// The path of the whole document.
pub const ROOT: &str = "$";

/// The path of member `name` of the object at `path`.
pub fn member_path(path: &str, name: &str) -> String {
    if path == ROOT {
        name.to_owned()
    } else {
        text!(path, ".", name)
    }
}

/// The members of an object being read, and its path.
pub struct Members<'j> {
    path: String,
    members: &'j [(String, Json)],
}

impl<'j> Members<'j> {
    /// The value of member `name` (the last one if repeated, as `JSON.parse` does), `null`
    /// counting as absent, and its path.
    pub fn get(&self, name: &str) -> Option<(&'j Json, String)> {
        let (_, value) = self.members.iter().rev().find(|(key, _)| key == name)?;
        (!matches!(value, Json::Null)).then(|| (value, member_path(&self.path, name)))
    }

    /// The object's path.
    pub fn path(&self) -> &str {
        &self.path
    }
}

/// Reads typed values out of a [`Json`] tree, collecting every problem with its path.
#[derive(Default)]
pub struct Reader {
    /// The problems found so far, in document order.
    pub problems: Vec<FieldError>,
}

impl Reader {
    /// Records a problem at `path`.
    fn fail(&mut self, path: &str, problem: impl Into<String>) {
        self.problems.push(FieldError {
            path: path.to_owned(),
            problem: problem.into(),
        });
    }

    fn expected(&mut self, what: &str, value: &Json, path: &str) {
        self.fail(path, expected(what, value));
    }

    /// `value` as an object whose members are all among `known` (others are reported).
    pub fn object<'j>(
        &mut self,
        value: &'j Json,
        path: &str,
        known: &[&str],
    ) -> Option<Members<'j>> {
        let Json::Object(members) = value else {
            self.expected("an object", value, path);
            return None;
        };
        for (key, _) in members
            .iter()
            .filter(|(key, _)| !known.contains(&key.as_str()))
        {
            self.fail(
                path,
                text!(
                    "unknown field `",
                    key,
                    "` (expected one of: ",
                    Names(known, |k| k),
                    ")"
                ),
            );
        }
        Some(Members {
            path: path.to_owned(),
            members,
        })
    }

    /// Member `name` of `object`; its absence is reported when `required`.
    fn member<'j>(
        &mut self,
        object: &Members<'j>,
        name: &str,
        required: bool,
    ) -> Option<(&'j Json, String)> {
        let found = object.get(name);
        if found.is_none() && required {
            self.fail(object.path(), missing_field(name));
        }
        found
    }

    /// `value` as a string.
    pub fn string(&mut self, value: &Json, path: &str) -> Option<String> {
        match value {
            Json::String(s) => Some(s.clone()),
            _ => {
                self.expected("a string", value, path);
                None
            }
        }
    }

    /// `value` as a boolean.
    pub fn boolean(&mut self, value: &Json, path: &str) -> Option<bool> {
        match value {
            Json::Bool(b) => Some(*b),
            _ => {
                self.expected("true or false", value, path);
                None
            }
        }
    }

    /// `value` as a whole number from 0 to 2^53 − 1.
    pub fn whole_number(&mut self, value: &Json, path: &str) -> Option<u64> {
        let number = whole_number(value);
        if number.is_none() {
            self.fail(path, not_a_whole_number(value));
        }
        number
    }

    /// `value` as an array, each item read by `item` with its path (`path[i]`).
    pub fn array<T>(
        &mut self,
        value: &Json,
        path: &str,
        mut item: impl FnMut(&mut Reader, &Json, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let Json::Array(items) = value else {
            self.expected("an array", value, path);
            return None;
        };
        let mut read = Vec::with_capacity(items.len());
        for (i, value) in items.iter().enumerate() {
            if let Some(value) = item(self, value, &text!(path, "[", i, "]")) {
                read.push(value);
            }
        }
        Some(read)
    }

    /// Member `name` of `object`, read by `read` with its path (`None` when absent or
    /// unreadable); its absence is reported when `required`.
    pub fn field<T>(
        &mut self,
        object: &Members<'_>,
        name: &str,
        required: bool,
        read: impl FnOnce(&mut Reader, &Json, &str) -> Option<T>,
    ) -> Option<T> {
        let (value, path) = self.member(object, name, required)?;
        read(self, value, &path)
    }

    /// Member `name` of `object` as an array, each item read by `item` (empty when absent, or
    /// unreadable); its absence is reported when `required`.
    pub fn list<T>(
        &mut self,
        object: &Members<'_>,
        name: &str,
        required: bool,
        item: impl FnMut(&mut Reader, &Json, &str) -> Option<T>,
    ) -> Vec<T> {
        self.field(object, name, required, |r, value, path| {
            r.array(value, path, item)
        })
        .unwrap_or_default()
    }

    /// Required string member `name` of `object`.
    pub fn required_string(&mut self, object: &Members<'_>, name: &str) -> Option<String> {
        self.field(object, name, true, Reader::string)
    }

    /// Optional string member `name` of `object`.
    pub fn optional_string(&mut self, object: &Members<'_>, name: &str) -> Option<String> {
        self.field(object, name, false, Reader::string)
    }

    /// `value` as an object mapping names to booleans, in document order.
    pub fn boolean_map(&mut self, value: &Json, path: &str) -> Option<Vec<(String, bool)>> {
        let Json::Object(members) = value else {
            self.expected("an object", value, path);
            return None;
        };
        let mut map = Vec::with_capacity(members.len());
        for (key, value) in members {
            if let Some(b) = self.boolean(value, &member_path(path, key)) {
                map.push((key.clone(), b));
            }
        }
        Some(map)
    }

    /// The value read, if no problem was found.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Vec<FieldError>> {
        match value {
            Some(value) if self.problems.is_empty() => Ok(value),
            _ if self.problems.is_empty() => Err(vec![FieldError {
                path: ROOT.into(),
                problem: "unreadable".into(),
            }]),
            _ => Err(self.problems),
        }
    }
}

/// Builds a JSON object from `(name, value)` pairs.
/// A `Vec` rather than any iterator: each kind of iterator would be a copy of this function
/// in the first layer's wasm.
pub fn object(members: Vec<(&str, Json)>) -> Json {
    let mut object = Vec::with_capacity(members.len());
    for (name, value) in members {
        object.push((name.to_owned(), value));
    }
    Json::Object(object)
}

/// A JSON object mapping names to booleans, in the order given.
pub fn boolean_map(pairs: &[(String, bool)]) -> Json {
    let mut object = Vec::with_capacity(pairs.len());
    for (name, on) in pairs {
        object.push((name.clone(), Json::Bool(*on)));
    }
    Json::Object(object)
}

/// What the core's readers expect of any [`Parser`], checked on each platform's parser by its
/// tests (serde_json natively here, `JSON.parse` in the banner's `web::json`, whose tests turn on
/// the `parser-conformance` feature to reach it).
#[cfg(any(test, feature = "parser-conformance"))]
#[allow(clippy::disallowed_methods, clippy::disallowed_macros)] // test code: never in a page
pub mod parser_conformance {
    use super::*;

    /// Runs every check on `parser`.
    pub fn check(parser: Parser) {
        parses_every_kind_of_value(parser);
        refuses_deep_nesting(parser);
        writes_what_it_reads(parser);
        keeps_null_members_and_the_last_repeat(parser);
    }

    fn parses_every_kind_of_value(parser: Parser) {
        let json = parser(r#"{"a":[1,2.5,-3],"b":"x\ny","c":true,"d":null,"e":{}}"#).unwrap();
        let Json::Object(members) = &json else {
            panic!("{json:?}")
        };
        assert_eq!(members.len(), 5);
        assert_eq!(
            members[0].1,
            Json::Array(vec![
                Json::Number(1.0),
                Json::Number(2.5),
                Json::Number(-3.0)
            ])
        );
        assert_eq!(members[1].1, Json::String("x\ny".into()));
        assert_eq!(members[3].1, Json::Null);
        assert!(parser("{").is_err());
        assert!(parser("").is_err());
        assert!(parser("[1,]").is_err());
    }

    fn refuses_deep_nesting(parser: Parser) {
        let deep = text!("[".repeat(MAX_DEPTH + 2), "]".repeat(MAX_DEPTH + 2));
        assert!(parser(&deep).unwrap_err().contains("levels deep"));
        let fine = text!("[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(parser(&fine).is_ok());
    }

    fn writes_what_it_reads(parser: Parser) {
        // Keys in sorted order: serde_json sorts them, JSON.parse keeps them.
        let text = r#"{"b":[true,false],"n":[0,-7,9007199254740991],"o":{},"s":"q\"b\\n\n\u0001é","z":null}"#;
        let json = parser(text).unwrap();
        assert_eq!(json.to_text(), text);
        assert_eq!(parser(&json.to_text()).unwrap(), json);
    }

    fn keeps_null_members_and_the_last_repeat(parser: Parser) {
        let json = parser(r#"{"a":null,"b":"1","b":"2"}"#).unwrap();
        assert_eq!(
            json,
            Json::Object(vec![
                ("a".into(), Json::Null),
                ("b".into(), Json::String("2".into()))
            ])
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    //! Natively, with serde_json; `web::json`'s tests run the same parser checks on the
    //! browser's `JSON.parse`.
    use super::*;

    #[test]
    fn serde_json_meets_what_the_readers_expect_of_a_parser() {
        parser_conformance::check(parse);
    }

    #[test]
    fn writes_non_integers_as_null() {
        assert_eq!(
            Json::Array(vec![
                Json::Number(0.5),
                Json::Number(f64::NAN),
                Json::Number(1e300)
            ])
            .to_text(),
            "[null,null,null]"
        );
    }

    #[test]
    fn reader_names_paths_and_collects_every_problem() {
        let json = parse(r#"{"a":1,"b":[true,"x"],"c":{"d":2},"zz":0}"#).unwrap();
        let mut r = Reader::default();
        let o = r.object(&json, ROOT, &["a", "b", "c", "e"]).unwrap();
        assert_eq!(r.required_string(&o, "a"), None);
        let (b, path) = r.member(&o, "b", true).unwrap();
        let bools = r.array(b, &path, |r, v, p| r.boolean(v, p)).unwrap();
        assert_eq!(bools, [true]);
        let (c, path) = r.member(&o, "c", true).unwrap();
        assert_eq!(r.boolean_map(c, &path), Some(Vec::new()));
        assert!(r.member(&o, "e", true).is_none());
        let found: Vec<String> = r.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "$: unknown field `zz` (expected one of: a, b, c, e)",
                "a: expected a string, found a number",
                "b[1]: expected true or false, found a string",
                "c.d: expected true or false, found a number",
                "$: missing field `e`",
            ]
        );
    }

    #[test]
    fn whole_numbers_are_non_negative_safe_integers() {
        let mut r = Reader::default();
        assert_eq!(
            r.whole_number(&Json::Number(1_790_000_000.0), "t"),
            Some(1_790_000_000)
        );
        assert_eq!(r.whole_number(&Json::Number(-5.0), "t"), None);
        assert_eq!(r.whole_number(&Json::Number(1.5), "t"), None);
        assert_eq!(r.whole_number(&Json::Number(1e17), "t"), None);
        assert_eq!(r.whole_number(&Json::String("1".into()), "t"), None);
        assert_eq!(r.problems.len(), 4);
    }

    #[test]
    fn null_counts_as_absent_and_the_last_repeat_wins() {
        let json = parse(r#"{"a":null,"b":"1","b":"2"}"#).unwrap();
        let mut r = Reader::default();
        let o = r.object(&json, ROOT, &["a", "b"]).unwrap();
        assert_eq!(r.optional_string(&o, "a"), None);
        assert_eq!(r.required_string(&o, "b").as_deref(), Some("2"));
        assert!(r.problems.is_empty());
    }
}
