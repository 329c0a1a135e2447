//! The colours the built-in themes are drawn with on the background they are made for
//! ([`Background`]): the table in `theme` names ANSI colours; at 256 colours and true colour
//! they become colours chosen to read on that background ([`rich`]), and at 16 colours the
//! ANSI colours that vanish on it (grey and white on a light terminal, black and bright black
//! on a dark one, as palettes such as Solarized draw them) give way to the terminal's own
//! foreground, dimmed ([`Theme::built_in`]).

use super::color::Color;
use super::depth::ColorDepth;
use super::theme::Theme;

/// The terminal background a built-in theme is made for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Background {
    /// A dark background (about #1e1e1e; black among the 16 colours).
    Dark,
    /// A light background (white).
    Light,
}

impl Background {
    /// The background as true colour, which the contrast of the themes is measured against.
    pub fn rgb(self) -> (u8, u8, u8) {
        match self {
            Background::Dark => (0x1e, 0x1e, 0x1e),
            Background::Light => (0xff, 0xff, 0xff),
        }
    }

    /// The ANSI colours a foreground must not use on this background at 16 colours.
    pub fn vanishing(self) -> [Color; 2] {
        match self {
            Background::Dark => [Color::Black, Color::DarkGray],
            Background::Light => [Color::Gray, Color::White],
        }
    }
}

/// The colour an ANSI colour of a built-in theme becomes at 256 colours and true colour on
/// `bg`: as a foreground, one that keeps 4.5:1 against the background; as a background
/// (`as_bg`), one its own foreground reads on. Other colours are kept.
pub fn rich(c: Color, bg: Background, as_bg: bool) -> Color {
    use Color::*;
    let rgb = match (bg, c, as_bg) {
        (_, Black, _) => (0x00, 0x00, 0x00),
        (_, White, _) => (0xff, 0xff, 0xff),
        (Background::Dark, Red, _) => (0xff, 0x5f, 0x5f),
        (Background::Dark, Green, _) => (0x5f, 0xd7, 0x5f),
        (Background::Dark, Yellow, _) => (0xd7, 0xd7, 0x5f),
        (Background::Dark, Blue, _) => (0x87, 0xaf, 0xff),
        (Background::Dark, Magenta, _) => (0xd7, 0x87, 0xd7),
        (Background::Dark, Cyan, _) => (0x5f, 0xd7, 0xd7),
        (Background::Dark, Gray, _) => (0xd0, 0xd0, 0xd0),
        (Background::Dark, DarkGray, false) => (0x8a, 0x8a, 0x8a),
        (Background::Dark, DarkGray, true) => (0x3a, 0x3a, 0x3a),
        (Background::Dark, LightRed, _) => (0xff, 0x87, 0x87),
        (Background::Dark, LightYellow, _) => (0xff, 0xff, 0x87),
        (Background::Light, Red | LightRed, _) => (0xaf, 0x00, 0x00),
        (Background::Light, Green, _) => (0x00, 0x87, 0x00),
        (Background::Light, Yellow, _) => (0x87, 0x5f, 0x00),
        (Background::Light, Blue, _) => (0x00, 0x00, 0xd7),
        (Background::Light, Magenta, _) => (0xaf, 0x00, 0xaf),
        (Background::Light, Cyan, _) => (0x00, 0x5f, 0x87),
        (Background::Light, Gray, false) => (0x8a, 0x8a, 0x8a),
        (Background::Light, Gray, true) => (0xd0, 0xd0, 0xd0),
        (Background::Light, DarkGray, _) => (0x5f, 0x5f, 0x5f),
        (Background::Light, LightYellow, _) => (0xff, 0xff, 0xaf),
        (_, other, _) => return other,
    };
    Color::Rgb(rgb.0, rgb.1, rgb.2)
}

impl Theme {
    /// The built-in colour theme for `bg` as a terminal of `depth` shows it: the table's
    /// colours made readable on `bg` ([`rich`]) at 256 colours and true colour, the vanishing
    /// ANSI colours replaced by the dimmed default foreground at 16, [`Theme::mono`] at none.
    pub fn built_in(bg: Background, depth: ColorDepth) -> Theme {
        let table = match bg {
            Background::Dark => Theme::dark(),
            Background::Light => Theme::light(),
        };
        let themed = match depth {
            ColorDepth::TrueColor | ColorDepth::Ansi256 => table.map(|s| {
                let mut s = *s;
                s.fg = s.fg.map(|c| rich(c, bg, false));
                s.bg = s.bg.map(|c| rich(c, bg, true));
                s
            }),
            ColorDepth::Ansi16 => table.map(|s| {
                let mut s = *s;
                let on_terminal = s.bg.is_none() && !s.modifiers.reversed;
                if on_terminal && s.fg.is_some_and(|c| bg.vanishing().contains(&c)) {
                    s.fg = None;
                    s.modifiers.dim = true;
                }
                s
            }),
            ColorDepth::None => Theme::mono(),
        };
        themed.with_depth(depth)
    }
}

#[cfg(test)]
mod tests {
    //! The themes' contrast. Each built-in theme is measured against the background it is
    //! made for: dark against #1e1e1e (black among the 16 colours), light against white.
    //! An element with a background of its own is measured against that; one with no
    //! foreground of its own (or reversed) draws in the terminal's colours and is left out.
    //! Text needs 4.5:1 (WCAG AA); borders, scrollbars, rules, table borders, the speech
    //! bubble's frame and the mascot's drawing, which are not read letter by letter, 3:1.

    use super::*;
    use crate::style::depth::xterm_rgb;
    use crate::style::{Element, ElementStyle};

    /// What each colour is on screen: true colour as it is, palette numbers and ANSI colours
    /// as xterm draws them by default.
    fn rgb(c: Color) -> Option<(u8, u8, u8)> {
        match c {
            Color::Reset => None,
            Color::Rgb(r, g, b) => Some((r, g, b)),
            Color::Indexed(i) => Some(xterm_rgb(i)),
            named => named.ansi_number().map(xterm_rgb),
        }
    }

    /// WCAG relative luminance.
    fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
        let lin = |v: u8| {
            let c = f64::from(v) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }

    /// WCAG contrast ratio of two colours (1 to 21).
    fn contrast(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    /// Whether an element is read as text (else it is a line or a drawing: 3:1 is enough).
    fn is_text(e: Element) -> bool {
        !matches!(
            e,
            Element::Border
                | Element::BorderFocus
                | Element::TableBorder
                | Element::Rule
                | Element::Bubble
                | Element::Mascot
        )
    }

    /// The contrast of an element's foreground against what it is drawn on, if it has one.
    fn element_contrast(s: &ElementStyle, bg: Background) -> Option<f64> {
        if s.modifiers.reversed {
            return None;
        }
        let fg = rgb(s.fg?)?;
        let under = s.bg.and_then(rgb).unwrap_or(bg.rgb());
        Some(contrast(fg, under))
    }

    #[test]
    fn contrast_is_measured_as_wcag_does() {
        assert!((contrast((0, 0, 0), (255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast((9, 9, 9), (9, 9, 9)) - 1.0).abs() < 1e-9);
        // xterm's grey (SGR 37) on white, the light theme's old borders: far below 3:1.
        assert!(contrast(xterm_rgb(7), (255, 255, 255)) < 1.3);
    }

    #[test]
    fn every_theme_reads_on_its_background_at_256_colours_and_true_colour() {
        let mut failures = Vec::new();
        for bg in [Background::Dark, Background::Light] {
            for depth in [ColorDepth::TrueColor, ColorDepth::Ansi256] {
                let theme = Theme::built_in(bg, depth);
                for e in Element::ALL {
                    let Some(ratio) = element_contrast(theme.get(e), bg) else {
                        continue;
                    };
                    let need = if is_text(e) { 4.5 } else { 3.0 };
                    if ratio < need {
                        failures.push(format!("{bg:?} {depth:?} {e:?}: {ratio:.2} < {need}"));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{failures:#?}");
    }

    #[test]
    fn at_16_colours_nothing_vanishes_into_the_background() {
        for bg in [Background::Dark, Background::Light] {
            let theme = Theme::built_in(bg, ColorDepth::Ansi16);
            for e in Element::ALL {
                let s = theme.get(e);
                if s.bg.is_some() {
                    // Drawn on its own colour: that pair must still differ.
                    assert_ne!(s.fg, s.bg, "{bg:?} {e:?}");
                    continue;
                }
                if s.modifiers.reversed {
                    continue;
                }
                assert!(
                    !s.fg.is_some_and(|c| bg.vanishing().contains(&c)),
                    "{bg:?} {e:?} uses {:?}",
                    s.fg
                );
            }
            // The light theme's unfocused borders are no longer white (SGR 37).
            if bg == Background::Light {
                assert_eq!(theme.border.fg, None);
                assert!(theme.border.modifiers.dim);
            }
        }
    }

    #[test]
    fn rich_colours_leave_custom_ones_alone() {
        let c = Color::Rgb(1, 2, 3);
        assert_eq!(rich(c, Background::Dark, false), c);
        assert_eq!(
            rich(Color::Indexed(208), Background::Light, true),
            Color::Indexed(208)
        );
        assert_eq!(rich(Color::Reset, Background::Light, false), Color::Reset);
        assert_eq!(
            Theme::built_in(Background::Dark, ColorDepth::None),
            Theme::mono()
        );
        // At 256 colours every colour is a palette number.
        let t = Theme::built_in(Background::Light, ColorDepth::Ansi256);
        for e in Element::ALL {
            for c in [t.get(e).fg, t.get(e).bg].into_iter().flatten() {
                assert!(matches!(c, Color::Indexed(16..=255)), "{e:?} {c:?}");
            }
        }
    }
}
