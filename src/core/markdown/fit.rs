//! Width-safe building blocks for the Markdown layout: wrapping through the text engine with a
//! hard guarantee that no line is wider than asked, grapheme-level splitting, padding and
//! prefixing. Every measurement here goes through [`str_width`].

use unicode_segmentation::UnicodeSegmentation;

use crate::text::wrap::wrap_spans;
use crate::text::{AmbiguousWidth, LayoutOptions, Line, Role, Span, Style, str_width};

/// Shown instead of a grapheme that is wider than the whole line (a 2-column character at
/// width 1): there is no way to show it without overflowing, and overflowing is never allowed.
const TOO_WIDE: &str = "?";

/// Display width of a run of spans.
pub(crate) fn spans_width(spans: &[Span], amb: AmbiguousWidth) -> usize {
    spans.iter().map(|s| str_width(&s.text, amb)).sum()
}

/// Push `text` onto `spans`, merging with the last span when the style is the same.
pub(crate) fn push_text(spans: &mut Vec<Span>, text: &str, style: Style) {
    if text.is_empty() {
        return;
    }
    match spans.last_mut() {
        Some(last) if last.style == style => last.text.push_str(text),
        _ => spans.push(Span::new(text, style)),
    }
}

/// Wrap one paragraph (no newlines) to `width` columns with the text engine, then make sure
/// of the contract: ASCII spaces at a break dropped, no line wider than `width` (an over-wide
/// line is split at grapheme boundaries), and at least one (possibly empty) line.
pub(crate) fn wrap(spans: &[Span], width: usize, opts: &LayoutOptions) -> Vec<Line> {
    let width = width.max(1);
    let amb = opts.ambiguous;
    let mut out = Vec::new();
    if spans_width(spans, amb) <= width {
        // Fits as it is: no need to ask the engine (also keeps leading spaces intact).
        let mut line = Line::from_spans(
            spans
                .iter()
                .filter(|s| !s.text.is_empty())
                .cloned()
                .collect(),
        );
        trim_end(&mut line);
        out.push(line);
        return out;
    }
    for (i, mut line) in wrap_spans(spans, width, opts).into_iter().enumerate() {
        if i > 0 {
            trim_start(&mut line);
        }
        trim_end(&mut line);
        if line.width(amb) <= width {
            out.push(line);
        } else {
            out.extend(split_graphemes(&line.spans, width, width, amb));
        }
    }
    if out.is_empty() {
        out.push(Line::default());
    }
    out
}

/// Remove leading ASCII spaces (a break space the engine left at the start of a line).
fn trim_start(line: &mut Line) {
    while let Some(first) = line.spans.first_mut() {
        let trimmed = first.text.trim_start_matches(' ');
        if trimmed.is_empty() {
            line.spans.remove(0);
        } else {
            first.text = trimmed.to_string();
            break;
        }
    }
}

/// Remove trailing ASCII spaces (never U+3000, which is content in Japanese text).
pub(crate) fn trim_end(line: &mut Line) {
    while let Some(last) = line.spans.last_mut() {
        let kept = last.text.trim_end_matches(' ').len();
        last.text.truncate(kept);
        if last.text.is_empty() {
            line.spans.pop();
        } else {
            break;
        }
    }
}

/// Split spans into lines at grapheme boundaries: the first line at most `first` columns, the
/// others at most `rest` columns. Nothing is dropped, except that a grapheme wider than the
/// line it must go on is shown as `?` (only possible at widths below 2).
pub(crate) fn split_graphemes(
    spans: &[Span],
    first: usize,
    rest: usize,
    amb: AmbiguousWidth,
) -> Vec<Line> {
    let mut lines = vec![Line::default()];
    let mut limit = first.max(1);
    let mut used = 0;
    for span in spans {
        for g in span.text.graphemes(true) {
            let gw = str_width(g, amb);
            if used + gw > limit && used > 0 {
                lines.push(Line::default());
                limit = rest.max(1);
                used = 0;
            }
            let (text, style, gw) = if gw > limit {
                (TOO_WIDE, Style::role(Role::Dim), str_width(TOO_WIDE, amb))
            } else {
                (g, span.style, gw)
            };
            if let Some(line) = lines.last_mut() {
                push_text(&mut line.spans, text, style);
            }
            used += gw;
        }
    }
    lines
}

/// Where a cell's text sits inside its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// Pad a line with spaces to exactly `width` columns (a line already that wide or wider is
/// returned unchanged).
pub(crate) fn pad(line: Line, width: usize, align: Align, amb: AmbiguousWidth) -> Vec<Span> {
    let w = line.width(amb);
    let gap = width.saturating_sub(w);
    let (left, right) = match align {
        Align::Left => (0, gap),
        Align::Right => (gap, 0),
        Align::Center => (gap / 2, gap - gap / 2),
    };
    let mut spans = Vec::with_capacity(line.spans.len() + 2);
    if left > 0 {
        spans.push(Span::plain(" ".repeat(left)));
    }
    spans.extend(line.spans);
    if right > 0 {
        spans.push(Span::plain(" ".repeat(right)));
    }
    spans
}

/// Prefix every line: `first` on the first line, `rest` on the others. On an empty line the
/// prefix loses its trailing spaces, so blank lines stay blank.
pub(crate) fn indent(lines: Vec<Line>, first: &[Span], rest: &[Span]) -> Vec<Line> {
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let prefix = if i == 0 { first } else { rest };
            let mut spans: Vec<Span> = prefix.to_vec();
            if line.spans.is_empty() {
                let mut l = Line::from_spans(spans);
                trim_end(&mut l);
                return l;
            }
            spans.extend(line.spans);
            Line::from_spans(spans)
        })
        .collect()
}

/// A span of `glyph` repeated to fill `cols` columns (padded with spaces if the glyph's width
/// does not divide `cols`).
pub(crate) fn repeat(glyph: &str, cols: usize, style: Style, amb: AmbiguousWidth) -> Span {
    let gw = str_width(glyph, amb).max(1);
    let mut text = glyph.repeat(cols / gw);
    text.push_str(&" ".repeat(cols % gw));
    Span::new(text, style)
}

/// Give every span of role `from` in `lines` the role `to`.
pub(crate) fn restyle(lines: &mut [Line], from: Role, to: Role) {
    for line in lines {
        for span in &mut line.spans {
            if span.style.role == from {
                span.style.role = to;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: AmbiguousWidth = AmbiguousWidth::Narrow;

    #[test]
    fn split_keeps_every_grapheme_and_respects_widths() {
        let spans = [Span::plain("日本語abc")];
        let lines = split_graphemes(&spans, 3, 4, N);
        let text: String = lines.iter().map(Line::plain_text).collect();
        assert_eq!(text, "日本語abc");
        assert!(lines[0].width(N) <= 3);
        assert!(lines.iter().skip(1).all(|l| l.width(N) <= 4));
    }

    #[test]
    fn split_replaces_graphemes_wider_than_the_line() {
        let lines = split_graphemes(&[Span::plain("a日")], 1, 1, N);
        let text: Vec<String> = lines.iter().map(Line::plain_text).collect();
        assert_eq!(text, ["a", "?"]);
    }

    #[test]
    fn wrap_never_overflows_and_never_returns_nothing() {
        let opts = LayoutOptions::default();
        assert_eq!(wrap(&[], 5, &opts), vec![Line::default()]);
        for w in 1..8 {
            for l in wrap(&[Span::plain("東京で大雨。abc def")], w, &opts) {
                assert!(l.width(N) <= w, "{w}: {l:?}");
            }
        }
    }

    #[test]
    fn pad_aligns() {
        let line = Line::from_spans(vec![Span::plain("日本")]);
        let text = |spans: Vec<Span>| Line::from_spans(spans).plain_text();
        assert_eq!(text(pad(line.clone(), 7, Align::Left, N)), "日本   ");
        assert_eq!(text(pad(line.clone(), 7, Align::Right, N)), "   日本");
        assert_eq!(text(pad(line, 7, Align::Center, N)), " 日本  ");
    }

    #[test]
    fn indent_keeps_blank_lines_blank() {
        let lines = vec![
            Line::from_spans(vec![Span::plain("a")]),
            Line::default(),
            Line::from_spans(vec![Span::plain("b")]),
        ];
        let out = indent(lines, &[Span::plain("• ")], &[Span::plain("  ")]);
        let text: Vec<String> = out.iter().map(Line::plain_text).collect();
        assert_eq!(text, ["• a", "", "  b"]);
    }
}
