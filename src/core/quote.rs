//! Quoting values in messages: `"value"`, with quotes, backslashes and control characters escaped.
//!
//! The shipped wasm is built with Debug formatting compiled out (`-Zfmt-debug=none`), so
//! messages must not rely on `{:?}` to quote what a portal configured.

use std::fmt;

/// `value` between double quotes, escaped, for messages (`Display`).
pub struct Quoted<'a>(pub &'a str);

/// Quotes `value` for a message.
pub fn quoted(value: &str) -> Quoted<'_> {
    Quoted(value)
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for c in self.0.chars() {
            match c {
                '"' => f.write_str("\\\"")?,
                '\\' => f.write_str("\\\\")?,
                '\n' => f.write_str("\\n")?,
                c if c.is_control() => write!(f, "\\u{{{:x}}}", u32::from(c))?,
                c => write!(f, "{c}")?,
            }
        }
        f.write_str("\"")
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(quoted("paris").to_string(), r#""paris""#);
        assert_eq!(
            quoted("a\"b\\c\nd\u{7}").to_string(),
            r#""a\"b\\c\nd\u{7}""#
        );
        assert_eq!(quoted("").to_string(), r#""""#);
        assert_eq!(quoted("données é").to_string(), "\"données é\"");
    }
}
