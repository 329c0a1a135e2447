//! The help screen: its state, its keys (it scrolls; `?`, `esc` or `q` closes it) and its
//! drawing, generated from the key table (and the mouse's part when the mouse is on).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::action::Action;
use super::app::App;
use super::keymap::Context;
use super::overlay::Outcome;
use super::theme::Theme;
use super::view::frame::centred;
use super::view::{clear_edges, fit, fit_pieces, fitted_title, pane_block};
use crate::text::wrap::wrap_str;

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

    /// Draw the help screen centred in `area`.
    pub fn render(&self, buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
        draw(buf, area, app, self.scroll, theme);
    }
}

/// The help screen's rows at `width`: a heading per context, then keys and what they do, with
/// descriptions wrapped under themselves.
pub fn help_rows(app: &App, width: usize) -> Vec<(String, Style)> {
    let heading = Style::new().add_modifier(Modifier::BOLD);
    let keys_w = 18.min(width / 2);
    let desc_w = width.saturating_sub(keys_w + 1).max(1);
    let mut rows = Vec::new();
    let mut current: Option<Context> = None;
    for b in app.keymap().bindings() {
        if current != Some(b.context) {
            if current.is_some() {
                rows.push((String::new(), Style::new()));
            }
            rows.push((b.context.title().to_string(), heading));
            if b.context == Context::Picker {
                rows.push(("type letters to narrow the tags".to_string(), Style::new()));
            }
            if b.context == Context::Search {
                rows.push((
                    "type to narrow the list; words all match, \"quote\" phrases".to_string(),
                    Style::new(),
                ));
            }
            current = Some(b.context);
        }
        entry(&mut rows, app, &b.keys_text, &b.description, keys_w, desc_w);
    }
    if app.mouse() {
        rows.push((String::new(), Style::new()));
        rows.push((super::mouse::HELP_TITLE.to_string(), heading));
        for (what, description) in super::mouse::HELP {
            entry(&mut rows, app, what, description, keys_w, desc_w);
        }
    }
    rows
}

/// One entry of the help screen: the keys in a column of `keys_w`, the description wrapped
/// to `desc_w` beside them.
fn entry(
    rows: &mut Vec<(String, Style)>,
    app: &App,
    keys_text: &str,
    description: &str,
    keys_w: usize,
    desc_w: usize,
) {
    let keys = crate::text::truncate::truncate_with(
        keys_text,
        keys_w,
        app.layout().ambiguous,
        app.glyphs().ellipsis,
    );
    for (i, part) in wrap_str(description, desc_w, app.layout())
        .into_iter()
        .enumerate()
    {
        let lead = if i == 0 {
            keys.clone()
        } else {
            " ".repeat(keys_w)
        };
        rows.push((format!("{lead} {part}"), Style::new()));
    }
}

/// Draw the help screen.
fn draw(buf: &mut Buffer, area: Rect, app: &App, scroll: usize, theme: &Theme) {
    let rect = centred(area, 72, area.height.saturating_sub(2).max(3));
    clear_edges(buf, rect);
    let title = format!(
        "Help  {} or {} closes",
        app.keymap().key_for(Context::Global, "help"),
        app.keymap().key_for(Context::Help, "help")
    );
    let title = fitted_title(
        &title,
        usize::from(rect.width),
        fit(app),
        theme.border_focus,
    );
    ratatui::widgets::Widget::render(pane_block(title, true, theme, app.glyphs()), rect, buf);
    let inside = super::panes::inner(rect);
    let width = usize::from(inside.width);
    let rows = help_rows(app, width);
    let scroll = scroll.min(rows.len().saturating_sub(usize::from(inside.height)));
    for (i, (text, style)) in rows
        .iter()
        .skip(scroll)
        .take(usize::from(inside.height))
        .enumerate()
    {
        let line = fit_pieces(&[(text.clone(), *style)], width, fit(app), Style::new());
        buf.set_line(
            inside.x,
            inside.y + u16::try_from(i).unwrap_or(0),
            &line,
            inside.width,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;
    use crate::loader::{LoadOptions, load_memory};
    use crate::tui::app::Settings;

    fn app(mouse: bool) -> App {
        let files: [(&str, &[u8]); 1] = [("a.md", b"# A\n")];
        let index = Index::new(load_memory(
            std::path::Path::new("/m"),
            &files,
            &LoadOptions::default(),
        ));
        let settings = Settings {
            mouse,
            ..Settings::default()
        };
        App::new(index, settings, 80, 24)
    }

    #[test]
    fn the_help_screen_says_what_the_mouse_does_when_it_is_on() {
        let text = |a: &App| -> String {
            help_rows(a, 200)
                .into_iter()
                .map(|(r, _)| r + "\n")
                .collect()
        };
        let on = text(&app(true));
        assert!(on.contains(crate::tui::mouse::HELP_TITLE), "{on}");
        for (what, does) in crate::tui::mouse::HELP {
            assert!(on.contains(does), "{what}: {on}");
        }
        let off = text(&app(false));
        assert!(!off.contains(crate::tui::mouse::HELP_TITLE), "{off}");
        assert!(off.len() < on.len());
    }

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
