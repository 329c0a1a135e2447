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
    s.graphemes(true)
        .map(|g| grapheme_width(g, ambiguous))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: AmbiguousWidth = AmbiguousWidth::Narrow;
    const W: AmbiguousWidth = AmbiguousWidth::Wide;

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
}
