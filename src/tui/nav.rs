//! Moving between articles other than up and down the list: to the article's translation, and
//! (from the related-articles and link lists) to another article.
//!
//! An article opened this way is shown even when the filter hides it: if only the locale
//! filter stands in the way, the locale filter is dropped (the chip goes away, so the user
//! sees why the list changed); if other filters still hide it, it is slipped into the list at
//! its place by date until the next filter change.

use super::app::App;
use super::panes::Focus;

impl App {
    /// The ids of the current article and its translations, sorted, so `L` cycles through
    /// them in the same order every time (`en`, `ja`, ...).
    pub fn language_versions(&self) -> Vec<(String, String)> {
        let Some(a) = self.current() else {
            return Vec::new();
        };
        let mut ids: Vec<&String> = std::iter::once(&a.id).chain(&a.translations).collect();
        ids.sort();
        ids.dedup();
        ids.into_iter()
            .filter_map(|id| self.index.position(id).and_then(|p| self.index.get(p)))
            .map(|t| (t.id.clone(), t.locale.clone()))
            .collect()
    }

    /// Open the next translation of the current article at the same place (the same
    /// fraction of the way through). False when it has none.
    pub(super) fn open_translation(&mut self) -> bool {
        let versions = self.language_versions();
        let Some(here) = self
            .current()
            .and_then(|a| versions.iter().position(|(id, _)| *id == a.id))
        else {
            return false;
        };
        if versions.len() < 2 {
            self.notice = Some("no other language for this article".to_string());
            return true;
        }
        let (next_id, _) = &versions[(here + 1) % versions.len()];
        let Some(target) = self.index.position(next_id) else {
            return false;
        };
        let max = self.max_body_scroll();
        let fraction = if max == 0 {
            0.0
        } else {
            self.body_scroll as f64 / max as f64
        };
        let focus = self.focus;
        self.show_article(target);
        self.focus = focus;
        self.prepare();
        let new_max = self.max_body_scroll();
        self.body_scroll = ((fraction * new_max as f64).round() as usize).min(new_max);
        self.mark_read();
        true
    }

    /// Select the article at `pos` (a position in the index), showing it even when the filter
    /// hides it (see the module comment), and move the focus to the body.
    pub fn show_article(&mut self, pos: usize) {
        self.remember_position();
        if !self.visible.contains(&pos) {
            let locale_hides = match (&self.filter.locale, self.index.get(pos)) {
                (Some(l), Some(a)) => !a.locale.eq_ignore_ascii_case(l),
                _ => false,
            };
            if locale_hides {
                self.filter.locale = None;
                self.visible = self.compute_visible();
            }
        }
        self.selected = match self.visible.iter().position(|&p| p == pos) {
            Some(i) => i,
            None => {
                let i = self.visible.partition_point(|&p| p < pos);
                self.visible.insert(i, pos);
                i
            }
        };
        self.body_scroll = self.current().map_or(0, |a| self.marks.get(a).position);
        self.mascot_scroll = 0;
        self.focus = Focus::Body;
        self.mark_read();
    }
}
