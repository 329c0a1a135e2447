//! Tables: a grid with box-drawing borders whose columns are sized by display width, cells
//! wrapped inside their column; or, when even narrowed columns do not fit, a stacked layout
//! of `header: value` lines per row.

use crate::text::{Line, Role, Span, Style, str_width, widest_piece};

use std::cell::Cell;

use super::block::Table;
use super::budget::{Cut, clip};
use super::fit::{Align, pad, repeat, spans_width, wrap};
use super::inline::{Segments, is_cjk};
use super::layout::Cx;

/// The narrowest a column is squeezed to (unless its content is narrower) before the table
/// switches to the stacked layout: three CJK characters.
pub(crate) const MIN_COLUMN: usize = 6;

/// A column is not squeezed below its longest word (a number such as `¥1,920,000`, a Latin
/// word), up to this many columns; longer words (URLs) are split anyway.
const MAX_WORD: usize = 16;

/// Lay out a table at `width` columns.
pub(crate) fn layout(table: &Table, width: usize, cx: &Cx<'_>) -> Vec<Line> {
    let cols = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.header.len(), table.aligns.len()])
        .max()
        .unwrap_or(0);
    if cols == 0 {
        return Vec::new();
    }
    match column_widths(table, cols, width, cx) {
        Some(widths) => grid(table, &widths, cx),
        None => stacked(table, cols, width, cx),
    }
}

/// Widest line of a cell, by display width.
fn cell_width(cell: &Segments, cx: &Cx<'_>) -> usize {
    cell.iter()
        .map(|seg| spans_width(seg, cx.amb()))
        .max()
        .unwrap_or(0)
}

/// Widest word of a cell: a run of characters between spaces and CJK characters, which a
/// line break would have to split.
fn longest_word(cell: &Segments, cx: &Cx<'_>) -> usize {
    cell.iter()
        .map(|seg| {
            let text: String = seg.iter().map(|s| s.text.as_str()).collect();
            text.split(|c: char| c.is_whitespace() || is_cjk(c))
                .map(|w| str_width(w, cx.amb()))
                .max()
                .unwrap_or(0)
        })
        .max()
        .unwrap_or(0)
}

/// Widest piece of a cell that the line breaker keeps whole (a word with the punctuation
/// kinsoku holds beside it, `Anthropic・`), which a narrower column would have to cut.
fn widest_unbreakable(cell: &Segments, cx: &Cx<'_>) -> usize {
    cell.iter()
        .map(|seg| {
            let text: String = seg.iter().map(|s| s.text.as_str()).collect();
            widest_piece(&text, cx.opts)
        })
        .max()
        .unwrap_or(0)
}

/// Column widths for the grid, or `None` if it cannot fit. Columns are first kept as wide
/// as the widest piece the line breaker will not split, so a cell wraps by the same rules
/// as a paragraph; if that does not fit, only as wide as the longest word.
fn column_widths(table: &Table, cols: usize, width: usize, cx: &Cx<'_>) -> Option<Vec<usize>> {
    let mut natural = vec![1; cols];
    let mut word = vec![0; cols];
    let mut piece = vec![0; cols];
    for row in std::iter::once(&table.header).chain(&table.rows) {
        for (j, cell) in row.iter().enumerate() {
            natural[j] = natural[j].max(cell_width(cell, cx));
            word[j] = word[j].max(longest_word(cell, cx).min(MAX_WORD));
            piece[j] = piece[j].max(widest_unbreakable(cell, cx).min(MAX_WORD));
        }
    }
    // `│ a │ b │`: one border per column plus one, and a space either side of each cell.
    let overhead = 3 * cols + 1;
    let available = width.checked_sub(overhead)?;
    if natural.iter().sum::<usize>() <= available {
        return Some(natural);
    }
    let floor: Vec<usize> = piece.iter().zip(&word).map(|(&p, &w)| p.max(w)).collect();
    narrowed(&natural, &floor, available).or_else(|| narrowed(&natural, &word, available))
}

/// Natural column widths narrowed to fit `available` columns, each down to [`MIN_COLUMN`]
/// or its `floor`, whichever is wider (never below its natural width); the columns left
/// over are shared in proportion to what each column still wants.
fn narrowed(natural: &[usize], floor: &[usize], available: usize) -> Option<Vec<usize>> {
    let mut widths: Vec<usize> = natural
        .iter()
        .zip(floor)
        .map(|(&n, &w)| n.min(MIN_COLUMN.max(w)))
        .collect();
    let mut spare = available.checked_sub(widths.iter().sum())?;
    // Share the spare columns in proportion to what each column still wants.
    let wants: Vec<usize> = natural.iter().zip(&widths).map(|(n, w)| n - w).collect();
    let total: usize = wants.iter().sum();
    if total > 0 {
        let shares: Vec<usize> = wants.iter().map(|w| w * spare / total).collect();
        for (w, s) in widths.iter_mut().zip(&shares) {
            *w += s;
        }
        spare -= shares.iter().sum::<usize>();
        for (w, n) in widths.iter_mut().zip(natural) {
            if spare == 0 {
                break;
            }
            if *w < *n {
                *w += 1;
                spare -= 1;
            }
        }
    }
    Some(widths)
}

/// The grid layout.
fn grid(table: &Table, widths: &[usize], cx: &Cx<'_>) -> Vec<Line> {
    let border = Style::role(Role::TableBorder);
    let g = cx.g;
    let rule = |row: usize| {
        let [left, join, right] = g.corners[row];
        let mut spans = vec![Span::new(left, border)];
        for (j, w) in widths.iter().enumerate() {
            if j > 0 {
                spans.push(Span::new(join, border));
            }
            spans.push(repeat(g.horizontal, w + 2, border, cx.amb()));
        }
        spans.push(Span::new(right, border));
        Line::from_spans(spans)
    };
    let empty = Segments::new();
    let clipped = Cell::new(false);
    let row_lines = |row: &[Segments]| -> Vec<Line> {
        let cells: Vec<Vec<Line>> = widths
            .iter()
            .enumerate()
            .map(|(j, &w)| {
                let cell = row.get(j).unwrap_or(&empty);
                let b = &cx.budget;
                cell.iter()
                    .flat_map(|seg| {
                        let (seg, cut) = clip(seg, b.lines_left(), w, b.spans_left());
                        clipped.set(clipped.get() || cut);
                        wrap(&seg, w, cx.opts)
                    })
                    .collect()
            })
            .collect();
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        (0..height)
            .map(|k| {
                let mut spans = Vec::new();
                for (j, &w) in widths.iter().enumerate() {
                    let sep = if j == 0 { "" } else { " " };
                    spans.push(Span::new(format!("{sep}{} ", g.vertical), border));
                    let line = cells[j].get(k).cloned().unwrap_or_default();
                    let align = table.aligns.get(j).copied().unwrap_or(Align::Left);
                    spans.extend(pad(line, w, align, cx.amb()));
                }
                spans.push(Span::new(format!(" {}", g.vertical), border));
                Line::from_spans(spans)
            })
            .collect()
    };
    let budget = &cx.budget;
    let mut out = budget.keep(vec![rule(0)]);
    if !table.header.is_empty() {
        out.extend(budget.keep(row_lines(&table.header)));
        out.extend(budget.keep(vec![rule(1)]));
    }
    let mut body: Vec<Vec<Line>> = Vec::new();
    for row in &table.rows {
        if budget.exhausted() {
            break;
        }
        body.push(budget.keep(row_lines(row)));
        if clipped.get() {
            budget.set_cut(Cut::Lines);
        }
    }
    let separate_rows = body.iter().any(|lines| lines.len() > 1);
    for (i, lines) in body.into_iter().enumerate() {
        if i > 0 && separate_rows {
            // Past the budget the rule is left out, but the row's lines were already
            // charged and are kept.
            out.extend(budget.keep(vec![rule(1)]));
        }
        out.extend(lines);
    }
    out.extend(budget.keep(vec![rule(2)]));
    out
}

/// The stacked layout: for each row, one `header: value` entry per column, rows separated
/// by a rule.
fn stacked(table: &Table, cols: usize, width: usize, cx: &Cx<'_>) -> Vec<Line> {
    let field_style = Style {
        bold: true,
        ..Style::role(Role::TableHeader)
    };
    let budget = &cx.budget;
    let mut out = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        if budget.exhausted() {
            break;
        }
        if i > 0 {
            let rule = repeat(cx.g.rule, width, Style::role(Role::TableBorder), cx.amb());
            out.extend(budget.keep(vec![Line::from_spans(vec![rule])]));
        }
        for j in 0..cols {
            if budget.exhausted() {
                break;
            }
            let mut spans = Vec::new();
            if let Some(head) = table.header.get(j) {
                for (k, seg) in head.iter().enumerate() {
                    if k > 0 {
                        spans.push(Span::new(" ", field_style));
                    }
                    spans.extend(seg.iter().map(|s| Span::new(s.text.clone(), field_style)));
                }
            }
            if !spans.is_empty() {
                spans.push(Span::new(": ", Style::role(Role::TableBorder)));
            }
            let value = row.get(j).map(Vec::as_slice).unwrap_or(&[]);
            let mut first = spans;
            first.extend(value.first().cloned().unwrap_or_default());
            if spans_width(&first, cx.amb()) == 0 {
                continue;
            }
            out.extend(budget.keep(wrap(&first, width, cx.opts)));
            for seg in value.iter().skip(1) {
                out.extend(budget.keep(wrap(seg, width, cx.opts)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{AmbiguousWidth, LayoutOptions};

    fn cell(s: &str) -> Segments {
        vec![vec![Span::plain(s)]]
    }

    fn sample() -> Table {
        Table {
            aligns: vec![Align::Left, Align::Right],
            header: vec![cell("名前"), cell("値")],
            rows: vec![
                vec![cell("東京都"), cell("1400万人")],
                vec![cell("a"), cell("b")],
            ],
        }
    }

    #[test]
    fn natural_widths_when_they_fit() {
        let opts = LayoutOptions::default();
        let cx = Cx::new(&opts);
        assert_eq!(column_widths(&sample(), 2, 80, &cx), Some(vec![6, 8]));
        // 3*2+1 = 7 columns of borders; 6 + 6 = 12 at the narrowest.
        assert_eq!(column_widths(&sample(), 2, 19, &cx), Some(vec![6, 6]));
        assert_eq!(column_widths(&sample(), 2, 18, &cx), None);
    }

    #[test]
    fn columns_keep_their_longest_word_whole() {
        let opts = LayoutOptions::default();
        let cx = Cx::new(&opts);
        let table = Table {
            aligns: vec![Align::Left, Align::Right],
            header: vec![cell("説明の長い列見出し"), cell("金額")],
            rows: vec![vec![cell("とても長い説明文です"), cell("¥1,920,000")]],
        };
        // 7 columns of borders; the amount column never goes below its 10-column number.
        assert_eq!(column_widths(&table, 2, 23, &cx), Some(vec![6, 10]));
        assert_eq!(column_widths(&table, 2, 22, &cx), None);
    }

    #[test]
    fn grid_rows_line_up() {
        let opts = LayoutOptions::default();
        let cx = Cx::new(&opts);
        let lines = layout(&sample(), 40, &cx);
        let text: Vec<String> = lines.iter().map(Line::plain_text).collect();
        assert_eq!(
            text,
            [
                "┌────────┬──────────┐",
                "│ 名前   │       値 │",
                "├────────┼──────────┤",
                "│ 東京都 │ 1400万人 │",
                "│ a      │        b │",
                "└────────┴──────────┘",
            ]
        );
        let w = |l: &Line| l.width(AmbiguousWidth::Narrow);
        assert!(lines.iter().all(|l| w(l) == w(&lines[0])));
    }

    #[test]
    fn stacks_when_too_narrow() {
        let opts = LayoutOptions::default();
        let cx = Cx::new(&opts);
        let text: Vec<String> = layout(&sample(), 12, &cx)
            .iter()
            .map(Line::plain_text)
            .collect();
        assert_eq!(
            text,
            [
                "名前: 東京都",
                "値: 1400万人",
                "────────────",
                "名前: a",
                "値: b"
            ]
        );
    }
}
