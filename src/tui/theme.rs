//! The reader's theme as ratatui styles: the plain [`crate::style::Theme`] (one style for
//! every element, from the one table in `style::theme`) turned into [`Style`]s once, when the
//! reader starts; and the characters it draws with besides the text ([`Glyphs`]). Nothing
//! else in the view picks a colour.

use ratatui::style::{Color, Modifier, Style};

use crate::style::{self, Element, ElementStyle, Modifiers};
use crate::text::Style as TextStyle;

/// The reader's styles: a ratatui [`Style`] for every element of [`crate::style::Elements`].
pub type Theme = style::Elements<Style>;

impl Default for Theme {
    /// The dark theme.
    fn default() -> Self {
        Theme::from_plain(&style::Theme::dark())
    }
}

impl Theme {
    /// The plain theme (colours already mapped to the terminal's depth) as ratatui styles.
    pub fn from_plain(theme: &style::Theme) -> Theme {
        theme.map(|s| to_style(*s))
    }

    /// The ratatui style of a laid-out span: its role's style with the span's own emphasis.
    pub fn text(&self, s: &TextStyle) -> Style {
        let style = Element::of_role(s.role).map_or(Style::new(), |e| *self.get(e));
        style.add_modifier(to_modifier(Modifiers::of_text(s)))
    }
}

fn to_style(s: ElementStyle) -> Style {
    let mut style = Style::new();
    if let Some(c) = s.fg {
        style = style.fg(to_color(c));
    }
    if let Some(c) = s.bg {
        style = style.bg(to_color(c));
    }
    style.add_modifier(to_modifier(s.modifiers))
}

fn to_modifier(m: Modifiers) -> Modifier {
    [
        (m.bold, Modifier::BOLD),
        (m.dim, Modifier::DIM),
        (m.italic, Modifier::ITALIC),
        (m.underlined, Modifier::UNDERLINED),
        (m.reversed, Modifier::REVERSED),
        (m.crossed_out, Modifier::CROSSED_OUT),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .fold(Modifier::empty(), |all, (_, m)| all | m)
}

pub(crate) fn to_color(c: style::Color) -> Color {
    use style::Color as C;
    match c {
        C::Reset => Color::Reset,
        C::Black => Color::Black,
        C::Red => Color::Red,
        C::Green => Color::Green,
        C::Yellow => Color::Yellow,
        C::Blue => Color::Blue,
        C::Magenta => Color::Magenta,
        C::Cyan => Color::Cyan,
        C::Gray => Color::Gray,
        C::DarkGray => Color::DarkGray,
        C::LightRed => Color::LightRed,
        C::LightGreen => Color::LightGreen,
        C::LightYellow => Color::LightYellow,
        C::LightBlue => Color::LightBlue,
        C::LightMagenta => Color::LightMagenta,
        C::LightCyan => Color::LightCyan,
        C::White => Color::White,
        C::Indexed(i) => Color::Indexed(i),
        C::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

/// The characters the reader draws with, besides the text: Unicode by default, plain ASCII
/// for terminals and fonts without box drawing (the `ascii` setting).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Glyphs {
    /// Pane borders.
    pub border: ratatui::symbols::border::Set<'static>,
    /// The scrollbar's track.
    pub scrollbar_track: &'static str,
    /// The scrollbar's thumb.
    pub scrollbar_thumb: &'static str,
    /// The mark of an unread article in the list.
    pub unread: &'static str,
    /// The mark of a starred article in the list.
    pub star: &'static str,
    /// What replaces the end of a text cut to fit.
    pub ellipsis: &'static str,
    /// The speech bubble's corners, top-left, top-right, bottom-left, bottom-right.
    pub bubble_corners: [&'static str; 4],
    /// The speech bubble's horizontal and vertical edges.
    pub bubble_edges: [&'static str; 2],
    /// The speech bubble's tail, on its bottom edge.
    pub bubble_tail: &'static str,
    /// The marks on the bubble's right edge when there is more text above and below.
    pub more: [&'static str; 2],
}

/// Pane borders drawn with `+`, `-` and `|`.
pub const ASCII_BORDER: ratatui::symbols::border::Set<'static> = ratatui::symbols::border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Glyphs {
    /// Box drawing and symbols, as the reader draws by default.
    pub fn unicode() -> Glyphs {
        Glyphs {
            border: ratatui::symbols::border::PLAIN,
            scrollbar_track: "│",
            scrollbar_thumb: "█",
            unread: "•",
            star: "★",
            ellipsis: "…",
            bubble_corners: ["╭", "╮", "╰", "╯"],
            bubble_edges: ["─", "│"],
            bubble_tail: "┬",
            more: ["▲", "▼"],
        }
    }

    /// Printable ASCII only. Every glyph is one column wide, except the three-dot ellipsis.
    pub fn ascii() -> Glyphs {
        Glyphs {
            border: ASCII_BORDER,
            scrollbar_track: "|",
            scrollbar_thumb: "#",
            unread: "+",
            star: "*",
            ellipsis: "...",
            bubble_corners: [".", ".", "'", "'"],
            bubble_edges: ["-", "|"],
            bubble_tail: "v",
            more: ["^", "v"],
        }
    }

    /// [`Glyphs::ascii`] when `ascii` is set, else [`Glyphs::unicode`].
    pub fn new(ascii: bool) -> Glyphs {
        if ascii {
            Glyphs::ascii()
        } else {
            Glyphs::unicode()
        }
    }
}

impl Default for Glyphs {
    fn default() -> Self {
        Glyphs::unicode()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::style::theme::ROLES;
    use crate::style::{ColorDepth, ColorOverride};
    use crate::text::Role;
    use crate::text::width::{AmbiguousWidth, str_width};

    /// The body styles as they were before the themes, so the dark theme stays the same.
    fn old_dark(role: Role) -> Style {
        match role {
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
        }
    }

    #[test]
    fn the_default_is_the_dark_theme_as_before() {
        let theme = Theme::default();
        for role in ROLES {
            assert_eq!(
                theme.text(&TextStyle::role(role)),
                old_dark(role),
                "{role:?}"
            );
        }
        assert_eq!(
            theme.title_bar,
            Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(
            theme.selected,
            Style::new().add_modifier(Modifier::REVERSED)
        );
        let emphasised = TextStyle {
            bold: true,
            italic: true,
            underline: true,
            strike: true,
            ..TextStyle::role(Role::Text)
        };
        assert_eq!(
            theme.text(&emphasised),
            Style::new().add_modifier(
                Modifier::BOLD | Modifier::ITALIC | Modifier::UNDERLINED | Modifier::CROSSED_OUT
            )
        );
    }

    #[test]
    fn colours_reach_ratatui_as_they_are() {
        let plain = style::Theme::dark()
            .with_colors(&[ColorOverride {
                element: "border".into(),
                fg: Some(style::Color::Rgb(0x87, 0xaf, 0xd7)),
                bg: Some(style::Color::Indexed(17)),
            }])
            .with_depth(ColorDepth::TrueColor);
        let theme = Theme::from_plain(&plain);
        assert_eq!(
            theme.border,
            Style::new()
                .fg(Color::Rgb(0x87, 0xaf, 0xd7))
                .bg(Color::Indexed(17))
        );
        assert_eq!(to_color(style::Color::Reset), Color::Reset);
        assert_eq!(to_color(style::Color::LightMagenta), Color::LightMagenta);
        let mono = Theme::from_plain(&style::Theme::mono());
        for e in Element::ALL {
            assert_eq!((mono.get(e).fg, mono.get(e).bg), (None, None), "{e:?}");
        }
    }

    #[test]
    fn ascii_glyphs_are_ascii_and_one_column() {
        let g = Glyphs::ascii();
        let b = g.border;
        let singles = [
            b.top_left,
            b.top_right,
            b.bottom_left,
            b.bottom_right,
            b.vertical_left,
            b.vertical_right,
            b.horizontal_top,
            b.horizontal_bottom,
            g.scrollbar_track,
            g.scrollbar_thumb,
            g.unread,
            g.star,
            g.bubble_tail,
        ]
        .into_iter()
        .chain(g.bubble_corners)
        .chain(g.bubble_edges)
        .chain(g.more);
        for s in singles {
            assert!(
                s.is_ascii() && str_width(s, AmbiguousWidth::Narrow) == 1,
                "{s:?}"
            );
        }
        assert_eq!(g.ellipsis, "...");
        assert_eq!(Glyphs::new(false), Glyphs::default());
        assert_eq!(Glyphs::unicode().ellipsis, crate::text::truncate::ELLIPSIS);
    }
}
