//! What covers the panes and takes the keys while it is open: one of the overlay components.
//! Each handles its own actions and answers with an [`Outcome`]; the [`App`]
//! does what the outcome asks of the rest of the reader (apply a filter, open an article...).
//! Each draws itself too; the view calls [`Overlay::render`] last, over the panes.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::category_picker::CategoryPicker;
use super::confirm::{Confirm, Question};
use super::help::HelpScreen;
use super::menu::Menu;
use super::panes::Panes;
use super::picker::TagPicker;
use super::search_prompt::SearchPrompt;
use super::theme::Theme;
use crate::index::TagMode;

/// The overlay that has the keys, if any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Overlay {
    /// Nothing: the panes have the keys.
    #[default]
    None,
    /// The help screen.
    Help(HelpScreen),
    /// The tag picker.
    Picker(TagPicker),
    /// The category picker.
    Category(CategoryPicker),
    /// A numbered list: the article's links or its related articles.
    Menu(Menu),
    /// The `/` search prompt (drawn over the status bar).
    Search(SearchPrompt),
    /// A question waiting for `y` (drawn over the status bar).
    Confirm(Confirm),
}

/// What handling an action in an overlay came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Not for this overlay, or nothing changed.
    Ignored,
    /// The overlay changed: redraw.
    Changed,
    /// Close the overlay.
    Close,
    /// Close, and filter by these tags combined this way.
    ApplyTags(Vec<String>, TagMode),
    /// Close, and filter by this category (None: all categories).
    ApplyCategory(Option<String>),
    /// Close, and open the article at this position in the index.
    Open(usize),
    /// Close, and put this URL (the list's entry `number`, from 1) on the clipboard.
    Copy {
        /// The URL.
        url: String,
        /// Its number in the list.
        number: usize,
    },
    /// The search prompt's query changed: search for it (once the queued keys are in).
    Query,
    /// Close the search prompt and put back the query there was before.
    RestoreQuery(Option<String>),
    /// Close: the answer to the question is yes.
    Confirmed(Question),
    /// Close: the answer is no.
    Declined,
}

impl From<bool> for Outcome {
    fn from(changed: bool) -> Outcome {
        if changed {
            Outcome::Changed
        } else {
            Outcome::Ignored
        }
    }
}

impl Overlay {
    /// Let the open overlay handle `action`.
    pub fn handle(&mut self, action: Action) -> Outcome {
        match self {
            Overlay::None => Outcome::Ignored,
            Overlay::Help(h) => h.handle(action),
            Overlay::Picker(p) => p.handle(action),
            Overlay::Category(p) => p.handle(action),
            Overlay::Menu(m) => m.handle(action),
            Overlay::Search(p) => p.handle(action),
            Overlay::Confirm(c) => c.handle(action),
        }
    }

    /// The screen is now `columns` x `rows`: the overlays laid out for it follow.
    pub fn resize(&mut self, columns: u16, rows: u16) {
        if let Overlay::Help(h) = self {
            h.resize(columns, rows);
        }
    }
}

impl Overlay {
    /// Draw the open overlay: the pickers over the list pane, the lists and the help screen
    /// centred on the `screen`, the search prompt over the status bar.
    pub fn render(&self, buf: &mut Buffer, panes: &Panes, screen: Rect, app: &App, theme: &Theme) {
        let over_list = (panes.list.unwrap_or(screen), screen);
        match self {
            Overlay::None => {}
            Overlay::Help(h) => h.render(buf, screen, app, theme),
            Overlay::Picker(p) => p.render(buf, over_list, app, theme),
            Overlay::Category(p) => p.render(buf, over_list, app, theme),
            Overlay::Menu(m) => m.render(buf, screen, app, theme),
            Overlay::Search(p) => p.render(buf, panes.status, app, theme),
            Overlay::Confirm(c) => c.render(buf, panes.status, app, theme),
        }
    }
}
