//! What goes into [`App::update`](super::app::App::update) and what comes out: a
//! [`Message`] (a key's action, a scan snapshot, a notice, a filter) in, [`Effects`] (redraw, save,
//! copy, suspend, quit) out. The event loop acts on the effects; it never reads or writes the
//! reader's state itself.

use super::action::Action;
use crate::index::Index;
use crate::scan::Progress;

/// Something that happened, for the reader to take in.
pub enum Message {
    /// A key (or the mouse, or a resize) asked for this.
    Action(Action),
    /// The scan made a new index: show it, keeping the selection. `progress` says how far the
    /// scan has got.
    Snapshot(Index, Progress),
    /// A message for the status bar, shown until the next key.
    Notice(String),
    /// Show the articles `filter` lets through, keeping the selection when it can.
    Filter(crate::index::Filter),
    /// A picture the worker made ready (or could not).
    Picture(crate::tui::pictures::Ready),
    /// The terminal's answer to the graphics query.
    Graphics(crate::tui::input::graphics_query::Answer),
    /// An index's tag lists are made ([`crate::index::WarmUp`]): related articles can be
    /// shown.
    Warmed,
}

impl From<Action> for Message {
    fn from(action: Action) -> Message {
        Message::Action(action)
    }
}

/// What the event loop has to do after an update.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Effects {
    /// Something on screen changed: draw a frame.
    pub redraw: bool,
    /// The marks or the session changed: write the state file (once per batch of events).
    pub save: bool,
    /// Put this text on the terminal's clipboard (OSC 52).
    pub copy: Option<String>,
    /// Give the terminal back to the shell until `fg`.
    pub suspend: bool,
    /// Leave the reader.
    pub quit: bool,
}

impl Effects {
    /// Redraw when `changed`, nothing else.
    pub fn redraw_if(changed: bool) -> Effects {
        Effects {
            redraw: changed,
            ..Effects::default()
        }
    }

    /// Leave the reader.
    pub fn quit() -> Effects {
        Effects {
            redraw: true,
            quit: true,
            ..Effects::default()
        }
    }

    /// Both sets of effects (the later copy wins).
    pub fn and(self, later: Effects) -> Effects {
        Effects {
            redraw: self.redraw || later.redraw,
            save: self.save || later.save,
            copy: later.copy.or(self.copy),
            suspend: self.suspend || later.suspend,
            quit: self.quit || later.quit,
        }
    }
}

impl From<bool> for Effects {
    fn from(changed: bool) -> Effects {
        Effects::redraw_if(changed)
    }
}
