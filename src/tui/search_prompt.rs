//! The `/` search prompt: its state, keys and drawing (over the status bar). Typing narrows
//! the list through [`Filter::text`](crate::index::Filter::text) (the same function as
//! `kiji list --search`), once per batch of queued keys; `Enter` keeps the query as a filter,
//! `Esc` puts back the query that was there before. Also where the body's matches are
//! ([`BodyMatches`]; `n`/`N` move between them in `tui/article_pane.rs`).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::keymap::Context;
use super::overlay::Outcome;
use super::theme::Theme;
use super::view::{fit, fit_pieces};

/// The open search prompt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchPrompt {
    /// What has been typed.
    pub query: String,
    /// The query in force when the prompt opened, put back by `Esc`.
    pub before: Option<String>,
}

impl SearchPrompt {
    /// The prompt opened on the query in force (`before`), which `Esc` puts back.
    pub fn open(before: Option<String>) -> SearchPrompt {
        SearchPrompt {
            query: before.clone().unwrap_or_default(),
            before,
        }
    }

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
    app.keymap()
        .bindings()
        .iter()
        .filter(|b| b.context == Context::Search)
        .filter_map(|b| b.hint.as_deref())
        .collect()
}

/// Draw the open prompt over the status bar: `/query▏` and how many articles match.
fn draw(buf: &mut Buffer, area: Rect, app: &App, p: &SearchPrompt, theme: &Theme) {
    // With ASCII glyphs (the ellipsis tells), an underscore stands for the cursor.
    let cursor = if app.glyphs().ellipsis.is_ascii() {
        "_"
    } else {
        "▏"
    };
    let pieces = vec![
        (" / ".to_string(), theme.chip),
        (format!(" {}", p.query), theme.status),
        (cursor.to_string(), theme.status),
        (
            if app.awaits_texts() {
                "  searched once the files are read  ".to_string()
            } else {
                format!(
                    "  {}/{}  ",
                    app.visible().len(),
                    app.index().articles().len()
                )
            },
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

/// The folded words of the active query and the kana a romaji word spells, as a match can
/// take them (empty when there is none).
pub fn query_words(app: &App) -> Vec<String> {
    app.filter()
        .text
        .as_deref()
        .map(crate::search::highlight_words)
        .unwrap_or_default()
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
