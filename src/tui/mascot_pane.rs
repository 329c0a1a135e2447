//! The mascot pane as a component: whether it is shown, the speech laid out for its bubble,
//! how far that is scrolled; its keys (show or hide, scroll the speech) and its drawing:
//! テクにゃん in the mood that fits the article, under the bubble.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::action::Action;
use super::app::{App, Lines};
use super::mascot::{Mood, NAME, art};
use super::panes::inner;
use super::theme::Theme;
use super::view::{fit, fit_pieces, fitted_title, pane_block};
use crate::text::str_width;

/// The mascot pane.
#[derive(Clone, Debug, Default)]
pub struct MascotPane {
    /// Whether the user asked for it (None: the default for the width).
    pref: Option<bool>,
    /// First line of the speech shown.
    scroll: usize,
    /// The speech laid out at the bubble width.
    speech: Lines,
}

impl MascotPane {
    /// Whether the pane is wanted on a terminal `width` columns wide.
    pub fn shown(&self, width: u16) -> bool {
        self.pref
            .unwrap_or_else(|| super::panes::mascot_shown_by_default(width))
    }

    /// Keys for the mascot on a terminal `width` columns wide; true when anything changed.
    pub fn handle(&mut self, action: Action, width: u16) -> bool {
        match action {
            Action::ToggleMascot => {
                self.pref = Some(!self.shown(width));
                true
            }
            Action::MascotDown => {
                let max = self.speech.len().saturating_sub(1);
                let moved = self.scroll < max;
                self.scroll = (self.scroll + 1).min(max);
                moved
            }
            Action::MascotUp => {
                let moved = self.scroll > 0;
                self.scroll = self.scroll.saturating_sub(1);
                moved
            }
            _ => false,
        }
    }

    /// Say `speech` (laid out for the bubble), keeping the scroll inside it.
    pub fn say(&mut self, speech: Lines) {
        self.speech = speech;
        self.scroll = self.scroll.min(self.speech.len().saturating_sub(1));
    }

    /// Back to the start of the speech (another article is selected).
    pub fn rewind(&mut self) {
        self.scroll = 0;
    }

    /// Draw the pane in `area`.
    pub fn render(&self, buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
        draw(buf, area, app, self, theme);
    }
}

/// Draw the mascot pane.
fn draw(buf: &mut Buffer, area: Rect, app: &App, pane: &MascotPane, theme: &Theme) {
    let title = fitted_title(NAME, usize::from(area.width), fit(app), theme.mascot);
    ratatui::widgets::Widget::render(pane_block(title, false, theme, app.glyphs()), area, buf);
    let inside = inner(area);
    if inside.width < 6 || inside.height < 3 {
        return;
    }
    let amb = app.layout().ambiguous;
    let g = app.glyphs();
    let [tl, tr, bl, br] = g.bubble_corners;
    let [h, v] = g.bubble_edges;
    let width = usize::from(inside.width);
    let art = art(Mood::for_article(app.current()));
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
    let total = pane.speech.len();
    for i in 0..text_rows {
        let text = pane
            .speech
            .get(pane.scroll + i)
            .map(|l| l.plain_text())
            .unwrap_or_default();
        let pad = inner_w.saturating_sub(str_width(&text, amb));
        let more_below = i + 1 == text_rows && pane.scroll + text_rows < total;
        let more_above = i == 0 && pane.scroll > 0;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Line, Span};
    use std::sync::Arc;

    fn lines(n: usize) -> Lines {
        Arc::new(
            (0..n)
                .map(|i| Line::from_spans(vec![Span::plain(format!("{i}"))]))
                .collect(),
        )
    }

    #[test]
    fn scrolls_inside_its_speech_and_toggles() {
        let mut m = MascotPane::default();
        assert!(
            m.shown(200) && !m.shown(60),
            "shown by default on wide terminals only"
        );
        assert!(m.handle(Action::ToggleMascot, 200));
        assert!(!m.shown(200));
        m.say(lines(3));
        assert!(!m.handle(Action::MascotUp, 200));
        assert!(m.handle(Action::MascotDown, 200));
        assert!(m.handle(Action::MascotDown, 200));
        assert!(!m.handle(Action::MascotDown, 200), "at the last line");
        m.say(lines(2));
        assert_eq!(m.scroll, 1, "kept inside a shorter speech");
        m.rewind();
        assert_eq!(m.scroll, 0);
        assert!(!m.handle(Action::Next, 200));
    }
}
