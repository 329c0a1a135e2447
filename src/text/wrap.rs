//! Line breaking. TEMPORARY naive version: replaced by the text-engine work.

use super::{AmbiguousWidth, Line, Span, str_width};

/// How strictly Japanese line-break rules apply (CSS `line-break`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Strictness {
    /// Never break before small kana or the prolonged sound mark.
    #[default]
    Strict,
    /// Allow breaks before small kana and ー.
    Normal,
}

/// Settings that change layout; part of every layout cache key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// Ambiguous-width setting.
    pub ambiguous: AmbiguousWidth,
    /// Line-breaking strictness.
    pub strictness: Strictness,
}

/// Wrap styled spans (one paragraph, no newlines) into lines no wider than `width`.
pub fn wrap_spans(spans: &[Span], width: usize, opts: &LayoutOptions) -> Vec<Line> {
    let mut lines = vec![Line::default()];
    let mut cur = 0;
    for span in spans {
        for c in span.text.chars() {
            let w = str_width(&c.to_string(), opts.ambiguous);
            if cur + w > width.max(1) && cur > 0 {
                lines.push(Line::default());
                cur = 0;
            }
            let line = lines.last_mut().expect("never empty");
            match line.spans.last_mut() {
                Some(last) if last.style == span.style => last.text.push(c),
                _ => line.spans.push(Span::new(c.to_string(), span.style)),
            }
            cur += w;
        }
    }
    lines
}

/// Wrap plain text (one paragraph) into lines no wider than `width`.
pub fn wrap_str(s: &str, width: usize, opts: &LayoutOptions) -> Vec<String> {
    wrap_spans(&[Span::plain(s)], width, opts)
        .iter()
        .map(Line::plain_text)
        .collect()
}

#[allow(dead_code)]
fn _unused(_: AmbiguousWidth) {}
