//! Opening the lists over the panes from the current article and filter: its links (`o`;
//! choosing one copies its URL to the clipboard with OSC 52), its related articles (`r`), the
//! category picker (`c`); and the OSC 52 sequence itself.

use super::app::App;
use super::category_picker::CategoryPicker;
use super::menu::{Menu, MenuKind};
use super::overlay::Overlay;
use crate::index::Filter;

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
        let links = self.article.layout.links.clone();
        if links.is_empty() {
            self.notice = Some("this article has no links".to_string());
            return true;
        }
        self.overlay = Overlay::Menu(Menu::new(
            "Links · enter copies the URL".to_string(),
            links
                .iter()
                .map(|l| crate::text::sanitize::sanitize_inline(l))
                .collect(),
            MenuKind::Links(links),
        ));
        true
    }

    /// Open the list of related articles; a notice when there are none.
    pub(super) fn open_related(&mut self) -> bool {
        let Some(&pos) = self.list.visible.get(self.list.selected) else {
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
        self.overlay = Overlay::Menu(Menu::new(
            crate::related::HEADING.to_string(),
            rows,
            MenuKind::Related(related),
        ));
        true
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
