//! Code blocks: kept as written (never re-flowed), tabs expanded, long lines continued on the
//! next line after a dim mark (cut where kinsoku allows if it can), the language shown as a
//! dim `── rust` label.

use unicode_segmentation::UnicodeSegmentation;

use crate::text::kinsoku::{is_line_end_forbidden, is_line_start_forbidden};
use crate::text::sanitize::sanitize;
use crate::text::{AmbiguousWidth, LayoutOptions, Line, Role, Span, Style, str_width};

use super::budget::Cut;
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
    let budget = &cx.budget;
    // The indent is one more span in front of every line.
    let indented = usize::from(margin > 0);
    let mut lines = Vec::new();
    if !lang.is_empty() {
        let label = format!("{} {lang}", cx.g.rule.repeat(2));
        let label = [Span::new(label, Style::role(Role::Dim))];
        let label = wrap(&label, inner, cx.opts);
        lines.extend(budget.nested(|| budget.keep(label)));
    }
    let text = text.strip_suffix('\n').unwrap_or(text);
    if !text.is_empty() {
        let mark = cx.g.cont;
        let mark_w = str_width(mark, amb);
        // A continuation mark only if a wide character still fits beside it.
        let marked = inner >= mark_w + 2;
        let rest = if marked { inner - mark_w } else { inner };
        'lines: for raw in text.split('\n') {
            // Cutting a line of megabytes into parts only to drop most of them would cost
            // memory in proportion to it: a column takes at most two bytes of ordinary text.
            let most = budget
                .lines_left()
                .saturating_add(1)
                .saturating_mul(inner.max(1) * 2);
            let clipped = raw.len() > most;
            let raw = if clipped {
                let mut end = most;
                while !raw.is_char_boundary(end) {
                    end -= 1;
                }
                &raw[..end]
            } else {
                raw
            };
            let line = expand_tabs(raw, amb);
            for (i, part) in cut(&line, inner, rest, cx.opts).into_iter().enumerate() {
                let limit = if i == 0 { inner } else { rest };
                let spans = [Span::new(part, Style::role(Role::CodeBlock))];
                // One line (the part fits), with `?` for a grapheme wider than the line.
                for (j, mut part) in split_graphemes(&spans, limit, rest, amb)
                    .into_iter()
                    .enumerate()
                {
                    if (i > 0 || j > 0) && marked {
                        part.spans
                            .insert(0, Span::new(mark, Style::role(Role::Dim)));
                    }
                    if !budget.admit(part.spans.len() + indented) {
                        break 'lines;
                    }
                    lines.push(part);
                }
            }
            if clipped {
                budget.set_cut(Cut::Lines);
                break;
            }
        }
    }
    let pad = [Span::plain(" ".repeat(margin))];
    indent(lines, &pad, &pad)
}

/// Cut one code line into parts at grapheme boundaries, the first at most `first` columns
/// wide, the others at most `rest` (a grapheme wider than that gets a part of its own). The
/// text is not re-flowed, but a cut moves back a grapheme or more (as long as its part keeps
/// one) rather than end a part with a character that may not end a line, such as `（`, or
/// start the next with one that may not start a line, such as `）` or `、`. An empty line
/// gives one empty part.
fn cut(line: &str, first: usize, rest: usize, opts: &LayoutOptions) -> Vec<String> {
    let graphemes: Vec<(&str, usize)> = line
        .graphemes(true)
        .map(|g| (g, str_width(g, opts.ambiguous)))
        .collect();
    let base = |i: usize| graphemes[i].0.chars().next().unwrap_or(' ');
    let bad_cut = |i: usize| {
        is_line_end_forbidden(base(i - 1)) || is_line_start_forbidden(base(i), opts.strictness)
    };
    let mut parts = Vec::new();
    let mut start = 0;
    let mut limit = first.max(1);
    while start < graphemes.len() {
        let mut end = start + 1;
        let mut used = graphemes[start].1;
        while end < graphemes.len() && used + graphemes[end].1 <= limit {
            used += graphemes[end].1;
            end += 1;
        }
        if end < graphemes.len() && bad_cut(end) {
            if let Some(better) = (start + 1..end).rev().find(|&i| !bad_cut(i)) {
                end = better;
            }
        }
        parts.push(graphemes[start..end].iter().map(|(g, _)| *g).collect());
        start = end;
        limit = rest.max(1);
    }
    if parts.is_empty() {
        parts.push(String::new());
    }
    parts
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
    fn cuts_move_back_rather_than_break_kinsoku() {
        let opts = LayoutOptions::default();
        let line = "# 1 = 欧米の慣習（既定）、2 = 東アジアの慣習";
        assert_eq!(
            cut(line, 18, 17, &opts),
            ["# 1 = 欧米の慣習", "（既定）、2 = 東", "アジアの慣習"]
        );
        assert_eq!(
            cut("関数（引数）、戻り値", 10, 10, &opts),
            ["関数（引", "数）、戻り", "値"]
        );
        // When every place on the line is bad, the cut stays where the line is full.
        assert_eq!(cut("「「「「", 4, 4, &opts), ["「「", "「「"]);
        assert_eq!(cut("", 4, 4, &opts), [""]);
        let cx = Cx::new(&opts);
        let text = plain(&layout("", line, 20, &cx));
        assert_eq!(
            text,
            [
                "  # 1 = 欧米の慣習",
                "  ↪（既定）、2 = 東",
                "  ↪アジアの慣習"
            ]
        );
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
