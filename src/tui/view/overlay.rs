//! What covers the panes: the help screen (generated from the key table), the tag picker, and
//! the "terminal too small" message.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};

use super::{clear_edges, fit, fit_pieces, fitted_title, pane_block};
use crate::index::TagMode;
use crate::text::wrap::wrap_str;
use crate::tui::app::App;
use crate::tui::keymap::Context;
use crate::tui::picker::TagPicker;
use crate::tui::theme::Theme;

/// A rectangle of at most `w` x `h` centred in `area`.
fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The help screen's rows at `width`: a heading per context, then keys and what they do, with
/// descriptions wrapped under themselves.
pub fn help_rows(app: &App, width: usize) -> Vec<(String, Style)> {
    let heading = Style::new().add_modifier(Modifier::BOLD);
    let keys_w = 18.min(width / 2);
    let desc_w = width.saturating_sub(keys_w + 1).max(1);
    let mut rows = Vec::new();
    let mut current: Option<Context> = None;
    for b in app.keymap.bindings() {
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
    if app.mouse {
        rows.push((String::new(), Style::new()));
        rows.push((crate::tui::mouse::HELP_TITLE.to_string(), heading));
        for (what, description) in crate::tui::mouse::HELP {
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
        app.layout.ambiguous,
        app.glyphs.ellipsis,
    );
    for (i, part) in wrap_str(description, desc_w, &app.layout)
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
pub fn help(buf: &mut Buffer, area: Rect, app: &App, scroll: usize, theme: &Theme) {
    let rect = centred(area, 72, area.height.saturating_sub(2).max(3));
    clear_edges(buf, rect);
    let title = fitted_title(
        "Help  ? or esc closes",
        usize::from(rect.width),
        fit(app),
        theme.border_focus,
    );
    ratatui::widgets::Widget::render(pane_block(title, true, theme, &app.glyphs), rect, buf);
    let inside = crate::tui::panes::inner(rect);
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

/// Draw the tag picker over `over` (the list pane).
pub fn picker(buf: &mut Buffer, over: Rect, screen: Rect, app: &App, p: &TagPicker, theme: &Theme) {
    let mode = match p.mode {
        TagMode::All => "AND: all tags",
        TagMode::Any => "OR: any tag",
    };
    let Some(super::menus::PickerFrame {
        inside,
        width,
        list_rows,
        offset,
        footer,
    }) = super::menus::picker_frame(
        buf,
        (over, screen),
        app,
        &format!("Tags · {mode}"),
        (&p.list.query, p.list.cursor),
        theme,
    )
    else {
        return;
    };
    let amb = app.layout.ambiguous;
    for (row, &i) in p
        .list
        .matches
        .iter()
        .skip(offset)
        .take(list_rows)
        .enumerate()
    {
        let t = &p.list.items[i];
        let mark = if p.is_chosen(&t.tag) { "[x] " } else { "[ ] " };
        let style = if offset + row == p.list.cursor {
            theme.selected
        } else {
            Style::new()
        };
        let count = format!(" {}", t.count);
        let name_w = width.saturating_sub(4 + crate::text::str_width(&count, amb));
        let name = crate::text::truncate::truncate_with(&t.tag, name_w, amb, app.glyphs.ellipsis);
        let line = fit_pieces(
            &[
                (mark.to_string(), style.patch(theme.mark)),
                (name, style),
                (count, style.patch(theme.date)),
            ],
            width,
            fit(app),
            style,
        );
        buf.set_line(
            inside.x,
            inside.y + 1 + u16::try_from(row).unwrap_or(0),
            &line,
            inside.width,
        );
    }
    if p.list.matches.is_empty() && list_rows > 0 {
        let line = fit_pieces(
            &[("(no tag matches)".to_string(), theme.date)],
            width,
            fit(app),
            Style::new(),
        );
        buf.set_line(inside.x, inside.y + 1, &line, inside.width);
    }
    if footer {
        let key = |action| app.keymap.key_for(Context::Picker, action);
        let hint = format!(
            "{} selected · {} pick · {} AND/OR · {} apply · {} cancel",
            p.chosen.len(),
            key("picker-toggle"),
            key("picker-mode"),
            key("picker-apply"),
            key("picker-cancel")
        );
        let line = fit_pieces(&[(hint, theme.date)], width, fit(app), Style::new());
        buf.set_line(inside.x, inside.bottom() - 1, &line, inside.width);
    }
}

/// The message shown when the terminal is below the minimum size.
pub fn too_small(buf: &mut Buffer, area: Rect, app: &App) {
    let text = format!(
        "terminal too small: {}x{}, kiji needs 20x6",
        area.width, area.height
    );
    let lines = wrap_str(&text, usize::from(area.width.max(1)), &app.layout);
    for (i, l) in lines.iter().take(usize::from(area.height)).enumerate() {
        let line = fit_pieces(
            &[(l.clone(), Style::new())],
            usize::from(area.width),
            fit(app),
            Style::new(),
        );
        buf.set_line(
            area.x,
            area.y + u16::try_from(i).unwrap_or(0),
            &line,
            area.width,
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
}
