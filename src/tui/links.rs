//! Numbered lists over the panes: the article's links (`o`; choosing one copies its URL to the
//! clipboard with OSC 52) and its related articles (`r`; choosing one opens it). Both move
//! with up/down (or `j`/`k`), choose with Enter (or the entry's digit) and close with Esc.

use super::action::Action;
use super::app::{App, Overlay};
use super::category_picker::CategoryPicker;
use super::effects::Effects;
use crate::index::Filter;

/// What a list's entries stand for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MenuKind {
    /// Positions in the index of related articles.
    Related(Vec<usize>),
    /// URLs, numbered as in the body.
    Links(Vec<String>),
}

/// A numbered list with a cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Menu {
    /// The overlay's title.
    pub title: String,
    /// One text per entry (numbered when drawn).
    pub rows: Vec<String>,
    /// The entry under the cursor.
    pub cursor: usize,
    /// What the entries stand for.
    pub kind: MenuKind,
}

impl Menu {
    fn move_by(&mut self, delta: isize) -> bool {
        let last = self.rows.len().saturating_sub(1);
        let next = self.cursor.saturating_add_signed(delta).min(last);
        let moved = next != self.cursor;
        self.cursor = next;
        moved
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(BASE64[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The OSC 52 sequence that asks the terminal to put `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

impl App {
    /// Open the list of the current article's links; a notice when it has none.
    pub(super) fn open_links(&mut self) -> bool {
        if self.current().is_none() {
            return false;
        }
        let links = self.body.links.clone();
        if links.is_empty() {
            self.notice = Some("this article has no links".to_string());
            return true;
        }
        self.overlay = Overlay::Menu(Menu {
            title: "Links · enter copies the URL".to_string(),
            rows: links
                .iter()
                .map(|l| crate::text::sanitize::sanitize_inline(l))
                .collect(),
            cursor: 0,
            kind: MenuKind::Links(links),
        });
        true
    }

    /// Open the list of related articles; a notice when there are none.
    pub(super) fn open_related(&mut self) -> bool {
        let Some(&pos) = self.visible.get(self.selected) else {
            return false;
        };
        let related = crate::related::related(&self.index, pos, RELATED);
        if related.is_empty() {
            self.notice = Some("no related articles (none shares a tag)".to_string());
            return true;
        }
        let rows = related
            .iter()
            .filter_map(|&p| self.index.get(p))
            .map(|a| format!("{} ({})", a.title, a.locale))
            .collect();
        self.overlay = Overlay::Menu(Menu {
            title: crate::related::HEADING.to_string(),
            rows,
            cursor: 0,
            kind: MenuKind::Related(related),
        });
        true
    }

    fn choose(&mut self, n: usize) -> Effects {
        let Overlay::Menu(m) = std::mem::take(&mut self.overlay) else {
            return Effects::default();
        };
        let mut effects = Effects::redraw_if(true);
        match m.kind {
            MenuKind::Related(ps) => {
                if let Some(&p) = ps.get(n) {
                    self.show_article(p);
                }
            }
            MenuKind::Links(urls) => {
                if let Some(url) = urls.get(n) {
                    effects.copy = Some(url.clone());
                    self.notice = Some(format!("[{}] copied to the clipboard (OSC 52)", n + 1));
                }
            }
        }
        effects
    }

    /// Keys in a list overlay.
    pub(super) fn menu_action(&mut self, action: Action) -> Effects {
        let Overlay::Menu(m) = &mut self.overlay else {
            return Effects::default();
        };
        match action {
            Action::PickerUp | Action::PickerType('k') => m.move_by(-1).into(),
            Action::PickerDown | Action::PickerType('j') => m.move_by(1).into(),
            Action::PickerType(c @ '1'..='9') => {
                let n = c as usize - '1' as usize;
                if n < m.rows.len() {
                    self.choose(n)
                } else {
                    Effects::default()
                }
            }
            Action::PickerApply | Action::PickerToggle => {
                let n = m.cursor;
                self.choose(n)
            }
            Action::PickerCancel | Action::PickerType('q') => {
                self.overlay = Overlay::None;
                Effects::redraw_if(true)
            }
            _ => Effects::default(),
        }
    }

    /// Open the category picker: the categories of the articles that pass every filter but
    /// the category (so tags and locale still narrow them), with counts.
    pub(super) fn open_category_picker(&mut self) -> bool {
        let without = Filter {
            category: None,
            ..self.filter.clone()
        };
        let positions = self.index.filter(&without);
        let items = self.index.category_counts(&positions);
        self.overlay = Overlay::Category(CategoryPicker::new(
            items,
            positions.len(),
            self.filter.category.as_deref(),
        ));
        true
    }

    /// Keys in the category picker.
    pub(super) fn category_action(&mut self, action: Action) -> bool {
        let Overlay::Category(p) = &mut self.overlay else {
            return false;
        };
        match action {
            Action::PickerUp => p.move_by(-1),
            Action::PickerDown => p.move_by(1),
            Action::PickerErase => p.erase(),
            Action::PickerType(c) => {
                p.type_char(c);
                true
            }
            Action::PickerApply | Action::PickerToggle => {
                let Some(choice) = p.choice() else {
                    return false;
                };
                self.overlay = Overlay::None;
                let mut f = self.filter.clone();
                f.category = choice;
                self.set_filter(f);
                true
            }
            Action::PickerCancel => {
                self.overlay = Overlay::None;
                true
            }
            _ => false,
        }
    }
}

/// How many related articles are offered.
pub const RELATED: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(
            osc52("https://例.jp/"),
            "\x1b]52;c;aHR0cHM6Ly/kvosuanAv\x07"
        );
    }
}
