//! Building messages, paths and cookie assignments without `core::fmt`.
//!
//! Rust's formatting machinery (`format!`, `write!`, `to_string` through `Display`) costs the
//! first layer's wasm several kilobytes: the formatter itself, number formatting with padding,
//! and an argument table at every call site. Every page view downloads that wasm, so the crate's
//! own text is put together with `text!`: pieces pushed one after another onto a
//! `String`. `Display` is kept on the error types (for a Rust host's `{}`), written with it.

/// Something `text!` can append: strings, numbers, characters.
pub trait Piece {
    /// Appends this piece to `out`.
    fn push_to(&self, out: &mut String);
}

impl Piece for str {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for String {
    fn push_to(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Piece for char {
    fn push_to(&self, out: &mut String) {
        out.push(*self);
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn push_to(&self, out: &mut String) {
        (**self).push_to(out);
    }
}

/// Integers as decimal digits (what `{}` writes, without padding).
macro_rules! decimal_piece {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            fn push_to(&self, out: &mut String) {
                push_decimal(u64::from(*self), out);
            }
        }
    )*};
}
decimal_piece!(u8, u16, u32, u64);

impl Piece for usize {
    fn push_to(&self, out: &mut String) {
        // usize is at most 64 bits on every target this crate builds for.
        push_decimal(*self as u64, out);
    }
}

fn push_decimal(mut n: u64, out: &mut String) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[start..] {
        out.push(char::from(d));
    }
}

/// `value`'s last `digits` hexadecimal digits, lower-case, zero-padded (`{:08x}` for 8).
pub struct Hex {
    /// The number written.
    pub value: u64,
    /// How many digits are written (at most 16).
    pub digits: u32,
}

impl Piece for Hex {
    fn push_to(&self, out: &mut String) {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        for i in (0..self.digits.min(16)).rev() {
            out.push(char::from(DIGITS[((self.value >> (4 * i)) & 15) as usize]));
        }
    }
}

/// The names of `items` separated by commas, written in place, for the "expected one of"
/// lists of messages: `text!("one of: ", Names(&Preset::ALL, |p| p.name()))`,
/// `Names(&Lang::TAGS, |t| t)`. `[&str]::join` would build a string of its own first (and
/// brings the slice joiner), and collecting the names in a `Vec` first costs each list code of
/// its own.
pub struct Names<'a, T>(pub &'a [T], pub fn(&T) -> &str);

impl<T> Piece for Names<'_, T> {
    fn push_to(&self, out: &mut String) {
        for (i, item) in self.0.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str((self.1)(item));
        }
    }
}

/// Appends its arguments after the first (anything that is a [`Piece`]) to the `String` it
/// names: `append!(out, "data-lang=", quoted(v))`, for a [`Piece`] built of pieces.
// Exported at the crate's root under a hidden name (what `macro_rules!` needs to be used by
// the crates built on this one), and named here beside `Piece`, where callers import it.
#[doc(hidden)]
#[macro_export]
macro_rules! __text_append {
    ($out:expr $(, $piece:expr)* $(,)?) => {{
        $( $crate::text::Piece::push_to(&$piece, $out); )*
    }};
}
pub use __text_append as append;

/// Concatenates its arguments (anything that is a [`Piece`]) into a new `String`:
/// `text!(path, ".id")`, `text!("has more than ", MAX, " rows")`.
#[doc(hidden)]
#[macro_export]
macro_rules! __text_text {
    ($($piece:expr),* $(,)?) => {{
        #[allow(unused_mut)]
        let mut out = ::std::string::String::new();
        $crate::text::append!(&mut out $(, $piece)*);
        out
    }};
}
pub use __text_text as text;

/// `Display` for [`Piece`] types (the crate's errors, quoted values), so that a Rust host's
/// `{}` writes the same words the console shows: `display_by_pieces!(UrlError);`.
#[doc(hidden)]
#[macro_export]
macro_rules! __text_display_by_pieces {
    ($($t:ty),* $(,)?) => {$(
        impl ::std::fmt::Display for $t {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&$crate::text::text!(self))
            }
        }
    )*};
}
pub use __text_display_by_pieces as display_by_pieces;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_display_writes_them() {
        for n in [0u64, 7, 10, 99, 100, 1234567890, u64::MAX] {
            assert_eq!(text!(n), n.to_string());
        }
        assert_eq!(text!(3usize, "/", 200u16, "/", 0u8), "3/200/0");
    }

    #[test]
    fn pieces_follow_each_other() {
        let path = String::from("cookies[2]");
        assert_eq!(text!(path, ".name"), "cookies[2].name");
        assert_eq!(text!(&path, '=', "x"), "cookies[2]=x");
        assert_eq!(text!(), "");
        let mut out = String::from("a");
        append!(&mut out, '=', 1u8, "b");
        assert_eq!(out, "a=1b");
    }

    struct Pair(u8, u8);
    impl Piece for Pair {
        fn push_to(&self, out: &mut String) {
            append!(out, self.0, "/", self.1);
        }
    }
    display_by_pieces!(Pair);

    #[test]
    fn display_writes_the_pieces() {
        assert_eq!(Pair(3, 4).to_string(), "3/4");
        assert_eq!(format!("[{}]", Pair(0, 10)), "[0/10]");
    }

    #[test]
    fn hex_is_zero_padded_to_its_digits() {
        assert_eq!(
            text!(Hex {
                value: 0xab,
                digits: 8
            }),
            "000000ab"
        );
        assert_eq!(
            text!(Hex {
                value: 0x0f,
                digits: 2
            }),
            "0f"
        );
        assert_eq!(
            text!(Hex {
                value: 0x1234_5678_9abc,
                digits: 4
            }),
            "9abc"
        );
        assert_eq!(
            text!(Hex {
                value: u64::MAX,
                digits: 16
            }),
            format!("{:016x}", u64::MAX)
        );
    }
}
