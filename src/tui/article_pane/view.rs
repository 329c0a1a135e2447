//! Drawing the article pane: the selected article exactly as `kiji show` lays it out at the pane's width,
//! scrolled, with the position shown.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line as TuiLine, Span as TuiSpan};

use super::ArticlePane;
use crate::tui::app::{App, Overlay};
use crate::tui::panes::{Focus, inner};
use crate::tui::pictures::PictureKey;
use crate::tui::theme::Theme;
use crate::tui::view::{fit, fitted_title, pane_block, scrollbar, search, to_tui_line};

impl ArticlePane {
    /// Draw the article pane.
    pub fn render(&self, buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
        let focused = app.focus() == Focus::Body;
        let name = app.previewed().map_or("記事", |a| a.title.as_str());
        let title = fitted_title(
            name,
            usize::from(area.width).saturating_sub(6),
            fit(app),
            theme.border_focus,
        );
        let matches = self
            .matches
            .label()
            .map_or_else(String::new, |m| format!(" {m},"));
        let position = TuiLine::from(TuiSpan::styled(
            format!("{matches} {}% ", app.body_percent()),
            theme.border_focus,
        ))
        .right_aligned();
        let mut block = pane_block(title, focused, theme, app.glyphs()).title_bottom(position);
        if let Some(langs) = languages(app) {
            block = block.title_bottom(TuiLine::from(TuiSpan::styled(langs, theme.border_focus)));
        }
        ratatui::widgets::Widget::render(block, area, buf);
        let text = inner(area);
        let rows = usize::from(text.height);
        let words = crate::tui::search_prompt::query_words(app);
        for (row, line) in self
            .layout
            .lines
            .iter()
            .skip(self.scroll)
            .take(rows)
            .enumerate()
        {
            let y = text.y + u16::try_from(row).unwrap_or(0);
            let n = self.scroll + row;
            let tui_line = if self.matches.lines.binary_search(&n).is_ok() {
                let current = self.matches.current.map(|i| self.matches.lines[i]) == Some(n);
                search::body_line(line, &words, current, theme)
            } else {
                to_tui_line(line, theme)
            };
            buf.set_line(text.x, y, &tui_line, text.width);
        }
        self.draw_pictures(buf, text, app, theme);
        scrollbar(
            buf,
            area,
            self.layout.lines.len(),
            rows,
            self.scroll,
            theme,
            app.glyphs(),
        );
    }
}

impl ArticlePane {
    /// Draw the pictures over their placeholder rows: those ready (kitty and half blocks
    /// cropped when partly scrolled out, sixel and iTerm2 only when whole), `⋯ loading` in
    /// the first visible row of one still being made.
    fn draw_pictures(&self, buf: &mut Buffer, text: Rect, app: &App, theme: &Theme) {
        let pictures = app.pictures();
        // A window over the pane could hide a picture's first cell, which carries a kitty
        // picture's one transmit: pictures wait for it to close (their rows stay blank).
        let covered = !matches!(
            app.overlay(),
            Overlay::None | Overlay::Search(_) | Overlay::Confirm(_)
        );
        if !pictures.on() || covered {
            return;
        }
        let rows = i64::from(text.height);
        for block in &self.layout.images {
            let top = block.line as i64 - self.scroll as i64;
            let bottom = top + block.rows as i64;
            if bottom <= 0 || top >= rows {
                continue;
            }
            let key = PictureKey::of(block);
            let area = Rect {
                width: text.width.min(key.cols),
                ..text
            };
            let drawn = pictures
                .ready(&key)
                .is_some_and(|p| p.render(area, top as i32, key.cols, key.rows, buf));
            if !drawn && pictures.is_pending(&key) {
                let y = text.y + u16::try_from(top.max(0)).unwrap_or(0);
                buf.set_string(text.x, y, "⋯ loading", theme.date);
            }
        }
    }
}

/// The article's languages for the pane's bottom edge, the current one in brackets
/// (` [ja] · en `); None when it has no translation.
fn languages(app: &App) -> Option<String> {
    let versions = app.language_versions();
    if versions.len() < 2 {
        return None;
    }
    let here = app.previewed().map(|a| a.id.as_str());
    let parts: Vec<String> = versions
        .iter()
        .map(|(id, locale)| {
            if Some(id.as_str()) == here {
                format!("[{locale}]")
            } else {
                locale.clone()
            }
        })
        .collect();
    Some(format!(" {} ", parts.join(" · ")))
}
