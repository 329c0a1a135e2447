//! The article pane's state and keys: the selected article laid out at the pane's width, how
//! far it is scrolled, and where the active query's matches are in it. It scrolls by lines and
//! pages, jumps to either end and from match to match (`n`/`N`).

use std::sync::Arc;

mod view;

use super::action::Action;
use super::search_prompt::BodyMatches;
use crate::document::ArticleLayout;
use crate::fold::fold;

/// The article pane.
#[derive(Clone, Debug, Default)]
pub struct ArticlePane {
    /// The selected article laid out at the pane's width.
    pub(super) layout: Arc<ArticleLayout>,
    /// First line shown.
    pub(super) scroll: usize,
    /// The active query's matches in `layout`.
    pub(super) matches: BodyMatches,
}

/// What the article pane needs to know of the frame.
#[derive(Clone, Copy, Debug)]
pub struct Ctx {
    /// How many lines the pane shows.
    pub rows: usize,
}

impl ArticlePane {
    /// Keys for the article; true when anything changed.
    pub fn handle(&mut self, action: Action, ctx: &Ctx) -> bool {
        let page = ctx.rows.saturating_sub(2).max(1) as isize;
        match action {
            Action::PageDown => self.scroll_by(page, ctx.rows),
            Action::PageUp => self.scroll_by(-page, ctx.rows),
            Action::ScrollDown => self.scroll_by(1, ctx.rows),
            Action::ScrollUp => self.scroll_by(-1, ctx.rows),
            Action::ScrollBody(n) => self.scroll_by(isize::from(n), ctx.rows),
            Action::Top => self.scroll_by(-(self.scroll as isize), ctx.rows),
            Action::Bottom => self.scroll_by(self.max_scroll(ctx.rows) as isize, ctx.rows),
            Action::NextMatch => self.jump_match(true, ctx.rows.max(1)),
            Action::PreviousMatch => self.jump_match(false, ctx.rows.max(1)),
            _ => false,
        }
    }

    /// Find the matches of the query `words` (folded) in the article again, after it or the
    /// query changed; `of` is the article (position in the index) and its length in lines.
    /// The cursor stays on its match while nothing changed.
    pub fn refresh_matches(&mut self, words: &[String], of: Option<(usize, usize)>) {
        let mut lines = Vec::new();
        if !words.is_empty() {
            for (n, line) in self.layout.lines.iter().enumerate() {
                let text: String = line.spans.iter().map(|s| s.text.as_str()).collect();
                let folded = fold(&text);
                for w in words {
                    lines.extend(std::iter::repeat_n(n, folded.matches(w.as_str()).count()));
                }
            }
            lines.sort_unstable();
        }
        if lines != self.matches.lines || of != self.matches.of {
            self.matches = BodyMatches {
                lines,
                current: None,
                of,
            };
        }
    }

    /// The furthest the pane scrolls when it shows `rows` lines.
    pub fn max_scroll(&self, rows: usize) -> usize {
        self.layout.lines.len().saturating_sub(rows)
    }

    fn scroll_by(&mut self, delta: isize, rows: usize) -> bool {
        let next = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll(rows));
        let moved = next != self.scroll;
        self.scroll = next;
        moved
    }

    /// Jump to the next (`forward`) or previous match, scrolling it into view.
    fn jump_match(&mut self, forward: bool, rows: usize) -> bool {
        let n = self.matches.lines.len();
        if n == 0 {
            return false;
        }
        let next = match self.matches.current {
            Some(i) if forward => (i + 1) % n,
            Some(i) => (i + n - 1) % n,
            None if forward => self
                .matches
                .lines
                .iter()
                .position(|&l| l >= self.scroll)
                .unwrap_or(0),
            None => self
                .matches
                .lines
                .iter()
                .rposition(|&l| l < self.scroll + rows)
                .unwrap_or(n - 1),
        };
        self.matches.current = Some(next);
        let line = self.matches.lines[next];
        if line < self.scroll || line >= self.scroll + rows {
            // Put the match a few lines below the top, for context.
            self.scroll = line.saturating_sub(2);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{Line, Span};

    fn pane(lines: usize, matches: &[usize]) -> ArticlePane {
        let layout = ArticleLayout {
            lines: (0..lines)
                .map(|i| Line::from_spans(vec![Span::plain(format!("行 {i}"))]))
                .collect(),
            ..ArticleLayout::default()
        };
        ArticlePane {
            layout: Arc::new(layout),
            scroll: 0,
            matches: BodyMatches {
                lines: matches.to_vec(),
                ..BodyMatches::default()
            },
        }
    }

    #[test]
    fn scrolls_by_lines_and_pages_within_the_article() {
        let ctx = Ctx { rows: 10 };
        let mut p = pane(25, &[]);
        assert!(!p.handle(Action::ScrollUp, &ctx), "already at the top");
        assert!(p.handle(Action::PageDown, &ctx));
        assert_eq!(p.scroll, 8, "a page keeps two lines of context");
        assert!(p.handle(Action::Bottom, &ctx));
        assert_eq!(p.scroll, 15);
        assert!(!p.handle(Action::ScrollDown, &ctx), "at the end");
        assert!(p.handle(Action::ScrollBody(-3), &ctx));
        assert_eq!(p.scroll, 12);
        assert!(p.handle(Action::Top, &ctx));
        assert_eq!(p.scroll, 0);
        assert!(!p.handle(Action::NextMatch, &ctx), "no matches");
        assert!(!p.handle(Action::Next, &ctx));
    }

    #[test]
    fn jumps_between_matches_and_brings_them_into_view() {
        let ctx = Ctx { rows: 10 };
        let mut p = pane(60, &[3, 30, 50]);
        assert!(p.handle(Action::NextMatch, &ctx));
        assert_eq!(
            (p.matches.current, p.scroll),
            (Some(0), 0),
            "line 3 is in view"
        );
        assert!(p.handle(Action::NextMatch, &ctx));
        assert_eq!((p.matches.current, p.scroll), (Some(1), 28));
        assert!(p.handle(Action::PreviousMatch, &ctx));
        assert!(p.handle(Action::PreviousMatch, &ctx));
        assert_eq!(p.matches.current, Some(2), "wraps round");
        assert_eq!(p.scroll, 48);
    }
}
