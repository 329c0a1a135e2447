//! The `/` search prompt and the body's match cursor. Typing narrows the list on every
//! keystroke through [`Filter::text`] (the same function as `kiji list --search`); `Enter`
//! keeps the query as a filter, `Esc` puts back the query that was there before. In the body,
//! `n`/`N` move between the lines that hold a match.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::keymap::Context;
use super::overlay::{Outcome, Overlay};
use super::theme::Theme;
use super::view::{fit, fit_pieces};
use crate::fold::fold;
use crate::index::Filter;
use crate::search::parse_query;

/// The open search prompt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchPrompt {
    /// What has been typed.
    pub query: String,
    /// The query in force when the prompt opened, put back by `Esc`.
    pub before: Option<String>,
}

impl SearchPrompt {
    /// Keys in the prompt: typing and erasing change the query (searched for once the queued
    /// keys are in), Enter keeps it, Esc puts back the one there was before.
    pub fn handle(&mut self, action: Action) -> Outcome {
        match action {
            Action::SearchType(c) => {
                self.query.push(c);
                Outcome::Query
            }
            Action::SearchErase => match self.query.pop() {
                Some(_) => Outcome::Query,
                None => Outcome::Ignored,
            },
            Action::SearchAccept => Outcome::Close,
            Action::SearchCancel => Outcome::RestoreQuery(self.before.clone()),
            _ => Outcome::Ignored,
        }
    }

    /// Draw the prompt over the status bar (`area`).
    pub fn render(&self, buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
        draw(buf, area, app, self, theme);
    }
}

/// The prompt's own hints: global keys do not apply while typing (`q` is a letter here).
fn prompt_hints(app: &App) -> Vec<&str> {
    app.keymap
        .bindings()
        .iter()
        .filter(|b| b.context == Context::Search)
        .filter_map(|b| b.hint.as_deref())
        .collect()
}

/// Draw the open prompt over the status bar: `/query▏` and how many articles match.
fn draw(buf: &mut Buffer, area: Rect, app: &App, p: &SearchPrompt, theme: &Theme) {
    // With ASCII glyphs (the ellipsis tells), an underscore stands for the cursor.
    let cursor = if app.glyphs.ellipsis.is_ascii() {
        "_"
    } else {
        "▏"
    };
    let pieces = vec![
        (" / ".to_string(), theme.chip),
        (format!(" {}", p.query), theme.status),
        (cursor.to_string(), theme.status),
        (
            format!(
                "  {}/{}  ",
                app.list.visible.len(),
                app.index.articles().len()
            ),
            theme.status,
        ),
        (prompt_hints(app).join("  "), theme.status),
    ];
    let line = fit_pieces(&pieces, usize::from(area.width), fit(app), theme.status);
    buf.set_line(area.x, area.y, &line, area.width);
}

/// Where the body's matches are and which one the cursor is on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BodyMatches {
    /// The body line of each match, in reading order (a line with two matches is listed
    /// twice).
    pub lines: Vec<usize>,
    /// Index in `lines` of the current match, once `n`/`N` has been pressed.
    pub current: Option<usize>,
    /// The article (position in the index) and body width the lines are for.
    pub of: Option<(usize, usize)>,
}

impl BodyMatches {
    /// `match 3/12`, or `12 matches` before the first jump; None without matches.
    pub fn label(&self) -> Option<String> {
        match (self.lines.len(), self.current) {
            (0, _) => None,
            (n, Some(i)) => Some(format!("match {}/{n}", i + 1)),
            (1, None) => Some("1 match".to_string()),
            (n, None) => Some(format!("{n} matches")),
        }
    }
}

/// The folded words of the active query (empty when there is none).
pub fn query_words(app: &App) -> Vec<String> {
    app.filter
        .text
        .as_deref()
        .map(parse_query)
        .unwrap_or_default()
}

/// Find the matches of the active query in the laid-out body.
pub fn body_matches(app: &App) -> Vec<usize> {
    let words = query_words(app);
    if words.is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    for (n, line) in app.article.layout.lines.iter().enumerate() {
        let text: String = line.spans.iter().map(|s| s.text.as_str()).collect();
        let folded = fold(&text);
        for w in &words {
            lines.extend(std::iter::repeat_n(n, folded.matches(w.as_str()).count()));
        }
    }
    lines.sort_unstable();
    lines
}

impl App {
    /// Open the prompt, starting from the query already in force.
    pub(super) fn open_search(&mut self) -> bool {
        let before = self.filter.text.clone();
        self.overlay = Overlay::Search(SearchPrompt {
            query: before.clone().unwrap_or_default(),
            before,
        });
        true
    }

    /// Search for `query` now (the prompt's typing goes through [`App::settle`]).
    pub(super) fn set_query_now(&mut self, query: Option<String>) {
        let f = Filter {
            text: query.filter(|q| !q.trim().is_empty()),
            ..self.filter.clone()
        };
        self.set_filter(f);
    }

    /// Work out the body's matches again after the body or the query changed.
    pub(super) fn refresh_matches(&mut self) {
        let lines = body_matches(self);
        let of = self
            .list
            .visible
            .get(self.list.selected)
            .map(|&p| (p, self.article.layout.lines.len()));
        if lines != self.article.matches.lines || of != self.article.matches.of {
            self.article.matches = BodyMatches {
                lines,
                current: None,
                of,
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_erasing_keeping_and_cancelling() {
        let mut p = SearchPrompt {
            query: "くろ".into(),
            before: Some("くろ".into()),
        };
        assert_eq!(p.handle(Action::SearchType('ー')), Outcome::Query);
        assert_eq!(p.query, "くろー");
        for _ in 0..3 {
            assert_eq!(p.handle(Action::SearchErase), Outcome::Query);
        }
        assert_eq!(p.handle(Action::SearchErase), Outcome::Ignored, "empty");
        assert_eq!(p.handle(Action::Quit), Outcome::Ignored);
        assert_eq!(
            p.handle(Action::SearchCancel),
            Outcome::RestoreQuery(Some("くろ".into()))
        );
        assert_eq!(p.handle(Action::SearchAccept), Outcome::Close);
    }
}
