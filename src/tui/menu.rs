//! A numbered list over the panes: the article's links (choosing one copies its URL) or its
//! related articles (choosing one opens it). Its keys come from the `menu` context of the key
//! table: move, choose by Enter or by the entry's digit, close.

use super::action::Action;
use super::overlay::Outcome;
use super::query_list::QueryList;

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

impl Menu {
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
