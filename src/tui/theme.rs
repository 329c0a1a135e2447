//! Colours and emphasis for every element of the reader, in one place. Core [`Role`]s map to
//! ratatui styles here; nothing else in the view picks a colour.

use ratatui::style::{Color, Modifier, Style};

use super::palette::{self, ColorDepth};
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
    /// The article title in the body's header.
    pub title: Style,
    /// Date, category and other metadata in the header.
    pub meta: Style,
    /// Tag chips in the header.
    pub tag: Style,
    /// The article's description in the header (added to the body text style).
    pub description: Style,
    /// Level-1 headings.
    pub heading1: Style,
    /// Level-2 headings.
    pub heading2: Style,
    /// Headings of level 3 to 6.
    pub heading3: Style,
    /// Inline code and code blocks.
    pub code: Style,
    /// Link text.
    pub link: Style,
    /// Reference marks such as `[3]` and the URL list.
    pub link_ref: Style,
    /// Block quotes.
    pub quote: Style,
    /// List bullets, numbers and task boxes.
    pub list_marker: Style,
    /// Table borders and separators.
    pub table_border: Style,
    /// Table header cells.
    pub table_header: Style,
    /// Horizontal rules.
    pub rule: Style,
    /// Continuation marks, image placeholders and other hints.
    pub dim: Style,
}

impl Default for Theme {
    /// The dark theme.
    fn default() -> Self {
        Theme::dark()
    }
}

impl Theme {
    /// The ratatui style of a laid-out span.
    pub fn text(&self, s: &TextStyle) -> Style {
        let mut style = match s.role {
            Role::Text => Style::new(),
            Role::Title => self.title,
            Role::Meta => self.meta,
            Role::Tag => self.tag,
            Role::Description => self.description,
            Role::Heading(1) => self.heading1,
            Role::Heading(2) => self.heading2,
            Role::Heading(_) => self.heading3,
            Role::Code | Role::CodeBlock => self.code,
            Role::Link => self.link,
            Role::LinkRef => self.link_ref,
            Role::Quote => self.quote,
            Role::ListMarker => self.list_marker,
            Role::TableBorder => self.table_border,
            Role::Rule => self.rule,
            Role::Dim => self.dim,
            Role::TableHeader => self.table_header,
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

/// The names of the built-in themes, as the configuration and `--theme` write them.
pub const THEME_NAMES: [&str; 3] = ["dark", "light", "mono"];

/// The names of the elements of a [`Theme`] that the configuration can colour, in field order.
pub const ELEMENTS: [&str; 28] = [
    "border",
    "border_focus",
    "title_bar",
    "chip",
    "status",
    "selected",
    "date",
    "badge",
    "mark",
    "mascot",
    "bubble",
    "warning",
    "title",
    "meta",
    "tag",
    "description",
    "heading1",
    "heading2",
    "heading3",
    "code",
    "link",
    "link_ref",
    "quote",
    "list_marker",
    "table_border",
    "table_header",
    "rule",
    "dim",
];

/// A colour change for one element of a theme: the foreground, the background, or both.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColorOverride {
    /// The element's name, one of [`ELEMENTS`].
    pub element: String,
    /// The new foreground colour.
    pub fg: Option<Color>,
    /// The new background colour.
    pub bg: Option<Color>,
}

/// The colour names [`parse_color`] knows, in the order messages list them.
pub const COLOR_NAMES: [&str; 17] = [
    "default",
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
];

/// A colour as the configuration writes it: a name from [`COLOR_NAMES`] (case and `-`/`_`
/// do not matter, `grey` is `gray`), `#rrggbb`, or a terminal palette number from 0 to 255.
pub fn parse_color(text: &str) -> Option<Color> {
    let t = text.trim();
    if let Some(hex) = t.strip_prefix('#') {
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        return Some(Color::Rgb(byte(0)?, byte(2)?, byte(4)?));
    }
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<u8>().ok().map(Color::Indexed);
    }
    let name = t
        .to_ascii_lowercase()
        .replace(['_', ' '], "-")
        .replace("grey", "gray");
    Some(match name.as_str() {
        "default" | "reset" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" => Color::Gray,
        "dark-gray" => Color::DarkGray,
        "light-red" => Color::LightRed,
        "light-green" => Color::LightGreen,
        "light-yellow" => Color::LightYellow,
        "light-blue" => Color::LightBlue,
        "light-magenta" => Color::LightMagenta,
        "light-cyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

impl Theme {
    /// Light text on a dark terminal: the default.
    pub fn dark() -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        let bold = |c: Color| Style::new().fg(c).add_modifier(Modifier::BOLD);
        Theme {
            border: fg(Color::DarkGray),
            border_focus: fg(Color::Cyan),
            title_bar: Style::new()
                .fg(Color::Black)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD),
            chip: Style::new().fg(Color::Black).bg(Color::Yellow),
            status: Style::new().fg(Color::White).bg(Color::DarkGray),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            date: fg(Color::DarkGray),
            badge: fg(Color::Magenta),
            mark: fg(Color::Yellow),
            mascot: fg(Color::Yellow),
            bubble: fg(Color::White),
            warning: bold(Color::Yellow),
            title: bold(Color::Cyan),
            meta: fg(Color::DarkGray),
            tag: fg(Color::Yellow),
            description: Style::new().add_modifier(Modifier::ITALIC),
            heading1: bold(Color::Cyan),
            heading2: bold(Color::Green),
            heading3: bold(Color::Blue),
            code: fg(Color::LightRed),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            link_ref: fg(Color::DarkGray),
            quote: fg(Color::Gray),
            list_marker: fg(Color::Yellow),
            table_border: fg(Color::DarkGray),
            table_header: Style::new().add_modifier(Modifier::BOLD),
            rule: fg(Color::DarkGray),
            dim: fg(Color::DarkGray),
        }
    }

    /// Dark text on a light terminal: no yellow or cyan text, which fades on white.
    pub fn light() -> Theme {
        let fg = |c: Color| Style::new().fg(c);
        let bold = |c: Color| Style::new().fg(c).add_modifier(Modifier::BOLD);
        Theme {
            border: fg(Color::Gray),
            border_focus: fg(Color::Blue),
            title_bar: Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD),
            chip: Style::new().fg(Color::Black).bg(Color::LightYellow),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            date: fg(Color::DarkGray),
            badge: fg(Color::Magenta),
            mark: fg(Color::Red),
            mascot: fg(Color::Magenta),
            bubble: fg(Color::DarkGray),
            warning: bold(Color::Red),
            title: bold(Color::Blue),
            meta: fg(Color::DarkGray),
            tag: fg(Color::Magenta),
            description: Style::new().add_modifier(Modifier::ITALIC),
            heading1: bold(Color::Blue),
            heading2: bold(Color::Green),
            heading3: bold(Color::Magenta),
            code: fg(Color::Red),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            link_ref: fg(Color::DarkGray),
            quote: fg(Color::DarkGray),
            list_marker: fg(Color::Magenta),
            table_border: fg(Color::Gray),
            table_header: Style::new().add_modifier(Modifier::BOLD),
            rule: fg(Color::Gray),
            dim: fg(Color::DarkGray),
        }
    }

    /// No colour at all: emphasis by bold, reverse, underline and italic only. This is also
    /// the theme for `NO_COLOR` ([`Theme::no_color`]).
    pub fn mono() -> Theme {
        let plain = Style::new();
        let with = |m: Modifier| Style::new().add_modifier(m);
        Theme {
            border: plain,
            border_focus: with(Modifier::BOLD),
            title_bar: with(Modifier::REVERSED | Modifier::BOLD),
            chip: with(Modifier::REVERSED),
            status: with(Modifier::REVERSED),
            selected: with(Modifier::REVERSED),
            date: plain,
            badge: with(Modifier::BOLD),
            mark: with(Modifier::BOLD),
            mascot: plain,
            bubble: plain,
            warning: with(Modifier::BOLD | Modifier::UNDERLINED),
            title: with(Modifier::BOLD),
            meta: plain,
            tag: with(Modifier::UNDERLINED),
            description: with(Modifier::ITALIC),
            heading1: with(Modifier::BOLD | Modifier::UNDERLINED),
            heading2: with(Modifier::BOLD),
            heading3: with(Modifier::BOLD),
            code: plain,
            link: with(Modifier::UNDERLINED),
            link_ref: plain,
            quote: with(Modifier::ITALIC),
            list_marker: plain,
            table_border: plain,
            table_header: with(Modifier::BOLD),
            rule: plain,
            dim: plain,
        }
    }

    /// The theme when the `NO_COLOR` environment variable is set: [`Theme::mono`], with no
    /// colour overrides applied.
    pub fn no_color() -> Theme {
        Theme::mono()
    }

    /// A built-in theme by name (`dark`, `light`, `mono`).
    pub fn named(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme::dark()),
            "light" => Some(Theme::light()),
            "mono" => Some(Theme::mono()),
            _ => None,
        }
    }

    fn element_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "border" => &mut self.border,
            "border_focus" => &mut self.border_focus,
            "title_bar" => &mut self.title_bar,
            "chip" => &mut self.chip,
            "status" => &mut self.status,
            "selected" => &mut self.selected,
            "date" => &mut self.date,
            "badge" => &mut self.badge,
            "mark" => &mut self.mark,
            "mascot" => &mut self.mascot,
            "bubble" => &mut self.bubble,
            "warning" => &mut self.warning,
            "title" => &mut self.title,
            "meta" => &mut self.meta,
            "tag" => &mut self.tag,
            "description" => &mut self.description,
            "heading1" => &mut self.heading1,
            "heading2" => &mut self.heading2,
            "heading3" => &mut self.heading3,
            "code" => &mut self.code,
            "link" => &mut self.link,
            "link_ref" => &mut self.link_ref,
            "quote" => &mut self.quote,
            "list_marker" => &mut self.list_marker,
            "table_border" => &mut self.table_border,
            "table_header" => &mut self.table_header,
            "rule" => &mut self.rule,
            "dim" => &mut self.dim,
            _ => return None,
        })
    }

    /// The theme with colour overrides applied (emphasis is kept). Overrides naming an
    /// element that is not in [`ELEMENTS`] are ignored; the configuration rejects them first.
    pub fn with_colors(mut self, overrides: &[ColorOverride]) -> Theme {
        for o in overrides {
            if let Some(style) = self.element_mut(&o.element) {
                if let Some(fg) = o.fg {
                    *style = style.fg(fg);
                }
                if let Some(bg) = o.bg {
                    *style = style.bg(bg);
                }
            }
        }
        self
    }

    /// The theme as a terminal of `depth` can show it: every colour of every style mapped down
    /// by [`palette::downgrade`] (emphasis is kept). At [`ColorDepth::None`] it is
    /// [`Theme::no_color`], since taking the colours out of a colour theme would lose what they
    /// marked (the title bar, the selection).
    pub fn with_depth(mut self, depth: ColorDepth) -> Theme {
        if depth == ColorDepth::None {
            return Theme::no_color();
        }
        let down = |c: Option<Color>| c.map(|c| palette::downgrade(c, depth));
        for name in ELEMENTS {
            if let Some(style) = self.element_mut(name) {
                style.fg = down(style.fg);
                style.bg = down(style.bg);
                style.underline_color = down(style.underline_color);
            }
        }
        self
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

    const ROLES: [Role; 18] = [
        Role::Text,
        Role::Title,
        Role::Meta,
        Role::Tag,
        Role::Description,
        Role::Heading(1),
        Role::Heading(2),
        Role::Heading(3),
        Role::Heading(6),
        Role::Code,
        Role::CodeBlock,
        Role::Link,
        Role::LinkRef,
        Role::Quote,
        Role::ListMarker,
        Role::TableBorder,
        Role::TableHeader,
        Role::Rule,
    ];

    #[test]
    fn the_default_is_the_dark_theme_as_before() {
        let theme = Theme::default();
        for role in ROLES.into_iter().chain([Role::Dim]) {
            assert_eq!(
                theme.text(&TextStyle::role(role)),
                old_dark(role),
                "{role:?}"
            );
        }
    }

    fn styles(t: &Theme) -> Vec<Style> {
        let mut copy = t.clone();
        let mut out: Vec<Style> = ELEMENTS
            .iter()
            .map(|e| copy.element_mut(e).map(|s| *s).unwrap_or_default())
            .collect();
        out.extend(ROLES.iter().map(|r| t.text(&TextStyle::role(*r))));
        out
    }

    #[test]
    fn mono_has_no_colour_at_all() {
        for s in styles(&Theme::no_color()) {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        assert_eq!(
            Theme::named("mono").map(|t| styles(&t)),
            Some(styles(&Theme::mono()))
        );
    }

    #[test]
    fn every_element_name_is_a_field() {
        let mut theme = Theme::dark();
        for e in ELEMENTS {
            assert!(theme.element_mut(e).is_some(), "{e}");
        }
        for name in THEME_NAMES {
            assert!(Theme::named(name).is_some(), "{name}");
        }
        assert!(Theme::named("solarized").is_none());
    }

    #[test]
    fn colour_overrides_keep_emphasis() {
        let theme = Theme::dark().with_colors(&[
            ColorOverride {
                element: "title_bar".into(),
                fg: Some(Color::White),
                bg: None,
            },
            ColorOverride {
                element: "heading1".into(),
                fg: Some(Color::Indexed(208)),
                bg: Some(Color::Rgb(0, 0, 0x33)),
            },
        ]);
        assert_eq!(
            theme.title_bar,
            Style::new()
                .fg(Color::White)
                .bg(Color::Cyan)
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(
            theme.text(&TextStyle::role(Role::Heading(1))),
            Style::new()
                .fg(Color::Indexed(208))
                .bg(Color::Rgb(0, 0, 0x33))
                .add_modifier(Modifier::BOLD)
        );
    }

    #[test]
    fn every_style_follows_the_colour_depth() {
        let custom = Theme::dark().with_colors(&[
            ColorOverride {
                element: "border".into(),
                fg: Some(Color::Rgb(0x87, 0xaf, 0xd7)),
                bg: None,
            },
            ColorOverride {
                element: "dim".into(),
                fg: Some(Color::Indexed(208)),
                bg: Some(Color::Rgb(0xff, 0x00, 0x00)),
            },
        ]);
        let colours = |t: &Theme| -> Vec<Color> {
            styles(t)
                .into_iter()
                .flat_map(|s| [s.fg, s.bg, s.underline_color])
                .flatten()
                .collect()
        };
        for base in [Theme::dark(), Theme::light(), custom.clone()] {
            let full = colours(&base);
            assert_eq!(
                colours(&base.clone().with_depth(ColorDepth::TrueColor)),
                full
            );
            for c in colours(&base.clone().with_depth(ColorDepth::Ansi256)) {
                assert!(!matches!(c, Color::Rgb(..)), "{c:?} at 256 colours");
            }
            for c in colours(&base.clone().with_depth(ColorDepth::Ansi16)) {
                assert!(
                    !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                    "{c:?} at 16 colours"
                );
            }
            assert!(colours(&base.with_depth(ColorDepth::None)).is_empty());
        }
        let t = custom.clone().with_depth(ColorDepth::Ansi256);
        assert_eq!(t.border.fg, Some(Color::Indexed(110)));
        assert_eq!(
            t.dim,
            Style::new().fg(Color::Indexed(208)).bg(Color::Indexed(196))
        );
        let t = custom.with_depth(ColorDepth::Ansi16);
        assert_eq!(t.border.fg, Some(Color::Gray));
        assert_eq!(t.dim, Style::new().fg(Color::Yellow).bg(Color::LightRed));
        // Emphasis stays.
        assert_eq!(t.title, Theme::dark().title);
    }

    #[test]
    fn colours_parse_by_name_hex_and_number() {
        assert_eq!(parse_color("light-blue"), Some(Color::LightBlue));
        assert_eq!(parse_color("Light_Blue"), Some(Color::LightBlue));
        assert_eq!(parse_color("dark-grey"), Some(Color::DarkGray));
        assert_eq!(parse_color("#FF8000"), Some(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_color("0"), Some(Color::Indexed(0)));
        assert_eq!(parse_color("255"), Some(Color::Indexed(255)));
        assert_eq!(parse_color("default"), Some(Color::Reset));
        for bad in ["256", "#fff", "#gg0000", "purple", "", "-1"] {
            assert_eq!(parse_color(bad), None, "{bad}");
        }
        for name in COLOR_NAMES {
            assert!(parse_color(name).is_some(), "{name}");
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
