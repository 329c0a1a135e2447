//! Printing laid-out lines to a stream: plain text, or text with ANSI SGR styling in the
//! reader's theme (what `kiji show` prints). Only `ESC[...m` sequences are ever written, and
//! every line ends with a reset so no style leaks into the next line or the shell.

use crate::style::{Color, ElementStyle, Theme};
use crate::text::{Line, Span};

/// The lines as plain text, each ending in `'\n'`, without trailing spaces.
pub fn to_plain(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        out.push_str(line.plain_text().trim_end_matches(' '));
        out.push('\n');
    }
    out
}

/// The lines with SGR styling: each span in its role's style from `theme` (the one the reader
/// draws with, already mapped to the terminal's colour depth; [`Theme::mono`] for no colour)
/// plus its own emphasis. Each styled line ends with `ESC[0m`; trailing spaces are dropped.
pub fn to_ansi(lines: &[Line], theme: &Theme) -> String {
    let mut out = String::new();
    for line in lines {
        let spans = trimmed(&line.spans);
        let mut current = ElementStyle::default();
        let mut styled = false;
        for span in &spans {
            let style = theme.text(&span.style);
            if style != current {
                let params = sgr(style);
                out.push_str("\x1b[0");
                if !params.is_empty() {
                    out.push(';');
                    out.push_str(&params);
                }
                out.push('m');
                current = style;
                styled = true;
            }
            out.push_str(&span.text);
        }
        if styled {
            out.push_str("\x1b[0m");
        }
        out.push('\n');
    }
    out
}

/// The spans with trailing ASCII spaces removed from the end of the line.
fn trimmed(spans: &[Span]) -> Vec<Span> {
    let mut spans = spans.to_vec();
    while let Some(last) = spans.last_mut() {
        let kept = last.text.trim_end_matches(' ').len();
        last.text.truncate(kept);
        if last.text.is_empty() {
            spans.pop();
        } else {
            break;
        }
    }
    spans
}

/// SGR parameters (without the leading reset) for a style: emphasis, then the foreground and
/// the background.
fn sgr(style: ElementStyle) -> String {
    let m = style.modifiers;
    let mut params: Vec<String> = [
        (m.bold, "1"),
        (m.dim, "2"),
        (m.italic, "3"),
        (m.underlined, "4"),
        (m.reversed, "7"),
        (m.crossed_out, "9"),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, p)| p.to_string())
    .collect();
    params.extend(style.fg.map(|c| colour(c, 30)));
    params.extend(style.bg.map(|c| colour(c, 40)));
    params.join(";")
}

/// The SGR parameters of a colour: `base` is 30 for the foreground, 40 for the background.
/// The 16 ANSI colours as the classic codes (`31`, `91`), which every colour terminal knows.
fn colour(c: Color, base: u8) -> String {
    match (c, c.ansi_number()) {
        (_, Some(n)) if n < 8 => (base + n).to_string(),
        (_, Some(n)) => (base + 60 + n - 8).to_string(),
        (Color::Indexed(i), _) => format!("{};5;{i}", base + 8),
        (Color::Rgb(r, g, b), _) => format!("{};2;{r};{g};{b}", base + 8),
        _ => (base + 9).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::theme::ROLES;
    use crate::style::{ColorOverride, Element};
    use crate::text::{Role, Style};

    fn line(spans: Vec<Span>) -> Line {
        Line::from_spans(spans)
    }

    #[test]
    fn plain_has_no_trailing_spaces() {
        let lines = [
            line(vec![Span::plain("日本  "), Span::plain("  ")]),
            Line::default(),
            line(vec![Span::plain("\u{3000}字下げ\u{3000}")]),
        ];
        assert_eq!(to_plain(&lines), "日本\n\n\u{3000}字下げ\u{3000}\n");
    }

    #[test]
    fn ansi_uses_only_sgr_and_resets_every_styled_line() {
        let bold = Style {
            bold: true,
            ..Style::role(Role::Heading(1))
        };
        let lines = [
            line(vec![Span::new("見出し", bold), Span::plain(" text ")]),
            line(vec![Span::plain("plain")]),
            line(vec![Span::new(
                "link",
                Style {
                    underline: true,
                    ..Style::role(Role::Link)
                },
            )]),
        ];
        let out = to_ansi(&lines, &Theme::dark());
        // Bold cyan and underlined blue, as the reader's dark theme draws them.
        assert_eq!(
            out,
            "\x1b[0;1;36m見出し\x1b[0m text\x1b[0m\nplain\n\x1b[0;4;34mlink\x1b[0m\n"
        );
        // Every escape sequence is an SGR one.
        for (i, _) in out.match_indices('\x1b') {
            let rest = &out[i + 1..];
            let end = rest.find('m').unwrap_or(rest.len());
            assert!(rest.starts_with('['), "{rest}");
            assert!(rest[1..end].chars().all(|c| c.is_ascii_digit() || c == ';'));
        }
    }

    #[test]
    fn every_role_has_a_style_that_differs_from_text() {
        for role in ROLES.into_iter().filter(|r| *r != Role::Text) {
            let style = Theme::dark().text(&Style::role(role));
            assert!(!sgr(style).is_empty(), "{role:?}");
        }
        assert!(sgr(Theme::dark().text(&Style::default())).is_empty());
    }

    #[test]
    fn colours_print_as_the_theme_has_them() {
        let theme = Theme::dark().with_colors(&[
            ColorOverride {
                element: "heading1".into(),
                fg: Some(Color::Rgb(255, 135, 0)),
                bg: Some(Color::Indexed(17)),
            },
            ColorOverride {
                element: "code".into(),
                fg: Some(Color::Reset),
                bg: Some(Color::LightCyan),
            },
        ]);
        let lines = [
            line(vec![Span::new("見出し", Style::role(Role::Heading(1)))]),
            line(vec![Span::new("x", Style::role(Role::Code))]),
            line(vec![Span::new("t", Style::role(Role::Title))]),
        ];
        assert_eq!(
            to_ansi(&lines, &theme),
            "\x1b[0;1;38;2;255;135;0;48;5;17m見出し\x1b[0m\n\x1b[0;39;106mx\x1b[0m\n\x1b[0;1;36mt\x1b[0m\n"
        );
        // No colour: emphasis only.
        let mono = to_ansi(&lines, &Theme::mono());
        assert_eq!(mono, "\x1b[0;1;4m見出し\x1b[0m\nx\n\x1b[0;1mt\x1b[0m\n");
        assert_eq!(Theme::mono().get(Element::Code), &ElementStyle::default());
    }
}
