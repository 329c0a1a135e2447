//! Truncation with an ellipsis to an exact number of columns, for list rows, the sidebar and
//! block titles: never half a wide character, always exactly the requested width.

use super::width::clusters;
use super::{AmbiguousWidth, grapheme_width, str_width};

/// The ellipsis put where text was cut. It is East Asian Ambiguous: one column in
/// [`AmbiguousWidth::Narrow`], two in [`AmbiguousWidth::Wide`].
pub const ELLIPSIS: &str = "…";

/// Used instead of [`ELLIPSIS`] when it does not fit at all (width 1 in wide mode).
pub const NARROW_ELLIPSIS: &str = ".";

/// `s` fitted to exactly `width` columns.
///
/// If `s` fits it is returned unchanged, padded with spaces. Otherwise it is cut at a grapheme
/// boundary (never inside a wide character or a base + voiced mark pair), whitespace before the
/// cut is dropped, [`ELLIPSIS`] is appended, and spaces pad the result to exactly `width`
/// columns (a wide character that would straddle the edge becomes a blank cell). Width 0 gives
/// the empty string. At width 1 in wide mode, where `…` takes two columns,
/// [`NARROW_ELLIPSIS`] is used.
///
/// `s` should be sanitised (a single line, see [`super::sanitize::sanitize_inline`]); controls
/// and newlines count as zero columns.
pub fn truncate(s: &str, width: usize, ambiguous: AmbiguousWidth) -> String {
    truncate_with(s, width, ambiguous, ELLIPSIS)
}

/// [`truncate`] with another ellipsis (the ASCII `...` of the `ascii` setting). When it does
/// not fit, [`NARROW_ELLIPSIS`] is used.
pub fn truncate_with(s: &str, width: usize, ambiguous: AmbiguousWidth, ellipsis: &str) -> String {
    if width == 0 {
        return String::new();
    }
    let (ellipsis, ellipsis_width) = match str_width(ellipsis, ambiguous) {
        w if w <= width => (ellipsis, w),
        _ => (NARROW_ELLIPSIS, 1),
    };
    let room = width - ellipsis_width;
    // One pass: remember where the text would be cut for the ellipsis, and stop as soon as the
    // whole text is known not to fit.
    let mut cut = 0;
    let mut used = 0;
    let mut total = 0;
    for (i, g) in clusters(s) {
        total += grapheme_width(g, ambiguous);
        if total > width {
            let kept = s[..cut].trim_end_matches(is_trimmed_space);
            used -= str_width(&s[kept.len()..cut], ambiguous);
            let mut out = String::with_capacity(kept.len() + ellipsis.len() + width);
            out.push_str(kept);
            out.push_str(ellipsis);
            return padded(out, used + ellipsis_width, width);
        }
        if total <= room {
            used = total;
            cut = i + g.len();
        }
    }
    padded(s.to_owned(), total, width)
}

/// Spaces dropped before an ellipsis.
fn is_trimmed_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{200B}')
}

/// `s` (which is `current` columns wide) padded with spaces to `width` columns.
fn padded(mut s: String, current: usize, width: usize) -> String {
    s.extend(std::iter::repeat_n(' ', width.saturating_sub(current)));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: AmbiguousWidth = AmbiguousWidth::Narrow;
    const W: AmbiguousWidth = AmbiguousWidth::Wide;

    #[test]
    fn fits_is_unchanged_and_padded() {
        assert_eq!(truncate("abc", 5, N), "abc  ");
        assert_eq!(truncate("東京", 4, N), "東京");
        assert_eq!(truncate("", 3, N), "   ");
        assert_eq!(truncate("abc", 0, N), "");
    }

    #[test]
    fn cut_with_ellipsis() {
        assert_eq!(truncate("abcdef", 4, N), "abc…");
        assert_eq!(truncate("東京都", 4, N), "東… ");
        assert_eq!(truncate("ab cdef", 4, N), "ab… ");
        assert_eq!(truncate("東京\u{3000}大阪", 7, N), "東京…  ");
    }

    #[test]
    fn wide_ellipsis() {
        assert_eq!(truncate("abcdef", 4, W), "ab…");
        assert_eq!(truncate("abcdef", 2, W), "…");
        assert_eq!(truncate("abcdef", 1, W), ".");
        assert_eq!(truncate("a", 1, W), "a");
    }
}
