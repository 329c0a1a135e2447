//! Sanitising text read from files. TEMPORARY naive version: replaced by the text-engine work.

/// Clean a block of text (newlines kept).
pub fn sanitize(s: &str) -> String {
    s.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// Clean a single-line field such as a title or tag: newlines and runs of whitespace become one
/// space, and the result is trimmed of ASCII whitespace.
pub fn sanitize_inline(s: &str) -> String {
    sanitize(s).split_whitespace().collect::<Vec<_>>().join(" ")
}
