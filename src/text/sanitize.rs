//! Sanitising text read from files before it is measured or drawn: escape sequences and control
//! characters removed, tabs expanded, line ends unified, NFC normalisation.
//!
//! An article must never be able to change the terminal's title, clipboard or screen, and every
//! character that survives must have a well-defined width. What is removed:
//!
//! * escape sequences, whole: `ESC [ … final` (CSI), `ESC ] … BEL|ST` (OSC), `ESC P|X|^|_ … ST`
//!   (DCS, SOS, PM, APC), two-character escapes such as `ESC 7` or `ESC ( B`, and their 8-bit C1
//!   forms (U+009B CSI, U+009D OSC, U+0090 DCS …). A string sequence (OSC, DCS …) that is never
//!   terminated ends at the next newline, so a stray `ESC ]` cannot swallow a whole article;
//! * the remaining C0 and C1 controls and DEL, except `\n` (and `\t`, which is expanded);
//! * `\r` (so `\r\n` becomes `\n` and a lone `\r` disappears);
//! * U+00AD soft hyphen (terminals disagree on its width), U+FEFF BOM / zero-width no-break
//!   space, and the bidi controls U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069.
//!
//! U+2028 and U+2029 (line and paragraph separators) become `\n`. ZWSP (U+200B) is kept as a
//! break hint and U+3000 is kept as the Japanese indent and separator.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::{AmbiguousWidth, str_width};

/// Columns between tab stops.
pub const TAB_WIDTH: usize = 4;

/// Clean a block of text: escape sequences and controls removed, tabs expanded to the next tab
/// stop of [`TAB_WIDTH`] columns (column-aware per line), line ends unified to `\n`, NFC.
/// Newlines are kept.
pub fn sanitize(s: &str) -> String {
    if is_plain(s) {
        return s.to_owned();
    }
    let stripped = if s.chars().any(needs_stripping) {
        strip_controls(s)
    } else {
        s.to_owned()
    };
    let normalized = match is_nfc_quick(stripped.chars()) {
        IsNormalized::Yes => stripped,
        IsNormalized::No | IsNormalized::Maybe => stripped.nfc().collect(),
    };
    if normalized.contains('\t') {
        expand_tabs(&normalized)
    } else {
        normalized
    }
}

/// Clean a single-line field such as a title or tag: [`sanitize`], then every run of ASCII
/// whitespace (newlines included) becomes one space, and ASCII whitespace is trimmed from both
/// ends. U+3000 is kept, also at the start.
pub fn sanitize_inline(s: &str) -> String {
    let clean = sanitize(s);
    let mut out = String::with_capacity(clean.len());
    let mut pending_space = false;
    for c in clean.chars() {
        if c.is_ascii_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// True when `s` needs no change: printable ASCII and newlines only.
fn is_plain(s: &str) -> bool {
    s.bytes().all(|b| b == b'\n' || (0x20..0x7f).contains(&b))
}

/// Whether `c` is changed or removed by [`strip_controls`] (tabs count: they are expanded).
fn needs_stripping(c: char) -> bool {
    (c.is_control() && c != '\n') || is_removed_format(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Format characters removed outright.
fn is_removed_format(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{FEFF}'
            | '\u{61C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// C1 controls that open a string (OSC, DCS, SOS, PM, APC) running up to a terminator.
fn is_c1_string_opener(c: char) -> bool {
    matches!(c, '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}')
}

/// Where the escape-sequence parser is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Ordinary text.
    Text,
    /// After ESC.
    Escape,
    /// After ESC and one or more intermediate bytes (0x20–0x2F).
    EscapeIntermediate,
    /// Inside a CSI sequence, before its final byte.
    Csi,
    /// Inside an OSC/DCS/SOS/PM/APC string.
    String,
    /// After ESC inside a string: `\` ends it (ST), anything else starts a new escape.
    StringEscape,
}

/// Remove escape sequences, controls (except `\n` and `\t`) and the format characters listed in
/// the module docs; map U+2028/U+2029 to `\n`.
fn strip_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut state = State::Text;
    let mut chars = s.chars().peekable();
    while let Some(&c) = chars.peek() {
        // Each arm either consumes `c` (falls through to `next()`) or changes state and
        // `continue`s so that `c` is looked at again in the new state.
        match state {
            State::Text => match c {
                '\u{1B}' => state = State::Escape,
                '\u{9B}' => state = State::Csi,
                c if is_c1_string_opener(c) => state = State::String,
                '\n' | '\t' => out.push(c),
                '\u{2028}' | '\u{2029}' => out.push('\n'),
                c if c.is_control() || is_removed_format(c) => {}
                c => out.push(c),
            },
            State::Escape => match c {
                '[' => state = State::Csi,
                ']' | 'P' | 'X' | '^' | '_' => state = State::String,
                '\u{20}'..='\u{2F}' => state = State::EscapeIntermediate,
                '\u{30}'..='\u{7E}' => state = State::Text,
                '\u{1B}' => {}
                _ => {
                    state = State::Text;
                    continue;
                }
            },
            State::EscapeIntermediate => match c {
                '\u{20}'..='\u{2F}' => {}
                '\u{30}'..='\u{7E}' => state = State::Text,
                _ => {
                    state = State::Text;
                    continue;
                }
            },
            State::Csi => match c {
                '\u{20}'..='\u{3F}' => {}
                '\u{40}'..='\u{7E}' | '\u{18}' | '\u{1A}' => state = State::Text,
                '\u{1B}' => state = State::Escape,
                _ => {
                    state = State::Text;
                    continue;
                }
            },
            State::String => match c {
                '\u{7}' | '\u{9C}' | '\u{18}' | '\u{1A}' => state = State::Text,
                '\u{1B}' => state = State::StringEscape,
                '\n' => {
                    state = State::Text;
                    continue;
                }
                _ => {}
            },
            State::StringEscape => {
                if c == '\\' {
                    state = State::Text;
                } else {
                    state = State::Escape;
                    continue;
                }
            }
        }
        chars.next();
    }
    out
}

/// Expand each `\t` to spaces up to the next multiple of [`TAB_WIDTH`] columns, counting
/// display columns from the start of its line.
fn expand_tabs(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut column = 0;
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                let spaces = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            out.push_str(piece);
            column += str_width(piece, AmbiguousWidth::Narrow);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_removed_whole() {
        assert_eq!(sanitize("a\u{1b}[1;31mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(sanitize("a\u{1b}]52;c;ZXZpbA==\u{1b}\\b"), "ab");
        assert_eq!(sanitize("a\u{1b}Pq#0;2;0;0;0\u{1b}\\b"), "ab");
        assert_eq!(sanitize("a\u{1b}(Bb\u{1b}7c"), "abc");
        assert_eq!(sanitize("a\u{9b}2Jb\u{9d}0;t\u{9c}c"), "abc");
        assert_eq!(sanitize("a\u{1b}[?25h\u{1b}[2 qb"), "ab");
    }

    #[test]
    fn broken_sequences_do_not_eat_text() {
        // An ESC before a non-ASCII character or a newline is dropped on its own.
        assert_eq!(sanitize("a\u{1b}あ"), "aあ");
        assert_eq!(sanitize("a\u{1b}[31あ"), "aあ");
        // An unterminated OSC ends at the newline.
        assert_eq!(sanitize("a\u{1b}]0;title\nnext"), "a\nnext");
        assert_eq!(sanitize("trailing\u{1b}"), "trailing");
        // ESC inside a string starts a new sequence.
        assert_eq!(sanitize("a\u{1b}]0;t\u{1b}[31mb"), "ab");
    }

    #[test]
    fn controls_and_format_characters() {
        assert_eq!(sanitize("a\r\nb\rc"), "a\nbc");
        assert_eq!(sanitize("a\u{0}\u{7}\u{8}\u{7f}b"), "ab");
        assert_eq!(
            sanitize("\u{feff}a\u{202e}b\u{2066}c\u{200f}d\u{61c}"),
            "abcd"
        );
        assert_eq!(sanitize("a\u{2028}b\u{2029}c"), "a\nb\nc");
        assert_eq!(
            sanitize("東京\u{200b}大阪\u{3000}"),
            "東京\u{200b}大阪\u{3000}"
        );
    }

    #[test]
    fn nfc_and_tabs() {
        assert_eq!(sanitize("カ\u{3099}"), "ガ");
        assert_eq!(sanitize("ｶﾞ"), "ｶﾞ");
        assert_eq!(sanitize("ab\tc\n\td\n日本\t語"), "ab  c\n    d\n日本    語");
        assert_eq!(sanitize("abcd\te"), "abcd    e");
    }

    #[test]
    fn inline() {
        assert_eq!(
            sanitize_inline("  東京\n\n 大阪\t名古屋  "),
            "東京 大阪 名古屋"
        );
        assert_eq!(sanitize_inline("\u{3000}見出し "), "\u{3000}見出し");
        assert_eq!(sanitize_inline(" \n "), "");
    }
}
