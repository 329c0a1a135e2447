//! Code blocks: kept as written (never re-flowed), tabs expanded, long lines continued on the
//! next line after a dim mark, the language shown as a dim `── rust` label.

use crate::text::sanitize::sanitize;
use crate::text::{AmbiguousWidth, Line, Role, Span, Style, str_width};

use super::fit::{indent, split_graphemes, wrap};
use super::layout::{Cx, MIN_INNER};

/// Tab stops in code blocks.
const TAB: usize = 4;

/// Columns code blocks are indented by when there is room.
const INDENT: usize = 2;

/// Lay out a code block at `width` columns.
pub(crate) fn layout(lang: &str, text: &str, width: usize, cx: &Cx<'_>) -> Vec<Line> {
    let amb = cx.amb();
    let margin = if width >= INDENT + MIN_INNER {
        INDENT
    } else {
        0
    };
    let inner = width - margin;
    let mut lines = Vec::new();
    if !lang.is_empty() {
        let label = format!("{} {lang}", cx.g.rule.repeat(2));
        let label = [Span::new(label, Style::role(Role::Dim))];
        lines.extend(wrap(&label, inner, cx.opts));
    }
    let text = text.strip_suffix('\n').unwrap_or(text);
    if !text.is_empty() {
        let mark = cx.g.cont;
        let mark_w = str_width(mark, amb);
        // A continuation mark only if a wide character still fits beside it.
        let marked = inner >= mark_w + 2;
        let rest = if marked { inner - mark_w } else { inner };
        for raw in text.split('\n') {
            let line = expand_tabs(raw, amb);
            let spans = [Span::new(line, Style::role(Role::CodeBlock))];
            for (i, mut part) in split_graphemes(&spans, inner, rest, amb)
                .into_iter()
                .enumerate()
            {
                if i > 0 && marked {
                    part.spans
                        .insert(0, Span::new(mark, Style::role(Role::Dim)));
                }
                lines.push(part);
            }
        }
    }
    let pad = [Span::plain(" ".repeat(margin))];
    indent(lines, &pad, &pad)
}

/// One source line, sanitised, with tabs expanded to the next multiple of [`TAB`] columns
/// (measured in display columns, so a tab after Japanese text still lands on a stop).
fn expand_tabs(raw: &str, amb: AmbiguousWidth) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut col = 0;
    for (i, piece) in raw.split('\t').enumerate() {
        if i > 0 {
            let n = TAB - col % TAB;
            out.push_str(&" ".repeat(n));
            col += n;
        }
        let clean = sanitize(piece);
        col += str_width(&clean, amb);
        out.push_str(&clean);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::LayoutOptions;

    fn plain(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::plain_text).collect()
    }

    #[test]
    fn tabs_expand_by_display_width() {
        let n = AmbiguousWidth::Narrow;
        assert_eq!(expand_tabs("a\tb", n), "a   b");
        assert_eq!(expand_tabs("日本\tx", n), "日本    x");
        assert_eq!(expand_tabs("\t\tx", n), "        x");
    }

    #[test]
    fn long_lines_continue_with_a_mark_and_keep_everything() {
        let opts = LayoutOptions::default();
        let cx = Cx::new(&opts);
        let lines = layout(
            "rust",
            "let x = \"日本語テキスト\";\n\nfn f() {}\n",
            12,
            &cx,
        );
        let text = plain(&lines);
        assert_eq!(text[0], "  ── rust");
        assert_eq!(text[1], "  let x = \"");
        assert!(text[2].starts_with("  ↪"));
        assert!(text.contains(&String::new()));
        assert_eq!(text.last().map(String::as_str), Some("  fn f() {}"));
        let joined: String = text[1..].concat().replace("  ↪", "").replace("  ", "");
        assert!(joined.contains("日本語テキスト"));
        assert!(lines.iter().all(|l| l.width(opts.ambiguous) <= 12));
    }
}
