//! The reader's side of pictures: asking for the ones on or near the screen after each
//! layout (never for the articles a held preview passes over), taking in what the worker
//! made, the cell size, and the cost of a picture sent for the status bar.

use super::App;
use crate::images::CellSize;
use crate::tui::effects::Effects;
use crate::tui::panes::inner;
use crate::tui::pictures::{Pictures, Ready, Request};

impl App {
    /// The pictures: protocol, requests, ready ones.
    pub fn pictures(&self) -> &Pictures {
        &self.pictures
    }

    /// Send picture requests to `worker` from now on.
    pub fn attach_picture_worker(&mut self, worker: std::sync::mpsc::Sender<Request>) {
        self.pictures.attach(worker);
    }

    /// The picture requests waiting for a worker (a reader without one: tests).
    pub fn take_picture_requests(&mut self) -> Vec<Request> {
        self.pictures.take_requests()
    }

    /// Take the terminal cell's size in pixels; pictures are sized again when it changed.
    pub fn set_cell_size(&mut self, cell: CellSize) {
        if self.pictures.set_cell(cell) {
            self.with_related = None;
            self.unsettled.layout = true;
            let _ = self.settle();
        }
    }

    /// A picture of `bytes` was just sent to the terminal: the status bar says what it cost
    /// (unless it holds a warning).
    pub fn picture_sent(&mut self, bytes: u64) -> Effects {
        if self.notice.is_some() {
            return Effects::default();
        }
        self.notice = Some(cost_notice(bytes));
        Effects::redraw_if(true)
    }

    /// The terminal answered the graphics query (see [`Pictures::answered`]): draw with
    /// what it said from now on.
    pub(super) fn graphics_answered(&mut self, kitty: bool, sixel: bool) -> Effects {
        let changed = self.pictures.answered(kitty, sixel);
        if changed {
            self.with_related = None;
        }
        // Pictures held back while the terminal was asked are asked for at the layout; the
        // screen changes only when the protocol did (or when they are ready).
        self.unsettled.layout = true;
        Effects::redraw_if(changed)
    }

    /// After a layout: ask for the pictures near the screen and the mascot's, and say the
    /// cost of half-block pictures that just came into view.
    pub(super) fn want_pictures(&mut self) {
        if !self.pictures.on() {
            return;
        }
        let rows = self.body_rows();
        let layout = self.article.layout.clone();
        let fresh = self
            .pictures
            .want(&layout.images, self.article.scroll, rows);
        let cost: u64 = fresh
            .iter()
            .filter_map(|k| self.pictures.ready(k).and_then(|p| p.cost))
            .sum();
        if cost > 0 && self.notice.is_none() {
            // A warning already in the status bar matters more than a cost.
            self.notice = Some(cost_notice(cost));
        }
        if let Some(area) = self.panes().mascot {
            let inside = inner(area);
            if let Some(problem) = self.pictures.want_mascot(inside.width, inside.height) {
                self.notice = Some(problem);
            }
        }
    }

    /// The worker made a picture (or failed to): keep it and draw again; a failure is said
    /// in the status bar (the alt text is already under its place).
    pub(super) fn picture_ready(&mut self, ready: Ready) -> Effects {
        if let Err(problem) = self.pictures.take(ready) {
            self.notice = Some(problem);
        }
        self.unsettled.layout = true;
        Effects::redraw_if(true)
    }
}

/// `picture 7.1 kB`: what a picture cost to send.
pub fn cost_notice(bytes: u64) -> String {
    if bytes < 1000 {
        format!("picture {bytes} B")
    } else {
        format!("picture {:.1} kB", bytes as f64 / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::cost_notice;

    #[test]
    fn the_cost_is_in_bytes_or_kilobytes() {
        assert_eq!(cost_notice(512), "picture 512 B");
        assert_eq!(cost_notice(7140), "picture 7.1 kB");
    }
}
