//! Printing laid-out lines to a stream: plain text, or text with ANSI SGR styling (what
//! `kiji show` prints). Only `ESC[...m` sequences are ever written, and every line ends with
//! a reset so no style leaks into the next line or the shell.

use crate::text::{Line, Role, Span, Style};

/// The lines as plain text, each ending in `'\n'`, without trailing spaces.
pub fn to_plain(lines: &[Line]) -> String {
    let mut out = String::new();
    for line in lines {
        out.push_str(line.plain_text().trim_end_matches(' '));
        out.push('\n');
    }
    out
}

/// The lines with SGR styling: bold, dim, italic, underline, strike-through and a 16-colour
/// foreground per [`Role`]. Each styled line ends with `ESC[0m`; trailing spaces are dropped.
pub fn to_ansi(lines: &[Line]) -> String {
    to_sgr(lines, true)
}

/// Like [`to_ansi`] but with emphasis only (bold, dim, italic, underline, strike-through) and
/// no colour, for `NO_COLOR`.
pub fn to_ansi_no_color(lines: &[Line]) -> String {
    to_sgr(lines, false)
}

fn to_sgr(lines: &[Line], colours: bool) -> String {
    let mut out = String::new();
    for line in lines {
        let spans = trimmed(&line.spans);
        let mut current = Style::default();
        let mut styled = false;
        for span in &spans {
            if span.style != current {
                let params = sgr(span.style, colours);
                out.push_str("\x1b[0");
                if !params.is_empty() {
                    out.push(';');
                    out.push_str(&params);
                }
                out.push('m');
                current = span.style;
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

/// SGR parameters (without the leading reset) for a style: attributes, then the colour of
/// its role.
fn sgr(style: Style, colours: bool) -> String {
    let mut params: Vec<&str> = Vec::new();
    if style.bold {
        params.push("1");
    }
    if matches!(style.role, Role::Meta | Role::Dim) {
        params.push("2");
    }
    if style.italic || style.role == Role::Description {
        params.push("3");
    }
    if style.underline {
        params.push("4");
    }
    if style.strike {
        params.push("9");
    }
    if let Some(colour) = colour(style.role).filter(|_| colours) {
        params.push(colour);
    }
    params.join(";")
}

/// The 16-colour foreground for a role; `None` keeps the terminal's default colour.
fn colour(role: Role) -> Option<&'static str> {
    Some(match role {
        Role::Text | Role::Meta | Role::Description | Role::Dim => return None,
        Role::Title => "93",
        Role::Tag => "33",
        Role::Heading(1) => "95",
        Role::Heading(2) => "94",
        Role::Heading(_) => "96",
        Role::Code | Role::CodeBlock => "32",
        Role::Link => "34",
        Role::LinkRef => "36",
        Role::Quote => "90",
        Role::ListMarker => "33",
        Role::TableBorder | Role::Rule => "90",
        Role::TableHeader => "36",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let out = to_ansi(&lines);
        assert_eq!(
            out,
            "\x1b[0;1;95m見出し\x1b[0m text\x1b[0m\nplain\n\x1b[0;4;34mlink\x1b[0m\n"
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
        for role in [
            Role::Title,
            Role::Meta,
            Role::Tag,
            Role::Description,
            Role::Heading(1),
            Role::Heading(4),
            Role::Code,
            Role::CodeBlock,
            Role::Link,
            Role::LinkRef,
            Role::Quote,
            Role::ListMarker,
            Role::TableBorder,
            Role::TableHeader,
            Role::Rule,
            Role::Dim,
        ] {
            assert!(!sgr(Style::role(role), true).is_empty(), "{role:?}");
        }
        assert!(sgr(Style::default(), true).is_empty());
    }
}
