//! Quoting values in messages: `"value"`, with quotes, backslashes and control characters escaped.
//!
//! The shipped wasm is built with Debug formatting compiled out (`-Zfmt-debug=none`), so
//! messages must not rely on `{:?}` to quote what a portal configured.

use super::text::{display_by_pieces, Hex, Piece};

/// `value` between double quotes, escaped, for messages (a [`Piece`] of `text!`, and `Display`).
pub struct Quoted<'a>(pub &'a str);

/// Quotes `value` for a message.
pub fn quoted(value: &str) -> Quoted<'_> {
    Quoted(value)
}

impl Piece for Quoted<'_> {
    fn push_to(&self, out: &mut String) {
        out.push('"');
        for c in self.0.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                c if c.is_control() => {
                    // Control characters are below U+00A0: two hex digits are enough.
                    let code = u64::from(u32::from(c));
                    let digits = if code < 0x10 { 1 } else { 2 };
                    out.push_str("\\u{");
                    Hex {
                        value: code,
                        digits,
                    }
                    .push_to(out);
                    out.push('}');
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

display_by_pieces!(Quoted<'_>);

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::text::text;

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(text!(quoted("paris")), r#""paris""#);
        assert_eq!(text!(quoted("a\"b\\c\nd\u{7}")), r#""a\"b\\c\nd\u{7}""#);
        assert_eq!(text!(quoted("\u{1b}\u{9f}")), r#""\u{1b}\u{9f}""#);
        assert_eq!(text!(quoted("")), r#""""#);
        assert_eq!(text!(quoted("données é")), "\"données é\"");
        // Display writes the same.
        assert_eq!(quoted("a\"b").to_string(), text!(quoted("a\"b")));
    }
}
