//! Holding the article preview back while list moves come faster than a person reads (a held
//! `j`, key repeat): the list moves at once, and the body (with the mascot's speech) follows
//! once the keys pause, so a slow link carries one article, not one per step. A move after
//! a pause shows its article in the same frame.

use std::time::{Duration, Instant};

use super::{App, Overlay};
use crate::tui::action::Action;
use crate::tui::effects::Effects;
use crate::tui::panes::Focus;

/// A move this soon after the previous one is key repeat: its preview waits.
pub const QUIET: Duration = Duration::from_millis(100);

/// When list moves happened, and the preview a quick one held back.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct PreviewHold {
    /// When the key being handled arrived (the loop says; without it nothing is held).
    now: Option<Instant>,
    /// When the last list move was handled.
    last_move: Option<Instant>,
    /// A preview is held back: the scroll its article opens at.
    held: Option<usize>,
    /// While one is held: the article the body still shows (its position in the index).
    shown: Option<usize>,
    /// The key being handled is a quick move: the selection it makes holds its preview.
    pub(super) quick: bool,
    /// The key being handled is a step of the list, arrived then.
    step_at: Option<Instant>,
}

impl PreviewHold {
    /// Whether a preview is held back.
    pub(super) fn is_held(&self) -> bool {
        self.held.is_some()
    }
}

/// Whether `action` moves the list's selection one step (what key repeat sends).
fn is_step(action: &Action) -> bool {
    matches!(action, Action::Next | Action::Previous)
}

impl App {
    /// Say when the next key arrived; the loop does before handling it. A reader never told
    /// (the tests, a library user) shows every preview at once.
    pub fn key_time(&mut self, now: Instant) {
        self.preview.now = Some(now);
    }

    /// When the held preview is to be shown if no key comes first; `None` when none is held.
    pub fn preview_due(&self) -> Option<Instant> {
        self.preview.held?;
        self.preview.last_move.map(|t| t + QUIET)
    }

    /// The keys paused: lay out and show the preview held back, if any.
    pub fn show_preview(&mut self) -> Effects {
        let released = self.release_preview();
        Effects::redraw_if(released).and(self.settle())
    }

    /// Whether the move `action` about to be handled is to hold its preview back: a step of
    /// the list, with the list focused and nothing over it, within [`QUIET`] of the last. Any
    /// other message shows a held preview first.
    pub(super) fn hold_for(&mut self, action: &Action) -> bool {
        let step = is_step(action) && self.focus == Focus::List && self.overlay == Overlay::None;
        if !step {
            // The loop reports the size before every frame: that shows nothing.
            if !matches!(action, Action::Resize(..)) {
                self.release_preview();
            }
            return false;
        }
        let Some(now) = self.preview.now else {
            return false;
        };
        self.preview.step_at = Some(now);
        let quick = self
            .preview
            .last_move
            .is_some_and(|t| now.saturating_duration_since(t) < QUIET);
        if !quick {
            self.release_preview();
        }
        quick
    }

    /// The selection moved (to an article that opens at `scroll`; `shown` is the one selected
    /// before): a step notes when, and a quick one holds the preview back, the body still
    /// showing the article it showed.
    pub(super) fn moved(&mut self, scroll: usize, shown: Option<usize>) {
        if let Some(at) = self.preview.step_at {
            // Only a step that moved counts: `k` on the first row is no move.
            self.preview.last_move = Some(at);
        }
        if !self.preview.quick {
            self.article.scroll = scroll;
            self.mascot.rewind();
            return;
        }
        if self.preview.held.replace(scroll).is_none() {
            self.preview.shown = shown;
        }
    }

    /// The key's own notes are done with (after it was handled).
    pub(super) fn key_handled(&mut self) {
        self.preview.quick = false;
        self.preview.step_at = None;
    }

    /// The article the body pane shows: the selected one, or while its preview is held back
    /// the one shown before (the pane's title follows it, not the list).
    pub fn previewed(&self) -> Option<&crate::article::Article> {
        match self.preview.held {
            Some(_) => self.preview.shown.and_then(|p| self.index.get(p)),
            None => self.current(),
        }
    }

    /// Show the held preview at the next layout; true when one was held.
    pub(super) fn release_preview(&mut self) -> bool {
        let Some(scroll) = self.preview.held.take() else {
            return false;
        };
        self.preview.shown = None;
        self.article.scroll = scroll;
        self.mascot.rewind();
        // Laid out now: the key that released it may read the body (`o`, the links).
        self.prepare();
        true
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::index::Index;
    use crate::loader::{LoadOptions, load_memory};
    use crate::tui::app::Settings;

    /// A reader over three articles, `c` the newest (selected first).
    fn app() -> App {
        let texts: Vec<(String, String)> = ["a", "b", "c"]
            .iter()
            .enumerate()
            .map(|(n, id)| {
                let body = format!("Body of {id}.\n\n").repeat(80);
                let text = format!(
                    "---\ntitle: Title {id}\ndate: 2026-01-0{}\n---\n{body}",
                    n + 1
                );
                (format!("{id}.md"), text)
            })
            .collect();
        let files: Vec<(&str, &[u8])> = texts
            .iter()
            .map(|(p, t)| (p.as_str(), t.as_bytes()))
            .collect();
        let index = Index::new(load_memory(Path::new("r"), &files, &LoadOptions::default()));
        App::new(index, Settings::default(), 120, 40)
    }

    /// The title of the article the body pane shows (its first line).
    fn shown(app: &App) -> String {
        let first = app.body().lines.first().expect("a header");
        first.spans.iter().map(|s| s.text.as_str()).collect()
    }

    fn selected(app: &App) -> String {
        app.current().map(|a| a.title.clone()).unwrap_or_default()
    }

    const MS: fn(u64) -> Duration = Duration::from_millis;

    #[test]
    fn a_single_move_shows_its_article_at_once() {
        let mut app = app();
        let t0 = Instant::now();
        assert_eq!(shown(&app), "Title c");
        app.key_time(t0);
        assert!(app.update(Action::Next).redraw);
        assert_eq!(shown(&app), "Title b");
        assert_eq!(app.preview_due(), None);
        // Another after a pause longer than QUIET: at once too.
        app.key_time(t0 + QUIET + MS(1));
        app.update(Action::Next);
        assert_eq!(shown(&app), "Title a");
        assert_eq!(app.preview_due(), None);
    }

    #[test]
    fn repeated_moves_move_the_list_and_hold_the_preview_until_the_keys_pause() {
        let mut app = app();
        let t0 = Instant::now();
        app.key_time(t0);
        app.update(Action::Next);
        assert_eq!(shown(&app), "Title b");
        app.key_time(t0 + MS(30));
        assert!(app.update(Action::Next).redraw, "the list moved");
        assert_eq!(selected(&app), "Title a");
        assert_eq!(shown(&app), "Title b", "the preview waits");
        let previewed = app.previewed().map(|a| a.title.clone());
        assert_eq!(
            previewed.as_deref(),
            Some("Title b"),
            "and the pane's title"
        );
        assert_eq!(app.preview_due(), Some(t0 + MS(30) + QUIET));
        app.key_time(t0 + MS(60));
        app.update(Action::Previous);
        assert_eq!(selected(&app), "Title b");
        assert_eq!(app.preview_due(), Some(t0 + MS(60) + QUIET));
        app.key_time(t0 + MS(90));
        app.update(Action::Next);
        assert_eq!(shown(&app), "Title b");
        assert!(app.show_preview().redraw);
        assert_eq!(shown(&app), "Title a");
        assert_eq!(app.previewed().map(|a| a.title.as_str()), Some("Title a"));
        assert_eq!(app.preview_due(), None);
        assert!(!app.show_preview().redraw, "nothing more to show");
    }

    #[test]
    fn a_held_preview_keeps_its_languages_on_the_pane_edge() {
        // x in two languages (newest), y in one: holding the preview on x while the selection
        // goes on to y keeps x's `[en] · ja` on the pane's edge, like its title.
        let files: Vec<(&str, &[u8])> = vec![
            (
                "x/en.md",
                b"---\ntitle: X\ndate: 2026-01-03\nlocale: en\n---\nx\n",
            ),
            (
                "x/ja.md",
                "---\ntitle: エックス\ndate: 2026-01-03\nlocale: ja\n---\nx\n".as_bytes(),
            ),
            (
                "y/ja.md",
                "---\ntitle: ワイ\ndate: 2026-01-02\nlocale: ja\n---\ny\n".as_bytes(),
            ),
        ];
        let index = Index::new(load_memory(Path::new("r"), &files, &LoadOptions::default()));
        let mut app = App::new(index, Settings::default(), 120, 40);
        let t0 = Instant::now();
        app.key_time(t0);
        app.update(Action::Next);
        assert_eq!(app.language_versions().len(), 2, "x is shown");
        app.key_time(t0 + MS(30));
        app.update(Action::Next);
        assert_eq!(selected(&app), "ワイ");
        assert_eq!(app.language_versions().len(), 2, "x is still shown");
        app.show_preview();
        assert_eq!(app.language_versions().len(), 1, "y, once shown");
    }

    #[test]
    fn a_step_that_does_not_move_is_not_key_repeat() {
        let mut app = app();
        let t0 = Instant::now();
        app.key_time(t0);
        assert!(
            !app.update(Action::Previous).redraw,
            "already on the first row"
        );
        app.key_time(t0 + MS(10));
        app.update(Action::Next);
        assert_eq!(shown(&app), "Title b", "shown at once");
    }

    #[test]
    fn a_key_that_reads_the_body_sees_the_held_article_laid_out() {
        let mut app = app();
        let t0 = Instant::now();
        app.key_time(t0);
        app.update(Action::Next);
        app.key_time(t0 + MS(10));
        app.update(Action::Next);
        app.key_time(t0 + MS(20));
        // The links menu is made from the body: a's, not b's.
        app.update_queued(Action::Links);
        assert_eq!(shown(&app), "Title a");
    }

    #[test]
    fn any_other_key_shows_the_held_preview_first() {
        let mut app = app();
        let t0 = Instant::now();
        app.key_time(t0);
        app.update(Action::Next);
        app.key_time(t0 + MS(10));
        app.update(Action::Next);
        assert_eq!(shown(&app), "Title b");
        app.key_time(t0 + MS(20));
        app.update(Action::Open);
        assert_eq!(shown(&app), "Title a");
        assert_eq!(app.focus(), Focus::Body);
        assert_eq!(app.preview_due(), None);
    }

    #[test]
    fn a_held_article_opens_at_its_own_place_and_the_ones_passed_keep_theirs() {
        let mut app = app();
        let t0 = Instant::now();
        app.key_time(t0);
        app.update(Action::Next);
        app.update(Action::Open);
        for _ in 0..5 {
            app.update(Action::ScrollDown);
        }
        app.update(Action::Back);
        assert_eq!((shown(&app), app.body_scroll()), ("Title b".into(), 5));
        app.key_time(t0 + MS(1000));
        app.update(Action::Next);
        assert_eq!((shown(&app), app.body_scroll()), ("Title a".into(), 0));
        // Back past b to c and down to b again, quickly: b and c are never shown.
        for (n, step) in [Action::Previous, Action::Previous, Action::Next]
            .into_iter()
            .enumerate()
        {
            app.key_time(t0 + MS(1030 + 30 * n as u64));
            app.update(step);
            assert_eq!((shown(&app), app.body_scroll()), ("Title a".into(), 0));
        }
        app.show_preview();
        assert_eq!((shown(&app), app.body_scroll()), ("Title b".into(), 5));
    }
}
