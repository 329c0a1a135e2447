//! The one display-width function: how many terminal columns a grapheme cluster or a string
//! takes, under the user's ambiguous-width setting. Every layout decision goes through here.
//!
//! The base is `unicode-width` (pinned to `=0.2.2`, see the tests) applied to one extended
//! grapheme cluster at a time, with three corrections:
//!
//! * control characters take no column (they are stripped by [`super::sanitize`] anyway, but
//!   `unicode-width` counts them as 1 in a `str`);
//! * the halfwidth voiced marks `ﾞ` `ﾟ` (U+FF9E, U+FF9F) always take one column of their own,
//!   whatever the `unicode-width` version says, so `ｶﾞ` is 2 columns and a lone `ﾞ` is 1
//!   (terminals draw them in a cell of their own; unicode-width 0.2.2 calls them 0, 0.2.3 calls
//!   them 1);
//! * in [`AmbiguousWidth::Wide`] mode, a cluster that is one column wide and starts with an
//!   East Asian Ambiguous character (read from `icu_properties`, *not* `width_cjk`, which keeps
//!   Greek and Cyrillic letters narrow) takes two columns.

use icu_properties::CodePointMapData;
use icu_properties::props::EastAsianWidth;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// How East Asian Ambiguous characters (※ ○ … × ① ─ α Д) are measured.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum AmbiguousWidth {
    /// One column, as most terminals draw them by default.
    #[default]
    Narrow,
    /// Two columns, as terminals set to "ambiguous is wide" draw them.
    Wide,
}

/// Halfwidth katakana voiced sound mark `ﾞ`.
const HALFWIDTH_VOICED: char = '\u{FF9E}';
/// Halfwidth katakana semi-voiced sound mark `ﾟ`.
const HALFWIDTH_SEMI_VOICED: char = '\u{FF9F}';

/// Characters that always form a grapheme cluster of their own when the next character is one
/// of them too (or the text ends): printable ASCII, CJK symbols and punctuation, kana, CJK
/// ideographs, halfwidth and fullwidth forms. None of them is Extend, ZWJ, SpacingMark,
/// Prepend, Hangul or a regional indicator, so there is always a boundary between two of them
/// (UAX #29 GB999), and none of them is East Asian Ambiguous. This is what makes measuring
/// Japanese text fast: segmentation is only needed around other characters.
#[inline]
fn is_simple(c: char) -> bool {
    matches!(
        c,
        '\u{20}'..='\u{7E}'
            | '\u{3000}'..='\u{3029}'
            | '\u{3030}'..='\u{303E}'
            | '\u{3041}'..='\u{3096}'
            | '\u{309B}'..='\u{30FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{FF01}'..='\u{FF9D}'
    )
}

/// Width of a [simple](is_simple) character: halfwidth katakana and ASCII take one column,
/// everything else in the simple set two.
#[inline]
fn simple_width(c: char) -> usize {
    if c.is_ascii() || ('\u{FF61}'..='\u{FF9D}').contains(&c) {
        1
    } else {
        2
    }
}

/// The extended grapheme clusters of a string with their byte offsets, like
/// `UnicodeSegmentation::grapheme_indices(s, true)` but without running the segmentation rules
/// between two characters that always stand alone (ASCII, kana, kanji, CJK punctuation,
/// halfwidth and fullwidth forms).
#[derive(Clone, Debug)]
pub struct Clusters<'a> {
    /// The whole string.
    text: &'a str,
    /// Where the next cluster starts.
    pos: usize,
}

impl<'a> Iterator for Clusters<'a> {
    type Item = (usize, &'a str);

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let rest = &self.text[self.pos..];
        let mut chars = rest.chars();
        let first = chars.next()?;
        let len = if is_simple(first) && chars.next().is_none_or(is_simple) {
            first.len_utf8()
        } else {
            // `pos` is a cluster boundary, so segmenting from here gives the right cluster.
            rest.graphemes(true).next().map_or(rest.len(), str::len)
        };
        let start = self.pos;
        self.pos += len;
        Some((start, &rest[..len]))
    }
}

/// The grapheme clusters of `text` with their byte offsets (see [`Clusters`]).
pub fn clusters(text: &str) -> Clusters<'_> {
    Clusters { text, pos: 0 }
}

/// Width of a single ASCII byte: printable characters take one column, controls none.
#[inline]
fn ascii_width(b: u8) -> usize {
    usize::from((0x20..0x7f).contains(&b))
}

/// Whether `c` has East_Asian_Width = Ambiguous.
#[inline]
pub fn is_ambiguous(c: char) -> bool {
    !c.is_ascii() && CodePointMapData::<EastAsianWidth>::new().get(c) == EastAsianWidth::Ambiguous
}

/// Display width of one grapheme cluster, in columns.
///
/// Controls are 0; `ｶﾞ` is 2; `❤️`, `👩‍🔬`, `👍🏽` and `🇯🇵` are 2; U+00AD and ZWSP are 0. Passing
/// more than one cluster gives a meaningless (but never panicking) answer: use [`str_width`].
/// (Text on screen has been [sanitised](super::sanitize), which drops the VS16 of `❤️`: `❤`
/// is 1, as every terminal draws it.)
pub fn grapheme_width(grapheme: &str, ambiguous: AmbiguousWidth) -> usize {
    let bytes = grapheme.as_bytes();
    match bytes {
        [] => 0,
        [b] => ascii_width(*b),
        _ => non_ascii_grapheme_width(grapheme, ambiguous),
    }
}

/// [`grapheme_width`] for a cluster of more than one byte.
fn non_ascii_grapheme_width(grapheme: &str, ambiguous: AmbiguousWidth) -> usize {
    let mut chars = grapheme.chars();
    let Some(first) = chars.next() else {
        return 0;
    };
    if chars.next().is_none() && is_simple(first) {
        return simple_width(first);
    }
    if first.is_control() {
        // "\r\n" is the only multi-character cluster that starts with a control.
        return 0;
    }
    let width = match grapheme.find([HALFWIDTH_VOICED, HALFWIDTH_SEMI_VOICED]) {
        None => grapheme.width(),
        Some(at) => {
            let marks = grapheme[at..]
                .chars()
                .filter(|&c| c == HALFWIDTH_VOICED || c == HALFWIDTH_SEMI_VOICED)
                .count();
            grapheme[..at].width() + marks
        }
    };
    if width == 1 && ambiguous == AmbiguousWidth::Wide && is_ambiguous(first) {
        2
    } else {
        width
    }
}

/// Display width of a string: the sum of [`grapheme_width`] over its grapheme clusters.
pub fn str_width(s: &str, ambiguous: AmbiguousWidth) -> usize {
    if s.is_ascii() {
        return s.bytes().map(ascii_width).sum();
    }
    let mut total = 0;
    let mut rest = s;
    loop {
        let mut chars = rest.chars();
        let Some(first) = chars.next() else {
            return total;
        };
        if is_simple(first) && chars.clone().next().is_none_or(is_simple) {
            total += simple_width(first);
            rest = chars.as_str();
        } else {
            // `rest` starts at a cluster boundary (see `Clusters`).
            let grapheme = rest.graphemes(true).next().unwrap_or(rest);
            total += grapheme_width(grapheme, ambiguous);
            rest = &rest[grapheme.len()..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthChar;

    const N: AmbiguousWidth = AmbiguousWidth::Narrow;
    const W: AmbiguousWidth = AmbiguousWidth::Wide;

    #[test]
    fn simple_characters_are_what_the_fast_path_assumes() {
        let ranges = [
            ('\u{20}', '\u{7E}'),
            ('\u{3000}', '\u{3029}'),
            ('\u{3030}', '\u{303E}'),
            ('\u{3041}', '\u{3096}'),
            ('\u{309B}', '\u{30FF}'),
            ('\u{3400}', '\u{4DBF}'),
            ('\u{4E00}', '\u{9FFF}'),
            ('\u{FF01}', '\u{FF9D}'),
        ];
        for (lo, hi) in ranges {
            for c in lo..=hi {
                assert!(is_simple(c));
                assert!(!is_ambiguous(c), "{c:?} is ambiguous");
                let mut buf = [0; 4];
                let s: &str = c.encode_utf8(&mut buf);
                assert_eq!(UnicodeWidthChar::width(c), Some(s.width()), "{c:?}");
                assert_eq!(simple_width(c), s.width(), "{c:?}");
                // Followed by another simple character, it is a cluster of its own.
                let pair = format!("{c}{c}");
                assert_eq!(pair.graphemes(true).count(), 2, "{c:?}");
            }
        }
    }

    #[test]
    fn clusters_match_unicode_segmentation() {
        let text =
            "aé東ｶﾞ\u{3000}👩\u{200D}🔬🇯🇵🇺🇸e\u{301}x\r\nカ\u{3099}〰\u{FE0F}한국어1\u{FE0F}\u{20E3}";
        let fast: Vec<(usize, &str)> = clusters(text).collect();
        let slow: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
        assert_eq!(fast, slow);
    }

    #[test]
    fn ascii_fast_path_skips_controls() {
        assert_eq!(str_width("abc", N), 3);
        assert_eq!(str_width("a\tb\nc\u{7f}\u{1b}", N), 3);
        assert_eq!(str_width("", N), 0);
    }

    #[test]
    fn controls_take_no_column() {
        for s in ["\u{85}", "\u{9b}", "\r\n", "\u{0}", "\u{7f}"] {
            assert_eq!(grapheme_width(s, N), 0, "{s:?}");
            assert_eq!(str_width(s, W), 0, "{s:?}");
        }
    }

    #[test]
    fn ambiguous_only_widens_narrow_clusters() {
        assert_eq!(str_width("…", W), 2);
        assert_eq!(str_width("…", N), 1);
        // A lone combining mark is Ambiguous but takes no column in either mode.
        assert_eq!(str_width("\u{301}", W), 0);
        assert_eq!(str_width("e\u{301}", W), 1);
        // Latin-1 letters such as é are Ambiguous: wide terminals draw them double.
        assert_eq!(str_width("é", W), 2);
        assert_eq!(str_width("α\u{301}", W), 2);
        assert_eq!(str_width("東", W), 2);
    }

    #[test]
    fn text_default_emoji_are_one_column_once_sanitised() {
        // What a terminal that adds up the characters' own widths (tmux) draws is what kiji
        // counts: sanitising drops VS16 after a text-default emoji, so there is nothing to
        // disagree on and no cell is left stale.
        for s in [
            "❤\u{FE0F}",
            "☺\u{FE0F}",
            "✔\u{FE0F}",
            "⚠\u{FE0F}",
            "☀\u{FE0F}",
            "1\u{FE0F}\u{20E3}",
            "#\u{FE0F}\u{20E3}",
            "©\u{FE0F}",
            "🏳\u{FE0F}",
        ] {
            assert_eq!(grapheme_width(s, N), 2, "{s:?} with VS16");
            let clean = crate::text::sanitize::sanitize(s);
            let by_char: usize = clean.chars().filter_map(UnicodeWidthChar::width).sum();
            assert_eq!(str_width(&clean, N), 1, "{s:?}");
            assert_eq!(by_char, 1, "{s:?}");
        }
        // Emoji-presentation characters keep their two columns without VS15.
        let watch = crate::text::sanitize::sanitize("⌚\u{FE0E}");
        assert_eq!(str_width(&watch, N), 2);
        assert_eq!(grapheme_width("\u{200B}", W), 0);
    }
}
