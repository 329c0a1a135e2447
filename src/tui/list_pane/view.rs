//! Drawing the article list: one row per article (date, locale badge, unread and star marks,
//! title truncated by display width), date headings when grouped, the selection highlighted, a
//! scrollbar on overflow.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{Columns, ListPane, Row};
use crate::article::Article;
use crate::config::DateFormat;
use crate::tui::app::App;
use crate::tui::panes::{Focus, inner};
use crate::tui::theme::Theme;
use crate::tui::view::{fit, fit_pieces, fitted_title, pane_block, scrollbar, search};

/// How the rows of one frame write their dates and which columns they show.
struct RowFormat {
    /// The date as configured, without its year when every listed date is in one year.
    date: DateFormat,
    /// A row's width under which the date is written `MM-DD` whatever the format.
    compact_below: usize,
    /// The optional columns.
    columns: Columns,
}

impl RowFormat {
    fn new(app: &App, columns: Columns) -> RowFormat {
        let date = if columns.year {
            app.date_format().clone()
        } else {
            app.date_format().without_year()
        };
        RowFormat {
            date,
            compact_below: 36,
            columns,
        }
    }
}

/// The pieces of one list row, before fitting to the width: the date, the locale when more
/// than one is listed, the unread and star marks, the title (its search matches highlighted).
fn row_pieces(
    app: &App,
    format: &RowFormat,
    article: &Article,
    width: usize,
    theme: &Theme,
) -> Vec<(String, Style)> {
    let full = width >= format.compact_below;
    let date = match article.date {
        Some(d) if full => format.date.format(d),
        Some(d) => format!("{:02}-{:02}", d.month, d.day),
        None if full => {
            "-".repeat(app.width_of(&format.date.format(crate::date::Date::EPOCH_LIKE)))
        }
        None => "-----".to_string(),
    };
    let marks = app.marks().get(article);
    let star = if marks.starred {
        app.glyphs().star
    } else {
        " "
    };
    let unread = if marks.read { " " } else { app.glyphs().unread };
    let mut pieces = vec![(date, theme.date)];
    if format.columns.locale {
        pieces.push((" ".to_string(), Style::new()));
        pieces.push((article.locale.clone(), theme.badge));
    }
    pieces.push((format!(" {unread}{star}"), theme.mark));
    if article.draft {
        pieces.push((format!("{} ", draft_badge(&article.locale)), theme.badge));
    }
    if let Some(emoji) = &article.emoji {
        pieces.push((format!("{emoji} "), Style::new()));
    }
    pieces.extend(search::title_pieces(
        app,
        &article.title,
        Style::new(),
        theme,
    ));
    pieces
}

/// The mark of a draft, in the article's language.
fn draft_badge(locale: &str) -> &'static str {
    if locale == "ja" { "下書き" } else { "draft" }
}

impl ListPane {
    /// Draw the list pane.
    pub fn render(&self, buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
        let focused = app.focus() == Focus::List;
        let title = fitted_title(
            "記事 Articles",
            usize::from(area.width),
            fit(app),
            theme.border_focus,
        );
        ratatui::widgets::Widget::render(
            pane_block(title, focused, theme, app.glyphs()),
            area,
            buf,
        );
        let body = inner(area);
        let width = usize::from(body.width);
        let rows = usize::from(body.height);
        let format = RowFormat::new(app, self.columns);
        for (row, item) in self.rows.iter().skip(self.offset).take(rows).enumerate() {
            let y = body.y + u16::try_from(row).unwrap_or(0);
            let line = match *item {
                Row::Heading(date, count) => fit_pieces(
                    &[(
                        app.heading_text(date, count),
                        theme.date.patch(theme.border_focus),
                    )],
                    width,
                    fit(app),
                    Style::new(),
                ),
                Row::Article(i) => {
                    let Some(article) = self.visible.get(i).and_then(|&p| app.index().get(p))
                    else {
                        continue;
                    };
                    let selected = i == self.selected;
                    let mut pieces = row_pieces(app, &format, article, width, theme);
                    if selected {
                        let hl = if focused {
                            theme.selected
                        } else {
                            theme.selected.patch(theme.border)
                        };
                        for p in &mut pieces {
                            p.1 = p.1.patch(hl);
                        }
                    }
                    let fill = if selected { pieces[0].1 } else { Style::new() };
                    fit_pieces(&pieces, width, fit(app), fill)
                }
            };
            buf.set_line(body.x, y, &line, body.width);
        }
        if self.visible.is_empty() && rows > 0 {
            let line = fit_pieces(
                &[(
                    if app.is_loading() {
                        "(reading the articles...)"
                    } else {
                        "(no articles match)"
                    }
                    .to_string(),
                    theme.date,
                )],
                width,
                fit(app),
                Style::new(),
            );
            buf.set_line(body.x, body.y, &line, body.width);
        }
        scrollbar(
            buf,
            area,
            self.rows.len(),
            rows,
            self.offset,
            theme,
            app.glyphs(),
        );
    }
}
