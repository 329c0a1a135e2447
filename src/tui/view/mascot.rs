//! The mascot sidebar: テクにゃん in the mood that fits the article, under a speech bubble with
//! the article's comment (laid out by the core, scrollable when long).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::{fit, fit_pieces, fitted_title, pane_block};
use crate::text::str_width;
use crate::tui::app::App;
use crate::tui::mascot::{self, Mood};
use crate::tui::panes::inner;
use crate::tui::theme::Theme;

/// Draw the mascot pane.
pub fn draw(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let title = fitted_title(
        mascot::NAME,
        usize::from(area.width),
        fit(app),
        theme.mascot,
    );
    ratatui::widgets::Widget::render(pane_block(title, false, theme, &app.glyphs), area, buf);
    let inside = inner(area);
    if inside.width < 6 || inside.height < 3 {
        return;
    }
    let amb = app.layout.ambiguous;
    let g = &app.glyphs;
    let [tl, tr, bl, br] = g.bubble_corners;
    let [h, v] = g.bubble_edges;
    let width = usize::from(inside.width);
    let art = mascot::art(Mood::for_article(app.current()));
    let art_rows = if usize::from(inside.height) >= art.len() + 4 {
        art.len()
    } else {
        0
    };
    let bubble_rows = usize::from(inside.height) - art_rows;
    let text_rows = bubble_rows.saturating_sub(2);
    let inner_w = width.saturating_sub(4);
    let mut y = inside.y;
    let mut put = |pieces: &[(String, Style)], y: &mut u16| {
        let line = fit_pieces(pieces, width, fit(app), Style::new());
        buf.set_line(inside.x, *y, &line, inside.width);
        *y += 1;
    };
    put(
        &[(
            format!("{tl}{}{tr}", h.repeat(width.saturating_sub(2))),
            theme.bubble,
        )],
        &mut y,
    );
    let total = app.speech.len();
    for i in 0..text_rows {
        let text = app
            .speech
            .get(app.mascot_scroll + i)
            .map(|l| l.plain_text())
            .unwrap_or_default();
        let pad = inner_w.saturating_sub(str_width(&text, amb));
        let more_below = i + 1 == text_rows && app.mascot_scroll + text_rows < total;
        let more_above = i == 0 && app.mascot_scroll > 0;
        let edge = if more_below {
            g.more[1]
        } else if more_above {
            g.more[0]
        } else {
            v
        };
        put(
            &[
                (format!("{v} "), theme.bubble),
                (format!("{text}{}", " ".repeat(pad)), Style::new()),
                (format!(" {edge}"), theme.bubble),
            ],
            &mut y,
        );
    }
    let tail_at = 3.min(width.saturating_sub(3));
    put(
        &[(
            format!(
                "{bl}{}{}{}{br}",
                h.repeat(tail_at),
                g.bubble_tail,
                h.repeat(width.saturating_sub(tail_at + 3))
            ),
            theme.bubble,
        )],
        &mut y,
    );
    for row in art.iter().take(art_rows) {
        put(&[(row.to_string(), theme.mascot)], &mut y);
    }
}
