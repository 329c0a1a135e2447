//! The category picker's state: "all categories" and every category of the articles that pass
//! the other filters, with counts, narrowed by what is typed (folded: case, width and kana do
//! not matter). One choice: Enter applies the category under the cursor.

use super::picker::{folded_without_spaces, move_cursor};
use crate::fold::fold;
use crate::index::TagCount;

/// The category picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryPicker {
    /// What has been typed.
    pub query: String,
    /// Every category offered, most used first. The first item, with an empty name, stands
    /// for "all categories" (its count is the number of articles it lets through).
    pub items: Vec<TagCount>,
    /// Positions in `items` that match the query.
    pub matches: Vec<usize>,
    /// Position of the cursor in `matches`.
    pub cursor: usize,
}

impl CategoryPicker {
    /// A picker over `categories` for `total` articles, the cursor on `current` if given.
    pub fn new(categories: Vec<TagCount>, total: usize, current: Option<&str>) -> CategoryPicker {
        let mut items = vec![TagCount {
            tag: String::new(),
            count: total,
        }];
        items.extend(categories);
        let cursor = current
            .map(fold)
            .and_then(|c| items.iter().skip(1).position(|i| fold(&i.tag) == c))
            .map_or(0, |i| i + 1);
        CategoryPicker {
            query: String::new(),
            matches: (0..items.len()).collect(),
            items,
            cursor,
        }
    }

    fn refilter(&mut self) {
        let q = folded_without_spaces(&self.query);
        self.matches = (0..self.items.len())
            .filter(|&i| {
                if i == 0 {
                    q.is_empty()
                } else {
                    folded_without_spaces(&self.items[i].tag).contains(&q)
                }
            })
            .collect();
        self.cursor = self.cursor.min(self.matches.len().saturating_sub(1));
    }

    /// Type a character into the query.
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

    /// Move the cursor; false when it could not move.
    pub fn move_by(&mut self, delta: isize) -> bool {
        move_cursor(&mut self.cursor, self.matches.len(), delta)
    }

    /// What Enter chooses: `Some(None)` for all categories, `Some(Some(name))` for one, None
    /// when nothing matches the query.
    pub fn choice(&self) -> Option<Option<String>> {
        let &i = self.matches.get(self.cursor)?;
        Some((i > 0).then(|| self.items[i].tag.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker(current: Option<&str>) -> CategoryPicker {
        let items = [("AI", 3), ("ターミナル", 2), ("Cloud", 1)]
            .iter()
            .map(|(t, n)| TagCount {
                tag: t.to_string(),
                count: *n,
            })
            .collect();
        CategoryPicker::new(items, 6, current)
    }

    #[test]
    fn starts_on_the_current_category_and_narrows_folded() {
        let p = picker(Some("ｃｌｏｕｄ"));
        assert_eq!(p.choice(), Some(Some("Cloud".to_string())));
        let mut p = picker(None);
        assert_eq!(p.choice(), Some(None), "all categories first");
        for c in "たーみ".chars() {
            p.type_char(c);
        }
        assert_eq!(p.matches, [2]);
        assert_eq!(p.choice(), Some(Some("ターミナル".to_string())));
        p.type_char('x');
        assert_eq!(p.choice(), None);
        assert!(p.erase());
        assert!(!p.move_by(1));
    }
}
