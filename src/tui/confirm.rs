//! A question that waits for `y` before something that cannot be undone with one key (`R`:
//! mark every article in the list read). `y` (from the key table) says yes; any other key
//! says no. It draws itself over the status bar, so the list stays in view while it asks.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::action::Action;
use super::app::App;
use super::keymap::Context;
use super::overlay::Outcome;
use super::theme::Theme;
use super::view::{fit, fit_pieces};
use crate::words::plural;

/// What the question is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Question {
    /// Mark the listed articles read; this many of them are unread.
    MarkAllRead(usize),
}

/// The open question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirm {
    /// What is asked.
    pub question: Question,
}

impl Confirm {
    /// Ask `question`.
    pub fn ask(question: Question) -> Confirm {
        Confirm { question }
    }

    /// The answer: `Confirm` says yes, anything else no (the overlay closes either way).
    pub fn handle(&mut self, action: Action) -> Outcome {
        match action {
            Action::Confirm => Outcome::Confirmed(self.question.clone()),
            Action::Resize(..) => Outcome::Ignored,
            _ => Outcome::Declined,
        }
    }

    /// The question as the status bar shows it.
    pub fn text(&self) -> String {
        match self.question {
            Question::MarkAllRead(n) => {
                format!("Mark {} in the list read?", plural(n, "unread article"))
            }
        }
    }

    /// Draw the question over the status bar (`area`).
    pub fn render(&self, buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
        let yes = app.keymap().key_for(Context::Confirm, "confirm");
        let pieces = vec![
            (format!(" {} ", self.text()), theme.warning),
            (format!(" {yes}: yes, any other key: no"), theme.status),
        ];
        let line = fit_pieces(&pieces, usize::from(area.width), fit(app), theme.status);
        buf.set_line(area.x, area.y, &line, area.width);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yes_only_on_confirm() {
        let ask = || Confirm::ask(Question::MarkAllRead(3));
        assert_eq!(
            ask().handle(Action::Confirm),
            Outcome::Confirmed(Question::MarkAllRead(3))
        );
        for no in [
            Action::ConfirmCancel,
            Action::MarkAllRead,
            Action::Quit,
            Action::Next,
            Action::PickerCancel,
        ] {
            assert_eq!(ask().handle(no), Outcome::Declined, "{no:?}");
        }
        assert_eq!(ask().handle(Action::Resize(80, 24)), Outcome::Ignored);
        assert_eq!(ask().text(), "Mark 3 unread articles in the list read?");
    }
}
