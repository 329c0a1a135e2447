//! The mascot pane as a component: whether it is shown, what it knows of the current article
//! and the speech laid out for its bubble, how far that is scrolled; its keys (show or hide,
//! scroll the speech) and its drawing: a bubble as tall as the speech, テクにゃん in the mood
//! that fits the article right under it, calm space below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use std::sync::Arc;

use super::action::Action;
use super::app::{App, Lines};
use super::mascot::{Mood, NAME, art};
use super::panes::inner;
use super::theme::Theme;
use super::view::{fit, fit_pieces, fitted_title, pane_block};
use crate::article::FileStamp;
use crate::index::Index;
use crate::loader::LoadOptions;
use crate::speech::{self, Facts};
use crate::text::wrap::{LayoutOptions, wrap_str};
use crate::text::{Line, Span, str_width};

/// The mascot pane.
#[derive(Clone, Debug, Default)]
pub struct MascotPane {
    /// Whether the user asked for it (None: the default for the width).
    pref: Option<bool>,
    /// First line of the speech shown.
    scroll: usize,
    /// The speech laid out at the bubble width.
    pub(super) speech: Lines,
    /// The mood that fits the current article.
    mood: Option<Mood>,
    /// What the body of the article last asked about told (its id and file stamp, the facts).
    facts: Option<(String, Option<FileStamp>, Facts)>,
}

/// Where the mascot speaks: the article at `pos` of `index` (none: the empty list), its body
/// read with `load`, the speech wrapped at `width` with `layout`.
pub struct About<'a> {
    /// The articles.
    pub index: &'a Index,
    /// The current article's position in the index.
    pub pos: Option<usize>,
    /// How article bodies are read.
    pub load: &'a LoadOptions,
    /// The bubble's inner width (0: the pane is not shown).
    pub width: u16,
    /// How text is laid out.
    pub layout: &'a LayoutOptions,
    /// How many related articles to look for at most.
    pub related: usize,
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

    /// Whether the user chose to show (`Some(true)`) or hide the pane, kept in the session.
    pub fn preference(&self) -> Option<bool> {
        self.pref
    }

    /// The choice kept in the session.
    pub fn prefer(&mut self, shown: Option<bool>) {
        self.pref = shown;
    }

    /// Work out what to say about the article `about` names and lay it out for the bubble.
    /// The body is read once per article (and again when its file changes).
    pub fn prepare(&mut self, about: &About) {
        if about.width == 0 {
            self.say(Arc::default());
            return;
        }
        let article = about.pos.and_then(|p| about.index.get(p));
        let facts = match (article, about.pos) {
            (Some(a), Some(pos)) => self.facts_of(a, pos, about),
            _ => Facts::default(),
        };
        self.mood = Some(Mood::for_article(article, &facts));
        let text = speech::speech(article, &facts);
        let lines: Vec<Line> = text
            .split('\n')
            .flat_map(|para| wrap_str(para, usize::from(about.width), about.layout))
            .map(|s| Line::from_spans(vec![Span::plain(s)]))
            .collect();
        self.say(Arc::new(lines));
    }

    /// The facts of the article at `pos`, from the cache when it is the same file.
    fn facts_of(&mut self, a: &crate::article::Article, pos: usize, about: &About) -> Facts {
        if let Some((id, stamp, f)) = &self.facts {
            if *id == a.id && *stamp == a.stamp {
                return f.clone();
            }
        }
        // A body that cannot be read says nothing: the body pane shows why.
        let body = crate::loader::read_body(a, about.load).unwrap_or_default();
        if about.index.tags_warming() {
            // Said again, with the related articles, when the tag lists are made.
            return speech::facts(a, &body, 0);
        }
        let related = crate::related::related(about.index, pos, about.related).len();
        let f = speech::facts(a, &body, related);
        self.facts = Some((a.id.clone(), a.stamp, f.clone()));
        f
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
    let art = art(pane.mood.unwrap_or(Mood::Sleepy));
    let height = usize::from(inside.height);
    // The mascot's picture, when one is set and ready, takes the drawing's place.
    // (Not under a window over the panes, which could hide a kitty picture's transmit.)
    let covered = !matches!(
        app.overlay(),
        super::app::Overlay::None
            | super::app::Overlay::Search(_)
            | super::app::Overlay::Confirm(_)
    );
    let picture = app
        .pictures()
        .mascot_ready()
        .filter(|(key, _)| !covered && height >= usize::from(key.rows) + 3);
    let art_rows = match picture {
        Some((key, _)) => usize::from(key.rows),
        None if height >= art.len() + 3 => art.len(),
        None => 0,
    };
    // As tall as the speech (at least one row), never taller than what the drawing leaves.
    let text_rows = pane.speech.len().max(1).min(height - art_rows - 2);
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
    if let Some((key, prepared)) = picture {
        let area = Rect::new(inside.x, y, inside.width.min(key.cols), key.rows);
        prepared.render(area, 0, key.cols, key.rows, buf);
        return;
    }
    for row in art.iter().take(art_rows) {
        put(&[(row.to_string(), theme.mascot)], &mut y);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
