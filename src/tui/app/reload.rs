//! Putting a new index under a running reader: the snapshots of a scan that is still filling
//! the list, and rescans after files changed. The selection stays on the same article (by id)
//! with its scroll position, the filter stays, and what the saved session asked for is
//! applied once its article arrives.

use super::{App, Overlay};
use crate::index::Index;
use crate::scan::Progress;
use crate::tui::panes::Focus;

/// What was asked for before the articles it needs had been read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pending {
    /// The article the saved session had selected.
    pub selected: Option<String>,
    /// Whether the session had the focus on the body.
    pub focus_body: bool,
    /// The language the list should start in (from the configuration or `LANG`), once an
    /// article in it is there.
    pub locale: Option<String>,
    /// Keep the first article selected as the list fills in (nothing else was asked for).
    pub follow_top: bool,
}

impl App {
    /// The articles are being read: the list starts empty and fills in from the scan's
    /// snapshots ([`App::replace_index`]).
    pub(super) fn start_loading(&mut self) {
        self.loading = Some(Progress::default());
        self.pending.follow_top = true;
    }

    /// Whether the list is still filling in.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Show `index` instead of the current one; `progress` says how far the scan that made it
    /// has got. Returns true (the screen must be redrawn).
    pub fn replace_index(&mut self, index: Index, progress: Progress) -> bool {
        self.remember_position();
        let keep = self.current().map(|a| a.id.clone());
        let scroll = self.article.scroll;
        if self.loading.is_none() {
            // A rescan of a complete list: count what it brought.
            let old = &self.index;
            self.arrived += index
                .articles()
                .iter()
                .filter(|a| old.position(&a.id).is_none())
                .count();
        }
        self.index = index;
        self.refresh_read();
        self.with_related = None;
        self.loading = (!progress.is_complete()).then_some(progress);
        if let Overlay::Menu(_) = self.overlay {
            // Its entries are positions in the old index.
            self.overlay = Overlay::None;
        }
        if let Some(locale) = self.pending.locale.clone() {
            if self.index.articles().iter().any(|a| a.locale == locale) {
                self.filter.locale = Some(locale);
                self.pending.locale = None;
            }
        }
        self.list.visible = self.compute_visible();
        self.unread = None;
        let position_of = |app: &App, id: &str| {
            app.index
                .position(id)
                .and_then(|p| app.list.visible.iter().position(|&v| v == p))
        };
        let wanted = self.pending.selected.clone();
        if let Some(at) = wanted.as_deref().and_then(|id| position_of(self, id)) {
            self.list.selected = at;
            self.article.scroll = self.current().map_or(0, |a| self.marks.get(a).position);
            if self.pending.focus_body {
                self.focus = Focus::Body;
            }
            self.pending.selected = None;
            self.pending.follow_top = false;
        } else if self.pending.follow_top && self.pending.selected.is_none() {
            self.list.selected = 0;
            self.article.scroll = self.current().map_or(0, |a| self.marks.get(a).position);
        } else if let Some(at) = keep.as_deref().and_then(|id| position_of(self, id)) {
            self.list.selected = at;
            self.article.scroll = scroll;
        } else {
            // The selected article is gone (or there was none): stay at the same row.
            self.list.selected = self
                .list
                .selected
                .min(self.list.visible.len().saturating_sub(1));
            self.article.scroll = self.current().map_or(0, |a| self.marks.get(a).position);
        }
        if self.focus == Focus::Body && self.current().is_none() {
            self.focus = Focus::List;
        }
        if !self.is_loading() {
            self.pending = Pending::default();
        }
        self.prepare();
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::{LoadOptions, load_memory};
    use crate::tui::action::Action;
    use crate::tui::app::Settings;
    use crate::tui::effects::Message;
    use std::path::Path;

    fn index(ids: &[(&str, &str)]) -> Index {
        let texts: Vec<(String, String)> = ids
            .iter()
            .map(|(id, date)| {
                (
                    format!("{id}.md"),
                    format!(
                        "---\ntitle: {id}\ndate: {date}\n---\n{}",
                        (1..=60)
                            .map(|n| format!("paragraph {n} of {id}\n\n"))
                            .collect::<String>()
                    ),
                )
            })
            .collect();
        let files: Vec<(&str, &[u8])> = texts
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_bytes()))
            .collect();
        Index::new(load_memory(Path::new("r"), &files, &LoadOptions::default()))
    }

    fn selected(app: &App) -> String {
        app.current().map(|a| a.id.clone()).unwrap_or_default()
    }

    fn loading_app() -> App {
        let mut app = App::new(Index::default(), Settings::default(), 120, 40);
        app.start_loading();
        app
    }

    const PART: Progress = Progress { done: 1, total: 3 };
    const ALL: Progress = Progress { done: 3, total: 3 };

    /// Three articles, `c` the newest.
    const ABC: [(&str, &str); 3] = [
        ("a", "2026-01-01"),
        ("b", "2026-01-02"),
        ("c", "2026-01-03"),
    ];

    #[test]
    fn a_rescan_counts_new_articles_until_the_next_key() {
        let mut app = loading_app();
        app.replace_index(index(&ABC[..1]), PART);
        app.replace_index(index(&ABC[..2]), ALL);
        assert_eq!(
            app.arrived(),
            0,
            "the first scan fills the list: nothing is new"
        );
        app.replace_index(index(&ABC), ALL);
        assert_eq!(app.arrived(), 1);
        app.replace_index(index(&ABC), ALL);
        assert_eq!(app.arrived(), 1, "the same articles again add nothing");
        assert!(app.update(Action::Next).redraw);
        assert_eq!(app.arrived(), 0, "seen once a key is pressed");
        assert!(!app.update(Action::Resize(120, 40)).redraw);
    }

    #[test]
    fn the_first_article_stays_selected_while_the_list_fills_in() {
        let mut app = loading_app();
        app.replace_index(index(&[("b", "2026-01-02")]), PART);
        assert_eq!(selected(&app), "b");
        assert!(app.is_loading());
        app.replace_index(index(&ABC), ALL);
        assert_eq!(selected(&app), "c", "the newest, at the top");
        assert!(!app.is_loading());
    }

    #[test]
    fn once_the_user_moves_the_selection_follows_the_article() {
        let mut app = loading_app();
        app.replace_index(index(&[("a", "2026-01-01"), ("b", "2026-01-02")]), PART);
        app.update(Action::Next);
        assert_eq!(selected(&app), "a");
        app.update(Action::Open);
        app.update(Action::ScrollDown);
        app.update(Action::ScrollDown);
        let scroll = app.article.scroll;
        assert_eq!(scroll, 2, "the body scrolled");
        app.replace_index(index(&ABC), ALL);
        assert_eq!(selected(&app), "a");
        assert_eq!(app.article.scroll, scroll);
        assert_eq!(app.focus, Focus::Body);
    }

    #[test]
    fn a_removed_article_leaves_the_selection_on_the_same_row() {
        let mut app = App::new(index(&ABC), Settings::default(), 120, 40);
        app.update(Action::Next);
        assert_eq!(selected(&app), "b");
        app.replace_index(index(&[("a", "2026-01-01"), ("c", "2026-01-03")]), ALL);
        assert_eq!(selected(&app), "a");
        app.replace_index(Index::default(), Progress::default());
        assert_eq!(app.current().map(|a| a.id.clone()), None);
        assert_eq!(app.focus, Focus::List);
    }

    #[test]
    fn the_sessions_article_is_selected_when_it_arrives() {
        let mut app = loading_app();
        app.pending.selected = Some("a".into());
        app.pending.follow_top = false;
        app.replace_index(index(&[("c", "2026-01-03")]), PART);
        assert_eq!(selected(&app), "c");
        app.replace_index(index(&[("a", "2026-01-01"), ("c", "2026-01-03")]), PART);
        assert_eq!(selected(&app), "a");
        app.replace_index(index(&ABC), ALL);
        assert_eq!(selected(&app), "a", "and stays there");
    }

    #[test]
    fn the_language_filter_waits_for_an_article_in_that_language() {
        let mut app = loading_app();
        app.locale_from_lang(Some("ja_JP.UTF-8"));
        assert_eq!(app.filter.locale, None);
        let files: [(&str, &[u8]); 2] = [
            ("x/en.md", b"---\ntitle: x\nlocale: en\n---\nbody\n"),
            (
                "x/ja.md",
                "---\ntitle: ぇ\nlocale: ja\n---\n本文\n".as_bytes(),
            ),
        ];
        let both = Index::new(load_memory(Path::new("r"), &files, &LoadOptions::default()));
        app.replace_index(both, ALL);
        assert_eq!(app.filter.locale.as_deref(), Some("ja"));
        assert_eq!(app.list.visible.len(), 1);
    }

    #[test]
    fn a_related_list_of_the_old_index_is_closed() {
        let mut app = App::new(
            index(&[("a", "2026-01-01"), ("b", "2026-01-02")]),
            Settings::default(),
            120,
            40,
        );
        app.overlay = Overlay::Menu(crate::tui::menu::Menu::new(
            "Related".into(),
            vec!["a".into()],
            crate::tui::menu::MenuKind::Related(vec![1]),
        ));
        app.replace_index(index(&[("a", "2026-01-01")]), ALL);
        assert_eq!(app.overlay, Overlay::None);
    }

    #[test]
    fn related_articles_follow_once_the_tag_lists_are_made() {
        let files: [(&str, &[u8]); 2] = [
            (
                "a.md",
                b"---\ntitle: A\ndate: 2026-01-02\ntags: [rust]\n---\nbody a\n",
            ),
            (
                "b.md",
                b"---\ntitle: B\ndate: 2026-01-01\ntags: [Rust]\n---\nbody b\n",
            ),
        ];
        let body = |app: &App| -> String {
            let lines = &app.article.layout.lines;
            lines.iter().map(|l| l.plain_text() + "\n").collect()
        };
        let speech = |app: &App| format!("{:?}", app.mascot.speech);
        let index = || Index::new(load_memory(Path::new("r"), &files, &LoadOptions::default()));

        let mut app = loading_app();
        let warm = index();
        let work = warm.warm_up().expect("tag lists to make");
        assert!(warm.tags_warming());
        app.update(Message::Snapshot(warm, ALL));
        assert_eq!(selected(&app), "a");
        assert!(
            !body(&app).contains(crate::related::HEADING),
            "{}",
            body(&app)
        );
        let without = speech(&app);
        work.run();
        assert!(app.update(Message::Warmed).redraw);
        assert!(
            body(&app).contains(crate::related::HEADING),
            "{}",
            body(&app)
        );
        assert!(body(&app).contains("1. B"), "{}", body(&app));

        // The same as an index whose lists were there from the start; a second wake-up
        // changes nothing.
        let mut made = loading_app();
        made.update(Message::Snapshot(index(), ALL));
        assert_eq!(body(&made), body(&app));
        assert_eq!(speech(&made), speech(&app));
        assert_ne!(
            speech(&app),
            without,
            "the speech counts the related article"
        );
        assert!(!app.update(Message::Warmed).redraw);
    }

    #[test]
    fn an_article_without_related_articles_is_not_drawn_again_when_the_tag_lists_are_made() {
        let files: [(&str, &[u8]); 2] = [
            (
                "a.md",
                b"---\ntitle: A\ndate: 2026-01-02\ntags: [rust]\n---\nbody a\n",
            ),
            (
                "b.md",
                b"---\ntitle: B\ndate: 2026-01-01\ntags: [go]\n---\nbody b\n",
            ),
        ];
        let index = Index::new(load_memory(Path::new("r"), &files, &LoadOptions::default()));
        let work = index.warm_up().expect("tag lists to make");
        let mut app = loading_app();
        app.update(Message::Snapshot(index, ALL));
        assert!(app.related_left_out);
        work.run();
        assert!(!app.update(Message::Warmed).redraw);
        assert!(!app.related_left_out);
    }

    #[test]
    fn a_warm_up_dropped_unrun_makes_nobody_wait() {
        let index = index(&ABC);
        let work = index.warm_up().expect("tag lists to make");
        assert!(index.tags_warming());
        drop(work);
        assert!(!index.tags_warming());
        let mut app = App::new(index, Settings::default(), 120, 40);
        app.prepare();
        assert!(!app.related_left_out);
    }
}
