//! Sanitising text read from files before it is measured or drawn: escape sequences and control
//! characters removed, invisible format characters removed, tabs expanded, line ends unified,
//! NFC normalisation.
//!
//! An article must never be able to change the terminal's title, clipboard or screen, and every
//! character that survives must have a well-defined width. What is removed:
//!
//! * escape sequences, whole: `ESC [ … final` (CSI), `ESC ] … BEL|ST` (OSC), `ESC P|X|^|_ … ST`
//!   (DCS, SOS, PM, APC), two-character escapes such as `ESC 7` or `ESC ( B`, and their 8-bit C1
//!   forms (U+009B CSI, U+009D OSC, U+0090 DCS …). A string sequence (OSC, DCS …) that is never
//!   terminated ends at the next newline, so a stray `ESC ]` cannot swallow a whole article;
//! * the remaining C0 and C1 controls and DEL, except `\n` (and `\t`, which is expanded);
//! * `\r` (so `\r\n` becomes `\n` and a lone `\r` disappears).
//!
//! U+2028 and U+2029 (line and paragraph separators) become `\n`.
//!
//! **Invisible format characters: one rule.** Every default-ignorable code point (Unicode's
//! `Default_Ignorable_Code_Point`: soft hyphen, CGJ, ZWSP, ZWNJ, ZWJ, the bidi controls, word
//! joiner and invisible operators, the Hangul fillers, the variation selectors, BOM, the tag
//! characters …) and the interlinear annotation characters U+FFF9–U+FFFB are *removed*:
//! terminals disagree on whether they take a cell, and a character drawn in a different number
//! of columns than kiji counted leaves stale glyphs behind. The exceptions are the characters
//! that are part of something visible, whose width is known:
//!
//! * ZWSP (U+200B) is kept as a line-break hint: it has width 0, the wrapper drops it at a
//!   break and removes it from the lines it returns, and ratatui never gives a zero-width
//!   cluster a cell;
//! * ZWJ (U+200D) is kept inside an emoji ZWJ sequence (`👩‍🔬`: followed, in the same
//!   grapheme cluster, by a pictographic character); everywhere else it goes;
//! * the tag characters U+E0020–U+E007F are kept in an emoji tag sequence (a pictographic
//!   base, tags, and the cancel tag U+E007F closing the cluster: the flag of England);
//! * the emoji and text presentation selectors VS16 (U+FE0F) and VS15 (U+FE0E) are kept inside
//!   an emoji ZWJ sequence only. Elsewhere they are dropped: `❤️`, `☺️`, `1️⃣` become `❤`,
//!   `☺`, `1⃣`, one column everywhere, where a terminal or tmux that ignores VS16 would draw
//!   one column and `unicode-width` counts two (and `⌚︎` becomes `⌚`, two columns for both);
//! * the other variation selectors (VS1–VS14, VS17–VS256 of ideographic variation sequences
//!   such as `葛󠄀`, the Mongolian free variation selectors) are kept after a base character,
//!   which they never widen; a lone one (at the start of a line) goes;
//! * the Hangul choseong and jungseong fillers U+115F, U+1160 are kept: they are part of
//!   conjoining jamo syllables, which are measured as one cluster.
//!
//! U+3000 is kept as the Japanese indent and separator.

use icu_properties::CodePointSetData;
use icu_properties::props::ExtendedPictographic;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_segmentation::UnicodeSegmentation;

use super::{AmbiguousWidth, str_width};

/// Columns between tab stops.
pub const TAB_WIDTH: usize = 4;

/// Clean a block of text: escape sequences and controls removed, format characters removed
/// or kept by the rule of the module docs, tabs expanded to the next tab stop of
/// [`TAB_WIDTH`] columns (column-aware per line), line ends unified to `\n`, NFC. Newlines are
/// kept.
pub fn sanitize(s: &str) -> String {
    if is_plain(s) {
        return s.to_owned();
    }
    let stripped = if s.chars().any(needs_stripping) {
        strip_controls(s)
    } else {
        s.to_owned()
    };
    let stripped = if stripped.chars().any(is_format) {
        format_characters(&stripped)
    } else {
        stripped
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
    (c.is_control() && c != '\n') || matches!(c, '\u{2028}' | '\u{2029}')
}

/// The default-ignorable code points (`Default_Ignorable_Code_Point`, Unicode 16, checked
/// against `icu_properties` in the tests) and the interlinear annotation characters
/// U+FFF9–U+FFFB: what [`format_characters`] removes or keeps.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFFB}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// Variation selectors that choose a glyph without changing its width: VS1–VS14, VS17–VS256
/// and the Mongolian free variation selectors. (VS15 and VS16 choose the presentation, and with
/// it the width.)
fn is_glyph_selector(c: char) -> bool {
    matches!(
        c,
        '\u{FE00}'..='\u{FE0D}' | '\u{E0100}'..='\u{E01EF}' | '\u{180B}'..='\u{180D}' | '\u{180F}'
    )
}

/// Whether `c` is Extended_Pictographic (what emoji sequences are built of).
fn is_pictographic(c: char) -> bool {
    CodePointSetData::new::<ExtendedPictographic>().contains(c)
}

/// The most code points an emoji ZWJ or tag sequence is taken to have: the longest
/// recommended ones have 10 (`👩🏻‍❤️‍💋‍👨🏼`) and a tag sequence at most 32 tags and its base.
/// A longer cluster (say 👩 joined to itself 100,000 times, one cluster two columns wide) keeps
/// none of its joiners, tags or presentation selectors, and falls apart into its emoji.
const LONGEST_EMOJI_SEQUENCE: usize = 34;

/// Apply the rule of the module docs to the [format characters](is_format) of `s`, one grapheme
/// cluster at a time (whether one is kept depends on its cluster).
fn format_characters(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars: Vec<char> = Vec::new();
    for cluster in s.graphemes(true) {
        if !cluster.chars().any(is_format) {
            out.push_str(cluster);
            continue;
        }
        chars.clear();
        chars.extend(cluster.chars());
        let emoji = chars.len() <= LONGEST_EMOJI_SEQUENCE;
        let joins = |i: usize| {
            emoji && chars[i] == '\u{200D}' && chars.get(i + 1).is_some_and(|&n| is_pictographic(n))
        };
        let zwj_sequence = (0..chars.len()).any(joins);
        let tag_sequence = emoji
            && is_pictographic(chars[0])
            && chars.len() > 2
            && chars.last() == Some(&'\u{E007F}')
            && chars[1..]
                .iter()
                .all(|c| ('\u{E0020}'..='\u{E007F}').contains(c));
        for (i, &c) in chars.iter().enumerate() {
            let keep = !is_format(c)
                || match c {
                    '\u{200B}' | '\u{115F}' | '\u{1160}' => true,
                    '\u{200D}' => joins(i),
                    '\u{FE0E}' | '\u{FE0F}' => zwj_sequence,
                    '\u{E0020}'..='\u{E007F}' => tag_sequence,
                    c if is_glyph_selector(c) => i > 0,
                    _ => false,
                };
            if keep {
                out.push(c);
            }
        }
    }
    out
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

/// Remove escape sequences and controls (except `\n` and `\t`); map U+2028/U+2029 to `\n`.
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
                c if c.is_control() => {}
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

    #[test]
    fn the_format_list_is_default_ignorable_plus_annotations() {
        use icu_properties::props::DefaultIgnorableCodePoint;
        let ignorable = CodePointSetData::new::<DefaultIgnorableCodePoint>();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let annotation = ('\u{FFF9}'..='\u{FFFB}').contains(&c);
            assert_eq!(is_format(c), ignorable.contains(c) || annotation, "{c:?}");
        }
    }

    #[test]
    fn invisible_format_characters_are_removed() {
        for c in [
            '\u{AD}',
            '\u{34F}',
            '\u{61C}',
            '\u{17B4}',
            '\u{180E}',
            '\u{200C}',
            '\u{200E}',
            '\u{202E}',
            '\u{2060}',
            '\u{2064}',
            '\u{2066}',
            '\u{3164}',
            '\u{FEFF}',
            '\u{FFA0}',
            '\u{FFF9}',
            '\u{FFFA}',
            '\u{FFFB}',
            '\u{1BCA0}',
            '\u{1D173}',
            '\u{E0001}',
            '\u{E0041}',
            '\u{E007F}',
            '\u{E01F0}',
        ] {
            assert_eq!(sanitize(&format!("東{c}京 a{c}b")), "東京 ab", "{c:?}");
            assert_eq!(sanitize(&format!("{c}x")), "x", "{c:?}");
        }
    }

    #[test]
    fn zwsp_is_kept_and_takes_no_column() {
        assert_eq!(sanitize("東京\u{200B}大阪"), "東京\u{200B}大阪");
        assert_eq!(str_width("\u{200B}", AmbiguousWidth::Narrow), 0);
        assert_eq!(str_width("東\u{200B}京", AmbiguousWidth::Wide), 4);
    }

    #[test]
    fn zwj_is_kept_only_inside_emoji_sequences() {
        for emoji in [
            "👩\u{200D}🔬",
            "👨\u{200D}👩\u{200D}👧",
            "🏳\u{FE0F}\u{200D}🌈",
            "❤\u{FE0F}\u{200D}🔥",
            "👍🏽\u{200D}🔥",
        ] {
            assert_eq!(sanitize(emoji), emoji);
            assert_eq!(sanitize(&format!("a{emoji}b")), format!("a{emoji}b"));
        }
        assert_eq!(sanitize("a\u{200D}b"), "ab");
        assert_eq!(sanitize("東\u{200D}京"), "東京");
        assert_eq!(sanitize("👩\u{200D}"), "👩");
        assert_eq!(sanitize("\u{200D}🔬"), "🔬");
        assert_eq!(sanitize("👩\u{200D}a"), "👩a");
    }

    #[test]
    fn an_overlong_emoji_sequence_falls_apart() {
        let longest = "👩🏻\u{200D}❤\u{FE0F}\u{200D}💋\u{200D}👨🏼";
        assert_eq!(sanitize(longest), longest);
        let chain = format!("{}👩", "👩\u{200D}".repeat(20));
        assert_eq!(chain.graphemes(true).count(), 1);
        assert_eq!(sanitize(&chain), "👩".repeat(21));
        let tags = format!("🏴{}\u{E007F}", "\u{E0067}".repeat(32));
        assert_eq!(sanitize(&tags), tags);
        let too_many = format!("🏴{}\u{E007F}", "\u{E0067}".repeat(33));
        assert_eq!(sanitize(&too_many), "🏴");
    }

    #[test]
    fn tags_are_kept_only_in_emoji_tag_sequences() {
        let england = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
        assert_eq!(sanitize(england), england);
        assert_eq!(
            sanitize(&format!("旗{england}旗")),
            format!("旗{england}旗")
        );
        // Unterminated, or on a letter: removed.
        assert_eq!(sanitize("🏴\u{E0067}\u{E0062}"), "🏴");
        assert_eq!(sanitize("a\u{E0067}\u{E0062}\u{E007F}"), "a");
        assert_eq!(sanitize("\u{E0001}\u{E006A}\u{E0061}日本"), "日本");
    }

    #[test]
    fn presentation_selectors_are_dropped_outside_zwj_sequences() {
        assert_eq!(
            sanitize("❤\u{FE0F} ☺\u{FE0F} ✔\u{FE0F} ⚠\u{FE0F} ☀\u{FE0F} 1\u{FE0F}\u{20E3}"),
            "❤ ☺ ✔ ⚠ ☀ 1\u{20E3}"
        );
        assert_eq!(sanitize("⌚\u{FE0E}❤\u{FE0E}🏳\u{FE0F}"), "⌚❤🏳");
        assert_eq!(sanitize("a\u{FE0F}"), "a");
    }

    #[test]
    fn glyph_variation_selectors_stay_on_their_base() {
        // An ideographic variation sequence (葛 with VS17), a standardised one, Mongolian.
        for s in ["葛\u{E0100}", "≩\u{FE00}", "ᠠ\u{180B}", "ᠠ\u{180F}"] {
            assert_eq!(sanitize(s), s);
        }
        assert_eq!(sanitize("\u{E0100}葛\n\u{FE00}x"), "葛\nx");
        // Hangul fillers of a conjoining syllable are kept; the compatibility filler is not.
        assert_eq!(sanitize("\u{115F}\u{1161}"), "\u{115F}\u{1161}");
        assert_eq!(sanitize("\u{1100}\u{1160}"), "\u{1100}\u{1160}");
        assert_eq!(sanitize("\u{3164}한"), "한");
    }
}
