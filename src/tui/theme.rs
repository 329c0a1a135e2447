//! Colours and emphasis for every element of the reader, in one place. Core [`Role`]s map to
//! ratatui styles here; nothing else in the view picks a colour.

use ratatui::style::{Color, Modifier, Style};

use crate::text::{Role, Style as TextStyle};

/// The reader's styles.
#[derive(Clone, Debug)]
pub struct Theme {
    /// Pane borders without focus.
    pub border: Style,
    /// The border of the focused pane.
    pub border_focus: Style,
    /// The title bar.
    pub title_bar: Style,
    /// A filter chip in the title bar.
    pub chip: Style,
    /// The status bar.
    pub status: Style,
    /// The selected list row.
    pub selected: Style,
    /// Dates in the list.
    pub date: Style,
    /// Locale badges.
    pub badge: Style,
    /// Unread and star marks.
    pub mark: Style,
    /// The mascot drawing.
    pub mascot: Style,
    /// The mascot's speech bubble.
    pub bubble: Style,
    /// Warnings (diagnostics count).
    pub warning: Style,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            border: Style::new().fg(Color::DarkGray),
            border_focus: Style::new().fg(Color::Cyan),
            title_bar: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            chip: Style::new().fg(Color::Black).bg(Color::Yellow),
            status: Style::new().fg(Color::White).bg(Color::DarkGray),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            date: Style::new().fg(Color::DarkGray),
            badge: Style::new().fg(Color::Magenta),
            mark: Style::new().fg(Color::Yellow),
            mascot: Style::new().fg(Color::Yellow),
            bubble: Style::new().fg(Color::White),
            warning: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
        }
    }
}

impl Theme {
    /// The ratatui style of a laid-out span.
    pub fn text(&self, s: &TextStyle) -> Style {
        let mut style = match s.role {
            Role::Text => Style::new(),
            Role::Title => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Role::Meta => Style::new().fg(Color::DarkGray),
            Role::Tag => Style::new().fg(Color::Yellow),
            Role::Description => Style::new().add_modifier(Modifier::ITALIC),
            Role::Heading(1) => Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Role::Heading(2) => Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            Role::Heading(_) => Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            Role::Code | Role::CodeBlock => Style::new().fg(Color::LightRed),
            Role::Link => Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            Role::LinkRef => Style::new().fg(Color::DarkGray),
            Role::Quote => Style::new().fg(Color::Gray),
            Role::ListMarker => Style::new().fg(Color::Yellow),
            Role::TableBorder | Role::Rule | Role::Dim => Style::new().fg(Color::DarkGray),
            Role::TableHeader => Style::new().add_modifier(Modifier::BOLD),
        };
        if s.bold {
            style = style.add_modifier(Modifier::BOLD);
        }
        if s.italic {
            style = style.add_modifier(Modifier::ITALIC);
        }
        if s.underline {
            style = style.add_modifier(Modifier::UNDERLINED);
        }
        if s.strike {
            style = style.add_modifier(Modifier::CROSSED_OUT);
        }
        style
    }
}
