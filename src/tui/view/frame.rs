//! The boxes overlays are drawn in (centred, or a picker's box with its query line) and the
//! "terminal too small" message.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{clear_edges, fit, fit_pieces, fitted_title, pane_block};
use crate::index::TagCount;
use crate::text::wrap::wrap_str;
use crate::tui::app::App;
use crate::tui::panes::inner;
use crate::tui::query_list::QueryList;
use crate::tui::theme::Theme;

/// A rectangle of at most `w` x `h` centred in `area`.
pub(in crate::tui) fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Set `line` on the `row`-th row inside `inside`.
pub(in crate::tui) fn put(
    buf: &mut Buffer,
    inside: Rect,
    row: usize,
    line: &ratatui::text::Line<'_>,
) {
    buf.set_line(
        inside.x,
        inside.y + u16::try_from(row).unwrap_or(0),
        line,
        inside.width,
    );
}

/// Where a picker's rows go, once its box and query line are drawn.
pub(in crate::tui) struct PickerFrame {
    /// The inside of the box.
    pub(in crate::tui) inside: Rect,
    /// Its width in columns.
    pub(in crate::tui) width: usize,
    /// Rows left for entries (below the query line, above the footer).
    pub(in crate::tui) list_rows: usize,
    /// The first entry shown, so the cursor stays visible.
    pub(in crate::tui) offset: usize,
    /// Whether there is room for a footer line.
    pub(in crate::tui) footer: bool,
}

/// Draw a picker's box over `over` (at least 36 columns wide when the screen allows), its
/// title and the `> query` line; None when there is no room inside.
pub(in crate::tui) fn picker_frame(
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
    ratatui::widgets::Widget::render(pane_block(title, true, theme, app.glyphs()), rect, buf);
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

/// What a picker of names with counts shows besides its entries.
pub(in crate::tui) struct PickerText<'a> {
    /// The box's title.
    pub(in crate::tui) title: &'a str,
    /// The line shown when nothing matches the query.
    pub(in crate::tui) empty: &'a str,
    /// The footer line (the keys), when there is room for it.
    pub(in crate::tui) footer: String,
}

/// Draw a picker of `list` over `over` (see [`picker_frame`]): each entry as the mark and
/// name `entry` gives it (position in the items, item), then its count.
pub(in crate::tui) fn draw_picker(
    buf: &mut Buffer,
    (over, screen): (Rect, Rect),
    app: &App,
    theme: &Theme,
    list: &QueryList<TagCount>,
    text: PickerText<'_>,
    entry: impl Fn(usize, &TagCount) -> (&'static str, String),
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
        text.title,
        (&list.query, list.cursor),
        theme,
    )
    else {
        return;
    };
    let amb = app.layout().ambiguous;
    for (row, &i) in list.matches.iter().skip(offset).take(list_rows).enumerate() {
        let Some(t) = list.items.get(i) else {
            continue;
        };
        let (mark, name) = entry(i, t);
        let style = if offset + row == list.cursor {
            theme.selected
        } else {
            Style::new()
        };
        let count = format!(" {}", t.count);
        let name_w = width.saturating_sub(4 + crate::text::str_width(&count, amb));
        let name = crate::text::truncate::truncate_with(&name, name_w, amb, app.glyphs().ellipsis);
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
    if list.matches.is_empty() && list_rows > 0 {
        let line = fit_pieces(
            &[(text.empty.to_string(), theme.date)],
            width,
            fit(app),
            Style::new(),
        );
        put(buf, inside, 1, &line);
    }
    if footer {
        let line = fit_pieces(&[(text.footer, theme.date)], width, fit(app), Style::new());
        put(buf, inside, usize::from(inside.height) - 1, &line);
    }
}

/// The message shown when the terminal is below the minimum size.
pub fn too_small(buf: &mut Buffer, area: Rect, app: &App) {
    let text = format!(
        "terminal too small: {}x{}, kiji needs 20x6",
        area.width, area.height
    );
    let lines = wrap_str(&text, usize::from(area.width.max(1)), app.layout());
    for (i, l) in lines.iter().take(usize::from(area.height)).enumerate() {
        let line = fit_pieces(
            &[(l.clone(), Style::new())],
            usize::from(area.width),
            fit(app),
            Style::new(),
        );
        buf.set_line(
            area.x,
            area.y + u16::try_from(i).unwrap_or(0),
            &line,
            area.width,
        );
    }
}
