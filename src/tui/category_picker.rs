//! The category picker: "all categories" and every category of the articles that pass the
//! other filters, with counts, narrowed by what is typed ([`QueryList`]). One choice: Enter
//! (or space) applies the category under the cursor.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::keymap::Context;
use super::overlay::Outcome;
use super::query_list::QueryList;
use super::theme::Theme;
use super::view::frame::{PickerText, draw_picker};
use crate::fold::fold;
use crate::index::{Filter, Index, TagCount};

/// The category picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryPicker {
    /// Every category offered, most used first, narrowed by the query. The first item, with
    /// an empty name, stands for "all categories" (its count is the number of articles it
    /// lets through); only an empty query shows it.
    pub list: QueryList<TagCount>,
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
            list: QueryList::new(items, cursor),
        }
    }

    /// The picker for `filter` over `index`: the categories of the articles that pass every
    /// filter but the category (so tags and locale still narrow them), with counts.
    pub fn for_filter(index: &Index, filter: &Filter) -> CategoryPicker {
        let without = Filter {
            category: None,
            ..filter.clone()
        };
        let positions = index.filter(&without);
        let items = index.category_counts(&positions);
        CategoryPicker::new(items, positions.len(), filter.category.as_deref())
    }

    /// Keys in the picker.
    pub fn handle(&mut self, action: Action) -> Outcome {
        match action {
            Action::PickerUp => self.list.move_by(-1).into(),
            Action::PickerDown => self.list.move_by(1).into(),
            Action::PickerErase => self.list.erase().into(),
            Action::PickerType(c) => {
                self.list.type_char(c);
                Outcome::Changed
            }
            Action::PickerApply | Action::PickerToggle => match self.choice() {
                Some(category) => Outcome::ApplyCategory(category),
                None => Outcome::Ignored,
            },
            Action::PickerCancel => Outcome::Close,
            _ => Outcome::Ignored,
        }
    }

    /// What Enter chooses: `Some(None)` for all categories, `Some(Some(name))` for one, None
    /// when nothing matches the query.
    fn choice(&self) -> Option<Option<String>> {
        let i = self.list.current_index()?;
        Some((i > 0).then(|| self.list.items[i].tag.clone()))
    }

    /// Draw the picker over `over` (the list pane) on a `screen`.
    pub fn render(&self, buf: &mut Buffer, (over, screen): (Rect, Rect), app: &App, theme: &Theme) {
        draw(buf, over, screen, app, self, theme);
    }
}

/// Draw the category picker over `over` (the list pane).
fn draw(buf: &mut Buffer, over: Rect, screen: Rect, app: &App, p: &CategoryPicker, theme: &Theme) {
    let current = app.filter().category.as_deref().map(fold);
    let text = PickerText {
        title: "Category · one choice",
        empty: "(no category matches)",
        footer: format!(
            "{} apply · {} cancel",
            app.keymap().key_for(Context::Picker, "picker-apply"),
            app.keymap().key_for(Context::Picker, "picker-cancel")
        ),
    };
    draw_picker(buf, (over, screen), app, theme, &p.list, text, |i, t| {
        if i == 0 {
            let mark = if current.is_none() { "(x) " } else { "( ) " };
            return (mark, "(all categories)".to_string());
        }
        let chosen = current.as_deref() == Some(fold(&t.tag).as_str());
        (if chosen { "(x) " } else { "( ) " }, format!("@{}", t.tag))
    });
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
        let mut p = picker(Some("ｃｌｏｕｄ"));
        assert_eq!(
            p.handle(Action::PickerApply),
            Outcome::ApplyCategory(Some("Cloud".to_string()))
        );
        let mut p = picker(None);
        assert_eq!(
            p.handle(Action::PickerToggle),
            Outcome::ApplyCategory(None),
            "all categories first"
        );
        for c in "たーみ".chars() {
            assert_eq!(p.handle(Action::PickerType(c)), Outcome::Changed);
        }
        assert_eq!(p.list.matches, [2]);
        assert_eq!(
            p.handle(Action::PickerApply),
            Outcome::ApplyCategory(Some("ターミナル".to_string()))
        );
        p.handle(Action::PickerType('x'));
        assert_eq!(
            p.handle(Action::PickerApply),
            Outcome::Ignored,
            "nothing matches"
        );
        assert_eq!(p.handle(Action::PickerErase), Outcome::Changed);
        assert_eq!(p.handle(Action::PickerDown), Outcome::Ignored, "one match");
        assert_eq!(p.handle(Action::PickerMode), Outcome::Ignored);
        assert_eq!(p.handle(Action::PickerCancel), Outcome::Close);
    }
}
