//! Moving between articles other than up and down the list: to the article's translation, and
//! (from the related-articles and link lists) to another article.
//!
//! An article opened this way is shown even when the filter hides it: if only the locale
//! filter stands in the way, the locale filter is dropped (the chip goes away, so the user
//! sees why the list changed); if other filters still hide it, it is slipped into the list at
//! its place by date until the next filter change.

use super::App;
use crate::tui::panes::Focus;

impl App {
    /// The ids of the current article and its translations, sorted, so `L` cycles through
    /// them in the same order every time (`en`, `ja`, ...).
    pub fn language_versions(&self) -> Vec<(String, String)> {
        // The article shown: while list moves come as key repeat the preview is held, and
        // the pane's languages stay with it, like its title.
        let Some(a) = self.previewed() else {
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
            self.article.scroll as f64 / max as f64
        };
        let focus = self.focus;
        self.show_article(target);
        self.focus = focus;
        self.prepare();
        let new_max = self.max_body_scroll();
        self.article.scroll = ((fraction * new_max as f64).round() as usize).min(new_max);
        self.mark_read();
        true
    }

    /// Select the article at `pos` (a position in the index), showing it even when the filter
    /// hides it (see the module comment), and move the focus to the body.
    pub(super) fn show_article(&mut self, pos: usize) {
        self.remember_position();
        if !self.list.visible.contains(&pos) {
            let locale_hides = match (&self.filter.locale, self.index.get(pos)) {
                (Some(l), Some(a)) => !a.locale.eq_ignore_ascii_case(l),
                _ => false,
            };
            if locale_hides {
                self.filter.locale = None;
                self.list.visible = self.compute_visible();
                self.unread = None;
            }
        }
        self.list.selected = match self.list.visible.iter().position(|&p| p == pos) {
            Some(i) => i,
            None => {
                self.list.visible.push(pos);
                self.unread = None;
                self.sort_visible();
                self.list
                    .visible
                    .iter()
                    .position(|&p| p == pos)
                    .unwrap_or(0)
            }
        };
        self.article.scroll = self.current().map_or(0, |a| self.marks.get(a).position);
        self.mascot.rewind();
        self.focus = Focus::Body;
        self.mark_read();
    }
}

/// The locale a `LANG`-style value names (`ja_JP.UTF-8` → `ja`); None for `C` and `POSIX`.
pub fn lang_locale(lang: &str) -> Option<String> {
    let code: String = lang
        .split(['_', '.', '@', '-'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_code = (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase());
    (is_code && code != "c").then_some(code)
}

impl App {
    /// The locales `z` steps through after "all": `ja`, `en`, then any others in the index.
    pub fn locale_cycle(&self) -> Vec<String> {
        let mut locales: Vec<String> = vec!["ja".into(), "en".into()];
        let mut others: Vec<String> = self
            .index
            .locale_counts()
            .into_iter()
            .map(|c| c.tag.to_ascii_lowercase())
            .filter(|l| !locales.contains(l))
            .collect();
        others.sort();
        locales.extend(others);
        locales
    }

    /// Step the locale filter: all → ja → en → (others) → all.
    pub(super) fn cycle_locale(&mut self) -> bool {
        let cycle = self.locale_cycle();
        let next = match &self.filter.locale {
            None => cycle.first().cloned(),
            Some(l) => cycle
                .iter()
                .position(|c| c.eq_ignore_ascii_case(l))
                .and_then(|i| cycle.get(i + 1))
                .cloned(),
        };
        let mut f = self.filter.clone();
        f.locale = next;
        self.set_filter(f)
    }

    /// Start with the locale filter of a `LANG`-style value (`ja_JP.UTF-8` → only `ja`), when
    /// some article has that locale; otherwise leave the filter alone.
    pub(super) fn locale_from_lang(&mut self, lang: Option<&str>) {
        let Some(locale) = lang.and_then(lang_locale) else {
            return;
        };
        if self.index.articles().iter().any(|a| a.locale == locale) {
            let mut f = self.filter.clone();
            f.locale = Some(locale);
            self.set_filter(f);
            self.prepare();
        } else if self.is_loading() {
            // Decided when an article in that language arrives.
            self.pending.locale = Some(locale);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::lang_locale;

    #[test]
    fn lang_values_name_a_locale() {
        assert_eq!(lang_locale("ja_JP.UTF-8").as_deref(), Some("ja"));
        assert_eq!(lang_locale("en_US").as_deref(), Some("en"));
        assert_eq!(lang_locale("C.UTF-8"), None);
        assert_eq!(lang_locale("C"), None);
        assert_eq!(lang_locale("POSIX"), None);
        assert_eq!(lang_locale(""), None);
    }
}
