//! Colours as the configuration writes them: the terminal's default, the 16 ANSI colours, a
//! 256-colour palette number or `#rrggbb` ([`Color`]), read from a name, a number or a hex
//! code by [`parse_color`].

/// A colour, as settings name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Color {
    /// The terminal's default colour.
    Reset,
    /// ANSI colour 0.
    Black,
    /// ANSI colour 1.
    Red,
    /// ANSI colour 2.
    Green,
    /// ANSI colour 3.
    Yellow,
    /// ANSI colour 4.
    Blue,
    /// ANSI colour 5.
    Magenta,
    /// ANSI colour 6.
    Cyan,
    /// ANSI colour 7.
    Gray,
    /// ANSI colour 8.
    DarkGray,
    /// ANSI colour 9.
    LightRed,
    /// ANSI colour 10.
    LightGreen,
    /// ANSI colour 11.
    LightYellow,
    /// ANSI colour 12.
    LightBlue,
    /// ANSI colour 13.
    LightMagenta,
    /// ANSI colour 14.
    LightCyan,
    /// ANSI colour 15.
    White,
    /// A number of the 256-colour palette.
    Indexed(u8),
    /// 24-bit colour.
    Rgb(u8, u8, u8),
}

/// The 16 ANSI colours, by palette number.
pub const ANSI16: [Color; 16] = [
    Color::Black,
    Color::Red,
    Color::Green,
    Color::Yellow,
    Color::Blue,
    Color::Magenta,
    Color::Cyan,
    Color::Gray,
    Color::DarkGray,
    Color::LightRed,
    Color::LightGreen,
    Color::LightYellow,
    Color::LightBlue,
    Color::LightMagenta,
    Color::LightCyan,
    Color::White,
];

/// The colour names [`parse_color`] knows, in the order messages and the default
/// configuration list them.
pub const NAMED: [(&str, Color); 17] = [
    ("default", Color::Reset),
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark-gray", Color::DarkGray),
    ("light-red", Color::LightRed),
    ("light-green", Color::LightGreen),
    ("light-yellow", Color::LightYellow),
    ("light-blue", Color::LightBlue),
    ("light-magenta", Color::LightMagenta),
    ("light-cyan", Color::LightCyan),
    ("white", Color::White),
];

impl Color {
    /// The ANSI palette number (0 to 15) of a named colour; `None` for the default, palette
    /// numbers and `#rrggbb`.
    pub fn ansi_number(self) -> Option<u8> {
        ANSI16
            .iter()
            .position(|&c| c == self)
            .and_then(|i| u8::try_from(i).ok())
    }
}

/// A colour as the configuration writes it: a name from [`NAMED`] (case and `-`/`_` do not
/// matter, `grey` is `gray`, `reset` is `default`), `#rrggbb`, or a terminal palette number
/// from 0 to 255.
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
    if name == "reset" {
        return Some(Color::Reset);
    }
    NAMED.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_by_name_hex_and_number() {
        assert_eq!(parse_color("light-blue"), Some(Color::LightBlue));
        assert_eq!(parse_color("Light_Blue"), Some(Color::LightBlue));
        assert_eq!(parse_color("dark-grey"), Some(Color::DarkGray));
        assert_eq!(parse_color("#FF8000"), Some(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_color("0"), Some(Color::Indexed(0)));
        assert_eq!(parse_color("255"), Some(Color::Indexed(255)));
        assert_eq!(parse_color("default"), Some(Color::Reset));
        assert_eq!(parse_color("reset"), Some(Color::Reset));
        for bad in ["256", "#fff", "#gg0000", "purple", "", "-1"] {
            assert_eq!(parse_color(bad), None, "{bad}");
        }
        for (name, colour) in NAMED {
            assert_eq!(parse_color(name), Some(colour), "{name}");
        }
    }

    #[test]
    fn named_colours_know_their_palette_number() {
        assert_eq!(Color::Black.ansi_number(), Some(0));
        assert_eq!(Color::Gray.ansi_number(), Some(7));
        assert_eq!(Color::DarkGray.ansi_number(), Some(8));
        assert_eq!(Color::White.ansi_number(), Some(15));
        assert_eq!(Color::Reset.ansi_number(), None);
        assert_eq!(Color::Indexed(3).ansi_number(), None);
    }
}
