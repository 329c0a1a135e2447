//! The theme: a style for every element of the screen, and the one table that names the
//! elements. The table gives each element its field, its name in the configuration, the part
//! of the screen it belongs to, what it colours and its style in the three built-in themes;
//! the [`Element`] enum, [`ELEMENTS`], the [`Elements`] struct and [`Theme::dark`],
//! [`Theme::light`] and [`Theme::mono`] are all made from it.

use super::color::Color;
use super::depth::{self, ColorDepth};
use crate::text::{Role, Style as TextStyle};

/// Emphasis: what a style does besides colour.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Modifiers {
    /// Bold.
    pub bold: bool,
    /// Faint.
    pub dim: bool,
    /// Italic.
    pub italic: bool,
    /// Underlined.
    pub underlined: bool,
    /// Foreground and background swapped.
    pub reversed: bool,
    /// Struck through.
    pub crossed_out: bool,
}

impl Modifiers {
    /// The emphasis a laid-out span asks for itself (bold, italic, underline, strike-through),
    /// which the theme adds to its role's style.
    pub fn of_text(s: &TextStyle) -> Modifiers {
        Modifiers {
            bold: s.bold,
            italic: s.italic,
            underlined: s.underline,
            crossed_out: s.strike,
            ..Modifiers::default()
        }
    }

    /// Both sets of emphasis.
    pub fn union(self, o: Modifiers) -> Modifiers {
        Modifiers {
            bold: self.bold || o.bold,
            dim: self.dim || o.dim,
            italic: self.italic || o.italic,
            underlined: self.underlined || o.underlined,
            reversed: self.reversed || o.reversed,
            crossed_out: self.crossed_out || o.crossed_out,
        }
    }
}

/// The style of one element: colours (`None` keeps the terminal's) and emphasis.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct ElementStyle {
    /// The foreground colour.
    pub fg: Option<Color>,
    /// The background colour.
    pub bg: Option<Color>,
    /// Emphasis.
    pub modifiers: Modifiers,
}

/// No colour and no emphasis.
const PLAIN: ElementStyle = ElementStyle {
    fg: None,
    bg: None,
    modifiers: Modifiers {
        bold: false,
        dim: false,
        italic: false,
        underlined: false,
        reversed: false,
        crossed_out: false,
    },
};

/// The foreground `c`.
fn fg(c: Color) -> ElementStyle {
    ElementStyle {
        fg: Some(c),
        ..PLAIN
    }
}

/// The foreground `c`, bold.
fn bold(c: Color) -> ElementStyle {
    fg(c).bold()
}

impl ElementStyle {
    /// With the background `c`.
    fn on(mut self, c: Color) -> ElementStyle {
        self.bg = Some(c);
        self
    }

    fn bold(mut self) -> ElementStyle {
        self.modifiers.bold = true;
        self
    }

    fn italic(mut self) -> ElementStyle {
        self.modifiers.italic = true;
        self
    }

    fn underlined(mut self) -> ElementStyle {
        self.modifiers.underlined = true;
        self
    }

    fn reversed(mut self) -> ElementStyle {
        self.modifiers.reversed = true;
        self
    }
}

/// Where on the screen an element is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// The reader's frame: borders, bars, the list, the mascot.
    Frame,
    /// The article: what `kiji show` prints too.
    Article,
}

/// Makes everything that lists the elements from the one table below.
macro_rules! theme_table {
    ($(
        $(#[doc = $doc:literal])+
        $field:ident / $variant:ident in $part:ident {
            dark: $dark:expr, light: $light:expr, mono: $mono:expr $(,)?
        }
    )*) => {
        /// An element of the screen that the theme styles.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Element {
            $( $(#[doc = $doc])+ $variant, )*
        }

        /// The names of the elements as the configuration writes them, in table order.
        pub const ELEMENTS: [&str; Element::ALL.len()] = [$(stringify!($field)),*];

        impl Element {
            /// Every element, in table order.
            pub const ALL: [Element; [$(stringify!($field)),*].len()] = [$(Element::$variant),*];

            /// The name as the configuration writes it.
            pub fn name(self) -> &'static str {
                match self {
                    $(Element::$variant => stringify!($field),)*
                }
            }

            /// The element of a name as the configuration writes it.
            pub fn from_name(name: &str) -> Option<Element> {
                match name {
                    $(stringify!($field) => Some(Element::$variant),)*
                    _ => None,
                }
            }

            /// The part of the screen the element is in.
            pub fn part(self) -> Part {
                match self {
                    $(Element::$variant => Part::$part,)*
                }
            }
        }

        /// A value for every element: a [`Theme`] of [`ElementStyle`]s here, ratatui styles in
        /// the reader.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct Elements<S> {
            $( $(#[doc = $doc])+ pub $field: S, )*
        }

        impl<S> Elements<S> {
            /// The value of one element.
            pub fn get(&self, e: Element) -> &S {
                match e {
                    $(Element::$variant => &self.$field,)*
                }
            }

            /// The value of one element, to change it.
            pub fn get_mut(&mut self, e: Element) -> &mut S {
                match e {
                    $(Element::$variant => &mut self.$field,)*
                }
            }

            /// Every value turned into another by `f`.
            pub fn map<T>(&self, mut f: impl FnMut(&S) -> T) -> Elements<T> {
                Elements { $($field: f(&self.$field),)* }
            }
        }

        impl Theme {
            /// Light text on a dark terminal: the default.
            pub fn dark() -> Theme {
                Elements { $($field: $dark,)* }
            }

            /// Dark text on a light terminal: no yellow or cyan text, which fades on white.
            pub fn light() -> Theme {
                Elements { $($field: $light,)* }
            }

            /// No colour at all: emphasis by bold, reverse, underline and italic only. This is
            /// also the theme at [`ColorDepth::None`] (`NO_COLOR`).
            pub fn mono() -> Theme {
                Elements { $($field: $mono,)* }
            }
        }
    };
}

use Color::{
    Black, Blue, Cyan, DarkGray, Gray, Green, LightRed, LightYellow, Magenta, Red, White, Yellow,
};

theme_table! {
    /// Pane borders without focus.
    border / Border in Frame { dark: fg(DarkGray), light: fg(Gray), mono: PLAIN }
    /// The border of the focused pane.
    border_focus / BorderFocus in Frame { dark: fg(Cyan), light: fg(Blue), mono: PLAIN.bold() }
    /// The title bar.
    title_bar / TitleBar in Frame {
        dark: fg(Black).on(Cyan).bold(),
        light: fg(White).on(Blue).bold(),
        mono: PLAIN.reversed().bold(),
    }
    /// A filter chip in the title bar.
    chip / Chip in Frame {
        dark: fg(Black).on(Yellow),
        light: fg(Black).on(LightYellow),
        mono: PLAIN.reversed(),
    }
    /// The status bar.
    status / Status in Frame {
        dark: fg(White).on(DarkGray),
        light: fg(Black).on(Gray),
        mono: PLAIN.reversed(),
    }
    /// The selected list row.
    selected / Selected in Frame {
        dark: PLAIN.reversed(),
        light: PLAIN.reversed(),
        mono: PLAIN.reversed(),
    }
    /// Dates in the list.
    date / Date in Frame { dark: fg(DarkGray), light: fg(DarkGray), mono: PLAIN }
    /// Locale badges.
    badge / Badge in Frame { dark: fg(Magenta), light: fg(Magenta), mono: PLAIN.bold() }
    /// Unread and star marks.
    mark / Mark in Frame { dark: fg(Yellow), light: fg(Red), mono: PLAIN.bold() }
    /// The mascot drawing.
    mascot / Mascot in Frame { dark: fg(Yellow), light: fg(Magenta), mono: PLAIN }
    /// The mascot's speech bubble.
    bubble / Bubble in Frame { dark: fg(White), light: fg(DarkGray), mono: PLAIN }
    /// Warnings (diagnostics count).
    warning / Warning in Frame {
        dark: bold(Yellow),
        light: bold(Red),
        mono: PLAIN.bold().underlined(),
    }
    /// The article title in the body's header.
    title / Title in Article { dark: bold(Cyan), light: bold(Blue), mono: PLAIN.bold() }
    /// Date, category and other metadata in the header.
    meta / Meta in Article { dark: fg(DarkGray), light: fg(DarkGray), mono: PLAIN }
    /// Tag chips in the header.
    tag / Tag in Article { dark: fg(Yellow), light: fg(Magenta), mono: PLAIN.underlined() }
    /// The article's description in the header (added to the body text style).
    description / Description in Article {
        dark: PLAIN.italic(),
        light: PLAIN.italic(),
        mono: PLAIN.italic(),
    }
    /// Level-1 headings.
    heading1 / Heading1 in Article {
        dark: bold(Cyan),
        light: bold(Blue),
        mono: PLAIN.bold().underlined(),
    }
    /// Level-2 headings.
    heading2 / Heading2 in Article { dark: bold(Green), light: bold(Green), mono: PLAIN.bold() }
    /// Headings of level 3 to 6.
    heading3 / Heading3 in Article { dark: bold(Blue), light: bold(Magenta), mono: PLAIN.bold() }
    /// Inline code and code blocks.
    code / Code in Article { dark: fg(LightRed), light: fg(Red), mono: PLAIN }
    /// Link text.
    link / Link in Article {
        dark: fg(Blue).underlined(),
        light: fg(Blue).underlined(),
        mono: PLAIN.underlined(),
    }
    /// Reference marks such as `[3]` and the URL list.
    link_ref / LinkRef in Article { dark: fg(DarkGray), light: fg(DarkGray), mono: PLAIN }
    /// Block quotes.
    quote / Quote in Article { dark: fg(Gray), light: fg(DarkGray), mono: PLAIN.italic() }
    /// List bullets, numbers and task boxes.
    list_marker / ListMarker in Article { dark: fg(Yellow), light: fg(Magenta), mono: PLAIN }
    /// Table borders and separators.
    table_border / TableBorder in Article { dark: fg(DarkGray), light: fg(Gray), mono: PLAIN }
    /// Table header cells.
    table_header / TableHeader in Article {
        dark: PLAIN.bold(),
        light: PLAIN.bold(),
        mono: PLAIN.bold(),
    }
    /// Horizontal rules.
    rule / Rule in Article { dark: fg(DarkGray), light: fg(Gray), mono: PLAIN }
    /// Continuation marks, image placeholders and other hints.
    dim / Dim in Article { dark: fg(DarkGray), light: fg(DarkGray), mono: PLAIN }
}

/// The styles of every element, as plain data.
pub type Theme = Elements<ElementStyle>;

impl Default for Theme {
    /// The dark theme.
    fn default() -> Self {
        Theme::dark()
    }
}

impl Element {
    /// The element that styles a laid-out span of `role`; `None` for plain text.
    pub fn of_role(role: Role) -> Option<Element> {
        Some(match role {
            Role::Text => return None,
            Role::Title => Element::Title,
            Role::Meta => Element::Meta,
            Role::Tag => Element::Tag,
            Role::Description => Element::Description,
            Role::Heading(1) => Element::Heading1,
            Role::Heading(2) => Element::Heading2,
            Role::Heading(_) => Element::Heading3,
            Role::Code | Role::CodeBlock => Element::Code,
            Role::Link => Element::Link,
            Role::LinkRef => Element::LinkRef,
            Role::Quote => Element::Quote,
            Role::ListMarker => Element::ListMarker,
            Role::TableBorder => Element::TableBorder,
            Role::Rule => Element::Rule,
            Role::Dim => Element::Dim,
            Role::TableHeader => Element::TableHeader,
        })
    }
}

/// Every role a laid-out span can have (headings of levels 1, 2, 3 and 6), for tests of
/// what each looks like.
#[cfg(test)]
pub(crate) const ROLES: [Role; 19] = [
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
    Role::Dim,
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

impl Theme {
    /// The style of a laid-out span: its role's style with the span's own emphasis added.
    pub fn text(&self, s: &TextStyle) -> ElementStyle {
        let mut style = Element::of_role(s.role).map_or(PLAIN, |e| *self.get(e));
        style.modifiers = style.modifiers.union(Modifiers::of_text(s));
        style
    }

    /// The theme with colour overrides applied (emphasis is kept). Overrides naming an
    /// element that is not in [`ELEMENTS`] are ignored; the configuration rejects them first.
    pub fn with_colors(mut self, overrides: &[ColorOverride]) -> Theme {
        for o in overrides {
            if let Some(e) = Element::from_name(&o.element) {
                let style = self.get_mut(e);
                style.fg = o.fg.or(style.fg);
                style.bg = o.bg.or(style.bg);
            }
        }
        self
    }

    /// The theme as a terminal of `depth` can show it: every colour of every style mapped down
    /// by [`depth::downgrade`] (emphasis is kept). At [`ColorDepth::None`] it is
    /// [`Theme::mono`], since taking the colours out of a colour theme would lose what they
    /// marked (the title bar, the selection).
    pub fn with_depth(self, depth: ColorDepth) -> Theme {
        if depth == ColorDepth::None {
            return Theme::mono();
        }
        self.map(|s| ElementStyle {
            fg: s.fg.map(|c| depth::downgrade(c, depth)),
            bg: s.bg.map(|c| depth::downgrade(c, depth)),
            modifiers: s.modifiers,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colours(t: &Theme) -> Vec<Color> {
        Element::ALL
            .iter()
            .flat_map(|&e| [t.get(e).fg, t.get(e).bg])
            .flatten()
            .collect()
    }

    #[test]
    fn the_table_names_every_element_once() {
        assert_eq!(ELEMENTS.len(), Element::ALL.len());
        for (i, e) in Element::ALL.into_iter().enumerate() {
            assert_eq!(e.name(), ELEMENTS[i]);
            assert_eq!(Element::from_name(e.name()), Some(e));
            assert_eq!(ELEMENTS.iter().filter(|n| **n == e.name()).count(), 1);
        }
        assert_eq!(Element::from_name("solarized"), None);
        // The frame comes first, then the article, as the default configuration lists them.
        let parts: Vec<Part> = Element::ALL.iter().map(|e| e.part()).collect();
        let split = parts.iter().position(|p| *p == Part::Article).unwrap_or(0);
        assert!(split > 0 && parts[split..].iter().all(|p| *p == Part::Article));
    }

    #[test]
    fn every_role_but_text_has_an_article_element() {
        for role in ROLES.into_iter().filter(|r| *r != Role::Text) {
            let e = Element::of_role(role);
            assert_eq!(e.map(Element::part), Some(Part::Article), "{role:?}");
            assert_ne!(
                Theme::dark().text(&TextStyle::role(role)),
                PLAIN,
                "{role:?}"
            );
        }
        assert_eq!(Element::of_role(Role::Text), None);
        let strong = TextStyle {
            bold: true,
            strike: true,
            ..TextStyle::role(Role::Link)
        };
        let m = Theme::dark().text(&strong).modifiers;
        assert!(m.bold && m.crossed_out && m.underlined && !m.italic);
    }

    #[test]
    fn mono_has_no_colour_at_all() {
        assert!(colours(&Theme::mono()).is_empty());
        assert!(!colours(&Theme::dark()).is_empty());
        assert_eq!(Theme::dark().with_depth(ColorDepth::None), Theme::mono());
    }

    #[test]
    fn colour_overrides_keep_emphasis() {
        let theme = Theme::dark().with_colors(&[
            ColorOverride {
                element: "title_bar".into(),
                fg: Some(White),
                bg: None,
            },
            ColorOverride {
                element: "heading1".into(),
                fg: Some(Color::Indexed(208)),
                bg: Some(Color::Rgb(0, 0, 0x33)),
            },
        ]);
        assert_eq!(theme.title_bar, fg(White).on(Cyan).bold());
        assert_eq!(
            theme.text(&TextStyle::role(Role::Heading(1))),
            fg(Color::Indexed(208)).on(Color::Rgb(0, 0, 0x33)).bold()
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
        assert_eq!(t.dim, fg(Color::Indexed(208)).on(Color::Indexed(196)));
        let t = custom.with_depth(ColorDepth::Ansi16);
        assert_eq!(t.border.fg, Some(Gray));
        assert_eq!(t.dim, fg(Yellow).on(Color::LightRed));
        // Emphasis stays.
        assert_eq!(t.title, Theme::dark().title);
    }
}
