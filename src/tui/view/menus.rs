//! The category picker and the numbered lists (links, related articles) drawn over the panes;
//! their footers name the keys the key table gives them.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{clear_edges, fit, fit_pieces, fitted_title, pane_block};
use crate::tui::app::App;
use crate::tui::category_picker::CategoryPicker;
use crate::tui::keymap::Context;
use crate::tui::menu::Menu;
use crate::tui::panes::inner;
use crate::tui::theme::Theme;

fn put(buf: &mut Buffer, inside: Rect, row: usize, line: &ratatui::text::Line<'_>) {
    buf.set_line(
        inside.x,
        inside.y + u16::try_from(row).unwrap_or(0),
        line,
        inside.width,
    );
}

/// Where a picker's rows go, once its box and query line are drawn.
pub(super) struct PickerFrame {
    /// The inside of the box.
    pub inside: Rect,
    /// Its width in columns.
    pub width: usize,
    /// Rows left for entries (below the query line, above the footer).
    pub list_rows: usize,
    /// The first entry shown, so the cursor stays visible.
    pub offset: usize,
    /// Whether there is room for a footer line.
    pub footer: bool,
}

/// Draw a picker's box over `over` (at least 36 columns wide when the screen allows), its
/// title and the `> query` line; None when there is no room inside.
pub(super) fn picker_frame(
    buf: &mut Buffer,
    (over, screen): (Rect, Rect),
    app: &App,
    title: &str,
    (query, cursor): (&str, usize),
    theme: &Theme,
) -> Option<PickerFrame> {
    let w = over.width.max(36.min(screen.width));
    let rect = Rect::new(over.x, over.y, w.min(screen.width - over.x), over.height);
    clear_edges(buf, rect);
    let title = fitted_title(title, usize::from(rect.width), fit(app), theme.border_focus);
    ratatui::widgets::Widget::render(pane_block(title, true, theme, &app.glyphs), rect, buf);
    let inside = inner(rect);
    if inside.height == 0 || inside.width == 0 {
        return None;
    }
    let width = usize::from(inside.width);
    let line = fit_pieces(
        &[
            ("> ".to_string(), theme.border_focus),
            (query.to_string(), Style::new()),
            ("▏".to_string(), theme.border_focus),
        ],
        width,
        fit(app),
        Style::new(),
    );
    put(buf, inside, 0, &line);
    let footer = inside.height >= 4;
    let list_rows = usize::from(inside.height).saturating_sub(1 + usize::from(footer));
    Some(PickerFrame {
        inside,
        width,
        list_rows,
        offset: (cursor + 1).saturating_sub(list_rows),
        footer,
    })
}

/// Draw the category picker over `over` (the list pane).
pub fn category(
    buf: &mut Buffer,
    over: Rect,
    screen: Rect,
    app: &App,
    p: &CategoryPicker,
    theme: &Theme,
) {
    let Some(PickerFrame {
        inside,
        width,
        list_rows,
        offset,
        footer,
    }) = picker_frame(
        buf,
        (over, screen),
        app,
        "Category · one choice",
        (&p.list.query, p.list.cursor),
        theme,
    )
    else {
        return;
    };
    let footer_rows = usize::from(footer);
    let current = app.filter.category.as_deref().map(crate::fold::fold);
    for (row, &i) in p
        .list
        .matches
        .iter()
        .skip(offset)
        .take(list_rows)
        .enumerate()
    {
        let t = &p.list.items[i];
        let chosen = if i == 0 {
            current.is_none()
        } else {
            current.as_deref() == Some(crate::fold::fold(&t.tag).as_str())
        };
        let mark = if chosen { "(x) " } else { "( ) " };
        let style = if offset + row == p.list.cursor {
            theme.selected
        } else {
            Style::new()
        };
        let name = if i == 0 {
            "(all categories)".to_string()
        } else {
            format!("@{}", t.tag)
        };
        let count = format!(" {}", t.count);
        let name_w = width.saturating_sub(4 + count.len());
        let name = crate::text::truncate::truncate_with(
            &name,
            name_w,
            app.layout.ambiguous,
            app.glyphs.ellipsis,
        );
        let line = fit_pieces(
            &[
                (mark.to_string(), style.patch(theme.mark)),
                (name, style),
                (count, style.patch(theme.date)),
            ],
            width,
            fit(app),
            style,
        );
        put(buf, inside, 1 + row, &line);
    }
    if p.list.matches.is_empty() && list_rows > 0 {
        let line = fit_pieces(
            &[("(no category matches)".to_string(), theme.date)],
            width,
            fit(app),
            Style::new(),
        );
        put(buf, inside, 1, &line);
    }
    if footer_rows == 1 {
        let line = fit_pieces(
            &[(
                format!(
                    "{} apply · {} cancel",
                    app.keymap.key_for(Context::Picker, "picker-apply"),
                    app.keymap.key_for(Context::Picker, "picker-cancel")
                ),
                theme.date,
            )],
            width,
            fit(app),
            Style::new(),
        );
        put(buf, inside, usize::from(inside.height) - 1, &line);
    }
}

/// Draw a numbered list (links or related articles) centred over the panes.
pub fn menu(buf: &mut Buffer, area: Rect, app: &App, m: &Menu, theme: &Theme) {
    let amb = app.layout.ambiguous;
    let rows = &m.list.items;
    let wanted = u16::try_from(rows.len() + 3).unwrap_or(u16::MAX);
    let w = area.width.saturating_sub(4).clamp(20.min(area.width), 90);
    let h = wanted
        .min(area.height.saturating_sub(2))
        .max(3.min(area.height));
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    clear_edges(buf, rect);
    let title = fitted_title(
        &m.title,
        usize::from(rect.width),
        fit(app),
        theme.border_focus,
    );
    ratatui::widgets::Widget::render(pane_block(title, true, theme, &app.glyphs), rect, buf);
    let inside = inner(rect);
    if inside.height == 0 || inside.width == 0 {
        return;
    }
    let width = usize::from(inside.width);
    let footer_rows = usize::from(usize::from(inside.height) > rows.len());
    let list_rows = usize::from(inside.height).saturating_sub(footer_rows);
    let offset = (m.list.cursor + 1).saturating_sub(list_rows);
    let mark_w = format!("[{}] ", rows.len()).len();
    for (row, text) in rows.iter().enumerate().skip(offset).take(list_rows) {
        let style = if row == m.list.cursor {
            theme.selected
        } else {
            Style::new()
        };
        let mark = format!("{:>w$}", format!("[{}] ", row + 1), w = mark_w);
        let text = crate::text::truncate::truncate_with(
            text,
            width.saturating_sub(mark_w),
            amb,
            app.glyphs.ellipsis,
        );
        let line = fit_pieces(
            &[(mark, style.patch(theme.mark)), (text, style)],
            width,
            fit(app),
            style,
        );
        put(buf, inside, row - offset, &line);
    }
    if footer_rows == 1 {
        let line = fit_pieces(
            &[(
                {
                    let key = |action| app.keymap.key_for(Context::Menu, action);
                    format!(
                        "{}/{} move · {} or digit choose · {} close",
                        key("picker-down"),
                        key("picker-up"),
                        key("picker-apply"),
                        key("picker-cancel")
                    )
                },
                theme.date,
            )],
            width,
            fit(app),
            Style::new(),
        );
        put(buf, inside, usize::from(inside.height) - 1, &line);
    }
}
