//! The help screen: what it shows (the key table with its basic keys first, and the mouse's
//! part when the mouse is on), how far it is scrolled and the key being looked for; its keys
//! (it scrolls and pages like the article, `/` finds a key, `esc` drops what was found and
//! then closes) and its drawing (`help/view.rs`).

mod rows;
mod view;

pub use rows::{Entry, Row, RowFit, RowKind, Section, lay_out, sections};

use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::overlay::Outcome;
use super::panes::inner;
use crate::search::parse_query;
use crate::text::wrap::LayoutOptions;

/// The open help screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HelpScreen {
    /// Everything it can show.
    sections: Vec<Section>,
    /// How its rows are laid out.
    fit: RowFit,
    /// How many rows it shows at once.
    page: usize,
    /// The rows the query finds (all of them without one), laid out.
    rows: Vec<Row>,
    /// How many entries the query finds.
    found: usize,
    /// The first row shown.
    scroll: usize,
    /// What is looked for (empty: everything is shown).
    query: String,
    /// While `/` is being typed: the query there was before, which `esc` puts back.
    typing: Option<String>,
}

impl HelpScreen {
    /// The help screen of `sections` on a `screen` of (columns, rows), at the top, with the
    /// width function's `layout` settings and the `ellipsis` cut keys end with.
    pub fn new(
        sections: Vec<Section>,
        screen: (u16, u16),
        layout: LayoutOptions,
        ellipsis: &'static str,
    ) -> HelpScreen {
        let mut help = HelpScreen {
            sections,
            fit: RowFit {
                width: 0,
                layout,
                ellipsis,
            },
            page: 0,
            rows: Vec::new(),
            found: 0,
            scroll: 0,
            query: String::new(),
            typing: None,
        };
        help.resize(screen.0, screen.1);
        help
    }

    /// The help screen of the reader's key table and settings, at the top.
    pub fn for_app(app: &App) -> HelpScreen {
        HelpScreen::new(
            sections(app.keymap(), app.mouse()),
            app.size(),
            *app.layout(),
            app.glyphs().ellipsis,
        )
    }

    /// Lay the rows out again for a screen of `columns` x `rows`; the scroll stays where it
    /// was as far as the new size lets it.
    pub fn resize(&mut self, columns: u16, rows: u16) {
        let inside = inner(view::frame(Rect::new(0, 0, columns, rows)));
        self.fit.width = usize::from(inside.width);
        self.page = usize::from(inside.height);
        self.lay_out();
        self.scroll = self.scroll.min(self.max_scroll());
    }

    fn lay_out(&mut self) {
        let (rows, found) = lay_out(&self.sections, &parse_query(&self.query), &self.fit);
        self.rows = rows;
        self.found = found;
    }

    /// The first row shown.
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The rows (those the query finds, all of them without one).
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// What is looked for; empty when everything is shown.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// How many entries (keys, and what the mouse does) the query finds.
    pub fn found(&self) -> usize {
        self.found
    }

    /// Whether `/` is being typed: the keys go to the query (the search prompt's context).
    pub fn finding(&self) -> bool {
        self.typing.is_some()
    }

    /// Where it is: `21-40/64` (the rows shown, of how many); None when there is no row.
    pub fn position(&self) -> Option<String> {
        let total = self.rows.len();
        (total > 0).then(|| {
            let last = (self.scroll + self.page).min(total);
            format!("{}-{last}/{total}", self.scroll + 1)
        })
    }

    fn max_scroll(&self) -> usize {
        self.rows.len().saturating_sub(self.page)
    }

    fn scroll_by(&mut self, delta: isize) -> Outcome {
        let next = self
            .scroll
            .saturating_add_signed(delta)
            .min(self.max_scroll());
        let changed = next != self.scroll;
        self.scroll = next;
        changed.into()
    }

    /// Look for `query` (it changed): the rows it finds, from the top.
    fn find(&mut self, query: String) -> Outcome {
        self.query = query;
        self.scroll = 0;
        self.lay_out();
        Outcome::Changed
    }

    /// Keys on the help screen. Paging: lines, pages and both ends; `/` starts looking for a
    /// key, `esc` shows every key again and then closes, `?` and `q` close. While `/` is
    /// typed: letters and erasing change the query, `enter` keeps it, `esc` puts back the one
    /// before.
    pub fn handle(&mut self, action: Action) -> Outcome {
        let page = self.page.saturating_sub(2).max(1) as isize;
        match action {
            Action::ScrollDown => return self.scroll_by(1),
            Action::ScrollUp => return self.scroll_by(-1),
            _ => {}
        }
        if let Some(before) = &self.typing {
            return match action {
                Action::SearchType(c) => {
                    let mut query = self.query.clone();
                    query.push(c);
                    self.find(query)
                }
                Action::SearchErase => {
                    let mut query = self.query.clone();
                    match query.pop() {
                        Some(_) => self.find(query),
                        None => Outcome::Ignored,
                    }
                }
                Action::SearchAccept => {
                    self.typing = None;
                    Outcome::Changed
                }
                Action::SearchCancel => {
                    let before = before.clone();
                    self.typing = None;
                    self.find(before)
                }
                _ => Outcome::Ignored,
            };
        }
        match action {
            Action::PageDown => self.scroll_by(page),
            Action::PageUp => self.scroll_by(-page),
            Action::Top => self.scroll_by(-(self.scroll as isize)),
            Action::Bottom => self.scroll_by(self.max_scroll() as isize),
            Action::Search => {
                self.typing = Some(self.query.clone());
                Outcome::Changed
            }
            Action::Back if !self.query.is_empty() => self.find(String::new()),
            Action::Back | Action::Help => Outcome::Close,
            _ => Outcome::Ignored,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Keymap;

    fn help(columns: u16, rows: u16) -> HelpScreen {
        HelpScreen::new(
            sections(&Keymap::default_keys(), false),
            (columns, rows),
            LayoutOptions::default(),
            "…",
        )
    }

    fn typed(h: &mut HelpScreen, text: &str) {
        for c in text.chars() {
            assert_eq!(h.handle(Action::SearchType(c)), Outcome::Changed);
        }
    }

    #[test]
    fn scrolls_a_line_and_stops_at_both_ends() {
        let mut h = help(80, 24);
        assert_eq!(h.page, 20, "24 rows less the margins and the borders");
        assert_eq!(h.handle(Action::ScrollUp), Outcome::Ignored, "at the top");
        assert_eq!(h.handle(Action::ScrollDown), Outcome::Changed);
        assert_eq!(h.scroll(), 1);
        assert_eq!(h.handle(Action::ScrollUp), Outcome::Changed);
        assert_eq!(h.scroll(), 0);
        assert_eq!(h.handle(Action::Bottom), Outcome::Changed);
        let last = h.scroll();
        assert_eq!(last, h.rows().len() - 20, "the last page is full");
        assert_eq!(h.handle(Action::ScrollDown), Outcome::Ignored, "at the end");
        assert_eq!(h.handle(Action::Bottom), Outcome::Ignored);
        assert_eq!(h.handle(Action::Top), Outcome::Changed);
        assert_eq!(h.scroll(), 0);
        assert_eq!(h.handle(Action::Top), Outcome::Ignored);
    }

    #[test]
    fn pages_keep_two_rows_and_say_where_they_are() {
        let mut h = help(80, 24);
        let total = h.rows().len();
        assert_eq!(h.position(), Some(format!("1-20/{total}")));
        assert_eq!(h.handle(Action::PageDown), Outcome::Changed);
        assert_eq!(h.scroll(), 18, "a page keeps two rows of context");
        assert_eq!(h.position(), Some(format!("19-38/{total}")));
        while h.handle(Action::PageDown) == Outcome::Changed {}
        assert_eq!(h.scroll(), total - 20, "paging stops at the last page");
        assert_eq!(
            h.position(),
            Some(format!("{}-{total}/{total}", total - 19))
        );
        assert_eq!(h.handle(Action::PageUp), Outcome::Changed);
        assert_eq!(h.scroll(), total - 38);
        while h.handle(Action::PageUp) == Outcome::Changed {}
        assert_eq!(h.scroll(), 0);
    }

    #[test]
    fn everything_fits_on_a_tall_screen() {
        let mut h = help(120, 200);
        let total = h.rows().len();
        assert_eq!(h.position(), Some(format!("1-{total}/{total}")));
        for a in [Action::PageDown, Action::ScrollDown, Action::Bottom] {
            assert_eq!(h.handle(a), Outcome::Ignored, "{a:?}");
        }
    }

    #[test]
    fn a_smaller_screen_keeps_the_scroll_within_the_rows() {
        let mut h = help(80, 24);
        h.handle(Action::Bottom);
        h.resize(80, 200);
        assert_eq!(h.scroll(), 0);
        h.resize(40, 12);
        assert_eq!(h.page, 8);
        assert!(
            h.rows().len() > help(80, 24).rows().len(),
            "narrower rows wrap"
        );
        h.handle(Action::Bottom);
        h.resize(80, 24);
        assert_eq!(h.scroll(), h.rows().len() - 20);
    }

    #[test]
    fn slash_finds_keys_enter_keeps_them_and_paging_goes_on() {
        let mut h = help(80, 24);
        h.handle(Action::PageDown);
        assert_eq!(h.handle(Action::Search), Outcome::Changed);
        assert!(h.finding());
        typed(&mut h, "mascot");
        assert_eq!(h.query(), "mascot");
        assert_eq!(h.scroll(), 0, "what is found is shown from the top");
        assert_eq!(h.found(), 3, "{:#?}", h.rows());
        assert!(h.rows().iter().all(|r| {
            r.kind == RowKind::Heading || r.text().is_empty() || r.text().contains("mascot")
        }));
        assert_eq!(h.handle(Action::SearchErase), Outcome::Changed);
        assert_eq!(h.query(), "masco");
        assert_eq!(h.handle(Action::SearchAccept), Outcome::Changed);
        assert!(!h.finding());
        assert_eq!(h.query(), "masco", "enter keeps the query");
        assert_eq!(h.found(), 3);
        assert_eq!(
            h.handle(Action::PageDown),
            Outcome::Ignored,
            "three keys fit on one page"
        );
        assert_eq!(h.handle(Action::SearchType('x')), Outcome::Ignored);
    }

    #[test]
    fn esc_drops_the_query_first_then_closes() {
        let mut h = help(80, 24);
        let all = h.rows().len();
        h.handle(Action::Search);
        typed(&mut h, "tag");
        assert_eq!(h.handle(Action::SearchCancel), Outcome::Changed);
        assert!(!h.finding());
        assert_eq!(
            h.query(),
            "",
            "esc while typing puts back the query before: none"
        );
        assert_eq!(h.rows().len(), all);

        h.handle(Action::Search);
        typed(&mut h, "tag");
        h.handle(Action::SearchAccept);
        let tags = h.found();
        h.handle(Action::Search);
        assert!(h.finding());
        typed(&mut h, "zzz");
        assert_eq!((h.found(), h.position()), (0, None), "nothing found");
        assert_eq!(h.handle(Action::SearchCancel), Outcome::Changed);
        assert_eq!(h.query(), "tag", "esc puts back the query kept before");
        assert_eq!(h.found(), tags);

        assert_eq!(h.handle(Action::Back), Outcome::Changed, "esc drops it");
        assert_eq!((h.query(), h.rows().len()), ("", all));
        assert_eq!(h.handle(Action::Back), Outcome::Close, "then esc closes");
    }

    #[test]
    fn question_mark_and_q_close_at_once_but_are_typed_while_finding() {
        let mut h = help(80, 24);
        h.handle(Action::Search);
        typed(&mut h, "t");
        assert_eq!(h.handle(Action::SearchType('?')), Outcome::Changed);
        h.handle(Action::SearchAccept);
        assert_eq!(h.handle(Action::Help), Outcome::Close, "with a query kept");
        assert_eq!(help(80, 24).handle(Action::Help), Outcome::Close);
        assert_eq!(help(80, 24).handle(Action::Next), Outcome::Ignored);
    }

    #[test]
    fn the_wheel_scrolls_while_finding() {
        let mut h = help(80, 24);
        h.handle(Action::Search);
        assert_eq!(h.handle(Action::ScrollDown), Outcome::Changed);
        assert_eq!(
            h.handle(Action::PageDown),
            Outcome::Ignored,
            "no key pages here"
        );
        assert!(h.finding());
    }
}
