//! The body pane: the selected article exactly as `kiji show` lays it out at the pane's width,
//! scrolled, with the position shown.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line as TuiLine, Span as TuiSpan};

use super::{fit, fitted_title, pane_block, scrollbar, to_tui_line};
use crate::tui::app::App;
use crate::tui::panes::{Focus, inner};
use crate::tui::theme::Theme;

/// Draw the body pane.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Focus::Body;
    let name = app.current().map_or("記事", |a| a.title.as_str());
    let title = fitted_title(
        name,
        usize::from(area.width).saturating_sub(6),
        fit(app),
        theme.border_focus,
    );
    let matches = app
        .matches
        .label()
        .map_or_else(String::new, |m| format!(" {m},"));
    let position = TuiLine::from(TuiSpan::styled(
        format!("{matches} {}% ", app.body_percent()),
        theme.border_focus,
    ))
    .right_aligned();
    let block = pane_block(title, focused, theme, &app.glyphs).title_bottom(position);
    ratatui::widgets::Widget::render(block, area, buf);
    let text = inner(area);
    let rows = usize::from(text.height);
    let words = crate::tui::search_prompt::query_words(app);
    for (row, line) in app
        .body
        .lines
        .iter()
        .skip(app.body_scroll)
        .take(rows)
        .enumerate()
    {
        let y = text.y + u16::try_from(row).unwrap_or(0);
        let n = app.body_scroll + row;
        let tui_line = if app.matches.lines.binary_search(&n).is_ok() {
            let current = app.matches.current.map(|i| app.matches.lines[i]) == Some(n);
            super::search::body_line(line, &words, current, theme)
        } else {
            to_tui_line(line, theme)
        };
        buf.set_line(text.x, y, &tui_line, text.width);
    }
    scrollbar(
        buf,
        area,
        app.body.lines.len(),
        rows,
        app.body_scroll,
        theme,
        &app.glyphs,
    );
}
