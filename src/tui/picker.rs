//! The tag picker: every tag of the current result with its count, narrowed by what is typed
//! ([`QueryList`]), with a selection and a mode (AND/OR); Enter applies the selection.

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
use crate::index::{Filter, Index, TagCount, TagMode};

/// The tag picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagPicker {
    /// Every tag offered, most used first, narrowed by the query.
    pub list: QueryList<TagCount>,
    /// Tags selected so far, in the order chosen.
    pub chosen: Vec<String>,
    /// How the chosen tags combine.
    pub mode: TagMode,
}

impl TagPicker {
    /// A picker over `items`, starting with the tags already in the filter selected.
    pub fn new(items: Vec<TagCount>, chosen: Vec<String>, mode: TagMode) -> TagPicker {
        TagPicker {
            list: QueryList::new(items, 0),
            chosen,
            mode,
        }
    }

    /// The picker for `filter` over `index`. It offers the tags of the articles that pass
    /// every filter except the tags themselves, so a chosen tag can be unchosen and an OR can
    /// reach beyond the current list; with no tag chosen that is exactly the current result.
    pub fn for_filter(index: &Index, filter: &Filter) -> TagPicker {
        let without_tags = Filter {
            tags: Vec::new(),
            ..filter.clone()
        };
        let items = index.tag_counts(&index.filter(&without_tags));
        TagPicker::new(items, filter.tags.clone(), filter.tag_mode)
    }

    /// Keys in the picker.
    pub fn handle(&mut self, action: Action) -> Outcome {
        match action {
            Action::PickerUp => self.list.move_by(-1).into(),
            Action::PickerDown => self.list.move_by(1).into(),
            Action::PickerToggle => self.toggle().into(),
            Action::PickerMode => {
                self.switch_mode();
                Outcome::Changed
            }
            Action::PickerErase => self.list.erase().into(),
            Action::PickerType(c) => {
                self.list.type_char(c);
                Outcome::Changed
            }
            Action::PickerApply => {
                let mode = if self.chosen.len() > 1 {
                    self.mode
                } else {
                    TagMode::All
                };
                Outcome::ApplyTags(self.chosen.clone(), mode)
            }
            Action::PickerCancel => Outcome::Close,
            _ => Outcome::Ignored,
        }
    }

    /// Whether a tag is selected (folded comparison).
    pub fn is_chosen(&self, tag: &str) -> bool {
        let f = fold(tag);
        self.chosen.iter().any(|c| fold(c) == f)
    }

    /// Select or unselect the tag under the cursor; false when there is none.
    fn toggle(&mut self) -> bool {
        let Some(tag) = self.list.current().map(|t| t.tag.clone()) else {
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
    fn switch_mode(&mut self) {
        self.mode = match self.mode {
            TagMode::All => TagMode::Any,
            TagMode::Any => TagMode::All,
        };
    }

    /// Draw the picker over `over` (the list pane) on a `screen`.
    pub fn render(&self, buf: &mut Buffer, (over, screen): (Rect, Rect), app: &App, theme: &Theme) {
        draw(buf, over, screen, app, self, theme);
    }
}

/// Draw the tag picker over `over` (the list pane).
fn draw(buf: &mut Buffer, over: Rect, screen: Rect, app: &App, p: &TagPicker, theme: &Theme) {
    let mode = match p.mode {
        TagMode::All => "AND: all tags",
        TagMode::Any => "OR: any tag",
    };
    let key = |action| app.keymap().key_for(Context::Picker, action);
    let title = format!("Tags · {mode}");
    let text = PickerText {
        title: &title,
        empty: "(no tag matches)",
        footer: format!(
            "{} selected · {} pick · {} AND/OR · {} apply · {} cancel",
            p.chosen.len(),
            key("picker-toggle"),
            key("picker-mode"),
            key("picker-apply"),
            key("picker-cancel")
        ),
    };
    draw_picker(buf, (over, screen), app, theme, &p.list, text, |_, t| {
        let mark = if p.is_chosen(&t.tag) { "[x] " } else { "[ ] " };
        (mark, t.tag.clone())
    });
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
        p.list
            .matches
            .iter()
            .map(|&i| p.list.items[i].tag.as_str())
            .collect()
    }

    #[test]
    fn narrows_case_width_and_kana_insensitively() {
        let mut p = picker();
        for c in "ai".chars() {
            assert_eq!(p.handle(Action::PickerType(c)), Outcome::Changed);
        }
        assert_eq!(shown(&p), ["ＡＩ", "AIインフラ"]);
        p.handle(Action::PickerErase);
        p.handle(Action::PickerErase);
        assert_eq!(p.handle(Action::PickerErase), Outcome::Ignored);
        for c in "くらうど".chars() {
            p.handle(Action::PickerType(c));
        }
        assert_eq!(shown(&p), ["クラウド"]);
    }

    #[test]
    fn toggles_switches_mode_and_applies() {
        let mut p = picker();
        assert_eq!(p.handle(Action::PickerToggle), Outcome::Changed);
        assert_eq!(p.chosen, ["Claude"]);
        assert_eq!(
            p.handle(Action::PickerApply),
            Outcome::ApplyTags(vec!["Claude".into()], TagMode::All)
        );
        assert_eq!(p.handle(Action::PickerDown), Outcome::Changed);
        p.handle(Action::PickerToggle);
        assert_eq!(p.chosen, ["Claude", "ＡＩ"]);
        p.handle(Action::PickerUp);
        p.handle(Action::PickerToggle);
        assert_eq!(p.chosen, ["ＡＩ"]);
        assert_eq!(p.handle(Action::PickerUp), Outcome::Ignored, "at the top");
        assert_eq!(p.handle(Action::PickerMode), Outcome::Changed);
        assert_eq!(p.mode, TagMode::Any);
        assert_eq!(
            p.handle(Action::PickerApply),
            Outcome::ApplyTags(vec!["ＡＩ".into()], TagMode::All),
            "one tag: the mode does not matter"
        );
        p.handle(Action::PickerDown);
        p.handle(Action::PickerDown);
        p.handle(Action::PickerToggle);
        assert_eq!(
            p.handle(Action::PickerApply),
            Outcome::ApplyTags(vec!["ＡＩ".into(), "AIインフラ".into()], TagMode::Any)
        );
        assert_eq!(p.handle(Action::PickerCancel), Outcome::Close);
        p.handle(Action::PickerType('z'));
        assert_eq!(
            p.handle(Action::PickerToggle),
            Outcome::Ignored,
            "no tag matches"
        );
    }
}
