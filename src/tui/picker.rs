//! The tag picker's state: every tag of the current result with its count, narrowed by what is
//! typed (folded: case, width and kana do not matter), with a cursor, a selection and a mode.

use crate::fold::fold;
use crate::index::{TagCount, TagMode};

/// The tag picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagPicker {
    /// What has been typed.
    pub query: String,
    /// Every tag offered, most used first.
    pub items: Vec<TagCount>,
    /// Positions in `items` that match the query.
    pub matches: Vec<usize>,
    /// Position of the cursor in `matches`.
    pub cursor: usize,
    /// Tags selected so far, in the order chosen.
    pub chosen: Vec<String>,
    /// How the chosen tags combine.
    pub mode: TagMode,
}

/// A name folded for narrowing (case, width, kana), spaces removed so `cloudc` finds
/// `Cloud Computing`.
pub(crate) fn folded_without_spaces(s: &str) -> String {
    fold(s).chars().filter(|c| !c.is_whitespace()).collect()
}

/// Move a cursor over `len` entries by `delta`, staying inside; false when it could not move.
pub(crate) fn move_cursor(cursor: &mut usize, len: usize, delta: isize) -> bool {
    let next = cursor
        .saturating_add_signed(delta)
        .min(len.saturating_sub(1));
    let moved = next != *cursor;
    *cursor = next;
    moved
}

impl TagPicker {
    /// A picker over `items`, starting with the tags already in the filter selected.
    pub fn new(items: Vec<TagCount>, chosen: Vec<String>, mode: TagMode) -> TagPicker {
        let mut p = TagPicker {
            query: String::new(),
            matches: (0..items.len()).collect(),
            items,
            cursor: 0,
            chosen,
            mode,
        };
        p.refilter();
        p
    }

    fn refilter(&mut self) {
        let q = folded_without_spaces(&self.query);
        self.matches = (0..self.items.len())
            .filter(|&i| folded_without_spaces(&self.items[i].tag).contains(&q))
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

    /// The tag under the cursor.
    pub fn current(&self) -> Option<&TagCount> {
        self.matches
            .get(self.cursor)
            .and_then(|&i| self.items.get(i))
    }

    /// Whether a tag is selected (folded comparison).
    pub fn is_chosen(&self, tag: &str) -> bool {
        let f = fold(tag);
        self.chosen.iter().any(|c| fold(c) == f)
    }

    /// Select or unselect the tag under the cursor; false when there is none.
    pub fn toggle(&mut self) -> bool {
        let Some(tag) = self.current().map(|t| t.tag.clone()) else {
            return false;
        };
        let f = fold(&tag);
        if self.is_chosen(&tag) {
            self.chosen.retain(|c| fold(c) != f);
        } else {
            self.chosen.push(tag);
        }
        true
    }

    /// Switch between AND and OR.
    pub fn switch_mode(&mut self) {
        self.mode = match self.mode {
            TagMode::All => TagMode::Any,
            TagMode::Any => TagMode::All,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picker() -> TagPicker {
        let items = [
            "Claude",
            "ＡＩ",
            "AIインフラ",
            "クラウド",
            "Cloud Computing",
        ]
        .iter()
        .map(|t| TagCount {
            tag: t.to_string(),
            count: 1,
        })
        .collect();
        TagPicker::new(items, Vec::new(), TagMode::All)
    }

    fn shown(p: &TagPicker) -> Vec<&str> {
        p.matches.iter().map(|&i| p.items[i].tag.as_str()).collect()
    }

    #[test]
    fn narrows_case_width_and_kana_insensitively() {
        let mut p = picker();
        for c in "ai".chars() {
            p.type_char(c);
        }
        assert_eq!(shown(&p), ["ＡＩ", "AIインフラ"]);
        p.erase();
        p.erase();
        for c in "くらうど".chars() {
            p.type_char(c);
        }
        assert_eq!(shown(&p), ["クラウド"]);
        p.query.clear();
        for c in "cloudc".chars() {
            p.type_char(c);
        }
        assert_eq!(shown(&p), ["Cloud Computing"]);
    }

    #[test]
    fn toggles_and_switches_mode() {
        let mut p = picker();
        assert!(p.toggle());
        assert_eq!(p.chosen, ["Claude"]);
        assert!(p.move_by(1));
        p.toggle();
        assert_eq!(p.chosen, ["Claude", "ＡＩ"]);
        p.move_by(-1);
        p.toggle();
        assert_eq!(p.chosen, ["ＡＩ"]);
        assert!(!p.move_by(-1));
        p.switch_mode();
        assert_eq!(p.mode, TagMode::Any);
    }
}
