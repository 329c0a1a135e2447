//! A numbered list over the panes: the article's links (choosing one copies its URL) or its
//! related articles (choosing one opens it). Its keys come from the `menu` context of the key
//! table: move, choose by Enter or by the entry's digit, close.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::action::Action;
use super::app::App;
use super::keymap::Context;
use super::overlay::Outcome;
use super::panes::inner;
use super::query_list::QueryList;
use super::theme::Theme;
use super::view::frame::put;
use super::view::{clear_edges, fit, fit_pieces, fitted_title, pane_block};
use crate::index::Index;

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
    /// One text per entry (numbered when drawn), and the cursor.
    pub list: QueryList<String>,
    /// What the entries stand for.
    pub kind: MenuKind,
}

/// How many related articles are offered.
pub const RELATED: usize = 5;

impl Menu {
    /// The list of an article's `links` (numbered as in its body); None when it has none.
    pub fn links(links: &[String]) -> Option<Menu> {
        if links.is_empty() {
            return None;
        }
        Some(Menu::new(
            "Links · enter copies the URL".to_string(),
            links
                .iter()
                .map(|l| crate::text::sanitize::sanitize_inline(l))
                .collect(),
            MenuKind::Links(links.to_vec()),
        ))
    }

    /// The list of the articles related to the one at `pos` in `index`; None when none is.
    pub fn related(index: &Index, pos: usize) -> Option<Menu> {
        let related = crate::related::related(index, pos, RELATED);
        if related.is_empty() {
            return None;
        }
        let rows = related
            .iter()
            .filter_map(|&p| index.get(p))
            .map(|a| format!("{} ({})", a.title, a.locale))
            .collect();
        Some(Menu::new(
            crate::related::HEADING.to_string(),
            rows,
            MenuKind::Related(related),
        ))
    }

    /// A list titled `title` of `rows`, standing for `kind`, the cursor on the first.
    pub fn new(title: String, rows: Vec<String>, kind: MenuKind) -> Menu {
        Menu {
            title,
            list: QueryList::new(rows, 0),
            kind,
        }
    }

    /// Keys in the list.
    pub fn handle(&mut self, action: Action) -> Outcome {
        match action {
            Action::PickerUp => self.list.move_by(-1).into(),
            Action::PickerDown => self.list.move_by(1).into(),
            Action::Choose(n) => {
                let i = usize::from(n).saturating_sub(1);
                if i < self.list.items.len() {
                    self.choose(i)
                } else {
                    Outcome::Ignored
                }
            }
            Action::PickerApply => self.choose(self.list.cursor),
            Action::PickerCancel => Outcome::Close,
            _ => Outcome::Ignored,
        }
    }

    /// Draw the list centred over the panes (`area`).
    pub fn render(&self, buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
        draw(buf, area, app, self, theme);
    }

    /// What choosing the `i`-th entry (from 0) does.
    fn choose(&self, i: usize) -> Outcome {
        match &self.kind {
            MenuKind::Related(positions) => positions
                .get(i)
                .map_or(Outcome::Close, |&p| Outcome::Open(p)),
            MenuKind::Links(urls) => urls.get(i).map_or(Outcome::Close, |url| Outcome::Copy {
                url: url.clone(),
                number: i + 1,
            }),
        }
    }
}

/// Draw a numbered list (links or related articles) centred over the panes.
fn draw(buf: &mut Buffer, area: Rect, app: &App, m: &Menu, theme: &Theme) {
    let amb = app.layout().ambiguous;
    let rows = &m.list.items;
    let wanted = u16::try_from(rows.len() + 3).unwrap_or(u16::MAX);
    let w = area.width.saturating_sub(4).clamp(20.min(area.width), 90);
    let h = wanted
        .min(area.height.saturating_sub(2))
        .max(3.min(area.height));
    let rect = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    clear_edges(buf, rect);
    let title = fitted_title(
        &m.title,
        usize::from(rect.width),
        fit(app),
        theme.border_focus,
    );
    ratatui::widgets::Widget::render(pane_block(title, true, theme, app.glyphs()), rect, buf);
    let inside = inner(rect);
    if inside.height == 0 || inside.width == 0 {
        return;
    }
    let width = usize::from(inside.width);
    let footer_rows = usize::from(usize::from(inside.height) > rows.len());
    let list_rows = usize::from(inside.height).saturating_sub(footer_rows);
    let offset = (m.list.cursor + 1).saturating_sub(list_rows);
    let mark_w = format!("[{}] ", rows.len()).len();
    for (row, text) in rows.iter().enumerate().skip(offset).take(list_rows) {
        let style = if row == m.list.cursor {
            theme.selected
        } else {
            Style::new()
        };
        let mark = format!("{:>w$}", format!("[{}] ", row + 1), w = mark_w);
        let text = crate::text::truncate::truncate_with(
            text,
            width.saturating_sub(mark_w),
            amb,
            app.glyphs().ellipsis,
        );
        let line = fit_pieces(
            &[(mark, style.patch(theme.mark)), (text, style)],
            width,
            fit(app),
            style,
        );
        put(buf, inside, row - offset, &line);
    }
    if footer_rows == 1 {
        let line = fit_pieces(
            &[(
                {
                    let key = |action| app.keymap().key_for(Context::Menu, action);
                    format!(
                        "{}/{} move · {} or digit choose · {} close",
                        key("picker-down"),
                        key("picker-up"),
                        key("picker-apply"),
                        key("picker-cancel")
                    )
                },
                theme.date,
            )],
            width,
            fit(app),
            Style::new(),
        );
        put(buf, inside, usize::from(inside.height) - 1, &line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Menu {
        let urls: Vec<String> = ["https://例.jp/a", "https://example.com/b"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        Menu::new("Links".into(), urls.clone(), MenuKind::Links(urls))
    }

    #[test]
    fn a_link_is_chosen_by_its_digit_or_by_enter() {
        let mut m = links();
        assert_eq!(
            m.handle(Action::Choose(2)),
            Outcome::Copy {
                url: "https://example.com/b".into(),
                number: 2
            }
        );
        assert_eq!(
            m.handle(Action::Choose(3)),
            Outcome::Ignored,
            "no third link"
        );
        assert_eq!(m.handle(Action::PickerDown), Outcome::Changed);
        assert_eq!(m.handle(Action::PickerDown), Outcome::Ignored, "at the end");
        assert!(matches!(
            m.handle(Action::PickerApply),
            Outcome::Copy { number: 2, .. }
        ));
        assert_eq!(m.handle(Action::PickerUp), Outcome::Changed);
        assert_eq!(m.handle(Action::PickerCancel), Outcome::Close);
        assert_eq!(m.handle(Action::PickerType('x')), Outcome::Ignored);
    }

    #[test]
    fn a_related_article_is_opened() {
        let mut m = Menu::new(
            "Related".into(),
            vec!["記事 (ja)".into(), "article (en)".into()],
            MenuKind::Related(vec![7, 3]),
        );
        assert_eq!(m.handle(Action::Choose(2)), Outcome::Open(3));
        assert_eq!(m.handle(Action::PickerApply), Outcome::Open(7));
    }
}
