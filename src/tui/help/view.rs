//! Drawing the help screen: its box centred on the screen, the rows from where it is scrolled
//! (what a query found highlighted), the query and where it is on the bottom edge, and a
//! scrollbar when the rows overflow.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TuiLine, Span as TuiSpan};

use super::{HelpScreen, RowKind};
use crate::text::str_width;
use crate::text::truncate::truncate_with;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::panes::inner;
use crate::tui::theme::Theme;
use crate::tui::view::frame::{centred, put};
use crate::tui::view::search::highlight;
use crate::tui::view::{clear_edges, fit, fit_pieces, fitted_title, pane_block, scrollbar};

/// The help's box on `screen`: at most 72 columns, a row free above and below.
pub(super) fn frame(screen: Rect) -> Rect {
    centred(screen, 72, screen.height.saturating_sub(2).max(3))
}

impl HelpScreen {
    /// Draw the help screen centred on the `screen`.
    pub fn render(&self, buf: &mut Buffer, screen: Rect, app: &App, theme: &Theme) {
        let rect = frame(screen);
        clear_edges(buf, rect);
        let keys = app.keymap();
        let title = format!(
            "Help  {} closes  {} finds a key",
            keys.key_for(Context::Help, "help"),
            keys.key_for(Context::Help, "search")
        );
        let title = fitted_title(
            &title,
            usize::from(rect.width),
            fit(app),
            theme.border_focus,
        );
        let position = self
            .position()
            .map_or_else(String::new, |p| format!(" {p} "));
        let room = usize::from(rect.width)
            .saturating_sub(str_width(&position, app.layout().ambiguous) + 4);
        let mut block = pane_block(title, true, theme, app.glyphs()).title_bottom(
            TuiLine::from(TuiSpan::styled(position, theme.border_focus)).right_aligned(),
        );
        if let Some(found) = self.found_label(app, room) {
            let w = str_width(&found, app.layout().ambiguous);
            let style = theme.border_focus;
            block = block.title_bottom(fit_pieces(&[(found, style)], w, fit(app), style));
        }
        ratatui::widgets::Widget::render(block, rect, buf);
        let inside = inner(rect);
        let width = usize::from(inside.width);
        let shown = usize::from(inside.height);
        if self.rows.is_empty() && !self.query.is_empty() {
            let none = format!("No key has \"{}\".", self.query);
            put(
                buf,
                inside,
                0,
                &fit_pieces(&[(none, Style::new())], width, fit(app), Style::new()),
            );
        }
        let heading = Style::new().add_modifier(Modifier::BOLD);
        let hit = highlight(theme);
        for (i, row) in self.rows.iter().skip(self.scroll).take(shown).enumerate() {
            let base = match row.kind {
                RowKind::Heading => heading,
                RowKind::Text => Style::new(),
            };
            let pieces: Vec<(String, Style)> = row
                .pieces
                .iter()
                .map(|(text, found)| (text.clone(), if *found { base.patch(hit) } else { base }))
                .collect();
            put(
                buf,
                inside,
                i,
                &fit_pieces(&pieces, width, fit(app), Style::new()),
            );
        }
        scrollbar(
            buf,
            rect,
            self.rows.len(),
            shown,
            self.scroll,
            theme,
            app.glyphs(),
        );
    }

    /// The query and how many keys it finds, for the bottom edge (`/page▏ 6 keys` while it is
    /// typed), cut to `room` columns; None without a query.
    fn found_label(&self, app: &App, room: usize) -> Option<String> {
        if self.query.is_empty() && !self.finding() {
            return None;
        }
        let cursor = if !self.finding() {
            ""
        } else if app.glyphs().ellipsis.is_ascii() {
            "_"
        } else {
            "▏"
        };
        let found = match self.found {
            0 => "no key".to_string(),
            1 => "1 key".to_string(),
            n => format!("{n} keys"),
        };
        let back = if self.finding() {
            String::new()
        } else {
            format!(
                ", {} shows all",
                app.keymap().key_for(Context::Help, "back")
            )
        };
        // A long query is cut, not the count after it.
        let ambiguous = app.layout().ambiguous;
        let ellipsis = app.glyphs().ellipsis;
        let tail = format!("{cursor}  {found}{back} ");
        let query_room = room.saturating_sub(2 + str_width(&tail, ambiguous));
        let query = if str_width(&self.query, ambiguous) <= query_room {
            self.query.clone()
        } else {
            truncate_with(&self.query, query_room, ambiguous, ellipsis)
        };
        let label = format!(" /{query}{tail}");
        Some(if str_width(&label, ambiguous) <= room {
            label
        } else {
            truncate_with(&label, room, ambiguous, ellipsis)
        })
    }
}
