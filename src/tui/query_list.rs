//! The list with a query under every picker and numbered list: entries, the ones the typed
//! query lets through (folded: case, width and kana do not matter, spaces ignored), and a
//! cursor over those.

use crate::index::{NameQuery, TagCount};

/// Something a [`QueryList`] can narrow by name.
pub trait Named {
    /// The text the query is matched against.
    fn name(&self) -> &str;
}

impl Named for TagCount {
    fn name(&self) -> &str {
        &self.tag
    }
}

impl Named for String {
    fn name(&self) -> &str {
        self
    }
}

/// Entries narrowed by a query, with a cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryList<T> {
    /// What has been typed.
    pub query: String,
    /// Every entry offered.
    pub items: Vec<T>,
    /// Positions in `items` that match the query.
    pub matches: Vec<usize>,
    /// Position of the cursor in `matches`.
    pub cursor: usize,
}

impl<T: Named> QueryList<T> {
    /// Every one of `items`, the cursor on the `cursor`-th.
    pub fn new(items: Vec<T>, cursor: usize) -> QueryList<T> {
        QueryList {
            query: String::new(),
            matches: (0..items.len()).collect(),
            cursor: cursor.min(items.len().saturating_sub(1)),
            items,
        }
    }

    fn refilter(&mut self) {
        let q = NameQuery::new(&self.query);
        self.matches = (0..self.items.len())
            .filter(|&i| q.matches(self.items[i].name()))
            .collect();
        self.cursor = self.cursor.min(self.matches.len().saturating_sub(1));
    }

    /// Type a character into the query; the cursor goes back to the first match.
    pub fn type_char(&mut self, c: char) {
        self.query.push(c);
        self.cursor = 0;
        self.refilter();
    }

    /// Erase the last character; false when there was nothing to erase.
    pub fn erase(&mut self) -> bool {
        if self.query.pop().is_none() {
            return false;
        }
        self.refilter();
        true
    }

    /// Move the cursor by `delta`, staying on the matches; false when it could not move.
    pub fn move_by(&mut self, delta: isize) -> bool {
        let next = self
            .cursor
            .saturating_add_signed(delta)
            .min(self.matches.len().saturating_sub(1));
        let moved = next != self.cursor;
        self.cursor = next;
        moved
    }

    /// The position in `items` of the entry under the cursor, if any matches.
    pub fn current_index(&self) -> Option<usize> {
        self.matches.get(self.cursor).copied()
    }

    /// The entry under the cursor, if any matches.
    pub fn current(&self) -> Option<&T> {
        self.current_index().and_then(|i| self.items.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list() -> QueryList<String> {
        let items = "Claude|ＡＩ|AIインフラ|クラウド|Cloud Computing|".split('|');
        QueryList::new(items.map(str::to_string).collect(), 0)
    }

    fn shown(l: &QueryList<String>) -> Vec<&str> {
        l.matches.iter().map(|&i| l.items[i].as_str()).collect()
    }

    #[test]
    fn narrows_case_width_kana_and_space_insensitively() {
        let mut l = list();
        for c in "ai".chars() {
            l.type_char(c);
        }
        assert_eq!(shown(&l), ["ＡＩ", "AIインフラ"]);
        assert!(l.erase() && l.erase());
        assert!(!l.erase(), "nothing left to erase");
        assert_eq!(
            l.matches.len(),
            6,
            "an empty name matches only the empty query"
        );
        for c in "くらうど".chars() {
            l.type_char(c);
        }
        assert_eq!(shown(&l), ["クラウド"]);
        l.query.clear();
        for c in "cloudc".chars() {
            l.type_char(c);
        }
        assert_eq!(shown(&l), ["Cloud Computing"]);
    }

    #[test]
    fn the_cursor_stays_on_the_matches() {
        let mut l = list();
        assert!(!l.move_by(-1));
        assert!(l.move_by(2));
        assert_eq!(l.current().map(String::as_str), Some("AIインフラ"));
        assert!(l.move_by(10));
        assert_eq!(l.current_index(), Some(5));
        l.type_char('z');
        assert_eq!((l.current(), l.cursor), (None, 0));
    }
}
