//! What search adds to the screen: the prompt in the status bar while it is open, and the
//! matched characters of list titles highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::{fit, fit_pieces};
use crate::search::split_matches;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::search_prompt::query_words;
use crate::tui::theme::Theme;

/// The style of matched characters.
pub fn highlight(theme: &Theme) -> Style {
    theme
        .chip
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// `title` cut into pieces, the parts that match the active query highlighted.
pub fn title_pieces(app: &App, title: &str, style: Style, theme: &Theme) -> Vec<(String, Style)> {
    let words = query_words(app);
    if words.is_empty() {
        return vec![(title.to_string(), style)];
    }
    let hl = style.patch(highlight(theme));
    split_matches(title, &words)
        .into_iter()
        .map(|(text, hit)| (text, if hit { hl } else { style }))
        .collect()
}

/// The prompt's own hints: global keys do not apply while typing (`q` is a letter here).
fn prompt_hints(app: &App) -> Vec<&str> {
    app.keymap
        .bindings()
        .iter()
        .filter(|b| b.context == Context::Search)
        .filter_map(|b| b.hint.as_deref())
        .collect()
}

/// Draw the open prompt over the status bar: `/query▏` and how many articles match.
pub fn prompt(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let Some(p) = &app.search else {
        return;
    };
    let pieces = vec![
        (" / ".to_string(), theme.chip),
        (format!(" {}", p.query), theme.status),
        (
            "▏".to_string(),
            theme.status.add_modifier(Modifier::SLOW_BLINK),
        ),
        (
            format!("  {}/{}  ", app.visible.len(), app.index.articles().len()),
            theme.status,
        ),
        (prompt_hints(app).join("  "), theme.status),
    ];
    let line = fit_pieces(&pieces, usize::from(area.width), fit(app), theme.status);
    buf.set_line(area.x, area.y, &line, area.width);
}
