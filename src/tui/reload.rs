//! Putting a new index under a running reader: the snapshots of a scan that is still filling
//! the list, and rescans after files changed. The selection stays on the same article (by id)
//! with its scroll position, the filter stays, and what the saved session asked for is
//! applied once its article arrives.

use super::app::{App, Overlay};
use super::panes::Focus;
use crate::index::Index;
use crate::scan::Progress;

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
    pub fn start_loading(&mut self) {
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
        let scroll = self.body_scroll;
        self.index = index;
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
        self.visible = self.compute_visible();
        let position_of = |app: &App, id: &str| {
            app.index
                .position(id)
                .and_then(|p| app.visible.iter().position(|&v| v == p))
        };
        let wanted = self.pending.selected.clone();
        if let Some(at) = wanted.as_deref().and_then(|id| position_of(self, id)) {
            self.selected = at;
            self.body_scroll = self.current().map_or(0, |a| self.marks.get(a).position);
            if self.pending.focus_body {
                self.focus = Focus::Body;
            }
            self.pending.selected = None;
            self.pending.follow_top = false;
        } else if self.pending.follow_top && self.pending.selected.is_none() {
            self.selected = 0;
            self.body_scroll = self.current().map_or(0, |a| self.marks.get(a).position);
        } else if let Some(at) = keep.as_deref().and_then(|id| position_of(self, id)) {
            self.selected = at;
            self.body_scroll = scroll;
        } else {
            // The selected article is gone (or there was none): stay at the same row.
            self.selected = self.selected.min(self.visible.len().saturating_sub(1));
            self.body_scroll = self.current().map_or(0, |a| self.marks.get(a).position);
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
