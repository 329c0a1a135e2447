//! The one display-width function. TEMPORARY naive version: replaced by the text-engine work.

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

/// Display width of one grapheme cluster.
pub fn grapheme_width(grapheme: &str, _ambiguous: AmbiguousWidth) -> usize {
    grapheme.width()
}

/// Display width of a string: the sum over its grapheme clusters.
pub fn str_width(s: &str, ambiguous: AmbiguousWidth) -> usize {
    s.graphemes(true)
        .map(|g| grapheme_width(g, ambiguous))
        .sum()
}
