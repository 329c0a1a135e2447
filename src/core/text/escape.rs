//! Showing names and values from files, folders and settings in text output and messages:
//! every control character made visible (`\e`, `\n`, `\x07`, `\u{9b}`), so that a file name or
//! a configuration value can neither drive the terminal nor forge a line of output.
//!
//! [`escape_controls`] is the one rule; [`Shown`] applies it to anything that implements
//! `Display` and [`ShownPath`] to a path (bytes that are not UTF-8 become `\xNN`). What is
//! escaped: the C0 controls, DEL and the C1 controls, the line and paragraph separators
//! U+2028/U+2029, and the bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E,
//! U+2066–U+2069), which could otherwise reorder what the rest of the line seems to say.
//! Everything else, backslashes included, is written as it is.

use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::path::Path;

/// Whether [`escape_controls`] writes `c` as an escape.
fn is_escaped(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{61C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Whether `s` may hold a character [`is_escaped`] names: whether it has a byte that begins
/// one in UTF-8 (a C0 control or DEL; 0xC2, the C1 controls'; 0xD8, U+061C's; 0xE2, the
/// separators' and the other bidi controls'). Most text has none, and is let through whole
/// without being decoded.
fn may_escape(s: &str) -> bool {
    s.bytes()
        .any(|b| b < 0x20 || matches!(b, 0x7F | 0xC2 | 0xD8 | 0xE2))
}

/// Write `c` to `out`, as an escape when it is one of the characters [`is_escaped`] names.
fn write_char(out: &mut impl fmt::Write, c: char) -> fmt::Result {
    if !is_escaped(c) {
        return out.write_char(c);
    }
    match c {
        '\u{1B}' => out.write_str("\\e"),
        '\n' => out.write_str("\\n"),
        '\r' => out.write_str("\\r"),
        '\t' => out.write_str("\\t"),
        '\0'..='\u{7F}' => write!(out, "\\x{:02x}", u32::from(c)),
        _ => write!(out, "\\u{{{:x}}}", u32::from(c)),
    }
}

/// `s` with every control character shown as an escape: `\e` (ESC), `\n`, `\r`, `\t`, `\x07`
/// for the other C0 controls and DEL, `\u{9b}` for C1 controls, separators and bidi controls.
/// Borrowed when there is nothing to escape.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !may_escape(s) || !s.chars().any(is_escaped) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        // Writing to a String cannot fail.
        let _ = write_char(&mut out, c);
    }
    Cow::Owned(out)
}

/// Passes text through to a formatter with [`escape_controls`] applied on the way.
struct Escaping<'a, 'b>(&'a mut fmt::Formatter<'b>);

impl fmt::Write for Escaping<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // The runs between escapes go through whole: most text has no escape at all.
        if !may_escape(s) {
            return self.0.write_str(s);
        }
        let mut rest = s;
        while let Some((at, c)) = rest.char_indices().find(|&(_, c)| is_escaped(c)) {
            self.0.write_str(&rest[..at])?;
            write_char(self.0, c)?;
            rest = &rest[at + c.len_utf8()..];
        }
        self.0.write_str(rest)
    }
}

/// Write `s` to `out` with every control character escaped, as [`Shown`] displays it; text
/// with nothing to escape goes straight through, without the formatting machinery.
pub fn write_shown(out: &mut impl std::io::Write, s: &str) -> std::io::Result<()> {
    if may_escape(s) {
        write!(out, "{}", Shown(s))
    } else {
        out.write_all(s.as_bytes())
    }
}

/// Displays its value with every control character escaped, as [`escape_controls`] does:
/// `format!("kiji: {}: …", Shown(&name))`.
#[derive(Clone, Copy, Debug)]
pub struct Shown<T>(pub T);

impl<T: fmt::Display> fmt::Display for Shown<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(Escaping(f), "{}", self.0)
    }
}

/// Displays a path with every control character escaped and, on Unix, each byte that is not
/// part of valid UTF-8 as `\xNN` (where `Path::display` would write U+FFFD and lose it).
#[derive(Clone, Copy, Debug)]
pub struct ShownPath<'a>(pub &'a Path);

impl fmt::Display for ShownPath<'_> {
    #[cfg(unix)]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use std::os::unix::ffi::OsStrExt;
        for chunk in self.0.as_os_str().as_bytes().utf8_chunks() {
            Escaping(f).write_str(chunk.valid())?;
            for b in chunk.invalid() {
                write!(f, "\\x{b:02x}")?;
            }
        }
        Ok(())
    }

    #[cfg(not(unix))]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(Escaping(f), "{}", self.0.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_is_visible() {
        assert_eq!(escape_controls("a\u{1b}[31mb"), "a\\e[31mb");
        assert_eq!(escape_controls("a\nb\r\tc"), "a\\nb\\r\\tc");
        assert_eq!(
            escape_controls("\u{7}\u{0}\u{7f}\u{1f}"),
            "\\x07\\x00\\x7f\\x1f"
        );
        assert_eq!(escape_controls("\u{9b}2J\u{85}"), "\\u{9b}2J\\u{85}");
        assert_eq!(
            escape_controls("\u{202e}cod.exe\u{2066}\u{2028}"),
            "\\u{202e}cod.exe\\u{2066}\\u{2028}"
        );
    }

    #[test]
    fn the_byte_check_misses_no_escaped_character() {
        let mut buf = [0; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if is_escaped(c) {
                assert!(may_escape(c.encode_utf8(&mut buf)), "{c:?}");
            }
        }
        assert!(!may_escape("東京 é ｶﾞ plain"));
    }

    #[test]
    fn plain_text_is_borrowed_and_kept() {
        for s in ["", "東京 ❤ \\n", "é\u{200b}ｶﾞ"] {
            assert!(matches!(escape_controls(s), Cow::Borrowed(_)), "{s:?}");
            assert_eq!(escape_controls(s), s);
        }
    }

    #[test]
    fn escaping_twice_changes_nothing_more() {
        let once = escape_controls("x.md:1:1: error: FORGED\nzz\u{1b}]0;t\u{7}").into_owned();
        assert_eq!(once, "x.md:1:1: error: FORGED\\nzz\\e]0;t\\x07");
        assert_eq!(escape_controls(&once), once);
    }

    #[test]
    fn the_wrappers_use_the_same_rule() {
        assert_eq!(format!("[{}]", Shown("a\u{7}b")), "[a\\x07b]");
        assert_eq!(format!("{}", Shown(Path::new("a\nb").display())), "a\\nb");
        assert_eq!(
            ShownPath(Path::new("/t/\u{1b}x.md")).to_string(),
            "/t/\\ex.md"
        );
        for s in ["plain 東京", "a\u{7}b", "\u{202e}x"] {
            let mut out = Vec::new();
            write_shown(&mut out, s).expect("write");
            assert_eq!(String::from_utf8(out).expect("utf-8"), Shown(s).to_string());
        }
    }

    #[cfg(unix)]
    #[test]
    fn bytes_that_are_not_utf8_are_shown_as_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"/t/a\xff\xfe\x1bb\xe3\x81.md"));
        assert_eq!(ShownPath(p).to_string(), "/t/a\\xff\\xfe\\eb\\xe3\\x81.md");
    }
}
