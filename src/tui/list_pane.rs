//! The article list as a component: the articles shown (positions in the index) in their
//! order, the selection, the date headings and how far the list is scrolled. Its keys move
//! the selection (the [`App`](super::app::App) then remembers and restores the article's
//! scroll) and group the list by date; `list_pane/view.rs` draws it.

mod view;

use super::action::Action;
use crate::date::Date;
use crate::index::Index;

/// How the list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// Newest first (the index's order).
    #[default]
    Date,
    /// By title, folded (`crate::fold::fold`); equal titles newest first.
    Title,
}

/// One row of the article list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// A date heading: the date (`None`: articles without one) and how many articles of the
    /// list follow under it. Not selectable.
    Heading(Option<Date>, usize),
    /// An article: its position in `visible`.
    Article(usize),
}

/// The rows of a list of articles (`visible`, positions in `index`): one per article, with a
/// heading before each run of articles of one date when `grouped`.
pub fn list_rows(index: &Index, visible: &[usize], grouped: bool) -> Vec<Row> {
    if !grouped {
        return (0..visible.len()).map(Row::Article).collect();
    }
    let date_of = |i: usize| {
        visible
            .get(i)
            .and_then(|&p| index.get(p))
            .and_then(|a| a.date)
    };
    let mut rows = Vec::with_capacity(visible.len() + visible.len() / 4 + 1);
    let mut i = 0;
    while i < visible.len() {
        let date = date_of(i);
        let run = (i..visible.len())
            .take_while(|&j| date_of(j) == date)
            .count();
        rows.push(Row::Heading(date, run));
        rows.extend((i..i + run).map(Row::Article));
        i += run;
    }
    rows
}

/// Which optional columns the list's rows earn, from the articles they show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    /// More than one language is listed: each row shows its locale.
    pub locale: bool,
    /// The dates span more than one year: each row's date keeps its year.
    pub year: bool,
}

impl Columns {
    /// The columns for the articles at `visible` (positions in `index`).
    pub fn of(index: &Index, visible: &[usize]) -> Columns {
        let mut locale: Option<&str> = None;
        let mut year = None;
        let mut columns = Columns::default();
        for a in visible.iter().filter_map(|&p| index.get(p)) {
            match locale {
                None => locale = Some(&a.locale),
                Some(l) if l != a.locale => columns.locale = true,
                Some(_) => {}
            }
            if let Some(d) = a.date {
                match year {
                    None => year = Some(d.year),
                    Some(y) if y != d.year => columns.year = true,
                    Some(_) => {}
                }
            }
            if columns.locale && columns.year {
                break;
            }
        }
        columns
    }
}

/// The article list.
#[derive(Clone, Debug, Default)]
pub struct ListPane {
    /// Positions (in the index) of the articles shown, in the list's order.
    pub(super) visible: Vec<usize>,
    /// Position in `visible` of the selected article.
    pub(super) selected: usize,
    /// First row shown (an index into `rows`).
    pub(super) offset: usize,
    /// How the list is ordered.
    pub(super) sort: Sort,
    /// Whether the user asked for date headings (shown only when sorted by date).
    pub(super) grouped: bool,
    /// The rows (articles and date headings), worked out from `visible` by [`list_rows`]
    /// before each frame.
    pub(super) rows: Vec<Row>,
    /// The optional columns the rows show, worked out with `rows`.
    pub(super) columns: Columns,
}

/// What a key in the list came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListOutcome {
    /// Not a list key, or nothing to do.
    Ignored,
    /// The list changed: redraw.
    Changed,
    /// Select the article at this position in the list.
    Select(usize),
}

impl ListPane {
    /// A list of `visible` (positions in the index), the first selected.
    pub fn new(visible: Vec<usize>) -> ListPane {
        ListPane {
            visible,
            ..ListPane::default()
        }
    }

    /// Keys for the list.
    pub fn handle(&mut self, action: Action) -> ListOutcome {
        let last = self.visible.len().saturating_sub(1);
        let target = match action {
            Action::Next => self.selected + 1,
            Action::Previous => self.selected.saturating_sub(1),
            Action::First => 0,
            Action::Last => last,
            Action::ToggleGroup => {
                self.grouped = !self.grouped;
                return ListOutcome::Changed;
            }
            _ => return ListOutcome::Ignored,
        };
        match target.min(last) {
            t if t == self.selected => ListOutcome::Ignored,
            t => ListOutcome::Select(t),
        }
    }

    /// The selected article's position in the index, if the list has any.
    pub fn current(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Whether date headings are shown: asked for, and sorted by date.
    pub fn grouping(&self) -> bool {
        self.grouped && self.sort == Sort::Date
    }

    /// The row (in `rows`) of the selected article.
    pub fn selected_row(&self) -> usize {
        self.rows
            .iter()
            .position(|r| *r == Row::Article(self.selected))
            .unwrap_or(0)
    }

    /// Scroll so the selected article shows in `rows` rows, with its heading when it is the
    /// first of its date.
    pub fn keep_selection_visible(&mut self, rows: usize) {
        let rows = rows.max(1);
        let sel = self.selected_row();
        let top = match sel.checked_sub(1).and_then(|i| self.rows.get(i)) {
            Some(Row::Heading(..)) if rows > 1 => sel - 1,
            _ => sel,
        };
        if top < self.offset {
            self.offset = top;
        } else if sel >= self.offset + rows {
            self.offset = sel + 1 - rows;
        }
        let max_offset = self.rows.len().saturating_sub(rows);
        self.offset = self.offset.min(max_offset);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_ask_for_a_selection_inside_the_list() {
        let mut l = ListPane::new(vec![4, 7, 9]);
        assert_eq!(
            l.handle(Action::Previous),
            ListOutcome::Ignored,
            "at the top"
        );
        assert_eq!(l.handle(Action::Next), ListOutcome::Select(1));
        assert_eq!(l.handle(Action::Last), ListOutcome::Select(2));
        l.selected = 2;
        assert_eq!(l.handle(Action::Next), ListOutcome::Ignored, "at the end");
        assert_eq!(l.handle(Action::First), ListOutcome::Select(0));
        assert_eq!(l.handle(Action::ToggleGroup), ListOutcome::Changed);
        assert!(l.grouping());
        l.sort = Sort::Title;
        assert!(!l.grouping(), "headings only by date");
        assert_eq!(l.handle(Action::ScrollDown), ListOutcome::Ignored);
    }

    #[test]
    fn the_selection_stays_in_view_with_its_heading() {
        let mut l = ListPane::new(vec![0, 1, 2, 3]);
        l.rows = vec![
            Row::Heading(None, 2),
            Row::Article(0),
            Row::Article(1),
            Row::Heading(None, 2),
            Row::Article(2),
            Row::Article(3),
        ];
        l.selected = 2;
        l.keep_selection_visible(2);
        assert_eq!(l.offset, 3, "the heading above the first of its date shows");
        l.selected = 0;
        l.keep_selection_visible(2);
        assert_eq!(l.offset, 0);
    }
}
