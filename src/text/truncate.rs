//! Truncation with an ellipsis. TEMPORARY naive version: replaced by the text-engine work.

use super::{AmbiguousWidth, str_width};

/// `s` cut to exactly `width` columns: unchanged and padded when it fits, otherwise cut at a
/// grapheme boundary with an ellipsis and padded so the result is exactly `width` wide.
pub fn truncate(s: &str, width: usize, ambiguous: AmbiguousWidth) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if str_width(&out, ambiguous) + str_width(&c.to_string(), ambiguous) > width {
            break;
        }
        out.push(c);
    }
    while str_width(&out, ambiguous) < width {
        out.push(' ');
    }
    out
}
