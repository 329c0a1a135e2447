//! Crossing a gap between changed cells on one row by drawing its unchanged glyphs again,
//! taken from the frame being drawn, when that takes fewer bytes than a cursor move. Only
//! glyphs whose place and width are certain qualify: plain text of one pen, not a picture's
//! cell or one it covers, not a cluster terminals draw in other widths (nor the columns such a
//! cluster may spill into), no glyph of a width terminals disagree on ([`certain_width`]),
//! and no wide glyph cut by either end of the gap. The cursor itself must be where kiji counts
//! it: no such glyph printed since it was last placed.

use std::collections::HashMap;

use icu_properties::CodePointSetData;
use icu_properties::props::ExtendedPictographic;
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Position;
use unicode_width::UnicodeWidthChar;

use super::may_disagree;
use super::pen::Pen;
use crate::text::{AmbiguousWidth, str_width};

/// Whether terminals agree on where `symbol` leaves the cursor: one character (a combining
/// mark after another is one column more in some terminals and none in others), not an emoji
/// (whose widths change with Unicode versions), of the same width whether East Asian
/// ambiguous characters are narrow or wide, and of the width that the Unicode tables
/// terminals use (`wcwidth`, here `unicode-width`) give it, which kiji's own count departs
/// from on purpose for a few (the halfwidth voiced marks `ﾞ` `ﾟ`: one column for kiji, none
/// for those tables and for vt100).
pub fn certain_width(symbol: &str) -> bool {
    let mut chars = symbol.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return false;
    };
    if c.is_ascii_graphic() || c == ' ' {
        return true;
    }
    let width = str_width(symbol, AmbiguousWidth::Narrow);
    !CodePointSetData::new::<ExtendedPictographic>().contains(c)
        && width == str_width(symbol, AmbiguousWidth::Wide)
        && UnicodeWidthChar::width(c) == Some(width)
}

/// Whether `cell` is a glyph of one column whose width terminals agree on, nothing else.
pub fn plain_narrow(cell: &Cell) -> bool {
    let symbol = cell.symbol();
    cell.diff_option == CellDiffOption::None
        && !symbol.starts_with('\x1b')
        && str_width(symbol, AmbiguousWidth::Narrow) == 1
        && certain_width(symbol)
        && !may_disagree(symbol, 1)
}

/// Whether a glyph drawn over columns `from..to` of row `y` cut a wide glyph of `last` (the
/// frame on screen before) in two, so that the terminal erased its part at column `to`.
pub fn cut_wide_glyph(last: &Buffer, from: u16, to: u16, y: u16) -> bool {
    let Some(before) = to.checked_sub(1).filter(|&b| b >= from) else {
        return false;
    };
    last.cell(Position { x: before, y })
        .is_some_and(|c| str_width(c.symbol(), AmbiguousWidth::Narrow) > 1)
}

/// The glyphs of columns `from..to` of row `y` in `frame` and their shared pen, when all of
/// them qualify (see the module's comment) and take fewer than `limit` bytes. `odd` holds the
/// clusters on screen that terminals may draw wider, and the columns each may take.
pub fn glyphs(
    frame: &Buffer,
    odd: &HashMap<(u16, u16), usize>,
    (from, to, y): (u16, u16, u16),
    limit: usize,
) -> Option<(String, Pen)> {
    let spilled = odd.iter().any(|(&(ox, oy), &cols)| {
        oy == y && usize::from(ox) < usize::from(to) && usize::from(ox) + cols > usize::from(from)
    });
    if spilled {
        return None;
    }
    let mut text = String::new();
    let mut shared: Option<Pen> = None;
    let mut x = from;
    while x < to {
        let cell = frame.cell(Position { x, y })?;
        let symbol = cell.symbol();
        if cell.diff_option != CellDiffOption::None || symbol.starts_with('\x1b') {
            return None;
        }
        let width = str_width(symbol, AmbiguousWidth::Narrow);
        if width == 0 || may_disagree(symbol, width) || !certain_width(symbol) {
            return None;
        }
        let pen = Pen::of(cell);
        if shared.is_some_and(|p| p != pen) {
            return None;
        }
        shared = Some(pen);
        x = x.checked_add(u16::try_from(width).ok()?)?;
        if x > to {
            return None;
        }
        text.push_str(symbol);
        if text.len() >= limit {
            return None;
        }
    }
    shared.map(|pen| (text, pen))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Style};

    #[test]
    fn a_gap_is_given_back_only_when_short_certain_and_of_one_pen() {
        let mut frame = Buffer::empty(Rect::new(0, 0, 12, 1));
        frame.set_string(0, 0, "ab日", Style::new());
        frame.set_string(4, 0, "c", Style::new().fg(Color::Red));
        frame.set_string(5, 0, "…d", Style::new());
        let none = HashMap::new();
        let (text, pen) = glyphs(&frame, &none, (0, 4, 0), 10).expect("plain");
        assert_eq!((text.as_str(), pen), ("ab日", Pen::DEFAULT));
        assert_eq!(glyphs(&frame, &none, (0, 4, 0), 5), None, "too long");
        assert_eq!(
            glyphs(&frame, &none, (0, 3, 0), 10),
            None,
            "cuts the wide glyph"
        );
        assert_eq!(glyphs(&frame, &none, (3, 5, 0), 10), None, "two pens");
        assert_eq!(
            glyphs(&frame, &none, (5, 6, 0), 10),
            None,
            "ambiguous width"
        );
        assert!(glyphs(&frame, &none, (6, 8, 0), 10).is_some());
        assert!(certain_width("日") && certain_width("a") && certain_width(" "));
        for doubtful in ["…", "ｶﾞ", "\u{FF9E}", "e\u{301}", "😀", "❤"] {
            assert!(!certain_width(doubtful), "{doubtful:?}");
        }
        let flag = HashMap::from([((8, 0), 4)]);
        assert_eq!(
            glyphs(&frame, &flag, (6, 9, 0), 10),
            None,
            "a flag may spill"
        );
        frame[(7, 0)].set_diff_option(CellDiffOption::Skip);
        assert_eq!(
            glyphs(&frame, &none, (6, 8, 0), 10),
            None,
            "a picture's cell"
        );
    }
}
