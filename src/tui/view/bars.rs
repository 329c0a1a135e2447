//! The title bar (app name and filter chips) and the status bar (counts, problems, key hints).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::{fit, fit_pieces};
use crate::index::TagMode;
use crate::tui::app::{App, Sort};
use crate::tui::theme::Theme;
use crate::words::plural;

/// The filter chips for the title bar: `#tag` for each tag, the mode when several, then the
/// other filters, then the order (`by title`, `grouped`) when not the default.
pub fn chips(app: &App) -> Vec<String> {
    let f = &app.filter();
    let mut chips: Vec<String> = f.tags.iter().map(|t| format!("#{t}")).collect();
    if f.tags.len() > 1 {
        chips.push(match f.tag_mode {
            TagMode::All => "(AND)".to_string(),
            TagMode::Any => "(OR)".to_string(),
        });
    }
    if let Some(c) = &f.category {
        chips.push(format!("@{c}"));
    }
    if app.starred_only() {
        chips.push(format!("{} starred", app.glyphs().star));
    }
    if app.unread_only() {
        chips.push("unread".to_string());
    }
    if let Some(l) = &f.locale {
        chips.push(format!("lang:{l}"));
    }
    match f.drafts {
        crate::index::Drafts::Show => {}
        crate::index::Drafts::Hide => chips.push("no drafts".to_string()),
        crate::index::Drafts::Only => chips.push("drafts only".to_string()),
    }
    if let Some(q) = &f.text {
        chips.push(format!("/{q}"));
    }
    if app.sort() == Sort::Title {
        chips.push("by title".to_string());
    }
    if app.grouping() {
        chips.push("grouped".to_string());
    }
    chips
}

/// Draw the title bar.
pub fn title(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let mut pieces = vec![(" kiji 記事 ".to_string(), theme.title_bar)];
    for chip in chips(app) {
        pieces.push((" ".to_string(), theme.title_bar));
        pieces.push((format!(" {chip} "), theme.chip));
    }
    let line = fit_pieces(&pieces, usize::from(area.width), fit(app), theme.title_bar);
    buf.set_line(area.x, area.y, &line, area.width);
}

/// Draw the status bar.
pub fn status(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    let mut pieces = vec![(
        format!(
            " {}/{} · {} unread ",
            app.visible().len(),
            app.index().articles().len(),
            app.unread_count()
        ),
        theme.status,
    )];
    if app.arrived() > 0 {
        pieces.push((format!(" {} new ", app.arrived()), theme.chip));
    }
    if let Some(p) = app.loading() {
        let text = if p.total == 0 {
            " looking for articles ".to_string()
        } else {
            format!(" reading {}/{} files ", p.done, p.total)
        };
        pieces.push((text, theme.warning));
    }
    if let Some(notice) = app.notice() {
        pieces.push((format!(" {notice} "), theme.warning));
    }
    let problems = app.index().diagnostics().len();
    if problems > 0 {
        pieces.push((
            format!(" {} (kiji check) ", plural(problems, "problem")),
            theme.warning,
        ));
    }
    let hints = app.keymap().hints(app.context()).join("  ");
    pieces.push((format!(" {hints}"), theme.status));
    let line = fit_pieces(&pieces, usize::from(area.width), fit(app), theme.status);
    buf.set_line(area.x, area.y, &line, area.width);
}
