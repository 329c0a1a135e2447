//! Colour depth: how many colours the terminal shows ([`ColorDepth`], detected from the
//! environment by [`detect`] or set with `colors` / `--colors`), and mapping a colour down to
//! what that depth can show ([`downgrade`]). Pure functions; the theme applies them to every
//! style ([`super::Theme::with_depth`]), for the reader and `kiji show` alike.

use std::ffi::OsString;
use std::str::FromStr;

use super::color::{ANSI16, Color};

/// How many colours the terminal can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ColorDepth {
    /// 24-bit colour (`#rrggbb` as it is).
    TrueColor,
    /// The xterm 256-colour palette.
    Ansi256,
    /// The 16 ANSI colours.
    Ansi16,
    /// No colour at all: the `mono` theme, emphasis only.
    None,
}

impl ColorDepth {
    /// The name as the configuration and `--colors` write it.
    pub fn as_str(self) -> &'static str {
        match self {
            ColorDepth::TrueColor => "truecolor",
            ColorDepth::Ansi256 => "256",
            ColorDepth::Ansi16 => "16",
            ColorDepth::None => "none",
        }
    }
}

/// The `colors` setting: detect the depth, or use the one given.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ColorSetting {
    /// Detect it from `NO_COLOR`, `COLORTERM` and `TERM` ([`detect`]).
    #[default]
    Auto,
    /// This depth, whatever the environment says (`NO_COLOR` included).
    Fixed(ColorDepth),
}

impl ColorSetting {
    /// The name as the configuration and `--colors` write it.
    pub fn as_str(self) -> &'static str {
        match self {
            ColorSetting::Auto => "auto",
            ColorSetting::Fixed(d) => d.as_str(),
        }
    }

    /// The depth to draw with: the fixed one, else what the environment (`env`) says.
    pub fn resolve(self, env: impl Fn(&str) -> Option<OsString>) -> ColorDepth {
        match self {
            ColorSetting::Auto => detect(env),
            ColorSetting::Fixed(d) => d,
        }
    }
}

impl FromStr for ColorSetting {
    type Err = String;

    /// `auto`, `truecolor` (or `24bit`), `256`, `16` or `none`; usable as a clap value parser.
    fn from_str(s: &str) -> Result<ColorSetting, String> {
        Ok(match s.trim().to_ascii_lowercase().as_str() {
            "auto" => ColorSetting::Auto,
            "truecolor" | "24bit" => ColorSetting::Fixed(ColorDepth::TrueColor),
            "256" => ColorSetting::Fixed(ColorDepth::Ansi256),
            "16" => ColorSetting::Fixed(ColorDepth::Ansi16),
            "none" => ColorSetting::Fixed(ColorDepth::None),
            _ => {
                return Err(format!(
                    "expected `auto`, `truecolor`, `256`, `16` or `none`, found `{s}`"
                ));
            }
        })
    }
}

/// The colour depth the environment asks for: none when `NO_COLOR` is set and not empty
/// (<https://no-color.org>); true colour when `COLORTERM` is `truecolor` or `24bit`; 256
/// colours when `TERM` contains `256color`; otherwise the 16 ANSI colours (`TERM=dumb` never
/// gets this far: the reader refuses it).
pub fn detect(env: impl Fn(&str) -> Option<OsString>) -> ColorDepth {
    let var = |k: &str| env(k).map(|v| v.to_string_lossy().into_owned());
    if var("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return ColorDepth::None;
    }
    let colorterm = var("COLORTERM").unwrap_or_default().to_ascii_lowercase();
    if colorterm == "truecolor" || colorterm == "24bit" {
        return ColorDepth::TrueColor;
    }
    if var("TERM").is_some_and(|t| t.contains("256color")) {
        return ColorDepth::Ansi256;
    }
    ColorDepth::Ansi16
}

/// xterm's default values of the 16 ANSI colours, by palette number.
const ANSI16_RGB: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// The levels of the 6x6x6 colour cube of the 256-colour palette (numbers 16 to 231).
const CUBE: [u8; 6] = [0, 95, 135, 175, 215, 255];

/// The red, green and blue of a 256-colour palette number (xterm's values).
pub(crate) fn xterm_rgb(i: u8) -> (u8, u8, u8) {
    match i {
        0..=15 => ANSI16_RGB[usize::from(i)],
        16..=231 => {
            let n = usize::from(i - 16);
            (CUBE[n / 36], CUBE[n / 6 % 6], CUBE[n % 6])
        }
        232..=255 => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
    }
}

/// How far apart two colours look: squared distance with the eye's weights for red, green
/// and blue (a cheap stand-in for a perceptual distance).
fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    let d = |x: u8, y: u8| u32::from(x.abs_diff(y)).pow(2);
    2 * d(a.0, b.0) + 4 * d(a.1, b.1) + 3 * d(a.2, b.2)
}

/// The palette number in `range` nearest to `rgb` (the lowest number on a tie).
fn nearest(rgb: (u8, u8, u8), range: std::ops::RangeInclusive<u8>) -> u8 {
    let start = *range.start();
    range
        .min_by_key(|&i| distance(rgb, xterm_rgb(i)))
        .unwrap_or(start)
}

/// The nearest of the 256-colour palette's fixed colours (16 to 255: the cube and the greys;
/// 0 to 15 are left out because terminals let users change them).
fn nearest_256(r: u8, g: u8, b: u8) -> u8 {
    nearest((r, g, b), 16..=255)
}

/// The nearest of the 16 ANSI colours, by xterm's default values.
fn nearest_16(r: u8, g: u8, b: u8) -> Color {
    ANSI16[usize::from(nearest((r, g, b), 0..=15))]
}

/// `c` as a terminal of `depth` can show it: `#rrggbb` becomes the nearest palette colour at
/// 256 and 16 colours, a palette number above 15 the nearest ANSI colour at 16 (numbers 0 to
/// 15 become the ANSI colour of that number), and every colour the terminal's default at
/// [`ColorDepth::None`]. Named ANSI colours and the default are kept at every other depth.
pub fn downgrade(c: Color, depth: ColorDepth) -> Color {
    match (depth, c) {
        (ColorDepth::TrueColor, c) => c,
        (ColorDepth::None, _) => Color::Reset,
        (ColorDepth::Ansi256, Color::Rgb(r, g, b)) => Color::Indexed(nearest_256(r, g, b)),
        (ColorDepth::Ansi16, Color::Rgb(r, g, b)) => nearest_16(r, g, b),
        (ColorDepth::Ansi16, Color::Indexed(i)) if i < 16 => ANSI16[usize::from(i)],
        (ColorDepth::Ansi16, Color::Indexed(i)) => {
            let (r, g, b) = xterm_rgb(i);
            nearest_16(r, g, b)
        }
        (_, c) => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<OsString> + 'a {
        move |k| {
            vars.iter()
                .find(|(name, _)| *name == k)
                .map(|(_, v)| OsString::from(v))
        }
    }

    #[test]
    fn detection_follows_no_color_colorterm_then_term() {
        assert_eq!(detect(env(&[])), ColorDepth::Ansi16);
        assert_eq!(detect(env(&[("TERM", "xterm")])), ColorDepth::Ansi16);
        assert_eq!(detect(env(&[("TERM", "screen")])), ColorDepth::Ansi16);
        assert_eq!(
            detect(env(&[("TERM", "xterm-256color")])),
            ColorDepth::Ansi256
        );
        assert_eq!(
            detect(env(&[
                ("TERM", "tmux-256color"),
                ("COLORTERM", "truecolor")
            ])),
            ColorDepth::TrueColor
        );
        assert_eq!(
            detect(env(&[("TERM", "xterm"), ("COLORTERM", "24bit")])),
            ColorDepth::TrueColor
        );
        // COLORTERM=yes (some terminals) says nothing about the depth.
        assert_eq!(
            detect(env(&[("TERM", "xterm"), ("COLORTERM", "yes")])),
            ColorDepth::Ansi16
        );
        assert_eq!(
            detect(env(&[("COLORTERM", "truecolor"), ("NO_COLOR", "1")])),
            ColorDepth::None
        );
        assert_eq!(
            detect(env(&[("TERM", "xterm-256color"), ("NO_COLOR", "")])),
            ColorDepth::Ansi256
        );
    }

    #[test]
    fn a_fixed_setting_wins_over_the_environment() {
        let e = [("NO_COLOR", "1"), ("TERM", "xterm")];
        assert_eq!(ColorSetting::Auto.resolve(env(&e)), ColorDepth::None);
        assert_eq!(
            ColorSetting::Fixed(ColorDepth::Ansi256).resolve(env(&e)),
            ColorDepth::Ansi256
        );
    }

    #[test]
    fn settings_parse_and_print_back() {
        for name in ["auto", "truecolor", "256", "16", "none"] {
            let s: ColorSetting = name.parse().expect("a setting");
            assert_eq!(s.as_str(), name);
        }
        assert_eq!(
            "24bit".parse(),
            Ok(ColorSetting::Fixed(ColorDepth::TrueColor))
        );
        assert_eq!(
            "88".parse::<ColorSetting>(),
            Err("expected `auto`, `truecolor`, `256`, `16` or `none`, found `88`".into())
        );
    }

    #[test]
    fn the_palette_has_xterms_values() {
        assert_eq!(xterm_rgb(16), (0, 0, 0));
        assert_eq!(xterm_rgb(110), (0x87, 0xaf, 0xd7));
        assert_eq!(xterm_rgb(208), (0xff, 0x87, 0x00));
        assert_eq!(xterm_rgb(231), (255, 255, 255));
        assert_eq!(xterm_rgb(232), (8, 8, 8));
        assert_eq!(xterm_rgb(255), (238, 238, 238));
    }

    #[test]
    fn true_colour_becomes_the_nearest_of_256() {
        let to256 = |c| downgrade(c, ColorDepth::Ansi256);
        // Exact palette colours map to themselves.
        assert_eq!(to256(Color::Rgb(0x87, 0xaf, 0xd7)), Color::Indexed(110));
        assert_eq!(to256(Color::Rgb(0xff, 0x87, 0x00)), Color::Indexed(208));
        // Near ones to the nearest: a dark grey to the grey ramp, an off-red to the cube.
        assert_eq!(to256(Color::Rgb(0x30, 0x30, 0x31)), Color::Indexed(236));
        assert_eq!(to256(Color::Rgb(0xfe, 0x01, 0x02)), Color::Indexed(196));
        // Palette numbers and names are already in the palette.
        assert_eq!(to256(Color::Indexed(17)), Color::Indexed(17));
        assert_eq!(to256(Color::Cyan), Color::Cyan);
        assert_eq!(to256(Color::Reset), Color::Reset);
    }

    #[test]
    fn colours_become_the_nearest_of_16() {
        let to16 = |c| downgrade(c, ColorDepth::Ansi16);
        assert_eq!(to16(Color::Rgb(250, 5, 5)), Color::LightRed);
        assert_eq!(to16(Color::Rgb(190, 10, 10)), Color::Red);
        assert_eq!(to16(Color::Rgb(0x87, 0xaf, 0xd7)), Color::Gray);
        assert_eq!(to16(Color::Rgb(10, 10, 10)), Color::Black);
        assert_eq!(to16(Color::Rgb(130, 128, 126)), Color::DarkGray);
        // Palette numbers: 0-15 by number, the rest by their colour.
        assert_eq!(to16(Color::Indexed(1)), Color::Red);
        assert_eq!(to16(Color::Indexed(12)), Color::LightBlue);
        assert_eq!(to16(Color::Indexed(208)), Color::Yellow);
        assert_eq!(to16(Color::Indexed(21)), Color::Blue);
        // Navy is nearer black than blue.
        assert_eq!(to16(Color::Indexed(17)), Color::Black);
        assert_eq!(to16(Color::Indexed(255)), Color::Gray);
        assert_eq!(to16(Color::Magenta), Color::Magenta);
        assert_eq!(to16(Color::Reset), Color::Reset);
    }

    #[test]
    fn true_colour_keeps_everything_and_none_keeps_nothing() {
        for c in [Color::Rgb(1, 2, 3), Color::Indexed(200), Color::Blue] {
            assert_eq!(downgrade(c, ColorDepth::TrueColor), c);
            assert_eq!(downgrade(c, ColorDepth::None), Color::Reset);
        }
    }

    #[test]
    fn every_downgrade_lands_in_its_palette() {
        for i in 0..=255u8 {
            let c = downgrade(Color::Indexed(i), ColorDepth::Ansi16);
            assert!(ANSI16.contains(&c), "{i} -> {c:?}");
            let rgb = Color::Rgb(i, 255 - i, i / 2);
            assert!(ANSI16.contains(&downgrade(rgb, ColorDepth::Ansi16)));
            assert!(matches!(
                downgrade(rgb, ColorDepth::Ansi256),
                Color::Indexed(16..=255)
            ));
        }
    }
}
