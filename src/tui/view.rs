//! Drawing the reader: lays the panes out and asks each pane to paint itself. The view only
//! reads the [`App`]; all text it paints was laid out (or is truncated here) by the one width
//! function, never by ratatui's wrapping.

mod bars;
pub(in crate::tui) mod frame;
pub(in crate::tui) mod search;

pub use bars::chips;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line as TuiLine, Span as TuiSpan};
use ratatui::widgets::{
    Block, Borders, Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget,
};

use super::app::App;
use super::theme::{Glyphs, Theme};
use crate::text::truncate::truncate_with;
use crate::text::{AmbiguousWidth, Line, str_width};

/// Draw the whole screen for the current state.
pub fn draw(frame: &mut Frame, app: &App) {
    let theme = app.theme();
    let area = frame.area();
    let buf = frame.buffer_mut();
    // The frame's own size is the truth: never index outside the buffer, even if the app has
    // not seen the latest resize yet.
    let panes = app.panes_for(area);
    if panes.too_small {
        frame::too_small(buf, area, app);
        return;
    }
    bars::title(buf, panes.title, app, theme);
    if let Some(r) = panes.list {
        app.list_pane().render(buf, r, app, theme);
    }
    if let Some(r) = panes.body {
        app.article_pane().render(buf, r, app, theme);
    }
    if let Some(r) = panes.mascot {
        app.mascot_pane().render(buf, r, app, theme);
    }
    bars::status(buf, panes.status, app, theme);
    app.overlay().render(buf, &panes, area, app, theme);
}

/// How text is fitted to a width: the ambiguous-width setting and the ellipsis to cut with.
#[derive(Clone, Copy, Debug)]
pub(in crate::tui) struct Fit {
    ambiguous: AmbiguousWidth,
    ellipsis: &'static str,
}

/// The fitting settings of the app.
pub(in crate::tui) fn fit(app: &App) -> Fit {
    Fit {
        ambiguous: app.layout().ambiguous,
        ellipsis: app.glyphs().ellipsis,
    }
}

/// A bordered pane block with a title, in the focus colour when focused.
pub(in crate::tui) fn pane_block<'a>(
    title: TuiLine<'a>,
    focused: bool,
    theme: &Theme,
    glyphs: &Glyphs,
) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(glyphs.border)
        .border_style(if focused {
            theme.border_focus
        } else {
            theme.border
        })
        .title(title)
}

/// A block title cut to fit `width` columns (ellipsis, never half a glyph).
pub(in crate::tui) fn fitted_title(
    text: &str,
    width: usize,
    fit: Fit,
    style: Style,
) -> TuiLine<'static> {
    let ambiguous = fit.ambiguous;
    let room = width.saturating_sub(4);
    let shown = if str_width(text, ambiguous) <= room {
        text.to_string()
    } else {
        truncate_with(text, room, ambiguous, fit.ellipsis)
    };
    TuiLine::from(TuiSpan::styled(
        format!(" {} ", for_terminal(shown.trim_end())),
        style,
    ))
}

/// Text as it is handed to ratatui. A halfwidth voiced mark (ﾞ ﾟ, U+FF9E/U+FF9F) joins the
/// kana before it into one grapheme, which ratatui paints as two columns but its frame diff
/// measures as one (unicode-width 0.2.2), so the second column is never repainted and a stale
/// mark can stay on screen. A zero-width space before the mark makes it a cell of its own;
/// the terminal draws the same thing and every column is one cell again.
fn for_terminal(text: &str) -> String {
    if !text.contains(['\u{FF9E}', '\u{FF9F}']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 6);
    for c in text.chars() {
        if matches!(c, '\u{FF9E}' | '\u{FF9F}') {
            out.push('\u{200B}');
        }
        out.push(c);
    }
    out
}

/// A laid-out core line as a ratatui line in the theme's styles.
pub(in crate::tui) fn to_tui_line(line: &Line, theme: &Theme) -> TuiLine<'static> {
    TuiLine::from(
        line.spans
            .iter()
            .map(|s| TuiSpan::styled(for_terminal(&s.text), theme.text(&s.style)))
            .collect::<Vec<_>>(),
    )
}

/// Pieces of styled text placed left to right in `width` columns, the rest of the row padded
/// with `fill`, so the row is exactly `width` wide. When they do not all fit, the text is cut
/// at a grapheme and ends in the ellipsis (in the style of the piece it cuts), wherever the
/// cut falls: inside a piece or between two (a search highlight ending at the edge).
pub(in crate::tui) fn fit_pieces(
    pieces: &[(String, Style)],
    width: usize,
    fit: Fit,
    fill: Style,
) -> TuiLine<'static> {
    let ambiguous = fit.ambiguous;
    let total: usize = pieces.iter().map(|(t, _)| str_width(t, ambiguous)).sum();
    let mut spans = Vec::new();
    let mut used = 0;
    if total <= width {
        spans.extend(
            pieces
                .iter()
                .map(|(text, style)| TuiSpan::styled(for_terminal(text), *style)),
        );
        used = total;
    } else if width > 0 {
        let ellipsis = if str_width(fit.ellipsis, ambiguous) <= width {
            fit.ellipsis
        } else {
            crate::text::truncate::NARROW_ELLIPSIS
        };
        let room = width - str_width(ellipsis, ambiguous);
        for (text, style) in pieces {
            let mut kept = String::new();
            let mut cut = false;
            for (_, g) in crate::text::width::clusters(text) {
                let w = crate::text::grapheme_width(g, ambiguous);
                if used + w > room {
                    cut = true;
                    break;
                }
                kept.push_str(g);
                used += w;
            }
            if cut {
                let trimmed = kept.trim_end();
                used -= str_width(&kept[trimmed.len()..], ambiguous);
                spans.push(TuiSpan::styled(
                    format!("{}{ellipsis}", for_terminal(trimmed)),
                    *style,
                ));
                used += str_width(ellipsis, ambiguous);
                break;
            }
            spans.push(TuiSpan::styled(for_terminal(&kept), *style));
        }
    }
    if used < width {
        spans.push(TuiSpan::styled(" ".repeat(width - used), fill));
    }
    TuiLine::from(spans)
}

/// A vertical scrollbar on the right border of `pane`, when `total` rows overflow `shown`.
pub(in crate::tui) fn scrollbar(
    buf: &mut Buffer,
    pane: Rect,
    total: usize,
    shown: usize,
    offset: usize,
    theme: &Theme,
    glyphs: &Glyphs,
) {
    if total <= shown || pane.height < 3 {
        return;
    }
    let track = Rect::new(
        pane.right().saturating_sub(1),
        pane.y + 1,
        1,
        pane.height - 2,
    );
    let mut state = ScrollbarState::new(total.saturating_sub(shown))
        .position(offset)
        .viewport_content_length(shown);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .track_symbol(Some(glyphs.scrollbar_track))
        .thumb_symbol(glyphs.scrollbar_thumb)
        .style(theme.border)
        .render(track, buf, &mut state);
}

/// Blank the cells around `area` whose wide glyph would be cut by an overlay's edge, so no
/// half-glyph is left on screen (ratatui #2526).
pub(in crate::tui) fn clear_edges(buf: &mut Buffer, area: Rect) {
    for y in area.top()..area.bottom() {
        if area.x > 0 {
            let left = (area.x - 1, y);
            if str_width(buf[left].symbol(), AmbiguousWidth::Narrow) > 1 {
                buf[left].set_symbol(" ");
            }
        }
    }
    ratatui::widgets::Widget::render(ratatui::widgets::Clear, area, buf);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &TuiLine) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    const FIT: Fit = Fit {
        ambiguous: AmbiguousWidth::Narrow,
        ellipsis: "…",
    };

    #[test]
    fn a_cut_title_ends_in_an_ellipsis_even_where_a_highlight_ends() {
        let hl = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        // The highlighted word fills the row to the column before the edge.
        let pieces = [
            ("11-18 ".to_string(), Style::new()),
            ("エージェント".to_string(), hl),
            ("の設計".to_string(), Style::new()),
        ];
        for width in 1..=24 {
            let line = fit_pieces(&pieces, width, FIT, Style::new());
            let shown = text(&line);
            assert_eq!(
                str_width(&shown, AmbiguousWidth::Narrow),
                width,
                "{width}: {shown:?}"
            );
            if width < 24 {
                assert!(shown.trim_end().ends_with('…'), "{width}: {shown:?}");
            } else {
                assert!(!shown.contains('…'), "{width}: {shown:?}");
            }
        }
        let at_edge = fit_pieces(&pieces, 19, FIT, Style::new());
        assert_eq!(text(&at_edge), "11-18 エージェント…");
        assert_eq!(at_edge.spans.last().map(|s| s.style), Some(Style::new()));
    }
}
