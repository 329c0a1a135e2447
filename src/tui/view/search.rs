//! What search adds to the panes: the matched characters of list titles and body lines
//! highlighted (the prompt draws itself, `tui/search_prompt.rs`).

use ratatui::style::{Modifier, Style};

use ratatui::text::{Line as TuiLine, Span as TuiSpan};

use super::{for_terminal, to_tui_line};
use crate::search::{match_ranges, split_matches};
use crate::tui::app::App;
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

/// A body line as a ratatui line with the active query's matches highlighted; `current`
/// marks the line of the match `n`/`N` is on (reversed, so it stands out from the others).
pub fn body_line(
    line: &crate::text::Line,
    words: &[String],
    current: bool,
    theme: &Theme,
) -> TuiLine<'static> {
    let text: String = line.spans.iter().map(|s| s.text.as_str()).collect();
    let ranges = match_ranges(&text, words);
    if ranges.is_empty() {
        return to_tui_line(line, theme);
    }
    let mut hl = highlight(theme);
    if current {
        hl = hl.add_modifier(Modifier::REVERSED);
    }
    let mut spans = Vec::new();
    let mut at = 0; // char index in `text`
    for s in &line.spans {
        let base = theme.text(&s.style);
        let chars: Vec<char> = s.text.chars().collect();
        let (start, end) = (at, at + chars.len());
        let mut i = start;
        while i < end {
            let inside = ranges.iter().find(|r| r.start <= i && i < r.end);
            let stop = match inside {
                Some(r) => r.end.min(end),
                None => ranges
                    .iter()
                    .map(|r| r.start)
                    .filter(|&b| b > i)
                    .min()
                    .unwrap_or(end)
                    .min(end),
            };
            let piece: String = chars[i - start..stop - start].iter().collect();
            let style = if inside.is_some() {
                base.patch(hl)
            } else {
                base
            };
            spans.push(TuiSpan::styled(for_terminal(&piece), style));
            i = stop;
        }
        at = end;
    }
    TuiLine::from(spans)
}
