//! The help screen's state and keys: it scrolls, and `?` (or `esc`, `q`) closes it. What it
//! shows is generated from the key table (`tui/view/overlay.rs`).

use super::action::Action;
use super::overlay::Outcome;

/// The open help screen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HelpScreen {
    /// How many rows it is scrolled by (the view stops at the last page).
    pub scroll: usize,
}

impl HelpScreen {
    /// The help screen scrolled by `scroll` rows.
    pub fn at(scroll: usize) -> HelpScreen {
        HelpScreen { scroll }
    }

    /// Keys on the help screen.
    pub fn handle(&mut self, action: Action) -> Outcome {
        match action {
            Action::Help => Outcome::Close,
            Action::ScrollDown => {
                self.scroll += 1;
                Outcome::Changed
            }
            Action::ScrollUp if self.scroll > 0 => {
                self.scroll -= 1;
                Outcome::Changed
            }
            _ => Outcome::Ignored,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrolls_and_closes() {
        let mut h = HelpScreen::default();
        assert_eq!(
            h.handle(Action::ScrollUp),
            Outcome::Ignored,
            "already at the top"
        );
        assert_eq!(h.handle(Action::ScrollDown), Outcome::Changed);
        assert_eq!(h, HelpScreen::at(1));
        assert_eq!(h.handle(Action::ScrollUp), Outcome::Changed);
        assert_eq!(h.handle(Action::Next), Outcome::Ignored);
        assert_eq!(h.handle(Action::Help), Outcome::Close);
    }
}
