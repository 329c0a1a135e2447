//! A terminal backend that writes fewer bytes than ratatui's own, for slow links: it knows a
//! wide character moves the cursor two columns (ratatui's backend sends a cursor move before
//! every wide character of a changed run, ~8 bytes per Japanese character), it sends only
//! what changed of the colours and attributes, in one SGR sequence ([`pen`]), it crosses a
//! short gap between changed cells by drawing the unchanged glyphs again when it is given
//! the whole frame ([`SlimBackend::upcoming`]) and they are shorter than a move ([`gap`]),
//! and it does not hide an already hidden cursor on every frame.
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

use crossterm::cursor::MoveTo;
use crossterm::queue;
use crossterm::style::Print;
use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Size};

use icu_properties::CodePointMapData;
use icu_properties::props::{GeneralCategory, GeneralCategoryGroup};
use unicode_width::UnicodeWidthChar;

use crate::text::{AmbiguousWidth, str_width};

mod gap;
mod pen;
#[cfg(test)]
mod props;

use self::pen::Pen;

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
    /// The frame the next [`Backend::draw`] brings to the screen (see
    /// [`SlimBackend::upcoming`]): its unchanged cells are what the screen shows.
    frame: Option<Buffer>,
    /// The frame on the screen, when the last draw was shown it and nothing was cleared
    /// since: where it had wide glyphs that the next frame draws over.
    last: Option<Buffer>,
    /// A buffer no longer needed, given back by [`SlimBackend::spare_frame`].
    spare: Option<Buffer>,
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
            frame: None,
            last: None,
            spare: None,
        }
    }

    /// Forget what the terminal is believed to show (after a suspend, the shell may have
    /// changed it): the next frame sets everything again.
    pub fn forget_state(&mut self) {
        self.cursor_hidden = None;
        self.last = None;
    }

    /// The whole frame that the next [`Backend::draw`] brings to the screen, rendered but not
    /// drawn yet: with it a short gap between changed cells can be crossed by drawing its
    /// glyphs again. Used by that one draw only.
    pub fn upcoming(&mut self, frame: Buffer) {
        self.frame = Some(frame);
    }

    /// The buffer the last frame was given in, to copy the next one into without allocating.
    pub fn spare_frame(&mut self) -> Buffer {
        self.spare.take().unwrap_or_default()
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

/// Where the terminal's cursor is after the last printed glyph, and whether that is certain:
/// no glyph printed since it was placed is one that terminals may draw in another width.
#[derive(Clone, Copy)]
struct Cursor {
    x: u16,
    y: u16,
    certain: bool,
}

/// What the screen shows besides what is being drawn: the frame's unchanged cells, and the
/// clusters terminals may draw wider than kiji counts.
#[derive(Clone, Copy)]
struct Screen<'a> {
    frame: Option<&'a Buffer>,
    odd: &'a HashMap<(u16, u16), usize>,
}

/// Draw the frame's cell at `at`, a column the terminal erased, where the cursor is (placed
/// again when that is not certain); a cell that is not a plain narrow glyph is left alone.
fn pay(
    w: &mut impl Write,
    frame: &Buffer,
    (x, y): (u16, u16),
    pen: &mut Pen,
    cursor: Option<Cursor>,
) -> io::Result<Option<Cursor>> {
    let Some(cell) = frame.cell(Position { x, y }) else {
        return Ok(cursor);
    };
    if !gap::plain_narrow(cell) {
        return Ok(cursor);
    }
    if !cursor.is_some_and(|at| at.certain && (at.x, at.y) == (x, y)) {
        queue!(w, MoveTo(x, y))?;
    }
    pen::write_change(w, *pen, Pen::of(cell))?;
    *pen = Pen::of(cell);
    queue!(w, Print(cell.symbol()))?;
    Ok(Some(Cursor {
        x: x.saturating_add(1),
        y,
        certain: true,
    }))
}

/// `CSI col G`: the cursor to column `x` of its row.
fn column_move(x: u16) -> String {
    format!("\x1b[{}G", u32::from(x) + 1)
}

/// Bring the cursor from `cursor` (where it is, when known) to column `x` of row `y`, the
/// cheapest way: a gap on the same row is crossed by drawing its unchanged glyphs again
/// when they are known, share the pen in use or the one the next cell wants, and take fewer
/// bytes than a move; otherwise only the column is set (`CSI col G`, 4-6 bytes where
/// `CSI row;col H` is 6-9). The column is absolute, not a step forward, so a glyph the
/// terminal draws wider or narrower than kiji counts cannot shift what follows.
fn place(
    w: &mut impl Write,
    screen: Screen<'_>,
    pen: &mut Pen,
    next_pen: Pen,
    cursor: Option<Cursor>,
    (x, y): (u16, u16),
) -> io::Result<()> {
    match cursor {
        Some(at) if (at.x, at.y) == (x, y) => Ok(()),
        Some(at) if at.y == y => {
            let mv = column_move(x);
            let frame = screen.frame.filter(|_| at.certain && at.x < x);
            if let Some(frame) = frame {
                let gap = (at.x, x, y);
                if let Some((text, gap_pen)) = gap::glyphs(frame, screen.odd, gap, mv.len()) {
                    if gap_pen == *pen || gap_pen == next_pen {
                        pen::write_change(w, *pen, gap_pen)?;
                        *pen = gap_pen;
                        return w.write_all(text.as_bytes());
                    }
                }
            }
            w.write_all(mv.as_bytes())
        }
        _ => queue!(w, MoveTo(x, y)),
    }
}

impl<W: Write> Backend for SlimBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let w = &mut self.writer;
        let odd = &mut self.odd;
        let frame = self.frame.take();
        let last = self
            .last
            .take()
            .filter(|l| frame.as_ref().is_some_and(|f| f.area == l.area));
        let mut pen = Pen::DEFAULT;
        let mut cursor: Option<Cursor> = None;
        // A column the terminal erased (the rest of a wide glyph drawn over) that ratatui
        // does not send, the frame having there what it had before.
        let mut owed: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            if let (Some(at), Some(frame)) = (owed.take(), &frame) {
                if at != (x, y) {
                    cursor = pay(w, frame, at, &mut pen, cursor)?;
                }
            }
            let want = Pen::of(cell);
            let screen = Screen {
                frame: frame
                    .as_ref()
                    .filter(|f| f.area.contains(Position { x, y })),
                odd,
            };
            place(w, screen, &mut pen, want, cursor, (x, y))?;
            let certain = match cursor {
                Some(at) if (at.x, at.y) == (x, y) => at.certain,
                // Placed by a move, or by glyphs of certain width.
                _ => true,
            };
            pen::write_change(w, pen, want)?;
            pen = want;
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
            let columns = u16::try_from(advance).unwrap_or(1);
            let next = x.saturating_add(columns);
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
            cursor = Some(Cursor {
                x: next,
                y,
                certain: certain && gap::certain_width(symbol),
            });
            if let Some(last) = &last {
                if gap::cut_wide_glyph(last, x, next, y) {
                    owed = Some((next, y));
                }
            }
        }
        if let (Some(at), Some(frame)) = (owed, &frame) {
            pay(w, frame, at, &mut pen, cursor)?;
        }
        self.spare = last;
        self.last = frame;
        pen::write_change(w, pen, Pen::DEFAULT)
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
        self.last = None;
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
    use ratatui::style::Color;

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
        assert_eq!(out, "\u{1b}[1;1H\u{1b}[31mab\u{1b}[44mc\u{1b}[m");
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
            "\u{1b}[1;1H\u{1b}[90;107ma\u{1b}[38;5;208;48;5;17mb\
             \u{1b}[38;2;1;2;3;48;2;4;5;6mc\u{1b}[m"
        );
    }

    #[test]
    fn a_short_gap_is_crossed_with_the_glyphs_of_the_frame() {
        let area = Rect::new(0, 0, 16, 4);
        let plain = ratatui::style::Style::new();
        let red = plain.fg(Color::Red);
        let mut old = Buffer::empty(area);
        old.set_string(0, 0, "aXcXe", plain);
        old.set_string(0, 1, "aX", plain);
        old.set_string(2, 1, "c", red);
        old.set_string(0, 2, "日本", plain);
        old.set_string(10, 3, "a日b", plain);
        let mut new = Buffer::empty(area);
        new.set_string(0, 0, "abcde", plain);
        new.set_string(0, 1, "ab", plain);
        new.set_string(2, 1, "cd", red);
        new.set_string(0, 2, "a b", plain);
        new.set_string(10, 3, "A日B", plain);
        let mut b = SlimBackend::new(Vec::new());
        b.draw(Buffer::empty(area).diff(&old).into_iter())
            .expect("draw");
        let before = b.writer().len();
        b.upcoming(new.clone());
        b.draw(old.diff(&new).into_iter()).expect("draw");
        let out = String::from_utf8(b.writer()[before..].to_vec()).expect("utf-8");
        // The unchanged `c` is drawn again rather than moved over, in the pen in use or the
        // one the next change wants; so is the blank left by the erased `日`.
        assert_eq!(
            out,
            "\u{1b}[1;2Hbcd\u{1b}[2;2Hb\u{1b}[31mcd\u{1b}[3;1H\u{1b}[ma b\u{1b}[4;11HA日B"
        );
        // Without the frame (it serves one draw only), a gap takes a move.
        let before = b.writer().len();
        b.draw(new.diff(&old).into_iter()).expect("draw");
        let out = String::from_utf8(b.writer()[before..].to_vec()).expect("utf-8");
        assert!(out.starts_with("\u{1b}[1;2HX\u{1b}[4GX"), "{out:?}");
    }
}
