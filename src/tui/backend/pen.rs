//! The pen: the colours and attributes the terminal draws the next glyph with, and the one
//! SGR sequence (`CSI a;b;c m`) that turns one pen into another, whichever is shorter of the
//! changes alone or a reset followed by the new pen.
//!
//! The 16 ANSI colours go out as the classic `ESC[31m`-style codes, which every colour
//! terminal knows (crossterm would write them as `ESC[38;5;1m`, which 16-colour terminals may
//! not); palette numbers and `#rrggbb` go out as they are, the theme having already mapped
//! them down to the terminal's colour depth (`crate::style::depth`). Written here rather than
//! by crossterm, which writes nothing but `ESC[m` (a full reset) for every colour when
//! `NO_COLOR` is set, even when the user asked for colour with `--colors`.

use std::fmt::Write as _;
use std::io::{self, Write};

use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

/// Colours and attributes of drawn glyphs (the underline colour is not sent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pen {
    pub fg: Color,
    pub bg: Color,
    pub modifier: Modifier,
}

impl Pen {
    /// The terminal's own colours, no attributes: what `ESC[m` sets.
    pub const DEFAULT: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        modifier: Modifier::empty(),
    };

    /// The pen a cell is drawn with.
    pub fn of(cell: &Cell) -> Pen {
        Pen {
            fg: cell.fg,
            bg: cell.bg,
            modifier: cell.modifier,
        }
    }
}

/// The SGR code of a named ANSI colour (or the default) as a foreground, `30`-`37`, `90`-`97`
/// and `39`; add 10 for the background. `None` for palette numbers and `#rrggbb`.
fn ansi_code(c: Color) -> Option<u8> {
    Some(match c {
        Color::Reset => 39,
        Color::Black => 30,
        Color::Red => 31,
        Color::Green => 32,
        Color::Yellow => 33,
        Color::Blue => 34,
        Color::Magenta => 35,
        Color::Cyan => 36,
        Color::Gray => 37,
        Color::DarkGray => 90,
        Color::LightRed => 91,
        Color::LightGreen => 92,
        Color::LightYellow => 93,
        Color::LightBlue => 94,
        Color::LightMagenta => 95,
        Color::LightCyan => 96,
        Color::White => 97,
        Color::Indexed(_) | Color::Rgb(..) => return None,
    })
}

/// Append one SGR parameter (or a colour's group of them), `;`-separated.
fn param(out: &mut String, p: impl std::fmt::Display) {
    if !out.is_empty() {
        out.push(';');
    }
    let _ = write!(out, "{p}");
}

/// Append the parameters of a foreground (`bg` false) or background colour.
fn color_params(out: &mut String, c: Color, bg: bool) {
    let base = if bg { 48 } else { 38 };
    match (ansi_code(c), c) {
        (Some(code), _) => param(out, code + if bg { 10 } else { 0 }),
        (None, Color::Indexed(i)) => param(out, format_args!("{base};5;{i}")),
        (None, Color::Rgb(r, g, b)) => param(out, format_args!("{base};2;{r};{g};{b}")),
        (None, _) => {}
    }
}

/// The attributes' codes, in the order they are switched on.
const ON: [(Modifier, u8); 9] = [
    (Modifier::REVERSED, 7),
    (Modifier::BOLD, 1),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::DIM, 2),
    (Modifier::CROSSED_OUT, 9),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::HIDDEN, 8),
];

/// Append the codes that turn the attributes `from` into `to`. Bold and dim share their
/// off code (22), so one that stays is switched on again after it.
fn modifier_params(out: &mut String, from: Modifier, to: Modifier) {
    let removed = from - to;
    let mut added = to - from;
    for (m, off) in [
        (Modifier::REVERSED, 27),
        (Modifier::ITALIC, 23),
        (Modifier::UNDERLINED, 24),
        (Modifier::CROSSED_OUT, 29),
        (Modifier::HIDDEN, 28),
    ] {
        if removed.contains(m) {
            param(out, off);
        }
    }
    if removed.intersects(Modifier::BOLD | Modifier::DIM) {
        param(out, 22);
        added |= to & (Modifier::BOLD | Modifier::DIM);
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        param(out, 25);
        added |= to & (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK);
    }
    for (m, on) in ON {
        if added.contains(m) {
            param(out, on);
        }
    }
}

/// The parameters that turn `from` into `to`, without a reset.
fn change_params(from: Pen, to: Pen) -> String {
    let mut out = String::new();
    modifier_params(&mut out, from.modifier, to.modifier);
    if from.fg != to.fg {
        color_params(&mut out, to.fg, false);
    }
    if from.bg != to.bg {
        color_params(&mut out, to.bg, true);
    }
    out
}

/// The one SGR sequence that turns the pen `from` into `to`: empty when they are the same,
/// `ESC[m` for the default, otherwise the changes or `0;` and the new pen, the shorter.
pub fn change(from: Pen, to: Pen) -> String {
    if from == to {
        return String::new();
    }
    if to == Pen::DEFAULT {
        return "\x1b[m".to_string();
    }
    let changes = change_params(from, to);
    let anew = format!("0;{}", change_params(Pen::DEFAULT, to));
    let shorter = if anew.len() < changes.len() {
        anew
    } else {
        changes
    };
    format!("\x1b[{shorter}m")
}

/// Write [`change`] from `from` to `to`.
pub fn write_change(w: &mut impl Write, from: Pen, to: Pen) -> io::Result<()> {
    if from != to {
        w.write_all(change(from, to).as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pen(fg: Color, bg: Color, modifier: Modifier) -> Pen {
        Pen { fg, bg, modifier }
    }

    #[test]
    fn changes_go_out_in_one_sequence() {
        let grey = pen(Color::Indexed(245), Color::Reset, Modifier::empty());
        let highlighted = pen(Color::Indexed(245), Color::Reset, Modifier::REVERSED);
        assert_eq!(change(Pen::DEFAULT, highlighted), "\x1b[7;38;5;245m");
        assert_eq!(change(grey, highlighted), "\x1b[7m");
        assert_eq!(change(highlighted, Pen::DEFAULT), "\x1b[m");
        assert_eq!(change(grey, grey), "");
        let bold_yellow = pen(Color::Indexed(185), Color::Reset, Modifier::BOLD);
        assert_eq!(change(bold_yellow, grey), "\x1b[0;38;5;245m");
        assert_eq!(
            change(
                pen(Color::Red, Color::Blue, Modifier::empty()),
                pen(Color::Reset, Color::Blue, Modifier::empty())
            ),
            "\x1b[39m"
        );
    }

    #[test]
    fn each_colour_kind_has_its_parameters() {
        let p = |fg, bg| change(Pen::DEFAULT, pen(fg, bg, Modifier::empty()));
        assert_eq!(p(Color::DarkGray, Color::White), "\x1b[90;107m");
        assert_eq!(
            p(Color::Indexed(208), Color::Indexed(17)),
            "\x1b[38;5;208;48;5;17m"
        );
        assert_eq!(
            p(Color::Rgb(1, 2, 3), Color::Rgb(4, 5, 6)),
            "\x1b[38;2;1;2;3;48;2;4;5;6m"
        );
    }

    #[test]
    fn bold_and_dim_share_their_off_code() {
        let both = Modifier::BOLD | Modifier::DIM;
        assert_eq!(
            change(
                pen(Color::Red, Color::Reset, both),
                pen(Color::Red, Color::Reset, Modifier::DIM)
            ),
            "\x1b[22;2m"
        );
        assert_eq!(
            change(
                pen(Color::Red, Color::Reset, Modifier::BOLD),
                pen(Color::Red, Color::Reset, Modifier::DIM)
            ),
            "\x1b[22;2m"
        );
    }
}
