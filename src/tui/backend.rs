//! A terminal backend that writes fewer bytes than ratatui's own, for slow links: it knows a
//! wide character moves the cursor two columns (ratatui's backend sends a cursor move before
//! every wide character of a changed run, ~8 bytes per Japanese character), and it sends only
//! the colour that changed, and it does not hide an already hidden cursor on every frame.
//! The 16 ANSI colours go out as the classic `ESC[31m`-style codes, which every colour
//! terminal knows (crossterm would write them as `ESC[38;5;1m`, which 16-colour terminals may
//! not); palette numbers and `#rrggbb` go out as they are, the theme having already mapped
//! them down to the terminal's colour depth (`crate::style::depth`).
//!
//! A grapheme cluster that terminals may draw in another number of columns than kiji counts
//! (an emoji ZWJ sequence, a flag, a skin tone: a terminal or tmux that adds up the widths of
//! the characters draws `🇯🇵` in four columns, or `👩‍🔬` in five) is drawn so that no cell is
//! left stale: the columns kiji gives it are cleared first, the cursor is placed again after
//! it ([`may_disagree`]), and when something else is drawn over it later, all its columns are
//! cleared again (a terminal may have drawn it as two one-column glyphs, and ratatui sends only
//! the first cell of what replaces it).

use std::collections::HashMap;
use std::io::{self, Write};

use crossterm::cursor::{MoveTo, MoveToColumn};
use crossterm::queue;
use crossterm::style::{Attribute, Print, SetAttribute};
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

use icu_properties::CodePointMapData;
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
use unicode_width::UnicodeWidthChar;

use crate::text::{AmbiguousWidth, str_width};

/// A crossterm backend for ratatui that writes as little as it can.
pub struct SlimBackend<W: Write> {
    writer: W,
    cursor_hidden: Option<bool>,
    /// Where kiji last put the cursor.
    cursor: Position,
    /// The clusters on screen that terminals may draw differently ([`may_disagree`]): where,
    /// and the columns to clear when they are drawn over.
    odd: HashMap<(u16, u16), usize>,
    /// Bytes of pictures' escape sequences written since [`SlimBackend::take_picture_bytes`].
    picture_bytes: u64,
}

impl<W: Write> SlimBackend<W> {
    /// A backend writing to `writer`.
    pub fn new(writer: W) -> Self {
        SlimBackend {
            writer,
            cursor_hidden: None,
            cursor: Position::ORIGIN,
            odd: HashMap::new(),
            picture_bytes: 0,
        }
    }

    /// Forget what the terminal is believed to show (after a suspend, the shell may have
    /// changed it): the next frame sets everything again.
    pub fn forget_state(&mut self) {
        self.cursor_hidden = None;
    }

    /// The bytes of pictures (escape sequences carried in cells) written since the last call.
    pub fn take_picture_bytes(&mut self) -> u64 {
        std::mem::take(&mut self.picture_bytes)
    }

    /// What has been written so far (for tests over an in-memory writer).
    pub fn writer(&self) -> &W {
        &self.writer
    }
}

/// A character's own width, as a terminal that draws one character at a time gives it (the
/// halfwidth voiced marks take a column, as in [`crate::text::width`]).
fn own_width(c: char) -> usize {
    match c {
        '\u{FF9E}' | '\u{FF9F}' => 1,
        c => c.width().unwrap_or(0),
    }
}

/// The columns a terminal that adds up the characters' own widths gives a cluster.
fn by_char_width(symbol: &str) -> usize {
    symbol.chars().map(own_width).sum()
}

/// Whether terminals may draw a cluster in another number of columns than kiji's `width`:
/// when it holds more than one character and either a character after the first is not a
/// combining mark (a ZWJ and a second emoji, a second regional indicator, a skin tone, a
/// conjoining jamo), or adding up the characters' own widths gives another width (`❤️`).
/// A character and its combining marks (`é`, `ｶﾞ`, `葛󠄀`) is drawn as counted everywhere.
fn may_disagree(symbol: &str, width: usize) -> bool {
    let mut chars = symbol.chars();
    if chars.next().is_none() || chars.as_str().is_empty() {
        return false;
    }
    let categories = CodePointMapData::<GeneralCategory>::new();
    let all_marks = chars.all(|c| {
        matches!(c, '\u{FF9E}' | '\u{FF9F}')
            || GeneralCategoryGroup::Mark.contains(categories.get(c))
    });
    !all_marks || by_char_width(symbol) != width
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

/// Set the foreground (`bg` false) or background colour. Written here rather than by
/// crossterm, which writes nothing but `ESC[m` (a full reset) for every colour when `NO_COLOR`
/// is set, even when the user asked for colour with `--colors`.
fn queue_color(w: &mut impl Write, c: Color, bg: bool) -> io::Result<()> {
    let base = if bg { 48 } else { 38 };
    match (ansi_code(c), c) {
        (Some(code), _) => write!(w, "\x1b[{}m", code + if bg { 10 } else { 0 }),
        (None, Color::Indexed(i)) => write!(w, "\x1b[{base};5;{i}m"),
        (None, Color::Rgb(r, g, b)) => write!(w, "\x1b[{base};2;{r};{g};{b}m"),
        (None, _) => Ok(()),
    }
}

/// Send the SGR changes that turn `from` into `to` (the same steps as ratatui's backend).
fn queue_modifier_diff(w: &mut impl Write, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    if removed.contains(Modifier::REVERSED) {
        queue!(w, SetAttribute(Attribute::NoReverse))?;
    }
    if removed.contains(Modifier::BOLD) || removed.contains(Modifier::DIM) {
        queue!(w, SetAttribute(Attribute::NormalIntensity))?;
        if to.contains(Modifier::DIM) {
            queue!(w, SetAttribute(Attribute::Dim))?;
        }
        if to.contains(Modifier::BOLD) {
            queue!(w, SetAttribute(Attribute::Bold))?;
        }
    }
    if removed.contains(Modifier::ITALIC) {
        queue!(w, SetAttribute(Attribute::NoItalic))?;
    }
    if removed.contains(Modifier::UNDERLINED) {
        queue!(w, SetAttribute(Attribute::NoUnderline))?;
    }
    if removed.contains(Modifier::CROSSED_OUT) {
        queue!(w, SetAttribute(Attribute::NotCrossedOut))?;
    }
    if removed.contains(Modifier::HIDDEN) {
        queue!(w, SetAttribute(Attribute::NoHidden))?;
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        queue!(w, SetAttribute(Attribute::NoBlink))?;
    }
    let added = to - from;
    for (m, a) in [
        (Modifier::REVERSED, Attribute::Reverse),
        (Modifier::BOLD, Attribute::Bold),
        (Modifier::ITALIC, Attribute::Italic),
        (Modifier::UNDERLINED, Attribute::Underlined),
        (Modifier::DIM, Attribute::Dim),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink),
        (Modifier::HIDDEN, Attribute::Hidden),
    ] {
        if added.contains(m) {
            queue!(w, SetAttribute(a))?;
        }
    }
    Ok(())
}

impl<W: Write> Backend for SlimBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let w = &mut self.writer;
        let odd = &mut self.odd;
        let (mut fg, mut bg, mut modifier) = (Color::Reset, Color::Reset, Modifier::empty());
        // Where the terminal's cursor is after the last printed glyph.
        let mut cursor: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            match cursor {
                Some(at) if at == (x, y) => {}
                // On the same row only the column is set (`CSI col G`, 4-6 bytes where
                // `CSI row;col H` is 6-9): the gaps a diff leaves, such as the second column
                // of a wide character blanked by one space, are many. The column is absolute,
                // not a step forward, so a glyph the terminal draws wider or narrower than
                // kiji counts cannot shift what follows.
                Some((_, cy)) if cy == y => queue!(w, MoveToColumn(x))?,
                _ => queue!(w, MoveTo(x, y))?,
            }
            if cell.modifier != modifier {
                queue_modifier_diff(w, modifier, cell.modifier)?;
                modifier = cell.modifier;
            }
            if cell.fg != fg {
                queue_color(w, cell.fg, false)?;
                fg = cell.fg;
            }
            if cell.bg != bg {
                queue_color(w, cell.bg, true)?;
                bg = cell.bg;
            }
            let symbol = cell.symbol();
            if symbol.starts_with('\x1b') {
                // A picture's escape sequence carried in its first cell (kitty's transmit, a
                // sixel or iTerm2 image): sent as it is and counted; where the terminal leaves
                // the cursor is its business, so the next cell is placed again.
                if let Some(old) = odd.remove(&(x, y)) {
                    queue!(w, Print(" ".repeat(old)), MoveTo(x, y))?;
                }
                queue!(w, Print(symbol))?;
                self.picture_bytes += symbol.len() as u64;
                cursor = None;
                continue;
            }
            let advance = str_width(symbol, AmbiguousWidth::Narrow).max(1);
            let next = x.saturating_add(u16::try_from(advance).unwrap_or(1));
            if let Some(old) = odd.remove(&(x, y)) {
                if old > advance {
                    queue!(w, Print(" ".repeat(old)), MoveTo(x, y))?;
                }
            }
            if may_disagree(symbol, advance) {
                // Blank the cells first, so a terminal that draws the cluster narrower leaves
                // none of the old text behind, and place the cursor after it explicitly.
                queue!(w, Print(" ".repeat(advance)), MoveTo(x, y), Print(symbol))?;
                odd.insert((x, y), advance.max(by_char_width(symbol)));
                cursor = None;
                continue;
            }
            queue!(w, Print(symbol))?;
            cursor = Some((next, y));
        }
        if fg != Color::Reset {
            queue_color(w, Color::Reset, false)?;
        }
        if bg != Color::Reset {
            queue_color(w, Color::Reset, true)?;
        }
        if !modifier.is_empty() {
            queue!(w, SetAttribute(Attribute::Reset))?;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden != Some(true) {
            queue!(self.writer, crossterm::cursor::Hide)?;
            self.cursor_hidden = Some(true);
        }
        Ok(())
    }

    /// Never fails: ratatui's `Terminal` calls this when it is dropped and prints a failure
    /// to stderr, which panics when stderr is a terminal that went away (and aborts, during
    /// a panic). kiji's own restore shows the cursor again anyway.
    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_hidden != Some(false) {
            let _ = queue!(self.writer, crossterm::cursor::Show);
            self.cursor_hidden = Some(false);
        }
        Ok(())
    }

    /// Where kiji last put the cursor. The terminal is never asked (CSI 6n): over SSH that is
    /// a round trip, and a terminal that does not answer would stall the reader; the reader
    /// hides the cursor and only ratatui's `clear` wants to know it.
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self.cursor)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        self.cursor = Position { x, y };
        queue!(self.writer, MoveTo(x, y))
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        if clear_type == ClearType::All {
            self.odd.clear();
        }
        use crossterm::terminal::{Clear, ClearType as C};
        let t = match clear_type {
            ClearType::All => C::All,
            ClearType::AfterCursor => C::FromCursorDown,
            ClearType::BeforeCursor => C::FromCursorUp,
            ClearType::CurrentLine => C::CurrentLine,
            ClearType::UntilNewLine => C::UntilNewLine,
        };
        queue!(self.writer, Clear(t))
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = crossterm::terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let ws = crossterm::terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size {
                width: ws.columns,
                height: ws.rows,
            },
            pixels: Size {
                width: ws.width,
                height: ws.height,
            },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;

    fn drawn(buf: &Buffer) -> String {
        let mut b = SlimBackend::new(Vec::new());
        let empty = Buffer::empty(buf.area);
        let updates = empty.diff(buf);
        b.draw(updates.into_iter()).expect("draw");
        String::from_utf8(b.writer().clone()).expect("utf-8")
    }

    #[test]
    fn a_gap_on_the_same_row_is_crossed_by_setting_the_column_only() {
        let area = Rect::new(0, 0, 12, 2);
        let mut old = Buffer::empty(area);
        old.set_string(0, 0, "日本語です", ratatui::style::Style::new());
        let mut new = Buffer::empty(area);
        new.set_string(0, 0, "日 ", ratatui::style::Style::new());
        new.set_string(0, 1, "x", ratatui::style::Style::new());
        let mut b = SlimBackend::new(Vec::new());
        b.draw(Buffer::empty(area).diff(&old).into_iter())
            .expect("draw");
        let before = b.writer().len();
        b.draw(old.diff(&new).into_iter()).expect("draw");
        let out = String::from_utf8(b.writer()[before..].to_vec()).expect("utf-8");
        // Each wide character blanked by one space leaves its second column unchanged: the
        // cursor is set past it with `CSI col G`; another row still takes a full move.
        assert_eq!(
            out,
            "\u{1b}[1;3H \u{1b}[5G \u{1b}[7G \u{1b}[9G \u{1b}[2;1Hx"
        );
    }

    #[test]
    fn a_run_of_wide_characters_needs_one_cursor_move() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 12, 1));
        buf.set_string(1, 0, "日本語です", ratatui::style::Style::new());
        let out = drawn(&buf);
        assert_eq!(out, "\u{1b}[1;2H日本語です");
    }

    #[test]
    fn clusters_terminals_disagree_on_are_drawn_over_blanks_and_followed_by_a_move() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        buf.set_string(0, 0, "a🇯🇵b東", ratatui::style::Style::new());
        let out = drawn(&buf);
        assert_eq!(out, "\u{1b}[1;1Ha  \u{1b}[1;2H🇯🇵\u{1b}[1;4Hb東");
        // A lone wide character or a combining sequence is drawn as it is.
        assert!(!may_disagree("東", 2));
        assert!(!may_disagree("e\u{301}", 1));
        assert!(!may_disagree("ｶﾞ", 2));
        assert!(!may_disagree("葛\u{E0100}", 2));
        assert!(!may_disagree("1\u{20E3}", 1));
        assert!(may_disagree("👍🏽", 2));
        assert!(may_disagree("\u{1100}\u{1161}", 2));
        assert!(!may_disagree("❤", 1));
        assert!(may_disagree("❤\u{FE0F}", 2));
        assert!(may_disagree("👩\u{200D}🔬", 2));
    }

    #[test]
    fn drawing_over_such_a_cluster_clears_all_its_columns() {
        let mut b = SlimBackend::new(Vec::new());
        let area = Rect::new(0, 0, 6, 1);
        let mut old = Buffer::empty(area);
        old.set_string(0, 0, "a🇯🇵b", ratatui::style::Style::new());
        b.draw(Buffer::empty(area).diff(&old).into_iter())
            .expect("draw");
        let before = b.writer().len();
        let new = Buffer::empty(area);
        b.draw(old.diff(&new).into_iter()).expect("draw");
        let out = String::from_utf8(b.writer()[before..].to_vec()).expect("utf-8");
        // The flag's two columns are blanked although ratatui sends only its first cell.
        assert_eq!(out, "\u{1b}[1;1H   \u{1b}[1;2H \u{1b}[4G ");
        assert!(b.odd.is_empty());
        // Drawn again, it is remembered again; clearing the screen forgets it.
        b.draw(new.diff(&old).into_iter()).expect("draw");
        assert_eq!(b.odd.len(), 1);
        b.clear().expect("clear");
        assert!(b.odd.is_empty());
    }

    #[test]
    fn only_changed_colours_are_sent() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        let red = ratatui::style::Style::new().fg(Color::Red);
        buf.set_string(0, 0, "ab", red);
        buf.set_string(2, 0, "c", red.bg(Color::Blue));
        let out = drawn(&buf);
        assert_eq!(
            out,
            "\u{1b}[1;1H\u{1b}[31mab\u{1b}[44mc\u{1b}[39m\u{1b}[49m"
        );
    }

    #[test]
    fn each_colour_kind_has_its_sequence() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        let s = ratatui::style::Style::new();
        buf.set_string(0, 0, "a", s.fg(Color::DarkGray).bg(Color::White));
        buf.set_string(1, 0, "b", s.fg(Color::Indexed(208)).bg(Color::Indexed(17)));
        buf.set_string(2, 0, "c", s.fg(Color::Rgb(1, 2, 3)).bg(Color::Rgb(4, 5, 6)));
        let out = drawn(&buf);
        assert_eq!(
            out,
            "\u{1b}[1;1H\u{1b}[90m\u{1b}[107ma\u{1b}[38;5;208m\u{1b}[48;5;17mb\
             \u{1b}[38;2;1;2;3m\u{1b}[48;2;4;5;6mc\u{1b}[39m\u{1b}[49m"
        );
    }
}
